# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Choosing K
#
# k-means needs the number of clusters before it starts. Three criteria are
# the usual help, and factoextra's `fviz_nbclust` draws all three:
#
# * **the elbow**: the total within-cluster sum of squares W(k) always falls
#   as k grows; look for the k after which it falls much more slowly;
# * **the average silhouette width**: how much nearer each point is to its
#   own cluster than to the next one, averaged (from -1 to 1; higher is
#   better); take the k with the largest;
# * **the gap statistic** (Tibshirani, Walther and Hastie, 2001): how much
#   smaller log W(k) is than for data without clusters (reference sets drawn
#   uniformly over the data's principal box); take the smallest k whose gap
#   is within one standard error of a later maximum (`maxSE`'s rules).
#
# This page applies them to a data set with an obvious answer, then to one
# where they disagree, and says what to do then; it ends with `choose_k`,
# which computes these criteria and two more indices from one set of fits.
# Every number printed here is R 4.2.2's (factoextra 1.0.7, cluster 2.1.4,
# fpc 2.2.10), or, for the Davies-Bouldin index and the knee, which R has no
# function for, that of their definitions written in R; the test suite
# compares them with `tests/r_reference/make_choosing_k_fixtures.R`'s output.
# The gap statistic uses 50 reference sets (factoextra's default is 100) to
# keep the page quick to build.
#
# Run it with `python vignettes/choosing_k.py [OUTPUT_DIR]`; figures go to
# OUTPUT_DIR (default: `vignette-output`).

# %%
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from statkmeans import (
    choose_k,
    dist,
    find_knee,
    kmeans,
    load_dataset,
    max_se,
    nbclust,
    scale,
    silhouette,
)

out = Path(sys.argv[1] if len(sys.argv) > 1 and "ipykernel" not in sys.modules else "vignette-output")
out.mkdir(parents=True, exist_ok=True)

METHODS = ("wss", "silhouette", "gap_stat")


def three_criteria(data, name):
    """nbclust for each criterion (25 starts, 50 reference sets), printed and drawn side by side."""
    # verbose=False: no progress dots, also in a notebook (R's default is interactive()).
    results = {m: nbclust(data, kmeans, method=m, nstart=25, nboot=50, verbose=False) for m in METHODS}
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.8))
    for (method, res), ax in zip(results.items(), axes):
        res.plot(ax=ax)
        ax.set_title(f"{name}: {method}", loc="left")  # replaces "Optimal number of clusters"
        print(f"{method:10s} y = {res.y.round(6).tolist()}")
        print(f"{'':10s} k = {res.n_clusters}")
    fig.tight_layout()
    return results, fig


# %% [markdown]
# ## A clear case: Ruspini's points
#
# The 75 points of Ruspini (1970) form four well-separated groups.
# `nbclust` computes what `fviz_nbclust` plots; like factoextra, it calls
# `set_seed(123)` first, so each criterion is reproducible on its own.
#
# ```r
# library(factoextra)
# data(ruspini, package = "cluster")
# fviz_nbclust(ruspini, kmeans, method = "wss", nstart = 25)
# fviz_nbclust(ruspini, kmeans, method = "silhouette", nstart = 25)
# fviz_nbclust(ruspini, kmeans, method = "gap_stat", nstart = 25, nboot = 50)
# ```

# %%
ruspini = load_dataset("ruspini")
clear, fig = three_criteria(ruspini, "ruspini")
fig.savefig(out / "ruspini_criteria.png", dpi=100)

# %% [markdown]
# W(k) drops steeply up to k = 4 and slowly after (the elbow); the average
# silhouette peaks at 4; the gap statistic's first k within one standard
# error of a later maximum is 4. All three agree, and a plot of the data
# would too.
#
# ## When the criteria disagree: US arrest rates
#
# The four variables of `USArrests`, standardised (as R's `scale`), have no
# such structure.
#
# ```r
# df <- scale(USArrests)
# fviz_nbclust(df, kmeans, method = "wss", nstart = 25)
# fviz_nbclust(df, kmeans, method = "silhouette", nstart = 25)
# fviz_nbclust(df, kmeans, method = "gap_stat", nstart = 25, nboot = 50)
# ```

# %%
df = scale(load_dataset("USArrests"))
unclear, fig = three_criteria(df, "USArrests")
fig.savefig(out / "usarrests_criteria.png", dpi=100)

# %% [markdown]
# The elbow is soft (anywhere from 2 to 4), the silhouette says 2, and the
# gap statistic's default rule says 3. The gap curve itself rises to k = 4,
# and `maxSE`'s five rules read it differently: 2, 3 or 4.
#
# ```r
# tab <- gap$Tab  # from clusGap, or p$data of fviz_nbclust(..., "gap_stat")
# sapply(c("firstSEmax", "Tibs2001SEmax", "globalSEmax", "firstmax", "globalmax"),
#        function(m) maxSE(tab[, "gap"], tab[, "SE.sim"], method = m))
# ```

# %%
tab = unclear["gap_stat"].gap.Tab
rules = ["firstSEmax", "Tibs2001SEmax", "globalSEmax", "firstmax", "globalmax"]
for rule in rules:
    print(f"{rule:14s} k = {max_se(tab['gap'], tab['SE.sim'], method=rule)}")

# %% [markdown]
# ### What to do
#
# No criterion is the truth; each answers a different question. When they
# disagree:
#
# 1. **Look at the candidates.** Fit each k in the range the criteria span
#    and look at the silhouette plots: a k whose clusters all have wide
#    silhouettes and few negative widths is better supported than one with a
#    cluster of near-zero widths.
# 2. **Prefer the smaller k within the noise.** The gap statistic's
#    `firstSEmax` rule (the default) takes the smallest k whose gap is within
#    one standard error of the first local maximum, Tibshirani's advice
#    against over-splitting.
# 3. **Check stability.** A k whose partition changes with the seed or with
#    the reference sets (`nboot`) is not well supported.
# 4. **Let the purpose decide,** and report the disagreement: for a
#    summary of US states, 2 groups (high and low crime) and 4 groups (also
#    split by urbanisation) are both defensible, and the choice is the
#    analyst's, not the algorithm's.
#
# The silhouettes of k = 2, 3 and 4:
#
# ```r
# d <- dist(df)
# for (k in 2:4) {
#   set.seed(123)
#   plot(silhouette(kmeans(df, k, nstart = 25)$cluster, d))
# }
# ```

# %%
d = dist(df)
fig, axes = plt.subplots(1, 3, figsize=(12, 4.5))
for k, ax in zip((2, 3, 4), axes):
    km = kmeans(df, k, nstart=25, rng=123)  # R: set.seed(123); kmeans(df, k, nstart = 25)
    sil = silhouette(km.cluster, d)
    sil.plot(ax=ax, main=f"k = {k}")
    widths = np.asarray(sil)[:, 2]
    print(f"k = {k}: average width {sil.avg_width:.4f}, negative widths {int((widths < 0).sum())}")
fig.tight_layout()
fig.savefig(out / "usarrests_silhouettes.png", dpi=100)

# %% [markdown]
# ## Every criterion from one set of fits: `choose_k`
#
# `fviz_nbclust` computes one criterion per call and clusters the data anew
# each time. `choose_k` clusters the data once for each k = 2..10 and reads
# every criterion off those fits: the knee of the elbow curve (found by
# `find_knee`, below, instead of by eye), the average silhouette width, the
# gap statistic with its standard errors, the Calinski-Harabasz index (fpc's
# `calinhara`: between-cluster over within-cluster dispersion, each divided
# by its degrees of freedom; larger is better) and the Davies-Bouldin index
# (each cluster's worst ratio of spread to separation from another, averaged;
# smaller is better). It states what each chooses and says when they
# disagree; it takes no vote.
#
# R has no single function for this. The same numbers in R: the fits are
# the ones `clusGap` makes of the data, which it draws first, so with the
# same seed
#
# ```r
# library(cluster); library(fpc)
# set.seed(123)
# fits <- lapply(2:10, function(k) kmeans(ruspini, k, nstart = 25))
# wss <- c(fits[[1]]$totss, sapply(fits, function(f) f$tot.withinss))
# sil <- sapply(fits, function(f) summary(silhouette(f$cluster, dist(ruspini)))$avg.width)
# ch  <- sapply(fits, function(f) calinhara(ruspini, f$cluster))
# set.seed(123)  # clusGap fits the data first (the same fits), then B reference sets
# gap <- clusGap(ruspini, kmeans, K.max = 10, B = 50, nstart = 25)
# ```
#
# (the Davies-Bouldin index and the knee have no R function;
# `tests/r_reference/make_choosing_k_fixtures.R` computes them from their
# definitions, and the test suite checks this page's numbers against it).
#
# ### Ruspini: the criteria agree

# %%
def plot_criteria(result):
    """result.plot() on a 2 x 3 grid (its default is one row of five panels)."""
    fig, axes = plt.subplots(2, 3, figsize=(12, 7))
    axes[1, 2].remove()
    result.plot(axes=axes.flat[:5])
    fig.tight_layout()
    return fig


res = choose_k(ruspini, k_max=10, nstart=25, B=50, rng=123)  # rng=123: R's set.seed(123)
print(res)
fig = plot_criteria(res)
fig.savefig(out / "ruspini_choose_k.png", dpi=100)

# %% [markdown]
# Every criterion picks k = 4, the knee of the elbow curve included.
#
# ### The knee, found rather than eyeballed
#
# Without cluster structure the within sum of squares of k-means falls like
# a power law in k, a straight line on log-log axes. `find_knee` looks for
# the k from which the curve is such a line and before which it lies clearly
# above it, and reports how decisive that is (the jump's share of what is
# left of the fall), or that there is no knee:

# %%
knee = find_knee(res.k, res.wss, full=True)
print(knee)
candidates = knee.to_frame().astype({"k": int})
print(candidates.round(3).to_string(index=False))

# %% [markdown]
# Only k = 4 passes the three tests (`decisive`): the drop from 3 to 4 is
# large against the roughness of the curve after it. On a curve with no
# structure, such as a power law, `find_knee` returns None, where an elbow
# drawn by eye (or by kneed's Kneedle) would still be found.
#
# ### USArrests: the criteria disagree

# %%
res_us = choose_k(df, k_max=10, nstart=25, B=50, rng=123)
print(res_us)
fig = plot_criteria(res_us)
fig.savefig(out / "usarrests_choose_k.png", dpi=100)

# %% [markdown]
# Here the criteria disagree, and `choose_k` says so rather than counting
# votes:
#
# * the WSS curve has **no decisive knee**: it falls as smoothly as a power
#   law, which is what the "soft elbow" above looked like;
# * the silhouette and Calinski-Harabasz indices pick **2**, the gap
#   statistic's firstSEmax rule **3** (other `maxSE` rules read the same gap
#   curve as 2 or 4, see `res_us.choices(gap_method=...)` below);
# * the Davies-Bouldin index is smallest at **10**, the edge of the range:
#   a criterion that picks k_max says only that it prefers more clusters than
#   were tried, not that 10 is right.
#
# The advice of the previous section applies: look at the candidate fits,
# prefer the smaller k within the noise, check stability, and report the
# disagreement with the k you chose.

# %%
for rule in ("firstSEmax", "Tibs2001SEmax", "globalmax"):
    print(f"gap_method={rule!r:16s} {res_us.choices(gap_method=rule)}")

# %% [markdown]
# See also {doc}`usarrests_kmeans` for the whole analysis of `USArrests`,
# the HTML report (`statkmeans report --dataset USArrests --out report.html`),
# which runs `choose_k` for its comparison of k, and the API pages of
# {func}`statkmeans.choose_k`, {func}`statkmeans.find_knee`,
# {func}`statkmeans.nbclust`, {func}`statkmeans.clus_gap` and
# {func}`statkmeans.max_se`.
