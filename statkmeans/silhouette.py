"""Silhouette widths with R's numbers: ``silhouette`` and its results.

Mirrors ``cluster::silhouette`` (cluster 2.1.4), ``summary.silhouette``,
``sortSilhouette`` and ``plot.silhouette``; see ``shared/r-reference.md``
section 4 for the behaviour reproduced here. The widths come from compiled
kernels that sum the dissimilarities in R's order, so they equal R's bit for
bit; from raw observations (``data=``) the Euclidean distances are computed
on the fly and never stored.
"""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Any

import attrs
import numpy as np

from ._validation import as_matrix, check_int, is_dataframe, is_series
from .dist import Dist, _float_matrix, _float_vector, _pair_of, _size_from_length
from .exceptions import InvalidArgumentError, InvalidTypeError, StatKMeansWarning

__all__ = ["SilhouetteResult", "SilhouetteSummary", "silhouette"]

#: Names of ``SilhouetteSummary.si_summary``, as R's ``summary()`` labels them.
SI_SUMMARY_NAMES = ("Min.", "1st Qu.", "Median", "Mean", "3rd Qu.", "Max.")

# R's colour "gray" (matplotlib's "gray" is darker).
R_GRAY = "#BEBEBE"


# -- immutable fields ------------------------------------------------------------


def _readonly(value, dtype) -> np.ndarray:
    arr = np.array(value, dtype=dtype, copy=True)
    arr.flags.writeable = False
    return arr


def _int_array(value) -> np.ndarray:
    return _readonly(value, np.int64)


def _float_array(value) -> np.ndarray:
    return _readonly(value, np.float64)


def _optional_int_array(value):
    return None if value is None else _int_array(value)


def _optional_tuple(value):
    return None if value is None else tuple(value)


def _eq_arrays(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))


def _array_field(converter):
    return attrs.field(converter=converter, eq=attrs.cmp_using(eq=_eq_arrays), repr=False)


def _r_mean(values: np.ndarray) -> float:
    """R's ``mean()``: extended-precision sum, then R's correcting second pass."""
    from ._kernels import _silhouette

    return float(_silhouette.mean_ld(np.ascontiguousarray(values, dtype=np.float64)))


def _quantiles7(values: np.ndarray, probs=(0.0, 0.25, 0.5, 0.75, 1.0)) -> list[float]:
    """R's ``quantile(x, probs)``, type 7: (1 - h) x[lo] + h x[hi] on the sorted data."""
    xs = np.sort(np.asarray(values, dtype=np.float64))
    n = len(xs)
    out = []
    for prob in probs:
        index = 1.0 + (n - 1) * prob
        lo = math.floor(index)
        hi = math.ceil(index)
        q = float(xs[lo - 1])
        h = index - lo
        upper = float(xs[hi - 1])
        if h > 0 and upper != q:
            q = (1.0 - h) * q + h * upper
        out.append(q)
    return out


# -- the result ------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class SilhouetteResult:
    """The result of :func:`silhouette`: R's ``"silhouette"`` matrix, frozen.

    The three columns of R's n-by-3 matrix are fields; R's attributes
    ``codes``, ``Ordered`` and ``iOrd`` are ``codes``, ``ordered`` and
    ``i_ord``. Arrays are read-only.

    Attributes
    ----------
    cluster : ndarray of int64 of shape (n,)
        Cluster code of each observation (the codes given, as in R).
    neighbor : ndarray of int64 of shape (n,)
        The neighbouring cluster: the other cluster with the smallest mean
        dissimilarity (the smallest code on ties). Reported for singletons too.
    sil_width : ndarray of float64 of shape (n,)
        Silhouette width s(i) = (b(i) - a(i)) / max(a(i), b(i)); 0 for an
        observation alone in its cluster, and when a(i) == b(i).
    row_names : tuple or None
        Observation labels, when known (from ``x``'s index, the ``Dist``
        labels, or the index of ``dmatrix`` / ``data``); after
        :meth:`sorted`, as in R, the labels or "1".."n" in the new order.
    codes : tuple of int or None
        The sorted distinct codes when they were not exactly 1..k (R's
        ``attr(, "codes")``), else None.
    ordered : bool
        True after :meth:`sorted` (R's ``attr(, "Ordered")``).
    i_ord : ndarray of int64 or None
        After :meth:`sorted`: the permutation applied, 0-based (R's ``iOrd``
        minus one), so ``original.sil_width[s.i_ord] == s.sil_width``.
    """

    cluster: np.ndarray = _array_field(_int_array)
    neighbor: np.ndarray = _array_field(_int_array)
    sil_width: np.ndarray = _array_field(_float_array)
    row_names: tuple | None = attrs.field(default=None, converter=_optional_tuple)
    codes: tuple | None = attrs.field(default=None, converter=_optional_tuple)
    ordered: bool = False
    i_ord: np.ndarray | None = attrs.field(
        default=None, converter=_optional_int_array, eq=attrs.cmp_using(eq=_eq_arrays),
        repr=False,
    )

    def __attrs_post_init__(self):
        n = len(self.sil_width)
        lengths = {"cluster": len(self.cluster), "neighbor": len(self.neighbor)}
        if self.row_names is not None:
            lengths["row_names"] = len(self.row_names)
        if self.i_ord is not None:
            lengths["i_ord"] = len(self.i_ord)
        bad = {name: m for name, m in lengths.items() if m != n}
        if bad:
            raise InvalidArgumentError(
                f"every field must have one entry per observation ({n} widths); got "
                + ", ".join(f"{name} of length {m}" for name, m in bad.items())
            )

    # -- derived ---------------------------------------------------------------------
    @property
    def n(self) -> int:
        """Number of observations."""
        return len(self.sil_width)

    @property
    def k(self) -> int:
        """Number of clusters."""
        return len(np.unique(self.cluster))

    @property
    def avg_width(self) -> float:
        """The average silhouette width, R's ``mean(s[, "sil_width"])``."""
        return _r_mean(self.sil_width)

    def to_frame(self):
        """A DataFrame with columns cluster, neighbor, sil_width (R's matrix).

        Indexed by ``row_names`` when known, else by a default 0..n-1 index.
        A fresh object on each call.
        """
        import pandas as pd

        index = list(self.row_names) if self.row_names is not None else None
        return pd.DataFrame(
            {
                "cluster": np.array(self.cluster),
                "neighbor": np.array(self.neighbor),
                "sil_width": np.array(self.sil_width),
            },
            index=index,
        )

    # -- R's methods -------------------------------------------------------------------
    def summary(self, fun=None) -> "SilhouetteSummary":
        """R's ``summary(s, FUN = mean)``.

        Parameters
        ----------
        fun : callable, optional
            Summary of a vector of widths, for the per-cluster and overall
            values; default R's ``mean`` (extended-precision, two passes).

        Returns
        -------
        SilhouetteSummary
        """
        f = _r_mean if fun is None else fun
        widths = np.asarray(self.sil_width)
        ids, sizes = np.unique(self.cluster, return_counts=True)
        avg = [float(f(widths[np.asarray(self.cluster) == c])) for c in ids]
        q = _quantiles7(widths)
        si = [q[0], q[1], q[2], _r_mean(widths), q[3], q[4]]
        return SilhouetteSummary(
            si_summary=si,
            clus_avg_widths=avg,
            cluster_ids=ids,
            clus_sizes=sizes,
            avg_width=float(f(widths)),
            codes=self.codes,
            ordered=self.ordered,
        )

    def sorted(self) -> "SilhouetteResult":
        """R's ``sortSilhouette(s)``: by cluster, then by decreasing width.

        Ties keep the original order. ``row_names`` become the labels (or
        "1".."n" when there were none) in the new order, ``i_ord`` records the
        permutation and ``ordered`` is True. An ordered result is returned
        unchanged.
        """
        if self.ordered:
            return self
        order = np.lexsort((-np.asarray(self.sil_width), np.asarray(self.cluster)))
        names = self.row_names if self.row_names is not None else tuple(
            str(i) for i in range(1, self.n + 1)
        )
        return SilhouetteResult(
            cluster=np.asarray(self.cluster)[order],
            neighbor=np.asarray(self.neighbor)[order],
            sil_width=np.asarray(self.sil_width)[order],
            row_names=tuple(names[i] for i in order),
            codes=self.codes,
            ordered=True,
            i_ord=order,
        )

    def plot(self, ax=None, *, color=None, main=None, sub=None,
             xlab="Silhouette width $s_i$", nmax_lab=40, max_strlen=5, do_n_k=True,
             do_clus_stat=True, **kwargs):
        """R's ``plot(s)``: the silhouette plot, horizontal bars by cluster.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw; default a new figure (``plt.subplots()``).
        color : color or sequence of colors, optional
            Bar colour: one colour, one per cluster (in code order) or one per
            bar (in plotted order). Default R's ``"gray"`` (#BEBEBE).
        main, sub, xlab : str, optional
            Title (default "Silhouette plot"), footer (default "Average
            silhouette width :  0.53") and x-axis label.
        nmax_lab : int, default=40
            Bars are labelled by ``row_names`` (or observation numbers) only
            when there are fewer than this many.
        max_strlen : int, default=5
            Labels are cut to this many characters.
        do_n_k : bool, default=True
            Write "n = ..." and the number of clusters in the top margin.
        do_clus_stat : bool, default=True
            Write "j :  n_j  |  ave s_i" beside each cluster.
        **kwargs
            Passed to ``Axes.barh`` (a copy; they override the defaults).

        Returns
        -------
        matplotlib.axes.Axes
            The Axes drawn on. ``plt.show()`` is never called.

        Notes
        -----
        R: ``plot.silhouette(x, nmax.lab = 40, max.strlen = 5, main = NULL,
        sub = NULL, xlab = expression("Silhouette width " * s[i]), col = "gray",
        border = 0, do.n.k = TRUE, do.clus.stat = TRUE, ...)``.
        """
        return _plot_silhouette(self, ax=ax, color=color, main=main, sub=sub, xlab=xlab,
                                nmax_lab=nmax_lab, max_strlen=max_strlen, do_n_k=do_n_k,
                                do_clus_stat=do_clus_stat, kwargs=dict(kwargs))

    # -- printing ----------------------------------------------------------------------
    def __str__(self) -> str:
        return _print_silhouette(self)

    def __repr__(self) -> str:
        return (
            f"SilhouetteResult(n={self.n}, k={self.k}, avg_width={self.avg_width:.7g}, "
            f"ordered={self.ordered})"
        )

    def _repr_pretty_(self, p, cycle):
        p.text(repr(self) if cycle else str(self).rstrip("\n"))


@attrs.frozen(kw_only=True, repr=False)
class SilhouetteSummary:
    """R's ``summary(silhouette)``: per-cluster and overall widths.

    Attributes
    ----------
    si_summary : ndarray of shape (6,)
        ``summary()`` of all widths: Min., 1st Qu., Median, Mean, 3rd Qu.,
        Max. (see ``SI_SUMMARY_NAMES``; quartiles of R's type 7).
    clus_avg_widths : ndarray of shape (k,)
        Average width of each cluster, in increasing order of the codes.
    cluster_ids : ndarray of int64 of shape (k,)
        The codes, increasing (the names of R's ``clus.avg.widths``).
    clus_sizes : ndarray of int64 of shape (k,)
        Number of observations in each cluster (R's ``table(cl)``).
    avg_width : float
        The average of all widths.
    codes : tuple of int or None
        Copied from the result (R prints the ids when present).
    ordered : bool
        Copied from the result.
    """

    si_summary: np.ndarray = _array_field(_float_array)
    clus_avg_widths: np.ndarray = _array_field(_float_array)
    cluster_ids: np.ndarray = _array_field(_int_array)
    clus_sizes: np.ndarray = _array_field(_int_array)
    avg_width: float = attrs.field(converter=float)
    codes: tuple | None = attrs.field(default=None, converter=_optional_tuple)
    ordered: bool = False

    @property
    def n(self) -> int:
        """Number of observations."""
        return int(np.sum(self.clus_sizes))

    @property
    def k(self) -> int:
        """Number of clusters."""
        return len(self.clus_sizes)

    def to_frame(self):
        """One row per cluster: cluster, size, ave_sil_width (a fresh DataFrame)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "cluster": np.array(self.cluster_ids),
                "size": np.array(self.clus_sizes),
                "ave_sil_width": np.array(self.clus_avg_widths),
            }
        )

    def __str__(self) -> str:
        return _print_summary(self)

    def __repr__(self) -> str:
        sizes = ", ".join(str(int(s)) for s in self.clus_sizes)
        return (
            f"SilhouetteSummary(n={self.n}, k={self.k}, clus_sizes=[{sizes}], "
            f"avg_width={self.avg_width:.7g})"
        )

    def _repr_pretty_(self, p, cycle):
        p.text(repr(self) if cycle else str(self).rstrip("\n"))


# -- printing --------------------------------------------------------------------------


def _print_silhouette(s: SilhouetteResult) -> str:
    """R's ``print(s)``: the matrix, then its attributes (no ``call``)."""
    from . import _format

    m = np.column_stack(
        [np.asarray(s.cluster, dtype=np.float64), np.asarray(s.neighbor, dtype=np.float64),
         np.asarray(s.sil_width)]
    )
    names = None if s.row_names is None else [str(r) for r in s.row_names]
    out = [_format.print_matrix(m, row_names=names, col_names=["cluster", "neighbor", "sil_width"])]
    if s.codes is not None:
        out.append('attr(,"codes")\n')
        out.append(_format.print_vector(np.array(s.codes, dtype=np.int64)))
    if not s.ordered:
        out.append('attr(,"Ordered")\n[1] FALSE\n')
    out.append('attr(,"class")\n[1] "silhouette"\n')
    if s.ordered:
        if s.i_ord is not None:
            out.append('attr(,"iOrd")\n')
            out.append(_format.print_vector(np.asarray(s.i_ord) + 1))
        out.append('attr(,"Ordered")\n[1] TRUE\n')
    return "".join(out)


def _print_summary(sm: SilhouetteSummary) -> str:
    """R's ``print(summary(s))``, without the " from <call>" part."""
    from . import _format

    out = [f"Silhouette of {sm.n} units in {sm.k} clusters :\n"]
    if sm.codes is not None:
        ids = ", ".join(str(int(c)) for c in sm.codes)
        out.append(f" Cluster sizes, ids = ({ids}), and average silhouette widths:\n")
    else:
        out.append(" Cluster sizes and average silhouette widths:\n")
    out.append(
        _format.print_vector(np.asarray(sm.clus_avg_widths),
                             names=[str(int(v)) for v in sm.clus_sizes])
    )
    out.append("Individual silhouette widths:\n")
    out.append(
        _format.print_vector(_format.zapsmall(np.asarray(sm.si_summary), 7),
                             names=list(SI_SUMMARY_NAMES), digits=4)
    )
    return "".join(out)


# -- plotting ----------------------------------------------------------------------------


def _r_ave_label(value: float) -> str:
    """R's ``format(x, digits = 1, nsmall = 2)``."""
    from . import _format

    text = _format.format_real([value], 1)[0].strip()
    if "e" not in text and "." in text and len(text.split(".")[1]) >= 2:
        return text
    if "e" in text:
        return text
    return f"{value:.2f}"


def _r_character(value: float) -> str:
    """R's ``as.character`` of a double rounded to 2 places."""
    text = repr(float(value))
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _plot_silhouette(s: SilhouetteResult, *, ax, color, main, sub, xlab, nmax_lab, max_strlen,
                     do_n_k, do_clus_stat, kwargs):
    import matplotlib.pyplot as plt

    from ._format import r_round

    srt = s.sorted()
    n = srt.n
    widths = np.asarray(srt.sil_width)
    cl = np.asarray(srt.cluster)
    ids, starts, sizes = np.unique(cl, return_index=True, return_counts=True)
    k = len(ids)

    # bar centres, top to bottom: height 1, no gap within a cluster, 0.5 between
    centres = np.empty(n)
    pos = 0.0
    for c in range(k):
        if c:
            pos += 0.5
        a, b = starts[c], starts[c] + sizes[c]
        centres[a:b] = pos + 0.5 + np.arange(sizes[c])
        pos += sizes[c]
    total = pos

    if color is None:
        bar_colors: Any = R_GRAY
    elif isinstance(color, str) or _is_rgb_tuple(color):
        bar_colors = color
    else:
        colors = list(color)
        if len(colors) == k:
            bar_colors = [colors[int(np.searchsorted(ids, c))] for c in cl]
        elif len(colors) == n:
            bar_colors = colors
        else:
            raise InvalidArgumentError(
                f"'color' must be one colour, {k} colours (one per cluster) or {n} "
                f"(one per bar); got {len(colors)}"
            )

    new_figure = ax is None
    if new_figure:
        fig, ax = plt.subplots()
        # room for the header lines above and the footer below, as R's margins
        fig.subplots_adjust(top=0.84, bottom=0.2)
    # R's border = 0 is the background colour: thin white lines between bars
    options = {"height": 1.0, "color": bar_colors, "edgecolor": "white", "linewidth": 0.5}
    options.update(kwargs)
    ax.barh(centres, widths, **options)

    lo = min(0.0, float(widths.min()))
    ax.set_xlim(lo, 1.0)
    ax.set_ylim(total + 0.5, -0.5)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    if n < nmax_lab:
        names = srt.row_names if srt.row_names is not None else [str(i + 1) for i in range(n)]
        ax.set_yticks(centres)
        ax.set_yticklabels([str(v)[:max_strlen] for v in names])
        ax.tick_params(axis="y", length=0)
    else:
        ax.set_yticks([])
    ax.set_xlabel(xlab)
    ax.set_title("Silhouette plot" if main is None else main, loc="left", fontweight="bold",
                 pad=28 if do_n_k else 6)

    avg_all = _r_mean(widths)
    if sub is None:
        sub = "Average silhouette width : " + " " + _r_character(r_round(avg_all, 2))
    ax.annotate(sub, xy=(0, 0), xycoords="axes fraction", xytext=(0, -42),
                textcoords="offset points", ha="left", va="top")

    if do_n_k:
        ax.annotate(f"n = {n}", xy=(0, 1), xycoords="axes fraction", xytext=(0, 14),
                    textcoords="offset points", ha="left", va="bottom")
        ax.annotate(f"{k}  clusters  $C_j$", xy=(1, 1), xycoords="axes fraction",
                    xytext=(0, 16), textcoords="offset points", ha="right", va="bottom")
        ax.annotate(r"$j$ :  $n_j$ | $\mathrm{ave}_{i \in C_j}\ s_i$", xy=(1, 1),
                    xycoords="axes fraction", xytext=(0, 2), textcoords="offset points",
                    ha="right", va="bottom")
    if do_clus_stat:
        for c in range(k):
            a, b = starts[c], starts[c] + sizes[c]
            ave = _r_mean(widths[a:b])
            label = " ".join([str(int(ids[c])), ":  ", str(int(sizes[c])), " | ",
                              _r_ave_label(ave)])
            ax.text(1.0, float(centres[a:b].mean()), label, ha="right", va="center",
                    transform=ax.transData)
    return ax


def _is_rgb_tuple(color) -> bool:
    return (isinstance(color, tuple) and len(color) in (3, 4)
            and all(isinstance(v, numbers.Real) for v in color))


# -- input checks (at the public edge) ------------------------------------------------------


def _codes_of(x) -> tuple[np.ndarray, tuple | None]:
    """Integer cluster codes and their labels (from a Series index), or an error."""
    from .kmeans import KMeansResult
    from ._validation import _is_default_index

    if isinstance(x, KMeansResult):
        x = x.cluster
    names = None
    if is_series(x):
        if not _is_default_index(x.index):
            names = tuple(x.index)
        if x.dtype.name == "category":
            raise InvalidTypeError(
                "'x' must be integer cluster codes; got a categorical Series (R: 'round' not "
                "meaningful for factors); use x.cat.codes + 1"
            )
        if x.dtype.kind == "O" or not isinstance(x.dtype, np.dtype):
            # nullable/extension dtypes: pd.NA becomes NaN, reported below
            try:
                values = x.to_numpy(dtype=np.float64, na_value=np.nan)
            except (TypeError, ValueError):
                values = x.to_numpy()
        else:
            values = x.to_numpy()
    elif is_dataframe(x):
        raise InvalidTypeError(
            "'x' must be a vector of cluster codes; got a DataFrame (pass one column, or the "
            "observations as data=)"
        )
    else:
        try:
            values = np.asarray(x)
        except (TypeError, ValueError) as exc:
            raise InvalidTypeError(
                f"'x' must be integer cluster codes or a KMeansResult; could not read "
                f"{type(x).__name__}: {exc}"
            ) from None
    if values.ndim != 1:
        raise InvalidArgumentError(
            f"'x' must be a 1-d vector of cluster codes; got shape {values.shape}"
        )
    kind = values.dtype.kind
    if kind in "iu":
        return values.astype(np.int64), names
    if kind == "b":
        raise InvalidTypeError("'x' must only have integer codes; got booleans")
    if kind == "O":
        try:
            values = values.astype(np.float64)
        except (TypeError, ValueError):
            raise InvalidTypeError(
                "'x' must only have integer codes; got non-numeric values"
            ) from None
        kind = "f"
    if kind != "f":
        raise InvalidTypeError(
            f"'x' must only have integer codes; got values of dtype {values.dtype}"
        )
    bad = ~np.isfinite(values) | (values != np.round(values)) | (np.abs(values) >= 2.0**62)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InvalidArgumentError(
            f"'x' must only have integer codes; got {float(values[i])!r} at element {i + 1} "
            "(1-based)"
        )
    return values.astype(np.int64), names


def _check_values(values: np.ndarray, what: str, where) -> None:
    """NaN, negative or infinite dissimilarities are errors, naming the first."""
    from ._kernels import _silhouette

    at = _silhouette.first_bad(values.reshape(-1))
    if at < 0:
        return
    v = float(values.reshape(-1)[at])
    kind = "NaN" if math.isnan(v) else ("infinite" if math.isinf(v) else "negative")
    raise InvalidArgumentError(
        f"'{what}' has a {kind} dissimilarity ({v!r} {where(at)}); dissimilarities must be "
        "finite and non-negative"
    )


def _incompatible(what: str, n_codes: int, n_obs: int, unit: str) -> InvalidArgumentError:
    return InvalidArgumentError(
        f"clustering 'x' and dissimilarity '{what}' are incompatible: 'x' has {n_codes} codes "
        f"but '{what}' has {n_obs} {unit}"
    )


def _threads(n_threads) -> int:
    if n_threads is None:
        return 0
    return check_int(n_threads, "n_threads", minimum=1)


# -- the public function ---------------------------------------------------------------


def silhouette(x, dist=None, *, dmatrix=None, data=None, n_threads: int | None = None
               ) -> SilhouetteResult:
    """Silhouette widths of a clustering, with R's results.

    Parameters
    ----------
    x : array-like of int of shape (n,), Series, or KMeansResult
        Cluster codes: any integers (floats with integral values are
        accepted, as in R). A :class:`~statkmeans.KMeansResult` stands for its
        ``cluster``. A Series' index gives the row names.
    dist : Dist or array-like of shape (n * (n - 1) / 2,), optional
        Dissimilarities: a :class:`~statkmeans.Dist` (from
        :func:`statkmeans.dist`) or a condensed vector such as scipy's
        ``pdist(X)`` (same order as R's ``dist``).
    dmatrix : array-like or DataFrame of shape (n, n), optional
        A full dissimilarity matrix. As in R only its lower triangle
        ``dmatrix[i, j]``, i > j, is used.
    data : array-like or DataFrame of shape (n, p), optional
        The observations: Euclidean distances (R's ``dist(data)``) are
        computed on the fly, block by block; no n-by-n matrix is ever made.
        The fastest and leanest form.
    n_threads : int, optional
        OpenMP threads (default: all cores). Results do not depend on it.

    Exactly one of ``dist``, ``dmatrix`` and ``data`` must be given.

    Returns
    -------
    SilhouetteResult
        ``cluster``, ``neighbor`` and ``sil_width`` of each observation, in the
        original order; ``.summary()``, ``.sorted()``, ``.plot()``,
        ``.to_frame()``.

    Raises
    ------
    InvalidArgumentError
        None or more than one of dist/dmatrix/data; non-integer codes; a
        single cluster, or as many clusters as observations (R returns NA
        there); codes and observations of different counts; a dmatrix that
        is not square; NaN, negative or infinite dissimilarities or data.
    InvalidTypeError
        Codes or dissimilarities that are not numbers.

    Warns
    -----
    StatKMeansWarning
        ``dmatrix`` is not symmetric (its lower triangle is used, as in R).

    See Also
    --------
    statkmeans.dist : R's ``dist``.
    statkmeans.kmeans

    Notes
    -----
    R: ``cluster::silhouette(x, dist, dmatrix, ...)`` (default method).

    For each observation i in cluster A: a(i) is the mean dissimilarity to
    the other members of A, and for every other cluster C, d(i, C) is the
    mean dissimilarity to the members of C; b(i) = min over C of d(i, C),
    attained at the neighbour (the smallest code on ties), and
    s(i) = (b(i) - a(i)) / max(a(i), b(i)), or 0 if i is alone in A or
    a(i) == b(i). Sums run over the members in increasing index order in
    double precision, so the widths equal R's bit for bit (also with
    ``data=``: the on-the-fly distances are R's ``dist`` values). Codes that
    are not exactly 1..k are handled as R does (results keep the original
    codes; ``codes`` lists them).

    Differences from R:

    * A single cluster or k == n is an error (R returns a bare ``NA``).
    * A :class:`~statkmeans.KMeansResult` is accepted for ``x`` (R fails on
      a kmeans object; users pass ``km$cluster``).
    * ``data=`` is new (R needs ``dist(data)``, n(n-1)/2 doubles).
    * Negative or infinite dissimilarities are errors (R computes with them).
    * Row names are kept when known (R drops them).
    * A ``dist`` must be a ``Dist`` or a condensed vector; a square matrix
      goes to ``dmatrix=`` (R's ``as.dist`` would take either).
    * No ``call`` is stored, so printed summaries omit R's " from <call>"
      part (as R does for an object without a call) and plots are titled
      "Silhouette plot".

    Tested against R 4.2.2 / cluster 2.1.4 (fixtures in
    ``tests/r_reference``).

    References
    ----------
    Rousseeuw, P. J. (1987). Silhouettes: A graphical aid to the
    interpretation and validation of cluster analysis. Journal of
    Computational and Applied Mathematics 20, 53-65.

    Examples
    --------
    >>> from statkmeans import kmeans, load_dataset, set_seed, silhouette
    >>> X = load_dataset("USArrests")
    >>> set_seed(1)
    >>> km = kmeans(X, 3, nstart=5)
    >>> s = silhouette(km, data=X)
    >>> s.summary().clus_avg_widths.round(7)
    array([0.5398248, 0.5220297, 0.5373111])
    >>> round(s.avg_width, 7)
    0.5319024
    >>> s.sorted().row_names[:2]
    ('Missouri', 'Tennessee')

    ``print(s.summary())`` prints R's summary; ``s.plot()`` draws R's
    silhouette plot.
    """
    given = [name for name, v in (("dist", dist), ("dmatrix", dmatrix), ("data", data))
             if v is not None]
    if not given:
        raise InvalidArgumentError(
            "Need either a dissimilarity 'dist' or diss.matrix 'dmatrix' (or the "
            "observations as 'data')"
        )
    if len(given) > 1:
        raise InvalidArgumentError(
            f"give exactly one of 'dist', 'dmatrix' or 'data'; got {' and '.join(given)}"
        )
    codes_given, names = _codes_of(x)
    n = len(codes_given)
    ids, cl0 = np.unique(codes_given, return_inverse=True)
    k = len(ids)
    threads = _threads(n_threads)
    if k < 2:
        what = f"code {int(ids[0])}" if k else "no codes"
        raise InvalidArgumentError(
            f"silhouette needs at least 2 clusters; 'x' has a single cluster ({what}). "
            "R returns NA here"
        )

    from ._kernels import _silhouette

    if dist is not None:
        if isinstance(dist, Dist):
            values = np.ascontiguousarray(dist.values, dtype=np.float64)
            n_obs = dist.size
            labels = dist.labels
        else:
            if isinstance(dist, (str, bytes)):
                raise InvalidTypeError(f"'dist' must be a Dist or a condensed vector; got {dist!r}")
            arr = np.asarray(dist) if not is_dataframe(dist) else None
            if arr is None or (arr.ndim == 2 and arr.dtype.kind in "iuf"):
                raise InvalidArgumentError(
                    "'dist' must be a Dist or a condensed vector (scipy's pdist); got a "
                    "matrix: pass a square matrix as dmatrix="
                )
            values = _float_vector(dist, "dist")
            size = _size_from_length(len(values))
            if size is None:
                raise InvalidArgumentError(
                    f"'dist' of length {len(values)} is not a condensed distance vector (its "
                    "length must be n(n-1)/2)"
                )
            n_obs, labels = size, None
        if n_obs != n:
            raise _incompatible("dist", n, n_obs, "observations")
        _check_k(k, n)
        _check_values(values, "dist",
                      lambda at: "between observations %d and %d, 1-based" % _pair_of(at, n))
        size_arr = np.bincount(cl0, minlength=k).astype(np.int64)
        nb, s, _ = _silhouette.widths_dist(values, n, cl0.astype(np.int32), k, size_arr,
                                           False, threads)
    elif dmatrix is not None:
        labels = None
        if is_dataframe(dmatrix):
            from ._validation import _is_default_index

            if not _is_default_index(dmatrix.index):
                labels = tuple(dmatrix.index)
        m = _float_matrix(dmatrix, "dmatrix")
        if m.shape != (n, n):
            raise InvalidArgumentError(
                "'dmatrix' is not a dissimilarity matrix compatible to 'x': it must be "
                f"{n}-by-{n} ('x' has {n} codes); got shape {m.shape}"
            )
        _check_k(k, n)
        _check_values(m, "dmatrix",
                      lambda at: "at [%d, %d], 1-based" % (at // n + 1, at % n + 1))
        asym = _silhouette.first_asymmetric(m)
        if asym is not None:
            i, j = asym
            warnings.warn(
                f"'dmatrix' is not symmetric (dmatrix[{i + 1}, {j + 1}] != dmatrix[{j + 1}, "
                f"{i + 1}], 1-based); its lower triangle is used, as R does",
                StatKMeansWarning,
                stacklevel=2,
            )
        size_arr = np.bincount(cl0, minlength=k).astype(np.int64)
        nb, s, _ = _silhouette.widths_dmatrix(m, cl0.astype(np.int32), k, size_arr, False,
                                              threads)
    else:
        mat = as_matrix(data, "data")
        if mat.n != n:
            raise _incompatible("data", n, mat.n, "rows")
        _check_k(k, n)
        labels = mat.row_names
        size_arr = np.bincount(cl0, minlength=k).astype(np.int64)
        nb, s, _ = _silhouette.widths_data(mat.values, cl0.astype(np.int32), k, size_arr,
                                           False, threads)

    recoded = not np.array_equal(ids, np.arange(1, k + 1))
    return SilhouetteResult(
        cluster=codes_given,
        neighbor=ids[nb],
        sil_width=s,
        row_names=names if names is not None else labels,
        codes=tuple(int(c) for c in ids) if recoded else None,
    )


def _check_k(k: int, n: int) -> None:
    if k >= n:
        raise InvalidArgumentError(
            f"every observation is its own cluster (k = n = {n}): silhouette widths are "
            "undefined. R returns NA here"
        )
