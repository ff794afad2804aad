"""nbclust and the factoextra-style plots against R 4.2.2 / factoextra 1.0.7.

Fixtures come from tests/r_reference/make_plots_fixtures.R, which reads every
expected number back from the ggplot objects factoextra returns (``p$data``
and the dashed line's layer); none was computed by statkmeans. The "wss" sums
are also checked against a naive, obviously correct Python reference.
"""

from __future__ import annotations

import functools
import math
import multiprocessing
import os
import re
import subprocess
import sys
import textwrap
import warnings
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import attrs
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import as_list, load_fixture, num
from matplotlib.colors import to_hex

import statkmeans
from statkmeans import (
    ClusGapResult,
    InvalidArgumentError,
    InvalidTypeError,
    NbClustResult,
    RStream,
    StatKMeansWarning,
    clus_gap,
    cluster_coordinates,
    dist,
    get_stream,
    kmeans,
    load_dataset,
    nbclust,
    plot_cluster,
    plot_gap,
    plot_nbclust,
    plot_silhouette,
    runif,
    scale,
    set_seed,
    silhouette,
)
from statkmeans.nbclust import _wss
from statkmeans.plots._style import cluster_shapes, hue_palette, marker_area, pch_style

nbclust_module = sys.modules["statkmeans.nbclust"]

FIX = load_fixture("plots_fixtures.json")
CASES = FIX["cases"]
GAP_ATOL = 2e-15  # clus_gap's SVD differs from R's LAPACK in the last bits (documented bound)


def dataset(name: str):
    """Fixture data by name, as the R script built them."""
    if name == "USArrests_scaled":
        return scale(load_dataset("USArrests"))
    frame = load_dataset(name)
    return frame.iloc[:, :4] if name == "iris" else frame


def renumber(x, k, **kwargs):
    """The R script's FUNcluster whose codes are 2k + 3 (not 1..k)."""
    return {"cluster": kmeans(x, k, **kwargs).cluster * 2 + 3}


def case_args(case: dict) -> dict:
    args = case["args"] or {}
    return {name.replace(".", "_"): value for name, value in args.items()}


def case_id(case: dict) -> str:
    extra = "".join(f"-{k}{v}" for k, v in case_args(case).items())
    diss = f"-{case['diss']}" if case["diss"] else ""
    return f"{case['data']}-{case['method']}-k{case['k_max']}-{case['fun']}{diss}{extra}"


@functools.cache
def run_case(index: int):
    """fviz_nbclust's call of a fixture case, here: (result, runif(2) after, warnings)."""
    case = CASES[index]
    x = dataset(case["data"])
    diss = dist(x, case["diss"]) if case["diss"] else None
    fun = kmeans if case["fun"] == "kmeans" else renumber
    if case["seed_before"] is not None:
        set_seed(case["seed_before"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = nbclust(x, fun, case["method"], case["k_max"], case["nboot"], diss=diss,
                      verbose=False, **case_args(case))
    return res, runif(2), [str(w.message) for w in caught]


CASE_PARAMS = [pytest.param(i, id=case_id(c)) for i, c in enumerate(CASES)]


def find(data: str, method: str, k_max: int = 10, **args) -> int:
    """Index of the fixture case with these settings (kmeans, Euclidean)."""
    for i, c in enumerate(CASES):
        if ((c["data"], c["method"], c["k_max"], c["fun"], c["diss"]) ==
                (data, method, k_max, "kmeans", None) and case_args(c) == args
                and c["seed_before"] is None):
            return i
    raise LookupError((data, method, k_max, args))


WSS, SIL, GAP = find("USArrests_scaled", "wss"), find("USArrests_scaled", "silhouette"), \
    find("USArrests_scaled", "gap_stat")
WSS6, GAP6 = find("USArrests_scaled", "wss", 6), find("USArrests_scaled", "gap_stat", 6)
WSS25, SIL25 = (find("USArrests_scaled", "wss", nstart=25),
                find("USArrests_scaled", "silhouette", nstart=25))


def naive_wss(x: np.ndarray, codes, d=None) -> float:
    """factoextra's wss in R's arithmetic, by plain loops.

    For each cluster in code order: the pairs of its members (increasing row
    order) in R's dist order (2,1), (3,1), ..., (3,2), ...; each distance the
    sqrt of the column-order sum of squared differences (or d[i, j]), squared
    as d * d; the squares summed in extended precision one after another, the
    rounded sum divided by n_r; the clusters added in double precision.
    """
    codes = np.asarray(codes)
    total = 0.0
    for c in np.unique(codes):
        idx = np.flatnonzero(codes == c)
        acc = np.longdouble(0.0)
        for a in range(len(idx)):
            for b in range(a + 1, len(idx)):
                if d is None:
                    ss = 0.0
                    for j in range(x.shape[1]):
                        dev = x[idx[b], j] - x[idx[a], j]
                        ss += dev * dev
                    dij = math.sqrt(ss)
                else:
                    dij = float(d[idx[b], idx[a]])
                acc += np.longdouble(dij * dij)
        total += float(acc) / len(idx)
    return total


# -- against R ----------------------------------------------------------------------------


class TestAgainstR:
    """nbclust gives fviz_nbclust's plotted numbers, chosen k and random stream."""

    @pytest.mark.parametrize("index", CASE_PARAMS)
    def test_values(self, index):
        """y is R's p$data: exact for wss and silhouette, gap within 2e-15."""
        case = CASES[index]
        res = run_case(index)[0]
        expected = num(case["y"])
        if case["method"] == "gap_stat":
            np.testing.assert_allclose(res.y, expected, rtol=0, atol=GAP_ATOL)
        else:
            np.testing.assert_array_equal(res.y, expected)
        assert res.method == case["method"]
        assert res.k.tolist() == list(range(1, case["k_max"] + 1))

    @pytest.mark.parametrize("index", CASE_PARAMS)
    def test_chosen_k(self, index):
        """n_clusters is where factoextra draws its dashed line (none for wss)."""
        case = CASES[index]
        assert run_case(index)[0].n_clusters == case["xintercept"]

    @pytest.mark.parametrize("index", CASE_PARAMS)
    def test_stream_after(self, index):
        """The default stream afterwards is R's: runif(2) draws the same numbers."""
        np.testing.assert_array_equal(run_case(index)[1], num(CASES[index]["runif_after"]))

    @pytest.mark.parametrize("index", CASE_PARAMS)
    def test_warnings(self, index):
        """The same warnings as R, in R's order (renumbered codes: one per k)."""
        assert run_case(index)[2] == as_list(CASES[index]["warnings"])

    @pytest.mark.parametrize("index", [p for p in CASE_PARAMS
                                       if CASES[p.values[0]]["method"] == "gap_stat"])
    def test_gap_frame(self, index):
        """to_frame() is R's p$data for gap_stat, column names included."""
        case = CASES[index]
        frame = run_case(index)[0].to_frame()
        assert list(frame.columns) == ["logW", "E.logW", "gap", "SE.sim", "clusters", "ymin",
                                       "ymax"]
        for col, key in (("logW", "logW"), ("E.logW", "E_logW"), ("SE.sim", "SE_sim"),
                         ("ymin", "ymin"), ("ymax", "ymax")):
            np.testing.assert_allclose(frame[col].to_numpy(), num(case[key]), rtol=0,
                                       atol=GAP_ATOL)
        assert frame["clusters"].astype(str).tolist() == as_list(case["clusters"])

    @pytest.mark.parametrize("index", [WSS, SIL])
    def test_frame(self, index):
        """to_frame() is R's p$data for wss and silhouette: clusters (a factor) and y."""
        case = CASES[index]
        frame = run_case(index)[0].to_frame()
        assert list(frame.columns) == ["clusters", "y"]
        assert isinstance(frame["clusters"].dtype, pd.CategoricalDtype)
        assert frame["clusters"].astype(str).tolist() == as_list(case["clusters"])
        np.testing.assert_array_equal(frame["y"].to_numpy(), num(case["y"]))

    @pytest.mark.parametrize("index", [WSS, SIL, GAP])
    def test_labels(self, index):
        """The plot's axis labels and title are factoextra's."""
        case = CASES[index]
        ax = run_case(index)[0].plot()
        assert ax.get_xlabel() == case["labels"]["x"]
        assert ax.get_ylabel() == case["labels"]["y"]
        assert ax.get_title(loc="left") == case["labels"]["title"]

    def test_user_seed_has_no_effect(self):
        """A set_seed before nbclust changes nothing (factoextra's set.seed(123))."""
        x = dataset("iris")
        set_seed(2024)
        a = nbclust(x, kmeans, "silhouette", 5)
        set_seed(1)
        b = nbclust(x, kmeans, "silhouette", 5)
        assert a == b

    def test_wss_close_to_tot_withinss(self):
        """wss equals kmeans' tot_withinss up to rounding (docs/r-behaviour.md 11.1)."""
        x = dataset("USArrests_scaled")
        res = nbclust(x, kmeans, "wss", 6)
        set_seed(123)
        tot = [kmeans(x, k).tot_withinss for k in range(1, 7)]
        np.testing.assert_allclose(res.y, tot, rtol=1e-14)


# -- the random stream -------------------------------------------------------------------------


class TestRng:
    """rng= draws from another stream and leaves the default one alone."""

    def test_rng_int_leaves_default_stream(self):
        """rng=123 gives factoextra's numbers without touching the default stream."""
        x = dataset("USArrests_scaled")
        set_seed(7)
        before = get_stream().copy()
        res = nbclust(x, kmeans, "wss", 6, rng=123)
        assert get_stream() == before
        np.testing.assert_array_equal(res.y, num(CASES[WSS6]["y"]))

    def test_rng_stream_is_advanced(self):
        """An RStream is used and advanced exactly as R's global stream."""
        stream = RStream(123)
        nbclust(dataset("USArrests_scaled"), kmeans, "wss", 6, rng=stream)
        np.testing.assert_array_equal(stream.runif(2), num(CASES[WSS6]["runif_after"]))

    def test_rng_reaches_clus_gap(self):
        """For gap_stat the stream goes to clus_gap: R's gap with rng=RStream(123)."""
        stream = RStream(123)
        before = get_stream().copy()
        res = nbclust(dataset("USArrests_scaled"), kmeans, "gap_stat", 6, 10, rng=stream,
                      verbose=False)
        assert get_stream() == before
        np.testing.assert_allclose(res.y, num(CASES[GAP6]["y"]), rtol=0, atol=GAP_ATOL)
        np.testing.assert_array_equal(stream.runif(2), num(CASES[GAP6]["runif_after"]))

    def test_numpy_generator(self):
        """A numpy Generator works (not R's numbers) and leaves the default stream."""
        set_seed(3)
        before = get_stream().copy()
        res = nbclust(dataset("iris"), kmeans, "silhouette", 4,
                      rng=np.random.default_rng(0))
        assert get_stream() == before
        assert res.y[0] == 0 and (res.y[1:] > 0).all()

    def test_kmeans_partial(self):
        """A functools.partial of kmeans is kmeans with bound arguments."""
        x = dataset("USArrests_scaled")
        a = nbclust(x, functools.partial(kmeans, nstart=25), "silhouette")
        np.testing.assert_array_equal(a.y, num(CASES[SIL25]["y"]))


# -- wss arithmetic ------------------------------------------------------------------------------


class TestWss:
    """The within sum of squares, exactly R's arithmetic; no n-by-n array."""

    @pytest.mark.parametrize("seed", range(20))
    def test_pairs_against_naive(self, seed):
        """From the data: equal to plain loops in R's order, to the last bit."""
        rng = np.random.default_rng(seed)
        n = int(rng.integers(5, 40))
        x = rng.normal(size=(n, int(rng.integers(1, 5)))) * 10 ** rng.uniform(-3, 3)
        codes = rng.integers(0, 4, size=n).astype(np.int32)
        codes[:4] = [0, 1, 2, 3]
        assert _wss(x, codes, 4, None) == naive_wss(x, codes)

    @pytest.mark.parametrize("seed", range(10))
    def test_diss_against_naive(self, seed):
        """From a condensed dissimilarity vector: equal to plain loops, to the last bit."""
        rng = np.random.default_rng(100 + seed)
        x = rng.normal(size=(19, 2))
        d = dist(x, "manhattan")
        codes = np.repeat(np.arange(3, dtype=np.int32), [6, 1, 12])
        rng.shuffle(codes)
        got = _wss(x, codes, 3, np.asarray(d.values))
        assert got == naive_wss(x, codes, d.to_matrix())

    def test_singletons_and_single_cluster(self):
        """Singletons add 0; one cluster of two points is d^2 / 2."""
        x = np.array([[0.0, 0.0], [3.0, 4.0], [10.0, 10.0]])
        assert _wss(x, np.array([0, 0, 1], dtype=np.int32), 2, None) == 12.5
        d = np.array([5.0, 1.0, 2.0])  # d(2,1), d(3,1), d(3,2)
        assert _wss(x, np.array([0, 0, 1], dtype=np.int32), 2, d) == 12.5

    def test_identity_beyond_pair_limit(self, monkeypatch):
        """Past EXACT_PAIR_LIMIT the identity is used, within 1e-13 of the pairs."""
        rng = np.random.default_rng(8)
        x = rng.normal(size=(60, 4)) * 100
        codes = rng.integers(0, 3, size=60).astype(np.int32)
        exact = _wss(x, codes, 3, None)
        monkeypatch.setattr(nbclust_module, "EXACT_PAIR_LIMIT", 10)
        assert _wss(x, codes, 3, None) == pytest.approx(exact, rel=1e-13)

    def test_memory_is_linear(self):
        """n = 3000 pairwise: peak memory far below one n-by-n array (72 MB)."""
        import tracemalloc

        x = np.random.default_rng(9).normal(size=(3000, 3))
        codes = np.zeros(3000, dtype=np.int32)
        tracemalloc.start()
        try:
            _wss(x, codes, 1, None)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 4 * 2**20


# -- executors --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def process_pool():
    """Two worker processes started by a fork server (no fork of a threaded process)."""
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver")) as pool:
        yield pool


class TestExecutor:
    """Executors change nothing: same values, same stream, same warnings."""

    @staticmethod
    def _both(executor, method, **kwargs):
        x = dataset("iris")
        out = []
        for ex in (None, executor):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                res = nbclust(x, kmeans, method, 6, executor=ex, **kwargs)
            out.append((res, get_stream().copy(), [str(w.message) for w in caught]))
        return out

    @pytest.mark.parametrize("method", ["wss", "silhouette"])
    def test_threads(self, method):
        """A thread pool gives the serial result bit for bit."""
        with ThreadPoolExecutor(2) as pool:
            (a, sa, wa), (b, sb, wb) = self._both(pool, method, nstart=3, iter_max=2)
        assert a == b and sa == sb and wa == wb and wa  # iter_max=2 warns

    def test_process_pool(self, process_pool):
        """A process pool gives the serial result, warnings in R's order."""
        (a, sa, wa), (b, sb, wb) = self._both(process_pool, "wss", nstart=2, iter_max=2,
                                              algorithm="Lloyd")
        assert a == b and sa == sb and wa == wb and wa

    def test_ignored_for_other_funcluster(self):
        """An executor with another FUNcluster is ignored with a warning."""
        with ThreadPoolExecutor(1) as pool, pytest.warns(StatKMeansWarning, match="ignored"):
            res = nbclust(dataset("iris"), renumber, "silhouette", 3, executor=pool)
        np.testing.assert_array_equal(res.y, nbclust(dataset("iris"), kmeans, "silhouette",
                                                     3).y)


# -- checks --------------------------------------------------------------------------------------------


class TestValidation:
    """Bad arguments fail early with R's words and what to do."""

    def test_k_max_below_2(self):
        """k_max = 1 is R's "k.max must bet > = 2"."""
        with pytest.raises(InvalidArgumentError, match=r"k\.max must bet > = 2"):
            nbclust(dataset("iris"), kmeans, k_max=1)
        assert "k.max must bet > = 2" == FIX["errors"]["k_max_1"]

    def test_not_a_matrix(self):
        """A vector is refused as R refuses it."""
        with pytest.raises(InvalidArgumentError, match="matrix/data.frame"):
            nbclust(np.arange(10.0), kmeans)
        assert "matrix/data.frame" in FIX["errors"]["not_matrix"]

    def test_funcluster_required(self):
        """FUNcluster=None is R's "The argument FUNcluster is required"."""
        with pytest.raises(InvalidTypeError, match="The argument FUNcluster is required"):
            nbclust(dataset("iris"), None)
        with pytest.raises(InvalidTypeError, match="must be a function"):
            nbclust(dataset("iris"), 3)

    def test_method(self):
        """An unknown method is match.arg's error; a prefix is enough."""
        with pytest.raises(InvalidArgumentError, match="'arg' should be one of"):
            nbclust(dataset("iris"), kmeans, method="foo")
        assert nbclust(dataset("iris"), kmeans, method="w", k_max=2).method == "wss"

    def test_gap_needs_two_reference_sets(self):
        """nboot = 1 fails before computing, quoting R's later error."""
        with pytest.raises(InvalidArgumentError, match="SE.f >= 0 are not all TRUE"):
            nbclust(dataset("iris"), kmeans, "gap_stat", 3, nboot=1)
        assert FIX["errors"]["gap_nboot_1"] == "SE.f >= 0 are not all TRUE"

    def test_k_max_above_n(self):
        """More clusters than observations is refused."""
        with pytest.raises(InvalidArgumentError, match="must not exceed"):
            nbclust(np.arange(8.0).reshape(4, 2), kmeans, "wss", k_max=5)

    @pytest.mark.parametrize("name", ["rng", "executor", "n_threads"])
    def test_own_arguments_bound_to_kmeans(self, name):
        """rng/executor/n_threads belong to nbclust, not to a partial of kmeans."""
        with pytest.raises(InvalidArgumentError, match=f"pass '{name}' to nbclust itself"):
            nbclust(dataset("iris"), functools.partial(kmeans, **{name: 1}), "wss", 3)

    def test_centers_through_kwargs(self):
        """centers is set by nbclust."""
        with pytest.raises(InvalidArgumentError, match="'centers' is set by nbclust"):
            nbclust(dataset("iris"), kmeans, "wss", 3, centers=2)

    def test_diss_size(self):
        """A diss of another size, or not condensed, is refused."""
        x = dataset("iris")
        with pytest.raises(InvalidArgumentError, match="150 rows"):
            nbclust(x, kmeans, "wss", 3, diss=dist(x.iloc[:20]))
        with pytest.raises(InvalidArgumentError, match="not a condensed"):
            nbclust(x, kmeans, "wss", 3, diss=np.ones(7))
        with pytest.raises(InvalidArgumentError, match="non-negative"):
            nbclust(x.iloc[:4], kmeans, "wss", 2, diss=[1.0, 2.0, -1.0, 1.0, 1.0, 1.0])

    def test_diss_with_gap_warns(self):
        """diss is unused by gap_stat (R ignores it silently; here a warning)."""
        x = dataset("USArrests_scaled")
        with pytest.warns(StatKMeansWarning, match="'diss' is not used"):
            res = nbclust(x, kmeans, "gap_stat", 6, 10, diss=dist(x), verbose=False)
        np.testing.assert_allclose(res.y, num(CASES[GAP6]["y"]), rtol=0, atol=GAP_ATOL)

    def test_import_is_light(self, tmp_path):
        """wss and silhouette numbers need neither pandas nor matplotlib."""
        code = textwrap.dedent("""
            import sys
            import numpy as np
            from statkmeans import nbclust
            x = np.random.default_rng(0).normal(size=(30, 2))
            nbclust(x, method="wss", k_max=3, rng=1); nbclust(x, k_max=3, rng=1)
            print("pandas" in sys.modules, "matplotlib" in sys.modules)
        """)
        env = dict(os.environ)
        parent = str(Path(statkmeans.__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [parent, env.get("PYTHONPATH")]))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd=str(tmp_path), env=env).stdout
        assert out.split() == ["False", "False"]


# -- the result -------------------------------------------------------------------------------------------


class TestResult:
    """NbClustResult is a frozen, validated record."""

    def test_frozen_and_read_only(self):
        """Fields cannot be set and arrays cannot be written."""
        res = run_case(WSS)[0]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            res.method = "silhouette"
        with pytest.raises(ValueError):
            res.y[0] = 1.0

    def test_copies_inputs(self):
        """The caller's arrays are copied, not frozen."""
        y = np.array([0.0, 0.5])
        res = NbClustResult(k=[1, 2], y=y, method="silhouette")
        assert y.flags.writeable
        y[0] = 1.0
        assert res.y.tolist() == [0.0, 0.5]

    def test_repr(self):
        """repr is one line with the method, k_max and chosen k."""
        assert repr(run_case(SIL)[0]) == ("NbClustResult(method='silhouette', k_max=10, "
                                        "n_clusters=2)")
        assert repr(run_case(WSS)[0]).endswith("n_clusters=None)")

    def test_print_shows_the_table(self):
        """print() states the chosen k and shows factoextra's plotted values, one row per k."""
        text = str(run_case(SIL)[0])
        lines = text.splitlines()
        assert lines[0] == ('Optimal number of clusters (fviz_nbclust, method = "silhouette"): '
                            "k = 2")
        assert lines[1].split() == ["y"] and len(lines) == 12
        assert lines[3].split() == ["2", "0.4084890"]
        assert "no line is drawn" in str(run_case(WSS)[0]).splitlines()[0]
        gap_lines = str(run_case(GAP)[0]).splitlines()
        assert gap_lines[1].split() == ["logW", "E.logW", "gap", "SE.sim"]

    def test_checks(self):
        """Mismatched lengths, a missing gap, or a gap for another method are errors."""
        with pytest.raises(InvalidArgumentError, match="same length"):
            NbClustResult(k=[1, 2], y=[0.0], method="wss")
        with pytest.raises(InvalidArgumentError, match="exactly when"):
            NbClustResult(k=[1, 2], y=[0.0, 1.0], method="gap_stat")
        with pytest.raises(ValueError):
            NbClustResult(k=[1, 2], y=[0.0, 1.0], method="elbow")

    def test_gap_field(self):
        """gap_stat keeps the whole clus_gap result; y is its gap column."""
        res = run_case(GAP)[0]
        assert isinstance(res.gap, ClusGapResult)
        np.testing.assert_array_equal(res.y, res.gap.Tab["gap"].to_numpy())
        assert res.n_clusters == res.gap.n_clusters("firstSEmax", 1)


# -- plots --------------------------------------------------------------------------------------------------


def _vlines(ax):
    """x positions of the dashed vertical lines."""
    return [ln.get_xdata()[0] for ln in ax.lines if ln.get_linestyle() == "--"]


class TestPlotNbclust:
    """The fviz_nbclust figure: the Axes passed in, R's data, labels and look."""

    @pytest.mark.parametrize("index", [WSS, SIL, GAP])
    def test_draws_on_given_axes(self, index):
        """The returned Axes is the one passed in and no figure is opened."""
        res = run_case(index)[0]
        _, ax = plt.subplots()
        before = plt.get_fignums()
        assert res.plot(ax=ax) is ax
        assert plt.get_fignums() == before

    def test_new_figure_without_ax(self):
        """Without ax one new figure is opened."""
        before = len(plt.get_fignums())
        ax = run_case(WSS)[0].plot()
        assert len(plt.get_fignums()) == before + 1 and ax.figure.number in plt.get_fignums()

    @pytest.mark.parametrize("index", [WSS, SIL, GAP])
    def test_line_data(self, index):
        """The line goes through (k, y) in steelblue; the dashed line is at R's k."""
        case = CASES[index]
        res = run_case(index)[0]
        ax = res.plot()
        line = ax.lines[0]
        np.testing.assert_array_equal(line.get_xdata(), np.arange(1, case["k_max"] + 1))
        np.testing.assert_array_equal(line.get_ydata(), res.y)
        assert to_hex(line.get_color()) == to_hex("steelblue")
        assert _vlines(ax) == ([] if case["xintercept"] is None else [case["xintercept"]])
        assert [t.get_text() for t in ax.get_xticklabels()] == as_list(case["clusters"])

    def test_gap_error_bars(self):
        """gap_stat: error bars from R's ymin to ymax, in the line colour."""
        case = CASES[GAP]
        ax = run_case(GAP)[0].plot()
        segments = ax.containers[0].lines[2][0].get_segments()
        lo = [s[0][1] for s in segments]
        hi = [s[1][1] for s in segments]
        np.testing.assert_allclose(lo, num(case["ymin"]), rtol=0, atol=GAP_ATOL)
        np.testing.assert_allclose(hi, num(case["ymax"]), rtol=0, atol=GAP_ATOL)
        assert to_hex(ax.containers[0].lines[2][0].get_color()[0]) == to_hex("steelblue")

    def test_classic_theme(self):
        """White panel, no grid, left and bottom axis lines only."""
        ax = run_case(WSS)[0].plot()
        assert to_hex(ax.get_facecolor()) == "#ffffff"
        assert not any(g.get_visible() for g in ax.xaxis.get_gridlines())
        assert ax.spines["left"].get_visible() and ax.spines["bottom"].get_visible()
        assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()

    def test_kwargs(self):
        """kwargs override the line's defaults; the caller's dict is not changed."""
        opts = {"marker": "s", "color": "black"}
        ax = run_case(SIL)[0].plot(linecolor="red", **opts)
        assert opts == {"marker": "s", "color": "black"}
        assert ax.lines[0].get_marker() == "s"
        assert to_hex(ax.lines[0].get_color()) == "#000000"
        assert to_hex(ax.lines[1].get_color()) == "#ff0000"  # the dashed line: linecolor

    def test_never_shows(self, monkeypatch):
        """plt.show is never called."""
        monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("plt.show called"))
        run_case(GAP)[0].plot()
        plot_nbclust(dataset("iris"), kmeans, "wss", 3)

    def test_plot_nbclust(self):
        """plot_nbclust draws nbclust's numbers on the given Axes, linecolor applied."""
        case = CASES[WSS25]
        _, ax = plt.subplots()
        before = plt.get_fignums()
        out = plot_nbclust(dataset(case["data"]), kmeans, "wss", ax=ax, linecolor="darkred",
                           **case_args(case))
        assert out is ax and plt.get_fignums() == before
        np.testing.assert_array_equal(ax.lines[0].get_ydata(), num(case["y"]))
        assert to_hex(ax.lines[0].get_color()) == to_hex("darkred")
        assert ax.get_ylabel() == "Total Within Sum of Square"


@pytest.fixture(scope="module")
def gap():
    """R's set.seed(1); clusGap(scale(USArrests), kmeans, K.max = 8, B = 10)."""
    set_seed(1)
    return clus_gap(dataset("USArrests_scaled"), kmeans, K_max=8, B=10, verbose=False)


class TestPlotGap:
    """The fviz_gap_stat figure on a clus_gap result."""


    @pytest.mark.parametrize("rule", FIX["gap_stat"]["rules"], ids=lambda r: r["method"])
    def test_rules(self, gap, rule):
        """The dashed line is at factoextra's k for each maxSE rule; bars are gap +/- SE."""
        np.testing.assert_allclose(gap.Tab["gap"], num(FIX["gap_stat"]["gap"]), rtol=0,
                                   atol=GAP_ATOL)
        _, ax = plt.subplots()
        before = plt.get_fignums()
        out = plot_gap(gap, ax=ax, method=rule["method"], SE_factor=rule["SE_factor"])
        assert out is ax and plt.get_fignums() == before
        assert _vlines(ax) == [rule["xintercept"]]
        segments = ax.containers[0].lines[2][0].get_segments()
        np.testing.assert_allclose([s[0][1] for s in segments], num(rule["ymin"]), rtol=0,
                                   atol=GAP_ATOL)
        np.testing.assert_allclose([s[1][1] for s in segments], num(rule["ymax"]), rtol=0,
                                   atol=GAP_ATOL)
        assert ax.get_ylabel() == "Gap statistic (k)"
        assert ax.get_xlabel() == "Number of clusters k"
        assert ax.get_title(loc="left") == "Optimal number of clusters"

    def test_not_a_gap(self):
        """Anything but a ClusGapResult is refused, as fviz_gap_stat refuses it."""
        with pytest.raises(InvalidTypeError, match="Only an object of class ClusGapResult"):
            plot_gap(run_case(WSS)[0])


class TestPlotSilhouette:
    """The fviz_silhouette figure: R's bar order, colours, title and mean line."""

    @pytest.mark.parametrize("case", FIX["silhouette"], ids=lambda c: c["data"])
    def test_bars(self, case):
        """Bars in R's order with R's heights, coloured by cluster; R's title and line."""
        x = dataset(case["data"]).to_numpy()
        set_seed(case["seed"])
        km = kmeans(x, case["k"], nstart=case["nstart"])
        assert km.cluster.tolist() == case["cluster"]
        sil = silhouette(km, data=x)
        _, ax = plt.subplots()
        before = plt.get_fignums()
        assert plot_silhouette(sil, ax=ax, label=True) is ax
        assert plt.get_fignums() == before
        bars = ax.patches
        np.testing.assert_array_equal([b.get_height() for b in bars],
                                      num(case["plotted_width"]))
        palette = as_list(FIX["hue"][case["k"] - 1])
        expected = [palette[c - 1].lower() for c in case["plotted_cluster"]]
        assert [to_hex(b.get_facecolor()) for b in bars] == expected
        assert ax.get_title(loc="left") == case["title"]
        assert ax.get_ylabel() == case["ylab"] == "Silhouette width Si"
        hline = [ln for ln in ax.lines if ln.get_linestyle() == "--"]
        assert len(hline) == 1 and hline[0].get_ydata()[0] == num(case["hline"])[0]
        assert to_hex(hline[0].get_color()) == "#ff0000"
        assert [t.get_text() for t in ax.get_xticklabels()] == case["plotted_name"]
        assert [t.get_text() for t in ax.get_legend().get_texts()] == [
            str(c) for c in range(1, case["k"] + 1)]
        assert ax.get_ylim()[1] >= 1.0

    def testhue_palette(self):
        """ggplot2's default colours, scales::hue_pal()(k) for k = 1..12."""
        for k, expected in enumerate(FIX["hue"], start=1):
            assert hue_palette(k) == as_list(expected)

    def test_options(self):
        """No labels by default; a palette and bar kwargs are honoured; no new figure."""
        x = dataset("iris").to_numpy()
        sil = silhouette(kmeans(x, 3, rng=1), data=x)
        opts = {"alpha": 0.5}
        ax = plot_silhouette(sil, palette=["red", "green", "blue"], **opts)
        assert opts == {"alpha": 0.5}
        assert all(t.get_text() == "" for t in ax.get_xticklabels())
        assert {to_hex(b.get_facecolor(), keep_alpha=False) for b in ax.patches} == {
            "#ff0000", "#008000", "#0000ff"}
        assert ax.patches[0].get_alpha() == 0.5
        with pytest.raises(InvalidArgumentError, match="one colour per cluster"):
            plot_silhouette(sil, palette=["red"])

    def test_not_a_silhouette(self):
        """A kmeans result is refused, as fviz_silhouette refuses it."""
        x = dataset("iris").to_numpy()
        with pytest.raises(InvalidTypeError, match="Don't support an object of class"):
            plot_silhouette(kmeans(x, 3, rng=1))
        assert FIX["errors"]["silhouette_object"].startswith("Don't support an oject")


# -- fviz_cluster ------------------------------------------------------------------------------------------

CFIX = load_fixture("cluster_plot_fixtures.json")
CCASES = CFIX["cases"]
COORD_ATOL = 1e-14  # numpy's SVD and R's LAPACK differ in the last bits


def cluster_data(name: str):
    """The data of a fviz_cluster fixture case, as the R script built them."""
    case = CCASES[name]
    if case["data"] == "small":
        return np.array([float(v) for v in case["data_values"]]).reshape(-1, 3)
    if case["data"] == "faithful_xy":
        return load_dataset("faithful").set_axis(["x", "y"], axis=1)
    return dataset(case["data"])


@functools.cache
def cluster_case(name: str):
    """(km, data, plot_cluster keyword arguments) of a fixture case, R's calls repeated."""
    case = CCASES[name]
    x = cluster_data(name)
    if case["seed"] is None:
        centers = np.array([float(v) for v in case["centers_values"]]).reshape(-1, x.shape[1])
        km = kmeans(x, centers)
    else:
        set_seed(case["seed"])
        km = kmeans(scale(x) if case["kmeans_scaled"] else x, case["k"], nstart=case["nstart"])
    args = {k.replace(".", "_"): (tuple(v) if isinstance(v, list) else v)
            for k, v in (case["args"] or {}).items()}
    return km, x, args


def coordinate_args(args: dict) -> dict:
    return {k: v for k, v in args.items() if k in ("stand", "axes")}


def signs(name: str) -> np.ndarray:
    """Per axis +1 or -1: how our axes must be flipped to be R's (PCA signs are arbitrary)."""
    km, x, args = cluster_case(name)
    ours = cluster_coordinates(km, x, **coordinate_args(args)).to_frame().iloc[:, :2].to_numpy()
    theirs = np.column_stack([num(CCASES[name]["data_x"]), num(CCASES[name]["data_y"])])
    return np.where(np.sum(ours * theirs, axis=0) < 0, -1.0, 1.0)


def collections_by(ax, prefix: str) -> dict:
    return {c.get_gid().split(":", 1)[1]: c for c in ax.collections
            if (c.get_gid() or "").startswith(prefix + ":")}


def patches_by(ax) -> dict:
    return {p.get_gid().split(":", 1)[1]: p for p in ax.patches
            if (p.get_gid() or "").split(":")[0] in ("convex", "norm")}


CLUSTER_NAMES = list(CCASES)


@pytest.fixture(scope="module")
def usarrests_cluster():
    """R's set.seed(1); km <- kmeans(scale(USArrests), 3, nstart = 25), and the data."""
    km, x, _ = cluster_case("USArrests")
    return km, x


class TestPlotCluster:
    """cluster_coordinates and plot_cluster against fviz_cluster's p$data and layer data."""

    @pytest.mark.parametrize("name", CLUSTER_NAMES)
    def test_same_clustering(self, name):
        """The kmeans call of the case gives R's clustering (so the rest is comparable)."""
        assert np.asarray(cluster_case(name)[0].cluster).tolist() == CCASES[name]["cluster"]

    @pytest.mark.parametrize("name", CLUSTER_NAMES)
    def test_coordinates(self, name):
        """The coordinates are p$data's x and y (up to a sign per PCA axis), names and clusters."""
        case = CCASES[name]
        km, x, args = cluster_case(name)
        frame = cluster_coordinates(km, x, **coordinate_args(args)).to_frame()
        got = frame.iloc[:, :2].to_numpy() * signs(name)
        np.testing.assert_allclose(got[:, 0], num(case["data_x"]), rtol=0, atol=COORD_ATOL)
        np.testing.assert_allclose(got[:, 1], num(case["data_y"]), rtol=0, atol=COORD_ATOL)
        assert [str(v) for v in frame.index] == case["data_name"]
        assert isinstance(frame["cluster"].dtype, pd.CategoricalDtype)
        assert frame["cluster"].astype(str).tolist() == case["data_cluster"]

    @pytest.mark.parametrize("name", CLUSTER_NAMES)
    def test_signs_agree_with_r(self, name):
        """numpy's SVD gives R 4.2.2's component signs here (else the picture is mirrored)."""
        assert signs(name).tolist() == [1.0, 1.0]

    @pytest.mark.parametrize("name", CLUSTER_NAMES)
    def test_labels_and_percentages(self, name):
        """Axis labels are p$labels; percentages are get_eigenvalue()'s, unrounded."""
        case = CCASES[name]
        km, x, args = cluster_case(name)
        coords = cluster_coordinates(km, x, **coordinate_args(args))
        frame = coords.to_frame()
        assert (coords.xlab, coords.ylab) == (case["labels"]["x"], case["labels"]["y"])
        if case["eig_percent"] is None:
            assert coords.percent is None
            assert list(frame.columns[:2]) == list(x.columns)
        else:
            a, b = args.get("axes", (1, 2))
            assert list(frame.columns) == [f"Dim{a}", f"Dim{b}", "cluster"]
            pct = num(case["eig_percent"])
            np.testing.assert_allclose(coords.percent, [pct[a - 1], pct[b - 1]],
                                       rtol=1e-13, atol=0)
        ax = plot_cluster(km, x, **args)
        assert ax.get_xlabel() == case["labels"]["x"]
        assert ax.get_ylabel() == case["labels"]["y"]
        assert ax.get_title(loc="left") == case["labels"]["title"] == "Cluster plot"
        assert ax.get_legend().get_title().get_text() == case["labels"]["colour"]

    @pytest.mark.parametrize("name", CLUSTER_NAMES)
    def test_points(self, name):
        """Each cluster's points are R's first layer: positions, colours, shapes."""
        case = CCASES[name]
        km, x, args = cluster_case(name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", StatKMeansWarning)
            ax = plot_cluster(km, x, **args)
        flip = signs(name)
        pts = case["points"]
        rx, ry = num(pts["x"]), num(pts["y"])
        codes = np.asarray(km.cluster)
        shapes = cluster_shapes(km.k)
        for level, coll in collections_by(ax, "points").items():
            mine = np.flatnonzero(codes == int(level))
            np.testing.assert_allclose(np.asarray(coll.get_offsets()) * flip,
                                       np.column_stack([rx[mine], ry[mine]]), rtol=0,
                                       atol=COORD_ATOL)
            assert {to_hex(c) for c in coll.get_facecolors()} == {
                pts["colour"][i].lower() for i in mine}
            assert {pts["shape"][i] for i in mine} == {shapes[int(level) - 1]}
        assert len(collections_by(ax, "points")) == km.k

    @pytest.mark.parametrize("name", CLUSTER_NAMES)
    def test_centres(self, name):
        """Centre markers are R's: the means of the plotted coordinates, colour and shape."""
        case = CCASES[name]
        km, x, args = cluster_case(name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", StatKMeansWarning)
            ax = plot_cluster(km, x, **args)
        cent = case["centers"]
        got = collections_by(ax, "center")
        assert sorted(got, key=int) == [str(g) for g in cent["group"]]
        for i, group in enumerate(cent["group"]):
            coll = got[str(group)]
            np.testing.assert_allclose(np.asarray(coll.get_offsets())[0] * signs(name),
                                       [num(cent["x"])[i], num(cent["y"])[i]], rtol=0,
                                       atol=COORD_ATOL)
            assert to_hex(coll.get_facecolors()[0]) == cent["colour"][i].lower()
        assert cent["shape"] == cluster_shapes(km.k)
        assert num(cent["size"]).tolist() == [3.0] * km.k
        assert num(case["points"]["size"])[0] == 1.5

    def test_centres_are_not_projected_kmeans_centres(self, usarrests_cluster):
        """The centre marker is the mean of the plotted points (docs/r-behaviour.md 11.4)."""
        km, x = usarrests_cluster
        frame = cluster_coordinates(km, x).to_frame()
        ax = plot_cluster(km, x)
        for level, coll in collections_by(ax, "center").items():
            mean = frame[frame["cluster"] == level].iloc[:, :2].mean().to_numpy()
            np.testing.assert_allclose(np.asarray(coll.get_offsets())[0], mean, rtol=1e-15)

    @pytest.mark.parametrize("name", [n for n in CLUSTER_NAMES
                                      if "norm" not in n and "ellipse_type" not in
                                      (CCASES[n]["args"] or {})])
    def test_hulls(self, name):
        """One filled convex hull per cluster with R's corners (ggplot's chull polygon)."""
        case = CCASES[name]
        km, x, args = cluster_case(name)
        ax = plot_cluster(km, x, **args)
        poly = case["polygon"]
        px, py, groups = num(poly["x"]), num(poly["y"]), np.array(poly["group"])
        got = patches_by(ax)
        assert sorted(got, key=int) == [str(g) for g in np.unique(groups)]
        flip = signs(name)
        for g in np.unique(groups):
            patch = got[str(g)]
            corners = patch.get_xy()[:-1] * flip  # closed: the first corner repeated
            theirs = np.column_stack([px[groups == g], py[groups == g]])
            ours = np.unique(np.round(corners, 10), axis=0)
            assert ours.shape == np.unique(np.round(theirs, 10), axis=0).shape
            np.testing.assert_allclose(ours, np.unique(np.round(theirs, 10), axis=0),
                                       rtol=0, atol=1e-9)
            fill = patch.get_facecolor()
            assert to_hex(fill, keep_alpha=False) == poly["fill"][list(groups).index(g)].lower()
            assert fill[3] == pytest.approx(num(poly["alpha"])[0])
            assert to_hex(patch.get_edgecolor(), keep_alpha=True)[-2:] == "ff"

    def test_degenerate_hulls(self):
        """Singleton, two points and collinear points: the point, segment and segment ends."""
        km, x, args = cluster_case("small")
        got = patches_by(plot_cluster(km, x, **args))
        sizes = {g: len(np.unique(p.get_xy(), axis=0)) for g, p in got.items()}
        assert sizes == {"1": 2, "2": 4, "3": 2, "4": 1}

    @pytest.mark.parametrize("name", ["USArrests_norm", "iris_raw_norm"])
    def test_norm_ellipses(self, name):
        """"norm" ellipses are R's: same centre and quadratic form (level, n - 1 df)."""
        from scipy.stats import f

        case = CCASES[name]
        km, x, args = cluster_case(name)
        level = args.get("ellipse_level", 0.95)
        ax = plot_cluster(km, x, **args)
        frame = cluster_coordinates(km, x, **coordinate_args(args)).to_frame()
        poly = case["polygon"]
        px, py, groups = num(poly["x"]), num(poly["y"]), np.array(poly["group"])
        got = patches_by(ax)
        flip = signs(name)
        for g in np.unique(groups):
            pts = frame[frame["cluster"] == str(g)].iloc[:, :2].to_numpy() * flip
            m = pts.mean(axis=0)
            s_inv = np.linalg.inv(np.cov(pts.T))
            r2 = 2 * f.ppf(level, 2, len(pts) - 1)
            theirs = np.column_stack([px[groups == g], py[groups == g]])
            ours = got[str(g)].get_xy() * flip
            assert len(ours) == len(theirs) == 52
            for ring in (ours, theirs):
                q = np.einsum("ij,jk,ik->i", ring - m, s_inv, ring - m)
                np.testing.assert_allclose(q, r2, rtol=1e-12)
            np.testing.assert_allclose(theirs[:-1].mean(axis=0), m, rtol=0, atol=1e-12)
            np.testing.assert_allclose(ours[:-1].mean(axis=0), m, rtol=0, atol=1e-12)

    def test_norm_too_few_points(self):
        """Clusters of fewer than 4 points get no ellipse, with a warning (R: a message)."""
        km, x, _ = cluster_case("small")
        with pytest.warns(StatKMeansWarning, match=r"Too few points.*cluster\(s\) 1, 3, 4"):
            ax = plot_cluster(km, x, stand=False, ellipse_type="norm")
        assert list(patches_by(ax)) == ["2"]

    @pytest.mark.parametrize("name", ["USArrests", "faithful", "small"])
    def test_text(self, name):
        """Names above their points, coloured by cluster, R's size and labels."""
        case = CCASES[name]
        km, x, args = cluster_case(name)
        ax = plot_cluster(km, x, **args)
        txt = case["text"]
        assert [t.get_text() for t in ax.texts] == txt["label"]
        flip = signs(name)
        np.testing.assert_allclose(np.array([t.xy for t in ax.texts]) * flip,
                                   np.column_stack([num(txt["x"]), num(txt["y"])]), rtol=0,
                                   atol=COORD_ATOL)
        assert [to_hex(t.get_color()) for t in ax.texts] == [c.lower() for c in txt["colour"]]
        assert all(t.get_fontsize() == pytest.approx(num(txt["size"])[0] * 72.27 / 25.4)
                   for t in ax.texts)
        assert all(t.get_position()[1] > 0 and t.get_va() == "bottom" for t in ax.texts)

    def test_shapes(self):
        """Shapes by number of clusters: 16, 17, 15, 3, 7, 8, then 1..k (factoextra)."""
        for k, expected in enumerate(CFIX["shapes"], start=1):
            assert cluster_shapes(k) == as_list(expected)
        for pch in range(26):
            style = pch_style(pch, "red")
            assert style["marker"] is not None and style["scale"] > 0

    def test_many_clusters_draw(self):
        """Eight clusters (R's open symbols 1..8) draw without warnings."""
        x = dataset("USArrests_scaled")
        set_seed(2)
        km = kmeans(x, 8, nstart=5)
        ax = plot_cluster(km, load_dataset("USArrests"), geom="point")
        assert len(collections_by(ax, "points")) == 8
        ax.figure.canvas.draw()

    def test_layers(self):
        """geom / ellipse / show_clust_cent select the layers as in factoextra."""
        km, x = cluster_case("USArrests")[:2]
        layers = CFIX["layers"]
        assert layers["default"] == ["GeomPoint", "GeomPolygon", "GeomPoint", "GeomText"]
        ax = plot_cluster(km, x, geom="point")
        assert layers["point"] == ["GeomPoint", "GeomPolygon", "GeomPoint"]
        assert not ax.texts and len(patches_by(ax)) == 3 and len(collections_by(ax, "center")) == 3
        ax = plot_cluster(km, x, geom="text")
        assert layers["text"] == ["GeomPolygon", "GeomPoint", "GeomText"]
        assert len(ax.texts) == 50 and not collections_by(ax, "points")
        ax = plot_cluster(km, x, ellipse=False, show_clust_cent=False)
        assert layers["no_ellipse_no_centre"] == ["GeomPoint", "GeomText"]
        assert not patches_by(ax) and not collections_by(ax, "center")
        assert len(collections_by(ax, "points")) == 3 and len(ax.texts) == 50

    def test_draws_on_given_axes(self, usarrests_cluster):
        """The returned Axes is the one passed in and no figure is opened."""
        km, x = usarrests_cluster
        _, ax = plt.subplots()
        before = plt.get_fignums()
        assert plot_cluster(km, x, ax=ax) is ax
        assert plt.get_fignums() == before

    def test_new_figure_without_ax(self, usarrests_cluster):
        """Without ax one new figure is opened."""
        before = len(plt.get_fignums())
        plot_cluster(*usarrests_cluster)
        assert len(plt.get_fignums()) == before + 1

    def test_theme_and_legend(self, usarrests_cluster):
        """ggplot2's grey panel and white grid; legend "cluster" with the levels."""
        ax = plot_cluster(*usarrests_cluster)
        assert to_hex(ax.get_facecolor()) == "#ebebeb"
        assert all(g.get_visible() for g in ax.xaxis.get_gridlines())
        assert to_hex(ax.xaxis.get_gridlines()[0].get_color()) == "#ffffff"
        assert not any(s.get_visible() for s in ax.spines.values())
        legend = ax.get_legend()
        assert [t.get_text() for t in legend.get_texts()] == ["1", "2", "3"]

    def test_options(self, usarrests_cluster):
        """Labels, title, palette, sizes and scatter kwargs (copied) are honoured."""
        km, x = usarrests_cluster
        opts = {"alpha": 0.5}
        ax = plot_cluster(km, x, main="Mine", xlab="a", ylab="b", palette=["red", "green",
                          "blue"], pointsize=3, labelsize=6, **opts)
        assert opts == {"alpha": 0.5}
        assert (ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()) == ("Mine", "a", "b")
        points = collections_by(ax, "points")
        assert to_hex(points["1"].get_facecolors()[0], keep_alpha=False) == "#ff0000"
        assert points["1"].get_alpha() == 0.5
        centre = collections_by(ax, "center")["1"]
        assert points["1"].get_sizes()[0] == marker_area(3)
        assert centre.get_sizes()[0] == marker_area(6)  # twice pointsize
        assert ax.texts[0].get_fontsize() == pytest.approx(2 * 72.27 / 25.4)
        ax = plot_cluster(km, x, ellipse_alpha=0.5)
        assert patches_by(ax)["1"].get_facecolor()[3] == 0.5

    def test_arrays_without_names(self):
        """A numpy array: names 1..n, columns Dim1/Dim2 (p > 2) or x1/x2 (p == 2)."""
        km, x = cluster_case("USArrests")[:2]
        frame = cluster_coordinates(km, x.to_numpy()).to_frame()
        assert frame.index.tolist() == list(range(1, 51))
        assert list(frame.columns) == ["Dim1", "Dim2", "cluster"]
        f2 = load_dataset("faithful").to_numpy()
        km2 = kmeans(f2, 2, rng=1)
        frame2 = cluster_coordinates(km2, f2, stand=False).to_frame()
        assert list(frame2.columns) == ["x1", "x2", "cluster"]
        np.testing.assert_array_equal(frame2[["x1", "x2"]].to_numpy(), f2)
        ax = plot_cluster(km2, f2)
        assert ax.texts[0].get_text() == "1" and ax.get_xlabel() == "x1"

    def test_default_index_and_stand(self):
        """iris (default index): names 1..n; stand=False leaves p == 2 data as they are."""
        km, x, _ = cluster_case("iris_raw")
        frame = cluster_coordinates(km, x, stand=False).to_frame()
        assert frame.index.tolist() == list(range(1, 151))
        sub = x.iloc[:, :2]
        assert np.array_equal(cluster_coordinates(km, sub, stand=False).to_frame().iloc[:, :2].to_numpy(),
                              sub.to_numpy())

    def test_repel_warns(self, usarrests_cluster):
        """repel=True is accepted but not implemented: a warning says so."""
        with pytest.warns(StatKMeansWarning, match="repel=True is not implemented"):
            ax = plot_cluster(*usarrests_cluster, repel=True)
        assert len(ax.texts) == 50

    def test_errors(self, usarrests_cluster):
        """R's messages where R has one; clear errors for the rest."""
        km, x = usarrests_cluster
        errors = CFIX["errors"]
        f1 = load_dataset("faithful").iloc[:, :1]
        with pytest.raises(InvalidArgumentError, match=re.escape(errors["p1"])):
            cluster_coordinates(kmeans(f1, 2, rng=1), f1)
        with pytest.raises(InvalidArgumentError, match=re.escape(errors["axes"])):
            plot_cluster(km, x, axes=(1, 5))
        with pytest.raises(InvalidTypeError, match="data is required"):
            plot_cluster(km, None)
        assert errors["no_data"].startswith("data is required")
        with pytest.raises(InvalidArgumentError, match="'convex' or 'norm'.*'t', 'euclid'"):
            plot_cluster(km, x, ellipse_type="t")
        with pytest.raises(InvalidArgumentError, match="'geom' must be"):
            plot_cluster(km, x, geom=("point", "line"))
        with pytest.raises(InvalidArgumentError, match="clustered 50 observations"):
            plot_cluster(km, x.iloc[:10])
        with pytest.raises(InvalidArgumentError, match="two dimension numbers"):
            plot_cluster(km, x, axes=1)
        with pytest.raises(InvalidTypeError, match="must be a KMeansResult"):
            plot_cluster(km.cluster, x)
        with pytest.raises(InvalidArgumentError, match="one colour per cluster"):
            plot_cluster(km, x, palette=["red"])
        with pytest.raises(InvalidArgumentError, match="'ellipse_alpha' must be between"):
            plot_cluster(km, x, ellipse_alpha=2)
        with pytest.raises(InvalidTypeError, match="'stand' must be True or False"):
            plot_cluster(km, x, stand="yes")
        const = x.assign(Murder=1.0)
        with pytest.raises(InvalidArgumentError, match="Murder of 'data' are constant"):
            plot_cluster(km, const)
        assert not plt.get_fignums()  # nothing drawn before the checks

    def test_never_shows(self, monkeypatch, usarrests_cluster):
        """plt.show is never called."""
        monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("plt.show called"))
        plot_cluster(*usarrests_cluster)

    def test_import_is_light(self, tmp_path):
        """import statkmeans loads neither pandas, matplotlib nor scipy."""
        code = ("import sys, statkmeans; "
                "print([m for m in ('pandas', 'matplotlib', 'scipy') if m in sys.modules])")
        env = dict(os.environ)
        parent = str(Path(statkmeans.__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [parent, env.get("PYTHONPATH")]))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd=str(tmp_path), env=env).stdout
        assert out.strip() == "[]"


def test_nbclust_fun_alias():
    """fviz_nbclust(df, FUN = kmeans) as tutorials write it."""
    x = dataset("iris")
    assert nbclust(x, FUN=kmeans, method="wss", k_max=4) == nbclust(x, kmeans, method="wss",
                                                                      k_max=4)
