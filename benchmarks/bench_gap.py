"""Benchmark: the gap statistic, R's clusGap against statkmeans.clus_gap.

One run, side by side, on the same data: n = 1000, p = 5, K_max = 10, B = 50,
kmeans with nstart = 20 (R's defaults otherwise: Hartigan-Wong, iter.max 10,
d.power 1, spaceH0 "scaledPCA"), all seeded with 1:

* R:         ``set.seed(1); clusGap(x, kmeans, K.max = 10, B = 50, nstart = 20)``
             timed with ``system.time`` inside Rscript (skipped without R);
* serial:    ``clus_gap(x, kmeans, K_max=10, B=50, nstart=20)``: one process,
             one core (the defaults use no threads at this size);
* 2 workers: the same with ``executor=ProcessPoolExecutor(2)``, timed with
             the pool already started and including its start-up.

The data are generated here and passed to R through a CSV file; the tables
are compared too (they agree to ~1e-15: R's SVD differs in the last bits).
kmeans' "did not converge" warnings on the uniform reference sets (R gives
them too) are silenced.

Run from the repository root:  python benchmarks/bench_gap.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import subprocess
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor

import numpy as np


from statkmeans import kmeans, set_seed  # noqa: E402
from statkmeans.gap import clus_gap  # noqa: E402

N, P, K_MAX, B, NSTART, SEED = 1000, 5, 10, 50, 20, 1

R_SCRIPT = r"""
suppressPackageStartupMessages(library(cluster))
x <- as.matrix(read.csv(commandArgs(TRUE)[1], header = FALSE))
set.seed(%(seed)d)
tm <- system.time(g <- clusGap(x, kmeans, K.max = %(kmax)d, B = %(b)d, nstart = %(nstart)d,
                               verbose = FALSE))
cat(sprintf("%%.6f\n", tm[["elapsed"]]))
write.table(format(g$Tab, digits = 17), commandArgs(TRUE)[2], row.names = FALSE,
            col.names = FALSE, quote = FALSE)
"""


def make_data(seed: int = 2024) -> np.ndarray:
    """Four Gaussian groups in 5 dimensions, 1000 rows."""
    gen = np.random.default_rng(seed)
    centres = gen.normal(scale=4.0, size=(4, P))
    sizes = [300, 250, 250, 200]
    return np.vstack([gen.normal(loc=c, size=(s, P)) for c, s in zip(centres, sizes)])


def run_r(x: np.ndarray, repeat: int):
    if shutil.which("Rscript") is None:
        return None, None
    with tempfile.TemporaryDirectory() as tmp:
        data, tab, script = (os.path.join(tmp, f) for f in ("x.csv", "tab.txt", "gap.R"))
        np.savetxt(data, x, delimiter=",", fmt="%.17g")
        with open(script, "w") as f:
            f.write(R_SCRIPT % dict(seed=SEED, kmax=K_MAX, b=B, nstart=NSTART))
        times = []
        for _ in range(repeat):
            out = subprocess.run(["Rscript", script, data, tab], capture_output=True, text=True,
                                 check=True)
            times.append(float(out.stdout.split()[-1]))
        return min(times), np.loadtxt(tab)


def ours(x, repeat, **kwargs):
    best, result = float("inf"), None
    for _ in range(repeat):
        set_seed(SEED)
        t0 = time.perf_counter()
        result = clus_gap(x, kmeans, K_max=K_MAX, B=B, nstart=NSTART, verbose=False, **kwargs)
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per variant (best is kept)")
    args = parser.parse_args()
    x = make_data()
    print(f"clusGap benchmark: n={N}, p={P}, K_max={K_MAX}, B={B}, nstart={NSTART}; "
          f"{os.cpu_count()} cores; best of {args.repeat}")

    t_r, tab_r = run_r(x, args.repeat)
    ours(x, 1)  # warm up (imports, first OpenMP team)
    t_s, g_s = ours(x, args.repeat)
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver")) as pool:
        ours(x, 1, executor=pool)  # start the workers
        t_p, g_p = ours(x, args.repeat, executor=pool)
    t0 = time.perf_counter()
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver")) as pool:
        set_seed(SEED)
        g_cold = clus_gap(x, kmeans, K_max=K_MAX, B=B, nstart=NSTART, verbose=False,
                          executor=pool)
    t_cold = time.perf_counter() - t0

    identical = g_s == g_p == g_cold
    rows = [
        ("R clusGap (cluster 2.1.4)", t_r),
        ("clus_gap serial", t_s),
        ("clus_gap, 2-process pool (started)", t_p),
        ("clus_gap, 2-process pool incl. start-up", t_cold),
    ]
    print(f"{'':42}{'seconds':>9}{'vs R':>9}")
    for name, t in rows:
        if t is None:
            print(f"{name:42}{'skipped (no Rscript)':>18}")
            continue
        ratio = f"{t_r / t:8.1f}x" if t_r else ""
        print(f"{name:42}{t:9.3f}{ratio:>9}")
    print(f"serial and pool results identical: {identical}")
    if tab_r is not None:
        diff = np.max(np.abs(g_s.Tab.to_numpy() - tab_r))
        print(f"max |Tab - R's Tab| = {diff:.1e}")


if __name__ == "__main__":
    warnings.simplefilter("ignore", category=Warning)
    main()
