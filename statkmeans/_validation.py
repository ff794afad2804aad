"""Every argument check of the package, done once at the public edge.

The public functions call these before any work and before any random
number is drawn; kernels and the engine trust what comes out of them. Every
message names the argument, what was expected, what came in and, where there
is something to do, what to do. R's wording is kept where R has some (R's
``stopifnot`` messages end in "is not TRUE").

Sections: data (matrices, vectors, dissimilarities, cluster codes), numbers
and choices, kmeans options (also when reached through a ``FUNcluster``),
threads and executors, the gap statistic, plots, the report.
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
import os
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any, TypeVar, cast

import attrs
import numpy as np

from .exceptions import InvalidArgumentError, InvalidTypeError

__all__ = [
    "CHOOSE_K_CRITERIA",
    "KMEANSRUNS_CRITERIA",
    "KMEANS_INITS",
    "KMeansOptions",
    "Matrix",
    "as_condensed",
    "as_curve",
    "as_data_matrix",
    "as_float_matrix",
    "as_float_vector",
    "as_matrix",
    "check_B",
    "check_alpha",
    "check_bool",
    "check_centers",
    "check_choice",
    "check_choose_k_max",
    "check_cluster_codes",
    "check_clustering",
    "check_cn",
    "check_codes_from_one",
    "check_count",
    "check_csv_path",
    "check_criteria",
    "check_d_or_data",
    "check_dissimilarities",
    "check_executor",
    "check_finite",
    "check_funcluster",
    "check_gap_B",
    "check_int",
    "check_kmeans_options",
    "check_init_with_centers",
    "check_kmeanspp_k",
    "check_local_trials",
    "check_knee_curve",
    "check_krange",
    "check_label_count",
    "check_n_threads",
    "check_normal_args",
    "check_not_singletons",
    "check_number",
    "check_output_path",
    "check_panel_axes",
    "check_palette",
    "check_population",
    "check_positive",
    "check_printable",
    "check_prob",
    "check_random_seed",
    "check_replace",
    "check_report_columns",
    "check_report_k",
    "check_report_rows",
    "check_report_values",
    "check_runif_bounds",
    "check_sample_kind",
    "check_sample_x",
    "check_starts_memory",
    "check_seed",
    "check_sepprob",
    "check_several_clusters",
    "check_size",
    "check_verbose",
    "cluster_codes",
    "condensed_size",
    "funcluster_options",
    "has_duplicate_rows",
    "is_count",
    "is_dataframe",
    "is_default_index",
    "is_series",
    "take_fun_alias",
]

R_INT_MAX = 2**31 - 1  # R's largest integer (and C's int)

KMEANS_ALGORITHMS = ("Hartigan-Wong", "Lloyd", "Forgy", "MacQueen")
KMEANS_INITS = ("random", "kmeans++", "greedy-kmeans++")

# kmeans() arguments a FUNcluster partial or **kwargs may carry to the fits.
KMEANS_FIT_ARGS = ("iter_max", "nstart", "algorithm", "trace", "init")

# Arguments the calling function owns (it draws every random number and
# schedules every fit), so they may not reach kmeans through **kwargs.
OWN_ARGS = ("rng", "executor", "n_threads")


# -- pandas, without importing it ------------------------------------------------


def _pandas() -> Any:
    return sys.modules.get("pandas")


def is_dataframe(obj: object) -> bool:
    """True for a pandas DataFrame, without importing pandas."""
    pd = _pandas()
    return pd is not None and isinstance(obj, pd.DataFrame)


def is_series(obj: object) -> bool:
    """True for a pandas Series, without importing pandas."""
    pd = _pandas()
    return pd is not None and isinstance(obj, pd.Series)


def is_default_index(index: Any) -> bool:
    """R's "automatic" row names: an index 0, 1, ..., n-1 carries no names.

    A RangeIndex from 0 by 1, or any integer index with those values (pandas
    versions differ in which of the two ``df.iloc[:k]`` or ``df.iloc[[0, 1]]``
    returns).
    """
    pd = _pandas()
    if isinstance(index, pd.RangeIndex):
        return bool(index.start == 0 and index.step == 1)
    if isinstance(index, pd.MultiIndex) or index.dtype.kind not in "iu":
        return False
    return bool(np.array_equal(index.to_numpy(), np.arange(len(index))))


# -- data --------------------------------------------------------------------------


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
        return int(self.values.shape[0])

    @property
    def p(self) -> int:
        return int(self.values.shape[1])


_DATA_KINDS = "a numeric matrix, array, DataFrame, Series or vector"


def _not_data(x: object, name: str) -> InvalidTypeError:
    return InvalidTypeError(
        f"'{name}' must be {_DATA_KINDS}; got {type(x).__name__}"
        + ("" if x is None else f" {_short(x)}")
    )


def _short(x: object) -> str:
    text = repr(x)
    return text if len(text) <= 60 else text[:57] + "..."


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


def as_matrix(x: Any, name: str = "x", *, allow_empty: bool = False) -> Matrix:
    """R's ``as.matrix(x)`` for numeric data, as float64 C-contiguous values.

    Accepts a numpy array (1-D is one column), nested lists, a pandas
    DataFrame of numeric (or boolean) columns, or a Series. NA/NaN/Inf are
    rejected here, with the first offending position.
    """
    row_names = col_names = index = columns = None
    if x is None or isinstance(x, (str, bytes, Mapping)):
        raise _not_data(x, name)
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
        if not is_default_index(x.index):
            row_names = tuple(str(r) for r in x.index)
    elif is_series(x):
        if x.dtype.kind not in "biuf":
            raise InvalidTypeError(f"'{name}' must be numeric; got a Series of dtype {x.dtype}")
        values = x.to_numpy(dtype=np.float64).reshape(-1, 1)
        columns = [x.name]
        index = x.index
        if not is_default_index(x.index):
            row_names = tuple(str(r) for r in x.index)
    else:
        try:
            arr = np.asarray(x)
        except (TypeError, ValueError) as exc:
            raise InvalidTypeError(
                f"'{name}' must be {_DATA_KINDS}; could not read {type(x).__name__}: {exc}"
            ) from None
        if arr.ndim == 0:
            if arr.dtype.kind == "O":
                raise _not_data(x, name)
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


def as_data_matrix(x: Any, r_message: str) -> Matrix:
    """``as_matrix`` for functions that need a 2-D ``x`` (R's matrix or data frame).

    ``r_message`` opens the error for anything else (a Series or a vector):
    the function's own R wording.
    """
    if is_series(x):
        raise InvalidArgumentError(f"{r_message}; got a Series: use series.to_frame()")
    if not is_dataframe(x) and x is not None and not isinstance(x, (str, bytes, Mapping)):
        try:
            shape = np.shape(x)
        except (TypeError, ValueError):  # ragged or odd input: as_matrix explains
            shape = (0, 0)
        if len(shape) != 2:
            raise InvalidArgumentError(
                f"{r_message}; got {type(x).__name__} with {len(shape)} dimension(s) of shape "
                f"{shape}. For one variable use x.reshape(-1, 1)"
            )
    return as_matrix(x, "x")


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


def _numeric_array(values: Any, name: str, what: str, ndim: int, shape_words: str) -> np.ndarray:
    """A numeric (int or float) array of ``ndim`` dimensions as C-contiguous float64."""
    if is_dataframe(values):
        bad = [str(c) for c, dt in values.dtypes.items() if dt.kind not in "iuf"]
        if bad:
            raise InvalidTypeError(f"'{name}' has non-numeric column(s) {bad}")
        arr = values.to_numpy(dtype=np.float64)
    else:
        try:
            arr = np.asarray(values)
        except (TypeError, ValueError) as exc:
            raise InvalidTypeError(f"'{name}' must be a numeric {what}; got "
                                   f"{type(values).__name__}: {exc}") from None
        if arr.dtype.kind not in "iuf":
            raise InvalidTypeError(f"'{name}' must be numeric; got values of dtype {arr.dtype}")
    if arr.ndim != ndim:
        raise InvalidArgumentError(
            f"'{name}' must be {shape_words}; got {arr.ndim} dimensions of shape {arr.shape}"
        )
    return np.ascontiguousarray(arr, dtype=np.float64)


def as_float_vector(values: Any, name: str) -> np.ndarray:
    """A numeric 1-D array as C-contiguous float64 (values not checked)."""
    return _numeric_array(values, name, "vector", 1, "a 1-d condensed vector")


def as_float_matrix(values: Any, name: str) -> np.ndarray:
    """A numeric 2-D array or DataFrame as C-contiguous float64 (values not checked)."""
    return _numeric_array(values, name, "matrix", 2, "a square matrix (2 dimensions)")


def condensed_size(length: int) -> int | None:
    """n with n(n-1)/2 == length, or None."""
    n = (1 + math.isqrt(1 + 8 * length)) // 2
    return n if n * (n - 1) // 2 == length else None


def as_condensed(d: Any, name: str) -> tuple[np.ndarray, int, tuple[str, ...] | None]:
    """Dissimilarities given as a ``Dist`` or a condensed vector: (values, n, labels).

    A square matrix is refused with a pointer to ``dmatrix=`` style input.
    Values are not checked (see :func:`check_dissimilarities`).
    """
    from .dist import Dist

    if isinstance(d, Dist):
        return np.ascontiguousarray(d.values, dtype=np.float64), d.size, d.labels
    if isinstance(d, (str, bytes)) or is_dataframe(d):
        raise InvalidTypeError(
            f"'{name}' must be a Dist (statkmeans.dist) or a condensed vector such as "
            f"scipy's pdist; got {type(d).__name__}"
        )
    arr = np.asarray(d)
    if arr.ndim == 2 and arr.dtype.kind in "iuf":
        raise InvalidArgumentError(
            f"'{name}' must be a Dist or a condensed vector (scipy's pdist); got a "
            "matrix: pass a square matrix as dmatrix="
        )
    values = as_float_vector(d, name)
    size = condensed_size(len(values))
    if size is None:
        raise InvalidArgumentError(
            f"'{name}' of length {len(values)} is not a condensed distance vector (its "
            "length must be n(n-1)/2)"
        )
    return values, size, None


def check_dissimilarities(values: np.ndarray, name: str, where: Callable[[int], str]) -> None:
    """NaN, negative or infinite dissimilarities are errors, naming the first.

    ``where(position)`` describes the flat position of the offender.
    """
    from ._kernels import _silhouette

    flat = values.reshape(-1)
    at = _silhouette.first_bad(flat)
    if at < 0:
        return
    v = float(flat[at])
    kind = "NaN" if math.isnan(v) else ("infinite" if math.isinf(v) else "negative")
    raise InvalidArgumentError(
        f"'{name}' has a {kind} dissimilarity ({v!r} {where(at)}); dissimilarities must be "
        "finite and non-negative"
    )


def _as_array(obj: Any, expected: str) -> np.ndarray:
    """``np.asarray(obj)``; ``expected`` begins the message when it cannot be read."""
    try:
        return np.asarray(obj)
    except (TypeError, ValueError) as exc:
        raise InvalidTypeError(
            f"{expected}; could not read {type(obj).__name__}: {exc}"
        ) from None


def _check_vector(values: np.ndarray, name: str) -> None:
    """Cluster codes must be one-dimensional."""
    if values.ndim != 1:
        raise InvalidArgumentError(
            f"'{name}' must be a 1-d vector of cluster codes; got shape {values.shape}"
        )


def check_cluster_codes(x: Any) -> tuple[np.ndarray, tuple[Any, ...] | None, Any]:
    """Integer cluster codes given to silhouette: (int64 codes, labels, pandas index).

    ``x`` may be a vector, a Series (its index gives the labels) or a
    KMeansResult (its ``cluster``).
    """
    from .kmeans import KMeansResult

    if isinstance(x, KMeansResult):
        x = x.cluster
    names = None
    index = None
    if is_series(x):
        index = x.index
        if not is_default_index(x.index):
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
        if x is None or isinstance(x, (str, bytes, Mapping)):
            raise InvalidTypeError(
                f"'x' must be integer cluster codes or a KMeansResult; got {type(x).__name__}"
            )
        values = _as_array(x, "'x' must be integer cluster codes or a KMeansResult")
    _check_vector(values, "x")
    kind = values.dtype.kind
    if kind in "iu":
        return values.astype(np.int64), names, index
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
    return values.astype(np.int64), names, index


def check_silhouette_k(k: int, n: int) -> None:
    """Silhouette widths need 2 <= k < n clusters (R returns NA otherwise)."""
    if k >= n:
        raise InvalidArgumentError(
            f"every observation is its own cluster (k = n = {n}): silhouette widths are "
            "undefined. R returns NA here"
        )


def check_same_count(what: str, n_codes: int, n_obs: int, unit: str) -> None:
    """The clustering and the dissimilarities (or data) describe the same observations."""
    if n_codes != n_obs:
        raise InvalidArgumentError(
            f"clustering 'x' and dissimilarity '{what}' are incompatible: 'x' has {n_codes} "
            f"codes but '{what}' has {n_obs} {unit}"
        )


def cluster_codes(result: Any, n: int, k: int) -> tuple[np.ndarray, int]:
    """0-based cluster codes in R's order from what ``FUNcluster(x, k)`` returned, and their count.

    Accepts the codes themselves, an object with a ``.cluster`` attribute or
    a mapping with a ``"cluster"`` key; codes may be any sortable values.
    """
    what = type(result).__name__
    if isinstance(result, Mapping):
        codes = result.get("cluster")
    elif hasattr(result, "cluster"):
        codes = result.cluster
    else:
        codes = result
    if codes is None or isinstance(codes, (str, bytes)):
        codes = None
    else:
        codes = np.asarray(codes.to_numpy() if is_series(codes) else codes)
    if codes is None or codes.ndim != 1 or codes.size != n:
        shape = "nothing" if codes is None else f"shape {codes.shape}"
        raise InvalidArgumentError(
            f"FUNcluster(x, {k}) returned no cluster codes: it must return the n = {n} codes "
            f"(1-D), or an object with a '.cluster' attribute (or 'cluster' key) holding "
            f"them; got a {what} with {shape}"
        )
    if codes.dtype.kind == "f" and np.isnan(codes).any() or (
            codes.dtype.kind == "O" and any(c is None for c in codes)):
        raise InvalidArgumentError(
            f"FUNcluster(x, {k}) returned missing (NaN/None) cluster codes; every "
            "observation needs a cluster"
        )
    try:
        levels, inverse = np.unique(codes, return_inverse=True)
    except TypeError as exc:
        raise InvalidTypeError(
            f"FUNcluster(x, {k}) returned cluster codes that cannot be sorted: {exc}"
        ) from None
    return inverse.reshape(-1).astype(np.int32), len(levels)


def has_duplicate_rows(rows: np.ndarray) -> bool:
    """True when two rows are equal (R's ``duplicated(x)`` has a TRUE)."""
    from ._kernels import _core

    n_rows: int = rows.shape[0]
    return len(_core.unique_rows(np.ascontiguousarray(rows))) < n_rows


# -- numbers and choices --------------------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def check_int(value: Any, name: str, *, minimum: int | None = None,
              maximum: int | None = None, r_type: str | None = None) -> int:
    """A whole number (int, or an integral float such as 10.0) within bounds.

    ``r_type`` names what the maximum comes from (e.g. "R's integer").
    """
    if not _is_number(value):
        raise InvalidTypeError(f"'{name}' must be an integer; got {type(value).__name__} {value!r}")
    if not np.isfinite(value) or value != int(value):
        raise InvalidArgumentError(f"'{name}' must be a whole number; got {value!r}")
    whole = int(value)
    if minimum is not None and whole < minimum:
        if minimum == 1:
            raise InvalidArgumentError(f"'{name}' must be positive; got {whole}")
        raise InvalidArgumentError(f"'{name}' must be at least {minimum}; got {whole}")
    if maximum is not None and whole > maximum:
        limit = f" ({r_type})" if r_type else ""
        raise InvalidArgumentError(f"'{name}' must be at most {maximum}{limit}; got {whole}")
    return whole


def check_choice(value: Any, name: str, choices: Sequence[str]) -> str:
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


def check_bool(value: Any, name: str) -> bool:
    """True or False (numpy's bool too); nothing else is read as one."""
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidTypeError(f"'{name}' must be True or False; got {value!r}")
    return bool(value)


def check_number(value: Any, name: str, lo: float, hi: float | None = None, *,
                 closed: bool = True) -> float:
    """A real number within [lo, hi] (``closed``) or (lo, hi); ``hi=None``: no upper bound."""
    if not _is_number(value):
        raise InvalidTypeError(f"'{name}' must be a number; got {value!r}")
    number = float(value)
    inside = (lo <= number if closed else lo < number) and (
        hi is None or (number <= hi if closed else number < hi))
    if not inside:
        if hi is None:
            want = f"at least {lo:g}" if closed else f"greater than {lo:g}"
        else:
            want = (f"between {lo:g} and {hi:g}" if closed
                    else f"strictly between {lo:g} and {hi:g}")
        raise InvalidArgumentError(f"'{name}' must be {want}; got {number!r}")
    return number


def check_positive(value: Any, name: str, meaning: str) -> float:
    """A positive finite number; ``meaning`` says what the argument is (for the message)."""
    if not _is_number(value):
        raise InvalidTypeError(f"'{name}' must be a number; got {type(value).__name__} {value!r}")
    number = float(value)
    if not (math.isfinite(number) and number > 0):
        raise InvalidArgumentError(
            f"'{name}' must be a positive finite number ({meaning}); got {value!r}"
        )
    return number


def is_count(value: object) -> bool:
    """A real number (not a bool): ``centers`` given as k rather than as a matrix."""
    return _is_number(value)


# -- kmeans ---------------------------------------------------------------------------------


@attrs.frozen
class KMeansOptions:
    """Checked kmeans() options: the algorithm run ("Forgy" mapped to "Lloyd") and its limits."""

    method: str = "Hartigan-Wong"
    iter_max: int = 10
    nstart: int = 1
    trace: int = 0
    init: str = "random"

    def method_for(self, k: int) -> str:
        """The kernel R runs for k clusters: k = 1 always runs the MacQueen code."""
        return "MacQueen" if k == 1 else self.method


def check_kmeans_options(iter_max: Any = 10, nstart: Any = 1, algorithm: Any = "Hartigan-Wong",
                         trace: Any = False, init: Any = "random") -> KMeansOptions:
    """kmeans()'s ``iter_max``, ``nstart``, ``algorithm``, ``trace`` and ``init``, checked."""
    algorithm = check_choice(algorithm, "algorithm", KMEANS_ALGORITHMS)
    if isinstance(trace, (bool, np.bool_)):
        trace = int(trace)
    return KMeansOptions(
        method="Lloyd" if algorithm == "Forgy" else algorithm,
        iter_max=check_int(iter_max, "iter_max", minimum=1, maximum=R_INT_MAX,
                           r_type="R's integer"),
        nstart=check_int(nstart, "nstart", minimum=1, maximum=R_INT_MAX, r_type="R's integer"),
        trace=check_int(trace, "trace", minimum=0, maximum=R_INT_MAX, r_type="R's integer"),
        init=check_choice(init, "init", KMEANS_INITS),
    )


# Random starts are drawn before any run (R's order; runs then go anywhere);
# their centres may take this much memory at most.
STARTS_MEMORY_LIMIT = 2**30


def check_starts_memory(nstart: int, ks: Sequence[int], p: int) -> None:
    """The centres of ``nstart`` starts for each k in ``ks`` fit in STARTS_MEMORY_LIMIT bytes."""
    need = 8 * nstart * p * sum(ks)
    if need > STARTS_MEMORY_LIMIT:
        raise InvalidArgumentError(
            f"'nstart' = {nstart} random starts of {'k' if len(ks) == 1 else 'k = 2..K'} "
            f"centres with {p} column(s) would take {need / 2**30:.1f} GiB before the first "
            f"run (the starts are drawn first, in R's order); use fewer starts (at most "
            f"{max(1, STARTS_MEMORY_LIMIT // (8 * p * sum(ks)))} here)"
        )


def check_kmeans_rows(data: Matrix) -> None:
    """R's kmeans handles fewer than 2^31 rows (its codes are 32-bit integers)."""
    if data.n >= 2**31:
        raise InvalidArgumentError(
            f"'x' has {data.n} rows; R's kmeans (and this one) handle fewer than 2^31 rows"
        )


def check_k(centers: Any, n: int) -> int:
    """``centers`` given as the number of clusters: a whole number in 1..n."""
    k = check_int(centers, "centers", minimum=1)
    if k > n:
        raise InvalidArgumentError(
            f"more cluster centers than data points: k = {k} for {n} rows "
            "(R: cannot take a sample larger than the population)"
        )
    return k


def check_centers(centers: Any, data: Matrix) -> np.ndarray:
    """Initial centres given as a matrix: k distinct rows with x's columns."""
    if isinstance(centers, (str, bytes)) or centers is None:
        raise InvalidTypeError(
            f"'centers' must be a number or a matrix; got {type(centers).__name__} {centers!r}"
        )
    c = as_matrix(centers, "centers")
    if c.values.size == 1:
        value = c.values[0, 0]
        raise InvalidArgumentError(
            f"'centers' of length 1 is ambiguous: R reads it as the number of clusters "
            f"k = {value:g}, not as one initial centre. Pass an int for k, or a 1-row 2-D "
            "array only when the data have several columns"
        )
    if c.p != data.p:
        raise InvalidArgumentError(
            f"must have same number of columns in 'x' and 'centers': x has {data.p}, "
            f"centers has {c.p}"
        )
    if has_duplicate_rows(c.values):
        raise InvalidArgumentError(
            "initial centers are not distinct: two rows of 'centers' are equal; give k "
            "different starting points"
        )
    if data.n < c.n:
        raise InvalidArgumentError(
            f"more cluster centers than data points: {c.n} centres for {data.n} rows"
        )
    return c.values


def check_funcluster(FUNcluster: Any, k_max_name: str, owner: str) -> None:
    """``FUNcluster`` must be given and callable (R: is.function(FUNcluster))."""
    if FUNcluster is None:
        raise InvalidTypeError(
            "The argument FUNcluster is required. Possible values are kmeans or any "
            "function f(X, k) returning cluster codes"
        )
    if not callable(FUNcluster):
        hint = (f"; to set {k_max_name} write {owner}(x, {k_max_name}={FUNcluster!r})"
                if isinstance(FUNcluster, numbers.Integral) else "")
        raise InvalidTypeError(
            f"'FUNcluster' must be a function such as kmeans (is.function(FUNcluster) is not "
            f"TRUE); got {type(FUNcluster).__name__}{hint}"
        )


def take_fun_alias(FUNcluster: Any, kwargs: dict[str, Any], default: Any) -> Any:
    """R matches ``FUN = kmeans`` to ``FUNcluster`` (partial matching): accept it.

    Removes ``FUN`` from ``kwargs`` (it must not reach the clustering
    function) and returns the function to use. Giving both is an error.
    """
    if "FUN" not in kwargs:
        return FUNcluster
    fun = kwargs.pop("FUN")
    if FUNcluster is not default and FUNcluster is not fun:
        raise InvalidArgumentError(
            "give the clustering function once: 'FUN' is R's abbreviation of 'FUNcluster', "
            "and both were given"
        )
    return fun


def _kmeans_bound_kwargs(FUNcluster: Any) -> dict[str, Any] | None:
    """Keyword arguments bound to statkmeans' kmeans, or None for another FUNcluster."""
    from .kmeans import kmeans

    if FUNcluster is kmeans:
        return {}
    if (isinstance(FUNcluster, functools.partial) and FUNcluster.func is kmeans
            and not FUNcluster.args):
        return dict(FUNcluster.keywords)
    return None


def funcluster_options(FUNcluster: Any, kwargs: Mapping[str, Any], owner: str,
                       set_by_owner: str) -> KMeansOptions | None:
    """kmeans options when ``FUNcluster`` is statkmeans' kmeans (or a keyword partial of it).

    Returns None for any other function, whose ``**kwargs`` are its own
    business. For kmeans, the bound and passed keywords are checked as
    kmeans checks them; ``rng``, ``executor`` and ``n_threads`` belong to
    ``owner`` and ``x``/``centers`` are set by it (``set_by_owner`` says how).
    """
    bound = _kmeans_bound_kwargs(FUNcluster)
    if bound is None:
        return None
    options = {**bound, **kwargs}
    for name in options:
        if name in OWN_ARGS:
            raise InvalidArgumentError(
                f"pass '{name}' to {owner} itself, not to kmeans through **kwargs: {owner} "
                "draws every random number and schedules every kmeans run"
            )
        if name in ("x", "centers"):
            raise InvalidArgumentError(
                f"'{name}' is set by {owner} ({set_by_owner}); do not pass it"
            )
        if name not in KMEANS_FIT_ARGS:
            raise InvalidTypeError(f"kmeans() got an unexpected keyword argument '{name}'")
    return check_kmeans_options(**options)


# -- threads and executors ---------------------------------------------------------------------


def check_n_threads(n_threads: Any) -> int | None:
    """None (all usable cores) or a positive number of threads."""
    if n_threads is None:
        return None
    return check_int(n_threads, "n_threads", minimum=1)


def check_executor(executor: Any) -> Executor | None:
    """None or a ``concurrent.futures.Executor`` (process pool, Dask's executor, ...)."""
    if executor is not None and not isinstance(executor, Executor):
        raise InvalidTypeError(
            f"'executor' must be a concurrent.futures.Executor; got {type(executor).__name__}"
        )
    return executor


def check_verbose(verbose: Any) -> bool | None:
    """True, False or None (None: the default of the caller)."""
    if verbose is None or isinstance(verbose, (bool, np.bool_)):
        return None if verbose is None else bool(verbose)
    raise InvalidTypeError(f"'verbose' must be True, False or None; got {verbose!r}")


# -- the gap statistic --------------------------------------------------------------------------


def check_B(B: Any, name: str = "B") -> int:
    """R's "'B' has to be a positive integer" (also for 2.5)."""
    if not _is_number(B):
        raise InvalidTypeError(f"'{name}' has to be a positive integer; got {type(B).__name__} {B!r}")
    if not np.isfinite(B) or B != int(B) or B < 1:
        raise InvalidArgumentError(f"'{name}' has to be a positive integer; got {B!r}")
    if B > R_INT_MAX:
        raise InvalidArgumentError(
            f"'{name}' must be at most {R_INT_MAX} (R's integer); got {B!r}")
    return int(B)


def as_curve(values: Any, name: str) -> np.ndarray:
    """A numeric vector (a Series or 1-column DataFrame too) as float64."""
    arr = np.asarray(values.to_numpy() if (is_series(values) or is_dataframe(values)) else values)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        raise InvalidArgumentError(f"'{name}' must be a vector; got an array of shape {arr.shape}")
    if arr.dtype.kind not in "biuf":
        raise InvalidTypeError(f"'{name}' must be numeric; got dtype {arr.dtype}")
    return arr.astype(np.float64)


def check_gap_curve(f: Any, SE_f: Any, SE_factor: Any) -> tuple[np.ndarray, np.ndarray, float]:
    """maxSE's checks: a finite curve, non-negative SEs of its length, SE.factor >= 0."""
    f = as_curve(f, "f")
    se = as_curve(SE_f, "SE_f")
    K = f.size
    if K < 1:
        raise InvalidArgumentError("'f' must have at least one value (R: K >= 1 is not TRUE)")
    if se.size != K:
        raise InvalidArgumentError(
            f"K == length(SE.f) is not TRUE: 'SE_f' must have the length of 'f' ({K}); "
            f"got {se.size}"
        )
    bad = np.flatnonzero(~(se >= 0))
    if bad.size:
        i = int(bad[0])
        hint = " (SE.sim is NA when B = 1: use B >= 2)" if np.isnan(se[i]) else ""
        raise InvalidArgumentError(
            f"SE.f >= 0 are not all TRUE: 'SE_f' must be non-negative numbers; got {se[i]} "
            f"at position {i + 1}{hint}"
        )
    if not np.isfinite(f).all():
        i = int(np.flatnonzero(~np.isfinite(f))[0])
        raise InvalidArgumentError(f"'f' must be finite; got {f[i]} at position {i + 1}")
    if not _is_number(SE_factor):
        raise InvalidTypeError(f"'SE_factor' must be a number; got {SE_factor!r}")
    factor = float(SE_factor)
    if not factor >= 0:
        raise InvalidArgumentError(
            f"SE.factor >= 0 is not TRUE: 'SE_factor' must be non-negative; got {SE_factor!r}"
        )
    return f, se, factor


def check_K_max(K_max: Any, n: int) -> int:
    """clusGap's K.max: 2 <= K_max < n."""
    if K_max is None:
        raise InvalidTypeError("clus_gap() missing the required argument 'K_max'")
    k_max = check_int(K_max, "K_max")
    if k_max < 2:
        raise InvalidArgumentError(
            f"'K_max' must be at least 2 (K.max >= 2 is not TRUE); got {k_max}"
        )
    if k_max >= n:
        raise InvalidArgumentError(
            f"'K_max' must be less than the number of observations n = {n} (number of "
            f"cluster centres must lie between 1 and nrow(x)); got {k_max}"
        )
    return k_max


# -- plots ---------------------------------------------------------------------------------------


def check_palette(palette: Any, n: int) -> list[Any] | None:
    """None (the default palette) or at least one colour per cluster."""
    if palette is None:
        return None
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


def check_axes(axes: Any) -> tuple[int, int]:
    """Two 1-based dimension numbers, such as (1, 2)."""
    if isinstance(axes, (str, bytes)) or np.ndim(axes) != 1 or len(axes) != 2:
        raise InvalidArgumentError(
            f"'axes' must be two dimension numbers such as (1, 2); got {axes!r}"
        )
    a, b = (check_int(v, "axes", minimum=1) for v in axes)
    return a, b


def check_geom(geom: Any, choices: Sequence[str]) -> tuple[str, ...]:
    """One of ``choices`` or a sequence of them."""
    items = (geom,) if isinstance(geom, str) else tuple(geom)
    for g in items:
        if g not in choices:
            raise InvalidArgumentError(
                f"'geom' must be {', '.join(repr(c) for c in choices)} or both; got {g!r}"
            )
    return items



# -- printing -----------------------------------------------------------------------------

MAX_DIGITS = 22  # R's digits range is 1..22
MIN_WIDTH, MAX_WIDTH = 10, 10000  # R refuses print widths outside 10..10000


def check_digits(digits: Any) -> int:
    """R's ``digits``: a whole number in 1..22."""
    if not _is_number(digits):
        raise InvalidTypeError(f"'digits' must be a whole number; got {digits!r}")
    if not np.isfinite(digits) or digits != int(digits) or not 1 <= int(digits) <= MAX_DIGITS:
        raise InvalidArgumentError(
            f"'digits' must be a whole number in 1..{MAX_DIGITS}; got {digits!r}")
    return int(digits)


def check_width(width: Any) -> int:
    """R's ``width`` option: an integer in 10..10000."""
    if isinstance(width, (bool, np.bool_)) or not isinstance(width, numbers.Integral):
        raise InvalidTypeError(f"'width' must be an integer; got {width!r}")
    if not MIN_WIDTH <= int(width) <= MAX_WIDTH:
        raise InvalidArgumentError(
            f"invalid printing width {width!r}: R accepts {MIN_WIDTH}..{MAX_WIDTH}")
    return int(width)


# -- k-means results -------------------------------------------------------------------------


def check_kmeans_result(km: Any, name: str = "km") -> None:
    """A :class:`~statkmeans.KMeansResult`."""
    from .kmeans import KMeansResult

    if not isinstance(km, KMeansResult):
        raise InvalidTypeError(
            f"'{name}' must be a KMeansResult (the result of kmeans); got {type(km).__name__}"
        )


def check_newdata(newdata: Any, columns: Any, p: int) -> Matrix:
    """New observations for ``predict``: the fitted columns (matched by name when both
    have names), as a validated matrix."""
    if columns is not None and is_dataframe(newdata):
        missing = [c for c in columns if c not in newdata.columns]
        if missing:
            raise InvalidArgumentError(
                f"'newdata' lacks the column(s) {missing} the clusters were fitted on; "
                f"it has {list(newdata.columns)}"
            )
        newdata = newdata.loc[:, list(columns)]
    m = as_matrix(newdata, "newdata", allow_empty=True)
    if m.p != p:
        raise InvalidArgumentError(
            f"'newdata' must have the {p} column(s) of the fitted data; got {m.p}"
        )
    return m


def check_rows(count: int, n: int, name: str = "x") -> None:
    """The data given with a fit have the rows that were clustered."""
    if count != n:
        raise InvalidArgumentError(
            f"'{name}' must have the {n} rows that were clustered; got {count}"
        )


# -- silhouette -------------------------------------------------------------------------------


def check_one_dissimilarity(**given: Any) -> str:
    """Exactly one of dist / dmatrix / data; returns its name."""
    names = [name for name, value in given.items() if value is not None]
    if not names:
        raise InvalidArgumentError(
            "Need either a dissimilarity 'dist' or diss.matrix 'dmatrix' (or the "
            "observations as 'data')"
        )
    if len(names) > 1:
        raise InvalidArgumentError(
            f"give exactly one of 'dist', 'dmatrix' or 'data'; got {' and '.join(names)}"
        )
    return names[0]


def check_two_clusters(ids: np.ndarray) -> None:
    """Silhouette widths need at least two clusters (R returns NA for one)."""
    if len(ids) < 2:
        what = f"code {int(ids[0])}" if len(ids) else "no codes"
        raise InvalidArgumentError(
            f"silhouette needs at least 2 clusters; 'x' has a single cluster ({what}). "
            "R returns NA here"
        )


def check_dmatrix_shape(shape: tuple[int, ...], n: int) -> None:
    """A full dissimilarity matrix of the n observations."""
    if shape != (n, n):
        raise InvalidArgumentError(
            "'dmatrix' is not a dissimilarity matrix compatible to 'x': it must be "
            f"{n}-by-{n} ('x' has {n} codes); got shape {shape}"
        )


# -- choosing k --------------------------------------------------------------------------------


def check_k_max(k_max: Any, n: int) -> int:
    """fviz_nbclust's k.max: 2 <= k_max <= n."""
    k_max = check_int(k_max, "k_max")
    if k_max < 2:
        raise InvalidArgumentError(
            f"'k_max' must be at least 2 (R: \"k.max must bet > = 2\"); got {k_max}"
        )
    if k_max > n:
        raise InvalidArgumentError(
            f"'k_max' ({k_max}) must not exceed the number of observations n = {n}"
        )
    return int(k_max)


def check_nboot(nboot: Any) -> int:
    """fviz_nbclust's nboot for the gap statistic: at least 2 (SE.sim needs two sets)."""
    count = check_B(nboot, "nboot")
    if count < 2:
        raise InvalidArgumentError(
            "'nboot' must be at least 2 for method='gap_stat': with one reference set "
            "SE.sim is NA and firstSEmax cannot choose k (R: \"SE.f >= 0 are not all "
            "TRUE\")"
        )
    return count


def check_diss_size(size: int, n: int) -> None:
    """Dissimilarities of the n observations that are clustered."""
    if size != n:
        raise InvalidArgumentError(
            f"'diss' holds dissimilarities of {size} observations but 'x' has {n} rows; "
            "compute it from x (dist(x))"
        )


# -- plots ---------------------------------------------------------------------------------------


def check_result_type(value: Any, cls: type, message: str) -> None:
    """A plotting helper's first argument is the result it draws.

    ``message`` is the error, with ``{got}`` standing for the type passed.
    """
    if not isinstance(value, cls):
        raise InvalidTypeError(message.format(got=type(value).__name__))


def check_cluster_plot_data(km: Any, data: Any, stand: bool) -> Matrix:
    """fviz_cluster's data: the n clustered rows, at least two columns, none constant
    when they are to be standardised."""
    check_kmeans_result(km)
    if data is None:
        raise InvalidTypeError(
            "data is required for plotting kmeans clusters: pass the data that were clustered"
        )
    mat = as_matrix(data, "data")
    if mat.p < 2:
        raise InvalidArgumentError(
            "The dimension of the data < 2! No plot. ('data' has one column; a cluster "
            "plot needs at least two)"
        )
    if mat.n != km.n:
        raise InvalidArgumentError(
            f"'data' has {mat.n} rows but 'km' clustered {km.n} observations; pass the data "
            "that were clustered"
        )
    if stand:
        constant = np.flatnonzero(np.ptp(mat.values, axis=0) == 0)
        if constant.size:
            names = [mat.col_names[j] if mat.col_names else str(j + 1) for j in constant]
            raise InvalidArgumentError(
                f"column(s) {', '.join(names)} of 'data' are constant and cannot be "
                "standardised (R: NaN, then prcomp fails); drop them or use stand=False"
            )
    return mat


def check_plot_axes(a: int, b: int, n_comp: int) -> None:
    """Principal components that exist: 1..min(n, p)."""
    if a > n_comp or b > n_comp:
        raise InvalidArgumentError(
            "The value of the argument axes is incorrect. The number of axes in the data "
            f"is: {n_comp}. Please try again with axes between 1 - {n_comp}; got "
            f"axes=({a}, {b})"
        )


def check_two_names(names: list[str]) -> None:
    """Two columns plotted as they are need distinct names other than 'cluster'."""
    if names[0] == names[1] or "cluster" in names:
        raise InvalidArgumentError(
            f"the column names of 'data' must be distinct and not 'cluster'; got {names}"
        )


def check_ellipse_type(ellipse_type: Any, choices: Sequence[str],
                       not_implemented: Sequence[str]) -> str:
    """One of the implemented ellipse types (saying so for factoextra's others)."""
    if not isinstance(ellipse_type, str) or ellipse_type not in choices:
        extra = (" (factoextra's 't', 'euclid' and 'confidence' are not implemented)"
                 if ellipse_type in not_implemented else "")
        raise InvalidArgumentError(
            f"'ellipse_type' must be 'convex' or 'norm'; got {ellipse_type!r}{extra}"
        )
    return ellipse_type


# Options R users carry over from factoextra / ggplot2 (with "." -> "_"), and
# what to do instead; refused by name rather than left to matplotlib.
R_PLOT_OPTIONS = {
    "star_plot": "factoextra's star.plot= (segments from points to their centre) is not drawn here",
    "ggtheme": "ggplot2 themes do not apply to matplotlib: style the returned Axes, or draw "
               "inside matplotlib.style.context(...)",
    "outlier_color": "factoextra's outlier.color= applies to DBSCAN-type results, not kmeans",
    "outlier_shape": "factoextra's outlier.shape= applies to DBSCAN-type results, not kmeans",
    "show_legend": "the legend is always drawn; remove it with ax.get_legend().remove()",
    "legend": "the legend is always drawn; remove it with ax.get_legend().remove()",
    "print_summary": "print the result's summary() instead",
    "label_rectangle": "not drawn here",
}

# Per matplotlib call: its keyword arguments that are not properties of the
# artist it draws (the artist's properties and their aliases are found on the
# class), and options to name as examples in an error.
CALL_OPTIONS = {
    "scatter": (("s", "c", "marker", "vmin", "vmax", "plotnonfinite", "colorizer"),
                "alpha, s, marker, edgecolors"),
    "plot": (("scalex", "scaley"), "color, linewidth, marker"),
    "bar": (("bottom", "align", "tick_label", "xerr", "yerr", "ecolor", "capsize", "error_kw",
             "log"), "color, edgecolor, hatch"),
    "barh": (("left", "align", "tick_label", "xerr", "yerr", "ecolor", "capsize", "error_kw",
              "log"), "color, edgecolor, hatch"),
    "errorbar": (("fmt", "ecolor", "elinewidth", "capsize", "capthick", "barsabove", "lolims",
                  "uplims", "xlolims", "xuplims", "errorevery"), "ecolor, capsize, elinewidth"),
}


def artist_of(call: str) -> type:
    """The matplotlib artist that ``Axes.<call>`` draws (whose properties it takes)."""
    from matplotlib.collections import PathCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    return {"scatter": PathCollection, "plot": Line2D, "bar": Rectangle, "barh": Rectangle,
            "errorbar": Line2D}[call]


def check_artist_options(options: Mapping[str, Any], call: str, where: str,
                         name: str = "**kwargs") -> None:
    """Options passed on to matplotlib's ``Axes.<call>``: each must be a property
    of the artist it draws (or an alias) or an argument of the call, checked
    before anything is computed or drawn, so a misspelt or R-only option is named
    here and not in a matplotlib traceback."""
    if not options:
        return
    from matplotlib.cbook import normalize_kwargs

    artist = artist_of(call)
    own, examples = CALL_OPTIONS[call]
    for key in options:
        prop = next(iter(normalize_kwargs({key: None}, artist)))  # an alias's property
        if key in own or hasattr(artist, "set_" + prop):
            continue
        hint = R_PLOT_OPTIONS.get(key)
        raise InvalidArgumentError(
            f"{where}() got an unknown option {key!r}"
            + (f": {hint}" if hint else "")
            + f". Options in {name} go to matplotlib's Axes.{call}() and must be "
            f"{artist.__name__} properties or its arguments (e.g. {examples})"
        )


def check_bar_colors(color: Any, k: int, n: int) -> list[Any]:
    """Bar colours of a silhouette plot: k (one per cluster) or n (one per bar)."""
    colors = list(color)
    if len(colors) not in (k, n):
        raise InvalidArgumentError(
            f"'color' must be one colour, {k} colours (one per cluster) or {n} "
            f"(one per bar); got {len(colors)}"
        )
    return colors


# -- data sets --------------------------------------------------------------------------------


def check_dataset(name: Any, available: Sequence[str]) -> str:
    """A bundled data set's name (any case)."""
    lookup = {key.lower(): key for key in available}
    key = lookup.get(name.lower()) if isinstance(name, str) else None
    if key is None:
        raise InvalidArgumentError(
            f"unknown dataset {name!r}; available: {', '.join(sorted(available))}"
        )
    return key


# -- fpc and choosing k ------------------------------------------------------------------------
#
# Checks of fpc's indices (calinhara, cluster_stats, dudahart2), davies_bouldin,
# kmeansruns, kmeanspp, find_knee and choose_k.

CHOOSE_K_CRITERIA = ("wss", "silhouette", "gap", "ch", "db")
KMEANSRUNS_CRITERIA = ("ch", "asw")


def check_clustering(clustering: Any, n: int, what: str = "x",
                     name: str = "clustering") -> tuple[np.ndarray, Any]:
    """Integer cluster codes, one per observation: (int64 codes, pandas index or None).

    ``clustering`` may be a vector, a Series (its index is returned) or a
    KMeansResult (its ``cluster``). ``what`` names the data the codes
    belong to (for the length message).
    """
    from .kmeans import KMeansResult

    if isinstance(clustering, KMeansResult):
        clustering = clustering.cluster
    if clustering is None:
        raise InvalidTypeError(
            f"'{name}' is required: give one integer cluster code per observation "
            "(e.g. km.cluster)"
        )
    index = None
    if is_series(clustering):
        index = clustering.index
        if clustering.dtype.name == "category":
            raise InvalidTypeError(
                f"'{name}' must be integer cluster codes; got a categorical Series: use "
                f"{name}.cat.codes + 1"
            )
        try:
            values = clustering.to_numpy(dtype=np.float64, na_value=np.nan)
        except (TypeError, ValueError):
            values = clustering.to_numpy()
    elif is_dataframe(clustering) or isinstance(clustering, (str, bytes, Mapping)):
        raise InvalidTypeError(
            f"'{name}' must be a vector of integer cluster codes; got {type(clustering).__name__}"
        )
    else:
        values = _as_array(clustering, f"'{name}' must be a vector of integer cluster codes")
    _check_vector(values, name)
    if values.dtype.kind == "b":
        raise InvalidTypeError(f"'{name}' must hold integer cluster codes; got booleans")
    if values.dtype.kind == "O":
        try:
            values = values.astype(np.float64)
        except (TypeError, ValueError):
            raise InvalidTypeError(
                f"'{name}' must hold integer cluster codes; got non-numeric values"
            ) from None
    if values.dtype.kind not in "iuf":
        raise InvalidTypeError(
            f"'{name}' must hold integer cluster codes; got values of dtype {values.dtype}"
        )
    if values.size != n:
        raise InvalidArgumentError(
            f"'{name}' has {values.size} codes but '{what}' has {n} observations; give one "
            "cluster code per observation"
        )
    if values.dtype.kind == "f":
        missing = np.flatnonzero(np.isnan(values))
        if missing.size:
            raise InvalidArgumentError(
                f"'{name}' has a missing (NaN) code at position {int(missing[0]) + 1} "
                "(1-based); every observation needs a cluster code"
            )
        bad = np.flatnonzero(~np.isfinite(values) | (values != np.round(values))
                             | (np.abs(values) >= 2.0**53))
        if bad.size:
            i = int(bad[0])
            raise InvalidArgumentError(
                f"'{name}' must hold integer cluster codes; got {float(values[i])!r} at "
                f"position {i + 1} (1-based)"
            )
    return values.astype(np.int64), index


def check_several_clusters(codes: np.ndarray, owner: str, name: str = "clustering") -> None:
    """At least two different codes: an index of one cluster is undefined."""
    first = codes[0] if codes.size else None
    if codes.size == 0 or bool((codes == first).all()):
        raise InvalidArgumentError(
            f"'{name}' puts all {codes.size} observations in one cluster (code {first}); "
            f"{owner} compares clusters, so it needs at least 2"
        )


def check_not_singletons(n_clusters: int, n: int, owner: str, name: str = "clustering") -> None:
    """Fewer clusters than observations (every observation alone has no within part)."""
    if n_clusters >= n:
        raise InvalidArgumentError(
            f"'{name}' puts every observation in a cluster of its own ({n_clusters} clusters "
            f"for {n} observations); {owner} needs fewer clusters than observations"
        )


def check_codes_from_one(codes: np.ndarray, name: str = "clustering") -> None:
    """fpc's codes 1..K (codes below 1 with max == count are not renumbered by fpc)."""
    low = np.flatnonzero(codes < 1)
    if low.size:
        i = int(low[0])
        raise InvalidArgumentError(
            f"'{name}' must hold cluster codes 1, 2, ...; got {int(codes[i])} at position "
            f"{i + 1} (1-based). fpc would count those observations in no cluster and "
            f"return NaN and Inf; recode them (e.g. {name} + 1 for 0-based codes)"
        )


def check_d_or_data(d: Any, data: Any) -> None:
    """cluster_stats: dissimilarities ``d`` or observations ``data``, exactly one."""
    if d is None and data is None:
        raise InvalidArgumentError(
            "give the dissimilarities as 'd' (a Dist or condensed vector) or the observations "
            "as 'data'; got neither"
        )
    if d is not None and data is not None:
        raise InvalidArgumentError(
            "give exactly one of 'd' (dissimilarities) and 'data' (observations); got both"
        )


def check_cn(cn: Any, codes: np.ndarray) -> int:
    """calinhara's ``cn``: the number of clusters, default max(clustering), at least 2."""
    if cn is None:
        return int(codes.max())
    value = check_int(cn, "cn")
    if value < 2:
        raise InvalidArgumentError(
            f"'cn' must be at least 2 (the index divides by cn - 1); got {value}"
        )
    return value


def check_alpha(alpha: Any) -> float:
    """A significance level strictly between 0 and 1."""
    return check_number(alpha, "alpha", 0.0, 1.0, closed=False)


def check_sepprob(sepprob: Any) -> float:
    """cluster.stats' sepprob: the share of observations in the separation index."""
    return check_number(sepprob, "sepprob", 0.0, 1.0, closed=False)


def check_label_count(n_labels: int, n: int) -> None:
    """scikit-learn's rule for label-based indices: 2 <= number of labels <= n - 1."""
    if not 2 <= n_labels <= n - 1:
        raise InvalidArgumentError(
            f"'clustering' has {n_labels} different label(s) for {n} observations; the "
            f"index needs between 2 and n - 1 = {n - 1} clusters"
        )


def check_krange(krange: Any, n: int, distinct: int) -> list[int]:
    """kmeansruns' ``krange``: numbers of clusters, each 1..number of distinct rows.

    Order and repetitions are kept (fpc honours them). R would retry a k
    larger than the data allow forever; here it is an error.
    """
    if isinstance(krange, (str, bytes)) or is_dataframe(krange):
        raise InvalidTypeError(f"'krange' must be numbers of clusters; got {krange!r}")
    if isinstance(krange, numbers.Real):
        krange = [krange]
    try:
        items = list(krange)
    except TypeError:
        raise InvalidTypeError(
            f"'krange' must be a sequence of numbers of clusters such as range(2, 11); got "
            f"{type(krange).__name__}"
        ) from None
    if not items:
        raise InvalidArgumentError("'krange' is empty; give numbers of clusters such as "
                                   "range(2, 11)")
    ks = [check_int(k, "krange", minimum=1) for k in items]
    if all(k == 1 for k in ks):
        raise InvalidArgumentError(
            "'krange' holds only k = 1: kmeansruns tests k = 1 against its k = 2 fit, so "
            "krange needs some k >= 2 (R: \"subscript out of bounds\")"
        )
    top = max(ks)
    if top > n:
        raise InvalidArgumentError(
            f"'krange' asks for k = {top} clusters but 'x' has only {n} rows (R's "
            "kmeansruns would retry forever); use smaller k"
        )
    if top > distinct:
        raise InvalidArgumentError(
            f"'krange' asks for k = {top} clusters but 'x' has only {distinct} distinct rows "
            "(R's kmeansruns would retry forever); use smaller k or remove duplicate rows"
        )
    return ks


def check_kmeanspp_k(k: Any, n: int, distinct: int) -> int:
    """kmeanspp's k: 1..the number of distinct rows (D^2 weights are 0 on chosen rows)."""
    value = check_int(k, "k", minimum=1)
    if value > n:
        raise InvalidArgumentError(
            f"'k' ({value}) must not exceed the number of rows of 'x' ({n})"
        )
    if value > distinct:
        raise InvalidArgumentError(
            f"more cluster centers than distinct data points: k = {value} but 'x' has only "
            f"{distinct} distinct rows; use fewer centers"
        )
    return value


def check_local_trials(value: Any) -> int | None:
    """Greedy k-means++'s candidates per centre: None (plain k-means++) or 1.."""
    if value is None:
        return None
    return check_int(value, "n_local_trials", minimum=1, maximum=R_INT_MAX,
                     r_type="R's integer")


def check_init_with_centers(init: str) -> None:
    """kmeans++ draws starts: it cannot be combined with given initial centres."""
    if init != "random":
        raise InvalidArgumentError(
            f"init={init!r} draws the initial centres, so 'centers' must be the number of "
            "clusters; got a matrix of centres (drop init, or pass k)"
        )


def check_criteria(criteria: Any) -> tuple[str, ...]:
    """choose_k's criteria: a non-empty selection of CHOOSE_K_CRITERIA, in the order given."""
    items = (criteria,) if isinstance(criteria, str) else criteria
    try:
        items = tuple(items)
    except TypeError:
        raise InvalidTypeError(
            f"'criteria' must be names among {', '.join(CHOOSE_K_CRITERIA)}; got "
            f"{type(criteria).__name__}"
        ) from None
    if not items:
        raise InvalidArgumentError(
            f"'criteria' is empty; choose among {', '.join(CHOOSE_K_CRITERIA)}"
        )
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or item not in CHOOSE_K_CRITERIA:
            raise InvalidArgumentError(
                f"unknown criterion {item!r} in 'criteria'; choose among "
                f"{', '.join(repr(c) for c in CHOOSE_K_CRITERIA)}"
            )
        if item not in out:
            out.append(item)
    return tuple(out)


def check_choose_k_max(k_max: Any, n: int) -> int:
    """choose_k's k_max: 2 <= k_max < n (silhouettes need fewer clusters than points)."""
    value = check_int(k_max, "k_max")
    if value < 2:
        raise InvalidArgumentError(f"'k_max' must be at least 2; got {value}")
    if value >= n:
        raise InvalidArgumentError(
            f"'k_max' ({value}) must be less than the number of observations n = {n}: with "
            "k = n every observation is its own cluster and the criteria are undefined"
        )
    return value


def check_gap_B(B: Any) -> int:
    """choose_k's B: at least 2 reference sets (SE.sim needs two)."""
    count = check_B(B)
    if count < 2:
        raise InvalidArgumentError(
            "'B' must be at least 2 for the gap statistic: with one reference set SE.sim is NA "
            "and max_se cannot choose k"
        )
    return count


def check_knee_curve(k: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """find_knee's curve: at least 3 points, k increasing and positive, y positive and finite."""
    kk = as_curve(k, "k")
    yy = as_curve(y, "y")
    if kk.size != yy.size:
        raise InvalidArgumentError(
            f"'k' and 'y' must have the same length; got {kk.size} and {yy.size}"
        )
    if kk.size < 3:
        raise InvalidArgumentError(
            f"a knee needs at least 3 points; got {kk.size}"
        )
    if not np.isfinite(kk).all() or not (kk > 0).all() or not (np.diff(kk) > 0).all():
        raise InvalidArgumentError(
            "'k' must be positive, finite and strictly increasing (numbers of clusters)"
        )
    bad = np.flatnonzero(~np.isfinite(yy) | (yy <= 0))
    if bad.size:
        i = int(bad[0])
        raise InvalidArgumentError(
            f"'y' must be positive and finite (the rule works on log y); got {yy[i]!r} at "
            f"position {i + 1}"
        )
    return kk, yy


def check_panel_axes(axes: Any, count: int) -> list[Any]:
    """A plot's ``axes``: one matplotlib Axes per panel."""
    try:
        panels = list(np.asarray(axes, dtype=object).reshape(-1))
    except (TypeError, ValueError):
        panels = []
    if len(panels) != count or not all(hasattr(a, "plot") for a in panels):
        raise InvalidArgumentError(
            f"'axes' must be {count} matplotlib Axes, one per criterion; got {axes!r}"
        )
    return panels


# -- report ------------------------------------------------------------------------------------
#
# Checks for statkmeans.report (and so the command line's ``statkmeans report``): each
# message is one line that names the argument, what came in and what to do, since the
# command prints it as its whole error.


def check_report_k(k: Any, k_max: Any) -> tuple[int | None, int]:
    """The report's k (None: chosen from the comparison, else at least 2) and k_max (>= 2)."""
    k_max = check_int(k_max, "k_max")
    if k_max < 2:
        raise InvalidArgumentError(
            f"'k_max' must be at least 2 (the comparison needs k = 1 and 2 at least); got {k_max}"
        )
    if k is None:
        return None, k_max
    k = check_int(k, "k")
    if k < 2:
        raise InvalidArgumentError(
            f"'k' must be at least 2 (one cluster has no silhouette and no cluster plot); got {k}; "
            "leave it out to let the report choose"
        )
    return k, k_max


def check_output_path(out: Any) -> Path:
    """Where the report goes: a new or existing file in an existing, writable directory."""
    if not isinstance(out, (str, os.PathLike)):
        raise InvalidTypeError(f"'out' must be a file path (str or Path); got {type(out).__name__}")
    path = Path(os.fsdecode(out))
    if str(path) in ("", "."):
        raise InvalidArgumentError("'out' must name a file, e.g. report.html; got an empty path")
    if path.is_dir():
        raise InvalidArgumentError(
            f"cannot write the report to '{path}': it is a directory; name a file in it, "
            f"e.g. '{path / 'report.html'}'"
        )
    parent = path.parent
    if not parent.is_dir():
        what = "is not a directory" if parent.exists() else "does not exist"
        raise InvalidArgumentError(
            f"cannot write the report to '{path}': the directory '{parent}' {what}; "
            "create it first or choose another path"
        )
    if not os.access(parent, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise InvalidArgumentError(
            f"cannot write the report to '{path}': permission denied; choose a writable path"
        )
    return path


def check_csv_path(path: str | os.PathLike[str]) -> Path:
    """A CSV file to read: it must exist and be a file."""
    file = Path(os.fsdecode(path))
    if not file.exists():
        raise InvalidArgumentError(
            f"cannot read '{file}': no such file; give the path of a CSV file with a header row"
        )
    if not file.is_file():
        raise InvalidArgumentError(
            f"cannot read '{file}': it is not a file; give the path of a CSV file with a header row"
        )
    return file


def check_report_columns(columns: Any, names: Sequence[str], numeric: Sequence[bool],
                         label: str) -> list[str]:
    """The columns to cluster: those given (all numeric), else every numeric column."""
    if columns is None:
        chosen = [c for c, num in zip(names, numeric) if num]
        if not chosen:
            listed = ", ".join(names) if names else "none"
            raise InvalidArgumentError(
                f"{label} has no numeric columns to cluster (columns: {listed}); give a table "
                "of numbers, with row names in the first column (--row-names) if it has them"
            )
        return chosen
    if isinstance(columns, str):
        columns = [columns]
    try:
        wanted = [str(c) for c in columns]
    except TypeError:
        raise InvalidTypeError(
            f"'columns' must be a list of column names; got {type(columns).__name__}"
        ) from None
    if not wanted:
        raise InvalidArgumentError(
            "'columns' is empty; name the columns to cluster or leave it out")
    missing = [c for c in wanted if c not in names]
    if missing:
        raise InvalidArgumentError(
            f"'columns': no column(s) {', '.join(missing)} in {label}; it has {', '.join(names)}"
        )
    kinds = dict(zip(names, numeric))
    text = [c for c in wanted if not kinds[c]]
    if text:
        raise InvalidArgumentError(
            f"'columns': {', '.join(text)} of {label} are not numeric; k-means clusters numbers"
        )
    dupes = sorted({c for c in wanted if wanted.count(c) > 1})
    if dupes:
        raise InvalidArgumentError(f"'columns' names {', '.join(dupes)} more than once")
    return wanted


def check_report_values(values: np.ndarray, names: Sequence[str], scale: bool,
                        label: str) -> None:
    """No missing or infinite values; no constant column when the columns are standardised."""
    bad = [names[j] for j in range(values.shape[1]) if not np.isfinite(values[:, j]).all()]
    if bad:
        raise InvalidArgumentError(
            f"{label} has missing or infinite values in column(s) {', '.join(bad)}; remove or "
            "impute those rows first (k-means needs complete data)"
        )
    if scale and values.shape[0] > 0:
        constant = [names[j] for j in range(values.shape[1])
                    if np.all(values[:, j] == values[0, j])]
        if constant:
            raise InvalidArgumentError(
                f"column(s) {', '.join(constant)} of {label} are constant, so standardising "
                "divides by 0; leave them out (columns=) or cluster without scaling"
            )


def check_report_rows(values: np.ndarray, k: int | None, k_max: int, label: str) -> None:
    """Enough rows, and distinct rows, for k_max (and k) clusters."""
    n = values.shape[0]
    if n <= k_max:
        raise InvalidArgumentError(
            f"too few rows for k_max = {k_max}: {label} has {n} row(s), and the gap statistic "
            f"needs more rows than k_max; use k_max of at most {max(n - 1, 1)} or more data"
        )
    from ._kernels import _core

    distinct = len(_core.unique_rows(np.ascontiguousarray(values)))
    if distinct < k_max:
        raise InvalidArgumentError(
            f"too few distinct rows for k_max = {k_max}: {label} has {distinct} distinct "
            f"row(s) of {n}; use k_max of at most {distinct}"
        )
    if k is not None and (k > distinct or k >= n):
        limit = min(distinct, n - 1)
        raise InvalidArgumentError(
            f"'k' ({k}) is too large for {label}: {distinct} distinct row(s) of {n}; "
            f"use k of at most {limit}"
        )


# -- signatures ------------------------------------------------------------------------------

_F = TypeVar("_F", bound=Callable[..., Any])


def keyword_only(*names: str) -> Callable[[_F], _F]:
    """Make ``names`` keyword-only while still accepting them by position, with a FutureWarning.

    For arguments that used to be positional (``kmeans(..., trace, rng)``,
    ``plot_gap(gap, ax)``): old calls keep working and are told how to write
    them; the decorated signature is the new one.
    """

    def decorate(func: _F) -> _F:
        params = inspect.signature(func).parameters.values()
        n_positional = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params)

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if len(args) > n_positional and len(args) - n_positional <= len(names):
                moved = names[: len(args) - n_positional]
                for name, value in zip(moved, args[n_positional:]):
                    if name in kwargs:
                        raise InvalidTypeError(
                            f"{func.__name__}() got multiple values for argument '{name}'"
                        )
                    kwargs[name] = value
                warnings.warn(
                    f"passing {', '.join(repr(m) for m in moved)} to {func.__name__}() by "
                    f"position is deprecated and will be an error in a future release; write "
                    f"{', '.join(f'{m}=...' for m in moved)}",
                    FutureWarning,
                    stacklevel=2,
                )
                args = args[:n_positional]
            return func(*args, **kwargs)

        return cast(_F, wrapper)

    return decorate


# -- random numbers
#
# Checks for statkmeans.rng. Each runs before any random number is drawn, so a
# call that fails leaves the stream where it was (as R's checks do).

R_MAX_POPULATION = 4.5e15  # R's limit on n for sample.int without prob
SAMPLE_KINDS = ("Rejection", "Rounding")
R_KIND_CODES = {10403: "Rejection", 403: "Rounding"}  # .Random.seed[1] for MT / Inversion


def check_seed(seed: Any) -> int:
    """R's ``as.integer(seed)`` as ``set.seed`` uses it, without silent truncation."""
    if not _is_number(seed):
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


def check_count(n: Any, name: str, *, r_says: str | None = None) -> int:
    """A whole number >= 0 (int, or an integral float such as 10.0).

    ``r_says`` is R's message for the same mistake, quoted in the error.
    """
    said = f" (R: \"{r_says}\")" if r_says else ""
    if not _is_number(n):
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


def check_sample_kind(value: object, name: str = "sample_kind") -> str:
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


def check_random_seed(words: Any) -> tuple[np.typing.NDArray[np.uint32], str]:
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


def check_population(n: Any, name: str = "n") -> int:
    """``sample.int``'s n: a whole number in 0..4.5e15 (R: "invalid first argument")."""
    if not _is_number(n):
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


def check_replace(replace: object) -> bool:
    """``replace``: True or False (R: "invalid 'replace' argument")."""
    if not isinstance(replace, (bool, np.bool_)):
        raise InvalidTypeError(
            f"invalid 'replace' argument: must be True or False; got {type(replace).__name__} "
            f"{replace!r}"
        )
    return bool(replace)


def check_size(size: object, n: int, replace: bool) -> int:
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


def check_prob(prob: Any, n: int, size: int, replace: bool) -> np.typing.NDArray[np.float64]:
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


def check_sample_x(x: Any) -> tuple[int, Any | None]:
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
    if _is_number(x):
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


def check_normal_args(
    mean: Any, sd: Any
) -> tuple[np.typing.NDArray[np.float64], np.typing.NDArray[np.float64]]:
    """``rnorm``'s mean and sd: scalars or 1-D real vectors of length >= 1 (NaN allowed)."""
    out: list[np.typing.NDArray[np.float64]] = []
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


def check_runif_bounds(min: Any, max: Any) -> tuple[float, float]:
    """``runif``'s scalar bounds: finite, min <= max."""
    for name, value in (("min", min), ("max", max)):
        if not _is_number(value):
            raise InvalidTypeError(f"'{name}' must be a number; got {type(value).__name__} {value!r}")
    lo, hi = float(min), float(max)
    if not (np.isfinite(lo) and np.isfinite(hi)) or hi < lo:
        raise InvalidArgumentError(
            f"runif needs finite 'min' <= 'max'; got min={min!r}, max={max!r} "
            "(R would return NaN with the warning \"NAs produced\")"
        )
    return lo, hi


# -- printing


def check_printable(x: Any) -> np.typing.NDArray[Any]:
    """Data ``r_print`` can lay out as an R vector or matrix: at most 2-D."""
    if isinstance(x, (dict, set, frozenset)):
        raise InvalidTypeError(
            f"r_print prints vectors and matrices (sequences, arrays, Series, DataFrames); "
            f"got {type(x).__name__}"
        )
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError):
        if not hasattr(x, "__len__"):
            raise InvalidTypeError(f"r_print cannot lay out {type(x).__name__} as an R vector") from None
        arr = np.empty(len(x), dtype=object)
        arr[:] = list(x)
    if arr.ndim > 2:
        raise InvalidTypeError(
            f"r_print prints vectors and matrices; got {arr.ndim} dimensions of shape {arr.shape}"
        )
    return arr
