/* Silhouette and dist kernels with R's arithmetic; see silhouette.h and
 * docs/r-behaviour.md section 9. */
#if !defined(_WIN32) && !defined(__APPLE__) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* nanosleep (common.h) under -std=c11 */
#endif
#include "silhouette.h"
#include "common.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

/* Several instruction sets, picked at load time. Wider vectors change no
 * result: each lane does the scalar code's multiplies and adds in the same
 * order. */
#if defined(__GNUC__) && defined(__x86_64__)
#define SIL_X86_DISPATCH 1
#include <immintrin.h>
#else
#define SIL_X86_DISPATCH 0
#endif

/* Target observations handled together by the data kernel (one vector lane
 * each), and rows per chunk of the dist / dmatrix kernels. */
#define LANES 8
#define CHUNK 256

/* Position of d(a, b), a < b (0-based), in R's condensed order. */
static inline int64_t cidx(int64_t n, int64_t a, int64_t b)
{
    return a * n - a * (a + 1) / 2 + (b - a - 1);
}

/* a(i), b(i), neighbour and s(i) from the row S(i, .) of per-cluster sums,
 * by R's rules: neighbour = first cluster (in index order) with the
 * smallest mean distance; s = 0 for a singleton or when a == b. */
static inline void finish_row(const double *restrict S, int ci, int k,
                              const int64_t *restrict size, int32_t *nb, double *s)
{
    double b = 0.0;
    int best = -1;
    for (int c = 0; c < k; c++) {
        if (c == ci)
            continue;
        double dc = S[c] / (double)size[c];
        if (best < 0 || dc < b) {
            b = dc;
            best = c;
        }
    }
    *nb = best;
    if (size[ci] == 1) {
        *s = 0.0;
        return;
    }
    double a = S[ci] / (double)(size[ci] - 1);
    if (a == b)
        *s = 0.0;
    else
        *s = (b - a) / (a > b ? a : b);
}

/* ------------------------------------------------------------------------ */
/* From data: eight targets at a time against every point, in cluster order. */

/* acc[c * LANES + q] = sum over the members j of cluster c (in increasing
 * original index) of the Euclidean distance between target q and j.
 * xt: the targets transposed, p * LANES (64-byte aligned); xs: the points
 * in cluster order (row-major). Each lane does exactly the scalar code's
 * operations, in order: per column a subtraction, a multiplication and an
 * addition, then one correctly rounded square root and one addition. The
 * AVX-512 version interleaves two points j for instruction-level
 * parallelism; their square roots are still added in increasing j. */
typedef void (*block_sums_fn)(const double *restrict xs, int p, const int64_t *restrict start,
                              int k, const double *restrict xt, double *restrict acc);

static void block_sums_scalar(const double *restrict xs, int p, const int64_t *restrict start,
                              int k, const double *restrict xt, double *restrict acc)
{
    for (int c = 0; c < k; c++) {
        double a[LANES] = {0};
        for (int64_t j = start[c]; j < start[c + 1]; j++) {
            const double *xj = xs + j * (int64_t)p;
            double d[LANES] = {0};
            for (int col = 0; col < p; col++)
                for (int q = 0; q < LANES; q++) {
                    double t = xt[col * LANES + q] - xj[col];
                    d[q] += t * t;
                }
            for (int q = 0; q < LANES; q++)
                a[q] += sqrt(d[q]);
        }
        for (int q = 0; q < LANES; q++)
            acc[c * LANES + q] = a[q];
    }
}


#if SIL_X86_DISPATCH
__attribute__((target("avx512f"))) static void
block_sums_avx512(const double *restrict xs, int p, const int64_t *restrict start, int k,
                  const double *restrict xt, double *restrict acc)
{
    for (int c = 0; c < k; c++) {
        __m512d a = _mm512_setzero_pd();
        int64_t j = start[c], je = start[c + 1];
        for (; j + 1 < je; j += 2) {
            const double *x0 = xs + j * (int64_t)p, *x1 = x0 + p;
            __m512d d0 = _mm512_setzero_pd(), d1 = _mm512_setzero_pd();
            for (int col = 0; col < p; col++) {
                __m512d v = _mm512_load_pd(xt + col * LANES);
                __m512d t0 = _mm512_sub_pd(v, _mm512_set1_pd(x0[col]));
                __m512d t1 = _mm512_sub_pd(v, _mm512_set1_pd(x1[col]));
                d0 = _mm512_add_pd(d0, _mm512_mul_pd(t0, t0));
                d1 = _mm512_add_pd(d1, _mm512_mul_pd(t1, t1));
            }
            a = _mm512_add_pd(a, _mm512_sqrt_pd(d0));
            a = _mm512_add_pd(a, _mm512_sqrt_pd(d1));
        }
        for (; j < je; j++) {
            const double *x0 = xs + j * (int64_t)p;
            __m512d d0 = _mm512_setzero_pd();
            for (int col = 0; col < p; col++) {
                __m512d t0 = _mm512_sub_pd(_mm512_load_pd(xt + col * LANES),
                                           _mm512_set1_pd(x0[col]));
                d0 = _mm512_add_pd(d0, _mm512_mul_pd(t0, t0));
            }
            a = _mm512_add_pd(a, _mm512_sqrt_pd(d0));
        }
        _mm512_store_pd(acc + c * LANES, a);
    }
}

__attribute__((target("avx2"))) static void
block_sums_avx2(const double *restrict xs, int p, const int64_t *restrict start, int k,
                const double *restrict xt, double *restrict acc)
{
    for (int c = 0; c < k; c++) {
        __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd();
        for (int64_t j = start[c]; j < start[c + 1]; j++) {
            const double *xj = xs + j * (int64_t)p;
            __m256d d0 = _mm256_setzero_pd(), d1 = _mm256_setzero_pd();
            for (int col = 0; col < p; col++) {
                __m256d b = _mm256_set1_pd(xj[col]);
                __m256d t0 = _mm256_sub_pd(_mm256_load_pd(xt + col * LANES), b);
                __m256d t1 = _mm256_sub_pd(_mm256_load_pd(xt + col * LANES + 4), b);
                d0 = _mm256_add_pd(d0, _mm256_mul_pd(t0, t0));
                d1 = _mm256_add_pd(d1, _mm256_mul_pd(t1, t1));
            }
            a0 = _mm256_add_pd(a0, _mm256_sqrt_pd(d0));
            a1 = _mm256_add_pd(a1, _mm256_sqrt_pd(d1));
        }
        _mm256_store_pd(acc + c * LANES, a0);
        _mm256_store_pd(acc + c * LANES + 4, a1);
    }
}

static void block_sums_sse2(const double *restrict xs, int p, const int64_t *restrict start,
                            int k, const double *restrict xt, double *restrict acc)
{
    for (int c = 0; c < k; c++) {
        __m128d a[LANES / 2];
        for (int h = 0; h < LANES / 2; h++)
            a[h] = _mm_setzero_pd();
        for (int64_t j = start[c]; j < start[c + 1]; j++) {
            const double *xj = xs + j * (int64_t)p;
            __m128d d[LANES / 2];
            for (int h = 0; h < LANES / 2; h++)
                d[h] = _mm_setzero_pd();
            for (int col = 0; col < p; col++) {
                __m128d b = _mm_set1_pd(xj[col]);
                for (int h = 0; h < LANES / 2; h++) {
                    __m128d t = _mm_sub_pd(_mm_load_pd(xt + col * LANES + 2 * h), b);
                    d[h] = _mm_add_pd(d[h], _mm_mul_pd(t, t));
                }
            }
            for (int h = 0; h < LANES / 2; h++)
                a[h] = _mm_add_pd(a[h], _mm_sqrt_pd(d[h]));
        }
        for (int h = 0; h < LANES / 2; h++)
            _mm_store_pd(acc + c * LANES + 2 * h, a[h]);
    }
}
#endif

/* The instruction set actually used for a request (see silhouette.h). */
int sil_resolve_isa(int isa)
{
#if SIL_X86_DISPATCH
    __builtin_cpu_init();
    int best = __builtin_cpu_supports("avx512f") ? SIL_ISA_AVX512
               : __builtin_cpu_supports("avx2") ? SIL_ISA_AVX2 : SIL_ISA_SSE2;
    if (isa <= SIL_ISA_AUTO || isa > best)
        return best;
    return isa;
#else
    (void)isa;
    return SIL_ISA_PORTABLE;
#endif
}

static block_sums_fn pick_block_sums(int isa)
{
    switch (sil_resolve_isa(isa)) {
#if SIL_X86_DISPATCH
    case SIL_ISA_AVX512:
        return block_sums_avx512;
    case SIL_ISA_AVX2:
        return block_sums_avx2;
    case SIL_ISA_SSE2:
        return block_sums_sse2;
#endif
    default:
        return block_sums_scalar;
    }
}

int sil_widths_data(const double *x, int64_t n, int p, const int32_t *cl, int k,
                    const int64_t *size, const int64_t *order, const int64_t *start,
                    int32_t *nb, double *s, double *sums, int n_threads, int isa,
                    sk_poll *poll)
{
    int nt = sk_threads(n_threads);
    block_sums_fn block_sums = pick_block_sums(isa);
    double *xs = malloc(sizeof(double) * (size_t)n * (size_t)p);
    if (xs == NULL)
        return SIL_NOMEM;
    for (int64_t j = 0; j < n; j++)
        memcpy(xs + j * p, x + order[j] * p, sizeof(double) * (size_t)p);

    int failed = 0;
    int64_t nblocks = (n + LANES - 1) / LANES;
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) reduction(| : failed)
#endif
    {
        double *xt = sk_aligned_alloc(64, sizeof(double) * (size_t)p * LANES + 64);
        double *acc = sk_aligned_alloc(64, sizeof(double) * (size_t)k * LANES + 64);
        double *row = malloc(sizeof(double) * (size_t)k);
        const int master = sk_master();
        if (xt == NULL || acc == NULL || row == NULL) {
            failed = 1;
        } else {
#ifdef _OPENMP
#pragma omp for schedule(dynamic)
#endif
            for (int64_t b = 0; b < nblocks; b++) {
                if (sk_poll_step(poll, master, (double)LANES * (double)n * p))
                    continue;
                int64_t i0 = b * LANES;
                int nb_here = (n - i0) < LANES ? (int)(n - i0) : LANES;
                for (int q = 0; q < LANES; q++) {
                    const double *xi = x + (i0 + (q < nb_here ? q : 0)) * p;
                    for (int col = 0; col < p; col++)
                        xt[col * LANES + q] = xi[col];
                }
                block_sums(xs, p, start, k, xt, acc);
                for (int q = 0; q < nb_here; q++) {
                    int64_t i = i0 + q;
                    for (int c = 0; c < k; c++)
                        row[c] = acc[c * LANES + q];
                    if (sums != NULL)
                        memcpy(sums + i * k, row, sizeof(double) * (size_t)k);
                    finish_row(row, cl[i], k, size, nb + i, s + i);
                }
            }
        }
        sk_aligned_free(xt);
        sk_aligned_free(acc);
        free(row);
    }
    (void)nt;
    free(xs);
    if (failed)
        return SIL_NOMEM;
    return sk_stopped(poll) ? SK_INTERRUPTED : SIL_OK;
}

/* ------------------------------------------------------------------------ */
/* From stored dissimilarities. Rows [i0, i1) are one chunk; each S(i, .) is
 * filled with j < i0 first, then i0 <= j < i1, then j >= i1, each part in
 * increasing j, so every sum is in R's order while memory reads stay
 * contiguous. */

static void finish_chunk(const double *S, int64_t i0, int64_t i1, const int32_t *cl, int k,
                         const int64_t *size, int32_t *nb, double *s, double *sums)
{
    for (int64_t i = i0; i < i1; i++) {
        const double *row = S + (i - i0) * k;
        if (sums != NULL)
            memcpy(sums + i * k, row, sizeof(double) * (size_t)k);
        finish_row(row, cl[i], k, size, nb + i, s + i);
    }
}

int sil_widths_dist(const double *d, int64_t n, const int32_t *cl, int k,
                    const int64_t *size, int32_t *nb, double *s, double *sums,
                    int n_threads, sk_poll *poll)
{
    int nt = sk_threads(n_threads);
    int failed = 0;
    int64_t nchunks = (n + CHUNK - 1) / CHUNK;
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) reduction(| : failed)
#endif
    {
        double *S = malloc(sizeof(double) * (size_t)CHUNK * (size_t)k);
        const int master = sk_master();
        if (S == NULL) {
            failed = 1;
        } else {
#ifdef _OPENMP
#pragma omp for schedule(dynamic)
#endif
            for (int64_t ch = 0; ch < nchunks; ch++) {
                if (sk_poll_step(poll, master, (double)CHUNK * (double)n))
                    continue;
                int64_t i0 = ch * CHUNK, i1 = i0 + CHUNK < n ? i0 + CHUNK : n;
                memset(S, 0, sizeof(double) * (size_t)(i1 - i0) * k);
                for (int64_t j = 0; j < i0; j++) { /* d(j, i) sits in row j */
                    const double *dj = d + cidx(n, j, i0);
                    int c = cl[j];
                    for (int64_t i = i0; i < i1; i++)
                        S[(i - i0) * k + c] += dj[i - i0];
                }
                for (int64_t j = i0; j < i1; j++) {
                    int c = cl[j];
                    for (int64_t i = i0; i < i1; i++) {
                        if (i == j)
                            continue;
                        S[(i - i0) * k + c] += i < j ? d[cidx(n, i, j)] : d[cidx(n, j, i)];
                    }
                }
                if (i1 < n) {
                    for (int64_t i = i0; i < i1; i++) { /* d(i, j) sits in row i */
                        const double *di = d + cidx(n, i, i1);
                        double *Si = S + (i - i0) * k;
                        for (int64_t j = i1; j < n; j++)
                            Si[cl[j]] += di[j - i1];
                    }
                }
                finish_chunk(S, i0, i1, cl, k, size, nb, s, sums);
            }
        }
        free(S);
    }
    (void)nt;
    if (failed)
        return SIL_NOMEM;
    return sk_stopped(poll) ? SK_INTERRUPTED : SIL_OK;
}

int sil_widths_dmatrix(const double *m, int64_t n, const int32_t *cl, int k,
                       const int64_t *size, int32_t *nb, double *s, double *sums,
                       int n_threads, sk_poll *poll)
{
    int nt = sk_threads(n_threads);
    int failed = 0;
    int64_t nchunks = (n + CHUNK - 1) / CHUNK;
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) reduction(| : failed)
#endif
    {
        double *S = malloc(sizeof(double) * (size_t)CHUNK * (size_t)k);
        const int master = sk_master();
        if (S == NULL) {
            failed = 1;
        } else {
#ifdef _OPENMP
#pragma omp for schedule(dynamic)
#endif
            for (int64_t ch = 0; ch < nchunks; ch++) {
                if (sk_poll_step(poll, master, (double)CHUNK * (double)n))
                    continue;
                int64_t i0 = ch * CHUNK, i1 = i0 + CHUNK < n ? i0 + CHUNK : n;
                memset(S, 0, sizeof(double) * (size_t)(i1 - i0) * k);
                for (int64_t i = i0; i < i1; i++) { /* m[i][j], j < i0: row i */
                    const double *mi = m + i * n;
                    double *Si = S + (i - i0) * k;
                    for (int64_t j = 0; j < i0; j++)
                        Si[cl[j]] += mi[j];
                }
                for (int64_t j = i0; j < i1; j++) {
                    int c = cl[j];
                    for (int64_t i = i0; i < i1; i++) {
                        if (i == j)
                            continue;
                        S[(i - i0) * k + c] += i > j ? m[i * n + j] : m[j * n + i];
                    }
                }
                for (int64_t j = i1; j < n; j++) { /* m[j][i], j >= i1: row j */
                    const double *mj = m + j * n;
                    int c = cl[j];
                    for (int64_t i = i0; i < i1; i++)
                        S[(i - i0) * k + c] += mj[i];
                }
                finish_chunk(S, i0, i1, cl, k, size, nb, s, sums);
            }
        }
        free(S);
    }
    (void)nt;
    if (failed)
        return SIL_NOMEM;
    return sk_stopped(poll) ? SK_INTERRUPTED : SIL_OK;
}

/* ------------------------------------------------------------------------ */
/* dist(): row i of the condensed vector, d(i, j) for j > i. xt is the data
 * transposed (p-by-n, R's column-major layout), so eight consecutive j are
 * one contiguous load per column. */

typedef void (*euclidean_row_fn)(const double *restrict xt, int64_t n, int p, int64_t i,
                                 double *restrict out);

static void euclidean_tail(const double *restrict xt, int64_t n, int p, int64_t i, int64_t j,
                           double *restrict out)
{
    for (; j < n; j++) {
        double d = 0.0;
        for (int col = 0; col < p; col++) {
            double t = xt[col * n + i] - xt[col * n + j];
            d += t * t;
        }
        out[j - i - 1] = sqrt(d);
    }
}

static void euclidean_row_scalar(const double *restrict xt, int64_t n, int p, int64_t i,
                                 double *restrict out)
{
    euclidean_tail(xt, n, p, i, i + 1, out);
}


#if SIL_X86_DISPATCH
__attribute__((target("avx512f"))) static void
euclidean_row_avx512(const double *restrict xt, int64_t n, int p, int64_t i,
                     double *restrict out)
{
    int64_t j = i + 1;
    for (; j + 8 <= n; j += 8) {
        __m512d d = _mm512_setzero_pd();
        for (int col = 0; col < p; col++) {
            const double *xc = xt + col * n;
            __m512d t = _mm512_sub_pd(_mm512_set1_pd(xc[i]), _mm512_loadu_pd(xc + j));
            d = _mm512_add_pd(d, _mm512_mul_pd(t, t));
        }
        _mm512_storeu_pd(out + (j - i - 1), _mm512_sqrt_pd(d));
    }
    euclidean_tail(xt, n, p, i, j, out);
}

__attribute__((target("avx2"))) static void
euclidean_row_avx2(const double *restrict xt, int64_t n, int p, int64_t i, double *restrict out)
{
    int64_t j = i + 1;
    for (; j + 8 <= n; j += 8) {
        __m256d d0 = _mm256_setzero_pd(), d1 = _mm256_setzero_pd();
        for (int col = 0; col < p; col++) {
            const double *xc = xt + col * n;
            __m256d a = _mm256_set1_pd(xc[i]);
            __m256d t0 = _mm256_sub_pd(a, _mm256_loadu_pd(xc + j));
            __m256d t1 = _mm256_sub_pd(a, _mm256_loadu_pd(xc + j + 4));
            d0 = _mm256_add_pd(d0, _mm256_mul_pd(t0, t0));
            d1 = _mm256_add_pd(d1, _mm256_mul_pd(t1, t1));
        }
        _mm256_storeu_pd(out + (j - i - 1), _mm256_sqrt_pd(d0));
        _mm256_storeu_pd(out + (j - i - 1) + 4, _mm256_sqrt_pd(d1));
    }
    euclidean_tail(xt, n, p, i, j, out);
}

static void euclidean_row_sse2(const double *restrict xt, int64_t n, int p, int64_t i,
                               double *restrict out)
{
    int64_t j = i + 1;
    for (; j + 4 <= n; j += 4) {
        __m128d d0 = _mm_setzero_pd(), d1 = _mm_setzero_pd();
        for (int col = 0; col < p; col++) {
            const double *xc = xt + col * n;
            __m128d a = _mm_set1_pd(xc[i]);
            __m128d t0 = _mm_sub_pd(a, _mm_loadu_pd(xc + j));
            __m128d t1 = _mm_sub_pd(a, _mm_loadu_pd(xc + j + 2));
            d0 = _mm_add_pd(d0, _mm_mul_pd(t0, t0));
            d1 = _mm_add_pd(d1, _mm_mul_pd(t1, t1));
        }
        _mm_storeu_pd(out + (j - i - 1), _mm_sqrt_pd(d0));
        _mm_storeu_pd(out + (j - i - 1) + 2, _mm_sqrt_pd(d1));
    }
    euclidean_tail(xt, n, p, i, j, out);
}
#endif

static euclidean_row_fn pick_euclidean_row(int isa)
{
    switch (sil_resolve_isa(isa)) {
#if SIL_X86_DISPATCH
    case SIL_ISA_AVX512:
        return euclidean_row_avx512;
    case SIL_ISA_AVX2:
        return euclidean_row_avx2;
    case SIL_ISA_SSE2:
        return euclidean_row_sse2;
#endif
    default:
        return euclidean_row_scalar;
    }
}

static inline double pow_r(double x, double y)
{
    /* R's R_pow() for finite x >= 0 and y > 0: y == 2 is a plain square. */
    if (y == 2.0)
        return x * x;
    return pow(x, y);
}

static double pair_other(const double *xt, int64_t n, int p, int64_t i, int64_t j,
                         int method, double pw)
{
    double dist = 0.0;
    int64_t count = 0, total = 0;
    for (int col = 0; col < p; col++) {
        double a = xt[col * n + i], b = xt[col * n + j];
        switch (method) {
        case SIL_MAXIMUM: {
            double dev = fabs(a - b);
            if (dev > dist)
                dist = dev;
            break;
        }
        case SIL_MANHATTAN:
            dist += fabs(a - b);
            break;
        case SIL_CANBERRA: {
            double num = fabs(a - b), den = fabs(a) + fabs(b);
            /* 0/0 terms are left out; as observed in R, a term whose
             * numerator and denominator are both subnormal (<= DBL_MIN) is
             * treated as 0/0 too */
            if (num > DBL_MIN || den > DBL_MIN) {
                dist += num / den;
                count++;
            }
            break;
        }
        case SIL_BINARY:
            if (a != 0.0 || b != 0.0) {
                total++;
                if (!(a != 0.0 && b != 0.0))
                    count++;
            }
            break;
        case SIL_MINKOWSKI:
            dist += pow_r(fabs(a - b), pw);
            break;
        default:
            break;
        }
    }
    switch (method) {
    case SIL_CANBERRA:
        if (count == 0)
            return NAN;
        if (count != p) /* scaled up to all p columns, as for missing values */
            dist /= ((double)count / p);
        return dist;
    case SIL_BINARY:
        return total == 0 ? 0.0 : (double)count / (double)total;
    case SIL_MINKOWSKI:
        return pow(dist, 1.0 / pw);
    default:
        return dist;
    }
}

int sil_dist(const double *x, int64_t n, int p, int method, double pw, double *d,
             int n_threads, int isa, sk_poll *poll)
{
    int nt = sk_threads(n_threads);
    euclidean_row_fn euclidean_row = pick_euclidean_row(isa);
    if (n < 2)
        return SIL_OK;
    double *xt = malloc(sizeof(double) * (size_t)n * (size_t)p);
    if (xt == NULL)
        return SIL_NOMEM;
    for (int64_t i = 0; i < n; i++)
        for (int col = 0; col < p; col++)
            xt[col * n + i] = x[i * p + col];
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) schedule(dynamic, 16)
#endif
    for (int64_t i = 0; i < n - 1; i++) {
        if (sk_poll_step(poll, sk_master(), (double)(n - i - 1) * p))
            continue;
        double *out = d + cidx(n, i, i + 1);
        if (method == SIL_EUCLIDEAN) {
            euclidean_row(xt, n, p, i, out);
        } else {
            for (int64_t j = i + 1; j < n; j++)
                out[j - i - 1] = pair_other(xt, n, p, i, j, method, pw);
        }
    }
    (void)nt;
    free(xt);
    return sk_stopped(poll) ? SK_INTERRUPTED : SIL_OK;
}

/* ------------------------------------------------------------------------ */

int64_t sil_first_bad(const double *v, int64_t len)
{
    for (int64_t i = 0; i < len; i++)
        if (!(v[i] >= 0.0) || v[i] == INFINITY)
            return i;
    return -1;
}

int64_t sil_first_asymmetric(const double *m, int64_t n)
{
    /* Tiles of TILE x TILE keep both reads cache-friendly; the first
     * mismatch in row-major order of the lower triangle is returned. */
    enum { TILE = 64 };
    int64_t first = -1;
    for (int64_t bi = 0; bi < n; bi += TILE) {
        int64_t ie = bi + TILE < n ? bi + TILE : n;
        for (int64_t bj = 0; bj <= bi; bj += TILE) {
            int64_t je = bj + TILE < n ? bj + TILE : n;
            for (int64_t i = bi; i < ie; i++)
                for (int64_t j = bj; j < je && j < i; j++)
                    if (m[i * n + j] != m[j * n + i]) {
                        int64_t at = i * n + j;
                        if (first < 0 || at < first)
                            first = at;
                    }
        }
        if (first >= 0)
            return first;
    }
    return first;
}

double sil_mean_ld(const double *v, int64_t n)
{
    long double s = 0.0L;
    for (int64_t i = 0; i < n; i++)
        s += v[i];
    s /= n;
    if (isfinite((double)s)) {
        long double t = 0.0L;
        for (int64_t i = 0; i < n; i++)
            t += v[i] - s;
        s += t / n;
    }
    return (double)s;
}
