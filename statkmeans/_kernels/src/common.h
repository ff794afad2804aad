/*
 * Shared by the compiled kernels: thread counts, instruction-set clones,
 * aligned memory and interrupts.
 *
 * Portable C11: GCC-only features (target_clones, vector extensions, x86
 * intrinsics, __builtin_*) are used behind #if guards that give other
 * compilers and architectures a plain path with the same results.
 */
#ifndef STATKMEANS_COMMON_H
#define STATKMEANS_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#ifdef _WIN32
#include <malloc.h>
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#else
#include <time.h>
#endif
#ifdef __linux__
#include <sys/mman.h> /* madvise (sk_big_alloc), where _DEFAULT_SOURCE shows it */
#endif

/* Memory aligned to `align` bytes (a power of two, at least sizeof(void *)),
 * released with sk_aligned_free, never free(): Windows has no C11
 * aligned_alloc, and its _aligned_malloc needs _aligned_free. The size is
 * rounded up to a multiple of align, as C11's aligned_alloc may require.
 * NULL when out of memory. */
static inline void *sk_aligned_alloc(size_t align, size_t size)
{
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
#ifdef _WIN32
    return _aligned_malloc(size, align);
#else
    return aligned_alloc(align, size);
#endif
}

static inline void sk_aligned_free(void *ptr)
{
#ifdef _WIN32
    _aligned_free(ptr);
#else
    free(ptr);
#endif
}

/* A large work buffer (released with sk_aligned_free): from 4 MiB on, on
 * Linux, in 2 MiB pages where the kernel allows them (transparent huge
 * pages on request, madvise): fresh memory costs one page fault per page,
 * and on a virtual machine 4 KiB faults were measured at about 2.5 us each
 * (an 8 MiB buffer: 5 ms, a quarter of a 1e5 x 10 Lloyd fit). The contents
 * are undefined, as with malloc. */
static inline void *sk_big_alloc(size_t size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const size_t huge = (size_t)2 << 20;
    if (size >= (size_t)4 << 20) {
        void *p = sk_aligned_alloc(huge, size);
        if (p != NULL)
            (void)madvise(p, (size + huge - 1) / huge * huge, MADV_HUGEPAGE);
        return p;
    }
#endif
    return sk_aligned_alloc(64, size);
}

/* Compile a hot loop for several instruction sets, picked at load time
 * (GCC on x86-64 Linux: ifuncs). Wider vectors never change a result: lanes
 * hold separate sums, each with the scalar code's operations in the scalar
 * code's order. */
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
 * pending signals, or read a flag another thread set; other threads only read
 * the flag it sets. Once stopped, the kernel skips the rest of its work, frees
 * what it holds and returns SK_INTERRUPTED. poll may be NULL (never stopped).
 * Checks sit between blocks of work (a pass's chunk of rows, a row of a
 * pair sum, a block of points), never in an inner loop. */
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

/* For a parallel loop over items that can each be long (a cluster each):
 * every thread counts the items it finishes with sk_count_done; the master,
 * once out of items (its loop taken with "nowait"), calls sk_poll_wait,
 * which keeps checking every millisecond until all `total` items are done or
 * the call is stopped. Without it the master would wait at the barrier
 * while the others work, and nobody would look for Ctrl-C. */
static inline void sk_count_done(int64_t *done)
{
#ifdef _OPENMP
#pragma omp atomic
#endif
    (*done)++;
}

static inline void sk_sleep_ms(void)
{
#ifdef _WIN32
    Sleep(1);
#else
    struct timespec t = {0, 1000000L};
    nanosleep(&t, NULL);
#endif
}

static inline void sk_poll_wait(sk_poll *poll, const int64_t *done, int64_t total)
{
    if (poll == NULL || poll->check == NULL)
        return;
    while (*(const volatile int64_t *)done < total && !poll->stopped) {
        if (poll->check(poll->ctx))
            poll->stopped = 1;
        else
            sk_sleep_ms();
    }
}

#endif
