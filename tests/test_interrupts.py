"""Ctrl-C stops long calls within about a second.

In-process: a SIGALRM handler raises while a compiled loop runs; the loop
must notice (it polls for signals) and the exception must come out of the
call; work on pool threads stops too (the stop flag), the default stream is
left as it was, and an executor the user passed stays usable. In a
subprocess: a real SIGINT to the process group (as a terminal sends it) must
end a running script with KeyboardInterrupt quickly, leaving no process
behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from statkmeans import (
    choose_k,
    clus_gap,
    cluster_stats,
    dist,
    get_stream,
    kmeans,
    kmeansruns,
    nbclust,
    set_seed,
    silhouette,
)
from statkmeans._kernels import _core, _indices

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs setitimer")


class Stop(Exception):
    pass


def stopped_within(call, after=0.2, limit=1.0, error=Stop):
    """Run call(); a signal handler raises ``error`` after ``after`` s; return the seconds
    it took."""

    def handler(signum, frame):
        raise error

    old = signal.signal(signal.SIGALRM, handler)
    start = time.perf_counter()
    try:
        signal.setitimer(signal.ITIMER_REAL, after)
        with pytest.raises(error):
            call()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    took = time.perf_counter() - start
    assert took < after + limit, f"took {took:.2f} s to stop"
    return took


BIG = np.random.default_rng(0).normal(size=(60_000, 5))


def test_silhouette_from_data():
    codes = np.arange(len(BIG)) % 3 + 1
    stopped_within(lambda: silhouette(codes, data=BIG))


def test_silhouette_from_dist():
    x = BIG[:6000]
    d = dist(x)
    codes = np.arange(len(x)) % 3 + 1
    stopped_within(lambda: [silhouette(codes, d) for _ in range(200)])


def test_dist():
    stopped_within(lambda: dist(BIG[:30_000]))


def test_gap_within_sums():
    """clus_gap's W_k pair sums (O(n^2)) stop too."""
    x = BIG[:20_000]
    stopped_within(lambda: clus_gap(x, kmeans, K_max=2, B=50, rng=1, verbose=False))


def test_result_after_interrupt_is_unchanged():
    """An interrupted call leaves nothing behind: the next call gives the full result."""
    codes = np.arange(3000) % 3 + 1
    before = silhouette(codes, data=BIG[:3000])
    stopped_within(lambda: silhouette(np.arange(len(BIG)) % 3 + 1, data=BIG))
    assert silhouette(codes, data=BIG[:3000]) == before



# -- k-means and fpc kernels ------------------------------------------------------------------

LARGE = np.random.default_rng(1).normal(size=(400_000, 5))


@pytest.mark.parametrize("algorithm", ["Lloyd", "Hartigan-Wong", "MacQueen"])
@pytest.mark.parametrize("n_threads", [1, 2])
def test_kmeans_one_start(algorithm, n_threads):
    """One long run on the calling thread (Lloyd's passes on 1 and 2 OpenMP threads)."""
    stopped_within(lambda: kmeans(LARGE, 60, iter_max=10**6, algorithm=algorithm, rng=1,
                                  n_threads=n_threads))


def test_kmeans_starts_on_the_pool():
    """Many starts on the thread pool: the stop flag ends the runs on the pool's threads."""
    took = stopped_within(lambda: kmeans(LARGE, 20, nstart=200, rng=1, n_threads=2))
    assert took < 1.0


def test_kmeans_starts_on_a_thread_executor_which_stays_usable():
    """A user's thread pool: its running runs stop, it is not shut down, and a later
    call on it gives the result of a call without it."""
    with ThreadPoolExecutor(2) as ex:
        stopped_within(lambda: kmeans(LARGE, 20, nstart=200, rng=1, executor=ex))
        assert ex.submit(lambda: 42).result(timeout=5) == 42
        x = LARGE[:2000]
        got = kmeans(x, 3, nstart=4, rng=7, executor=ex)
    want = kmeans(x, 3, nstart=4, rng=7)
    assert np.array_equal(got.cluster, want.cluster) and got.tot_withinss == want.tot_withinss


def test_kernels_of_kmeans():
    """nearest, totss and unique_rows poll too (each given an already-set stop flag)."""
    stop = np.ones(1, dtype=np.intc)
    x = np.repeat(LARGE, 3, axis=0)
    centers = np.ascontiguousarray(LARGE[:50])
    for call in (lambda: _core.nearest(x, centers, 1, stop=stop),
                 lambda: _core.totss(x, 1, stop=stop),
                 lambda: _core.unique_rows(x, stop=stop),
                 lambda: _core.lloyd(x, centers.copy(), 10, 1, stop=stop),
                 lambda: _core.macqueen(x, centers.copy(), 10, 1, stop=stop),
                 lambda: _core.hartigan_wong(x, centers.copy(), 10, stop=stop)):
        with pytest.raises(KeyboardInterrupt, match="another part of this call"):
            call()


def test_stop_flag_set_midway():
    """A flag set by another thread while a kernel runs on this one stops it."""
    stop = np.zeros(1, dtype=np.intc)
    timer = threading.Timer(0.2, lambda: stop.__setitem__(0, 1))
    start = time.perf_counter()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            _core.lloyd(LARGE, np.ascontiguousarray(LARGE[:60]), 10**6, 1, stop=stop)
    finally:
        timer.cancel()
    assert time.perf_counter() - start < 1.2


def test_cluster_stats_from_data():
    """fpc's cluster.stats from data: the O(n^2) sweep (and the exact passes) stop."""
    codes = np.arange(len(BIG)) % 3 + 1
    stopped_within(lambda: cluster_stats(clustering=codes, data=BIG))
    small = BIG[:3000]
    stopped_within(lambda: [cluster_stats(clustering=np.arange(3000) % 3 + 1, data=small)
                            for _ in range(100)])


@pytest.mark.parametrize("kernel", ["medians", "widest_gaps", "sweep", "stats_exact"])
def test_kernels_of_cluster_stats(kernel):
    """Median selection, Prim's widest gaps (one big cluster on two threads: the master
    waits for the other thread's cluster and keeps looking), the sweep, the exact passes."""
    x = BIG[:40_000]
    cl = np.zeros(len(x), dtype=np.int32)
    cl[:5] = 1  # a tiny cluster the master may take while the other thread has the big one
    calls = {
        "medians": lambda: _indices.medians(x, None, len(x), cl, 2, np.full(2, 10.0), 2,
                                            sampled=False),
        "widest_gaps": lambda: _indices.widest_gaps(x, None, len(x), cl, 2, 2),
        "sweep": lambda: _indices.sweep(x, cl, 2, 2),
        "stats_exact": lambda: _indices.stats_exact(x, None, len(x), cl, 2),
    }
    stopped_within(calls[kernel])


# -- the stream and the executors after an interrupted call ---------------------------------


DRAWS = np.random.default_rng(2).normal(size=(3000, 4))


@pytest.mark.parametrize("call", [
    lambda: kmeans(LARGE, 20, nstart=200),
    lambda: clus_gap(DRAWS, kmeans, K_max=6, B=500, verbose=False),
    lambda: nbclust(DRAWS, method="gap_stat", k_max=6, nboot=500, verbose=False),
    lambda: choose_k(DRAWS, k_max=6, B=500),
    lambda: kmeansruns(LARGE[:100_000], krange=range(2, 30), runs=20),
], ids=["kmeans", "clus_gap", "nbclust", "choose_k", "kmeansruns"])
def test_the_default_stream_is_restored(call):
    """An interrupted call that draws from the default stream leaves it as it was, so a
    rerun gives what the interrupted call would have given."""
    set_seed(11)
    before = get_stream().copy()
    stopped_within(call, after=0.4, limit=1.5, error=KeyboardInterrupt)
    assert get_stream() == before


def test_a_generator_is_restored():
    """rng= a numpy Generator: its state is put back too."""
    gen = np.random.default_rng(5)
    before = gen.bit_generator.state
    stopped_within(lambda: clus_gap(DRAWS, kmeans, K_max=6, B=500, verbose=False, rng=gen),
                   after=0.4, limit=1.5, error=KeyboardInterrupt)
    assert gen.bit_generator.state == before


def test_errors_leave_the_stream_advanced():
    """An error of the call itself is not an interrupt: the stream is where the draws got
    to, as in R (code that retries a failed fit draws new starts)."""
    set_seed(3)
    before = get_stream().copy()
    stopped_within(lambda: kmeans(LARGE, 20, nstart=200), after=0.4, limit=1.5)  # Stop
    assert get_stream() != before


# -- real SIGINT to a script -------------------------------------------------------------------


def _group_members(pgid):
    """Processes of the group that are not zombies (which only wait for their parent)."""
    live = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # state, ppid, pgrp, ...
        if int(fields[2]) == pgid and fields[0] != "Z":
            live.append(int(entry.name))
    return live


def interrupt_script(tmp_path, body, wait=1.5):
    """Run a script; after it prints "ready" and ``wait`` more seconds, send SIGINT to its
    process group. Returns (seconds to exit, stderr, stdout)."""
    script = textwrap.dedent(body)
    # run outside the source tree, so that the installed package is imported
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            cwd=tmp_path)
    with proc:
        try:
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(wait)
            sent = time.perf_counter()
            os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
            proc.wait(timeout=15)
            took = time.perf_counter() - sent
            # worker processes (a pool's, a forkserver) must go too
            deadline = time.perf_counter() + 3.0
            while _group_members(proc.pid) and time.perf_counter() < deadline:
                time.sleep(0.05)
            left = _group_members(proc.pid)
        finally:
            if proc.poll() is None or _group_members(proc.pid):
                os.killpg(proc.pid, signal.SIGKILL)
        err = proc.stderr.read()
        out = proc.stdout.read()
    assert "KeyboardInterrupt" in err, err[-2000:]
    assert "finished" not in out
    assert took < 1.5, f"took {took:.2f} s to exit"
    assert not left, f"processes left behind: {left}"
    return took


pytestmark_linux = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


@pytest.mark.slow
@pytestmark_linux
def test_sigint_to_a_script(tmp_path):
    """A real SIGINT (Ctrl-C) ends a script mid-silhouette with KeyboardInterrupt."""
    interrupt_script(tmp_path, """
        import numpy as np
        from statkmeans import silhouette
        x = np.random.default_rng(0).normal(size=(120_000, 5))
        print("ready", flush=True)
        silhouette(np.arange(len(x)) % 4 + 1, data=x)
        print("finished", flush=True)
    """, wait=1.0)


@pytest.mark.slow
@pytestmark_linux
def test_sigint_kmeans_many_starts(tmp_path):
    """kmeans(x, 20, nstart=200) at n = 4e5: the starts run on the thread pool."""
    interrupt_script(tmp_path, """
        import numpy as np
        from statkmeans import kmeans
        x = np.random.default_rng(0).normal(size=(400_000, 5))
        print("ready", flush=True)
        kmeans(x, 20, nstart=200)
        print("finished", flush=True)
    """)


@pytest.mark.slow
@pytestmark_linux
@pytest.mark.parametrize("n_threads", [1, 2])
def test_sigint_long_lloyd(tmp_path, n_threads):
    """A long Lloyd run, single- and multi-threaded."""
    interrupt_script(tmp_path, f"""
        import numpy as np
        from statkmeans import kmeans
        x = np.random.default_rng(0).normal(size=(2_000_000, 10))
        print("ready", flush=True)
        kmeans(x, 50, iter_max=100_000, algorithm="Lloyd", rng=1, n_threads={n_threads})
        print("finished", flush=True)
    """)


@pytest.mark.slow
@pytestmark_linux
def test_sigint_clus_gap_on_a_process_pool(tmp_path):
    """clus_gap on a forkserver ProcessPoolExecutor: the workers stop and exit too."""
    interrupt_script(tmp_path, """
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        import numpy as np
        from statkmeans import clus_gap, kmeans
        if __name__ == "__main__":
            x = np.random.default_rng(0).normal(size=(20_000, 4))
            ctx = multiprocessing.get_context("forkserver")
            with ProcessPoolExecutor(2, mp_context=ctx) as ex:
                ex.submit(int).result()  # the workers are up
                print("ready", flush=True)
                clus_gap(x, kmeans, K_max=8, B=100, executor=ex, rng=1, verbose=False)
            print("finished", flush=True)
    """)


@pytest.mark.slow
@pytestmark_linux
def test_sigint_cluster_stats(tmp_path):
    """fpc's cluster.stats from data on a large n."""
    interrupt_script(tmp_path, """
        import numpy as np
        from statkmeans import cluster_stats
        x = np.random.default_rng(0).normal(size=(100_000, 5))
        print("ready", flush=True)
        cluster_stats(clustering=np.arange(len(x)) % 3 + 1, data=x)
        print("finished", flush=True)
    """)


@pytest.mark.slow
def test_a_process_pool_stays_usable(tmp_path):
    """Only the main process interrupted (a signal handler, as a notebook's interrupt may
    be): the tasks running in a user's process pool see the call's stop flag and end, and
    the pool takes new work at once."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(2, mp_context=ctx) as ex:
        ex.submit(int).result()
        stopped_within(lambda: clus_gap(DRAWS, kmeans, K_max=8, B=200, executor=ex, rng=1,
                                        verbose=False), after=1.0, limit=1.0)
        start = time.perf_counter()
        assert ex.submit(int, "7").result(timeout=10) == 7
        assert time.perf_counter() - start < 1.0  # not queued behind the stopped call's work
