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
    "check_count",
    "check_int",
    "check_normal_args",
    "check_population",
    "check_printable",
    "check_prob",
    "check_random_seed",
    "check_replace",
    "check_runif_bounds",
    "check_sample_kind",
    "check_sample_x",
    "check_seed",
    "check_size",
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


# -- random numbers
#
# Checks for statkmeans.rng. Each runs before any random number is drawn, so a
# call that fails leaves the stream where it was (as R's checks do).

R_INT_MAX = 2**31 - 1
R_MAX_POPULATION = 4.5e15  # R's limit on n for sample.int without prob
SAMPLE_KINDS = ("Rejection", "Rounding")
R_KIND_CODES = {10403: "Rejection", 403: "Rounding"}  # .Random.seed[1] for MT / Inversion


def _is_real_scalar(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def check_seed(seed) -> int:
    """R's ``as.integer(seed)`` as ``set.seed`` uses it, without silent truncation."""
    if not _is_real_scalar(seed):
        raise InvalidTypeError(f"'seed' must be an integer; got {type(seed).__name__} {seed!r}")
    value = float(seed)
    if not np.isfinite(value) or abs(value) >= 2**31:
        raise InvalidArgumentError(
            f"supplied seed is not a valid integer: {seed!r}; R's seeds lie in "
            f"-{R_INT_MAX}..{R_INT_MAX}"
        )
    if value != int(value):
        raise InvalidArgumentError(
            f"'seed' must be a whole number; got {seed!r} (R would truncate it to "
            f"{int(value)}: pass that if you mean it)"
        )
    return int(value)


def check_count(n, name: str, *, r_says: str | None = None) -> int:
    """A whole number >= 0 (int, or an integral float such as 10.0).

    ``r_says`` is R's message for the same mistake, quoted in the error.
    """
    said = f" (R: \"{r_says}\")" if r_says else ""
    if not _is_real_scalar(n):
        raise InvalidTypeError(
            f"'{name}' must be a non-negative whole number{said}; got {type(n).__name__} {n!r}"
        )
    if not np.isfinite(n) or n < 0:
        raise InvalidArgumentError(
            f"'{name}' must be a non-negative whole number{said}; got {n!r}"
        )
    if n != int(n):
        raise InvalidArgumentError(
            f"'{name}' must be a whole number; got {n!r} (R would truncate it to {int(n)}: "
            "pass that if you mean it)"
        )
    return int(n)


def check_sample_kind(value, name: str = "sample_kind") -> str:
    """R's ``sample.kind``: "Rejection", "Rounding", or "default" (= "Rejection")."""
    if isinstance(value, str):
        if value in SAMPLE_KINDS:
            return value
        if value == "default":
            return "Rejection"
    raise InvalidArgumentError(
        f"'{name}' must be \"Rejection\" (R >= 3.6.0's sampler, the default) or \"Rounding\" "
        f"(R's sampler before 3.6.0); got {value!r}"
    )


def check_random_seed(words) -> tuple[np.ndarray, str]:
    """R's ``.Random.seed`` for Mersenne-Twister / Inversion: (625 state words, sample kind)."""
    arr = np.asarray(words)
    if arr.shape != (626,) or not np.issubdtype(arr.dtype, np.integer):
        raise InvalidArgumentError(
            "'random_seed' must be R's .Random.seed for Mersenne-Twister: 626 integers; "
            f"got shape {arr.shape} and dtype {arr.dtype}"
        )
    code = int(arr[0])
    if code not in R_KIND_CODES:
        raise InvalidArgumentError(
            f".Random.seed[1] must be 10403 (Mersenne-Twister, Inversion, Rejection) or 403 "
            f"(the same with sample.kind \"Rounding\"); got {code}: other kinds are not supported"
        )
    pos = int(arr[1])
    if not 0 <= pos <= 624:
        raise InvalidArgumentError(f".Random.seed[2] (position) must be in 0..624; got {pos}")
    return arr[1:].astype(np.int64).astype(np.uint32), R_KIND_CODES[code]


def check_population(n, name: str = "n") -> int:
    """``sample.int``'s n: a whole number in 0..4.5e15 (R: "invalid first argument")."""
    if not _is_real_scalar(n):
        raise InvalidTypeError(
            f"invalid first argument: '{name}' must be a whole number >= 0; "
            f"got {type(n).__name__} {n!r}"
        )
    if not np.isfinite(n) or n < 0 or n > R_MAX_POPULATION:
        raise InvalidArgumentError(
            f"invalid first argument: '{name}' must be a whole number in 0..4.5e15; got {n!r}"
        )
    if n != int(n):
        raise InvalidArgumentError(
            f"'{name}' must be a whole number; got {n!r} (R would truncate it to {int(n)}: "
            "pass that if you mean it)"
        )
    return int(n)


def check_replace(replace) -> bool:
    """``replace``: True or False (R: "invalid 'replace' argument")."""
    if not isinstance(replace, (bool, np.bool_)):
        raise InvalidTypeError(
            f"invalid 'replace' argument: must be True or False; got {type(replace).__name__} "
            f"{replace!r}"
        )
    return bool(replace)


def check_size(size, n: int, replace: bool) -> int:
    """``size`` for a population of n (default n), with R's messages."""
    if size is None:
        size = n
    size = check_count(size, "size", r_says="invalid 'size' argument")
    if n == 0 and size > 0:
        raise InvalidArgumentError(
            f"invalid first argument: the population is empty, so 'size' must be 0; got {size}"
        )
    if not replace and size > n:
        raise InvalidArgumentError(
            f"cannot take a sample larger than the population when 'replace = FALSE': "
            f"'size' is {size}, the population {n}; pass replace=True or a smaller size"
        )
    return size


def check_prob(prob, n: int, size: int, replace: bool) -> np.ndarray:
    """``prob``: n finite non-negative weights, enough of them positive (a fresh copy).

    The checks and their order are R's: the length, then the first entry in
    index order that is NA/NaN/Inf or negative, then the positive count.
    """
    if isinstance(prob, (str, bytes)):
        raise InvalidTypeError(f"'prob' must be numbers; got {type(prob).__name__} {prob!r}")
    try:
        arr = np.asarray(prob)
    except (TypeError, ValueError) as exc:
        raise InvalidTypeError(f"'prob' must be a sequence of numbers; could not read it: {exc}") from None
    if arr.dtype.kind not in "iuf" or arr.ndim > 1:
        what = f"{arr.ndim}-D" if arr.ndim > 1 else f"values of dtype {arr.dtype}"
        raise InvalidTypeError(f"'prob' must be a 1-D sequence of real numbers; got {what}")
    p = np.array(arr.reshape(-1), dtype=np.float64)  # a copy: the kernel overwrites it
    if p.shape[0] != n:
        raise InvalidArgumentError(
            f"incorrect number of probabilities: 'prob' has {p.shape[0]} entries, the "
            f"population {n}; give one weight per element"
        )
    bad = ~np.isfinite(p) | (p < 0)
    if bad.any():
        i = int(np.argmax(bad))
        if not np.isfinite(p[i]):
            raise InvalidArgumentError(
                f"NA in probability vector: 'prob' element {i + 1} (1-based) is {p[i]}; "
                "weights must be finite"
            )
        raise InvalidArgumentError(
            f"negative probability: 'prob' element {i + 1} (1-based) is {p[i]!r}; weights "
            "must be >= 0"
        )
    positive = int(np.count_nonzero(p > 0))
    if positive == 0 or (not replace and size > positive):
        need = "at least one" if replace else f"at least 'size' = {size} (without replacement)"
        raise InvalidArgumentError(
            f"too few positive probabilities: 'prob' has {positive} positive entries, "
            f"{need} needed"
        )
    return p


def check_sample_x(x):
    """``sample``'s x: (population size, the sequence or None for 1..x)."""
    if isinstance(x, (str, bytes)):
        raise InvalidTypeError(
            f"'x' must be a whole number or a sequence; got the string {x!r} (pass "
            f"list({x!r}) for its characters, or [{x!r}])"
        )
    if isinstance(x, (bool, np.bool_)):
        raise InvalidTypeError(f"'x' must be a whole number or a sequence; got {x!r} (pass [{x!r}])")
    if isinstance(x, np.ndarray) and x.ndim == 0:
        x = x.item()
    if _is_real_scalar(x):
        if not np.isfinite(x) or x < 1 or x != int(x) or x > R_MAX_POPULATION:
            raise InvalidArgumentError(
                f"'x' as a single number means the population 1..x, so it must be a whole "
                f"number in 1..4.5e15; got {x!r}. (R's sample() would return a single number "
                f"below 1 itself and truncate a fraction; pass [{x!r}] to sample that one "
                "value, or the whole number you mean)"
            )
        return int(x), None
    if is_dataframe(x):
        raise InvalidTypeError(
            "'x' is a DataFrame; to sample rows write df.iloc[sample(len(df)) - 1] "
            "(R's sample() on a data frame would permute its columns)"
        )
    if isinstance(x, np.ndarray) and x.ndim > 1:
        raise InvalidArgumentError(
            f"'x' must be 1-D; got shape {x.shape}. R samples a matrix's elements in column "
            "order: pass x.ravel(order=\"F\") for that"
        )
    if isinstance(x, (set, frozenset, dict)) or not hasattr(x, "__len__") or not hasattr(x, "__getitem__"):
        raise InvalidTypeError(
            f"'x' must be a whole number or an ordered sequence (list, tuple, array, Series); "
            f"got {type(x).__name__}"
        )
    return len(x), x


def check_normal_args(mean, sd) -> tuple[np.ndarray, np.ndarray]:
    """``rnorm``'s mean and sd: scalars or 1-D real vectors of length >= 1 (NaN allowed)."""
    out = []
    for name, value in (("mean", mean), ("sd", sd)):
        if isinstance(value, (str, bytes, bool, np.bool_)):
            raise InvalidTypeError(f"'{name}' must be a number or a vector of numbers "
                                   f"(R: \"invalid arguments\"); got {value!r}")
        try:
            arr = np.asarray(value)
        except (TypeError, ValueError) as exc:
            raise InvalidTypeError(f"'{name}' must be numbers; could not read it: {exc}") from None
        if arr.dtype.kind not in "iuf":
            raise InvalidTypeError(
                f"'{name}' must be a number or a vector of numbers (R: \"invalid arguments\"); "
                f"got values of dtype {arr.dtype}"
            )
        if arr.ndim > 1:
            raise InvalidArgumentError(
                f"'{name}' must be a number or a 1-D vector; got shape {arr.shape} (R would "
                f"recycle a matrix in column order: pass .ravel(order=\"F\"))"
            )
        arr = np.ascontiguousarray(arr.reshape(-1), dtype=np.float64)
        if arr.shape[0] == 0:
            raise InvalidArgumentError(
                f"'{name}' is empty; give at least one value (R would return NA for every "
                "element, with a warning)"
            )
        out.append(arr)
    return out[0], out[1]


def check_runif_bounds(min, max) -> tuple[float, float]:
    """``runif``'s scalar bounds: finite, min <= max."""
    for name, value in (("min", min), ("max", max)):
        if not _is_real_scalar(value):
            raise InvalidTypeError(f"'{name}' must be a number; got {type(value).__name__} {value!r}")
    lo, hi = float(min), float(max)
    if not (np.isfinite(lo) and np.isfinite(hi)) or hi < lo:
        raise InvalidArgumentError(
            f"runif needs finite 'min' <= 'max'; got min={min!r}, max={max!r} "
            "(R would return NaN with the warning \"NAs produced\")"
        )
    return lo, hi


# -- printing


def check_printable(x) -> np.ndarray:
    """Data ``r_print`` can lay out as an R vector or matrix: at most 2-D."""
    if isinstance(x, (dict, set, frozenset)):
        raise InvalidTypeError(
            f"r_print prints vectors and matrices (sequences, arrays, Series, DataFrames); "
            f"got {type(x).__name__}"
        )
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError):
        arr = np.empty(len(x), dtype=object) if hasattr(x, "__len__") else None
        if arr is None:
            raise InvalidTypeError(f"r_print cannot lay out {type(x).__name__} as an R vector") from None
        arr[:] = list(x)
    if arr.ndim > 2:
        raise InvalidTypeError(
            f"r_print prints vectors and matrices; got {arr.ndim} dimensions of shape {arr.shape}"
        )
    return arr
