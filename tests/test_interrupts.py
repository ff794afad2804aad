"""Ctrl-C stops long calls within about a second.

In-process: a SIGALRM handler raises while a compiled loop runs; the loop
must notice (it polls for signals) and the exception must come out of the
call. In a subprocess: a real SIGINT to a running script must end it with
KeyboardInterrupt quickly, leaving no process behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from statkmeans import clus_gap, dist, kmeans, silhouette

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs setitimer")


class Stop(Exception):
    pass


def stopped_within(call, after=0.2, limit=1.0):
    """Run call(); a signal handler raises Stop after ``after`` s; return the seconds it took."""

    def handler(signum, frame):
        raise Stop

    old = signal.signal(signal.SIGALRM, handler)
    start = time.perf_counter()
    try:
        signal.setitimer(signal.ITIMER_REAL, after)
        with pytest.raises(Stop):
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


SCRIPT = textwrap.dedent("""
    import sys, numpy as np
    from statkmeans import silhouette
    x = np.random.default_rng(0).normal(size=(120_000, 5))
    print("ready", flush=True)
    silhouette(np.arange(len(x)) % 4 + 1, data=x)
    print("finished", flush=True)
""")


@pytest.mark.slow
def test_sigint_to_a_script(tmp_path):
    """A real SIGINT (Ctrl-C) ends a script mid-call with KeyboardInterrupt within a second."""
    # run outside the source tree, so that the installed package is imported
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            cwd=tmp_path)
    with proc:
        try:
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(1.0)  # well inside the O(n^2) silhouette sums
            sent = time.perf_counter()
            os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
            proc.wait(timeout=10)
            took = time.perf_counter() - sent
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        err = proc.stderr.read()
        out = proc.stdout.read()
    assert "KeyboardInterrupt" in err
    assert "finished" not in out
    assert took < 1.5, f"took {took:.2f} s to exit"
    with pytest.raises(ProcessLookupError):  # nothing left in its process group
        os.killpg(proc.pid, 0)
