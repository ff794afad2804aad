"""find_knee (against kneed on a bank of curves) and choose_k (against the package's own
R-tested functions: clus_gap, kmeans, silhouette, calinhara; scikit-learn's DB)."""

from __future__ import annotations

import functools
import warnings
from concurrent.futures import ThreadPoolExecutor

import attrs
import numpy as np
import pandas as pd
import pytest

import statkmeans as sk
from statkmeans import (
    ChooseKResult,
    InvalidArgumentError,
    InvalidTypeError,
    KneeResult,
    calinhara,
    choose_k,
    clus_gap,
    davies_bouldin,
    find_knee,
    kmeans,
    silhouette,
)

K = np.arange(1, 11)


# -- a bank of curves --------------------------------------------------------------------


def wss_curve(x, seed=3):
    return np.array([kmeans(x, k, nstart=25, rng=seed).tot_withinss for k in K])


def grid_groups(n_groups, p, seed):
    """Well-separated groups: centres on a grid 8 standard deviations apart."""
    rng = np.random.default_rng(seed)
    centres = np.array([[8.0 * (i % 3), 8.0 * (i // 3)] + [0.0] * (p - 2)
                        for i in range(n_groups)])
    return np.concatenate([rng.normal(c, 1.0, size=(50, p)) for c in centres])


@functools.lru_cache(maxsize=None)
def bank():
    """name -> (true k or None, curve)."""
    rng = np.random.default_rng(0)
    curves = {}
    for g in (2, 3, 4, 5, 6, 7):
        for p in (2, 6):
            curves[f"grid {g} groups p={p}"] = (g, wss_curve(grid_groups(g, p, 10 * g + p)))
    two_by_three = np.concatenate([rng.normal(np.add(o, c), 0.5, size=(50, 2))
                                   for o in ([0, 0], [40, 0])
                                   for c in ([0, 0], [4, 0], [2, 3.5])])
    curves["two groups of three"] = (6, wss_curve(two_by_three))
    far = np.concatenate([rng.normal(c, 1.0, size=(60, 2))
                          for c in ([0, 0], [6, 0], [3, 5], [100, 100])])
    curves["far group beside three"] = (4, wss_curve(far))
    for p in (1, 2, 3, 5):
        curves[f"uniform p={p}"] = (None, wss_curve(rng.uniform(size=(400, p))))
        curves[f"gaussian p={p}"] = (None, wss_curve(rng.normal(size=(400, p))))
    for a in (0.3, 1.0, 2.0):
        curves[f"power law k^-{a}"] = (None, K ** -a)
    curves["straight line"] = (None, 11.0 - K)
    curves["exponential decay"] = (None, np.exp(-0.3 * K))
    curves["hyperbola plus constant"] = (None, 1 + 10 / K)
    return curves


def kneed_knee(y):
    from kneed import KneeLocator

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return KneeLocator(K, y, curve="convex", direction="decreasing").knee


# kneed's default rule (Kneedle on the linearly normalised curve) where it differs:
KNEED_WRONG = ["grid 6 groups p=2", "grid 6 groups p=6", "grid 7 groups p=2",
               "grid 7 groups p=6", "two groups of three", "far group beside three"]
KNEED_FINDS_A_KNEE_IN_NOISE = ["uniform p=2", "uniform p=3", "gaussian p=2", "gaussian p=5",
                               "power law k^-1.0", "power law k^-2.0", "exponential decay",
                               "hyperbola plus constant"]


class TestFindKnee:
    @pytest.mark.parametrize("name", sorted(bank_names := [
        *(f"grid {g} groups p={p}" for g in (2, 3, 4, 5, 6, 7) for p in (2, 6)),
        "two groups of three", "far group beside three",
        *(f"{kind} p={p}" for kind in ("uniform", "gaussian") for p in (1, 2, 3, 5)),
        "power law k^-0.3", "power law k^-1.0", "power law k^-2.0", "straight line",
        "exponential decay", "hyperbola plus constant"]))
    def test_bank(self, name):
        """The true number of groups for clear curves; None for curves without structure."""
        true, y = bank()[name]
        assert find_knee(K, y) == true

    @pytest.mark.parametrize("name", KNEED_WRONG)
    def test_where_kneed_misses_the_elbow(self, name):
        """kneed answers 2 or 3: its normalised curve is dominated by the first drops."""
        true, y = bank()[name]
        assert find_knee(K, y) == true
        assert kneed_knee(y) != true and kneed_knee(y) in (2, 3, 4)

    @pytest.mark.parametrize("name", KNEED_FINDS_A_KNEE_IN_NOISE)
    def test_where_kneed_finds_a_knee_in_a_smooth_curve(self, name):
        """Power laws, decays and structureless WSS: kneed finds a knee, this rule none."""
        _, y = bank()[name]
        assert kneed_knee(y) is not None
        assert find_knee(K, y) is None

    def test_agree_with_kneed_on_few_clear_groups(self):
        for g in (2, 3, 4, 5):
            _, y = bank()[f"grid {g} groups p=2"]
            assert find_knee(K, y) == kneed_knee(y) == g

    def test_full_result(self):
        """full=True: the knee, its strength and every candidate's numbers."""
        y = np.r_[1000.0, 400, 90, 80, 72, 66, 61, 57, 54, 51]
        res = find_knee(K, y, full=True)
        assert isinstance(res, KneeResult) and res.knee == 3
        assert 0 < res.strength <= 1 and res.strength == res.share[2]
        assert np.isnan(res.jump[0]) and np.isnan(res.jump[-2:]).all()
        assert res.decisive[2] and not res.decisive[3:].any()
        frame = res.to_frame()
        assert list(frame.columns) == ["k", "jump", "spread", "share", "decisive"]
        # the jump is log y[1] minus the tail line's value there (a naive fit)
        slope, icept = np.polyfit(np.log(K[2:]), np.log(y[2:]), 1)
        assert res.jump[2] == pytest.approx(np.log(400) - (slope * np.log(2) + icept))
        assert str(res) == f"Knee at k = 3 (strength {res.strength:.2f}).\n"
        assert str(find_knee(K, K ** -1.0, full=True)).startswith("No decisive knee")

    def test_scale_free(self):
        y = bank()["grid 4 groups p=2"][1]
        assert find_knee(K, 1e6 * y) == find_knee(K, y) == 4
        assert find_knee(K * 2, y) == 8  # knees are elements of k

    @pytest.mark.parametrize("k, y, match", [
        ([1, 2], [3.0, 1.0], "at least 3 points"),
        ([1, 2, 3], [3.0, 0.0, 1.0], "'y' must be positive"),
        ([1, 3, 2], [3.0, 2.0, 1.0], "'k' must be positive, finite and strictly increasing"),
        ([1, 2, 3], [3.0, 2.0], "same length"),
    ])
    def test_bad_curves(self, k, y, match):
        with pytest.raises(InvalidArgumentError, match=match):
            find_knee(k, y)


# -- choose_k -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def usarrests_result():
    return choose_k(sk.scale(sk.load_dataset("USArrests")), k_max=6, B=10, rng=123)


class TestChooseK:
    def test_gap_is_clus_gap_from_the_same_stream(self):
        """result.gap equals clus_gap(x, kmeans, K_max, B, nstart) to the last bit."""
        x = sk.scale(sk.load_dataset("USArrests"))
        res = usarrests_result()
        stream = sk.RStream(123)
        gap = clus_gap(x, kmeans, K_max=6, B=10, nstart=25, rng=stream)
        assert np.array_equal(res.gap.Tab.to_numpy(), gap.Tab.to_numpy())
        assert res.n_clusters["gap"] == gap.n_clusters()

    def test_fits_are_clusgaps_fits(self):
        """The fits are kmeans(x, k, nstart=25) for k = 2..k_max drawn in turn; k = 1 draws
        nothing and equals kmeans(x, 1)."""
        x = sk.scale(sk.load_dataset("USArrests"))
        res = usarrests_result()
        stream = sk.RStream(123)
        for k in range(2, 7):
            assert res.fits[k] == kmeans(x, k, nstart=25, rng=stream)
        assert res.fits[1] == kmeans(x, 1, rng=1)
        assert isinstance(res.fits[2].cluster, pd.Series)  # pandas in, pandas out

    def test_criteria_are_the_package_functions(self):
        x = sk.scale(sk.load_dataset("USArrests"))
        res = usarrests_result()
        for k in range(2, 7):
            fit = res.fits[k]
            assert res.wss[k - 1] == fit.tot_withinss
            assert res.silhouette[k - 1] == silhouette(fit, data=x).avg_width
            assert res.ch[k - 1] == calinhara(x, fit)
            assert res.db[k - 1] == davies_bouldin(x, fit)
        assert res.wss[0] == res.fits[1].tot_withinss
        assert np.isnan(res.silhouette[0]) and np.isnan(res.ch[0]) and np.isnan(res.db[0])

    def test_choices_and_print_when_they_differ(self):
        res = usarrests_result()
        chosen = res.n_clusters
        assert chosen["silhouette"] == 1 + int(np.nanargmax(res.silhouette))
        assert chosen["db"] == 1 + int(np.nanargmin(res.db))
        assert chosen["ch"] == 2 and chosen["wss"] is None
        text = str(res)
        assert "The criteria disagree:" in text
        assert "none: the curve has no decisive knee" in text
        assert not res.agree
        assert res.choices(gap_method="globalmax")["gap"] == res.gap.n_clusters("globalmax")

    def test_agreement_on_clear_groups(self):
        x = grid_groups(3, 2, 7)
        res = choose_k(x, k_max=8, B=10, rng=1)
        assert res.n_clusters == {"wss": 3, "silhouette": 3, "gap": 3, "ch": 3, "db": 3}
        assert res.agree
        assert "All criteria that chose a k agree on k = 3." in str(res)

    def test_frame_and_immutability(self):
        res = usarrests_result()
        frame = res.to_frame()
        assert list(frame.columns) == ["k", "wss", "silhouette", "gap", "gap_se", "ch", "db",
                                       "knee_strength"]
        assert frame["gap_se"].tolist() == res.gap.Tab["SE.sim"].tolist()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            res.wss = None
        with pytest.raises(ValueError):
            res.wss[0] = 1.0
        with pytest.raises(TypeError):
            res.fits[2] = None
        assert isinstance(res, ChooseKResult) and repr(res).startswith("ChooseKResult(k_max=6")

    def test_subset_of_criteria_and_executor(self):
        x = sk.scale(sk.load_dataset("USArrests"))
        serial = choose_k(x, k_max=5, criteria=("silhouette", "gap"), B=4, rng=9, n_threads=1)
        assert serial.criteria == ("silhouette", "gap") and np.isnan(serial.wss).all()
        with ThreadPoolExecutor(2) as pool:
            parallel = choose_k(x, k_max=5, criteria=("silhouette", "gap"), B=4, rng=9,
                                executor=pool)
        assert serial == parallel
        assert set(serial.n_clusters) == {"silhouette", "gap"}

    def test_other_funcluster(self):
        """A clustering function returning codes: fits are its results; numbers from them."""
        x = sk.scale(sk.load_dataset("USArrests"))

        def halves(data, k):
            order = np.argsort(data[:, 0], kind="stable")
            codes = np.empty(len(data), dtype=np.int64)
            codes[order] = np.arange(len(data)) * k // len(data) + 1
            return codes

        res = choose_k(x, k_max=4, FUNcluster=halves, criteria=("wss", "ch"), rng=1)
        assert res.ch[2] == calinhara(x, halves(np.asarray(x), 3))
        assert 1 not in res.fits and res.FUNcluster_name == "halves"

    def test_kwargs_reach_kmeans(self):
        x = sk.scale(sk.load_dataset("USArrests"))
        res = choose_k(x, k_max=4, criteria=("wss",), nstart=2, algorithm="Lloyd", rng=3)
        stream = sk.RStream(3)
        for k in (2, 3, 4):
            assert res.fits[k] == kmeans(x, k, nstart=2, algorithm="Lloyd", rng=stream)

    def test_plot(self):
        import matplotlib.pyplot as plt

        res = usarrests_result()
        fig = res.plot()
        assert len(fig.axes) == 5
        assert fig.axes[0].get_title(loc="left") == "Elbow (knee of log WSS): no knee"
        assert fig.axes[2].get_ylabel() == "Gap statistic (k)"
        assert [t.get_text() for t in fig.texts] == ["Optimal number of clusters"]
        given, axes = plt.subplots(1, 5)
        assert res.plot(axes=axes) is given
        assert given.texts == []  # the caller's figure: no title added, its layout kept
        with pytest.raises(InvalidArgumentError, match="'axes' must be 5"):
            res.plot(axes=axes[:2])

    @pytest.mark.parametrize("kwargs, error, match", [
        ({"k_max": 50}, InvalidArgumentError, "must be less than the number of observations"),
        ({"k_max": 1}, InvalidArgumentError, "'k_max' must be at least 2"),
        ({"criteria": ("wss", "elbow")}, InvalidArgumentError, "unknown criterion 'elbow'"),
        ({"criteria": ()}, InvalidArgumentError, "'criteria' is empty"),
        ({"B": 1}, InvalidArgumentError, "'B' must be at least 2"),
        ({"gap_method": "best"}, InvalidArgumentError, "gap_method='best'"),
        ({"FUNcluster": 3}, InvalidTypeError, "'FUNcluster' must be a function"),
        ({"centers": 3}, InvalidArgumentError, "'centers' is set by choose_k"),
    ])
    def test_bad_arguments(self, kwargs, error, match):
        with pytest.raises(error, match=match):
            choose_k(sk.load_dataset("USArrests"), **kwargs)

    def test_vector_is_refused(self):
        with pytest.raises(InvalidArgumentError, match="matrix or DataFrame"):
            choose_k(np.arange(20.0))
