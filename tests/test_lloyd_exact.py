"""Lloyd's fast kernel and the parallel totss against their plain references.

The fast Lloyd kernel prunes with bounds, filters distances through fused
multiply-adds and splits work between threads; each of these is only allowed
when it provably cannot change one of R's decisions or sums. These tests run
every internal path (``_core.lloyd``'s ``flags``) and thread count on data
built to sit on the rounding edge -- exact and near ties, large offsets,
p = 1 and 2, large k, empty clusters, huge and tiny values -- and compare
with ``_core.lloyd_reference``, a serial transcription of R's loop (itself
checked against R's fixtures in test_kmeans.py); MacQueen likewise with
``_core.macqueen_reference``. totss is compared with the
plain extended-precision loop the same way, on all 64 bits of the running sum
before its final rounding.
"""

from __future__ import annotations

import numpy as np
import pytest

from statkmeans._kernels import _core

# kmeans.h KM_FLAG_*: every combination must give the reference's result
EXACT_SCAN, NO_BOUNDS, BOUNDS, NO_SWEEP, SWEEP, COLUMN_SUMS, DOUBLE_FILTER = 1, 2, 4, 8, 16, 32, 64
FIXED_THREADS = 128
FLAG_SETS = [0, EXACT_SCAN, NO_BOUNDS, BOUNDS, NO_SWEEP, SWEEP, EXACT_SCAN | BOUNDS,
             EXACT_SCAN | NO_BOUNDS, BOUNDS | SWEEP, COLUMN_SUMS, COLUMN_SUMS | NO_BOUNDS,
             DOUBLE_FILTER, DOUBLE_FILTER | NO_BOUNDS, FIXED_THREADS]


def groups(n, p, k, seed, spread=3.0, noise=2.0, offset=0.0):
    """Overlapping Gaussian groups (the benchmark's kind of data) and k rows as centres."""
    rng = np.random.default_rng(seed)
    means = rng.normal(scale=spread, size=(k, p))
    x = means[rng.integers(0, k, n)] + rng.normal(scale=noise, size=(n, p)) + offset
    c = x[rng.choice(n, k, replace=False)].copy()
    return x, c


def ulp_near_ties(p, k, seed):
    """4000 points a few ulps off the bisectors of pairs of k random centres."""
    rng = np.random.default_rng(seed)
    c = rng.normal(size=(k, p))
    a, b = rng.integers(0, k, 4000), rng.integers(0, k, 4000)
    mid = (c[a] + c[b]) / 2
    return mid + rng.integers(-3, 4, size=mid.shape) * np.spacing(mid), c


def assert_same_as_reference(x, c, iter_max, flags=FLAG_SETS, threads=(1, 2, 3)):
    x = np.ascontiguousarray(x, dtype=np.float64)
    ref_c = np.array(c, dtype=np.float64)
    ref = _core.lloyd_reference(x, ref_c, iter_max)
    for f in flags:
        for nt in threads:
            got_c = np.array(c, dtype=np.float64)
            got = _core.lloyd(x, got_c, iter_max, nt, f)
            where = f"flags={f} threads={nt}"
            np.testing.assert_array_equal(got[0], ref[0], err_msg=where)  # labels
            np.testing.assert_array_equal(got[1], ref[1], err_msg=where)  # sizes
            np.testing.assert_array_equal(got[2], ref[2], err_msg=where)  # withinss
            assert got[3] == ref[3], where  # iter
            np.testing.assert_array_equal(got_c, ref_c, err_msg=where)  # centres, NaN too


class TestLloydPaths:
    @pytest.mark.parametrize("n,p,k", [(3000, 1, 5), (4000, 2, 5), (2000, 3, 4), (3000, 5, 13),
                                       (2500, 10, 10), (1500, 20, 64), (1200, 7, 100)])
    def test_overlapping_groups(self, n, p, k):
        x, c = groups(n, p, k, seed=n + p + k)
        assert_same_as_reference(x, c, iter_max=60)

    def test_enough_work_for_threads(self):
        """Large enough that every thread count really splits the passes."""
        x, c = groups(60000, 6, 9, seed=5)
        assert_same_as_reference(x, c, iter_max=40, flags=[0, EXACT_SCAN, BOUNDS, SWEEP, COLUMN_SUMS])

    @pytest.mark.parametrize("p,k", [(10, 10), (10, 4), (12, 3), (8, 40), (3, 7), (2, 5), (1, 9)])
    def test_many_threads_share_the_sums(self, p, k):
        """More threads than cores or clusters: the sums' plan cuts the clusters into
        runs and the columns into ranges (k < threads, p >= 8: runs first, then
        column ranges; p < 8: columns first), some threads with nothing to sum."""
        x, c = groups(20000, p, k, seed=p * 100 + k)
        assert_same_as_reference(x, c, iter_max=30, flags=[0, NO_BOUNDS, FIXED_THREADS],
                                 threads=(5, 7, 16))

    def test_phase_timers_off_in_a_default_build(self):
        """The -DKM_PHASE_TIMES diagnostics cost nothing unless built in: zeros."""
        x, c = groups(2000, 4, 5, seed=3)
        _core.lloyd(x, c, 10, 2, 0)
        assert _core.lloyd_phase_times() == (0.0,) * 6

    def test_enough_rows_for_parallel_sweeps(self):
        """Over 2^22 values: max |x|, withinss and totss also split between threads."""
        x, c = groups(300_000, 15, 6, seed=6)
        assert_same_as_reference(x, c, iter_max=8, flags=[0, NO_BOUNDS], threads=(1, 2))

    @pytest.mark.parametrize("offset", [1e6, -3e9, 1e12])
    def test_large_offsets(self, offset):
        """Data far from the origin: differences are exact, distances small."""
        x, c = groups(3000, 4, 6, seed=7, offset=offset)
        assert_same_as_reference(x, c, iter_max=40)

    def test_exact_ties_on_a_grid(self):
        """Integer data and centres: many points equidistant from two centres."""
        rng = np.random.default_rng(11)
        x = rng.integers(0, 7, size=(5000, 2)).astype(float)
        c = np.array([[1.0, 1.0], [3.0, 1.0], [1.0, 3.0], [3.0, 3.0], [5.0, 5.0]])
        assert_same_as_reference(x, c, iter_max=1)
        assert_same_as_reference(x, c, iter_max=30)

    def test_exact_ties_with_six_centres_left(self):
        """k = 4m + 2 with p > 4: the scans take the last six centres together."""
        rng = np.random.default_rng(13)
        x = rng.integers(0, 3, size=(4000, 6)).astype(float)
        c = np.unique(x, axis=0)[rng.choice(100, 10, replace=False)]
        assert_same_as_reference(x, c, iter_max=1)
        assert_same_as_reference(x, c, iter_max=30)

    def test_near_ties_by_one_ulp(self):
        """Points a few ulps off the bisector of two centres, one fixed pass."""
        x, c = ulp_near_ties(3, 8, seed=12)
        assert_same_as_reference(x, c, iter_max=1)
        assert_same_as_reference(x, c, iter_max=25)

    def test_duplicate_points_and_k_equal_n(self):
        x = np.repeat(np.arange(12.0).reshape(6, 2), 3, axis=0)
        assert_same_as_reference(x, x[::3].copy(), iter_max=10)
        y = np.arange(20.0).reshape(10, 2) ** 1.5
        assert_same_as_reference(y, y.copy(), iter_max=10)

    def test_empty_clusters(self):
        """Centres that attract nobody: NaN centres, never chosen again."""
        x, c = groups(2000, 3, 5, seed=13)
        c[1] = 1e3
        c[3] = -1e3
        assert_same_as_reference(x, c, iter_max=20)

    def test_cluster_emptied_later(self):
        rng = np.random.default_rng(14)
        x = np.vstack([rng.normal(size=(300, 2)), rng.normal(size=(300, 2)) + 8.0])
        c = np.array([[0.0, 0.0], [8.0, 8.0], [4.0, 4.0], [4.1, 3.9]])
        assert_same_as_reference(x, c, iter_max=20)

    @pytest.mark.parametrize("scale", [1e150, 1e-160])
    def test_huge_and_tiny_values(self, scale):
        """Beyond the bounds' range (no pruning) and in the subnormal range."""
        x, c = groups(1500, 3, 4, seed=15)
        assert_same_as_reference(x * scale, c * scale, iter_max=15)

    def test_one_centre(self):
        x, c = groups(500, 2, 1, seed=16)
        assert_same_as_reference(x, c, iter_max=5)

    def test_not_converged(self):
        x, c = groups(4000, 5, 30, seed=17)
        assert_same_as_reference(x, c, iter_max=3)


class TestSinglePrecisionFilter:
    """k * p >= 40: distances are first bounded in single precision (see kmeans.c,
    scan_points_sp); only the points the bound cannot settle get R's double scan.
    Flags 0 (that filter) and DOUBLE_FILTER must both give R's result on data at
    the edges of the bound: offsets, ulp-near ties, exact ties, float's range."""

    FLAGS = [0, NO_BOUNDS, SWEEP, DOUBLE_FILTER]

    @pytest.mark.parametrize("offset", [1e6, -3e9, 1e12, 1e15])
    def test_large_offsets(self, offset):
        x, c = groups(3000, 8, 8, seed=31, offset=offset)
        assert_same_as_reference(x, c, iter_max=30, flags=self.FLAGS)

    def test_near_ties_by_one_ulp(self):
        x, c = ulp_near_ties(8, 12, seed=32)
        assert_same_as_reference(x, c, iter_max=1, flags=self.FLAGS)
        assert_same_as_reference(x, c, iter_max=20, flags=self.FLAGS)

    def test_near_ties_at_the_float_bound(self):
        """Points off the bisector by about the single-precision bound (1e-6 relative)."""
        rng = np.random.default_rng(33)
        p, k = 10, 8
        c = rng.normal(scale=5.0, size=(k, p))
        a, b = rng.integers(0, k, 5000), rng.integers(0, k, 5000)
        mid = (c[a] + c[b]) / 2
        x = mid + rng.normal(size=mid.shape) * 10.0 ** rng.uniform(-9, -4, size=(5000, 1))
        assert_same_as_reference(x, c, iter_max=1, flags=self.FLAGS)
        assert_same_as_reference(x, c, iter_max=15, flags=self.FLAGS)

    def test_exact_ties_on_a_grid(self):
        rng = np.random.default_rng(34)
        x = rng.integers(0, 4, size=(4000, 8)).astype(float)
        c = np.unique(x, axis=0)[rng.choice(500, 9, replace=False)]
        assert_same_as_reference(x, c, iter_max=1, flags=self.FLAGS)
        assert_same_as_reference(x, c, iter_max=25, flags=self.FLAGS)

    @pytest.mark.parametrize("scale", [1e16, 1e-18, 1e-25, 1e-160])
    def test_edges_of_float_range(self, scale):
        """Near float's overflow (the filter must step aside), squares in float's subnormal range."""
        x, c = groups(2000, 8, 7, seed=35)
        assert_same_as_reference(x * scale, c * scale, iter_max=15, flags=self.FLAGS)

    def test_empty_clusters(self):
        x, c = groups(2000, 8, 9, seed=36)
        c[2] = 1e4
        c[5] = -1e4
        assert_same_as_reference(x, c, iter_max=20, flags=self.FLAGS)


class TestMacQueen:
    """MacQueen's first assignment, start means and withinss share Lloyd's kernels."""

    @pytest.mark.parametrize("n,p,k", [(3000, 1, 4), (4000, 2, 5), (2500, 10, 12), (1500, 20, 40),
                                       (300_000, 15, 6)])
    def test_same_as_reference(self, n, p, k):
        x, c = groups(n, p, k, seed=n + k)
        ref_c = c.copy()
        ref = _core.macqueen_reference(x, ref_c, 10)
        for nt in (1, 2, 3):
            got_c = c.copy()
            got = _core.macqueen(x, got_c, 10, nt)
            for a, b in zip(got[:3], ref[:3]):
                np.testing.assert_array_equal(a, b)
            assert got[3] == ref[3]
            np.testing.assert_array_equal(got_c, ref_c)

    def test_empty_cluster_and_ties(self):
        rng = np.random.default_rng(21)
        x = rng.integers(0, 5, size=(2000, 2)).astype(float)
        c = np.array([[1.0, 1.0], [3.0, 1.0], [1.0, 3.0], [50.0, 50.0]])
        ref_c = c.copy()
        ref = _core.macqueen_reference(x, ref_c, 20)
        got_c = c.copy()
        got = _core.macqueen(x, got_c, 20, 2)
        for a, b in zip(got[:3], ref[:3]):
            np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(got_c, ref_c)


class TestTotss:
    @pytest.mark.parametrize("n,p", [(2_200_000, 2), (70_000, 10)])
    def test_parallel_chunks(self, n, p):
        """Over 2^19 values: the chunk integers are formed by several threads."""
        rng = np.random.default_rng(3)
        x = rng.normal(size=(n, p)) * np.geomspace(1.0, 1e3, p) + 5.0
        expected = _core.totss_extended(x, reference=True)
        for nt in (1, 2, 3):
            assert _core.totss_extended(x, nt) == expected

    @pytest.mark.parametrize("n,p", [(70000, 1), (40000, 2), (30000, 3), (20000, 5), (9000, 10),
                                     (5000, 17), (3000, 50), (100, 4)])
    @pytest.mark.parametrize("kind", ["normal", "offset", "far", "int3", "bigint", "const",
                                      "zeros", "huge", "tiny", "twoval", "cauchy", "sorted"])
    def test_same_bits_as_the_plain_loop(self, n, p, kind):
        rng = np.random.default_rng(n * p)
        z = rng.normal(size=(n, p))
        x = {
            "normal": z,
            "offset": z * 1e-5 + 1e6,
            "far": z + 1e12,
            "int3": rng.integers(0, 3, size=(n, p)).astype(float),
            "bigint": rng.integers(0, 2**20, size=(n, p)).astype(float) * 2.0**30,
            "const": np.full((n, p), 3.25),
            "zeros": np.where(rng.random((n, p)) < 0.2, 0.0, z),
            "huge": z * 1e150,
            "tiny": z * 1e-160,
            "twoval": np.where(rng.random((n, p)) < 0.5, 0.0, 2.0**33),
            "cauchy": rng.standard_cauchy(size=(n, p)),
            "sorted": np.sort(z, axis=0) * 10.0,
        }[kind]
        x = np.ascontiguousarray(x)
        expected = _core.totss_reference(x)
        # all 64 bits of the extended-precision sum, before its rounding to double
        expected_ld = _core.totss_extended(x, reference=True)
        for nt in (1, 2, 3):
            got = _core.totss(x, nt)
            assert got == expected or (np.isnan(got) and np.isnan(expected)), (nt, got, expected)
            got_ld = _core.totss_extended(x, nt)
            assert got_ld == expected_ld or (np.isnan(got_ld) and np.isnan(expected_ld)), \
                (nt, got_ld, expected_ld)
