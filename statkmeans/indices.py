"""Cluster validity indices: fpc's with R's numbers, and Davies-Bouldin.

Mirrors fpc 2.2.10's ``calinhara``, ``cluster.stats`` and ``dudahart2``
(docs/r-behaviour.md, section "fpc", says exactly what R computes and in
which order), plus the Davies-Bouldin index as scikit-learn defines it.
``cluster_stats`` works from a :class:`~statkmeans.Dist` or, with
``data=``, from the observations without any n-by-n matrix: distances are
recomputed block by block, as ``silhouette(data=)`` does.
"""

from __future__ import annotations

import math
import warnings
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from . import _engine
from ._kernels import _core, _gap, _indices, _rng, _silhouette
from ._results import PrettyPrinted, frozen_field
from ._rstats import r_mean
from ._typing import ArrayLike
from ._validation import (
    as_condensed,
    as_matrix,
    check_alpha,
    check_bool,
    check_clustering,
    check_cn,
    check_codes_from_one,
    check_d_or_data,
    check_dissimilarities,
    check_label_count,
    check_n_threads,
    check_not_singletons,
    check_sepprob,
    check_several_clusters,
)
from .exceptions import StatKMeansWarning
from .gap import EXACT_PAIR_LIMIT

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "ClusterStats",
    "DudaHartResult",
    "calinhara",
    "cluster_stats",
    "davies_bouldin",
    "dudahart2",
]


# -- R's arithmetic on covariance diagonals -------------------------------------------


def _r_sum(values: Any) -> float:
    """R's sum(): extended precision, in order, rounded once."""
    return float(_core.sum_ld(np.ascontiguousarray(values, dtype=np.float64)))


def _cov_diag(x: np.ndarray, rows: np.ndarray) -> np.ndarray:
    return _indices.cov_diag(x, np.ascontiguousarray(rows, dtype=np.int64))


def _scatter_diag(x: np.ndarray, codes: np.ndarray, wanted: range) -> np.ndarray:
    """diag(W) of fpc: W = W + (n_i - 1) * cov(x[code i, ]) for the codes in
    ``wanted`` (in order) with at least two members; each product rounded, then
    added."""
    W = np.zeros(x.shape[1])
    for i in wanted:
        rows = np.flatnonzero(codes == i)
        if rows.size >= 2:
            W = W + (rows.size - 1) * _cov_diag(x, rows)
    return W


# -- calinhara -----------------------------------------------------------------------------


def calinhara(x: ArrayLike, clustering: Any, cn: int | None = None) -> float:
    """The Calinski-Harabasz index of a clustering, with R's numbers (fpc's ``calinhara``).

    CH = (trace B / (cn - 1)) / (trace W / (n - cn)), the ratio of the
    between-cluster to the within-cluster scatter, each per degree of
    freedom. Larger is better.

    Parameters
    ----------
    x : array-like or DataFrame of shape (n, p)
        The observations (a vector is one column).
    clustering : array-like of int of shape (n,), Series, or KMeansResult
        Cluster codes 1..cn (a KMeansResult stands for its ``cluster``).
    cn : int, optional
        The number of clusters; default ``max(clustering)``.

    Returns
    -------
    float
        The index. NaN when every cluster is a single observation (0/0), inf
        when every cluster is made of identical points.

    Raises
    ------
    InvalidArgumentError
        NA/NaN/Inf in ``x``; ``clustering`` of the wrong length, with NaN or
        non-integer codes, or a single cluster; ``cn`` < 2.
    InvalidTypeError
        Non-numeric data or codes.

    See Also
    --------
    cluster_stats : Its ``ch`` is the same index from distances.
    davies_bouldin, kmeansruns

    Notes
    -----
    R: ``fpc::calinhara(x, clustering, cn = max(clustering))``.

    As fpc computes it: W is the sum over the codes i = 1..cn with at least
    two members of ``(n_i - 1) * cov(x[code i, ])``, S = ``(n - 1) * cov(x)``,
    B = S - W, and CH = ``((n - cn) * sum(diag(B))) / ((cn - 1) *
    sum(diag(W)))``, with R's covariance (two-pass means, extended-precision
    sums) and R's ``sum``. So the result is R's to the last bit, including
    fpc's handling of codes: an unused code (codes 1 and 3, say) still
    counts in cn, and codes below 1 or above cn are in no cluster but stay
    in the total scatter.

    Differences from R:

    * A clustering of the wrong length, with NaN codes or with a single
      cluster is an error (R recycles, fails later, or returns NaN).
    * ``cn`` < 2 is an error (R divides by zero).
    * A KMeansResult is accepted for ``clustering``.

    Tested against R 4.2.2 / fpc 2.2.10 (``tests/r_reference``): identical
    on scaled iris and USArrests, faithful, ruspini and a Gaussian blob, for
    kmeans clusterings, a singleton cluster, codes {1, 2, 5} and a larger cn.

    References
    ----------
    Calinski, T. and Harabasz, J. (1974). A dendrite method for cluster
    analysis. Communications in Statistics 3, 1-27.

    Examples
    --------
    >>> from statkmeans import calinhara, kmeans, load_dataset, scale, set_seed
    >>> x = scale(load_dataset("USArrests"))
    >>> set_seed(10)
    >>> km = kmeans(x, 3)
    >>> calinhara(x, km.cluster)
    32.950721473311496
    """
    data = as_matrix(x, "x")
    codes, _ = check_clustering(clustering, data.n)
    check_several_clusters(codes, "calinhara")
    count = check_cn(cn, codes)
    xv = data.values
    n = data.n
    W = _scatter_diag(xv, codes, range(1, count + 1))
    S = (n - 1) * _cov_diag(xv, np.arange(n))
    B = S - W
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.float64((n - count) * _r_sum(B)) / np.float64((count - 1) * _r_sum(W)))


# -- dudahart2 -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class DudaHartResult(PrettyPrinted):
    """fpc's ``dudahart2`` result: the Duda-Hart test of one cluster against two.

    Attributes
    ----------
    p_value : float
        1 - Phi(qz): small values speak for splitting into two clusters.
    dh : float
        The ratio trace(W) / trace(W1) of the within scatter of the two
        clusters to the scatter of all data.
    compare : float
        The critical value: ``dh >= compare`` means one cluster.
    cluster1 : bool
        True when the data are judged homogeneous (one cluster).
    alpha : float
        The significance level.
    z : float
        ``qnorm(1 - alpha)``.
    """

    p_value: float = attrs.field(converter=float)
    dh: float = attrs.field(converter=float)
    compare: float = attrs.field(converter=float)
    cluster1: bool = attrs.field(converter=bool)
    alpha: float = attrs.field(converter=float)
    z: float = attrs.field(converter=float)

    def __str__(self) -> str:
        from . import _format

        def fmt(v: float) -> str:
            return _format.format_real([v], 7)[0].strip()

        return (f"Duda-Hart test (fpc::dudahart2), alpha = {fmt(self.alpha)}:\n"
                f"  dh = {fmt(self.dh)}, compare = {fmt(self.compare)}, "
                f"p.value = {fmt(self.p_value)}\n"
                f"  cluster1 = {'TRUE' if self.cluster1 else 'FALSE'} ("
                + ("one cluster" if self.cluster1 else "two clusters") + ")\n")

    def __repr__(self) -> str:
        return (f"DudaHartResult(dh={self.dh:.7g}, compare={self.compare:.7g}, "
                f"p_value={self.p_value:.7g}, cluster1={self.cluster1})")


def duda_hart(xv: np.ndarray, codes: np.ndarray | None, alpha: float) -> DudaHartResult:
    """dudahart2 on checked data (``codes`` None: R's NULL clustering, no cluster)."""
    from scipy.special import ndtr

    n, p = xv.shape
    W = (np.zeros(p) if codes is None else _scatter_diag(xv, codes, range(1, 3)))
    W1 = (n - 1) * _cov_diag(xv, np.arange(n))
    dh = _r_sum(W) / _r_sum(W1)
    z = float(_rng.qnorm(np.array([1.0 - alpha]))[0])
    radicand = (2.0 * (1.0 - 8.0 / ((math.pi * math.pi) * p))) / float(n * p)
    compare = (1.0 - 2.0 / (math.pi * p)) - z * math.sqrt(radicand)
    qz = ((-dh + 1.0) - 2.0 / (math.pi * p)) / math.sqrt(radicand)
    p_value = 1.0 - float(ndtr(qz))
    return DudaHartResult(p_value=p_value, dh=dh, compare=compare, cluster1=dh >= compare,
                          alpha=alpha, z=z)


def dudahart2(x: ArrayLike, clustering: Any, alpha: float = 0.001) -> DudaHartResult:
    """The Duda-Hart test: one homogeneous cluster, or two (fpc's ``dudahart2``).

    Parameters
    ----------
    x : array-like or DataFrame of shape (n, p)
        The observations.
    clustering : array-like of int of shape (n,), Series, or KMeansResult
        A split of the data: codes 1 and 2 (other codes are ignored, as in fpc).
    alpha : float, default=0.001
        The significance level of the test.

    Returns
    -------
    DudaHartResult
        ``p_value``, ``dh``, ``compare``, ``cluster1``, ``alpha``, ``z``.

    Raises
    ------
    InvalidArgumentError
        NA/NaN/Inf in ``x``; ``clustering`` of the wrong length or with
        NaN or non-integer codes; ``alpha`` outside (0, 1).

    See Also
    --------
    kmeansruns : Uses this test when its krange contains 1.

    Notes
    -----
    R: ``fpc::dudahart2(x, clustering, alpha = 0.001)``.

    As fpc computes it: dh = trace(W) / trace(W1), W the within scatter of
    codes 1 and 2 (clusters of fewer than two points add nothing), W1 the
    scatter of all data; ``compare = (1 - 2/(pi p)) - z sqrt(2 (1 - 8/(pi^2
    p)) / (n p))`` with ``z = qnorm(1 - alpha)`` (R's algorithm);
    ``cluster1 = dh >= compare``.

    Differences from R:

    * ``p_value`` uses scipy's normal distribution function (R has its
      own): equal to R's within about 1e-15.
    * A clustering of the wrong length or with NaN codes is an error.

    Tested against R 4.2.2 / fpc 2.2.10 (``tests/r_reference``): dh,
    compare, z and cluster1 identical; p_value to 1e-14.

    References
    ----------
    Duda, R. O. and Hart, P. E. (1973). Pattern Classification and Scene
    Analysis. Wiley, New York.

    Examples
    --------
    >>> from statkmeans import dudahart2, kmeans, load_dataset, scale, set_seed
    >>> x = scale(load_dataset("USArrests"))
    >>> set_seed(1)
    >>> test = dudahart2(x, kmeans(x, 2).cluster)
    >>> test.cluster1, round(test.dh, 6)
    (False, 0.524808)
    """
    data = as_matrix(x, "x")
    codes, _ = check_clustering(clustering, data.n)
    return duda_hart(data.values, codes, check_alpha(alpha))


# -- Davies-Bouldin ------------------------------------------------------------------------


def davies_bouldin(x: ArrayLike, clustering: Any) -> float:
    """The Davies-Bouldin index of a clustering (scikit-learn's ``davies_bouldin_score``).

    For each cluster i, the largest over the other clusters j of
    (s_i + s_j) / d(c_i, c_j), where c are the centroids and s the mean
    distance of a cluster's members to its centroid; the index is the
    average of these over the clusters. Smaller is better; 0 is the least.

    Parameters
    ----------
    x : array-like or DataFrame of shape (n, p)
        The observations.
    clustering : array-like of shape (n,), Series, or KMeansResult
        Cluster labels: any integers (a KMeansResult stands for its
        ``cluster``).

    Returns
    -------
    float
        The mean over clusters of the largest ratio (s_i + s_j) / d_ij.

    Raises
    ------
    InvalidArgumentError
        NA/NaN/Inf in ``x``; ``clustering`` of the wrong length, with NaN or
        non-integer codes; fewer than 2 or more than n - 1 clusters.

    See Also
    --------
    calinhara, cluster_stats

    Notes
    -----
    R has no Davies-Bouldin index in the packages mirrored here (clusterSim's
    ``index.DB`` uses other distances by default); this is scikit-learn's
    definition: Euclidean distances, clusters with coincident centroids left
    out of each other's maximum, and 0 when every cluster is a single point
    or every centroid coincides. Tested against scikit-learn's
    ``davies_bouldin_score`` (equal to 1e-12).

    References
    ----------
    Davies, D. L. and Bouldin, D. W. (1979). A cluster separation measure.
    IEEE Transactions on Pattern Analysis and Machine Intelligence 1,
    224-227.

    Examples
    --------
    >>> from statkmeans import davies_bouldin, kmeans, load_dataset, scale, set_seed
    >>> x = scale(load_dataset("USArrests"))
    >>> set_seed(10)
    >>> round(davies_bouldin(x, kmeans(x, 3)), 6)
    0.932586
    """
    data = as_matrix(x, "x")
    codes, _ = check_clustering(clustering, data.n)
    labels, inverse = np.unique(codes, return_inverse=True)
    check_label_count(len(labels), data.n)
    return davies_bouldin_codes(data.values, inverse.reshape(-1), len(labels))


def davies_bouldin_codes(xv: np.ndarray, codes0: np.ndarray, k: int) -> float:
    """davies_bouldin on checked data and 0-based codes 0..k-1."""
    centroids = np.empty((k, xv.shape[1]))
    scatter = np.empty(k)
    for c in range(k):
        members = xv[codes0 == c]
        centroids[c] = members.mean(axis=0)
        scatter[c] = np.sqrt(((members - centroids[c]) ** 2).sum(axis=1)).mean()
    between = np.sqrt(((centroids[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2))
    if not scatter.any() or not between.any():
        return 0.0
    with np.errstate(divide="ignore"):
        ratio = (scatter[:, None] + scatter[None, :]) / np.where(between > 0, between, np.inf)
    np.fill_diagonal(ratio, 0.0)
    return float(ratio.max(axis=1).mean())


# -- cluster.stats --------------------------------------------------------------------------


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


@attrs.frozen(kw_only=True, repr=False)
class ClusterStats(PrettyPrinted):
    """fpc's ``cluster.stats`` result: distance-based statistics of a clustering.

    Fields are fpc's components with ``.`` turned into ``_``. Per-cluster
    arrays are in cluster order 1..K; arrays are read-only.

    Attributes
    ----------
    n : int
        Number of observations.
    cluster_number : int
        Number of clusters K.
    cluster_size : ndarray of shape (K,)
        Observations per cluster.
    min_cluster_size : float
    diameter : ndarray of shape (K,)
        Largest distance within each cluster (NaN for a single point).
    average_distance : ndarray of shape (K,)
        Mean distance within each cluster (NaN for a single point).
    median_distance : ndarray of shape (K,)
        Median distance within each cluster (NaN for a single point).
    separation : ndarray of shape (K,)
        Smallest distance from each cluster to another.
    average_toother : ndarray of shape (K,)
        Mean distance from each cluster's members to the other clusters'.
    separation_matrix : ndarray of shape (K, K)
        Smallest distance between each pair of clusters (diagonal 0).
    ave_between_matrix : ndarray of shape (K, K)
        Mean distance between each pair of clusters (diagonal 0).
    average_between, average_within : float
        Mean distance between clusters, and the size-weighted mean of
        ``average_distance``.
    n_between, n_within : int
        Number of distances between and within clusters.
    max_diameter, min_separation : float
    within_cluster_ss : float
        Sum over clusters of the within sum of squared distances divided by
        the cluster size (kmeans' ``tot_withinss`` for Euclidean distances).
    clus_avg_silwidths : ndarray of shape (K,) or None
        Mean silhouette width per cluster (None with ``silhouette=False``).
    avg_silwidth : float or None
        Mean silhouette width.
    pearsongamma : float
        Correlation of the distances with the between/within indicator.
    dunn : float
        ``min_separation / max_diameter``.
    dunn2 : float
        Smallest mean distance between two clusters over the largest mean
        distance within one.
    entropy : float
        Entropy of the cluster sizes (natural log).
    wb_ratio : float
        ``average_within / average_between``.
    ch : float
        The Calinski-Harabasz index computed from the distances.
    cwidegap : ndarray of shape (K,) or None
        Widest within-cluster gap: the longest edge of each cluster's
        minimum spanning tree (None with ``wgap=False``).
    widestgap : float or None
    sindex : float or None
        Separation index: the mean of the smallest ``sepprob`` share of the
        distances from each observation to its nearest other-cluster point.
    exact : bool
        True when every sum was formed in R's order (R's bits); False for
        data of more than ``EXACT_PAIR_LIMIT`` pairs, where the sums of
        distances come from faster formulas that agree with R's to about
        1e-14 (the order statistics, minima, maxima, silhouettes and the
        MST gaps are exact either way).
    """

    n: int = attrs.field(converter=int)
    cluster_number: int = attrs.field(converter=int)
    cluster_size: np.ndarray = frozen_field(np.float64)
    min_cluster_size: float = attrs.field(converter=float)
    diameter: np.ndarray = frozen_field(np.float64)
    average_distance: np.ndarray = frozen_field(np.float64)
    median_distance: np.ndarray = frozen_field(np.float64)
    separation: np.ndarray = frozen_field(np.float64)
    average_toother: np.ndarray = frozen_field(np.float64)
    separation_matrix: np.ndarray = frozen_field(np.float64)
    ave_between_matrix: np.ndarray = frozen_field(np.float64)
    average_between: float = attrs.field(converter=float)
    average_within: float = attrs.field(converter=float)
    n_between: int = attrs.field(converter=int)
    n_within: int = attrs.field(converter=int)
    max_diameter: float = attrs.field(converter=float)
    min_separation: float = attrs.field(converter=float)
    within_cluster_ss: float = attrs.field(converter=float)
    clus_avg_silwidths: np.ndarray | None = frozen_field(np.float64, optional=True)
    avg_silwidth: float | None = attrs.field(default=None, converter=_optional_float)
    pearsongamma: float = attrs.field(converter=float)
    dunn: float = attrs.field(converter=float)
    dunn2: float = attrs.field(converter=float)
    entropy: float = attrs.field(converter=float)
    wb_ratio: float = attrs.field(converter=float)
    ch: float = attrs.field(converter=float)
    cwidegap: np.ndarray | None = frozen_field(np.float64, optional=True)
    widestgap: float | None = attrs.field(default=None, converter=_optional_float)
    sindex: float | None = attrs.field(default=None, converter=_optional_float)
    exact: bool = attrs.field(default=True, converter=bool)

    def to_frame(self) -> pd.DataFrame:
        """One row per cluster (index 1..K) with the per-cluster statistics.

        Returns
        -------
        pandas.DataFrame
            A fresh table on each call.
        """
        import pandas as pd

        columns: dict[str, Any] = {
            "cluster_size": np.array(self.cluster_size),
            "diameter": np.array(self.diameter),
            "average_distance": np.array(self.average_distance),
            "median_distance": np.array(self.median_distance),
            "separation": np.array(self.separation),
            "average_toother": np.array(self.average_toother),
        }
        if self.clus_avg_silwidths is not None:
            columns["clus_avg_silwidths"] = np.array(self.clus_avg_silwidths)
        if self.cwidegap is not None:
            columns["cwidegap"] = np.array(self.cwidegap)
        frame: pd.DataFrame = pd.DataFrame(
            columns, index=pd.RangeIndex(1, self.cluster_number + 1, name="cluster"))
        return frame

    def __str__(self) -> str:
        return _print_stats(self)

    def __repr__(self) -> str:
        sil = "None" if self.avg_silwidth is None else f"{self.avg_silwidth:.7g}"
        return (f"ClusterStats(n={self.n}, cluster_number={self.cluster_number}, "
                f"avg_silwidth={sil}, ch={self.ch:.7g}, dunn={self.dunn:.7g})")


def _print_stats(s: ClusterStats) -> str:
    """A report of the statistics: per-cluster table, the two matrices, the indices."""
    from . import _format

    K = s.cluster_number
    names = [str(i) for i in range(1, K + 1)]
    cols = ["cluster.size", "diameter", "average.distance", "median.distance", "separation",
            "average.toother"]
    table = [s.cluster_size, s.diameter, s.average_distance, s.median_distance, s.separation,
             s.average_toother]
    if s.clus_avg_silwidths is not None:
        cols.append("clus.avg.silwidths")
        table.append(s.clus_avg_silwidths)
    if s.cwidegap is not None:
        cols.append("cwidegap")
        table.append(s.cwidegap)
    how = "sums in R's order" if s.exact else "sums by fast formulas, ~1e-14 of R's"
    out = [f"Cluster statistics (fpc's cluster.stats): {s.n} observations in {K} clusters "
           f"({how})\n\n"]
    out.append(_format.print_matrix(np.column_stack(table), row_names=names, col_names=cols))
    out.append("\nseparation.matrix:\n")
    out.append(_format.print_matrix(np.asarray(s.separation_matrix), row_names=names,
                                    col_names=names))
    out.append("\nave.between.matrix:\n")
    out.append(_format.print_matrix(np.asarray(s.ave_between_matrix), row_names=names,
                                    col_names=names))
    overall: list[tuple[str, float | None]] = [
        ("n.within", s.n_within), ("n.between", s.n_between),
        ("average.within", s.average_within), ("average.between", s.average_between),
        ("wb.ratio", s.wb_ratio), ("within.cluster.ss", s.within_cluster_ss),
        ("ch", s.ch), ("avg.silwidth", s.avg_silwidth), ("pearsongamma", s.pearsongamma),
        ("dunn", s.dunn), ("dunn2", s.dunn2), ("entropy", s.entropy),
        ("max.diameter", s.max_diameter), ("min.separation", s.min_separation),
        ("widestgap", s.widestgap), ("sindex", s.sindex),
    ]
    shown = [(k, v) for k, v in overall if v is not None]
    width = max(len(k) for k, _ in shown)
    out.append("\n")
    for key, value in shown:
        assert value is not None
        text = (str(int(value)) if key.startswith("n.")
                else _format.format_real([float(value)], 7)[0].strip())
        out.append(f"{key.ljust(width)}  {text}\n")
    return "".join(out)


def _fpc_codes(codes: np.ndarray, stacklevel: int) -> np.ndarray:
    """fpc's renumbering: codes whose maximum is not their count become their ranks."""
    distinct = np.unique(codes)
    if int(codes.max()) != len(distinct):
        warnings.warn("clustering renumbered because maximum != number of clusters",
                      StatKMeansWarning, stacklevel=stacklevel + 1)
        return np.searchsorted(distinct, codes).astype(np.int64) + 1
    check_codes_from_one(codes)
    return codes


def cluster_stats(d: Any = None, clustering: Any = None, *, data: ArrayLike | None = None,
                  silhouette: bool = True, wgap: bool = True, sepindex: bool = True,
                  sepprob: float = 0.1, n_threads: int | None = None) -> ClusterStats:
    """Distance-based statistics of a clustering, with R's numbers (fpc's ``cluster.stats``).

    Give exactly one of ``d`` (dissimilarities) and ``data`` (observations).

    Parameters
    ----------
    d : Dist or array-like of shape (n * (n - 1) / 2,), optional
        Dissimilarities: a :class:`~statkmeans.Dist` or a condensed vector
        (R's ``dist`` order, scipy's ``pdist`` order).
    clustering : array-like of int of shape (n,), Series, or KMeansResult
        Cluster codes (a KMeansResult stands for its ``cluster``).
    data : array-like or DataFrame of shape (n, p), optional
        The observations, instead of ``d``: Euclidean distances (R's
        ``dist(data)``) are recomputed block by block and never stored, so
        no n-by-n matrix is made.
    silhouette : bool, default=True
        Compute the silhouette widths (``avg_silwidth``,
        ``clus_avg_silwidths``).
    wgap : bool, default=True
        Compute the widest within-cluster gaps (``cwidegap``, ``widestgap``).
    sepindex : bool, default=True
        Compute the separation index (``sindex``).
    sepprob : float, default=0.1
        The share of observations the separation index averages over.
    n_threads : int, optional
        Threads (default: all usable cores). Results do not depend on it.
        Exactly one of ``d`` and ``data`` must be given.

    Returns
    -------
    ClusterStats
        The components of fpc's result; ``print(result)`` shows them as a report,
        ``result.to_frame()`` the per-cluster ones.

    Raises
    ------
    InvalidArgumentError
        Neither or both of ``d`` and ``data``; ``clustering`` of the wrong
        length, with NaN or non-integer codes, a single cluster, or as many
        clusters as observations; NaN, negative or infinite dissimilarities,
        or data with NA/NaN/Inf.
    InvalidTypeError
        Non-numeric data, codes or dissimilarities.

    Warns
    -----
    StatKMeansWarning
        "clustering renumbered because maximum != number of clusters", as
        fpc: codes such as {2, 5, 7} become 1, 2, 3.

    See Also
    --------
    calinhara : The Calinski-Harabasz index from the data.
    silhouette, davies_bouldin

    Notes
    -----
    R: ``fpc::cluster.stats(d = NULL, clustering, alt.clustering = NULL,
    noisecluster = FALSE, silhouette = TRUE, G2 = FALSE, G3 = FALSE,
    wgap = TRUE, sepindex = TRUE, sepprob = 0.1, sepwithnoise = TRUE,
    compareonly = FALSE, aggregateonly = FALSE)``.

    Every sum is formed as fpc forms it (docs/r-behaviour.md, "fpc"): in R's
    order, in extended precision, with R's two-pass means, so the results
    are R's to the last bit. Memory stays O(n + K^2) plus the data: fpc
    needs about 5 n^2 doubles. Minima, maxima, medians (found by histogram
    passes over recomputed distances), the minimum spanning tree gaps
    (Prim's algorithm) and the silhouette widths are exact at any size.
    From ``data`` with more than ``EXACT_PAIR_LIMIT`` (5e6) pairs, the
    sums of distances and of squared distances (``within_cluster_ss``,
    ``ch``, the average distances, ``wb_ratio``, ``dunn2``, ``pearsongamma``)
    come from one parallel sweep and the sum-of-squares identities instead
    of fpc's dozen sequential passes: they then agree with R's to about
    1e-14 relative, and ``exact`` is False.

    Note that ``ch`` and ``within_cluster_ss`` are computed from the
    distances; :func:`calinhara` (from the data) agrees with ``ch`` only up
    to rounding, as in fpc.

    Differences from R:

    * ``data=`` is new (R needs ``dist(data)``).
    * A single cluster or K = n, codes below 1 that fpc would not renumber
      (fpc returns NaN/Inf there), NaN codes and a clustering of the wrong
      length are errors.
    * ``alt.clustering``, ``noisecluster``, ``G2``, ``G3``, ``compareonly``
      and ``aggregateonly`` are not offered; ``g2``, ``g3``,
      ``corrected.rand``, ``vi`` and ``noisen`` (NULL or 0 by default) are
      left out. NA (a singleton's diameter or median) is NaN.

    Tested against R 4.2.2 / fpc 2.2.10 (``tests/r_reference``): every
    field identical on scaled iris and USArrests, faithful, ruspini and a
    Gaussian blob, kmeans clusterings, a singleton cluster and renumbered
    codes, from a Dist and from data.

    References
    ----------
    Hennig, C. (2024). fpc: Flexible Procedures for Clustering. R package
    version 2.2.10.
    Calinski, T. and Harabasz, J. (1974). A dendrite method for cluster
    analysis. Communications in Statistics 3, 1-27.
    Dunn, J. C. (1974). Well separated clusters and optimal fuzzy
    partitions. Journal of Cybernetics 4, 95-104.

    Examples
    --------
    >>> from statkmeans import cluster_stats, dist, kmeans, load_dataset, scale, set_seed
    >>> x = scale(load_dataset("USArrests"))
    >>> set_seed(10)
    >>> km = kmeans(x, 3)
    >>> cs = cluster_stats(dist(x), km.cluster)
    >>> cs.ch, round(cs.avg_silwidth, 7), round(cs.dunn, 7)
    (32.9507214733115, 0.3668284, 0.2224115)
    >>> cluster_stats(clustering=km.cluster, data=x).ch == cs.ch
    True
    """
    check_d_or_data(d, data)
    silhouette = check_bool(silhouette, "silhouette")
    wgap = check_bool(wgap, "wgap")
    sepindex = check_bool(sepindex, "sepindex")
    sepprob = check_sepprob(sepprob)
    threads = _engine.resolve_threads(check_n_threads(n_threads))
    xv: np.ndarray | None = None
    dv: np.ndarray | None = None
    if d is not None:
        dv, n, _ = as_condensed(d, "d")
        codes, _ = check_clustering(clustering, n, "d")
    else:
        mat = as_matrix(data, "data")
        xv = mat.values
        n = mat.n
        codes, _ = check_clustering(clustering, n, "data")
    check_several_clusters(codes, "cluster_stats")
    codes = _fpc_codes(codes, stacklevel=2)
    K = int(codes.max())
    check_not_singletons(K, n, "cluster_stats")
    if dv is not None:
        check_dissimilarities(dv, "d", lambda at: f"at position {at + 1}")
    cl0 = np.ascontiguousarray(codes - 1, dtype=np.int32)
    return _stats(xv, dv, n, cl0, K, silhouette, wgap, sepindex, sepprob, threads)


def _widths_from_sums(S: np.ndarray, cl0: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Silhouette widths from the per-cluster distance sums, by silhouette's rules."""
    n, k = S.shape
    rows = np.arange(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        D = S / size.astype(np.float64)
        D[rows, cl0] = np.inf
        b = D.min(axis=1)
        own = size[cl0]
        a = S[rows, cl0] / (own - 1).astype(np.float64)
        s: np.ndarray = (b - a) / np.maximum(a, b)
    s[(own == 1) | (a == b)] = 0.0
    return s


def _stats(xv: np.ndarray | None, dv: np.ndarray | None, n: int, cl0: np.ndarray, K: int,
           want_sil: bool, wgap: bool, sepindex: bool, sepprob: float,
           threads: int) -> ClusterStats:
    size = np.bincount(cl0, minlength=K).astype(np.int64)
    n_within = int((size * (size - 1) // 2).sum())
    n_between = n * (n - 1) // 2 - n_within
    exact = dv is not None or n * (n - 1) // 2 <= EXACT_PAIR_LIMIT
    widths = None
    if exact:
        r = _indices.stats_exact(xv, dv, n, cl0, K)
        diam = r["diam"]
        sepm = r["sepm"]
        psep = r["psep"]
        wcss = 0.0
        for c in range(K):
            wcss += float(r["wss"][c]) / float(size[c])
        overall_ss = r["oss"] / n
        avgd = r["avgd"]
        tooth = r["tooth"]
        abm = r["abm"]
        avgb = r["avgb"]
        pgamma = r["pgamma"]
        if want_sil:
            if dv is not None:
                widths = _silhouette.widths_dist(dv, n, cl0, K, size, False, threads)[1]
            else:
                assert xv is not None
                widths = _silhouette.widths_data(xv, cl0, K, size, False, threads)[1]
    else:
        assert xv is not None
        S, mn, mx = _indices.sweep(xv, cl0, K, threads)
        if want_sil:
            widths = _widths_from_sums(S, cl0, size)
        diam = np.array([mx[cl0 == c, c].max() if size[c] > 1 else np.nan for c in range(K)])
        sepm = np.zeros((K, K))
        for c in range(K):
            sepm[c] = mn[cl0 == c].min(axis=0)
        sepm = np.minimum(sepm, sepm.T)
        np.fill_diagonal(sepm, 0.0)
        other = mn.copy()
        other[np.arange(n), cl0] = np.inf
        psep = other.min(axis=1)
        parts = _gap.wss_parts(xv, cl0, K, 0, threads)
        wcss = 0.0
        for c in range(K):
            wcss += float(parts[c])
        overall_ss = float(_core.totss(xv))
        avgd, tooth, abm, avgb, pgamma = _fast_means(S, cl0, size, n, overall_ss)
    sizes = size.astype(np.float64)
    ch = ((overall_ss - wcss) * (n - K)) / (wcss * (K - 1))
    sepv = np.array([min(sepm[c, j] for j in range(K) if j != c) for c in range(K)])
    keep = ~np.isnan(avgd)
    average_within = (_r_sum(avgd[keep] * sizes[keep]) / _r_sum(sizes[keep]))
    with np.errstate(divide="ignore", invalid="ignore"):
        wb_ratio = float(np.float64(average_within) / np.float64(avgb))
        max_diam = float(np.nanmax(diam)) if keep.any() else -math.inf
        min_sep = float(sepv.min())
        dunn = float(np.float64(min_sep) / np.float64(max_diam))
        between_means = abm[np.triu_indices(K, 1)]
        dunn2 = float(np.float64(between_means.min()) / np.float64(np.nanmax(avgd)))
    pk = sizes / n
    entropy = -_r_sum([p * math.log(p) for p in pk.tolist() if p > 0])
    medians = _indices.medians(xv, dv, n, cl0, K, np.nan_to_num(diam, nan=0.0), threads)
    gaps = _indices.widest_gaps(xv, dv, n, cl0, K, threads) if wgap else None
    sindex = None
    if sepindex:
        m = math.floor(n * sepprob)
        smallest = np.sort(psep)[:max(m, 1)]
        sindex = r_mean(smallest)
    avg_sil = clus_sil = None
    if widths is not None:
        avg_sil = r_mean(widths)
        clus_sil = np.array([r_mean(widths[cl0 == c]) for c in range(K)])
    return ClusterStats(
        n=n, cluster_number=K, cluster_size=sizes, min_cluster_size=float(sizes.min()),
        diameter=diam, average_distance=avgd, median_distance=medians, separation=sepv,
        average_toother=tooth, separation_matrix=sepm, ave_between_matrix=abm,
        average_between=avgb, average_within=average_within, n_between=n_between,
        n_within=n_within, max_diameter=max_diam, min_separation=min_sep,
        within_cluster_ss=wcss, clus_avg_silwidths=clus_sil, avg_silwidth=avg_sil,
        pearsongamma=pgamma, dunn=dunn, dunn2=dunn2, entropy=entropy, wb_ratio=wb_ratio,
        ch=ch, cwidegap=gaps, widestgap=None if gaps is None else float(gaps.max()),
        sindex=sindex, exact=exact,
    )


def _fast_means(S: np.ndarray, cl0: np.ndarray, size: np.ndarray, n: int, overall_ss: float
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
    """The means of distances and the correlation from the sweep's sums (not R's order).

    Block sums are sums of silhouette's row sums in extended precision; the
    correlation uses sum of d^2 = n * overall_ss (the sum-of-squares
    identity) and closed forms. Agrees with R's to about 1e-14 relative.
    """
    K = len(size)
    ld = np.longdouble
    B = np.zeros((K, K), dtype=ld)  # B[c, j]: sum of d over members of c and of j
    for j in range(K):
        B[:, j] = S[cl0 == j].astype(ld).sum(axis=0)
    Wc = np.diag(B) / 2  # each within pair counted twice
    sizes = size.astype(ld)
    nw = sizes * (sizes - 1) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        avgd = np.where(size > 1, Wc / nw, np.nan).astype(np.float64)
    between = B.copy()
    np.fill_diagonal(between, 0)
    tooth = (between.sum(axis=1) / (sizes * (n - sizes))).astype(np.float64)
    iu = np.triu_indices(K, 1)
    abm = np.zeros((K, K))
    abm[iu] = (between[iu] / np.outer(sizes, sizes)[iu]).astype(np.float64)
    abm = abm + abm.T
    Sb = between[iu].sum()
    Nb = (np.outer(sizes, sizes)[iu]).sum()
    avgb = float(Sb / Nb)
    Sw = Wc.sum()
    Nw = nw.sum()
    N = Nw + Nb
    md = (Sw + Sb) / N
    sdd = ld(n) * ld(overall_ss)  # sum over pairs of d^2
    cross = Sb - md * Nb
    var_d = sdd - N * md * md
    var_y = Nb * Nw / N
    r = float(cross / np.sqrt(var_d * var_y))
    return avgd, tooth, abm, avgb, max(-1.0, min(1.0, r))
