"""fpc's ``kmeansruns``: k-means for each k from many random starts, k chosen by an index.

For every k in ``krange`` (in the given order), kmeans is run ``runs``
times from random starts and the run with the smallest total within sum of
squares kept; k is then chosen by the Calinski-Harabasz index or the
average silhouette width, with the Duda-Hart test for k = 1 when
``krange`` contains 1. The random numbers are drawn as fpc draws them, so
``set_seed`` followed by ``kmeansruns`` gives fpc's result and leaves the
stream where fpc leaves it.
"""

from __future__ import annotations

import sys
from concurrent.futures import Executor
from typing import Any, ClassVar

import attrs
import numpy as np

from . import _engine
from ._format import format_real
from ._kernels import _core, _silhouette
from ._results import frozen_field, int_list
from ._rstats import r_mean
from ._typing import ArrayLike, RngLike
from ._validation import (
    KMEANSRUNS_CRITERIA,
    as_matrix,
    check_alpha,
    check_bool,
    check_choice,
    check_executor,
    check_int,
    check_krange,
    check_n_threads,
    funcluster_options,
)
from .indices import calinhara, duda_hart
from .kmeans import R_COMPONENTS, KMeansResult, kmeans, result_from_run
from .rng import resolve_draws, restored_if_interrupted
from .scale import scale

__all__ = ["KMeansRunsResult", "kmeansruns"]


@attrs.frozen(kw_only=True, repr=False)
class KMeansRunsResult(KMeansResult):
    """The result of :func:`kmeansruns`: the chosen k's fit with fpc's ``crit`` and ``bestk``.

    A :class:`~statkmeans.KMeansResult` (every field, method and the print
    are kmeans'), with two more of fpc's components, ``crit`` and ``bestk``.

    Attributes
    ----------
    crit : ndarray of shape (max(krange),)
        The criterion for each k: ``crit[k - 1]`` is the Calinski-Harabasz
        index or the average silhouette width of the kept fit with k
        clusters, 0 for the k not in ``krange`` and for k = 1.
    bestk : int
        The chosen number of clusters (``k``, the number of clusters of this
        fit, equals it).
    """

    _r_components: ClassVar[tuple[str, ...]] = R_COMPONENTS + ("crit", "bestk")

    crit: np.ndarray = frozen_field(np.float64, flat=True)
    bestk: int = attrs.field(converter=int)

    def __repr__(self) -> str:
        sizes = int_list(self.size)
        return (f"KMeansRunsResult(bestk={self.bestk}, n={self.n}, size=[{sizes}], "
                f"tot_withinss={self.tot_withinss:.7g})")


def _critout(k: int, value: float) -> str:
    """fpc's ``cat(k, " clusters ", crit[k], "\\n")``."""
    return f"{k}  clusters  {format_real([value], 7)[0].strip()} \n"


def kmeansruns(
    x: ArrayLike,
    krange: Any = range(2, 11),
    criterion: str = "ch",
    iter_max: int = 100,
    runs: int = 100,
    scaledata: bool = False,
    alpha: float = 0.001,
    critout: bool = False,
    *,
    rng: RngLike = None,
    executor: Executor | None = None,
    n_threads: int | None = None,
    **kwargs: Any,
) -> KMeansRunsResult:
    """k-means with the number of clusters chosen by an index, with fpc's results.

    For each k in ``krange``, kmeans is run ``runs`` times from random starts
    and the run with the smallest total within sum of squares is kept (the
    earliest on ties); the k whose kept fit has the largest criterion wins.
    With 1 in ``krange``, the Duda-Hart test of the k = 2 fit decides
    whether the data are one cluster.

    Parameters
    ----------
    x : array-like or DataFrame of shape (n, p)
        The observations (a vector is one column).
    krange : sequence of int, default=range(2, 11)
        Numbers of clusters to try, in this order (repeats are run again, as
        in fpc).
    criterion : {"ch", "asw"}, default="ch"
        The Calinski-Harabasz index (:func:`calinhara`) or the average
        silhouette width.
    iter_max : int, default=100
        The ``iter_max`` of every kmeans call.
    runs : int, default=100
        Number of kmeans calls per k.
    scaledata : bool, default=False
        Scale the columns first (R's ``scale``: centred, divided by the
        standard deviation).
    alpha : float, default=0.001
        Significance level of the Duda-Hart test (with 1 in ``krange``).
    critout : bool, default=False
        Print each k's criterion as it is computed, as fpc does.
    rng : None, int, RStream or numpy.random.Generator, default=None
        Source of the random starts, as for :func:`statkmeans.kmeans`:
        ``None`` continues the default stream, so ``set_seed(s)`` first gives
        fpc's result after ``set.seed(s)``.
    executor : concurrent.futures.Executor, optional
        Runs the kmeans calls of each k in parallel. Every start is drawn
        first, in fpc's order, so the result is the serial one.
    n_threads : int, optional
        Threads (default: all cores). Results do not depend on it.
    **kwargs
        Passed on to every kmeans call (fpc's ``...``): ``nstart``,
        ``algorithm``, ``trace``.

    Returns
    -------
    KMeansRunsResult
        The kept kmeans fit for the chosen k, with ``crit`` and ``bestk``.

    Raises
    ------
    InvalidArgumentError
        NA/NaN/Inf in ``x``; an empty ``krange``, one of only k = 1, or a k
        larger than the number of (distinct) rows; ``runs`` < 1; an unknown
        criterion; kmeans' own errors.
    InvalidTypeError
        An unknown kmeans argument in ``**kwargs``, or ``rng``, ``executor``
        or ``n_threads`` given there.

    Warns
    -----
    ConvergenceWarning, QuickTransferWarning, EmptyClusterWarning
        From the kmeans runs, in fpc's order.

    See Also
    --------
    calinhara, dudahart2, choose_k, statkmeans.kmeans

    Notes
    -----
    R: ``fpc::kmeansruns(data, krange = 2:10, criterion = "ch", iter.max =
    100, runs = 100, scaledata = FALSE, alpha = 0.001, critout = FALSE,
    plot = FALSE, ...)``.

    As fpc: the k in ``krange`` are taken in the order given and k = 1 is
    never clustered (it draws nothing); each run is one ``kmeans(x, k,
    iter_max, **kwargs)`` call, so the random starts are drawn in fpc's
    order and the stream continues as fpc leaves it; ``crit`` has
    ``max(krange)`` slots, zero for the k not tried; the choice is the first
    largest ``crit`` (R's ``which.max``), or 1 when the Duda-Hart test of
    the kept k = 2 fit (no fit: an empty clustering) says one cluster.

    Differences from R:

    * When 1 is chosen, fpc returns a bare list of ``crit`` and ``bestk``;
      here the result is the one-cluster fit (computed without drawing a
      random number, so the stream is fpc's) with ``crit`` and ``bestk``.
    * fpc repeats a kmeans call that fails until one succeeds. Starts drawn
      from the data cannot make kmeans fail; the failures that would make R
      repeat forever (more clusters than distinct rows) are errors here,
      raised before anything is drawn.
    * ``plot`` is not offered (draw ``result.crit`` against k).
    * Extra arguments ``rng``, ``executor``, ``n_threads``.

    Tested against R 4.2.2 / fpc 2.2.10 (``tests/r_reference``): scaled iris
    and USArrests, faithful, ruspini and a Gaussian blob, seeds 1, 7 and
    2022, both criteria, krange 1:6 and 2:5, unsorted and gapped krange,
    scaledata, Lloyd with a low iter_max, nstart = 3 through ``**kwargs``, and
    the blob where k = 1 wins: crit, bestk, the fit and the random stream
    afterwards identical.

    References
    ----------
    Hennig, C. (2024). fpc: Flexible Procedures for Clustering. R package
    version 2.2.10.
    Calinski, T. and Harabasz, J. (1974). A dendrite method for cluster
    analysis. Communications in Statistics 3, 1-27.
    Duda, R. O. and Hart, P. E. (1973). Pattern Classification and Scene
    Analysis. Wiley, New York.

    Examples
    --------
    >>> from statkmeans import kmeansruns, load_dataset, scale, set_seed
    >>> set_seed(1)
    >>> km = kmeansruns(scale(load_dataset("USArrests")), krange=range(1, 7))
    >>> km.bestk, km.crit.round(4)
    (2, array([ 0.    , 43.462 , 35.3076, 37.9497, 33.8013, 31.468 ]))
    >>> round(km.tot_withinss, 6)
    102.8624
    """
    data = as_matrix(x, "x")
    if check_bool(scaledata, "scaledata"):
        data = as_matrix(scale(data.values), "x")
    xv = data.values
    criterion = check_choice(criterion, "criterion", KMEANSRUNS_CRITERIA)
    runs = check_int(runs, "runs", minimum=1)
    alpha = check_alpha(alpha)
    critout = check_bool(critout, "critout")
    executor = check_executor(executor)
    threads = check_n_threads(n_threads)
    options = funcluster_options(kmeans, {"iter_max": iter_max, **kwargs}, "kmeansruns",
                                 "the data and each k of krange")
    assert options is not None
    ks = check_krange(krange, data.n, len(_core.unique_rows(xv)))
    draws = resolve_draws(rng)

    # Ctrl-C anywhere from the first draw on leaves the stream as it was
    with restored_if_interrupted(draws):
        crit = np.zeros(max(ks))
        fits: dict[int, _engine.Run] = {}
        found: _engine.Found = []
        with _engine.Runner(threads, executor) as runner:
            for k in ks:
                if k == 1:
                    continue
                # every kmeans call of this k, in fpc's order: each draws its starts
                starts = [s for _ in range(runs)
                          for s in _engine.draw_starts(xv, k, options.nstart, draws, options.init)]
                run, run_found = runner.best(xv, starts, options.method_for(k), options.iter_max,
                                             options.trace)
                found.extend(run_found)
                fits[k] = run
                if criterion == "ch":
                    crit[k - 1] = calinhara(xv, run.cluster)
                else:
                    crit[k - 1] = _avg_silwidth(xv, run.cluster, _engine.resolve_threads(threads))
                if critout:
                    sys.stdout.write(_critout(k, float(crit[k - 1])))
            one = None
            if 1 in ks:
                split = fits.get(2)
                one = duda_hart(xv, None if split is None else np.asarray(split.cluster, np.int64),
                                alpha).cluster1
            finite = np.where(np.isnan(crit), -np.inf, crit)
            bestk = 1 if one else int(np.argmax(finite)) + 1
            if bestk not in fits:  # k = 1: fpc returns no fit; this one draws nothing
                fits[bestk], _ = runner.best(xv, [xv[:1]], "MacQueen", options.iter_max)
        _engine.issue_warnings(found, stacklevel=3)
        fit = result_from_run(fits[bestk], data)
        return KMeansRunsResult(**{f.name: getattr(fit, f.name) for f in attrs.fields(KMeansResult)},
                                crit=crit, bestk=bestk)


def _avg_silwidth(xv: np.ndarray, cluster: np.ndarray, threads: int) -> float:
    """cluster.stats' avg.silwidth of a kmeans clustering (codes 1..k, possibly with gaps)."""
    ids, inverse = np.unique(np.asarray(cluster), return_inverse=True)
    cl0 = inverse.reshape(-1).astype(np.int32)
    k = len(ids)
    size = np.bincount(cl0, minlength=k).astype(np.int64)
    widths = _silhouette.widths_data(xv, cl0, k, size, False, threads)[1]
    return r_mean(widths)
