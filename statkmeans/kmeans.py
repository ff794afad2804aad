"""k-means clustering with R's numbers: ``kmeans`` and its result.

Mirrors R's ``stats::kmeans`` (R 4.2.2), including its random starts, its
four algorithms' arithmetic, its warnings and its printed output. See
``shared/r-reference.md`` section 2 for the behaviour reproduced here.
"""

from __future__ import annotations

import math
import numbers
import os
import warnings
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

import attrs
import numpy as np

from ._kernels import _core
from ._validation import (
    Matrix,
    _is_default_index,
    as_matrix,
    check_choice,
    check_int,
    is_dataframe,
    is_series,
)
from .exceptions import (
    ConvergenceWarning,
    EmptyClusterError,
    EmptyClusterWarning,
    InvalidArgumentError,
    InvalidTypeError,
    QuickTransferWarning,
    StatKMeansWarning,
)
from .rng import resolve_draws

__all__ = ["KMeansResult", "kmeans"]

ALGORITHMS = ("Hartigan-Wong", "Lloyd", "Forgy", "MacQueen")

# R's names of the components, in R's order ("Available components").
R_COMPONENTS = (
    "cluster",
    "centers",
    "totss",
    "withinss",
    "tot.withinss",
    "betweenss",
    "size",
    "iter",
    "ifault",
)


# -- immutable fields ---------------------------------------------------------


def _freeze(value):
    """A read-only copy: numpy arrays, or pandas objects over read-only data."""
    if is_series(value):
        import pandas as pd

        data = value.to_numpy(copy=True)
        data.flags.writeable = False
        return pd.Series(data, index=value.index, name=value.name, copy=False)
    if is_dataframe(value):
        import pandas as pd

        data = value.to_numpy(copy=True)
        data.flags.writeable = False
        return pd.DataFrame(data, index=value.index, columns=value.columns, copy=False)
    arr = np.array(value, copy=True)
    arr.flags.writeable = False
    return arr


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
    return bool(a.equals(b))


def _array_field():
    return attrs.field(converter=_freeze, eq=attrs.cmp_using(eq=_same), repr=False)


@attrs.frozen(kw_only=True, repr=False)
class KMeansResult:
    """The result of :func:`kmeans`: R's ``"kmeans"`` object, frozen.

    The fields are R's components with ``.`` turned into ``_``, in R's order.
    Arrays are read-only. When ``x`` was a pandas object, ``cluster`` is a
    Series on x's index and ``centers`` a DataFrame indexed 1..k with x's
    columns (R's dimnames); otherwise both are numpy arrays.

    Attributes
    ----------
    cluster : ndarray of int32 of shape (n,) or Series
        Cluster of each observation, 1..k.
    centers : ndarray of shape (k, p) or DataFrame
        Cluster centres (NaN rows for clusters Lloyd or MacQueen left empty).
    totss : float
        Total sum of squares about the column means.
    withinss : ndarray of shape (k,)
        Within-cluster sum of squares of each cluster.
    tot_withinss : float
        ``sum(withinss)``, summed as R does (extended precision).
    betweenss : float
        ``totss - tot_withinss``.
    size : ndarray of int32 of shape (k,)
        Number of observations in each cluster.
    iter : int
        Iterations used (``iter_max + 1`` when not converged).
    ifault : int or None
        R's fault code: Hartigan-Wong 0 (ok), 2 (not converged) or 4
        (quick-transfer step limit); Lloyd and MacQueen ``None`` (R's NULL),
        or 2 when not converged.
    """

    cluster: Any = _array_field()
    centers: Any = _array_field()
    totss: float = attrs.field(converter=float)
    withinss: np.ndarray = _array_field()
    tot_withinss: float = attrs.field(converter=float)
    betweenss: float = attrs.field(converter=float)
    size: np.ndarray = _array_field()
    iter: int = attrs.field(converter=int)
    ifault: int | None = attrs.field(default=None)

    # -- derived --------------------------------------------------------------
    @property
    def k(self) -> int:
        """Number of clusters."""
        return len(self.size)

    @property
    def n(self) -> int:
        """Number of observations."""
        return len(self.cluster)

    def _cluster_codes(self) -> np.ndarray:
        return np.asarray(self.cluster)

    def _centers_values(self) -> np.ndarray:
        return np.asarray(self.centers, dtype=np.float64)

    def _row_names(self) -> tuple[str, ...] | None:
        if is_series(self.cluster) and not _is_default_index(self.cluster.index):
            return tuple(str(v) for v in self.cluster.index)
        return None

    def _col_names(self) -> tuple[str, ...] | None:
        if is_dataframe(self.centers):
            cols = list(self.centers.columns)
            if cols == [None]:
                return None
            return tuple(str(c) for c in cols)
        return None

    # -- R's methods ----------------------------------------------------------
    def fitted(self, method: str = "centers"):
        """R's ``fitted(km, method)``: each observation's centre, or its cluster.

        Parameters
        ----------
        method : {"centers", "classes"}, default="centers"
            As in R, a unique prefix is enough.

        Returns
        -------
        ndarray of shape (n, p) or DataFrame, or the ``cluster`` codes
            ``"centers"``: row i is the centre of observation i's cluster.

        Notes
        -----
        R: ``fitted.kmeans(object, method = c("centers", "classes"))``.
        Difference from R: with pandas input the rows are indexed by x's
        index (R names them by cluster id); the ids are ``cluster``.
        """
        method = check_choice(method, "method", ("centers", "classes"))
        if method == "classes":
            return self.cluster
        codes = self._cluster_codes()
        values = self._centers_values()[codes - 1]
        if is_dataframe(self.centers):
            import pandas as pd

            return pd.DataFrame(values, index=self.cluster.index, columns=self.centers.columns)
        return values

    def predict(self, newdata, *, n_threads: int | None = None):
        """The nearest centre (1-based) of each row of ``newdata``.

        Parameters
        ----------
        newdata : array-like or DataFrame of shape (m, p)
            With a DataFrame, columns are matched by name when the fit had
            names.

        Returns
        -------
        ndarray of int32 of shape (m,), or Series on newdata's index

        Notes
        -----
        R has no ``predict.kmeans``; this is the assignment step of every
        algorithm here: squared distances accumulated in column order, first
        centre on ties, empty clusters (NaN centres) never chosen.
        """
        names = self._col_names()
        if names is not None and is_dataframe(newdata):
            missing = [c for c in self.centers.columns if c not in newdata.columns]
            if missing:
                raise InvalidArgumentError(
                    f"'newdata' lacks the column(s) {missing} the clusters were fitted on; "
                    f"it has {list(newdata.columns)}"
                )
            newdata = newdata.loc[:, list(self.centers.columns)]
        m = as_matrix(newdata, "newdata", allow_empty=True)
        p = self._centers_values().shape[1]
        if m.p != p:
            raise InvalidArgumentError(
                f"'newdata' must have the {p} column(s) of the fitted data; got {m.p}"
            )
        codes = _core.nearest(m.values, np.ascontiguousarray(self._centers_values()),
                              _threads(n_threads))
        if is_dataframe(newdata) or is_series(newdata):
            import pandas as pd

            return pd.Series(codes, index=newdata.index, name="cluster")
        return codes

    # -- broom ----------------------------------------------------------------
    def tidy(self):
        """broom's ``tidy(km)``: one row per cluster (centre, size, withinss, cluster).

        Notes
        -----
        R: ``broom::tidy.kmeans``. Columns are named as the data's columns,
        or ``x1..xp`` without names; ``cluster`` is categorical 1..k.
        """
        import pandas as pd

        names = self._col_names() or tuple(f"x{j + 1}" for j in range(self._centers_values().shape[1]))
        frame = pd.DataFrame(self._centers_values(), columns=list(names))
        frame["size"] = np.asarray(self.size)
        frame["withinss"] = np.asarray(self.withinss)
        frame["cluster"] = pd.Categorical(range(1, self.k + 1))
        return frame

    def augment(self, x):
        """broom's ``augment(km, data)``: the data with a categorical ``.cluster`` column.

        Parameters
        ----------
        x : array-like or DataFrame of shape (n, p)
            The data that were clustered (or any data with the same rows).
        """
        import pandas as pd

        if is_dataframe(x):
            frame = x.copy()
        else:
            m = as_matrix(x, "x")
            names = self._col_names() or tuple(f"x{j + 1}" for j in range(m.p))
            if len(names) != m.p:
                names = tuple(f"x{j + 1}" for j in range(m.p))
            frame = pd.DataFrame(m.values, columns=list(names))
        if len(frame) != self.n:
            raise InvalidArgumentError(
                f"'x' must have the {self.n} rows that were clustered; got {len(frame)}"
            )
        frame[".cluster"] = pd.Categorical(self._cluster_codes(), categories=range(1, self.k + 1))
        return frame

    def glance(self):
        """broom's ``glance(km)``: one row with totss, tot_withinss, betweenss, iter."""
        import pandas as pd

        return pd.DataFrame(
            {
                "totss": [self.totss],
                "tot_withinss": [self.tot_withinss],
                "betweenss": [self.betweenss],
                "iter": [self.iter],
            }
        )

    # -- printing -------------------------------------------------------------
    def __str__(self) -> str:
        return _print_kmeans(self)

    def __repr__(self) -> str:
        sizes = ", ".join(str(int(s)) for s in self.size)
        return (
            f"KMeansResult(k={self.k}, n={self.n}, size=[{sizes}], "
            f"tot_withinss={self.tot_withinss:.7g}, iter={self.iter})"
        )

    def _repr_pretty_(self, p, cycle):
        p.text(repr(self) if cycle else str(self).rstrip("\n"))


def _print_kmeans(km: KMeansResult) -> str:
    """R's ``print.kmeans`` output, line for line."""
    from . import _format

    k = km.k
    sizes = ", ".join(str(int(s)) for s in km.size)
    out = [f"K-means clustering with {k} clusters of sizes {sizes}\n", "\n", "Cluster means:\n"]
    out.append(
        _format.print_matrix(
            km._centers_values(),
            row_names=[str(i) for i in range(1, k + 1)],
            col_names=km._col_names(),
        )
    )
    out.append("\nClustering vector:\n")
    out.append(_format.print_vector(km._cluster_codes(), names=km._row_names()))
    out.append("\nWithin cluster sum of squares by cluster:\n")
    out.append(_format.print_vector(np.asarray(km.withinss)))
    ratio = 100 * km.betweenss / km.totss if km.totss != 0 else math.nan
    out.append(f" (between_SS / total_SS = {_c_percent(ratio)} %)\n")
    out.append("\nAvailable components:\n\n")
    out.append(_format.print_vector(np.array(R_COMPONENTS), quote=True))
    if km.ifault == 2:
        out.append("Warning: did *not* converge in specified number of iterations\n")
    return "".join(out)


def _c_percent(value: float) -> str:
    """C's ``%5.1f`` as R's sprintf gives it (NaN prints as NaN)."""
    if math.isnan(value):
        return "  NaN"
    return f"{value:5.1f}"


# -- the algorithm runs -------------------------------------------------------


@attrs.frozen
class _Run:
    cluster: np.ndarray
    centers: np.ndarray
    withinss: np.ndarray
    size: np.ndarray
    iter: int
    ifault: int | None
    total: float  # R's sum(withinss)
    warnings: tuple  # ((category, message), ...) in R's order


def _run_one(x: np.ndarray, start: np.ndarray, method: str, iter_max: int, trace: int,
             n_threads: int) -> _Run:
    """One run of the algorithm from the given centres (R's do_one)."""
    centers = np.array(start, dtype=np.float64, order="C", copy=True)
    found: list[tuple[type, str]] = []
    if method == "Hartigan-Wong":
        cl, nc, wss, it, ifault = _core.hartigan_wong(x, centers, iter_max, trace)
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
            found.append(
                (
                    QuickTransferWarning,
                    f"Quick-TRANSfer stage steps exceeded maximum (= {steps}); the result is "
                    "returned with ifault = 4. Points that differ only in their last digits "
                    "cause this: consider rounding the data",
                )
            )
    else:
        kernel = _core.lloyd if method == "Lloyd" else _core.macqueen
        cl, nc, wss, it = kernel(x, centers, iter_max, n_threads)
        ifault = None
        if (nc == 0).any():
            found.append(
                (
                    EmptyClusterWarning,
                    "empty cluster: try a better set of initial centers (cluster(s) "
                    f"{', '.join(str(i + 1) for i in np.flatnonzero(nc == 0))} ended empty)",
                )
            )
    if it > iter_max:
        plural = "iteration" if iter_max == 1 else "iterations"
        found.append(
            (
                ConvergenceWarning,
                f"did not converge in {iter_max} {plural}; increase 'iter_max'",
            )
        )
        if method != "Hartigan-Wong":
            ifault = 2
    return _Run(cl, centers, wss, nc, it, ifault, _core.sum_ld(wss), tuple(found))


def _run_chunk(x, starts, method, iter_max, trace, n_threads):
    """Runs for consecutive starts: (offset of the best, its run, all warnings)."""
    best_i, best = 0, None
    found = []
    for i, start in enumerate(starts):
        run = _run_one(x, start, method, iter_max, trace, n_threads)
        found.append(run.warnings)
        if best is None or run.total < best.total:
            best_i, best = i, run
    return best_i, best, found


def _chunks(n_items: int, n_parts: int) -> list[range]:
    n_parts = max(1, min(n_parts, n_items))
    bounds = [n_items * i // n_parts for i in range(n_parts + 1)]
    return [range(bounds[i], bounds[i + 1]) for i in range(n_parts)]


def _map_chunks(executor, xv, starts, method, iter_max, trace, n_threads, n_chunks=None):
    """Consecutive chunks of starts on the executor, results in start order.

    By default one chunk per worker (each chunk ships x once); threads share
    x, so they take one start at a time and balance uneven runs.
    """
    ranges = _chunks(len(starts), n_chunks or _executor_workers(executor))
    futures = [
        executor.submit(_run_chunk, xv, [starts[i] for i in r], method, iter_max, trace, n_threads)
        for r in ranges
    ]
    return [f.result() for f in futures]


def _executor_workers(executor: Executor) -> int:
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
            return total
    return os.cpu_count() or 1


def _threads(n_threads) -> int:
    if n_threads is None:
        return 0
    return check_int(n_threads, "n_threads", minimum=1)


# -- starts -------------------------------------------------------------------


def _has_duplicate_rows(rows: np.ndarray) -> bool:
    return len(_core.unique_rows(np.ascontiguousarray(rows))) < rows.shape[0]


def _distinct_rows(x: np.ndarray, k: int) -> np.ndarray:
    unique = _core.unique_rows(x)
    if len(unique) < k:
        raise InvalidArgumentError(
            f"more cluster centers than distinct data points.: k = {k} but x has only "
            f"{len(unique)} distinct rows; use fewer centers"
        )
    return unique


def draw_starts(x: np.ndarray, k: int, nstart: int, draws) -> list[np.ndarray]:
    """Initial centres of each run, drawn in R's order (see reference 2.3)."""
    m = x.shape[0]
    if nstart == 1:
        rows = draws.sample_int(m, k) - 1
        start = x[rows]
        if _has_duplicate_rows(start):
            unique = _distinct_rows(x, k)
            start = x[unique[draws.sample_int(len(unique), k) - 1]]
        return [start]
    unique = _distinct_rows(x, k)
    return [x[unique[draws.sample_int(len(unique), k) - 1]] for _ in range(nstart)]


def _is_count(centers) -> bool:
    if isinstance(centers, (bool, np.bool_)):
        return False
    return isinstance(centers, numbers.Real)


def _given_centers(centers, data: Matrix) -> np.ndarray:
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
    if _has_duplicate_rows(c.values):
        raise InvalidArgumentError(
            "initial centers are not distinct: two rows of 'centers' are equal; give k "
            "different starting points"
        )
    if data.n < c.n:
        raise InvalidArgumentError(
            f"more cluster centers than data points: {c.n} centres for {data.n} rows"
        )
    return c.values


# -- the public function ------------------------------------------------------


def kmeans(
    x,
    centers,
    iter_max: int = 10,
    nstart: int = 1,
    algorithm: str = "Hartigan-Wong",
    trace: bool | int = False,
    rng=None,
    *,
    executor: Executor | None = None,
    n_threads: int | None = None,
) -> KMeansResult:
    """K-means clustering, with R's results.

    Parameters
    ----------
    x : array-like or DataFrame of shape (n, p), or a vector of length n
        Numeric data (a 1-D vector is one column, as R's ``as.matrix``).
        Boolean columns count as 0/1. NA, NaN and infinite values are errors.
    centers : int or array-like of shape (k, p)
        The number of clusters k, whose initial centres are then k distinct
        rows of ``x`` drawn at random, or the initial centres themselves.
    iter_max : int, default=10
        Maximum number of iterations.
    nstart : int, default=1
        Number of random starts when ``centers`` is a number; the run with the
        smallest ``tot_withinss`` is kept (the earliest on ties).
    algorithm : {"Hartigan-Wong", "Lloyd", "Forgy", "MacQueen"}, default="Hartigan-Wong"
        A unique prefix is enough ("Mac"). "Forgy" is "Lloyd".
    trace : bool or int, default=False
        Hartigan-Wong only: print R's progress lines (``2`` adds NCP).
    rng : None, int, RStream or numpy.random.Generator, default=None
        Source of the random starts. ``None`` continues the package's default
        stream (see :func:`statkmeans.set_seed`), an int is a fresh stream as
        after R's ``set.seed(int)``, an :class:`~statkmeans.rng.RStream` is
        used and advanced; a numpy ``Generator`` works but does not reproduce R.
    executor : concurrent.futures.Executor, optional
        Runs the ``nstart`` random starts in parallel (a process pool, a Dask
        client's ``get_executor()``, ...). The starts are drawn first, in R's
        order, so the result is identical to the serial run.
    n_threads : int, optional
        Threads to use (default: all cores): random starts run concurrently,
        one per thread, and a single Lloyd or MacQueen run splits its
        assignment passes between threads. Results do not depend on it.

    Returns
    -------
    KMeansResult
        R's components; ``print(result)`` prints what R's ``print(km)`` prints.

    Raises
    ------
    InvalidArgumentError
        NA/NaN/Inf in ``x``, k outside 1..n, more centres than distinct data
        points, duplicated initial centres, mismatched columns, a bad
        ``iter_max``/``nstart``/``algorithm``, Hartigan-Wong with k = n.
    InvalidTypeError
        Non-numeric data or a ``centers`` that is neither a number nor a matrix.
    EmptyClusterError
        Hartigan-Wong: an initial centre is nearest to no observation.

    Warns
    -----
    ConvergenceWarning
        "did not converge in N iterations" (then ``iter = iter_max + 1``).
    QuickTransferWarning
        Hartigan-Wong's quick-transfer step limit (``ifault = 4``).
    EmptyClusterWarning
        Lloyd/MacQueen left a cluster empty (its centre is NaN).
    StatKMeansWarning
        ``nstart`` given with initial centres, where R silently ignores it.

    See Also
    --------
    statkmeans.set_seed : seed the default stream as R's ``set.seed``.
    statkmeans.silhouette, statkmeans.clus_gap

    Notes
    -----
    R: ``stats::kmeans(x, centers, iter.max = 10L, nstart = 1L,
    algorithm = c("Hartigan-Wong", "Lloyd", "Forgy", "MacQueen"), trace = FALSE)``.

    As in R: k = 1 always runs the MacQueen code; random starts are
    ``sample.int(n, k)`` rows for ``nstart = 1`` (re-drawn among the distinct
    rows when the draw has duplicates) and draws among the distinct rows, in
    order of first occurrence, for ``nstart >= 2``; ``nstart`` is ignored when
    centres are given; sums of squares are accumulated as R does (80-bit
    where R uses ``long double``).

    Differences from R:

    * A non-integral ``centers``, ``iter_max`` or ``nstart`` (R truncates
      2.7 to 2) and a length-1 centre matrix (R reads it as k) are errors.
    * NA/NaN/Inf are rejected before any random number is drawn (R draws the
      starts first).
    * The empty-cluster warning is issued once per run (R issues it twice);
      warnings name what to do.
    * Non-numeric columns are an error (R coerces them to NA, then fails).
    * Extra arguments ``rng``, ``executor`` and ``n_threads``.

    Tested against R 4.2.2 (fixtures in ``tests/r_reference``).

    References
    ----------
    Hartigan, J. A. and Wong, M. A. (1979). Algorithm AS 136: A K-means
    clustering algorithm. Applied Statistics 28, 100-108.
    Lloyd, S. P. (1982). Least squares quantization in PCM. IEEE Transactions
    on Information Theory 28, 128-137.
    MacQueen, J. (1967). Some methods for classification and analysis of
    multivariate observations. Proc. Fifth Berkeley Symposium 1, 281-297.

    Examples
    --------
    >>> from statkmeans import kmeans, load_dataset, set_seed
    >>> set_seed(1)
    >>> km = kmeans(load_dataset("USArrests"), 3, nstart=5)
    >>> km.size
    array([14, 20, 16], dtype=int32)
    >>> round(km.tot_withinss, 4)
    47964.2654
    """
    data = as_matrix(x, "x")
    algorithm = check_choice(algorithm, "algorithm", ALGORITHMS)
    if algorithm == "Forgy":
        algorithm = "Lloyd"
    iter_max = check_int(iter_max, "iter_max", minimum=1)
    nstart = check_int(nstart, "nstart", minimum=1)
    if isinstance(trace, (bool, np.bool_)):
        trace = int(trace)
    trace = check_int(trace, "trace", minimum=0)
    threads = _threads(n_threads)
    if executor is not None and not isinstance(executor, Executor):
        raise InvalidTypeError(
            f"'executor' must be a concurrent.futures.Executor; got {type(executor).__name__}"
        )

    if data.n >= 2**31:
        raise InvalidArgumentError(
            f"'x' has {data.n} rows; R's kmeans (and this one) handle fewer than 2^31 rows"
        )
    xv = data.values
    if _is_count(centers):
        k = check_int(centers, "centers", minimum=1)
        if k > data.n:
            raise InvalidArgumentError(
                f"more cluster centers than data points: k = {k} for {data.n} rows "
                "(R: cannot take a sample larger than the population)"
            )
        starts = draw_starts(xv, k, nstart, resolve_draws(rng))
    else:
        starts = [_given_centers(centers, data)]
        k = starts[0].shape[0]
        if nstart != 1:
            warnings.warn(
                f"'nstart' ({nstart}) is ignored when initial centers are given, as in R; "
                "pass a number of clusters to use random starts",
                StatKMeansWarning,
                stacklevel=2,
            )
    return fit_starts(data, starts, algorithm, iter_max=iter_max, trace=trace,
                      n_threads=threads, executor=executor, stacklevel=2)


def fit_starts(
    data: Matrix,
    starts: list[np.ndarray],
    algorithm: str,
    *,
    iter_max: int = 10,
    trace: int = 0,
    n_threads: int = 0,
    executor: Executor | None = None,
    stacklevel: int = 2,
) -> KMeansResult:
    """Run the algorithm from each start, keep the best as R does (private API).

    ``data`` is validated (``as_matrix``), ``starts`` are k-by-p C-contiguous
    arrays already drawn in R's order (``draw_starts``), ``algorithm`` a full
    name ("Forgy" already mapped to "Lloyd"). Warnings of every run are
    issued in run order, also when an executor ran them; ``stacklevel``
    counts the frames from this function up to the user's call.
    """
    xv = data.values
    k = starts[0].shape[0]
    method = "MacQueen" if k == 1 else algorithm
    threads = n_threads if n_threads > 0 else (os.cpu_count() or 1)
    if executor is None and len(starts) > 1 and threads > 1 and trace == 0:
        # The kernels release the GIL: run the starts on threads, one
        # thread per run (the compiled passes themselves single-threaded).
        with ThreadPoolExecutor(min(threads, len(starts))) as pool:
            parts = _map_chunks(pool, xv, starts, method, iter_max, trace, 1, len(starts))
    elif executor is None or len(starts) == 1:
        parts = [_run_chunk(xv, starts, method, iter_max, trace, n_threads)]
    else:
        parts = _map_chunks(executor, xv, starts, method, iter_max, trace, n_threads)

    best = None
    for _local, run, found in parts:
        for run_warnings in found:
            for category, message in run_warnings:
                warnings.warn(message, category, stacklevel=stacklevel + 1)
        if best is None or run.total < best.total:
            best = run
    return KMeansResult(**_components(best, _core.totss(xv, n_threads), data))


def _components(run: _Run, totss: float, data: Matrix) -> dict:
    cluster: Any = run.cluster
    centers: Any = run.centers
    if data.index is not None:
        import pandas as pd

        k = centers.shape[0]
        cluster = pd.Series(cluster, index=data.index, name="cluster")
        centers = pd.DataFrame(centers, index=pd.RangeIndex(1, k + 1), columns=data.columns)
    return dict(
        cluster=cluster,
        centers=centers,
        totss=totss,
        withinss=run.withinss,
        tot_withinss=run.total,
        betweenss=totss - run.total,
        size=run.size,
        iter=run.iter,
        ifault=run.ifault,
    )

