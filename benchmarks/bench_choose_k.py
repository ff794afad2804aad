"""Choosing k: cluster_stats against silhouette, choose_k against R's factoextra, and
k-means++ starts against R's random starts, in one run.

    python benchmarks/bench_choose_k.py              # all three parts
    python benchmarks/bench_choose_k.py --no-r       # without R

1. ``cluster_stats(data=)`` (every fpc statistic, no n-by-n matrix) against
   ``silhouette(data=)`` (the silhouette alone) at n = 20,000: same data, same
   threads, interleaved, the best of ``--repeat`` runs each. fpc itself needs
   about 5 n^2 doubles (16 GB at this n); R's ``cluster.stats`` is timed at
   ``--r-n`` observations for scale.
2. ``choose_k(x, k_max=10, B=50)`` (WSS, silhouette, gap, CH, DB from one set of
   fits, nstart = 25) against the three ``fviz_nbclust`` calls R needs for WSS,
   silhouette and gap (nstart = 25, nboot = 50), at n = 1,000.
3. k-means++ against R's random starts on hard data (many groups): ``--seeds``
   single-start fits of each, Lloyd and Hartigan-Wong; mean iterations, mean
   tot_withinss relative to the best found, and how often the best is reached.

Times are wall-clock seconds. Ratios are printed; they come from this one run
(the machine may be shared: compare ratios, not absolute times).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np


import statkmeans as sk  # noqa: E402


def blobs(n: int, p: int, k: int, seed: int, scale: float = 3.0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=scale, size=(k, p))
    labels = rng.integers(0, k, n)
    return centres[labels] + rng.normal(size=(n, p)), labels + 1


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


# -- 1 ----------------------------------------------------------------------------------------

R_STATS = r"""
suppressPackageStartupMessages(library(fpc))
args <- commandArgs(TRUE)
n <- as.integer(args[2]); p <- as.integer(args[3])
con <- file(args[1], "rb"); x <- matrix(readBin(con, "double", n * p), n, p, byrow = TRUE)
cl <- readBin(con, "integer", n); close(con)
tm <- system.time(cs <- cluster.stats(dist(x), cl))
cat(tm[["elapsed"]], sprintf("%.17g", cs$avg.silwidth), sprintf("%.17g", cs$ch), "\n")
"""


def part_stats(args: argparse.Namespace, rscript: str | None) -> None:
    print(f"1. cluster_stats(data=) vs silhouette(data=), n = {args.n:,}, k = 5, "
          f"threads = {args.threads or 'all'}")
    print(f"   {'p':>3} {'silhouette':>11} {'cluster_stats':>14} {'ratio':>7}")
    for p in (2, 10):
        x, labels = blobs(args.n, p, 5, seed=p)
        sil_t = stats_t = float("inf")
        for _ in range(args.repeat):  # interleaved: both see the same machine load
            t = time.perf_counter()
            s = sk.silhouette(labels, data=x, n_threads=args.threads)
            sil_t = min(sil_t, time.perf_counter() - t)
            t = time.perf_counter()
            cs = sk.cluster_stats(clustering=labels, data=x, n_threads=args.threads)
            stats_t = min(stats_t, time.perf_counter() - t)
        assert cs.avg_silwidth == s.avg_width
        print(f"   {p:>3} {sil_t:>11.3f} {stats_t:>14.3f} {stats_t / sil_t:>7.2f}")
    if rscript is None:
        return
    n, p = args.r_n, 10
    x, labels = blobs(n, p, 5, seed=p)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "x.bin")
        with open(path, "wb") as f:
            f.write(np.ascontiguousarray(x).tobytes())
            f.write(labels.astype(np.int32).tobytes())
        script = os.path.join(tmp, "stats.R")
        Path(script).write_text(R_STATS)
        out = subprocess.run([rscript, script, path, str(n), str(p)], capture_output=True,
                             text=True, check=True).stdout.split()
    r_t = float(out[0])
    ours = best_of(lambda: sk.cluster_stats(sk.dist(x), labels, n_threads=args.threads),
                   args.repeat)
    cs = sk.cluster_stats(sk.dist(x), labels)
    same = cs.avg_silwidth == float(out[1]) and cs.ch == float(out[2])
    print(f"   R's cluster.stats(dist(x), cl) at n = {n:,}, p = {p}: R {r_t:.2f} s, "
          f"cluster_stats(dist(x), cl) {ours:.3f} s (R / ours = {r_t / ours:.0f}); "
          f"avg.silwidth and ch identical: {same}")


# -- 2 ----------------------------------------------------------------------------------------

R_NBCLUST = r"""
suppressPackageStartupMessages({library(factoextra); library(cluster)})
args <- commandArgs(TRUE)
n <- as.integer(args[2]); p <- as.integer(args[3]); B <- as.integer(args[4])
con <- file(args[1], "rb"); x <- matrix(readBin(con, "double", n * p), n, p, byrow = TRUE)
close(con)
tm <- system.time({
  a <- fviz_nbclust(x, kmeans, method = "wss", k.max = 10, nstart = 25)
  b <- fviz_nbclust(x, kmeans, method = "silhouette", k.max = 10, nstart = 25)
  g <- fviz_nbclust(x, kmeans, method = "gap_stat", k.max = 10, nboot = B, nstart = 25,
                    verbose = FALSE)
})
cat(tm[["elapsed"]], "\n")
"""


def part_choose_k(args: argparse.Namespace, rscript: str | None) -> None:
    n, p, B = 1000, 4, args.B
    x, _ = blobs(n, p, 4, seed=11, scale=4.0)
    print(f"\n2. choose_k(x, k_max=10, B={B}, nstart=25) vs R's three fviz_nbclust calls, "
          f"n = {n:,}, p = {p}")
    import warnings

    with warnings.catch_warnings():  # kmeans' default iter_max = 10, as in R, warns at times
        warnings.simplefilter("ignore", sk.ConvergenceWarning)
        t = time.perf_counter()
        res = sk.choose_k(x, k_max=10, B=B, rng=123, n_threads=args.threads)
        ours = time.perf_counter() - t
    print(f"   choose_k: {ours:.2f} s; chooses {res.n_clusters}")
    if rscript is None:
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "x.bin")
        with open(path, "wb") as f:
            f.write(np.ascontiguousarray(x).tobytes())
        script = os.path.join(tmp, "nbclust.R")
        Path(script).write_text(R_NBCLUST)
        out = subprocess.run([rscript, script, path, str(n), str(p), str(B)],
                             capture_output=True, text=True, check=True).stdout.split()
    r_t = float(out[0])
    print(f"   R (wss + silhouette + gap_stat): {r_t:.2f} s; R / choose_k = {r_t / ours:.1f}")


# -- 3 ----------------------------------------------------------------------------------------


def part_kmeanspp(args: argparse.Namespace) -> None:
    rng = np.random.default_rng(5)
    grid = np.array([[i, j] for i in range(5) for j in range(5)], dtype=float) * 6.0
    x = np.concatenate([rng.normal(c, 1.0, size=(100, 2)) for c in grid])
    k = 25
    print(f"\n3. k-means++ vs random starts: 25 groups on a 5 x 5 grid (n = {len(x):,}), "
          f"k = {k}, {args.seeds} single-start fits each")
    print(f"   {'algorithm':<14} {'init':<15} {'mean iter':>9} {'WSS / best':>11} "
          f"{'best reached':>12} {'time':>7}")
    for algorithm in ("Lloyd", "Hartigan-Wong"):
        rows = {}
        for init in ("random", "kmeans++", "greedy-kmeans++"):
            fits = []
            t = time.perf_counter()
            for seed in range(1, args.seeds + 1):
                fits.append(sk.kmeans(x, k, iter_max=100, algorithm=algorithm, init=init,
                                      rng=seed, n_threads=args.threads))
            rows[init] = (fits, time.perf_counter() - t)
        best = min(f.tot_withinss for fits, _ in rows.values() for f in fits)
        for init, (fits, elapsed) in rows.items():
            wss = np.array([f.tot_withinss for f in fits])
            iters = np.mean([f.iter for f in fits])
            reached = np.mean(wss <= best * (1 + 1e-9))
            print(f"   {algorithm:<14} {init:<15} {iters:>9.1f} {np.mean(wss) / best:>11.3f} "
                  f"{reached:>12.0%} {elapsed:>7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--r-n", type=int, default=2_000)
    parser.add_argument("--B", type=int, default=50)
    parser.add_argument("--seeds", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--no-r", action="store_true")
    parser.add_argument("--parts", default="123")
    args = parser.parse_args()
    rscript = None if args.no_r else shutil.which("Rscript")
    if rscript is None and not args.no_r:
        print("(Rscript not found: R's columns are skipped)")
    if "1" in args.parts:
        part_stats(args, rscript)
    if "2" in args.parts:
        part_choose_k(args, rscript)
    if "3" in args.parts:
        part_kmeanspp(args)


if __name__ == "__main__":
    main()
