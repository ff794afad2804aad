# distutils: sources = statkmeans/_kernels/src/indices.c
# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled kernels of fpc's cluster validity indices (private).

Thin typed wrappers over ``src/indices.c``. Inputs are trusted: the public
functions validate them first (C-contiguous float64 data or condensed
dissimilarities, finite values, 0-based cluster indices 0..k-1 with every
cluster non-empty). Arrays marked OUT are returned.
"""
import numpy as np

cimport numpy as cnp
from libc.stdint cimport int32_t, int64_t

cnp.import_array()

from statkmeans.exceptions import OutOfMemoryError

include "_poll.pxi"

cdef extern from "src/indices.h":
    int IX_OK, IX_NOMEM
    void ix_cov_diag(const double *x, int p, const int64_t *rows, int64_t m, double *out) nogil
    int ix_stats_exact(const double *x, int p, const double *d, int64_t n, const int32_t *cl,
                       int k, const int64_t *order, const int64_t *start, double *oss,
                       double *wss, double *avgd, double *diam, double *sepm, double *psep,
                       double *tooth, double *abm, double *avgb, double *pgamma,
                       sk_poll *poll) nogil
    int ix_sweep(const double *x, int64_t n, int p, const int32_t *cl, int k,
                 const int64_t *order, const int64_t *start, double *S, double *mn,
                 double *mx, int n_threads, sk_poll *poll) nogil
    int ix_medians(const double *x, int p, const double *d, int64_t n, int k,
                   const int64_t *order, const int64_t *start, const double *diam,
                   double *med, int64_t collect_cap, int sampled, int n_threads,
                   sk_poll *poll) nogil
    int ix_widest_gaps(const double *x, int p, const double *d, int64_t n, int k,
                       const int64_t *order, const int64_t *start, double *gap,
                       int n_threads, sk_poll *poll) nogil


cdef int _check_rc(int rc, str what) except -1:
    if rc == SK_INTERRUPTED:
        return _raise_interrupted()
    if rc == IX_NOMEM:
        raise OutOfMemoryError(f"{what}: out of memory")
    return 0


def cov_diag(const double[:, ::1] x, const int64_t[::1] rows):
    """OUT the diagonal of R's cov(x[rows, ]) (NaN for fewer than 2 rows)."""
    cdef int p = x.shape[1]
    cdef int64_t m = rows.shape[0]
    cdef cnp.ndarray[double, ndim=1] out = np.empty(p, dtype=np.float64)
    cdef double *op = <double *>cnp.PyArray_DATA(out)
    cdef const int64_t *rp = &rows[0] if m > 0 else NULL
    with nogil:
        ix_cov_diag(&x[0, 0], p, rp, m, op)
    return out


def _groups(const int32_t[::1] cl, int k):
    """(order, start): the observations stably sorted by cluster, and the offsets."""
    order = np.argsort(np.asarray(cl), kind="stable").astype(np.int64)
    start = np.zeros(k + 1, dtype=np.int64)
    np.cumsum(np.bincount(np.asarray(cl), minlength=k), out=start[1:])
    return order, start


cdef const double *_data_ptr(object x):
    if x is None:
        return NULL
    cdef const double[:, ::1] xv = x
    return &xv[0, 0]


cdef const double *_diss_ptr(object d):
    if d is None:
        return NULL
    cdef const double[::1] dv = d
    return &dv[0] if dv.shape[0] > 0 else NULL


cdef struct _Source:
    int p
    const double *x
    const double *d
    const int64_t *order
    const int64_t *start
    _Poll poll


cdef object _source(_Source *src, object x, object d, const int32_t[::1] cl, int k,
                    object stop):
    """Fill src: the data x (n-by-p) or the condensed d, the observations grouped by
    cluster (_groups), the poll of ``stop``. Returns what src points into; hold it
    during the call."""
    _poll_init(&src.poll, stop)
    src.p = 0 if x is None else x.shape[1]
    src.x = _data_ptr(x)
    src.d = _diss_ptr(d)
    order_arr, start_arr = _groups(cl, k)
    cdef const int64_t[::1] order = order_arr
    cdef const int64_t[::1] start = start_arr
    src.order = &order[0]
    src.start = &start[0]
    return order_arr, start_arr


def stats_exact(x, d, int64_t n, const int32_t[::1] cl, int k, stop=None):
    """cluster.stats' sums in R's orders, from data ``x`` (n-by-p) or condensed ``d``.

    Returns a dict: oss, wss, avgd, diam, sepm, psep, tooth, abm, avgb, pgamma.
    """
    cdef _Source src
    held = _source(&src, x, d, cl, k, stop)
    cdef cnp.ndarray[double, ndim=1] wss = np.empty(k, dtype=np.float64)
    cdef cnp.ndarray[double, ndim=1] avgd = np.empty(k, dtype=np.float64)
    cdef cnp.ndarray[double, ndim=1] diam = np.empty(k, dtype=np.float64)
    cdef cnp.ndarray[double, ndim=2] sepm = np.empty((k, k), dtype=np.float64)
    cdef cnp.ndarray[double, ndim=1] psep = np.empty(n, dtype=np.float64)
    cdef cnp.ndarray[double, ndim=1] tooth = np.empty(k, dtype=np.float64)
    cdef cnp.ndarray[double, ndim=2] abm = np.empty((k, k), dtype=np.float64)
    cdef double oss = 0.0, avgb = 0.0, pg = 0.0
    cdef int rc
    with nogil:
        rc = ix_stats_exact(src.x, src.p, src.d, n, &cl[0], k, src.order, src.start, &oss,
                            <double *>cnp.PyArray_DATA(wss), <double *>cnp.PyArray_DATA(avgd),
                            <double *>cnp.PyArray_DATA(diam), <double *>cnp.PyArray_DATA(sepm),
                            <double *>cnp.PyArray_DATA(psep), <double *>cnp.PyArray_DATA(tooth),
                            <double *>cnp.PyArray_DATA(abm), &avgb, &pg, &src.poll.poll)
    _check_rc(rc, "cluster statistics")
    return {"oss": oss, "wss": wss, "avgd": avgd, "diam": diam, "sepm": sepm, "psep": psep,
            "tooth": tooth, "abm": abm, "avgb": avgb, "pgamma": pg}


def sweep(const double[:, ::1] x, const int32_t[::1] cl, int k, int n_threads=0, stop=None):
    """OUT (S, mn, mx), each n-by-k: per observation and cluster, the sum (silhouette's,
    R's order), smallest and largest distance to the cluster's members."""
    cdef int64_t n = x.shape[0]
    cdef int p = x.shape[1]
    order_arr, start_arr = _groups(cl, k)
    cdef const int64_t[::1] order = order_arr
    cdef const int64_t[::1] start = start_arr
    cdef cnp.ndarray[double, ndim=2] S = np.empty((n, k), dtype=np.float64)
    cdef cnp.ndarray[double, ndim=2] mn = np.empty((n, k), dtype=np.float64)
    cdef cnp.ndarray[double, ndim=2] mx = np.empty((n, k), dtype=np.float64)
    cdef int rc
    cdef _Poll poll
    _poll_init(&poll, stop)
    with nogil:
        rc = ix_sweep(&x[0, 0], n, p, &cl[0], k, &order[0], &start[0],
                      <double *>cnp.PyArray_DATA(S), <double *>cnp.PyArray_DATA(mn),
                      <double *>cnp.PyArray_DATA(mx), n_threads, &poll.poll)
    _check_rc(rc, "cluster statistics")
    return S, mn, mx


def medians(x, d, int64_t n, const int32_t[::1] cl, int k, const double[::1] diam,
            int n_threads=0, int64_t collect_cap=0, bint sampled=True, stop=None):
    """OUT R's median of each cluster's within distances (NaN for singletons).

    collect_cap, sampled (tests only): force the histogram passes by a small
    cap and no sampling.
    """
    cdef _Source src
    held = _source(&src, x, d, cl, k, stop)
    cdef cnp.ndarray[double, ndim=1] med = np.empty(k, dtype=np.float64)
    cdef int rc
    with nogil:
        rc = ix_medians(src.x, src.p, src.d, n, k, src.order, src.start, &diam[0],
                        <double *>cnp.PyArray_DATA(med), collect_cap, sampled, n_threads,
                        &src.poll.poll)
    _check_rc(rc, "median distances")
    return med


def widest_gaps(x, d, int64_t n, const int32_t[::1] cl, int k, int n_threads=0, stop=None):
    """OUT the longest minimum-spanning-tree edge of each cluster (0 for singletons)."""
    cdef _Source src
    held = _source(&src, x, d, cl, k, stop)
    cdef cnp.ndarray[double, ndim=1] gap = np.empty(k, dtype=np.float64)
    cdef int rc
    with nogil:
        rc = ix_widest_gaps(src.x, src.p, src.d, n, k, src.order, src.start,
                            <double *>cnp.PyArray_DATA(gap), n_threads, &src.poll.poll)
    _check_rc(rc, "widest gaps")
    return gap
