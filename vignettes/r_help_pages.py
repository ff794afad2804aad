# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # R's help pages, ported line by line
#
# The examples of R's help pages for `kmeans`, `silhouette`, `clusGap` and
# `maxSE`, ported to statkmeans one line at a time. Each R line (after `# R>`)
# sits above the Python that replaces it. The help pages draw their data
# without fixing a seed; here a `set.seed` comes first, so the output is fixed:
# **everything this script prints is what R 4.2.2 prints for the same R lines**
# (the test suite runs both and compares them; R's code is read from this file).
# Two lines differ, both echoes of a call: the call in `clusGap`'s header and
# the `from silhouette.default(...)` part of a silhouette summary's first line.
#
# A second part reproduces numbers printed before R 3.6.0, with R's old
# ("Rounding") sampler.
#
# Run it with `python vignettes/r_help_pages.py [OUTPUT_DIR]`; figures go to
# OUTPUT_DIR (default: `vignette-output`), or show inline in a notebook. It is
# a jupytext "percent" script:
# `jupytext --to notebook vignettes/r_help_pages.py` makes a notebook of it.
#
# Three habits make the ports read like the R:
#
# * R's `matrix(v, ncol = 2)` fills **column by column**: write
#   `v.reshape(-1, 2, order="F")`. `rbind(a, b)` is `np.vstack([a, b])`.
# * R auto-prints a value left alone on a line; `r_print(value)` prints it
#   in R's layout.
# * R's `obj$name` is `obj.name` with `.` turned into `_`.

# %%
import sys
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from statkmeans import (
    RoundingSamplerWarning,
    clus_gap,
    dist,
    kmeans,
    load_dataset,
    max_se,
    r_print,
    rng_kind,
    rnorm,
    scale,
    set_seed,
    silhouette,
)

out = Path(sys.argv[1] if len(sys.argv) > 1 and "ipykernel" not in sys.modules else "vignette-output")
out.mkdir(parents=True, exist_ok=True)
PALETTE = ["black", "#DF536B", "#61D04F", "#2297E6", "#28E2E5", "#CD0BBC", "#F5C710", "gray"]  # R's palette()


def r_colors(codes):
    """R's col = codes: colour i of the palette, recycled."""
    return [PALETTE[(int(c) - 1) % len(PALETTE)] for c in codes]


# %% [markdown]
# ## `kmeans` (R: `example(kmeans)`)
#
# A 2-dimensional example: 50 points around (0, 0) and 50 around (1, 1).

# %%
# R> set.seed(1)
set_seed(1)
# R> x <- rbind(matrix(rnorm(100, sd = 0.3), ncol = 2),
# R>            matrix(rnorm(100, mean = 1, sd = 0.3), ncol = 2))
x = np.vstack([rnorm(100, sd=0.3).reshape(-1, 2, order="F"),
               rnorm(100, mean=1, sd=0.3).reshape(-1, 2, order="F")])
# R> colnames(x) <- c("x", "y")
x = pd.DataFrame(x, columns=["x", "y"])
# R> (cl <- kmeans(x, 2))
cl = kmeans(x, 2)
r_print(cl)

# %%
# R> plot(x, col = cl$cluster)
# R> points(cl$centers, col = 1:2, pch = 8, cex = 2)
fig, ax = plt.subplots()
ax.scatter(x["x"], x["y"], facecolors="none", edgecolors=r_colors(cl.cluster), s=15)
ax.scatter(cl.centers["x"], cl.centers["y"], c=r_colors([1, 2]), marker="*", s=150)
ax.set(xlabel="x", ylabel="y")
fig.savefig(out / "kmeans_2.png", dpi=100)


# %% [markdown]
# The sums of squares. `fitted(cl)` is `cl.fitted()`: each observation's
# centre. R names its rows by cluster, which `row_names=` shows here.

# %%
# R> ss <- function(x) sum(scale(x, scale = FALSE)^2)
def ss(x):
    return float(np.sum(np.asarray(scale(x, scale=False)) ** 2))


# R> fitted.x <- fitted(cl);  head(fitted.x)
fitted_x = cl.fitted()
r_print(fitted_x.head(6), row_names=cl.cluster.head(6))
# R> resid.x <- x - fitted(cl)
resid_x = x - cl.fitted()

# %% [markdown]
# R binds a list and a vector into a list matrix; an object array is one.

# %%
# R> cbind(cl[c("betweenss", "tot.withinss", "totss")], # the same two columns
# R>          c(ss(fitted.x), ss(resid.x),    ss(x)))
r_print(np.array([[cl.betweenss, ss(fitted_x)],
                  [cl.tot_withinss, ss(resid_x)],
                  [cl.totss, ss(x)]], dtype=object),
        row_names=["betweenss", "tot.withinss", "totss"])
# R> stopifnot(all.equal(cl$ totss,        ss(x)),
# R> 	  all.equal(cl$ tot.withinss, ss(resid.x)),
# R> 	  ## these three are the same:
# R> 	  all.equal(cl$ betweenss,    ss(fitted.x)),
# R> 	  all.equal(cl$ betweenss, cl$totss - cl$tot.withinss),
# R> 	  ## and hence also
# R> 	  all.equal(ss(x), ss(fitted.x) + ss(resid.x))
# R> 	  )
assert np.isclose(cl.totss, ss(x), rtol=1.5e-8, atol=0)
assert np.isclose(cl.tot_withinss, ss(resid_x), rtol=1.5e-8, atol=0)
assert np.isclose(cl.betweenss, ss(fitted_x), rtol=1.5e-8, atol=0)
assert np.isclose(cl.betweenss, cl.totss - cl.tot_withinss, rtol=1.5e-8, atol=0)
assert np.isclose(ss(x), ss(fitted_x) + ss(resid_x), rtol=1.5e-8, atol=0)

# %%
# R> kmeans(x,1)$withinss # trivial one-cluster, (its W.SS == ss(x))
r_print(kmeans(x, 1).withinss)

# %% [markdown]
# Random starts help with too many clusters (and are often recommended
# anyway); `nstart=25` draws 25 starts from R's stream, in R's order.

# %%
# R> (cl <- kmeans(x, 5, nstart = 25))
cl = kmeans(x, 5, nstart=25)
r_print(cl)
# R> plot(x, col = cl$cluster)
# R> points(cl$centers, col = 1:5, pch = 8)
fig, ax = plt.subplots()
ax.scatter(x["x"], x["y"], facecolors="none", edgecolors=r_colors(cl.cluster), s=15)
ax.scatter(cl.centers["x"], cl.centers["y"], c=r_colors(range(1, 6)), marker="*", s=80)
ax.set(xlabel="x", ylabel="y")
fig.savefig(out / "kmeans_5.png", dpi=100)

# %% [markdown]
# ## `silhouette` (R: `example(silhouette, package = "cluster")`)
#
# The help page clusters the `ruspini` data with `pam()`, which statkmeans
# does not have; `kmeans` with 25 starts stands in for it (it finds the
# same four groups). The rest is the help page's: silhouettes from Euclidean
# and from Canberra distances, their summaries and plots. (The page's
# `agnes()` and `clara()` parts have no counterpart here.)

# %%
# R> library(cluster)
# R> data(ruspini)
ruspini = load_dataset("ruspini")
# R> set.seed(7)
set_seed(7)
# R> pr4 <- kmeans(ruspini, 4, nstart = 25)  # the help page: pr4 <- pam(ruspini, 4)
pr4 = kmeans(ruspini, 4, nstart=25)
# R> si <- silhouette(pr4$cluster, dist(ruspini))
si = silhouette(pr4.cluster, dist(ruspini))
# R> (ssi <- summary(si))
ssi = si.summary()
r_print(ssi)
# R> plot(si) # silhouette plot
ax = si.plot()
ax.figure.savefig(out / "silhouette.png", dpi=100)
# R> plot(si, col = c("red", "green", "blue", "purple"))# with cluster-wise coloring
ax = si.plot(color=["red", "green", "blue", "purple"])
ax.figure.savefig(out / "silhouette_colours.png", dpi=100)

# %%
# R> si2 <- silhouette(pr4$cluster, dist(ruspini, "canberra"))
si2 = silhouette(pr4.cluster, dist(ruspini, "canberra"))
# R> summary(si2) # has small values: "canberra"'s fault
r_print(si2.summary())
# R> plot(si2, nmax= 80, cex.names=0.6)
ax = si2.plot(nmax_lab=80)
ax.figure.savefig(out / "silhouette_canberra.png", dpi=100)

# %%
# R> op <- par(mfrow= c(3,2), oma= c(0,0, 3, 0),
# R>           mgp= c(1.6,.8,0), mar= .1+c(4,2,2,2))
# R> for(k in 2:6)
# R>    plot(silhouette(kmeans(ruspini, k, nstart = 25)$cluster, dist(ruspini)),
# R>         main = paste("k = ",k), do.n.k=FALSE)
fig, axes = plt.subplots(3, 2, figsize=(10, 14))
d = dist(ruspini)
for k, ax in zip(range(2, 7), axes.flat):
    silhouette(kmeans(ruspini, k, nstart=25).cluster, d).plot(ax=ax, main=f"k =  {k}", do_n_k=False)
axes.flat[-1].axis("off")
# R> mtext("kmeans(Ruspini) for k = 2..6", outer = TRUE, font = par("font.main"), cex = par("cex.main")); frame()
fig.suptitle("kmeans(Ruspini) for k = 2..6")
fig.subplots_adjust(hspace=0.45)
fig.savefig(out / "silhouette_k2_6.png", dpi=100)
# R> par(op)

# %% [markdown]
# ## `clusGap` and `maxSE` (R: `example(clusGap, package = "cluster")`)
#
# `maxSE`'s methods pick a k from a gap curve `fk` with standard errors `sk`.

# %%
# R> (mets <- eval(formals(maxSE)$method))
mets = ["firstSEmax", "Tibs2001SEmax", "globalSEmax", "firstmax", "globalmax"]
r_print(mets)
# R> fk <- c(2,3,5,4,7,8,5,4)
fk = np.array([2, 3, 5, 4, 7, 8, 5, 4], dtype=float)
# R> sk <- c(1,1,2,1,1,3,1,1)/2
sk = np.array([1, 1, 2, 1, 1, 3, 1, 1]) / 2
# R> ## use plot.clusGap():
# R> plot(structure(class="clusGap", list(Tab = cbind(gap=fk, SE.sim=sk))))
fig, ax = plt.subplots()
ax.errorbar(np.arange(1, 9), fk, yerr=sk, marker="o", capsize=3, color="black")
ax.set(xlabel="k", ylabel="gap")
fig.savefig(out / "maxse.png", dpi=100)
# R> ## Note that 'firstmax' and 'globalmax' are always at 3 and 6 :
# R> sapply(c(1/4, 1,2,4), function(SEf)
# R>         sapply(mets, function(M) maxSE(fk, sk, method = M, SE.factor = SEf)))
r_print(np.array([[max_se(fk, sk, method=M, SE_factor=SEf) for SEf in (1 / 4, 1, 2, 4)]
                  for M in mets]), row_names=mets)

# %% [markdown]
# The gap statistic for four "ridiculously nicely separated" clusters in 3-D.
# (R matches the help page's `FUN =` to `FUNcluster`; pass the function
# positionally here.) The page's `pam` and `hclust` variants are left out.

# %%
# R> set.seed(2)
set_seed(2)
# R> x <- rbind(matrix(rnorm(150,           sd = 0.1), ncol = 3),
# R>            matrix(rnorm(150, mean = 1, sd = 0.1), ncol = 3),
# R>            matrix(rnorm(150, mean = 2, sd = 0.1), ncol = 3),
# R>            matrix(rnorm(150, mean = 3, sd = 0.1), ncol = 3))
x = np.vstack([rnorm(150, mean=m, sd=0.1).reshape(-1, 3, order="F") for m in (0, 1, 2, 3)])
# R> gskmn <- clusGap(x, FUN = kmeans, nstart = 20, K.max = 8, B = 60)
gskmn = clus_gap(x, kmeans, nstart=20, K_max=8, B=60, verbose=False)  # as Rscript, not interactive: no dots
# R> gskmn #-> its print() method
r_print(gskmn)
# R> plot(gskmn, main = "clusGap(., FUN = kmeans, n.start=20, B= 60)")
ax = gskmn.plot()
ax.set_title("clusGap(., FUN = kmeans, n.start=20, B= 60)")
ax.figure.savefig(out / "gap_3d.png", dpi=100)

# %% [markdown]
# The help page's `ruspini` gap statistic, with `kmeans` in place of `pam`.

# %%
# R> gs.km.RU <- clusGap(ruspini, FUN = kmeans, nstart = 20, K.max = 8, B = 60)
gs_km_RU = clus_gap(ruspini, kmeans, nstart=20, K_max=8, B=60, verbose=False)  # as Rscript, not interactive: no dots
# R> gs.km.RU
r_print(gs_km_RU)
# R> plot(gs.km.RU, main = "Gap statistic for the 'ruspini' data")
ax = gs_km_RU.plot()
ax.set_title("Gap statistic for the 'ruspini' data")
ax.figure.savefig(out / "gap_ruspini.png", dpi=100)

# %% [markdown]
# ## Before R 3.6.0: the "Rounding" sampler
#
# R 3.6.0 changed how `sample()` turns uniforms into indices, so `kmeans`'
# random starts (and every `sample()`) after a `set.seed` differ from those of
# older R. Books and course notes written earlier print the old numbers; R
# reproduces them after `RNGkind(sample.kind = "Rounding")`, and so does
# statkmeans after `rng_kind("Rounding")` (or
# `set_seed(seed, sample_kind="Rounding")`). Both warn that the old sampler is
# not uniform; the choice stays in force across later `set_seed` calls, as in
# R, until `rng_kind("Rejection")`. `rnorm` and `runif` are the same under
# both.
#
# The k-means lab of *An Introduction to Statistical Learning* (James, Witten,
# Hastie and Tibshirani, 1st edition, lab 10.5.1) prints a total
# within-cluster sum of squares of 104.3319 for one random start after
# `set.seed(3)`; today's default sampler gives 97.97927 there.

# %%
# R> RNGkind(sample.kind = "Rounding")
with warnings.catch_warnings():
    warnings.simplefilter("ignore", RoundingSamplerWarning)  # R: "non-uniform 'Rounding' sampler used"
    rng_kind("Rounding")
# R> set.seed(2)
set_seed(2)
# R> x <- matrix(rnorm(50*2), ncol = 2)
x = rnorm(50 * 2).reshape(-1, 2, order="F")
# R> x[1:25, 1] <- x[1:25, 1] + 3
x[:25, 0] += 3
# R> x[1:25, 2] <- x[1:25, 2] - 4
x[:25, 1] -= 4
# R> km.out <- kmeans(x, 2, nstart = 20)
km_out = kmeans(x, 2, nstart=20)
# R> km.out$cluster
r_print(km_out.cluster)

# %%
# R> set.seed(4)
set_seed(4)
# R> km.out <- kmeans(x, 3, nstart = 20)
km_out = kmeans(x, 3, nstart=20)
# R> km.out
r_print(km_out)

# %%
# R> set.seed(3)
set_seed(3)
# R> km.out <- kmeans(x, 3, nstart = 1)
km_out = kmeans(x, 3, nstart=1)
# R> km.out$tot.withinss
r_print(km_out.tot_withinss)
# R> km.out <- kmeans(x, 3, nstart = 20)
km_out = kmeans(x, 3, nstart=20)
# R> km.out$tot.withinss
r_print(km_out.tot_withinss)
# R> RNGkind(sample.kind = "Rejection")
rng_kind("Rejection")
