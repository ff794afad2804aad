# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Getting started: k-means by hand, and by R
#
# The classic first exercise in k-means: nine numbers,
# **x = 2, 4, 10, 12, 3, 20, 30, 11, 25**, two clusters, and the first
# centres 4 and 10. This page runs Lloyd's
# algorithm one step at a time, with the arithmetic in the open, then lets
# `statkmeans.kmeans` do the same and checks that it takes the same steps R
# takes. Everything printed here is what R 4.2.2 prints for the R lines in
# the comments (the test suite compares them).
#
# The answer is worth the detour. The hand solution that is often printed
# for this exercise stops after one step, at clusters {2, 3, 4} and
# {10, 11, 12, 20, 25, 30}. The arithmetic does not stop there: R and
# statkmeans go on to {2, 3, 4, 10, 11, 12} and {20, 25, 30}, with centres
# 7 and 25. The steps below show why.
#
# Run it with `python vignettes/getting_started.py [OUTPUT_DIR]`; the figure
# goes to OUTPUT_DIR (default: `vignette-output`). In a notebook
# (`jupytext --to notebook vignettes/getting_started.py`) it shows inline.

# %%
import sys
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from statkmeans import ConvergenceWarning, kmeans

out = Path(sys.argv[1] if len(sys.argv) > 1 and "ipykernel" not in sys.modules else "vignette-output")
out.mkdir(parents=True, exist_ok=True)

# R: x <- c(2, 4, 10, 12, 3, 20, 30, 11, 25)
x = np.array([2, 4, 10, 12, 3, 20, 30, 11, 25], dtype=float)
start = np.array([4.0, 10.0])  # R: centers <- c(4, 10)

# %% [markdown]
# ## Lloyd's algorithm by hand
#
# One step of Lloyd's algorithm has two halves:
#
# 1. **assign** each point to its nearest centre;
# 2. **update** each centre to the mean of the points assigned to it.
#
# It stops when an assignment changes nothing. The function below is that
# step, written out for one dimension; `table` shows each point's distance
# to both centres, so every decision can be checked by eye.


# %%
def lloyd_step(x, centres):
    """One assign-and-update step: the distance table, the labels, the new centres."""
    distance = np.abs(x[:, None] - centres[None, :])
    label = distance.argmin(axis=1) + 1  # clusters are numbered from 1, as in R
    new = np.array([x[label == j].mean() for j in (1, 2)])
    table = pd.DataFrame({"x": x, "to centre 1": distance[:, 0], "to centre 2": distance[:, 1],
                          "cluster": label})
    return table, label, new


centres = start
steps = [(None, start)]  # (labels, centres) after each step, for the figure
for step in (1, 2, 3, 4):
    table, label, new = lloyd_step(x, centres)
    print(f"Step {step}: centres {centres.tolist()}")
    print(table.sort_values("x").to_string(index=False))
    print(f"  cluster 1 = {sorted(x[label == 1].astype(int).tolist())}, mean {new[0]:.4g}")
    print(f"  cluster 2 = {sorted(x[label == 2].astype(int).tolist())}, mean {new[1]:.4g}\n")
    if steps[-1][0] is not None and np.array_equal(label, steps[-1][0]):
        print(f"Step {step} changed no assignment: converged.")
        break
    steps.append((label, new))
    centres = new

# %% [markdown]
# Read the tables:
#
# * **Step 1** (centres 4 and 10): 2, 3 and 4 are nearer 4; everything from
#   10 up is nearer 10. The new centres are 3 and
#   (10 + 11 + 12 + 20 + 25 + 30) / 6 = 108 / 6 = 18. This is where the
#   printed hand solution stops, but its centres have just moved, so the
#   points must be assigned again.
# * **Step 2** (centres 3 and 18): 10 is 7 away from 3 and 8 away from 18,
#   so **10 changes cluster**. (The same holds for any second centre above
#   17: the exact value of that mean does not rescue the hand solution.) 11
#   is 8 from 3 and 7 from 18, and stays. The centres become 4.75 and 19.6.
# * **Step 3** (centres 4.75 and 19.6): now 11 and 12 are nearer 4.75 than
#   19.6 and follow 10. The centres become 42 / 6 = 7 and 75 / 3 = 25.
# * **Step 4** (centres 7 and 25): nothing moves. The midpoint between the
#   centres is 16: everything below it is in cluster 1, everything above in
#   cluster 2.
#
# The total within-cluster sum of squares says the same: the hand solution's
# clusters leave 2 + 346 = 348; the converged ones 100 + 50 = 150.

# %%
def within_ss(groups):
    """Sum of squared distances of each group's points to the group's mean."""
    return sum(float(((np.array(g) - np.mean(g)) ** 2).sum()) for g in groups)


print("hand solution {2,3,4} {10,...,30}:", within_ss([[2, 3, 4], [10, 11, 12, 20, 25, 30]]))
print("converged {2,...,12} {20,25,30}:  ", within_ss([[2, 3, 4, 10, 11, 12], [20, 25, 30]]))

# %% [markdown]
# ## The same steps with `kmeans`
#
# `kmeans(x, centers, iter_max=i, algorithm="Lloyd")` stops after `i` steps,
# so `i = 1, 2, 3, ...` shows R's intermediate results: the labels after
# step `i` and the centres they give. A run cut short before it converges
# warns, as R does ("did not converge in 1 iteration"), raises the
# `ConvergenceWarning` category, and reports `ifault = 2`, and its `iter` is
# `iter_max + 1`, R's convention for a run that used all its iterations. Here
# the warnings are expected, so they are caught and printed rather than left
# to scroll past (or silenced).

# %%
for i in (1, 2, 3, 4):
    # R: km <- kmeans(x, c(4, 10), iter.max = i, algorithm = "Lloyd")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        km = kmeans(x, start, iter_max=i, algorithm="Lloyd")
    print(f"iter_max = {i}: cluster {km.cluster.tolist()}, centers {km.centers.ravel().tolist()}, "
          f"iter {km.iter}, ifault {km.ifault}")
    for w in caught:
        print(f"  {w.category.__name__}: {w.message}")

# %% [markdown]
# The labels and centres are the hand-computed ones, step for step; from
# `iter_max = 4` on the run converges (no warning, `ifault` is R's `NULL`,
# shown as `None`), and `iter = 4` counts the step that changed nothing.
#
# ## The steps, drawn
#
# Each row is one state: the points coloured by the cluster they were just
# assigned to, and the centres (black crosses) that the step computed. The
# dashed line halfway between the centres is the boundary the next
# assignment uses: 10 is left of it from step 1 on.

# %%
colours = np.array(["#DF536B", "#2297E6"])  # R's palette: red for cluster 1, blue for 2
fig, axes = plt.subplots(len(steps), 1, figsize=(8, 1.2 * len(steps) + 0.6), sharex=True)
for row, (ax, (label, centres)) in enumerate(zip(axes, steps)):
    ax.scatter(x, np.zeros_like(x), s=60, c="lightgray" if label is None else colours[label - 1],
               edgecolors="black", linewidths=0.5, zorder=2)
    ax.scatter(centres, np.zeros_like(centres), marker="x", s=120, c="black", zorder=3)
    ax.axvline(centres.mean(), color="gray", linestyle="--", linewidth=1)  # the next boundary
    for c in centres:
        ax.annotate(f"{c:.4g}", (c, 0), xytext=(0, 9), textcoords="offset points", ha="center")
    ax.set_yticks([])
    ax.set_ylim(-1, 1.4)
    ax.set_ylabel("start" if row == 0 else f"step {row}", rotation=0, ha="right", va="center")
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
axes[-1].set_xlabel("x")
fig.suptitle("Lloyd's algorithm from centres 4 and 10")
fig.tight_layout()
fig.savefig(out / "lloyd_steps.png", dpi=100)

# %% [markdown]
# ## The whole run, printed as R prints it
#
# Without `iter_max`, the run goes to convergence. R's default algorithm,
# Hartigan-Wong, reaches the same partition from the same start here.

# %%
# R: print(kmeans(x, c(4, 10), algorithm = "Lloyd"))
km = kmeans(x, start, algorithm="Lloyd")
print(km)

# %%
# R: kmeans(x, c(4, 10))$cluster
print(kmeans(x, start).cluster.tolist())

# %% [markdown]
# Where to go next: {doc}`from_scikit_learn` if you know scikit-learn's
# `KMeans`; {doc}`usarrests_kmeans` for a full R analysis ported line by line;
# {doc}`choosing_k` for the number of clusters.
