"""The gap statistic with R's numbers: ``clus_gap``, ``max_se`` and the result.

Mirrors ``cluster::clusGap`` and ``cluster::maxSE`` (cluster 2.1.4, R 4.2.2),
including the order in which random numbers are consumed, so a seeded run
reproduces R's table. See ``docs/r-behaviour.md`` section 10 for the
behaviour reproduced here.
"""

from __future__ import annotations

import functools
import math
import sys
import warnings
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Executor, wait
from typing import TYPE_CHECKING, Any, TextIO

import attrs
import numpy as np

from . import _engine
from ._kernels import _gap
from ._results import PrettyPrinted, format_column, frozen_field, html_pre, html_table, html_text
from ._typing import ArrayLike, RngLike
from ._validation import (
    KMeansOptions,
    as_data_matrix,
    check_B,
    check_choice,
    check_executor,
    check_funcluster,
    check_gap_curve,
    check_K_max,
    check_n_threads,
    check_positive,
    check_starts_memory,
    check_verbose,
    cluster_codes,
    funcluster_options,
    is_dataframe,
    keyword_only,
    take_fun_alias,
)
from .exceptions import InvalidArgumentError, InvalidTypeError, StatKMeansWarning
from .kmeans import kmeans
from .rng import RStream, resolve_draws, restored_if_interrupted

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["ClusGapResult", "clus_gap", "max_se"]

MAX_SE_METHODS = ("firstSEmax", "Tibs2001SEmax", "globalSEmax", "firstmax", "globalmax")
SPACES_H0 = ("scaledPCA", "original")
TAB_COLUMNS = ("logW", "E.logW", "gap", "SE.sim")

# d_power = 2: labelings with more pairs than this use the within-sum-of-squares
# identity (O(n p)) instead of R's pairwise sum (O(n^2 p)); they then agree with
# R to ~1e-16 relative instead of to the last bit. 5e6 pairs is n ~ 3000 for k = 1,
# about 20 ms per labeling pairwise.
EXACT_PAIR_LIMIT = 5_000_000

# R's message when x is not a matrix or data frame.
_NOT_2D = "'x' must be a matrix or DataFrame (length(dim(x)) == 2 is not TRUE)"


# -- max_se --------------------------------------------------------------------


def max_se(f: ArrayLike, SE_f: ArrayLike, method: str = "firstSEmax",
           SE_factor: float = 1) -> int:
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
    f, se, SE_factor = check_gap_curve(f, SE_f, SE_factor)
    s = SE_factor * se
    return _max_se(f.tolist(), s.tolist(), method)


def _max_se(f: list[float], s: list[float], method: str) -> int:
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


def _is_frame(instance: Any, attribute: Any, value: Any) -> None:
    if not is_dataframe(value):
        raise InvalidTypeError(f"'Tab' must be a DataFrame; got {type(value).__name__}")


@attrs.frozen(kw_only=True, repr=False)
class ClusGapResult(PrettyPrinted):
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

    Tab: pd.DataFrame = frozen_field(np.float64, repr=True, validator=_is_frame)
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
            The rule of :func:`max_se`.
        SE_factor : float, default=1
            How many standard errors the rules allow.

        Returns
        -------
        int
            The chosen k, in 1..K_max.

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

        Parameters
        ----------
        method : str, default="firstSEmax"
            The rule that picks the number of clusters printed (see :meth:`n_clusters`).
        SE_factor : float, default=1
            How many standard errors the rule allows.

        Returns
        -------
        str
            The printed lines, each ending in a newline.

        Notes
        -----
        R: ``print.clusGap``. Differences from R: the call line is this
        package's call (:attr:`call`); with B = 1 (``SE.sim`` NA) the number
        of clusters prints as ``NA`` where R stops with an error after the
        header.
        """
        from . import _format

        method, chosen, se_part = self._choice(method, SE_factor)
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

    def _choice(self, method: str, SE_factor: float) -> tuple[str, int | str, str]:
        """The method's full name, the chosen k ("NA" when SE.sim is NA), the SE.factor note."""
        method = check_choice(method, "method", MAX_SE_METHODS)
        try:
            chosen: int | str = self.n_clusters(method, SE_factor)
        except InvalidArgumentError:
            if not np.isnan(self.Tab["SE.sim"].to_numpy()).any():
                raise
            chosen = "NA"
        se_part = f", SE.factor={float(SE_factor):g}" if "SE" in method else ""
        return method, chosen, se_part

    def __str__(self) -> str:
        return self.to_string()

    def _html_parts(self) -> list[str]:
        """Jupyter: the print's header lines, then Tab as a table with the chosen k marked."""
        method, chosen, se_part = self._choice("firstSEmax", 1)
        ks = [str(k) for k in range(1, self.K_max + 1)]
        marks = ["\u2190 chosen" if k == str(chosen) else "" for k in ks]
        columns = [(name, format_column(self.Tab[name].to_numpy())) for name in TAB_COLUMNS]
        return [
            html_text('Clustering Gap statistic ["clusGap"] from call:', strong=True),
            html_pre(self.call),
            html_text(f"B={self.B} simulated reference sets, k = 1..{self.K_max}; "
                      f'spaceH0="{self.spaceH0}"'),
            html_text(f"--> Number of clusters (method '{method}'{se_part}): {chosen}"),
            html_table(columns + [("", marks)], row_names=ks, row_header="k",
                       numeric=[True] * len(columns) + [False],
                       row_classes=["chosen" if m else "" for m in marks]),
        ]

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

    # -- plotting -------------------------------------------------------------
    @keyword_only("ax")
    def plot(self, *, ax: Axes | None = None, do_arrows: bool = True,
             arrow_kwargs: dict[str, Any] | None = None, **kwargs: Any) -> Axes:
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
            Unknown options (here and in ``arrow_kwargs``) raise
            InvalidArgumentError before anything is drawn.

        Returns
        -------
        matplotlib.axes.Axes
            The Axes drawn on.

        Notes
        -----
        R: ``plot.clusGap(x, type = "b", xlab = "k", ylab = expression(Gap[k]),
        main = <the call>, do.arrows = TRUE, arrowArgs = list(col = "red3",
        length = 1/16, angle = 90, code = 3))``. Difference from R: the axis
        range includes the bars (R's range covers only the gap values, so R
        clips bars that reach beyond them). Never calls ``plt.show()``.
        """
        from .plots.gap import plot_clusgap

        return plot_clusgap(self, ax=ax, do_arrows=do_arrows, arrow_kwargs=arrow_kwargs,
                            kwargs=dict(kwargs))


def _interactive() -> bool:
    """R's interactive(): a Python prompt is running."""
    return bool(hasattr(sys, "ps1") or sys.flags.interactive)


def _render(value: Any) -> str:
    if isinstance(value, functools.partial):
        parts = [_render(value.func)] + [_render(a) for a in value.args]
        parts += [f"{k}={_render(v)}" for k, v in value.keywords.items()]
        return f"partial({', '.join(parts)})"
    if callable(value) and hasattr(value, "__name__"):
        name: str = value.__name__
        return name
    if isinstance(value, RStream):
        return "RStream(...)"
    if isinstance(value, np.random.Generator):
        return "Generator(...)"
    if isinstance(value, (np.generic,)):
        value = value.item()
    return repr(value)


def _render_call(x: ArrayLike, FUNcluster: Callable[..., Any], K_max: int, B: int,
                 d_power: float, spaceH0: str, verbose: bool | None, rng: RngLike,
                 kwargs: dict[str, Any]) -> str:
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

    def __init__(self, enabled: bool, K_max: int, B: int, stream: TextIO | None = None) -> None:
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


def _reference_set(draws: Any, basis: _Basis) -> np.ndarray:
    """One reference data set, drawing as R does: column by column, runif(n, lo, hi)."""
    q = basis.lo.size
    z1t = np.empty((q, basis.n), dtype=np.float64)
    for j in range(q):
        z1t[j] = draws.runif(basis.n, basis.lo[j], basis.hi[j])
    return _gap.reference_set(z1t, basis.vt, basis.means)


@attrs.frozen
class _Work:
    """Everything a clustering task needs besides its data (picklable)."""

    K_max: int
    d_power: float
    pair_limit: int
    threads: int  # of the W_k kernel and the kmeans runs (see _engine.resolve_threads)
    options: KMeansOptions | None  # None: a FUNcluster other than statkmeans' kmeans


def _log_w(z: np.ndarray, labels: np.ndarray, ks: np.ndarray, work: _Work,
           stop: np.ndarray | None = None) -> list[float]:
    w = _gap.within(z, labels, ks, work.d_power, work.pair_limit, work.threads, stop=stop)
    return [math.log(v) if v > 0 else -math.inf for v in w.tolist()]


def _cluster_kmeans(z: np.ndarray, starts_by_k: list[list[np.ndarray]], work: _Work,
                    runner: _engine.Runner) -> tuple[list[float], _engine.Found]:
    """log W_1..W_K_max of one data set from pre-drawn kmeans starts; and the warnings."""
    assert work.options is not None
    n = z.shape[0]
    labels = np.zeros((work.K_max, n), dtype=np.int32)
    ks = np.arange(1, work.K_max + 1, dtype=np.int32)
    found: _engine.Found = []
    for k, starts in enumerate(starts_by_k, start=2):
        run, run_found = runner.best(z, starts, work.options.method_for(k),
                                     work.options.iter_max, work.options.trace)
        found.extend(run_found)
        labels[k - 1] = np.asarray(run.cluster, dtype=np.int32) - 1
    return _log_w(z, labels, ks, work, runner.stop.array), found


def _gap_task(basis: _Basis | None, work: _Work, items: list[tuple[Any, Any, Any]],
              stop: _engine.StopFlag | None = None) -> list[tuple[list[float], _engine.Found]]:
    """Executor task: cluster some data sets. Each item is (data or None, draw snapshot
    or None, starts by k); a reference set is rebuilt from its snapshot. ``stop``: the
    call's flag (once set, the task stops; see _engine.StopFlag)."""
    out = []
    with _engine.Runner(work.threads, stop=stop) as runner:
        for data, snap, starts_by_k in items:
            runner.stop.check()
            if data is not None:
                z = data
            else:
                assert basis is not None  # tasks with reference sets are sent their basis
                z = _reference_set(snap, basis)
            out.append(_cluster_kmeans(z, starts_by_k, work, runner))
    return out


def _cluster_generic(z: np.ndarray, FUNcluster: Callable[..., Any], kwargs: dict[str, Any],
                     work: _Work) -> list[float]:
    """log W_1..W_K_max with a user's clustering function, called in R's order."""
    n = z.shape[0]
    labels = np.zeros((work.K_max, n), dtype=np.int32)
    ks = np.ones(work.K_max, dtype=np.int32)
    for k in range(2, work.K_max + 1):
        labels[k - 1], ks[k - 1] = cluster_codes(FUNcluster(z, k, **kwargs), n, k)
    return _log_w(z, labels, ks, work)


def _cluster_serial(z: np.ndarray, FUNcluster: Callable[..., Any], kwargs: dict[str, Any],
                    work: _Work, draws: Any, runner: _engine.Runner,
                    found: _engine.Found) -> list[float]:
    """log W_1..W_K_max of one data set, here: kmeans' starts for k = 2..K_max drawn
    now in R's order (its warnings added to ``found``), or the user's FUNcluster."""
    options = work.options
    if options is None:
        return _cluster_generic(z, FUNcluster, kwargs, work)
    starts = [_engine.draw_starts(z, k, options.nstart, draws, options.init)
              for k in range(2, work.K_max + 1)]
    logw, set_found = _cluster_kmeans(z, starts, work, runner)
    found.extend(set_found)
    return logw


def _reference_serial(basis: _Basis, FUNcluster: Callable[..., Any], kwargs: dict[str, Any],
                      work: _Work, B: int, draws: Any, runner: _engine.Runner,
                      found: _engine.Found, progress: _Progress) -> list[list[float]]:
    """log W_k of the B reference sets, one after the other: each drawn, then clustered."""
    logwks = []
    for _ in range(B):
        z = _reference_set(draws, basis)
        logwks.append(_cluster_serial(z, FUNcluster, kwargs, work, draws, runner, found))
        progress.advance(1)
    return logwks


def _set_results(sets: list[tuple[list[float], _engine.Found]],
                 found: _engine.Found) -> list[list[float]]:
    """The log W_k of each set from _run_parallel's results, their warnings added to ``found``."""
    for _, set_found in sets:
        found.extend(set_found)
    return [logw for logw, _ in sets]


def _run_parallel(executor: Executor, xv: np.ndarray, basis_fn: Callable[[], _Basis],
                  draws: Any, B: int, work: _Work, progress: _Progress, observed: bool = True
                  ) -> tuple[tuple[list[float], _engine.Found] | None,
                             list[tuple[list[float], _engine.Found]]]:
    """Draw every random number in R's order here; run the clusterings on the executor.

    Reference sets are not shipped: a task gets the state of the stream at the
    start of its set and rebuilds it (an n-by-p set is drawn twice, once here
    to draw its starts and once in the task). At most 2 tasks per worker are
    in flight, which bounds the memory held by pending work.
    """
    assert work.options is not None
    nstart = work.options.nstart
    K_max = work.K_max
    workers = _engine.executor_workers(executor)
    per_task = max(1, min(8, math.ceil(B / (16 * workers))))  # small tasks balance well
    limit = 2 * workers
    stop = _engine.StopFlag(shared=not _engine.shares_memory(executor))
    pending: dict[Any, int] = {}
    results: dict[int, list[tuple[list[float], _engine.Found]]] = {}
    observed_reported = not observed

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
        if observed:
            obs_starts = [_engine.draw_starts(xv, k, nstart, draws, work.options.init)
                          for k in range(2, K_max + 1)]
            pending[executor.submit(_gap_task, None, work, [(xv, None, obs_starts)], stop)] = 0
        basis = basis_fn()
        chunk: list[tuple[Any, Any, Any]] = []
        first = 1
        for b in range(1, B + 1):
            snap = _engine.snapshot(draws)
            z = _reference_set(draws, basis)
            chunk.append((None, snap, [_engine.draw_starts(z, k, nstart, draws,
                                                           work.options.init)
                                       for k in range(2, K_max + 1)]))
            if len(chunk) == per_task or b == B:
                collect(block=False)
                pending[executor.submit(_gap_task, basis, work, chunk, stop)] = first
                chunk, first = [], b + 1
        collect(block=True)
    except BaseException:
        stop.set()  # running tasks return at their next check, queued ones start nothing
        for fut in pending:
            fut.cancel()
        raise
    finally:
        stop.close()
    observed_out = results.pop(0)[0] if observed else None
    sets = [out for first in sorted(results) for out in results[first]]
    return observed_out, sets


def reference_log_w(xv: np.ndarray, FUNcluster: Callable[..., Any], kwargs: dict[str, Any],
                    options: KMeansOptions | None, K_max: int, B: int, spaceH0: str,
                    draws: Any, executor: Executor | None, n_threads: int | None
                    ) -> tuple[np.ndarray, _engine.Found]:
    """clus_gap's reference part: (B-by-K_max log W_k of the reference sets, warnings).

    What clus_gap does after clustering the observed data (d_power 1, no
    progress output): the same draws in the same order, so a caller that
    clustered the data as clus_gap does first gets clus_gap's numbers.
    """
    found: _engine.Found = []
    progress = _Progress(False, K_max, B)
    if options is not None and executor is not None:
        share = _engine.executor_workers(executor)
        work = _Work(K_max, 1.0, EXACT_PAIR_LIMIT, _engine.resolve_threads(n_threads, share),
                     options)
        _, sets = _run_parallel(executor, xv, lambda: _basis(xv, spaceH0), draws, B, work,
                                progress, observed=False)
        logwks = _set_results(sets, found)
    else:
        work = _Work(K_max, 1.0, EXACT_PAIR_LIMIT, _engine.resolve_threads(n_threads), options)
        basis = _basis(xv, spaceH0)
        with _engine.Runner(n_threads) as runner:
            logwks = _reference_serial(basis, FUNcluster, kwargs, work, B, draws, runner, found,
                                       progress)
    return np.array(logwks, dtype=np.float64).reshape(B, K_max), found


# -- the public function ------------------------------------------------------------


def clus_gap(
    x: ArrayLike,
    FUNcluster: Callable[..., Any] = kmeans,
    K_max: int | None = None,
    B: int = 100,
    d_power: float = 1,
    spaceH0: str = "scaledPCA",
    verbose: bool | None = None,
    *,
    rng: RngLike = None,
    executor: Executor | None = None,
    n_threads: int | None = None,
    **kwargs: Any,
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
        ``FUN=`` is accepted for it, as R matches ``FUN = kmeans`` to
        ``FUNcluster``.
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
        Threads to use, as for :func:`statkmeans.kmeans` (default: all usable
        cores): kmeans' random starts run one per thread, and the W_k sums
        split clusterings with millions of pairs between threads. With an
        executor, each task gets ``n_threads`` threads (default: the usable
        cores divided among the executor's workers). Results do not depend
        on it.
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
    max_se : The rule that picks k from the gap curve.
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
    FUNcluster = take_fun_alias(FUNcluster, kwargs, kmeans)
    check_funcluster(FUNcluster, "K_max", "clus_gap")
    data = as_data_matrix(x, _NOT_2D)
    K_max = check_K_max(K_max, data.n)
    B = check_B(B)
    d_power = check_positive(d_power, "d_power", "1: distances, 2: squared distances")
    spaceH0 = check_choice(spaceH0, "spaceH0", SPACES_H0)
    verbose = check_verbose(verbose)
    show = _interactive() if verbose is None else verbose
    executor = check_executor(executor)
    threads = check_n_threads(n_threads)
    options = funcluster_options(FUNcluster, kwargs, "clus_gap", "the data and k = 2..K_max")
    if options is not None:
        check_starts_memory(options.nstart, range(2, K_max + 1), data.p)
    call = _render_call(x, FUNcluster, K_max, B, d_power, spaceH0, verbose, rng, kwargs)
    draws = resolve_draws(rng)

    xv = data.values
    progress = _Progress(show, K_max, B)
    found: _engine.Found = []
    # this call's draws stay contiguous (threads); Ctrl-C leaves the stream as it was
    with _engine.drawing(draws), restored_if_interrupted(draws):
        if options is not None and executor is not None:
            share = _engine.executor_workers(executor)
            work = _Work(K_max, d_power, EXACT_PAIR_LIMIT, _engine.resolve_threads(threads, share),
                         options)
            progress.observed_start()
            observed, sets = _run_parallel(executor, xv, lambda: _basis(xv, spaceH0), draws, B,
                                           work, progress)
            assert observed is not None
            logw_obs, obs_found = observed
            found.extend(obs_found)
            logwks = _set_results(sets, found)
            progress.finish()
        else:
            if executor is not None:
                warnings.warn(
                    "'executor' is ignored: FUNcluster is not statkmeans' kmeans, so its random "
                    "draws cannot be made ahead of time in R's order; running serially",
                    StatKMeansWarning,
                    stacklevel=2,
                )
            work = _Work(K_max, d_power, EXACT_PAIR_LIMIT, _engine.resolve_threads(threads), options)
            with _engine.Runner(threads) as runner:
                progress.observed_start()
                logw_obs = _cluster_serial(xv, FUNcluster, kwargs, work, draws, runner, found)
                progress.observed_done()
                logwks = _reference_serial(_basis(xv, spaceH0), FUNcluster, kwargs, work, B,
                                           draws, runner, found, progress)
                progress.finish()

    _engine.issue_warnings(found, stacklevel=2)
    return _result(np.array(logw_obs), np.array(logwks, dtype=np.float64).reshape(B, K_max),
                   call=call, spaceH0=spaceH0, n=data.n, B=B, d_power=d_power)


def _result(logw: np.ndarray, logwks: np.ndarray, **fields: Any) -> ClusGapResult:
    import pandas as pd

    e_logw, se_sim = _gap.col_stats(np.ascontiguousarray(logwks))
    tab = pd.DataFrame(
        {"logW": logw, "E.logW": e_logw, "gap": e_logw - logw, "SE.sim": se_sim},
        index=pd.RangeIndex(1, len(logw) + 1, name="k"),
    )
    return ClusGapResult(Tab=tab, **fields)
