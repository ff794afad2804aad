"""Silhouette widths with R's numbers: ``silhouette`` and its results.

Mirrors ``cluster::silhouette`` (cluster 2.1.4), ``summary.silhouette``,
``sortSilhouette`` and ``plot.silhouette``; see ``docs/r-behaviour.md``
section 9 for the behaviour reproduced here. The widths come from compiled
kernels that sum the dissimilarities in R's order, so they equal R's bit for
bit; from raw observations (``data=``) the Euclidean distances are computed
on the fly and never stored.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from . import _engine
from ._results import (
    PrettyPrinted,
    format_column,
    frozen_field,
    html_details,
    html_pre,
    html_table,
    html_text,
    int_list,
)
from ._rstats import quantiles7, r_mean
from ._typing import ArrayLike
from ._validation import (
    as_condensed,
    as_float_matrix,
    as_matrix,
    check_cluster_codes,
    check_dissimilarities,
    check_dmatrix_shape,
    check_n_threads,
    check_one_dissimilarity,
    check_same_count,
    check_silhouette_k,
    check_two_clusters,
    is_dataframe,
    is_default_index,
    keyword_only,
)
from .exceptions import InvalidArgumentError, StatKMeansWarning

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["SilhouetteResult", "SilhouetteSummary", "silhouette"]

#: Names of ``SilhouetteSummary.si_summary``, as R's ``summary()`` labels them.
SI_SUMMARY_NAMES = ("Min.", "1st Qu.", "Median", "Mean", "3rd Qu.", "Max.")
HTML_ROWS = 1000  # Jupyter shows R's printed matrix up to this many rows


def _optional_tuple(value: Any) -> tuple[Any, ...] | None:
    return None if value is None else tuple(value)


def _take(values: Any, order: np.ndarray) -> Any:
    """values[order], keeping a Series' labels with their values."""
    return values.iloc[order] if hasattr(values, "iloc") else np.asarray(values)[order]


# R's column names of a silhouette matrix.
_MATRIX_COLUMNS = ("cluster", "neighbor", "sil_width")


# -- the result ------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class SilhouetteResult(PrettyPrinted):
    """The result of :func:`silhouette`: R's ``"silhouette"`` matrix, frozen.

    The three columns of R's n-by-3 matrix are fields; R's attributes
    ``codes``, ``Ordered`` and ``iOrd`` are ``codes``, ``ordered`` and
    ``i_ord``. Arrays are read-only.

    The result also behaves as R's matrix where R code indexes it:
    ``np.asarray(s)`` is the n-by-3 float array (columns cluster, neighbor,
    sil_width), ``s[:, 2]`` (R's ``s[, 3]``) and ``s[:, "sil_width"]`` (R's
    ``s[, "sil_width"]``) its columns, ``s[i]`` a row, ``s.shape`` is
    ``(n, 3)`` and ``len(s)`` is n. ``s.avg_width`` is R's
    ``mean(s[, 3])`` to the last bit (an extended-precision sum); numpy's
    ``s[:, 2].mean()`` sums differently and may differ in the last bit.

    Attributes
    ----------
    cluster : ndarray of int64 of shape (n,), or Series
        Cluster code of each observation (the codes given, as in R).
    neighbor : ndarray of int64 of shape (n,), or Series
        The neighbouring cluster: the other cluster with the smallest mean
        dissimilarity (the smallest code on ties). Reported for singletons too.
    sil_width : ndarray of float64 of shape (n,), or Series
        Silhouette width s(i) = (b(i) - a(i)) / max(a(i), b(i)); 0 for an
        observation alone in its cluster, and when a(i) == b(i).

        The three are pandas Series on the observations' index when the
        clustering or the data came as pandas objects (a Series of codes, a
        KMeansResult of a DataFrame, ``data=`` or ``dmatrix=`` as a
        DataFrame), else numpy arrays.
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

    cluster: Any = frozen_field(np.int64)
    neighbor: Any = frozen_field(np.int64)
    sil_width: Any = frozen_field(np.float64)
    row_names: tuple[Any, ...] | None = attrs.field(default=None, converter=_optional_tuple)
    codes: tuple[int, ...] | None = attrs.field(default=None, converter=_optional_tuple)
    ordered: bool = False
    i_ord: np.ndarray | None = frozen_field(np.int64, optional=True)

    def __attrs_post_init__(self) -> None:
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
        return r_mean(np.asarray(self.sil_width))

    # -- R's matrix ---------------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, int]:
        """``(n, 3)``, as R's ``dim(s)``."""
        return (self.n, 3)

    def __len__(self) -> int:
        return self.n

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        out = np.column_stack([np.asarray(self.cluster, dtype=np.float64),
                               np.asarray(self.neighbor, dtype=np.float64),
                               np.asarray(self.sil_width, dtype=np.float64)])
        return out if dtype is None else out.astype(dtype)

    def __getitem__(self, key: Any) -> Any:
        """Index as R's n-by-3 matrix: ``s[:, 2]``, ``s[:, "sil_width"]``, ``s[i]``."""
        if isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], str):
            if key[1] not in _MATRIX_COLUMNS:
                raise InvalidArgumentError(
                    f"no column {key[1]!r}: a silhouette has the columns "
                    f"{', '.join(_MATRIX_COLUMNS)}"
                )
            key = (key[0], _MATRIX_COLUMNS.index(key[1]))
        try:
            return np.asarray(self)[key]
        except IndexError as exc:
            raise InvalidArgumentError(
                f"{exc} (a silhouette is an n-by-3 matrix, n = {self.n})") from None

    def to_frame(self) -> pd.DataFrame:
        """A DataFrame with columns cluster, neighbor, sil_width (R's matrix).

        Indexed by the observations' pandas index when the fields are
        Series, else by ``row_names`` when known, else by a default 0..n-1
        index.

        Returns
        -------
        DataFrame
            A new frame on each call.
        """
        import pandas as pd

        index = getattr(self.sil_width, "index", None)
        if index is None and self.row_names is not None:
            index = list(self.row_names)
        frame: pd.DataFrame = pd.DataFrame(
            {
                "cluster": np.array(self.cluster),
                "neighbor": np.array(self.neighbor),
                "sil_width": np.array(self.sil_width),
            },
            index=index,
        )
        return frame

    # -- R's methods -------------------------------------------------------------------
    def summary(self, fun: Callable[[np.ndarray], float] | None = None) -> SilhouetteSummary:
        """R's ``summary(s, FUN = mean)``.

        Parameters
        ----------
        fun : callable, optional
            Summary of a vector of widths, for the per-cluster and overall
            values; default R's ``mean`` (extended-precision, two passes).

        Returns
        -------
        SilhouetteSummary
            Its ``print`` is R's ``print(summary(s))``.
        """
        f = r_mean if fun is None else fun
        widths = np.asarray(self.sil_width)
        cluster = np.asarray(self.cluster)
        ids, sizes = np.unique(cluster, return_counts=True)
        avg = [float(f(widths[cluster == c])) for c in ids]
        q = quantiles7(widths)
        si = [q[0], q[1], q[2], r_mean(widths), q[3], q[4]]
        return SilhouetteSummary(
            si_summary=np.asarray(si, dtype=np.float64),
            clus_avg_widths=np.asarray(avg, dtype=np.float64),
            cluster_ids=ids,
            clus_sizes=sizes,
            avg_width=float(f(widths)),
            codes=self.codes,
            ordered=self.ordered,
        )

    def sorted(self) -> SilhouetteResult:
        """R's ``sortSilhouette(s)``: by cluster, then by decreasing width.

        Ties keep the original order. ``row_names`` become the labels (or
        "1".."n" when there were none) in the new order, ``i_ord`` records the
        permutation and ``ordered`` is True. An ordered result is returned
        unchanged.

        Returns
        -------
        SilhouetteResult
            The sorted widths.
        """
        if self.ordered:
            return self
        order = np.lexsort((-np.asarray(self.sil_width), np.asarray(self.cluster)))
        names = self.row_names if self.row_names is not None else tuple(
            str(i) for i in range(1, self.n + 1)
        )
        return SilhouetteResult(
            cluster=_take(self.cluster, order),
            neighbor=_take(self.neighbor, order),
            sil_width=_take(self.sil_width, order),
            row_names=tuple(names[i] for i in order),
            codes=self.codes,
            ordered=True,
            i_ord=order,
        )

    @keyword_only("ax")
    def plot(self, *, ax: Axes | None = None, color: Any = None, main: str | None = None,
             sub: str | None = None, xlab: str = "Silhouette width $s_i$", nmax_lab: int = 40,
             max_strlen: int = 5, do_n_k: bool = True, do_clus_stat: bool = True,
             **kwargs: Any) -> Axes:
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
            Unknown options raise InvalidArgumentError before anything is
            drawn.

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
        from .plots.silhouette import plot_r_silhouette

        return plot_r_silhouette(self, ax=ax, color=color, main=main, sub=sub, xlab=xlab,
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

    def _html_parts(self) -> list[str]:
        """Jupyter: the summary's tables, then R's printed matrix folded (up to HTML_ROWS rows)."""
        parts = self.summary()._html_parts()
        if self.n <= HTML_ROWS:
            parts.append(html_details(f"The {self.n} x 3 matrix (print)", html_pre(str(self))))
        else:
            parts.append(html_text(f"The {self.n} x 3 matrix: print(s) or s.to_frame()."))
        return parts



@attrs.frozen(kw_only=True, repr=False)
class SilhouetteSummary(PrettyPrinted):
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

    si_summary: np.ndarray = frozen_field(np.float64)
    clus_avg_widths: np.ndarray = frozen_field(np.float64)
    cluster_ids: np.ndarray = frozen_field(np.int64)
    clus_sizes: np.ndarray = frozen_field(np.int64)
    avg_width: float = attrs.field(converter=float)
    codes: tuple[int, ...] | None = attrs.field(default=None, converter=_optional_tuple)
    ordered: bool = False

    @property
    def n(self) -> int:
        """Number of observations."""
        return int(np.sum(self.clus_sizes))

    @property
    def k(self) -> int:
        """Number of clusters."""
        return len(self.clus_sizes)

    def to_frame(self) -> pd.DataFrame:
        """One row per cluster: cluster, size, ave_sil_width.

        Returns
        -------
        DataFrame
            A new frame on each call.
        """
        import pandas as pd

        frame: pd.DataFrame = pd.DataFrame(
            {
                "cluster": np.array(self.cluster_ids),
                "size": np.array(self.clus_sizes),
                "ave_sil_width": np.array(self.clus_avg_widths),
            }
        )
        return frame

    def __str__(self) -> str:
        return _print_summary(self)

    def __repr__(self) -> str:
        sizes = int_list(self.clus_sizes)
        return (
            f"SilhouetteSummary(n={self.n}, k={self.k}, clus_sizes=[{sizes}], "
            f"avg_width={self.avg_width:.7g})"
        )

    def _html_parts(self) -> list[str]:
        """Jupyter: a table of the clusters' sizes and widths, one of the widths' summary."""
        from . import _format

        caption = "Cluster sizes and average silhouette widths"
        if self.codes is not None:
            caption += f" (ids = {', '.join(str(int(c)) for c in self.codes)})"
        widths = _format.zapsmall(np.asarray(self.si_summary), 7)
        return [
            html_text(f"Silhouette of {self.n} units in {self.k} clusters", strong=True),
            html_table([("size", format_column(self.clus_sizes)),
                        ("average width", format_column(self.clus_avg_widths))],
                       row_names=[str(int(c)) for c in self.cluster_ids],
                       row_header="cluster", caption=caption),
            html_table([(name, [cell]) for name, cell in
                        zip(SI_SUMMARY_NAMES, format_column(widths, 4))],
                       caption="Individual silhouette widths"),
        ]



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
        ids = int_list(sm.codes)
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


# -- the public function ---------------------------------------------------------------


def silhouette(x: Any, dist: Any = None, *, dmatrix: ArrayLike | None = None,
               data: ArrayLike | None = None, n_threads: int | None = None
               ) -> SilhouetteResult:
    """Silhouette widths of a clustering, with R's results.

    The dissimilarities come from exactly one of ``dist``, ``dmatrix`` and
    ``data``.

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
    check_one_dissimilarity(dist=dist, dmatrix=dmatrix, data=data)
    codes_given, names, index = check_cluster_codes(x)
    n = len(codes_given)
    ids, inverse = np.unique(codes_given, return_inverse=True)
    cl0 = inverse.reshape(-1).astype(np.int32)
    k = len(ids)
    threads = _engine.resolve_threads(check_n_threads(n_threads))
    check_two_clusters(ids)

    from ._kernels import _silhouette

    size_arr = np.bincount(cl0, minlength=k).astype(np.int64)
    labels: tuple[Any, ...] | None
    if dist is not None:
        values, n_obs, labels = as_condensed(dist, "dist")
        check_same_count("dist", n, n_obs, "observations")
        check_silhouette_k(k, n)
        check_dissimilarities(
            values, "dist",
            lambda at: "between observations %d and %d, 1-based" % _pair_of(at, n))
        nb, s, _ = _silhouette.widths_dist(values, n, cl0, k, size_arr, False, threads)
    elif dmatrix is not None:
        labels = None
        if is_dataframe(dmatrix):
            if not is_default_index(dmatrix.index):
                labels = tuple(dmatrix.index)
            if index is None:
                index = dmatrix.index
        m = as_float_matrix(dmatrix, "dmatrix")
        check_dmatrix_shape(m.shape, n)
        check_silhouette_k(k, n)
        check_dissimilarities(m, "dmatrix",
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
        nb, s, _ = _silhouette.widths_dmatrix(m, cl0, k, size_arr, False, threads)
    else:
        mat = as_matrix(data, "data")
        check_same_count("data", n, mat.n, "rows")
        check_silhouette_k(k, n)
        labels = mat.row_names
        if index is None and mat.index is not None:
            index = mat.index
        nb, s, _ = _silhouette.widths_data(mat.values, cl0, k, size_arr, False, threads)

    recoded = not np.array_equal(ids, np.arange(1, k + 1))
    cluster: Any = codes_given
    neighbor: Any = ids[nb]
    widths: Any = s
    if index is not None:
        import pandas as pd

        cluster = pd.Series(cluster, index=index, name="cluster")
        neighbor = pd.Series(neighbor, index=index, name="neighbor")
        widths = pd.Series(widths, index=index, name="sil_width")
    return SilhouetteResult(
        cluster=cluster,
        neighbor=neighbor,
        sil_width=widths,
        row_names=names if names is not None else labels,
        codes=tuple(int(c) for c in ids) if recoded else None,
    )


def _pair_of(index: int, n: int) -> tuple[int, int]:
    """1-based (i, j), i < j, of the condensed position ``index`` (0-based)."""
    i = 0
    row = n - 1
    while index >= row:
        index -= row
        i += 1
        row -= 1
    return i + 1, i + index + 2
