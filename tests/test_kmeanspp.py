"""k-means++ starts: the R code they reproduce, their distribution, kmeans(init="kmeans++")."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from conftest import load_fixture, num
from scipy.stats import chisquare

import statkmeans as sk
from statkmeans import InvalidArgumentError, kmeans, kmeanspp

FIX = load_fixture("kmeanspp_fixtures.json")


def load(name):
    x = sk.load_dataset(name)
    return x.iloc[:, :4] if name == "iris" else x


def as_rows(value):
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("case", FIX["cases"],
                         ids=[f"{c['data']}-{c['seed']}-{c['k']}" for c in FIX["cases"]])
def test_equals_the_r_code(case):
    """set.seed(s); kmeanspp_rows(x, k) in R draws the same rows; the stream continues alike."""
    x = load(case["data"])
    stream = sk.RStream(case["seed"])
    got = kmeanspp(np.asarray(x), case["k"], rng=stream)
    want = np.asarray(x)[np.array(as_rows(case["rows"])) - 1]
    assert np.array_equal(got, want)
    assert np.array_equal(stream.runif(2), num(case["runif_after"]))


@pytest.mark.parametrize("case", FIX["greedy"],
                         ids=[f"{c['data']}-{c['seed']}-{c['k']}-L{c['L']}" for c in FIX["greedy"]])
def test_greedy_equals_the_r_code(case):
    """Greedy k-means++ (L candidates per centre, drawn with replacement, the smallest
    sum(pmin(d2, e)) kept): R's rows and R's stream afterwards."""
    x = np.asarray(load(case["data"]))
    stream = sk.RStream(case["seed"])
    got = kmeanspp(x, case["k"], n_local_trials=case["L"], rng=stream)
    assert np.array_equal(got, x[np.array(as_rows(case["rows"])) - 1])
    assert np.array_equal(stream.runif(2), num(case["runif_after"]))


def test_greedy_picks_the_candidate_with_the_smallest_potential():
    """Independent check of the rule on a tiny set: with every row a candidate
    (many trials), the second centre is the row minimising sum(min(d2, e))."""
    x = np.array([[0.0], [1.0], [2.0], [10.0], [11.0], [30.0]])
    for seed in range(20):
        rows = kmeanspp(x, 2, n_local_trials=200, rng=seed)
        first = rows[0, 0]
        d2 = (x[:, 0] - first) ** 2
        pots = [np.minimum(d2, (x[:, 0] - c) ** 2).sum() for c in x[:, 0]]
        assert rows[1, 0] == x[int(np.argmin(pots)), 0]


def test_pandas_in_pandas_out_and_default_stream():
    x = sk.load_dataset("USArrests")
    sk.set_seed(1)
    got = kmeanspp(x, 3)
    assert got.index.tolist() == ["Arkansas", "Maine", "Kansas"]  # R rows 4, 19, 16
    sk.set_seed(1)
    assert np.array_equal(kmeanspp(x.to_numpy(), 3), got.to_numpy())


def test_d2_distribution():
    """First row uniform; second with probability D^2 / sum(D^2) (exact enumeration of the
    cell probabilities, chi-square on 20000 draws)."""
    x = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [3.0, 3.0], [1.0, 1.0]])
    stream = sk.RStream(2024)
    draws = 20000
    pairs = Counter()
    for _ in range(draws):
        rows = kmeanspp(x, 2, rng=stream)
        i = int(np.flatnonzero((x == rows[0]).all(axis=1))[0])
        j = int(np.flatnonzero((x == rows[1]).all(axis=1))[0])
        pairs[i, j] += 1
    cells, expected = [], []
    for i in range(5):
        d2 = ((x - x[i]) ** 2).sum(axis=1)
        for j in range(5):
            if j != i:
                cells.append(pairs[i, j])
                expected.append(draws / 5 * d2[j] / d2.sum())
    assert sum(pairs[i, i] for i in range(5)) == 0  # a chosen row has weight 0
    first = [sum(pairs[i, j] for j in range(5)) for i in range(5)]
    assert chisquare(first).pvalue > 1e-3
    assert chisquare(cells, expected).pvalue > 1e-3


def test_generator_draws_follow_d2():
    """A numpy Generator draws by the same rule (not R's numbers)."""
    x = np.array([[0.0], [1.0], [10.0]])
    gen = np.random.default_rng(3)
    seconds = Counter()
    for _ in range(3000):
        rows = kmeanspp(x, 2, rng=gen)
        if rows[0, 0] == 0.0:
            seconds[rows[1, 0]] += 1
    total = seconds[1.0] + seconds[10.0]
    assert seconds[10.0] / total == pytest.approx(100 / 101, abs=0.02)


@pytest.mark.parametrize("key, init", [("nstart", "kmeans++"),
                                       ("greedy_nstart", "greedy-kmeans++")])
def test_kmeans_init_draws_every_start(key, init):
    """kmeans(x, k, nstart, init=...): the R code's starts, in order; R's best run. The
    greedy variant uses 2 + floor(log(k)) candidates per centre (3 for k = 4)."""
    case = FIX[key]
    x = load(case["data"])
    stream = sk.RStream(case["seed"])
    got = kmeans(x, case["k"], nstart=len(case["starts"]), init=init, rng=stream)
    assert np.array_equal(stream.runif(2), num(case["runif_after"]))
    fits = [kmeans(x, np.asarray(x)[np.array(rows) - 1]) for rows in case["starts"]]
    best = min(range(len(fits)), key=lambda r: (fits[r].tot_withinss, r))
    assert got == fits[best]


def test_kmeanspp_reaches_kmeans_options_through_funcluster():
    """init travels with the other kmeans options (clus_gap, nbclust, kmeansruns)."""
    x = sk.scale(sk.load_dataset("USArrests"))
    a = sk.kmeansruns(x, krange=[2, 3], runs=3, init="kmeans++", rng=5)
    b = sk.kmeansruns(x, krange=[2, 3], runs=3, rng=5)
    assert a.bestk == b.bestk == 2
    gap = sk.clus_gap(x, kmeans, K_max=3, B=3, init="kmeans++", rng=1)
    assert gap.Tab.shape == (3, 4)


def test_errors():
    x = np.repeat(np.arange(3.0), 4).reshape(-1, 1)
    with pytest.raises(InvalidArgumentError, match="only 3 distinct rows"):
        kmeanspp(x, 4, rng=1)
    with pytest.raises(InvalidArgumentError, match="only 3 distinct rows"):
        kmeans(x, 4, init="kmeans++", rng=1)
    with pytest.raises(InvalidArgumentError, match="'centers' must be the number"):
        kmeans(x, [[0.0], [2.0]], init="kmeans++")
    with pytest.raises(InvalidArgumentError, match="init='k-means'"):
        kmeans(x, 2, init="k-means")
    with pytest.raises(InvalidArgumentError, match="'k' must be positive"):
        kmeanspp(x, 0)
    with pytest.raises(InvalidArgumentError, match="'n_local_trials'"):
        kmeanspp(x, 2, n_local_trials=0)
    with pytest.raises(InvalidArgumentError, match="only 3 distinct rows"):
        kmeans(x, 4, init="greedy-kmeans++", rng=1)
