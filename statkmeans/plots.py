"""factoextra's plots, with R's numbers: ``fviz_nbclust``, ``fviz_cluster`` and friends.

:func:`nbclust` computes what factoextra's ``fviz_nbclust`` plots (the elbow
curve, average silhouette widths or the gap statistic for k = 1..k_max) and
returns it as a :class:`NbClustResult`; :func:`plot_nbclust` is the one-call
``fviz_nbclust``; :func:`plot_gap` and :func:`plot_silhouette` draw what
``fviz_gap_stat`` and ``fviz_silhouette`` draw; :func:`cluster_coordinates`
computes the coordinates ``fviz_cluster`` plots and :func:`plot_cluster`
draws its figure. See ``shared/r-reference.md`` section 6 for the behaviour
reproduced here. pyplot (and scipy, for the hulls) is imported only when a
plot is drawn.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import Executor

import attrs
import numpy as np

from ._validation import (
    Matrix,
    as_matrix,
    check_choice,
    check_int,
    is_dataframe,
    is_series,
)
from .dist import Dist, _float_vector, _size_from_length
from .exceptions import InvalidArgumentError, InvalidTypeError, StatKMeansWarning
from .gap import (
    EXACT_PAIR_LIMIT,
    ClusGapResult,
    _check_B,
    _codes,
    _kmeans_options,
    clus_gap,
)
from .kmeans import _run_chunk, draw_starts, fit_starts, kmeans
from .rng import resolve_draws, resolve_stream, set_seed
from .silhouette import SilhouetteResult, _r_character, _r_mean, silhouette

__all__ = [
    "NbClustResult",
    "cluster_coordinates",
    "nbclust",
    "plot_cluster",
    "plot_gap",
    "plot_nbclust",
    "plot_silhouette",
]

METHODS = ("silhouette", "wss", "gap_stat")
FACTOEXTRA_SEED = 123  # fviz_nbclust's set.seed(123)

XLABEL = "Number of clusters k"
TITLE = "Optimal number of clusters"
YLABELS = {
    "wss": "Total Within Sum of Square",
    "silhouette": "Average silhouette width",
    "gap_stat": "Gap statistic (k)",
}
LINECOLOR = "steelblue"

# Pairwise "wss" sums work on blocks of at most this many distances (8 MiB of
# float64 each), so memory stays O(n) whatever n.
_BLOCK = 1 << 20

# kmeans() arguments that nbclust owns and sets itself.
_OWN_ARGS = ("rng", "executor", "n_threads")


# -- the result ------------------------------------------------------------------------


def _readonly_int(value) -> np.ndarray:
    arr = np.array(value, dtype=np.int64, copy=True).reshape(-1)
    arr.flags.writeable = False
    return arr


def _readonly_float(value) -> np.ndarray:
    arr = np.array(value, dtype=np.float64, copy=True).reshape(-1)
    arr.flags.writeable = False
    return arr


def _array_field(converter):
    return attrs.field(converter=converter, eq=attrs.cmp_using(eq=np.array_equal), repr=False)


@attrs.frozen(kw_only=True, repr=False)
class NbClustResult:
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

    k: np.ndarray = _array_field(_readonly_int)
    y: np.ndarray = _array_field(_readonly_float)
    method: str = attrs.field(validator=attrs.validators.in_(METHODS))
    gap: ClusGapResult | None = attrs.field(default=None)

    def __attrs_post_init__(self):
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
        return self.gap.n_clusters("firstSEmax", 1)

    def to_frame(self):
        """factoextra's ``p$data``: a fresh DataFrame on each call.

        Columns ``clusters`` and ``y`` ("wss", "silhouette"), or ``logW``,
        ``E.logW``, ``gap``, ``SE.sim``, ``clusters``, ``ymin``, ``ymax``
        ("gap_stat"; ``ymin``/``ymax`` are gap -/+ SE.sim). ``clusters`` is
        categorical, as R's factor.
        """
        import pandas as pd

        clusters = pd.Categorical([str(v) for v in self.k], categories=[str(v) for v in self.k])
        if self.gap is None:
            return pd.DataFrame({"clusters": clusters, "y": np.array(self.y)})
        tab = self.gap.Tab
        gap = tab["gap"].to_numpy()
        se = tab["SE.sim"].to_numpy()
        return pd.DataFrame({
            "logW": tab["logW"].to_numpy(), "E.logW": tab["E.logW"].to_numpy(), "gap": gap,
            "SE.sim": se, "clusters": clusters, "ymin": gap - se, "ymax": gap + se,
        })

    def plot(self, ax=None, *, linecolor: str = LINECOLOR, **kwargs):
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
            override the defaults, e.g. ``marker="s"``).

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
        se = self.gap.Tab["SE.sim"].to_numpy() if self.gap is not None else None
        return _draw_curve(ax, self.k, self.y, se, self.n_clusters, YLABELS[self.method],
                           linecolor, dict(kwargs))

    def __repr__(self) -> str:
        try:
            chosen = self.n_clusters
        except InvalidArgumentError:  # a gap result with SE.sim NA
            chosen = "NA"
        return (f"NbClustResult(method={self.method!r}, k_max={self.k_max}, "
                f"n_clusters={chosen})")


# -- drawing -------------------------------------------------------------------------------


def _classic_theme(ax) -> None:
    """ggpubr's classic look: white panel, black axis lines, ticks out, no grid."""
    ax.set_facecolor("white")
    ax.grid(False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(True)
        ax.spines[side].set_color("black")
        ax.spines[side].set_linewidth(0.8)
    ax.tick_params(direction="out", colors="black", which="both")
    ax.minorticks_off()


def _draw_curve(ax, k, y, se, chosen, ylabel: str, linecolor, kwargs: dict):
    """The line + points (+ error bars) + dashed line of fviz_nbclust / fviz_gap_stat."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    k = np.asarray(k)
    y = np.asarray(y)
    line = {"color": linecolor, "linestyle": "-", "linewidth": 1.0, "marker": "o",
            "markersize": 4.5, "markeredgewidth": 0.0, "zorder": 3}
    line.update(kwargs)
    ax.plot(k, y, **line)
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
    _classic_theme(ax)
    return ax


def _hcl_hex(h: float, c: float, lum: float) -> str:
    """A polar CIE-LUV colour (hue in degrees, chroma, luminance) as sRGB hex, clipped."""
    xn, yn, zn = 95.047, 100.0, 108.883  # D65 white
    un = 4 * xn / (xn + 15 * yn + 3 * zn)
    vn = 9 * yn / (xn + 15 * yn + 3 * zn)
    y = yn * (((lum + 16) / 116) ** 3 if lum > 8 else lum * 27 / 24389)
    u = c * math.cos(math.radians(h)) / (13 * lum) + un
    v = c * math.sin(math.radians(h)) / (13 * lum) + vn
    x = 9 * y * u / (4 * v)
    z = -x / 3 - 5 * y + 3 * y / v
    to_rgb = np.array([[3.240479, -1.537150, -0.498535],
                       [-0.969256, 1.875992, 0.041556],
                       [0.055648, -0.204043, 1.057311]])
    out = []
    for t in to_rgb @ (np.array([x, y, z]) / yn):
        t = 12.92 * t if t <= 0.0031308 else 1.055 * t ** (1 / 2.4) - 0.055
        out.append(round(255 * min(1.0, max(0.0, t))))
    return "#{:02X}{:02X}{:02X}".format(*out)


def _hue_palette(n: int) -> list[str]:
    """ggplot2's default discrete colours for n groups (``scales::hue_pal()(n)``)."""
    return [_hcl_hex(15 + 360 * i / n, 100, 65) for i in range(n)]


def _cluster_colors(n: int, palette) -> list:
    """One colour per cluster: the user's palette (checked) or ggplot2's hue palette."""
    if palette is None:
        return _hue_palette(n)
    if isinstance(palette, str):
        raise InvalidTypeError(
            f"'palette' must be a sequence of colours, one per cluster; got the string "
            f"{palette!r} (write [{palette!r}] for a single colour)"
        )
    colors = list(palette)
    if len(colors) < n:
        raise InvalidArgumentError(
            f"'palette' needs one colour per cluster ({n}); got {len(colors)}"
        )
    return colors


def _grey_theme(ax, *, minor: bool = False) -> None:
    """ggplot2's default look (``theme_grey``): grey panel, white grid, no frame."""
    ax.set_facecolor("#EBEBEB")
    ax.grid(True, which="major", color="white", linewidth=1.0)
    if minor:
        from matplotlib.ticker import AutoMinorLocator

        ax.xaxis.set_minor_locator(AutoMinorLocator(2))
        ax.yaxis.set_minor_locator(AutoMinorLocator(2))
        ax.grid(True, which="minor", color="white", linewidth=0.5)
        ax.tick_params(which="minor", length=0)
    ax.set_axisbelow(True)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(colors="#4D4D4D", which="both")


# -- helpers of nbclust ------------------------------------------------------------------------


def _check_data(x) -> Matrix:
    """factoextra's check: x must be a matrix or data frame (2-D)."""
    two_d = is_dataframe(x)
    if not two_d and not is_series(x):
        try:
            two_d = np.ndim(x) == 2
        except (TypeError, ValueError):  # ragged input: as_matrix explains
            two_d = True
    if not two_d:
        raise InvalidArgumentError(
            "x should be an object of class matrix/data.frame: a 2-D array or DataFrame of "
            f"observations in rows; got {type(x).__name__} of shape {np.shape(x)}. For one "
            "variable use x.reshape(-1, 1) (or series.to_frame())"
        )
    return as_matrix(x, "x")


def _kmeans_kwargs(FUNcluster) -> dict | None:
    """Keyword arguments bound to statkmeans' kmeans, or None for another FUNcluster."""
    if FUNcluster is kmeans:
        return {}
    if (isinstance(FUNcluster, functools.partial) and FUNcluster.func is kmeans
            and not FUNcluster.args):
        return dict(FUNcluster.keywords)
    return None


def _condensed(diss, n: int) -> np.ndarray:
    """The dissimilarities of ``diss`` in R's condensed order, checked against n."""
    if isinstance(diss, Dist):
        values, size = np.ascontiguousarray(diss.values, dtype=np.float64), diss.size
    else:
        if isinstance(diss, (str, bytes)) or is_dataframe(diss):
            raise InvalidTypeError(
                f"'diss' must be a Dist (statkmeans.dist) or a condensed vector such as "
                f"scipy's pdist; got {type(diss).__name__}"
            )
        values = _float_vector(diss, "diss")
        size = _size_from_length(len(values))
        if size is None:
            raise InvalidArgumentError(
                f"'diss' of length {len(values)} is not a condensed distance vector (its "
                "length must be n(n-1)/2)"
            )
    if size != n:
        raise InvalidArgumentError(
            f"'diss' holds dissimilarities of {size} observations but 'x' has {n} rows; "
            "compute it from x (dist(x))"
        )
    if values.size and not (np.isfinite(values).all() and (values >= 0).all()):
        raise InvalidArgumentError(
            "'diss' has NaN, infinite or negative dissimilarities; they must be finite and "
            "non-negative"
        )
    return values


def _raw_codes(result):
    """The codes FUNcluster returned, before any renumbering (as _codes reads them)."""
    if isinstance(result, Mapping):
        return result.get("cluster")
    return getattr(result, "cluster", result)


def _renumbered(raw) -> bool:
    """factoextra's test: numeric codes whose maximum is not the number of clusters."""
    try:
        arr = np.asarray(raw.to_numpy() if is_series(raw) else raw)
    except (TypeError, ValueError):
        return False
    if arr.dtype.kind not in "iuf" or arr.size == 0:
        return False
    return bool(arr.max() != len(np.unique(arr)))


def _pair_sq_sum(xr: np.ndarray) -> float:
    """R's ``sum(dist(xr)^2)``: squared Euclidean distances of all pairs, R's arithmetic.

    Each distance is R's (``sqrt`` of the column-order sum of squared
    differences), squared as ``d * d``; the sum is accumulated in extended
    precision as R's ``sum``. Blocks of rows keep memory at O(_BLOCK).
    """
    m, p = xr.shape
    if m < 2:
        return 0.0
    total = np.longdouble(0.0)
    step = max(1, _BLOCK // m)
    for a in range(1, m, step):
        b = min(m, a + step)
        acc = np.zeros((b - a, b - 1))
        diff = np.empty_like(acc)
        for c in range(p):
            np.subtract(xr[a:b, c, None], xr[None, :b - 1, c], out=diff)
            np.multiply(diff, diff, out=diff)
            acc += diff
        np.sqrt(acc, out=acc)
        np.multiply(acc, acc, out=acc)
        # keep pairs (i, j) with j < i only
        rows = np.arange(a, b)[:, None]
        acc[np.arange(b - 1)[None, :] >= rows] = 0.0
        total += np.sum(acc, dtype=np.longdouble)
    return float(total)


def _centred_sq_sum(xr: np.ndarray) -> float:
    """sum_i |x_i - mean|^2 in extended precision (= sum over pairs of d^2 / n_r)."""
    xl = xr.astype(np.longdouble)
    dev = xl - xl.mean(axis=0)
    return float(np.sum(dev * dev))


def _diss_sq_sum(values: np.ndarray, n: int, idx: np.ndarray) -> float:
    """R's ``sum(diss[pairs of idx]^2)``, pairs in R's order, extended precision."""
    m = len(idx)
    total = np.longdouble(0.0)
    for pos in range(m - 1):
        j = int(idx[pos])
        i = idx[pos + 1:]
        base = n * j - j * (j + 1) // 2 - j - 1
        for s in range(0, len(i), _BLOCK):
            d = values[base + i[s:s + _BLOCK]]
            total += np.sum(d * d, dtype=np.longdouble)
    return float(total)


def _wss(xv: np.ndarray, codes0: np.ndarray, k: int, diss: np.ndarray | None) -> float:
    """factoextra's total within sum of squares of one clustering.

    For each cluster r in code order, ``sum(d_ij^2 over pairs in r) / n_r``
    (an extended-precision sum, then one division), added up in double
    precision. From the data, clusterings with more than EXACT_PAIR_LIMIT
    pairs use the identity sum_{i<j} d_ij^2 / n_r = sum_i |x_i - mean_r|^2
    (linear time, equal to R's to ~1e-16 relative).
    """
    n = len(codes0)
    order = np.argsort(codes0, kind="stable")
    sizes = np.bincount(codes0, minlength=k)
    bounds = np.concatenate(([0], np.cumsum(sizes)))
    pairs = int(np.sum(sizes * (sizes - 1) // 2))
    total = 0.0
    for r in range(k):
        idx = order[bounds[r]:bounds[r + 1]]
        m = len(idx)
        if m == 0:
            continue
        if diss is not None:
            total += _diss_sq_sum(diss, n, idx) / m
        elif pairs > EXACT_PAIR_LIMIT:
            total += _centred_sq_sum(xv[idx])
        else:
            total += _pair_sq_sum(xv[idx]) / m
    return total


def _fit_task(xv, starts, method, iter_max, trace, n_threads):
    """Executor task: the kmeans runs of one k from pre-drawn starts."""
    _, run, found = _run_chunk(xv, starts, method, iter_max, trace, n_threads)
    return run.cluster, found


def _clusterings(xv, FUNcluster, ks, kwargs, stream, executor, n_threads, stacklevel):
    """FUNcluster(x, k) for each k, in order: [(0-based codes, count, raw codes)].

    ``stacklevel`` is the level, seen from this function, of the user's frame.
    """
    n = xv.shape[0]
    bound = _kmeans_kwargs(FUNcluster)
    out = []
    if bound is None:
        if executor is not None:
            warnings.warn(
                "'executor' is ignored: FUNcluster is not statkmeans' kmeans, so its random "
                "draws cannot be made ahead of time in R's order; running serially",
                StatKMeansWarning, stacklevel=stacklevel)
        for k in ks:
            result = FUNcluster(xv, k, **kwargs)
            codes0, count = _codes(result, n, k)
            out.append((codes0, count, _raw_codes(result)))
        return out
    # statkmeans' kmeans: as kmeans(x, k, **kwargs) for each k in turn. The
    # fits draw nothing, so every start is drawn first, in R's order, and the
    # fits then run here or on the executor with the same result.
    opts = _kmeans_options({**bound, **kwargs})
    draws = resolve_draws(stream)
    starts = [draw_starts(xv, k, opts["nstart"], draws) for k in ks]
    if executor is None:
        data = as_matrix(xv, "x")
        for k, s in zip(ks, starts):
            km = fit_starts(data, s, opts["method"], iter_max=opts["iter_max"],
                            trace=opts["trace"], n_threads=n_threads or 0,
                            stacklevel=stacklevel)
            codes0, count = _codes(km, n, k)
            out.append((codes0, count, None))
        return out
    futures = [
        # kmeans(x, 1) runs the MacQueen code whatever the algorithm, as R's
        executor.submit(_fit_task, xv, s, "MacQueen" if k == 1 else opts["method"],
                        opts["iter_max"], opts["trace"], n_threads or 1)
        for k, s in zip(ks, starts)
    ]
    for k, fut in zip(ks, futures):
        cluster, found = fut.result()
        for run_warnings in found:
            for category, message in run_warnings:
                warnings.warn(message, category, stacklevel=stacklevel)
        codes0, count = _codes(cluster, n, k)
        out.append((codes0, count, None))
    return out


# -- the public functions ------------------------------------------------------------------------


def nbclust(
    x,
    FUNcluster: Callable | None = kmeans,
    method: str = "silhouette",
    k_max: int = 10,
    nboot: int = 100,
    *,
    diss=None,
    rng=None,
    verbose: bool | None = None,
    executor: Executor | None = None,
    n_threads: int | None = None,
    **kwargs,
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
    plot_nbclust : compute and draw in one call.
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
    return _nbclust(x, FUNcluster, method, k_max, nboot, diss=diss, rng=rng, verbose=verbose,
                    executor=executor, n_threads=n_threads, kwargs=kwargs, stacklevel=3)


def _nbclust(x, FUNcluster, method, k_max, nboot, *, diss, rng, verbose, executor, n_threads,
             kwargs, stacklevel):
    """nbclust's work; ``stacklevel``: the user's frame as seen from here."""
    if FUNcluster is None:
        raise InvalidTypeError(
            "The argument FUNcluster is required. Possible values are kmeans or any "
            "function f(X, k) returning cluster codes"
        )
    if not callable(FUNcluster):
        raise InvalidTypeError(
            f"'FUNcluster' must be a function such as kmeans; got {type(FUNcluster).__name__}"
        )
    method = check_choice(method, "method", METHODS)
    k_max = check_int(k_max, "k_max")
    if k_max < 2:
        raise InvalidArgumentError(
            f"'k_max' must be at least 2 (R: \"k.max must bet > = 2\"); got {k_max}"
        )
    data = _check_data(x)
    if k_max > data.n:
        raise InvalidArgumentError(
            f"'k_max' ({k_max}) must not exceed the number of observations n = {data.n}"
        )
    if method == "gap_stat":
        nboot = _check_B(nboot)
        if nboot < 2:
            raise InvalidArgumentError(
                "'nboot' must be at least 2 for method='gap_stat': with one reference set "
                "SE.sim is NA and firstSEmax cannot choose k (R: \"SE.f >= 0 are not all "
                "TRUE\")"
            )
    if executor is not None and not isinstance(executor, Executor):
        raise InvalidTypeError(
            f"'executor' must be a concurrent.futures.Executor; got {type(executor).__name__}"
        )
    if n_threads is not None:
        n_threads = check_int(n_threads, "n_threads", minimum=1)
    bound = _kmeans_kwargs(FUNcluster)
    for name in {**(bound or {}), **kwargs}:
        if name in _OWN_ARGS and bound is not None:
            raise InvalidTypeError(
                f"pass '{name}' to nbclust itself, not to kmeans through **kwargs: nbclust "
                "draws every random number and schedules every kmeans run"
            )
        if name in ("x", "centers"):
            raise InvalidArgumentError(
                f"'{name}' is set by nbclust (the data and k = 1..k_max); do not pass it"
            )
    diss_values = None
    if diss is not None:
        if method == "gap_stat":
            warnings.warn("'diss' is not used by method='gap_stat' (the gap statistic is "
                          "computed from x), as in factoextra", StatKMeansWarning,
                          stacklevel=stacklevel)
        else:
            diss_values = _condensed(diss, data.n)

    if rng is None:
        set_seed(FACTOEXTRA_SEED)  # factoextra's set.seed(123)
        stream = None
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
    fits = _clusterings(xv, FUNcluster, ks, kwargs, stream, executor, n_threads,
                        stacklevel=stacklevel + 1)
    y = np.zeros(k_max)
    for k, (codes0, count, raw) in zip(ks, fits):
        if method == "wss":
            if raw is not None and _renumbered(raw):
                warnings.warn("cluster renumbered because maximum != number of clusters",
                              StatKMeansWarning, stacklevel=stacklevel)
            y[k - 1] = _wss(xv, codes0, count, diss_values)
        else:
            codes = codes0.astype(np.int64) + 1
            sil = (silhouette(codes, diss_values, n_threads=n_threads) if diss_values is not None
                   else silhouette(codes, data=xv, n_threads=n_threads))
            y[k - 1] = sil.avg_width
    return NbClustResult(k=k_all, y=y, method=method)


def plot_nbclust(
    x,
    FUNcluster: Callable | None = kmeans,
    method: str = "silhouette",
    k_max: int = 10,
    nboot: int = 100,
    *,
    ax=None,
    linecolor: str = LINECOLOR,
    diss=None,
    rng=None,
    verbose: bool | None = None,
    executor: Executor | None = None,
    n_threads: int | None = None,
    **kwargs,
):
    """factoextra's ``fviz_nbclust`` in one call: compute with :func:`nbclust`, then draw.

    .. warning::
       Like factoextra, this calls ``set_seed(123)`` first, resetting the
       package's default random stream, unless ``rng=`` is given (see
       :func:`nbclust`).

    Parameters
    ----------
    x, FUNcluster, method, k_max, nboot, diss, rng, verbose, executor, n_threads, **kwargs
        As for :func:`nbclust`; ``**kwargs`` go to FUNcluster (R's ``...``).
    ax : matplotlib Axes, optional
        Where to draw; default a new figure (``plt.subplots()``).
    linecolor : color, default="steelblue"
        factoextra's ``linecolor``: the line, points, error bars and dashed
        line. For other styling call ``nbclust(...).plot(ax, **line_kwargs)``.

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
    result = _nbclust(x, FUNcluster, method, k_max, nboot, diss=diss, rng=rng,
                      verbose=verbose, executor=executor, n_threads=n_threads, kwargs=kwargs,
                      stacklevel=3)
    return result.plot(ax, linecolor=linecolor)


def plot_gap(gap_result, ax=None, *, method: str = "firstSEmax", SE_factor: float = 1,
             linecolor: str = LINECOLOR, **kwargs):
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
        factoextra's ``maxSE$SE.factor``. It changes the chosen k only: the
        error bars are always gap +/- SE.sim, as in factoextra.
    linecolor : color, default="steelblue"
        Colour of the line, points, error bars and dashed line.
    **kwargs
        Passed to ``ax.plot`` for the line and points (a copy; they override
        the defaults).

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
    if not isinstance(gap_result, ClusGapResult):
        raise InvalidTypeError(
            "Only an object of class ClusGapResult is allowed (the result of clus_gap); got "
            f"{type(gap_result).__name__}"
        )
    chosen = gap_result.n_clusters(method, SE_factor)
    tab = gap_result.Tab
    k = np.arange(1, gap_result.K_max + 1)
    return _draw_curve(ax, k, tab["gap"].to_numpy(), tab["SE.sim"].to_numpy(), chosen,
                       YLABELS["gap_stat"], linecolor, dict(kwargs))


def plot_silhouette(sil_result, ax=None, *, label: bool = False, palette=None, **kwargs):
    """Draw silhouette widths as factoextra's ``fviz_silhouette`` does.

    One vertical bar per observation, sorted by cluster and then by
    decreasing width, coloured by cluster (ggplot2's default colours), a red
    dashed line at the average width, title "Clusters silhouette plot" with
    the average width, y label "Silhouette width Si", a legend "cluster", on
    ggplot2's grey background.

    Parameters
    ----------
    sil_result : SilhouetteResult
        From :func:`~statkmeans.silhouette`.
    ax : matplotlib Axes, optional
        Where to draw; default a new figure (``plt.subplots()``).
    label : bool, default=False
        Label the bars with the observation names (or numbers), rotated 45
        degrees (factoextra's ``label``).
    palette : sequence of colors, optional
        One colour per cluster, in code order. Default ggplot2's hue palette
        (``scales::hue_pal()``), as factoextra.
    **kwargs
        Passed to ``ax.bar`` (a copy; they override the defaults).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. ``plt.show()`` is never called.

    Raises
    ------
    InvalidTypeError
        ``sil_result`` is not a SilhouetteResult.
    InvalidArgumentError
        ``palette`` has fewer colours than there are clusters.

    Notes
    -----
    R: ``factoextra::fviz_silhouette(sil.obj, label = FALSE,
    print.summary = TRUE, ...)``. Differences from R: nothing is printed
    (R prints each cluster's size and average width; use
    ``sil_result.summary()``); pam/clara/fanny objects do not exist here, so
    only silhouette results are accepted; ``palette=`` is new; matplotlib
    instead of ggplot2.

    Tested against R 4.2.2 / factoextra 1.0.7 (``tests/r_reference``): bar
    order and heights, colours (ggplot2's palette for 1 to 12 clusters),
    title and mean line.

    Examples
    --------
    >>> from statkmeans import kmeans, load_dataset, plot_silhouette, scale, set_seed, silhouette
    >>> df = scale(load_dataset("USArrests"))
    >>> set_seed(123)
    >>> km = kmeans(df, 4, nstart=25)
    >>> ax = plot_silhouette(silhouette(km, data=df))
    >>> print(ax.get_title(loc="left"))
    Clusters silhouette plot 
     Average silhouette width: 0.34
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from ._format import r_round

    if not isinstance(sil_result, SilhouetteResult):
        raise InvalidTypeError(
            f"Don't support an object of class {type(sil_result).__name__}: pass the result "
            "of silhouette(...)"
        )
    srt = sil_result.sorted()
    widths = np.asarray(srt.sil_width)
    cl = np.asarray(srt.cluster)
    ids = np.unique(cl)
    colors = _cluster_colors(len(ids), palette)
    bar_colors = [colors[i] for i in np.searchsorted(ids, cl)]

    if ax is None:
        fig, ax = plt.subplots()
        fig.subplots_adjust(right=0.85)  # room for the legend, as ggplot's
    pos = np.arange(1, len(widths) + 1)
    bars = {"width": 0.9, "color": bar_colors, "edgecolor": bar_colors, "linewidth": 0.5,
            "zorder": 2}
    bars.update(kwargs)
    ax.bar(pos, widths, **bars)
    avg = _r_mean(np.asarray(sil_result.sil_width))
    ax.axhline(avg, color="red", linestyle="--", linewidth=1.0, zorder=3)

    lo = min(0.0, float(widths.min()))
    pad = 0.05 * (1.0 - lo)
    ax.set_ylim(lo - pad, 1.0 + pad)
    ax.set_xlim(0.4, len(widths) + 0.6)
    ax.set_xticks(pos)
    if label:
        names = srt.row_names
        ax.set_xticklabels([str(v) for v in names], rotation=45, ha="right")
    else:
        ax.set_xticklabels([])
    ax.set_xlabel("")
    ax.set_ylabel("Silhouette width Si")
    ax.set_title("Clusters silhouette plot \n Average silhouette width: "
                 + _r_character(r_round(avg, 2)), loc="left")
    ax.legend(handles=[Patch(color=colors[i], label=str(int(c))) for i, c in enumerate(ids)],
              title="cluster", loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    _grey_theme(ax)
    return ax


# -- fviz_cluster ------------------------------------------------------------------------------

CLUSTER_TITLE = "Cluster plot"
ELLIPSE_TYPES = ("convex", "norm")
_NOT_IMPLEMENTED_ELLIPSES = ("t", "euclid", "confidence")
GEOMS = ("point", "text")
# ggplot2's solid shapes (scales::shape_pal()) for up to six clusters; factoextra
# uses R's plotting symbols 1..k beyond that.
SOLID_SHAPES = (16, 17, 15, 3, 7, 8)
_MM = 72.27 / 25.4  # ggplot2's .pt: points per millimetre
_STROKE = 96 / 25.4  # ggplot2's .stroke
_ELLIPSE_SEGMENTS = 51  # the ellipse is a closed polygon of 52 points, as ggplot2's


def _cluster_shapes(k: int) -> list[int]:
    """factoextra's point shapes (R ``pch`` codes) for k clusters."""
    if k <= len(SOLID_SHAPES):
        return list(SOLID_SHAPES[:k])
    return [1 + i % 25 for i in range(k)]


def _pch_style(pch: int, color) -> dict:
    """``ax.scatter`` keywords drawing R's plotting symbol ``pch`` in ``color``.

    Returns marker, colours and ``scale`` (a factor on the marker area for the
    symbols R draws smaller or larger than a circle of the same size).
    """
    from matplotlib.path import Path

    def lines(*segments):
        verts, codes = [], []
        for a, b in segments:
            verts += [a, b]
            codes += [Path.MOVETO, Path.LINETO]
        return Path(verts, codes)

    square = Path([(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)], closed=True)
    diamond = Path([(0, -1), (1, 0), (0, 1), (-1, 0), (0, -1)], closed=True)
    up = Path([(-1, -0.8), (1, -0.8), (0, 0.93), (-1, -0.8)], closed=True)
    down = Path([(-1, 0.8), (1, 0.8), (0, -0.93), (-1, 0.8)], closed=True)
    plus = lines(((-1, 0), (1, 0)), ((0, -1), (0, 1)))
    cross = lines(((-1, -1), (1, 1)), ((-1, 1), (1, -1)))
    circle = Path.unit_circle()
    compound = {
        7: Path.make_compound_path(square, cross),
        9: Path.make_compound_path(diamond, plus),
        10: Path.make_compound_path(circle, plus),
        11: Path.make_compound_path(up, down),
        12: Path.make_compound_path(square, plus),
        13: Path.make_compound_path(circle, lines(((-0.71, -0.71), (0.71, 0.71)),
                                                  ((-0.71, 0.71), (0.71, -0.71)))),
        14: Path.make_compound_path(square, Path([(-1, -1), (0, 1), (1, -1)])),
    }
    open_markers = {0: "s", 1: "o", 2: "^", 5: "D", 6: "v"}
    filled = {15: ("s", 1.0), 16: ("o", 1.0), 17: ("^", 1.0), 18: ("D", 0.6), 19: ("o", 1.0),
              20: ("o", 0.45)}
    white_filled = {21: "o", 22: "s", 23: "D", 24: "^", 25: "v"}
    if pch in filled:
        marker, scale = filled[pch]
        return {"marker": marker, "facecolors": color, "edgecolors": color, "scale": scale}
    if pch in open_markers or pch in compound:
        marker = open_markers.get(pch, compound.get(pch))
        return {"marker": marker, "facecolors": "none", "edgecolors": color, "scale": 1.0}
    if pch in white_filled:
        return {"marker": white_filled[pch], "facecolors": "white", "edgecolors": color,
                "scale": 1.0}
    # line symbols: 3 plus, 4 cross, 8 asterisk (a plus over a cross)
    marker = {3: "+", 4: "x", 8: Path.make_compound_path(plus, cross)}[pch]
    return {"marker": marker, "color": color, "scale": 1.3}


_MARKER_EDGE = 0.7  # pt: ggplot2's stroke 0.5 (0.5 * .stroke / 2 R line widths of 1/96 in)


def _marker_area(size: float) -> float:
    """A ggplot2 point size (mm, stroke 0.5) as a matplotlib marker area in pt^2.

    R draws a symbol of font size ``size * .pt + stroke * .stroke / 2`` with
    a circle diameter of 0.75 of it; the marker edge is taken off.
    """
    fontsize = size * _MM + 0.5 * _STROKE / 2
    return max(0.75 * fontsize - _MARKER_EDGE, 0.5) ** 2


def _check_axes(axes) -> tuple[int, int]:
    if isinstance(axes, (str, bytes)) or np.ndim(axes) != 1 or len(axes) != 2:
        raise InvalidArgumentError(
            f"'axes' must be two dimension numbers such as (1, 2); got {axes!r}"
        )
    a, b = (check_int(v, "axes", minimum=1) for v in axes)
    return a, b


def _check_geom(geom) -> tuple[str, ...]:
    items = (geom,) if isinstance(geom, str) else tuple(geom)
    for g in items:
        if g not in GEOMS:
            raise InvalidArgumentError(
                f"'geom' must be 'point', 'text' or both; got {g!r}"
            )
    return items


def _check_bool(value, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidTypeError(f"'{name}' must be True or False; got {value!r}")
    return bool(value)


def _check_number(value, name: str, lo: float, hi: float | None = None, *,
                  closed: bool = True) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise InvalidTypeError(f"'{name}' must be a number; got {value!r}")
    value = float(value)
    inside = (lo <= value if closed else lo < value) and (
        hi is None or (value <= hi if closed else value < hi))
    if not inside:
        if hi is None:
            want = f"at least {lo:g}" if closed else f"greater than {lo:g}"
        else:
            want = (f"between {lo:g} and {hi:g}" if closed
                    else f"strictly between {lo:g} and {hi:g}")
        raise InvalidArgumentError(f"'{name}' must be {want}; got {value!r}")
    return value


def _r_label(value: float, digits: int) -> str:
    """R's ``as.character(round(value, digits))``."""
    from ._format import r_round

    return _r_character(r_round(value, digits))


def cluster_coordinates(km, data, *, stand: bool = True, axes=(1, 2)):
    """The coordinates factoextra's ``fviz_cluster`` plots for a k-means result.

    The data (standardised by default) are shown as they are when they have
    two columns; with more, as their scores on two principal components of an
    **uncentred** PCA (R's ``prcomp(data, center = FALSE, scale. = FALSE)``).

    Parameters
    ----------
    km : KMeansResult
        From :func:`~statkmeans.kmeans`; its clusters colour the points.
    data : array-like or DataFrame of shape (n, p)
        The data that were clustered (R needs them too), p >= 2, in the same
        row order as ``km``. Row names (a DataFrame's index, unless it is the
        default 0..n-1) label the points; otherwise they are numbered 1..n.
    stand : bool, default=True
        Standardise the columns first, as R's ``scale()``
        (:func:`~statkmeans.scale`).
    axes : pair of int, default=(1, 2)
        The principal components to show (1-based) when p > 2. Ignored when
        p == 2, as in factoextra.

    Returns
    -------
    DataFrame
        One row per observation, indexed by the row names (``data``'s index,
        or 1..n for a default index or an array), with columns ``Dim<a>`` and
        ``Dim<b>`` for the components ``axes = (a, b)`` when p > 2, or
        ``data``'s two column names when p == 2 (``x1``, ``x2`` for an array
        without names), then ``cluster``, a categorical of the cluster codes
        as strings (R's factor). ``frame.attrs`` holds ``"xlab"`` and
        ``"ylab"``, factoextra's axis labels such as ``"Dim1 (62%)"``, and
        ``"percent"``, the two components' percentages of the total
        (uncentred) variance as floats, unrounded (None when p == 2).

    Raises
    ------
    InvalidTypeError
        ``km`` is not a KMeansResult, ``data`` is None or not numeric,
        ``stand`` is not a bool.
    InvalidArgumentError
        p < 2 ("The dimension of the data < 2! No plot."), ``data`` with
        NA/NaN/Inf or another number of rows than ``km``, ``axes`` not two
        numbers between 1 and the number of components min(n, p), a constant
        column with ``stand=True``.

    See Also
    --------
    plot_cluster : draws these coordinates as ``fviz_cluster`` does.

    Notes
    -----
    R: ``p <- factoextra::fviz_cluster(km, data, stand = TRUE, axes = c(1, 2));
    p$data`` and ``p$labels``. ``p$data``'s ``x``, ``y`` and ``cluster`` are
    the two coordinate columns and ``cluster`` here, its ``name`` is the
    index (as strings).

    With p > 2, the scores are ``X V`` for the right singular vectors V of
    the (standardised) data X, from numpy's SVD; a component's percentage is
    100 times its eigenvalue (squared singular value) over their sum, and
    its axis label rounds that to one decimal with R's ``round``. The PCA does
    not centre: harmless after standardising, but with ``stand=False`` the
    first component points towards the data's mean (iris: 96.5%).

    Differences from R:

    * The sign of each component is the SVD's, so it can differ from R's
      LAPACK, which mirrors the picture (on USArrests, iris and the tests'
      data the signs agree with R 4.2.2's reference LAPACK 3.11).
    * ``data`` of another number of rows than ``km``, a constant column with
      ``stand=True`` and p == 2 data without column names are errors or
      handled (labels ``x1``, ``x2``) here; R recycles, fails inside
      ``prcomp``, or fails with "argument is of length zero".
    * factoextra's ``coord`` column (x^2 + y^2) is not included.

    Tested against R 4.2.2 / factoextra 1.0.7
    (``tests/r_reference/make_cluster_plot_fixtures.R``): USArrests (p = 4,
    axes (1, 2) and (3, 4)), faithful (p = 2), iris with ``stand=False`` and
    a small degenerate data set; coordinates within 1e-14 of R's, axis labels
    identical.

    Examples
    --------
    >>> from statkmeans import cluster_coordinates, kmeans, load_dataset, scale, set_seed
    >>> arrests = load_dataset("USArrests")
    >>> set_seed(1)
    >>> km = kmeans(scale(arrests), 3, nstart=25)
    >>> xy = cluster_coordinates(km, arrests)
    >>> xy.head(3).round(4)
               Dim1    Dim2 cluster
    Alabama -0.9757 -1.1220       3
    Alaska  -1.9305 -1.0624       3
    Arizona -1.7454  0.7385       3
    >>> xy.attrs["xlab"], xy.attrs["ylab"]
    ('Dim1 (62%)', 'Dim2 (24.7%)')
    """
    import pandas as pd

    from .kmeans import KMeansResult
    from .scale import scale

    if not isinstance(km, KMeansResult):
        raise InvalidTypeError(
            f"'km' must be a KMeansResult (the result of kmeans); got {type(km).__name__}"
        )
    if data is None:
        raise InvalidTypeError(
            "data is required for plotting kmeans clusters: pass the data that were clustered"
        )
    stand = _check_bool(stand, "stand")
    a, b = _check_axes(axes)
    mat = as_matrix(data, "data")
    n, p = mat.n, mat.p
    if p < 2:
        raise InvalidArgumentError(
            "The dimension of the data < 2! No plot. ('data' has one column; a cluster "
            "plot needs at least two)"
        )
    if n != km.n:
        raise InvalidArgumentError(
            f"'data' has {n} rows but 'km' clustered {km.n} observations; pass the data "
            "that were clustered"
        )
    values = mat.values
    if stand:
        constant = np.flatnonzero(np.ptp(values, axis=0) == 0)
        if constant.size:
            names = [mat.col_names[j] if mat.col_names else str(j + 1) for j in constant]
            raise InvalidArgumentError(
                f"column(s) {', '.join(names)} of 'data' are constant and cannot be "
                "standardised (R: NaN, then prcomp fails); drop them or use stand=False"
            )
        values = scale(values)
    if p == 2:
        xy = values
        names = list(mat.col_names) if mat.col_names else ["x1", "x2"]
        if names[0] == names[1] or "cluster" in names:
            raise InvalidArgumentError(
                f"the column names of 'data' must be distinct and not 'cluster'; got {names}"
            )
        labels = [f"{nm} value" if nm == axis else nm for nm, axis in zip(names, ("x", "y"))]
        percent = None
    else:
        n_comp = min(n, p)
        if a > n_comp or b > n_comp:
            raise InvalidArgumentError(
                "The value of the argument axes is incorrect. The number of axes in the data "
                f"is: {n_comp}. Please try again with axes between 1 - {n_comp}; got "
                f"axes=({a}, {b})"
            )
        _, d, vt = np.linalg.svd(values, full_matrices=False)
        eig = d * d
        pct = 100.0 * eig / np.sum(eig)
        xy = np.empty((n, 2))
        for out, comp in enumerate((a, b)):
            v = vt[comp - 1]
            acc = values[:, 0] * v[0]
            for j in range(1, p):  # the product column by column, in R's order
                acc = acc + values[:, j] * v[j]
            xy[:, out] = acc
        names = [f"Dim{a}", f"Dim{b}"]
        percent = (float(pct[a - 1]), float(pct[b - 1]))
        labels = [f"Dim{c} ({_r_label(pct[c - 1], 1)}%)" for c in (a, b)]

    if mat.row_names is not None:
        index = mat.index if mat.index is not None else pd.Index(mat.row_names)
    else:
        index = pd.RangeIndex(1, n + 1)
    codes = np.asarray(km.cluster).astype(np.int64)
    levels = [str(v) for v in np.unique(codes)]
    frame = pd.DataFrame({names[0]: xy[:, 0], names[1]: xy[:, 1]}, index=index)
    frame["cluster"] = pd.Categorical([str(v) for v in codes], categories=levels)
    frame.attrs = {"xlab": labels[0], "ylab": labels[1], "percent": percent}
    return frame


def _hull(points: np.ndarray) -> np.ndarray:
    """Corners of the convex hull of 2-D points (fewer than 3 when degenerate)."""
    from scipy.spatial import ConvexHull, QhullError

    uniq = np.unique(points, axis=0)  # lexicographic order
    if len(uniq) < 3:
        return uniq
    try:
        return uniq[ConvexHull(uniq).vertices]
    except QhullError:  # all on one line: its two ends, the first and last in that order
        return uniq[[0, -1]]


def _norm_ellipse(points: np.ndarray, level: float) -> np.ndarray | None:
    """The ``level`` normal-theory ellipse of 2-D points: closed polygon, or None.

    The boundary {z : (z - m)' S^-1 (z - m) = 2 F(level; 2, n - 1)} for the
    mean m and covariance S (divisor n - 1), as ggplot2's
    ``stat_ellipse(type = "norm")`` draws it: None for fewer than 4 points or
    a singular S.
    """
    from scipy.stats import f

    n = len(points)
    if n < 4:
        return None
    m = np.array([_r_mean(points[:, 0]), _r_mean(points[:, 1])])
    dev = points - m
    cov = dev.T @ dev / (n - 1)
    try:
        root = np.linalg.cholesky(cov)
    except np.linalg.LinAlgError:
        return None
    if not np.all(np.isfinite(root)) or np.min(np.diag(root)) <= 1e-12 * np.max(np.abs(root)):
        return None
    radius = math.sqrt(2.0 * f.ppf(level, 2, n - 1))
    t = np.linspace(0.0, 2.0 * np.pi, _ELLIPSE_SEGMENTS + 1)
    circle = np.column_stack([np.cos(t), np.sin(t)])
    ring = m + radius * circle @ root.T
    ring[-1] = ring[0]  # exactly closed
    return ring


def plot_cluster(
    km,
    data,
    *,
    stand: bool = True,
    axes=(1, 2),
    geom=("point", "text"),
    repel: bool = False,
    show_clust_cent: bool = True,
    ellipse: bool = True,
    ellipse_type: str = "convex",
    ellipse_level: float = 0.95,
    ellipse_alpha: float = 0.2,
    pointsize: float = 1.5,
    labelsize: float = 12,
    main: str = CLUSTER_TITLE,
    xlab: str | None = None,
    ylab: str | None = None,
    ax=None,
    palette=None,
    **kwargs,
):
    """Draw k-means clusters as factoextra's ``fviz_cluster`` does.

    The observations on two dimensions (the standardised data when they have
    two columns, else two principal components; see
    :func:`cluster_coordinates`), coloured and shaped by cluster, each
    cluster's convex hull filled translucently, a larger point at each
    cluster's centre, the observations' names above them, a legend
    "cluster", title "Cluster plot", on ggplot2's grey background.

    Parameters
    ----------
    km : KMeansResult
        From :func:`~statkmeans.kmeans`.
    data : array-like or DataFrame of shape (n, p)
        The data that were clustered, p >= 2 (R needs them too).
    stand : bool, default=True
        Standardise the columns first (R's ``scale()``).
    axes : pair of int, default=(1, 2)
        The principal components shown when p > 2 (ignored when p == 2).
    geom : {"point", "text"} or a sequence of them, default=("point", "text")
        Draw the observations as points, as their names, or both. Every
        name is a matplotlib text, so for thousands of observations
        ``geom="point"`` is much faster (and more legible).
    repel : bool, default=False
        Accepted for R code, but **not implemented**: with True a
        StatKMeansWarning says so and the labels are drawn where they are
        (R moves overlapping labels apart with ggrepel).
    show_clust_cent : bool, default=True
        Mark each cluster's centre: the **mean of its plotted coordinates**,
        a larger point of the cluster's shape.
    ellipse : bool, default=True
        Draw a filled outline around each cluster.
    ellipse_type : {"convex", "norm"}, default="convex"
        "convex": the convex hull (with fewer than three distinct points in
        a cluster, the segment or point they make). "norm": the
        ``ellipse_level`` ellipse of a bivariate normal fitted to the
        cluster's points (ggplot2's ``stat_ellipse(type = "norm")``; none for
        clusters of fewer than 4 points, with a warning).
    ellipse_level : float, default=0.95
        The level of the "norm" ellipses, strictly between 0 and 1.
    ellipse_alpha : float, default=0.2
        Opacity of the fill (the outline is opaque).
    pointsize : float, default=1.5
        Size of the observation points in ggplot2's units (mm); the centres
        are twice as large.
    labelsize : float, default=12
        Font size of the names in points, as factoextra's (drawn at a third
        of it in ggplot2's millimetres, i.e. about 11.4 pt for 12).
    main : str, default="Cluster plot"
        The title.
    xlab, ylab : str, optional
        Axis labels; default factoextra's (``"Dim1 (62%)"``, or the column
        names).
    ax : matplotlib Axes, optional
        Where to draw; default a new figure (``plt.subplots()``).
    palette : sequence of colors, optional
        One colour per cluster, in code order. Default ggplot2's hue palette
        (``scales::hue_pal()``), as factoextra.
    **kwargs
        Passed to ``ax.scatter`` for the observation points (a copy; they
        override the defaults, e.g. ``alpha=0.5``).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. ``plt.show()`` is never called.

    Raises
    ------
    InvalidTypeError, InvalidArgumentError
        Those of :func:`cluster_coordinates`; an ``ellipse_type`` other than
        "convex" or "norm", a ``geom`` other than "point"/"text", sizes or
        alpha out of range, a ``palette`` with fewer colours than clusters.

    Warns
    -----
    StatKMeansWarning
        ``repel=True`` (not implemented); "norm" ellipses that cannot be
        drawn (fewer than 4 points or all on a line).

    See Also
    --------
    cluster_coordinates : the plotted coordinates, axis labels and percentages.

    Notes
    -----
    R: ``factoextra::fviz_cluster(object, data = NULL, stand = TRUE, axes =
    c(1, 2), geom = c("point", "text"), repel = FALSE, show.clust.cent = TRUE,
    ellipse = TRUE, ellipse.type = "convex", ellipse.level = 0.95,
    ellipse.alpha = 0.2, shape = NULL, pointsize = 1.5, labelsize = 12,
    main = "Cluster plot", xlab = NULL, ylab = NULL, ..., ggtheme =
    theme_grey())`` for a kmeans object.

    As in factoextra: the points' shapes are ggplot2's solid circle,
    triangle, square, plus, boxed cross and asterisk (R's symbols 16, 17, 15,
    3, 7, 8) for up to six clusters and R's symbols 1..k beyond; the layers
    are drawn in factoextra's order (points, outlines, centres, names), so
    the fills tint the points; names sit above their points (ggplot2's
    ``vjust = -0.7``); the centre markers are the means of the plotted
    coordinates, not the k-means centres projected (which differ when the
    data are standardised).

    Differences from R:

    * ``repel=True`` does not move overlapping labels (see above).
    * ``ellipse_type`` "t", "euclid" and "confidence" are not implemented.
    * "norm" ellipses: a cluster whose covariance is singular gets no
      ellipse (with a warning); R then draws no ellipse for any cluster.
    * ``shape``, ``ggtheme`` and ``...`` (ggpubr options) are not offered;
      ``palette`` and ``**kwargs`` are new. Shapes repeat after 25 clusters.
    * matplotlib instead of ggplot2: marker sizes, fonts and margins are
      close, not identical; no per-key text glyph in the legend.
    * Differences of :func:`cluster_coordinates` (errors for mismatched
      data).

    Tested against R 4.2.2 / factoextra 1.0.7 / ggplot2 3.4.1
    (``tests/r_reference/make_cluster_plot_fixtures.R``): the plotted
    points, hull corners, "norm" ellipses (as sets: the points satisfy the
    same quadratic form within 1e-12), centre markers, colours, shapes, names
    and labels of USArrests, faithful, iris (``stand=False``) and a small
    degenerate data set.

    References
    ----------
    Kassambara, A. and Mundt, F. (2020). factoextra: Extract and visualize
    the results of multivariate data analyses. R package version 1.0.7.

    Examples
    --------
    >>> from statkmeans import kmeans, load_dataset, plot_cluster, scale, set_seed
    >>> arrests = load_dataset("USArrests")
    >>> set_seed(1)
    >>> km = kmeans(scale(arrests), 3, nstart=25)
    >>> ax = plot_cluster(km, arrests)  # R: fviz_cluster(km, data = USArrests)
    >>> ax.get_xlabel(), ax.get_ylabel(), ax.get_title(loc="left")
    ('Dim1 (62%)', 'Dim2 (24.7%)', 'Cluster plot')
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Polygon

    geoms = _check_geom(geom)
    repel = _check_bool(repel, "repel")
    show_clust_cent = _check_bool(show_clust_cent, "show_clust_cent")
    ellipse = _check_bool(ellipse, "ellipse")
    if not isinstance(ellipse_type, str) or ellipse_type not in ELLIPSE_TYPES:
        extra = (" (factoextra's 't', 'euclid' and 'confidence' are not implemented)"
                 if ellipse_type in _NOT_IMPLEMENTED_ELLIPSES else "")
        raise InvalidArgumentError(
            f"'ellipse_type' must be 'convex' or 'norm'; got {ellipse_type!r}{extra}"
        )
    ellipse_level = _check_number(ellipse_level, "ellipse_level", 0.0, 1.0, closed=False)
    ellipse_alpha = _check_number(ellipse_alpha, "ellipse_alpha", 0.0, 1.0)
    pointsize = _check_number(pointsize, "pointsize", 0.0, closed=False)
    labelsize = _check_number(labelsize, "labelsize", 0.0, closed=False)

    frame = cluster_coordinates(km, data, stand=stand, axes=axes)
    xy = frame.iloc[:, :2].to_numpy()
    cluster = frame["cluster"]
    levels = list(cluster.cat.categories)
    which = cluster.cat.codes.to_numpy()
    colors = _cluster_colors(len(levels), palette)
    shapes = _cluster_shapes(len(levels))
    if repel:
        warnings.warn(
            "repel=True is not implemented: labels are not moved apart (R uses ggrepel); "
            "use geom='point' or a larger figure if they overlap",
            StatKMeansWarning, stacklevel=2)

    if ax is None:
        fig, ax = plt.subplots()
        fig.subplots_adjust(right=0.85)  # room for the legend, as ggplot's
    members = [np.flatnonzero(which == i) for i in range(len(levels))]

    # 1. the observations
    if "point" in geoms:
        for i, level in enumerate(levels):
            style = _pch_style(shapes[i], colors[i])
            scale_area = style.pop("scale")
            opts = {"s": _marker_area(pointsize) * scale_area, "linewidths": _MARKER_EDGE,
                    "zorder": 2.0, "gid": f"points:{level}", **style}
            opts.update(kwargs)
            ax.scatter(xy[members[i], 0], xy[members[i], 1], **opts)
    # 2. the hulls or ellipses
    if ellipse:
        too_few = []
        for i, level in enumerate(levels):
            pts = xy[members[i]]
            if ellipse_type == "convex":
                outline = _hull(pts)
            else:
                outline = _norm_ellipse(pts, ellipse_level)
                if outline is None:
                    too_few.append(level)
                    continue
            ax.add_patch(Polygon(outline, closed=True,
                                 facecolor=(*_rgb(colors[i]), ellipse_alpha),
                                 edgecolor=colors[i], linewidth=0.5 * _MM * 0.75, zorder=2.1,
                                 gid=f"{ellipse_type}:{level}"))
        if too_few:
            warnings.warn(
                f"Too few points to calculate an ellipse: no 'norm' ellipse for cluster(s) "
                f"{', '.join(too_few)} (fewer than 4 points, or all on a line)",
                StatKMeansWarning, stacklevel=2)
    # 3. the centres: means of the plotted coordinates
    if show_clust_cent:
        for i, level in enumerate(levels):
            pts = xy[members[i]]
            centre = [_r_mean(pts[:, 0]), _r_mean(pts[:, 1])]
            style = _pch_style(shapes[i], colors[i])
            scale_area = style.pop("scale")
            ax.scatter([centre[0]], [centre[1]], s=_marker_area(2 * pointsize) * scale_area,
                       linewidths=_MARKER_EDGE, zorder=2.2, gid=f"center:{level}", **style)
    # 4. the names, above the points
    if "text" in geoms:
        fontsize = labelsize / 3 * _MM
        names = [str(v) for v in frame.index]
        for row, name in enumerate(names):
            ax.annotate(name, (xy[row, 0], xy[row, 1]), xytext=(0, 0.7 * 0.75 * fontsize),
                        textcoords="offset points", ha="center", va="bottom",
                        fontsize=fontsize, color=colors[which[row]], zorder=2.3,
                        annotation_clip=True)

    handles = []
    for i, level in enumerate(levels):
        style = _pch_style(shapes[i], colors[i])
        style.pop("scale")
        face = style.get("facecolors", style.get("color"))
        edge = style.get("edgecolors", style.get("color"))
        mark = Line2D([], [], linestyle="none", marker=style["marker"], markersize=6,
                      markerfacecolor=face, markeredgecolor=edge, label=level)
        if ellipse:
            fill = Patch(facecolor=(*_rgb(colors[i]), ellipse_alpha), edgecolor=colors[i])
            handles.append((fill, mark))
        else:
            handles.append(mark)
    ax.legend(handles=handles, labels=levels, title="cluster", loc="center left",
              bbox_to_anchor=(1.01, 0.5), frameon=False)
    ax.set_xlabel(frame.attrs["xlab"] if xlab is None else xlab)
    ax.set_ylabel(frame.attrs["ylab"] if ylab is None else ylab)
    ax.set_title(main, loc="left")
    _grey_theme(ax, minor=True)
    return ax


def _rgb(color) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return to_rgb(color)
