"""R's random numbers: Mersenne-Twister with ``set.seed``, ``sample.int`` and ``runif``.

``set_seed(42)`` followed by the same calls as an R script draws the same
numbers as that script (R >= 3.6.0 defaults: kinds "Mersenne-Twister",
"Inversion", "Rejection"). The package-wide default stream plays the part of
R's global ``.Random.seed``: every function that draws (``kmeans`` with a
number of centres, ``clus_gap``) continues it unless given ``rng=``.
"""

from __future__ import annotations

import numbers
import secrets

import numpy as np

from ._kernels import _core
from .exceptions import InvalidArgumentError, InvalidTypeError

__all__ = ["RStream", "get_stream", "runif", "sample_int", "set_seed"]

_INT_MAX = 2**31 - 1
_R_KIND_MT = 10403  # .Random.seed[1] for Mersenne-Twister / Inversion / Rejection


def _as_r_seed(seed) -> int:
    """R's ``as.integer(seed)`` as ``set.seed`` uses it."""
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Real):
        raise InvalidTypeError(f"'seed' must be an integer; got {type(seed).__name__} {seed!r}")
    value = float(seed)
    if not np.isfinite(value) or abs(value) >= 2**31:
        raise InvalidArgumentError(
            f"supplied seed is not a valid integer: {seed!r}; R's seeds lie in "
            f"-{_INT_MAX}..{_INT_MAX}"
        )
    if value != int(value):
        raise InvalidArgumentError(
            f"'seed' must be a whole number; got {seed!r} (R would truncate it to "
            f"{int(value)}: pass that if you mean it)"
        )
    return int(value)


class RStream:
    """One stream of R's default random numbers.

    Parameters
    ----------
    seed : int or None, default=None
        As R's ``set.seed(seed)``. ``None`` seeds from operating-system entropy
        (R seeds from the clock and process id), so the stream is not
        reproducible.

    Notes
    -----
    R: ``set.seed(seed, kind = "Mersenne-Twister", normal.kind = "Inversion",
    sample.kind = "Rejection")`` and ``.Random.seed``.
    The stream is not thread-safe, like R's.

    Examples
    --------
    >>> s = RStream(42)
    >>> s.sample_int(50, 3)
    array([49, 37,  1])
    >>> s.runif(2)  # R: set.seed(42); sample.int(50, 3); runif(2)
    array([0.83044763, 0.64174552])
    """

    __slots__ = ("_state",)

    def __init__(self, seed: int | None = None):
        self._state = np.empty(625, dtype=np.uint32)
        self.seed(seed)

    def seed(self, seed: int | None) -> None:
        """Re-seed in place, as ``set.seed(seed)`` (``None``: from entropy)."""
        if seed is None:
            value = secrets.randbits(32)
        else:
            value = _as_r_seed(seed) & 0xFFFFFFFF
        _core.set_seed_state(self._state, value)

    @classmethod
    def from_random_seed(cls, random_seed) -> "RStream":
        """A stream in the state given by R's ``.Random.seed`` (626 integers)."""
        words = np.asarray(random_seed)
        if words.shape != (626,) or not np.issubdtype(words.dtype, np.integer):
            raise InvalidArgumentError(
                "'random_seed' must be R's .Random.seed for Mersenne-Twister: 626 integers; "
                f"got shape {words.shape} and dtype {words.dtype}"
            )
        if int(words[0]) != _R_KIND_MT:
            raise InvalidArgumentError(
                f".Random.seed[1] must be {_R_KIND_MT} (Mersenne-Twister, Inversion, "
                f"Rejection); got {int(words[0])}"
            )
        pos = int(words[1])
        if not 0 <= pos <= 624:
            raise InvalidArgumentError(f".Random.seed[2] (position) must be in 0..624; got {pos}")
        stream = cls.__new__(cls)
        stream._state = words[1:].astype(np.int64).astype(np.uint32)
        return stream

    @property
    def random_seed(self) -> np.ndarray:
        """R's ``.Random.seed``: 626 int32 values, kind code first."""
        out = np.empty(626, dtype=np.int32)
        out[0] = _R_KIND_MT
        out[1:] = self._state.view(np.int32)
        return out

    def copy(self) -> "RStream":
        """An independent stream in the same state."""
        new = RStream.__new__(RStream)
        new._state = self._state.copy()
        return new

    def __eq__(self, other):
        if not isinstance(other, RStream):
            return NotImplemented
        return bool(np.array_equal(self._state, other._state))

    __hash__ = None

    def __repr__(self) -> str:
        return f"RStream(position={int(self._state[0])})"

    def __getstate__(self):
        return self._state.copy()

    def __setstate__(self, state):
        self._state = np.array(state, dtype=np.uint32)

    # -- draws ------------------------------------------------------------
    def unif_rand(self, n: int = 1) -> np.ndarray:
        """``n`` successive values of R's ``unif_rand()`` (32-bit resolution)."""
        return _core.unif_rand(self._state, _check_count(n, "n"))

    def sample_int(self, n, size=None) -> np.ndarray:
        """R's ``sample.int(n, size)`` without replacement: 1-based int64 values."""
        return _sample_int(self._state, n, size)

    def runif(self, n, min=0.0, max=1.0) -> np.ndarray:
        """R's ``runif(n, min, max)`` for scalar ``min`` and ``max``."""
        return _runif(self._state, n, min, max)


def _check_count(n, name: str) -> int:
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Real):
        raise InvalidTypeError(f"'{name}' must be a non-negative integer; got {n!r}")
    if not np.isfinite(n) or n < 0 or n != int(n):
        raise InvalidArgumentError(f"invalid '{name}' argument: must be a non-negative integer; got {n!r}")
    return int(n)


def _sample_int(state: np.ndarray, n, size) -> np.ndarray:
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Real):
        raise InvalidTypeError(f"'n' must be a positive integer; got {n!r}")
    if not np.isfinite(n) or n < 0 or n != int(n) or n > 2**52:
        raise InvalidArgumentError(f"invalid first argument: 'n' must be a whole number in 0..2^52; got {n!r}")
    n = int(n)
    size = n if size is None else _check_count(size, "size")
    if size > n:
        raise InvalidArgumentError(
            f"cannot take a sample larger than the population when 'replace = FALSE' "
            f"(size {size} > n {n})"
        )
    if n == 0 and size > 0:
        raise InvalidArgumentError("invalid first argument: 'n' is 0")
    return _core.sample_int(state, float(n), size).astype(np.int64)


def _runif(state: np.ndarray, n, min, max) -> np.ndarray:
    count = _check_count(n, "n")
    lo, hi = float(min), float(max)
    if not (np.isfinite(lo) and np.isfinite(hi)) or hi < lo:
        raise InvalidArgumentError(
            f"runif needs finite 'min' <= 'max'; got min={min!r}, max={max!r} "
            "(R would return NaN with the warning \"NAs produced\")"
        )
    return _core.runif(state, count, lo, hi)


# -- the default stream (R's global .Random.seed) ---------------------------

_default = RStream(None)


def get_stream() -> RStream:
    """The package-wide default stream (R's global ``.Random.seed``)."""
    return _default


def set_seed(seed: int) -> None:
    """Seed the default stream exactly as R's ``set.seed(seed)``.

    Parameters
    ----------
    seed : int
        A whole number in -2147483647..2147483647.

    Raises
    ------
    InvalidArgumentError
        If ``seed`` is not a whole number in R's integer range. (R truncates
        ``set.seed(1.9)`` to 1; here that is an error naming the value to pass.)

    Notes
    -----
    R: ``set.seed(seed)`` with R >= 3.6.0's default kinds. Every later call
    that draws without ``rng=`` continues this stream, as in R.

    Examples
    --------
    >>> set_seed(42)
    >>> sample_int(50, 3)
    array([49, 37,  1])
    """
    _default.seed(_as_r_seed(seed))


def sample_int(n: int, size: int | None = None, *, rng=None) -> np.ndarray:
    """R's ``sample.int(n, size)`` (``replace = FALSE``): 1-based integers.

    Parameters
    ----------
    n : int
        Population size.
    size : int, default=n
        Number of draws; ``size > n`` is an error as in R.
    rng : None, int or RStream, default=None
        ``None`` continues the default stream; an int is a fresh stream as
        after ``set.seed(int)``.

    Notes
    -----
    R: ``sample.int(n, size)`` with ``sample.kind = "Rejection"``, including
    R's hash branch for ``n > 1e7`` and ``size <= n / 2``.
    """
    return _sample_int(resolve_stream(rng)._state, n, size)


def runif(n: int, min: float = 0.0, max: float = 1.0, *, rng=None) -> np.ndarray:
    """R's ``runif(n, min, max)``: ``min == max`` returns ``min`` and draws nothing.

    Notes
    -----
    R: ``runif(n, min = 0, max = 1)``. Difference from R: non-finite or
    reversed bounds raise instead of returning NaN with a warning; ``min``
    and ``max`` are scalars.
    """
    return _runif(resolve_stream(rng)._state, n, min, max)


def resolve_stream(rng) -> RStream:
    """The R stream meant by an ``rng=`` argument (not numpy Generators)."""
    if rng is None:
        return _default
    if isinstance(rng, RStream):
        return rng
    if isinstance(rng, numbers.Integral) and not isinstance(rng, (bool, np.bool_)):
        return RStream(int(rng))
    raise InvalidTypeError(
        f"'rng' must be None, an int seed or an RStream; got {type(rng).__name__}"
    )


class _GeneratorDraws:
    """numpy Generator behind the draw interface (not R-reproducible)."""

    __slots__ = ("gen",)

    def __init__(self, gen: np.random.Generator):
        self.gen = gen

    def sample_int(self, n, size=None):
        n = int(n)
        size = n if size is None else int(size)
        if size > n:
            raise InvalidArgumentError(
                f"cannot take a sample larger than the population when 'replace = FALSE' "
                f"(size {size} > n {n})"
            )
        return self.gen.choice(n, size=size, replace=False).astype(np.int64) + 1

    def runif(self, n, min=0.0, max=1.0):
        lo, hi = float(min), float(max)
        if lo == hi:
            return np.full(int(n), lo)
        return self.gen.uniform(lo, hi, size=int(n))


def resolve_draws(rng):
    """An object with ``sample_int`` and ``runif`` for an ``rng=`` argument.

    Accepts everything ``resolve_stream`` does, plus a numpy ``Generator``
    (documented as not reproducing R).
    """
    if isinstance(rng, np.random.Generator):
        return _GeneratorDraws(rng)
    if isinstance(rng, np.random.RandomState):
        raise InvalidTypeError(
            "'rng' may be a numpy Generator (np.random.default_rng()) but not a legacy RandomState"
        )
    return resolve_stream(rng)
