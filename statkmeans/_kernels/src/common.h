/*
 * Shared by the compiled kernels: thread counts and instruction-set clones.
 */
#ifndef STATKMEANS_COMMON_H
#define STATKMEANS_COMMON_H

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

#endif
