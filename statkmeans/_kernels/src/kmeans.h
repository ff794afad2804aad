/*
 * k-means kernels with R's arithmetic (docs/r-behaviour.md section 7).
 *
 * Conventions for every function here:
 *   x        IN   n-by-p data, row-major (C-contiguous), finite values;
 *   c        IN/OUT k-by-p centres, row-major: the initial centres on entry,
 *                 the final centres on return;
 *   cl       OUT  cluster labels 1..k (int32, length n);
 *   nc       OUT  cluster sizes (int32, length k);
 *   wss      OUT  within-cluster sums of squares (length k);
 *   iter     OUT  R's iteration count (iter_max + 1 when not converged).
 *   poll     IN   interrupts (common.h), or NULL: a stopped kernel returns
 *                 SK_INTERRUPTED and its outputs are unspecified.
 * No argument is checked here: callers validate once, in Python.
 * Squared distances are accumulated column by column, in order, in double
 * precision with separate multiply and add (no FMA: build with
 * -ffp-contract=off), so every decision is R's.
 */
#ifndef STATKMEANS_KMEANS_H
#define STATKMEANS_KMEANS_H

#include <stdint.h>

#include "common.h"

typedef void (*km_trace_fn)(void *ctx, const char *line);

/* Return codes of the kernels besides R's ifault. */
#define KM_OK 0
#define KM_NOMEM -1
#define KM_NOLABEL -2 /* Lloyd/MacQueen: the first point has no finite distance */

/* Hartigan-Wong (AS 136 as modified in R). Returns KM_OK, KM_NOMEM or SK_INTERRUPTED;
 * R's ifault (0, 1, 2, 3 or 4) in *ifault. trace > 0 sends R's trace lines
 * to trace_fn(trace_ctx, line). */
int km_hartigan_wong(const double *x, int64_t n, int p, double *c, int k,
                     int32_t *cl, int32_t *nc, double *wss, int iter_max,
                     int *iter, int *ifault, int trace, km_trace_fn trace_fn,
                     void *trace_ctx, sk_poll *poll);

/* Lloyd / Forgy, multi-threaded with n_threads OpenMP threads (<= 0: the
 * OpenMP default). The result does not depend on n_threads. */
int km_lloyd(const double *x, int64_t n, int p, double *c, int k,
             int32_t *cl, int32_t *nc, double *wss, int iter_max, int *iter,
             int n_threads, sk_poll *poll);

/* km_lloyd with flags that pick internal paths, for tests and benchmarks;
 * every combination gives the same result. */
#define KM_FLAG_EXACT_SCAN 1   /* no FMA filter: every distance as R computes it */
#define KM_FLAG_NO_BOUNDS 2    /* full scans in every pass */
#define KM_FLAG_BOUNDS 4       /* bounds whatever k * p is */
#define KM_FLAG_SWEEP_NEVER 8  /* assign all rows, then sum */
#define KM_FLAG_SWEEP_ALWAYS 16 /* assign and sum block by block in every pass */
#define KM_FLAG_COLUMN_SUMS 32  /* threads share the sums by columns only */
#define KM_FLAG_DOUBLE_FILTER 64 /* the FMA filter in double precision only */
#define KM_FLAG_FIXED_THREADS 128 /* the thread count never changes (no governor) */
/* Benchmarks: Lloyd's time by phase where built with -DKM_PHASE_TIMES (kmeans.c), else zeros. */
void km_phase_times(double *out, int reset);

int km_lloyd_ex(const double *x, int64_t n, int p, double *c, int k,
                int32_t *cl, int32_t *nc, double *wss, int iter_max, int *iter,
                int n_threads, int flags, sk_poll *poll);

/* Lloyd as R specifies it, serial, without bounds or threads: the plain
 * reference for tests (same results as km_lloyd, only slower). n_threads,
 * flags and poll are not used (the signature is km_lloyd_ex's). */
int km_lloyd_reference(const double *x, int64_t n, int p, double *c, int k,
                       int32_t *cl, int32_t *nc, double *wss, int iter_max, int *iter,
                       int n_threads, int flags, sk_poll *poll);

/* MacQueen's online algorithm (also R's code for k == 1). */
int km_macqueen(const double *x, int64_t n, int p, double *c, int k,
                int32_t *cl, int32_t *nc, double *wss, int iter_max,
                int *iter, int n_threads, sk_poll *poll);

/* MacQueen as R specifies it, serial: the plain reference for tests
 * (n_threads, flags and poll not used, as in km_lloyd_reference). */
int km_macqueen_reference(const double *x, int64_t n, int p, double *c, int k,
                          int32_t *cl, int32_t *nc, double *wss, int iter_max, int *iter,
                          int n_threads, int flags, sk_poll *poll);

/* R's sum(): extended-precision accumulation in order, rounded once. */
double km_sum_ld(const double *v, int64_t n);

/* R's colMeans of one column: extended-precision sum divided by n, rounded. */
double km_mean_ld(const double *v, int64_t n);

/* R's totss: sum(scale(x, scale = FALSE)^2), see docs/r-behaviour.md section 7.7:
 * column means from extended-precision sums in row order, then one
 * extended-precision running sum of the squared deviations in column-major
 * order, rounded once. km_totss_threads gets the same bits with n_threads
 * threads (<= 0: the OpenMP default), reading x by blocks of rows, into
 * *out; it returns KM_OK or SK_INTERRUPTED. km_totss_reference is the plain
 * loop, for tests. */
int km_totss_threads(const double *x, int64_t n, int p, int n_threads, sk_poll *poll,
                     double *out);
double km_totss_reference(const double *x, int64_t n, int p);
/* The same before the final rounding to double (tests compare all 64 bits). */
int km_totss_ld(const double *x, int64_t n, int p, int n_threads, sk_poll *poll,
                long double *out);
long double km_totss_reference_ld(const double *x, int64_t n, int p);

/* Indices (0-based) of the first occurrence of each distinct row, in order
 * of first occurrence (R's unique(x)); returns how many, -1 without memory
 * or SK_INTERRUPTED. first must hold n entries. -0 and 0 compare equal. */
int64_t km_unique_rows(const double *x, int64_t n, int p, int64_t *first, sk_poll *poll);

/* Nearest centre (1-based, first on ties, R's scan) for each row of x.
 * Returns KM_OK, KM_NOMEM or SK_INTERRUPTED. */
int km_nearest(const double *x, int64_t n, int p, const double *c, int k,
               int32_t *cl, int n_threads, sk_poll *poll);

#endif
