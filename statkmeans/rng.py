"""R's random numbers: ``set.seed``, ``rnorm``, ``runif``, ``sample`` and ``sample.int``.

``set_seed(42)`` followed by the same calls as an R script draws the same
numbers as that script (R's kinds "Mersenne-Twister" and "Inversion", with
sample kind "Rejection", R >= 3.6.0's default, or "Rounding", the sampler of
R before 3.6.0). The package-wide default stream plays the part of R's global
``.Random.seed``: every function that draws (``rnorm``, ``sample``,
``kmeans`` with a number of centres, ``clus_gap``, ``nbclust``) continues it
unless given ``rng=``.

R's ``matrix(v, ncol = 2)`` fills column by column: write it
``v.reshape(-1, 2, order="F")``; R's ``rbind(a, b)`` is ``np.vstack([a, b])``
and ``cbind(a, b)`` is ``np.column_stack([a, b])``.
"""

from __future__ import annotations

import secrets
import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar, overload

import numpy as np

from . import _validation as _v
from ._kernels import _rng
from ._typing import ArrayLike, RngLike
from .exceptions import InvalidTypeError, NaNProducedWarning, RoundingSamplerWarning

if TYPE_CHECKING:  # pragma: no cover
    from numpy.typing import NDArray

__all__ = [
    "RStream",
    "get_stream",
    "rng_kind",
    "rnorm",
    "runif",
    "sample",
    "sample_int",
    "set_seed",
]

_KIND_CODE = {"Rejection": 10403, "Rounding": 403}  # .Random.seed[1]

_T = TypeVar("_T")


def _warn_rounding(stacklevel: int) -> None:
    warnings.warn(
        "non-uniform 'Rounding' sampler used (R's sampler before 3.6.0, selected to "
        "reproduce old results)",
        RoundingSamplerWarning,
        stacklevel=stacklevel + 1,
    )


class RStream:
    """One stream of R's random numbers (R's ``.Random.seed``).

    Parameters
    ----------
    seed : int or None, default=None
        As R's ``set.seed(seed)``. ``None`` seeds from operating-system entropy
        (R seeds from the clock and process id), so the stream is not
        reproducible.
    sample_kind : {"Rejection", "Rounding"}, default="Rejection"
        R's ``sample.kind``: "Rejection" is R >= 3.6.0's sampler, "Rounding"
        the sampler of R before 3.6.0 (selecting it warns, as in R).

    Warns
    -----
    RoundingSamplerWarning
        When ``sample_kind="Rounding"`` (R: "non-uniform 'Rounding' sampler used").

    Notes
    -----
    R: ``set.seed(seed, kind = "Mersenne-Twister", normal.kind = "Inversion",
    sample.kind = "Rejection")`` and ``.Random.seed``.
    Threads: every draw holds the GIL while it advances the state, so two
    draws never interleave; the package's functions that draw several
    times (kmeans' random starts, ``clus_gap``, ``nbclust``) hold
    :attr:`lock` while they draw, so their draws stay contiguous when other
    threads draw from the same stream. Hold ``with stream.lock:`` around
    your own sequence of draws for the same guarantee. Code in different
    threads that must reproduce R should each pass its own ``rng=``.

    Examples
    --------
    >>> s = RStream(42)
    >>> s.sample_int(50, 3)
    array([49, 37,  1])
    >>> s.runif(2)  # R: set.seed(42); sample.int(50, 3); runif(2)
    array([0.83044763, 0.64174552])
    """

    __slots__ = ("_lock", "_rounding", "_state")

    _state: NDArray[np.uint32]
    _rounding: bool
    _lock: threading.RLock

    def __init__(self, seed: int | None = None, *, sample_kind: str = "Rejection") -> None:
        kind = _v.check_sample_kind(sample_kind)
        self._state = np.empty(625, dtype=np.uint32)
        self._rounding = False
        self._lock = threading.RLock()
        self._reseed(seed)
        self._rounding = kind == "Rounding"
        if self._rounding:
            _warn_rounding(stacklevel=2)

    def _reseed(self, seed: int | None) -> None:
        value = secrets.randbits(32) if seed is None else _v.check_seed(seed) & 0xFFFFFFFF
        _rng.set_seed_state(self._state, value)

    def seed(self, seed: int | None, *, sample_kind: str | None = None) -> None:
        """Re-seed in place, as ``set.seed(seed, sample.kind = sample_kind)``.

        Parameters
        ----------
        seed : int or None
            R's seed; ``None`` seeds from entropy.
        sample_kind : {"Rejection", "Rounding"}, optional
            The sampler; ``None`` keeps the stream's, as R's ``set.seed``
            keeps ``sample.kind`` unless it is given.
        """
        kind = None if sample_kind is None else _v.check_sample_kind(sample_kind)
        self._reseed(seed)
        if kind is not None:
            self._set_kind(kind, stacklevel=3)

    def _set_kind(self, kind: str, stacklevel: int) -> str:
        before = self.sample_kind
        self._rounding = kind == "Rounding"
        if self._rounding:
            _warn_rounding(stacklevel + 1)
        return before

    @property
    def sample_kind(self) -> str:
        """R's ``sample.kind`` of this stream: "Rejection" or "Rounding"."""
        return "Rounding" if self._rounding else "Rejection"

    @classmethod
    def from_random_seed(cls, random_seed: ArrayLike) -> RStream:
        """A stream in the state given by R's ``.Random.seed`` (626 integers).

        Parameters
        ----------
        random_seed : array-like of 626 integers
            R's ``.Random.seed``. The first word gives the sampler: 10403 for
            "Rejection", 403 for "Rounding" (no warning: the state is
            restored, not chosen).

        Returns
        -------
        RStream
            A new stream in that state.
        """
        state, kind = _v.check_random_seed(random_seed)
        stream = cls.__new__(cls)
        stream._state = state
        stream._rounding = kind == "Rounding"
        stream._lock = threading.RLock()
        return stream

    @property
    def random_seed(self) -> NDArray[np.int32]:
        """R's ``.Random.seed``: 626 int32 values, kind code (10403 or 403) first."""
        out = np.empty(626, dtype=np.int32)
        out[0] = _KIND_CODE[self.sample_kind]
        out[1:] = self._state.view(np.int32)
        return out

    def copy(self) -> RStream:
        """An independent stream in the same state, with the same sampler.

        Returns
        -------
        RStream
            The copy; drawing from it leaves this stream unchanged.
        """
        new = RStream.__new__(RStream)
        new._state = self._state.copy()
        new._rounding = self._rounding
        new._lock = threading.RLock()
        return new

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RStream):
            return NotImplemented
        return self._rounding == other._rounding and bool(np.array_equal(self._state, other._state))

    # Unhashable (it is mutable and compares by value); typeshed declares
    # object.__hash__ a method, hence the ignore (the idiom of list and dict).
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        kind = ", sample_kind='Rounding'" if self._rounding else ""
        return f"RStream(position={int(self._state[0])}{kind})"

    def __getstate__(self) -> tuple[NDArray[np.uint32], bool]:
        return (self._state.copy(), self._rounding)

    def __setstate__(self, state: object) -> None:
        if isinstance(state, tuple):  # since the Rounding sampler
            words, rounding = state
        else:  # a pickle from before: the words alone, sampler "Rejection"
            words, rounding = state, False
        self._state = np.array(words, dtype=np.uint32)
        self._rounding = bool(rounding)
        self._lock = threading.RLock()

    @property
    def lock(self) -> threading.RLock:
        """The lock held while a sequence of draws must not interleave with other threads'."""
        return self._lock

    # -- draws ------------------------------------------------------------
    def unif_rand(self, n: int = 1) -> NDArray[np.float64]:
        """``n`` successive values of R's ``unif_rand()`` (32-bit resolution).

        Parameters
        ----------
        n : int, default=1
            How many values.

        Returns
        -------
        numpy.ndarray of float64, shape (n,)
            Uniforms in (0, 1).
        """
        return _rng.unif_rand(self._state, _v.check_count(n, "n"))

    def sample_int(self, n: int, size: int | None = None, replace: bool = False,
                   prob: ArrayLike | None = None) -> NDArray[np.int64]:
        """R's ``sample.int(n, size, replace, prob)``: 1-based int64 values.

        See :func:`statkmeans.sample_int`.
        """
        return _sample_int(self, n, size, replace, prob)

    @overload
    def sample(self, x: int, size: int | None = None, replace: bool = False,
               prob: ArrayLike | None = None) -> NDArray[np.int64]: ...
    @overload
    def sample(self, x: NDArray[Any], size: int | None = None, replace: bool = False,
               prob: ArrayLike | None = None) -> NDArray[Any]: ...
    @overload
    def sample(self, x: Sequence[_T], size: int | None = None, replace: bool = False,
               prob: ArrayLike | None = None) -> list[_T]: ...
    @overload
    def sample(self, x: Any, size: int | None = None, replace: bool = False,
               prob: ArrayLike | None = None) -> Any: ...
    def sample(self, x: Any, size: int | None = None, replace: bool = False,
               prob: ArrayLike | None = None) -> Any:
        """R's ``sample(x, size, replace, prob)``; see :func:`statkmeans.sample`."""
        return _sample(self, x, size, replace, prob)

    def runif(self, n: int, min: float = 0.0, max: float = 1.0) -> NDArray[np.float64]:
        """R's ``runif(n, min, max)`` for scalar ``min`` and ``max``."""
        return _runif(self, n, min, max)

    def rnorm(self, n: int, mean: ArrayLike = 0.0, sd: ArrayLike = 1.0) -> NDArray[np.float64]:
        """R's ``rnorm(n, mean, sd)``; see :func:`statkmeans.rnorm`."""
        return _rnorm(self, n, mean, sd, stacklevel=2)


# -- the draws, checked first (a failed check draws nothing) ----------------------


def _sample_int(stream: RStream, n: object, size: object, replace: object,
                prob: ArrayLike | None) -> NDArray[np.int64]:
    n = _v.check_population(n)
    replace = _v.check_replace(replace)
    size = _v.check_size(size, n, replace)
    if prob is None:
        return _rng.sample_int(stream._state, float(n), size, replace, stream._rounding)
    p = _v.check_prob(prob, n, size, replace)
    if size == 0:
        return np.empty(0, dtype=np.int64)
    return _rng.sample_prob(stream._state, p, size, replace, stream._rounding)


def _sample(stream: RStream, x: object, size: object, replace: object,
            prob: ArrayLike | None) -> Any:
    n, population = _v.check_sample_x(x)
    idx = _sample_int(stream, n, size, replace, prob)
    if population is None:
        return idx
    return _take(population, idx - 1)


def _take(population: Any, positions: NDArray[np.int64]) -> Any:
    """R's ``x[i]`` for 0-based positions: the kind of x is kept where it has one."""
    if isinstance(population, np.ndarray):
        return population[positions]
    if _v.is_series(population):
        return population.iloc[positions]
    if hasattr(population, "take") and not isinstance(population, Sequence):
        return population.take(positions)  # e.g. a pandas Index
    return [population[i] for i in positions.tolist()]


def _runif(stream: RStream, n: object, min: object, max: object) -> NDArray[np.float64]:
    count = _v.check_count(n, "n", r_says="invalid arguments")
    lo, hi = _v.check_runif_bounds(min, max)
    return _rng.runif(stream._state, count, lo, hi)


def _rnorm(stream: RStream, n: object, mean: ArrayLike, sd: ArrayLike,
           stacklevel: int) -> NDArray[np.float64]:
    count = _v.check_count(n, "n", r_says="invalid arguments")
    mu, sigma = _v.check_normal_args(mean, sd)
    out = _rng.rnorm(stream._state, count, mu, sigma)
    if count and (np.isnan(mu).any() or not np.isfinite(sigma).all() or (sigma < 0).any()):
        bad = np.flatnonzero(np.isnan(out))
        if bad.size:
            where = ", ".join(str(i + 1) for i in bad[:5]) + (", ..." if bad.size > 5 else "")
            warnings.warn(
                f"NAs produced: {bad.size} of {count} values are NaN (element {where}, 1-based: "
                "a NaN mean, or an sd that is negative or not finite), as in R",
                NaNProducedWarning,
                stacklevel=stacklevel + 1,
            )
    return out


# -- the default stream (R's global .Random.seed) ---------------------------

_default = RStream(None)


def get_stream() -> RStream:
    """The package-wide default stream (R's global ``.Random.seed``).

    Returns
    -------
    RStream
        The stream that every call without ``rng=`` draws from.
    """
    return _default


def set_seed(seed: int, *, sample_kind: str | None = None) -> None:
    """Seed the default stream exactly as R's ``set.seed(seed)``.

    Parameters
    ----------
    seed : int
        A whole number in -2147483647..2147483647.
    sample_kind : {"Rejection", "Rounding", "default"} or None, default=None
        R's ``sample.kind``. ``None`` keeps the sampler in use, as R's
        ``set.seed`` does: after ``set_seed(s, sample_kind="Rounding")`` every
        later ``set_seed(t)`` still uses the Rounding sampler, until
        ``sample_kind="Rejection"`` (or ``"default"``) is passed here or to
        :func:`rng_kind`. The package starts with "Rejection".

    Raises
    ------
    InvalidArgumentError
        If ``seed`` is not a whole number in R's integer range (R truncates
        ``set.seed(1.9)`` to 1; here that is an error naming the value to
        pass), or ``sample_kind`` is not one of the kinds. Nothing changes
        then.

    Warns
    -----
    RoundingSamplerWarning
        When ``sample_kind="Rounding"`` is passed (R: "non-uniform 'Rounding'
        sampler used"); a later plain ``set_seed`` does not warn, as in R.

    See Also
    --------
    rng_kind : Change the sampler without re-seeding.

    Notes
    -----
    R: ``set.seed(seed, kind = NULL, normal.kind = NULL, sample.kind = NULL)``
    with kinds "Mersenne-Twister" and "Inversion" (the only ones supported).
    Every later call that draws without ``rng=`` continues this stream, as in
    R. The sampler ("Rejection" or "Rounding") decides every draw of
    :func:`sample`, :func:`sample_int` and through them ``kmeans``' random
    starts, ``clus_gap`` and ``nbclust``; ``runif`` and ``rnorm`` are the same
    under both. Tested against R 4.2.2.

    Differences from R:

    * A non-integral seed is an error (R truncates it).

    Examples
    --------
    >>> set_seed(42)
    >>> sample_int(50, 3)
    array([49, 37,  1])

    R: ``set.seed(123, sample.kind = "Rounding"); sample(10)``, as results
    printed before R 3.6.0 were made:

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     set_seed(123, sample_kind="Rounding")
    >>> sample(10)
    array([ 3,  8,  4,  7,  6,  1, 10,  9,  2,  5])
    >>> set_seed(123)  # still "Rounding", as R's set.seed(123)
    >>> sample(5)
    array([2, 4, 5, 3, 1])
    >>> set_seed(123, sample_kind="Rejection")
    >>> sample(10)
    array([ 3, 10,  2,  8,  6,  9,  1,  7,  5,  4])
    """
    kind = None if sample_kind is None else _v.check_sample_kind(sample_kind)
    value = _v.check_seed(seed)
    _default._reseed(value)
    if kind is not None:
        _default._set_kind(kind, stacklevel=2)


def rng_kind(sample_kind: str | None = None, *, rng: RStream | None = None) -> str:
    """Get or set the sampler, as R's ``RNGkind(sample.kind = ...)``.

    Parameters
    ----------
    sample_kind : {"Rejection", "Rounding", "default"} or None, default=None
        The sampler to use from now on; ``None`` changes nothing.
    rng : RStream or None, default=None
        The stream whose sampler is read or set; ``None`` is the default
        stream.

    Returns
    -------
    str
        The sampler in use before the call, as R's ``RNGkind()`` returns the
        previous kinds.

    Warns
    -----
    RoundingSamplerWarning
        When ``sample_kind="Rounding"``.

    Notes
    -----
    R: ``RNGkind(sample.kind = "Rounding")``; the Mersenne-Twister state is not
    touched, so draws continue from where they were. Tested against R 4.2.2.

    Differences from R:

    * Returns the sample kind alone (R returns the three kinds).

    Examples
    --------
    >>> rng_kind()
    'Rejection'
    """
    stream = _default if rng is None else rng
    if not isinstance(stream, RStream):
        raise InvalidTypeError(f"'rng' must be None or an RStream; got {type(rng).__name__}")
    if sample_kind is None:
        return stream.sample_kind
    return stream._set_kind(_v.check_sample_kind(sample_kind), stacklevel=2)


def rnorm(n: int, mean: ArrayLike = 0.0, sd: ArrayLike = 1.0, *,
          rng: int | RStream | None = None) -> NDArray[np.float64]:
    """Normal random numbers, R's ``rnorm(n, mean, sd)`` to the last bit.

    Parameters
    ----------
    n : int
        How many values.
    mean, sd : float or array-like of float, default=0 and 1
        Means and standard deviations, recycled as in R: element ``i`` uses
        ``mean[i % len(mean)]`` and ``sd[i % len(sd)]``.
    rng : None, int or RStream, default=None
        ``None`` continues the default stream; an int is a fresh stream as
        after ``set.seed(int)``.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        The deviates, R's to the last bit.

    Raises
    ------
    InvalidArgumentError, InvalidTypeError
        ``n`` not a whole number >= 0, ``mean`` or ``sd`` empty, not numeric
        or more than 1-D. Nothing is drawn then.

    Warns
    -----
    NaNProducedWarning
        When an element is NaN because its mean is NaN or its sd is negative
        or not finite (R: "NAs produced").

    Notes
    -----
    R: ``rnorm(n, mean = 0, sd = 1)`` with ``normal.kind = "Inversion"`` (R's
    default). Each deviate takes two uniforms ``u1, u2`` and inverts
    ``(floor(2^27 u1) + u2) / 2^27`` with R's ``qnorm`` (Wichura's AS 241);
    the value is ``mean + sd * z``. Elements with ``sd == 0`` or an infinite
    mean are the mean and draw nothing.

    **Invalid parameters give NaN, as in R, not an error:** an element whose
    mean is NaN or whose sd is negative, infinite or NaN is NaN, draws
    nothing, and the call warns once. This keeps R's values *and* R's
    stream position, so the rest of a ported script still draws R's numbers
    (an error would stop it where R goes on).

    Differences from R:

    * A non-integral ``n`` is an error (R truncates it); R's ``rnorm(c(...))``
      (n taken as a length) is written ``rnorm(len(v))``.
    * An empty ``mean`` or ``sd`` is an error (R returns NA for every element).

    To write R's ``matrix(rnorm(100), ncol = 2)``, fill by column:
    ``rnorm(100).reshape(-1, 2, order="F")``; ``rbind(a, b)`` is
    ``np.vstack([a, b])``. Tested against R 4.2.2.

    Examples
    --------
    R: ``set.seed(42); rnorm(3); rnorm(4, mean = c(0, 10), sd = 2)``

    >>> set_seed(42)
    >>> rnorm(3)
    array([ 1.37095845, -0.56469817,  0.36312841])
    >>> rnorm(4, mean=[0, 10], sd=2)
    array([ 1.26572521, 10.80853665, -0.21224903, 13.02304399])

    R's help page for ``kmeans`` simulates its data as
    ``x <- rbind(matrix(rnorm(100, sd = 0.3), ncol = 2),
    matrix(rnorm(100, mean = 1, sd = 0.3), ncol = 2))``:

    >>> import numpy as np
    >>> set_seed(1)
    >>> x = np.vstack([rnorm(100, sd=0.3).reshape(-1, 2, order="F"),
    ...                rnorm(100, mean=1, sd=0.3).reshape(-1, 2, order="F")])
    >>> x[:2]  # R: x[1:2, ]
    array([[-0.18793614,  0.11943176],
           [ 0.055093  , -0.18360792]])
    """
    return _rnorm(resolve_stream(rng), n, mean, sd, stacklevel=2)


def sample_int(n: int, size: int | None = None, replace: bool = False,
               prob: ArrayLike | None = None, *,
               rng: int | RStream | None = None) -> NDArray[np.int64]:
    """R's ``sample.int(n, size, replace, prob)``: 1-based integers.

    Parameters
    ----------
    n : int
        Population size: values are drawn from 1..n.
    size : int, default=n
        Number of values.
    replace : bool, default=False
        Draw with replacement.
    prob : array-like of float of length n, optional
        Weights (need not sum to 1): finite, non-negative, at least one
        positive (without replacement, at least ``size`` positive).
    rng : None, int or RStream, default=None
        ``None`` continues the default stream; an int is a fresh stream as
        after ``set.seed(int)``.

    Returns
    -------
    numpy.ndarray of int64, shape (size,)
        The drawn values, in 1..n.

    Raises
    ------
    InvalidArgumentError, InvalidTypeError
        With R's words and the argument at fault: ``n`` or ``size`` not a
        whole number >= 0, ``size > n`` without replacement, ``prob`` of the
        wrong length, with a NaN, infinite or negative entry, or too few
        positive entries. Nothing is drawn then.

    See Also
    --------
    sample : Sample the elements of a sequence.

    Notes
    -----
    R: ``sample.int(n, size = n, replace = FALSE, prob = NULL)``, under the
    sampler chosen by :func:`set_seed` ("Rejection" by default, "Rounding"
    for R before 3.6.0). The algorithms and their uniforms are R's: without
    ``prob``, one random index per element (with replacement, or a single
    value), a swap-with-last pool (without replacement), or R's hash branch
    for ``n > 1e7`` and ``size <= n / 2``; with ``prob``, inversion on the
    weights sorted in decreasing order (R's heap sort and its tie order),
    deleting each drawn element without replacement, and Walker's alias
    method with replacement when more than 200 weights exceed 0.1 / n.

    Differences from R:

    * A non-integral ``n`` or ``size`` is an error (R truncates it).

    Tested against R 4.2.2.

    Examples
    --------
    R: ``set.seed(2718); sample.int(5, 15, TRUE, prob = c(.1, .4, .2, .2, .1))``

    >>> sample_int(5, 15, True, prob=[.1, .4, .2, .2, .1], rng=2718)
    array([4, 3, 2, 2, 4, 4, 2, 4, 2, 4, 2, 4, 5, 4, 4])
    """
    return _sample_int(resolve_stream(rng), n, size, replace, prob)


@overload
def sample(x: int, size: int | None = None, replace: bool = False, prob: ArrayLike | None = None,
           *, rng: int | RStream | None = None) -> NDArray[np.int64]: ...
@overload
def sample(x: NDArray[Any], size: int | None = None, replace: bool = False,
           prob: ArrayLike | None = None, *, rng: int | RStream | None = None) -> NDArray[Any]: ...
@overload
def sample(x: Sequence[_T], size: int | None = None, replace: bool = False,
           prob: ArrayLike | None = None, *, rng: int | RStream | None = None) -> list[_T]: ...
@overload
def sample(x: Any, size: int | None = None, replace: bool = False, prob: ArrayLike | None = None,
           *, rng: int | RStream | None = None) -> Any: ...
def sample(x: Any, size: int | None = None, replace: bool = False, prob: ArrayLike | None = None,
           *, rng: int | RStream | None = None) -> Any:
    """R's ``sample(x, size, replace, prob)``: a random sample or permutation.

    Parameters
    ----------
    x : int or sequence
        A whole number ``n >= 1`` means the population 1..n (as R's
        ``sample(10)``); a sequence (list, tuple, numpy array, pandas Series
        or Index) means its elements.
    size : int, default=the population size
        Number of values.
    replace : bool, default=False
        Draw with replacement.
    prob : array-like of float, optional
        One weight per element of the population (see :func:`sample_int`).
    rng : None, int or RStream, default=None
        ``None`` continues the default stream; an int is a fresh stream as
        after ``set.seed(int)``.

    Returns
    -------
    numpy.ndarray, pandas Series or Index, or list
        For an int, 1-based int64 values; for a numpy array, Series or Index,
        the drawn elements as the same kind (a Series keeps its index
        labels, as R keeps names); for any other sequence, a list.

    Raises
    ------
    InvalidArgumentError, InvalidTypeError
        As :func:`sample_int`, and for an ``x`` that is neither (a string, a
        set, a 2-D array, a DataFrame, a single number below 1 or not whole).
        Nothing is drawn then.

    Notes
    -----
    R: ``sample(x, size, replace = FALSE, prob = NULL)``, which is
    ``sample.int(length(x), size, replace, prob)`` indexing ``x`` (or
    ``sample.int(x, ...)`` for a single number), with R's values and R's
    uniforms under either sampler (see :func:`set_seed`). Tested against R
    4.2.2.

    Differences from R:

    * A sequence always means its elements, also when it has one element:
      ``sample([10])`` is ``[10]``, where R's ``sample(c(10))`` permutes
      1..10 (write ``sample(10)`` for that). The draws are R's in both cases.
    * A single number must be a whole number >= 1. R returns a number below 1
      itself (``sample(0.5)`` is 0.5) and truncates fractions
      (``sample(5.5)`` permutes 1..5); pass ``[0.5]`` or ``5``.
    * A 2-D array is refused; R samples a matrix's elements in column order,
      ``x.ravel(order="F")`` here.

    Examples
    --------
    R: ``set.seed(2718); sample(12); sample(c(3.5, 7, 11, 19), 3)``

    >>> set_seed(2718)
    >>> sample(12)
    array([ 3,  9,  8,  4,  6, 11,  1, 12, 10,  5,  7,  2])
    >>> sample([3.5, 7, 11, 19], 3)
    [3.5, 11, 7]
    >>> sample(["a", "b", "c"], 5, replace=True, rng=1)
    ['a', 'c', 'a', 'b', 'a']
    """
    return _sample(resolve_stream(rng), x, size, replace, prob)


def runif(n: int, min: float = 0.0, max: float = 1.0, *,
          rng: int | RStream | None = None) -> NDArray[np.float64]:
    """R's ``runif(n, min, max)``: ``min == max`` returns ``min`` and draws nothing.

    Parameters
    ----------
    n : int
        How many values.
    min, max : float, default=0 and 1
        The bounds: finite, ``min <= max``.
    rng : None, int or RStream, default=None
        ``None`` continues the default stream; an int is a fresh stream as
        after ``set.seed(int)``.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        Uniform deviates on (min, max), R's to the last bit.

    Notes
    -----
    R: ``runif(n, min = 0, max = 1)``. Difference from R: non-finite or
    reversed bounds raise instead of returning NaN with a warning; ``min``
    and ``max`` are scalars.
    """
    return _runif(resolve_stream(rng), n, min, max)


def resolve_stream(rng: object) -> RStream:
    """The R stream meant by an ``rng=`` argument (not numpy Generators)."""
    if rng is None:
        return _default
    if isinstance(rng, RStream):
        return rng
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, (bool, np.bool_)):
        return RStream(int(rng))
    raise InvalidTypeError(
        f"'rng' must be None, an int seed or an RStream; got {type(rng).__name__}"
    )


class _GeneratorDraws:
    """numpy Generator behind the draw interface (not R-reproducible)."""

    __slots__ = ("gen",)

    def __init__(self, gen: np.random.Generator) -> None:
        self.gen = gen

    def sample_int(self, n: int, size: int | None = None, replace: bool = False,
                   prob: ArrayLike | None = None) -> NDArray[np.int64]:
        n = _v.check_population(n)
        size = _v.check_size(size, n, replace)
        p = None
        if prob is not None:
            weights = _v.check_prob(prob, n, size, replace)
            p = weights / weights.sum()
        return self.gen.choice(n, size=size, replace=replace, p=p).astype(np.int64) + 1

    def runif(self, n: int, min: float = 0.0, max: float = 1.0) -> NDArray[np.float64]:
        lo, hi = float(min), float(max)
        if lo == hi:
            return np.full(int(n), lo)
        return self.gen.uniform(lo, hi, size=int(n))


def resolve_draws(rng: RngLike) -> RStream | _GeneratorDraws:
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


@contextmanager
def restored_if_interrupted(draws: object) -> Iterator[None]:
    """Put ``draws`` back in its state of the start of the block if KeyboardInterrupt
    (or another exception that is not an ``Exception``, such as SystemExit) leaves it.

    ``draws``: an :class:`RStream` (its state and sampler are restored, in
    place, holding its lock), the draw source of a numpy Generator (its bit
    generator's state), or anything else (left alone). An interrupted call
    then leaves the stream where it was, and running it again gives what it
    would have given. Errors (``Exception``) leave the stream where the call's
    draws got to, as in R: code that retries a failed fit draws new starts.
    """
    if isinstance(draws, RStream):
        words, rounding = draws._state.copy(), draws._rounding
    elif isinstance(draws, _GeneratorDraws):
        gen_state = draws.gen.bit_generator.state
    try:
        yield
    except Exception:
        raise
    except BaseException:
        if isinstance(draws, RStream):
            with draws.lock:
                draws._state[:] = words
                draws._rounding = rounding
        elif isinstance(draws, _GeneratorDraws):
            draws.gen.bit_generator.state = gen_state
        raise

