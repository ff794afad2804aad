# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Porting an R analysis: US states by arrest rates
#
# A typical R k-means analysis, as tutorials and courses write it: scale the
# data, fit `kmeans` with 25 random starts, choose k with the elbow, the
# average silhouette and the gap statistic (factoextra's `fviz_nbclust`,
# cluster's `clusGap`), and draw the clusters (`fviz_cluster`). Each step
# shows the R code, then the Python that replaces it. The output is R's: the
# printed fit, the silhouette summary and the gap table are R 4.2.2's
# character for character, and the other numbers are R's to the digits shown
# (the test suite checks them against R's own output,
# `tests/r_reference/make_usarrests_fixtures.R`).
#
# Run it with `python vignettes/usarrests_kmeans.py [OUTPUT_DIR]`; figures go
# to OUTPUT_DIR (default: `vignette-output`).
#
# ```r
# library(factoextra)
# library(cluster)
# ```

# %%
import sys
from pathlib import Path

from statkmeans import (
    clus_gap,
    kmeans,
    load_dataset,
    nbclust,
    plot_cluster,
    plot_nbclust,
    r_print,
    scale,
    set_seed,
    silhouette,
)

out = Path(sys.argv[1] if len(sys.argv) > 1 and "ipykernel" not in sys.modules else "vignette-output")
out.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## The data, standardised
#
# ```r
# df <- scale(USArrests)
# head(df, 3)
# ```

# %%
df = scale(load_dataset("USArrests"))
r_print(df.head(3))

# %% [markdown]
# ## k-means with 25 random starts
#
# ```r
# set.seed(123)
# km <- kmeans(df, centers = 4, nstart = 25)
# print(km)
# km$size
# km$tot.withinss / km$totss
# ```

# %%
set_seed(123)
km = kmeans(df, 4, nstart=25)
print(km)
print("sizes:", km.size.tolist())
print(f"within / total sum of squares: {km.tot_withinss / km.totss:.4f}\n")

# %% [markdown]
# The clusters' means in the original units. R's `aggregate` returns a
# data frame; pandas' `groupby` gives the same numbers (R prints them with
# more digits).
#
# ```r
# aggregate(USArrests, by = list(cluster = km$cluster), mean)
# ```

# %%
arrests = load_dataset("USArrests")
print(arrests.groupby(km.cluster).mean().round(2), end="\n\n")

# %% [markdown]
# ## Choosing k as factoextra does
#
# `nbclust()` computes what `fviz_nbclust` plots; `plot_nbclust()` computes
# and draws in one call. Like `fviz_nbclust`, both first call
# `set_seed(123)`, resetting the default random stream; pass `rng=` to
# avoid that.
#
# The elbow: the total within-cluster sum of squares for k = 1..10.
#
# ```r
# fviz_nbclust(df, kmeans, method = "wss", nstart = 25)
# # the plotted values, up to rounding:
# set.seed(123)
# sapply(1:10, function(k) kmeans(df, k, nstart = 25)$tot.withinss)
# ```

# %%
elbow = nbclust(df, kmeans, method="wss", nstart=25)
print("tot.withinss, k = 1..10:", elbow.y.round(3).tolist())
ax = elbow.plot()
ax.figure.savefig(out / "elbow.png", dpi=100)
print(f"saved {out / 'elbow.png'}")

# %% [markdown]
# The average silhouette width for k = 2..10 (0 for k = 1); the dashed
# line marks the best k.
#
# ```r
# fviz_nbclust(df, kmeans, method = "silhouette", nstart = 25)
# ```

# %%
ax = plot_nbclust(df, kmeans, method="silhouette", nstart=25)
ax.figure.savefig(out / "nbclust_silhouette.png", dpi=100)
print(f"saved {out / 'nbclust_silhouette.png'}\n")

# %% [markdown]
# ## Tidy results for reporting
#
# broom's verbs, as methods of the fit (R prints tibbles; these are pandas
# DataFrames with the same columns).
#
# ```r
# broom::tidy(km)
# broom::glance(km)
# ```

# %%
print(km.tidy().round(3))
print(km.glance(), end="\n\n")

# %% [markdown]
# ## Silhouette widths of the 4-cluster fit
#
# `silhouette(km, data=df)` computes the distances on the fly, without an
# n-by-n matrix; `silhouette(km.cluster, dist(df))` is R's call word for
# word and gives the same widths. The summary's first line echoes the call in
# each language; the rest is R's output.
#
# ```r
# sil <- silhouette(km$cluster, dist(df))
# summary(sil)
# plot(sil)
# ```

# %%
sil = silhouette(km, data=df)
print(sil.summary())
ax = sil.plot()
ax.figure.savefig(out / "silhouette.png", dpi=100)
print(f"saved {out / 'silhouette.png'}\n")

# %% [markdown]
# ## The clusters on the first two principal components
#
# The scaled data projected on their first two principal components, with
# convex hulls, centre markers and state names. The percentages are the
# components' shares of the variance; the centres are the means of the
# plotted points.
#
# ```r
# fviz_cluster(km, data = df)
# ```

# %%
ax = plot_cluster(km, df)
ax.figure.savefig(out / "cluster.png", dpi=100)
print(f"saved {out / 'cluster.png'}  ({ax.get_xlabel()}, {ax.get_ylabel()})\n")

# %% [markdown]
# ## The gap statistic
#
# Fifty reference sets, from a fresh `set.seed(123)`. `print(gap, method =
# "firstmax")` is `gap.to_string(method="firstmax")`; `maxSE`'s default rule
# is `gap.n_clusters()`.
#
# ```r
# set.seed(123)
# gap <- clusGap(df, kmeans, K.max = 10, B = 50, nstart = 25)
# print(gap, method = "firstmax")
# maxSE(gap$Tab[, "gap"], gap$Tab[, "SE.sim"])
# plot(gap)
# ```

# %%
set_seed(123)
gap = clus_gap(df, kmeans, K_max=10, B=50, nstart=25, verbose=False)  # no progress dots
print(gap.to_string(method="firstmax"))
print("firstSEmax (the default rule) picks k =", gap.n_clusters())
ax = gap.plot()
ax.figure.savefig(out / "gap.png", dpi=100)
print(f"saved {out / 'gap.png'}")

# %% [markdown]
# The criteria disagree here (the elbow is unclear, the silhouette prefers
# 2, `firstmax` 4 and `firstSEmax` 3): {doc}`choosing_k` discusses what to
# do then.
