/* Gap-statistic kernels with R's arithmetic; see gap.h and docs/r-behaviour.md section 10. */
#if !defined(_WIN32) && !defined(__APPLE__) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* nanosleep (common.h) under -std=c11 */
#endif
#include "gap.h"
#include "common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Below this many pair-columns in all (~10 ms of work), threads cost more
 * than they save: a parallel region's barrier can wait a whole time slice
 * for a thread that another process keeps off its core. */
#define GAP_SERIAL_WORK 5000000.0

typedef struct {
    int l;          /* labeling */
    int r;          /* cluster code */
    int64_t first;  /* offset of its members in the order array */
    int64_t size;   /* n_r */
    int64_t pos;    /* its index in items/part (labelings in order, then codes) */
    int identity;   /* use the within-sum-of-squares identity */
} gap_item;

/* Pairs are processed in chunks of GAP_CHUNK: the vector work of a chunk
 * (distances, sqrt, division) overlaps with the sequential extended-precision
 * additions of the previous one, which roughly halves the time per pair. */
#define GAP_CHUNK 32

/* Terms d^power / n_r of the pairs (j + 1 + i, j), i = 0..m-1, of a cluster
 * stored column-major in buf (nr rows, p columns). OUT t. */
static inline void chunk_terms(const double *restrict buf, int64_t nr, int p, int64_t j,
                               int64_t i0, int m, int mode, double d_power, double dn,
                               double *restrict t)
{
    for (int q = 0; q < m; q++)
        t[q] = 0.0;
    for (int c = 0; c < p; c++) {
        const double *restrict ci = buf + (int64_t)c * nr + j + 1 + i0;
        const double xj = buf[(int64_t)c * nr + j];
        for (int q = 0; q < m; q++) {
            double dev = ci[q] - xj;
            t[q] += dev * dev;
        }
    }
    if (mode == 1) {
        for (int q = 0; q < m; q++)
            t[q] = sqrt(t[q]) / dn;
    } else if (mode == 2) {
        for (int q = 0; q < m; q++) {
            double d = sqrt(t[q]);
            t[q] = (d * d) / dn;
        }
    } else {
        for (int q = 0; q < m; q++)
            t[q] = pow(sqrt(t[q]), d_power) / dn;
    }
}

/* Sum of the terms of the pairs (j + 1 + i, j), i = 0..len-1, added in order
 * to the extended-precision accumulator acc. */
SK_MULTIVERSION
static long double column_pairs(const double *restrict buf, int64_t nr, int p, int64_t j,
                                int mode, double d_power, double dn, long double acc)
{
    double t[GAP_CHUNK];
    const int64_t len = nr - j - 1;
    int64_t i0 = 0;
    /* full chunks: fixed trip counts let the compiler use whole vectors */
    for (; i0 + GAP_CHUNK <= len; i0 += GAP_CHUNK) {
        chunk_terms(buf, nr, p, j, i0, GAP_CHUNK, mode, d_power, dn, t);
        for (int q = 0; q < GAP_CHUNK; q++)
            acc += t[q];
    }
    if (i0 < len) {
        int m = (int)(len - i0);
        chunk_terms(buf, nr, p, j, i0, m, mode, d_power, dn, t);
        for (int q = 0; q < m; q++)
            acc += t[q];
    }
    return acc;
}

/* Sum over the pairs of one cluster, R's order, extended precision: of the
 * terms d^d_power / n_r (clusGap), or of d^d_power, the rounded sum then
 * divided by n_r (sum_last: factoextra's within sum of squares). */
static int cluster_pairs(const double *x, int p, const int64_t *idx, int64_t nr, double d_power,
                         int sum_last, double *out, sk_poll *poll)
{
    if (nr < 2) {
        *out = 0.0;
        return GAP_OK;
    }
    double *buf = malloc(sizeof(double) * (size_t)nr * (size_t)p);
    if (buf == NULL)
        return GAP_NOMEM;
    for (int64_t i = 0; i < nr; i++) {
        const double *row = x + idx[i] * p;
        for (int c = 0; c < p; c++)
            buf[(int64_t)c * nr + i] = row[c];
    }
    int mode = d_power == 1.0 ? 1 : (d_power == 2.0 ? 2 : 3);
    double dn = sum_last ? 1.0 : (double)nr; /* x / 1.0 is x: no division */
    long double acc = 0.0L;
    const int master = sk_master();
    for (int64_t j = 0; j + 1 < nr; j++) {
        if (sk_poll_step(poll, master, (double)(nr - j - 1) * p))
            break;
        acc = column_pairs(buf, nr, p, j, mode, d_power, dn, acc);
    }
    free(buf);
    *out = sum_last ? (double)acc / (double)nr : (double)acc;
    return GAP_OK;
}

/* sum_i |x_i - mean|^2 over the members: equals sum_{i<j} d_ij^2 / n_r. */
static int cluster_identity(const double *x, int p, const int64_t *idx, int64_t nr, double *out)
{
    double *mean = malloc(sizeof(double) * (size_t)p);
    if (mean == NULL)
        return GAP_NOMEM;
    for (int c = 0; c < p; c++) {
        long double s = 0.0L;
        for (int64_t i = 0; i < nr; i++)
            s += x[idx[i] * p + c];
        mean[c] = (double)(s / (long double)nr);
    }
    long double acc = 0.0L;
    for (int64_t i = 0; i < nr; i++) {
        const double *row = x + idx[i] * p;
        for (int c = 0; c < p; c++) {
            double dev = row[c] - mean[c];
            acc += (long double)(dev * dev);
        }
    }
    free(mean);
    *out = (double)acc;
    return GAP_OK;
}

static int by_size_desc(const void *a, const void *b)
{
    const gap_item *u = a, *v = b;
    if (u->size != v->size)
        return u->size > v->size ? -1 : 1;
    if (u->l != v->l)
        return u->l < v->l ? -1 : 1;
    return u->r < v->r ? -1 : (u->r > v->r);
}

int gap_within(const double *x, int64_t n, int p, const int32_t *labels, int m,
               const int32_t *ks, double d_power, int64_t pair_limit, int n_threads,
               int per_cluster, double *w, sk_poll *poll)
{
    int64_t n_items = 0;
    for (int l = 0; l < m; l++)
        n_items += ks[l];
    int64_t *order = malloc(sizeof(int64_t) * (size_t)(n > 0 ? n : 1) * (size_t)(m > 0 ? m : 1));
    gap_item *items = malloc(sizeof(gap_item) * (size_t)(n_items > 0 ? n_items : 1));
    gap_item *sorted = malloc(sizeof(gap_item) * (size_t)(n_items > 0 ? n_items : 1));
    double *part = malloc(sizeof(double) * (size_t)(n_items > 0 ? n_items : 1));
    int64_t *fill = NULL;
    int rc = GAP_OK;
    if (order == NULL || items == NULL || sorted == NULL || part == NULL) {
        rc = GAP_NOMEM;
        goto done;
    }

    /* Members of each cluster in increasing row order (a stable counting sort). */
    double work = 0.0;
    int64_t it = 0;
    for (int l = 0; l < m; l++) {
        const int32_t *lab = labels + (int64_t)l * n;
        int k = ks[l];
        fill = calloc((size_t)k + 1, sizeof(int64_t));
        if (fill == NULL) {
            rc = GAP_NOMEM;
            goto done;
        }
        for (int64_t i = 0; i < n; i++)
            fill[lab[i] + 1]++;
        double pairs = 0.0;
        for (int r = 0; r < k; r++) {
            int64_t size = fill[r + 1];
            pairs += 0.5 * (double)size * (double)(size - 1);
            fill[r + 1] += fill[r];
        }
        int identity = d_power == 2.0 && pair_limit >= 0 && pairs > (double)pair_limit;
        int64_t *ord = order + (int64_t)l * n;
        for (int r = 0; r < k; r++) {
            items[it + r].l = l;
            items[it + r].r = r;
            items[it + r].first = (int64_t)l * n + fill[r];
            items[it + r].size = fill[r + 1] - fill[r];
            items[it + r].pos = it + r;
            items[it + r].identity = identity;
        }
        for (int64_t i = 0; i < n; i++)
            ord[fill[lab[i]]++] = i;
        free(fill);
        fill = NULL;
        work += identity ? (double)n * p : pairs * p;
        it += k;
    }
    memcpy(sorted, items, sizeof(gap_item) * (size_t)n_items);
    qsort(sorted, (size_t)n_items, sizeof(gap_item), by_size_desc);

    int nt = sk_threads(n_threads);
    if (work < GAP_SERIAL_WORK || n_items < 2)
        nt = 1;
    if (nt > (int)n_items)
        nt = (int)n_items;

    int failed = 0;
    /* one item at a time, serially below the work threshold (OpenMP's if) */
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1) num_threads(nt) if (nt > 1) reduction(| : failed)
#endif
    for (int64_t s = 0; s < n_items; s++) {
        const gap_item *item = &sorted[s];
        int64_t pos = item->pos;
        int got = item->identity
                      ? cluster_identity(x, p, order + item->first, item->size, &part[pos])
                      : cluster_pairs(x, p, order + item->first, item->size, d_power,
                                      per_cluster, &part[pos], poll);
        if (got != GAP_OK)
            failed = 1;
    }
    if (failed) {
        rc = GAP_NOMEM;
        goto done;
    }
    if (sk_stopped(poll)) {
        rc = SK_INTERRUPTED;
        goto done;
    }

    if (per_cluster) {
        memcpy(w, part, sizeof(double) * (size_t)n_items);
        goto done;
    }
    it = 0;
    for (int l = 0; l < m; l++) {
        long double s = 0.0L;
        for (int r = 0; r < ks[l]; r++)
            s += part[it + r];
        w[l] = 0.5 * (double)s;
        it += ks[l];
    }

done:
    free(fill);
    free(order);
    free(items);
    free(sorted);
    free(part);
    return rc;
}

int gap_diss_parts(const double *d, int64_t n, const int32_t *labels, int k, double *out,
                   sk_poll *poll)
{
    int64_t *fill = calloc((size_t)k + 1, sizeof(int64_t));
    int64_t *order = malloc(sizeof(int64_t) * (size_t)(n > 0 ? n : 1));
    if (fill == NULL || order == NULL) {
        free(fill);
        free(order);
        return GAP_NOMEM;
    }
    for (int64_t i = 0; i < n; i++)
        fill[labels[i] + 1]++;
    for (int r = 0; r < k; r++)
        fill[r + 1] += fill[r];
    for (int64_t i = 0; i < n; i++)
        order[fill[labels[i]]++] = i;
    int64_t first = 0;
    for (int r = 0; r < k; r++) {
        const int64_t *idx = order + first;
        int64_t nr = fill[r] - first;
        long double acc = 0.0L;
        for (int64_t a = 0; a + 1 < nr && !sk_poll_step(poll, 1, (double)(nr - a - 1)); a++) {
            int64_t j = idx[a];
            /* R's dist position of (i, j), i > j: n j - j (j + 1) / 2 + i - j - 1 */
            int64_t base = n * j - j * (j + 1) / 2 - j - 1;
            for (int64_t b = a + 1; b < nr; b++) {
                double v = d[base + idx[b]];
                acc += (long double)(v * v);
            }
        }
        out[r] = nr > 0 ? (double)acc / (double)nr : 0.0;
        first = fill[r];
    }
    free(fill);
    free(order);
    return sk_stopped(poll) ? SK_INTERRUPTED : GAP_OK;
}

void gap_reference_set(const double *z1t, int64_t n, int q, const double *vt, int p,
                       const double *means, double *z)
{
    if (vt == NULL) {
        for (int64_t i = 0; i < n; i++)
            for (int j = 0; j < p; j++)
                z[i * p + j] = z1t[(int64_t)j * n + i] + means[j];
        return;
    }
    for (int64_t e = 0; e < n * p; e++)
        z[e] = 0.0;
    for (int l = 0; l < q; l++) {
        const double *col = z1t + (int64_t)l * n;
        const double *v = vt + (int64_t)l * p;
        for (int64_t i = 0; i < n; i++) {
            double a = col[i];
            double *zi = z + i * p;
            for (int j = 0; j < p; j++)
                zi[j] += a * v[j];
        }
    }
    for (int64_t i = 0; i < n; i++)
        for (int j = 0; j < p; j++)
            z[i * p + j] += means[j];
}

void gap_matmul(const double *a, int64_t n, int q, const double *b, int r, double *out)
{
    for (int64_t e = 0; e < n * r; e++)
        out[e] = 0.0;
    for (int l = 0; l < q; l++) {
        const double *bl = b + (int64_t)l * r;
        for (int64_t i = 0; i < n; i++) {
            double ail = a[i * q + l];
            double *oi = out + i * r;
            for (int j = 0; j < r; j++)
                oi[j] += ail * bl[j];
        }
    }
}

void gap_col_stats(const double *lw, int64_t B, int K, double *mean, double *se)
{
    for (int k = 0; k < K; k++) {
        long double s = 0.0L;
        for (int64_t b = 0; b < B; b++)
            s += lw[b * K + k];
        mean[k] = (double)(s / (long double)B);
        if (B < 2) {
            se[k] = NAN;
            continue;
        }
        /* var(): mean with one correction pass, then squared deviations */
        long double mu = s / (long double)B;
        if (isfinite((double)mu)) {
            long double c = 0.0L;
            for (int64_t b = 0; b < B; b++)
                c += (long double)lw[b * K + k] - mu;
            mu += c / (long double)B;
        }
        long double m = (long double)(double)mu; /* the mean, rounded to double */
        long double ss = 0.0L;
        for (int64_t b = 0; b < B; b++) {
            long double dev = (long double)lw[b * K + k] - m;
            ss += dev * dev;
        }
        double var = (double)(ss / (long double)(B - 1));
        se[k] = sqrt((1.0 + 1.0 / (double)B) * var);
    }
}
