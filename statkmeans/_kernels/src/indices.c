/* fpc's cluster validity indices with R's arithmetic; see indices.h. */
#if !defined(_WIN32) && !defined(__APPLE__) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* nanosleep (common.h) under -std=c11 */
#endif
#include "indices.h"
#include "common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

typedef long double ld;

/* Position of d(a, b), a < b (0-based), in R's condensed order. */
static inline int64_t cidx(int64_t n, int64_t a, int64_t b)
{
    return a * n - a * (a + 1) / 2 + (b - a - 1);
}

/* The end of R's mean: s + t / n, rounded once (t: the deviations' sum). */
static inline double r_mean_end(ld s, ld t, ld count)
{
    if (!isfinite((double)s))
        return (double)s;
    return (double)(s + t / count);
}

/* ------------------------------------------------------------------------ */

void ix_cov_diag(const double *x, int p, const int64_t *rows, int64_t m, double *out)
{
    for (int j = 0; j < p; j++) {
        if (m < 2) {
            out[j] = NAN;
            continue;
        }
        ld s = 0.0L;
        for (int64_t r = 0; r < m; r++)
            s += x[rows[r] * (int64_t)p + j];
        s /= (ld)m;
        if (isfinite((double)s)) {
            ld t = 0.0L;
            for (int64_t r = 0; r < m; r++)
                t += (ld)x[rows[r] * (int64_t)p + j] - s;
            s += t / (ld)m;
        }
        ld mean = (ld)(double)s;
        ld acc = 0.0L;
        for (int64_t r = 0; r < m; r++) {
            ld dev = (ld)x[rows[r] * (int64_t)p + j] - mean;
            acc += dev * dev;
        }
        out[j] = (double)(acc / (ld)(m - 1));
    }
}

/* ------------------------------------------------------------------------ */
/* cluster.stats' sums in R's orders. The orders:
 *   dist order      pairs (a, b), a < b, a outer: R's dist vector;
 *   within          cluster by cluster, each cluster's pairs in dist order
 *                   (as.dist(dmat[C_c, C_c]));
 *   block (i, j)    dmat[C_i, C_j] read column-major: for each member b of
 *                   C_j, its distances to the members of C_i, in order;
 *   between         the blocks (i, j), i < j, i outer, j inner.
 * Every pass reads "rows": the distances from one observation to a run of
 * others in one of these orders, computed into a buffer (vectorised: each
 * value R's column-order sum) or read from d; the extended-precision
 * accumulators then run over the buffer in order. */

/* Distances from element a to elements b0..b1-1 of column-major data cm
 * (column stride `stride`). OUT out. */
SK_MULTIVERSION
static void row_distances(const double *restrict cm, int64_t stride, int p, int64_t a,
                          int64_t b0, int64_t b1, double *restrict out)
{
    const int64_t len = b1 - b0;
    for (int64_t q = 0; q < len; q++)
        out[q] = 0.0;
    for (int c = 0; c < p; c++) {
        const double *restrict col = cm + (int64_t)c * stride;
        const double xa = col[a];
        for (int64_t q = 0; q < len; q++) {
            const double t = xa - col[b0 + q];
            out[q] += t * t;
        }
    }
    for (int64_t q = 0; q < len; q++)
        out[q] = sqrt(out[q]);
}

typedef struct {
    const double *d;       /* condensed dissimilarities, or NULL */
    int64_t n;
    int p;
    const double *orig;    /* data column-major in observation order (p x n) */
    const double *sorted;  /* data column-major in cluster order (p x n) */
    const int64_t *order;
    double *buf;           /* n values */
} rows_src;

/* d(a, b) for b = a+1 .. n-1 (observation order): row a of R's dist. */
static const double *dist_row(const rows_src *r, int64_t a)
{
    if (r->d != NULL)
        return r->d + cidx(r->n, a, a + 1);
    row_distances(r->orig, r->n, r->p, a, a + 1, r->n, r->buf);
    return r->buf;
}

/* d(order[ia], order[b]) for b = b0 .. b1-1 (cluster order). */
static const double *sorted_row(const rows_src *r, int64_t ia, int64_t b0, int64_t b1)
{
    if (r->d == NULL) {
        row_distances(r->sorted, r->n, r->p, ia, b0, b1, r->buf);
        return r->buf;
    }
    const int64_t a = r->order[ia];
    for (int64_t q = b0; q < b1; q++) {
        const int64_t b = r->order[q];
        r->buf[q - b0] = a < b ? r->d[cidx(r->n, a, b)] : r->d[cidx(r->n, b, a)];
    }
    return r->buf;
}

int ix_stats_exact(const double *x, int p, const double *d, int64_t n, const int32_t *cl,
                   int k, const int64_t *order, const int64_t *start, double *oss,
                   double *wss, double *avgd, double *diam, double *sepm, double *psep,
                   double *tooth, double *abm, double *avgb, double *pgamma, sk_poll *poll)
{
    const int64_t kk = (int64_t)k * k;
    ld *lwss = calloc((size_t)k, sizeof(ld));
    ld *lwsum = calloc((size_t)k, sizeof(ld));
    ld *lwdev = calloc((size_t)k, sizeof(ld));
    ld *sw = calloc((size_t)k, sizeof(ld));
    ld *lbsum = calloc((size_t)kk, sizeof(ld));
    ld *lbdev = calloc((size_t)kk, sizeof(ld));
    ld *sb = calloc((size_t)kk, sizeof(ld));
    double *buf = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    double *orig = NULL, *sorted = NULL;
    if (d == NULL) {
        orig = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1) * (size_t)(p > 0 ? p : 1));
        sorted = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1) * (size_t)(p > 0 ? p : 1));
    }
    if (!lwss || !lwsum || !lwdev || !sw || !lbsum || !lbdev || !sb || !buf
        || (d == NULL && (!orig || !sorted))) {
        free(lwss); free(lwsum); free(lwdev); free(sw); free(lbsum); free(lbdev); free(sb);
        free(buf); free(orig); free(sorted);
        return IX_NOMEM;
    }
    if (d == NULL)
        for (int c = 0; c < p; c++)
            for (int64_t i = 0; i < n; i++) {
                orig[(int64_t)c * n + i] = x[i * (int64_t)p + c];
                sorted[(int64_t)c * n + i] = x[order[i] * (int64_t)p + c];
            }
    const rows_src src = {d, n, p, orig, sorted, order, buf};
    int rc = SK_INTERRUPTED;
#define SIZE(c) (start[(c) + 1] - start[(c)])
/* An interrupt check before a row of len distances (serial code: goto). */
#define IX_POLL(len)                                                                               \
    do {                                                                                           \
        if (sk_poll_step(poll, 1, (double)(len) * (p > 0 ? p : 2) + 16.0))                        \
            goto out;                                                                              \
    } while (0)

    /* Pass 1, dist order: the sums of squares, the within sums, min/max. */
    for (int c = 0; c < k; c++)
        diam[c] = -INFINITY;
    for (int64_t q = 0; q < kk; q++)
        sepm[q] = INFINITY;
    for (int64_t i = 0; i < n; i++)
        psep[i] = INFINITY;
    ld los = 0.0L;
    for (int64_t a = 0; a + 1 < n; a++) {
        IX_POLL(n - a);
        const int ca = cl[a];
        const double *row = dist_row(&src, a);
        for (int64_t b = a + 1; b < n; b++) {
            const double v = row[b - a - 1];
            const double v2 = v * v;
            const int cb = cl[b];
            los += v2;
            if (ca == cb) {
                lwss[ca] += v2;
                lwsum[ca] += v;
                if (v > diam[ca])
                    diam[ca] = v;
            } else {
                if (v < sepm[ca * k + cb]) {
                    sepm[ca * k + cb] = v;
                    sepm[cb * k + ca] = v;
                }
                if (v < psep[a])
                    psep[a] = v;
                if (v < psep[b])
                    psep[b] = v;
            }
        }
    }
    *oss = (double)los;
    for (int c = 0; c < k; c++) {
        wss[c] = (double)lwss[c];
        sepm[c * k + c] = 0.0;
        if (SIZE(c) < 2)
            diam[c] = NAN;
        const ld nw = (ld)(SIZE(c) * (SIZE(c) - 1) / 2);
        sw[c] = lwsum[c] / nw;
    }

    /* Pass 2: within (cluster by cluster), then between: the deviations of
     * the within means; the block and between sums; the first pass of the
     * mean of the correlation's distance vector. */
    int64_t n_within = 0, n_between = 0;
    ld pg1 = 0.0L, btot = 0.0L;
    for (int c = 0; c < k; c++) {
        for (int64_t ia = start[c]; ia < start[c + 1]; ia++) {
            IX_POLL(start[c + 1] - ia);
            const double *row = sorted_row(&src, ia, ia + 1, start[c + 1]);
            for (int64_t q = 0; q < start[c + 1] - ia - 1; q++) {
                lwdev[c] += (ld)row[q] - sw[c];
                pg1 += row[q];
            }
        }
        n_within += SIZE(c) * (SIZE(c) - 1) / 2;
    }
    for (int i = 0; i < k; i++)
        for (int j = i + 1; j < k; j++) {
            ld acc = 0.0L;
            for (int64_t ib = start[j]; ib < start[j + 1]; ib++) {
                IX_POLL(SIZE(i));
                const double *row = sorted_row(&src, ib, start[i], start[i + 1]);
                for (int64_t q = 0; q < SIZE(i); q++) {
                    acc += row[q];
                    btot += row[q];
                    pg1 += row[q];
                }
            }
            lbsum[i * k + j] = acc;
            n_between += SIZE(i) * SIZE(j);
        }
    for (int c = 0; c < k; c++) {
        const ld nw = (ld)(SIZE(c) * (SIZE(c) - 1) / 2);
        avgd[c] = SIZE(c) < 2 ? NAN : r_mean_end(sw[c], lwdev[c], nw);
    }
    const ld N = (ld)(n_within + n_between), NB = (ld)n_between;
    const ld sB = btot / NB, sP = pg1 / N;
    for (int i = 0; i < k; i++)
        for (int j = i + 1; j < k; j++)
            sb[i * k + j] = lbsum[i * k + j] / (ld)(SIZE(i) * SIZE(j));

    /* Passes 3 and 4: average.toother, the blocks of cluster i against
     * every other cluster j in increasing j. */
    for (int i = 0; i < k; i++) {
        const ld cnt = (ld)(SIZE(i) * (n - SIZE(i)));
        ld acc = 0.0L;
        for (int j = 0; j < k; j++) {
            if (j == i)
                continue;
            for (int64_t ib = start[j]; ib < start[j + 1]; ib++) {
                IX_POLL(SIZE(i));
                const double *row = sorted_row(&src, ib, start[i], start[i + 1]);
                for (int64_t q = 0; q < SIZE(i); q++)
                    acc += row[q];
            }
        }
        const ld s = acc / cnt;
        ld t = 0.0L;
        if (isfinite((double)s))
            for (int j = 0; j < k; j++) {
                if (j == i)
                    continue;
                for (int64_t ib = start[j]; ib < start[j + 1]; ib++) {
                    IX_POLL(SIZE(i));
                    const double *row = sorted_row(&src, ib, start[i], start[i + 1]);
                    for (int64_t q = 0; q < SIZE(i); q++)
                        t += (ld)row[q] - s;
                }
            }
        tooth[i] = r_mean_end(s, t, cnt);
    }

    /* Pass 5: the deviations of the block means, the between mean and the
     * correlation's distance mean. */
    ld pdev = 0.0L, bdev = 0.0L;
    for (int c = 0; c < k; c++)
        for (int64_t ia = start[c]; ia < start[c + 1]; ia++) {
            IX_POLL(start[c + 1] - ia);
            const double *row = sorted_row(&src, ia, ia + 1, start[c + 1]);
            for (int64_t q = 0; q < start[c + 1] - ia - 1; q++)
                pdev += (ld)row[q] - sP;
        }
    for (int i = 0; i < k; i++)
        for (int j = i + 1; j < k; j++) {
            const ld s = sb[i * k + j];
            ld acc = 0.0L;
            for (int64_t ib = start[j]; ib < start[j + 1]; ib++) {
                IX_POLL(SIZE(i));
                const double *row = sorted_row(&src, ib, start[i], start[i + 1]);
                for (int64_t q = 0; q < SIZE(i); q++) {
                    const ld v = (ld)row[q];
                    acc += v - s;
                    bdev += v - sB;
                    pdev += v - sP;
                }
            }
            lbdev[i * k + j] = acc;
        }
    for (int i = 0; i < k; i++) {
        abm[i * k + i] = 0.0;
        for (int j = i + 1; j < k; j++) {
            const double m = r_mean_end(sb[i * k + j], lbdev[i * k + j],
                                        (ld)(SIZE(i) * SIZE(j)));
            abm[i * k + j] = m;
            abm[j * k + i] = m;
        }
    }
    *avgb = r_mean_end(sB, bdev, NB);

    /* The correlation: R's mean of each vector, then (pass 6) the cross
     * product and both sums of squares about those means, in extended
     * precision, in the vectors' order. */
    const double md = r_mean_end(sP, pdev, N);
    const ld sy = NB / N;
    ld ty = 0.0L;
    for (int64_t q0 = 0; q0 < n_within; q0 += 65536) {
        IX_POLL(65536 / (p > 0 ? p : 2));
        const int64_t q1 = n_within - q0 < 65536 ? n_within : q0 + 65536;
        for (int64_t q = q0; q < q1; q++)
            ty += 0.0L - sy;
    }
    for (int64_t q0 = 0; q0 < n_between; q0 += 65536) {
        IX_POLL(65536 / (p > 0 ? p : 2));
        const int64_t q1 = n_between - q0 < 65536 ? n_between : q0 + 65536;
        for (int64_t q = q0; q < q1; q++)
            ty += 1.0L - sy;
    }
    const double my = r_mean_end(sy, ty, N);
    ld cross = 0.0L, ssd = 0.0L, ssy = 0.0L;
    const ld y0 = 0.0L - (ld)my, y1 = 1.0L - (ld)my;
    for (int c = 0; c < k; c++)
        for (int64_t ia = start[c]; ia < start[c + 1]; ia++) {
            IX_POLL(start[c + 1] - ia);
            const double *row = sorted_row(&src, ia, ia + 1, start[c + 1]);
            for (int64_t q = 0; q < start[c + 1] - ia - 1; q++) {
                const ld dv = (ld)row[q] - (ld)md;
                cross += dv * y0;
                ssd += dv * dv;
                ssy += y0 * y0;
            }
        }
    for (int i = 0; i < k; i++)
        for (int j = i + 1; j < k; j++)
            for (int64_t ib = start[j]; ib < start[j + 1]; ib++) {
                IX_POLL(SIZE(i));
                const double *row = sorted_row(&src, ib, start[i], start[i + 1]);
                for (int64_t q = 0; q < SIZE(i); q++) {
                    const ld dv = (ld)row[q] - (ld)md;
                    cross += dv * y1;
                    ssd += dv * dv;
                    ssy += y1 * y1;
                }
            }
    const double cv = (double)(cross / (N - 1.0L));
    const double sdx = (double)sqrtl(ssd / (N - 1.0L));
    const double sdy = (double)sqrtl(ssy / (N - 1.0L));
    double r = cv / (sdx * sdy);
    if (r > 1.0)
        r = 1.0;
    else if (r < -1.0)
        r = -1.0;
    *pgamma = r;
    rc = IX_OK;
out:
#undef IX_POLL
#undef SIZE
    free(lwss); free(lwsum); free(lwdev); free(sw); free(lbsum); free(lbdev); free(sb);
    free(buf); free(orig); free(sorted);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* The sweep: eight observations (one vector lane each) against every point,
 * the points in cluster order. Each lane does exactly the scalar code's
 * operations in order (per column a subtraction, a multiplication and an
 * addition; one square root; one addition to the cluster's sum), so the sums
 * are silhouette's, R's bits. */

#define LANES 8

#if defined(__GNUC__) && defined(__x86_64__)
#define IX_X86 1
#include <immintrin.h>
#else
#define IX_X86 0
#endif

typedef void (*sweep_fn)(const double *restrict xs, int p, const int64_t *restrict start, int k,
                         const double *restrict xt, double *restrict acc, double *restrict lo,
                         double *restrict hi);

static void sweep_scalar(const double *restrict xs, int p, const int64_t *restrict start, int k,
                         const double *restrict xt, double *restrict acc, double *restrict lo,
                         double *restrict hi)
{
    for (int c = 0; c < k; c++) {
        double a[LANES], l[LANES], h[LANES];
        for (int q = 0; q < LANES; q++) {
            a[q] = 0.0;
            l[q] = INFINITY;
            h[q] = 0.0;
        }
        for (int64_t j = start[c]; j < start[c + 1]; j++) {
            const double *xj = xs + j * (int64_t)p;
            double dd[LANES] = {0};
            for (int col = 0; col < p; col++)
                for (int q = 0; q < LANES; q++) {
                    const double t = xt[col * LANES + q] - xj[col];
                    dd[q] += t * t;
                }
            for (int q = 0; q < LANES; q++) {
                const double r = sqrt(dd[q]);
                a[q] += r;
                l[q] = r < l[q] ? r : l[q];
                h[q] = r > h[q] ? r : h[q];
            }
        }
        for (int q = 0; q < LANES; q++) {
            acc[c * LANES + q] = a[q];
            lo[c * LANES + q] = l[q];
            hi[c * LANES + q] = h[q];
        }
    }
}

#if IX_X86
__attribute__((target("avx512f"))) static void
sweep_avx512(const double *restrict xs, int p, const int64_t *restrict start, int k,
             const double *restrict xt, double *restrict acc, double *restrict lo,
             double *restrict hi)
{
    for (int c = 0; c < k; c++) {
        __m512d a = _mm512_setzero_pd(), l = _mm512_set1_pd(INFINITY), h = _mm512_setzero_pd();
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
            d0 = _mm512_sqrt_pd(d0);
            d1 = _mm512_sqrt_pd(d1);
            a = _mm512_add_pd(a, d0);
            a = _mm512_add_pd(a, d1);
            l = _mm512_min_pd(l, _mm512_min_pd(d0, d1));
            h = _mm512_max_pd(h, _mm512_max_pd(d0, d1));
        }
        for (; j < je; j++) {
            const double *x0 = xs + j * (int64_t)p;
            __m512d d0 = _mm512_setzero_pd();
            for (int col = 0; col < p; col++) {
                __m512d t0 = _mm512_sub_pd(_mm512_load_pd(xt + col * LANES),
                                           _mm512_set1_pd(x0[col]));
                d0 = _mm512_add_pd(d0, _mm512_mul_pd(t0, t0));
            }
            d0 = _mm512_sqrt_pd(d0);
            a = _mm512_add_pd(a, d0);
            l = _mm512_min_pd(l, d0);
            h = _mm512_max_pd(h, d0);
        }
        _mm512_storeu_pd(acc + c * LANES, a);
        _mm512_storeu_pd(lo + c * LANES, l);
        _mm512_storeu_pd(hi + c * LANES, h);
    }
}

__attribute__((target("avx2"))) static void
sweep_avx2(const double *restrict xs, int p, const int64_t *restrict start, int k,
           const double *restrict xt, double *restrict acc, double *restrict lo,
           double *restrict hi)
{
    for (int c = 0; c < k; c++) {
        __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd();
        __m256d l0 = _mm256_set1_pd(INFINITY), l1 = l0;
        __m256d h0 = _mm256_setzero_pd(), h1 = h0;
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
            d0 = _mm256_sqrt_pd(d0);
            d1 = _mm256_sqrt_pd(d1);
            a0 = _mm256_add_pd(a0, d0);
            a1 = _mm256_add_pd(a1, d1);
            l0 = _mm256_min_pd(l0, d0);
            l1 = _mm256_min_pd(l1, d1);
            h0 = _mm256_max_pd(h0, d0);
            h1 = _mm256_max_pd(h1, d1);
        }
        _mm256_storeu_pd(acc + c * LANES, a0);
        _mm256_storeu_pd(acc + c * LANES + 4, a1);
        _mm256_storeu_pd(lo + c * LANES, l0);
        _mm256_storeu_pd(lo + c * LANES + 4, l1);
        _mm256_storeu_pd(hi + c * LANES, h0);
        _mm256_storeu_pd(hi + c * LANES + 4, h1);
    }
}
#endif

static sweep_fn pick_sweep(void)
{
#if IX_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f"))
        return sweep_avx512;
    if (__builtin_cpu_supports("avx2"))
        return sweep_avx2;
#endif
    return sweep_scalar;
}

int ix_sweep(const double *x, int64_t n, int p, const int32_t *cl, int k,
             const int64_t *order, const int64_t *start, double *S, double *mn, double *mx,
             int n_threads, sk_poll *poll)
{
    int nt = sk_threads(n_threads);
    sweep_fn sweep = pick_sweep();
    double *xs = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1) * (size_t)p);
    if (xs == NULL)
        return IX_NOMEM;
    for (int64_t j = 0; j < n; j++)
        memcpy(xs + j * p, x + order[j] * p, sizeof(double) * (size_t)p);
    int failed = 0;
    const int64_t nblocks = (n + LANES - 1) / LANES;
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) reduction(| : failed)
#endif
    {
        double *xt = sk_aligned_alloc(64, sizeof(double) * (size_t)p * LANES + 64);
        double *acc = malloc(sizeof(double) * (size_t)k * LANES);
        double *lo = malloc(sizeof(double) * (size_t)k * LANES);
        double *hi = malloc(sizeof(double) * (size_t)k * LANES);
        const int master = sk_master();
        if (xt == NULL || acc == NULL || lo == NULL || hi == NULL) {
            failed = 1;
        } else {
#ifdef _OPENMP
#pragma omp for schedule(dynamic)
#endif
            for (int64_t blk = 0; blk < nblocks; blk++) {
                /* one check per block of LANES observations against all n */
                if (sk_poll_step(poll, master, (double)LANES * (double)n * p))
                    continue;
                const int64_t i0 = blk * LANES;
                const int here = (n - i0) < LANES ? (int)(n - i0) : LANES;
                for (int q = 0; q < LANES; q++) {
                    const double *xi = x + (i0 + (q < here ? q : 0)) * p;
                    for (int col = 0; col < p; col++)
                        xt[col * LANES + q] = xi[col];
                }
                sweep(xs, p, start, k, xt, acc, lo, hi);
                for (int q = 0; q < here; q++) {
                    const int64_t i = i0 + q;
                    for (int c = 0; c < k; c++) {
                        S[i * k + c] = acc[c * LANES + q];
                        mn[i * k + c] = lo[c * LANES + q];
                        mx[i * k + c] = hi[c * LANES + q];
                    }
                }
            }
        }
        sk_aligned_free(xt);
        free(acc);
        free(lo);
        free(hi);
    }
    (void)nt;
    (void)cl;
    free(xs);
    if (failed)
        return IX_NOMEM;
    return sk_stopped(poll) ? SK_INTERRUPTED : IX_OK;
}

/* ------------------------------------------------------------------------ */
/* Within distances of one cluster, row by row for the selection passes:
 * row ia holds d(ia, ib) for ib = ia+1 .. nr-1 (members in order). From
 * data the members' coordinates are copied column-major, so a row is a few
 * contiguous sweeps (each distance still R's column-order sum). */

typedef struct {
    const double *d;    /* condensed dissimilarities, or NULL */
    int64_t n;
    const int64_t *idx; /* the members (original indices) */
    const double *buf;  /* data: members' coordinates, column-major (nr x p) */
    int64_t nr;
    int p;
} within_src;

SK_MULTIVERSION
static void data_row(const double *restrict buf, int64_t nr, int p, int64_t ia,
                     double *restrict out)
{
    const int64_t len = nr - ia - 1;
    for (int64_t q = 0; q < len; q++)
        out[q] = 0.0;
    for (int c = 0; c < p; c++) {
        const double *restrict cb = buf + (int64_t)c * nr + ia + 1;
        const double xa = buf[(int64_t)c * nr + ia];
        for (int64_t q = 0; q < len; q++) {
            const double dev = xa - cb[q];
            out[q] += dev * dev;
        }
    }
    for (int64_t q = 0; q < len; q++)
        out[q] = sqrt(out[q]);
}

/* OUT out[0 .. nr-ia-2]: the row ia. */
static void within_row(const within_src *w, int64_t ia, double *out)
{
    if (w->d == NULL) {
        data_row(w->buf, w->nr, w->p, ia, out);
        return;
    }
    const int64_t a = w->idx[ia];
    for (int64_t ib = ia + 1; ib < w->nr; ib++) {
        const int64_t b = w->idx[ib];
        out[ib - ia - 1] = a < b ? w->d[cidx(w->n, a, b)] : w->d[cidx(w->n, b, a)];
    }
}

static double pair_value(const within_src *w, int64_t ia, int64_t ib)
{
    if (ia > ib) {
        int64_t t = ia;
        ia = ib;
        ib = t;
    }
    if (w->d != NULL) {
        const int64_t a = w->idx[ia], b = w->idx[ib];
        return a < b ? w->d[cidx(w->n, a, b)] : w->d[cidx(w->n, b, a)];
    }
    double s = 0.0;
    for (int c = 0; c < w->p; c++) {
        const double dev = w->buf[(int64_t)c * w->nr + ia] - w->buf[(int64_t)c * w->nr + ib];
        s += dev * dev;
    }
    return sqrt(s);
}

/* The k-th smallest (0-based) of a[0..n-1], by Hoare's selection; a is
 * reordered so that a[0..k-1] <= a[k] <= a[k+1..n-1]. */
static double select_kth(double *a, int64_t n, int64_t k)
{
    int64_t lo = 0, hi = n - 1;
    while (hi > lo) {
        const int64_t mid = lo + (hi - lo) / 2;
        /* median of three as the pivot */
        double x = a[lo], y = a[mid], z = a[hi];
        double pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        int64_t i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i <= j) {
                double t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return a[k];
    }
    return a[k];
}

/* Ranks r0 <= r1 (0-based) of a[0..n-1], relative to a. OUT v0, v1. */
static void pick_ranks(double *a, int64_t n, int64_t r0, int64_t r1, double *v0, double *v1)
{
    *v0 = select_kth(a, n, r0);
    if (r1 == r0) {
        *v1 = *v0;
        return;
    }
    double m = a[r0 + 1];
    for (int64_t i = r0 + 2; i < n; i++)
        if (a[i] < m)
            m = a[i];
    *v1 = m;
}

/* A filter chain: a value is in the window when, under every mapping
 * bin(v) = min(nb - 1, (int64)((v - lo) * scale)), its bin lies in
 * [from, to]. Mappings are applied with the same arithmetic in every pass,
 * so membership is exact. */
#define MAX_FILTERS 64
typedef struct {
    double lo, scale;
    int64_t nb, from, to;
} bin_map;

static inline int64_t bin_of(const bin_map *m, double v)
{
    double f = (v - m->lo) * m->scale;
    if (!(f > 0.0))
        return 0;
    if (f >= (double)m->nb)
        return m->nb - 1;
    int64_t b = (int64_t)f;
    return b < m->nb ? b : m->nb - 1;
}

static inline int in_window(const bin_map *maps, int nmaps, double v)
{
    for (int i = 0; i < nmaps; i++) {
        int64_t b = bin_of(&maps[i], v);
        if (b < maps[i].from || b > maps[i].to)
            return 0;
    }
    return 1;
}

#define HIST_BINS 65536
#define COLLECT_CAP (1 << 18)

/* Collect the window's values (wcount of them). OUT vals. */
static int collect_window(const within_src *w, const bin_map *maps, int nmaps, int64_t wcount,
                          int nt, double *vals, sk_poll *poll)
{
    int64_t filled = 0;
    int failed = 0;
    (void)nt; /* without OpenMP */
    if (nmaps == 0) { /* every value: row ia goes to its own place, no atomics */
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) schedule(dynamic, 16)
#endif
        for (int64_t ia = 0; ia < w->nr - 1; ia++) {
            if (sk_poll_step(poll, sk_master(), (double)(w->nr - ia) * (w->p + 1)))
                continue;
            within_row(w, ia, vals + ia * w->nr - ia * (ia + 1) / 2);
        }
        (void)wcount;
        return sk_stopped(poll) ? SK_INTERRUPTED : IX_OK;
    }
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) reduction(| : failed)
#endif
    {
        double *row = malloc(sizeof(double) * (size_t)w->nr);
        const int master = sk_master();
        if (row == NULL) {
            failed = 1;
        } else {
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 16)
#endif
            for (int64_t ia = 0; ia < w->nr - 1; ia++) {
                const int64_t len = w->nr - ia - 1;
                if (sk_poll_step(poll, master, (double)len * (w->p + 2 * nmaps)))
                    continue;
                within_row(w, ia, row);
                for (int64_t q = 0; q < len; q++)
                    if (in_window(maps, nmaps, row[q])) {
                        int64_t at;
#ifdef _OPENMP
#pragma omp atomic capture
#endif
                        at = filled++;
                        if (at < wcount)
                            vals[at] = row[q];
                    }
            }
        }
        free(row);
    }
    if (failed)
        return IX_NOMEM;
    return sk_stopped(poll) ? SK_INTERRUPTED : IX_OK;
}

/* One pass over the window's values: a histogram over the bins of m
 * (counts, and with track each bin's smallest and largest value). */
static int histogram_pass(const within_src *w, const bin_map *maps, int nmaps, const bin_map *m,
                          int track, int nt, int64_t *hist, double *bmin, double *bmax,
                          sk_poll *poll)
{
    int failed = 0;
    (void)nt; /* without OpenMP */
    for (int64_t b = 0; b < m->nb; b++) {
        hist[b] = 0;
        bmin[b] = INFINITY;
        bmax[b] = -INFINITY;
    }
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) reduction(| : failed)
#endif
    {
        int64_t *h = calloc((size_t)m->nb, sizeof(int64_t));
        double *lo = malloc(sizeof(double) * (size_t)m->nb);
        double *hi = malloc(sizeof(double) * (size_t)m->nb);
        double *row = malloc(sizeof(double) * (size_t)w->nr);
        const int master = sk_master();
        if (h == NULL || lo == NULL || hi == NULL || row == NULL) {
            failed = 1;
        } else {
            for (int64_t b = 0; b < m->nb; b++) {
                lo[b] = INFINITY;
                hi[b] = -INFINITY;
            }
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 16)
#endif
            for (int64_t ia = 0; ia < w->nr - 1; ia++) {
                const int64_t len = w->nr - ia - 1;
                if (sk_poll_step(poll, master, (double)len * (w->p + 2 * nmaps + 4)))
                    continue;
                within_row(w, ia, row);
                for (int64_t q = 0; q < len; q++) {
                    const double v = row[q];
                    if (!in_window(maps, nmaps, v))
                        continue;
                    const int64_t b = bin_of(m, v);
                    h[b]++;
                    if (track) {
                        if (v < lo[b])
                            lo[b] = v;
                        if (v > hi[b])
                            hi[b] = v;
                    }
                }
            }
#ifdef _OPENMP
#pragma omp critical
#endif
            for (int64_t b = 0; b < m->nb; b++) {
                hist[b] += h[b];
                if (lo[b] < bmin[b])
                    bmin[b] = lo[b];
                if (hi[b] > bmax[b])
                    bmax[b] = hi[b];
            }
        }
        free(h);
        free(lo);
        free(hi);
        free(row);
    }
    if (failed)
        return IX_NOMEM;
    return sk_stopped(poll) ? SK_INTERRUPTED : IX_OK;
}

/* The values of ranks r0 <= r1 (0-based) among the within distances of one
 * cluster, all of which lie in [0, hi_value]. Histogram passes narrow a
 * window of values (membership is decided exactly, by the chain of bin
 * mappings) until it holds few enough to collect. OUT v0, v1. */
static int select_by_histogram(const within_src *w, int64_t r0, int64_t r1, double hi_value,
                               int64_t collect_cap, int nt, double *v0, double *v1,
                               sk_poll *poll)
{
    bin_map maps[MAX_FILTERS];
    int nmaps = 0, track = 0, rc = IX_OK;
    int64_t below = 0;                        /* values before the window */
    int64_t wcount = w->nr * (w->nr - 1) / 2; /* values in the window */
    double wlo = 0.0, whi = hi_value;         /* every window value lies in [wlo, whi] */
    int64_t *hist = malloc(sizeof(int64_t) * HIST_BINS);
    double *bmin = malloc(sizeof(double) * HIST_BINS);
    double *bmax = malloc(sizeof(double) * HIST_BINS);
    double *vals = NULL;
    if (hist == NULL || bmin == NULL || bmax == NULL) {
        rc = IX_NOMEM;
        goto done;
    }
    for (;;) {
        if (!(whi > wlo)) { /* every value in the window is the same */
            *v0 = whi;
            *v1 = whi;
            break;
        }
        if (wcount <= collect_cap || nmaps == MAX_FILTERS) {
            vals = malloc(sizeof(double) * (size_t)(wcount > 0 ? wcount : 1));
            if (vals == NULL) {
                rc = IX_NOMEM;
                break;
            }
            rc = collect_window(w, maps, nmaps, wcount, nt, vals, poll);
            if (rc == IX_OK)
                pick_ranks(vals, wcount, r0 - below, r1 - below, v0, v1);
            break;
        }
        bin_map m = {wlo, (double)HIST_BINS / (whi - wlo), HIST_BINS, 0, HIST_BINS - 1};
        if (!isfinite(m.scale))
            m.scale = 0x1p1023;
        rc = histogram_pass(w, maps, nmaps, &m, track, nt, hist, bmin, bmax, poll);
        if (rc != IX_OK)
            break;
        int64_t cum = below, b0 = -1, b1 = HIST_BINS - 1, before0 = below;
        for (int64_t b = 0; b < HIST_BINS; b++) {
            if (b0 < 0 && cum + hist[b] > r0) {
                b0 = b;
                before0 = cum;
            }
            if (cum + hist[b] > r1) {
                b1 = b;
                break;
            }
            cum += hist[b];
        }
        int64_t count = 0;
        for (int64_t b = b0; b <= b1; b++)
            count += hist[b];
        m.from = b0;
        m.to = b1;
        maps[nmaps++] = m;
        below = before0;
        wcount = count;
        if (track) { /* the window's exact extremes */
            wlo = bmin[b0];
            whi = bmax[b1];
        } else { /* the bins' edges, widened by a few units in the last place */
            double lo = wlo + (double)b0 / m.scale, hi = wlo + (double)(b1 + 1) / m.scale;
            for (int s = 0; s < 4; s++) {
                lo = nextafter(lo, -INFINITY);
                hi = nextafter(hi, INFINITY);
            }
            wlo = lo > wlo ? lo : wlo;
            whi = hi < whi ? hi : whi;
            if (!(whi > wlo)) /* too narrow to trust: keep a range */
                whi = nextafter(wlo, INFINITY);
        }
        track = 1;
    }
done:
    free(hist);
    free(bmin);
    free(bmax);
    free(vals);
    return rc;
}

#define SAMPLE_SIZE (1 << 16)

/* A deterministic pseudo-random number (splitmix64). */
static inline uint64_t mix64(uint64_t z)
{
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* The number of values below wlo in a row. */
SK_MULTIVERSION
static int64_t count_below(const double *restrict row, int64_t len, double wlo)
{
    int64_t nb = 0;
    for (int64_t q = 0; q < len; q++)
        nb += row[q] < wlo;
    return nb;
}

/* Whether any of row[0..m-1] lies in [wlo, whi] (branch-free over a block). */
SK_MULTIVERSION
static int any_inside(const double *restrict row, int m, double wlo, double whi)
{
    int hit = 0;
    for (int q = 0; q < m; q++)
        hit |= (row[q] >= wlo) & (row[q] <= whi);
    return hit;
}

/* Store v in the shared buffer (a rare event: values inside the window). */
static inline void keep_value(double v, double *vals, int64_t cap, int64_t *filled)
{
    int64_t at;
#ifdef _OPENMP
#pragma omp atomic capture
#endif
    at = (*filled)++;
    if (at < cap)
        vals[at] = v;
}

/* Values below wlo (counted) and in [wlo, whi] (collected) of a row. */
static void classify_row(const double *row, int64_t len, double wlo, double whi,
                         int64_t *below, double *vals, int64_t cap, int64_t *filled)
{
    *below += count_below(row, len, wlo);
    for (int64_t q0 = 0; q0 < len; q0 += 4) {
        const int m = (int)(len - q0 < 4 ? len - q0 : 4);
        if (!any_inside(row + q0, m, wlo, whi))
            continue;
        for (int q = 0; q < m; q++) {
            const double v = row[q0 + q];
            if (v >= wlo && v <= whi)
                keep_value(v, vals, cap, filled);
        }
    }
}

#if IX_X86
/* classify_row for the distances of row ia from column-major data, computed
 * four at a time in registers (each lane R's column-order sum). */
__attribute__((target("avx2"))) static void
classify_data_row_avx2(const double *buf, int64_t nr, int p, int64_t ia, double wlo,
                       double whi, int64_t *below, double *vals, int64_t cap, int64_t *filled)
{
    const __m256d lo = _mm256_set1_pd(wlo), hi = _mm256_set1_pd(whi);
    __m256i cnt = _mm256_setzero_si256();
    int64_t ib = ia + 1;
    for (; ib + 4 <= nr; ib += 4) {
        __m256d acc = _mm256_setzero_pd();
        for (int c = 0; c < p; c++) {
            const double *col = buf + (int64_t)c * nr;
            const __m256d t = _mm256_sub_pd(_mm256_set1_pd(col[ia]), _mm256_loadu_pd(col + ib));
            acc = _mm256_add_pd(acc, _mm256_mul_pd(t, t));
        }
        const __m256d dd = _mm256_sqrt_pd(acc);
        cnt = _mm256_sub_epi64(cnt, _mm256_castpd_si256(_mm256_cmp_pd(dd, lo, _CMP_LT_OQ)));
        const __m256d in = _mm256_and_pd(_mm256_cmp_pd(dd, lo, _CMP_GE_OQ),
                                         _mm256_cmp_pd(dd, hi, _CMP_LE_OQ));
        int mask = _mm256_movemask_pd(in);
        if (mask) {
            double tmp[4];
            _mm256_storeu_pd(tmp, dd);
            for (int q = 0; q < 4; q++)
                if (mask & (1 << q))
                    keep_value(tmp[q], vals, cap, filled);
        }
    }
    int64_t lanes[4];
    _mm256_storeu_si256((__m256i *)lanes, cnt);
    int64_t nb = lanes[0] + lanes[1] + lanes[2] + lanes[3];
    for (; ib < nr; ib++) {
        double s = 0.0;
        for (int c = 0; c < p; c++) {
            const double dev = buf[(int64_t)c * nr + ia] - buf[(int64_t)c * nr + ib];
            s += dev * dev;
        }
        const double v = sqrt(s);
        if (v < wlo)
            nb++;
        else if (v <= whi)
            keep_value(v, vals, cap, filled);
    }
    *below += nb;
}

static int have_avx2(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}
#endif

/* The values of ranks r0 <= r1 among the within distances of one cluster.
 * First try: guess a narrow window around the ranks from a sample of pairs;
 * one pass counts the values below it and collects those inside; if the
 * ranks fall inside (the sample makes that nearly certain), select among the
 * few collected. Otherwise, and for clusters small enough to collect whole,
 * histogram passes decide. Either way the answer is exact. OUT v0, v1. */
static int select_ranks(const within_src *w, int64_t r0, int64_t r1, double hi_value,
                        int64_t collect_cap, int sampled, int nt, double *v0, double *v1,
                        sk_poll *poll)
{
    const int64_t M = w->nr * (w->nr - 1) / 2;
    if (M <= collect_cap || !sampled)
        return select_by_histogram(w, r0, r1, hi_value, collect_cap, nt, v0, v1, poll);
    const int64_t m = SAMPLE_SIZE;
    double *sample = malloc(sizeof(double) * (size_t)m);
    if (sample == NULL)
        return IX_NOMEM;
    for (int64_t i = 0; i < m; i++) {
        const uint64_t z = mix64((uint64_t)i * 0x9E3779B97F4A7C15ULL + (uint64_t)w->nr);
        const int64_t ia = (int64_t)((z >> 32) % (uint64_t)w->nr);
        int64_t ib = (int64_t)((z & 0xFFFFFFFFULL) % (uint64_t)(w->nr - 1));
        if (ib >= ia)
            ib++;
        sample[i] = pair_value(w, ia, ib);
    }
    const double q0 = (double)r0 / (double)M, q1 = (double)r1 / (double)M;
    const double spread = 6.0 * sqrt((double)m * 0.25) + 2.0;
    const int64_t lo_i = (int64_t)floor(q0 * (double)m - spread);
    const int64_t hi_i = (int64_t)ceil(q1 * (double)m + spread);
    const double wlo = lo_i <= 0 ? -INFINITY : select_kth(sample, m, lo_i);
    const double whi = hi_i >= m - 1 ? INFINITY : select_kth(sample, m, hi_i);
    free(sample);
    const double share = (double)((hi_i < m ? hi_i : m) - (lo_i > 0 ? lo_i : 0) + 1) / (double)m;
    const int64_t cap = (int64_t)(2.0 * share * (double)M) + 65536;
    double *vals = malloc(sizeof(double) * (size_t)cap);
    if (vals == NULL)
        return select_by_histogram(w, r0, r1, hi_value, collect_cap, nt, v0, v1, poll);
    int64_t below = 0, filled = 0;
    int failed = 0;
#if IX_X86
    const int fast = w->d == NULL && have_avx2();
#else
    const int fast = 0;
#endif
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) reduction(+ : below) reduction(| : failed)
#endif
    {
        double *row = malloc(sizeof(double) * (size_t)w->nr);
        const int master = sk_master();
        if (row == NULL) {
            failed = 1;
        } else {
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 16)
#endif
            for (int64_t ia = 0; ia < w->nr - 1; ia++) {
                if (sk_poll_step(poll, master, (double)(w->nr - ia) * (w->p + 2)))
                    continue;
#if IX_X86
                if (fast) {
                    classify_data_row_avx2(w->buf, w->nr, w->p, ia, wlo, whi, &below, vals,
                                           cap, &filled);
                    continue;
                }
#endif
                within_row(w, ia, row);
                classify_row(row, w->nr - ia - 1, wlo, whi, &below, vals, cap, &filled);
            }
        }
        free(row);
    }
    if (sk_stopped(poll)) {
        free(vals);
        return SK_INTERRUPTED;
    }
    if (failed || filled > cap || below > r0 || r1 >= below + filled) {
        free(vals);
        return select_by_histogram(w, r0, r1, hi_value, collect_cap, nt, v0, v1, poll);
    }
    pick_ranks(vals, filled, r0 - below, r1 - below, v0, v1);
    free(vals);
    return IX_OK;
}

int ix_medians(const double *x, int p, const double *d, int64_t n, int k,
               const int64_t *order, const int64_t *start, const double *diam, double *med,
               int64_t collect_cap, int sampled, int n_threads, sk_poll *poll)
{
    int nt = sk_threads(n_threads);
    if (collect_cap <= 0)
        collect_cap = COLLECT_CAP;
    for (int c = 0; c < k; c++) {
        const int64_t nr = start[c + 1] - start[c];
        if (nr < 2) {
            med[c] = NAN;
            continue;
        }
        double *buf = NULL;
        if (d == NULL) {
            buf = malloc(sizeof(double) * (size_t)nr * (size_t)p);
            if (buf == NULL)
                return IX_NOMEM;
            for (int64_t i = 0; i < nr; i++)
                for (int col = 0; col < p; col++)
                    buf[(int64_t)col * nr + i] = x[order[start[c] + i] * (int64_t)p + col];
        }
        within_src w = {d, n, order + start[c], buf, nr, p};
        const int64_t M = nr * (nr - 1) / 2;
        int64_t r0 = (M - 1) / 2, r1 = M / 2;
        double v0 = 0.0, v1 = 0.0;
        int rc = select_ranks(&w, r0, r1, diam[c], collect_cap, sampled, nt, &v0, &v1, poll);
        free(buf);
        if (rc != IX_OK)
            return rc;
        if (r0 == r1) {
            med[c] = v0;
        } else {
            /* R's mean of the two middle values */
            ld s = ((ld)v0 + (ld)v1) / 2.0L;
            ld t = ((ld)v0 - s) + ((ld)v1 - s);
            med[c] = r_mean_end(s, t, 2.0L);
        }
    }
    return IX_OK;
}

/* ------------------------------------------------------------------------ */

/* key[v] = min(key[v], d(u, v)) for the rem remaining vertices, u's
 * coordinates in xu; t is scratch. */
SK_MULTIVERSION
static void prim_update(const double *restrict buf, int64_t nr, int p, int64_t rem,
                        const double *restrict xu, double *restrict key, double *restrict t)
{
    for (int64_t v = 0; v < rem; v++)
        t[v] = 0.0;
    for (int col = 0; col < p; col++) {
        const double *restrict cv = buf + (int64_t)col * nr;
        const double a = xu[col];
        for (int64_t v = 0; v < rem; v++) {
            const double dev = a - cv[v];
            t[v] += dev * dev;
        }
    }
    for (int64_t v = 0; v < rem; v++) {
        const double dv = sqrt(t[v]);
        key[v] = dv < key[v] ? dv : key[v];
    }
}

#if IX_X86
/* prim_update and the position of the smallest key, four vertices at a time. */
__attribute__((target("avx2"))) static int64_t
prim_step_avx2(const double *restrict buf, int64_t nr, int p, int64_t rem,
               const double *restrict xu, double *restrict key)
{
    __m256d best = _mm256_set1_pd(INFINITY);
    __m256d best_at = _mm256_set1_pd(0.0);
    __m256d at = _mm256_setr_pd(0.0, 1.0, 2.0, 3.0);
    const __m256d four = _mm256_set1_pd(4.0);
    int64_t v = 0;
    for (; v + 4 <= rem; v += 4) {
        __m256d acc = _mm256_setzero_pd();
        for (int col = 0; col < p; col++) {
            const __m256d t = _mm256_sub_pd(_mm256_set1_pd(xu[col]),
                                            _mm256_loadu_pd(buf + (int64_t)col * nr + v));
            acc = _mm256_add_pd(acc, _mm256_mul_pd(t, t));
        }
        const __m256d kv = _mm256_min_pd(_mm256_sqrt_pd(acc), _mm256_loadu_pd(key + v));
        _mm256_storeu_pd(key + v, kv);
        const __m256d less = _mm256_cmp_pd(kv, best, _CMP_LT_OQ);
        best = _mm256_blendv_pd(best, kv, less);
        best_at = _mm256_blendv_pd(best_at, at, less);
        at = _mm256_add_pd(at, four);
    }
    double bv[4], ba[4];
    _mm256_storeu_pd(bv, best);
    _mm256_storeu_pd(ba, best_at);
    double bk = INFINITY;
    int64_t bi = 0;
    for (int q = 0; q < 4; q++)
        if (bv[q] < bk) {
            bk = bv[q];
            bi = (int64_t)ba[q];
        }
    for (; v < rem; v++) {
        double s2 = 0.0;
        for (int col = 0; col < p; col++) {
            const double dev = xu[col] - buf[(int64_t)col * nr + v];
            s2 += dev * dev;
        }
        const double dv = sqrt(s2);
        const double kv = dv < key[v] ? dv : key[v];
        key[v] = kv;
        if (kv < bk) {
            bk = kv;
            bi = v;
        }
    }
    return bi;
}
#endif

/* Prim's algorithm over one cluster: the longest edge of its minimum
 * spanning tree. Vertices not yet in the tree are kept compacted (their
 * coordinates column-major), so each step is one contiguous sweep. */
static int widest_gap(const double *x, int p, const double *d, int64_t n, const int64_t *idx,
                      int64_t nr, double *out, sk_poll *poll, int master)
{
    if (nr < 2) {
        *out = 0.0;
        return IX_OK;
    }
    double *key = malloc(sizeof(double) * (size_t)nr);
    int64_t *who = malloc(sizeof(int64_t) * (size_t)nr);
    double *buf = d == NULL ? malloc(sizeof(double) * (size_t)nr * (size_t)p) : NULL;
    double *xu = d == NULL ? malloc(sizeof(double) * (size_t)p) : NULL;
    double *t = d == NULL ? malloc(sizeof(double) * (size_t)nr) : NULL;
    if (key == NULL || who == NULL || (d == NULL && (buf == NULL || xu == NULL || t == NULL))) {
        free(key); free(who); free(buf); free(xu); free(t);
        return IX_NOMEM;
    }
    for (int64_t i = 0; i < nr; i++) {
        key[i] = INFINITY;
        who[i] = idx[i];
        if (buf != NULL)
            for (int col = 0; col < p; col++)
                buf[(int64_t)col * nr + i] = x[idx[i] * (int64_t)p + col];
    }
    /* vertex 0 enters the tree: remove it by moving the last into its slot */
    int64_t rem = nr;
    int64_t u = who[0];
    if (buf != NULL)
        for (int col = 0; col < p; col++)
            xu[col] = buf[(int64_t)col * nr];
    rem--;
    who[0] = who[rem];
    key[0] = key[rem];
    if (buf != NULL)
        for (int col = 0; col < p; col++)
            buf[(int64_t)col * nr] = buf[(int64_t)col * nr + rem];
    double widest = 0.0;
#if IX_X86
    const int fast = buf != NULL && have_avx2();
#endif
    while (rem > 0) {
        /* one check per step (a sweep over the rem vertices left) */
        if (sk_poll_step(poll, master, (double)rem * (p > 0 ? p + 1 : 2)))
            break;
#if IX_X86
        if (fast) {
            const int64_t best = prim_step_avx2(buf, nr, p, rem, xu, key);
            if (key[best] > widest)
                widest = key[best];
            for (int col = 0; col < p; col++)
                xu[col] = buf[(int64_t)col * nr + best];
            rem--;
            who[best] = who[rem];
            key[best] = key[rem];
            for (int col = 0; col < p; col++)
                buf[(int64_t)col * nr + best] = buf[(int64_t)col * nr + rem];
            continue;
        }
#endif
        if (buf != NULL) {
            prim_update(buf, nr, p, rem, xu, key, t);
        } else {
            for (int64_t v = 0; v < rem; v++) {
                const int64_t b = who[v];
                const double dv = u < b ? d[cidx(n, u, b)] : d[cidx(n, b, u)];
                key[v] = dv < key[v] ? dv : key[v];
            }
        }
        int64_t best = 0;
        for (int64_t v = 1; v < rem; v++)
            if (key[v] < key[best])
                best = v;
        if (key[best] > widest)
            widest = key[best];
        u = who[best];
        if (buf != NULL)
            for (int col = 0; col < p; col++)
                xu[col] = buf[(int64_t)col * nr + best];
        rem--;
        who[best] = who[rem];
        key[best] = key[rem];
        if (buf != NULL)
            for (int col = 0; col < p; col++)
                buf[(int64_t)col * nr + best] = buf[(int64_t)col * nr + rem];
    }
    free(key); free(who); free(buf); free(xu); free(t);
    *out = widest;
    return IX_OK;
}

int ix_widest_gaps(const double *x, int p, const double *d, int64_t n, int k,
                   const int64_t *order, const int64_t *start, double *gap, int n_threads,
                   sk_poll *poll)
{
    int nt = sk_threads(n_threads);
    int failed = 0;
    int64_t done = 0;
    if (nt > k)
        nt = k > 0 ? k : 1;
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) reduction(| : failed)
#endif
    {
        /* a cluster per task; the master, out of clusters, keeps looking for
         * interrupts while the others finish theirs (see sk_poll_wait) */
        const int master = sk_master();
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 1) nowait
#endif
        for (int c = 0; c < k; c++) {
            if (!sk_stopped(poll) && widest_gap(x, p, d, n, order + start[c],
                                                start[c + 1] - start[c], &gap[c], poll,
                                                master) != IX_OK)
                failed = 1;
            sk_count_done(&done);
        }
        if (master)
            sk_poll_wait(poll, &done, k);
    }
    (void)nt;
    if (failed)
        return IX_NOMEM;
    return sk_stopped(poll) ? SK_INTERRUPTED : IX_OK;
}
