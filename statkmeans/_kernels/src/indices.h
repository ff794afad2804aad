/*
 * Kernels of fpc's cluster validity indices (calinhara, cluster.stats,
 * dudahart2) with R's arithmetic; docs/r-behaviour.md, section "fpc".
 *
 * Conventions for every function here:
 *   n        number of observations;
 *   x        IN  row-major (C-contiguous) n-by-p data, finite doubles;
 *   d        IN  condensed dissimilarities in R's dist() order, length
 *                n(n-1)/2 (the same sequence as scipy's pdist);
 *            exactly one of x and d is given (the other is NULL);
 *   cl       IN  0-based cluster of each observation (int32), 0..k-1, every
 *                cluster non-empty;
 *   order    IN  the observations stably sorted by cluster (0-based, length
 *                n), so cluster c is order[start[c] .. start[c+1]-1], its
 *                members in increasing index order;
 *   start    IN  k + 1 offsets into order;
 *   poll     IN  interrupts (common.h), or NULL: a stopped kernel returns
 *                SK_INTERRUPTED and its outputs are unspecified;
 *   IN / OUT mark what is read and what is written.
 * Nothing is checked here: callers validate once, in Python.
 *
 * A distance from data is R's dist(): the square root of the sum over the
 * columns, in column order, of the squared differences, each a separate
 * multiply and add (build with -ffp-contract=off). "Extended precision" is
 * a long double accumulator (80-bit on x86-64 Linux), as R's sum() and
 * mean() use; "R mean" is R's two-pass mean (extended-precision sum over n,
 * then a second extended-precision pass adding the deviations, s + t/n).
 */
#ifndef STATKMEANS_INDICES_H
#define STATKMEANS_INDICES_H

#include <stdint.h>

#include "common.h"

#define IX_OK 0
#define IX_NOMEM -1

/* Diagonal of R's cov() of the rows rows[0..m-1] of x (n-by-p):
 * out[j] = double(sum_r (x[r,j] - mean_j)^2 / (m - 1)), the mean an R mean
 * rounded to double, the differences, squares, sum and division in extended
 * precision. m < 2: NaN. OUT out (p values). */
void ix_cov_diag(const double *x, int p, const int64_t *rows, int64_t m, double *out);

/* The quantities of fpc's cluster.stats that are sums, formed in R's order
 * (exactly R's bits). One pass per ordering R uses:
 *   oss      OUT  R sum of d^2 over all pairs in dist order (rounded);
 *   wss      OUT  per cluster, R sum of d^2 over its pairs in dist order;
 *   avgd     OUT  per cluster, R mean of its within distances (NaN if none);
 *   diam     OUT  per cluster, the largest within distance (NaN if none);
 *   sepm     OUT  k-by-k, sepm[i*k+j] = the smallest distance between
 *                 clusters i and j (diagonal 0);
 *   psep     OUT  per observation, the distance to the nearest observation
 *                 of another cluster;
 *   tooth    OUT  per cluster i, R mean of dmat[C_i, C_j] read column-major
 *                 for j != i ascending, concatenated (average.toother);
 *   abm      OUT  k-by-k, R mean of each between block (symmetric, diag 0);
 *   avgb     OUT  R mean of all between blocks i < j concatenated;
 *   pgamma   OUT  R's cor() of (within distances cluster by cluster, then the
 *                 between blocks) with (0 for within, 1 for between).
 * Memory: O(n + k^2). */
int ix_stats_exact(const double *x, int p, const double *d, int64_t n, const int32_t *cl,
                   int k, const int64_t *order, const int64_t *start, double *oss,
                   double *wss, double *avgd, double *diam, double *sepm, double *psep,
                   double *tooth, double *abm, double *avgb, double *pgamma, sk_poll *poll);

/* From data, every observation i against every cluster c in one sweep:
 *   S    OUT  n-by-k, S[i*k+c] = sum of d(i, j) over the members j of c, in
 *             increasing j, in double (silhouette's sums, R's bits);
 *   mn   OUT  n-by-k, the smallest d(i, j) over the members of c (0 for i's
 *             own cluster, where i itself counts);
 *   mx   OUT  n-by-k, the largest.
 * Memory: O(n * p) for a sorted copy of the data, O(k) per thread. */
int ix_sweep(const double *x, int64_t n, int p, const int32_t *cl, int k,
             const int64_t *order, const int64_t *start, double *S, double *mn, double *mx,
             int n_threads, sk_poll *poll);

/* R's median() of the within distances of each cluster: the middle value
 * (odd count) or the R mean of the two middle values (even count). A
 * cluster with at most collect_cap distances (<= 0: 2^18) has them
 * collected and selected; a larger one gets one pass that counts the values
 * below a window guessed from a sample of pairs and collects those inside
 * (sampled != 0), or, when the window misses or sampled == 0, histogram
 * passes that narrow an exact window until it holds collect_cap values or
 * fewer. Distances are recomputed from x or read from d. diam IN: each
 * cluster's largest within distance. OUT med (NaN for a singleton).
 * Memory: O(n) per thread plus the values collected (about 2^16 + a few
 * per cent of the pairs, at most). */
int ix_medians(const double *x, int p, const double *d, int64_t n, int k,
               const int64_t *order, const int64_t *start, const double *diam, double *med,
               int64_t collect_cap, int sampled, int n_threads, sk_poll *poll);

/* The longest edge of each cluster's minimum spanning tree (fpc's cwidegap:
 * the largest single-linkage merge height inside the cluster), by Prim's
 * algorithm on distances recomputed from x or read from d. OUT gap (0 for a
 * singleton). Memory: O(n). */
int ix_widest_gaps(const double *x, int p, const double *d, int64_t n, int k,
                   const int64_t *order, const int64_t *start, double *gap, int n_threads,
                   sk_poll *poll);

#endif
