/*
 * Silhouette and dist kernels with R's arithmetic (docs/r-behaviour.md
 * section 9; R's stats::dist in 9.1).
 *
 * Conventions for every function here:
 *   n        number of observations;
 *   cl       IN   0-based cluster index of each observation (int32, length
 *                 n), values 0..k-1 in increasing order of R's codes;
 *   size     IN   cluster sizes (int64, length k), all >= 1;
 *   nb       OUT  0-based neighbour cluster of each observation (int32);
 *   s        OUT  silhouette width of each observation;
 *   sums     OUT  optional n-by-k row-major S(i,c) = sum of d(i,j) over the
 *                 members j of c (NULL: not stored; for tests);
 *   n_threads     OpenMP threads (<= 0: the OpenMP default). No result
 *                 depends on it.
 *   poll          IN/OUT interrupts (common.h), or NULL; an interrupted
 *                 call returns SK_INTERRUPTED with its outputs incomplete.
 * No argument is checked here: callers validate once, in Python.
 *
 * Every S(i,c) is summed in double precision over j in increasing order,
 * as R does; j == i adds +0.0, which changes nothing. Distances are sums of
 * separate multiplies and adds in column order (build with
 * -ffp-contract=off, no fast-math), so they are R's dist() values.
 */
#ifndef STATKMEANS_SILHOUETTE_H
#define STATKMEANS_SILHOUETTE_H

#include <stdint.h>

#include "common.h"

#define SIL_OK 0
#define SIL_NOMEM -1

/* Instruction sets of the vectorised loops. Every one gives the same bits;
 * isa = SIL_ISA_AUTO (the default everywhere) takes the best the CPU has, a
 * specific one is for tests and falls back to the best when unsupported. */
#define SIL_ISA_AUTO 0
#define SIL_ISA_PORTABLE 1
#define SIL_ISA_SSE2 2
#define SIL_ISA_AVX2 3
#define SIL_ISA_AVX512 4

/* dist() methods, R's numbering. */
#define SIL_EUCLIDEAN 1
#define SIL_MAXIMUM 2
#define SIL_MANHATTAN 3
#define SIL_CANBERRA 4
#define SIL_BINARY 5
#define SIL_MINKOWSKI 6

/* Widths from data (n-by-p, row-major): Euclidean distances computed on the
 * fly, never stored. order IN: the observations stably sorted by cluster
 * (0-based indices, length n); start IN: k + 1 offsets into order, cluster c
 * being order[start[c] .. start[c+1]-1]. Memory: O(n * p) for a sorted
 * copy of the data plus O(k) per thread. */
int sil_widths_data(const double *x, int64_t n, int p, const int32_t *cl, int k,
                    const int64_t *size, const int64_t *order, const int64_t *start,
                    int32_t *nb, double *s, double *sums, int n_threads, int isa, sk_poll *poll);

/* Widths from R's condensed dist vector d (length n(n-1)/2, R's order:
 * d(2,1), d(3,1), ..., d(n,1), d(3,2), ...; scipy's pdist order is the
 * same sequence). */
int sil_widths_dist(const double *d, int64_t n, const int32_t *cl, int k,
                    const int64_t *size, int32_t *nb, double *s, double *sums,
                    int n_threads, sk_poll *poll);

/* Widths from a full n-by-n matrix m (row-major): only its lower triangle
 * m[i][j], i > j, is read, as R does. */
int sil_widths_dmatrix(const double *m, int64_t n, const int32_t *cl, int k,
                       const int64_t *size, int32_t *nb, double *s, double *sums,
                       int n_threads, sk_poll *poll);

/* R's dist(x, method, p): OUT d, the n(n-1)/2 condensed distances in R's
 * order (method: SIL_EUCLIDEAN ..; pw: the Minkowski power). A Canberra
 * pair with no usable term is NaN (R's NA). */
int sil_dist(const double *x, int64_t n, int p, int method, double pw, double *d,
             int n_threads, int isa, sk_poll *poll);

/* The instruction set used for a request (SIL_ISA_PORTABLE .. SIL_ISA_AVX512). */
int sil_resolve_isa(int isa);

/* Index of the first value that is NaN, negative or infinite, or -1. */
int64_t sil_first_bad(const double *v, int64_t len);

/* First (i, j), i > j, with m[i][j] != m[j][i] (row-major n-by-n), as
 * i * n + j, or -1 when m is symmetric. */
int64_t sil_first_asymmetric(const double *m, int64_t n);

/* R's mean(): extended-precision sum / n, then R's second correcting pass. */
double sil_mean_ld(const double *v, int64_t n);

#endif
