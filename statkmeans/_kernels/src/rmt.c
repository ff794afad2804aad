/* R's Mersenne-Twister stream and the draws made from it; see rmt.h and
 * docs/r-behaviour.md. */
#if !defined(_WIN32) && !defined(__APPLE__) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* nanosleep (common.h) under -std=c11 */
#endif
#include "rmt.h"
#include "common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MT_M 397
#define MATRIX_A 0x9908b0dfU
#define UPPER_MASK 0x80000000U
#define LOWER_MASK 0x7fffffffU

static const double TWO_POW_M32 = 2.3283064365386963e-10;  /* 2^-32 */
static const double HALF_OVER_2P32M1 = 0.5 * 2.328306437080797e-10; /* 0.5 / (2^32 - 1) */
static const double INT_MAX_D = 2147483647.0;

/* How many loop steps between two polls of the interrupt callback. */
#define RMT_POLL_EVERY ((int64_t)1 << 20)

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

static inline uint32_t rmt_next_word(uint32_t *state)
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

/* unif_rand() of one 32-bit word: w * 2^-32, kept strictly inside (0, 1). */
static inline double rmt_word_to_unif(uint32_t w)
{
    double value = (double)w * TWO_POW_M32;
    if (value <= 0.0)
        return HALF_OVER_2P32M1;
    return value; /* w * 2^-32 < 1 always, so the upper fix-up never applies */
}

double rmt_unif_rand(uint32_t *state)
{
    return rmt_word_to_unif(rmt_next_word(state));
}

/* Random bits, 16 per uniform, keeping the low `bits`. floor(65536 * u) of a
 * uniform u = w * 2^-32 is w >> 16 (also for the fixed-up w = 0: both are 0),
 * so the word's top half is used directly. */
static double rmt_rbits(uint32_t *state, int bits)
{
    uint64_t v = 0;
    for (int n = 0; n <= bits; n += 16)
        v = 65536U * v + (uint64_t)(rmt_next_word(state) >> 16);
    const uint64_t one = 1;
    if (bits < 64)
        v &= (one << bits) - one;
    return (double)v;
}

static double rmt_index_rejection(uint32_t *state, double dn)
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

static double rmt_index_rounding(uint32_t *state, double dn)
{
    if (dn <= INT_MAX_D)
        return floor(dn * rmt_unif_rand(state));
    /* 25 + 32 bits from two uniforms */
    double u = floor(33554432.0 * rmt_unif_rand(state));
    u = (u + rmt_unif_rand(state)) / 33554432.0;
    return floor(dn * u);
}

double rmt_unif_index(uint32_t *state, double dn, int rounding)
{
    return rounding ? rmt_index_rounding(state, dn) : rmt_index_rejection(state, dn);
}

/* ceil(log2(m)) for 1 <= m <= 2^31, as R computes it in double (exact here:
 * log2 of a non-power of two below 2^32 is at least 6e-10 above the power). */
static int rmt_bits_for(uint32_t m)
{
    int bits = 0;
    while (bits < 32 && ((uint64_t)1 << bits) < m)
        bits++;
    return bits;
}

/* rmt_index_rejection(m) for 1 <= m <= 2^31 with bits = ceil(log2(m)), in
 * integers: one 16-bit chunk per attempt below 16 bits, two up to 31. */
static inline uint32_t rmt_index_u32(uint32_t *state, uint32_t m, int bits)
{
    const uint32_t mask = (uint32_t)(((uint64_t)1 << bits) - 1);
    uint32_t v;
    if (bits < 16) {
        do {
            v = (rmt_next_word(state) >> 16) & mask;
        } while (v >= m);
    } else {
        do {
            uint32_t hi = rmt_next_word(state) >> 16;
            v = ((hi << 16) | (rmt_next_word(state) >> 16)) & mask;
        } while (v >= m);
    }
    return v;
}

/* ------------------------------------------------------------------------
 * qnorm: Wichura's AS 241 (PPND16). Each polynomial is evaluated by Horner's
 * rule from the top coefficient, one rounded multiply and one rounded add per
 * step (the build forbids fused multiply-adds). */

#define HORNER8(r, c) \
    ((((((((r) * c[7] + c[6]) * (r) + c[5]) * (r) + c[4]) * (r) + c[3]) * (r) + c[2]) * (r) + c[1]) * (r) + c[0])

static const double QN_A[8] = {3.387132872796366608, 133.14166789178437745,
    1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
    67265.770927008700853, 33430.575583588128105, 2509.0809287301226727};
static const double QN_B[8] = {1.0, 42.313330701600911252, 687.1870074920579083,
    5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
    28729.085735721942674, 5226.495278852854561};
static const double QN_C[8] = {1.42343711074968357734, 4.6303378461565452959,
    5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
    0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4};
static const double QN_D[8] = {1.0, 2.05319162663775882187, 1.6763848301838038494,
    0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966,
    5.475938084995344946e-4, 1.05075007164441684324e-9};
static const double QN_E[8] = {6.6579046435011037772, 5.4637849111641143699,
    1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
    0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7};
static const double QN_F[8] = {1.0, 0.59983220655588793769, 0.13692988092273580531,
    0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5,
    1.4215117583164458887e-7, 2.04426310338993978564e-15};

/* The tails, |p - 0.5| > 0.425: the magnitude from min(p, 1 - p), then the sign. */
static double rmt_qnorm_tail(double p, double q)
{
    double r = q < 0.0 ? p : (0.5 - p) + 0.5;
    r = sqrt(-log(r));
    double val;
    if (r <= 5.0) {
        r -= 1.6;
        val = HORNER8(r, QN_C) / HORNER8(r, QN_D);
    } else if (r >= 816.0) {
        val = r * 1.41421356237309504880;
    } else {
        r -= 5.0;
        val = HORNER8(r, QN_E) / HORNER8(r, QN_F);
    }
    return q < 0.0 ? -val : val;
}

static inline double rmt_qnorm_inner(double p)
{
    double q = p - 0.5;
    if (fabs(q) <= 0.425) {
        double r = 0.180625 - q * q;
        return q * HORNER8(r, QN_A) / HORNER8(r, QN_B);
    }
    return rmt_qnorm_tail(p, q);
}

double rmt_qnorm(double p)
{
    if (isnan(p) || p < 0.0 || p > 1.0)
        return NAN;
    if (p == 0.0)
        return -INFINITY;
    if (p == 1.0)
        return INFINITY;
    return rmt_qnorm_inner(p);
}

/* The probability R's norm_rand() inverts: (trunc(2^27 u1) + u2) / 2^27,
 * from two words. trunc(2^27 * w1 * 2^-32) is w1 >> 5 (0 also for the
 * fixed-up w1 = 0); the addition rounds, the scaling is exact. */
static inline double rmt_norm_p(uint32_t *state)
{
    uint32_t w1 = rmt_next_word(state);
    double u2 = rmt_word_to_unif(rmt_next_word(state));
    return ((double)(w1 >> 5) + u2) / 134217728.0;
}

double rmt_norm_rand(uint32_t *state)
{
    double p = rmt_norm_p(state);
    return p >= 1.0 ? INFINITY : rmt_qnorm_inner(p);
}

/* Standard deviates into out[n]: the probabilities first (the stream is
 * serial), then the inversion, whose central branch runs branch-free over a
 * block so that it vectorises; the tails are redone one by one. */
#define NORM_BLOCK 256

SK_MULTIVERSION static void rmt_norm_block(uint32_t *state, int64_t n, double *out)
{
    double q[NORM_BLOCK];
    for (int64_t i = 0; i < n; i++)
        out[i] = rmt_norm_p(state);
    for (int64_t i = 0; i < n; i++) {
        double qq = out[i] - 0.5;
        double r = 0.180625 - qq * qq;
        q[i] = qq * HORNER8(r, QN_A) / HORNER8(r, QN_B);
    }
    for (int64_t i = 0; i < n; i++) {
        double p = out[i];
        double qq = p - 0.5;
        if (fabs(qq) <= 0.425)
            out[i] = q[i];
        else
            out[i] = p >= 1.0 ? INFINITY : rmt_qnorm_tail(p, qq);
    }
}

int rmt_rnorm(uint32_t *state, int64_t n, const double *mean, int64_t n_mean,
              const double *sd, int64_t n_sd, double *out, rmt_interrupt_fn check)
{
    if (n_mean == 1 && n_sd == 1 && isfinite(mean[0]) && isfinite(sd[0]) && sd[0] > 0.0) {
        const double mu = mean[0], sigma = sd[0];
        const int unit = (mu == 0.0 && sigma == 1.0);
        for (int64_t start = 0; start < n; start += NORM_BLOCK) {
            int64_t len = n - start < NORM_BLOCK ? n - start : NORM_BLOCK;
            double *o = out + start;
            rmt_norm_block(state, len, o);
            if (!unit)
                for (int64_t i = 0; i < len; i++)
                    o[i] = mu + sigma * o[i];
            if (check != NULL && ((start + NORM_BLOCK) % RMT_POLL_EVERY) == 0 && check())
                return RMT_INTERRUPTED;
        }
        return RMT_OK;
    }
    int64_t im = 0, is = 0;
    for (int64_t i = 0; i < n; i++) {
        double mu = mean[im], sigma = sd[is];
        if (++im == n_mean)
            im = 0;
        if (++is == n_sd)
            is = 0;
        if (isnan(mu) || !isfinite(sigma) || sigma < 0.0)
            out[i] = NAN;
        else if (sigma == 0.0 || !isfinite(mu))
            out[i] = mu;
        else
            out[i] = mu + sigma * rmt_norm_rand(state);
        if (check != NULL && ((i + 1) % RMT_POLL_EVERY) == 0 && check())
            return RMT_INTERRUPTED;
    }
    return RMT_OK;
}

/* ------------------------------------------------------------------------
 * Sampling without probabilities. */

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

#define POLL(i) (check != NULL && (((i) + 1) % RMT_POLL_EVERY) == 0 && check())

int rmt_sample_int(uint32_t *state, double dn, int64_t size, int replace, int rounding,
                   int64_t *out, rmt_interrupt_fn check)
{
    if (!replace && dn > 1e7 && (double)size <= dn / 2.0) {
        /* Distinct values by repeated draws; after 100 tries the last is kept. */
        uint64_t cap = 1;
        while (cap < 2 * (uint64_t)size + 2)
            cap <<= 1;
        double *table = calloc(cap, sizeof(double));
        if (table == NULL)
            return RMT_NOMEM;
        for (int64_t i = 0; i < size; i++) {
            double v = 0.0;
            for (int tries = 0; tries < 100; tries++) {
                v = rmt_unif_index(state, dn, rounding) + 1.0;
                if (hash_insert(table, cap - 1, v))
                    break;
            }
            out[i] = (int64_t)v;
            if (POLL(i)) {
                free(table);
                return RMT_INTERRUPTED;
            }
        }
        free(table);
        return RMT_OK;
    }
    if (replace || size < 2) {
        if (!rounding && dn <= 2147483648.0) {
            const uint32_t m = (uint32_t)dn;
            const int bits = rmt_bits_for(m);
            for (int64_t i = 0; i < size; i++) {
                out[i] = (int64_t)rmt_index_u32(state, m, bits) + 1;
                if (POLL(i))
                    return RMT_INTERRUPTED;
            }
            return RMT_OK;
        }
        for (int64_t i = 0; i < size; i++) {
            out[i] = (int64_t)rmt_unif_index(state, dn, rounding) + 1;
            if (POLL(i))
                return RMT_INTERRUPTED;
        }
        return RMT_OK;
    }
    /* Swap-with-last: draw a live slot, output it, move the last live item into it. */
    const int64_t m = (int64_t)dn;
    if (m <= 2147483647) {
        int32_t *pool = malloc((size_t)m * sizeof(int32_t));
        if (pool == NULL)
            return RMT_NOMEM;
        for (int64_t i = 0; i < m; i++)
            pool[i] = (int32_t)i;
        uint32_t live = (uint32_t)m;
        int bits = rmt_bits_for(live);
        for (int64_t i = 0; i < size; i++) {
            uint32_t j;
            if (rounding) {
                j = (uint32_t)rmt_index_rounding(state, (double)live);
            } else {
                while (bits > 0 && ((uint32_t)1 << (bits - 1)) >= live)
                    bits--; /* live only shrinks: bits = ceil(log2(live)) */
                j = rmt_index_u32(state, live, bits);
            }
            out[i] = (int64_t)pool[j] + 1;
            pool[j] = pool[--live];
            if (POLL(i)) {
                free(pool);
                return RMT_INTERRUPTED;
            }
        }
        free(pool);
    } else {
        int64_t *pool = malloc((size_t)m * sizeof(int64_t));
        if (pool == NULL)
            return RMT_NOMEM;
        for (int64_t i = 0; i < m; i++)
            pool[i] = i;
        int64_t live = m;
        for (int64_t i = 0; i < size; i++) {
            int64_t j = (int64_t)rmt_unif_index(state, (double)live, rounding);
            out[i] = pool[j] + 1;
            pool[j] = pool[--live];
            if (POLL(i)) {
                free(pool);
                return RMT_INTERRUPTED;
            }
        }
        free(pool);
    }
    return RMT_OK;
}

/* ------------------------------------------------------------------------
 * Sampling with probabilities. */

void rmt_revsort(double *a0, int64_t *id0, int64_t n)
{
    if (n <= 1)
        return;
    double *a = a0 - 1; /* 1-based views */
    int64_t *id = id0 - 1;
    int64_t l = n / 2 + 1, r = n;
    for (;;) {
        double v;
        int64_t w;
        if (l > 1) {
            l--;
            v = a[l];
            w = id[l];
        } else {
            v = a[r];
            w = id[r];
            a[r] = a[1];
            id[r] = id[1];
            if (--r == 1) {
                a[1] = v;
                id[1] = w;
                return;
            }
        }
        int64_t i = l, c = 2 * l;
        while (c <= r) {
            if (c < r && a[c] > a[c + 1])
                c++;
            if (v > a[c]) {
                a[i] = a[c];
                id[i] = id[c];
                i = c;
                c += c;
            } else {
                break;
            }
        }
        a[i] = v;
        id[i] = w;
    }
}

/* With replacement by inversion: the first cumulative weight >= u. The sums
 * never decrease, so a binary search finds the index a linear scan would. */
static int rmt_prob_replace(uint32_t *state, int64_t n, double *p, int64_t *perm,
                            int64_t size, int64_t *out, rmt_interrupt_fn check)
{
    rmt_revsort(p, perm, n);
    for (int64_t i = 1; i < n; i++)
        p[i] += p[i - 1];
    for (int64_t i = 0; i < size; i++) {
        double u = rmt_unif_rand(state);
        int64_t lo = 0, hi = n - 1; /* answer in [lo, hi]; hi = n - 1 if none */
        while (lo < hi) {
            int64_t mid = lo + (hi - lo) / 2;
            if (u <= p[mid])
                hi = mid;
            else
                lo = mid + 1;
        }
        out[i] = perm[lo];
        if (POLL(i))
            return RMT_INTERRUPTED;
    }
    return RMT_OK;
}

/* Without replacement: inversion over the live sorted weights, the running
 * masses recomputed from the front on each draw; the drawn item is deleted. */
static int rmt_prob_noreplace(uint32_t *state, int64_t n, double *p, int64_t *perm,
                              int64_t size, int64_t *out, rmt_interrupt_fn check)
{
    rmt_revsort(p, perm, n);
    double total = 1.0;
    int64_t live = n, steps = 0;
    for (int64_t i = 0; i < size; i++, live--) {
        double t = total * rmt_unif_rand(state);
        double mass = 0.0;
        int64_t j;
        for (j = 0; j < live - 1; j++) {
            mass += p[j];
            if (t <= mass)
                break;
        }
        out[i] = perm[j];
        total -= p[j];
        memmove(p + j, p + j + 1, (size_t)(live - 1 - j) * sizeof(double));
        memmove(perm + j, perm + j + 1, (size_t)(live - 1 - j) * sizeof(int64_t));
        steps += live;
        if (check != NULL && steps >= RMT_POLL_EVERY) {
            steps = 0;
            if (check())
                return RMT_INTERRUPTED;
        }
    }
    return RMT_OK;
}

/* Walker's alias method, the table built from p in its original order. */
static int rmt_prob_walker(uint32_t *state, int64_t n, const double *p, int64_t size,
                           int rounding, int64_t *out, rmt_interrupt_fn check)
{
    double *q = malloc((size_t)n * sizeof(double));
    int64_t *hl = malloc((size_t)n * sizeof(int64_t));
    int64_t *alias = calloc((size_t)n, sizeof(int64_t));
    if (q == NULL || hl == NULL || alias == NULL) {
        free(q);
        free(hl);
        free(alias);
        return RMT_NOMEM;
    }
    const double dn = (double)n;
    int64_t small = 0, large = n; /* small entries fill hl from the front, large from the back */
    for (int64_t i = 0; i < n; i++) {
        q[i] = p[i] * dn;
        if (q[i] < 1.0)
            hl[small++] = i;
        else
            hl[--large] = i;
    }
    if (small > 0 && large < n) {
        for (int64_t s = 0; s < n - 1; s++) {
            int64_t i = hl[s], j = hl[large];
            alias[i] = j;
            q[j] += q[i] - 1.0;
            if (q[j] < 1.0)
                large++;
            if (large == n)
                break;
        }
    }
    for (int64_t i = 0; i < n; i++)
        q[i] += (double)i;
    int rc = RMT_OK;
    for (int64_t i = 0; i < size; i++) {
        double x;
        int64_t k;
        if (rounding) {
            x = rmt_unif_rand(state) * dn;
            k = (int64_t)x;
        } else {
            double rk = rmt_index_rejection(state, dn);
            k = (int64_t)rk;
            x = rk + rmt_unif_rand(state);
        }
        out[i] = (x < q[k] ? k : alias[k]) + 1;
        if (POLL(i)) {
            rc = RMT_INTERRUPTED;
            break;
        }
    }
    free(q);
    free(hl);
    free(alias);
    return rc;
}

int rmt_sample_prob(uint32_t *state, int64_t n, double *p, int64_t size, int replace,
                    int rounding, int64_t *out, rmt_interrupt_fn check)
{
    /* Normalise: a plain left-to-right double sum of the positive entries. */
    double total = 0.0;
    for (int64_t i = 0; i < n; i++)
        if (p[i] > 0.0)
            total += p[i];
    for (int64_t i = 0; i < n; i++)
        p[i] /= total;
    if (replace) {
        int64_t big = 0;
        const double dn = (double)n;
        for (int64_t i = 0; i < n; i++)
            if (dn * p[i] > 0.1)
                big++;
        if (big > 200)
            return rmt_prob_walker(state, n, p, size, rounding, out, check);
    }
    int64_t *perm = malloc((size_t)n * sizeof(int64_t));
    if (perm == NULL)
        return RMT_NOMEM;
    for (int64_t i = 0; i < n; i++)
        perm[i] = i + 1;
    int rc = replace ? rmt_prob_replace(state, n, p, perm, size, out, check)
                     : rmt_prob_noreplace(state, n, p, perm, size, out, check);
    free(perm);
    return rc;
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
