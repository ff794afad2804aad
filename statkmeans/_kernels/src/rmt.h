/*
 * R's default random number generator and the draws made from it:
 * Mersenne-Twister with R's seeding, unif_rand() with 32-bit resolution,
 * R_unif_index() under sample.kind "Rejection" (R >= 3.6.0) and "Rounding"
 * (R < 3.6.0), the normal deviates of normal.kind "Inversion" (R's qnorm,
 * Wichura's AS 241), and the draws of runif(), sample() and sample.int()
 * with and without replacement, with and without probabilities.
 *
 * The state is R's .Random.seed without its first word: state[0] is the
 * position counter ("mti"), state[1..624] the 624 Mersenne-Twister words.
 * The behaviour reproduced is described in docs/r-behaviour.md.
 *
 * Nothing here checks its arguments (the Python layer does) and nothing here
 * is thread-safe: every function that takes `state` advances it.
 */
#ifndef STATKMEANS_RMT_H
#define STATKMEANS_RMT_H

#include <stdint.h>

#define RMT_N 624

/* Return codes. */
#define RMT_OK 0
#define RMT_NOMEM (-1)
#define RMT_INTERRUPTED (-2)

/* Polled during long loops (about every million steps); a nonzero return
 * stops the loop, which then returns RMT_INTERRUPTED. May be NULL. */
typedef int (*rmt_interrupt_fn)(void);

/* Fill state[0..624] as set.seed(seed) does for kind Mersenne-Twister. */
void rmt_set_seed(uint32_t *state, uint32_t seed);

/* One uniform in (0, 1), R's unif_rand(). */
double rmt_unif_rand(uint32_t *state);

/* R_unif_index(dn): an integer-valued double on {0, ..., dn - 1}, by
 * rejection sampling of random bits (rounding == 0) or as floor(dn * u)
 * (rounding != 0, R's pre-3.6.0 sampler). */
double rmt_unif_index(uint32_t *state, double dn, int rounding);

/* R's qnorm(p, 0, 1) for p in [0, 1] (AS 241 with R's constants and order). */
double rmt_qnorm(double p);

/* One standard normal deviate, R's norm_rand() for "Inversion" (two uniforms). */
double rmt_norm_rand(uint32_t *state);

/* rnorm(n, mean, sd) with mean[n_mean] and sd[n_sd] recycled (n_mean, n_sd
 * >= 1). Elements with a NaN mean or a negative or non-finite sd are NaN and
 * draw nothing; sd == 0 or an infinite mean gives the mean and draws nothing. */
int rmt_rnorm(uint32_t *state, int64_t n, const double *mean, int64_t n_mean,
              const double *sd, int64_t n_sd, double *out, rmt_interrupt_fn check);

/* sample.int(dn, size, replace) without probabilities, 1-based values into
 * out[size]: R's hash branch when !replace, dn > 1e7 and size <= dn / 2,
 * one index per element with replacement or for size < 2, otherwise the
 * swap-with-last pool over dn items (int32 up to 2^31 - 1 items, else int64). */
int rmt_sample_int(uint32_t *state, double dn, int64_t size, int replace, int rounding,
                   int64_t *out, rmt_interrupt_fn check);

/* sample.int(n, size, replace, prob). IN/OUT p[n]: finite, non-negative
 * weights with at least one positive (and, without replacement, at least
 * size positive), normalised here to sum 1 and then reordered. With
 * replacement: Walker's alias method when more than 200 entries have
 * n * p > 0.1, else inversion on the sorted cumulative weights; without
 * replacement: inversion with deletion. 1-based values into out[size]. */
int rmt_sample_prob(uint32_t *state, int64_t n, double *p, int64_t size, int replace,
                    int rounding, int64_t *out, rmt_interrupt_fn check);

/* R's descending heap sort of a[0..n-1], carrying id along (R's tie order). */
void rmt_revsort(double *a, int64_t *id, int64_t n);

/* runif(n, lo, hi) for finite lo <= hi: lo == hi draws nothing. */
void rmt_runif(uint32_t *state, int64_t n, double lo, double hi, double *out);

#endif
