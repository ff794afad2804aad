"""Input checks, done once at the public edge (kernels trust their input).

Every message names the argument, what was expected, what came in and, where
there is something to do, what to do. R's wording is kept where R has some.
"""

from __future__ import annotations

import numbers
import sys
from typing import Any, Sequence

import attrs
import numpy as np

from .exceptions import InvalidArgumentError, InvalidTypeError

__all__ = [
    "Matrix",
    "as_matrix",
    "check_choice",
    "check_int",
    "is_dataframe",
    "is_series",
]


def _pandas():
    return sys.modules.get("pandas")


def is_dataframe(obj) -> bool:
    """True for a pandas DataFrame, without importing pandas."""
    pd = _pandas()
    return pd is not None and isinstance(obj, pd.DataFrame)


def is_series(obj) -> bool:
    """True for a pandas Series, without importing pandas."""
    pd = _pandas()
    return pd is not None and isinstance(obj, pd.Series)


def _is_default_index(index) -> bool:
    """R's "automatic" row names: a 0..n-1 RangeIndex carries no names."""
    pd = _pandas()
    return isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1


@attrs.frozen
class Matrix:
    """Validated data: C-contiguous float64 values and R's dimnames.

    ``index``/``columns`` are the pandas labels when the data were a pandas
    object (else None); ``row_names``/``col_names`` are R's dimnames as
    strings (no row names for a default 0..n-1 index, as R's automatic ones).
    """

    values: np.ndarray
    row_names: tuple[str, ...] | None
    col_names: tuple[str, ...] | None
    index: Any = None
    columns: Any = None

    @property
    def n(self) -> int:
        return self.values.shape[0]

    @property
    def p(self) -> int:
        return self.values.shape[1]


def _numeric_values(arr: np.ndarray, name: str) -> np.ndarray:
    kind = arr.dtype.kind
    if kind == "b":
        return arr.astype(np.float64)
    if kind in "iuf":
        return arr
    if kind == "c":
        raise InvalidTypeError(f"'{name}' must be real numbers; got complex values")
    if kind == "O":
        try:
            return arr.astype(np.float64)
        except (TypeError, ValueError):
            pass
    raise InvalidTypeError(
        f"'{name}' must be numeric; got values of dtype {arr.dtype} "
        f"(R would coerce them to NA); convert or drop the non-numeric data first"
    )


def as_matrix(x, name: str = "x", *, allow_empty: bool = False) -> Matrix:
    """R's ``as.matrix(x)`` for numeric data, as float64 C-contiguous values.

    Accepts a numpy array (1-D is one column), nested lists, a pandas
    DataFrame of numeric (or boolean) columns, or a Series. NA/NaN/Inf are
    rejected here, with the first offending position.
    """
    row_names = col_names = index = columns = None
    if is_dataframe(x):
        bad = [str(c) for c, dt in x.dtypes.items() if dt.kind not in "biuf"]
        if bad:
            shown = ", ".join(repr(b) for b in bad[:5]) + (", ..." if len(bad) > 5 else "")
            raise InvalidTypeError(
                f"'{name}' has non-numeric column(s) {shown}; R's kmeans would turn them into "
                f"NA and fail. Select the numeric columns, e.g. {name}.select_dtypes('number')"
            )
        values = x.to_numpy(dtype=np.float64)
        col_names = tuple(str(c) for c in x.columns)
        columns = x.columns
        index = x.index
        if not _is_default_index(x.index):
            row_names = tuple(str(r) for r in x.index)
    elif is_series(x):
        if x.dtype.kind not in "biuf":
            raise InvalidTypeError(f"'{name}' must be numeric; got a Series of dtype {x.dtype}")
        values = x.to_numpy(dtype=np.float64).reshape(-1, 1)
        columns = [x.name]
        index = x.index
        if not _is_default_index(x.index):
            row_names = tuple(str(r) for r in x.index)
    else:
        try:
            arr = np.asarray(x)
        except (TypeError, ValueError) as exc:
            raise InvalidTypeError(
                f"'{name}' must be a numeric matrix, array, DataFrame or vector; "
                f"could not read {type(x).__name__}: {exc}"
            ) from None
        if arr.ndim == 0:
            arr = arr.reshape(1, 1)
        elif arr.ndim == 1:
            arr = arr.reshape(-1, 1)
        elif arr.ndim > 2:
            raise InvalidArgumentError(
                f"'{name}' must be a matrix (2 dimensions) or a vector; got {arr.ndim} dimensions "
                f"of shape {arr.shape}"
            )
        values = _numeric_values(arr, name)
    values = np.ascontiguousarray(values, dtype=np.float64)
    n, p = values.shape
    if (n == 0 or p == 0) and not allow_empty:
        raise InvalidArgumentError(f"'{name}' must have at least one row and one column; got shape {values.shape}")
    check_finite(values, name)
    return Matrix(values, row_names, col_names, index, columns)


def check_finite(values: np.ndarray, name: str) -> None:
    """R's "NA/NaN/Inf in foreign function call", with the first position."""
    if values.size and not np.isfinite(values).all():
        bad = np.argwhere(~np.isfinite(values))[0]
        what = values[tuple(bad)]
        where = f"row {bad[0] + 1}, column {bad[1] + 1}" if values.ndim == 2 else f"element {bad[0] + 1}"
        raise InvalidArgumentError(
            f"NA/NaN/Inf in '{name}' ({what} at {where}, 1-based); remove or impute the "
            "missing or infinite values first (e.g. df.dropna())"
        )


def check_int(value, name: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number (int, or an integral float such as 10.0) within bounds."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise InvalidTypeError(f"'{name}' must be an integer; got {type(value).__name__} {value!r}")
    if not np.isfinite(value) or value != int(value):
        raise InvalidArgumentError(f"'{name}' must be a whole number; got {value!r}")
    value = int(value)
    if minimum is not None and value < minimum:
        if minimum == 1:
            raise InvalidArgumentError(f"'{name}' must be positive; got {value}")
        raise InvalidArgumentError(f"'{name}' must be at least {minimum}; got {value}")
    if maximum is not None and value > maximum:
        raise InvalidArgumentError(f"'{name}' must be at most {maximum}; got {value}")
    return value


def check_choice(value, name: str, choices: Sequence[str]) -> str:
    """R's ``match.arg``: an exact name or a unique prefix of one."""
    quoted = ", ".join(f"“{c}”" for c in choices)
    if not isinstance(value, str):
        raise InvalidTypeError(f"'{name}' should be one of {quoted}; got {value!r}")
    if value in choices:
        return value
    hits = [c for c in choices if value and c.startswith(value)]
    if len(hits) == 1:
        return hits[0]
    raise InvalidArgumentError(f"'arg' should be one of {quoted}; got {name}={value!r}")
