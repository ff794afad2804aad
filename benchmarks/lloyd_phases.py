"""Lloyd's time by phase, at several thread counts and internal flag sets.

Needs kernels built with -DKM_PHASE_TIMES (otherwise every phase reads 0):

    cp -r . /tmp/ph && cd /tmp/ph && CFLAGS=-DKM_PHASE_TIMES python setup.py build_ext --inplace
    PYTHONPATH=/tmp/ph python benchmarks/lloyd_phases.py 4,16 0,32,128 3

Arguments: thread counts, flag sets (kmeans.h KM_FLAG_*: 32 sums split by
columns only, 128 no thread governor), rounds. For each workload of
bench_kmeans.py it prints the median time of a call and the mean time per
call of each phase: set-up before pass 1, assignment, sums, the serial steps
between passes, withinss and the end, and the passes.
"""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_kmeans import WORKLOADS, groups
from statkmeans._kernels import _core

threads = [int(t) for t in sys.argv[1].split(",")]
flagsets = [int(f) for f in sys.argv[2].split(",")]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
print("ms per call: total | setup assign sums serial end | passes  (flags 32 column sums, 128 fixed threads)")
for name, n, p, k, iter_max, seed, csd, nsd in WORKLOADS:
    x, c0 = groups(n, p, k, seed, csd, nsd)
    print(name, flush=True)
    for nt in threads:
        for f in flagsets:
            c = c0.copy(); _core.lloyd(x, c, iter_max, nt, f)
            _core.lloyd_phase_times(True)
            ts = []
            for _ in range(rounds):
                c = c0.copy(); t = time.perf_counter(); _core.lloyd(x, c, iter_max, nt, f); ts.append(time.perf_counter() - t)
            ph = _core.lloyd_phase_times(True)
            print(f"  {nt:>2d} thr flags {f:>3d}: {1e3*statistics.median(ts):8.1f} | " + " ".join(f"{1e3*v/rounds:7.1f}" for v in ph[:5]) + f" | {ph[5]/rounds:.0f}", flush=True)
