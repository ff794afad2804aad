# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # From scikit-learn
#
# For readers who know scikit-learn's `KMeans`. The first half draws the
# plot every scikit-learn tutorial draws (three blobs, points coloured by
# cluster, centres as black crosses, a colour bar) with statkmeans, and maps
# scikit-learn's names onto R's. The second half does the same analysis the
# way an R user would, with many random starts, R's printed summary and
# silhouette widths, and an R script that gives the same numbers (the test
# suite runs that script's output against this page's).
#
# Nothing here needs scikit-learn: the data come from numpy.
#
# Run it with `python vignettes/from_scikit_learn.py [OUTPUT_DIR]`; figures
# and the data file go to OUTPUT_DIR (default: `vignette-output`).

# %%
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from statkmeans import kmeans, set_seed, silhouette

out = Path(sys.argv[1] if len(sys.argv) > 1 and "ipykernel" not in sys.modules else "vignette-output")
out.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## The data: three blobs
#
# What `sklearn.datasets.make_blobs(n_samples=300, centers=3)` makes: three
# centres drawn uniformly in a box, each point one of them plus Gaussian
# noise. numpy's `default_rng` with a fixed seed draws the same numbers on
# every machine.

# %%
gen = np.random.default_rng(0)
true_centres = gen.uniform(-10, 10, size=(3, 2))
true_label = gen.integers(0, 3, size=300)
X = true_centres[true_label] + gen.normal(scale=1.5, size=(300, 2))
print(X.shape, X[:3].round(4).tolist())

# %% [markdown]
# ## The scikit-learn way, in statkmeans
#
# In scikit-learn this would be
#
# ```python
# km = KMeans(n_clusters=3, n_init=10, random_state=0).fit(X)
# labels, centres = km.labels_, km.cluster_centers_
# ```
#
# The statkmeans call is R's `kmeans`: the number of clusters, `nstart`
# random starts (`n_init`), and a seed. `rng=0` seeds a stream of its own, as
# `random_state=0` does; `set_seed` seeds the package's default stream, as R's
# `set.seed` does (below).

# %%
km = kmeans(X, 3, nstart=10, rng=0)
labels = km.cluster - 1  # scikit-learn numbers clusters from 0, R from 1
print("sizes:", km.size.tolist())
print("centres:", km.centers.round(3).tolist())
print(f"inertia (tot.withinss): {km.tot_withinss:.4f}")

# %% [markdown]
# The plot of every scikit-learn tutorial:

# %%
fig, ax = plt.subplots(figsize=(6.4, 4.8))
points = ax.scatter(X[:, 0], X[:, 1], c=labels, s=30, cmap="viridis")
ax.scatter(km.centers[:, 0], km.centers[:, 1], c="black", s=200, marker="x", linewidths=3)
colour_bar = fig.colorbar(points, ax=ax, ticks=[0, 1, 2])
colour_bar.set_label("cluster (labels_)")
ax.set(xlabel="feature 1", ylabel="feature 2", title="k-means, k = 3")
fig.savefig(out / "blobs_kmeans.png", dpi=100)

# %% [markdown]
# ### scikit-learn's names, R's names
#
# | scikit-learn `KMeans` | statkmeans `kmeans` (R's name) |
# |---|---|
# | `n_clusters=3` | `centers=3` (or an array of starting centres) |
# | `n_init=10` | `nstart=10` (R's default is 1) |
# | `max_iter=300` | `iter_max=10` (R's default; raise it if a `ConvergenceWarning` says so) |
# | `random_state=0` | `rng=0`, or `set_seed(0)` before the call |
# | `algorithm="lloyd"` | `algorithm="Lloyd"`; R's default is `"Hartigan-Wong"` |
# | `init="k-means++"` | R draws `centers` distinct rows at random; pass an array for other starts |
# | `labels_` | `cluster` (1..k) |
# | `cluster_centers_` | `centers` |
# | `inertia_` | `tot_withinss` (with `withinss` per cluster, `totss`, `betweenss`) |
# | `n_iter_` | `iter` |
# | `predict(X_new)` | `predict(X_new)` (nearest centre, 1..k) |
# | `silhouette_score(X, labels)` | `silhouette(km, data=X).avg_width` |
#
# Two differences matter for results. scikit-learn's default start is
# k-means++ and R's is random rows, so the two libraries' random starts never
# agree; and Hartigan-Wong, R's default, often finds a lower `tot.withinss`
# than Lloyd from the same start. statkmeans gives R's numbers: the same as
# R's for the same seed, bit for bit.

# %%
print("predict:", km.predict(np.array([[0.0, 0.0], [5.0, 5.0]])).tolist())
print(f"average silhouette width: {silhouette(km, data=X).avg_width:.4f}")

# %% [markdown]
# ## The same analysis, the R way
#
# An R user seeds R's generator, asks for many random starts (25 is the
# usual advice), prints the fit and looks at silhouette widths. The R script
# below, run on the same data, prints what this part prints. Save the data
# for it first:

# %%
np.savetxt(out / "blobs.csv", X, delimiter=",", header="x,y", comments="", fmt="%.17g")

# %% [markdown]
# ```r
# x <- as.matrix(read.csv("blobs.csv"))
# set.seed(42)
# km <- kmeans(x, 3, nstart = 25)
# print(km)
# library(cluster)
# sil <- silhouette(km$cluster, dist(x))
# summary(sil)
# plot(sil)
# ```

# %% [markdown]
# The Python reads the same file, so that the columns have R's names
# (`x`, `y`); a DataFrame in gives pandas out (`km.cluster` a Series,
# `km.centers` a DataFrame).

# %%
x = pd.read_csv(out / "blobs.csv")  # R: x <- as.matrix(read.csv("blobs.csv"))
set_seed(42)  # R: set.seed(42)
km = kmeans(x, 3, nstart=25)  # R: km <- kmeans(x, 3, nstart = 25)
print(km)  # R: print(km)

# %% [markdown]
# R numbers clusters in the order their random starting rows were drawn, so
# the labels can be a permutation of the first fit's; the partition is the
# same. `silhouette(km, data=x)` computes the widths from the data without
# an n-by-n distance matrix; `silhouette(km.cluster, dist(x))` is R's call
# word for word and gives the same widths.

# %%
sil = silhouette(km, data=x)  # R: sil <- silhouette(km$cluster, dist(x))
print(sil.summary())  # R: summary(sil)
ax = sil.plot()  # R: plot(sil)
ax.figure.savefig(out / "blobs_silhouette.png", dpi=100)

# %% [markdown]
# Every point has a positive width (none sits nearer another cluster than
# its own), and the averages per cluster say how well separated each blob is.
# The vignettes {doc}`choosing_k` and {doc}`usarrests_kmeans` go further: how
# many clusters, and a whole R analysis ported.
