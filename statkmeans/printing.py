"""R's ``print()`` for vectors and matrices, for line-by-line ports of R scripts.

An R script shows values by auto-printing them (``head(x)``, ``km$withinss``,
``sapply(...)``); :func:`r_print` writes numpy arrays, lists, pandas objects
and the package's result objects in R's layout, so a port prints what the
script printed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import IO, Any

import numpy as np

from . import _format
from . import _validation as _v

__all__ = ["r_print"]


def _label_strings(labels: Iterable[object] | None) -> list[str] | None:
    return None if labels is None else [str(s) for s in labels]


def _cell(value: object, digits: int, quote: bool) -> str:
    """One element of an R list (a list matrix formats each cell on its own)."""
    if value is None:
        return "NULL"
    if isinstance(value, (bool, np.bool_)):
        return _format.format_logical([bool(value)])[0]
    if isinstance(value, (int, np.integer)):
        return _format.format_int([int(value)])[0]
    if isinstance(value, (float, np.floating)):
        return _format.format_real([float(value)], digits)[0]
    text = str(value)
    return f'"{text}"' if quote else text


def r_print(x: Any, *, digits: int = 7, quote: bool = True, names: Sequence[object] | None = None,
            row_names: Sequence[object] | None = None, col_names: Sequence[object] | None = None,
            width: int = 80, file: IO[str] | None = None) -> None:
    """Print ``x`` as R's ``print(x)`` (auto-printing) lays it out.

    Parameters
    ----------
    x : scalar, sequence, numpy array (1-D or 2-D), pandas Series or DataFrame, or a result object
        1-D data print as an R vector (``[1]`` prefixes, wrapped at
        ``width``), 2-D data as an R matrix (``[1,]``/``[,1]`` labels, or the
        names given). Float is R's double, int R's integer, bool R's logical,
        str R's character; ``None`` in a list is NA. A 2-D object array is
        an R list matrix (such as ``cbind(list, vector)``): each cell is
        formatted on its own and left-aligned. A Series prints as a named
        vector, a DataFrame as a matrix with its column names (and its index
        as row names unless it is the default 0..n-1). The package's result
        objects (``KMeansResult``, ``ClusGapResult``, summaries) print their
        R layout.
    digits : int, default=7
        R's ``digits`` option: significant digits for doubles.
    quote : bool, default=True
        Quote strings, as R's ``print`` does.
    names : sequence of str, optional
        Names of a vector's elements (R's ``names(x)``).
    row_names, col_names : sequence of str, optional
        A matrix's dimnames (R's ``rownames(x)``, ``colnames(x)``).
    width : int, default=80
        R's ``width`` option.
    file : text stream, optional
        Where to write; standard output by default.

    Raises
    ------
    InvalidTypeError
        For data of more than 2 dimensions or of a kind R cannot print this way.

    Notes
    -----
    R: ``print.default(x, digits = 7, quote = TRUE)`` with ``width = 80``,
    i.e. R's auto-printing at the console. Tested against R 4.2.2's output
    (the walkthrough ``vignettes/r_help_pages.py`` prints through it).

    Differences from R:

    * Data frames print as R prints ``as.matrix(df)``, not with
      ``print.data.frame``'s layout.

    Examples
    --------
    R: ``(mets <- eval(formals(maxSE)$method))``

    >>> r_print(["firstSEmax", "Tibs2001SEmax", "globalSEmax", "firstmax", "globalmax"])
    [1] "firstSEmax"    "Tibs2001SEmax" "globalSEmax"   "firstmax"     
    [5] "globalmax"    

    R: ``matrix(c(1.5, 2, 3, 40), 2, dimnames = list(c("a", "b"), NULL))``

    >>> import numpy as np
    >>> r_print(np.array([[1.5, 3.0], [2.0, 40.0]]), row_names=["a", "b"])
      [,1] [,2]
    a  1.5    3
    b  2.0   40
    """
    digits = _v.check_digits(digits)
    width = _v.check_width(width)
    out = sys.stdout if file is None else file
    out.write(_r_text(x, digits, quote, names, row_names, col_names, width))


def _r_text(x: Any, digits: int, quote: bool, names: Sequence[object] | None,
            row_names: Sequence[object] | None, col_names: Sequence[object] | None,
            width: int) -> str:
    if type(x).__module__.split(".")[0] == "statkmeans":
        text = str(x)
        return text if text.endswith("\n") else text + "\n"
    if _v.is_series(x):
        if names is None and not _v.is_default_index(x.index):
            names = list(x.index)
        x = x.to_numpy()
    elif _v.is_dataframe(x):
        if col_names is None:
            col_names = list(x.columns)
        if row_names is None and not _v.is_default_index(x.index):
            row_names = list(x.index)
        x = x.to_numpy()
    arr = _v.check_printable(x)
    if arr.ndim <= 1:
        return _format.print_vector(arr.reshape(-1), names=_label_strings(names), digits=digits,
                                    width=width, quote=quote)
    if arr.dtype == object and not all(isinstance(v, str) or v is None for v in arr.flat):
        cells = np.array([[_cell(v, digits, quote) for v in row] for row in arr], dtype=object)
        return _format.print_matrix(cells, row_names=_label_strings(row_names),
                                    col_names=_label_strings(col_names), width=width, quote=False)
    return _format.print_matrix(arr, row_names=_label_strings(row_names),
                                col_names=_label_strings(col_names), digits=digits, width=width,
                                quote=quote)
