"""The k-means engine: random starts in R's order, runs, threads and executors.

Everything that fits k-means goes through here (``kmeans``, ``clus_gap``,
``nbclust``), so there is one answer to each of these questions:

* **How many threads?** :func:`usable_cpus` counts the cores this process
  may use (CPU affinity and a cgroup CPU quota, as a container sets it);
  :func:`resolve_threads` is the one rule: the ``n_threads`` the user gave,
  else the usable cores shared out among the tasks that run at once, at
  least one each. Work running on a pool's threads or an executor's workers
  therefore never starts all-core OpenMP regions of its own.
* **In what order are random numbers drawn?** :func:`draw_starts` draws
  every start of one kmeans call as R does, before any run; results then do
  not depend on where or in which order the runs execute.
* **Which run is kept?** :class:`Runner` runs the starts serially, one per
  thread, or in chunks on an executor, and keeps the first run with the
  smallest total within sum of squares, as R does.
* **How does Ctrl-C stop it?** Only the main thread sees signals; a kernel
  there polls for them itself. Kernels on other threads, and tasks in an
  executor's worker processes, poll the call's :class:`StopFlag`, which the
  main thread sets when it is interrupted (or fails) before it cancels what
  has not started (:func:`gather`): running kernels return within about a
  millisecond of work, queued tasks start nothing, and a pool shuts down at
  once (docs/design.md, "Interrupts").

The engine trusts its input: the public functions validate with
``_validation`` first.
"""

from __future__ import annotations

import copy
import math
import os
import socket
import tempfile
import warnings
from collections.abc import Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from types import TracebackType
from typing import Any, TypeVar

import attrs
import numpy as np

from ._kernels import _core
from ._validation import has_duplicate_rows
from .exceptions import (
    ConvergenceWarning,
    EmptyClusterError,
    EmptyClusterWarning,
    InvalidArgumentError,
    QuickTransferWarning,
)

__all__ = [
    "Run",
    "Runner",
    "StopFlag",
    "draw_starts",
    "drawing",
    "executor_workers",
    "gather",
    "issue_warnings",
    "kmeanspp_rows",
    "resolve_threads",
    "run_starts",
    "shares_memory",
    "snapshot",
    "usable_cpus",
]

_T = TypeVar("_T")

# (category, message) pairs, in the order R would issue them.
Found = list[tuple[type[Warning], str]]


# -- threads -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _cgroup_cpu_limit() -> int | None:
    """The CPU quota of this process's cgroup in whole CPUs (rounded up), or None."""
    # cgroup v2: "quota period" or "max period"
    candidates: list[tuple[str, str | None]] = [("/sys/fs/cgroup/cpu.max", None)]
    candidates.append(("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us"))
    for quota_path, period_path in candidates:
        try:
            with open(quota_path) as fh:
                text = fh.read().split()
            if period_path is None:
                quota_text, period_text = text[0], text[1]
            else:
                quota_text = text[0]
                with open(period_path) as fh:
                    period_text = fh.read().split()[0]
        except (OSError, IndexError):
            continue
        if quota_text in ("max", "-1"):
            return None
        try:
            quota, period = int(quota_text), int(period_text)
        except ValueError:
            continue
        if quota > 0 and period > 0:
            return max(1, math.ceil(quota / period))
    return None


def usable_cpus() -> int:
    """Cores this process may run on: its CPU affinity, capped by a cgroup CPU quota."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        count = os.cpu_count() or 1
    limit = _cgroup_cpu_limit()
    if limit is not None:
        count = min(count, limit)
    return max(1, count)


def resolve_threads(n_threads: int | None, share: int = 1) -> int:
    """The one thread rule: ``n_threads`` when given, else the usable cores divided
    among ``share`` tasks that run at the same time (at least one each)."""
    if n_threads is not None:
        return n_threads
    return max(1, usable_cpus() // max(1, share))


def executor_workers(executor: Executor) -> int:
    """How many tasks the executor runs at once (pools: max_workers; Dask: all threads)."""
    workers = getattr(executor, "_max_workers", None)
    if isinstance(workers, int) and workers > 0:
        return workers
    client = getattr(executor, "_client", None)  # distributed's ClientExecutor
    if client is not None:
        try:
            total = sum(client.nthreads().values())
        except Exception:  # noqa: BLE001 - any failure: fall back to this machine
            total = 0
        if total > 0:
            return int(total)
    return usable_cpus()


# -- random starts ---------------------------------------------------------------------------


def _distinct_rows(x: np.ndarray, k: int) -> np.ndarray:
    unique = _core.unique_rows(x)
    if len(unique) < k:
        raise InvalidArgumentError(
            f"more cluster centers than distinct data points.: k = {k} but x has only "
            f"{len(unique)} distinct rows; use fewer centers"
        )
    return unique


def kmeanspp_rows(x: np.ndarray, k: int, draws: Any, trials: int | None = None) -> np.ndarray:
    """k-means++ (D^2 weighting): 0-based indices of k rows of x, drawn from ``draws``.

    As the R code ``i <- sample.int(n, 1)``, then k - 1 times
    ``i <- sample.int(n, 1, prob = d2)`` with ``d2`` each row's squared
    distance to the nearest row chosen so far (summed column by column in
    double precision, as ``d2 <- d2 + (x[, j] - c[j])^2``; updated by
    ``pmin``). Rows equal to a chosen one have weight 0 and are never drawn,
    so k must not exceed the number of distinct rows.

    ``trials`` (greedy k-means++): each next row is the best of ``trials``
    candidates drawn by ``sample.int(n, trials, replace = TRUE, prob = d2)``,
    the one whose ``sum(pmin(d2, e))`` (R's extended-precision sum) is
    smallest, the first on ties.
    """
    n = x.shape[0]
    chosen = [int(draws.sample_int(n, 1)[0]) - 1]
    d2 = _squared_distances(x, chosen[0])
    for _ in range(1, k):
        if trials is None:
            chosen.append(int(draws.sample_int(n, 1, prob=d2)[0]) - 1)
            d2 = np.minimum(d2, _squared_distances(x, chosen[-1]))
            continue
        best, best_d2, best_pot = -1, d2, np.inf
        for cand in draws.sample_int(n, trials, replace=True, prob=d2) - 1:
            e = np.minimum(d2, _squared_distances(x, int(cand)))
            pot = _core.sum_ld(e)
            if best < 0 or pot < best_pot:
                best, best_d2, best_pot = int(cand), e, pot
        chosen.append(best)
        d2 = best_d2
    return np.array(chosen, dtype=np.int64)


def greedy_trials(k: int) -> int:
    """Candidates per centre of ``init="greedy-kmeans++"``: 2 + floor(log(k)), as
    scikit-learn's k-means++ (Arthur and Vassilvitskii's suggestion)."""
    return 2 + int(math.log(k))


def _squared_distances(x: np.ndarray, row: int) -> np.ndarray:
    """Squared Euclidean distance of every row to x[row], column by column (R's order)."""
    d2 = np.zeros(x.shape[0])
    for j in range(x.shape[1]):
        t = x[:, j] - x[row, j]
        d2 += t * t
    return d2


def draw_starts(x: np.ndarray, k: int, nstart: int, draws: Any,
                init: str = "random") -> list[np.ndarray]:
    """The initial centres of each of ``nstart`` runs, drawn as R's kmeans draws them.

    ``nstart = 1``: ``sample.int(n, k)`` rows, re-drawn among the distinct
    rows (in order of first occurrence) when the draw repeats a row;
    ``nstart >= 2``: every start drawn among the distinct rows.
    ``init="kmeans++"``: every start is :func:`kmeanspp_rows` of all rows;
    ``init="greedy-kmeans++"``: the same with :func:`greedy_trials` candidates
    per centre.
    """
    if init in ("kmeans++", "greedy-kmeans++"):
        trials = greedy_trials(k) if init == "greedy-kmeans++" else None
        return [x[kmeanspp_rows(x, k, draws, trials)] for _ in range(nstart)]
    if nstart == 1:
        rows = draws.sample_int(x.shape[0], k) - 1
        start = x[rows]
        if has_duplicate_rows(start):
            unique = _distinct_rows(x, k)
            start = x[unique[draws.sample_int(len(unique), k) - 1]]
        return [start]
    unique = _distinct_rows(x, k)
    return [x[unique[draws.sample_int(len(unique), k) - 1]] for _ in range(nstart)]


def drawing(draws: Any) -> AbstractContextManager[Any]:
    """Hold the stream's lock while a call draws, so its draws stay contiguous."""
    lock = getattr(draws, "lock", None)
    return lock if lock is not None else nullcontext()


def snapshot(draws: Any) -> Any:
    """An independent copy of a draw source in its current state."""
    copier = getattr(draws, "copy", None)
    return copier() if callable(copier) else copy.deepcopy(draws)


# -- runs -----------------------------------------------------------------------------------


@attrs.frozen
class Run:
    """One run of an algorithm from one start (R's ``do_one``)."""

    cluster: np.ndarray  # int32, 1-based
    centers: np.ndarray
    withinss: np.ndarray
    size: np.ndarray
    iter: int
    ifault: int | None
    total: float  # R's sum(withinss)
    warnings: tuple[tuple[type[Warning], str], ...]  # in R's order


# -- interrupts ------------------------------------------------------------------------------


def _shm_dir() -> str | None:
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


class StopFlag:
    """The stop flag of one call, shared by every part of it that may run elsewhere.

    ``array`` is the int32 array of length 1 the kernels poll (``stop=``
    argument of the kernel wrappers); :meth:`set` makes every kernel given it
    return at its next check (about a millisecond of work later), raising
    KeyboardInterrupt in its thread. Threads of this process share the
    object. With ``shared=True`` (for executors that run tasks in other
    processes) the array is a 4-byte file mapped into memory (in /dev/shm
    where there is one), and a task's copy of the flag, unpickled in a worker
    process, maps the same file: setting it in the caller stops the worker's
    kernels too. :meth:`close` (the owner's, when the call ends) removes the
    file: a task unpickled after that on the same machine (it was queued when
    the call failed) finds the file gone and is stopped before it starts. On
    another machine the copy is a plain array that is never set: such a task
    stops only by a signal of its own.
    """

    __slots__ = ("_host", "_owner", "array", "path")

    def __init__(self, shared: bool = False) -> None:
        self.path: str | None = None
        self._owner = True
        self._host = socket.gethostname()
        self.array: np.ndarray = np.zeros(1, dtype=np.intc)
        if shared:
            try:
                fd, path = tempfile.mkstemp(prefix="statkmeans-stop-", dir=_shm_dir())
                try:
                    os.write(fd, bytes(4))
                finally:
                    os.close(fd)
                self.array = np.memmap(path, dtype=np.intc, mode="r+", shape=(1,))
                self.path = path
            except OSError:  # no temporary file: threads still share the plain array
                pass

    @classmethod
    def attach(cls, path: str | None, host: str) -> StopFlag:
        """The flag of the file at ``path`` on ``host`` (a task's copy in a worker process)."""
        flag = cls.__new__(cls)
        flag.path = path
        flag._owner = False
        flag._host = host
        flag.array = np.zeros(1, dtype=np.intc)
        if path is not None:
            try:
                flag.array = np.memmap(path, dtype=np.intc, mode="r+", shape=(1,))
            except (OSError, ValueError):
                if host == socket.gethostname():  # gone: the call has ended
                    flag.array[0] = 1
        return flag

    def __reduce__(self) -> tuple[Any, tuple[str | None, str]]:
        return (StopFlag.attach, (self.path, self._host))

    def set(self) -> None:
        """Stop every kernel and task polling this flag."""
        self.array[0] = 1

    def is_set(self) -> bool:
        """Whether the call was stopped."""
        return bool(self.array[0])

    def check(self) -> None:
        """Raise KeyboardInterrupt if the call was stopped (a task about to start)."""
        if self.array[0]:
            raise KeyboardInterrupt("stopped: another part of this call was interrupted")

    def close(self) -> None:
        """Remove the shared file (the owner's copy; the mappings in use stay valid)."""
        if self._owner and self.path is not None:
            try:
                os.remove(self.path)
            except OSError:  # Windows, while a worker still maps it: left to the temp dir
                pass
            self.path = None


def shares_memory(executor: Executor | None) -> bool:
    """Whether the executor runs tasks in this process (threads), where a plain flag reaches them."""
    return executor is None or isinstance(executor, ThreadPoolExecutor)


def run_one(x: np.ndarray, start: np.ndarray, method: str, iter_max: int, trace: int,
            n_threads: int, stop: np.ndarray | None = None) -> Run:
    """One run of ``method`` from the given centres; R's faults become errors or warnings.

    ``stop``: the array of the call's :class:`StopFlag`, or None.
    """
    centers = np.array(start, dtype=np.float64, order="C", copy=True)
    found: Found = []
    if method == "Hartigan-Wong":
        cl, nc, wss, it, ifault = _core.hartigan_wong(x, centers, iter_max, trace, stop=stop)
        if ifault == 1:
            raise EmptyClusterError(
                "empty cluster: try a better set of initial centers (an initial centre is "
                "nearest to no observation)"
            )
        if ifault == 3:
            raise InvalidArgumentError(
                f"number of cluster centres must lie between 1 and nrow(x); Hartigan-Wong "
                f"needs 2 <= k < n, got k = {centers.shape[0]} and n = {x.shape[0]} "
                f"(use algorithm='Lloyd' or 'MacQueen' for k = n)"
            )
        if ifault == 4:
            steps = min(2**31 - 1, 50 * x.shape[0])
            found.append((
                QuickTransferWarning,
                f"Quick-TRANSfer stage steps exceeded maximum (= {steps}); the result is "
                "returned with ifault = 4. Points that differ only in their last digits "
                "cause this: consider rounding the data",
            ))
    else:
        kernel = _core.lloyd if method == "Lloyd" else _core.macqueen
        cl, nc, wss, it = kernel(x, centers, iter_max, n_threads, stop=stop)
        ifault = None
        if (nc == 0).any():
            found.append((
                EmptyClusterWarning,
                "empty cluster: try a better set of initial centers (cluster(s) "
                f"{', '.join(str(i + 1) for i in np.flatnonzero(nc == 0))} ended empty)",
            ))
    if it > iter_max:
        plural = "iteration" if iter_max == 1 else "iterations"
        found.append((ConvergenceWarning, f"did not converge in {iter_max} {plural}; increase 'iter_max'"))
        if method != "Hartigan-Wong":
            ifault = 2
    return Run(cl, centers, wss, nc, it, ifault, _core.sum_ld(wss), tuple(found))


def run_starts(x: np.ndarray, starts: Sequence[np.ndarray], method: str, iter_max: int,
               trace: int, n_threads: int, stop: StopFlag | None = None
               ) -> tuple[int, Run, list[tuple[tuple[type[Warning], str], ...]]]:
    """Runs from consecutive starts: (offset of the best, its run, each run's warnings).

    The best is the first run with the smallest total, as R keeps it. This is
    also the task an executor runs (a picklable module-level function);
    ``stop`` is the call's flag: once it is set, no run starts and the
    running one returns (KeyboardInterrupt).
    """
    best_i, best = 0, None
    found = []
    for i, start in enumerate(starts):
        if stop is not None:
            stop.check()
        run = run_one(x, start, method, iter_max, trace, n_threads,
                      None if stop is None else stop.array)
        found.append(run.warnings)
        if best is None or run.total < best.total:
            best_i, best = i, run
    assert best is not None  # starts is never empty
    return best_i, best, found


def _chunks(n_items: int, n_parts: int) -> list[range]:
    n_parts = max(1, min(n_parts, n_items))
    bounds = [n_items * i // n_parts for i in range(n_parts + 1)]
    return [range(bounds[i], bounds[i + 1]) for i in range(n_parts)]


class Runner:
    """Fits k-means from pre-drawn starts and keeps R's best run.

    With several starts the runs go to ``executor`` when one is given (in
    as many chunks as it has workers, each chunk shipping x once), else to
    a thread pool of up to ``usable_cpus()`` threads, one start per task so
    uneven runs balance (the kernels release the GIL); a single run, or a
    traced one, runs here with all the threads. The pool is made on first
    use and kept for the Runner's life, so a caller that fits many times
    (clus_gap, nbclust) pays for it once; use the Runner as a context
    manager so the pool is shut down (pending work cancelled) on the way out,
    also on errors and KeyboardInterrupt. An executor the caller passed is
    never shut down.

    Every run gets the Runner's :class:`StopFlag` (``stop``: the caller's,
    when it passes one, else the Runner's own, shared with worker processes
    when the executor has them): an error or KeyboardInterrupt in the calling
    thread sets it, so runs on the pool's threads, a thread executor's or a
    local process executor's workers return within about a millisecond of
    work, and the pool's shutdown does not wait for them.
    """

    def __init__(self, n_threads: int | None = None, executor: Executor | None = None,
                 stop: StopFlag | None = None):
        self.n_threads = n_threads
        self.threads = resolve_threads(n_threads)
        self.executor = executor
        self._own_stop = stop is None
        self.stop = StopFlag(shared=not shares_memory(executor)) if stop is None else stop
        self._pool: ThreadPoolExecutor | None = None

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc is not None:
            self.stop.set()  # running kernels return at their next check
        self.close()

    def close(self) -> None:
        """Shut the thread pool down, cancelling what has not started."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._own_stop:
            self.stop.close()

    def best(self, x: np.ndarray, starts: Sequence[np.ndarray], method: str, iter_max: int,
             trace: int = 0) -> tuple[Run, Found]:
        """The run R keeps, and the warnings of every run in run order."""
        if len(starts) == 1 or trace or (self.executor is None and self.threads == 1):
            parts = [run_starts(x, starts, method, iter_max, trace, self.threads, self.stop)]
        elif self.executor is not None:
            per_task = resolve_threads(self.n_threads, executor_workers(self.executor))
            ranges = _chunks(len(starts), executor_workers(self.executor))
            parts = gather([self.executor.submit(run_starts, x, [starts[i] for i in r], method,
                                                 iter_max, trace, per_task, self.stop)
                            for r in ranges], self.stop)
        else:
            width = min(self.threads, len(starts))
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="statkmeans")
            per_task = max(1, self.threads // width)
            parts = gather([self._pool.submit(run_starts, x, [s], method, iter_max, trace,
                                              per_task, self.stop) for s in starts], self.stop)
        best = None
        found: Found = []
        for _offset, run, run_warnings in parts:
            for w in run_warnings:
                found.extend(w)
            if best is None or run.total < best.total:
                best = run
        assert best is not None
        return best, found


def gather(futures: Sequence[Future[_T]], stop: StopFlag | None = None) -> list[_T]:
    """The futures' results in order; on any error or interrupt the rest are cancelled.

    ``stop`` (the tasks' flag) is set first, so that tasks already running
    return at their next check and queued ones start nothing.
    """
    try:
        return [f.result() for f in futures]
    except BaseException:
        if stop is not None:
            stop.set()
        for f in futures:
            f.cancel()
        raise


def issue_warnings(found: Found, stacklevel: int) -> None:
    """Issue collected (category, message) warnings in order; ``stacklevel`` as seen by the caller."""
    for category, message in found:
        warnings.warn(message, category, stacklevel=stacklevel + 1)
