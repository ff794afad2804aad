"""k-means clustering with R's numbers: ``kmeans`` and its result.

Mirrors R's ``stats::kmeans`` (R 4.2.2), including its random starts, its
four algorithms' arithmetic, its warnings and its printed output. See
``docs/r-behaviour.md`` section 7 for the behaviour reproduced here.
"""

from __future__ import annotations

import math
import warnings
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
import numpy as np

from . import _engine
from ._kernels import _core
from ._results import (
    PrettyPrinted,
    format_column,
    frozen_field,
    html_details,
    html_pre,
    html_table,
    html_text,
    int_list,
)
from ._typing import ArrayLike, RngLike
from ._validation import (
    KMEANS_ALGORITHMS,
    Matrix,
    as_matrix,
    check_centers,
    check_choice,
    check_executor,
    check_k,
    check_kmeans_options,
    check_init_with_centers,
    check_kmeans_rows,
    check_kmeanspp_k,
    check_local_trials,
    check_n_threads,
    check_newdata,
    check_rows,
    check_starts_memory,
    is_count,
    is_dataframe,
    is_default_index,
    is_series,
    keyword_only,
)
from .exceptions import StatKMeansWarning
from .rng import resolve_draws, restored_if_interrupted

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["KMeansResult", "kmeans", "kmeanspp"]

ALGORITHMS = KMEANS_ALGORITHMS

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


@attrs.frozen(kw_only=True, repr=False)
class KMeansResult(PrettyPrinted):
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

    #: R's component names, as ``print`` lists them under "Available components".
    _r_components: ClassVar[tuple[str, ...]] = R_COMPONENTS

    cluster: Any = frozen_field()
    centers: Any = frozen_field()
    totss: float = attrs.field(converter=float)
    withinss: np.ndarray = frozen_field()
    tot_withinss: float = attrs.field(converter=float)
    betweenss: float = attrs.field(converter=float)
    size: np.ndarray = frozen_field()
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
        if is_series(self.cluster) and not is_default_index(self.cluster.index):
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
    def fitted(self, method: str = "centers") -> Any:
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

    def predict(self, newdata: ArrayLike, *, n_threads: int | None = None) -> Any:
        """The nearest centre (1-based) of each row of ``newdata``.

        Parameters
        ----------
        newdata : array-like or DataFrame of shape (m, p)
            With a DataFrame, columns are matched by name when the fit had
            names.
        n_threads : int, optional
            OpenMP threads (default: all cores). Results do not depend on it.

        Returns
        -------
        ndarray of int32 of shape (m,), or Series on newdata's index
            The cluster of each row, 1..k.

        Notes
        -----
        R has no ``predict.kmeans``; this is the assignment step of every
        algorithm here: squared distances accumulated in column order, first
        centre on ties, empty clusters (NaN centres) never chosen.
        """
        columns = self.centers.columns if self._col_names() is not None else None
        m = check_newdata(newdata, columns, self._centers_values().shape[1])
        threads = _engine.resolve_threads(check_n_threads(n_threads))
        codes = _core.nearest(m.values, np.ascontiguousarray(self._centers_values()), threads)
        if is_dataframe(newdata) or is_series(newdata):
            import pandas as pd

            return pd.Series(codes, index=newdata.index, name="cluster")
        return codes

    # -- broom ----------------------------------------------------------------
    def tidy(self) -> pd.DataFrame:
        """broom's ``tidy(km)``: one row per cluster (centre, size, withinss, cluster).

        Returns
        -------
        DataFrame
            A new frame, one row per cluster.

        Notes
        -----
        R: ``broom::tidy.kmeans``. Columns are named as the data's columns,
        or ``x1..xp`` without names; ``cluster`` is categorical 1..k.
        """
        import pandas as pd

        names = self._col_names() or tuple(f"x{j + 1}" for j in range(self._centers_values().shape[1]))
        frame: pd.DataFrame = pd.DataFrame(self._centers_values(), columns=list(names))
        frame["size"] = np.asarray(self.size)
        frame["withinss"] = np.asarray(self.withinss)
        frame["cluster"] = pd.Categorical(range(1, self.k + 1))
        return frame

    def augment(self, x: ArrayLike) -> pd.DataFrame:
        """broom's ``augment(km, data)``: the data with a categorical ``.cluster`` column.

        Parameters
        ----------
        x : array-like or DataFrame of shape (n, p)
            The data that were clustered (or any data with the same rows).

        Returns
        -------
        DataFrame
            A new frame: the data's columns and ``.cluster``.
        """
        import pandas as pd

        if is_dataframe(x):
            frame: pd.DataFrame = x.copy()
        else:
            m = as_matrix(x, "x")
            names = self._col_names() or tuple(f"x{j + 1}" for j in range(m.p))
            if len(names) != m.p:
                names = tuple(f"x{j + 1}" for j in range(m.p))
            frame = pd.DataFrame(m.values, columns=list(names))
        check_rows(len(frame), self.n)
        frame[".cluster"] = pd.Categorical(self._cluster_codes(), categories=range(1, self.k + 1))
        return frame

    def glance(self) -> pd.DataFrame:
        """broom's ``glance(km)``: one row with totss, tot_withinss, betweenss, iter.

        Returns
        -------
        DataFrame
            A new one-row frame.
        """
        import pandas as pd

        frame: pd.DataFrame = pd.DataFrame(
            {
                "totss": [self.totss],
                "tot_withinss": [self.tot_withinss],
                "betweenss": [self.betweenss],
                "iter": [self.iter],
            }
        )
        return frame

    # -- printing -------------------------------------------------------------
    def __str__(self) -> str:
        return _print_kmeans(self)

    def __repr__(self) -> str:
        sizes = int_list(self.size)
        return (
            f"KMeansResult(k={self.k}, n={self.n}, size=[{sizes}], "
            f"tot_withinss={self.tot_withinss:.7g}, iter={self.iter})"
        )

    def _html_parts(self) -> list[str]:
        """Jupyter: the sizes and within sums of squares, the centres, the codes folded."""
        from . import _format

        k = self.k
        ids = [str(i) for i in range(1, k + 1)]
        sizes = int_list(self.size)
        ratio = 100 * self.betweenss / self.totss if self.totss != 0 else math.nan
        parts = [
            html_text(f"K-means clustering with {k} clusters of sizes {sizes}", strong=True),
            html_table([("size", format_column(self.size)),
                        ("withinss", format_column(self.withinss))],
                       row_names=ids, row_header="cluster",
                       caption=f"(between_SS / total_SS = {_c_percent(ratio).strip()} %)"),
        ]
        values = self._centers_values()
        cols = self._col_names() or [f"[,{j}]" for j in range(1, values.shape[1] + 1)]
        parts.append(html_table([(c, format_column(values[:, j])) for j, c in enumerate(cols)],
                                row_names=ids, row_header="cluster", caption="Cluster means"))
        vector = _format.print_vector(self._cluster_codes(), names=self._row_names())
        parts.append(html_details(f"Clustering vector ({self.n} observations)", html_pre(vector)))
        if self.ifault == 2:
            parts.append(html_text(
                "Warning: did *not* converge in specified number of iterations"))
        return parts



def _print_kmeans(km: KMeansResult) -> str:
    """R's ``print.kmeans`` output, line for line."""
    from . import _format

    k = km.k
    sizes = int_list(km.size)
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
    out.append(_format.print_vector(np.array(type(km)._r_components), quote=True))
    if km.ifault == 2:
        out.append("Warning: did *not* converge in specified number of iterations\n")
    return "".join(out)


def _c_percent(value: float) -> str:
    """C's ``%5.1f`` as R's sprintf gives it (NaN prints as NaN)."""
    if math.isnan(value):
        return "  NaN"
    return f"{value:5.1f}"


# -- the public function ------------------------------------------------------


@keyword_only("rng")
def kmeans(
    x: ArrayLike,
    centers: int | ArrayLike,
    iter_max: int = 10,
    nstart: int = 1,
    algorithm: str = "Hartigan-Wong",
    trace: bool | int = False,
    *,
    rng: RngLike = None,
    executor: Executor | None = None,
    n_threads: int | None = None,
    init: str = "random",
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
        order, so the result is identical to the serial run. Start process
        pools with the "forkserver" or "spawn" method
        (``mp_context=multiprocessing.get_context("forkserver")``): forking a
        process whose OpenMP threads have run can deadlock.
    n_threads : int, optional
        Threads to use (default: all usable cores): random starts run concurrently,
        one per thread, and a single Lloyd or MacQueen run splits its
        assignment passes between threads. Results do not depend on it.
    init : {"random", "kmeans++", "greedy-kmeans++"}, default="random"
        How random starts are drawn: R's (k distinct rows, uniformly), or
        k-means++ (:func:`kmeanspp`: D^2 weighting, from the same stream)
        for every one of the ``nstart`` starts, or greedy k-means++
        (``kmeanspp(x, k, n_local_trials=2 + floor(log(k)))``, the variant
        scikit-learn's ``init="k-means++"`` uses). Only with a number of
        centres.

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
    statkmeans.set_seed : Seed the default stream as R's ``set.seed``.
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
    * Extra arguments ``rng``, ``executor``, ``n_threads`` and ``init``
      (``"kmeans++"`` and ``"greedy-kmeans++"`` are not in R's kmeans).

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
    options = check_kmeans_options(iter_max, nstart, algorithm, trace, init)
    threads = check_n_threads(n_threads)
    executor = check_executor(executor)
    check_kmeans_rows(data)
    draws: Any = None
    if is_count(centers):
        k = check_k(centers, data.n)
        check_starts_memory(options.nstart, [k], data.p)
        if options.init != "random":
            check_kmeanspp_k(k, data.n, len(_core.unique_rows(data.values)))
        draws = resolve_draws(rng)
    else:
        check_init_with_centers(options.init)
        starts = [check_centers(centers, data)]
        if options.nstart != 1:
            warnings.warn(
                f"'nstart' ({options.nstart}) is ignored when initial centers are given, as in "
                "R; pass a number of clusters to use random starts",
                StatKMeansWarning,
                stacklevel=3,
            )
    # Ctrl-C anywhere from the first draw on leaves the stream as it was
    with restored_if_interrupted(draws):
        if draws is not None:
            with _engine.drawing(draws):
                starts = _engine.draw_starts(data.values, k, options.nstart, draws, options.init)
        k = starts[0].shape[0]
        with _engine.Runner(threads, executor) as runner:
            best, found = runner.best(data.values, starts, options.method_for(k),
                                      options.iter_max, options.trace)
        _engine.issue_warnings(found, stacklevel=3)
        return result_from_run(best, data, runner.threads)


def kmeanspp(x: ArrayLike, k: int, *, n_local_trials: int | None = None,
             rng: RngLike = None) -> Any:
    """k initial centres by k-means++: rows of x drawn with D^2 weighting, from R's stream.

    The first row is drawn uniformly; each next one with probability
    proportional to its squared distance to the nearest row chosen so far.
    With ``n_local_trials``, greedy k-means++: each next row is the best of
    that many such draws.

    Parameters
    ----------
    x : array-like or DataFrame of shape (n, p)
        The observations.
    k : int
        The number of centres, 1..the number of distinct rows.
    n_local_trials : int, optional
        Greedy k-means++: for each centre after the first, draw this many
        candidate rows (with replacement, D^2 weighting) and keep the one
        that leaves the smallest sum of squared distances to the nearest
        centre (the first of equal ones). ``None`` (default): plain
        k-means++, one draw per centre. scikit-learn uses
        ``2 + int(log(k))``, as ``kmeans(..., init="greedy-kmeans++")`` does.
    rng : None, int, RStream or numpy.random.Generator, default=None
        Source of the draws, as for :func:`kmeans`: ``None`` continues the
        default stream, so ``set_seed(s)`` makes the result reproducible
        (and reproducible in R, see Notes).

    Returns
    -------
    ndarray of shape (k, p), or DataFrame
        The chosen rows, in the order drawn (a DataFrame of x's rows, with
        their labels, when x is one).

    Raises
    ------
    InvalidArgumentError
        NA/NaN/Inf in ``x``; k < 1, k > n or k larger than the number of
        distinct rows (rows equal to a chosen one have weight 0);
        ``n_local_trials`` not a whole number from 1 to 2147483647.

    See Also
    --------
    kmeans : ``init="kmeans++"`` draws every start this way.

    Notes
    -----
    R has no k-means++ in base R; the draws are those of this R code, so
    ``set.seed(s)`` there gives the same rows::

        kmeanspp <- function(x, k) {
          x <- as.matrix(x); n <- nrow(x)
          i <- sample.int(n, 1)
          d2 <- numeric(n)
          for (j in seq_len(ncol(x))) d2 <- d2 + (x[, j] - x[i, j])^2
          for (m in seq_len(k - 1)) {
            i[m + 1] <- sample.int(n, 1, prob = d2)
            e <- numeric(n)
            for (j in seq_len(ncol(x))) e <- e + (x[, j] - x[i[m + 1], j])^2
            d2 <- pmin(d2, e)
          }
          x[i, , drop = FALSE]
        }

    (``sample.int`` with ``prob`` and ``replace = FALSE`` sorts the weights
    and inverts one uniform: one uniform per centre after the first.) The
    greedy variant replaces the loop's first line by::

        cand <- sample.int(n, L, replace = TRUE, prob = d2)
        pot <- sapply(cand, function(c) sum(pmin(d2, sqd(c))))
        i[m + 1] <- cand[which.min(pot)]

    with ``sqd(c)`` the column-by-column squared distances to row c and
    ``d2`` then updated with the chosen row. Both are tested against that R
    code (``tests/r_reference``), and plain k-means++ for the distribution:
    the first row uniform, the next with probability D^2 / sum(D^2)
    (chi-square tests).

    References
    ----------
    Arthur, D. and Vassilvitskii, S. (2007). k-means++: The advantages of
    careful seeding. Proceedings of the 18th annual ACM-SIAM Symposium on
    Discrete Algorithms, 1027-1035.

    Examples
    --------
    >>> from statkmeans import kmeans, kmeanspp, load_dataset, set_seed
    >>> x = load_dataset("USArrests")
    >>> set_seed(1)
    >>> kmeanspp(x, 3).index.tolist()
    ['Arkansas', 'Maine', 'Kansas']
    >>> km = kmeans(x, 3, nstart=5, init="kmeans++", rng=1)
    >>> round(km.tot_withinss, 4)
    47964.2654
    """
    data = as_matrix(x, "x")
    k = check_kmeanspp_k(k, data.n, len(_core.unique_rows(data.values)))
    trials = check_local_trials(n_local_trials)
    draws = resolve_draws(rng)
    with restored_if_interrupted(draws):
        rows = _engine.kmeanspp_rows(data.values, k, draws, trials)
    if is_dataframe(x):
        return x.iloc[rows]
    return data.values[rows]


def result_from_run(run: _engine.Run, data: Matrix, n_threads: int = 1) -> KMeansResult:
    """R's kmeans object for the run kept: components in R's order, pandas labels when x had them."""
    cluster: Any = run.cluster
    centers: Any = run.centers
    if data.index is not None:
        import pandas as pd

        k = centers.shape[0]
        cluster = pd.Series(cluster, index=data.index, name="cluster")
        centers = pd.DataFrame(centers, index=pd.RangeIndex(1, k + 1), columns=data.columns)
    totss = _core.totss(data.values, n_threads)
    return KMeansResult(
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
