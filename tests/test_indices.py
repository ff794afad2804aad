"""fpc's calinhara, cluster.stats and dudahart2 against R 4.2.2 / fpc 2.2.10, and
davies_bouldin against scikit-learn."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import as_list, fpc_data, load_fixture, num
from scipy.sparse.csgraph import minimum_spanning_tree
from scipy.spatial.distance import pdist, squareform

import statkmeans as sk
import statkmeans.indices as indices_module
from statkmeans import (
    InvalidArgumentError,
    InvalidTypeError,
    StatKMeansWarning,
    calinhara,
    cluster_stats,
    davies_bouldin,
    dist,
    dudahart2,
)
from statkmeans._kernels import _indices, _silhouette

FIX = load_fixture("fpc_fixtures.json")
CASES = FIX["index_cases"]
CASE_IDS = [f"{c['data']}-{c['label']}" for c in CASES]

# cluster.stats fields compared (vectors and scalars; the matrices separately)
FIELDS = ["cluster_size", "min_cluster_size", "diameter", "average_distance",
          "median_distance", "separation", "average_toother", "average_between",
          "average_within", "max_diameter", "min_separation", "within_cluster_ss",
          "clus_avg_silwidths", "avg_silwidth", "pearsongamma", "dunn", "dunn2", "entropy",
          "wb_ratio", "ch", "cwidegap", "widestgap", "sindex"]
# fields that are order statistics, counts or silhouettes: exact on every path
ORDER_FREE = ["cluster_size", "min_cluster_size", "diameter", "median_distance",
              "separation", "max_diameter", "min_separation", "clus_avg_silwidths",
              "avg_silwidth", "dunn", "entropy", "cwidegap", "widestgap", "sindex"]


def stats_quietly(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatKMeansWarning)
        return cluster_stats(*args, **kwargs)


def assert_like_r(result, ref, exact=True):
    for field in FIELDS:
        got = np.atleast_1d(np.asarray(getattr(result, field), dtype=np.float64))
        want = num(ref[field])
        if exact or field in ORDER_FREE:
            assert np.array_equal(got, want, equal_nan=True), field
        else:
            np.testing.assert_allclose(got, want, rtol=1e-13, err_msg=field)
    for field in ("separation_matrix", "ave_between_matrix"):
        got = np.asarray(getattr(result, field))
        want = np.array([num(r) for r in ref[field]])
        if exact or field == "separation_matrix":
            assert np.array_equal(got, want), field
        else:
            np.testing.assert_allclose(got, want, rtol=1e-13, err_msg=field)
    assert result.n_within == ref["n_within"] and result.n_between == ref["n_between"]
    assert result.cluster_number == ref["cluster_number"] and result.n == ref["n"]


class TestCalinhara:
    @pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
    def test_equals_r(self, case):
        """calinhara(x, cl) and calinhara(x, cl, cn = max + 2) are fpc's to the last bit."""
        x = fpc_data(case["data"])
        cl = case["clustering"]
        assert calinhara(x, cl) == float(case["calinhara"])
        assert calinhara(x, cl, cn=max(cl) + 2) == float(case["calinhara_cn_plus2"])

    def test_reference_values(self):
        """The unused code counts in cn (docs: halves coded 1/3 against 1/2)."""
        x = sk.scale(sk.load_dataset("USArrests"))
        halves = np.repeat([1, 2], 25)
        assert round(calinhara(x, np.where(halves == 2, 3, 1)), 7) == 0.7896711
        assert round(calinhara(x, halves), 6) == 1.612945

    def test_pandas_and_kmeans_result(self):
        """A DataFrame, a Series of codes and a KMeansResult give the same index."""
        x = sk.scale(sk.load_dataset("USArrests"))
        km = sk.kmeans(x, 3, rng=10)
        values = calinhara(np.asarray(x), np.asarray(km.cluster))
        assert calinhara(x, km) == values == calinhara(x, km.cluster)

    def test_closed_form(self):
        """CH = (B / (k - 1)) / (W / (n - k)) with naive sums of squares."""
        rng = np.random.default_rng(3)
        x = rng.normal(size=(60, 3))
        cl = np.repeat([1, 2, 3], 20)
        W = sum(((x[cl == c] - x[cl == c].mean(0)) ** 2).sum() for c in (1, 2, 3))
        T = ((x - x.mean(0)) ** 2).sum()
        assert calinhara(x, cl) == pytest.approx(((T - W) / 2) / (W / 57), rel=1e-12)

    @pytest.mark.parametrize("clustering, match", [
        ([1, 2] * 10, "has 20 codes but 'x' has 50"),
        ([1.0, np.nan] * 25, "missing \\(NaN\\) code at position 2"),
        ([1] * 50, "one cluster"),
        ([1.5, 2] * 25, "integer cluster codes; got 1.5"),
    ])
    def test_bad_clustering(self, clustering, match):
        """Clear errors naming 'clustering'."""
        with pytest.raises(InvalidArgumentError, match=match):
            calinhara(sk.load_dataset("USArrests"), clustering)

    def test_bad_cn(self):
        with pytest.raises(InvalidArgumentError, match="'cn' must be at least 2"):
            calinhara(sk.load_dataset("USArrests"), [1, 2] * 25, cn=1)
        with pytest.raises(InvalidTypeError, match="'clustering' is required"):
            calinhara(sk.load_dataset("USArrests"), None)


class TestDudaHart:
    @pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
    def test_equals_r(self, case):
        """dh, compare, z and cluster1 are fpc's to the last bit; p.value to 1e-13."""
        ref = case["dudahart2"]
        got = dudahart2(fpc_data(case["data"]), case["clustering"])
        assert got.dh == float(ref["dh"])
        assert got.compare == float(ref["compare"])
        assert got.z == float(ref["z"]) and got.alpha == 0.001
        assert got.cluster1 == ref["cluster1"]
        assert got.p_value == pytest.approx(float(ref["p_value"]), rel=1e-13, abs=1e-15)

    @pytest.mark.parametrize("case", FIX["dudahart_extra"], ids=["alpha", "no-codes-1-2"])
    def test_other_alpha_and_no_split(self, case):
        """Another alpha; a clustering with neither code 1 nor 2 (fpc's NULL) gives dh = 0."""
        x = fpc_data(case["data"])
        cl = case["clustering"] if case["clustering"] is not None else np.full(len(x), 3)
        got = dudahart2(x, cl, alpha=case["alpha"])
        assert (got.dh, got.compare, got.z) == (float(case["dh"]), float(case["compare"]),
                                                float(case["z"]))
        assert got.cluster1 == case["cluster1"]
        assert got.p_value == pytest.approx(float(case["p_value"]), rel=1e-13, abs=1e-15)

    def test_reference_z_and_print(self):
        """z = qnorm(0.999) = 0x1.8b8cbb720447p+1; the print states the decision."""
        x = sk.scale(sk.load_dataset("USArrests"))
        got = dudahart2(x, sk.kmeans(x, 2, rng=1))
        assert got.z == float.fromhex("0x1.8b8cbb720447p+1")
        assert "cluster1 = FALSE (two clusters)" in str(got)
        with pytest.raises(attrs_frozen_error()):
            got.dh = 1.0

    def test_bad_alpha(self):
        with pytest.raises(InvalidArgumentError, match="'alpha' must be strictly between"):
            dudahart2(sk.load_dataset("USArrests"), [1, 2] * 25, alpha=1.5)


def attrs_frozen_error():
    import attrs

    return attrs.exceptions.FrozenInstanceError


class TestDaviesBouldin:
    @pytest.mark.parametrize("name", ["iris_scaled", "USArrests_scaled", "faithful", "ruspini",
                                      "blob"])
    @pytest.mark.parametrize("label", ["k2", "k4", "k6", "singleton", "codes125"])
    def test_equals_scikit_learn(self, name, label):
        """Equal to scikit-learn's davies_bouldin_score to 1e-12."""
        from sklearn.metrics import davies_bouldin_score

        case = next(c for c in CASES if c["data"] == name and c["label"] == label)
        x = fpc_data(name)
        want = davies_bouldin_score(x, case["clustering"])
        assert davies_bouldin(x, case["clustering"]) == pytest.approx(want, rel=1e-12)

    def test_raw_usarrests_and_labels(self):
        """Large offsets, negative and non-consecutive labels, pandas input."""
        from sklearn.metrics import davies_bouldin_score

        x = sk.load_dataset("USArrests")
        labels = np.asarray(sk.kmeans(x, 4, rng=2).cluster) * 7 - 20
        want = davies_bouldin_score(x.to_numpy(), labels)
        assert davies_bouldin(x, pd.Series(labels, index=x.index)) == pytest.approx(want,
                                                                                     rel=1e-12)

    def test_bad_labels(self):
        x = sk.load_dataset("USArrests")
        with pytest.raises(InvalidArgumentError, match="1 different label"):
            davies_bouldin(x, [3] * 50)
        with pytest.raises(InvalidArgumentError, match="between 2 and n - 1"):
            davies_bouldin(x, range(50))
        with pytest.raises(InvalidArgumentError, match="has 3 codes"):
            davies_bouldin(x, [1, 2, 3])


class TestClusterStats:
    @pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
    def test_from_dist_equals_r(self, case):
        """Every field of the default cluster.stats call, from a Dist: fpc's bits."""
        x = fpc_data(case["data"])
        ref = case["cluster_stats"]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            got = cluster_stats(dist(x), case["clustering"])
        assert [str(w.message) for w in caught] == as_list(ref["warnings"])
        assert got.exact
        assert_like_r(got, ref)

    @pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
    def test_from_data_equals_r(self, case):
        """From the observations (no n-by-n matrix): the same bits."""
        got = stats_quietly(clustering=case["clustering"], data=fpc_data(case["data"]))
        assert_like_r(got, case["cluster_stats"])

    @pytest.mark.parametrize("case", CASES[::3], ids=CASE_IDS[::3])
    def test_fast_path(self, case, monkeypatch):
        """Beyond EXACT_PAIR_LIMIT: order statistics exact, sums within 1e-13 of R's."""
        monkeypatch.setattr(indices_module, "EXACT_PAIR_LIMIT", 0)
        got = stats_quietly(clustering=case["clustering"], data=fpc_data(case["data"]))
        assert not got.exact
        assert_like_r(got, case["cluster_stats"], exact=False)

    def test_condensed_vector_and_threads(self):
        """scipy's pdist order is R's; results do not depend on the thread count."""
        case = CASES[10]
        x = fpc_data(case["data"])
        a = stats_quietly(pdist(x), case["clustering"], n_threads=1)
        b = stats_quietly(clustering=case["clustering"], data=x, n_threads=2)
        assert a == b

    def test_two_ch_values(self):
        """cluster.stats' ch (from distances) and calinhara differ in the last bit (docs)."""
        x = sk.scale(sk.load_dataset("USArrests"))
        sk.set_seed(10)
        cl = sk.kmeans(x, 3).cluster
        assert calinhara(x, cl) == 32.950721473311496
        assert cluster_stats(dist(x), cl).ch == 32.950721473311503

    def test_options(self):
        """silhouette, wgap and sepindex switch their fields off; sepprob changes sindex."""
        x = fpc_data("ruspini")
        cl = CASES[[c["data"] for c in CASES].index("ruspini") + 2]["clustering"]
        full = cluster_stats(clustering=cl, data=x)
        bare = cluster_stats(clustering=cl, data=x, silhouette=False, wgap=False,
                             sepindex=False)
        assert bare.avg_silwidth is None and bare.clus_avg_silwidths is None
        assert bare.cwidegap is None and bare.widestgap is None and bare.sindex is None
        assert bare.ch == full.ch
        psep = np.sort([min(np.linalg.norm(x[i] - x[j]) for j in range(len(x))
                            if cl[j] != cl[i]) for i in range(len(x))])
        wide = cluster_stats(clustering=cl, data=x, sepprob=0.5)
        assert wide.sindex == pytest.approx(psep[: len(x) // 2].mean(), rel=1e-14)

    def test_naive_reference(self):
        """Against a naive computation from the square distance matrix."""
        rng = np.random.default_rng(11)
        x = rng.normal(size=(40, 2)) + np.repeat([[0, 0], [3, 3], [0, 4]], [15, 15, 10], 0)
        cl = np.repeat([1, 2, 3], [15, 15, 10])
        D = squareform(pdist(x))
        got = cluster_stats(clustering=cl, data=x)
        for c in (1, 2, 3):
            inside = D[np.ix_(cl == c, cl == c)][np.triu_indices((cl == c).sum(), 1)]
            i = c - 1
            assert got.diameter[i] == inside.max()
            assert got.median_distance[i] == np.median(inside)
            assert got.average_distance[i] == pytest.approx(inside.mean(), rel=1e-14)
            outside = D[np.ix_(cl == c, cl != c)]
            assert got.separation[i] == outside.min()
            assert got.average_toother[i] == pytest.approx(outside.mean(), rel=1e-14)
            tree = minimum_spanning_tree(D[np.ix_(cl == c, cl == c)]).toarray()
            assert got.cwidegap[i] == tree.max()
        labels = cl[:, None] != cl[None, :]
        iu = np.triu_indices(40, 1)
        r = np.corrcoef(D[iu], labels[iu].astype(float))[0, 1]
        assert got.pearsongamma == pytest.approx(r, rel=1e-13)

    def test_large_cluster_medians(self):
        """Clusters beyond the collect limit: sampled window and histogram passes agree
        with numpy's median."""
        rng = np.random.default_rng(5)
        x = np.round(rng.normal(size=(900, 2)), 1)
        cl0 = (rng.random(900) < 0.8).astype(np.int32)
        want = [np.median(pdist(x[cl0 == c])) for c in (0, 1)]
        diam = np.array([pdist(x[cl0 == c]).max() for c in (0, 1)])
        d = _silhouette.dist(x, "euclidean")
        for kw in ({}, {"collect_cap": 50, "sampled": False}, {"collect_cap": 1000}):
            for data, diss in ((x, None), (None, d)):
                got = _indices.medians(data, diss, 900, cl0, 2, diam, 2, **kw)
                assert np.array_equal(got, want), kw

    def test_renumbering(self):
        """Codes whose maximum is not their count are renumbered, with fpc's warning."""
        x = fpc_data("faithful")
        case = next(c for c in CASES if c["data"] == "faithful" and c["label"] == "codes125")
        with pytest.warns(StatKMeansWarning, match="clustering renumbered"):
            got = cluster_stats(clustering=case["clustering"], data=x)
        assert got.cluster_number == 3

    def test_result_is_frozen_and_printed(self):
        x = sk.scale(sk.load_dataset("USArrests"))
        got = cluster_stats(dist(x), sk.kmeans(x, 3, rng=10))
        with pytest.raises(attrs_frozen_error()):
            got.ch = 0.0
        with pytest.raises(ValueError):
            got.diameter[0] = 0.0
        text = str(got)
        assert "50 observations in 3 clusters" in text and "pearsongamma" in text
        frame = got.to_frame()
        assert list(frame.index) == [1, 2, 3] and "cwidegap" in frame.columns
        assert repr(got).startswith("ClusterStats(n=50, cluster_number=3")

    @pytest.mark.parametrize("kwargs, match", [
        ({}, "got neither"),
        ({"d": [1.0, 2.0, 3.0], "data": np.zeros((3, 2))}, "got both"),
        ({"d": [1.0, 2.0, 3.0], "clustering": [1, 2]}, "has 2 codes but 'd' has 3"),
        ({"data": np.eye(4), "clustering": [1, 1, 1, 1]}, "one cluster"),
        ({"data": np.eye(4), "clustering": [1, 2, 3, 4]}, "cluster of its own"),
        ({"data": np.eye(4), "clustering": [0, 1, 3, 0]}, "codes 1, 2, ...; got 0"),
        ({"data": np.eye(4), "clustering": [1, np.nan, 2, 1]}, "missing \\(NaN\\) code"),
        ({"d": [1.0, -2.0, 3.0], "clustering": [1, 2, 2]}, "negative dissimilarity"),
        ({"data": np.eye(4), "clustering": [1, 2, 2, 1], "sepprob": 0}, "'sepprob'"),
    ])
    def test_bad_input(self, kwargs, match):
        """Clear errors naming the argument."""
        with pytest.raises(InvalidArgumentError, match=match):
            cluster_stats(**kwargs)


class TestKernels:
    def test_sweep_against_naive(self):
        """Row sums (silhouette's order), minima and maxima per cluster."""
        rng = np.random.default_rng(2)
        x = rng.normal(size=(37, 3))
        cl0 = rng.integers(0, 4, 37).astype(np.int32)
        S, mn, mx = _indices.sweep(x, cl0, 4, 2)
        D = squareform(pdist(x))
        for c in range(4):
            block = D[:, cl0 == c]
            want = np.zeros(37)
            for j in range(block.shape[1]):  # increasing j, double precision
                want = want + block[:, j]
            assert np.array_equal(S[:, c], want)
            assert np.array_equal(mn[:, c], block.min(axis=1))
            assert np.array_equal(mx[:, c], block.max(axis=1))

    def test_widest_gaps_against_scipy(self):
        rng = np.random.default_rng(4)
        x = rng.normal(size=(120, 4))
        cl0 = rng.integers(0, 3, 120).astype(np.int32)
        d = _silhouette.dist(x, "euclidean")
        got = _indices.widest_gaps(x, None, 120, cl0, 3, 1)
        assert np.array_equal(got, _indices.widest_gaps(None, d, 120, cl0, 3, 2))
        for c in range(3):
            D = squareform(pdist(x[cl0 == c]))
            assert got[c] == minimum_spanning_tree(D).toarray().max()
