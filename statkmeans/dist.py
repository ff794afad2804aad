"""Distance matrices: R's ``stats::dist`` and its ``"dist"`` object.

``dist(x, method)`` computes the n(n-1)/2 pairwise distances between the
rows of ``x`` with R's arithmetic and stores them in R's condensed order
(the lower triangle column by column: d(2,1), d(3,1), ..., d(n,1),
d(3,2), ...). That sequence is also scipy's ``pdist`` order (the upper
triangle row by row: d(1,2), d(1,3), ...), so a ``pdist`` vector and
``Dist.values`` are interchangeable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import attrs
import numpy as np

from . import _engine
from ._results import PrettyPrinted, frozen_field, html_pre, html_table, html_text
from ._typing import ArrayLike
from ._validation import (
    as_float_matrix,
    as_float_vector,
    as_matrix,
    check_choice,
    check_n_threads,
    check_positive,
    condensed_size,
    is_dataframe,
    is_default_index,
)
from .exceptions import InvalidArgumentError, InvalidTypeError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Dist", "dist"]

METHODS = ("euclidean", "maximum", "manhattan", "canberra", "binary", "minkowski")
HTML_SIZE = 30  # Jupyter shows the triangle as a table up to this many observations


def _labels(value: Iterable[Any] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(str(v) for v in value)


@attrs.frozen(kw_only=True, repr=False)
class Dist(PrettyPrinted):
    """Pairwise dissimilarities in condensed storage: R's ``"dist"`` object.

    Build one with :func:`dist`, :meth:`from_condensed` (a scipy ``pdist``
    vector) or :meth:`from_matrix` (R's ``as.dist``). Immutable; ``values``
    is read-only.

    Attributes
    ----------
    values : ndarray of shape (size * (size - 1) / 2,)
        The distances in R's order: d(2,1), d(3,1), ..., d(n,1), d(3,2), ...
        (equivalently scipy's: d(1,2), d(1,3), ..., d(1,n), d(2,3), ...).
    size : int
        Number of observations n (R's ``attr(d, "Size")``).
    labels : tuple of str or None
        Observation labels (R's ``Labels``), None when the data had none.
    method : str or None
        The distance method, None when not computed by :func:`dist`.
    p : float or None
        The Minkowski power (``method="minkowski"`` only).
    diag, upper : bool
        Print the diagonal / the upper triangle too (R's ``Diag``/``Upper``).

    Notes
    -----
    There is deliberately no ``__array__``: ``np.asarray(d)`` would have to
    choose between the condensed vector and the square matrix. Use
    ``d.values`` (condensed) or :meth:`to_matrix` (square).
    """

    values: np.ndarray = frozen_field(np.float64, flat=True, repr=True)
    size: int = attrs.field(converter=int)
    labels: tuple[str, ...] | None = attrs.field(default=None, converter=_labels)
    method: str | None = None
    p: float | None = None
    diag: bool = attrs.field(default=False, converter=bool)
    upper: bool = attrs.field(default=False, converter=bool)

    @size.validator
    def _check_size(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value < 0 or value * (value - 1) // 2 != len(self.values):
            raise InvalidArgumentError(
                f"'size' ({value}) does not match the {len(self.values)} stored distances; "
                "n observations have n(n-1)/2 distances"
            )

    @labels.validator
    def _check_labels(self, attribute: attrs.Attribute[tuple[str, ...] | None],
                      value: tuple[str, ...] | None) -> None:
        if value is not None and len(value) != self.size:
            raise InvalidArgumentError(
                f"'labels' must have one label per observation ({self.size}); got {len(value)}"
            )

    # -- constructors -----------------------------------------------------------
    @classmethod
    def from_condensed(cls, values: ArrayLike, *,
                       labels: Sequence[Any] | None = None) -> "Dist":
        """A ``Dist`` from a condensed vector (scipy ``pdist`` or R's order).

        Parameters
        ----------
        values : array-like of shape (n * (n - 1) / 2,)
            The distances; they are not checked (:func:`statkmeans.silhouette`
            checks what it uses).
        labels : sequence, optional
            One label per observation.
        """
        arr = as_float_vector(values, "values")
        n = condensed_size(len(arr))
        if n is None:
            raise InvalidArgumentError(
                f"'values' of length {len(arr)} is not a condensed distance vector: its "
                "length must be n(n-1)/2 for some n (1, 3, 6, 10, ...)"
            )
        return cls(values=arr, size=n, labels=labels)

    @classmethod
    def from_matrix(cls, m: ArrayLike, *, labels: Sequence[Any] | None = None) -> "Dist":
        """R's ``as.dist(m)``: the lower triangle of a square matrix.

        Only ``m[i, j]`` with i > j is used (the diagonal and the upper
        triangle are ignored, as in R).

        Parameters
        ----------
        m : array-like or DataFrame of shape (n, n)
            The square matrix.
        labels : sequence, optional
            The observations' labels; default a DataFrame's index.

        Returns
        -------
        Dist
            The dissimilarities of the lower triangle.
        """
        if labels is None and is_dataframe(m) and not is_default_index(m.index):
            labels = [str(v) for v in m.index]
        arr = as_float_matrix(m, "m")
        n = arr.shape[0]
        if arr.shape != (n, n):
            raise InvalidArgumentError(f"'m' must be a square matrix; got shape {arr.shape}")
        i, j = _lower_indices(n)
        return cls(values=arr[i, j], size=n, labels=labels)

    # -- conversions ------------------------------------------------------------
    def to_matrix(self) -> np.ndarray:
        """R's ``as.matrix(d)``: the symmetric n-by-n matrix, zeros on the diagonal.

        Returns
        -------
        ndarray of float64 of shape (n, n)
            A new array.
        """
        n = self.size
        out = np.zeros((n, n), dtype=np.float64)
        i, j = _lower_indices(n)
        out[i, j] = self.values
        out[j, i] = self.values
        return out

    def to_frame(self) -> pd.DataFrame:
        """The square matrix as a DataFrame labelled by ``labels`` (or 1..n).

        Returns
        -------
        DataFrame
            A new n-by-n frame.
        """
        import pandas as pd

        names = list(self.labels) if self.labels is not None else list(range(1, self.size + 1))
        frame: pd.DataFrame = pd.DataFrame(self.to_matrix(), index=names, columns=names)
        return frame

    def __array__(self, dtype: Any = None, copy: Any = None) -> NoReturn:
        raise InvalidTypeError(
            "a Dist has no single array form: use d.values for the condensed vector "
            "(scipy's pdist order) or d.to_matrix() for the square matrix"
        )

    # -- printing -----------------------------------------------------------------
    def to_string(self, digits: int = 7, *, diag: bool | None = None,
                  upper: bool | None = None, width: int = 80) -> str:
        """R's ``print(d, diag, upper, digits)`` as text.

        Parameters
        ----------
        digits : int, default=7
            Significant digits (all distances share one format).
        diag, upper : bool, optional
            Show the diagonal / the upper triangle; default: the object's.
        width : int, default=80
            R's ``width`` option: columns are split into blocks of lines
            shorter than this.

        Returns
        -------
        str
            The printed lines, each ending in a newline.
        """
        return _print_dist(
            self,
            digits,
            self.diag if diag is None else bool(diag),
            self.upper if upper is None else bool(upper),
            width,
        )

    def __str__(self) -> str:
        return self.to_string()

    def __repr__(self) -> str:
        bits = [f"size={self.size}", f"method={self.method!r}"]
        if self.p is not None:
            bits.append(f"p={self.p:g}")
        if self.labels is not None:
            shown = ", ".join(repr(v) for v in self.labels[:3])
            bits.append(f"labels=({shown}{', ...' if self.size > 3 else ''})")
        return f"Dist({', '.join(bits)})"

    def _html_parts(self) -> list[str]:
        """Jupyter: for small n the lower triangle as a table (R's print), else one line."""
        from . import _format

        n = self.size
        if n > HTML_SIZE:
            return [html_text(f"{self.method} dissimilarities of {n} observations "
                              f"({n * (n - 1) // 2} values): print(d) shows them all"),
                    html_pre(repr(self))]
        if n <= 1:
            return [html_pre(str(self))]
        values = np.asarray(self.values)
        cells = [c.strip() for c in _format.format_real(np.append(values, 0.0),
                                                        na=np.append(np.isnan(values), False))]
        labels = list(self.labels) if self.labels is not None else [str(i) for i in range(1, n + 1)]
        grid = [[""] * (n - 1) for _ in range(n - 1)]
        i, j = _lower_indices(n)
        for pos, (a, b) in enumerate(zip(i.tolist(), j.tolist())):
            grid[a - 1][b] = cells[pos]
        columns = [(labels[c], [grid[r][c] for r in range(n - 1)]) for c in range(n - 1)]
        return [html_table(columns, row_names=labels[1:],
                           caption=f"{self.method} dissimilarities of {n} observations")]



def _lower_indices(n: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, col) of R's condensed order: column-major lower triangle."""
    j, i = np.triu_indices(n, 1)  # (j, i) with j < i, row-major over j
    return i, j


# -- the public function ---------------------------------------------------------


def dist(x: ArrayLike, method: str = "euclidean", diag: bool = False, upper: bool = False,
         p: float = 2, *, n_threads: int | None = None) -> Dist:
    """Distances between the rows of a data matrix, as R's ``dist``.

    Parameters
    ----------
    x : array-like or DataFrame of shape (n, p)
        Numeric data (a 1-D vector is one column). NA, NaN and infinite
        values are errors.
    method : str, default="euclidean"
        One of "euclidean", "maximum", "manhattan", "canberra", "binary",
        "minkowski".
        A unique prefix is enough, as in R ("euc"; R's spelling
        "euclidian" is accepted too).
    diag, upper : bool, default=False
        Printing only: show the diagonal / the upper triangle.
    p : float, default=2
        The Minkowski power; must be positive and finite for
        ``method="minkowski"`` (ignored otherwise).
    n_threads : int, optional
        OpenMP threads (default: all cores). Results do not depend on it.

    Returns
    -------
    Dist
        The n(n-1)/2 distances in R's (= scipy's ``pdist``) order, with the
        row names of a DataFrame as labels.

    Raises
    ------
    InvalidArgumentError
        NA/NaN/Inf in ``x``, an unknown method, an invalid ``p``.
    InvalidTypeError
        Non-numeric data.

    See Also
    --------
    statkmeans.silhouette : Takes a ``Dist`` as ``dist=``; with ``data=`` it
        computes Euclidean distances on the fly instead, in bounded memory.

    Notes
    -----
    R: ``stats::dist(x, method = "euclidean", diag = FALSE, upper = FALSE, p = 2)``.

    Each distance is computed as R does, column by column in double
    precision with separate multiplies and adds: Euclidean
    ``sqrt(sum((x_i - x_j)^2))``; maximum ``max |x_i - x_j|``; Manhattan
    ``sum |x_i - x_j|``; Canberra ``sum |x_i - x_j| / (|x_i| + |x_j|)`` where
    0/0 terms (also those with a subnormal denominator, as R) are left out
    and the sum is scaled up by p / (number of terms used) (NaN, R's NA,
    when no term is left); binary: the share of columns
    with exactly one non-zero among those with at least one (0 when none);
    Minkowski ``(sum |x_i - x_j|^p)^(1/p)``.

    Differences from R:

    * NA/NaN/Inf are errors (R skips missing columns and rescales).
    * A Canberra distance with no usable column is NaN (R's NA).
    * No ``call`` attribute.

    Tested against R 4.2.2 (fixtures in ``tests/r_reference``).

    Examples
    --------
    >>> from statkmeans import dist, load_dataset
    >>> d = dist(load_dataset("USArrests").iloc[:3])
    >>> d.size, d.labels
    (3, ('Alabama', 'Alaska', 'Arizona'))
    >>> d.values.round(5)
    array([37.17701, 63.00833, 46.59249])
    >>> d.to_matrix().shape
    (3, 3)

    ``print(d)`` prints R's triangle.
    """
    if isinstance(method, str) and method == "euclidian":
        method = "euclidean"
    method = check_choice(method, "method", METHODS)
    pw = (check_positive(p, "p", "the Minkowski power; R: distance(): invalid p")
          if method == "minkowski" else None)
    data = as_matrix(x, "x", allow_empty=True)
    threads = _engine.resolve_threads(check_n_threads(n_threads))
    from ._kernels import _silhouette

    values = _silhouette.dist(data.values, method, pw if pw is not None else 2.0, threads)
    return Dist(values=values, size=data.n, labels=data.row_names, method=method, p=pw,
                diag=diag, upper=upper)


# -- printing ----------------------------------------------------------------------


def _print_dist(d: Dist, digits: int, diag: bool, upper: bool, width: int) -> str:
    """R's ``print.dist``: one common number format, a right-justified text matrix."""
    from . import _format

    n = d.size
    if n <= 1:
        return "dist(0)\n"
    values = np.asarray(d.values)
    na = np.isnan(values)
    # R formats as.matrix(d), so the zero diagonal takes part in the common format
    cells = _format.format_real(np.append(values, 0.0), digits, na=np.append(na, False))
    zero = cells[-1]
    labels = list(d.labels) if d.labels is not None else [str(i) for i in range(1, n + 1)]
    grid = [[""] * n for _ in range(n)]
    i, j = _lower_indices(n)
    for pos, (a, b) in enumerate(zip(i.tolist(), j.tolist())):
        grid[a][b] = cells[pos]
        if upper:
            grid[b][a] = cells[pos]
    if diag:
        for a in range(n):
            grid[a][a] = zero
    if diag or upper:
        rows, cols = labels, labels
    else:
        grid = [row[:-1] for row in grid[1:]]
        rows, cols = labels[1:], labels[:-1]
    return _text_matrix(grid, rows, cols, width)


def _text_matrix(grid: list[list[str]], rows: list[str], cols: list[str], width: int) -> str:
    """print(m, quote = FALSE, right = TRUE) of a character matrix."""
    from ._format import str_width

    def pad_left(s: str, w: int) -> str:
        return " " * (w - str_width(s)) + s

    row_w = max((str_width(r) for r in rows), default=0)
    col_w = [
        max([str_width(cols[c])] + [str_width(grid[r][c]) for r in range(len(rows))])
        for c in range(len(cols))
    ]
    out = []
    start = 0
    ncol = len(cols)
    while start < ncol:
        stop = start + 1
        line_w = row_w + 1 + col_w[start]
        while stop < ncol and line_w + 1 + col_w[stop] < width:
            line_w += 1 + col_w[stop]
            stop += 1
        header = " " * row_w + "".join(" " + pad_left(cols[c], col_w[c])
                                       for c in range(start, stop))
        out.append(header)
        for r, name in enumerate(rows):
            label = name + " " * (row_w - str_width(name))
            out.append(label + "".join(" " + pad_left(grid[r][c], col_w[c])
                                       for c in range(start, stop)))
        start = stop
    return "".join(line + "\n" for line in out)

