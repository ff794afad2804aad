"""R's draws: statkmeans' rnorm and sample vs numpy and R, side by side in one run.

    python benchmarks/bench_draws.py                    # rnorm(10**7), sample(10**6)
    python benchmarks/bench_draws.py --n-norm 1000000 --repeat 5 --no-r

Times are medians of ``--repeat`` calls inside one process for each tool (R's
start-up excluded: R times its own calls with ``system.time``). numpy's
``Generator.standard_normal`` (ziggurat) and ``Generator.permutation`` are the
reference for "as fast as numpy"; they do not give R's numbers. statkmeans'
values are checked against R's bytes (same seed, same call) when R is there.
R is optional: skipped, with a note, when ``Rscript`` is missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


R_SCRIPT = r"""
args <- commandArgs(TRUE)
n_norm <- as.numeric(args[1]); n_perm <- as.numeric(args[2]); reps <- as.integer(args[3])
med <- function(expr) median(replicate(reps, system.time(eval(expr))[["elapsed"]]))
t_norm <- med(quote(rnorm(n_norm)))
t_perm <- med(quote(sample(n_perm)))
set.seed(1); con <- file(args[4], "wb"); writeBin(rnorm(n_norm), con); close(con)
set.seed(1); con <- file(args[5], "wb"); writeBin(sample(n_perm), con, size = 4); close(con)
cat(t_norm, t_perm, "\n")
"""


def median_time(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        func()
        times.append(time.perf_counter() - t)
    return float(np.median(times))


def bench_r(n_norm: int, n_perm: int, repeat: int, tmp: Path):
    rscript = shutil.which("Rscript")
    if rscript is None:
        return None
    script, norm_f, perm_f = tmp / "bench.R", tmp / "norm.bin", tmp / "perm.bin"
    script.write_text(R_SCRIPT)
    out = subprocess.run([rscript, str(script), str(n_norm), str(n_perm), str(repeat),
                          str(norm_f), str(perm_f)], capture_output=True, text=True, check=True)
    t_norm, t_perm = (float(v) for v in out.stdout.split())
    return t_norm, t_perm, np.fromfile(norm_f, dtype="<f8"), np.fromfile(perm_f, dtype="<i4")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-norm", type=int, default=10**7)
    parser.add_argument("--n-perm", type=int, default=10**6)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-r", action="store_true")
    args = parser.parse_args(argv)

    from statkmeans import rnorm, sample, set_seed

    gen = np.random.default_rng(1)
    print(f"rnorm({args.n_norm:,}) and sample({args.n_perm:,}); {os.cpu_count()} CPU(s); "
          f"median of {args.repeat} calls per tool")
    ours_norm = median_time(lambda: rnorm(args.n_norm), args.repeat)
    np_norm = median_time(lambda: gen.standard_normal(args.n_norm), args.repeat)
    ours_perm = median_time(lambda: sample(args.n_perm), args.repeat)
    np_perm = median_time(lambda: gen.permutation(args.n_perm), args.repeat)

    r = None
    if not args.no_r:
        with tempfile.TemporaryDirectory() as tmpdir:
            r = bench_r(args.n_norm, args.n_perm, args.repeat, Path(tmpdir))
        if r is None:
            print("Rscript not found: R skipped")

    print(f"\n{'call':44s} {'time':>9s} {'ours vs it':>11s}")
    rows = [
        (f"statkmeans rnorm({args.n_norm:,})", ours_norm, None),
        ("numpy Generator.standard_normal", np_norm, ours_norm / np_norm),
    ]
    if r is not None:
        rows.append((f"R rnorm({args.n_norm:,})", r[0], ours_norm / r[0]))
    rows += [
        (f"statkmeans sample({args.n_perm:,})", ours_perm, None),
        ("numpy Generator.permutation", np_perm, ours_perm / np_perm),
    ]
    if r is not None:
        rows.append((f"R sample({args.n_perm:,})", r[1], ours_perm / r[1]))
    for name, t, ratio in rows:
        shown = "" if ratio is None else f"{ratio:10.2f}x"
        print(f"{name:44s} {t:8.4f}s {shown:>11s}")

    print(f"\nrnorm: {ours_norm / np_norm:.2f}x numpy's time (target: within 2x)", end="")
    if r is not None:
        print(f", {r[0] / ours_norm:.1f}x faster than R")
        print(f"sample: {r[1] / ours_perm:.1f}x faster than R")
        set_seed(1)
        same_norm = np.array_equal(rnorm(args.n_norm), r[2])
        set_seed(1)
        same_perm = np.array_equal(sample(args.n_perm), r[3])
        print(f"same values as R after set.seed(1): rnorm {'yes' if same_norm else 'NO'}, "
              f"sample {'yes' if same_perm else 'NO'}")
        if not (same_norm and same_perm):
            return 1
    else:
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
