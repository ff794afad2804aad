"""kmeans against R 4.2.2: fixtures from tests/r_reference/make_kmeans_fixtures.R.

Every expected value here was computed by R; none by statkmeans.
"""

from __future__ import annotations

import io
import multiprocessing
import math
import sys
import warnings
from concurrent.futures import ProcessPoolExecutor

import attrs
import numpy as np
import pandas as pd
import pytest
from conftest import as_list, load_fixture, num, rows
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from statkmeans import (
    ConvergenceWarning,
    EmptyClusterError,
    EmptyClusterWarning,
    InvalidArgumentError,
    InvalidTypeError,
    KMeansResult,
    QuickTransferWarning,
    RStream,
    StatKMeansWarning,
    kmeans,
    load_dataset,
    runif,
    set_seed,
)

FIX = load_fixture("kmeans_fixtures.json")
GENERATED = {name: rows(values) for name, values in FIX["data"].items()}
NAMED = ("USArrests", "iris", "faithful", "ruspini")

WARNING_CLASSES = {
    "did not converge": ConvergenceWarning,
    "empty cluster": EmptyClusterWarning,
    "Quick-TRANSfer": QuickTransferWarning,
}


def dataset(name: str, kind: str = "numpy"):
    """Fixture data by name: a bundled dataset (as R had it) or generated data."""
    if name in NAMED:
        frame = load_dataset(name)
        if name == "iris":
            frame = frame.iloc[:, :4]
        return frame if kind == "frame" else frame.to_numpy()
    return GENERATED[name]


def case_id(case: dict) -> str:
    bits = [case["data"], case["algorithm"][:3], f"it{case['iter_max']}"]
    if "seed" in case:
        bits += [f"s{case['seed']}", f"k{case['k']}", f"n{case['nstart']}"]
    else:
        bits += [f"k{len(case['centers'])}", case.get("note", "")]
    return "-".join(b for b in bits if b)


def assert_same_as_r(km: KMeansResult, expected: dict) -> None:
    """Every component equal to R's, bit for bit."""
    np.testing.assert_array_equal(np.asarray(km.cluster), as_list(expected["cluster"]))
    np.testing.assert_array_equal(np.asarray(km.centers), rows(expected["centers"]))
    np.testing.assert_array_equal(km.withinss, num(expected["withinss"]))
    assert km.totss == num(expected["totss"])[0]
    assert km.tot_withinss == num(expected["tot_withinss"])[0]
    assert km.betweenss == num(expected["betweenss"])[0]
    np.testing.assert_array_equal(km.size, as_list(expected["size"]))
    assert km.iter == expected["iter"]
    assert km.ifault == expected["ifault"]


def run_recording(func, *args, **kwargs):
    """Call func, returning (result or None, warnings, exception or None)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result, error = func(*args, **kwargs), None
        except (InvalidArgumentError, EmptyClusterError) as exc:
            result, error = None, exc
    return result, caught, error


def assert_warnings_as_r(caught, r_messages) -> None:
    """Our warnings are R's, in order (R's empty-cluster warning comes twice)."""
    ours = [(w.category, str(w.message)) for w in caught]
    theirs = []
    for message in as_list(r_messages):
        if theirs and message.startswith("empty cluster") and theirs[-1][1].startswith("empty cluster"):
            continue  # R issues this one twice per run; we issue it once
        cls = next(c for prefix, c in WARNING_CLASSES.items() if message.startswith(prefix))
        theirs.append((cls, message))
    assert [c for c, _ in ours] == [c for c, _ in theirs]
    for (_, mine), (_, r) in zip(ours, theirs):
        assert mine.startswith(r.split(" (=")[0])


GIVEN = FIX["given"]
SEEDED = FIX["seeded"]


class TestGivenCenters:
    """All algorithms from given centres: R's components, warnings and errors."""

    @pytest.mark.parametrize("case", GIVEN, ids=[case_id(c) for c in GIVEN])
    def test_matches_r(self, case):
        """Same clusters, centres, sums of squares, iter and ifault as R."""
        km, caught, error = run_recording(
            kmeans, dataset(case["data"]), rows(case["centers"]),
            iter_max=case["iter_max"], algorithm=case["algorithm"],
        )
        if case.get("error"):
            assert error is not None and case["error"] in str(error)
            return
        assert error is None
        assert_same_as_r(km, case["result"])
        assert_warnings_as_r(caught, case["warnings"])

    def test_forgy_is_lloyd(self):
        """algorithm='Forgy' runs Lloyd's code."""
        case = next(c for c in GIVEN if c["algorithm"] == "Lloyd" and c["iter_max"] == 10)
        x, c = dataset(case["data"]), rows(case["centers"])
        assert kmeans(x, c, algorithm="Forgy") == kmeans(x, c, algorithm="Lloyd")

    def test_abbreviated_algorithm(self):
        """R's match.arg: a unique prefix names the algorithm."""
        x = dataset("ruspini")
        assert kmeans(x, x[[0, 30, 60]], algorithm="Mac") == kmeans(x, x[[0, 30, 60]], algorithm="MacQueen")


class TestSeeded:
    """set_seed then kmeans(x, k, nstart): R's draws, R's result, R's stream after."""

    @pytest.mark.parametrize("case", SEEDED, ids=[case_id(c) for c in SEEDED])
    def test_matches_r(self, case):
        """Same result as R and the same runif(2) afterwards."""
        set_seed(case["seed"])
        km, caught, error = run_recording(
            kmeans, dataset(case["data"]), case["k"], nstart=case["nstart"],
            algorithm=case["algorithm"], iter_max=case["iter_max"],
        )
        assert error is None
        assert_same_as_r(km, case["result"])
        assert_warnings_as_r(caught, case["warnings"])
        if "runif_after" in case:
            np.testing.assert_array_equal(runif(2), num(case["runif_after"]))

    def test_two_calls_in_a_row(self):
        """After one set_seed, consecutive calls continue R's stream."""
        seq = FIX["sequence"]
        set_seed(seq["seed"])
        for call in seq["calls"]:
            km = kmeans(dataset(call["data"]), call["k"], nstart=call["nstart"], algorithm=call["algorithm"])
            assert_same_as_r(km, call["result"])
        np.testing.assert_array_equal(runif(3), num(seq["runif_after"]))

    def test_rng_int_is_fresh_stream(self):
        """rng=7 equals set_seed(7) and leaves the default stream alone."""
        x = dataset("USArrests")
        set_seed(99)
        before = runif(1)
        set_seed(99)
        a = kmeans(x, 3, rng=7)
        assert runif(1).tolist() == before.tolist()
        set_seed(7)
        assert kmeans(x, 3) == a

    def test_rstream_advances(self):
        """An RStream passed as rng= is advanced like the default stream."""
        x = dataset("faithful")
        s = RStream(5)
        kmeans(x, 2, nstart=3, rng=s)
        set_seed(5)
        kmeans(x, 2, nstart=3)
        assert s.runif(2).tolist() == runif(2).tolist()

    def test_numpy_generator(self):
        """A numpy Generator is accepted (not R-reproducible) and reproducible with itself."""
        x = dataset("iris")
        a = kmeans(x, 3, nstart=4, rng=np.random.default_rng(1))
        b = kmeans(x, 3, nstart=4, rng=np.random.default_rng(1))
        assert a == b
        assert a.tot_withinss == pytest.approx(within_ss(np.asarray(x), a), rel=1e-12)


class TestErrors:
    """R's errors, as our own exception classes, with R's words and a remedy."""

    def test_more_centers_than_distinct_points(self):
        """nstart >= 2 needs k distinct rows."""
        with pytest.raises(InvalidArgumentError, match="more cluster centers than distinct data points"):
            kmeans(dataset("dups"), 6, nstart=2)

    def test_centers_not_distinct(self):
        """Duplicated initial centres."""
        x = dataset("gauss")
        with pytest.raises(InvalidArgumentError, match="initial centers are not distinct"):
            kmeans(x, x[[0, 0, 1]])

    def test_too_many_centers(self):
        """k > n."""
        with pytest.raises(InvalidArgumentError, match="more cluster centers than data points"):
            kmeans(dataset("dups"), 40)

    def test_columns_differ(self):
        """Centres with another number of columns."""
        x = dataset("gauss")
        with pytest.raises(InvalidArgumentError, match="must have same number of columns in 'x' and 'centers'"):
            kmeans(x, x[:3, :2])

    @pytest.mark.parametrize("bad", [0, -1])
    def test_iter_max(self, bad):
        """iter_max < 1."""
        with pytest.raises(InvalidArgumentError, match="'iter_max' must be positive"):
            kmeans(dataset("gauss"), 3, iter_max=bad)

    @pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
    def test_non_finite(self, value):
        """NA/NaN/Inf in x, with the position."""
        x = dataset("gauss").copy()
        x[4, 2] = value
        with pytest.raises(InvalidArgumentError, match=r"NA/NaN/Inf in 'x' .*row 5, column 3"):
            kmeans(x, 3)

    def test_hartigan_wong_k_equals_n(self):
        """Hartigan-Wong needs k < n; R's message and the way out."""
        x = dataset("onecol6")
        with pytest.raises(InvalidArgumentError, match="number of cluster centres must lie between 1 and nrow"):
            kmeans(x, 6)

    def test_empty_cluster_hartigan_wong(self):
        """An initial centre nearest to no point stops Hartigan-Wong."""
        x = dataset("gauss")
        far = np.vstack([x.mean(0), x.mean(0) + 100, x.mean(0) - 0.5])
        with pytest.raises(EmptyClusterError, match="empty cluster: try a better set of initial centers"):
            kmeans(x, far)

    def test_non_numeric_column(self):
        """A DataFrame with a factor column names the column and the fix."""
        with pytest.raises(InvalidTypeError, match="'Species'.*select_dtypes"):
            kmeans(load_dataset("iris"), 3)

    @pytest.mark.parametrize("centers", [0, -2, 2.5])
    def test_bad_k(self, centers):
        """k must be a positive whole number."""
        with pytest.raises(InvalidArgumentError, match="'centers'"):
            kmeans(dataset("gauss"), centers)

    def test_one_by_one_centers(self):
        """A length-1 centre matrix is ambiguous in R (read as k): an error here."""
        with pytest.raises(InvalidArgumentError, match="ambiguous"):
            kmeans(dataset("onecol"), np.array([[3.0]]))

    def test_unknown_algorithm(self):
        """R's match.arg message lists the choices."""
        with pytest.raises(InvalidArgumentError, match="should be one of .*Hartigan-Wong"):
            kmeans(dataset("gauss"), 3, algorithm="elkan")

    @pytest.mark.parametrize("bad", [0, 1.5])
    def test_nstart(self, bad):
        """nstart must be a positive whole number."""
        with pytest.raises(InvalidArgumentError, match="'nstart'"):
            kmeans(dataset("gauss"), 3, nstart=bad)

    def test_centers_string(self):
        """centers must be a number or a matrix."""
        with pytest.raises(InvalidTypeError, match="'centers' must be a number or a matrix"):
            kmeans(dataset("gauss"), "3")

    def test_three_dimensional(self):
        """x with three dimensions is refused."""
        with pytest.raises(InvalidArgumentError, match="2 dimensions"):
            kmeans(np.zeros((4, 3, 2)), 2)

    def test_nstart_ignored_with_centers_warns(self):
        """R silently ignores nstart with given centres; we say so."""
        x = dataset("gauss")
        with pytest.warns(StatKMeansWarning, match="'nstart' .* is ignored"):
            kmeans(x, x[[0, 100, 170]], nstart=5)

    def test_rng_type(self):
        """rng must be a seed, a stream or a Generator."""
        with pytest.raises(InvalidTypeError, match="'rng'"):
            kmeans(dataset("gauss"), 3, rng="seed")


class TestTrace:
    """trace=True / 2 prints R's Hartigan-Wong progress lines."""

    @pytest.mark.parametrize("case", FIX["traces"], ids=lambda c: f"{c['data']}-trace{c['trace']}")
    def test_trace_lines(self, case, monkeypatch):
        """Same lines as R's capture.output(kmeans(..., trace = ...))."""
        buf = io.StringIO()
        monkeypatch.setattr(sys, "stdout", buf)
        kmeans(dataset(case["data"]), rows(case["centers"]), trace=case["trace"])
        assert buf.getvalue().splitlines() == as_list(case["lines"])


class TestPrinted:
    """print(km) is R's print.kmeans, character for character."""

    PRINTED = [c for c in GIVEN + SEEDED if c.get("result", {}).get("printed")]

    @pytest.mark.parametrize("case", PRINTED, ids=[case_id(c) for c in PRINTED])
    def test_print(self, case):
        """str(km) equals R's capture.output(print(km))."""
        if "seed" in case:
            set_seed(case["seed"])
            args = (case["k"],)
            kwargs = dict(nstart=case["nstart"])
        else:
            args = (rows(case["centers"]),)
            kwargs = {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", StatKMeansWarning)
            km = kmeans(dataset(case["data"], "frame"), *args, algorithm=case["algorithm"],
                        iter_max=case["iter_max"], **kwargs)
        assert str(km).split("\n")[:-1] == as_list(case["result"]["printed"])

    def test_repr_is_one_line(self):
        """repr is short and on one line."""
        set_seed(1)
        km = kmeans(dataset("USArrests"), 3, nstart=5)
        assert repr(km) == "KMeansResult(k=3, n=50, size=[14, 20, 16], tot_withinss=47964.27, iter=2)"


class TestInputs:
    """Data as numpy, lists, DataFrame, Series or a 1-D vector give the same numbers."""

    def test_frame_gives_names(self):
        """A DataFrame in: cluster as a Series on its index, centres as a DataFrame 1..k."""
        set_seed(1)
        km = kmeans(load_dataset("USArrests"), 3, nstart=5)
        assert isinstance(km.cluster, pd.Series) and km.cluster.index[0] == "Alabama"
        assert isinstance(km.centers, pd.DataFrame)
        assert list(km.centers.index) == [1, 2, 3]
        assert list(km.centers.columns) == ["Murder", "Assault", "UrbanPop", "Rape"]

    @pytest.mark.parametrize("kind", ["list", "frame", "fortran", "int"])
    def test_same_numbers(self, kind):
        """Every input form gives the numpy result."""
        x = dataset("ints")
        ref = kmeans(x, 4, rng=3)
        data = {
            "list": x.tolist(),
            "frame": pd.DataFrame(x, columns=["a", "b", "c"]),
            "fortran": np.asfortranarray(x),
            "int": x.astype(np.int64),
        }[kind]
        km = kmeans(data, 4, rng=3)
        np.testing.assert_array_equal(np.asarray(km.cluster), ref.cluster)
        np.testing.assert_array_equal(np.asarray(km.centers), ref.centers)
        assert km.tot_withinss == ref.tot_withinss

    def test_vector_is_one_column(self):
        """A 1-D vector is an n x 1 matrix (R's example in docs/r-behaviour.md 7.9)."""
        set_seed(1)
        km = kmeans([2, 4, 10, 12, 3, 20, 30, 11, 25], 2)
        assert km.size.tolist() == [3, 6]
        assert km.cluster.tolist() == [2, 2, 2, 2, 2, 1, 1, 2, 1]
        assert km.withinss.tolist() == [50.0, 100.0]

    def test_series(self):
        """A Series keeps its index on the cluster codes."""
        s = pd.Series([1.0, 1.2, 8.0, 8.3, 0.9], index=list("abcde"))
        km = kmeans(s, np.array([[1.0], [8.0]]))
        assert km.cluster.to_dict() == {"a": 1, "b": 1, "c": 2, "d": 2, "e": 1}

    def test_boolean_columns(self):
        """Logical columns count as 0/1, as R's as.double."""
        x = np.array([[True, False], [True, True], [False, False], [False, True]])
        km = kmeans(x, x[:2].astype(float), algorithm="Lloyd")
        assert km.totss == 2.0

    def test_read_only_and_frozen(self):
        """Results are immutable: frozen fields and read-only arrays."""
        km = kmeans(dataset("gauss"), 3, rng=1)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            km.iter = 3
        with pytest.raises(ValueError, match="read-only"):
            km.withinss[0] = 0.0
        frame = kmeans(load_dataset("faithful"), 2, rng=1)
        with pytest.raises(ValueError, match="read-only"):
            frame.cluster.iloc[0] = 2

    def test_caller_array_untouched(self):
        """The caller's centres are copied, not frozen or overwritten."""
        x = dataset("gauss")
        c = x[[0, 100, 170]].copy()
        kmeans(x, c)
        assert c.flags.writeable and np.array_equal(c, x[[0, 100, 170]])

    def test_components_are_r_names(self):
        """attrs fields are R's components with '.' turned into '_'."""
        names = [f.name for f in attrs.fields(KMeansResult)]
        assert names == ["cluster", "centers", "totss", "withinss", "tot_withinss",
                         "betweenss", "size", "iter", "ifault"]


class TestMethods:
    """fitted, predict and the broom verbs."""

    def test_fitted_matches_r(self):
        """fitted(km) and fitted(km, 'classes') as R gives them."""
        case = FIX["fitted"]
        set_seed(case["seed"])
        km = kmeans(dataset(case["data"]), case["k"])
        np.testing.assert_array_equal(km.fitted(), rows(case["values"]))
        np.testing.assert_array_equal(km.fitted("cl"), case["classes"])

    def test_fitted_frame_index(self):
        """With a DataFrame, fitted rows keep the observations' index."""
        set_seed(3)
        km = kmeans(load_dataset("USArrests"), 3)
        assert list(km.fitted().index[:2]) == ["Alabama", "Alaska"]

    def test_predict_training_data(self):
        """Converged Lloyd: predicting the data returns the clustering."""
        x = dataset("gauss")
        km = kmeans(x, x[[0, 100, 170]], algorithm="Lloyd")
        np.testing.assert_array_equal(km.predict(x), km.cluster)

    def test_predict_ties_first_centre(self):
        """A point equidistant from two centres goes to the first."""
        km = kmeans(np.array([[0.0], [2.0], [10.0], [12.0]]), np.array([[1.0], [11.0]]), algorithm="Lloyd")
        assert km.predict(np.array([[6.0]])).tolist() == [1]

    def test_predict_by_column_name(self):
        """newdata columns are matched by name."""
        df = load_dataset("USArrests")
        km = kmeans(df, 3, rng=2)
        shuffled = df[["Rape", "Murder", "UrbanPop", "Assault"]]
        np.testing.assert_array_equal(km.predict(shuffled).to_numpy(), km.predict(df).to_numpy())
        with pytest.raises(InvalidArgumentError, match="lacks the column"):
            km.predict(df[["Murder", "Rape"]])

    def test_tidy_glance_augment(self):
        """broom's three verbs, consistent with the fields."""
        km = kmeans(load_dataset("USArrests"), 3, rng=1)
        t = km.tidy()
        assert list(t.columns) == ["Murder", "Assault", "UrbanPop", "Rape", "size", "withinss", "cluster"]
        assert t["size"].tolist() == km.size.tolist()
        g = km.glance()
        assert g.loc[0, "tot_withinss"] == km.tot_withinss and g.loc[0, "iter"] == km.iter
        a = km.augment(load_dataset("USArrests"))
        assert a[".cluster"].astype(int).tolist() == km.cluster.tolist()


class TestParallel:
    """Executors and threads never change a result."""

    def test_process_pool_identical(self):
        """nstart runs in a process pool give the serial result, warnings included."""
        x = dataset("gauss")
        set_seed(21)
        with warnings.catch_warnings(record=True) as w1:
            warnings.simplefilter("always")
            serial = kmeans(x, 6, nstart=8, iter_max=2)
        after_serial = runif(1)
        set_seed(21)
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver")) as pool, \
                warnings.catch_warnings(record=True) as w2:
            warnings.simplefilter("always")
            parallel = kmeans(x, 6, nstart=8, iter_max=2, executor=pool)
        assert parallel == serial
        assert [str(w.message) for w in w2] == [str(w.message) for w in w1]
        assert runif(1).tolist() == after_serial.tolist()

    @pytest.mark.parametrize("algorithm", ["Lloyd", "MacQueen"])
    def test_threads_identical(self, algorithm):
        """1 thread and 2 threads give bit-identical results."""
        rng = np.random.default_rng(0)
        x = rng.normal(size=(20000, 7)) + rng.integers(0, 4, size=(20000, 1)) * 3
        c = x[:9].copy()
        a = kmeans(x, c, algorithm=algorithm, iter_max=300, n_threads=1)
        b = kmeans(x, c, algorithm=algorithm, iter_max=300, n_threads=2)
        assert a == b

    @pytest.mark.slow
    def test_dask_identical(self):
        """A Dask cluster's executor gives the serial result."""
        distributed = pytest.importorskip("distributed")
        x = dataset("gauss")
        serial = kmeans(x, 5, nstart=6, rng=8)
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            parallel = kmeans(x, 5, nstart=6, rng=8, executor=client.get_executor())
        assert parallel == serial


finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False, width=32)


def within_ss(x: np.ndarray, km: KMeansResult) -> float:
    """Sum of squared distances of the points to their cluster's mean, computed naively."""
    codes = np.asarray(km.cluster)
    total = 0.0
    for j in np.unique(codes):
        members = x[codes == j]
        total += math.fsum(((members - members.mean(0)) ** 2).ravel())
    return total


@st.composite
def data_and_k(draw, min_k=1):
    """n x p data with distinct rows (a row index in the first column keeps them apart)."""
    n = draw(st.integers(3, 40))
    p = draw(st.integers(1, 4))
    x = draw(hnp.arrays(np.float64, (n, p), elements=finite))
    x[:, 0] += np.arange(n) * 1e-2
    assume(len(np.unique(x, axis=0)) == n)
    k = draw(st.integers(min_k, min(n - 1, 6)))
    return x, k


class TestInvariants:
    """Properties that hold for any data, any algorithm."""

    @settings(max_examples=150, deadline=None)
    @given(data_and_k(), st.sampled_from(["Hartigan-Wong", "Lloyd", "MacQueen"]), st.integers(0, 10**6))
    def test_sums_and_codes(self, xk, algorithm, seed):
        """totss and tot_withinss are the sums of squares they name; sizes add to n; codes in 1..k."""
        x, k = xk
        n = len(x)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", StatKMeansWarning)
            km = kmeans(x, k, algorithm=algorithm, rng=seed)
        assert km.totss == pytest.approx(math.fsum(((x - x.mean(0)) ** 2).ravel()),
                                         rel=1e-12, abs=1e-9)
        assert km.tot_withinss == pytest.approx(within_ss(x, km), rel=1e-9, abs=1e-9)
        assert km.size.sum() == n
        assert set(np.unique(km.cluster)) <= set(range(1, k + 1))
        np.testing.assert_array_equal(np.bincount(km.cluster, minlength=k + 1)[1:], km.size)

    @settings(max_examples=100, deadline=None)
    @given(data_and_k(min_k=2), st.integers(0, 10**6))
    def test_hartigan_wong_not_worse_than_start(self, xk, seed):
        """Hartigan-Wong's WCSS is never above that of its initial partition."""
        x, k = xk
        s = RStream(seed)
        starts = x[s.sample_int(len(x), k) - 1]
        d = ((x[:, None, :] - starts[None, :, :]) ** 2).sum(-1)
        labels = d.argmin(1)
        assume(len(np.unique(labels)) == k)  # else R stops: empty cluster
        start_wcss = sum(((x[labels == j] - x[labels == j].mean(0)) ** 2).sum() for j in range(k))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", StatKMeansWarning)
            km = kmeans(x, starts)
        assert km.tot_withinss <= start_wcss * (1 + 1e-12) + 1e-9

    @settings(max_examples=60, deadline=None)
    @given(data_and_k(min_k=2))
    def test_centres_are_member_means(self, xk):
        """Hartigan-Wong and Lloyd report the means of their clusters."""
        x, k = xk
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", StatKMeansWarning)
            km = kmeans(x, k, rng=1)
        for j in range(k):
            np.testing.assert_allclose(km.centers[j], x[km.cluster == j + 1].mean(0), rtol=1e-12, atol=1e-9)
