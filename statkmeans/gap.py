"""The gap statistic with R's numbers: ``clus_gap``, ``max_se`` and the result.

Mirrors ``cluster::clusGap`` and ``cluster::maxSE`` (cluster 2.1.4, R 4.2.2),
including the order in which random numbers are consumed, so a seeded run
reproduces R's table. See ``shared/r-reference.md`` section 5 for the
behaviour reproduced here.
"""

from __future__ import annotations

import copy
import functools
import math
import numbers
import sys
import textwrap
import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, wait
from typing import Any

import attrs
import numpy as np

from ._kernels import _gap
from ._validation import as_matrix, check_choice, check_int, is_dataframe, is_series
from .exceptions import InvalidArgumentError, InvalidTypeError, StatKMeansWarning
from .kmeans import ALGORITHMS, _executor_workers, _run_chunk, draw_starts, kmeans
from .rng import RStream, resolve_draws

__all__ = ["ClusGapResult", "clus_gap", "max_se"]

MAX_SE_METHODS = ("firstSEmax", "Tibs2001SEmax", "globalSEmax", "firstmax", "globalmax")
SPACES_H0 = ("scaledPCA", "original")
TAB_COLUMNS = ("logW", "E.logW", "gap", "SE.sim")

# d_power = 2: labelings with more pairs than this use the within-sum-of-squares
# identity (O(n p)) instead of R's pairwise sum (O(n^2 p)); they then agree with
# R to ~1e-16 relative instead of to the last bit. 5e6 pairs is n ~ 3000 for k = 1,
# about 20 ms per labeling pairwise.
EXACT_PAIR_LIMIT = 5_000_000

# kmeans() arguments that clus_gap passes on through **kwargs.
_KMEANS_KWARGS = ("iter_max", "nstart", "algorithm", "trace")


# -- max_se --------------------------------------------------------------------


def _as_curve(values, name: str) -> np.ndarray:
    arr = np.asarray(values.to_numpy() if (is_series(values) or is_dataframe(values)) else values)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        raise InvalidArgumentError(f"'{name}' must be a vector; got an array of shape {arr.shape}")
    if arr.dtype.kind not in "biuf":
        raise InvalidTypeError(f"'{name}' must be numeric; got dtype {arr.dtype}")
    return arr.astype(np.float64)


def max_se(f, SE_f, method: str = "firstSEmax", SE_factor: float = 1) -> int:
    """The number of clusters chosen from a gap curve, R's ``maxSE``.

    Parameters
    ----------
    f : array-like of shape (K,)
        The gap values for k = 1..K (``result.Tab["gap"]``).
    SE_f : array-like of shape (K,)
        Their standard errors (``result.Tab["SE.sim"]``), non-negative.
    method : {"firstSEmax", "Tibs2001SEmax", "globalSEmax", "firstmax", "globalmax"}, default="firstSEmax"
        The rule (a unique prefix is enough, as R's ``match.arg``):

        * ``"firstmax"``: the first k with ``f[k+1] <= f[k]`` (K if none);
        * ``"globalmax"``: the first k where f is largest;
        * ``"Tibs2001SEmax"``: the smallest k with ``f[k] >= f[k+1] - s[k+1]``
          (K if none), Tibshirani et al.'s rule;
        * ``"firstSEmax"``: with m = firstmax, the smallest k with
          ``f[k] >= f[m] - s[m]``;
        * ``"globalSEmax"``: the same with m = globalmax;

        where ``s = SE_factor * SE_f``.
    SE_factor : float, default=1
        Multiplier of the standard errors (>= 0).

    Returns
    -------
    int
        The chosen k, 1-based (1..K) as in R.

    Raises
    ------
    InvalidArgumentError
        An unknown method, ``f`` empty or not finite, lengths that differ, a
        negative or NaN standard error (R: "SE.f >= 0 are not all TRUE"), a
        negative ``SE_factor``.

    See Also
    --------
    clus_gap, ClusGapResult.n_clusters

    Notes
    -----
    R: ``cluster::maxSE(f, SE.f, method = c("firstSEmax", "Tibs2001SEmax",
    "globalSEmax", "firstmax", "globalmax"), SE.factor = 1)``.
    Difference from R: ``f`` must be finite (R gives unspecified results for
    NA). Tested against R 4.2.2 / cluster 2.1.4 on crafted curves, all five
    methods and several ``SE_factor`` values.

    References
    ----------
    Tibshirani, R., Walther, G. and Hastie, T. (2001). Estimating the number
    of clusters in a data set via the gap statistic. Journal of the Royal
    Statistical Society B 63, 411-423.

    Examples
    --------
    >>> from statkmeans import max_se
    >>> gap = [0.0265, 0.0575, 0.0473, -0.0055, 0.0926]
    >>> se = [0.0721, 0.0690, 0.0371, 0.0407, 0.0533]
    >>> max_se(gap, se), max_se(gap, se, "firstmax"), max_se(gap, se, "globalmax")
    (1, 2, 5)
    """
    method = check_choice(method, "method", MAX_SE_METHODS)
    f = _as_curve(f, "f")
    se = _as_curve(SE_f, "SE_f")
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
    if isinstance(SE_factor, (bool, np.bool_)) or not isinstance(SE_factor, numbers.Real):
        raise InvalidTypeError(f"'SE_factor' must be a number; got {SE_factor!r}")
    SE_factor = float(SE_factor)
    if not SE_factor >= 0:
        raise InvalidArgumentError(
            f"SE.factor >= 0 is not TRUE: 'SE_factor' must be non-negative; got {SE_factor!r}"
        )
    s = SE_factor * se
    return _max_se(f.tolist(), s.tolist(), method)


def _max_se(f: list, s: list, method: str) -> int:
    """max_se on checked lists (0-based arithmetic, 1-based result)."""
    K = len(f)

    def first_max() -> int:
        for k in range(K - 1):
            if f[k + 1] <= f[k]:
                return k
        return K - 1

    def global_max() -> int:
        return max(range(K), key=lambda k: (f[k], -k))

    def first_within(m: int) -> int:
        bound = f[m] - s[m]
        for k in range(m + 1):
            if f[k] >= bound:
                return k
        return m

    if method == "firstmax":
        k = first_max()
    elif method == "globalmax":
        k = global_max()
    elif method == "Tibs2001SEmax":
        k = next((k for k in range(K - 1) if f[k] >= f[k + 1] - s[k + 1]), K - 1)
    elif method == "firstSEmax":
        k = first_within(first_max())
    else:  # globalSEmax
        k = first_within(global_max())
    return k + 1


# -- the result ------------------------------------------------------------------


def _freeze_tab(tab):
    import pandas as pd

    if not is_dataframe(tab):
        raise InvalidTypeError(f"'Tab' must be a DataFrame; got {type(tab).__name__}")
    values = tab.to_numpy(dtype=np.float64, copy=True)
    values.flags.writeable = False
    return pd.DataFrame(values, index=tab.index.copy(), columns=tab.columns.copy(), copy=False)


def _same_tab(a, b) -> bool:
    return bool(a.equals(b))


@attrs.frozen(kw_only=True, repr=False)
class ClusGapResult:
    """The result of :func:`clus_gap`: R's ``"clusGap"`` object, frozen.

    ``print(result)`` prints what R's ``print(gap)`` prints. The chosen
    number of clusters is not stored (as in R): ask for it with
    :meth:`n_clusters`.

    Attributes
    ----------
    Tab : DataFrame of shape (K_max, 4)
        R's table, indexed by k = 1..K_max (index name ``"k"``), with R's
        column names: ``logW`` (log W_k of the data), ``E.logW`` (mean of
        log W_k over the B reference sets), ``gap`` (``E.logW - logW``) and
        ``SE.sim`` (``sqrt(1 + 1/B) * sd`` of the reference log W_k; NaN,
        R's NA, when B = 1). Read-only.
    call : str
        The call, rendered in Python syntax (R stores the matched call).
    spaceH0 : str
        ``"scaledPCA"`` or ``"original"``: where the reference data came from.
    n : int
        Number of observations.
    B : int
        Number of reference data sets.
    d_power : float
        The power of the distances in W_k (R keeps it only in the call).
    """

    Tab: Any = attrs.field(converter=_freeze_tab, eq=attrs.cmp_using(eq=_same_tab))
    call: str = attrs.field(converter=str)
    spaceH0: str = attrs.field(validator=attrs.validators.in_(SPACES_H0))
    n: int = attrs.field(converter=int)
    B: int = attrs.field(converter=int)
    d_power: float = attrs.field(converter=float)

    @property
    def K_max(self) -> int:
        """Largest number of clusters tried."""
        return len(self.Tab)

    def n_clusters(self, method: str = "firstSEmax", SE_factor: float = 1) -> int:
        """The number of clusters chosen by :func:`max_se` from ``gap`` and ``SE.sim``.

        Parameters
        ----------
        method : {"firstSEmax", "Tibs2001SEmax", "globalSEmax", "firstmax", "globalmax"}, default="firstSEmax"
        SE_factor : float, default=1

        Returns
        -------
        int
            k in 1..K_max.

        Notes
        -----
        R: ``maxSE(gap$Tab[, "gap"], gap$Tab[, "SE.sim"], method, SE.factor)``,
        which is what ``print(gap, method, SE.factor)`` reports.
        """
        tab = self.Tab
        return max_se(tab["gap"].to_numpy(), tab["SE.sim"].to_numpy(), method, SE_factor)

    # -- printing -------------------------------------------------------------
    def to_string(self, method: str = "firstSEmax", SE_factor: float = 1) -> str:
        """R's ``print(gap, method, SE.factor)`` output, as a string.

        Notes
        -----
        R: ``print.clusGap``. Differences from R: the call line is this
        package's call (:attr:`call`); with B = 1 (``SE.sim`` NA) the number
        of clusters prints as ``NA`` where R stops with an error after the
        header.
        """
        from . import _format

        method = check_choice(method, "method", MAX_SE_METHODS)
        try:
            chosen: Any = self.n_clusters(method, SE_factor)
        except InvalidArgumentError:
            if not np.isnan(self.Tab["SE.sim"].to_numpy()).any():
                raise
            chosen = "NA"
        se_part = f", SE.factor={float(SE_factor):g}" if "SE" in method else ""
        lines = [
            'Clustering Gap statistic ["clusGap"] from call:\n',
            f"{self.call}\n",
            f"B={self.B} simulated reference sets, k = 1..{self.K_max}; "
            f'spaceH0="{self.spaceH0}"\n',
            f" --> Number of clusters (method '{method}'{se_part}): {chosen}\n",
        ]
        values = self.Tab.to_numpy()
        table = np.ma.MaskedArray(values, mask=np.isnan(values))
        lines.append(_format.print_matrix(table, col_names=list(TAB_COLUMNS)))
        return "".join(lines)

    def __str__(self) -> str:
        return self.to_string()

    def __repr__(self) -> str:
        try:
            chosen = str(self.n_clusters())
        except InvalidArgumentError:
            chosen = "NA"
        d_power = f"{self.d_power:g}"
        return (
            f"ClusGapResult(n={self.n}, B={self.B}, K_max={self.K_max}, "
            f"spaceH0={self.spaceH0!r}, d_power={d_power}, n_clusters={chosen})"
        )

    def _repr_pretty_(self, p, cycle):
        p.text(repr(self) if cycle else str(self).rstrip("\n"))

    # -- plotting -------------------------------------------------------------
    def plot(self, ax=None, *, do_arrows: bool = True, arrow_kwargs=None, **kwargs):
        """Plot the gap against k with SE bars, as R's ``plot(gap)``.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw; a new figure and Axes (``plt.subplots()``) when
            omitted, as R's ``plot()`` starts a new plot.
        do_arrows : bool, default=True
            Draw the bars ``gap +/- SE.sim`` (R's ``do.arrows``).
        arrow_kwargs : dict, optional
            Overrides for the bars, passed to ``ax.errorbar`` (defaults: R's
            ``red3``, flat caps).
        **kwargs
            Overrides for the line and points, passed to ``ax.plot``
            (defaults: a thin black line through open circles, R's ``type = "b"``).

        Returns
        -------
        matplotlib.axes.Axes

        Notes
        -----
        R: ``plot.clusGap(x, type = "b", xlab = "k", ylab = expression(Gap[k]),
        main = <the call>, do.arrows = TRUE, arrowArgs = list(col = "red3",
        length = 1/16, angle = 90, code = 3))``. Difference from R: the axis
        range includes the bars (R's range covers only the gap values, so R
        clips bars that reach beyond them). Never calls ``plt.show()``.
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots()
        k = np.arange(1, self.K_max + 1)
        gap = self.Tab["gap"].to_numpy()
        line = {"color": "black", "marker": "o", "markerfacecolor": "white", "markersize": 5.0,
                "linestyle": "-", "linewidth": 0.8}
        line.update(kwargs)
        ax.plot(k, gap, **line)
        if do_arrows:
            bars = {"fmt": "none", "ecolor": "#CD0000", "elinewidth": 1.0, "capsize": 3.0}
            bars.update(dict(arrow_kwargs or {}))
            ax.errorbar(k, gap, yerr=self.Tab["SE.sim"].to_numpy(), **bars)
        ax.set_xlabel("k")
        ax.set_ylabel(r"$\mathrm{Gap}_k$")
        ax.set_xticks(k if self.K_max <= 20 else ax.get_xticks())
        ax.set_title(_wrap_call(self.call), fontweight="bold", fontsize="medium")
        return ax


def _wrap_call(call: str, width: int = 60) -> str:
    """The call on lines of at most ~60 characters, continuations indented 7 (R's title)."""
    return "\n".join(
        textwrap.wrap(call, width, subsequent_indent=" " * 7, break_long_words=False,
                      break_on_hyphens=False)
    )


# -- argument checks ---------------------------------------------------------------


def _check_B(B) -> int:
    if isinstance(B, (bool, np.bool_)) or not isinstance(B, numbers.Real):
        raise InvalidTypeError(f"'B' has to be a positive integer; got {type(B).__name__} {B!r}")
    if not np.isfinite(B) or B != int(B) or B < 1:
        raise InvalidArgumentError(f"'B' has to be a positive integer; got {B!r}")
    return int(B)


def _check_d_power(d_power) -> float:
    if isinstance(d_power, (bool, np.bool_)) or not isinstance(d_power, numbers.Real):
        raise InvalidTypeError(f"'d_power' must be a positive number; got {d_power!r}")
    value = float(d_power)
    if not (math.isfinite(value) and value > 0):
        raise InvalidArgumentError(
            f"'d_power' must be a positive finite number (1: distances, 2: squared "
            f"distances); got {d_power!r}"
        )
    return value


def _check_data(x):
    if is_series(x):
        raise InvalidArgumentError(
            "'x' must be a matrix or DataFrame (length(dim(x)) == 2 is not TRUE); got a "
            "Series: use x.to_frame()"
        )
    if not is_dataframe(x):
        try:
            shape = np.shape(x)
        except (TypeError, ValueError):  # ragged or odd input: as_matrix explains
            shape = (0, 0)
        if len(shape) != 2:
            raise InvalidArgumentError(
                "'x' must be a matrix or DataFrame (length(dim(x)) == 2 is not TRUE); got "
                f"{len(shape)} dimension(s) of shape {shape}; for one variable use "
                "x.reshape(-1, 1)"
            )
    return as_matrix(x, "x")


def _kmeans_partial(FUNcluster):
    """kwargs of FUNcluster when it is statkmeans' kmeans (or a keyword partial of it)."""
    if FUNcluster is kmeans:
        return {}
    if (isinstance(FUNcluster, functools.partial) and FUNcluster.func is kmeans
            and not FUNcluster.args):
        return dict(FUNcluster.keywords)
    return None


def _kmeans_options(options: dict) -> dict:
    """kmeans() arguments passed through clus_gap, checked as kmeans checks them."""
    for name in options:
        if name in ("rng", "executor", "n_threads"):
            raise InvalidArgumentError(
                f"pass '{name}' to clus_gap itself, not to kmeans through **kwargs: clus_gap "
                "draws every random number and schedules every kmeans run"
            )
        if name in ("x", "centers"):
            raise InvalidArgumentError(
                f"'{name}' is set by clus_gap (the data and k = 2..K_max); do not pass it"
            )
        if name not in _KMEANS_KWARGS:
            raise InvalidTypeError(f"kmeans() got an unexpected keyword argument '{name}'")
    algorithm = check_choice(options.get("algorithm", "Hartigan-Wong"), "algorithm", ALGORITHMS)
    trace = options.get("trace", 0)
    if isinstance(trace, (bool, np.bool_)):
        trace = int(trace)
    return dict(
        method="Lloyd" if algorithm == "Forgy" else algorithm,
        iter_max=check_int(options.get("iter_max", 10), "iter_max", minimum=1),
        nstart=check_int(options.get("nstart", 1), "nstart", minimum=1),
        trace=check_int(trace, "trace", minimum=0),
    )


def _interactive() -> bool:
    """R's interactive(): a Python prompt is running."""
    return bool(hasattr(sys, "ps1") or sys.flags.interactive)


def _render(value) -> str:
    if isinstance(value, functools.partial):
        parts = [_render(value.func)] + [_render(a) for a in value.args]
        parts += [f"{k}={_render(v)}" for k, v in value.keywords.items()]
        return f"partial({', '.join(parts)})"
    if callable(value) and hasattr(value, "__name__"):
        return value.__name__
    if isinstance(value, RStream):
        return "RStream(...)"
    if isinstance(value, np.random.Generator):
        return "Generator(...)"
    if isinstance(value, (np.generic,)):
        value = value.item()
    return repr(value)


def _render_call(x, FUNcluster, K_max, B, d_power, spaceH0, verbose, rng, kwargs) -> str:
    if is_dataframe(x):
        what = f"<DataFrame {x.shape[0]} x {x.shape[1]}>"
    else:
        arr = np.asarray(x)
        what = f"<{type(x).__name__} {arr.shape[0]} x {arr.shape[1]}>"
    parts = [f"x={what}", f"FUNcluster={_render(FUNcluster)}", f"K_max={_render(K_max)}"]
    if B != 100:
        parts.append(f"B={_render(B)}")
    if d_power != 1:
        parts.append(f"d_power={_render(d_power)}")
    if spaceH0 != "scaledPCA":
        parts.append(f"spaceH0={_render(spaceH0)}")
    if verbose is not None:
        parts.append(f"verbose={_render(verbose)}")
    if rng is not None:
        parts.append(f"rng={_render(rng)}")
    parts += [f"{k}={_render(v)}" for k, v in kwargs.items()]
    return f"clus_gap({', '.join(parts)})"


# -- progress -----------------------------------------------------------------------


class _Progress:
    """R's verbose output (dots), or a progress bar on a terminal."""

    def __init__(self, enabled: bool, K_max: int, B: int, stream=None):
        self.enabled = enabled
        self.K_max = K_max
        self.B = B
        self.done = 0
        self.stream = stream if stream is not None else sys.stdout
        isatty = getattr(self.stream, "isatty", None)
        self.bar = bool(enabled and isatty is not None and isatty())

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def observed_start(self) -> None:
        if self.enabled:
            self._write(f"Clustering k = 1,2,..., K.max (= {self.K_max}): .. ")

    def observed_done(self) -> None:
        if self.enabled:
            self._write("done\n")
            if not self.bar:
                self._write(f'Bootstrapping, b = 1,2,..., B (= {self.B})  [one "." per sample]:\n')
            else:
                self._draw()

    def advance(self, count: int) -> None:
        if not self.enabled:
            return
        if self.bar:
            self.done += count
            self._draw()
            return
        out = []
        for b in range(self.done + 1, self.done + count + 1):
            out.append(f". {b} \n" if b % 50 == 0 else ".")
        self.done += count
        self._write("".join(out))

    def _draw(self) -> None:
        width = 30
        filled = width * self.done // self.B
        self._write(
            f"\rBootstrapping, b = 1..{self.B}: [{'#' * filled}{'.' * (width - filled)}] "
            f"{self.done}/{self.B}"
        )

    def finish(self) -> None:
        if not self.enabled:
            return
        if self.bar:
            self._write("\n")
        elif self.B % 50 != 0:
            self._write(f" {self.B} \n")


# -- the computations ---------------------------------------------------------------


def _col_means(x: np.ndarray) -> np.ndarray:
    """R's colMeans (extended-precision sums)."""
    return _gap.col_stats(x)[0]


@attrs.frozen
class _Basis:
    """What every reference set is built from (R's rng.x1, V.sx and m.x)."""

    n: int
    lo: np.ndarray  # per column of the (rotated) centred data
    hi: np.ndarray
    vt: np.ndarray | None  # V transposed (q-by-p) for scaledPCA
    means: np.ndarray


def _basis(xv: np.ndarray, spaceH0: str) -> _Basis:
    means = _col_means(xv)
    xs = xv - means
    vt = None
    if spaceH0 == "scaledPCA":
        vt = np.ascontiguousarray(np.linalg.svd(xs, full_matrices=False)[2])
        xs = _gap.matmul(np.ascontiguousarray(xs), np.ascontiguousarray(vt.T))
    return _Basis(xv.shape[0], xs.min(axis=0), xs.max(axis=0), vt, means)


def _reference_set(draws, basis: _Basis) -> np.ndarray:
    """One reference data set, drawing as R does: column by column, runif(n, lo, hi)."""
    q = basis.lo.size
    z1t = np.empty((q, basis.n), dtype=np.float64)
    for j in range(q):
        z1t[j] = draws.runif(basis.n, basis.lo[j], basis.hi[j])
    return _gap.reference_set(z1t, basis.vt, basis.means)


def _snapshot(draws):
    """An independent copy of a draw source in its current state."""
    return draws.copy() if isinstance(draws, RStream) else copy.deepcopy(draws)


@attrs.frozen
class _Work:
    """Everything a clustering task needs besides its data (picklable)."""

    K_max: int
    d_power: float
    pair_limit: int
    w_threads: int  # OpenMP threads of the W_k kernel (0: default, for big work only)
    km_threads: int  # kmeans' Lloyd/MacQueen threads
    method: str
    iter_max: int
    trace: int


def _log_w(z: np.ndarray, labels: np.ndarray, ks: np.ndarray, work: _Work) -> list[float]:
    w = _gap.within(z, labels, ks, work.d_power, work.pair_limit, work.w_threads)
    return [math.log(v) if v > 0 else -math.inf for v in w.tolist()]


def _cluster_kmeans(z: np.ndarray, starts_by_k, work: _Work):
    """log W_1..W_K_max of one data set from pre-drawn kmeans starts; and the warnings."""
    n = z.shape[0]
    labels = np.zeros((work.K_max, n), dtype=np.int32)
    ks = np.arange(1, work.K_max + 1, dtype=np.int32)
    found = []
    for i, starts in enumerate(starts_by_k, start=1):
        _, run, run_warnings = _run_chunk(z, starts, work.method, work.iter_max, work.trace,
                                          work.km_threads)
        for w in run_warnings:
            found.extend(w)
        labels[i] = np.asarray(run.cluster, dtype=np.int32) - 1
    return _log_w(z, labels, ks, work), found


def _gap_task(basis: _Basis | None, work: _Work, items):
    """Executor task: cluster some data sets. Each item is (data or None, draw snapshot
    or None, starts by k); a reference set is rebuilt from its snapshot."""
    out = []
    for data, snap, starts_by_k in items:
        z = data if data is not None else _reference_set(snap, basis)
        out.append(_cluster_kmeans(z, starts_by_k, work))
    return out


def _codes(result, n: int, k: int) -> tuple[np.ndarray, int]:
    """0-based cluster codes in R's order from what FUNcluster returned."""
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


def _cluster_generic(z: np.ndarray, FUNcluster, kwargs: dict, work: _Work) -> list[float]:
    """log W_1..W_K_max with a user's clustering function, called in R's order."""
    n = z.shape[0]
    labels = np.zeros((work.K_max, n), dtype=np.int32)
    ks = np.ones(work.K_max, dtype=np.int32)
    for k in range(2, work.K_max + 1):
        labels[k - 1], ks[k - 1] = _codes(FUNcluster(z, k, **kwargs), n, k)
    return _log_w(z, labels, ks, work)


def _run_parallel(executor, xv, basis_fn, draws, K_max, B, nstart, work, progress):
    """Draw every random number in R's order here; run the clusterings on the executor.

    Reference sets are not shipped: a task gets the state of the stream at the
    start of its set and rebuilds it (an n-by-p set is drawn twice, once here
    to draw its starts and once in the task). At most 2 tasks per worker are
    in flight, which bounds the memory held by pending work.
    """
    workers = _executor_workers(executor)
    per_task = max(1, min(8, math.ceil(B / (16 * workers))))  # small tasks balance well
    limit = 2 * workers
    pending: dict = {}
    results: dict[int, list] = {}
    observed_reported = False

    def collect(block: bool) -> None:
        nonlocal observed_reported
        while pending and (block or len(pending) >= limit):
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for fut in done:
                first = pending.pop(fut)
                results[first] = fut.result()
                if not observed_reported:  # the observed data's line ends first
                    progress.observed_done()
                    observed_reported = True
                if first > 0:
                    progress.advance(len(results[first]))

    try:
        obs_starts = [draw_starts(xv, k, nstart, draws) for k in range(2, K_max + 1)]
        pending[executor.submit(_gap_task, None, work, [(xv, None, obs_starts)])] = 0
        basis = basis_fn()
        chunk, first = [], 1
        for b in range(1, B + 1):
            snap = _snapshot(draws)
            z = _reference_set(draws, basis)
            chunk.append((None, snap, [draw_starts(z, k, nstart, draws)
                                       for k in range(2, K_max + 1)]))
            if len(chunk) == per_task or b == B:
                collect(block=False)
                pending[executor.submit(_gap_task, basis, work, chunk)] = first
                chunk, first = [], b + 1
        collect(block=True)
    except BaseException:
        for fut in pending:
            fut.cancel()
        raise
    observed = results.pop(0)[0]
    sets = [out for first in sorted(results) for out in results[first]]
    return observed, sets


# -- the public function ------------------------------------------------------------


def clus_gap(
    x,
    FUNcluster: Callable = kmeans,
    K_max: int | None = None,
    B: int = 100,
    d_power: float = 1,
    spaceH0: str = "scaledPCA",
    verbose: bool | None = None,
    *,
    rng=None,
    executor: Executor | None = None,
    n_threads: int | None = None,
    **kwargs,
) -> ClusGapResult:
    """The gap statistic for k = 1..K_max clusters, with R's results.

    For each k, W_k (a within-cluster dispersion) of the data is compared
    with its average over B reference data sets drawn uniformly over the
    data's range: ``gap[k] = E.logW[k] - logW[k]``.

    Parameters
    ----------
    x : array-like or DataFrame of shape (n, p)
        Numeric data, 2-dimensional. NA, NaN and infinite values are errors.
    FUNcluster : callable, default=kmeans
        ``FUNcluster(X, k, **kwargs)`` clusters the rows of the float array
        ``X`` into k groups and returns the codes (1-D, length n) or an object
        with a ``.cluster`` attribute (or a ``"cluster"`` key) holding them,
        as :func:`statkmeans.kmeans` does. Codes may be any sortable values.
    K_max : int
        The largest number of clusters, 2 <= K_max < n. Required.
    B : int, default=100
        Number of reference data sets.
    d_power : float, default=1
        Power of the Euclidean distances in W_k: 1 as in R's default, 2 for
        squared distances (Tibshirani et al.'s choice).
    spaceH0 : {"scaledPCA", "original"}, default="scaledPCA"
        Reference data uniform over the box of the principal components
        (rotated back), or over the box of the original variables. A unique
        prefix is enough.
    verbose : bool, optional
        Show progress over the reference sets: R's dots, or a progress bar
        when standard output is a terminal. Default: only in an interactive
        Python session (R's ``interactive()``).
    rng : None, int, RStream or numpy.random.Generator, default=None
        Source of the random numbers, as for :func:`statkmeans.kmeans`:
        ``None`` continues the default stream (so ``set_seed(s)`` first
        reproduces R's ``set.seed(s)``), an int starts a fresh stream as
        ``set.seed(int)``; a numpy Generator works but does not reproduce R.
        With statkmeans' kmeans this stream also draws the kmeans starts;
        any other FUNcluster draws from wherever it draws.
    executor : concurrent.futures.Executor, optional
        Runs the clusterings in parallel: a ``ProcessPoolExecutor``, or a
        Dask client's ``client.get_executor()`` to spread over machines. The
        result is identical to the serial run (see Notes). Only with
        statkmeans' kmeans as FUNcluster; otherwise ignored with a warning.
    n_threads : int, optional
        OpenMP threads for the W_k sums and kmeans' Lloyd/MacQueen passes.
        Default: kmeans runs on one thread; the W_k sums use all cores when
        run serially and a clustering has millions of pairs (large n), one
        thread inside executor tasks. Results do not depend on it.
    **kwargs
        Passed on to every ``FUNcluster(X, k, **kwargs)`` call, e.g.
        ``nstart=25`` or ``iter_max=50`` for kmeans (R's ``...``).

    Returns
    -------
    ClusGapResult
        ``Tab`` (logW, E.logW, gap, SE.sim by k), ``n``, ``B``, ``spaceH0``,
        ``d_power``; ``print(result)`` prints what R's ``print(gap)`` prints;
        ``result.n_clusters()`` applies :func:`max_se`.

    Raises
    ------
    InvalidArgumentError
        ``x`` not 2-D or with NA/NaN/Inf, K_max < 2 or K_max >= n, B not a
        positive integer, an unknown spaceH0, a non-positive d_power, bad
        kmeans arguments, a FUNcluster that returns no codes, kmeans' own
        errors (e.g. more clusters than distinct rows).
    InvalidTypeError
        FUNcluster not callable, a non-numeric ``x``, an unknown kmeans
        argument.

    Warns
    -----
    ConvergenceWarning, QuickTransferWarning, EmptyClusterWarning
        From the kmeans runs (issued after the computation, in R's order).
    StatKMeansWarning
        ``executor`` given with a FUNcluster other than statkmeans' kmeans.

    See Also
    --------
    max_se : the rule that picks k from the gap curve.
    statkmeans.kmeans, statkmeans.set_seed

    Notes
    -----
    R: ``cluster::clusGap(x, FUNcluster, K.max, B = 100, d.power = 1,
    spaceH0 = c("scaledPCA", "original"), verbose = interactive(), ...)``.

    W_k is R's: ``0.5 * sum_r sum_{i<j in r} d_ij^d_power / n_r`` (half of
    Tibshirani et al.'s, with plain distances by default), k = 1 being the
    whole data without a call to FUNcluster. R builds a distance matrix per
    cluster; here no n-by-n array is ever made: a compiled kernel sums the
    pairs of each cluster in R's order in extended precision, so W_k is R's
    to the last bit, in O(n_r p) memory (any n works; the time is still
    quadratic, as R's). For d_power = 2 and clusterings with more than
    ``EXACT_PAIR_LIMIT`` (5e6) pairs, the identity ``sum_{i<j} d_ij^2 / n_r
    = sum_i |x_i - mean_r|^2`` is used instead: linear time, equal to R's up
    to ~1e-16 relative.

    Random numbers are consumed in R's order: the observed data first (k = 1
    draws nothing, each k >= 2 one kmeans call), then for each reference set
    ``runif(n, lo_j, hi_j)`` column by column (a constant column draws
    nothing) followed by its K_max - 1 kmeans calls. With an executor, this
    process makes every draw in that order first (kmeans' random starts need
    only the data and the stream) and the tasks run the deterministic
    clusterings; a task receives the stream's state at the start of its
    reference set and rebuilds the set, so reference sets are neither
    shipped nor all held in memory (serially, one set exists at a time; in
    parallel, at most two small tasks per worker are pending). Warnings of
    all runs are issued at the end, in R's order, in both cases.

    Differences from R:

    * The reference sets' rotation V comes from numpy's SVD; R's LAPACK may
      differ in the last bits (~1e-15 in the gap), and a singular vector of
      opposite sign would give different (equally valid) reference data.
      They agreed on every data set tested. Products are summed in R's
      (reference BLAS) order.
    * K_max >= n, d_power <= 0 and an invalid spaceH0 are rejected before
      any random number is drawn (R fails inside kmeans, or for spaceH0
      after clustering the data). Missing (NaN/None) codes from FUNcluster
      are an error (R silently leaves those observations out of W_k).
    * The call is rendered in Python syntax with ``x`` as a placeholder; the
      FUNcluster object is not stored (R keeps it), ``d_power`` is.
    * FUNcluster receives a float numpy array (R passes the matrix with its
      dimnames); string codes are ordered by code point (R by locale).
    * With B = 1 (SE.sim is NA) printing shows the number of clusters as NA
      where R's print stops with an error.
    * Extra arguments ``rng``, ``executor``, ``n_threads``; progress bar.

    Tested against R 4.2.2 / cluster 2.1.4 (``tests/r_reference``) on
    USArrests, iris, faithful, ruspini and generated data (constant columns,
    duplicated rows, one column, n < p), both spaceH0, d_power 1 and 2,
    kmeans arguments through ``**kwargs``: Tab bit-identical for
    spaceH0="original" and within 2e-15 for "scaledPCA" (the SVD), and the
    stream's state afterwards identical.

    References
    ----------
    Tibshirani, R., Walther, G. and Hastie, T. (2001). Estimating the number
    of clusters in a data set via the gap statistic. Journal of the Royal
    Statistical Society B 63, 411-423.

    Examples
    --------
    >>> from statkmeans import clus_gap, kmeans, load_dataset, set_seed
    >>> set_seed(1)
    >>> gap = clus_gap(load_dataset("USArrests"), kmeans, K_max=5, B=10)
    >>> gap.Tab["gap"].round(6).tolist()
    [0.026505, 0.057538, 0.047329, -0.005453, 0.092638]
    >>> gap.n_clusters(), gap.n_clusters("globalmax")
    (1, 5)
    """
    if not callable(FUNcluster):
        hint = (f"; to set K_max write clus_gap(x, K_max={FUNcluster!r})"
                if isinstance(FUNcluster, numbers.Integral) else "")
        raise InvalidTypeError(
            f"'FUNcluster' must be a function (is.function(FUNcluster) is not TRUE); got "
            f"{type(FUNcluster).__name__}{hint}"
        )
    data = _check_data(x)
    if K_max is None:
        raise InvalidTypeError("clus_gap() missing the required argument 'K_max'")
    K_max = check_int(K_max, "K_max")
    if K_max < 2:
        raise InvalidArgumentError(
            f"'K_max' must be at least 2 (K.max >= 2 is not TRUE); got {K_max}"
        )
    if K_max >= data.n:
        raise InvalidArgumentError(
            f"'K_max' must be less than the number of observations n = {data.n} (number of "
            f"cluster centres must lie between 1 and nrow(x)); got {K_max}"
        )
    B = _check_B(B)
    d_power = _check_d_power(d_power)
    spaceH0 = check_choice(spaceH0, "spaceH0", SPACES_H0)
    if verbose is None:
        show = _interactive()
    elif isinstance(verbose, (bool, np.bool_)):
        show = bool(verbose)
    else:
        raise InvalidTypeError(f"'verbose' must be True, False or None; got {verbose!r}")
    if executor is not None and not isinstance(executor, Executor):
        raise InvalidTypeError(
            f"'executor' must be a concurrent.futures.Executor; got {type(executor).__name__}"
        )
    threads = 0 if n_threads is None else check_int(n_threads, "n_threads", minimum=1)
    partial_kwargs = _kmeans_partial(FUNcluster)
    options = _kmeans_options({**partial_kwargs, **kwargs}) if partial_kwargs is not None else None
    call = _render_call(x, FUNcluster, K_max, B, d_power, spaceH0, verbose, rng, kwargs)
    draws = resolve_draws(rng)

    xv = data.values
    work = _Work(K_max, d_power, EXACT_PAIR_LIMIT, threads, threads or 1,
                 options["method"] if options else "", options["iter_max"] if options else 0,
                 options["trace"] if options else 0)
    progress = _Progress(show, K_max, B)
    found: list = []
    if options is not None and executor is not None:
        task_work = attrs.evolve(work, w_threads=threads or 1)
        progress.observed_start()
        observed, sets = _run_parallel(
            executor, xv, lambda: _basis(xv, spaceH0), draws, K_max, B, options["nstart"],
            task_work, progress)
        logw_obs, obs_found = observed
        found.extend(obs_found)
        logwks = []
        for logw, set_found in sets:
            logwks.append(logw)
            found.extend(set_found)
        progress.finish()
    else:
        if executor is not None:
            warnings.warn(
                "'executor' is ignored: FUNcluster is not statkmeans' kmeans, so its random "
                "draws cannot be made ahead of time in R's order; running serially",
                StatKMeansWarning,
                stacklevel=2,
            )
        progress.observed_start()
        if options is not None:
            starts = [draw_starts(xv, k, options["nstart"], draws) for k in range(2, K_max + 1)]
            logw_obs, obs_found = _cluster_kmeans(xv, starts, work)
            found.extend(obs_found)
        else:
            logw_obs = _cluster_generic(xv, FUNcluster, kwargs, work)
        progress.observed_done()
        basis = _basis(xv, spaceH0)
        logwks = []
        for _ in range(B):
            z = _reference_set(draws, basis)
            if options is not None:
                starts = [draw_starts(z, k, options["nstart"], draws) for k in range(2, K_max + 1)]
                logw, set_found = _cluster_kmeans(z, starts, work)
                found.extend(set_found)
            else:
                logw = _cluster_generic(z, FUNcluster, kwargs, work)
            logwks.append(logw)
            progress.advance(1)
        progress.finish()

    for category, message in found:
        warnings.warn(message, category, stacklevel=2)
    return _result(np.array(logw_obs), np.array(logwks, dtype=np.float64).reshape(B, K_max),
                   call=call, spaceH0=spaceH0, n=data.n, B=B, d_power=d_power)


def _result(logw: np.ndarray, logwks: np.ndarray, **fields) -> ClusGapResult:
    import pandas as pd

    e_logw, se_sim = _gap.col_stats(np.ascontiguousarray(logwks))
    tab = pd.DataFrame(
        {"logW": logw, "E.logW": e_logw, "gap": e_logw - logw, "SE.sim": se_sim},
        index=pd.RangeIndex(1, len(logw) + 1, name="k"),
    )
    return ClusGapResult(Tab=tab, **fields)
