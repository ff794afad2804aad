"""factoextra's curves for choosing k: ``fviz_nbclust`` and ``fviz_gap_stat``."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

import numpy as np

from .._typing import ArrayLike, RngLike
from .._validation import check_artist_options, check_result_type, keyword_only
from ..gap import ClusGapResult
from ..kmeans import kmeans
from ..nbclust import LINECOLOR, NbClustResult, compute
from ._style import classic_theme, with_options

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["draw_curve", "plot_curve", "plot_gap", "plot_nbclust"]

XLABEL = "Number of clusters k"
TITLE = "Optimal number of clusters"
YLABELS = {
    "wss": "Total Within Sum of Square",
    "silhouette": "Average silhouette width",
    "gap_stat": "Gap statistic (k)",
}


def draw_curve(ax: Axes | None, k: Any, y: Any, se: Any, chosen: int | None, ylabel: str,
               linecolor: Any, kwargs: dict[str, Any]) -> Axes:
    """The line + points (+ error bars) + dashed line of fviz_nbclust / fviz_gap_stat."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    k = np.asarray(k)
    y = np.asarray(y)
    line = {"color": linecolor, "linestyle": "-", "linewidth": 1.0, "marker": "o",
            "markersize": 4.5, "markeredgewidth": 0.0, "zorder": 3}
    ax.plot(k, y, **with_options(line, kwargs, "plot"))
    if se is not None:
        ax.errorbar(k, y, yerr=np.asarray(se), fmt="none", ecolor=linecolor, elinewidth=0.8,
                    capsize=4.0, capthick=0.8, zorder=2)
    if chosen is not None:
        ax.axvline(chosen, color=linecolor, linestyle="--", linewidth=1.0, zorder=1)
    # k as categories: every level labelled, ggplot's 0.6 padding either side
    ax.set_xticks(k)
    ax.set_xticklabels([str(int(v)) for v in k])
    if len(k):
        ax.set_xlim(k[0] - 0.6, k[-1] + 0.6)
    ax.set_xlabel(XLABEL)
    ax.set_ylabel(ylabel)
    ax.set_title(TITLE, loc="left")
    classic_theme(ax)
    return ax


def plot_curve(result: NbClustResult, *, ax: Axes | None, linecolor: Any,
               kwargs: dict[str, Any]) -> Axes:
    """Draw an :class:`~statkmeans.NbClustResult` (its ``plot`` method)."""
    check_artist_options(kwargs, "plot", "NbClustResult.plot")
    se = result.gap.Tab["SE.sim"].to_numpy() if result.gap is not None else None
    return draw_curve(ax, result.k, result.y, se, result.n_clusters, YLABELS[result.method],
                      linecolor, kwargs)


def plot_nbclust(
    x: ArrayLike,
    FUNcluster: Callable[..., Any] | None = kmeans,
    method: str = "silhouette",
    k_max: int = 10,
    nboot: int = 100,
    *,
    ax: Axes | None = None,
    linecolor: str = LINECOLOR,
    diss: Any = None,
    rng: RngLike = None,
    verbose: bool | None = None,
    executor: Executor | None = None,
    n_threads: int | None = None,
    **kwargs: Any,
) -> Axes:
    """Draw factoextra's ``fviz_nbclust`` in one call: compute with :func:`nbclust`, then draw.

    .. warning::
       Like factoextra, this calls ``set_seed(123)`` first, resetting the
       package's default random stream, unless ``rng=`` is given (see
       :func:`nbclust`).

    Parameters
    ----------
    x, FUNcluster, method, k_max, nboot : as for :func:`nbclust`
        The data, the clustering function, the criterion, the largest k and
        the number of reference sets.
    ax : matplotlib Axes, optional
        Where to draw; default a new figure (``plt.subplots()``).
    linecolor : color, default="steelblue"
        The ``linecolor`` of factoextra: the line, points, error bars and dashed
        line. For other styling call ``nbclust(...).plot(ax, **line_kwargs)``.
    diss, rng, verbose, executor, n_threads, **kwargs : as for :func:`nbclust`
        As for :func:`nbclust`; ``**kwargs`` go to FUNcluster (R's ``...``).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. ``plt.show()`` is never called.

    Notes
    -----
    R: ``fviz_nbclust(x, FUNcluster, method, diss = NULL, k.max = 10,
    nboot = 100, verbose = interactive(), linecolor = "steelblue", ...)``.
    Differences from R: those of :func:`nbclust` and
    :meth:`NbClustResult.plot`; the numbers are kept by calling
    :func:`nbclust` instead.

    Examples
    --------
    >>> from statkmeans import kmeans, load_dataset, plot_nbclust, scale
    >>> ax = plot_nbclust(scale(load_dataset("USArrests")), kmeans, method="wss")
    >>> ax.get_ylabel()
    'Total Within Sum of Square'
    """
    result = compute(x, FUNcluster, method, k_max, nboot, diss=diss, rng=rng,
                     verbose=verbose, executor=executor, n_threads=n_threads, kwargs=kwargs,
                     stacklevel=3)
    return plot_curve(result, ax=ax, linecolor=linecolor, kwargs={})


@keyword_only("ax")
def plot_gap(gap_result: ClusGapResult, *, ax: Axes | None = None, method: str = "firstSEmax",
             SE_factor: float = 1, linecolor: str = LINECOLOR, **kwargs: Any) -> Axes:
    """Draw a gap statistic as factoextra's ``fviz_gap_stat`` does.

    The gap against k (as categories) with points, error bars gap +/- SE.sim,
    and a dashed vertical line at the k chosen by :func:`~statkmeans.max_se`.

    Parameters
    ----------
    gap_result : ClusGapResult
        From :func:`~statkmeans.clus_gap`.
    ax : matplotlib Axes, optional
        Where to draw; default a new figure (``plt.subplots()``).
    method : {"firstSEmax", "Tibs2001SEmax", "globalSEmax", "firstmax", "globalmax"}, default="firstSEmax"
        The rule that picks the k marked (factoextra's ``maxSE$method``).
    SE_factor : float, default=1
        The ``maxSE$SE.factor`` of factoextra. It changes the chosen k only: the
        error bars are always gap +/- SE.sim, as in factoextra.
    linecolor : color, default="steelblue"
        Colour of the line, points, error bars and dashed line.
    **kwargs
        Passed to ``ax.plot`` for the line and points (a copy; they override
        the defaults). Unknown options raise InvalidArgumentError before
        anything is drawn.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. ``plt.show()`` is never called.

    Raises
    ------
    InvalidTypeError
        ``gap_result`` is not a ClusGapResult.
    InvalidArgumentError
        An unknown method, SE_factor < 0, or SE.sim is NaN (B = 1).

    Notes
    -----
    R: ``factoextra::fviz_gap_stat(gap_stat, linecolor = "steelblue",
    maxSE = list(method = "firstSEmax", SE.factor = 1))``. Differences from
    R: the rule is given by ``method`` and ``SE_factor`` (R's list with a
    missing method means "firstmax"; here the default is always
    "firstSEmax"); matplotlib instead of ggplot2.

    Tested against R 4.2.2 / factoextra 1.0.7 (``tests/r_reference``): the
    marked k for four rules and the bar ends.

    Examples
    --------
    >>> from statkmeans import clus_gap, kmeans, load_dataset, plot_gap, scale, set_seed
    >>> set_seed(123)
    >>> gap = clus_gap(scale(load_dataset("USArrests")), kmeans, K_max=6, B=10)
    >>> ax = plot_gap(gap)
    >>> ax.get_ylabel()
    'Gap statistic (k)'
    """
    check_artist_options(kwargs, "plot", "plot_gap")
    check_result_type(gap_result, ClusGapResult,
                      "Only an object of class ClusGapResult is allowed (the result of clus_gap); "
                      "got {got}")
    chosen = gap_result.n_clusters(method, SE_factor)
    tab = gap_result.Tab
    k = np.arange(1, gap_result.K_max + 1)
    return draw_curve(ax, k, tab["gap"].to_numpy(), tab["SE.sim"].to_numpy(), chosen,
                      YLABELS["gap_stat"], linecolor, dict(kwargs))


