"""Reliability: absurd arguments are refused before any work or draw; non-data is named.

Each refusal leaves the default random stream where it was, so a corrected
rerun gives R's result.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from statkmeans import (
    InvalidArgumentError,
    InvalidTypeError,
    clus_gap,
    get_stream,
    kmeans,
    load_dataset,
    nbclust,
    set_seed,
    silhouette,
)

X20 = load_dataset("USArrests").to_numpy()[:20]


@pytest.fixture(autouse=True)
def untouched_stream():
    """Every refusal here happens before the first random number."""
    set_seed(3)
    before = get_stream().copy()
    yield
    assert get_stream() == before


@pytest.mark.parametrize("kwargs, message", [
    (dict(nstart=10**12), r"'nstart' must be at most 2147483647 \(R's integer\)"),
    (dict(nstart=2**31 - 1), r"would take .* GiB before the first run.*at most \d+ here"),
    (dict(iter_max=2**40), r"'iter_max' must be at most 2147483647"),
    (dict(trace=2**40), r"'trace' must be at most 2147483647"),
    (dict(nstart=2.5), "'nstart' must be a whole number"),
    (dict(iter_max=float("inf")), "'iter_max' must be a whole number"),
])
def test_kmeans_sizes(kwargs, message):
    """kmeans' sizes beyond what can run: a clear error, at once."""
    with pytest.raises(InvalidArgumentError, match=message):
        kmeans(X20, 3, **kwargs)


def test_kmeans_k_beyond_n():
    with pytest.raises(InvalidArgumentError, match="more cluster centers than data points"):
        kmeans(X20, 10**12)


@pytest.mark.parametrize("kwargs, message", [
    (dict(K_max=3, B=2**40), r"'B' must be at most 2147483647"),
    (dict(K_max=3, B=3, nstart=10**9), r"would take .* GiB"),
    (dict(K_max=10**6, B=3), "'K_max' must be less than the number of observations"),
])
def test_clus_gap_sizes(kwargs, message):
    with pytest.raises(InvalidArgumentError, match=message):
        clus_gap(X20, kmeans, verbose=False, **kwargs)


def test_nbclust_sizes():
    with pytest.raises(InvalidArgumentError, match="would take .* GiB"):
        nbclust(X20, kmeans, "wss", k_max=5, nstart=10**9, rng=1)
    with pytest.raises(InvalidArgumentError, match=r"'nboot' must be at most 2147483647"):
        nbclust(X20, kmeans, "gap_stat", k_max=5, nboot=2**40, rng=1)


@pytest.mark.parametrize("x, message", [
    (None, "'x' must be a numeric matrix, array, DataFrame, Series or vector; got NoneType"),
    ({"a": [1, 2]}, "'x' must be a numeric matrix, .*; got dict"),
    ("abc", "'x' must be a numeric matrix, .*; got str 'abc'"),
    ([[1.0, 2.0], [3.0]], "could not read list"),
    (np.array([["a", "b"], ["c", "d"]]), "'x' must be numeric; got values of dtype <U1"),
    (object(), "'x' must be a numeric matrix"),
])
def test_non_data(x, message):
    """None, dicts, strings, ragged lists and objects: what was passed and what is expected."""
    with pytest.raises(InvalidTypeError, match=message):
        kmeans(x, 2)


@pytest.mark.parametrize("codes, message", [
    (None, "'x' must be integer cluster codes or a KMeansResult; got NoneType"),
    ({"a": 1}, "got dict"),
])
def test_non_codes(codes, message):
    with pytest.raises(InvalidTypeError, match=message):
        silhouette(codes, data=X20)


class TestThreads:
    """Calls from several Python threads at once."""

    def test_own_streams_give_serial_results(self):
        """Threads passing their own rng= get the serial results, whatever else runs."""
        from concurrent.futures import ThreadPoolExecutor

        x = load_dataset("USArrests")
        serial = [kmeans(x, 4, nstart=10, rng=seed) for seed in range(6)]
        with ThreadPoolExecutor(3) as pool:
            noise = pool.submit(lambda: [kmeans(x, 3, nstart=3) for _ in range(20)])
            parallel = list(pool.map(lambda seed: kmeans(x, 4, nstart=10, rng=seed), range(6)))
            noise.result()
        assert parallel == serial
        set_seed(3)  # the noise drew from the default stream; restore what the fixture expects

    def test_default_stream_draws_stay_contiguous(self):
        """kmeans calls on the default stream from 4 threads: each call's starts are one
        contiguous run of draws, so every result is one of the serial results and the
        stream ends where the serial calls leave it."""
        from concurrent.futures import ThreadPoolExecutor

        x = load_dataset("USArrests")
        set_seed(11)
        serial = [kmeans(x, 3, nstart=7) for _ in range(8)]
        end = get_stream().copy()
        set_seed(11)
        with ThreadPoolExecutor(4) as pool:
            parallel = list(pool.map(lambda _: kmeans(x, 3, nstart=7), range(8)))
        assert get_stream() == end
        assert all(any(p == s for s in serial) for p in parallel)
        set_seed(3)  # what the autouse fixture expects to find


# -- options passed on to matplotlib ------------------------------------------------------------

ARRESTS = load_dataset("USArrests")
KM3 = kmeans(ARRESTS.to_numpy(), 3, nstart=5, rng=1)  # rng=: the default stream is not used


def _plot_calls():
    """Each drawing entry point with its options (**kwargs or arrow_kwargs)."""
    import matplotlib

    matplotlib.use("Agg")
    from statkmeans import choose_k, nbclust, plot_cluster, plot_gap, plot_silhouette

    x = ARRESTS.to_numpy()
    sil = silhouette(KM3, data=x)
    gap = clus_gap(x, kmeans, K_max=3, B=3, rng=2)
    nb = nbclust(x, kmeans, method="wss", k_max=4, rng=2)
    ck = choose_k(x, k_max=4, B=3, nstart=2, rng=2)
    return {
        "plot_cluster": lambda **o: plot_cluster(KM3, x, **o),
        "plot_silhouette": lambda **o: plot_silhouette(sil, **o),
        "SilhouetteResult.plot": lambda **o: sil.plot(**o),
        "plot_gap": lambda **o: plot_gap(gap, **o),
        "ClusGapResult.plot": lambda **o: gap.plot(**o),
        "arrow_kwargs": lambda **o: gap.plot(arrow_kwargs=o),
        "NbClustResult.plot": lambda **o: nb.plot(**o),
        "ChooseKResult.plot": lambda **o: ck.plot(**o),
    }


@pytest.fixture(scope="module")
def plot_calls():
    return _plot_calls()


@pytest.mark.parametrize("where", ["plot_cluster", "plot_silhouette", "SilhouetteResult.plot",
                                   "plot_gap", "ClusGapResult.plot", "arrow_kwargs",
                                   "NbClustResult.plot", "ChooseKResult.plot"])
@pytest.mark.parametrize("option, hint", [
    ("star_plot", "star.plot= .* is not drawn here"),  # factoextra's, carried over
    ("ggtheme", "ggplot2 themes do not apply to matplotlib"),
    ("linewdith", None),  # a typo
])
def test_unknown_plot_option_is_named_before_drawing(plot_calls, where, option, hint):
    import matplotlib.pyplot as plt

    plt.close("all")
    with pytest.raises(InvalidArgumentError, match=rf"got an unknown option '{option}'") as info:
        plot_calls[where](**{option: True})
    assert "Axes." in str(info.value)  # says where the options go
    if hint is not None:
        assert re.search(hint, str(info.value))
    assert plt.get_fignums() == []  # refused before anything was drawn


@pytest.mark.parametrize("where, options", [
    ("plot_cluster", dict(alpha=0.5, s=10, marker="s", lw=2, edgecolors="k")),
    ("plot_silhouette", dict(alpha=0.5, hatch="/", ec="k")),
    ("SilhouetteResult.plot", dict(alpha=0.5, lw=1.0)),
    ("plot_gap", dict(lw=2, ms=3, c="red")),
    ("ClusGapResult.plot", dict(linewidth=2, markersize=3, alpha=0.7)),
    ("arrow_kwargs", dict(ecolor="blue", capsize=1.0, elinewidth=2, lw=2)),
    ("NbClustResult.plot", dict(ls=":", marker="s")),
    ("ChooseKResult.plot", dict(linewidth=0.5, alpha=0.8)),
])
def test_matplotlib_options_and_aliases_still_pass(plot_calls, where, options):
    import matplotlib.pyplot as plt

    plot_calls[where](**options)
    assert plt.get_fignums()
    plt.close("all")
