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
# where they disagree, and says what to do then. Every number printed here is
# R 4.2.2's (factoextra 1.0.7, cluster 2.1.4); the test suite compares them
# with `tests/r_reference/make_choosing_k_fixtures.R`'s output. The gap
# statistic uses 50 reference sets (factoextra's default is 100) to keep the
# page quick to build.
#
# Run it with `python vignettes/choosing_k.py [OUTPUT_DIR]`; figures go to
# OUTPUT_DIR (default: `vignette-output`).

# %%
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from statkmeans import dist, kmeans, load_dataset, max_se, nbclust, scale, silhouette

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
# :::{admonition} To come: `choose_k`
# :class: note
#
# A `choose_k` function will put the criteria side by side in one call:
# the elbow's knee located by `find_knee` instead of by eye, the average
# silhouette, the gap statistic with `maxSE`'s rules, and further indices,
# with a table of each criterion's choice. This section will show it on the
# two data sets above once it is part of statkmeans; until then, the calls
# above give the same information.
# :::
#
# See also {doc}`usarrests_kmeans` for the whole analysis of `USArrests`,
# and the API pages of {func}`statkmeans.nbclust`,
# {func}`statkmeans.clus_gap` and {func}`statkmeans.max_se`.
