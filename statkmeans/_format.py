"""R's printing of numbers, vectors and matrices (``format()`` and ``print.default``).

Pure functions that return text exactly as R 4.2 prints it with the default
options (``digits = 7``, ``width = 80``, ``scipen = 0``, ``OutDec = "."``), for
the print methods of the package (``print.kmeans``, ``summary(silhouette)``,
``print.clusGap``):

* :func:`format_real`, :func:`format_int` -- R's ``format(x, digits)`` for a
  double or an integer vector (one common layout, right-justified);
* :func:`print_vector` -- R's ``print(x)`` for an unnamed or named numeric,
  integer, logical or character vector (named numeric vectors cover
  ``summary()`` results and 1-d tables, whose header line, the dimnames name,
  the caller writes first);
* :func:`print_matrix` -- R's ``print(m)`` for a numeric, integer, logical or
  character matrix, split into column blocks when wider than the line;
* :func:`zapsmall` and :func:`r_round` -- R's ``zapsmall`` and ``round``.

The text is what ``capture.output(print(x))`` gives, each line followed by
``"\\n"``. The rules were written from R's documented and observed behaviour
and are checked against R output in ``tests/r_reference/format_fixtures.json``.

NA is represented by ``None`` in a list, by a masked entry of a
``numpy.ma.MaskedArray``, or (for :func:`format_real` and :func:`format_int`)
by the ``na=`` mask; a float NaN that is not marked as NA prints ``NaN``.

Significant digits are found as R finds them, in 80-bit extended precision
(``numpy.longdouble`` on x86-64 Linux). Where ``numpy.longdouble`` is plain
double (e.g. Windows, macOS on arm64) values within about 1e-16 (relative) of
a rounding tie may get one significant digit more or fewer than in R.
"""

from __future__ import annotations

import math
import numbers
import unicodedata
from typing import overload

import numpy as np

from ._typing import ArrayLike
from ._validation import check_digits, check_width
from .exceptions import InvalidArgumentError, InvalidTypeError

__all__ = [
    "as_character",
    "format_int",
    "format_logical",
    "format_real",
    "format_nsmall2",
    "format_strings",
    "print_matrix",
    "print_vector",
    "r_round",
    "round_label",
    "str_width",
    "zapsmall",
]

_EXTENDED_MAX_DIGITS = 15  # up to here significant digits come from 80-bit arithmetic
_DBL_DIG = 15

_LD = np.longdouble


def _pow10_table() -> np.ndarray:
    """Powers of ten 10**0 .. 10**400 in extended precision, as R scales by them.

    Observed in R (near-ties at 10..15 digits): 10**0 .. 10**22 are exact,
    10**23 .. 10**27 are the nearest doubles (not exact in extended
    precision), and larger powers are accurate extended-precision powers.
    """
    table = np.empty(401, dtype=_LD)
    for k in range(23):
        table[k] = _LD(float(10**k))  # exact in double
    for k in range(23, 28):
        table[k] = _LD(float(10**k))  # double rounding of 10**k
    for k in range(28, 401):
        table[k] = np.power(_LD(10), _LD(k))
    return table


_POW10 = _pow10_table()


# --------------------------------------------------------------------- inputs


def _split_na(values: ArrayLike, na: ArrayLike | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Values as a 1-d object-free array plus an NA mask (None / masked / ``na``)."""
    if isinstance(values, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(values).ravel()
        data = np.asarray(values.data).ravel()
    else:
        if np.ndim(values) == 0 and not isinstance(values, (list, tuple, np.ndarray)):
            values = [values]
        data = np.asarray(values)
        if data.dtype == object:
            data = data.ravel()
            mask = np.array([v is None for v in data], dtype=bool)
        else:
            data = data.ravel()
            mask = np.zeros(data.shape, dtype=bool)
    if na is not None:
        extra = np.asarray(na, dtype=bool).ravel()
        if extra.shape != mask.shape:
            raise InvalidArgumentError(f"'na' has {extra.size} entries for {mask.size} values")
        mask = mask | extra
    return data, mask


def _as_double(values: ArrayLike, na: ArrayLike | None = None) -> tuple[np.ndarray, np.ndarray]:
    data, mask = _split_na(values, na)
    if data.dtype == object:
        data = np.array([np.nan if m else float(v) for v, m in zip(data, mask)], dtype=np.float64)
    else:
        data = data.astype(np.float64)
    data = np.where(mask, np.nan, data)
    return data, mask


def _kind(data: np.ndarray, mask: np.ndarray) -> str:
    """R type of the values: "double", "integer", "logical" or "character"."""
    k = data.dtype.kind
    if k == "f":
        return "double"
    if k in "iu":
        return "integer"
    if k == "b":
        return "logical"
    if k in "US":
        return "character"
    if k == "O":
        present = [v for v, m in zip(data, mask) if not m]
        if not present:
            return "logical"  # R's bare NA
        if all(isinstance(v, (str, bytes, np.str_)) for v in present):
            return "character"
        if all(isinstance(v, (bool, np.bool_)) for v in present):
            return "logical"
        if all(isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_))
               for v in present):
            return "integer"
        if all(isinstance(v, numbers.Real) for v in present):
            return "double"
    raise InvalidTypeError(f"cannot print values of dtype {data.dtype} (mixed or unsupported types)")


# --------------------------------------------------------------------- numbers


def _significant(ax: np.ndarray, digits: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Decimal exponent, significant digits and the rounding-widens flag.

    For positive finite ``ax``: the value rounded to ``digits`` significant
    digits is ``m * 10**e`` with ``1 <= m < 10`` having ``nsig`` significant
    digits (trailing zeros dropped).
    """
    n = ax.size
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=bool)
    if digits > _EXTENDED_MAX_DIGITS:
        # beyond long-double accuracy: take the digits of the correctly rounded %e
        e = np.empty(n, dtype=np.int64)
        nsig = np.empty(n, dtype=np.int64)
        for i, v in enumerate(ax):
            mant, exp = ("%.*e" % (digits - 1, v)).split("e")
            e[i] = int(exp)
            nsig[i] = max(1, len(mant.replace(".", "").rstrip("0")))
        return e, nsig, np.zeros(n, dtype=bool)
    kp = np.floor(np.log10(ax)).astype(np.int64) - digits + 1
    xl = ax.astype(_LD)
    scaled = np.where(
        kp > 0,
        xl / _POW10[np.clip(kp, 0, 400)],
        xl * _POW10[np.clip(-kp, 0, 400)],
    )
    low = scaled < _POW10[digits - 1]
    scaled = np.where(low, scaled * _LD(10), scaled)
    kp = kp - low
    alpha = np.rint(scaled)  # round half to even, in extended precision
    e = kp + digits - 1
    carry = alpha >= _POW10[digits]
    e = e + carry
    alpha = np.where(carry, alpha / _LD(10), alpha)
    a = alpha.astype(np.int64)
    nsig = np.full(n, digits, dtype=np.int64)
    for _ in range(digits - 1):
        strip = (a % 10 == 0) & (nsig > 1)
        if not strip.any():
            break
        a = np.where(strip, a // 10, a)
        nsig = nsig - strip
    # in fixed notation a large number shows its whole integer part: when
    # rounding to `digits` carried into a new power of ten (9996 -> 1.00e+04 at
    # 3 digits) but the integer part does not (9996), the fixed form has one
    # digit fewer than the exponent says
    widen = carry & (kp > 0) & (np.rint(ax) < _POW10[np.clip(e, 0, 400)])
    return e, nsig, widen


def _real_layout(x: np.ndarray, na: np.ndarray, digits: int) -> tuple[int, int, bool]:
    """R's common layout of a double vector: (width, decimals, scientific)."""
    finite = np.isfinite(x)
    xf = x[finite]
    if xf.size:
        neg_i = xf < 0  # -0 is not negative
        nz = xf != 0
        e = np.zeros(xf.size, dtype=np.int64)
        nsig = np.ones(xf.size, dtype=np.int64)
        widen = np.zeros(xf.size, dtype=bool)
        e[nz], nsig[nz], widen[nz] = _significant(np.abs(xf[nz]), digits)
        left = e + 1 - widen
        sleft = neg_i + np.maximum(left, 1)
        right = nsig - left
        neg = bool(neg_i.any())
        rgt = max(int(right.max()), 0)
        mxsl = int(sleft.max())
        mxns = int(nsig.max())
        wide_exp = int(e.max()) >= 100 or int(e.min()) <= -100
        w_fixed = mxsl + rgt + (rgt > 0)
        w_sci = neg + (mxns + 1 if mxns > 1 else 1) + 4 + wide_exp
        if w_fixed <= w_sci:  # + scipen (0)
            width, dec, sci = w_fixed, rgt, False
        else:
            width, dec, sci = w_sci, mxns - 1, True
    else:
        width, dec, sci = 0, 0, False
    if na.any():
        width = max(width, 2)
    nan = np.isnan(x) & ~na
    if nan.any() or (x == np.inf).any():
        width = max(width, 3)
    if (x == -np.inf).any():
        width = max(width, 4)
    return width, dec, sci


def _encode_real(v: float, is_na: bool, width: int, dec: int, sci: bool) -> str:
    if is_na:
        s = "NA"
    elif math.isnan(v):
        s = "NaN"
    elif math.isinf(v):
        s = "Inf" if v > 0 else "-Inf"
    else:
        if v == 0:
            v = 0.0  # no "-0"
        s = "%.*e" % (dec, v) if sci else "%.*f" % (dec, v)
    return s.rjust(width)


def format_real(values: ArrayLike, digits: int = 7, *, na: ArrayLike | None = None) -> list[str]:
    """Format a double vector as R's ``format(x, digits = digits)``.

    All elements share one layout: fixed or scientific notation, the number of
    decimals and the width. Each finite value is rounded to ``digits``
    significant digits (in extended precision, half to even) to find the
    digits it needs; fixed notation is used when its width does not exceed
    the scientific width (``scipen = 0``).

    Parameters
    ----------
    values : array_like of float
        The numbers; ``None`` entries (or masked entries of a masked array)
        are R's ``NA``, float NaN is ``NaN``.
    digits : int, default=7
        R's ``digits`` (1..22): significant digits wanted for the element that
        needs most.
    na : array_like of bool, optional
        Further entries to treat as ``NA``.

    Returns
    -------
    list of str
        One right-justified string per value, all of the common width
        (``"NA"``, ``"NaN"``, ``"Inf"``, ``"-Inf"`` for non-finite values).

    Notes
    -----
    R: ``format.default`` on a double vector (``formatReal`` + ``encodeReal``).
    """
    digits = check_digits(digits)
    x, mask = _as_double(values, na)
    width, dec, sci = _real_layout(x, mask, digits)
    return [_encode_real(float(v), bool(m), width, dec, sci) for v, m in zip(x, mask)]


def format_int(values: ArrayLike, *, na: ArrayLike | None = None) -> list[str]:
    """Format an integer vector as R's ``format(x)``.

    Parameters
    ----------
    values : array_like of int
        The integers; ``None`` entries (or masked entries) are ``NA``.
    na : array_like of bool, optional
        Further entries to treat as ``NA``.

    Returns
    -------
    list of str
        Right-justified to the common width.

    Notes
    -----
    R: ``format.default`` on an integer vector (``formatInteger``).
    """
    data, mask = _split_na(values, na)
    strs = ["NA" if m else str(int(v)) for v, m in zip(data, mask)]
    width = max((len(s) for s in strs), default=0)
    return [s.rjust(width) for s in strs]


def format_logical(values: ArrayLike, *, na: ArrayLike | None = None) -> list[str]:
    """Format a logical vector as R's ``format(x)``: ``TRUE``/``FALSE``/``NA``, right-justified.

    Parameters
    ----------
    values : array_like of bool
        The values; ``None`` entries (or masked entries) are ``NA``.
    na : array_like of bool, optional
        Further entries to treat as ``NA``.

    Returns
    -------
    list of str

    Notes
    -----
    R: ``format.default`` on a logical vector (``formatLogical``).
    """
    data, mask = _split_na(values, na)
    strs = ["NA" if m else ("TRUE" if v else "FALSE") for v, m in zip(data, mask)]
    width = max((len(s) for s in strs), default=0)
    return [s.rjust(width) for s in strs]


_ESCAPES = {
    "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a", "\b": "\\b",
    "\f": "\\f", "\v": "\\v", "\0": "\\0",
}


def _escape(s: str, quote: bool) -> str:
    out = []
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch == '"' and quote:
            out.append('\\"')
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append("\\%03o" % ord(ch))
        else:
            out.append(ch)
    s = "".join(out)
    return f'"{s}"' if quote else s


def str_width(s: str) -> int:
    """Columns a string occupies (East Asian wide characters count twice)."""
    if s.isascii():
        return len(s)
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


def _pad(s: str, width: int, right: bool) -> str:
    fill = " " * max(0, width - str_width(s))
    return fill + s if right else s + fill


def format_strings(values: ArrayLike, quote: bool = True, *,
                   na: ArrayLike | None = None) -> list[str]:
    """Encode strings as ``print`` shows them, before padding.

    Parameters
    ----------
    values : array_like of str
        The strings; ``None`` entries (or masked entries) are ``NA``.
    quote : bool, default=True
        Surround with double quotes (escaping ``"``); ``NA`` then prints
        ``NA``, otherwise ``<NA>``. Backslashes and control characters are
        escaped in both cases.
    na : array_like of bool, optional
        Further entries to treat as ``NA``.

    Returns
    -------
    list of str
        Unpadded.

    Notes
    -----
    R: ``encodeString`` as used by ``print.default``.
    """
    data, mask = _split_na(values, na)
    na_str = "NA" if quote else "<NA>"
    return [na_str if m else _escape(str(v), quote) for v, m in zip(data, mask)]


# --------------------------------------------------------------------- rounding


_LOG10_2 = math.log10(2.0)


def _round_one(x: float, dig: int) -> float:
    if x == 0 or not math.isfinite(x):
        return x
    if dig > 308 + _DBL_DIG:
        return x
    if dig < -308:
        return math.copysign(0.0, x)
    ax = abs(x)
    # R estimates log10|x| from the binary exponent (the middle of the octave
    # [2^b, 2^(b+1))); beyond 15 significant digits nothing is rounded off
    binexp = math.frexp(ax)[1] - 1
    if _LOG10_2 * (0.5 + binexp) + dig > _DBL_DIG:
        return x
    if dig > 308:  # 10^dig would overflow: round the scaled-up value instead
        return math.copysign(_round_one(ax * 1e300, dig - 300) / 1e300, x)
    p = float(f"1e{dig}")  # nearest double to 10^dig
    x10 = p * ax
    i10 = math.floor(x10)
    lo = i10 / p
    hi = math.ceil(x10) / p
    d_hi = hi - ax
    d_lo = ax - lo
    pick_hi = d_hi < d_lo or (d_hi == d_lo and i10 % 2 == 1)
    return math.copysign(hi if pick_hi else lo, x)


@overload
def r_round(x: float, digits: float = 0) -> float: ...
@overload
def r_round(x: ArrayLike, digits: ArrayLike = 0) -> float | np.ndarray: ...


def r_round(x: ArrayLike, digits: ArrayLike = 0) -> float | np.ndarray:
    """Round to ``digits`` decimal places as R's ``round(x, digits)`` (R >= 4.0.0).

    Non-integer ``digits`` are first rounded to the nearest integer ``d``
    (half up). The result is whichever of the two neighbouring ``d``-decimal
    numbers, ``floor(x * 10^d) / 10^d`` and ``ceiling(x * 10^d) / 10^d`` (with
    ``10^d`` the nearest double), is closer to ``x`` as measured in double
    precision, the one with an even last digit on a tie. Negative ``d`` round
    to tens, hundreds, ... the same way. ``x`` is returned unchanged when it
    has no digit to round off at that position: when ``d`` plus the estimate
    ``log10(2) * (b + 1/2)`` of ``log10|x|`` (``b`` the binary exponent of
    ``x``) exceeds 15. ``digits`` exactly 0 rounds half to even.

    Parameters
    ----------
    x : float or array_like of float
        Values; NaN and infinities are returned unchanged.
    digits : float or array_like of float, default=0
        Decimal places, broadcast against ``x``.

    Returns
    -------
    float or numpy.ndarray
        A float for scalar input, else a float64 array of the broadcast shape.

    Notes
    -----
    R: ``round`` (``Math2`` group, the "measure and round to nearest even"
    algorithm of R 4.0.0).
    """
    xa, da = np.broadcast_arrays(np.asarray(x, dtype=np.float64), np.asarray(digits, dtype=np.float64))
    out = np.empty(xa.shape, dtype=np.float64)
    for idx in np.ndindex(xa.shape):
        v, d = float(xa[idx]), float(da[idx])
        if math.isnan(d):
            out[idx] = v + d
        elif math.isinf(d):
            out[idx] = v if d > 0 or not math.isfinite(v) else math.copysign(0.0, v)
        elif d == 0:  # exactly 0 (not merely rounding to 0): plain half-to-even
            out[idx] = float(np.rint(v))
        else:
            out[idx] = _round_one(v, int(math.floor(d + 0.5)))
    if out.ndim == 0:
        return float(out)
    return out


def zapsmall(values: ArrayLike, digits: int = 7, *, na: ArrayLike | None = None) -> np.ndarray:
    """Round values that are close to zero to zero, as R's ``zapsmall``.

    Rounds all values to ``max(0, digits - log10(mx))`` decimal places, with
    ``mx`` the largest absolute non-NA value (to ``digits`` places when
    ``mx`` is 0), using :func:`r_round`.

    Parameters
    ----------
    values : array_like of float
        Values; ``None`` / NaN are NA and left alone.
    digits : int, default=7
        R's ``digits``.
    na : array_like of bool, optional
        Further entries to treat as NA (returned as NaN).

    Returns
    -------
    numpy.ndarray
        float64 array (NA as NaN).

    Notes
    -----
    R 4.2: ``zapsmall(x, digits = getOption("digits"))``; note the
    non-integer number of places (``log10(mx)`` is not rounded up), which
    ``round`` rounds to the nearest integer.
    """
    x, _ = _as_double(values, na)
    ok = ~np.isnan(x)
    if not ok.any():
        return x
    mx = float(np.max(np.abs(x[ok])))
    places = max(0.0, digits - math.log10(mx)) if mx > 0 else float(digits)
    return np.asarray(r_round(x, places), dtype=np.float64).reshape(x.shape)


# --------------------------------------------------------------------- printing


def _cells(data: np.ndarray, mask: np.ndarray, kind: str, digits: int,
           quote: bool) -> tuple[list[str], bool]:
    """Formatted cells and whether they are right-justified."""
    if kind == "double":
        x = _as_double(data, mask)[0]
        return format_real(x, digits, na=mask), True
    if kind == "integer":
        return format_int(data, na=mask), True
    if kind == "logical":
        return format_logical(data, na=mask), True
    return format_strings(data, quote, na=mask), False


_EMPTY = {"double": "numeric(0)", "integer": "integer(0)", "logical": "logical(0)",
          "character": "character(0)"}


def _names_list(names: ArrayLike, n: int, what: str) -> list[str]:
    data, mask = _split_na(names)
    if data.size != n:
        raise InvalidArgumentError(f"'{what}' has {data.size} entries for {n} values")
    return ["<NA>" if m else str(v) for v, m in zip(data, mask)]


def _join(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def print_vector(values: ArrayLike, names: ArrayLike | None = None, digits: int = 7,
                 width: int = 80, quote: bool = True) -> str:
    """Print a vector as R's ``print(x, digits = digits)``.

    Unnamed vectors are written in lines of as many elements as fit in
    ``width``, each line starting with the index label ``[i]`` of its first
    element, right-aligned to the widest label. Named vectors are written as
    pairs of lines: names above values, every field right-aligned to the
    widest name or value and followed by one space (so the lines end in a
    space); this is also the layout of ``summary()`` results and of 1-d tables
    (whose dimnames-name header line is not part of this output).

    Parameters
    ----------
    values : array_like
        A float array (R double), integer array (R integer), bool array
        (R logical) or str array (R character); ``None`` entries or masked
        entries are ``NA``.
    names : sequence of str, optional
        Element names (``None`` entries print ``<NA>``).
    digits : int, default=7
        Significant digits for doubles (the common layout of
        :func:`format_real`).
    width : int, default=80
        R's ``width`` option.
    quote : bool, default=True
        Quote strings; unnamed strings are left-aligned and padded to a common
        width (also the last on a line), named ones right-aligned.

    Returns
    -------
    str
        The lines, each ending in ``"\\n"``.

    Notes
    -----
    R: ``print.default`` (``printVector`` / ``printNamedVector``).
    """
    digits = check_digits(digits)
    width = check_width(width)
    data, mask = _split_na(values)
    kind = _kind(data, mask)
    n = data.size
    if names is not None:
        names = _names_list(names, n, "names")
    if n == 0:
        return _join([("named " if names is not None else "") + _EMPTY[kind]])
    cells, right = _cells(data, mask, kind, digits, quote)
    w = max(str_width(c) for c in cells)
    lines = []
    if names is None:
        lab = len(f"[{n}]")
        per_line = max(1, (width - lab) // (w + 1))
        for start in range(0, n, per_line):
            chunk = cells[start:start + per_line]
            lines.append(f"[{start + 1}]".rjust(lab) + "".join(" " + _pad(c, w, right) for c in chunk))
    else:
        w = max(w, max(str_width(s) for s in names))
        per_line = max(1, width // (w + 1))
        for start in range(0, n, per_line):
            stop = start + per_line
            lines.append("".join(_pad(s, w, True) + " " for s in names[start:stop]))
            lines.append("".join(_pad(c, w, True) + " " for c in cells[start:stop]))
    return _join(lines)


def print_matrix(m: ArrayLike, row_names: ArrayLike | None = None,
                 col_names: ArrayLike | None = None, digits: int = 7, width: int = 80,
                 quote: bool = True) -> str:
    """Print a matrix as R's ``print(m, digits = digits)``.

    Every column is formatted on its own (as :func:`format_real` for doubles)
    and is as wide as its widest entry or header; numbers and headers are
    right-aligned, strings and their headers left-aligned. Rows are labelled
    by their names (left-aligned, padded) or ``[i,]``; columns by their names
    or ``[,j]``. Columns go into blocks that fit in ``width`` (a line must be
    shorter than ``width``), each block repeating the row labels.

    Parameters
    ----------
    m : array_like, 2-d
        float, integer, bool or str matrix; ``None`` / masked entries are NA.
    row_names, col_names : sequence of str, optional
        Dimnames (``None`` entries print ``<NA>``).
    digits : int, default=7
        Significant digits for double columns.
    width : int, default=80
        R's ``width`` option.
    quote : bool, default=True
        Quote strings.

    Returns
    -------
    str
        The lines, each ending in ``"\\n"``.

    Notes
    -----
    R: ``print.default`` on a matrix (``printMatrix``).
    """
    digits = check_digits(digits)
    width = check_width(width)
    if isinstance(m, np.ma.MaskedArray):
        arr = np.asarray(m.data)
        mask2 = np.ma.getmaskarray(m)
    else:
        arr = np.asarray(m)
        mask2 = None
    if arr.ndim != 2:
        raise InvalidArgumentError(f"'m' must be 2-dimensional; got {arr.ndim} dimension(s)")
    nr, nc = arr.shape
    if nr == 0 and nc == 0:
        return _join(["<0 x 0 matrix>"])
    rn = _names_list(row_names, nr, "row_names") if row_names is not None else None
    cn = _names_list(col_names, nc, "col_names") if col_names is not None else None
    if rn is None:
        labels = [f"[{i + 1},]" for i in range(nr)]
        lab_w = len(f"[{nr},]")
        row_labels = [s.rjust(lab_w) for s in labels]
    else:
        lab_w = max((str_width(s) for s in rn), default=0)
        row_labels = [_pad(s, lab_w, False) for s in rn]
    if nc == 0:
        return _join([" " * lab_w] + row_labels)
    flat, flat_mask = _split_na(arr.T)  # column by column
    if mask2 is not None:
        flat_mask = flat_mask | np.asarray(mask2).T.ravel()
    kind = _kind(flat, flat_mask)
    columns = []
    for j in range(nc):
        sl = slice(j * nr, (j + 1) * nr)
        cells, right = _cells(flat[sl], flat_mask[sl], kind, digits, quote)
        head = cn[j] if cn is not None else f"[,{j + 1}]"
        w = max([str_width(head)] + [str_width(c) for c in cells])
        columns.append((_pad(head, w, right), [_pad(c, w, right) for c in cells], w))
    lines = []
    j = 0
    while j < nc:
        used = lab_w + 1 + columns[j][2]
        stop = j + 1
        while stop < nc and used + 1 + columns[stop][2] < width:
            used += 1 + columns[stop][2]
            stop += 1
        block = columns[j:stop]
        lines.append(" " * lab_w + "".join(" " + head for head, _, _ in block))
        for i in range(nr):
            lines.append(row_labels[i] + "".join(" " + cells[i] for _, cells, _ in block))
        j = stop
    return _join(lines)


# -- labels in plots ------------------------------------------------------------------


def as_character(value: float) -> str:
    """R's ``as.character`` of a double with few digits (15 significant, trailing zeros dropped)."""
    text = repr(float(value))
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def round_label(value: float, digits: int) -> str:
    """R's ``as.character(round(value, digits))``."""
    return as_character(r_round(value, digits))


def format_nsmall2(value: float) -> str:
    """R's ``format(x, digits = 1, nsmall = 2)``."""
    text = format_real([value], 1)[0].strip()
    if "e" in text or ("." in text and len(text.split(".")[1]) >= 2):
        return text
    return f"{value:.2f}"
