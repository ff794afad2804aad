"""kmeans speed and memory, side by side with scikit-learn and R in one run.

    python benchmarks/bench_kmeans.py              # everything (about 10 minutes)
    python benchmarks/bench_kmeans.py --quick      # fewer rounds
    python benchmarks/bench_kmeans.py --only lloyd --no-r

1. Lloyd on the workloads of the Lloyd issue (groups with centres N(0, 3^2)
   per coordinate and noise sd 2, so that groups overlap), plus a
   well-separated case. statkmeans ``kmeans(x, c0, iter_max, algorithm=
   "Lloyd", n_threads=T)`` against scikit-learn ``KMeans(init=c0, n_init=1,
   tol=0, algorithm="lloyd", max_iter=iter_max)`` under ``threadpool_limits(T)``
   and against R's ``kmeans(x, c0, iter.max, algorithm = "Lloyd")``, from the
   same initial centres. Each tool is also timed with one iteration: "per
   pass" is (full - one iteration) / (passes - 1) and the "fixed" cost of a
   call is the one-iteration time minus one pass (checks, totss, the first
   full scan's extra over a later pass, result assembly). Our result is
   checked against R's: the same clusters, iter and bits of tot.withinss.
2. Hartigan-Wong (R's default) on the well-separated case, vs R.
3. R's defaults with nstart = 25 (random starts on threads), vs R.
4. Peak extra memory of a fit (VmHWM growth in a fresh process, as a
   multiple of the size of x and in bytes per row): Lloyd at n = 1e7,
   p = 10, and Lloyd, Hartigan-Wong, MacQueen at n = 1e6, p = 10 with one
   start and with nstart = 2 (two concurrent starts, each with its own state).
5. 1 thread vs T threads: ours bit-identical; scikit-learn's inertia.

Times are medians of rounds in which statkmeans and scikit-learn alternate
(the machine may be shared: ratios within a round are what to trust; each
row shows the 1-minute load average before and after it -- above the core
count, threads wait for cores, statkmeans drops threads that do (see
docs/design.md) and scikit-learn does not, which inflates its times). R's
times are ``system.time`` inside one Rscript (R's start-up excluded), with
fewer rounds on the large cases. scikit-learn and R are skipped, with a note,
when missing (pip install ".[bench]"; R from r-base-core).
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

# name, n, p, k, iter_max, data seed, centre sd, noise sd
WORKLOADS = [
    ("1e6 x 10, k 10, to convergence", 1_000_000, 10, 10, 1000, 3, 3.0, 2.0),
    ("1e5 x 10, k 10, to convergence", 100_000, 10, 10, 1000, 5, 3.0, 2.0),
    ("2e5 x 50, k 50, 20 passes", 200_000, 50, 50, 20, 0, 3.0, 2.0),
    ("1e6 x 2, k 5, 20 passes", 1_000_000, 2, 5, 20, 0, 3.0, 2.0),
    ("3e5 x 20, k 100, 20 passes", 300_000, 20, 100, 20, 0, 3.0, 2.0),
    ("1e5 x 10, k 10, well separated", 100_000, 10, 10, 1000, 42, 4.0, 1.0),
]


def groups(n, p, k, seed, centre_sd, noise_sd):
    """Gaussian groups and k distinct data rows as initial centres."""
    rng = np.random.default_rng(seed)
    means = rng.normal(scale=centre_sd, size=(k, p))
    x = means[rng.integers(0, k, n)] + rng.normal(scale=noise_sd, size=(n, p))
    c0 = x[rng.choice(n, k, replace=False)].copy()
    return x, c0


def timed(func):
    t0 = time.perf_counter()
    out = func()
    return time.perf_counter() - t0, out


def fmt_s(t):
    return f"{t:.3f} s" if t >= 0.1 else f"{t * 1e3:.1f} ms"


def fmt_ms(t):
    return f"{t * 1e3:.2f}" if t < 0.1 else f"{t * 1e3:.0f}"


# -- R ----------------------------------------------------------------------


def r_version():
    if shutil.which("Rscript") is None:
        return None
    out = subprocess.run(["Rscript", "-e", "cat(R.version.string)"], capture_output=True, text=True)
    return out.stdout.strip()


def run_r(script: str, inputs: dict[str, np.ndarray], tmp: str) -> dict:
    """Run an R script that reads the given matrices (raw float64, row-major
    on disk) and writes JSON to res.json; outputs named out_*.bin are read back."""
    header = [f'tmp <- "{tmp}"']
    for name, arr in inputs.items():
        path = os.path.join(tmp, f"{name}.bin")
        np.ascontiguousarray(arr, dtype="<f8").tofile(path)
        header.append(
            f'{name} <- matrix(readBin("{path}", "double", {arr.size}, 8, endian = "little"), '
            f"{arr.shape[0]}, {arr.shape[1]}, byrow = TRUE)"
        )
    src = os.path.join(tmp, "bench.R")
    with open(src, "w") as f:
        f.write("\n".join(header) + "\n" + textwrap.dedent(script))
    subprocess.run(["Rscript", src], capture_output=True, text=True, check=True)
    with open(os.path.join(tmp, "res.json")) as f:
        return json.load(f)


R_LLOYD = """
rounds <- ROUNDS
full <- replicate(rounds, system.time(km <<- suppressWarnings(
    kmeans(x, c0, iter.max = ITER, algorithm = "Lloyd")))[["elapsed"]])
one <- replicate(rounds, system.time(suppressWarnings(kmeans(x, c0, iter.max = 1, algorithm = "Lloyd")))[["elapsed"]])
writeBin(as.integer(km$cluster), file.path(tmp, "out_cluster.bin"), size = 4, endian = "little")
cat(jsonlite::toJSON(list(full = median(full), one = median(one), iter = km$iter,
    tot = sprintf("%.17g", km$tot.withinss)), auto_unbox = TRUE, digits = NA),
    file = file.path(tmp, "res.json"))
"""


# -- 1. Lloyd ---------------------------------------------------------------


def case_lloyd(threads, rounds, use_r, use_sk):
    if use_sk:
        from sklearn.cluster import KMeans
        from threadpoolctl import threadpool_limits
    print(f"1. Lloyd, {threads} threads, same initial centres for all "
          f"(median of {rounds} rounds; R: {'see each row' if use_r else 'skipped'})")
    head = (f"   {'workload':34s} {'passes':>6s} | {'statkmeans':>10s} {'per pass':>9s} {'fixed':>8s} | "
            f"{'sklearn':>10s} {'per pass':>9s} {'fixed':>8s} | {'R':>9s} | {'vs sklearn':>10s} "
            f"{'vs R':>7s} | same as R | load")
    print(head)
    print("   " + "-" * (len(head) - 3))
    rows = []
    for name, n, p, k, iter_max, seed, csd, nsd in WORKLOADS:
        x, c0 = groups(n, p, k, seed, csd, nsd)
        load0 = os.getloadavg()[0]
        ours_full, ours_one, sk_full, sk_one = [], [], [], []

        def ours(it):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", statkmeans.StatKMeansWarning)
                return kmeans(x, c0, iter_max=it, algorithm="Lloyd", n_threads=threads)

        def sk(it):
            with threadpool_limits(threads):
                return KMeans(k, init=c0, n_init=1, algorithm="lloyd", tol=0, max_iter=it).fit(x)

        km = ours(iter_max)  # warm-up, and the result checked against R
        model = sk(iter_max) if use_sk else None
        if use_sk:
            sk(1)
        for _ in range(rounds):
            ours_full.append(timed(lambda: ours(iter_max))[0])
            if use_sk:
                sk_full.append(timed(lambda: sk(iter_max))[0])
            ours_one.append(timed(lambda: ours(1))[0])
            if use_sk:
                sk_one.append(timed(lambda: sk(1))[0])
        passes = min(km.iter, iter_max)  # R's iter counts the pass that found no change
        t_ours, t_one = statistics.median(ours_full), statistics.median(ours_one)
        ours_pass = (t_ours - t_one) / max(passes - 1, 1)
        row = dict(name=name, passes=passes, ours=t_ours, ours_pass=ours_pass,
                   ours_fixed=t_one - ours_pass)
        if use_sk:
            t_sk, t_sk1 = statistics.median(sk_full), statistics.median(sk_one)
            sk_pass = (t_sk - t_sk1) / max(model.n_iter_ - 1, 1)
            row.update(sk=t_sk, sk_pass=sk_pass, sk_fixed=t_sk1 - sk_pass,
                       sk_ratios=sorted(s / o for s, o in zip(sk_full, ours_full)))
        if use_r:
            r_rounds = 1 if n * p * k * passes > 2e9 else 3
            with tempfile.TemporaryDirectory() as tmp:
                res = run_r(R_LLOYD.replace("ROUNDS", str(r_rounds)).replace("ITER", str(iter_max)),
                            {"x": x, "c0": c0}, tmp)
                r_cluster = np.fromfile(os.path.join(tmp, "out_cluster.bin"), dtype="<i4")
            row.update(r=res["full"], r_one=res["one"],
                       same=bool(np.array_equal(r_cluster, km.cluster) and res["iter"] == km.iter
                                 and float(res["tot"]) == km.tot_withinss))
        rows.append(row)
        sk_cols = (f"{fmt_s(row['sk']):>10s} {fmt_ms(row['sk_pass']):>6s} ms {fmt_s(row['sk_fixed']):>8s}"
                   if use_sk else f"{'-':>10s} {'-':>9s} {'-':>8s}")
        ratio = (f"{row['sk'] / row['ours']:>9.2f}x" if use_sk else f"{'-':>10s}")
        r_cols = (f"{fmt_s(row['r']):>9s} | {ratio} {row['r'] / row['ours']:>6.1f}x | {row['same']}"
                  if use_r else f"{'-':>9s} | {ratio} {'-':>7s} | -")
        # the 1-minute load average before and after the row: above the core
        # count, threads wait for cores and every time here is inflated
        print(f"   {name:34s} {passes:>6d} | {fmt_s(row['ours']):>10s} {fmt_ms(row['ours_pass']):>6s} ms "
              f"{fmt_s(row['ours_fixed']):>8s} | {sk_cols} | {r_cols} | "
              f"{load0:.1f}-{os.getloadavg()[0]:.1f}", flush=True)
    if use_sk:
        print("   vs sklearn per round (min - max): " + "; ".join(
            f"{r['name'].split(',')[0]} {r['sk_ratios'][0]:.2f}-{r['sk_ratios'][-1]:.2f}" for r in rows))
    return rows


# -- 2, 3. Hartigan-Wong and nstart vs R ------------------------------------

R_HW = """
hw_t <- replicate(ROUNDS, system.time(r2 <<- suppressWarnings(kmeans(lx, lc, iter.max = 1000)))[["elapsed"]])
set.seed(1); r3 <- kmeans(nx, 8, nstart = 25)
ns_t <- replicate(ROUNDS, system.time({ set.seed(1); kmeans(nx, 8, nstart = 25) })[["elapsed"]])
cat(jsonlite::toJSON(list(hw_time = median(hw_t), hw_cluster = unname(r2$cluster),
    hw_tot = sprintf("%.17g", r2$tot.withinss), nstart_time = median(ns_t),
    nstart_cluster = unname(r3$cluster), nstart_tot = sprintf("%.17g", r3$tot.withinss)),
    auto_unbox = TRUE, digits = NA), file = file.path(tmp, "res.json"))
"""


def nstart_data():
    rng = np.random.default_rng(7)
    means = rng.normal(scale=3.0, size=(8, 5))
    return means[rng.integers(0, 8, 10_000)] + rng.normal(size=(10_000, 5))


def case_hw_nstart(rounds, use_r):
    _, n, p, k, _, seed, csd, nsd = WORKLOADS[-1]
    lx, lc = groups(n, p, k, seed, csd, nsd)
    nx = nstart_data()

    def hw():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", statkmeans.StatKMeansWarning)
            return kmeans(lx, lc, iter_max=1000)

    def ns():
        set_seed(1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", statkmeans.StatKMeansWarning)
            return kmeans(nx, 8, nstart=25)

    km_hw, km_ns = hw(), ns()
    t_hw = statistics.median(timed(hw)[0] for _ in range(rounds))
    t_ns = statistics.median(timed(ns)[0] for _ in range(rounds))
    res = None
    if use_r:
        with tempfile.TemporaryDirectory() as tmp:
            res = run_r(R_HW.replace("ROUNDS", str(rounds)), {"lx": lx, "lc": lc, "nx": nx}, tmp)
    print(f"2. Hartigan-Wong, {WORKLOADS[-1][0]}, same centres (iter {km_hw.iter}, ifault "
          f"{km_hw.ifault})")
    line = f"   statkmeans {fmt_s(t_hw)}"
    if res:
        same = res["hw_cluster"] == km_hw.cluster.tolist() and float(res["hw_tot"]) == km_hw.tot_withinss
        line += f"   R {fmt_s(res['hw_time'])}   -> {res['hw_time'] / t_hw:.2f}x faster; identical to R: {same}"
    print(line)
    print("3. R's defaults: set.seed(1); kmeans(x, 8, nstart = 25), n = 10,000, p = 5")
    line = f"   statkmeans {fmt_s(t_ns)}"
    if res:
        same = res["nstart_cluster"] == km_ns.cluster.tolist() and \
            float(res["nstart_tot"]) == km_ns.tot_withinss
        line += (f"   R {fmt_s(res['nstart_time'])}   -> {res['nstart_time'] / t_ns:.2f}x faster; "
                 f"identical to R: {same}")
    print(line, flush=True)


# -- 4. memory --------------------------------------------------------------

MEMORY_CHILD = """
import sys, warnings
import numpy as np
sys.path[:0] = PATHS
def status(key):  # VmHWM: this process's own peak (ru_maxrss keeps the parent's after exec)
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) * 1024 for l in f if l.startswith(key))
from statkmeans import kmeans
warnings.simplefilter("ignore")
n, p, algorithm, nstart, threads = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
rng = np.random.default_rng(0)
x = np.empty((n, p))
for i in range(0, n, 100_000):  # no temporary copy of x
    x[i:i + 100_000] = rng.normal(size=(min(100_000, n - i), p)) + (i // 100_000) % 5
kmeans(x[:1000], 3, rng=1)  # load everything once
try:  # reset the peak to the current size (Linux 4.0+), so earlier temporaries do not hide the fit's
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    base = status("VmRSS")
except OSError:
    base = status("VmHWM")
if nstart == 1:
    kmeans(x, x[:: n // 10][:10].copy(), algorithm=algorithm, iter_max=10, n_threads=threads)
else:
    kmeans(x, 10, nstart=nstart, algorithm=algorithm, iter_max=10, rng=1, n_threads=threads)
print(status("VmHWM") - base)
"""


def child_peak(n, p, algorithm, nstart, threads):
    code = MEMORY_CHILD.replace("PATHS", repr([os.path.dirname(os.path.dirname(statkmeans.__file__))]))
    # large blocks always mapped and unmapped (glibc would otherwise keep freed
    # temporaries and serve later requests from them, hiding them from RSS)
    env = dict(os.environ, MALLOC_MMAP_THRESHOLD_="65536", MALLOC_TRIM_THRESHOLD_="65536")
    out = subprocess.run([sys.executable, "-W", "ignore", "-c", code, str(n), str(p), algorithm,
                          str(nstart), str(threads)], capture_output=True, text=True, check=True,
                         env=env)
    return int(out.stdout.strip())


def case_memory(threads, big):
    print(f"4. Peak extra memory of a fit (VmHWM growth in a fresh process; x is n*p*8 bytes; "
          f"10 iterations, k = 10, {threads} threads)")
    cases = [(1_000_000, 10, a, s) for a in ("Lloyd", "Hartigan-Wong", "MacQueen") for s in (1, 2)]
    if big:
        cases.insert(0, (10_000_000, 10, "Lloyd", 1))
    for n, p, algorithm, nstart in cases:
        extra = child_peak(n, p, algorithm, nstart, threads)
        print(f"   n={n:>10,d} p={p} {algorithm:14s} nstart={nstart}: {extra / (n * p * 8):.2f} x size of x, "
              f"{extra / n:5.1f} bytes per row", flush=True)


# -- 5. threads -------------------------------------------------------------


def case_threads(threads, use_sk):
    x, c0 = groups(200_000, 10, 10, 3, 3.0, 2.0)
    a = kmeans(x, c0, iter_max=1000, algorithm="Lloyd", n_threads=1)
    b = kmeans(x, c0, iter_max=1000, algorithm="Lloyd", n_threads=threads)
    print(f"5. Thread count (Lloyd, n = 200,000, p = 10, k = 10, to convergence)")
    print(f"   statkmeans 1 vs {threads} threads bit-identical: {a == b}")
    if use_sk:
        from sklearn.cluster import KMeans
        from threadpoolctl import threadpool_limits

        inertia = []
        for t in (1, threads):
            with threadpool_limits(t):
                inertia.append(KMeans(10, init=c0, n_init=1, algorithm="lloyd", tol=0,
                                      max_iter=1000).fit(x).inertia_)
        print(f"   sklearn    1 vs {threads} threads inertia: {inertia[0]!r} vs {inertia[1]!r} "
              f"(identical: {inertia[0] == inertia[1]})")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 rounds instead of 5; no n = 1e7 memory case")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="threads (default: all cores)")
    parser.add_argument("--no-r", action="store_true", help="skip R")
    parser.add_argument("--only", choices=["lloyd", "hw", "memory", "threads"], help="one section")
    args = parser.parse_args()
    rounds = 3 if args.quick else 5
    use_r = not args.no_r and shutil.which("Rscript") is not None
    try:
        import sklearn  # noqa: F401
        import threadpoolctl  # noqa: F401
        use_sk = True
    except ImportError:
        use_sk = False
    print(f"statkmeans {statkmeans.__version__} | Python {platform.python_version()} | "
          f"numpy {np.__version__} | {platform.machine()} | {os.cpu_count()} cores | "
          f"{platform.processor() or platform.platform()}")
    if use_sk:
        import sklearn
        print(f"scikit-learn {sklearn.__version__}")
    else:
        print("(scikit-learn or threadpoolctl missing: its columns are skipped)")
    print(r_version() if use_r else "(R skipped)")
    if args.only in (None, "lloyd"):
        case_lloyd(args.threads, rounds, use_r, use_sk)
    if args.only in (None, "hw"):
        case_hw_nstart(rounds, use_r)
    if args.only in (None, "memory"):
        case_memory(args.threads, big=not args.quick)
    if args.only in (None, "threads"):
        case_threads(args.threads, use_sk)


if __name__ == "__main__":
    main()
