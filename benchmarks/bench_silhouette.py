"""Silhouette widths: statkmeans vs scikit-learn vs R, side by side in one run.

    python benchmarks/bench_silhouette.py                 # n = 20,000, p = 10, k = 5
    python benchmarks/bench_silhouette.py --n 5000 --big 0 --no-r

For each tool the same data and labels are used and the widths are compared
with ours (max |difference|). Times are wall-clock seconds, the best of
``--repeat`` runs for the Python tools and R's ``system.time`` elapsed for
``dist`` + ``silhouette`` (data transfer excluded). Peak extra memory is the
growth of the process's peak resident set (VmHWM, which also sees C
allocations that tracemalloc misses) over the call, measured in a fresh
subprocess; for R it is the growth of R's "max used" memory (``gc()``)
over ``dist`` + ``silhouette``. Then ``--big`` (default 100,000) shows that ``data=``
completes in bounded memory at a size where an n-by-n matrix would need
``--big``^2 * 8 bytes.

scikit-learn and R are optional: each is skipped, with a note, when missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np


MEASURE = r"""
import sys, time
import numpy as np
sys.path.insert(0, {root!r})
from statkmeans.silhouette import silhouette

def hwm():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0

x = np.load({x!r})
labels = np.load({labels!r})
before = hwm()
t = time.perf_counter()
s = silhouette(labels, data=x)
elapsed = time.perf_counter() - t
print(elapsed, hwm() - before, s.avg_width)
"""

R_SCRIPT = r"""
suppressPackageStartupMessages(library(cluster))
args <- commandArgs(TRUE)
n <- as.integer(args[3]); p <- as.integer(args[4])
con <- file(args[1], "rb")
x <- matrix(readBin(con, "double", n * p), n, p, byrow = TRUE)
close(con)
con <- file(args[2], "rb"); cl <- readBin(con, "integer", n); close(con)
invisible(gc(reset = TRUE))
before <- sum(gc()[, 6])
tm <- system.time({ d <- dist(x); s <- silhouette(cl, d) })
peak <- sum(gc()[, 6])
con <- file(args[5], "wb"); writeBin(as.double(s[, "sil_width"]), con); close(con)
cat(tm[["elapsed"]], (peak - before) * 1024^2, "\n")
"""


def make_data(n: int, p: int, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """k Gaussian blobs, labelled by their blob (codes 1..k)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=3.0, size=(k, p))
    labels = rng.integers(0, k, n)
    x = centres[labels] + rng.normal(size=(n, p))
    return np.ascontiguousarray(x), (labels + 1).astype(np.int32)


def fmt_bytes(b: float) -> str:
    return f"{b / 2**20:8.1f} MiB" if b < 2**30 else f"{b / 2**30:8.2f} GiB"


def run_ours_subprocess(x, labels, tmp: Path) -> tuple[float, int, float]:
    xf, lf = tmp / "x.npy", tmp / "labels.npy"
    np.save(xf, x)
    np.save(lf, labels)
    import statkmeans  # the child imports the same build as this process

    code = MEASURE.format(root=os.path.dirname(os.path.dirname(statkmeans.__file__)), x=str(xf), labels=str(lf))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    elapsed, extra, avg = out.stdout.split()
    return float(elapsed), int(extra), float(avg)


def bench_ours(x, labels, repeat: int):
    from statkmeans.silhouette import silhouette

    best, s = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        s = silhouette(labels, data=x)
        best = min(best, time.perf_counter() - t)
    return best, np.asarray(s.sil_width)


def bench_sklearn(x, labels, repeat: int):
    try:
        from sklearn.metrics import silhouette_samples
    except ImportError:
        return None
    best, widths = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        widths = silhouette_samples(x, labels)
        best = min(best, time.perf_counter() - t)
    return best, widths


def bench_r(x, labels, tmp: Path):
    rscript = shutil.which("Rscript")
    if rscript is None:
        return None
    check = subprocess.run([rscript, "-e", "library(cluster)"], capture_output=True)
    if check.returncode != 0:
        return None
    xf, lf, of, sf = tmp / "x.bin", tmp / "cl.bin", tmp / "out.bin", tmp / "bench.R"
    x.astype("<f8").tofile(xf)
    labels.astype("<i4").tofile(lf)
    sf.write_text(R_SCRIPT)
    out = subprocess.run([rscript, str(sf), str(xf), str(lf), str(x.shape[0]), str(x.shape[1]),
                          str(of)], capture_output=True, text=True, check=True)
    elapsed, extra = out.stdout.split()
    widths = np.fromfile(of, dtype="<f8")
    return float(elapsed), widths, float(extra)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--p", type=int, default=10)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--big", type=int, default=100_000,
                        help="also run statkmeans alone at this n (0: skip)")
    parser.add_argument("--no-r", action="store_true")
    parser.add_argument("--no-sklearn", action="store_true")
    args = parser.parse_args(argv)

    x, labels = make_data(args.n, args.p, args.k, args.seed)
    print(f"silhouette widths, n = {args.n:,}, p = {args.p}, k = {args.k}; "
          f"{os.cpu_count()} CPU(s); statkmeans from data= (Euclidean)")
    print(textwrap.dedent("""\
        (time: best of the repeats for Python, R's system.time for dist + silhouette;
         memory: growth of peak RSS during the call)
    """))

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        ours_t, ours_w = bench_ours(x, labels, args.repeat)
        _, ours_mem, _ = run_ours_subprocess(x, labels, tmp)
        rows = [("statkmeans silhouette(data=)", ours_t, ours_mem, 0.0)]

        if not args.no_sklearn:
            res = bench_sklearn(x, labels, args.repeat)
            if res is None:
                print("scikit-learn not installed: skipped")
            else:
                t, w = res
                rows.append(("scikit-learn silhouette_samples", t, None,
                             float(np.max(np.abs(w - ours_w)))))
        if not args.no_r:
            res = bench_r(x, labels, tmp)
            if res is None:
                print("Rscript with package cluster not found: R skipped")
            else:
                t, w, r_mem = res
                rows.append(("R dist() + cluster::silhouette()", t, r_mem,
                             float(np.max(np.abs(w - ours_w)))))

        print(f"{'tool':34s} {'time':>9s} {'vs ours':>9s} {'peak extra mem':>15s} "
              f"{'max |diff|':>11s}")
        for name, t, mem, diff in rows:
            mem_s = fmt_bytes(mem) if mem is not None else "-"
            print(f"{name:34s} {t:8.3f}s {t / ours_t:8.1f}x {mem_s:>15s} {diff:11.3g}")

        if args.big:
            xb, lb = make_data(args.big, args.p, args.k, args.seed + 1)
            t, mem, avg = run_ours_subprocess(xb, lb, tmp)
            print(f"\nn = {args.big:,}: statkmeans silhouette(data=) completed in {t:.2f} s, "
                  f"peak extra memory {fmt_bytes(mem).strip()} (an n-by-n matrix would need "
                  f"{fmt_bytes(8.0 * args.big**2).strip()}); average width {avg:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
