"""Vignette: clustering US states by arrest rates, as an R analysis would.

Run it with ``python vignettes/usarrests_kmeans.py [OUTPUT_DIR]``; it prints
the same results as the R script quoted in the comments (R 4.2.2) and saves
its figures as PNG files in OUTPUT_DIR (default: ``vignette-output``).

Each step shows the R line it replaces. The numbers are R's to the last
digit: the tests check them against R's own output.
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from statkmeans import (  # noqa: E402
    clus_gap,
    kmeans,
    load_dataset,
    nbclust,
    plot_cluster,
    plot_nbclust,
    scale,
    set_seed,
    silhouette,
)

out = Path(sys.argv[1] if len(sys.argv) > 1 else "vignette-output")
out.mkdir(parents=True, exist_ok=True)

# R: df <- scale(USArrests)
df = scale(load_dataset("USArrests"))
print(df.head(3).round(4), end="\n\n")

# R: set.seed(123); km <- kmeans(df, centers = 4, nstart = 25); print(km)
set_seed(123)
km = kmeans(df, 4, nstart=25)
print(km)

# R: km$size; km$tot.withinss / km$totss
print("sizes:", km.size.tolist())
print(f"within / total sum of squares: {km.tot_withinss / km.totss:.4f}\n")

# R: aggregate(USArrests, by = list(cluster = km$cluster), mean)
arrests = load_dataset("USArrests")
print(arrests.groupby(km.cluster).mean().round(2), end="\n\n")

# Choosing k as factoextra does. nbclust() computes what fviz_nbclust plots
# (plot_nbclust() computes and draws in one call). Like fviz_nbclust, it first
# calls set_seed(123), resetting the default random stream; pass rng= to avoid that.
# The elbow: total within-cluster sum of squares for k = 1..10.
# R: fviz_nbclust(df, kmeans, method = "wss", nstart = 25)
#    (up to rounding, set.seed(123)
#     sapply(1:10, function(k) kmeans(df, k, nstart = 25)$tot.withinss))
elbow = nbclust(df, kmeans, method="wss", nstart=25)
print("tot.withinss, k = 1..10:", elbow.y.round(3).tolist())
ax = elbow.plot()
ax.figure.savefig(out / "elbow.png", dpi=100)
print(f"saved {out / 'elbow.png'}")

# The average silhouette width for k = 2..10 (0 for k = 1); the dashed line marks the best k.
# R: fviz_nbclust(df, kmeans, method = "silhouette", nstart = 25)
ax = plot_nbclust(df, kmeans, method="silhouette", nstart=25)
ax.figure.savefig(out / "nbclust_silhouette.png", dpi=100)
print(f"saved {out / 'nbclust_silhouette.png'}\n")

# Tidy results for reporting (broom's tidy / glance / augment).
print(km.tidy().round(3))
print(km.glance(), end="\n\n")

# Silhouette widths of the 4-cluster solution.
# R: sil <- silhouette(km$cluster, dist(df)); summary(sil); plot(sil)
sil = silhouette(km, data=df)  # distances on the fly; dist(df) works too
print(sil.summary())
ax = sil.plot()
ax.figure.savefig(out / "silhouette.png", dpi=100)
print(f"saved {out / 'silhouette.png'}\n")

# The clusters on the first two principal components of the scaled data, with
# convex hulls, centre markers and state names. The percentages are the
# components' shares of the variance; the centres are the means of the plotted points.
# R: fviz_cluster(km, data = df)
ax = plot_cluster(km, df)
ax.figure.savefig(out / "cluster.png", dpi=100)
print(f"saved {out / 'cluster.png'}  ({ax.get_xlabel()}, {ax.get_ylabel()})\n")

# The gap statistic with 50 reference sets, continuing the random stream.
# R: set.seed(123); gap <- clusGap(df, kmeans, K.max = 10, B = 50, nstart = 25)
#    print(gap, method = "firstmax"); plot(gap)
set_seed(123)
gap = clus_gap(df, kmeans, K_max=10, B=50, nstart=25)
print(gap.to_string(method="firstmax"))
print("firstSEmax (the default rule) picks k =", gap.n_clusters())
ax = gap.plot()
ax.figure.savefig(out / "gap.png", dpi=100)
print(f"saved {out / 'gap.png'}")
