/*
 * Shared by the compiled kernels: thread counts, instruction-set clones and
 * interrupts.
 */
#ifndef STATKMEANS_COMMON_H
#define STATKMEANS_COMMON_H

#include <stddef.h>

#ifdef _OPENMP
#include <omp.h>
#endif

/* Compile a hot loop for several instruction sets, picked at load time.
 * Wider vectors never change a result: lanes hold separate sums, each with
 * the scalar code's operations in the scalar code's order. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define SK_MULTIVERSION __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define SK_MULTIVERSION
#endif

/* Threads to use: n_threads when positive, else OpenMP's default (1 without OpenMP). */
static inline int sk_threads(int n_threads)
{
#ifdef _OPENMP
    return n_threads > 0 ? n_threads : omp_get_max_threads();
#else
    (void)n_threads;
    return 1;
#endif
}

/* Interrupts (Ctrl-C). A long kernel takes an sk_poll and reports the work it
 * has done with sk_poll_step() between blocks of work. On the calling thread
 * ("master": the thread that entered the kernel, OpenMP's thread 0) that
 * calls the check function about every SK_POLL_WORK units (roughly a
 * millisecond of inner-loop work), which may take the GIL to ask Python about
 * pending signals; other threads only read the flag it sets. Once stopped,
 * the kernel skips the rest of its work, frees what it holds and returns
 * SK_INTERRUPTED. poll may be NULL (never stopped). */
#define SK_INTERRUPTED (-99)
#define SK_POLL_WORK 2.0e6

typedef struct sk_poll {
    int (*check)(void *ctx); /* nonzero: stop (NULL: never) */
    void *ctx;
    volatile int stopped;
    double work; /* units since the last check (master thread only) */
} sk_poll;

static inline int sk_stopped(const sk_poll *poll)
{
    return poll != NULL && poll->stopped;
}

/* Count units of work done; on the master thread, check when enough have been done. */
static inline int sk_poll_step(sk_poll *poll, int master, double units)
{
    if (poll == NULL)
        return 0;
    if (poll->stopped || !master)
        return poll->stopped;
    poll->work += units;
    if (poll->work >= SK_POLL_WORK) {
        poll->work = 0.0;
        if (poll->check != NULL && poll->check(poll->ctx))
            poll->stopped = 1;
    }
    return poll->stopped;
}

/* Is this the thread that entered the kernel (OpenMP's thread 0)? */
static inline int sk_master(void)
{
#ifdef _OPENMP
    return omp_get_thread_num() == 0;
#else
    return 1;
#endif
}

#endif
