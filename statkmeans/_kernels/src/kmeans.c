/* k-means kernels with R's arithmetic; see kmeans.h and docs/r-behaviour.md section 7. */
#if !defined(_WIN32) && !defined(__APPLE__) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* clock_gettime under -std=c11 */
#endif
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* madvise's MADV_HUGEPAGE (common.h, sk_big_alloc) */
#endif
#include "kmeans.h"
#include "common.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__GNUC__)
#define KM_NOINLINE __attribute__((noinline))
#define KM_ALIGN64 __attribute__((aligned(64)))
#define KM_PREFETCH(a) __builtin_prefetch(a)
#define KM_LOAD(v) __atomic_load_n(&(v), __ATOMIC_RELAXED)
#define KM_STORE(v, x) __atomic_store_n(&(v), (x), __ATOMIC_RELAXED)
#else
#define KM_NOINLINE
#define KM_ALIGN64
#define KM_PREFETCH(a) ((void)(a))
#define KM_LOAD(v) (v)
#define KM_STORE(v, x) ((v) = (x))
#endif

/* AS 136's BIG = 1.0E30 is a single-precision constant. */
static const double BIG = (double)1.0e30f;

static inline double sqdist(const double *restrict a, const double *restrict b, int p)
{
    double d = 0.0;
    for (int j = 0; j < p; j++) {
        double t = a[j] - b[j];
        d += t * t;
    }
    return d;
}

/* Two squared distances from one point, their sums interleaved so that the
 * two dependency chains overlap; each is summed in column order. */
static inline void sqdist2(const double *restrict a, const double *restrict b1,
                           const double *restrict b2, int p, double *d1_out, double *d2_out)
{
    double d1 = 0.0, d2 = 0.0;
    for (int j = 0; j < p; j++) {
        double t1 = a[j] - b1[j];
        double t2 = a[j] - b2[j];
        d1 += t1 * t1;
        d2 += t2 * t2;
    }
    *d1_out = d1;
    *d2_out = d2;
}

/* Full sums for AS 136's abandoned ones ("full sums" below): AS 136
 * abandons a squared distance as soon as a partial sum reaches a bound; with
 * non-negative terms a rounded partial sum never exceeds the rounded full
 * sum, so completing the sum (sqdist) and comparing once gives the same
 * decision and the same value, without a branch per column. */

/* Below this much work per pass (multiply-adds), threads cost more than
 * they save, and a thread waiting for a busy core can stall a whole pass. */
#define KM_MIN_PARALLEL_WORK 200000

static int threads_for(int n_threads, int64_t work)
{
    return work < KM_MIN_PARALLEL_WORK ? 1 : sk_threads(n_threads);
}

/* ------------------------------------------------------------------------ */
/* Vectors and threads                                                       */

#define BLK 8 /* points per exact scan block */

#if defined(__GNUC__)
/* Generic vectors, lowered to the target's registers: four lanes are one AVX
 * register or two SSE2 ones. Each lane does the scalar code's separate
 * multiplies and adds in the scalar code's order. */
typedef double v4d __attribute__((vector_size(32)));
typedef long long v4i __attribute__((vector_size(32)));
#define V4_BLEND(m, a, b) ((v4d)((((v4i)(a)) & (m)) | (((v4i)(b)) & ~(m))))
#endif

static int omp_tid(void)
{
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

static int omp_nth(void)
{
#ifdef _OPENMP
    return omp_get_num_threads();
#else
    return 1;
#endif
}

static double omp_wall(void)
{
#if defined(_OPENMP)
    return omp_get_wtime();
#elif defined(_WIN32) /* mingw's clock_gettime is winpthread's */
    LARGE_INTEGER count, freq;
    QueryPerformanceCounter(&count);
    QueryPerformanceFrequency(&freq);
    return (double)count.QuadPart / (double)freq.QuadPart;
#elif defined(CLOCK_MONOTONIC)
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
#else
    struct timespec t; /* C11 */
    timespec_get(&t, TIME_UTC);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
#endif
}

/* See thread_governor (Lloyd): after a sign that the machine is busier than
 * its cores, parallel work takes at most busy_threads(nt) threads. */
static int busy_cap = 0;         /* threads that recently got their cores; 0: any */
static int64_t busy_until_ms = 0; /* until when (omp_wall() milliseconds) */

static int busy_threads(int nt)
{
    const int cap = KM_LOAD(busy_cap);
    const int64_t until = KM_LOAD(busy_until_ms);
    if (cap > 0 && cap < nt && (int64_t)(omp_wall() * 1e3) < until)
        return cap;
    return nt;
}

/* Diagnostics for benchmarks on many cores (off unless built with
 * -DKM_PHASE_TIMES): Lloyd's wall seconds by phase, summed over calls --
 * set-up before pass 1, assignment, sums, the serial steps between passes,
 * withinss and the end; then the passes. */
#ifdef KM_PHASE_TIMES
static double km_phase[6];
#define KM_PHASE_ADD(i, t) (km_phase[i] += (t))
#else
#define KM_PHASE_ADD(i, t) ((void)sizeof(t)) /* not evaluated */
#endif

void km_phase_times(double *out, int reset)
{
    for (int i = 0; i < 6; i++) {
#ifdef KM_PHASE_TIMES
        out[i] = km_phase[i];
        if (reset)
            km_phase[i] = 0.0;
#else
        out[i] = 0.0;
        (void)reset;
#endif
    }
}

/* Threads for one sweep over work items that take a few cycles each: one
 * per 2^18 items at most (a parallel region costs more than it saves below
 * that, and far more when a thread has to wait for a busy core, which
 * busy_threads remembers). Measured for totss: 6e5 values 1.21 ms on one
 * thread, 0.77 ms on two; 3e5 values no faster on two. */
static int sweep_threads(int nt, int64_t items)
{
    const int64_t most = items >> 18;
    nt = busy_threads(nt);
    return most < 1 ? 1 : most < nt ? (int)most : nt;
}

/* Contiguous static share [lo, hi) of n items for thread tid of nth,
 * in whole blocks of BLK. */
static void thread_range(int64_t n, int tid, int nth, int64_t *lo, int64_t *hi)
{
    int64_t nblocks = (n + BLK - 1) / BLK;
    int64_t b_lo = nblocks * tid / nth, b_hi = nblocks * (tid + 1) / nth;
    *lo = b_lo * BLK < n ? b_lo * BLK : n;
    *hi = b_hi * BLK < n ? b_hi * BLK : n;
}

/* ------------------------------------------------------------------------ */
/* Nearest centre: R's scan over l = 1..k keeping the first strict minimum.  */

/* The rows idx[0..nb) of x, transposed into xt (coordinate j of point q at
 * xt[j * BLK + q]); lanes past nb repeat the first row. */
SK_MULTIVERSION
static void gather_rows(const double *restrict x, int p, const int64_t *restrict idx, int nb,
                        double *restrict xt)
{
    const double *r[BLK];
    for (int q = 0; q < BLK; q++)
        r[q] = x + idx[q < nb ? q : 0] * (int64_t)p;
#if defined(__GNUC__)
    /* whole 4-lane stores: the scan's 4-lane loads are then forwarded from
     * one store each (a load spanning several smaller stores waits for
     * them to reach the cache) */
    for (int j = 0; j < p; j++) {
        const v4d lo = {r[0][j], r[1][j], r[2][j], r[3][j]};
        const v4d hi = {r[4][j], r[5][j], r[6][j], r[7][j]};
        memcpy(xt + j * BLK, &lo, sizeof lo);
        memcpy(xt + j * BLK + 4, &hi, sizeof hi);
    }
#else
    for (int j = 0; j < p; j++)
        for (int q = 0; q < BLK; q++)
            xt[j * BLK + q] = r[q][j];
#endif
}

/* The scans take centres four at a time (six when six are left) and the
 * last few one at a time, which is slow when p is large (a sum of p terms
 * in a single chain): then kpad = k rounded up to a multiple of 4 (k itself
 * when it leaves 2, as six at a time cover it) and the extra rows are +Inf
 * (their distances are +Inf: never below the best or the second-best, so
 * they change nothing). */
static int kpad_of(int k, int p) { return p > 4 && k % 4 != 2 ? (k + 3) / 4 * 4 : k; }

static void pad_centres(const double *c, int k, int p, double *cpad)
{
    memcpy(cpad, c, sizeof(double) * (size_t)k * p);
    for (int64_t e = (int64_t)k * p; e < (int64_t)kpad_of(k, p) * p; e++)
        cpad[e] = INFINITY;
}

#if defined(__GNUC__)
/* Keep the first strict minimum (b, its label lab) and the second-smallest
 * distance s per lane; NaN never wins (comparisons with NaN are false). */
#define SCAN_KEEP(d, b, s, lab, val)                                                               \
    do {                                                                                           \
        const v4i lt_ = (d) < (b);                                                                 \
        const v4i lt2_ = ((d) < (s)) & ~lt_;                                                       \
        (s) = V4_BLEND(lt_, (b), V4_BLEND(lt2_, (d), (s)));                                        \
        (b) = V4_BLEND(lt_, (d), (b));                                                             \
        (lab) = V4_BLEND(lt_, zero + (double)(val), (lab));                                        \
    } while (0)
#endif

#if defined(__GNUC__)
/* Centres l + 1 .. l + g (g = 4 or 6, a constant once inlined) for the BLK
 * points of xt, 2g sums in flight, kept by SCAN_KEEP in index order. */
static inline __attribute__((always_inline)) void
scan_group(const double *restrict xt, int p, const double *restrict c, int l, const int g,
           v4d *b0, v4d *b1, v4d *s0, v4d *s1, v4d *n0, v4d *n1)
{
    const v4d zero = {0.0, 0.0, 0.0, 0.0};
    const double *cg = c + (int64_t)l * p;
    v4d a[12];
#pragma GCC unroll 12
    for (int q = 0; q < 2 * g; q++)
        a[q] = zero;
    for (int j = 0; j < p; j++) {
        const v4d x0 = *(const v4d *)(xt + j * BLK), x1 = *(const v4d *)(xt + j * BLK + 4);
#pragma GCC unroll 6
        for (int q = 0; q < g; q++) {
            v4d t = x0 - cg[(int64_t)q * p + j];
            a[2 * q] += t * t;
            t = x1 - cg[(int64_t)q * p + j];
            a[2 * q + 1] += t * t;
        }
    }
#pragma GCC unroll 6
    for (int q = 0; q < g; q++) {
        SCAN_KEEP(a[2 * q], *b0, *s0, *n0, l + q + 1);
        SCAN_KEEP(a[2 * q + 1], *b1, *s1, *n1, l + q + 1);
    }
}
#endif

/* Nearest centre of the BLK points in xt (see gather_rows): R's squared
 * distances, column by column with separate multiply and add, lanes holding
 * points; four centres at a time so that eight sums are in flight. OUT
 * lab_out: 1-based nearest centre (first on ties), 0 when no distance is
 * below +Inf; d1_out/d2_out: the smallest and second-smallest distance. */
SK_MULTIVERSION
static void scan_points(const double *restrict xt, int p, const double *restrict c, int k,
                        int32_t *restrict lab_out, double *restrict d1_out,
                        double *restrict d2_out)
{
#if defined(__GNUC__)
    const v4d inf = {INFINITY, INFINITY, INFINITY, INFINITY};
    const v4d zero = {0.0, 0.0, 0.0, 0.0};
    v4d b0 = inf, b1 = inf, s0 = inf, s1 = inf, n0 = zero, n1 = zero;
    int l = 0;
    for (; l + 4 <= k && k - l != 6; l += 4)
        scan_group(xt, p, c, l, 4, &b0, &b1, &s0, &s1, &n0, &n1);
    if (k - l == 6) { /* the last six together: twelve sums in flight */
        scan_group(xt, p, c, l, 6, &b0, &b1, &s0, &s1, &n0, &n1);
        l += 6;
    }
    for (; l < k; l++) {
        const double *c0 = c + (int64_t)l * p;
        v4d a00 = zero, a01 = zero;
        for (int j = 0; j < p; j++) {
            const v4d x0 = *(const v4d *)(xt + j * BLK), x1 = *(const v4d *)(xt + j * BLK + 4);
            v4d t;
            t = x0 - c0[j];
            a00 += t * t;
            t = x1 - c0[j];
            a01 += t * t;
        }
        SCAN_KEEP(a00, b0, s0, n0, l + 1);
        SCAN_KEEP(a01, b1, s1, n1, l + 1);
    }
    double best[BLK], second[BLK], lab[BLK];
    memcpy(best, &b0, sizeof b0);
    memcpy(best + 4, &b1, sizeof b1);
    memcpy(second, &s0, sizeof s0);
    memcpy(second + 4, &s1, sizeof s1);
    memcpy(lab, &n0, sizeof n0);
    memcpy(lab + 4, &n1, sizeof n1);
#else
    double best[BLK], second[BLK], lab[BLK];
    for (int q = 0; q < BLK; q++) {
        best[q] = second[q] = INFINITY;
        lab[q] = 0.0;
    }
    for (int l = 0; l < k; l++) {
        const double *cl = c + (int64_t)l * p;
        for (int q = 0; q < BLK; q++) {
            double d = 0.0;
            for (int j = 0; j < p; j++) {
                double t = xt[j * BLK + q] - cl[j];
                d += t * t;
            }
            if (d < best[q]) {
                second[q] = best[q];
                best[q] = d;
                lab[q] = (double)(l + 1);
            } else if (d < second[q]) {
                second[q] = d;
            }
        }
    }
#endif
    for (int q = 0; q < BLK; q++) {
        lab_out[q] = (int32_t)lab[q];
        d1_out[q] = best[q];
        d2_out[q] = second[q];
    }
}

/* Not on Windows: GCC there cannot align the stack for 32-byte vectors
 * that spill (GCC bug 54412), so the filters' AVX code could fault. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(_WIN32)
#define KM_FMA_FILTER 1
#include <immintrin.h>

/* A filter for scan_points on CPUs with FMA: the same differences t, but
 * t * t added with one rounding (fused multiply-add), which moves half the
 * work to the multiply units. These sums differ from R's, but both are
 * within a relative p * 2^-53 (plus underflow, below 1e-300) of the exact
 * sum of the t^2, so when the smallest filtered distance is below every
 * other by a relative FILTER_GAP, R's smallest is at the same centre, and
 * strictly: the label is R's. Returns a mask of the points (bit q) where
 * the gap is smaller (near ties); their result must come from scan_points.
 * d1/d2 are the filtered distances, as good as R's for the bounds (their
 * margins ETA are far wider). Needs moderate values (see PRUNE_MAX), p below
 * 1e6, and the CPU's FMA. */
static const double FILTER_GAP = 1e-9;
static const double FILTER_TINY = 1e-300;

/* Keep the first strict minimum (b, its label lab) and the second-smallest
 * value s per lane, for vectors of T = pd (double) or ps (float); NaN never
 * wins (comparisons with NaN are false, and max/min then keep b and s). */
#define VEC_KEEP(T, d, b, s, lab, val)                                                             \
    do {                                                                                           \
        const __typeof__(b) d_ = (d);                                                              \
        const __typeof__(b) lt_ = _mm256_cmp_##T(d_, (b), _CMP_LT_OQ);                             \
        (s) = _mm256_min_##T(_mm256_max_##T((b), d_), (s));                                        \
        (b) = _mm256_blendv_##T((b), d_, lt_);                                                     \
        (lab) = _mm256_blendv_##T((lab), _mm256_set1_##T(val), lt_);                               \
    } while (0)

/* Two running choices of the same points over different centres, merged:
 * the smaller best wins, the lower label on a tie (R's first index); the
 * second-best is the smaller of the two seconds and the larger best. */
#define VEC_MERGE(T, b, s, lab, b2, s2, lab2)                                                      \
    do {                                                                                           \
        const __typeof__(b) take_ = _mm256_or_##T(                                                 \
            _mm256_cmp_##T((b2), (b), _CMP_LT_OQ),                                                 \
            _mm256_and_##T(_mm256_cmp_##T((b2), (b), _CMP_EQ_OQ),                                  \
                           _mm256_cmp_##T((lab2), (lab), _CMP_LT_OQ)));                            \
        (s) = _mm256_min_##T(_mm256_min_##T((s), (s2)), _mm256_max_##T((b), (b2)));                \
        (b) = _mm256_blendv_##T((b), (b2), take_);                                                 \
        (lab) = _mm256_blendv_##T((lab), (lab2), take_);                                           \
    } while (0)

#define FMA_ACC(a, xv, cv)                                                                         \
    do {                                                                                           \
        const __m256d t_ = _mm256_sub_pd((xv), (cv));                                              \
        (a) = _mm256_fmadd_pd(t_, t_, (a));                                                        \
    } while (0)

/* Centres l + 1 .. l + g (g = 4 or 6, a constant once inlined) through the
 * filter, 2g sums in flight; odd-numbered centres go to the first running
 * choice (keep[0..6): b0, b1, s0, s1, n0, n1), even-numbered ones to the
 * second (keep[6..12)), each in index order. */
__attribute__((target("avx2,fma"))) static inline __attribute__((always_inline)) void
fma_group(const double *restrict xt, int p, const double *restrict c, int l, const int g,
          __m256d *restrict keep)
{
    const double *cg = c + (int64_t)l * p;
    __m256d a[12];
#pragma GCC unroll 12
    for (int q = 0; q < 2 * g; q++)
        a[q] = _mm256_setzero_pd();
    for (int j = 0; j < p; j++) {
        const __m256d x0 = _mm256_load_pd(xt + j * BLK), x1 = _mm256_load_pd(xt + j * BLK + 4);
#pragma GCC unroll 6
        for (int q = 0; q < g; q++) {
            const __m256d v = _mm256_broadcast_sd(cg + (int64_t)q * p + j);
            FMA_ACC(a[2 * q], x0, v);
            FMA_ACC(a[2 * q + 1], x1, v);
        }
    }
#pragma GCC unroll 6
    for (int q = 0; q < g; q++) {
        __m256d *K = keep + 6 * (q & 1);
        VEC_KEEP(pd, a[2 * q], K[0], K[2], K[4], l + q + 1);
        VEC_KEEP(pd, a[2 * q + 1], K[1], K[3], K[5], l + q + 1);
    }
}

__attribute__((target("avx2,fma"))) static unsigned
scan_points_fma(const double *restrict xt, int p, const double *restrict c, int k,
                int32_t *restrict lab_out, double *restrict d1_out, double *restrict d2_out)
{
    const __m256d inf = _mm256_set1_pd(INFINITY), zero = _mm256_setzero_pd();
    /* two running choices per vector (centres alternate between them, so
     * that twice as many comparisons are in flight), merged at the end */
    __m256d b0 = inf, b1 = inf, s0 = inf, s1 = inf, n0 = zero, n1 = zero;
    __m256d e0 = inf, e1 = inf, t0 = inf, t1 = inf, m0 = zero, m1 = zero;
    __m256d keep[12] = {b0, b1, s0, s1, n0, n1, e0, e1, t0, t1, m0, m1};
    int l = 0;
    for (; l + 4 <= k && k - l != 6; l += 4)
        fma_group(xt, p, c, l, 4, keep);
    if (k - l == 6) { /* the last six together: twelve sums in flight */
        fma_group(xt, p, c, l, 6, keep);
        l += 6;
    }
    b0 = keep[0], b1 = keep[1], s0 = keep[2], s1 = keep[3], n0 = keep[4], n1 = keep[5];
    e0 = keep[6], e1 = keep[7], t0 = keep[8], t1 = keep[9], m0 = keep[10], m1 = keep[11];
    for (; l < k; l++) {
        const double *c0 = c + (int64_t)l * p;
        __m256d a00 = zero, a01 = zero;
        for (int j = 0; j < p; j++) {
            const __m256d x0 = _mm256_load_pd(xt + j * BLK), x1 = _mm256_load_pd(xt + j * BLK + 4);
            const __m256d v = _mm256_broadcast_sd(c0 + j);
            FMA_ACC(a00, x0, v);
            FMA_ACC(a01, x1, v);
        }
        if (l & 1) {
            VEC_KEEP(pd, a00, e0, t0, m0, l + 1);
            VEC_KEEP(pd, a01, e1, t1, m1, l + 1);
        } else {
            VEC_KEEP(pd, a00, b0, s0, n0, l + 1);
            VEC_KEEP(pd, a01, b1, s1, n1, l + 1);
        }
    }
    VEC_MERGE(pd, b0, s0, n0, e0, t0, m0);
    VEC_MERGE(pd, b1, s1, n1, e1, t1, m1);
    /* certain where second > best * (1 + FILTER_GAP) + FILTER_TINY */
    const __m256d gap = _mm256_set1_pd(1.0 + FILTER_GAP), tiny = _mm256_set1_pd(FILTER_TINY);
    const __m256d ok0 = _mm256_cmp_pd(s0, _mm256_add_pd(_mm256_mul_pd(b0, gap), tiny), _CMP_GT_OQ);
    const __m256d ok1 = _mm256_cmp_pd(s1, _mm256_add_pd(_mm256_mul_pd(b1, gap), tiny), _CMP_GT_OQ);
    unsigned unsure = (unsigned)(~(_mm256_movemask_pd(ok0) | (_mm256_movemask_pd(ok1) << 4)) & 0xFF);
    double lab[BLK];
    _mm256_storeu_pd(d1_out, b0);
    _mm256_storeu_pd(d1_out + 4, b1);
    _mm256_storeu_pd(d2_out, s0);
    _mm256_storeu_pd(d2_out + 4, s1);
    _mm256_storeu_pd(lab, n0);
    _mm256_storeu_pd(lab + 4, n1);
    for (int q = 0; q < BLK; q++)
        lab_out[q] = (int32_t)lab[q];
    return unsure;
}

/*
 * A second, faster filter in single precision (8 points per vector instead
 * of 4, one fused multiply-add per coordinate and centre): coordinates are
 * shifted by m (the initial centres' mean, so that data far from the origin
 * keep their small differences) and rounded to float, X = fl(fl(x - m)),
 * C = fl(c - m); with nX = |X|^2 and nC = |C|^2 (summed in double from the
 * float values, nC then rounded to float) and the dot product X.C summed in
 * float by fused multiply-adds, v = fl(nC - 2 X.C) (one rounding) and
 * S = nX + v, which is |X - C|^2 up to rounding. With u = 2^-24 and
 * N = nX + |C|^2:
 *   |S - |X - C|^2| <= eps N,  eps = gamma_p + u' + (p + 1) 2^-53
 *                                   + u (2 + u' + gamma_p) + 2^-50,
 * (gamma_p = p u / (1 - p u) for the dot product, |X.C| <= N / 2; u' =
 * u (1 + 2^-20) for nC; v's rounding; the double sums; the last addition),
 * and, rounding x - m and c - m to float moving each coordinate by at most
 * u1 = (1 + u)(u + 2^-53 (1 + u)) of itself (e = the moves, |e|^2 <= 2 u1^2
 * N / (1 - u1)^2 by Minkowski), with t = x - c and d = |t|^2 exact:
 *   ||X - C|^2 - d| <= 2 sqrt(d) |e| + |e|^2 <= u d + |e|^2 (1 / u + 1)
 *   (Cauchy-Schwarz, then 2ab <= u a^2 + b^2 / u). So
 *   |S - d| <= alpha d + kappa (nX + cmax2) + g_abs,  alpha = u,
 *   kappa = eps + 4 u1^2 (1 / u + 1) / (1 - u1)^2,
 *   g_abs = (2p + 2) 2^-149 + 8 p 2^-300 / u   (float's subnormals, in the
 *   products and sums, and in X and C: 2^-150 each, so 2 p 2^-298 more in
 *   2 |e|^2),
 * where cmax2 bounds nC over every centre that can win (so that one bound
 * g = kappa (nX + cmax2) + g_abs serves a point against every centre).
 * Then d <= (S + g) / (1 - alpha) for the smallest S and
 * d >= (S - g) / (1 + alpha) for every other centre; when the second
 * exceeds the first by the relative FILTER_GAP, the centre with the
 * smallest S has the smallest exact distance by far more than R's rounding
 * (a relative p 2^-53) could reverse: it is R's label. Other points (near
 * ties) go to scan_points, as with the double filter. alpha, kappa and g_abs
 * are widened by 1%, the bounds by 1e-12, against the double arithmetic
 * that evaluates them. Centres past k are C = 0 with nC = +Inf (S = +Inf);
 * an empty cluster's NaN centre gives S = NaN, never kept. Needs
 * p <= SP_MAX_P, k < 2^24 (labels are floats) and no float overflow
 * (sp_usable: p |x - m|^2, p |c - m|^2 <= 1e37 / 4).
 */
#define SP_MAX_P 512
/* k * p from which the single-precision filter is used */
#define KM_SP_MIN_KP 40
typedef struct {
    const float *cf;    /* k4 * p: the centres, shifted and rounded; rows past k are 0 */
    const float *cn;    /* k4: their squared norms (nC; +Inf past k) */
    int k4;             /* k rounded up to a multiple of 4 */
    const double *m;    /* p: the shift */
    double cmax2;       /* an upper bound of nC over the centres that can win */
    double alpha, kappa, g_abs; /* |S - d| <= alpha d + kappa (nX + cmax2) + g_abs */
} sp_filter;

/* Centres l + 1 .. l + 4 for the points of xf: eight sums in flight (even
 * and odd coordinates apart, added at the end: still p terms), kept into
 * the running choice (b, s, lab). */
#define SP_GROUP(l, b, s, lab)                                                                     \
    do {                                                                                           \
        const float *c0_ = cf + (int64_t)(l) * p, *c1_ = c0_ + p, *c2_ = c1_ + p, *c3_ = c2_ + p; \
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0,     \
               a7 = a0;                                                                            \
        const float *xp_ = xf;                                                                     \
        for (const float *end_ = c0_ + (p & ~1); c0_ < end_;                                       \
             c0_ += 2, c1_ += 2, c2_ += 2, c3_ += 2, xp_ += 2 * BLK) {                             \
            const __m256 x0 = _mm256_load_ps(xp_), x1 = _mm256_load_ps(xp_ + BLK);                 \
            a0 = _mm256_fmadd_ps(x0, _mm256_broadcast_ss(c0_), a0);                                \
            a1 = _mm256_fmadd_ps(x1, _mm256_broadcast_ss(c0_ + 1), a1);                            \
            a2 = _mm256_fmadd_ps(x0, _mm256_broadcast_ss(c1_), a2);                                \
            a3 = _mm256_fmadd_ps(x1, _mm256_broadcast_ss(c1_ + 1), a3);                            \
            a4 = _mm256_fmadd_ps(x0, _mm256_broadcast_ss(c2_), a4);                                \
            a5 = _mm256_fmadd_ps(x1, _mm256_broadcast_ss(c2_ + 1), a5);                            \
            a6 = _mm256_fmadd_ps(x0, _mm256_broadcast_ss(c3_), a6);                                \
            a7 = _mm256_fmadd_ps(x1, _mm256_broadcast_ss(c3_ + 1), a7);                            \
        }                                                                                          \
        if (p & 1) {                                                                               \
            const __m256 x0 = _mm256_load_ps(xp_);                                                 \
            a0 = _mm256_fmadd_ps(x0, _mm256_broadcast_ss(c0_), a0);                                \
            a2 = _mm256_fmadd_ps(x0, _mm256_broadcast_ss(c1_), a2);                                \
            a4 = _mm256_fmadd_ps(x0, _mm256_broadcast_ss(c2_), a4);                                \
            a6 = _mm256_fmadd_ps(x0, _mm256_broadcast_ss(c3_), a6);                                \
        }                                                                                          \
        const float *n_ = sp->cn + (l);                                                            \
        VEC_KEEP(ps, _mm256_fnmadd_ps(two, _mm256_add_ps(a0, a1), _mm256_broadcast_ss(n_ + 0)),    \
                 b, s, lab, (l) + 1);                                                              \
        VEC_KEEP(ps, _mm256_fnmadd_ps(two, _mm256_add_ps(a2, a3), _mm256_broadcast_ss(n_ + 1)),    \
                 b, s, lab, (l) + 2);                                                              \
        VEC_KEEP(ps, _mm256_fnmadd_ps(two, _mm256_add_ps(a4, a5), _mm256_broadcast_ss(n_ + 2)),    \
                 b, s, lab, (l) + 3);                                                              \
        VEC_KEEP(ps, _mm256_fnmadd_ps(two, _mm256_add_ps(a6, a7), _mm256_broadcast_ss(n_ + 3)),    \
                 b, s, lab, (l) + 4);                                                              \
    } while (0)

/* The points of xt (see gather_rows) for the single-precision filter:
 * X = fl(fl(x - m)) into xf (p * BLK floats, 32-byte aligned, the same
 * layout) and nX = |X|^2 (in double from the float values) into nx. */
__attribute__((target("avx2,fma"))) static void sp_points(const double *restrict xt, int p,
                                                          const sp_filter *sp,
                                                          float *restrict xf,
                                                          double *restrict nx)
{
    __m256d n0 = _mm256_setzero_pd(), n1 = _mm256_setzero_pd();
    for (int j = 0; j < p; j++) {
        const __m256d mj = _mm256_broadcast_sd(sp->m + j);
        const __m128 f0 = _mm256_cvtpd_ps(_mm256_sub_pd(_mm256_load_pd(xt + j * BLK), mj));
        const __m128 f1 = _mm256_cvtpd_ps(_mm256_sub_pd(_mm256_load_pd(xt + j * BLK + 4), mj));
        const __m256d v0 = _mm256_cvtps_pd(f0), v1 = _mm256_cvtps_pd(f1);
        n0 = _mm256_add_pd(n0, _mm256_mul_pd(v0, v0));
        n1 = _mm256_add_pd(n1, _mm256_mul_pd(v1, v1));
        _mm256_store_ps(xf + j * BLK, _mm256_set_m128(f1, f0));
    }
    _mm256_storeu_pd(nx, n0);
    _mm256_storeu_pd(nx + 4, n1);
}

/* scan_points_fma in single precision (see above) for points prepared by
 * sp_points: same outputs, d1 an upper bound of the smallest distance and
 * d2 a lower bound of every other. */
__attribute__((target("avx2,fma"))) static unsigned
scan_points_sp(const float *restrict xf, const double *restrict nx, int p, const sp_filter *sp,
               int32_t *restrict lab_out, double *restrict d1_out, double *restrict d2_out)
{
    const __m256d n0 = _mm256_loadu_pd(nx), n1 = _mm256_loadu_pd(nx + 4);
    const __m256 two = _mm256_set1_ps(2.0f);
    const __m256 inf = _mm256_set1_ps(INFINITY);
    __m256 b = inf, s = inf, lab = _mm256_setzero_ps();
    __m256 b2 = inf, s2 = inf, lab2 = _mm256_setzero_ps();
    const float *cf = sp->cf;
    int l = 0;
    for (; l + 8 <= sp->k4; l += 8) { /* two running choices, merged below */
        SP_GROUP(l, b, s, lab);
        SP_GROUP(l + 4, b2, s2, lab2);
    }
    if (l < sp->k4)
        SP_GROUP(l, b, s, lab);
    VEC_MERGE(ps, b, s, lab, b2, s2, lab2);
    /* certain where (second - g) / (1 + alpha) > (best + g) / (1 - alpha)
     * (1 + FILTER_GAP) + FILTER_TINY (see above; false for NaN and +Inf) */
    const double one_a = 1.0 / (1.0 - sp->alpha), one_b = 1.0 / (1.0 + sp->alpha);
    unsigned unsure = 0;
    for (int h = 0; h < 2; h++) {
        const __m256d nX = h ? n1 : n0;
        const __m256d g = _mm256_add_pd(
            _mm256_mul_pd(_mm256_add_pd(nX, _mm256_set1_pd(sp->cmax2)), _mm256_set1_pd(sp->kappa)),
            _mm256_set1_pd(sp->g_abs));
        const __m256d B = _mm256_add_pd(
            nX, _mm256_cvtps_pd(h ? _mm256_extractf128_ps(b, 1) : _mm256_castps256_ps128(b)));
        const __m256d S = _mm256_add_pd(
            nX, _mm256_cvtps_pd(h ? _mm256_extractf128_ps(s, 1) : _mm256_castps256_ps128(s)));
        const __m256d d1 = _mm256_mul_pd(_mm256_add_pd(B, g), _mm256_set1_pd(one_a * (1.0 + 1e-12)));
        const __m256d d2 = _mm256_max_pd(
            _mm256_mul_pd(_mm256_sub_pd(S, g), _mm256_set1_pd(one_b * (1.0 - 1e-12))),
            _mm256_setzero_pd());
        const __m256d ok = _mm256_cmp_pd(
            d2, _mm256_add_pd(_mm256_mul_pd(d1, _mm256_set1_pd(1.0 + FILTER_GAP)),
                              _mm256_set1_pd(FILTER_TINY)), _CMP_GT_OQ);
        unsure |= (unsigned)(~_mm256_movemask_pd(ok) & 0xF) << (4 * h);
        _mm256_storeu_pd(d1_out + 4 * h, d1);
        _mm256_storeu_pd(d2_out + 4 * h, d2);
    }
    float lf[BLK];
    _mm256_storeu_ps(lf, lab);
    for (int q = 0; q < BLK; q++)
        lab_out[q] = (int32_t)lf[q];
    return unsure;
}
#else
#define KM_FMA_FILTER 0
#endif

/* Whether scan_block may use the FMA filter on this CPU. */
static int fma_usable(void)
{
#if KM_FMA_FILTER
    static int usable = -1;
    if (usable < 0) {
        __builtin_cpu_init();
        usable = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return usable;
#else
    return 0;
#endif
}

#if KM_FMA_FILTER
/* The exact scan (scan_points) for the points of xt in the mask unsure,
 * whose filtered results it replaces. */
static void rescan_unsure(const double *restrict xt, int p, const double *restrict c, int k,
                          unsigned unsure, int32_t *restrict lab, double *restrict d1,
                          double *restrict d2)
{
    if (unsure == 0)
        return;
    int32_t lab_e[BLK];
    double d1_e[BLK], d2_e[BLK];
    scan_points(xt, p, c, k, lab_e, d1_e, d2_e);
    for (int q = 0; q < BLK; q++)
        if (unsure >> q & 1) {
            lab[q] = lab_e[q];
            d1[q] = d1_e[q];
            d2[q] = d2_e[q];
        }
}
#endif

/* scan_points, through the FMA filter when filter is set (see
 * scan_points_fma) or through the single-precision one when sp is given
 * (see scan_points_sp): the labels are R's either way. */
static void scan_block(const double *restrict xt, int p, const double *restrict c, int k,
                       int filter, const void *sp, int32_t *restrict lab, double *restrict d1,
                       double *restrict d2)
{
#if KM_FMA_FILTER
    if (filter) {
        unsigned unsure;
        if (sp != NULL) {
            float xf[SP_MAX_P * BLK] __attribute__((aligned(32)));
            double nx[BLK];
            sp_points(xt, p, (const sp_filter *)sp, xf, nx);
            unsure = scan_points_sp(xf, nx, p, (const sp_filter *)sp, lab, d1, d2);
        } else {
            unsure = scan_points_fma(xt, p, c, k, lab, d1, d2);
        }
        rescan_unsure(xt, p, c, k, unsure, lab, d1, d2);
        return;
    }
#else
    (void)filter;
    (void)sp;
#endif
    scan_points(xt, p, c, k, lab, d1, d2);
}

/* Rows between two interrupt checks of a scan over all rows. */
#define KM_POLL_ROWS 512

/* Nearest centre of every row with R's single running choice: a row with
 * no finite distance keeps the previous row's label. Returns KM_NOLABEL if
 * the first row has none, SK_INTERRUPTED when stopped. */
static int nearest_all(const double *x, int64_t n, int p, const double *c, int k,
                       int32_t *newlab, int nt, sk_poll *poll)
{
    int unresolved = 0;
    int failed = 0;
    double *cpad = malloc(sizeof(double) * (size_t)kpad_of(k, p) * p);
    if (cpad == NULL)
        return KM_NOMEM;
    pad_centres(c, k, p, cpad);
    const int kpad = kpad_of(k, p);
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) reduction(| : unresolved) reduction(| : failed)
#endif
    {
        double *xt = sk_aligned_alloc(64, sizeof(double) * (size_t)p * BLK);
        const int master = sk_master();
        if (xt == NULL) {
            failed = 1;
        } else {
            int64_t lo, hi;
            thread_range(n, omp_tid(), omp_nth(), &lo, &hi);
            for (int64_t b0 = lo; b0 < hi; b0 += BLK) {
                if ((b0 - lo) % KM_POLL_ROWS == 0 &&
                    sk_poll_step(poll, master, (double)KM_POLL_ROWS * kpad * p))
                    break;
                int64_t idx[BLK];
                int32_t lab[BLK];
                double d1[BLK], d2[BLK];
                int nb = (hi - b0) < BLK ? (int)(hi - b0) : BLK;
                for (int q = 0; q < BLK; q++)
                    idx[q] = b0 + q;
                gather_rows(x, p, idx, nb, xt);
                scan_points(xt, p, cpad, kpad, lab, d1, d2);
                for (int q = 0; q < nb; q++) {
                    newlab[b0 + q] = lab[q];
                    if (lab[q] == 0)
                        unresolved = 1;
                }
            }
            sk_aligned_free(xt);
        }
    }
    (void)nt;
    free(cpad);
    if (failed)
        return KM_NOMEM;
    if (sk_stopped(poll))
        return SK_INTERRUPTED;
    if (unresolved) {
        int32_t carry = 0;
        for (int64_t i = 0; i < n; i++) {
            if (newlab[i] == 0)
                newlab[i] = carry;
            carry = newlab[i];
        }
        if (newlab[0] == 0)
            return KM_NOLABEL;
    }
    return KM_OK;
}

int km_nearest(const double *x, int64_t n, int p, const double *c, int k, int32_t *cl,
               int n_threads, sk_poll *poll)
{
    const int rc = nearest_all(x, n, p, c, k, cl, threads_for(n_threads, n * (int64_t)k * p),
                               poll);
    return rc == KM_NOLABEL ? KM_OK : rc; /* rows without a finite distance keep 0 */
}

/* ------------------------------------------------------------------------ */
/* Member sums in R's order                                                  */
/*
 * R sums each cluster's rows in point order, column by column: one running
 * sum per (cluster, column). Those k * p sums are independent, so threads
 * share them out (each thread owns a range of columns of a run of clusters,
 * see sum_plan, or, in a sweep, of some clusters, see sum_share) and every thread
 * streams the rows in point order, adding only what it owns: each sum sees
 * exactly R's additions in R's order, whatever the thread count.
 */

/* Thread tid's share of the sums: columns [j0, j1) of the clusters l with
 * l % nparts == part; j0 == j1 for a thread with no share. */
static void sum_share(int tid, int nt, int p, int *j0, int *j1, int *part, int *nparts)
{
    int ncol = nt < p ? nt : p;
    int nclu = nt / ncol;
    if (tid >= ncol * nclu) {
        *j0 = *j1 = 0;
        *part = 0;
        *nparts = 1;
        return;
    }
    int cp = tid % ncol;
    *j0 = (int)((int64_t)p * cp / ncol);
    *j1 = (int)((int64_t)p * (cp + 1) / ncol);
    *part = tid / ncol;
    *nparts = nclu;
}

/* Rows per list of owned_rows. */
#define KM_LIST_ROWS 512

/* The rows b .. b + m - 1 (m <= KM_LIST_ROWS) whose cluster (label in cl)
 * has own set, as offsets from b in row order; returns how many. No branch
 * per row: one would be mispredicted wherever the clusters of different
 * owners interleave. */
static inline int owned_rows(const int32_t *restrict cl, int64_t b, int m,
                             const unsigned char *restrict own, int32_t *restrict list)
{
    int q = 0;
    for (int r = 0; r < m; r++) { /* the slot is kept or overwritten */
        list[q] = r;
        q += own[cl[b + r] - 1];
    }
    return q;
}

/* How add_rows finds the rows to add: every row (own[l] set for every l);
 * a test per row (when most rows, or few, are owned: the branch is then
 * predicted well); the owned rows of a block listed first (owned_rows). */
enum { KM_ADD_ALL, KM_ADD_SKIP, KM_ADD_LIST };

/* KM_ADD_SKIP or KM_ADD_LIST for a share `owned` of the rows. */
static int add_how(double owned) { return owned > 0.9 || owned < 0.02 ? KM_ADD_SKIP : KM_ADD_LIST; }

/* Adds rows [lo, hi) to the sums of their clusters (labels 1..k in cl),
 * columns [j0, j1) of the clusters with own[l] set: those of cluster l are
 * out[l * ostride + 0 .. j1 - j0); how: see KM_ADD_ALL. */
SK_MULTIVERSION
static void add_rows(const double *restrict x, int p, const int32_t *restrict cl, int64_t lo,
                     int64_t hi, const unsigned char *restrict own, int how, int j0, int j1,
                     double *restrict out, int64_t ostride)
{
    const int w = j1 - j0;
    if (w <= 0)
        return;
#define KM_ADD_ROW(i)                                                                              \
    do {                                                                                           \
        double *restrict a_ = out + (int64_t)(cl[i] - 1) * ostride;                                \
        const double *restrict xr_ = x + (i) * p + j0;                                             \
        if (w == 1) {                                                                              \
            a_[0] += xr_[0];                                                                       \
        } else if (w == 2) {                                                                       \
            a_[0] += xr_[0];                                                                       \
            a_[1] += xr_[1];                                                                       \
        } else {                                                                                   \
            for (int j_ = 0; j_ < w; j_++)                                                         \
                a_[j_] += xr_[j_];                                                                 \
        }                                                                                          \
    } while (0)
    if (how == KM_ADD_ALL) {
        for (int64_t i = lo; i < hi; i++)
            KM_ADD_ROW(i);
        return;
    }
    if (how == KM_ADD_SKIP) {
        /* rows of some clusters only: ask for them a few rows ahead */
        const int64_t ahead = 96;
        for (int64_t i = lo; i < hi; i++) {
            if (i + ahead < hi && own[cl[i + ahead] - 1])
                KM_PREFETCH(x + (i + ahead) * p + j0);
            if (own[cl[i] - 1])
                KM_ADD_ROW(i);
        }
        return;
    }
    enum { AHEAD = 24 };
    int32_t list[KM_LIST_ROWS];
    for (int64_t b = lo; b < hi; b += KM_LIST_ROWS) {
        const int q = owned_rows(cl, b, (int)((hi - b) < KM_LIST_ROWS ? (hi - b) : KM_LIST_ROWS),
                                 own, list);
        for (int r = 0; r < q; r++) {
            if (r + AHEAD < q)
                KM_PREFETCH(x + (b + list[r + AHEAD]) * p + j0);
            KM_ADD_ROW(b + list[r]);
        }
    }
#undef KM_ADD_ROW
}

/* Centres as member means, R's way (point-order sums / counts; 0/0 = NaN),
 * with sizes nc; for MacQueen's start. Returns KM_OK or KM_NOMEM. */
static int member_means(const double *x, int64_t n, int p, double *c, int k,
                        const int32_t *cl, int32_t *nc, int nt)
{
    unsigned char *own = calloc((size_t)k * (size_t)nt, 1);
    if (own == NULL)
        return KM_NOMEM;
    memset(nc, 0, sizeof(int32_t) * (size_t)k);
    for (int64_t i = 0; i < n; i++)
        nc[cl[i] - 1]++;
    memset(c, 0, sizeof(double) * (size_t)k * p);
#ifdef _OPENMP
#pragma omp parallel num_threads(nt)
#endif
    {
        int j0, j1, part, nparts;
        sum_share(omp_tid(), omp_nth(), p, &j0, &j1, &part, &nparts);
        unsigned char *mine = own + (size_t)k * omp_tid();
        for (int l = 0; l < k; l++)
            mine[l] = l % nparts == part;
        add_rows(x, p, cl, 0, n, mine, nparts == 1 ? KM_ADD_ALL : KM_ADD_SKIP, j0, j1, c + j0, p);
    }
    (void)nt;
    for (int l = 0; l < k; l++)
        for (int j = 0; j < p; j++)
            c[(int64_t)l * p + j] /= (double)nc[l];
    free(own);
    return KM_OK;
}

/* wss for Lloyd and MacQueen: per cluster, points in order, columns in
 * order, one running sum. Clusters are shared between threads (largest
 * first, each to the least loaded thread); each thread lists the rows of
 * its clusters (owned_rows) and sums them. */
static int wss_rowwise(const double *x, int64_t n, int p, const double *c, int k,
                       const int32_t *cl, const int32_t *nc, double *wss, int nt)
{
    if (nt > k)
        nt = k;
    if (nt < 1)
        nt = 1;
    int *owner = malloc(sizeof(int) * (size_t)k);
    int64_t *load = calloc((size_t)nt, sizeof(int64_t));
    unsigned char *own = malloc((size_t)k * (size_t)nt);
    const int64_t stride = ((int64_t)k + 7) / 8 * 8 + 8; /* whole cache lines per thread */
    double *part = calloc((size_t)(stride * nt), sizeof(double));
    if (owner == NULL || load == NULL || own == NULL || part == NULL) {
        free(owner);
        free(load);
        free(own);
        free(part);
        return KM_NOMEM;
    }
    for (int l = 0; l < k; l++)
        owner[l] = -1;
    for (int done = 0; done < k; done++) {
        int big = -1; /* the largest cluster not yet given out */
        for (int l = 0; l < k; l++)
            if (owner[l] < 0 && (big < 0 || nc[l] > nc[big]))
                big = l;
        int t = 0;
        for (int u = 1; u < nt; u++)
            if (load[u] < load[t])
                t = u;
        owner[big] = t;
        load[t] += nc[big];
    }
    for (int t = 0; t < nt; t++)
        for (int l = 0; l < k; l++)
            own[(size_t)k * t + l] = owner[l] == t;
#ifdef _OPENMP
#pragma omp parallel num_threads(nt)
#endif
    {
        const unsigned char *mine = own + (size_t)k * omp_tid();
        double *w_ = part + stride * omp_tid(); /* its clusters' sums */
        int32_t list[KM_LIST_ROWS];
        for (int64_t b = 0; b < n; b += KM_LIST_ROWS) {
            const int q = owned_rows(cl, b, (int)((n - b) < KM_LIST_ROWS ? (n - b) : KM_LIST_ROWS),
                                     mine, list);
            for (int r = 0; r < q; r++) {
                const int64_t i = b + list[r];
                const int l = cl[i] - 1;
                const double *cr = c + (int64_t)l * p, *xr = x + i * p;
                double w = w_[l];
                for (int j = 0; j < p; j++) {
                    double t = xr[j] - cr[j];
                    w += t * t;
                }
                w_[l] = w;
            }
        }
    }
    for (int l = 0; l < k; l++)
        wss[l] = part[stride * owner[l] + l];
    free(owner);
    free(load);
    free(own);
    free(part);
    return KM_OK;
}

/* ------------------------------------------------------------------------ */
/* Lloyd / Forgy                                                             */
/*
 * Every pass makes R's decisions: each point goes to the centre with the
 * smallest computed squared distance, the first one on ties. Most of those
 * decisions are certain without computing all k distances, and Hamerly's
 * bounds find them: an upper bound ub on the distance to the point's own
 * centre and a lower bound lb on the distance to every other centre (and
 * s = half the distance from its centre to the nearest other centre); when
 * ub < max(lb, s) the point keeps its centre. A computed squared distance
 * is within a relative (p + 2) * 2^-53 of the exact one (a sum of
 * non-negative terms), so the bounds are widened by a relative ETA far
 * larger than that: a point is kept only when no rounding could reverse the
 * decision, and every near tie gets the full scan, with R's tie rule. The
 * bounds are used only while all values are moderate (no overflow, no
 * underflow beyond TINY). An empty cluster's centre (0/0 = NaN) can never
 * win again, so it is left out of the bounds.
 *
 * A pass assigns the points (in chunks handed to whichever thread is free),
 * then forms the sums of the clusters whose membership changed (see
 * "Member sums"). A pass is a full scan instead when the last one left
 * more than a k*p-dependent share of the points to the full scan anyway.
 * On one thread, while most clusters change, a pass is a single sweep over
 * x: a block of rows is assigned and then added to the sums while it is in
 * cache (with several threads that would need a barrier per block, which a
 * busy machine makes expensive).
 */

static const double ETA = 1e-9;
static const double TINY = 1e-150;
static const double PRUNE_MAX = 1e140;

/* Bounds are kept when k * p is at least this (measured: at k * p = 10 a
 * full scan is cheaper than the bookkeeping). */
#define KM_BOUNDS_MIN_KP 24

static inline double upper_of(double d2) { return sqrt(d2) * (1.0 + ETA) + TINY; }
static inline double lower_of(double d2) { return sqrt(d2) * (1.0 - ETA) - TINY; }

/* The bounds of a point in centre a are stored as offsets from running
 * sums of the centres' movements: ub = u_stored + U[a], where U[a] adds up
 * a's movement in every update, and lb = l_stored - L[a], where L[a] adds
 * up the largest movement of any other centre. A point whose bounds settle
 * its centre is then only read, never written. Each of these sums has a
 * rounding error below 2^-53 of its size per addition (fewer than
 * KM_BOUNDS_MAX_PASSES additions, so together far below ETA), which the
 * margins ETA * (|stored| + running sum) cover. */
#define KM_BOUNDS_MAX_PASSES 1000000

/* Stored in single precision, rounded outwards (up for an upper bound, down
 * for a lower one), so that the stored values are still bounds; the margin
 * then covers the double arithmetic only. Values beyond BOUNDS_MAX are not
 * given bounds (a float would overflow). */
static const double BOUNDS_MAX = 1e18;

/* v widened by a relative 2^-22 (and 2^-140 for the subnormal range) before
 * the rounding to float, which moves it by at most a relative 2^-24: the
 * float is still above (float_up) or below (float_down) v. */
static inline float float_up(double v) { return (float)(v + fabs(v) * 0x1p-22 + 0x1p-140); }

static inline float float_down(double v) { return (float)(v - fabs(v) * 0x1p-22 - 0x1p-140); }

static inline double bound_u(double stored, double run)
{
    return (stored + run) + ETA * (fabs(stored) + run) + TINY;
}

static inline double bound_l(double stored, double run)
{
    return (stored - run) - ETA * (fabs(stored) + run) - TINY;
}

typedef struct {
    const double *x;
    int64_t n;
    int p, k;
    const double *c;      /* kpad*p: the centres of this pass, padded (pad_centres) */
    int kpad;
    int32_t *cl;          /* per point: label 1..k */
    float *ub, *lb;       /* per point: bounds as offsets (see bound_u, bound_l) */
    double *sums;         /* k*p: member sums being formed */
    const double *U;      /* per centre: how far it moved since pass 1, summed */
    const double *L;      /* per centre: how far any other centre moved, summed */
    const double *s;      /* per centre: half the distance to the nearest other */
    int check;            /* full scans: count the points the bounds would rescan */
    double full_share;    /* a bounded pass turns to full scans above this share of rescans */
    int64_t *tcount;      /* per thread and centre: change of the size */
    int64_t *tscan;       /* per thread: points rescanned (or that would be) */
    double *twork;        /* per thread: CPU seconds of its work in the pass, then the wall
                           * seconds of the same stretches */
    int used;             /* OUT: threads the pass ran on */
    double assigned_at;   /* OUT (KM_PHASE_TIMES): when the assignment ended */
    unsigned char *tdirty; /* per thread and centre: membership changed */
    unsigned char *town;  /* per thread and centre: whose sums the thread forms */
    int64_t *tcost;       /* per thread and centre: sum_plan's costs */
    int64_t kc, kd;       /* per-thread strides of tcount and tdirty/town (whole cache lines) */
    double *tsums;        /* per thread: its share of the sums */
    int64_t tsums_stride;
    double *xt;           /* per thread: p * BLK, 64-byte aligned */
    double *xT;           /* small x: every block as gather_rows left it in pass 1, or NULL */
    float *xTf;           /* small x with the single-precision filter: every block as
                           * sp_points left it in pass 1 (instead of xT), or NULL */
    double *xTn;          /* and its points' nX */
    int64_t xf_stride;    /* floats per block of xTf */
    int filter;           /* scan through the FMA filter */
    int skip4;            /* bounded passes test four points at a time (first_unsettled) */
    const void *sp;       /* or through the single-precision filter (sp_filter), or NULL */
    int plain2;           /* p = 2 without bounds: the generic scan all the same */
    int64_t xt_stride;
    sk_poll *poll;        /* interrupts: checked once per chunk of rows */
    const int32_t *nc;    /* per centre: its size before the pass */
    int column_sums;      /* tests: sums shared by columns only (sum_share) */
} lloyd_pass_t;

/* Values of x up to which Lloyd keeps a transposed copy (see assign_full):
 * 16 MiB at the most. */
#define KM_TRANSPOSED_MAX ((int64_t)1 << 21)

/* Rows per block of a one-sweep pass: about 512 KiB of x. */
static int64_t sweep_rows(int p)
{
    int64_t r = (int64_t)65536 / (p > 0 ? p : 1);
    r = (r + BLK - 1) / BLK * BLK;
    return r < 64 * BLK ? 64 * BLK : r;
}

/* Full scans of rows [lo, hi): labels, sizes and (with bounds) bounds;
 * in pass 1 (first) there are no previous labels. With check, *would
 * counts the points the bounds would have rescanned. Returns whether a
 * label changed. */
SK_MULTIVERSION
static int assign_full(const lloyd_pass_t *P, int64_t lo, int64_t hi, int first, int check,
                       double *xt,
                       int64_t *count, unsigned char *dirty, int64_t *would)
{
    int changed = 0;
    for (int64_t b = lo; b < hi; b += BLK) {
        int64_t idx[BLK];
        int32_t lab[BLK];
        double d1[BLK], d2[BLK];
        int nb = (hi - b) < BLK ? (int)(hi - b) : BLK;
        for (int q = 0; q < BLK; q++)
            idx[q] = b + q;
#if KM_FMA_FILTER
        if (P->xTf != NULL && b % BLK == 0) {
            /* small x, single-precision filter: the block as pass 1
             * prepared it for the filter (see P->xTf); x itself for the
             * points it leaves unsure */
            float *xf = P->xTf + (b / BLK) * P->xf_stride;
            double *nx = P->xTn + b;
            if (first) {
                gather_rows(P->x, P->p, idx, nb, xt);
                sp_points(xt, P->p, (const sp_filter *)P->sp, xf, nx);
            }
            const unsigned unsure =
                scan_points_sp(xf, nx, P->p, (const sp_filter *)P->sp, lab, d1, d2);
            if (unsure != 0 && !first)
                gather_rows(P->x, P->p, idx, nb, xt);
            rescan_unsure(xt, P->p, P->c, P->kpad, unsure, lab, d1, d2);
        } else
#endif
        {
            /* small x: the block as pass 1 transposed it (see P->xT) */
            const int kept = P->xT != NULL && b % BLK == 0;
            double *xb = kept ? P->xT + (b / BLK) * P->xt_stride : xt;
            if (!kept || first)
                gather_rows(P->x, P->p, idx, nb, xb);
            scan_block(xb, P->p, P->c, P->kpad, P->filter, P->sp, lab, d1, d2);
        }
        if (P->ub != NULL) {
            if (check) /* would the bounds have settled these points? */
                for (int q = 0; q < nb; q++) {
                    const int a = P->cl[b + q] - 1;
                    const double l = bound_l(P->lb[b + q], P->L[a]);
                    *would += !(bound_u(P->ub[b + q], P->U[a]) < (P->s[a] > l ? P->s[a] : l));
                }
            double u[BLK], v[BLK];
            for (int q = 0; q < BLK; q++) { /* vectorised */
                u[q] = upper_of(d1[q]);
                v[q] = lower_of(d2[q]);
            }
            for (int q = 0; q < nb; q++) {
                P->ub[b + q] = float_up(u[q] - P->U[lab[q] - 1]);
                P->lb[b + q] = float_down(v[q] + P->L[lab[q] - 1]);
            }
        }
        for (int q = 0; q < nb; q++) {
            const int64_t i = b + q;
            const int32_t old = first ? 0 : P->cl[i];
            if (lab[q] != old) {
                changed = 1;
                if (old > 0) {
                    count[old - 1]--;
                    dirty[old - 1] = 1;
                }
                count[lab[q] - 1]++;
                dirty[lab[q] - 1] = 1;
                P->cl[i] = lab[q];
            }
        }
    }
    return changed;
}

#if defined(__GNUC__)
/* assign_full for p = 2 without bounds: rows read where they are (no
 * transposed copy), R's distances (0 + t0 * t0 is t0 * t0, so the sum is
 * t0 * t0 + t1 * t1 in R's order) to all centres, the first strict minimum
 * per lane, as scan_points keeps it; no second-best (no bounds to feed). */
SK_MULTIVERSION
static int assign_full_p2(const lloyd_pass_t *P, int64_t lo, int64_t hi, int first,
                          int64_t *count, unsigned char *dirty)
{
    const double *restrict x = P->x, *restrict c = P->c;
    const int k = P->k;
    const v4d inf = {INFINITY, INFINITY, INFINITY, INFINITY};
    const v4d zero = {0.0, 0.0, 0.0, 0.0};
    int changed = 0;
    for (int64_t b = lo; b < hi; b += BLK) {
        const int nb = (hi - b) < BLK ? (int)(hi - b) : BLK;
        const double *r[BLK];
        for (int q = 0; q < BLK; q++)
            r[q] = x + 2 * (b + (q < nb ? q : 0));
        const v4d x0 = {r[0][0], r[1][0], r[2][0], r[3][0]};
        const v4d y0 = {r[0][1], r[1][1], r[2][1], r[3][1]};
        const v4d x1 = {r[4][0], r[5][0], r[6][0], r[7][0]};
        const v4d y1 = {r[4][1], r[5][1], r[6][1], r[7][1]};
        v4d b0 = inf, b1 = inf, n0 = zero, n1 = zero;
        for (int l = 0; l < k; l++) {
            const double cx = c[2 * l], cy = c[2 * l + 1];
            v4d t, u;
            t = x0 - cx;
            u = y0 - cy;
            const v4d d0 = t * t + u * u;
            t = x1 - cx;
            u = y1 - cy;
            const v4d d1 = t * t + u * u;
            const v4i lt0 = d0 < b0, lt1 = d1 < b1;
            const v4d lv = zero + (double)(l + 1);
            b0 = V4_BLEND(lt0, d0, b0);
            n0 = V4_BLEND(lt0, lv, n0);
            b1 = V4_BLEND(lt1, d1, b1);
            n1 = V4_BLEND(lt1, lv, n1);
        }
        double lab[BLK];
        memcpy(lab, &n0, sizeof n0);
        memcpy(lab + 4, &n1, sizeof n1);
        for (int q = 0; q < nb; q++) {
            const int64_t i = b + q;
            const int32_t now = (int32_t)lab[q];
            const int32_t old = first ? 0 : P->cl[i];
            if (now != old) {
                changed = 1;
                if (old > 0) {
                    count[old - 1]--;
                    dirty[old - 1] = 1;
                }
                count[now - 1]++;
                dirty[now - 1] = 1;
                P->cl[i] = now;
            }
        }
    }
    return changed;
}
#endif

/* Full scans of the points todo[0..m): new labels and bounds. */
SK_MULTIVERSION
static int rescan(const lloyd_pass_t *P, const int64_t *todo, int m, double *xt,
                  int64_t *count, unsigned char *dirty)
{
    int32_t lab[BLK];
    double d1[BLK], d2[BLK];
    int changed = 0;
    gather_rows(P->x, P->p, todo, m, xt);
    scan_block(xt, P->p, P->c, P->kpad, P->filter, P->sp, lab, d1, d2);
    double u[BLK], v[BLK];
    for (int q = 0; q < BLK; q++) { /* vectorised */
        u[q] = upper_of(d1[q]);
        v[q] = lower_of(d2[q]);
    }
    for (int q = 0; q < m; q++) {
        const int64_t i = todo[q];
        P->ub[i] = float_up(u[q] - P->U[lab[q] - 1]);
        P->lb[i] = float_down(v[q] + P->L[lab[q] - 1]);
        const int32_t old = P->cl[i];
        if (lab[q] != old) {
            changed = 1;
            count[old - 1]--;
            count[lab[q] - 1]++;
            dirty[old - 1] = 1;
            dirty[lab[q] - 1] = 1;
            P->cl[i] = lab[q];
        }
    }
    return changed;
}

#if KM_FMA_FILTER
/* The first point of [i, hi) whose bounds do not settle its centre, four
 * points at a time: the same double operations in the same order as
 * bound_u, bound_l and assign_bounded's test, lane by lane, so the same
 * points are settled. Returns i when fewer than four are left (the caller
 * tests those one by one). */
__attribute__((target("avx2,fma"))) static int64_t first_unsettled(const lloyd_pass_t *P,
                                                                   int64_t i, int64_t hi)
{
    const int32_t *cl = P->cl;
    const float *ub = P->ub, *lb = P->lb;
    const double *U = P->U, *L = P->L, *s = P->s;
    const __m256d eta = _mm256_set1_pd(ETA), tiny = _mm256_set1_pd(TINY);
    const __m256d nosign = _mm256_castsi256_pd(_mm256_set1_epi64x(INT64_MAX));
    const __m128i one = _mm_set1_epi32(1);
    for (; i + 4 <= hi; i += 4) {
        const __m128i a = _mm_sub_epi32(_mm_loadu_si128((const __m128i *)(cl + i)), one);
        const __m256d Ua = _mm256_i32gather_pd(U, a, 8), La = _mm256_i32gather_pd(L, a, 8);
        const __m256d sa = _mm256_i32gather_pd(s, a, 8);
        const __m256d us = _mm256_cvtps_pd(_mm_loadu_ps(ub + i));
        const __m256d ls = _mm256_cvtps_pd(_mm_loadu_ps(lb + i));
        /* (stored + run) + ETA * (|stored| + run) + TINY, and the lower one */
        const __m256d bu = _mm256_add_pd(
            _mm256_add_pd(_mm256_add_pd(us, Ua),
                          _mm256_mul_pd(eta, _mm256_add_pd(_mm256_and_pd(us, nosign), Ua))),
            tiny);
        const __m256d bl = _mm256_sub_pd(
            _mm256_sub_pd(_mm256_sub_pd(ls, La),
                          _mm256_mul_pd(eta, _mm256_add_pd(_mm256_and_pd(ls, nosign), La))),
            tiny);
        const __m256d z = _mm256_blendv_pd(bl, sa, _mm256_cmp_pd(sa, bl, _CMP_GT_OQ));
        const int settled = _mm256_movemask_pd(_mm256_cmp_pd(bu, z, _CMP_LT_OQ));
        if (settled != 0xF)
            return i + __builtin_ctz((unsigned)~settled & 0xFu);
    }
    return i;
}
#endif

/* A later pass on rows [lo, hi): bounds first, full scans where they cannot
 * decide. Returns whether a label changed; *rescans counts the full scans. */
SK_MULTIVERSION
static int assign_bounded(const lloyd_pass_t *P, int64_t lo, int64_t hi, double *xt,
                          int64_t *count, unsigned char *dirty, int64_t *rescans)
{
    const int p = P->p;
    int changed = 0;
    int64_t todo[BLK];
    int m = 0;
    /* points the bounds do not settle wait in a ring while their rows are
     * fetched (they are scattered: each would otherwise stall on memory) */
    enum { RING = 16 };
    int64_t ring[RING];
    double ringz[RING];
    int head = 0, held = 0;
    for (int64_t i = lo; i <= hi; i++) {
        int64_t t = -1;
        double z = 0.0;
#if KM_FMA_FILTER
        if (P->skip4 && i < hi)
            i = first_unsettled(P, i, hi); /* skips what the test below would skip */
#endif
        if (i < hi) {
            const int a = P->cl[i] - 1;
            const double l = bound_l(P->lb[i], P->L[a]);
            z = P->s[a] > l ? P->s[a] : l;
            if (bound_u(P->ub[i], P->U[a]) < z)
                continue;
            KM_PREFETCH(P->x + i * p);
            KM_PREFETCH(P->x + i * p + p - 1);
            const int slot = (head + held) % RING;
            ring[slot] = i;
            ringz[slot] = z;
            if (++held < RING)
                continue;
        }
        /* the oldest waiting point (at the end: each of them in turn) */
        for (int left = i < hi ? 1 : held; left > 0; left--) {
            t = ring[head];
            z = ringz[head];
            head = (head + 1) % RING;
            held--;
            const int a = P->cl[t] - 1;
            /* the exact distance to its own centre may settle it */
            const double u = upper_of(sqdist(P->x + t * p, P->c + (int64_t)a * p, p));
            P->ub[t] = float_up(u - P->U[a]);
            if (u < z)
                continue;
            todo[m++] = t;
            if (m == BLK) {
                changed |= rescan(P, todo, m, xt, count, dirty);
                *rescans += m;
                m = 0;
            }
        }
    }
    if (m > 0) {
        changed |= rescan(P, todo, m, xt, count, dirty);
        *rescans += m;
    }
    return changed;
}

/* CPU time of the calling thread, in seconds (where there is no such clock,
 * 0: thread_clock_ok then keeps the thread governor off). */
static double thread_cpu(void)
{
#if defined(_WIN32)
    FILETIME created, exited, kernel, user; /* 100 ns units */
    if (!GetThreadTimes(GetCurrentThread(), &created, &exited, &kernel, &user))
        return 0.0;
    return 1e-7 * ((double)(((uint64_t)kernel.dwHighDateTime << 32) | kernel.dwLowDateTime) +
                   (double)(((uint64_t)user.dwHighDateTime << 32) | user.dwLowDateTime));
#elif defined(CLOCK_THREAD_CPUTIME_ID)
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
#else
    return 0.0;
#endif
}

/* Whether the calling thread's CPU clock follows its work closely enough for
 * the thread governor: over a 0.2 ms spin it must advance by 80% to 125% of
 * the wall time (three tries, as a busy core can take one). A clock that
 * ticks coarsely, or leaves out time the system spends for the thread (as
 * in sandboxed kernels that serve page faults outside the process), would
 * make the governor see lost time where there is none: it then stays off.
 * Decided once per process. */
static int thread_clock_ok(void)
{
    static int ok = -1;
    int v = KM_LOAD(ok);
    if (v >= 0)
        return v;
    v = 0;
    for (int tries = 0; tries < 3 && !v; tries++) {
        const double w0 = omp_wall(), c0 = thread_cpu();
        double w;
        do
            w = omp_wall() - w0;
        while (w < 2e-4);
        const double c = thread_cpu() - c0;
        v = c > 0.8 * w && c < 1.25 * w;
    }
    KM_STORE(ok, v);
    return v;
}

/* Cluster l's size after the assignment of a pass on nth threads: its size
 * before the pass plus every thread's changes. */
static int64_t size_after(const lloyd_pass_t *P, int nth, int l)
{
    int64_t size = P->nc[l];
    for (int t = 0; t < nth; t++)
        size += P->tcount[P->kc * t + l];
    return size;
}

/* Whether cluster l's sums are formed again after a pass on nth threads:
 * its membership changed (in pass 1 every cluster, empty ones too). */
static int summed(const lloyd_pass_t *P, int nth, int first, int l)
{
    int any = first;
    for (int t = 0; t < nth; t++)
        any |= P->tdirty[P->kd * t + l];
    return any;
}

/* The run of g that holds the middle of a cluster of this cost, cum being
 * the cost of the clusters before it (advanced past it). */
static int run_of(int64_t *cum, int64_t cost, int g, int64_t total)
{
    const int t = (int)((double)(2 * *cum + cost) * g / (2.0 * (double)total));
    *cum += cost;
    return t < g ? t : g - 1;
}

/* After the assignment of a pass on nth threads: which sums thread tid
 * forms (own: its clusters; [*j0, *j1): its columns). The clusters to sum
 * (those whose membership changed; all in pass 1) are cut into G runs of
 * consecutive clusters with about the same number of points, and the
 * columns into C ranges, G x C <= nth; thread tid takes run tid / C and
 * column range tid % C, and reads only the rows of its run. A row read for
 * some of its columns costs about what it costs for all of them once it
 * fills a cache line, so for p >= 8 the runs come first: as many as keep
 * them even (no run over 1.5 times its share), then as many column ranges
 * as the threads left allow (on 16 threads, k = 10, p = 10: up to 10
 * threads with a cluster each, each reading the rows of its cluster, where
 * a split by columns alone had 10 threads reading every row). For p < 8
 * the columns come first (measured on 2 threads, 1e6 x 2: whole clusters
 * were 10% slower, as a thread's rows then more often follow one of the
 * same cluster, a chain of dependent additions). Every thread comes to the
 * same plan from the same shared counts (size_after, summed). Returns 0 (no
 * plan: one thread, or nothing to sum). */
static int sum_plan(const lloyd_pass_t *P, int nth, int tid, int first, unsigned char *own,
                    int *j0, int *j1)
{
    const int k = P->k, p = P->p;
    if (nth < 2)
        return 0;
    /* the cost of summing cluster l: its rows (+ 1: empty ones cost a
     * little too), or 0 when it is not summed */
    int64_t *cost = P->tcost + P->kc * tid, total = 0;
    for (int l = 0; l < k; l++) {
        cost[l] = summed(P, nth, first, l) ? size_after(P, nth, l) + 1 : 0;
        total += cost[l];
    }
    if (total == 0)
        return 0;
    /* the largest g whose runs are even (g = 1 always is) */
    int g = p >= 8 ? nth : nth / (nth < p ? nth : p);
    for (g = g < k ? g : k; g > 1; g--) {
        int64_t cum = 0, most = 0, run = 0;
        for (int l = 0, at = 0; l < k; l++) {
            const int t = run_of(&cum, cost[l], g, total);
            if (t != at) {
                most = run > most ? run : most;
                run = 0;
                at = t;
            }
            run += cost[l];
        }
        most = run > most ? run : most;
        if ((double)most * g <= 1.5 * (double)total)
            break;
    }
    int c = nth / g;
    c = c < p ? c : p;
    const int mine = tid < g * c ? tid / c : -1, col = tid % c;
    *j0 = tid < g * c ? (int)((int64_t)p * col / c) : 0;
    *j1 = tid < g * c ? (int)((int64_t)p * (col + 1) / c) : 0;
    int64_t cum = 0;
    for (int l = 0; l < k; l++)
        own[l] = run_of(&cum, cost[l], g, total) == mine && cost[l] > 0;
    return 1;
}

/* One pass. sweep: assign and sum block by block (all clusters' sums);
 * otherwise assign everything, then sum the clusters that changed. OUT
 * P->tcount, P->tdirty per thread; P->sums for the clusters summed. */
static int lloyd_pass(lloyd_pass_t *P, int first, int full, int sweep, int nt)
{
    const int64_t n = P->n;
    const int p = P->p, k = P->k;
    const int64_t rows = sweep ? sweep_rows(p) : (n > 0 ? n : 1);
    int64_t chunk = (int64_t)262144 / ((int64_t)k * p);
    chunk = chunk < 1024 ? 1024 : chunk > 65536 ? 65536 : chunk / BLK * BLK;
    int changed = 0;
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) reduction(| : changed)
#endif
    {
        const int tid = omp_tid(), nth = omp_nth();
        const int master = tid == 0;
        /* CPU and wall time outside the barriers: the difference is time
         * the thread was kept from its core while it had work */
        double work = -thread_cpu(), seg = -omp_wall();
        if (tid == 0)
            P->used = nth;
        double *xt = P->xt + P->xt_stride * tid;
        int64_t *count = P->tcount + P->kc * tid;
        unsigned char *dirty = P->tdirty + P->kd * tid;
        unsigned char *own = P->town + P->kd * tid;
        memset(count, 0, sizeof(int64_t) * (size_t)k);
        memset(dirty, 0, (size_t)k);
        int64_t scans = 0;
        int64_t bounded_rows = 0, bounded_scans = 0; /* this thread's bounded chunks */
        int j0, j1, part, nparts;
        sum_share(tid, nth, p, &j0, &j1, &part, &nparts);
        for (int l = 0; l < k; l++)
            own[l] = j1 > j0 && l % nparts == part;
        const int all_own = j1 > j0 && nparts == 1;
        /* the thread's sums in its own cache lines (threads sharing a line
         * of the centre sums would pass it back and forth at every row) */
        int w = j1 - j0;
        double *mine = P->tsums + P->tsums_stride * tid;
        if (sweep)
            memset(mine, 0, sizeof(double) * (size_t)k * (size_t)(w > 0 ? w : 0));
        for (int64_t b0 = 0; b0 < n; b0 += rows) {
            const int64_t b1 = n - b0 < rows ? n : b0 + rows;
            const int64_t nchunks = (b1 - b0 + chunk - 1) / chunk;
            /* chunks go to whichever thread is free, so that a thread whose
             * core is busy elsewhere holds up one chunk, not a share */
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 1) nowait
#endif
            for (int64_t h = 0; h < nchunks; h++) {
                /* interrupts: one check per chunk (at least 1024 rows); a
                 * stopped pass skips its remaining chunks */
                if (sk_stopped(P->poll))
                    continue;
                const int64_t lo = b0 + h * chunk, hi = b1 - lo < chunk ? b1 : lo + chunk;
                if (P->ub == NULL && p == 2 && !P->plain2) {
#if defined(__GNUC__)
                    changed |= assign_full_p2(P, lo, hi, first, count, dirty);
#endif
                    sk_poll_step(P->poll, master, (double)(hi - lo) * P->kpad * p);
                } else if (first || full || P->ub == NULL) {
                    changed |= assign_full(P, lo, hi, first, P->check, xt, count, dirty, &scans);
                    sk_poll_step(P->poll, master, (double)(hi - lo) * P->kpad * p);
                } else if (bounded_rows > 0 && (double)bounded_scans > P->full_share * (double)bounded_rows) {
                    /* the bounds of this pass fail too often (as after the
                     * first pass, when the centres move most): full scans
                     * for the rest, which cost less than that many rescans,
                     * counting what the bounds would have rescanned */
                    changed |= assign_full(P, lo, hi, 0, 1, xt, count, dirty, &scans);
                    sk_poll_step(P->poll, master, (double)(hi - lo) * P->kpad * p);
                } else {
                    const int64_t before = scans;
                    changed |= assign_bounded(P, lo, hi, xt, count, dirty, &scans);
                    bounded_rows += hi - lo;
                    bounded_scans += scans - before;
                    sk_poll_step(P->poll, master,
                                 (double)(hi - lo) * 16.0 + (double)(scans - before) * P->kpad * p);
                }
            }
            work += thread_cpu();
            seg += omp_wall();
#ifdef _OPENMP
#pragma omp barrier
#endif
            work -= thread_cpu();
            seg -= omp_wall();
#ifdef KM_PHASE_TIMES
            if (master)
                P->assigned_at = omp_wall();
#endif
            if (sweep && !sk_stopped(P->poll))
                add_rows(P->x, p, P->cl, b0, b1, own, all_own ? KM_ADD_ALL : KM_ADD_SKIP, j0, j1, mine, w);
        }
        if (!sweep && !sk_stopped(P->poll)) {
            /* after the barrier above: every thread's dirty flags are final;
             * the clusters to sum (pass 1: every centre, empty ones too) */
            if (!P->column_sums && sum_plan(P, nth, tid, first, own, &j0, &j1)) {
                w = j1 - j0;
            } else {
                for (int l = 0; l < k; l++)
                    own[l] = j1 > j0 && l % nparts == part && summed(P, nth, first, l);
            }
            int64_t owned = 0; /* rows to add */
            for (int l = 0; l < k; l++)
                if (own[l]) {
                    memset(mine + (int64_t)l * w, 0, sizeof(double) * (size_t)w);
                    owned += size_after(P, nth, l);
                }
            if (owned > 0)
                add_rows(P->x, p, P->cl, 0, n, own, add_how((double)owned / (double)n), j0, j1,
                         mine, w);
        }
        for (int l = 0; l < k; l++)
            if (own[l])
                memcpy(P->sums + (int64_t)l * p + j0, mine + (int64_t)l * w,
                       sizeof(double) * (size_t)w);
        P->tscan[8 * tid] = scans;
        P->twork[8 * tid] = work + thread_cpu();
        P->twork[8 * tid + 1] = seg + omp_wall();
    }
    (void)nt;
    return first || changed;
}

/* The largest |v[i]| (NaN ignored), four lanes at a time: the compiler
 * does not vectorise a scalar running maximum that must keep IEEE rules. */
SK_MULTIVERSION
static double max_abs_range(const double *v, int64_t lo, int64_t hi)
{
    double m = 0.0;
    int64_t i = lo;
#if defined(__GNUC__)
    const v4i nosign = {INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX};
    v4d m0 = {0.0, 0.0, 0.0, 0.0}, m1 = m0;
    for (; i + 8 <= hi; i += 8) {
        v4d a, b;
        memcpy(&a, v + i, sizeof a);
        memcpy(&b, v + i + 4, sizeof b);
        a = (v4d)((v4i)a & nosign);
        b = (v4d)((v4i)b & nosign);
        m0 = V4_BLEND(a > m0, a, m0);
        m1 = V4_BLEND(b > m1, b, m1);
    }
    m0 = V4_BLEND(m1 > m0, m1, m0);
    for (int q = 0; q < 4; q++)
        m = m0[q] > m ? m0[q] : m;
#endif
    for (; i < hi; i++) {
        const double a = fabs(v[i]);
        m = a > m ? a : m;
    }
    return m;
}

static double max_abs(const double *v, int64_t n, int nt)
{
    double m = 0.0;
    (void)nt;
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) reduction(max : m)
#endif
    {
        int64_t lo, hi;
        thread_range(n, omp_tid(), omp_nth(), &lo, &hi);
        m = max_abs_range(v, lo, hi);
    }
    return m;
}

/* Lloyd without bounds, for data with huge values (beyond PRUNE_MAX), where
 * rounding margins are not worth proving: full scans with R's running
 * choice, then centres as member means. */
static int lloyd_plain(const double *x, int64_t n, int p, double *c, int k, int32_t *cl,
                       int32_t *nc, double *wss, int iter_max, int *iter, int nt,
                       sk_poll *poll)
{
    int32_t *newlab = malloc(sizeof(int32_t) * (size_t)(n > 0 ? n : 1));
    if (newlab == NULL)
        return KM_NOMEM;
    int rc = KM_OK, it;
    for (int64_t i = 0; i < n; i++)
        cl[i] = -1;
    for (it = 0; it < iter_max; it++) {
        rc = nearest_all(x, n, p, c, k, newlab, nt, poll);
        if (rc != KM_OK)
            goto done;
        int changed = 0;
        for (int64_t i = 0; i < n; i++) {
            if (newlab[i] != cl[i]) {
                changed = 1;
                cl[i] = newlab[i];
            }
        }
        if (!changed)
            break;
        rc = member_means(x, n, p, c, k, cl, nc, nt);
        if (rc != KM_OK)
            goto done;
    }
    *iter = it + 1;
    memset(nc, 0, sizeof(int32_t) * (size_t)k);
    for (int64_t i = 0; i < n; i++)
        nc[cl[i] - 1]++;
    rc = wss_rowwise(x, n, p, c, k, cl, nc, wss, nt);
done:
    free(newlab);
    return rc;
}

/* Bounds after a centre update: movements (cold -> c) of the centres in
 * moved, separations of the live (non-empty) centres. */
static void bounds_update(const double *cold, const double *c, const int32_t *nc, int k, int p,
                          const unsigned char *moved, double *delta, double *s, double *U,
                          double *L)
{
    double dmax = 0.0, dmax2 = 0.0;
    int arg = -1;
    for (int l = 0; l < k; l++) {
        double d = 0.0;
        if (moved[l] && nc[l] > 0)
            d = upper_of(sqdist(cold + (int64_t)l * p, c + (int64_t)l * p, p));
        delta[l] = d;
        if (d > dmax) {
            dmax2 = dmax;
            dmax = d;
            arg = l;
        } else if (d > dmax2) {
            dmax2 = d;
        }
    }
    for (int l = 0; l < k; l++) {
        U[l] += delta[l];
        L[l] += l == arg ? dmax2 : dmax;
    }
    for (int l = 0; l < k; l++)
        s[l] = INFINITY;
    for (int l = 0; l < k; l++) {
        if (nc[l] == 0)
            continue;
        for (int l2 = l + 1; l2 < k; l2++) {
            if (nc[l2] == 0)
                continue;
            double d = sqdist(c + (int64_t)l * p, c + (int64_t)l2 * p, p);
            if (d < s[l])
                s[l] = d;
            if (d < s[l2])
                s[l2] = d;
        }
    }
    for (int l = 0; l < k; l++)
        s[l] = 0.5 * lower_of(s[l]);
}


/* Threads per pass. On a machine busier than its cores, a thread can wait
 * for a core for a whole time slice, and every pass waits for its slowest
 * thread. Each thread measures the wall time of its work in the pass (outside
 * the barriers) and its CPU time over the same stretches: the difference is
 * time it was kept from its core while it had work. When that loss, for the
 * thread that lost most, is over 30% of the pass, the pass counts as slow:
 * two such passes in a row halve the thread count (one alone may be a
 * hiccup: a core taken for a moment, as happens on an otherwise idle virtual
 * machine; after a busy sign, in this call or a recent one, one is enough);
 * the full count is tried again after 16 passes, then after 32, 64... while
 * the machine stays busy. Time a thread spends waiting at a barrier (uneven
 * shares, the serial steps between regions, a worker that starts late) is
 * not a loss: on many cores such waits are a large part of a short pass, and
 * an earlier rule that compared CPU time with threads x wall time read them
 * as a busy machine. Pass 1 is not judged (it touches fresh memory, and
 * page faults can be served outside the thread's clock), nor anything where
 * the thread clock does not follow the work (thread_clock_ok). On an idle
 * 16-core sandboxed machine the governor still cut threads (fixing the
 * count made 16-thread fits of 1e6 x 10 14% faster), which only time the
 * thread clock misses can explain: hence both rules. The process remembers
 * a busy machine for two seconds, so that the next calls (random starts,
 * repeated fits) start with fewer threads too, and try more only after 64
 * passes. The results do not depend on the thread count; only the time
 * does. */
typedef struct {
    int max, now;
    int hold;    /* passes left before more threads are tried */
    int backoff; /* the next hold after a failed try */
    int strikes; /* slow passes in a row */
    int wary;    /* the machine was busy lately: one slow pass is enough */
} thread_governor;

static void governor_start(thread_governor *g, int nt)
{
    g->max = nt;
    g->now = busy_threads(nt);
    /* a try costs a slow pass on a busy machine: not soon after the last */
    g->hold = g->now < nt ? 64 : 8;
    g->backoff = g->now < nt ? 128 : 16;
    g->strikes = 0;
    g->wary = g->now < nt;
}

static void govern_threads(thread_governor *g, double lost, double wall, int used)
{
    if (used > 1 && wall > 2e-4 && lost > 0.3 * wall) {
        if (!g->wary && ++g->strikes < 2)
            return;
        g->strikes = 0;
        g->wary = 1;
        g->now = used / 2 > 1 ? used / 2 : 1;
        g->hold = g->backoff;
        g->backoff = g->backoff < 256 ? 2 * g->backoff : 256;
        KM_STORE(busy_cap, g->now);
        KM_STORE(busy_until_ms, (int64_t)(omp_wall() * 1e3) + 2000);
    } else if (used > 1 && wall > 2e-4) {
        g->strikes = 0;
        g->backoff = 16; /* the threads had their cores */
        if (g->now < g->max && --g->hold <= 0)
            g->now = 2 * g->now < g->max ? 2 * g->now : g->max;
    } else if (g->now < g->max && --g->hold <= 0) {
        g->now = 2 * g->now < g->max ? 2 * g->now : g->max;
    }
}

#if KM_FMA_FILTER
/* The single-precision filter's centres from c (k * p; those with nc = 0,
 * empty, are NaN and can never win): shifted, rounded, their squared norms
 * and the largest of these. */
static void sp_centres(sp_filter *sp, float *cf, float *cn, const double *c, const int32_t *nc,
                       int first, int k, int p)
{
    double cmax2 = 0.0;
    for (int l = 0; l < k; l++) {
        double n2 = 0.0;
        for (int j = 0; j < p; j++) {
            const float v = (float)(c[(int64_t)l * p + j] - sp->m[j]);
            cf[(int64_t)l * p + j] = v;
            n2 += (double)v * (double)v;
        }
        cn[l] = (float)n2;
        if ((first || nc[l] > 0) && n2 > cmax2)
            cmax2 = n2;
    }
    sp->cmax2 = cmax2 * (1.0 + 0x1p-20);
}

/* Whether the single-precision filter may run on this call (see
 * scan_points_sp), and its shift m (the mean of the initial centres). */
static int sp_usable(const double *c, int k, int p, double xmax, double cmax, double *m)
{
    if (p > SP_MAX_P || k >= (1 << 24) - 4 || (int64_t)k * p < KM_SP_MIN_KP)
        return 0;
    double mmax = 0.0;
    for (int j = 0; j < p; j++) {
        double a = 0.0;
        for (int l = 0; l < k; l++)
            a += c[(int64_t)l * p + j];
        m[j] = a / k;
        mmax = fabs(m[j]) > mmax ? fabs(m[j]) : mmax;
    }
    /* |x - m|, |c - m| (centres are means of rows, or the initial ones) */
    const double v = 2.0 * ((xmax > cmax ? xmax : cmax) + mmax);
    return isfinite(v) && (double)p * v * v <= 1e37;
}

/* The constants of the single-precision filter's bound (see above). */
static void sp_constants(sp_filter *sp, int p)
{
    const double u = 0x1p-24, gp = p * u / (1.0 - p * u), u2 = u * (1.0 + 0x1p-20);
    const double u1 = (1.0 + u) * (u + 0x1p-53 * (1.0 + u));
    const double eps = gp + u2 + (p + 1) * 0x1p-53 + u * (2.0 + u2 + gp) + 0x1p-50;
    sp->alpha = u * 1.01;
    sp->kappa = (eps + 4.0 * u1 * u1 * (1.0 / u + 1.0) / ((1.0 - u1) * (1.0 - u1))) * 1.01;
    sp->g_abs = ((2.0 * p + 2.0) * 0x1p-149 + 8.0 * p * 0x1p-300 / u) * 1.01;
}
#endif

int km_lloyd(const double *x, int64_t n, int p, double *c, int k, int32_t *cl, int32_t *nc,
             double *wss, int iter_max, int *iter, int n_threads, sk_poll *poll)
{
    return km_lloyd_ex(x, n, p, c, k, cl, nc, wss, iter_max, iter, n_threads, 0, poll);
}

int km_lloyd_ex(const double *x, int64_t n, int p, double *c, int k, int32_t *cl, int32_t *nc,
                double *wss, int iter_max, int *iter, int n_threads, int flags, sk_poll *poll)
{
    const double t_start = omp_wall();
    const int nt = threads_for(n_threads, n * (int64_t)k * p);
    if (n < 1 || k < 1)
        return lloyd_plain(x, n, p, c, k, cl, nc, wss, iter_max, iter, nt, poll);
    const double cmax = max_abs(c, (int64_t)k * p, 1), xmax = max_abs(x, n * p, sweep_threads(nt, n * p));
    if (cmax > PRUNE_MAX || xmax > PRUNE_MAX)
        return lloyd_plain(x, n, p, c, k, cl, nc, wss, iter_max, iter, nt, poll);
    int rc = KM_OK;
    lloyd_pass_t P = {0};
    const int64_t xt_stride = ((int64_t)p * BLK + 7) / 8 * 8;
    /* bounds pay for themselves once a full scan costs more than checking them */
    const int use_bounds = !(flags & KM_FLAG_NO_BOUNDS) &&
                           ((flags & KM_FLAG_BOUNDS) || (int64_t)k * p >= KM_BOUNDS_MIN_KP) &&
                           cmax <= BOUNDS_MAX && xmax <= BOUNDS_MAX;
    float *ub = use_bounds ? sk_big_alloc(sizeof(float) * (size_t)n) : NULL;
    float *lb = use_bounds ? sk_big_alloc(sizeof(float) * (size_t)n) : NULL;
    const int kpad = kpad_of(k, p);
    double *cpad = malloc(sizeof(double) * (size_t)kpad * p);
    double *sums = malloc(sizeof(double) * (size_t)k * p);
    double *cold = malloc(sizeof(double) * (size_t)k * p);
    double *delta = malloc(sizeof(double) * (size_t)k);
    double *s = malloc(sizeof(double) * (size_t)k);
    double *U = calloc((size_t)k, sizeof(double));
    double *L = calloc((size_t)k, sizeof(double));
    /* per-thread data in whole cache lines of their own */
    const int64_t kc = (k + 7) / 8 * 8 + 8, kd = (k + 63) / 64 * 64 + 64;
    const int64_t tsums_stride = (int64_t)k * p + 8;
    int64_t *tscan = calloc((size_t)nt * 8, sizeof(int64_t));
    double *twork = calloc((size_t)nt * 8, sizeof(double));
    double *tsums = malloc(sizeof(double) * (size_t)(tsums_stride * nt));
    unsigned char *moved = malloc((size_t)k);
    int64_t *tcount = malloc(sizeof(int64_t) * (size_t)(kc * nt));
    unsigned char *tdirty = malloc((size_t)(kd * nt));
    unsigned char *town = malloc((size_t)(kd * nt));
    int64_t *tcost = malloc(sizeof(int64_t) * (size_t)(kc * nt));
    double *xt = sk_aligned_alloc(64, sizeof(double) * (size_t)(xt_stride * nt));
    double *xT = NULL; /* small x, transposed (below) */
    float *xTf = NULL; /* or so for the single-precision filter, with nX */
    double *xTn = NULL;
    double *spm = NULL; /* the single-precision filter's shift and centres */
    float *cf = NULL, *cn = NULL;
    if ((use_bounds && (!ub || !lb)) || !cpad || !sums || !cold || !delta || !s || !U || !L || !tscan || !twork || !tsums || !moved || !tcount || !tdirty || !town || !tcost ||
        !xt) {
        rc = KM_NOMEM;
        goto done;
    }
    P.x = x;
    P.n = n;
    P.p = p;
    P.k = k;
    pad_centres(c, k, p, cpad);
    P.c = cpad;
    P.kpad = kpad;
    P.cl = cl;
    P.ub = use_bounds ? ub : NULL;
    P.filter = !(flags & KM_FLAG_EXACT_SCAN) && p < 1000000 && fma_usable();
#if KM_FMA_FILTER
    sp_filter sp = {0};
    if (P.filter && !(flags & KM_FLAG_DOUBLE_FILTER)) {
        const int k4 = (k + 3) / 4 * 4;
        spm = malloc(sizeof(double) * (size_t)p);
        cf = malloc(sizeof(float) * (size_t)k4 * p);
        cn = malloc(sizeof(float) * (size_t)k4);
        if (!spm || !cf || !cn) {
            rc = KM_NOMEM;
            goto done;
        }
        if (sp_usable(c, k, p, xmax, cmax, spm)) {
            for (int64_t e = (int64_t)k * p; e < (int64_t)k4 * p; e++)
                cf[e] = 0.0f;
            for (int l = k; l < k4; l++)
                cn[l] = INFINITY;
            sp.cf = cf;
            sp.cn = cn;
            sp.k4 = k4;
            sp.m = spm;
            sp_constants(&sp, p);
            sp_centres(&sp, cf, cn, c, nc, 1, k, p);
            P.sp = &sp;
        }
    }
#endif
#if defined(__GNUC__)
    P.plain2 = (flags & KM_FLAG_EXACT_SCAN) != 0; /* tests: the generic scan for p = 2 too */
#else
    P.plain2 = 1;
#endif
    P.lb = lb;
    P.sums = sums;
    P.U = U;
    P.L = L;
    P.s = s;
    P.tscan = tscan;
    P.twork = twork;
    P.tcount = tcount;
    P.tdirty = tdirty;
    P.town = town;
    P.tcost = tcost;
    P.kc = kc;
    P.kd = kd;
    P.tsums = tsums;
    P.tsums_stride = tsums_stride;
    P.xt = xt;
    /* small x (in cache between passes): the full scans of pass 1 keep
     * their transposed blocks for the later full scans (none when p = 2
     * without bounds: that scan reads x itself) */
    const int64_t nblocks = (n + BLK - 1) / BLK;
    if ((int64_t)n * p <= KM_TRANSPOSED_MAX && !(flags & KM_FLAG_EXACT_SCAN) &&
        (use_bounds || p != 2)) {
        if (P.sp != NULL) { /* in float, half the memory (see P.xTf) */
            xTf = sk_big_alloc(sizeof(float) * (size_t)(nblocks * p * BLK));
            xTn = sk_big_alloc(sizeof(double) * (size_t)(nblocks * BLK));
        } else {
            xT = sk_big_alloc(sizeof(double) * (size_t)(nblocks * xt_stride));
        }
    }
    P.xT = xT;
    P.xTf = xTf != NULL && xTn != NULL ? xTf : NULL;
    P.xTn = xTn;
    P.xf_stride = (int64_t)p * BLK;
    P.xt_stride = xt_stride;
    P.poll = poll;
    P.nc = nc;
    P.column_sums = (flags & KM_FLAG_COLUMN_SUMS) != 0;
    memset(nc, 0, sizeof(int32_t) * (size_t)k);
    /* one sweep per pass (assign a block, then add it to the sums while it
     * is in cache): on request, or on one thread (no barrier per block to
     * wait at) while most clusters change anyway (a sweep sums them all) */
    int sweep = (flags & KM_FLAG_SWEEP_ALWAYS) != 0;
    int it;
    /* a pass with bounds, or a full scan when the last pass rescanned more
     * than this share of the points (the full scan also counts how many a
     * bounded pass would have rescanned) */
    const double full_share = 0.25 + (double)k * p / 4000.0 < 0.8 ? 0.25 + (double)k * p / 4000.0 : 0.8;
    int full = 0, threads = nt;
    P.full_share = full_share;
    thread_governor gov;
    governor_start(&gov, nt);
    const int govern = nt > 1 && !(flags & KM_FLAG_FIXED_THREADS) && thread_clock_ok();
    threads = gov.now;
    double serial_from = omp_wall();
    KM_PHASE_ADD(0, serial_from - t_start);
    for (it = 0; it < iter_max; it++) {
        const int first = it == 0;
        if (it >= KM_BOUNDS_MAX_PASSES)
            P.ub = NULL; /* the running sums' rounding is only accounted for so far */
        P.check = !first && full;
        const double wall = -omp_wall();
        KM_PHASE_ADD(3, -serial_from - wall);
        int changed = lloyd_pass(&P, first, full, sweep, threads);
        KM_PHASE_ADD(1, P.assigned_at + wall);
        KM_PHASE_ADD(2, omp_wall() - P.assigned_at);
        KM_PHASE_ADD(5, 1.0);
        serial_from = omp_wall();
        if (sk_stopped(poll)) {
            rc = SK_INTERRUPTED;
            goto done;
        }
        const int used = P.used;
        int64_t scans = 0;
        double lost = 0.0; /* the most time a thread was kept from its core */
        for (int t = 0; t < used; t++) {
            scans += tscan[8 * t];
            lost = twork[8 * t + 1] - twork[8 * t] > lost ? twork[8 * t + 1] - twork[8 * t] : lost;
        }
        if (govern && !first) /* pass 1's page faults are no sign of a busy machine */
            govern_threads(&gov, lost, wall + omp_wall(), used);
        threads = gov.now;
        full = !first && (double)scans > full_share * (double)n;
        /* four at a time pays where few points are rescanned (measured: 7-10%
         * faster bounded fits at 2% of the points, 3% slower at 20%) */
        P.skip4 = P.filter && (double)scans < 0.0625 * (double)n;
        int64_t dirty_rows = 0;
        for (int l = 0; l < k; l++) {
            int64_t dn = 0;
            unsigned char d = 0;
            for (int t = 0; t < used; t++) {
                dn += tcount[kc * t + l];
                d |= tdirty[kd * t + l];
            }
            nc[l] += (int32_t)dn;
            moved[l] = first || d;
            if (moved[l])
                dirty_rows += nc[l];
        }
        if (!changed)
            break;
        /* new centres: member sums / sizes (0/0 gives R's NaN) */
        for (int l = 0; l < k; l++) {
            if (!moved[l])
                continue;
            double *cr = c + (int64_t)l * p;
            memcpy(cold + (int64_t)l * p, cr, sizeof(double) * (size_t)p);
            for (int j = 0; j < p; j++)
                cr[j] = sums[(int64_t)l * p + j] / (double)nc[l];
            memcpy(cpad + (int64_t)l * p, cr, sizeof(double) * (size_t)p);
        }
        bounds_update(cold, c, nc, k, p, moved, delta, s, U, L);
#if KM_FMA_FILTER
        if (P.sp != NULL)
            sp_centres(&sp, cf, cn, c, nc, 0, k, p);
#endif
        sweep = (flags & KM_FLAG_SWEEP_ALWAYS) ||
                (!(flags & KM_FLAG_SWEEP_NEVER) && threads == 1 && 2 * dirty_rows > n);
    }
    *iter = it + 1;
    rc = wss_rowwise(x, n, p, c, k, cl, nc, wss, sweep_threads(nt, n * p));
    KM_PHASE_ADD(4, omp_wall() - serial_from);
done:
    sk_aligned_free(ub);
    sk_aligned_free(lb);
    free(cpad);
    free(sums);
    free(cold);
    free(delta);
    free(s);
    free(U);
    free(L);
    free(tscan);
    free(twork);
    free(tsums);
    free(moved);
    free(tcount);
    free(tdirty);
    free(town);
    free(tcost);
    sk_aligned_free(xt);
    sk_aligned_free(xT);
    sk_aligned_free(xTf);
    sk_aligned_free(xTn);
    free(spm);
    free(cf);
    free(cn);
    return rc;
}

/* The plain references: R's algorithms exactly as specified, serial, every
 * distance and sum spelled out. */

/* The nearest centre to row i, 1-based: the first on ties; `choice` (R's
 * running choice) stays when no distance is below +Inf. */
static int32_t ref_nearest(const double *x, int64_t i, int p, const double *c, int k,
                           int32_t choice)
{
    double best = INFINITY;
    for (int l = 0; l < k; l++) {
        double dd = 0.0;
        for (int j = 0; j < p; j++) {
            double t = x[i * p + j] - c[(int64_t)l * p + j];
            dd += t * t;
        }
        if (dd < best) {
            best = dd;
            choice = l + 1;
        }
    }
    return choice;
}

/* OUT c: the centres, sums over the members in point order divided by the
 * counts; nc: the counts. */
static void ref_means(const double *x, int64_t n, int p, double *c, int k, const int32_t *cl,
                      int32_t *nc)
{
    memset(c, 0, sizeof(double) * (size_t)k * p);
    memset(nc, 0, sizeof(int32_t) * (size_t)k);
    for (int64_t i = 0; i < n; i++) {
        int l = cl[i] - 1;
        nc[l]++;
        for (int j = 0; j < p; j++)
            c[(int64_t)l * p + j] += x[i * p + j];
    }
    for (int l = 0; l < k; l++)
        for (int j = 0; j < p; j++)
            c[(int64_t)l * p + j] /= (double)nc[l];
}

/* OUT wss: the within sums of squares in point order; nc (unless NULL): the
 * counts. */
static void ref_wss(const double *x, int64_t n, int p, const double *c, int k, const int32_t *cl,
                    int32_t *nc, double *wss)
{
    if (nc != NULL)
        memset(nc, 0, sizeof(int32_t) * (size_t)k);
    memset(wss, 0, sizeof(double) * (size_t)k);
    for (int64_t i = 0; i < n; i++) {
        int l = cl[i] - 1;
        if (nc != NULL)
            nc[l]++;
        for (int j = 0; j < p; j++) {
            double t = x[i * p + j] - c[(int64_t)l * p + j];
            wss[l] += t * t;
        }
    }
}

/* R's Lloyd, without bounds: the reference the tests compare the fast code
 * with. (n_threads, flags and poll are not used: the signature is the other
 * kernels', so that the wrappers call them alike.) */
int km_lloyd_reference(const double *x, int64_t n, int p, double *c, int k, int32_t *cl,
                       int32_t *nc, double *wss, int iter_max, int *iter, int n_threads,
                       int flags, sk_poll *poll)
{
    (void)n_threads;
    (void)flags;
    (void)poll;
    int32_t choice = 0; /* R's running choice, not reset between points */
    for (int64_t i = 0; i < n; i++)
        cl[i] = -1;
    int it;
    for (it = 0; it < iter_max; it++) {
        int updated = 0;
        for (int64_t i = 0; i < n; i++) {
            choice = ref_nearest(x, i, p, c, k, choice);
            if (cl[i] != choice) {
                updated = 1;
                cl[i] = choice;
            }
        }
        if (!updated)
            break;
        ref_means(x, n, p, c, k, cl, nc);
    }
    *iter = it + 1;
    ref_wss(x, n, p, c, k, cl, nc, wss);
    return KM_OK;
}

/* R's MacQueen: the reference the tests compare km_macqueen with (the
 * signature as km_lloyd_reference's). */
int km_macqueen_reference(const double *x, int64_t n, int p, double *c, int k, int32_t *cl,
                          int32_t *nc, double *wss, int iter_max, int *iter, int n_threads,
                          int flags, sk_poll *poll)
{
    (void)n_threads;
    (void)flags;
    (void)poll;
    int32_t choice = 0; /* R's running choice, not reset between points */
    for (int64_t i = 0; i < n; i++) {
        choice = ref_nearest(x, i, p, c, k, choice);
        cl[i] = choice;
    }
    if (n > 0 && cl[0] == 0)
        return KM_NOLABEL;
    for (int64_t i = 1; i < n; i++)
        if (cl[i] == 0)
            cl[i] = cl[i - 1];
    ref_means(x, n, p, c, k, cl, nc);
    int it;
    for (it = 0; it < iter_max; it++) {
        int updated = 0;
        for (int64_t i = 0; i < n; i++) {
            choice = ref_nearest(x, i, p, c, k, choice);
            if (cl[i] != choice) {
                updated = 1;
                int lo = cl[i] - 1, ln = choice - 1;
                cl[i] = choice;
                nc[lo]--;
                nc[ln]++;
                for (int j = 0; j < p; j++) {
                    c[(int64_t)lo * p + j] += (c[(int64_t)lo * p + j] - x[i * p + j]) / nc[lo];
                    c[(int64_t)ln * p + j] += (x[i * p + j] - c[(int64_t)ln * p + j]) / nc[ln];
                }
            }
        }
        if (!updated)
            break;
    }
    *iter = it + 1;
    ref_wss(x, n, p, c, k, cl, NULL, wss);
    return KM_OK;
}

/* ------------------------------------------------------------------------ */
/* MacQueen                                                                  */

/* Rows [i0, i1) of a MacQueen pass: each goes to its nearest centre (R's
 * running choice *carry), and the two centres of a move are updated at once.
 * Returns whether a row moved. (A function of its own: the pass calls it per
 * block of rows, with an interrupt check between blocks; inlined into the
 * block loop, the scan compiled 10% slower.) */
KM_NOINLINE static int macqueen_rows(const double *x, int p, double *c, int k, int32_t *cl,
                                     int32_t *nc, int64_t i0, int64_t i1, int32_t *carry_io)
{
    int32_t carry = *carry_io;
    int updated = 0;
    for (int64_t i = i0; i < i1; i++) {
        const double *xr = x + i * p;
        double best = INFINITY;
        for (int l = 0; l < k; l++) {
            double dd = sqdist(xr, c + (int64_t)l * p, p);
            if (dd < best) {
                best = dd;
                carry = l + 1;
            }
        }
        int32_t old = cl[i];
        if (old != carry) {
            updated = 1;
            cl[i] = carry;
            int lo = old - 1, ln = carry - 1;
            nc[lo]--;
            nc[ln]++;
            double *co = c + (int64_t)lo * p, *cn = c + (int64_t)ln * p;
            for (int j = 0; j < p; j++) {
                co[j] += (co[j] - xr[j]) / nc[lo];
                cn[j] += (xr[j] - cn[j]) / nc[ln];
            }
        }
    }
    *carry_io = carry;
    return updated;
}

int km_macqueen(const double *x, int64_t n, int p, double *c, int k, int32_t *cl, int32_t *nc,
                double *wss, int iter_max, int *iter, int n_threads, sk_poll *poll)
{
    int nt = threads_for(n_threads, n * (int64_t)k * p);
    int rc = nearest_all(x, n, p, c, k, cl, nt, poll);
    if (rc != KM_OK)
        return rc;
    rc = member_means(x, n, p, c, k, cl, nc, nt);
    if (rc != KM_OK)
        return rc;
    int32_t carry = cl[n - 1]; /* R's running choice continues from the last row */
    int it;
    for (it = 0; it < iter_max; it++) {
        int updated = 0;
        /* blocks of rows, an interrupt check before each */
        for (int64_t i0 = 0; i0 < n; i0 += KM_POLL_ROWS) {
            if (sk_poll_step(poll, 1, (double)KM_POLL_ROWS * k * p))
                return SK_INTERRUPTED;
            const int64_t i1 = n - i0 < KM_POLL_ROWS ? n : i0 + KM_POLL_ROWS;
            updated |= macqueen_rows(x, p, c, k, cl, nc, i0, i1, &carry);
        }
        if (!updated)
            break;
    }
    *iter = it + 1;
    return wss_rowwise(x, n, p, c, k, cl, nc, wss, sweep_threads(nt, n * p));
}

/* ------------------------------------------------------------------------ */
/* Hartigan-Wong (AS 136 as modified in R)                                   */

typedef struct {
    const double *x;
    int64_t m; /* points */
    int p, k;
    double *c;
    int32_t *ic1, *ic2, *nc, *itran;
    double *d, *an1, *an2;
    int64_t *ncp, *live;
    int64_t indx;
    int trace;
    km_trace_fn trace_fn;
    void *trace_ctx;
    /* For small k, OPTRA computes a point's distances to all centres at once
     * from the transposed centres ct (p rows of kpad), into dall. */
    int kpad;
    double *ct, *dall;
    sk_poll *poll; /* interrupts: checked once per block of KM_POLL_ROWS points */
} hw_state;

#define HW_VECTOR_MAX_K 64

/* Squared distances from xi to every centre: lane l of each 8-wide group
 * sums (xi[j] - c[l, j])^2 over j in order, as sqdist does. */
SK_MULTIVERSION KM_ALIGN64
static void hw_all_dist(const double *restrict xi, const double *restrict ct, int p, int kpad,
                        double *restrict out)
{
#if defined(__GNUC__)
    /* two 4-lane halves (an 8-lane sum went through the stack at every
     * column on AVX2) */
    for (int kb = 0; kb < kpad; kb += BLK) {
        v4d d0 = {0, 0, 0, 0}, d1 = {0, 0, 0, 0};
        for (int j = 0; j < p; j++) {
            const double *cj = ct + (int64_t)j * kpad + kb;
            v4d c0, c1;
            memcpy(&c0, cj, sizeof c0);
            memcpy(&c1, cj + 4, sizeof c1);
            const v4d t0 = xi[j] - c0, t1 = xi[j] - c1;
            d0 += t0 * t0;
            d1 += t1 * t1;
        }
        memcpy(out + kb, &d0, sizeof d0);
        memcpy(out + kb + 4, &d1, sizeof d1);
    }
#else
    for (int l = 0; l < kpad; l++) {
        double d = 0.0;
        for (int j = 0; j < p; j++) {
            double t = xi[j] - ct[(int64_t)j * kpad + l];
            d += t * t;
        }
        out[l] = d;
    }
#endif
}

static void hw_sync_centre(hw_state *s, int l)
{
    if (s->ct == NULL)
        return;
    const double *cr = s->c + (int64_t)l * s->p;
    for (int j = 0; j < s->p; j++)
        s->ct[(int64_t)j * s->kpad + l] = cr[j];
}

/* Move point i (0-based) from cluster l1 to l2 and update the statistics. */
KM_ALIGN64 static void hw_transfer(hw_state *s, int64_t i, int l1, int l2)
{
    const int p = s->p;
    const double *xi = s->x + i * p;
    double *c1 = s->c + (int64_t)l1 * p, *c2 = s->c + (int64_t)l2 * p;
    double al1 = (double)s->nc[l1], alw = al1 - 1.0;
    double al2 = (double)s->nc[l2], alt = al2 + 1.0;
    for (int j = 0; j < p; j++) {
        c1[j] = (c1[j] * al1 - xi[j]) / alw;
        c2[j] = (c2[j] * al2 + xi[j]) / alt;
    }
    s->nc[l1]--;
    s->nc[l2]++;
    s->an2[l1] = alw / al1;
    s->an1[l1] = alw > 1.0 ? alw / (alw - 1.0) : BIG;
    s->an1[l2] = alt / al2;
    s->an2[l2] = alt / (alt + 1.0);
    s->ic1[i] = l2;
    s->ic2[i] = l1;
    hw_sync_centre(s, l1);
    hw_sync_centre(s, l2);
}

/* Optimal-transfer stage: one pass over the points (stops early when INDX
 * reaches M, i.e. M steps without a transfer). Returns 1 when stopped by an
 * interrupt, else 0. */
static int hw_optra(hw_state *s)
{
    const int64_t M = s->m;
    const int p = s->p, K = s->k;
    for (int l = 0; l < K; l++)
        if (s->itran[l] == 1)
            s->live[l] = M + 1;
    for (int64_t i0 = 0; i0 < M; i0 += KM_POLL_ROWS) {
        if (sk_poll_step(s->poll, 1, (double)KM_POLL_ROWS * K * p))
            return 1;
        const int64_t i1 = M - i0 < KM_POLL_ROWS ? M : i0 + KM_POLL_ROWS;
        for (int64_t i = i0; i < i1; i++) {
            const int64_t ii = i + 1; /* 1-based position, compared with LIVE and NCP */
            const double *xi = s->x + i * p;
            s->indx++;
            int l1 = s->ic1[i];
            if (s->nc[l1] != 1) {
                /* every distance below is the full sum: see "full sums" above */
                const double *dall = NULL;
                if (s->ct != NULL) {
                    hw_all_dist(xi, s->ct, p, s->kpad, s->dall);
                    dall = s->dall;
                }
                if (s->ncp[l1] != 0)
                    s->d[i] = (dall ? dall[l1] : sqdist(xi, s->c + (int64_t)l1 * p, p)) * s->an1[l1];
                int l2 = s->ic2[i];
                const int ll = l2;
                double r2 = (dall ? dall[l2] : sqdist(xi, s->c + (int64_t)l2 * p, p)) * s->an2[l2];
                for (int l = 0; l < K; l++) {
                    if ((ii >= s->live[l1] && ii >= s->live[l]) || l == l1 || l == ll)
                        continue;
                    double rr = r2 / s->an2[l];
                    double dc = dall ? dall[l] : sqdist(xi, s->c + (int64_t)l * p, p);
                    if (dc < rr) {
                        r2 = dc * s->an2[l];
                        l2 = l;
                    }
                }
                if (r2 >= s->d[i]) {
                    s->ic2[i] = l2;
                } else {
                    s->indx = 0;
                    s->live[l1] = M + ii;
                    s->live[l2] = M + ii;
                    s->ncp[l1] = ii;
                    s->ncp[l2] = ii;
                    hw_transfer(s, i, l1, l2);
                }
            }
            if (s->indx == M)
                return 0;
        }
    }
    for (int l = 0; l < K; l++) {
        s->itran[l] = 0;
        s->live[l] -= M;
    }
    return 0;
}

static void hw_trace_qtran(hw_state *s, int64_t istep, int64_t icoun)
{
    char line[256];
    int len = snprintf(line, sizeof line, " QTRAN(): istep=%lld, icoun=%lld",
                       (long long)istep, (long long)icoun);
    if (s->trace >= 2) {
        len += snprintf(line + len, sizeof line - (size_t)len, ", NCP[1:%d]=", s->k);
        s->trace_fn(s->trace_ctx, line);
        for (int l = 0; l < s->k; l++) {
            snprintf(line, sizeof line, " %lld", (long long)s->ncp[l]);
            s->trace_fn(s->trace_ctx, line);
        }
        s->trace_fn(s->trace_ctx, "\n");
    } else {
        snprintf(line + len, sizeof line - (size_t)len, "\n");
        s->trace_fn(s->trace_ctx, line);
    }
}

/* Quick-transfer stage. Returns 1 when the step limit was reached, 2 when
 * stopped by an interrupt, else 0. */
static int hw_qtran(hw_state *s)
{
    const int64_t M = s->m;
    const int p = s->p;
    int64_t limit = 50 * M;
    if (limit > INT_MAX)
        limit = INT_MAX;
    int64_t icoun = 0, istep = 0;
    for (;;) {
        for (int64_t i0 = 0; i0 < M; i0 += KM_POLL_ROWS) {
            if (sk_poll_step(s->poll, 1, (double)KM_POLL_ROWS * 2.0 * p))
                return 2;
            const int64_t i1 = M - i0 < KM_POLL_ROWS ? M : i0 + KM_POLL_ROWS;
            for (int64_t i = i0; i < i1; i++) {
                if (s->trace > 0 && i == 0 && istep > 0)
                    hw_trace_qtran(s, istep, icoun);
                const double *xi = s->x + i * p;
                icoun++;
                istep++;
                if (istep >= limit)
                    return 1;
                int l1 = s->ic1[i], l2 = s->ic2[i];
                if (s->nc[l1] != 1) {
                    /* D(I) is refreshed if L1 changed in the last M steps; L2 is
                     * tried if either cluster did (both sums at once when both
                     * are needed; every sum is complete: see "full sums") */
                    const int refresh = istep <= s->ncp[l1];
                    const int check = istep < s->ncp[l1] || istep < s->ncp[l2];
                    const double *c1 = s->c + (int64_t)l1 * p, *c2 = s->c + (int64_t)l2 * p;
                    double dd = 0.0;
                    if (refresh && check) {
                        double de;
                        sqdist2(xi, c1, c2, p, &de, &dd);
                        s->d[i] = de * s->an1[l1];
                    } else if (refresh) {
                        s->d[i] = sqdist(xi, c1, p) * s->an1[l1];
                    } else if (check) {
                        dd = sqdist(xi, c2, p);
                    }
                    if (check) {
                        double r2 = s->d[i] / s->an2[l2];
                        if (dd < r2) {
                            icoun = 0;
                            s->indx = 0;
                            s->itran[l1] = 1;
                            s->itran[l2] = 1;
                            s->ncp[l1] = istep + M;
                            s->ncp[l2] = istep + M;
                            hw_transfer(s, i, l1, l2);
                        }
                    }
                }
                if (icoun == M)
                    return 0;
            }
        }
    }
}

KM_ALIGN64 int km_hartigan_wong(const double *x, int64_t n, int p, double *c, int k, int32_t *cl,
                     int32_t *nc, double *wss, int iter_max, int *iter, int *ifault, int trace,
                     km_trace_fn trace_fn, void *trace_ctx, sk_poll *poll)
{
    const int64_t M = n;
    const int K = k;
    *iter = 0;
    *ifault = 0;
    if (K <= 1 || K >= M) {
        *ifault = 3;
        return KM_OK;
    }
    hw_state s = {0};
    s.x = x;
    s.m = M;
    s.p = p;
    s.k = K;
    s.c = c;
    s.ic1 = cl;
    s.nc = nc;
    s.trace = trace_fn != NULL ? trace : 0;
    s.trace_fn = trace_fn;
    s.trace_ctx = trace_ctx;
    s.poll = poll;
    s.ic2 = malloc(sizeof(int32_t) * (size_t)M);
    s.d = malloc(sizeof(double) * (size_t)M);
    s.itran = malloc(sizeof(int32_t) * (size_t)K);
    s.an1 = malloc(sizeof(double) * (size_t)K);
    s.an2 = malloc(sizeof(double) * (size_t)K);
    s.ncp = malloc(sizeof(int64_t) * (size_t)K);
    s.live = malloc(sizeof(int64_t) * (size_t)K);
    int rc = KM_OK;
    if (!s.ic2 || !s.d || !s.itran || !s.an1 || !s.an2 || !s.ncp || !s.live) {
        rc = KM_NOMEM;
        goto done;
    }
    if (K <= HW_VECTOR_MAX_K) {
        s.kpad = (K + BLK - 1) / BLK * BLK;
        s.ct = sk_aligned_alloc(64, sizeof(double) * (size_t)s.kpad * p);
        s.dall = sk_aligned_alloc(64, sizeof(double) * (size_t)s.kpad);
        if (s.ct == NULL || s.dall == NULL) {
            sk_aligned_free(s.ct);
            sk_aligned_free(s.dall);
            s.ct = s.dall = NULL; /* scalar distances instead */
        } else {
            memset(s.ct, 0, sizeof(double) * (size_t)s.kpad * p);
        }
    }

    /* B. initial assignment: closest and second-closest centre */
    if (s.ct != NULL)
        for (int l = 0; l < K; l++)
            hw_sync_centre(&s, l);
    for (int64_t i = 0; i < M; i++) {
        if (i % KM_POLL_ROWS == 0 && sk_poll_step(poll, 1, (double)KM_POLL_ROWS * K * p)) {
            rc = SK_INTERRUPTED;
            goto done;
        }
        const double *xi = x + i * p;
        const double *dall = NULL;
        if (s.ct != NULL) {
            hw_all_dist(xi, s.ct, p, s.kpad, s.dall);
            dall = s.dall;
        }
        int c1 = 0, c2 = 1;
        double dt1 = dall ? dall[0] : sqdist(xi, c, p);
        double dt2 = dall ? dall[1] : sqdist(xi, c + p, p);
        if (dt1 > dt2) {
            double t = dt1;
            dt1 = dt2;
            dt2 = t;
            c1 = 1;
            c2 = 0;
        }
        for (int l = 2; l < K; l++) {
            double db = dall ? dall[l] : sqdist(xi, c + (int64_t)l * p, p);
            if (!(db < dt2)) /* AS 136 abandons the sum here; see "full sums" */
                continue;
            if (db < dt1) {
                dt2 = dt1;
                c2 = c1;
                dt1 = db;
                c1 = l;
            } else {
                dt2 = db;
                c2 = l;
            }
        }
        s.ic1[i] = c1;
        s.ic2[i] = c2;
    }

    /* C. centroids of the initial clusters */
    memset(c, 0, sizeof(double) * (size_t)K * p);
    memset(nc, 0, sizeof(int32_t) * (size_t)K);
    for (int64_t i = 0; i < M; i++) {
        int l = s.ic1[i];
        nc[l]++;
        double *cr = c + (int64_t)l * p;
        const double *xi = x + i * p;
        for (int j = 0; j < p; j++)
            cr[j] += xi[j];
    }
    for (int l = 0; l < K; l++) {
        if (nc[l] == 0) {
            *ifault = 1;
            goto done;
        }
        double aa = (double)nc[l];
        double *cr = c + (int64_t)l * p;
        for (int j = 0; j < p; j++)
            cr[j] /= aa;
        s.an2[l] = aa / (aa + 1.0);
        s.an1[l] = aa > 1.0 ? aa / (aa - 1.0) : BIG;
        s.itran[l] = 1;
        s.ncp[l] = -1;
        hw_sync_centre(&s, l);
    }
    s.indx = 0;

    /* D. alternate optimal-transfer and quick-transfer stages */
    int ij;
    for (ij = 1; ij <= iter_max; ij++) {
        if (hw_optra(&s)) {
            rc = SK_INTERRUPTED;
            goto done;
        }
        if (s.trace > 0) {
            char line[128];
            snprintf(line, sizeof line, "KMNS(*, k=%d): iter=%3d, indx=%lld\n", K, ij,
                     (long long)s.indx);
            trace_fn(trace_ctx, line);
        }
        if (s.indx == M)
            break;
        const int q = hw_qtran(&s);
        if (q == 2) {
            rc = SK_INTERRUPTED;
            goto done;
        }
        if (q == 1) {
            *ifault = 4;
            break;
        }
        if (K == 2)
            break;
        for (int l = 0; l < K; l++)
            s.ncp[l] = 0;
    }
    if (ij > iter_max) {
        *ifault = 2;
        *iter = iter_max + 1;
    } else {
        *iter = ij;
    }

    /* G. final centres from scratch, wss with columns outer, points inner */
    memset(c, 0, sizeof(double) * (size_t)K * p);
    for (int64_t i = 0; i < M; i++) {
        double *cr = c + (int64_t)s.ic1[i] * p;
        const double *xi = x + i * p;
        for (int j = 0; j < p; j++)
            cr[j] += xi[j];
    }
    for (int l = 0; l < K; l++)
        for (int j = 0; j < p; j++)
            c[(int64_t)l * p + j] /= (double)nc[l];
    memset(wss, 0, sizeof(double) * (size_t)K);
    for (int j = 0; j < p; j++) {
        for (int64_t i = 0; i < M; i++) {
            int l = s.ic1[i];
            double t = x[i * p + j] - c[(int64_t)l * p + j];
            wss[l] += t * t;
        }
    }
    for (int64_t i = 0; i < M; i++)
        cl[i] = s.ic1[i] + 1;

done:
    sk_aligned_free(s.ct);
    sk_aligned_free(s.dall);
    free(s.ic2);
    free(s.d);
    free(s.itran);
    free(s.an1);
    free(s.an2);
    free(s.ncp);
    free(s.live);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* R's sums                                                                  */

double km_sum_ld(const double *v, int64_t n)
{
    long double s = 0.0L;
    for (int64_t i = 0; i < n; i++)
        s += v[i];
    return (double)s;
}

double km_mean_ld(const double *v, int64_t n)
{
    long double s = 0.0L;
    for (int64_t i = 0; i < n; i++)
        s += v[i];
    return (double)(s / (long double)n);
}

/* Rows between two interrupt checks of totss's plain loops. */
#define TOTSS_POLL_ROWS 65536

/* R's totss, exactly as R computes it but without reading x column by
 * column (see kmeans.h): the reference, and the plain path (with an
 * interrupt check per block of rows; the order of the sums is R's). */
static int totss_plain(const double *x, int64_t n, int p, sk_poll *poll, long double *out)
{
    long double acc = 0.0L;
    for (int j = 0; j < p; j++) {
        long double s = 0.0L;
        for (int64_t i0 = 0; i0 < n; i0 += TOTSS_POLL_ROWS) {
            if (sk_poll_step(poll, 1, (double)TOTSS_POLL_ROWS * 4.0))
                return SK_INTERRUPTED;
            const int64_t i1 = n - i0 < TOTSS_POLL_ROWS ? n : i0 + TOTSS_POLL_ROWS;
            for (int64_t i = i0; i < i1; i++)
                s += x[i * p + j];
        }
        double mean = (double)(s / (long double)n);
        for (int64_t i0 = 0; i0 < n; i0 += TOTSS_POLL_ROWS) {
            if (sk_poll_step(poll, 1, (double)TOTSS_POLL_ROWS * 4.0))
                return SK_INTERRUPTED;
            const int64_t i1 = n - i0 < TOTSS_POLL_ROWS ? n : i0 + TOTSS_POLL_ROWS;
            for (int64_t i = i0; i < i1; i++) {
                double t = x[i * p + j] - mean;
                acc += (long double)(t * t);
            }
        }
    }
    *out = acc;
    return KM_OK;
}

long double km_totss_reference_ld(const double *x, int64_t n, int p)
{
    long double acc = 0.0L;
    totss_plain(x, n, p, NULL, &acc);
    return acc;
}

double km_totss_reference(const double *x, int64_t n, int p)
{
    return (double)km_totss_reference_ld(x, n, p);
}

/*
 * The fast path. R's totss is one extended-precision running sum S of the
 * terms T = (x[i,j] - mean_j)^2 (doubles, >= 0) in column-major order: a
 * chain of n*p dependent additions, each rounded to 64 significant bits.
 * It is cut into chunks (a block of rows of one column). While S stays in
 * one binade [2^e, 2^(e+1)), the values representable there are the
 * multiples of u = 2^(e-63), and S is one; so each addition adds T rounded
 * to the nearest multiple of u, r = R(T)/u units -- unless T is exactly
 * halfway, (f + 1/2) u, where the result is the even one of S + f u and
 * S + (f + 1) u: it depends on the parity of S/u, and leaves S/u even.
 * So a chunk's total, in units of u, is the sum of r up to its first tie
 * (known without S), then f or f + 1 (by the parity of S/u plus that sum
 * plus f), then a part that no longer depends on S (the parity is even
 * after a tie and is tracked from there). Threads compute these integers
 * for all chunks at once, exactly. The binade of each chunk is guessed from
 * approximate sums; the chunks are then chained in R's order, and a chunk
 * whose guess, end or terms do not fit (a term of 2^(e-12) or more, where
 * the rounding trick below would not hold) is summed term by term, as R
 * does. The result is R's bits in every case; only the time depends on the
 * guesses.
 *
 * The column means need R's own order too: one extended-precision sum per
 * column in row order; threads share the columns and read x by blocks of
 * rows.
 */

#define TOTSS_MIN_TERMS 65536

/* Rows per chunk: a block of rows of about 256 KiB (it stays in cache while
 * every column of it is handled), 512 to 4096 rows. */
static int64_t totss_rows(int p)
{
    int64_t r = (int64_t)32768 / p / 8 * 8;
    return r < 512 ? 512 : r > 4096 ? 4096 : r;
}

typedef struct {
    uint64_t units; /* units of u added, except the first tie */
    int64_t f1;     /* the first tie: T = (f1 + 1/2) u; -1 if none */
    int pre_odd;    /* parity of the units before the first tie */
    int e;          /* guessed binade, or INT_MIN: no guess */
    int bad;        /* a term does not fit (see above) */
} totss_chunk;

/* Chunk b of column j of the deviations, summed term by term onto s. */
static long double totss_chunk_serial(const double *x, int64_t n, int p, int64_t rows, int j,
                                      double mean, int64_t b, long double s)
{
    const int64_t r1 = (b + 1) * rows < n ? (b + 1) * rows : n;
    for (int64_t i = b * rows; i < r1; i++) {
        double t = x[i * p + j] - mean;
        s += (long double)(t * t);
    }
    return s;
}

/* The chunk integers of up to four chunks of `rows` terms (lanes; see the
 * comment above): lane q's terms are x[start[q] + i * p] - m4[q], i <
 * rows; with `contiguous`, start[q] = start[0] + q and four doubles from
 * start[0] + i * p may be read. ch[q] holds lane q's guess e on entry and
 * its integers on return (lanes q < nl). Terms T < 2^(e-12) only: T + cst
 * (cst = 1.5 * 2^(e-11), whose ulp is u) then stays in cst's binade, so
 * (T + cst) - cst is T rounded to a multiple of u, and T - that is exact;
 * R(T)/u < 2^51 is an integer read off the bits of R(T)/u + 2^52. */
SK_MULTIVERSION
static void totss_lanes(const double *restrict x, int p, int64_t rows,
                        const int64_t *restrict start, int contiguous, const double *restrict m4,
                        totss_chunk *restrict ch, int nl)
{
#if defined(__GNUC__)
    double a_inv_u[4], a_cst[4], a_thr[4], a_half[4];
    int64_t st[4];
    for (int q = 0; q < 4; q++) {
        const int e = q < nl && ch[q].e != INT_MIN ? ch[q].e : 0; /* unused lanes: any e */
        a_inv_u[q] = ldexp(1.0, 63 - e);
        a_cst[q] = 1.5 * ldexp(1.0, e - 11);
        a_thr[q] = ldexp(1.0, e - 12);
        a_half[q] = ldexp(1.0, e - 64);
        st[q] = start[q < nl ? q : 0];
    }
    v4d inv_u, cst, thr, half, m;
    memcpy(&inv_u, a_inv_u, sizeof inv_u);
    memcpy(&cst, a_cst, sizeof cst);
    memcpy(&thr, a_thr, sizeof thr);
    memcpy(&half, a_half, sizeof half);
    memcpy(&m, m4, sizeof m);
    const v4d zero = {0.0, 0.0, 0.0, 0.0};
    const v4d magic = {4503599627370496.0, 4503599627370496.0, 4503599627370496.0,
                       4503599627370496.0}; /* 2^52 */
    const v4i magic_bits = (v4i)magic;
    const v4i one = {1, 1, 1, 1}, sign = {INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN};
    v4i units = {0, 0, 0, 0}, f1 = {-1, -1, -1, -1}, pre_odd = {0, 0, 0, 0};
    v4i odd = {0, 0, 0, 0}, tied = {0, 0, 0, 0}, bad = {0, 0, 0, 0};
#define TOTSS_STEP(xv)                                                                             \
    do {                                                                                           \
        const v4d t = (xv) - m;                                                                    \
        const v4d T = t * t;                                                                       \
        bad |= ~(T < thr); /* also NaN */                                                          \
        const v4d rs = (T + cst) - cst;                                                            \
        const v4d d = T - rs;                                                                      \
        const v4i tie = ((v4i)d & ~sign) == (v4i)half; /* |d| == u/2 */                            \
        const v4i below = d < zero;                     /* floor(T/u) = R(T)/u - 1 */              \
        const v4i r = (v4i)(rs * inv_u + magic) - magic_bits;                                      \
        const v4i rbit = r & one;                                                                  \
        const v4i fl = r + below;                                                                  \
        /* a tie after the first adds f + (parity of S/u + f) mod 2; S/u is                        \
         * even after a tie, and odd tracks its parity from there */                               \
        const v4i add = (tie & (fl + (odd ^ rbit ^ (below & one)))) | (~tie & r);                  \
        const v4i first = tie & ~tied;                                                             \
        f1 = (first & fl) | (~first & f1);                                                         \
        units += add & ~first;                                                                     \
        pre_odd ^= rbit & ~(tied | tie);                                                           \
        odd = ~tie & (odd ^ rbit);                                                                 \
        tied |= tie;                                                                               \
    } while (0)
    /* most steps have no tie in any lane: then the step adds r everywhere
     * and tracks the parities; r is read off the bits of T + cst (in cst's
     * binade, whose ulp is u, for every term that fits) */
    const v4i cst_bits = (v4i)cst;
#define TOTSS_FAST(xv)                                                                             \
    do {                                                                                           \
        const v4d t = (xv) - m;                                                                    \
        const v4d T = t * t;                                                                       \
        const v4d y = T + cst;                                                                     \
        const v4d d = T - (y - cst);                                                               \
        const v4i tie = ((v4i)d & ~sign) == (v4i)half;                                             \
        if ((tie[0] | tie[1] | tie[2] | tie[3]) == 0) {                                            \
            bad |= ~(T < thr);                                                                     \
            const v4i r = (v4i)y - cst_bits;                                                       \
            const v4i rbit = r & one;                                                              \
            units += r;                                                                            \
            pre_odd ^= rbit & ~tied;                                                               \
            odd ^= rbit;                                                                           \
        } else {                                                                                   \
            TOTSS_STEP(xv);                                                                        \
        }                                                                                          \
    } while (0)
    /* two rows per test for ties (one test per row cost as much as the
     * fast path's arithmetic); rows in order either way */
#define TOTSS_FAST2(xa, xb)                                                                        \
    do {                                                                                           \
        const v4d ta = (xa) - m, tb = (xb) - m;                                                    \
        const v4d Ta = ta * ta, Tb = tb * tb;                                                      \
        const v4d ya = Ta + cst, yb = Tb + cst;                                                    \
        const v4d da = Ta - (ya - cst), db = Tb - (yb - cst);                                      \
        const v4i tie = (((v4i)da & ~sign) == (v4i)half) | (((v4i)db & ~sign) == (v4i)half);       \
        if ((tie[0] | tie[1] | tie[2] | tie[3]) == 0) {                                            \
            bad |= ~(Ta < thr) | ~(Tb < thr);                                                      \
            const v4i ra = (v4i)ya - cst_bits, rb = (v4i)yb - cst_bits;                            \
            const v4i rbit = (ra ^ rb) & one;                                                      \
            units += ra + rb;                                                                      \
            pre_odd ^= rbit & ~tied;                                                               \
            odd ^= rbit;                                                                           \
        } else {                                                                                   \
            TOTSS_STEP(xa);                                                                        \
            TOTSS_STEP(xb);                                                                        \
        }                                                                                          \
    } while (0)
    if (contiguous) {
        const double *xp = x + st[0];
        int64_t i = 0;
        for (; i + 2 <= rows; i += 2) {
            v4d xa, xb;
            memcpy(&xa, xp + i * p, sizeof xa);
            memcpy(&xb, xp + (i + 1) * p, sizeof xb);
            TOTSS_FAST2(xa, xb);
        }
        for (; i < rows; i++) {
            v4d xv;
            memcpy(&xv, xp + i * p, sizeof xv);
            TOTSS_FAST(xv);
        }
    } else {
        for (int64_t i = 0; i < rows; i++) {
            const int64_t o = i * p;
            const v4d xv = {x[st[0] + o], x[st[1] + o], x[st[2] + o], x[st[3] + o]};
            TOTSS_FAST(xv);
        }
    }
#undef TOTSS_FAST2
#undef TOTSS_FAST
#undef TOTSS_STEP
    long long o_units[4], o_f1[4], o_pre[4], o_bad[4];
    memcpy(o_units, &units, sizeof units);
    memcpy(o_f1, &f1, sizeof f1);
    memcpy(o_pre, &pre_odd, sizeof pre_odd);
    memcpy(o_bad, &bad, sizeof bad);
    for (int q = 0; q < nl; q++) {
        ch[q].units = (uint64_t)o_units[q];
        ch[q].f1 = o_f1[q];
        ch[q].pre_odd = (int)(o_pre[q] & 1);
        ch[q].bad = o_bad[q] != 0;
    }
#else
    (void)x;
    (void)p;
    (void)rows;
    (void)start;
    (void)contiguous;
    (void)m4;
    for (int q = 0; q < nl; q++)
        ch[q].bad = 1; /* no vectors: the chunks are summed term by term */
#endif
}

#define TOTSS_SAMPLE 8

/* Column groups [g0, g1) of sgroups (up to seven columns each, one running
 * sum per column in x87 registers): R's extended-precision sums in row
 * order into colsum (0 on entry), block by block so that x is read once;
 * per chunk (block b, column j), the sum of x - x[0,j] (exact enough) into
 * s1[b * p + j] and a sampled sum of its square into s2. */
static void totss_colsums(const double *x, int64_t n, int p, int64_t rows, int g0, int g1,
                          int sgroups, long double *colsum, double *s1, double *s2,
                          sk_poll *poll, int master)
{
    const int64_t nb = (n + rows - 1) / rows;
    for (int64_t b = 0; b < nb; b++) {
        if (sk_poll_step(poll, master, (double)rows * p))
            return;
        const int64_t r0 = b * rows, r1 = r0 + rows < n ? r0 + rows : n;
        for (int g = g0; g < g1; g++) {
            const int j0 = (int)((int64_t)p * g / sgroups);
            const int w = (int)((int64_t)p * (g + 1) / sgroups) - j0;
            long double a[7] = {0.0L, 0.0L, 0.0L, 0.0L, 0.0L, 0.0L, 0.0L};
            for (int q = 0; q < w; q++)
                a[q] = colsum[j0 + q];
            long double a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6];
            /* W is a constant in each case: one running sum per column */
#define TOTSS_SUMS(W)                                                                              \
    for (int64_t i = r0; i < r1; i++) {                                                            \
        const double *r = x + i * p + j0;                                                          \
        a0 += r[0];                                                                                \
        if (W > 1)                                                                                 \
            a1 += r[1];                                                                            \
        if (W > 2)                                                                                 \
            a2 += r[2];                                                                            \
        if (W > 3)                                                                                 \
            a3 += r[3];                                                                            \
        if (W > 4)                                                                                 \
            a4 += r[4];                                                                            \
        if (W > 5)                                                                                 \
            a5 += r[5];                                                                            \
        if (W > 6)                                                                                 \
            a6 += r[6];                                                                            \
    }
            switch (w) {
            case 1:
                TOTSS_SUMS(1);
                break;
            case 2:
                TOTSS_SUMS(2);
                break;
            case 3:
                TOTSS_SUMS(3);
                break;
            case 4:
                TOTSS_SUMS(4);
                break;
            case 5:
                TOTSS_SUMS(5);
                break;
            case 6:
                TOTSS_SUMS(6);
                break;
            default:
                TOTSS_SUMS(7);
                break;
            }
#undef TOTSS_SUMS
            const long double after[7] = {a0, a1, a2, a3, a4, a5, a6};
            for (int q = 0; q < w; q++) {
                const double x0 = x[j0 + q];
                double f2 = 0.0;
                for (int64_t i = r0; i < r1; i += TOTSS_SAMPLE) {
                    const double d = x[i * p + j0 + q] - x0;
                    f2 += d * d;
                }
                const int64_t cnt = r1 - r0, sampled = (cnt + TOTSS_SAMPLE - 1) / TOTSS_SAMPLE;
                s1[b * p + j0 + q] = (double)(after[q] - a[q]) - (double)cnt * x0;
                s2[b * p + j0 + q] = f2 * (double)cnt / (double)sampled;
                colsum[j0 + q] = after[q];
            }
        }
    }
}

int km_totss_ld(const double *x, int64_t n, int p, int n_threads, sk_poll *poll,
                long double *out)
{
    /* the fast path needs x87's 64-bit significand (see above); elsewhere
     * (64-bit or 128-bit long double) R's sum is the plain loop's */
    if (LDBL_MANT_DIG != 64 || n < 1 || p < 1 || n * (int64_t)p < TOTSS_MIN_TERMS)
        return totss_plain(x, n, p, poll, out);
    const int nt = sweep_threads(sk_threads(n_threads), n * (int64_t)p);
    const int64_t rows = totss_rows(p);
    const int64_t nb = (n + rows - 1) / rows;
    long double *colsum = calloc((size_t)p, sizeof(long double));
    double *mean = malloc(sizeof(double) * (size_t)p);
    double *s1 = malloc(sizeof(double) * (size_t)(nb * p)); /* per chunk: sum of x - x[0,j] */
    double *s2 = malloc(sizeof(double) * (size_t)(nb * p)); /* and of its square, sampled */
    totss_chunk *ch = malloc(sizeof(totss_chunk) * (size_t)(nb * p)); /* column-major */
    if (!colsum || !mean || !s1 || !s2 || !ch) {
        free(colsum);
        free(mean);
        free(s1);
        free(s2);
        free(ch);
        return totss_plain(x, n, p, poll, out);
    }
    /* 1. column sums in R's order: each thread a range of column groups */
    const int sgroups = (p + 6) / 7;
    (void)nt;
#ifdef _OPENMP
#pragma omp parallel num_threads(nt < sgroups ? nt : sgroups)
#endif
    {
        const int tid = omp_tid(), nth = omp_nth();
        totss_colsums(x, n, p, rows, sgroups * tid / nth, sgroups * (tid + 1) / nth, sgroups,
                      colsum, s1, s2, poll, tid == 0);
    }
    int rc = KM_OK;
    long double s = 0.0L;
    if (sk_stopped(poll)) {
        rc = SK_INTERRUPTED;
        goto finish;
    }
    for (int j = 0; j < p; j++)
        mean[j] = (double)(colsum[j] / (long double)n);
    /* 2. guesses: the rough running sum before and after each chunk */
    double run = 0.0;
    for (int j = 0; j < p; j++) {
        const double d0 = mean[j] - x[j];
        for (int64_t b = 0; b < nb; b++) {
            const int64_t cnt = ((b + 1) * rows < n ? (b + 1) * rows : n) - b * rows;
            double est = s2[b * p + j] - 2.0 * d0 * s1[b * p + j] + (double)cnt * d0 * d0;
            est = est > 0.0 ? est : 0.0;
            totss_chunk *c = ch + (int64_t)j * nb + b;
            int e;
            (void)frexp(run, &e); /* run = f * 2^e, f in [0.5, 1) */
            e -= 1;               /* run in [2^e, 2^(e+1)) */
            c->e = INT_MIN;
            if (run > 0.0 && isfinite(run) && run * (1.0 - 1e-6) >= ldexp(1.0, e) &&
                (run + est) * (1.0 + 1e-6) < ldexp(1.0, e + 1) && e >= -950 && e <= 1000)
                c->e = e;
            run += est;
        }
    }
    /* 3. the exact chunk integers for the guessed binades, four chunks at a
     * time: four columns of a block (p >= 4), or the columns of 4 / p
     * consecutive full blocks (p < 4); a task is one block (p >= 4) */
    const int ngroups = (p + 3) / 4;
    const int per = p >= 4 ? 1 : 4 / p;  /* blocks per task */
    const int64_t full = n / rows;       /* blocks of `rows` rows */
    const int64_t ntasks = p >= 4 ? nb : full / per + (nb - full / per * per);
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) schedule(dynamic, 2)
#endif
    for (int64_t h = 0; h < ntasks; h++) {
        if (sk_poll_step(poll, sk_master(), (double)rows * (p >= 4 ? p : 4)))
            continue;
        if (p >= 8) {
            /* the block is read four columns at a time: bring it in whole,
             * in order, first */
            const int64_t e0 = h * rows * p, e1 = ((h + 1) * rows < n ? (h + 1) * rows : n) * p;
            for (int64_t e = e0; e < e1; e += 8)
                KM_PREFETCH(x + e);
        }
        for (int g = 0; g < (p >= 4 ? ngroups : 1); g++) {
            totss_chunk tmp[4];
            int64_t start[4] = {0, 0, 0, 0}, idx[4] = {0, 0, 0, 0}, b0, cnt;
            double m4[4] = {0.0, 0.0, 0.0, 0.0};
            int nl = 0, contiguous = 0;
            if (p >= 4) {
                const int64_t b = h;
                const int j0 = 4 * g;
                b0 = b * rows;
                cnt = ((b + 1) * rows < n ? (b + 1) * rows : n) - b0;
                nl = p - j0 < 4 ? p - j0 : 4;
                for (int q = 0; q < nl; q++) {
                    idx[q] = (int64_t)(j0 + q) * nb + b;
                    start[q] = b0 * p + j0 + q;
                    m4[q] = mean[j0 + q];
                }
                /* four doubles from each row: past the last column they run
                 * into the next row, so not on the last row of x */
                contiguous = nl == 4 || b0 + cnt < n;
                for (int q = nl; q < 4; q++)
                    start[q] = start[0] + q;
            } else if (h < full / per) {
                b0 = h * per * rows;
                cnt = rows;
                for (int r = 0; r < per; r++)
                    for (int j = 0; j < p; j++, nl++) {
                        idx[nl] = (int64_t)j * nb + h * per + r;
                        start[nl] = (b0 + (int64_t)r * rows) * p + j;
                        m4[nl] = mean[j];
                    }
            } else {
                const int64_t b = full / per * per + (h - full / per);
                b0 = b * rows;
                cnt = ((b + 1) * rows < n ? (b + 1) * rows : n) - b0;
                for (int j = 0; j < p; j++, nl++) {
                    idx[nl] = (int64_t)j * nb + b;
                    start[nl] = b0 * p + j;
                    m4[nl] = mean[j];
                }
            }
            int any = 0;
            for (int q = 0; q < nl; q++) {
                tmp[q] = ch[idx[q]];
                any |= tmp[q].e != INT_MIN;
            }
            if (!any)
                continue;
            totss_lanes(x, p, cnt, start, contiguous, m4, tmp, nl);
            for (int q = 0; q < nl; q++)
                ch[idx[q]] = tmp[q];
        }
    }
    if (sk_stopped(poll)) {
        rc = SK_INTERRUPTED;
        goto finish;
    }
    /* 4. the chunks chained in R's order; any chunk that fails a check is
     * summed term by term */
    for (int j = 0; j < p; j++) {
        for (int64_t b = 0; b < nb; b++) {
            if (sk_poll_step(poll, 1, 64.0)) {
                rc = SK_INTERRUPTED;
                goto finish;
            }
            const totss_chunk *c = ch + (int64_t)j * nb + b;
            int done = 0;
            if (c->e != INT_MIN && !c->bad) {
                const long double lo2 = ldexpl(1.0L, c->e), hi2 = ldexpl(1.0L, c->e + 1);
                if (s >= lo2 && s < hi2) {
                    const long double u = ldexpl(1.0L, c->e - 63);
                    /* S/u is an integer below 2^64: exact */
                    const uint64_t su = (uint64_t)(s / u);
                    uint64_t q = c->units;
                    if (c->f1 >= 0)
                        q += (uint64_t)c->f1 + ((su + (uint64_t)c->pre_odd + (uint64_t)c->f1) & 1);
                    if (q < ((uint64_t)1 << 63)) {
                        /* exact: q fits the significand, u is a power of two */
                        const long double next = s + (long double)q * u;
                        if (next < hi2) {
                            s = next;
                            done = 1;
                        }
                    }
                }
            }
            if (!done) {
                s = totss_chunk_serial(x, n, p, rows, j, mean[j], b, s);
                sk_poll_step(poll, 1, (double)rows * 8.0);
            }
        }
    }
    *out = s;
finish:
    free(colsum);
    free(mean);
    free(s1);
    free(s2);
    free(ch);
    return rc;
}

int km_totss_threads(const double *x, int64_t n, int p, int n_threads, sk_poll *poll,
                     double *out)
{
    long double s = 0.0L;
    const int rc = km_totss_ld(x, n, p, n_threads, poll, &s);
    *out = (double)s;
    return rc;
}

/* ------------------------------------------------------------------------ */
/* unique(x) on rows                                                         */

static uint64_t row_hash(const double *r, int p)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (int j = 0; j < p; j++) {
        double v = r[j] + 0.0; /* -0 becomes +0 */
        uint64_t bits;
        memcpy(&bits, &v, sizeof bits);
        h ^= bits + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
        h *= 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    }
    return h;
}

static int rows_equal(const double *a, const double *b, int p)
{
    for (int j = 0; j < p; j++)
        if (a[j] != b[j])
            return 0;
    return 1;
}

/* The table holds row numbers + 1 (0: empty) in 32 bits when n allows:
 * 8 to 16 bytes per row instead of 16 to 32. An interrupt check per
 * KM_POLL_ROWS rows. */
#define UNIQUE_TABLE(T)                                                                            \
    do {                                                                                           \
        T *table = calloc(cap, sizeof(T));                                                         \
        if (table == NULL)                                                                         \
            return -1;                                                                             \
        for (int64_t i = 0; i < n; i++) {                                                          \
            if (i % KM_POLL_ROWS == 0 &&                                                           \
                sk_poll_step(poll, 1, (double)KM_POLL_ROWS * (p + 16))) {                          \
                free(table);                                                                       \
                return SK_INTERRUPTED;                                                             \
            }                                                                                      \
            const double *r = x + i * p;                                                           \
            uint64_t h = row_hash(r, p) & (cap - 1);                                               \
            for (;;) {                                                                             \
                const int64_t e = (int64_t)table[h] - 1;                                           \
                if (e < 0) {                                                                       \
                    table[h] = (T)(i + 1);                                                         \
                    first[count++] = i;                                                            \
                    break;                                                                         \
                }                                                                                  \
                if (rows_equal(x + e * p, r, p))                                                   \
                    break;                                                                         \
                h = (h + 1) & (cap - 1);                                                           \
            }                                                                                      \
        }                                                                                          \
        free(table);                                                                               \
    } while (0)

int64_t km_unique_rows(const double *x, int64_t n, int p, int64_t *first, sk_poll *poll)
{
    uint64_t cap = 16;
    while (cap < 2 * (uint64_t)n)
        cap <<= 1;
    int64_t count = 0;
    if (n < INT32_MAX)
        UNIQUE_TABLE(uint32_t);
    else
        UNIQUE_TABLE(uint64_t);
    return count;
}
