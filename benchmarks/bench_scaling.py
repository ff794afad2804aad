"""Thread scaling on a many-core machine: statkmeans vs scikit-learn, 1 to all cores.

    python benchmarks/bench_scaling.py                    # threads 1, 2, 4, ... all cores
    python benchmarks/bench_scaling.py --threads 1,4,16 --rounds 3
    python benchmarks/bench_scaling.py --only lloyd --quick

1. Lloyd on the workloads of ``bench_kmeans.py`` (same data, same initial
   centres for both tools) at each thread count: statkmeans ``kmeans(x, c0,
   iter_max, algorithm="Lloyd", n_threads=T)`` against scikit-learn
   ``KMeans(init=c0, n_init=1, tol=0, algorithm="lloyd")`` under
   ``threadpool_limits(T)``. Also checked: statkmeans' result at T threads is
   bit-identical to its one-thread result (clusters, iter, tot.withinss).
2. The fixed cost of a call at n = 1e7, p = 10, k = 10 (``--big``): one pass
   (``iter_max=1``) against eleven, at all threads, both tools.
3. Random starts: ``kmeans(x, 10, nstart=25)`` (R's default Hartigan-Wong, and
   Lloyd with ``iter_max=30``) against ``KMeans(10, init="random", n_init=25,
   algorithm="lloyd", tol=0, max_iter=30)`` on n = 1e5, p = 10. The starts
   differ (R's draws vs numpy's), so this compares throughput, not results.
4. ``silhouette(cl, data=x)`` against ``silhouette_samples(x, cl)``, n = 20,000,
   p = 10, k = 5 (widths compared).

Times are medians of rounds in which the tools alternate; "speed-up" is the
one-thread time over the T-thread time of the same tool.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_kmeans import WORKLOADS, fmt_s, groups, timed  # noqa: E402

import statkmeans  # noqa: E402
from statkmeans import kmeans, set_seed  # noqa: E402
from statkmeans.silhouette import silhouette  # noqa: E402


def quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", statkmeans.StatKMeansWarning)
        return func(*args, **kwargs)


def alternate(funcs, rounds):
    """Median time of each function over rounds in which they alternate."""
    times = [[] for _ in funcs]
    for _ in range(rounds):
        for t, f in zip(times, funcs):
            t.append(timed(f)[0])
    return [statistics.median(t) for t in times], times


def case_lloyd(thread_list, rounds, use_sk, names):
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    print(f"1. Lloyd, same initial centres, median of {rounds} rounds: statkmeans | scikit-learn | "
          f"ratio (range over rounds); speed-up over one thread in brackets")
    for name, n, p, k, iter_max, seed, csd, nsd in WORKLOADS:
        if names and not any(s in name for s in names):
            continue
        x, c0 = groups(n, p, k, seed, csd, nsd)
        ref = quiet(kmeans, x, c0, iter_max=iter_max, algorithm="Lloyd", n_threads=1)
        print(f"   {name} ({min(ref.iter, iter_max)} passes)", flush=True)
        base = {}
        for threads in thread_list:
            def ours():
                return quiet(kmeans, x, c0, iter_max=iter_max, algorithm="Lloyd", n_threads=threads)

            def sk():
                with threadpool_limits(threads):
                    return KMeans(k, init=c0, n_init=1, algorithm="lloyd", tol=0,
                                  max_iter=iter_max).fit(x)

            km = ours()  # warm-up; the result must equal the one-thread result
            same = (np.array_equal(km.cluster, ref.cluster) and km.iter == ref.iter
                    and km.tot_withinss == ref.tot_withinss)
            if use_sk:
                sk()
                (t_o, t_s), (all_o, all_s) = alternate([ours, sk], rounds)
            else:
                (t_o,), (all_o,) = alternate([ours], rounds)
            base.setdefault("o", t_o)
            line = (f"     {threads:>3d} threads: {fmt_s(t_o):>9s} [{base['o'] / t_o:5.2f}x]")
            if use_sk:
                base.setdefault("s", t_s)
                ratios = sorted(s / o for s, o in zip(all_s, all_o))
                line += (f" | {fmt_s(t_s):>9s} [{base['s'] / t_s:5.2f}x] | {t_s / t_o:5.2f}x "
                         f"({ratios[0]:.2f}-{ratios[-1]:.2f})")
            print(line + f" | same bits as 1 thread: {same}", flush=True)


def case_big(threads, rounds, use_sk):
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    n, p, k = 10_000_000, 10, 10
    rng = np.random.default_rng(11)
    means = rng.normal(scale=3.0, size=(k, p))
    x = np.empty((n, p))
    for i in range(0, n, 1_000_000):
        m = min(1_000_000, n - i)
        x[i:i + m] = means[rng.integers(0, k, m)] + rng.normal(scale=2.0, size=(m, p))
    c0 = x[rng.choice(n, k, replace=False)].copy()
    print(f"2. Fixed cost, n = 1e7, p = 10, k = 10, {threads} threads (median of {rounds}): "
          f"1 pass and 11 passes", flush=True)
    funcs = [lambda it=it: quiet(kmeans, x, c0, iter_max=it, algorithm="Lloyd", n_threads=threads)
             for it in (1, 11)]
    if use_sk:
        def sk(it):
            with threadpool_limits(threads):
                return KMeans(k, init=c0, n_init=1, algorithm="lloyd", tol=0, max_iter=it).fit(x)
        funcs += [lambda: sk(1), lambda: sk(11)]
    for f in funcs:
        f()
    med, _ = alternate(funcs, rounds)
    for label, (one, eleven) in [("statkmeans", med[:2])] + ([("scikit-learn", med[2:])] if use_sk else []):
        per = (eleven - one) / 10
        print(f"   {label:12s} 1 pass {fmt_s(one)}, 11 passes {fmt_s(eleven)}: per pass {fmt_s(per)}, "
              f"fixed {fmt_s(one - per)} ({(one - per) / per:.1f} passes)", flush=True)


def case_nstart(thread_list, rounds, use_sk):
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(5)
    means = rng.normal(scale=3.0, size=(10, 10))
    x = means[rng.integers(0, 10, 100_000)] + rng.normal(scale=2.0, size=(100_000, 10))
    print(f"3. nstart = 25, n = 1e5, p = 10, k = 10 (median of {rounds}): statkmeans Hartigan-Wong | "
          f"statkmeans Lloyd (30 passes at most) | scikit-learn lloyd (30 at most)")
    base = {}
    for threads in thread_list:
        def hw():
            set_seed(1)
            return quiet(kmeans, x, 10, nstart=25, n_threads=threads)

        def ll():
            set_seed(1)
            return quiet(kmeans, x, 10, nstart=25, algorithm="Lloyd", iter_max=30, n_threads=threads)

        def sk():
            with threadpool_limits(threads):
                return KMeans(10, init="random", n_init=25, algorithm="lloyd", tol=0, max_iter=30,
                              random_state=1).fit(x)

        funcs = [hw, ll] + ([sk] if use_sk else [])
        results = [f() for f in funcs]
        same = threads == thread_list[0] or (
            results[0].tot_withinss == base["hw"].tot_withinss
            and np.array_equal(results[0].cluster, base["hw"].cluster)
            and results[1].tot_withinss == base["ll"].tot_withinss)
        base.setdefault("hw", results[0])
        base.setdefault("ll", results[1])
        med, _ = alternate(funcs, rounds)
        base.setdefault("t", med)
        cells = [f"{fmt_s(t):>9s} [{b / t:5.2f}x]" for t, b in zip(med, base["t"])]
        extra = f" | sklearn / ours Lloyd {med[2] / med[1]:.2f}x" if use_sk else ""
        print(f"   {threads:>3d} threads: " + " | ".join(cells) + extra
              + f" | same bits as first: {same}", flush=True)


def case_silhouette(thread_list, rounds, use_sk):
    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(1)
    centres = rng.normal(scale=3.0, size=(5, 10))
    labels = rng.integers(0, 5, 20_000)
    x = np.ascontiguousarray(centres[labels] + rng.normal(size=(20_000, 10)))
    cl = (labels + 1).astype(np.int32)
    print(f"4. silhouette, n = 20,000, p = 10, k = 5 (median of {rounds}): statkmeans data= | "
          f"scikit-learn silhouette_samples")
    base = None
    for threads in thread_list:
        def ours():
            return silhouette(cl, data=x, n_threads=threads)

        funcs = [ours]
        if use_sk:
            from sklearn.metrics import silhouette_samples

            def sk():
                with threadpool_limits(threads):
                    return silhouette_samples(x, cl)
            funcs.append(sk)
        results = [f() for f in funcs]
        med, _ = alternate(funcs, rounds)
        base = base or med
        cells = [f"{fmt_s(t):>9s} [{b / t:5.2f}x]" for t, b in zip(med, base)]
        extra = ""
        if use_sk:
            diff = float(np.max(np.abs(np.asarray(results[0].sil_width) - results[1])))
            extra = f" | {med[1] / med[0]:.1f}x | max |diff| {diff:.1e}"
        print(f"   {threads:>3d} threads: " + " | ".join(cells) + extra, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    cores = os.cpu_count() or 1
    default = sorted({1, cores} | {2 ** i for i in range(1, 8) if 2 ** i < cores})
    parser.add_argument("--threads", default=",".join(map(str, default)),
                        help="comma-separated thread counts (default: 1, 2, 4, ... all cores)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one round; no n = 1e7 case")
    parser.add_argument("--workloads", default="",
                        help="comma-separated parts of workload names to keep (default: all)")
    parser.add_argument("--only", choices=["lloyd", "big", "nstart", "silhouette"], help="one section")
    args = parser.parse_args()
    thread_list = [int(t) for t in args.threads.split(",")]
    rounds = 1 if args.quick else args.rounds
    try:
        import sklearn
        import threadpoolctl  # noqa: F401
        use_sk = True
    except ImportError:
        use_sk = False
    print(f"statkmeans {statkmeans.__version__} | Python {platform.python_version()} | "
          f"numpy {np.__version__} | {platform.machine()} | {cores} cores | "
          f"{platform.processor() or platform.platform()}")
    print(f"scikit-learn {sklearn.__version__}" if use_sk else "(scikit-learn missing: skipped)")
    names = [s for s in args.workloads.split(",") if s]
    if args.only in (None, "lloyd"):
        case_lloyd(thread_list, rounds, use_sk, names)
    if args.only in (None, "big") and not args.quick:
        case_big(max(thread_list), rounds, use_sk)
    if args.only in (None, "nstart"):
        case_nstart(thread_list, rounds, use_sk)
    if args.only in (None, "silhouette"):
        case_silhouette(thread_list, rounds, use_sk)


if __name__ == "__main__":
    main()
