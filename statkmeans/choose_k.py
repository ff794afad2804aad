"""Choosing the number of clusters: an honest knee, and every criterion from one set of fits.

:func:`find_knee` finds the elbow of a decreasing curve (such as the total
within sum of squares against k) and says how decisive it is, or that there
is none. :func:`choose_k` fits k = 1..k_max once and reports the elbow, the
average silhouette width, the gap statistic, the Calinski-Harabasz and the
Davies-Bouldin indices side by side, saying plainly when they disagree.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, overload

import attrs
import numpy as np

from . import _engine
from ._kernels import _core, _gap, _silhouette
from ._results import PrettyPrinted, frozen_field
from ._rstats import r_mean
from ._typing import ArrayLike, RngLike
from ._validation import (
    CHOOSE_K_CRITERIA,
    as_data_matrix,
    check_choice,
    check_choose_k_max,
    check_criteria,
    check_executor,
    check_funcluster,
    check_gap_B,
    check_int,
    check_knee_curve,
    check_n_threads,
    check_number,
    cluster_codes,
    funcluster_options,
    take_fun_alias,
)
from .exceptions import StatKMeansWarning
from .gap import EXACT_PAIR_LIMIT, MAX_SE_METHODS, ClusGapResult, reference_log_w
from .indices import calinhara, davies_bouldin_codes
from .kmeans import kmeans, result_from_run
from .rng import resolve_draws, restored_if_interrupted

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["ChooseKResult", "KneeResult", "choose_k", "find_knee"]

_NOT_2D = ("'x' must be a matrix or DataFrame of observations in rows; a vector is one "
           "variable")

# -- the knee --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class KneeResult(PrettyPrinted):
    """What :func:`find_knee` found, with the numbers behind the decision.

    Attributes
    ----------
    knee : int, float or None
        The chosen k (an element of the curve's k), or None when no
        candidate is decisive.
    strength : float
        The chosen candidate's ``share`` (0 when there is no knee).
    k : ndarray of shape (m,)
        The curve's k.
    jump : ndarray of shape (m,)
        For each candidate knee k[c]: log y[c-1] minus the value at log k[c-1]
        of the straight line fitted to (log k, log y) from c on (the tail);
        how far the point before the knee lies above the tail's power law.
        NaN where k[c] cannot be a knee (the first point, and where fewer
        than ``min_tail`` points follow).
    spread : ndarray of shape (m,)
        The tail's largest absolute residual from its line (its roughness).
    share : ndarray of shape (m,)
        ``jump`` over the decrease of log y from k[c-1] to the end: the part
        of what is left of the curve that the jump accounts for.
    decisive : ndarray of bool of shape (m,)
        Whether the candidate passes all three tests.
    """

    knee: int | float | None = attrs.field(default=None)
    strength: float = attrs.field(converter=float)
    k: np.ndarray = frozen_field(np.float64)
    jump: np.ndarray = frozen_field(np.float64)
    spread: np.ndarray = frozen_field(np.float64)
    share: np.ndarray = frozen_field(np.float64)
    decisive: np.ndarray = frozen_field(np.bool_)

    def to_frame(self) -> pd.DataFrame:
        """The candidates: k, jump, spread, share, decisive (a fresh DataFrame).

        Returns
        -------
        pandas.DataFrame
            One row per candidate k.
        """
        import pandas as pd

        frame: pd.DataFrame = pd.DataFrame({
            "k": np.array(self.k), "jump": np.array(self.jump),
            "spread": np.array(self.spread), "share": np.array(self.share),
            "decisive": np.array(self.decisive)})
        return frame

    def __str__(self) -> str:
        if self.knee is None:
            return "No decisive knee: the curve is as smooth as a power law.\n"
        return f"Knee at k = {self.knee} (strength {self.strength:.2f}).\n"

    def __repr__(self) -> str:
        return f"KneeResult(knee={self.knee}, strength={self.strength:.3g})"


@overload
def find_knee(k: ArrayLike, y: ArrayLike, *, min_tail: int = ..., spread_factor: float = ...,
              min_share: float = ..., min_jump: float = ...,
              full: Literal[False] = ...) -> int | float | None: ...
@overload
def find_knee(k: ArrayLike, y: ArrayLike, *, min_tail: int = ..., spread_factor: float = ...,
              min_share: float = ..., min_jump: float = ...,
              full: Literal[True]) -> KneeResult: ...
def find_knee(k: ArrayLike, y: ArrayLike, *, min_tail: int = 3, spread_factor: float = 3.0,
              min_share: float = 0.25, min_jump: float = 0.05,
              full: bool = False) -> int | float | None | KneeResult:
    """The elbow of a decreasing curve such as WSS against k, or None when it has none.

    The rule: without cluster structure, the within sum of squares of
    k-means decays like a power law in k (about k^(-2/p) in p dimensions),
    a straight line in log-log coordinates. A knee at k[c] is where the
    curve joins such a line: the points from k[c] on lie on a straight line
    in (log k, log y), and the point before lies clearly above that line.
    For each candidate c (with at least ``min_tail`` points from c on) a
    least-squares line is fitted to the tail; the candidate is decisive when

    * its jump (how far log y[c-1] lies above the tail's line) is at least
      ``spread_factor`` times the tail's own largest residual,
    * the jump is at least ``min_share`` of the decrease of log y from
      k[c-1] to the end of the curve, and
    * the jump is at least ``min_jump`` of the decrease over the whole curve.

    The knee is the last decisive candidate: the point from which the curve
    shows no more structure. Its strength is its share.

    Parameters
    ----------
    k : array-like of shape (m,)
        Increasing positive numbers (numbers of clusters), at least 3 of them.
    y : array-like of shape (m,)
        Positive values (WSS, a distortion).
    min_tail : int, default=3
        The fewest points a tail needs for its line to count.
    spread_factor, min_share, min_jump : float
        The three thresholds above (defaults 3, 0.25, 0.05).
    full : bool, default=False
        Return a :class:`KneeResult` with every candidate's numbers instead
        of the knee alone.

    Returns
    -------
    int or None, or KneeResult
        The knee (an element of ``k``), None when no candidate is decisive.

    Raises
    ------
    InvalidArgumentError
        Fewer than 3 points, k not increasing and positive, y not positive
        and finite, lengths that differ, bad thresholds.

    See Also
    --------
    choose_k : The knee of the WSS curve next to the other criteria.

    Notes
    -----
    Working on log y makes the rule scale-free and lets each drop count
    relative to the current level: a dominant first drop (a far-away
    group) does not hide a later elbow, as it does for rules on the
    linearly normalised curve. A straight line y = a - b k is concave in
    log-log coordinates and a power law is straight, so neither has a knee.

    Compared with kneed (Satopaa et al.'s Kneedle, ``KneeLocator(k, y,
    curve="convex", direction="decreasing")``) on a bank of curves in the
    tests: both find k on curves of well-separated groups with k <= 5;
    kneed returns 2 or 3 for 6 and 7 groups, for a far group beside three
    close ones and for two groups of three (its normalised curve is
    dominated by the first drops), and it finds a knee in power laws,
    exponential decays and the WSS of structureless uniform or Gaussian
    data, where this rule returns None. When k-means itself misses the
    structure close to k_max (8 groups with k_max = 10), this rule returns
    None and kneed a smaller k.

    References
    ----------
    Sugar, C. A. and James, G. M. (2003). Finding the number of clusters in
    a dataset: an information-theoretic approach. Journal of the American
    Statistical Association 98, 750-763 (the power-law decay of the
    distortion without structure).
    Salvador, S. and Chan, P. (2004). Determining the number of clusters/
    segments in hierarchical clustering/segmentation algorithms. Proc. 16th
    IEEE ICTAI, 576-584 (the L method: straight lines fitted to parts of an
    evaluation graph).
    Satopaa, V., Albrecht, J., Irwin, D. and Raghavan, B. (2011). Finding a
    "kneedle" in a haystack: detecting knee points in system behavior.
    Proc. 31st ICDCS Workshops, 166-171.

    Examples
    --------
    >>> import numpy as np
    >>> from statkmeans import find_knee
    >>> k = np.arange(1, 11)
    >>> wss = np.r_[1000, 400, 90, 80, 72, 66, 61, 57, 54, 51]
    >>> find_knee(k, wss)
    3
    >>> find_knee(k, 100 * k ** -1.0) is None  # a power law: no knee
    True
    >>> round(find_knee(k, wss, full=True).strength, 2)
    0.62
    """
    kk, yy = check_knee_curve(k, y)
    m = kk.size
    min_tail = check_int(min_tail, "min_tail", minimum=2, maximum=m - 1)
    spread_factor = check_number(spread_factor, "spread_factor", 0.0)
    min_share = check_number(min_share, "min_share", 0.0)
    min_jump = check_number(min_jump, "min_jump", 0.0)
    result = _knee(kk, yy, min_tail, spread_factor, min_share, min_jump)
    return result if full else result.knee


def _knee(k: np.ndarray, y: np.ndarray, min_tail: int, spread_factor: float, min_share: float,
          min_jump: float) -> KneeResult:
    u, v = np.log(k), np.log(y)
    m = u.size
    jump = np.full(m, np.nan)
    spread = np.full(m, np.nan)
    share = np.full(m, np.nan)
    decisive = np.zeros(m, dtype=bool)
    total = v[0] - v[-1]
    for c in range(1, m - min_tail + 1):
        tu, tv = u[c:], v[c:]
        slope, intercept = np.polyfit(tu, tv, 1)
        spread[c] = float(np.abs(tv - (slope * tu + intercept)).max())
        jump[c] = float(v[c - 1] - (slope * u[c - 1] + intercept))
        rest = v[c - 1] - v[-1]
        share[c] = jump[c] / rest if rest > 0 else -math.inf
        decisive[c] = bool(jump[c] > 0 and jump[c] >= spread_factor * spread[c]
                           and share[c] >= min_share and jump[c] >= min_jump * total)
    chosen = np.flatnonzero(decisive)
    if chosen.size == 0:
        return KneeResult(knee=None, strength=0.0, k=k, jump=jump, spread=spread, share=share,
                          decisive=decisive)
    c = int(chosen[-1])
    knee = k[c]
    return KneeResult(knee=int(knee) if float(knee).is_integer() else float(knee),
                      strength=share[c], k=k, jump=jump, spread=spread, share=share,
                      decisive=decisive)


# -- choose_k -------------------------------------------------------------------------------

CRITERION_RULES = {
    "wss": "knee",
    "silhouette": "max",
    "gap": "max_se",
    "ch": "max",
    "db": "min",
}


def _names(value: Any) -> tuple[str, ...]:
    return tuple(value)


def _fits_view(value: Any) -> Mapping[int, Any]:
    return MappingProxyType(dict(value))


def _same_fits(a: Mapping[int, Any], b: Mapping[int, Any]) -> bool:
    return dict(a) == dict(b)


@attrs.frozen(kw_only=True, repr=False)
class ChooseKResult(PrettyPrinted):
    """The result of :func:`choose_k`: every criterion for k = 1..k_max, from one set of fits.

    Attributes
    ----------
    k : ndarray of int64 of shape (k_max,)
        1..k_max.
    criteria : tuple of str
        The criteria computed, in the order asked for.
    wss : ndarray of shape (k_max,)
        Total within sum of squares (kmeans' ``tot_withinss``); NaN when not
        asked for.
    silhouette : ndarray of shape (k_max,)
        Average silhouette width (NaN for k = 1 and when not asked for).
    ch : ndarray of shape (k_max,)
        Calinski-Harabasz index (fpc's calinhara; NaN for k = 1).
    db : ndarray of shape (k_max,)
        Davies-Bouldin index (NaN for k = 1).
    gap : ClusGapResult or None
        The gap statistic: what ``clus_gap(x, FUNcluster, K_max=k_max, B=B,
        **kwargs)`` returns with the same random stream.
    knee : KneeResult or None
        :func:`find_knee` of the WSS curve.
    fits : mapping of int to KMeansResult (or what FUNcluster returned)
        The clustering for each k (read-only); with kmeans, k = 1 too.
    gap_method : str
        The :func:`max_se` rule that picks the gap's k.
    SE_factor : float
        Its SE factor.
    FUNcluster_name : str
        The clustering function's name (for the printout).
    """

    k: np.ndarray = frozen_field(np.int64)
    criteria: tuple[str, ...] = attrs.field(converter=_names)
    wss: np.ndarray = frozen_field(np.float64)
    silhouette: np.ndarray = frozen_field(np.float64)
    ch: np.ndarray = frozen_field(np.float64)
    db: np.ndarray = frozen_field(np.float64)
    gap: ClusGapResult | None = attrs.field(default=None)
    knee: KneeResult | None = attrs.field(default=None)
    fits: Mapping[int, Any] = attrs.field(converter=_fits_view,
                                          eq=attrs.cmp_using(eq=_same_fits), repr=False)
    gap_method: str = attrs.field(default="firstSEmax")
    SE_factor: float = attrs.field(default=1.0, converter=float)
    FUNcluster_name: str = attrs.field(default="kmeans")

    @property
    def k_max(self) -> int:
        """The largest k tried."""
        return int(self.k[-1])

    @property
    def n_clusters(self) -> dict[str, int | None]:
        """The k each criterion chooses (None: the WSS curve has no decisive knee).

        wss: :func:`find_knee`; silhouette and ch: the first largest; db: the
        first smallest; gap: :func:`max_se` with ``gap_method`` and
        ``SE_factor``.
        """
        return self.choices()

    def choices(self, gap_method: str | None = None,
                SE_factor: float | None = None) -> dict[str, int | None]:
        """:attr:`n_clusters` with another max_se rule for the gap.

        Parameters
        ----------
        gap_method : str, optional
            The :func:`~statkmeans.max_se` rule for the gap; default the
            result's ``gap_method``.
        SE_factor : float, optional
            The rule's SE factor; default the result's ``SE_factor``.

        Returns
        -------
        dict of str to int or None
            Each criterion's chosen k (None where it chooses none, such as a
            WSS curve without a knee).
        """
        out: dict[str, int | None] = {}
        for name in self.criteria:
            if name == "wss":
                out[name] = None if self.knee is None else _as_k(self.knee.knee)
            elif name == "gap":
                assert self.gap is not None
                out[name] = self.gap.n_clusters(
                    self.gap_method if gap_method is None else gap_method,
                    self.SE_factor if SE_factor is None else SE_factor)
            else:
                values = np.asarray(getattr(self, name))[1:]
                pick = np.nanargmin(values) if name == "db" else np.nanargmax(values)
                out[name] = int(self.k[1:][pick])
        return out

    @property
    def agree(self) -> bool:
        """True when every criterion that chose a k chose the same one."""
        chosen = {v for v in self.n_clusters.values() if v is not None}
        return len(chosen) <= 1

    def to_frame(self) -> pd.DataFrame:
        """One row per k: k, wss, silhouette, gap, gap_se, ch, db, knee_strength.

        ``knee_strength`` is the share of each candidate knee of the WSS
        curve (see :class:`KneeResult`), NaN where k cannot be a knee.
        Criteria not computed are NaN. A fresh DataFrame on each call.

        Returns
        -------
        pandas.DataFrame
            The table, one row per k.
        """
        import pandas as pd

        nan = np.full(len(self.k), np.nan)
        gap = self.gap.Tab["gap"].to_numpy() if self.gap is not None else nan
        se = self.gap.Tab["SE.sim"].to_numpy() if self.gap is not None else nan
        strength = np.array(self.knee.share) if self.knee is not None else nan
        frame: pd.DataFrame = pd.DataFrame({
            "k": np.array(self.k), "wss": np.array(self.wss),
            "silhouette": np.array(self.silhouette), "gap": np.array(gap),
            "gap_se": np.array(se), "ch": np.array(self.ch), "db": np.array(self.db),
            "knee_strength": strength})
        return frame

    def plot(self, *, axes: Sequence[Axes] | None = None, linecolor: str = "steelblue",
             **kwargs: Any) -> Figure:
        """One panel per criterion, in factoextra's look; the chosen k marked.

        WSS with the knee marked, average silhouette width, the gap with its
        SE bars, Calinski-Harabasz and Davies-Bouldin, each against k with a
        dashed line at the chosen k (none when the WSS has no knee).

        Parameters
        ----------
        axes : sequence of matplotlib Axes, optional
            One per criterion, in the order of ``criteria``; their figure's
            layout and title are left to the caller. Default: a new figure
            with a row of panels, titled "Optimal number of clusters" and
            laid out tightly.
        linecolor : color, default="steelblue"
            The line colour (factoextra's ``linecolor``).
        **kwargs
            Passed to ``ax.plot`` for every curve (a copy). Unknown options
            raise InvalidArgumentError before anything is drawn.

        Returns
        -------
        matplotlib.figure.Figure
            The figure drawn on. ``plt.show()`` is never called.
        """
        from .plots.choose_k import plot_choose_k

        return plot_choose_k(self, axes=axes, linecolor=linecolor, kwargs=dict(kwargs))

    def __str__(self) -> str:
        return _print_choose_k(self)

    def __repr__(self) -> str:
        chosen = ", ".join(f"{k}={v}" for k, v in self.n_clusters.items())
        return f"ChooseKResult(k_max={self.k_max}, n_clusters={{{chosen}}})"


def _as_k(value: Any) -> int | None:
    return None if value is None else int(value)


RULE_TEXT = {"wss": "knee", "silhouette": "largest", "ch": "largest", "db": "smallest"}
TABLE_COLUMNS = ("wss", "silhouette", "gap", "gap_se", "ch", "db")


def _print_choose_k(r: ChooseKResult) -> str:
    from . import _format

    frame = r.to_frame()
    columns = [c for c in TABLE_COLUMNS
               if (c.removesuffix("_se") if c == "gap_se" else c) in r.criteria]
    table = frame[columns].to_numpy()
    out = [f"Choosing k in 1..{r.k_max} with {r.FUNcluster_name}"
           + (f"; gap statistic from B = {r.gap.B} reference sets" if r.gap is not None else "")
           + "\n\n"]
    out.append(_format.print_matrix(np.ma.MaskedArray(table, mask=np.isnan(table)),
                                    row_names=[str(int(v)) for v in r.k], col_names=columns))
    out.append("\nChosen k:\n")
    chosen = r.n_clusters
    width = max(len(_rule(r, name)) for name in chosen)
    for name, value in chosen.items():
        label = _rule(r, name).ljust(width)
        if value is None:
            out.append(f"  {label}  none: the curve has no decisive knee\n")
        elif name == "wss" and r.knee is not None:
            out.append(f"  {label}  {value}  (strength {r.knee.strength:.2f})\n")
        else:
            out.append(f"  {label}  {value}\n")
    picks = {v for v in chosen.values() if v is not None}
    if len(picks) == 1:
        out.append(f"All criteria that chose a k agree on k = {picks.pop()}.\n")
    elif picks:
        groups = []
        for value in sorted(picks):
            names = [n for n, v in chosen.items() if v == value]
            groups.append(f"k = {value} ({', '.join(names)})")
        out.append("The criteria disagree: " + "; ".join(groups)
                   + ". No single k is supported by all of them.\n")
    return "".join(out)


def _rule(r: ChooseKResult, name: str) -> str:
    if name == "gap":
        return f"gap ({r.gap_method}, SE.factor {r.SE_factor:g})"
    return f"{name} ({RULE_TEXT[name]})"


def _funcluster_name(FUNcluster: Callable[..., Any]) -> str:
    import functools

    if isinstance(FUNcluster, functools.partial):
        return getattr(FUNcluster.func, "__name__", "FUNcluster")
    return getattr(FUNcluster, "__name__", "FUNcluster")


def choose_k(
    x: ArrayLike,
    k_max: int = 10,
    *,
    FUNcluster: Callable[..., Any] = kmeans,
    nstart: int = 25,
    B: int = 100,
    criteria: Sequence[str] = CHOOSE_K_CRITERIA,
    gap_method: str = "firstSEmax",
    SE_factor: float = 1,
    spaceH0: str = "scaledPCA",
    rng: RngLike = None,
    executor: Executor | None = None,
    n_threads: int | None = None,
    **kwargs: Any,
) -> ChooseKResult:
    """Every usual criterion for the number of clusters, from one set of fits.

    Clusters the data once for each k = 2..k_max (kmeans with ``nstart``
    random starts by default) and computes, from those fits, the total
    within sum of squares and its knee (:func:`find_knee`), the average
    silhouette width, the gap statistic (B reference sets), the
    Calinski-Harabasz index (:func:`calinhara`) and the Davies-Bouldin index
    (:func:`davies_bouldin`). The result states what each criterion
    chooses and says plainly when they disagree; no vote is taken.

    Parameters
    ----------
    x : array-like or DataFrame of shape (n, p)
        The observations, 2-dimensional. NA, NaN and infinite values are
        errors.
    k_max : int, default=10
        The largest k, 2 <= k_max < n.
    FUNcluster : callable, default=kmeans
        ``FUNcluster(X, k, **kwargs)`` returning the codes or an object with
        ``.cluster``, as for :func:`clus_gap`. ``FUN=`` is accepted.
    nstart : int, default=25
        Random starts of kmeans per fit (only with statkmeans' kmeans).
    B : int, default=100
        Reference data sets of the gap statistic (at least 2).
    criteria : sequence of str, default=("wss", "silhouette", "gap", "ch", "db")
        Which criteria to compute (the gap is the costly one).
    gap_method : str, default="firstSEmax"
        The :func:`max_se` rule that picks the gap's k.
    SE_factor : float, default=1
        Its SE factor.
    spaceH0 : {"scaledPCA", "original"}, default="scaledPCA"
        The gap's reference distribution, as in :func:`clus_gap`.
    rng : None, int, RStream or numpy.random.Generator, default=None
        Source of the random numbers; ``None`` continues the default stream
        (no seed is reset, unlike factoextra's ``fviz_nbclust``).
    executor : concurrent.futures.Executor, optional
        Runs the fits on an executor; every random start is drawn first, in
        order, so the result is the serial one.
    n_threads : int, optional
        Threads (default: all cores). Results do not depend on it.
    **kwargs
        Passed on to every ``FUNcluster`` call (e.g. ``algorithm="Lloyd"``,
        ``init="kmeans++"`` for kmeans).

    Returns
    -------
    ChooseKResult
        ``n_clusters`` (criterion -> k), ``to_frame()``, ``fits``, ``gap``,
        ``knee``; ``print`` states the choices, ``.plot()`` draws them.

    Raises
    ------
    InvalidArgumentError
        ``x`` not 2-D or with NA/NaN/Inf; ``k_max`` < 2 or >= n; an unknown
        criterion; B < 2 with "gap"; kmeans' own errors.
    InvalidTypeError
        FUNcluster not callable; an unknown kmeans argument.

    Warns
    -----
    ConvergenceWarning, QuickTransferWarning, EmptyClusterWarning
        From the kmeans runs.

    See Also
    --------
    find_knee, nbclust, clus_gap, kmeansruns

    Notes
    -----
    R has no single function for this; ``factoextra::fviz_nbclust`` computes
    one criterion per call (``"wss"``, ``"silhouette"``, ``"gap_stat"``),
    clustering the data anew and resetting the seed to 123 each time.

    The random numbers are drawn in clusGap's order: the fits of the data
    for k = 2..k_max, then the reference sets. So with "gap" among the
    criteria, ``result.gap`` equals ``clus_gap(x, FUNcluster, K_max=k_max,
    B=B, nstart=nstart, **kwargs)`` run from the same stream, to the last
    bit, and the fits are the fits clusGap makes of the data. The k = 1 fit
    draws nothing (every start gives the same result). Silhouette widths are
    computed from the data without an n-by-n matrix (as
    ``silhouette(data=)``).

    References
    ----------
    Tibshirani, R., Walther, G. and Hastie, T. (2001). Estimating the number
    of clusters in a data set via the gap statistic. Journal of the Royal
    Statistical Society B 63, 411-423.
    Rousseeuw, P. J. (1987). Silhouettes: A graphical aid to the
    interpretation and validation of cluster analysis. Journal of
    Computational and Applied Mathematics 20, 53-65.
    Calinski, T. and Harabasz, J. (1974). A dendrite method for cluster
    analysis. Communications in Statistics 3, 1-27.
    Davies, D. L. and Bouldin, D. W. (1979). A cluster separation measure.
    IEEE Transactions on Pattern Analysis and Machine Intelligence 1,
    224-227.

    Examples
    --------
    >>> from statkmeans import choose_k, load_dataset, scale
    >>> res = choose_k(scale(load_dataset("USArrests")), k_max=6, B=10, rng=123)
    >>> res.n_clusters
    {'wss': None, 'silhouette': 2, 'gap': ..., 'ch': 2, 'db': ...}
    >>> res.to_frame().columns.tolist()
    ['k', 'wss', 'silhouette', 'gap', 'gap_se', 'ch', 'db', 'knee_strength']
    """
    FUNcluster = take_fun_alias(FUNcluster, kwargs, kmeans)
    check_funcluster(FUNcluster, "k_max", "choose_k")
    data = as_data_matrix(x, _NOT_2D)
    k_max = check_choose_k_max(k_max, data.n)
    criteria = check_criteria(criteria)
    if "gap" in criteria:
        B = check_gap_B(B)
    gap_method = check_choice(gap_method, "gap_method", MAX_SE_METHODS)
    SE_factor = check_number(SE_factor, "SE_factor", 0.0)
    spaceH0 = check_choice(spaceH0, "spaceH0", ("scaledPCA", "original"))
    executor = check_executor(executor)
    threads = check_n_threads(n_threads)
    is_kmeans = funcluster_options(FUNcluster, {}, "choose_k", "the data and k") is not None
    if is_kmeans:
        kwargs = {"nstart": nstart, **kwargs}
    options = funcluster_options(FUNcluster, kwargs, "choose_k", "the data and k = 2..k_max")
    draws = resolve_draws(rng)
    xv = data.values
    n = data.n
    ks = list(range(2, k_max + 1))

    # Ctrl-C anywhere from the first draw on leaves the stream as it was
    with restored_if_interrupted(draws):
        # the fits, drawn as clusGap draws them
        fits: dict[int, Any] = {}
        labels0: dict[int, tuple[np.ndarray, int]] = {}
        found: _engine.Found = []
        if options is not None:
            starts = [_engine.draw_starts(xv, k, options.nstart, draws, options.init) for k in ks]
            with _engine.Runner(threads, executor) as runner:
                runs = []
                for k, s in zip(ks, starts):
                    run, run_found = runner.best(xv, s, options.method_for(k), options.iter_max,
                                                 options.trace)
                    found.extend(run_found)
                    runs.append(run)
                one, _ = runner.best(xv, [xv[:1]], "MacQueen", options.iter_max)
            fits[1] = result_from_run(one, data)
            for k, run in zip(ks, runs):
                fits[k] = result_from_run(run, data)
                labels0[k] = cluster_codes(run.cluster, n, k)
        else:
            if executor is not None:
                warnings.warn(
                    "'executor' is ignored: FUNcluster is not statkmeans' kmeans, so its random "
                    "draws cannot be made ahead of time; running serially",
                    StatKMeansWarning, stacklevel=2)
            for k in ks:
                result = FUNcluster(xv, k, **kwargs)
                fits[k] = result
                labels0[k] = cluster_codes(result, n, k)
        resolved = _engine.resolve_threads(threads)

        nan = np.full(k_max, np.nan)
        wss, sil, ch, db = nan.copy(), nan.copy(), nan.copy(), nan.copy()
        if "wss" in criteria:
            wss[0] = fits[1].tot_withinss if 1 in fits else float(_core.totss(xv))
            for k in ks:
                if options is not None:
                    wss[k - 1] = fits[k].tot_withinss
                else:
                    codes0, count = labels0[k]
                    parts = _gap.wss_parts(xv, codes0, count, 0, resolved)
                    wss[k - 1] = float(_core.sum_ld(parts))
        for k in ks:
            codes0, count = labels0[k]
            if count < 2:
                continue
            if "silhouette" in criteria and count < n:
                size = np.bincount(codes0, minlength=count).astype(np.int64)
                widths = _silhouette.widths_data(xv, codes0, count, size, False, resolved)[1]
                sil[k - 1] = r_mean(widths)
            if "ch" in criteria:
                ch[k - 1] = calinhara(xv, codes0.astype(np.int64) + 1)
            if "db" in criteria and count < n:
                db[k - 1] = davies_bouldin_codes(xv, codes0, count)

        gap = None
        if "gap" in criteria:
            labels = np.zeros((k_max, n), dtype=np.int32)
            counts = np.ones(k_max, dtype=np.int32)
            for k in ks:
                labels[k - 1], counts[k - 1] = labels0[k]
            w = _gap.within(xv, labels, counts, 1.0, EXACT_PAIR_LIMIT, resolved)
            logw = np.array([math.log(v) if v > 0 else -math.inf for v in w.tolist()])
            logwks, ref_found = reference_log_w(xv, FUNcluster, kwargs, options, k_max, B, spaceH0,
                                                draws, executor, threads)
            found.extend(ref_found)
            e_logw, se_sim = _gap.col_stats(np.ascontiguousarray(logwks))
            import pandas as pd

            tab = pd.DataFrame({"logW": logw, "E.logW": e_logw, "gap": e_logw - logw,
                                "SE.sim": se_sim}, index=pd.RangeIndex(1, k_max + 1, name="k"))
            gap = ClusGapResult(Tab=tab, call=f"choose_k(x, k_max={k_max}, B={B})",
                                spaceH0=spaceH0, n=n, B=B, d_power=1.0)
        _engine.issue_warnings(found, stacklevel=2)

        knee = None
        if "wss" in criteria and k_max >= 3 and np.all(wss > 0):
            knee = find_knee(np.arange(1, k_max + 1), wss, full=True, min_tail=min(3, k_max - 1))
        return ChooseKResult(k=np.arange(1, k_max + 1), criteria=criteria, wss=wss, silhouette=sil,
                             ch=ch, db=db, gap=gap, knee=knee, fits=fits, gap_method=gap_method,
                             SE_factor=SE_factor, FUNcluster_name=_funcluster_name(FUNcluster))

