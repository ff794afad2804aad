"""Choosing k as factoextra's ``fviz_nbclust`` does: ``nbclust`` and its result.

:func:`nbclust` computes the curve ``fviz_nbclust`` plots (the total within
sum of squares, the average silhouette width or the gap statistic for
k = 1..k_max) and returns it as a :class:`NbClustResult`, whose ``plot``
draws factoextra's figure (:mod:`statkmeans.plots`). The numbers equal
factoextra's to the last bit (docs/design.md says how).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from . import _engine
from ._kernels import _gap
from ._results import PrettyPrinted, format_column, frozen_field, html_table, html_text
from ._typing import ArrayLike, RngLike
from ._validation import (
    KMeansOptions,
    as_condensed,
    as_data_matrix,
    check_choice,
    check_diss_size,
    check_dissimilarities,
    check_executor,
    check_funcluster,
    check_k_max,
    check_n_threads,
    check_nboot,
    check_starts_memory,
    cluster_codes,
    funcluster_options,
    is_series,
    keyword_only,
    take_fun_alias,
)
from .exceptions import InvalidArgumentError, InvalidTypeError, StatKMeansWarning
from .gap import EXACT_PAIR_LIMIT, ClusGapResult, clus_gap
from .kmeans import kmeans
from .rng import get_stream, resolve_draws, resolve_stream, restored_if_interrupted, set_seed
from .silhouette import silhouette

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["NbClustResult", "nbclust"]

METHODS = ("silhouette", "wss", "gap_stat")
FACTOEXTRA_SEED = 123  # fviz_nbclust's set.seed(123)
LINECOLOR = "steelblue"
# What y is, in words (Jupyter's table).
CRITERIA = {"wss": "total within sum of squares", "silhouette": "average silhouette width",
            "gap_stat": "gap statistic"}

# R's message when x is not a matrix or data frame.
_NOT_2D = ("x should be an object of class matrix/data.frame: a 2-D array or DataFrame of "
           "observations in rows")


# -- the result ------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class NbClustResult(PrettyPrinted):
    """What factoextra's ``fviz_nbclust`` plots: a criterion against k.

    Returned by :func:`nbclust`; :meth:`plot` draws factoextra's figure.
    Arrays are read-only.

    Attributes
    ----------
    k : ndarray of int64 of shape (k_max,)
        The numbers of clusters, 1..k_max (factoextra's ``clusters``).
    y : ndarray of float64 of shape (k_max,)
        The criterion for each k (factoextra's ``y``): the total within sum
        of squares ("wss"), the average silhouette width ("silhouette", 0 for
        k = 1), or the gap ("gap_stat", ``gap.Tab["gap"]``).
    method : {"wss", "silhouette", "gap_stat"}
        Which criterion ``y`` is.
    gap : ClusGapResult or None
        The whole :func:`~statkmeans.clus_gap` result for "gap_stat" (its
        ``Tab`` has logW, E.logW, gap and SE.sim); None otherwise.
    """

    k: np.ndarray = frozen_field(np.int64, flat=True)
    y: np.ndarray = frozen_field(np.float64, flat=True)
    method: str = attrs.field(validator=attrs.validators.in_(METHODS))
    gap: ClusGapResult | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if len(self.k) != len(self.y):
            raise InvalidArgumentError(
                f"'k' and 'y' must have the same length; got {len(self.k)} and {len(self.y)}"
            )
        if (self.method == "gap_stat") != (self.gap is not None):
            raise InvalidArgumentError(
                "'gap' must be the clus_gap result exactly when method is 'gap_stat'; got "
                f"method={self.method!r} and gap={type(self.gap).__name__}"
            )
        if self.gap is not None:
            if not isinstance(self.gap, ClusGapResult):
                raise InvalidTypeError(
                    f"'gap' must be a ClusGapResult; got {type(self.gap).__name__}"
                )
            if not np.array_equal(self.gap.Tab["gap"].to_numpy(), self.y):
                raise InvalidArgumentError("'y' must be the gap column of 'gap.Tab'")

    @property
    def k_max(self) -> int:
        """The largest number of clusters tried."""
        return int(self.k[-1]) if len(self.k) else 0

    @property
    def n_clusters(self) -> int | None:
        """The k that factoextra marks with its dashed line, or None for "wss".

        "silhouette": the first k with the largest average width (R's
        ``which.max``). "gap_stat": ``max_se(gap, SE.sim, "firstSEmax",
        SE_factor=1)``, the only rule ``fviz_nbclust`` can use with kmeans
        (``gap.n_clusters(method, SE_factor)`` gives the others). "wss": None,
        as factoextra draws no line (read the elbow off the plot).
        """
        if self.method == "wss":
            return None
        if self.method == "silhouette":
            return int(self.k[int(np.argmax(self.y))])
        assert self.gap is not None  # "gap_stat" (checked on construction)
        return self.gap.n_clusters("firstSEmax", 1)

    def to_frame(self) -> pd.DataFrame:
        """factoextra's ``p$data``: a fresh DataFrame on each call.

        Columns ``clusters`` and ``y`` ("wss", "silhouette"), or ``logW``,
        ``E.logW``, ``gap``, ``SE.sim``, ``clusters``, ``ymin``, ``ymax``
        ("gap_stat"; ``ymin``/``ymax`` are gap -/+ SE.sim). ``clusters`` is
        categorical, as R's factor.

        Returns
        -------
        DataFrame
            A new frame, one row per k.
        """
        import pandas as pd

        clusters = pd.Categorical([str(v) for v in self.k], categories=[str(v) for v in self.k])
        frame: pd.DataFrame
        if self.gap is None:
            frame = pd.DataFrame({"clusters": clusters, "y": np.array(self.y)})
            return frame
        tab = self.gap.Tab
        gap = tab["gap"].to_numpy()
        se = tab["SE.sim"].to_numpy()
        frame = pd.DataFrame({
            "logW": tab["logW"].to_numpy(), "E.logW": tab["E.logW"].to_numpy(), "gap": gap,
            "SE.sim": se, "clusters": clusters, "ymin": gap - se, "ymax": gap + se,
        })
        return frame

    @keyword_only("ax")
    def plot(self, *, ax: Axes | None = None, linecolor: str = LINECOLOR, **kwargs: Any) -> Axes:
        """Draw what factoextra's ``fviz_nbclust`` draws.

        The criterion against k (k as categories 1..k_max) as a line with
        points, a dashed vertical line at :attr:`n_clusters` (none for
        "wss"), and for "gap_stat" error bars gap +/- SE.sim; labels "Number
        of clusters k" and the criterion's name, title "Optimal number of
        clusters", on a white background with axis lines and no grid
        (ggpubr's classic theme).

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw; a new figure and Axes (``plt.subplots()``) when
            omitted, as R prints a ggplot on a new page.
        linecolor : color, default="steelblue"
            Colour of the line, points, error bars and dashed line
            (factoextra's ``linecolor``).
        **kwargs
            Passed to ``ax.plot`` for the line and points (a copy; they
            override the defaults, e.g. ``marker="s"``). Unknown options
            raise InvalidArgumentError before anything is drawn.

        Returns
        -------
        matplotlib.axes.Axes
            The Axes drawn on. ``plt.show()`` is never called.

        Notes
        -----
        R: ``print(fviz_nbclust(...))`` (factoextra 1.0.7, drawn by
        ``ggpubr::ggline``). Differences from R: matplotlib instead of
        ggplot2, so sizes, fonts and margins are close but not identical;
        the error-bar caps have a fixed size in points (R: 0.2 of a category).
        """
        from .plots.curves import plot_curve

        return plot_curve(self, ax=ax, linecolor=linecolor, kwargs=dict(kwargs))

    def __str__(self) -> str:
        """The chosen k and the table factoextra plots (its ``p$data``)."""
        from . import _format

        chosen = self._chosen_or_na()
        head = f'Optimal number of clusters (fviz_nbclust, method = "{self.method}"): '
        if self.method == "wss":
            head += "no line is drawn for the elbow (find_knee(res.k, res.y) looks for one)"
        else:
            head += f"k = {chosen}"
        rows = [str(int(v)) for v in self.k]
        if self.gap is None:
            table = _format.print_matrix(np.asarray(self.y).reshape(-1, 1), row_names=rows,
                                         col_names=["y"])
        else:
            values = self.gap.Tab.to_numpy()
            table = _format.print_matrix(np.ma.MaskedArray(values, mask=np.isnan(values)),
                                         row_names=rows, col_names=list(self.gap.Tab.columns))
        return head + "\n" + table

    def __repr__(self) -> str:
        return (f"NbClustResult(method={self.method!r}, k_max={self.k_max}, "
                f"n_clusters={self._chosen_or_na()})")

    def _chosen_or_na(self) -> int | str | None:
        """``n_clusters``, or "NA" for a gap result with SE.sim NA (as printed)."""
        try:
            return self.n_clusters
        except InvalidArgumentError:
            return "NA"

    def _html_parts(self) -> list[str]:
        """Jupyter: the criterion against k as a table, with factoextra's choice."""
        ks = [str(int(v)) for v in self.k]
        if self.gap is not None:
            tab = self.gap.Tab
            columns = [(name, format_column(tab[name].to_numpy()))
                       for name in ("logW", "E.logW", "gap", "SE.sim")]
        else:
            columns = [(self.method, format_column(self.y))]
        if self.method == "wss":
            note = "No k is marked for 'wss' (as factoextra): read the elbow off the plot."
            chosen = None
        else:
            try:
                chosen = self.n_clusters
            except InvalidArgumentError:  # SE.sim NA
                chosen = None
            rule = ("the largest average width" if self.method == "silhouette"
                    else "maxSE's firstSEmax, SE.factor = 1")
            note = f"Optimal number of clusters ({rule}): {'NA' if chosen is None else chosen}"
        marks = ["\u2190 chosen" if chosen is not None and k == str(chosen) else "" for k in ks]
        return [
            html_text(f"fviz_nbclust's {CRITERIA[self.method]} for k = 1..{self.k_max}",
                      strong=True),
            html_table(columns + [("", marks)], row_names=ks, row_header="k",
                       numeric=[True] * len(columns) + [False],
                       row_classes=["chosen" if m else "" for m in marks]),
            html_text(note),
        ]


# -- the criteria ---------------------------------------------------------------------------


def _raw_codes(result: Any) -> Any:
    """The codes FUNcluster returned, before any renumbering (as _codes reads them)."""
    if isinstance(result, Mapping):
        return result.get("cluster")
    return getattr(result, "cluster", result)


def _renumbered(raw: Any) -> bool:
    """factoextra's test: numeric codes whose maximum is not the number of clusters."""
    try:
        arr = np.asarray(raw.to_numpy() if is_series(raw) else raw)
    except (TypeError, ValueError):
        return False
    if arr.dtype.kind not in "iuf" or arr.size == 0:
        return False
    return bool(arr.max() != len(np.unique(arr)))


def _wss(xv: np.ndarray, codes0: np.ndarray, k: int, diss: np.ndarray | None,
         n_threads: int = 1) -> float:
    """factoextra's total within sum of squares of one clustering (0-based codes 0..k-1).

    For each cluster r in code order, ``sum(d_ij^2 over pairs in r) / n_r``
    (R's pair order, an extended-precision sum, then one division), added up
    in double precision in cluster order. From the data, clusterings with
    more than EXACT_PAIR_LIMIT pairs use the identity sum_{i<j} d_ij^2 / n_r
    = sum_i |x_i - mean_r|^2 (linear time, equal to R's to ~1e-16 relative).
    """
    labels = np.ascontiguousarray(codes0, dtype=np.int32)
    if diss is not None:
        parts = _gap.diss_wss_parts(diss, len(labels), labels, k)
    else:
        parts = _gap.wss_parts(xv, labels, k, EXACT_PAIR_LIMIT, n_threads)
    total = 0.0
    for value in parts.tolist():
        total += value
    return total


def _clusterings(xv: np.ndarray, FUNcluster: Callable[..., Any], ks: list[int],
                 kwargs: dict[str, Any], options: KMeansOptions | None, stream: Any,
                 executor: Executor | None, n_threads: int | None, stacklevel: int
                 ) -> list[tuple[np.ndarray, int, Any]]:
    """FUNcluster(x, k) for each k, in order: [(0-based codes, count, raw codes)].

    ``stacklevel`` is the level, seen from this function, of the user's frame.
    """
    n = xv.shape[0]
    out = []
    if options is None:
        if executor is not None:
            warnings.warn(
                "'executor' is ignored: FUNcluster is not statkmeans' kmeans, so its random "
                "draws cannot be made ahead of time in R's order; running serially",
                StatKMeansWarning, stacklevel=stacklevel)
        for k in ks:
            result = FUNcluster(xv, k, **kwargs)
            codes0, count = cluster_codes(result, n, k)
            out.append((codes0, count, _raw_codes(result)))
        return out
    # statkmeans' kmeans: as kmeans(x, k, **kwargs) for each k in turn. The
    # fits draw nothing, so every start is drawn first, in R's order, and the
    # fits then run here or on the executor with the same result.
    draws = resolve_draws(stream)
    starts = [_engine.draw_starts(xv, k, options.nstart, draws, options.init) for k in ks]
    if executor is None:
        with _engine.Runner(n_threads) as runner:
            for k, s in zip(ks, starts):
                run, found = runner.best(xv, s, options.method_for(k), options.iter_max,
                                         options.trace)
                _engine.issue_warnings(found, stacklevel)
                codes0, count = cluster_codes(run.cluster, n, k)
                out.append((codes0, count, None))
        return out
    per_task = _engine.resolve_threads(n_threads, _engine.executor_workers(executor))
    stop = _engine.StopFlag(shared=not _engine.shares_memory(executor))
    try:
        parts = _engine.gather([executor.submit(_engine.run_starts, xv, s,
                                                options.method_for(k), options.iter_max,
                                                options.trace, per_task, stop)
                                for k, s in zip(ks, starts)], stop)
    finally:
        stop.close()
    for k, (_, run, run_found) in zip(ks, parts):
        for run_warnings in run_found:
            _engine.issue_warnings(list(run_warnings), stacklevel)
        codes0, count = cluster_codes(run.cluster, n, k)
        out.append((codes0, count, None))
    return out


# -- the public function ------------------------------------------------------------------------


def nbclust(
    x: ArrayLike,
    FUNcluster: Callable[..., Any] | None = kmeans,
    method: str = "silhouette",
    k_max: int = 10,
    nboot: int = 100,
    *,
    diss: Any = None,
    rng: RngLike = None,
    verbose: bool | None = None,
    executor: Executor | None = None,
    n_threads: int | None = None,
    **kwargs: Any,
) -> NbClustResult:
    """The numbers factoextra's ``fviz_nbclust`` plots, to choose the number of clusters.

    .. warning::
       Like factoextra, this **first calls** ``set_seed(123)``: it resets the
       package's default random stream (R's ``.Random.seed``), so your own
       ``set_seed`` before it has no effect, and code after it continues the
       stream of seed 123. Pass ``rng=`` to leave the default stream alone.

    Parameters
    ----------
    x : array-like or DataFrame of shape (n, p)
        Numeric data, 2-dimensional. NA, NaN and infinite values are errors.
    FUNcluster : callable, default=kmeans
        ``FUNcluster(X, k, **kwargs)`` clusters the rows of the float array
        ``X`` into k groups and returns the codes (1-D, length n) or an
        object with a ``.cluster`` attribute (or ``"cluster"`` key), as
        :func:`statkmeans.kmeans` does.
        ``FUN=`` is accepted for it, as R matches ``FUN = kmeans`` to
        ``FUNcluster``.
    method : {"silhouette", "wss", "gap_stat"}, default="silhouette"
        The criterion: "wss", the total within sum of squares (the elbow);
        "silhouette", the average silhouette width; "gap_stat", the gap
        statistic. A unique prefix is enough.
    k_max : int, default=10
        The largest number of clusters, at least 2.
    nboot : int, default=100
        "gap_stat" only: the number of reference data sets (clusGap's B), at
        least 2 (with one, SE.sim is NA and no k can be chosen).
    diss : Dist or array-like of shape (n * (n - 1) / 2,), optional
        "wss" and "silhouette": dissimilarities to use instead of Euclidean
        distances, e.g. ``dist(x, "manhattan")``. Clustering still uses
        ``x``. Default: Euclidean distances of ``x``, computed on the fly
        (no n-by-n array is made).
    rng : int, RStream or numpy.random.Generator, optional
        Difference from R: draw from this stream instead of resetting the
        default one with ``set_seed(123)`` (``rng=123`` gives factoextra's
        numbers and leaves the default stream untouched). It reaches
        statkmeans' kmeans and clus_gap; another FUNcluster draws from
        wherever it draws.
    verbose : bool, optional
        "gap_stat": show clus_gap's progress. Default: only in an
        interactive session (R's ``interactive()``).
    executor : concurrent.futures.Executor, optional
        Runs the kmeans fits on an executor (for "wss"/"silhouette" one task
        per k; for "gap_stat" see :func:`~statkmeans.clus_gap`). Every random
        start is drawn first, in R's order, so the result is identical to the
        serial run. Only with statkmeans' kmeans; otherwise ignored with a
        warning.
    n_threads : int, optional
        Threads for kmeans, the silhouette sums and clus_gap. Results do not
        depend on it.
    **kwargs
        Passed on to every ``FUNcluster(X, k, **kwargs)`` call, e.g.
        ``nstart=25`` for kmeans (R's ``...``).

    Returns
    -------
    NbClustResult
        ``k``, ``y``, ``method``, ``n_clusters`` (the k marked by the dashed
        line), ``gap`` (for "gap_stat"); ``.plot()`` draws factoextra's
        figure, ``.to_frame()`` gives its ``p$data``.

    Raises
    ------
    InvalidArgumentError
        ``x`` not 2-D or with NA/NaN/Inf, ``k_max`` < 2 or > n, ``nboot`` < 2
        for "gap_stat", an unknown method, a ``diss`` of the wrong size,
        errors of kmeans, silhouette or clus_gap (e.g. more clusters than
        distinct rows).
    InvalidTypeError
        FUNcluster missing or not callable, ``rng``/``executor``/``n_threads``
        passed through ``**kwargs``, an unknown kmeans argument.

    Warns
    -----
    StatKMeansWarning
        "cluster renumbered because maximum != number of clusters" ("wss",
        once per k whose codes are not 1..k, as factoextra); ``diss`` given
        with "gap_stat" (unused, as in factoextra); ``executor`` given with
        another FUNcluster.
    ConvergenceWarning, QuickTransferWarning, EmptyClusterWarning
        From the kmeans runs.

    See Also
    --------
    plot_nbclust : Compute and draw in one call.
    statkmeans.kmeans, statkmeans.silhouette, statkmeans.clus_gap

    Notes
    -----
    R: ``factoextra::fviz_nbclust(x, FUNcluster = NULL, method =
    c("silhouette", "wss", "gap_stat"), diss = NULL, k.max = 10, nboot = 100,
    verbose = interactive(), barfill = "steelblue", barcolor = "steelblue",
    linecolor = "steelblue", print.summary = TRUE, ...)``; the numbers are
    its ``p$data``.

    As in factoextra: ``set_seed(123)`` first; "wss" calls
    ``FUNcluster(x, k)`` for k = 1..k_max (kmeans with k = 1 draws a random
    start too) and takes, for each cluster r, the sum of d_ij^2 over its
    pairs divided by n_r, summed over clusters (equal to kmeans'
    ``tot_withinss`` up to rounding); "silhouette" is 0 for k = 1 (nothing is
    clustered and nothing drawn) and ``silhouette(codes, dist(x))``'s mean
    width for k = 2..k_max; "gap_stat" is ``clus_gap(x, FUNcluster,
    K_max=k_max, B=nboot, **kwargs)`` with k chosen by ``max_se``'s
    "firstSEmax", SE_factor 1. No n-by-n array is made: the "wss" pair sums
    go through blocks of rows (R's ``dist`` arithmetic, so the values are
    factoextra's to the last bit on x86-64, where numpy's long double is
    R's), or for clusterings of more than ``EXACT_PAIR_LIMIT`` (5e6) pairs
    the within-sum-of-squares identity (linear time, ~1e-16 relative);
    silhouettes are computed from the data (``silhouette(data=x)``).

    Differences from R:

    * ``rng=``, ``executor=``, ``n_threads=`` are new (see above).
    * FUNcluster may return the codes themselves (R needs ``$cluster``)
      and receives a float numpy array.
    * ``nboot=1`` with "gap_stat", ``k_max > n`` and ``diss`` of the wrong
      size are rejected before anything is computed (R fails later).
    * ``diss`` with "gap_stat" warns (R ignores it silently).
    * The arguments for NbClust results (``barfill``, ``barcolor``,
      ``print.summary``) are not offered: ``x`` is always data.
    * The plot is drawn by :meth:`NbClustResult.plot` or
      :func:`plot_nbclust`, not returned as a ggplot.

    Tested against R 4.2.2 / cluster 2.1.4 / factoextra 1.0.7
    (``tests/r_reference/make_plots_fixtures.R``) on USArrests (raw and
    scaled), iris, faithful and ruspini, kmeans arguments through
    ``**kwargs``, Manhattan ``diss``, codes that are not 1..k: "wss" and
    "silhouette" values identical to the last bit, gap within 2e-15, the
    chosen k and the random stream afterwards identical.

    References
    ----------
    Kassambara, A. and Mundt, F. (2020). factoextra: Extract and visualize
    the results of multivariate data analyses. R package version 1.0.7.
    Rousseeuw, P. J. (1987). Silhouettes: A graphical aid to the
    interpretation and validation of cluster analysis. Journal of
    Computational and Applied Mathematics 20, 53-65.
    Tibshirani, R., Walther, G. and Hastie, T. (2001). Estimating the number
    of clusters in a data set via the gap statistic. Journal of the Royal
    Statistical Society B 63, 411-423.

    Examples
    --------
    >>> from statkmeans import kmeans, load_dataset, nbclust, scale
    >>> df = scale(load_dataset("USArrests"))
    >>> res = nbclust(df, kmeans, method="silhouette")  # R: fviz_nbclust(df, kmeans, "silhouette")
    >>> res.n_clusters
    2
    >>> res.y[:3].round(7)
    array([0.       , 0.408489 , 0.3668284])
    >>> elbow = nbclust(df, kmeans, method="wss", k_max=6)
    >>> elbow.y.round(2)  # kmeans' defaults: one random start each, so it can go up
    array([196.  , 102.86,  78.32,  56.4 ,  70.84,  45.31])
    """
    return compute(x, FUNcluster, method, k_max, nboot, diss=diss, rng=rng, verbose=verbose,
                   executor=executor, n_threads=n_threads, kwargs=kwargs, stacklevel=3)


def compute(x: ArrayLike, FUNcluster: Callable[..., Any] | None, method: str, k_max: int,
            nboot: int, *, diss: Any, rng: RngLike, verbose: bool | None,
            executor: Executor | None, n_threads: int | None, kwargs: dict[str, Any],
            stacklevel: int) -> NbClustResult:
    """nbclust's work, for nbclust and plot_nbclust; ``stacklevel``: the user's frame as seen
    from here."""
    FUNcluster = take_fun_alias(FUNcluster, kwargs, kmeans)
    check_funcluster(FUNcluster, "k_max", "nbclust")
    assert FUNcluster is not None
    method = check_choice(method, "method", METHODS)
    data = as_data_matrix(x, _NOT_2D)
    k_max = check_k_max(k_max, data.n)
    if method == "gap_stat":
        nboot = check_nboot(nboot)
    executor = check_executor(executor)
    n_threads = check_n_threads(n_threads)
    options = funcluster_options(FUNcluster, kwargs, "nbclust", "the data and k = 1..k_max")
    if options is not None:
        check_starts_memory(options.nstart, range(1, k_max + 1), data.p)
    diss_values = None
    if diss is not None:
        if method == "gap_stat":
            warnings.warn("'diss' is not used by method='gap_stat' (the gap statistic is "
                          "computed from x), as in factoextra", StatKMeansWarning,
                          stacklevel=stacklevel)
        else:
            diss_values, size, _ = as_condensed(diss, "diss")
            check_diss_size(size, data.n)
            check_dissimilarities(diss_values, "diss", lambda at: f"at position {at + 1}")

    # fviz_nbclust's set.seed(123) and the draws after it stay contiguous (threads); Ctrl-C
    # leaves the stream as it was before the call (before the set.seed too)
    with (_engine.drawing(get_stream() if rng is None else rng),
          restored_if_interrupted(get_stream() if rng is None else resolve_draws(rng))):
        if rng is None:
            set_seed(FACTOEXTRA_SEED)  # factoextra's set.seed(123)
            stream: Any = None
        elif isinstance(rng, np.random.Generator):
            stream = rng
        else:
            stream = resolve_stream(rng)  # an int: a fresh stream, used for every call

        k_all = np.arange(1, k_max + 1)
        if method == "gap_stat":
            gap = clus_gap(x, FUNcluster, K_max=k_max, B=nboot, verbose=verbose, rng=stream,
                           executor=executor, n_threads=n_threads, **kwargs)
            return NbClustResult(k=k_all, y=gap.Tab["gap"].to_numpy(), method=method, gap=gap)

        xv = data.values
        ks = list(range(1, k_max + 1)) if method == "wss" else list(range(2, k_max + 1))
        fits = _clusterings(xv, FUNcluster, ks, kwargs, options, stream, executor, n_threads,
                            stacklevel=stacklevel + 1)
    threads = _engine.resolve_threads(n_threads)
    y = np.zeros(k_max)
    for k, (codes0, count, raw) in zip(ks, fits):
        if method == "wss":
            if raw is not None and _renumbered(raw):
                warnings.warn("cluster renumbered because maximum != number of clusters",
                              StatKMeansWarning, stacklevel=stacklevel)
            y[k - 1] = _wss(xv, codes0, count, diss_values, threads)
        else:
            codes = codes0.astype(np.int64) + 1
            sil = (silhouette(codes, diss_values, n_threads=n_threads)
                   if diss_values is not None
                   else silhouette(codes, data=xv, n_threads=n_threads))
            y[k - 1] = sil.avg_width
    return NbClustResult(k=k_all, y=y, method=method)


