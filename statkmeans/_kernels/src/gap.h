/*
 * Kernels of the gap statistic with R's arithmetic (cluster::clusGap,
 * docs/r-behaviour.md section 10).
 *
 * Conventions for every function here:
 *   x, z      row-major (C-contiguous) n-by-p matrices of finite doubles;
 *   IN / OUT  mark what is read and what is written;
 *   nothing is checked here: the callers validate once, in Python.
 * Products and sums use separate multiply and add (build with
 * -ffp-contract=off); "extended precision" means a long double accumulator
 * (80-bit on x86-64 Linux), as R's sum() and colMeans() use.
 */
#ifndef STATKMEANS_GAP_H
#define STATKMEANS_GAP_H

#include <stdint.h>

#include "common.h"

#define GAP_OK 0
#define GAP_NOMEM -1

/*
 * clusGap's W_k for m labelings of the same data at once:
 *
 *   W = 1/2 * sum_r  sum_{i<j in cluster r} d_ij^d_power / n_r
 *
 * with d_ij the Euclidean distance (sqrt of the column-order sum of squared
 * differences). Clusters are taken in increasing code order, the pairs of a
 * cluster in R's dist() order ((2,1), (3,1), ..., (n_r,1), (3,2), ...), each
 * term (d, d*d, or pow(d, d_power)) divided by n_r before it is added to an
 * extended-precision accumulator, which is rounded to double per cluster;
 * the per-cluster values are summed in extended precision and halved.
 * That is R's arithmetic, so W is R's to the last bit.
 *
 * x       IN  n-by-p data.
 * labels  IN  m-by-n codes: labels[l*n + i] in 0..ks[l]-1 is the cluster of
 *             row i in labeling l (codes numbered in R's cluster order).
 * ks      IN  number of clusters of each labeling (every code 0..ks[l]-1 is
 *             used at least once).
 * d_power IN  power of the distances (> 0).
 * pair_limit  IN  d_power == 2 only: a labeling with more than pair_limit
 *             pairs in all uses the identity sum_{i<j} d_ij^2 / n_r =
 *             sum_i |x_i - mean_r|^2 (O(n p) instead of O(n^2 p); equal to
 *             R's value up to rounding, ~1e-16 relative). Negative: never.
 * n_threads   IN  OpenMP threads over (labeling, cluster) pairs (<= 0: the
 *             OpenMP default), used only when there is enough work (several
 *             million pair-columns). Each cluster's sum is sequential, so
 *             the result does not depend on it.
 * per_cluster IN  0: clusGap's W as above. 1: factoextra's within sum of
 *             squares instead, cluster by cluster: the terms d^d_power are
 *             summed undivided (extended precision, R's pair order), the
 *             rounded sum is divided by n_r (the identity, when used, gives
 *             the same quantity), and w receives these values for every
 *             (labeling, cluster) in order (length sum(ks)).
 * w       OUT W of each labeling (length m), or the per-cluster values.
 * poll    IN/OUT interrupts (common.h), or NULL.
 * Returns GAP_OK, GAP_NOMEM or SK_INTERRUPTED.
 */
int gap_within(const double *x, int64_t n, int p, const int32_t *labels, int m,
               const int32_t *ks, double d_power, int64_t pair_limit, int n_threads,
               int per_cluster, double *w, sk_poll *poll);

/*
 * factoextra's within sum of squares from given dissimilarities, cluster by
 * cluster: sum(d_ij^2 over the pairs of cluster r) / n_r, where the squares
 * (v * v in double) of the pairs, in R's order within the cluster (members
 * in increasing row order; (2,1), (3,1), ..., (3,2), ...), are added to an
 * extended-precision accumulator and the rounded sum is divided by n_r.
 * d       IN  n(n-1)/2 dissimilarities in R's dist order.
 * labels  IN  0-based cluster of each observation, 0..k-1.
 * out     OUT k values (0 for an empty cluster).
 * Returns GAP_OK or GAP_NOMEM.
 */
int gap_diss_parts(const double *d, int64_t n, const int32_t *labels, int k, double *out,
                   sk_poll *poll);

/*
 * One reference data set: z = z1 V' + 1 m' (scaledPCA) or z = z1 + 1 m'
 * (original), in R's order: each element of z1 V' is a sum over the inner
 * index from 0 upwards (reference BLAS dgemm), then the mean is added.
 *
 * z1t     IN  q-by-n: row l holds column l of z1 (the l-th runif() draw).
 * vt      IN  q-by-p: V transposed (row l is column l of V), or NULL for
 *             "original" (then q == p).
 * means   IN  column means of the data (length p).
 * z       OUT n-by-p.
 */
void gap_reference_set(const double *z1t, int64_t n, int q, const double *vt, int p,
                       const double *means, double *z);

/*
 * out = a b for a n-by-q and b q-by-r (row-major), each element a sum over
 * the inner index from 0 upwards with separate multiply and add (reference
 * BLAS order, as R's %*%).
 */
void gap_matmul(const double *a, int64_t n, int q, const double *b, int r, double *out);

/*
 * R's colMeans() and sqrt((1 + 1/B) * var()) of each column of the B-by-K
 * matrix lw (row-major): the mean is an extended-precision sum divided by B;
 * the variance takes an extended-precision mean with one correction pass,
 * rounds it to double, and sums the squared deviations (each deviation and
 * square in extended precision) over B - 1. B == 1 gives se = NaN (R's NA).
 * (Checked against R's var() on 3000 vectors: all identical.)
 * mean, se  OUT  length K.
 */
void gap_col_stats(const double *lw, int64_t B, int K, double *mean, double *se);

#endif
