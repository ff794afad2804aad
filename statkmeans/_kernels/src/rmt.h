/*
 * R's default random number generator: Mersenne-Twister with R's seeding,
 * unif_rand() with 32-bit resolution, R_unif_index() with the "Rejection"
 * sampler, and the draws sample.int() and runif() make from them.
 *
 * The state is R's .Random.seed without its first word: state[0] is the
 * position counter ("mti"), state[1..624] the 624 Mersenne-Twister words.
 * Written from the specification in shared/r-reference.md section 1.
 */
#ifndef STATKMEANS_RMT_H
#define STATKMEANS_RMT_H

#include <stdint.h>

#define RMT_N 624

/* Fill state[0..624] as set.seed(seed) does for kind Mersenne-Twister. */
void rmt_set_seed(uint32_t *state, uint32_t seed);

/* One uniform in (0, 1), R's unif_rand(). */
double rmt_unif_rand(uint32_t *state);

/* R_unif_index(dn): an integer-valued double uniform on {0, ..., dn - 1}. */
double rmt_unif_index(uint32_t *state, double dn);

/* sample.int(n, size) without replacement, 1-based results into out[size].
 * pool must hold n ints when the swap branch is used (n <= 1e7 or size > n/2);
 * returns 0, or -1 when memory for the hash branch could not be had. */
int rmt_sample_int(uint32_t *state, double n, int64_t size, double *out, int32_t *pool);

/* runif(n, lo, hi) for finite lo <= hi: lo == hi draws nothing. */
void rmt_runif(uint32_t *state, int64_t n, double lo, double hi, double *out);

#endif
