"""kmeansruns against R 4.2.2 / fpc 2.2.10: crit, bestk, the fit and the stream afterwards."""

from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from conftest import as_list, fpc_data, load_fixture, num, rows

import statkmeans as sk
from statkmeans import (
    ConvergenceWarning,
    InvalidArgumentError,
    InvalidTypeError,
    KMeansResult,
    KMeansRunsResult,
    kmeansruns,
)

FIX = load_fixture("fpc_fixtures.json")
CASES = FIX["kmeansruns"]
IDS = [f"{c['data']}-{c['seed']}-{c['criterion']}-{'_'.join(map(str, as_list(c['krange'])))}"
       f"-{c['runs']}" for c in CASES]
SLOW = {i for i, c in enumerate(CASES) if c["runs"] == 100}


def run_case(case):
    kwargs = {a.replace(".", "_"): v for a, v in (case["args"] or {}).items()} \
        if isinstance(case["args"], dict) else {}
    stream = sk.RStream(case["seed"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = kmeansruns(fpc_data(case["data"]), krange=as_list(case["krange"]),
                            criterion=case["criterion"], runs=case["runs"],
                            scaledata=case["scaledata"], rng=stream, **kwargs)
    return result, stream, caught


@pytest.mark.parametrize("index", [pytest.param(i, marks=pytest.mark.slow) if i in SLOW else i
                                   for i in range(len(CASES))], ids=IDS)
def test_equals_fpc(index):
    """crit and bestk exact, the kept fit identical, the stream continues as in R."""
    case = CASES[index]
    result, stream, caught = run_case(case)
    assert np.array_equal(result.crit, num(case["crit"]))
    assert result.bestk == case["bestk"]
    assert np.array_equal(stream.runif(2), num(case["runif_after"]))
    assert len(caught) == case["n_warnings"]
    if case["bare_list"]:
        assert result.k == 1 and (np.asarray(result.cluster) == 1).all()
    else:
        assert np.array_equal(np.asarray(result.cluster), case["cluster"])
        assert np.array_equal(np.asarray(result.centers), rows(case["centers"]))
        assert np.array_equal(result.withinss, num(case["withinss"]))
        assert result.tot_withinss == float(case["tot_withinss"])
        assert result.totss == float(case["totss"])
        assert list(result.size) == as_list(case["size"])
        assert result.iter == case["iter"]


def test_reference_values_and_default_stream():
    """set_seed(1) then kmeansruns(scale(USArrests), 1:6): fpc's numbers and stream."""
    x = sk.scale(sk.load_dataset("USArrests"))
    sk.set_seed(1)
    result = kmeansruns(x, krange=range(1, 7))
    assert result.bestk == 2 and result.crit[1] == 43.46199150301377
    assert result.tot_withinss == 102.86240049441732
    case = next(c for c in CASES if c["data"] == "USArrests_scaled" and c["seed"] == 1
                and c["criterion"] == "ch" and as_list(c["krange"]) == [1, 2, 3, 4, 5, 6]
                and c["runs"] == 100)
    assert np.array_equal(sk.runif(2), num(case["runif_after"]))
    assert isinstance(result, KMeansResult) and isinstance(result, KMeansRunsResult)
    # pandas in, pandas out: the cluster is a Series on x's index
    assert list(result.cluster.index) == list(x.index)


def test_critout(capsys):
    """critout prints fpc's lines."""
    case = FIX["critout"]
    kmeansruns(fpc_data(case["data"]), krange=case["krange"], runs=case["runs"], critout=True,
               rng=case["seed"])
    assert capsys.readouterr().out.splitlines() == case["lines"]


def test_print_lists_crit_and_bestk():
    """print(result) is R's print.kmeans, whose components end in crit and bestk."""
    x = sk.scale(sk.load_dataset("USArrests"))
    text = str(kmeansruns(x, krange=range(2, 4), runs=3, rng=1))
    assert text.startswith("K-means clustering with 2 clusters of sizes")
    assert text.endswith(  # R's print(kmeansruns(...)) ends so
        ' [6] "betweenss"    "size"         "iter"         "ifault"       "crit"        \n'
        '[11] "bestk"       \n')


def test_executor_and_threads_give_the_same_result():
    x = sk.scale(sk.load_dataset("USArrests"))
    serial = kmeansruns(x, krange=range(2, 6), runs=10, rng=7, n_threads=1)
    with ThreadPoolExecutor(2) as pool:
        parallel = kmeansruns(x, krange=range(2, 6), runs=10, rng=7, executor=pool)
    assert serial == parallel


def test_nonconvergence_warns():
    case = next(c for c in CASES if c["n_warnings"])
    result, _, caught = run_case(case)
    assert all(issubclass(w.category, ConvergenceWarning) for w in caught)
    assert result.bestk == case["bestk"]


@pytest.mark.parametrize("kwargs, error, match", [
    ({"krange": [1]}, InvalidArgumentError, "only k = 1"),
    ({"krange": []}, InvalidArgumentError, "'krange' is empty"),
    ({"krange": [2, 60]}, InvalidArgumentError, "k = 60 clusters but 'x' has only 50 rows"),
    ({"krange": [2, 0]}, InvalidArgumentError, "'krange' must be positive"),
    ({"criterion": "db"}, InvalidArgumentError, "criterion='db'"),
    ({"runs": 0}, InvalidArgumentError, "'runs' must be positive"),
    ({"alpha": 0}, InvalidArgumentError, "'alpha'"),
    ({"centers": 3}, InvalidArgumentError, "'centers' is set by kmeansruns"),
    ({"rng_seed": 3}, InvalidTypeError, "unexpected keyword argument 'rng_seed'"),
])
def test_bad_arguments(kwargs, error, match):
    """Clear errors naming the argument, raised before anything is drawn."""
    stream = sk.RStream(1)
    before = stream.random_seed.copy()
    with pytest.raises(error, match=match):
        kmeansruns(sk.load_dataset("USArrests"), rng=stream, **kwargs)
    assert np.array_equal(stream.random_seed, before)


def test_more_clusters_than_distinct_rows():
    """R would retry forever; here it is an error."""
    x = np.repeat(np.arange(4.0), 5).reshape(-1, 1)
    with pytest.raises(InvalidArgumentError, match="only 4 distinct rows"):
        kmeansruns(x, krange=[2, 5], runs=2, rng=1)
