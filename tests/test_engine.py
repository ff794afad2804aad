"""The engine's rules: how many threads, who gets them, and that results never depend on it.

Also the API seams closed with the layout: keyword-only arguments (old
positional calls still work, with a FutureWarning), pandas in -> pandas out,
one equality rule for results (NaN equal to NaN).
"""

from __future__ import annotations

import sys
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

from statkmeans import (
    Dist,
    EmptyClusterError,
    clus_gap,
    cluster_coordinates,
    dist,
    kmeans,
    load_dataset,
    plot_gap,
    plot_silhouette,
    scale,
    set_seed,
    silhouette,
)

engine = sys.modules["statkmeans._engine"]


def blobs(n=400, p=3, k=4, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=5, size=(k, p))
    return centres[rng.integers(0, k, size=n)] + rng.normal(size=(n, p))


# -- threads --------------------------------------------------------------------------


class TestThreads:
    """usable_cpus honours affinity and quotas; resolve_threads is the one rule."""

    def test_affinity_is_honoured(self, monkeypatch):
        """A process pinned to 3 cores of 64 uses 3."""
        monkeypatch.setattr(engine.os, "sched_getaffinity", lambda pid: {0, 5, 9}, raising=False)
        monkeypatch.setattr(engine, "_cgroup_cpu_limit", lambda: None)
        assert engine.usable_cpus() == 3

    def test_cgroup_quota_caps(self, monkeypatch):
        """A container quota of 2 CPUs caps 8 usable cores at 2."""
        monkeypatch.setattr(engine.os, "sched_getaffinity", lambda pid: set(range(8)),
                            raising=False)
        monkeypatch.setattr(engine, "_cgroup_cpu_limit", lambda: 2)
        assert engine.usable_cpus() == 2

    def test_cgroup_files(self, tmp_path, monkeypatch):
        """cgroup v2's cpu.max "150000 100000" is 2 CPUs (rounded up); "max" is none."""
        real_open = open

        def fake_open(path, *args, **kwargs):
            if str(path) == "/sys/fs/cgroup/cpu.max":
                return real_open(tmp_path / "cpu.max", *args, **kwargs)
            raise OSError("not here")

        monkeypatch.setattr("builtins.open", fake_open)
        (tmp_path / "cpu.max").write_text("150000 100000\n")
        engine._cgroup_cpu_limit.cache_clear()
        try:
            assert engine._cgroup_cpu_limit() == 2
            (tmp_path / "cpu.max").write_text("max 100000\n")
            engine._cgroup_cpu_limit.cache_clear()
            assert engine._cgroup_cpu_limit() is None
        finally:
            engine._cgroup_cpu_limit.cache_clear()

    def test_resolve(self, monkeypatch):
        """Given n_threads wins; else the usable cores shared out, at least one each."""
        monkeypatch.setattr(engine, "usable_cpus", lambda: 8)
        assert engine.resolve_threads(3) == 3
        assert engine.resolve_threads(None) == 8
        assert engine.resolve_threads(None, share=3) == 2
        assert engine.resolve_threads(None, share=20) == 1


class TestRunner:
    """Random starts on threads never oversubscribe; the pool goes away with the Runner."""

    def record(self, monkeypatch):
        seen = []
        real = engine.run_starts

        def spy(x, starts, method, iter_max, trace, n_threads, stop=None):
            seen.append((len(starts), n_threads))
            return real(x, starts, method, iter_max, trace, n_threads, stop)

        monkeypatch.setattr(engine, "run_starts", spy)
        return seen

    def test_pool_threads_share_the_cores(self, monkeypatch):
        """4 usable cores, 25 starts: one start per task, each kernel on one thread."""
        monkeypatch.setattr(engine, "usable_cpus", lambda: 4)
        seen = self.record(monkeypatch)
        kmeans(blobs(), 3, nstart=25, algorithm="Lloyd", iter_max=100, rng=1)
        assert seen == [(1, 1)] * 25

    def test_few_starts_get_more_threads(self, monkeypatch):
        """4 cores, 2 starts: each run's kernel gets 2 threads, not 4."""
        monkeypatch.setattr(engine, "usable_cpus", lambda: 4)
        seen = self.record(monkeypatch)
        kmeans(blobs(), 3, nstart=2, algorithm="Lloyd", rng=1)
        assert seen == [(1, 2), (1, 2)]

    def test_user_thread_pool_tasks_share_the_cores(self, monkeypatch):
        """A user's 2-thread pool on 4 cores: chunks of starts, 2 kernel threads each."""
        monkeypatch.setattr(engine, "usable_cpus", lambda: 4)
        seen = self.record(monkeypatch)
        with ThreadPoolExecutor(2) as pool:
            kmeans(blobs(), 3, nstart=6, algorithm="Lloyd", rng=1, executor=pool)
        assert seen == [(3, 2), (3, 2)]

    def test_single_run_gets_all_threads(self, monkeypatch):
        """One start: its kernel gets every usable core (or n_threads)."""
        monkeypatch.setattr(engine, "usable_cpus", lambda: 4)
        seen = self.record(monkeypatch)
        kmeans(blobs(), 3, algorithm="Lloyd", rng=1)
        kmeans(blobs(), 3, algorithm="Lloyd", rng=1, n_threads=3)
        assert seen == [(1, 4), (1, 3)]

    def test_pool_shut_down_after_an_error(self):
        """An error in a run leaves no statkmeans thread behind."""
        x = np.array([[0.0], [1.0], [2.0], [10.0]])
        with pytest.raises(EmptyClusterError):
            # the far centre attracts no point: Hartigan-Wong's ifault 1
            kmeans(x, np.array([[0.0], [100.0]]))
        with pytest.raises(EmptyClusterError):
            with engine.Runner(2) as runner:
                runner.best(x, [np.array([[0.0], [100.0]])] * 3, "Hartigan-Wong", 10)
        assert not [t for t in threading.enumerate() if t.name.startswith("statkmeans")]

    @pytest.mark.parametrize("algorithm", ["Hartigan-Wong", "Lloyd", "MacQueen"])
    def test_thread_counts_do_not_change_results(self, algorithm, monkeypatch):
        """1, 2 and 4 usable cores give the same fit, bit for bit."""
        x = blobs(n=2000, p=4, k=5, seed=3)
        fits = []
        for cores in (1, 2, 4):
            monkeypatch.setattr(engine, "usable_cpus", lambda c=cores: c)
            fits.append(kmeans(x, 5, nstart=7, algorithm=algorithm, iter_max=100, rng=11))
        assert fits[0] == fits[1] == fits[2]

    def test_clus_gap_same_for_any_threads(self):
        """clus_gap: n_threads=None (all cores) and 1 give the same table."""
        x = load_dataset("USArrests")
        a = clus_gap(x, kmeans, K_max=4, B=5, nstart=3, rng=2, verbose=False)
        b = clus_gap(x, kmeans, K_max=4, B=5, nstart=3, rng=2, verbose=False, n_threads=1)
        assert a == b


# -- API seams -----------------------------------------------------------------------------


class TestKeywordOnly:
    """rng and ax became keyword-only; positional calls still work, with a FutureWarning."""

    def test_kmeans_rng_by_position(self):
        x = load_dataset("USArrests")
        with pytest.warns(FutureWarning, match="'rng' to kmeans\\(\\) by position.*rng=\\.\\.\\."):
            old = kmeans(x, 3, 10, 1, "Hartigan-Wong", False, 42)
        assert old == kmeans(x, 3, rng=42)

    def test_kmeans_too_many_positional(self):
        """Beyond the moved arguments, Python's own error."""
        with pytest.raises(TypeError):
            kmeans(load_dataset("USArrests"), 3, 10, 1, "Hartigan-Wong", False, 42, None)

    def test_both_ways_is_an_error(self):
        with pytest.raises(TypeError, match="multiple values for argument 'rng'"):
            kmeans(load_dataset("USArrests"), 3, 10, 1, "Hartigan-Wong", False, 42, rng=1)

    def test_plot_ax_by_position(self):
        import matplotlib.pyplot as plt

        set_seed(1)
        x = scale(load_dataset("USArrests"))
        gap = clus_gap(x, kmeans, K_max=3, B=3, verbose=False)
        _, ax = plt.subplots()
        with pytest.warns(FutureWarning, match="'ax'"):
            assert plot_gap(gap, ax) is ax
        with pytest.warns(FutureWarning, match="'ax'"):
            assert gap.plot(ax) is ax
        sil = silhouette(kmeans(x, 3, rng=1), data=x)
        with pytest.warns(FutureWarning, match="'ax'"):
            assert plot_silhouette(sil, ax) is ax
        with pytest.warns(FutureWarning, match="'ax'"):
            assert sil.plot(ax) is ax


class TestPandasOut:
    """pandas in, pandas out."""

    def test_scale_series(self):
        """scale(Series) is a Series with x's index and name, the column of scale(frame)."""
        df = load_dataset("USArrests")
        out = scale(df["Murder"])
        assert isinstance(out, pd.Series)
        assert out.name == "Murder" and out.index.equals(df.index)
        assert np.array_equal(out.to_numpy(), scale(df[["Murder"]])["Murder"].to_numpy())

    def test_scale_vector_is_a_column(self):
        """A plain vector gives a one-column matrix, as R's scale."""
        assert scale(np.arange(5.0)).shape == (5, 1)

    def test_silhouette_of_a_frame(self):
        """Fields are Series on the data's index; sorting keeps labels with their values."""
        df = scale(load_dataset("USArrests"))
        km = kmeans(df, 3, rng=4)
        s = silhouette(km, data=df)
        plain = silhouette(np.asarray(km.cluster), data=df.to_numpy())
        for field in ("cluster", "neighbor", "sil_width"):
            value = getattr(s, field)
            assert isinstance(value, pd.Series) and value.index.equals(df.index)
            assert np.array_equal(value.to_numpy(), getattr(plain, field))
        srt = s.sorted()
        assert list(srt.sil_width.index) == list(srt.row_names)
        assert srt.sil_width["Alabama"] == s.sil_width["Alabama"]
        assert s.to_frame().index.equals(df.index)
        assert not s.sil_width.to_numpy().flags.writeable

    def test_silhouette_of_arrays_stays_numpy(self):
        x = blobs()
        s = silhouette(kmeans(x, 3, rng=1), data=x)
        assert isinstance(s.sil_width, np.ndarray)


class TestEquality:
    """One equality rule for results: same values, NaN equal to NaN."""

    def test_dist_with_nan_equals_itself(self):
        d = Dist(values=[np.nan, 1.0, 2.0], size=3)
        assert d == Dist(values=[np.nan, 1.0, 2.0], size=3)
        assert d != Dist(values=[0.0, 1.0, 2.0], size=3)

    def test_kmeans_with_empty_cluster_equals_itself(self):
        """Lloyd's NaN centre of an empty cluster does not make a result unequal to itself."""
        x = np.array([[0.0], [1.0], [2.0], [3.0]])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = kmeans(x, np.array([[0.5], [100.0]]), algorithm="Lloyd")
            b = kmeans(x, np.array([[0.5], [100.0]]), algorithm="Lloyd")
        assert np.isnan(a.centers).any()
        assert a == b


class TestClusterCoordinates:
    """The metadata are fields; the old DataFrame interface still answers, with a warning."""

    def test_fields_and_frame(self):
        arrests = load_dataset("USArrests")
        km = kmeans(scale(arrests), 3, nstart=5, rng=1)
        coords = cluster_coordinates(km, arrests)
        frame = coords.to_frame()
        assert (coords.xlab, coords.ylab) == ("Dim1 (62%)", "Dim2 (24.7%)")
        assert list(frame.columns) == ["Dim1", "Dim2", "cluster"]
        assert np.array_equal(frame[["Dim1", "Dim2"]].to_numpy(), coords.xy)
        assert frame.index.equals(arrests.index)
        assert coords == cluster_coordinates(km, arrests)
        with pytest.warns(FutureWarning, match=r"\.to_frame\(\)\.head"):
            head = coords.head(2)
        assert head.equals(frame.head(2))
        with pytest.warns(FutureWarning, match="to_frame"):
            assert coords["cluster"].equals(frame["cluster"])
        with pytest.raises(AttributeError):
            coords.no_such_thing  # noqa: B018

    def test_moved_names_still_found(self):
        """statkmeans.plots.nbclust / cluster_coordinates moved; the old path warns."""
        import statkmeans
        import statkmeans.plots as plots

        with pytest.warns(FutureWarning, match="moved to statkmeans.nbclust"):
            assert plots.NbClustResult is statkmeans.NbClustResult
        with pytest.warns(FutureWarning, match="moved to statkmeans.coordinates"):
            assert plots.cluster_coordinates is statkmeans.cluster_coordinates


def test_fviz_silhouette_labels_an_unnamed_ordered_result():
    """label=True on a result built as ordered without row names: bars numbered 1..n."""
    import matplotlib.pyplot as plt

    from statkmeans import SilhouetteResult

    s = SilhouetteResult(cluster=[1, 1, 2], neighbor=[2, 2, 1], sil_width=[0.5, 0.2, 0.0],
                         ordered=True)
    _, ax = plt.subplots()
    plot_silhouette(s, ax=ax, label=True)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1", "2", "3"]


def test_ipython_shows_the_print():
    """IPython's pretty printer shows each result as print() does (R's autoprint)."""
    from IPython.lib.pretty import pretty

    x = load_dataset("USArrests")
    km = kmeans(x, 3, rng=1)
    results = [km, silhouette(km, data=x), silhouette(km, data=x).summary(), dist(x.iloc[:4]),
               clus_gap(x, kmeans, K_max=3, B=3, rng=1, verbose=False)]
    for res in results:
        assert pretty(res) == str(res).rstrip("\n")
