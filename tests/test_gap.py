"""clus_gap and max_se against R 4.2.2 / cluster 2.1.4.

Fixtures come from tests/r_reference/make_gap_fixtures.R; every expected value
marked "R" was computed by R, none by statkmeans. The W_k kernel is also
checked against a naive, obviously correct Python reference.
"""

from __future__ import annotations

import functools
import io
import math
import multiprocessing
import sys
import warnings
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

import attrs
import numpy as np
import pandas as pd
import pytest
from conftest import load_fixture, num, rows
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from statkmeans import (
    InvalidArgumentError,
    InvalidTypeError,
    RStream,
    StatKMeansWarning,
    get_stream,
    kmeans,
    load_dataset,
    runif,
    set_seed,
)
from statkmeans._kernels import _gap
from statkmeans.gap import ClusGapResult, clus_gap, max_se

FIX = load_fixture("gap_fixtures.json")
GENERATED = {name: rows(values) for name, values in FIX["data"].items()}
NAMED = ("USArrests", "iris", "faithful", "ruspini")
CASES = FIX["cases"]
COLUMNS = {"logW": "logW", "E.logW": "E_logW", "gap": "gap", "SE.sim": "SE_sim"}
METHODS = ("firstSEmax", "Tibs2001SEmax", "globalSEmax", "firstmax", "globalmax")


def dataset(name: str):
    """Fixture data by name: a bundled dataset as R had it, or generated data."""
    if name in NAMED:
        frame = load_dataset(name)
        return frame.iloc[:, :4] if name == "iris" else frame
    return GENERATED[name]


def r_num(values) -> np.ndarray:
    """R doubles with NA (written as "NA") as NaN."""
    return np.array([math.nan if v == "NA" else float(v) for v in values])


def kmeans_args(case: dict) -> dict:
    args = case["kmeans_args"] or {}
    return {name.replace(".", "_"): value for name, value in args.items()}


def run_case(case: dict, **extra) -> ClusGapResult:
    """set.seed(seed); clusGap(...) of a fixture case, here."""
    set_seed(case["seed"])
    return clus_gap(dataset(case["data"]), kmeans, K_max=case["K_max"], B=case["B"],
                    d_power=case["d_power"], spaceH0=case["spaceH0"], verbose=False,
                    **kmeans_args(case), **extra)


def case_id(case: dict) -> str:
    args = "".join(f"-{k}{v}" for k, v in kmeans_args(case).items())
    return (f"{case['data']}-{case['spaceH0']}-d{case['d_power']}-K{case['K_max']}"
            f"-B{case['B']}-s{case['seed']}{args}")


def r_tab(case: dict) -> pd.DataFrame:
    return pd.DataFrame({col: r_num(case["Tab"][key]) for col, key in COLUMNS.items()})


@functools.lru_cache(maxsize=None)
def usarrests_gap() -> ClusGapResult:
    """R's reference example: set.seed(1); clusGap(USArrests, kmeans, K.max = 5, B = 10)."""
    set_seed(1)
    return clus_gap(load_dataset("USArrests"), kmeans, K_max=5, B=10, verbose=False)


# -- max_se -------------------------------------------------------------------


MAX_SE_CASES = [
    (i, method, j) for i, curve in enumerate(FIX["max_se"]) for method in METHODS
    for j in range(len(curve["SE_factor"]))
]


class TestMaxSE:
    """maxSE: all five methods, several SE.factor values, against R."""

    @pytest.mark.parametrize(("curve", "method", "factor"), MAX_SE_CASES)
    def test_r_curves(self, curve, method, factor):
        """Every crafted curve, method and SE.factor gives R's k."""
        c = FIX["max_se"][curve]
        f, se = num(c["f"]), num(c["SE_f"])
        expected = c["k"][method]
        expected = expected[factor] if isinstance(expected, list) else expected
        assert max_se(f, se, method, num(c["SE_factor"])[factor]) == expected

    def test_reference_example(self):
        """R's USArrests example (docs/r-behaviour.md 10.8): 1, 1, 2, 2, 5."""
        gap = usarrests_gap()
        got = [gap.n_clusters(m) for m in METHODS]
        assert got == [1, 1, 2, 2, 5]

    def test_prefix_and_inputs(self):
        """A unique prefix selects the method; lists, Series and arrays all work."""
        f, se = [0.1, 0.3, 0.2], [0.01, 0.01, 0.01]
        assert max_se(f, se, "Tibs") == max_se(np.array(f), pd.Series(se), "Tibs2001SEmax") == 2
        assert max_se([0.7], [0.1]) == 1

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (([1, 2, 3], [1, 1, 1], "best"), FIX["errors"]["maxSE_method"]),
            (([1, 2, 3], [1, math.nan, 1]), FIX["errors"]["maxSE_na"]),
            (([1, 2, 3], [1, -1, 1]), FIX["errors"]["maxSE_neg"]),
            (([1, 2, 3], [1, 1]), FIX["errors"]["maxSE_len"]),
            (([1, 2, 3], [1, 1, 1], "firstSEmax", -1), FIX["errors"]["maxSE_factor"]),
            (([], []), "at least one value"),
            (([1, math.inf], [1, 1]), "'f' must be finite"),
        ],
    )
    def test_errors(self, args, message):
        """Bad input fails with R's message (and what to do)."""
        with pytest.raises(InvalidArgumentError, match=_literal(message)):
            max_se(*args)

    def test_type_errors(self):
        """Non-numeric curves and SE_factor are type errors."""
        with pytest.raises(InvalidTypeError, match="'f' must be numeric"):
            max_se(["a", "b"], [1, 1])
        with pytest.raises(InvalidTypeError, match="'SE_factor' must be a number"):
            max_se([1, 2], [1, 1], SE_factor="1")

    @settings(max_examples=200, deadline=None)
    @given(
        hnp.arrays(np.float64, st.integers(1, 12), elements=st.floats(-2, 2, width=32)),
        st.data(),
    )
    def test_invariants(self, f, data):
        """k is in 1..K; SE_factor 0 reduces the SE rules to their maxima; more SE, smaller k."""
        se = data.draw(hnp.arrays(np.float64, f.size, elements=st.floats(0, 1, width=32)))
        K = f.size
        for method in METHODS:
            assert 1 <= max_se(f, se, method) <= K
        assert max_se(f, se, "globalmax") == int(np.argmax(f)) + 1
        assert max_se(f, se, "firstSEmax", 0) == max_se(f, se, "firstmax")
        assert max_se(f, se, "globalSEmax", 0) == max_se(f, se, "globalmax")
        for method in ("firstSEmax", "globalSEmax", "Tibs2001SEmax"):
            ks = [max_se(f, se, method, factor) for factor in (0, 0.5, 1, 2, 4)]
            assert ks == sorted(ks, reverse=True)


def _literal(message: str) -> str:
    import re

    return re.escape(message)


# -- the W_k kernel ---------------------------------------------------------------


def naive_w(x: np.ndarray, labels: np.ndarray, d_power: float) -> float:
    """R's W_k the obvious way: clusters in code order, pairs in dist() order,
    d^power / n_r summed in extended precision, then halved."""
    parts = []
    for code in np.unique(labels):
        members = x[labels == code]
        nr = len(members)
        acc = np.longdouble(0)
        for j in range(nr):
            for i in range(j + 1, nr):
                s = 0.0
                for c in range(x.shape[1]):
                    dev = members[i, c] - members[j, c]
                    s += dev * dev
                d = math.sqrt(s)
                term = d if d_power == 1 else (d * d if d_power == 2 else d ** d_power)
                acc += np.longdouble(term / nr)
        parts.append(float(acc))
    total = np.longdouble(0)
    for part in parts:
        total += np.longdouble(part)
    return 0.5 * float(total)


@st.composite
def labelled_data(draw):
    n = draw(st.integers(2, 40))
    p = draw(st.integers(1, 4))
    x = draw(hnp.arrays(np.float64, (n, p), elements=st.floats(-100, 100, width=32)))
    m = draw(st.integers(1, 3))
    labels = np.array([draw(hnp.arrays(np.int32, n, elements=st.integers(0, 4)))
                       for _ in range(m)])
    return x, labels


def kernel_w(x, labels, d_power, pair_limit=-1, n_threads=1):
    codes = np.array([np.unique(row, return_inverse=True)[1] for row in labels], dtype=np.int32)
    ks = np.array([len(np.unique(row)) for row in labels], dtype=np.int32)
    return _gap.within(np.ascontiguousarray(x), codes, ks, d_power, pair_limit, n_threads)


class TestWithinKernel:
    """The compiled W_k against a naive reference, and R's own W_1."""

    @settings(max_examples=150, deadline=None)
    @given(labelled_data(), st.sampled_from([1.0, 2.0, 0.5, 3.0]))
    def test_matches_naive(self, data, d_power):
        """Bit for bit the naive extended-precision sum, for any power."""
        x, labels = data
        got = kernel_w(x, labels, d_power)
        expected = [naive_w(x, row, d_power) for row in labels]
        np.testing.assert_array_equal(got, expected)

    def test_r_w1(self):
        """log W_1 of USArrests is R's to the last bit (R: 7.1227489178404433)."""
        x = load_dataset("USArrests").to_numpy()
        w = kernel_w(x, np.zeros((1, len(x)), dtype=np.int32), 1.0)
        assert math.log(w[0]) == 7.1227489178404433

    def test_identity_close(self):
        """d_power = 2: the within-sum-of-squares identity is within 1e-13 of the pairs."""
        gen = np.random.default_rng(3)
        x = gen.normal(size=(300, 3)) * [1, 10, 100]
        labels = gen.integers(0, 4, size=(3, 300))
        exact = kernel_w(x, labels, 2.0)
        identity = kernel_w(x, labels, 2.0, pair_limit=0)
        np.testing.assert_allclose(identity, exact, rtol=1e-13)
        assert not np.array_equal(kernel_w(x, labels, 1.0, pair_limit=0), identity)

    def test_threads_do_not_change_results(self):
        """Any thread count gives the same bits (each cluster is summed in order)."""
        gen = np.random.default_rng(4)
        x = gen.normal(size=(3000, 3))
        labels = gen.integers(0, 6, size=(3, 3000))
        one = kernel_w(x, labels, 1.0, n_threads=1)
        np.testing.assert_array_equal(kernel_w(x, labels, 1.0, n_threads=2), one)
        np.testing.assert_array_equal(kernel_w(x, labels, 1.0, n_threads=3), one)

    def test_empty_and_singleton_clusters(self):
        """Unused codes and singletons contribute nothing."""
        x = np.array([[0.0, 0.0], [3.0, 4.0], [10.0, 10.0]])
        w = _gap.within(x, np.array([[0, 0, 2]], dtype=np.int32), np.array([3], dtype=np.int32),
                        1.0, -1, 1)
        assert w[0] == 0.5 * (5.0 / 2)


# -- clus_gap against R -----------------------------------------------------------------


class TestClusGapR:
    """Seeded clus_gap reproduces R's Tab and leaves the stream where R leaves it."""

    @pytest.mark.parametrize("case", CASES, ids=case_id)
    def test_tab(self, case):
        """Tab within 2e-15 (exact for spaceH0='original'); n, B, spaceH0 as R's."""
        gap = run_case(case)
        expected = r_tab(case)
        got = gap.Tab.reset_index(drop=True)
        if case["spaceH0"] == "original":
            pd.testing.assert_frame_equal(got, expected, check_exact=True)
        else:  # numpy's SVD differs from R's LAPACK in the last bits
            pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=0, atol=2e-15)
        assert (gap.n, gap.B, gap.spaceH0) == (case["n"], case["B_out"], case["spaceH0_out"])
        assert gap.d_power == case["d_power"]

    @pytest.mark.parametrize("case", CASES, ids=case_id)
    def test_stream_after(self, case):
        """runif(2) after the call gives R's numbers: R's draws, in R's order."""
        run_case(case)
        np.testing.assert_array_equal(runif(2), num(case["runif_after"]))

    @pytest.mark.parametrize("case", [c for c in CASES if c.get("print") and c["B"] > 1],
                             ids=case_id)
    def test_print(self, case):
        """str(gap) is R's print(gap), but for the call line."""
        lines = str(run_case(case)).splitlines()
        expected = case["print"]
        assert lines[0] == expected[0]
        assert lines[1].startswith("clus_gap(x=<")
        assert lines[2:] == expected[2:]

    @pytest.mark.parametrize("case", [c for c in CASES if c.get("n_clusters")], ids=case_id)
    def test_n_clusters(self, case):
        """n_clusters(method) is R's maxSE on R's table, for all five methods."""
        gap = run_case(case)
        assert {m: gap.n_clusters(m) for m in METHODS} == case["n_clusters"]

    @pytest.mark.parametrize("out", FIX["print_methods"]["outputs"], ids=lambda o: o["method"])
    def test_print_methods(self, out):
        """to_string(method, SE_factor) is R's print(gap, method, SE.factor)."""
        pm = FIX["print_methods"]
        set_seed(pm["seed"])
        gap = clus_gap(dataset(pm["data"]), K_max=pm["K_max"], B=pm["B"], verbose=False)
        lines = gap.to_string(out["method"], out["SE_factor"]).splitlines()
        assert lines[0] == out["lines"][0]
        assert lines[2:] == out["lines"][2:]

    def test_two_calls_continue_the_stream(self):
        """Two calls after one set_seed: the second continues the stream, as in R."""
        seq = FIX["sequence"]
        set_seed(seq["seed"])
        g1 = clus_gap(dataset("USArrests"), K_max=3, B=5, verbose=False)
        g2 = clus_gap(dataset("iris"), K_max=4, B=5, spaceH0="original", verbose=False,
                      nstart=2)
        after = runif(2)
        for gap, key in ((g1, "first"), (g2, "second")):
            expected = pd.DataFrame({c: r_num(seq[key][k]) for c, k in COLUMNS.items()})
            pd.testing.assert_frame_equal(gap.Tab.reset_index(drop=True), expected,
                                          check_exact=False, rtol=0, atol=2e-15)
        np.testing.assert_array_equal(after, num(seq["runif_after"]))

    def test_rng_argument(self):
        """rng=seed equals set_seed(seed) and leaves the default stream alone."""
        case = CASES[0]
        set_seed(99)
        before = get_stream().copy()
        gap = clus_gap(dataset("USArrests"), K_max=5, B=10, verbose=False, rng=case["seed"])
        assert get_stream() == before
        assert gap.Tab.equals(run_case(case).Tab)
        stream = RStream(case["seed"])
        assert clus_gap(dataset("USArrests"), K_max=5, B=10, verbose=False,
                        rng=stream).Tab.equals(gap.Tab)
        np.testing.assert_array_equal(stream.runif(2), num(case["runif_after"]))


# -- verbose output --------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self):
        return True


class TestVerbose:
    """R's dots when not on a terminal, a progress bar on one, silence by default."""

    @pytest.mark.parametrize("case", [c for c in CASES if c.get("verbose_output")], ids=case_id)
    def test_dots(self, case, capsys):
        """verbose=True prints R's lines exactly (dots, counts every 50)."""
        set_seed(case["seed"])
        clus_gap(dataset(case["data"]), K_max=case["K_max"], B=case["B"], verbose=True)
        assert capsys.readouterr().out.splitlines() == case["verbose_output"]

    def test_default_is_silent(self, capsys):
        """verbose=None: silent outside an interactive session (R's interactive())."""
        clus_gap(dataset("USArrests"), K_max=3, B=3, rng=1)
        assert capsys.readouterr().out == ""

    def test_progress_bar(self, monkeypatch):
        """On a terminal: a bar redrawn in place, ending at B/B and a newline."""
        term = _Terminal()
        monkeypatch.setattr(sys, "stdout", term)
        clus_gap(dataset("USArrests"), K_max=3, B=4, rng=1, verbose=True)
        text = term.getvalue()
        assert text.startswith("Clustering k = 1,2,..., K.max (= 3): .. done\n")
        assert text.count("\r") == 5  # empty bar, then one redraw per reference set
        assert text.endswith("[" + "#" * 30 + "] 4/4\n")

    def test_dots_with_executor(self, capsys):
        """The parallel run prints the same dots."""
        case = next(c for c in CASES if c.get("verbose_output") and c["B"] > 100)
        set_seed(case["seed"])
        with ThreadPoolExecutor(2) as pool:
            clus_gap(dataset(case["data"]), K_max=case["K_max"], B=case["B"], verbose=True,
                     executor=pool)
        assert capsys.readouterr().out.splitlines() == case["verbose_output"]


# -- parallel and distributed ------------------------------------------------------------


def _serial_and(executor: Executor, **kwargs):
    """(serial result, stream after), (executor result, stream after)."""
    x = dataset("iris")
    out = []
    for ex in (None, executor):
        set_seed(2024)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            gap = clus_gap(x, K_max=6, B=15, verbose=False, executor=ex, **kwargs)
        out.append((gap, get_stream().copy(), [str(w.message) for w in caught]))
    return out


@pytest.fixture(scope="module")
def process_pool():
    """Two worker processes started by a fork server (no fork of a threaded process)."""
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver")) as pool:
        yield pool


class TestExecutor:
    """Executors change nothing: same table, same stream state, same warnings."""

    def test_process_pool(self, process_pool):
        """ProcessPoolExecutor(2) gives the serial result bit for bit."""
        (g1, s1, w1), (g2, s2, w2) = _serial_and(process_pool, nstart=3, iter_max=3)
        assert g1 == g2 and s1 == s2
        assert w1 == w2 and w1  # iter_max=3 makes kmeans warn, in R's order

    def test_dask_local_cluster(self):
        """A Dask LocalCluster's executor gives the serial result bit for bit."""
        distributed = pytest.importorskip("distributed")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Dask's own start-up chatter
            cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                               processes=True, dashboard_address=None)
            client = distributed.Client(cluster)
        try:
            (g1, s1, _), (g2, s2, _) = _serial_and(client.get_executor(), nstart=4)
        finally:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                client.close()
                cluster.close()
        assert g1 == g2 and s1 == s2

    def test_matches_r_with_executor(self, process_pool):
        """The issue's setting (K_max=8, B=50, nstart=20) on a pool is R's table."""
        case = next(c for c in CASES if c["B"] == 50 and c["spaceH0"] == "original")
        gap = run_case(case, executor=process_pool)
        after = runif(2)
        pd.testing.assert_frame_equal(gap.Tab.reset_index(drop=True), r_tab(case),
                                      check_exact=True)
        np.testing.assert_array_equal(after, num(case["runif_after"]))

    def test_numpy_generator(self):
        """A numpy Generator as rng: the pool still reproduces the serial run."""
        x = dataset("USArrests")
        g1 = clus_gap(x, K_max=4, B=6, verbose=False, rng=np.random.default_rng(5))
        with ThreadPoolExecutor(2) as pool:
            g2 = clus_gap(x, K_max=4, B=6, verbose=False, rng=np.random.default_rng(5),
                          executor=pool)
        assert g1 == g2

    def test_task_error_propagates(self):
        """An error in the drawing (too few distinct rows) surfaces with R's message."""
        x = np.repeat([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]], 5, axis=0)
        with ThreadPoolExecutor(2) as pool:
            with pytest.raises(InvalidArgumentError, match="more cluster centers than distinct"):
                clus_gap(x, K_max=4, B=3, rng=1, verbose=False, executor=pool)

    def test_generic_function_runs_serially(self):
        """Another FUNcluster cannot be pre-drawn: a warning, then the serial result."""
        def f(x, k):
            return kmeans(x, k).cluster

        set_seed(1)
        serial = clus_gap(dataset("USArrests"), f, K_max=4, B=5, verbose=False)
        set_seed(1)
        with ThreadPoolExecutor(2) as pool:
            with pytest.warns(StatKMeansWarning, match="'executor' is ignored"):
                parallel = clus_gap(dataset("USArrests"), f, K_max=4, B=5, verbose=False,
                                    executor=pool)
        assert serial == parallel


# -- other clustering functions ------------------------------------------------------------


class TestFUNcluster:
    """Any callable returning codes (or .cluster) works, consuming draws in R's order."""

    def test_wrapper_equals_kmeans(self):
        """A plain-codes wrapper of kmeans gives R's table: draws happen in R's order."""
        case = CASES[0]
        set_seed(case["seed"])
        gap = clus_gap(dataset("USArrests"), lambda x, k: kmeans(x, k).cluster, K_max=5, B=10,
                       verbose=False)
        assert gap.Tab.equals(run_case(case).Tab)
        set_seed(case["seed"])
        clus_gap(dataset("USArrests"), lambda x, k: kmeans(x, k).cluster, K_max=5, B=10,
                 verbose=False)
        np.testing.assert_array_equal(runif(2), num(case["runif_after"]))

    @pytest.mark.parametrize(
        "wrap",
        [
            lambda km: {"cluster": km.cluster},
            lambda km: list(km.cluster - 1),
            lambda km: np.array(["abcdefghij"[c] for c in km.cluster]),
            lambda km: pd.Series(km.cluster * 10),
        ],
        ids=["mapping", "zero-based", "strings", "series"],
    )
    def test_code_forms(self, wrap):
        """Mappings, 0-based, string and Series codes give the same W_k."""
        reference = clus_gap(dataset("ruspini"), K_max=4, B=3, rng=7, verbose=False)
        set_seed(7)
        gap = clus_gap(dataset("ruspini"), lambda x, k: wrap(kmeans(x, k)), K_max=4, B=3,
                       verbose=False)
        assert gap.Tab.equals(reference.Tab)

    def test_kwargs_reach_funcluster(self):
        """**kwargs go to every FUNcluster call (R's ...)."""
        seen = []

        def f(x, k, *, tag):
            seen.append((k, tag, type(x)))
            return np.arange(len(x)) % k

        clus_gap(dataset("USArrests"), f, K_max=3, B=2, rng=1, verbose=False, tag="t")
        assert seen == [(k, "t", np.ndarray) for _ in range(3) for k in (2, 3)]

    def test_partial_kmeans(self):
        """functools.partial(kmeans, nstart=3) equals kmeans with nstart=3."""
        a = clus_gap(dataset("iris"), functools.partial(kmeans, nstart=3), K_max=4, B=3, rng=2,
                     verbose=False)
        b = clus_gap(dataset("iris"), kmeans, K_max=4, B=3, rng=2, verbose=False, nstart=3)
        assert a.Tab.equals(b.Tab)
        assert "partial(kmeans, nstart=3)" in a.call

    def test_forgy_prefix(self):
        """algorithm='Forgy' is Lloyd and prefixes work, as in kmeans."""
        a = clus_gap(dataset("faithful"), K_max=3, B=3, rng=2, verbose=False, algorithm="For",
                     iter_max=30)
        b = clus_gap(dataset("faithful"), K_max=3, B=3, rng=2, verbose=False, algorithm="Lloyd",
                     iter_max=30)
        assert a.Tab.equals(b.Tab)


# -- the result --------------------------------------------------------------------------


class TestResult:
    """ClusGapResult: frozen, R's table, printing and the chosen k."""

    def test_fields(self):
        """R's components (plus d_power), Tab indexed by k with R's column names."""
        gap = usarrests_gap()
        assert [f.name for f in attrs.fields(ClusGapResult)] == [
            "Tab", "call", "spaceH0", "n", "B", "d_power"]
        assert list(gap.Tab.columns) == ["logW", "E.logW", "gap", "SE.sim"]
        assert list(gap.Tab.index) == [1, 2, 3, 4, 5] and gap.Tab.index.name == "k"
        assert gap.K_max == 5
        np.testing.assert_array_equal(gap.Tab["gap"], gap.Tab["E.logW"] - gap.Tab["logW"])
        assert gap.call == ("clus_gap(x=<DataFrame 50 x 4>, FUNcluster=kmeans, K_max=5, B=10, "
                            "verbose=False)")

    def test_frozen(self):
        """Fields cannot be set and the table cannot be written."""
        gap = usarrests_gap()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            gap.B = 3
        with pytest.raises(ValueError, match="read-only"):
            gap.Tab.loc[1, "gap"] = 0.0
        with pytest.raises(ValueError, match="read-only"):
            gap.Tab["gap"].to_numpy()[0] = 0.0

    def test_caller_table_not_frozen(self):
        """Building a result copies the caller's table."""
        tab = usarrests_gap().Tab.copy()
        before = tab.loc[1, "gap"]
        res = ClusGapResult(Tab=tab, call="c", spaceH0="original", n=50, B=10, d_power=1)
        tab.loc[1, "gap"] = 1.0
        assert res.Tab.loc[1, "gap"] == before != 1.0

    def test_repr(self):
        """repr is one line."""
        assert repr(usarrests_gap()) == (
            "ClusGapResult(n=50, B=10, K_max=5, spaceH0='scaledPCA', d_power=1, n_clusters=1)")

    def test_b_equals_one(self):
        """B = 1: SE.sim is NA (printed NA), n_clusters raises with R's message."""
        case = next(c for c in CASES if c["B"] == 1)
        gap = run_case(case)
        assert gap.Tab["SE.sim"].isna().all()
        lines = str(gap).splitlines()
        assert lines[3] == " --> Number of clusters (method 'firstSEmax', SE.factor=1): NA"
        assert lines[:3] == [case["print"][0], gap.call, case["print"][2]]
        assert lines[4:] == case["print_tab"]  # R stops after the header; R's print(Tab)
        with pytest.raises(InvalidArgumentError, match="SE.f >= 0 are not all TRUE"):
            gap.n_clusters()

    def test_to_string_checks(self):
        """to_string checks method and SE_factor."""
        gap = usarrests_gap()
        with pytest.raises(InvalidArgumentError, match="'arg' should be one of"):
            gap.to_string("best")
        with pytest.raises(InvalidArgumentError, match="SE.factor >= 0"):
            gap.to_string("firstSEmax", -1)

    def test_pretty(self):
        """IPython shows the printed report."""
        pretty = pytest.importorskip("IPython.lib.pretty")
        assert pretty.pretty(usarrests_gap()) == str(usarrests_gap()).rstrip("\n")

    def test_large_n_d_power_2(self):
        """n = 100,000 works: no n-by-n array (identity sums for d_power = 2)."""
        gen = np.random.default_rng(0)
        x = np.vstack([gen.normal(size=(50_000, 2)), gen.normal(5, size=(50_000, 2))])
        gap = clus_gap(x, K_max=2, B=1, d_power=2, rng=1, verbose=False)
        km = kmeans(x, 2, rng=1)
        assert gap.n == 100_000
        assert gap.Tab["logW"].iloc[1] == pytest.approx(math.log(0.5 * km.tot_withinss),
                                                        rel=1e-14)
        assert gap.Tab["logW"].iloc[0] == pytest.approx(math.log(0.5 * km.totss), rel=1e-14)

    @pytest.mark.slow
    def test_large_n_d_power_1(self):
        """n = 30,000 with plain distances: exact pair sums without an n-by-n array."""
        from scipy.spatial.distance import cdist

        x = np.random.default_rng(1).normal(size=(30_000, 3))
        gap = clus_gap(x, K_max=2, B=1, rng=1, verbose=False)
        total = 0.0
        for start in range(0, len(x), 2000):  # the upper triangle, in blocks of rows
            block = cdist(x[start:start + 2000], x[start:])
            total += np.triu(block, k=1).sum()
        assert gap.Tab["logW"].iloc[0] == pytest.approx(math.log(0.5 * total / len(x)),
                                                        rel=1e-12)


# -- input checks ----------------------------------------------------------------------------


ERR = FIX["errors"]


class TestErrors:
    """Bad input fails early with a clear message (R's wording where R has one)."""

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            (dict(K_max=1), "K.max >= 2 is not TRUE"),
            (dict(K_max=50), ERR["K_max_n"]),
            (dict(K_max=3, B=0), ERR["B_0"]),
            (dict(K_max=3, B=2.5), ERR["B_frac"]),
            (dict(K_max=3, spaceH0="pca"), ERR["spaceH0"]),
            (dict(K_max=3, d_power=0), "'d_power' must be a positive finite number"),
            (dict(K_max=3, rng=1, nstart=0), "'nstart' must be positive"),
            (dict(K_max=3, algorithm="best"), "'arg' should be one of"),
            (dict(K_max=3, iter_max=0), "'iter_max' must be positive"),
        ],
    )
    def test_values(self, kwargs, message):
        """Each bad value names the argument (R's message where R has one)."""
        with pytest.raises(InvalidArgumentError, match=_literal(message)):
            clus_gap(dataset("USArrests"), kmeans, verbose=False, **kwargs)

    @pytest.mark.parametrize("name", ["rng", "executor", "n_threads", "centers"])
    def test_kmeans_arguments_clus_gap_owns(self, name):
        """kmeans arguments that clus_gap sets itself cannot be passed through."""
        with pytest.raises(InvalidArgumentError, match=f"'{name}'"):
            clus_gap(dataset("USArrests"), functools.partial(kmeans, **{name: 2}), K_max=3,
                     verbose=False)

    def test_spaceH0_before_draws(self):
        """An unknown spaceH0 fails before any random number is drawn (R: after)."""
        set_seed(5)
        before = get_stream().copy()
        with pytest.raises(InvalidArgumentError):
            clus_gap(dataset("USArrests"), K_max=3, spaceH0="uniform", verbose=False)
        assert get_stream() == before

    def test_nan(self):
        """NaN in x is rejected with its position."""
        x = dataset("USArrests").to_numpy().copy()
        x[4, 2] = np.nan
        message = r"NA/NaN/Inf in 'x' \(nan at row 5, column 3"
        with pytest.raises(InvalidArgumentError, match=message):
            clus_gap(x, K_max=3, verbose=False)

    def test_not_a_matrix(self):
        """A vector or Series is not a matrix (R: length(dim(x)) == 2 is not TRUE)."""
        with pytest.raises(InvalidArgumentError, match=r"length\(dim\(x\)\) == 2"):
            clus_gap(np.arange(10.0), K_max=2, verbose=False)
        with pytest.raises(InvalidArgumentError, match="to_frame"):
            clus_gap(pd.Series(np.arange(10.0)), K_max=2, verbose=False)

    @pytest.mark.parametrize(
        "fun",
        [lambda x, k: None, lambda x, k: {"foo": 1}, lambda x, k: np.ones(3),
         lambda x, k: "1 2 3", lambda x, k: np.zeros((len(x), 2))],
        ids=["none", "no-cluster-key", "wrong-length", "string", "2-d"],
    )
    def test_no_codes(self, fun):
        """A FUNcluster that returns no codes is named as the culprit."""
        with pytest.raises(InvalidArgumentError, match=r"FUNcluster\(x, 2\) returned no cluster"):
            clus_gap(dataset("USArrests"), fun, K_max=3, B=2, rng=1, verbose=False)

    def test_missing_codes(self):
        """NaN codes are rejected (R would silently drop those observations)."""
        def f(x, k):
            codes = (np.arange(len(x)) % k).astype(float)
            codes[0] = np.nan
            return codes

        with pytest.raises(InvalidArgumentError, match="missing"):
            clus_gap(dataset("USArrests"), f, K_max=3, B=2, rng=1, verbose=False)

    def test_types(self):
        """Wrong kinds are type errors."""
        x = dataset("USArrests")
        with pytest.raises(InvalidTypeError, match="is.function"):
            clus_gap(x, "kmeans", K_max=3)
        with pytest.raises(InvalidTypeError, match=r"clus_gap\(x, K_max=8\)"):
            clus_gap(x, 8)
        with pytest.raises(InvalidTypeError, match="missing the required argument 'K_max'"):
            clus_gap(x)
        with pytest.raises(InvalidTypeError, match="'B' has to be a positive integer"):
            clus_gap(x, K_max=3, B="10")
        with pytest.raises(InvalidTypeError, match="unexpected keyword argument 'nstarts'"):
            clus_gap(x, K_max=3, nstarts=3)
        with pytest.raises(InvalidTypeError, match="concurrent.futures.Executor"):
            clus_gap(x, K_max=3, executor=object())
        with pytest.raises(InvalidTypeError, match="'verbose'"):
            clus_gap(x, K_max=3, verbose="yes")



# -- plotting ------------------------------------------------------------------------------


class TestPlot:
    """plot(): gap against k with SE bars, R's plot.clusGap look, returning the Axes."""

    def test_given_axes(self):
        """Draws on the given Axes, opens no figure, returns that Axes."""
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots()
        before = plt.get_fignums()
        gap = usarrests_gap()
        assert gap.plot(ax=ax) is ax
        assert plt.get_fignums() == before
        line = ax.lines[0]
        np.testing.assert_array_equal(line.get_xdata(), [1, 2, 3, 4, 5])
        np.testing.assert_array_equal(line.get_ydata(), gap.Tab["gap"])
        assert ax.get_xlabel() == "k" and ax.get_ylabel() == r"$\mathrm{Gap}_k$"
        assert ax.get_title().startswith("clus_gap(x=<DataFrame 50 x 4>")
        bars = ax.collections[0].get_segments()
        tab = gap.Tab
        for seg, g, s in zip(bars, tab["gap"], tab["SE.sim"]):
            np.testing.assert_allclose([seg[0][1], seg[1][1]], [g - s, g + s])

    def test_new_figure_and_overrides(self):
        """ax=None opens a figure; kwargs go to the line, arrow_kwargs to the bars."""
        import matplotlib.pyplot as plt

        ax = usarrests_gap().plot(color="steelblue", arrow_kwargs={"ecolor": "green"})
        assert plt.get_fignums() == [ax.figure.number]
        assert ax.lines[0].get_color() == "steelblue"
        import matplotlib.colors as mcolors

        np.testing.assert_allclose(ax.collections[0].get_colors()[0], mcolors.to_rgba("green"))
        ax2 = usarrests_gap().plot(do_arrows=False)
        assert not ax2.collections


class TestFunAlias:
    """clusGap(df, FUN = kmeans, ...) as tutorials write it."""

    def test_fun_is_funcluster(self):
        x = dataset("USArrests")
        a = clus_gap(x, FUN=kmeans, K_max=3, B=3, rng=1, verbose=False, nstart=2)
        b = clus_gap(x, kmeans, K_max=3, B=3, rng=1, verbose=False, nstart=2)
        assert a.Tab.equals(b.Tab) and a.call == b.call

    def test_both_is_an_error(self):
        with pytest.raises(InvalidArgumentError, match="'FUN' is R's abbreviation"):
            clus_gap(dataset("USArrests"), max_se, FUN=kmeans, K_max=3, verbose=False)
