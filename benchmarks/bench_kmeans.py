"""kmeans speed and memory, side by side with scikit-learn and R in one run.

    python benchmarks/bench_kmeans.py            # all cases
    python benchmarks/bench_kmeans.py --quick    # fewer repeats

Cases (from the kmeans issue):
  1. Lloyd, n = 100,000, p = 10, k = 10, the same initial centres, to
     convergence: statkmeans vs scikit-learn KMeans(algorithm="lloyd",
     n_init=1, tol=0) with the same number of threads, and vs R.
  2. Hartigan-Wong, same data and centres: statkmeans vs R (results checked equal).
  3. R's defaults with nstart = 25, n = 10,000, p = 5, k = 8, set.seed(1):
     statkmeans vs R (results checked equal).
  4. Peak memory of a Lloyd fit over the size of x (fresh subprocess).
  5. 1 thread vs 2 threads: bit-identical results for us; scikit-learn's.

Times are medians of in-process repeats (R: system.time inside one Rscript,
so R's start-up is excluded). R is used when Rscript is on PATH. Needs
scikit-learn and threadpoolctl (pip install ".[bench]").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import warnings

import numpy as np

import statkmeans
from statkmeans import kmeans, set_seed

THREADS = 2


def median_time(func, repeats: int) -> float:
    func()  # warm-up: thread pools, page faults
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def lloyd_data(seed=42, n=100_000, p=10, k=10):
    rng = np.random.default_rng(seed)
    means = rng.normal(scale=4.0, size=(k, p))
    x = means[rng.integers(0, k, n)] + rng.normal(size=(n, p))
    c0 = x[rng.choice(n, k, replace=False)].copy()
    return x, c0


def run_r(script: str, files: dict[str, np.ndarray]) -> dict | None:
    """Run an R script that reads the given arrays (raw float64) and prints JSON."""
    if shutil.which("Rscript") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        header = []
        for name, arr in files.items():
            path = os.path.join(tmp, f"{name}.bin")
            np.ascontiguousarray(arr, dtype="<f8").tofile(path)
            header.append(
                f'{name} <- matrix(readBin("{path}", "double", {arr.size}, 8, endian = "little"), '
                f"{arr.shape[0]}, {arr.shape[1]}, byrow = TRUE)"
            )
        src = os.path.join(tmp, "bench.R")
        with open(src, "w") as f:
            f.write("\n".join(header) + "\n" + textwrap.dedent(script))
        out = subprocess.run(["Rscript", src], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


R_TIMING = """
timeit <- function(expr_fun, repeats) {
  expr_fun()
  t <- replicate(repeats, system.time(expr_fun())[["elapsed"]])
  median(t)
}
res <- list()
"""


def case_lloyd(repeats: int, r_result: dict | None):
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    x, c0 = lloyd_data()
    km = kmeans(x, c0, iter_max=1000, algorithm="Lloyd", n_threads=THREADS)
    ours = median_time(lambda: kmeans(x, c0, iter_max=1000, algorithm="Lloyd", n_threads=THREADS), repeats)

    def sk():
        with threadpool_limits(THREADS):
            return KMeans(10, init=c0, n_init=1, algorithm="lloyd", tol=0, max_iter=1000).fit(x)

    model = sk()
    theirs = median_time(sk, repeats)
    same_labels = np.array_equal(model.labels_ + 1, km.cluster)
    print(f"1. Lloyd n=100000 p=10 k=10 ({km.iter - 1} passes to convergence, {THREADS} threads)")
    print(f"   statkmeans {ours * 1e3:8.1f} ms   ({ours / (km.iter - 1) * 1e3:.2f} ms per pass)")
    print(f"   sklearn    {theirs * 1e3:8.1f} ms   ({theirs / model.n_iter_ * 1e3:.2f} ms per pass)"
          f"   -> statkmeans {theirs / ours:.2f}x faster; same partition: {same_labels}")
    if r_result is not None:
        r_t = r_result["lloyd_time"]
        same = r_result["lloyd_cluster"] == km.cluster.tolist() and \
            float(r_result["lloyd_tot"]) == km.tot_withinss
        print(f"   R          {r_t * 1e3:8.1f} ms   -> statkmeans {r_t / ours:.2f}x faster; "
              f"identical to R: {same}")
    return {"lloyd_ours": ours, "lloyd_sklearn": theirs}


def case_hw(repeats: int, r_result: dict | None):
    x, c0 = lloyd_data()

    def fit():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", statkmeans.StatKMeansWarning)
            return kmeans(x, c0, iter_max=1000)

    km = fit()
    ours = median_time(fit, repeats)
    print(f"2. Hartigan-Wong, same data and centres (iter {km.iter}, ifault {km.ifault}: "
          "R stops the quick-transfer stage at 50 n steps on these data too)")
    print(f"   statkmeans {ours * 1e3:8.1f} ms")
    if r_result is not None:
        r_t = r_result["hw_time"]
        same = r_result["hw_cluster"] == km.cluster.tolist() and float(r_result["hw_tot"]) == km.tot_withinss
        print(f"   R          {r_t * 1e3:8.1f} ms   -> statkmeans {r_t / ours:.2f}x faster; "
              f"identical to R: {same}")


def nstart_data():
    rng = np.random.default_rng(7)
    means = rng.normal(scale=3.0, size=(8, 5))
    return means[rng.integers(0, 8, 10_000)] + rng.normal(size=(10_000, 5))


def case_nstart(repeats: int, r_result: dict | None):
    x = nstart_data()

    def fit():
        set_seed(1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", statkmeans.StatKMeansWarning)
            return kmeans(x, 8, nstart=25)

    km = fit()
    ours = median_time(fit, repeats)
    print("3. R's defaults, nstart=25, n=10000 p=5 k=8, set.seed(1)")
    print(f"   statkmeans {ours * 1e3:8.1f} ms")
    if r_result is not None:
        r_t = r_result["nstart_time"]
        same = r_result["nstart_cluster"] == km.cluster.tolist() and \
            float(r_result["nstart_tot"]) == km.tot_withinss
        print(f"   R          {r_t * 1e3:8.1f} ms   -> statkmeans {r_t / ours:.2f}x faster; "
              f"identical to R: {same}")


def case_memory():
    code = textwrap.dedent(
        """
        import numpy as np, sys, warnings
        def peak_rss():  # VmHWM: this process's own peak (ru_maxrss keeps the parent's after exec)
            with open("/proc/self/status") as f:
                return next(int(l.split()[1]) * 1024 for l in f if l.startswith("VmHWM"))
        sys.path[:0] = PATHS
        from statkmeans import kmeans
        warnings.simplefilter("ignore")
        rng = np.random.default_rng(0)
        x = np.empty((1_000_000, 10))
        for i in range(0, len(x), 50_000):  # no temporary copy of x
            x[i:i + 50_000] = rng.normal(size=(50_000, 10)) + (i // 50_000) % 5
        c0 = x[::100_000].copy()
        kmeans(x[:1000], 3, rng=1)  # load everything once
        base = peak_rss()
        km = kmeans(x, c0, algorithm=sys.argv[1], iter_max=20)
        peak = peak_rss()
        print((peak - base) / x.nbytes)
        """
    ).replace("PATHS", repr(sys.path[:1]))
    print("4. Extra peak memory of a fit, n=1e6 p=10 (x is 80 MB)")
    for algorithm in ("Lloyd", "Hartigan-Wong", "MacQueen"):
        out = subprocess.run([sys.executable, "-W", "ignore", "-c", code, algorithm],
                             capture_output=True, text=True, check=True)
        print(f"   {algorithm:14s} {float(out.stdout):.2f} x size of x")


def case_threads():
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    x, c0 = lloyd_data(seed=3, n=200_000)
    a = kmeans(x, c0, iter_max=1000, algorithm="Lloyd", n_threads=1)
    b = kmeans(x, c0, iter_max=1000, algorithm="Lloyd", n_threads=THREADS)
    inertia = []
    for t in (1, THREADS):
        with threadpool_limits(t):
            inertia.append(KMeans(10, init=c0, n_init=1, algorithm="lloyd", tol=0,
                                  max_iter=1000).fit(x).inertia_)
    print("5. Thread count independence (Lloyd, n=200000)")
    print(f"   statkmeans 1 vs {THREADS} threads bit-identical: {a == b}")
    print(f"   sklearn    1 vs {THREADS} threads inertia: {inertia[0]!r} vs {inertia[1]!r} "
          f"(identical: {inertia[0] == inertia[1]})")


R_SCRIPT = R_TIMING + """
r1 <- kmeans(lx, lc, iter.max = 1000, algorithm = "Lloyd")
res$lloyd_time <- timeit(function() kmeans(lx, lc, iter.max = 1000, algorithm = "Lloyd"), REPEATS)
res$lloyd_cluster <- unname(r1$cluster); res$lloyd_tot <- sprintf("%.17g", r1$tot.withinss)
r2 <- kmeans(lx, lc, iter.max = 1000)
res$hw_time <- timeit(function() kmeans(lx, lc, iter.max = 1000), REPEATS)
res$hw_cluster <- unname(r2$cluster); res$hw_tot <- sprintf("%.17g", r2$tot.withinss)
set.seed(1); r3 <- kmeans(nx, 8, nstart = 25)
res$nstart_time <- timeit(function() { set.seed(1); kmeans(nx, 8, nstart = 25) }, REPEATS)
res$nstart_cluster <- unname(r3$cluster); res$nstart_tot <- sprintf("%.17g", r3$tot.withinss)
cat(jsonlite::toJSON(res, auto_unbox = TRUE, digits = NA), "\\n")
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 repeats instead of 7")
    args = parser.parse_args()
    repeats = 3 if args.quick else 7
    print(f"statkmeans {statkmeans.__version__} | Python {platform.python_version()} | "
          f"{platform.machine()} | {os.cpu_count()} cores | {platform.processor() or platform.platform()}")
    lx, lc = lloyd_data()
    r_result = run_r(R_SCRIPT.replace("REPEATS", str(repeats)),
                     {"lx": lx, "lc": lc, "nx": nstart_data()})
    if r_result is None:
        print("(Rscript not found: R columns skipped)")
    else:
        print(subprocess.run(["Rscript", "-e", "cat(R.version.string)"], capture_output=True,
                             text=True).stdout)
    case_lloyd(repeats, r_result)
    case_hw(repeats, r_result)
    case_nstart(repeats, r_result)
    case_memory()
    case_threads()


if __name__ == "__main__":
    main()
