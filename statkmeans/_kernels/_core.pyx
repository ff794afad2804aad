# distutils: sources = statkmeans/_kernels/src/kmeans.c
# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled kernels of statkmeans (private).

Thin typed wrappers over the C code in ``src/``. Inputs are trusted: the
public functions validate them (C-contiguous float64 data, finite values,
valid sizes) before calling anything here. Arrays marked OUT are written.

Every long kernel polls for Ctrl-C (see _poll.pxi) and raises
KeyboardInterrupt when stopped; ``stop`` (an int32 array of length 1, or
None) is the flag shared with the other parts of a call, which stops a
kernel running on another thread.
"""
import sys

import numpy as np

cimport numpy as cnp
from libc.stdint cimport int32_t, int64_t

cnp.import_array()

from statkmeans.exceptions import InvalidArgumentError, OutOfMemoryError

include "_poll.pxi"

cdef extern from "src/kmeans.h":
    ctypedef void (*km_trace_fn)(void *ctx, const char *line) noexcept
    int KM_OK, KM_NOMEM, KM_NOLABEL
    int km_hartigan_wong(const double *x, int64_t n, int p, double *c, int k,
                         int32_t *cl, int32_t *nc, double *wss, int iter_max,
                         int *iter, int *ifault, int trace, km_trace_fn trace_fn,
                         void *trace_ctx, sk_poll *poll) nogil
    int km_lloyd_ex(const double *x, int64_t n, int p, double *c, int k,
                    int32_t *cl, int32_t *nc, double *wss, int iter_max, int *iter,
                    int n_threads, int flags, sk_poll *poll) nogil
    void km_phase_times(double *out, int reset)
    int km_lloyd_reference(const double *x, int64_t n, int p, double *c, int k,
                           int32_t *cl, int32_t *nc, double *wss, int iter_max,
                           int *iter, int n_threads, int flags, sk_poll *poll) nogil
    int km_macqueen(const double *x, int64_t n, int p, double *c, int k,
                    int32_t *cl, int32_t *nc, double *wss, int iter_max,
                    int *iter, int n_threads, sk_poll *poll) nogil
    int km_macqueen_reference(const double *x, int64_t n, int p, double *c, int k,
                              int32_t *cl, int32_t *nc, double *wss, int iter_max,
                              int *iter, int n_threads, int flags, sk_poll *poll) nogil
    double km_sum_ld(const double *v, int64_t n) nogil
    double km_mean_ld(const double *v, int64_t n) nogil
    int km_totss_threads(const double *x, int64_t n, int p, int n_threads, sk_poll *poll,
                         double *out) nogil
    double km_totss_reference(const double *x, int64_t n, int p) nogil
    int km_totss_ld(const double *x, int64_t n, int p, int n_threads, sk_poll *poll,
                    long double *out) nogil
    long double km_totss_reference_ld(const double *x, int64_t n, int p) nogil
    int64_t km_unique_rows(const double *x, int64_t n, int p, int64_t *first,
                           sk_poll *poll) nogil
    int km_nearest(const double *x, int64_t n, int p, const double *c, int k,
                   int32_t *cl, int n_threads, sk_poll *poll) nogil


# --------------------------------------------------------------------------
# k-means

cdef void _write_trace(void *ctx, const char *line) noexcept with gil:
    try:
        (<object>ctx).write(line.decode("ascii"))
    except BaseException:  # a broken stream must not unwind through C
        pass


cdef int _check_rc(int rc) except -1:
    if rc == SK_INTERRUPTED:
        return _raise_interrupted()
    if rc == KM_NOMEM:
        raise OutOfMemoryError("k-means kernel: out of memory")
    if rc == KM_NOLABEL:
        raise InvalidArgumentError(
            "no finite squared distance from the first row of 'x' to any centre "
            "(values too large, beyond about 1e154?); rescale 'x'"
        )
    return 0


cdef struct _Fit:
    int32_t *cl
    int32_t *nc
    double *wss
    _Poll poll


cdef object _outputs(_Fit *f, int64_t n, int k, object stop):
    """(cl, nc, wss), new and zeroed; their data pointers and the poll of ``stop``
    written to f."""
    cl = np.zeros(n, dtype=np.int32)
    nc = np.zeros(k, dtype=np.int32)
    wss = np.zeros(k, dtype=np.float64)
    f.cl = <int32_t *>cnp.PyArray_DATA(cl)
    f.nc = <int32_t *>cnp.PyArray_DATA(nc)
    f.wss = <double *>cnp.PyArray_DATA(wss)
    _poll_init(&f.poll, stop)
    return cl, nc, wss


def hartigan_wong(const double[:, ::1] x, double[:, ::1] centers, int iter_max,
                  int trace=0, stream=None, stop=None):
    """Hartigan-Wong. IN/OUT centers. Returns (cl, nc, wss, iter, ifault)."""
    cdef int64_t n = x.shape[0]
    cdef int p = x.shape[1], k = centers.shape[0]
    cdef _Fit f
    cl, nc, wss = _outputs(&f, n, k, stop)
    cdef int it = 0, ifault = 0, rc
    cdef km_trace_fn fn = NULL
    cdef void *ctx = NULL
    if trace > 0:
        if stream is None:
            stream = sys.stdout
        fn = _write_trace
        ctx = <void *>stream
    with nogil:
        rc = km_hartigan_wong(&x[0, 0], n, p, &centers[0, 0], k, f.cl, f.nc, f.wss,
                              iter_max, &it, &ifault, trace, fn, ctx, &f.poll.poll)
    _check_rc(rc)
    return cl, nc, wss, it, ifault


ctypedef int (*means_kernel)(const double *x, int64_t n, int p, double *c, int k,
                             int32_t *cl, int32_t *nc, double *wss, int iter_max,
                             int *iter, int n_threads, int flags, sk_poll *poll) noexcept nogil


cdef object _means_run(means_kernel kernel, const double[:, ::1] x, double[:, ::1] centers,
                       int iter_max, int n_threads, int flags, object stop):
    cdef int64_t n = x.shape[0]
    cdef int p = x.shape[1], k = centers.shape[0]
    cdef _Fit f
    cl, nc, wss = _outputs(&f, n, k, stop)
    cdef int it = 0, rc
    with nogil:
        rc = kernel(&x[0, 0], n, p, &centers[0, 0], k, f.cl, f.nc, f.wss, iter_max, &it,
                    n_threads, flags, &f.poll.poll)
    _check_rc(rc)
    return cl, nc, wss, it


def lloyd(const double[:, ::1] x, double[:, ::1] centers, int iter_max, int n_threads=0,
          int flags=0, stop=None):
    """Lloyd / Forgy. IN/OUT centers. Returns (cl, nc, wss, iter).

    flags (tests, benchmarks) pick internal paths (kmeans.h KM_FLAG_*); the
    result is the same for every value.
    """
    return _means_run(km_lloyd_ex, x, centers, iter_max, n_threads, flags, stop)


def lloyd_phase_times(bint reset=True):
    """Benchmarks: Lloyd's wall seconds by phase, summed over calls since the
    last reset -- (set-up, assignment, sums, serial steps between passes,
    withinss and end, passes) -- where the kernels were built with
    -DKM_PHASE_TIMES; zeros otherwise."""
    cdef double out[6]
    km_phase_times(out, reset)
    return tuple(out[i] for i in range(6))


def lloyd_reference(const double[:, ::1] x, double[:, ::1] centers, int iter_max):
    """R's Lloyd, serial, without bounds: the tests' plain reference. IN/OUT centers."""
    return _means_run(km_lloyd_reference, x, centers, iter_max, 1, 0, None)


def macqueen_reference(const double[:, ::1] x, double[:, ::1] centers, int iter_max):
    """R's MacQueen, serial: the tests' plain reference. IN/OUT centers."""
    return _means_run(km_macqueen_reference, x, centers, iter_max, 1, 0, None)


cdef int _macqueen(const double *x, int64_t n, int p, double *c, int k, int32_t *cl,
                   int32_t *nc, double *wss, int iter_max, int *iter, int n_threads, int flags,
                   sk_poll *poll) noexcept nogil:
    return km_macqueen(x, n, p, c, k, cl, nc, wss, iter_max, iter, n_threads, poll)


def macqueen(const double[:, ::1] x, double[:, ::1] centers, int iter_max, int n_threads=0,
             stop=None):
    """MacQueen. IN/OUT centers. Returns (cl, nc, wss, iter)."""
    return _means_run(_macqueen, x, centers, iter_max, n_threads, 0, stop)


def sum_ld(const double[::1] v):
    """R's sum(v): extended-precision accumulation in order."""
    if v.shape[0] == 0:
        return 0.0
    return km_sum_ld(&v[0], v.shape[0])


def mean_ld(const double[::1] v):
    """R's colMeans of one column (extended-precision sum / n)."""
    if v.shape[0] == 0:
        return float("nan")
    return km_mean_ld(&v[0], v.shape[0])


def totss(const double[:, ::1] x, int n_threads=0, stop=None):
    """R's sum(scale(x, scale = FALSE)^2), with n_threads threads (0: all)."""
    cdef double r = 0.0
    cdef int rc
    cdef _Poll poll
    _poll_init(&poll, stop)
    with nogil:
        rc = km_totss_threads(&x[0, 0], x.shape[0], x.shape[1], n_threads, &poll.poll, &r)
    _check_rc(rc)
    return r


def totss_reference(const double[:, ::1] x):
    """R's totss by the plain loop (tests)."""
    return km_totss_reference(&x[0, 0], x.shape[0], x.shape[1])


def totss_extended(const double[:, ::1] x, int n_threads=0, bint reference=False):
    """The extended-precision sum behind totss, before its rounding to double,
    as numpy.longdouble (tests: all of its bits must be the plain loop's)."""
    cdef long double r = 0.0
    cdef int rc = KM_OK
    cdef _Poll poll
    _poll_init(&poll, None)
    with nogil:
        if reference:
            r = km_totss_reference_ld(&x[0, 0], x.shape[0], x.shape[1])
        else:
            rc = km_totss_ld(&x[0, 0], x.shape[0], x.shape[1], n_threads, &poll.poll, &r)
    _check_rc(rc)
    out = np.empty(1, dtype=np.longdouble)
    cdef long double[::1] o = out
    o[0] = r  # all 64 bits (a Python float would keep 53)
    return out[0]


def unique_rows(const double[:, ::1] x, stop=None):
    """0-based indices of the first occurrence of each distinct row, in order."""
    cdef int64_t n = x.shape[0]
    cdef cnp.ndarray[int64_t, ndim=1] first = np.empty(n, dtype=np.int64)
    cdef int64_t *fp = <int64_t *>cnp.PyArray_DATA(first)
    cdef int64_t count
    cdef _Poll poll
    _poll_init(&poll, stop)
    with nogil:
        count = km_unique_rows(&x[0, 0], n, x.shape[1], fp, &poll.poll)
    if count == SK_INTERRUPTED:
        _raise_interrupted()
    if count < 0:
        raise OutOfMemoryError("unique_rows: out of memory")
    first.resize(count, refcheck=False)  # in place: no second array of n entries
    return first


def nearest(const double[:, ::1] x, const double[:, ::1] centers, int n_threads=0,
            stop=None):
    """1-based nearest centre of each row (first on ties)."""
    cdef int64_t n = x.shape[0]
    cdef cnp.ndarray[int32_t, ndim=1] cl = np.zeros(n, dtype=np.int32)
    cdef int32_t *clp = <int32_t *>cnp.PyArray_DATA(cl)
    cdef int rc
    if n == 0:
        return cl
    cdef _Poll poll
    _poll_init(&poll, stop)
    with nogil:
        rc = km_nearest(&x[0, 0], n, x.shape[1], &centers[0, 0], centers.shape[0], clp,
                        n_threads, &poll.poll)
    _check_rc(rc)
    return cl
