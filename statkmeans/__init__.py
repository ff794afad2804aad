"""statkmeans: R's k-means workflow with R's numbers.

``kmeans``, ``silhouette``, ``clus_gap`` / ``max_se``, fpc's ``calinhara``,
``cluster_stats``, ``dudahart2`` and ``kmeansruns``, and the plots for
choosing k (``choose_k`` puts every criterion side by side), giving the
results R gives (seeded runs included: ``set_seed``
reproduces R's ``set.seed``, and ``rnorm``, ``runif`` and ``sample`` draw R's
numbers, with R's pre-3.6.0 sampler on request). pandas and matplotlib are
imported only when they are used.
"""

from .choose_k import ChooseKResult, KneeResult, choose_k, find_knee
from .coordinates import ClusterCoordinates, cluster_coordinates
from .datasets import list_datasets, load_dataset
from .dist import Dist, dist
from .exceptions import (
    ConvergenceWarning,
    EmptyClusterError,
    EmptyClusterWarning,
    InvalidArgumentError,
    InvalidTypeError,
    NaNProducedWarning,
    OutOfMemoryError,
    QuickTransferWarning,
    RoundingSamplerWarning,
    StatKMeansError,
    StatKMeansWarning,
)
from .gap import ClusGapResult, clus_gap, max_se
from .indices import (
    ClusterStats,
    DudaHartResult,
    calinhara,
    cluster_stats,
    davies_bouldin,
    dudahart2,
)
from .kmeans import KMeansResult, kmeans, kmeanspp
from .kmeansruns import KMeansRunsResult, kmeansruns
from .nbclust import NbClustResult, nbclust
from .plots import plot_cluster, plot_gap, plot_nbclust, plot_silhouette
from .printing import r_print
from .report import report
from .rng import (
    RStream,
    get_stream,
    rng_kind,
    rnorm,
    runif,
    sample,
    sample_int,
    set_seed,
)
from .scale import scale
from .silhouette import SilhouetteResult, SilhouetteSummary, silhouette

__version__ = "0.1.0"

__all__ = [
    "ChooseKResult",
    "ClusGapResult",
    "ClusterCoordinates",
    "ClusterStats",
    "ConvergenceWarning",
    "Dist",
    "DudaHartResult",
    "EmptyClusterError",
    "EmptyClusterWarning",
    "InvalidArgumentError",
    "InvalidTypeError",
    "KMeansResult",
    "KMeansRunsResult",
    "KneeResult",
    "NaNProducedWarning",
    "NbClustResult",
    "OutOfMemoryError",
    "QuickTransferWarning",
    "RStream",
    "RoundingSamplerWarning",
    "SilhouetteResult",
    "SilhouetteSummary",
    "StatKMeansError",
    "StatKMeansWarning",
    "calinhara",
    "choose_k",
    "clus_gap",
    "cluster_coordinates",
    "cluster_stats",
    "davies_bouldin",
    "dist",
    "dudahart2",
    "find_knee",
    "get_stream",
    "kmeans",
    "kmeanspp",
    "kmeansruns",
    "list_datasets",
    "load_dataset",
    "max_se",
    "nbclust",
    "plot_cluster",
    "plot_gap",
    "plot_nbclust",
    "plot_silhouette",
    "r_print",
    "report",
    "rng_kind",
    "rnorm",
    "runif",
    "sample",
    "sample_int",
    "scale",
    "set_seed",
    "silhouette",
]
