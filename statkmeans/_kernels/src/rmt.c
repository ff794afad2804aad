/* R's Mersenne-Twister stream; see rmt.h and shared/r-reference.md section 1. */
#include "rmt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MT_M 397
#define MATRIX_A 0x9908b0dfU
#define UPPER_MASK 0x80000000U
#define LOWER_MASK 0x7fffffffU

static const double TWO_POW_M32 = 2.3283064365386963e-10;  /* 2^-32 */
static const double HALF_OVER_2P32M1 = 0.5 * 2.328306437080797e-10; /* 0.5 / (2^32 - 1) */

void rmt_set_seed(uint32_t *state, uint32_t seed)
{
    for (int j = 0; j < 50; j++)
        seed = 69069U * seed + 1U;
    for (int j = 0; j <= RMT_N; j++) {
        seed = 69069U * seed + 1U;
        state[j] = seed;
    }
    state[0] = RMT_N; /* position: the state is "exhausted", the first draw twists */
}

/* Regenerate all 624 words (the "twist"). */
static void rmt_twist(uint32_t *mt)
{
    uint32_t y;
    int kk;
    for (kk = 0; kk < RMT_N - MT_M; kk++) {
        y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + MT_M] ^ (y >> 1) ^ ((y & 1U) ? MATRIX_A : 0U);
    }
    for (; kk < RMT_N - 1; kk++) {
        y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (MT_M - RMT_N)] ^ (y >> 1) ^ ((y & 1U) ? MATRIX_A : 0U);
    }
    y = (mt[RMT_N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[RMT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ ((y & 1U) ? MATRIX_A : 0U);
}

static uint32_t rmt_next_word(uint32_t *state)
{
    uint32_t *mt = state + 1;
    uint32_t pos = state[0];
    if (pos >= RMT_N) {
        rmt_twist(mt);
        pos = 0;
    }
    uint32_t y = mt[pos++];
    state[0] = pos;
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= (y >> 18);
    return y;
}

double rmt_unif_rand(uint32_t *state)
{
    double value = (double)rmt_next_word(state) * TWO_POW_M32;
    if (value <= 0.0)
        return HALF_OVER_2P32M1;
    if (1.0 - value <= 0.0)
        return 1.0 - HALF_OVER_2P32M1;
    return value;
}

/* Up to 64 random bits, 16 at a time, keeping the low `bits`. */
static double rmt_rbits(uint32_t *state, int bits)
{
    uint64_t v = 0;
    for (int n = 0; n <= bits; n += 16) {
        uint64_t chunk = (uint64_t)floor(rmt_unif_rand(state) * 65536.0);
        v = 65536U * v + chunk;
    }
    const uint64_t one = 1;
    if (bits < 64)
        v &= (one << bits) - one;
    return (double)v;
}

double rmt_unif_index(uint32_t *state, double dn)
{
    if (dn <= 0.0)
        return 0.0;
    int bits = (int)ceil(log2(dn));
    double dv;
    do {
        dv = rmt_rbits(state, bits);
    } while (dn <= dv);
    return dv;
}

/* Open-addressing set of doubles (positive integers), for the hash branch. */
static int hash_insert(double *table, uint64_t mask, double value)
{
    uint64_t h = ((uint64_t)value * 0x9E3779B97F4A7C15ULL) >> 17;
    for (;;) {
        h &= mask;
        if (table[h] == 0.0) {
            table[h] = value;
            return 1;
        }
        if (table[h] == value)
            return 0;
        h++;
    }
}

int rmt_sample_int(uint32_t *state, double n, int64_t size, double *out, int32_t *pool)
{
    if (n > 1e7 && (double)size <= n / 2.0) {
        uint64_t cap = 1;
        while (cap < 2 * (uint64_t)size + 2)
            cap <<= 1;
        double *table = calloc(cap, sizeof(double));
        if (table == NULL)
            return -1;
        for (int64_t i = 0; i < size;) {
            double v = rmt_unif_index(state, n) + 1.0;
            if (hash_insert(table, cap - 1, v))
                out[i++] = v;
        }
        free(table);
        return 0;
    }
    if (size < 2) {
        for (int64_t i = 0; i < size; i++)
            out[i] = rmt_unif_index(state, n) + 1.0;
        return 0;
    }
    int64_t live = (int64_t)n;
    for (int64_t i = 0; i < live; i++)
        pool[i] = (int32_t)i;
    for (int64_t i = 0; i < size; i++) {
        int64_t j = (int64_t)rmt_unif_index(state, (double)live);
        out[i] = (double)pool[j] + 1.0;
        pool[j] = pool[--live];
    }
    return 0;
}

void rmt_runif(uint32_t *state, int64_t n, double lo, double hi, double *out)
{
    if (lo == hi) {
        for (int64_t i = 0; i < n; i++)
            out[i] = lo;
        return;
    }
    const double range = hi - lo;
    for (int64_t i = 0; i < n; i++) {
        double u;
        do {
            u = rmt_unif_rand(state);
        } while (u <= 0.0 || u >= 1.0);
        out[i] = lo + range * u;
    }
}
