/* k-means kernels with R's arithmetic; see kmeans.h and shared/r-reference.md section 2. */
#include "kmeans.h"
#include "common.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Whether the squared distance is below bound, and its value if so.
 * AS 136 abandons the sum as soon as a partial sum reaches the bound; with
 * non-negative terms a rounded partial sum never exceeds the rounded full
 * sum, so completing the sum and comparing once gives the same decision
 * and the same value, without a branch per column. */
static inline int sqdist_below(const double *restrict a, const double *restrict b, int p,
                               double bound, double *out)
{
    double d = sqdist(a, b, p);
    *out = d;
    return d < bound;
}

/* Below this much work per pass (multiply-adds), threads cost more than
 * they save, and a thread waiting for a busy core can stall a whole pass. */
#define KM_MIN_PARALLEL_WORK 200000

static int threads_for(int n_threads, int64_t work)
{
    return work < KM_MIN_PARALLEL_WORK ? 1 : sk_threads(n_threads);
}

/* ------------------------------------------------------------------------ */
/* Nearest centre: R's scan over l = 1..k keeping the first strict minimum.  */

#define BLK 8

#if defined(__GNUC__)
/* Eight doubles, one lane per point: GCC and Clang lower this to whatever
 * vector width the target has (2 x AVX2, 1 x AVX-512, 4 x SSE2). Each lane
 * does the scalar code's separate multiplies and adds in the same order. */
typedef double v8d __attribute__((vector_size(64)));
typedef long long v8i __attribute__((vector_size(64)));
#define V8_BLEND(m, a, b) ((v8d)((((v8i)(a)) & (m)) | (((v8i)(b)) & ~(m))))
#endif

/* Nearest and second-nearest centre of up to BLK rows x[idx[0..nb)].
 * OUT lab: 1-based nearest centre, or 0 when no squared distance is below
 * +Inf (all NaN or overflowing); d1/d2 (may be NULL): the smallest and the
 * second-smallest squared distance. xt is a 64-byte aligned p*BLK buffer. */
SK_MULTIVERSION
static void scan_block(const double *restrict x, const int64_t *restrict idx, int nb, int p,
                       const double *restrict c, int k, double *restrict xt,
                       int32_t *restrict lab_out, double *restrict d1_out,
                       double *restrict d2_out)
{
    for (int q = 0; q < BLK; q++) {
        const double *xr = x + idx[q < nb ? q : 0] * p;
        for (int j = 0; j < p; j++)
            xt[j * BLK + q] = xr[j];
    }
#if defined(__GNUC__)
    const v8d inf = {INFINITY, INFINITY, INFINITY, INFINITY,
                     INFINITY, INFINITY, INFINITY, INFINITY};
    const v8d zero = {0, 0, 0, 0, 0, 0, 0, 0};
    v8d best = inf, second = inf, lab = zero;
    for (int l = 0; l < k; l++) {
        const double *cl = c + (int64_t)l * p;
        v8d d = zero;
        for (int j = 0; j < p; j++) {
            v8d t = *(const v8d *)(xt + j * BLK) - cl[j];
            d += t * t;
        }
        v8i better = d < best;           /* strict: ties keep the earlier centre */
        v8i better2 = (d < second) & ~better;
        second = V8_BLEND(better, best, V8_BLEND(better2, d, second));
        best = V8_BLEND(better, d, best);
        lab = V8_BLEND(better, zero + (double)(l + 1), lab);
    }
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
    for (int q = 0; q < nb; q++) {
        lab_out[q] = (int32_t)lab[q];
        if (d1_out != NULL) {
            d1_out[q] = best[q];
            d2_out[q] = second[q];
        }
    }
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

/* Nearest centre with R's single running choice: a row with no finite
 * distance keeps the previous row's label. Labels go to newlab, and the
 * smallest and second-smallest squared distances to d1/d2 unless NULL;
 * returns KM_NOLABEL if the first row has none. */
static int nearest_all(const double *x, int64_t n, int p, const double *c, int k,
                       int32_t *newlab, double *d1, double *d2, int nt)
{
    int unresolved = 0;
    int failed = 0;
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) reduction(| : unresolved) reduction(| : failed)
#endif
    {
        double *xt = aligned_alloc(64, sizeof(double) * (size_t)p * BLK);
        if (xt == NULL) {
            failed = 1;
        } else {
            int64_t lo, hi;
            thread_range(n, omp_tid(), omp_nth(), &lo, &hi);
            for (int64_t b0 = lo; b0 < hi; b0 += BLK) {
                int64_t idx[BLK];
                int nb = (hi - b0) < BLK ? (int)(hi - b0) : BLK;
                for (int q = 0; q < BLK; q++)
                    idx[q] = b0 + q;
                scan_block(x, idx, nb, p, c, k, xt, newlab + b0, d1 ? d1 + b0 : NULL,
                           d2 ? d2 + b0 : NULL);
            }
            for (int64_t i = lo; i < hi; i++)
                if (newlab[i] == 0)
                    unresolved = 1;
            free(xt);
        }
    }
    (void)nt;
    if (failed)
        return KM_NOMEM;
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

void km_nearest(const double *x, int64_t n, int p, const double *c, int k, int32_t *cl,
                int n_threads)
{
    nearest_all(x, n, p, c, k, cl, NULL, NULL, threads_for(n_threads, n * (int64_t)k * p));
}

/* Sum of the rows x[mem[0..cnt)] in that order, column by column, into
 * out[0..p). Sixteen columns at a time are kept in two vector registers;
 * each lane is one column's sum in R's point order, so the sums are R's.
 * Lanes past the last column read the next row's values and are dropped;
 * the rows at the very end of x go through a copy so nothing is read past
 * the array. */
SK_MULTIVERSION
static void sum_rows(const double *restrict x, int64_t n, int p, const int32_t *restrict mem,
                     int64_t cnt, double *restrict out)
{
    const int64_t total = n * (int64_t)p;
    for (int j0 = 0; j0 < p; j0 += 16) {
#if defined(__GNUC__)
        const v8d zero = {0, 0, 0, 0, 0, 0, 0, 0};
        v8d a0 = zero, a1 = zero;
        for (int64_t m = 0; m < cnt; m++) {
            int64_t off = (int64_t)mem[m] * p + j0;
            v8d v0, v1;
            if (off + 16 <= total) {
                memcpy(&v0, x + off, sizeof v0);
                memcpy(&v1, x + off + 8, sizeof v1);
            } else {
                double tmp[16] = {0};
                for (int64_t j = 0; j < 16 && off + j < total; j++)
                    tmp[j] = x[off + j];
                memcpy(&v0, tmp, sizeof v0);
                memcpy(&v1, tmp + 8, sizeof v1);
            }
            a0 += v0;
            a1 += v1;
        }
        double lanes[16];
        memcpy(lanes, &a0, sizeof a0);
        memcpy(lanes + 8, &a1, sizeof a1);
#else
        double lanes[16] = {0};
        for (int64_t m = 0; m < cnt; m++) {
            const double *xr = x + (int64_t)mem[m] * p + j0;
            for (int j = 0; j < 16 && j0 + j < p; j++)
                lanes[j] += xr[j];
        }
#endif
        for (int j = 0; j < 16 && j0 + j < p; j++)
            out[j0 + j] = lanes[j];
    }
}

/* Centres as member means: for every cluster, its rows summed in point
 * order (column by column), then each element divided by the count (0/0
 * gives NaN, as in R). The members are listed by a stable counting sort;
 * clusters are shared between threads, each sum stays sequential. Only
 * clusters marked in dirty (all when dirty is NULL) are recomputed: the
 * others have the same members, hence the same sums. order holds n ints,
 * start 2k + 1. */
static void centre_means(const double *x, int64_t n, int p, double *c, int k,
                         const int32_t *cl, int32_t *nc, int nt, int32_t *order,
                         int64_t *start, const unsigned char *dirty)
{
    memset(nc, 0, sizeof(int32_t) * (size_t)k);
    for (int64_t i = 0; i < n; i++)
        nc[cl[i] - 1]++;
    int64_t *pos = start + k + 1;
    start[0] = 0;
    for (int l = 0; l < k; l++) {
        start[l + 1] = start[l] + nc[l];
        pos[l] = start[l];
    }
    for (int64_t i = 0; i < n; i++) {
        int l = cl[i] - 1;
        if (dirty == NULL || dirty[l])
            order[pos[l]++] = (int32_t)i;
    }
    (void)nt;
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) schedule(dynamic, 1)
#endif
    for (int l = 0; l < k; l++) {
        if (dirty != NULL && !dirty[l])
            continue;
        double *cr = c + (int64_t)l * p;
        sum_rows(x, n, p, order + start[l], nc[l], cr);
        for (int j = 0; j < p; j++)
            cr[j] /= (double)nc[l];
    }
}

/* wss for Lloyd and MacQueen: points in order, columns in order. */
static void wss_rowwise(const double *x, int64_t n, int p, const double *c, int k,
                        const int32_t *cl, double *wss)
{
    memset(wss, 0, sizeof(double) * (size_t)k);
    for (int64_t i = 0; i < n; i++) {
        int l = cl[i] - 1;
        const double *cr = c + (int64_t)l * p, *xr = x + i * p;
        double w = wss[l];
        for (int j = 0; j < p; j++) {
            double t = xr[j] - cr[j];
            w += t * t;
        }
        wss[l] = w;
    }
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
 * underflow beyond TINY) and every centre is finite.
 */

static const double ETA = 1e-9;
static const double TINY = 1e-150;
static const double PRUNE_MAX = 1e140;

static inline double upper_of(double d2) { return sqrt(d2) * (1.0 + ETA) + TINY; }
static inline double lower_of(double d2) { return sqrt(d2) * (1.0 - ETA) - TINY; }

typedef struct {
    double *ub, *lb;   /* per point */
    int64_t *idx;      /* per point: rows that need a full scan */
    unsigned char *dirty; /* per centre: membership changed in this pass */
    double *cold;      /* k*p: centres before the update */
    double *delta, *s; /* per centre: movement, half distance to the nearest other */
    double dmax, dmax2;
    int dmax_arg;
} prune_state;

/* A later pass: bounds first, full scans only where they cannot decide. */
static int lloyd_bounded_pass(const double *x, int64_t n, int p, const double *c, int k,
                              int32_t *cl, prune_state *ps, int nt)
{
    int changed = 0, failed = 0;
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) reduction(| : changed) reduction(| : failed)
#endif
    {
        int64_t lo, hi;
        thread_range(n, omp_tid(), omp_nth(), &lo, &hi);
        int64_t *todo = ps->idx + lo;
        int64_t m = 0;
        for (int64_t i = lo; i < hi; i++) {
            int a = cl[i] - 1;
            double u = (ps->ub[i] + ps->delta[a]) * (1.0 + ETA);
            double l = ps->lb[i] - (a == ps->dmax_arg ? ps->dmax2 : ps->dmax);
            l -= ETA * fabs(l) + TINY;
            ps->lb[i] = l;
            double z = ps->s[a] > l ? ps->s[a] : l;
            if (u < z) {
                ps->ub[i] = u;
                continue;
            }
            u = upper_of(sqdist(x + i * p, c + (int64_t)a * p, p));
            ps->ub[i] = u;
            if (u < z)
                continue;
            todo[m++] = i;
        }
        if (m > 0) {
            double *xt = aligned_alloc(64, sizeof(double) * (size_t)p * BLK);
            if (xt == NULL) {
                failed = 1;
            } else {
                for (int64_t b = 0; b < m; b += BLK) {
                    int32_t lab[BLK];
                    double d1[BLK], d2[BLK];
                    int nb = (m - b) < BLK ? (int)(m - b) : BLK;
                    scan_block(x, todo + b, nb, p, c, k, xt, lab, d1, d2);
                    for (int q = 0; q < nb; q++) {
                        int64_t i = todo[b + q];
                        ps->ub[i] = upper_of(d1[q]);
                        ps->lb[i] = lower_of(d2[q]);
                        if (lab[q] != cl[i]) {
                            changed = 1;
#ifdef _OPENMP
#pragma omp atomic write
#endif
                            ps->dirty[cl[i] - 1] = 1;
#ifdef _OPENMP
#pragma omp atomic write
#endif
                            ps->dirty[lab[q] - 1] = 1;
                            cl[i] = lab[q];
                        }
                    }
                }
                free(xt);
            }
        }
    }
    return failed ? -1 : changed;
}

/* Centre movements and separations after an update; 0 if a centre is not
 * finite (an empty cluster): the bounds are then given up. */
static int prune_update(prune_state *ps, const double *c, int k, int p)
{
    ps->dmax = ps->dmax2 = 0.0;
    ps->dmax_arg = -1;
    for (int l = 0; l < k; l++) {
        double d = upper_of(sqdist(ps->cold + (int64_t)l * p, c + (int64_t)l * p, p));
        if (!isfinite(d))
            return 0;
        ps->delta[l] = d;
        if (d > ps->dmax) {
            ps->dmax2 = ps->dmax;
            ps->dmax = d;
            ps->dmax_arg = l;
        } else if (d > ps->dmax2) {
            ps->dmax2 = d;
        }
    }
    for (int l = 0; l < k; l++)
        ps->s[l] = INFINITY;
    for (int l = 0; l < k; l++) {
        for (int l2 = l + 1; l2 < k; l2++) {
            double d = sqdist(c + (int64_t)l * p, c + (int64_t)l2 * p, p);
            if (d < ps->s[l])
                ps->s[l] = d;
            if (d < ps->s[l2])
                ps->s[l2] = d;
        }
    }
    for (int l = 0; l < k; l++)
        ps->s[l] = 0.5 * lower_of(ps->s[l]);
    return 1;
}

static double max_abs(const double *v, int64_t n)
{
    double m = 0.0;
    for (int64_t i = 0; i < n; i++) {
        double a = fabs(v[i]);
        m = a > m ? a : m;
    }
    return m;
}

int km_lloyd(const double *x, int64_t n, int p, double *c, int k, int32_t *cl, int32_t *nc,
             double *wss, int iter_max, int *iter, int n_threads)
{
    int nt = threads_for(n_threads, n * (int64_t)k * p);
    int rc = KM_OK;
    prune_state ps = {0};
    int prune = k >= 2 && max_abs(x, n * p) <= PRUNE_MAX && max_abs(c, (int64_t)k * p) <= PRUNE_MAX;
    int32_t *newlab = malloc(sizeof(int32_t) * (size_t)(n > 0 ? n : 1));
    int32_t *order = malloc(sizeof(int32_t) * (size_t)(n > 0 ? n : 1));
    int64_t *start = malloc(sizeof(int64_t) * (size_t)(2 * k + 1));
    unsigned char *dirty = calloc((size_t)k, 1);
    ps.dirty = dirty;
    if (prune) {
        ps.ub = malloc(sizeof(double) * (size_t)n);
        ps.lb = malloc(sizeof(double) * (size_t)n);
        ps.idx = malloc(sizeof(int64_t) * (size_t)n);
        ps.cold = malloc(sizeof(double) * (size_t)k * p);
        ps.delta = malloc(sizeof(double) * (size_t)k);
        ps.s = malloc(sizeof(double) * (size_t)k);
        if (!ps.ub || !ps.lb || !ps.idx || !ps.cold || !ps.delta || !ps.s)
            prune = 0; /* not enough memory for the bounds: plain passes */
    }
    if (newlab == NULL || order == NULL || start == NULL || dirty == NULL) {
        rc = KM_NOMEM;
        goto done;
    }
    for (int64_t i = 0; i < n; i++)
        cl[i] = -1;
    int it;
    for (it = 0; it < iter_max; it++) {
        int changed;
        memset(dirty, it == 0 ? 1 : 0, (size_t)k);
        if (prune && it > 0) {
            changed = lloyd_bounded_pass(x, n, p, c, k, cl, &ps, nt);
            if (changed < 0) {
                rc = KM_NOMEM;
                goto done;
            }
        } else {
            /* a full scan (the first pass also sets up the bounds) */
            rc = nearest_all(x, n, p, c, k, newlab, prune ? ps.ub : NULL, prune ? ps.lb : NULL, nt);
            if (rc != KM_OK)
                goto done;
            if (prune)
                for (int64_t i = 0; i < n; i++) {
                    ps.ub[i] = upper_of(ps.ub[i]);
                    ps.lb[i] = lower_of(ps.lb[i]);
                }
            changed = 0;
            for (int64_t i = 0; i < n; i++) {
                if (newlab[i] != cl[i]) {
                    changed = 1;
                    if (cl[i] > 0)
                        dirty[cl[i] - 1] = 1;
                    dirty[newlab[i] - 1] = 1;
                    cl[i] = newlab[i];
                }
            }
        }
        if (!changed)
            break;
        if (prune)
            memcpy(ps.cold, c, sizeof(double) * (size_t)k * p);
        centre_means(x, n, p, c, k, cl, nc, nt, order, start, dirty);
        if (prune)
            prune = prune_update(&ps, c, k, p);
    }
    *iter = it + 1;
    /* sizes of the final labels (the loop may end right after a pass) */
    memset(nc, 0, sizeof(int32_t) * (size_t)k);
    for (int64_t i = 0; i < n; i++)
        nc[cl[i] - 1]++;
    wss_rowwise(x, n, p, c, k, cl, wss);
done:
    free(newlab);
    free(order);
    free(start);
    free(dirty);
    free(ps.ub);
    free(ps.lb);
    free(ps.idx);
    free(ps.cold);
    free(ps.delta);
    free(ps.s);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* MacQueen                                                                  */

int km_macqueen(const double *x, int64_t n, int p, double *c, int k, int32_t *cl, int32_t *nc,
                double *wss, int iter_max, int *iter, int n_threads)
{
    int nt = threads_for(n_threads, n * (int64_t)k * p);
    int rc = nearest_all(x, n, p, c, k, cl, NULL, NULL, nt);
    if (rc != KM_OK)
        return rc;
    int32_t *order = malloc(sizeof(int32_t) * (size_t)n);
    int64_t *start = malloc(sizeof(int64_t) * (size_t)(2 * k + 1));
    if (order == NULL || start == NULL) {
        free(order);
        free(start);
        return KM_NOMEM;
    }
    centre_means(x, n, p, c, k, cl, nc, nt, order, start, NULL);
    free(order);
    free(start);
    int32_t carry = cl[n - 1]; /* R's running choice continues from the last row */
    int it;
    for (it = 0; it < iter_max; it++) {
        int updated = 0;
        for (int64_t i = 0; i < n; i++) {
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
        if (!updated)
            break;
    }
    *iter = it + 1;
    wss_rowwise(x, n, p, c, k, cl, wss);
    return KM_OK;
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
} hw_state;

#define HW_VECTOR_MAX_K 64

/* Squared distances from xi to every centre: lane l of each 8-wide group
 * sums (xi[j] - c[l, j])^2 over j in order, as sqdist does. */
SK_MULTIVERSION
static void hw_all_dist(const double *restrict xi, const double *restrict ct, int p, int kpad,
                        double *restrict out)
{
#if defined(__GNUC__)
    for (int kb = 0; kb < kpad; kb += BLK) {
        v8d d = {0, 0, 0, 0, 0, 0, 0, 0};
        for (int j = 0; j < p; j++) {
            v8d t = xi[j] - *(const v8d *)(ct + (int64_t)j * kpad + kb);
            d += t * t;
        }
        *(v8d *)(out + kb) = d;
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
static void hw_transfer(hw_state *s, int64_t i, int l1, int l2)
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
 * reaches M, i.e. M steps without a transfer). */
static void hw_optra(hw_state *s)
{
    const int64_t M = s->m;
    const int p = s->p, K = s->k;
    for (int l = 0; l < K; l++)
        if (s->itran[l] == 1)
            s->live[l] = M + 1;
    for (int64_t i = 0; i < M; i++) {
        const int64_t ii = i + 1; /* 1-based position, compared with LIVE and NCP */
        const double *xi = s->x + i * p;
        s->indx++;
        int l1 = s->ic1[i];
        if (s->nc[l1] != 1) {
            /* every distance below is the full sum: see sqdist_below */
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
            return;
    }
    for (int l = 0; l < K; l++) {
        s->itran[l] = 0;
        s->live[l] -= M;
    }
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

/* Quick-transfer stage. Returns 1 when the step limit was reached. */
static int hw_qtran(hw_state *s)
{
    const int64_t M = s->m;
    const int p = s->p;
    int64_t limit = 50 * M;
    if (limit > INT_MAX)
        limit = INT_MAX;
    int64_t icoun = 0, istep = 0;
    for (;;) {
        for (int64_t i = 0; i < M; i++) {
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
                 * are needed; every sum is complete: see sqdist_below) */
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

int km_hartigan_wong(const double *x, int64_t n, int p, double *c, int k, int32_t *cl,
                     int32_t *nc, double *wss, int iter_max, int *iter, int *ifault, int trace,
                     km_trace_fn trace_fn, void *trace_ctx)
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
        s.ct = aligned_alloc(64, sizeof(double) * (size_t)s.kpad * p);
        s.dall = aligned_alloc(64, sizeof(double) * (size_t)s.kpad);
        if (s.ct == NULL || s.dall == NULL) {
            free(s.ct);
            free(s.dall);
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
            if (!(db < dt2)) /* AS 136 abandons the sum here; see sqdist_below */
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
        hw_optra(&s);
        if (s.trace > 0) {
            char line[128];
            snprintf(line, sizeof line, "KMNS(*, k=%d): iter=%3d, indx=%lld\n", K, ij,
                     (long long)s.indx);
            trace_fn(trace_ctx, line);
        }
        if (s.indx == M)
            break;
        if (hw_qtran(&s)) {
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
    free(s.ct);
    free(s.dall);
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

double km_totss(const double *x, int64_t n, int p)
{
    long double acc = 0.0L;
    for (int j = 0; j < p; j++) {
        long double s = 0.0L;
        for (int64_t i = 0; i < n; i++)
            s += x[i * p + j];
        double mean = (double)(s / (long double)n);
        for (int64_t i = 0; i < n; i++) {
            double t = x[i * p + j] - mean;
            acc += (long double)(t * t);
        }
    }
    return (double)acc;
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

int64_t km_unique_rows(const double *x, int64_t n, int p, int64_t *first)
{
    uint64_t cap = 16;
    while (cap < 2 * (uint64_t)n)
        cap <<= 1;
    int64_t *table = malloc(sizeof(int64_t) * cap);
    if (table == NULL)
        return -1;
    for (uint64_t t = 0; t < cap; t++)
        table[t] = -1;
    int64_t count = 0;
    for (int64_t i = 0; i < n; i++) {
        const double *r = x + i * p;
        uint64_t h = row_hash(r, p) & (cap - 1);
        for (;;) {
            int64_t e = table[h];
            if (e < 0) {
                table[h] = i;
                first[count++] = i;
                break;
            }
            if (rows_equal(x + e * p, r, p))
                break;
            h = (h + 1) & (cap - 1);
        }
    }
    free(table);
    return count;
}
