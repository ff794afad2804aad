# distutils: sources = statkmeans/_kernels/src/gap.c
# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled kernels of the gap statistic (private).

Thin typed wrappers over ``src/gap.c``. Inputs are trusted: ``clus_gap``
validates them first (C-contiguous float64 data, finite values, codes
0..k-1 with every code used). Arrays marked OUT are returned.
"""
import numpy as np

cimport numpy as cnp
from libc.stdint cimport int32_t, int64_t

cnp.import_array()

from statkmeans.exceptions import OutOfMemoryError

include "_poll.pxi"

cdef extern from "src/gap.h":
    int GAP_OK, GAP_NOMEM
    int gap_within(const double *x, int64_t n, int p, const int32_t *labels, int m,
                   const int32_t *ks, double d_power, int64_t pair_limit, int n_threads,
                   int per_cluster, double *w, sk_poll *poll) nogil
    int gap_diss_parts(const double *d, int64_t n, const int32_t *labels, int k,
                       double *out, sk_poll *poll) nogil
    void gap_reference_set(const double *z1t, int64_t n, int q, const double *vt, int p,
                           const double *means, double *z) nogil
    void gap_matmul(const double *a, int64_t n, int q, const double *b, int r,
                    double *out) nogil
    void gap_col_stats(const double *lw, int64_t B, int K, double *mean, double *se) nogil


def within(const double[:, ::1] x, const int32_t[:, ::1] labels, const int32_t[::1] ks,
           double d_power, int64_t pair_limit=-1, int n_threads=0, stop=None):
    """OUT W of each labeling (row of ``labels``): clusGap's W_k, R's arithmetic.

    ``labels[l, i]`` is the 0-based cluster of row i in labeling l, codes in
    R's cluster order, each of 0..ks[l]-1 used. ``pair_limit``: d_power == 2
    labelings with more pairs use the within-sum-of-squares identity (< 0:
    never).
    """
    cdef int64_t n = x.shape[0]
    cdef int p = x.shape[1], m = labels.shape[0], rc
    cdef cnp.ndarray[double, ndim=1] w = np.zeros(m, dtype=np.float64)
    cdef double *wp = <double *>cnp.PyArray_DATA(w)
    if m == 0:
        return w
    cdef _Poll poll
    _poll_init(&poll, stop)
    with nogil:
        rc = gap_within(&x[0, 0], n, p, &labels[0, 0], m, &ks[0], d_power, pair_limit,
                        n_threads, 0, wp, &poll.poll)
    if rc == SK_INTERRUPTED:
        _raise_interrupted()
    if rc == GAP_NOMEM:
        raise OutOfMemoryError("gap statistic: out of memory for a cluster's distances")
    return w


def wss_parts(const double[:, ::1] x, const int32_t[::1] labels, int k,
              int64_t pair_limit=-1, int n_threads=0, stop=None):
    """OUT factoextra's within sum of squares of each cluster from the data.

    ``sum(d_ij^2 over the pairs of cluster r) / n_r`` with R's dist()
    distances, pairs in R's order, an extended-precision sum divided once;
    clusterings with more than ``pair_limit`` pairs use the identity.
    """
    cdef int64_t n = x.shape[0]
    cdef int p = x.shape[1], rc
    cdef int32_t kk = k
    cdef cnp.ndarray[double, ndim=1] out = np.zeros(k, dtype=np.float64)
    cdef double *op = <double *>cnp.PyArray_DATA(out)
    cdef _Poll poll
    _poll_init(&poll, stop)
    with nogil:
        rc = gap_within(&x[0, 0], n, p, &labels[0], 1, &kk, 2.0, pair_limit, n_threads, 1, op,
                        &poll.poll)
    if rc == SK_INTERRUPTED:
        _raise_interrupted()
    if rc == GAP_NOMEM:
        raise OutOfMemoryError("within sum of squares: out of memory for a cluster's distances")
    return out


def diss_wss_parts(const double[::1] d, int64_t n, const int32_t[::1] labels, int k,
                   stop=None):
    """OUT factoextra's within sum of squares of each cluster from R-ordered dissimilarities."""
    cdef cnp.ndarray[double, ndim=1] out = np.zeros(k, dtype=np.float64)
    cdef double *op = <double *>cnp.PyArray_DATA(out)
    cdef const double *dp = &d[0] if d.shape[0] > 0 else NULL
    cdef int rc
    cdef _Poll poll
    _poll_init(&poll, stop)
    with nogil:
        rc = gap_diss_parts(dp, n, &labels[0], k, op, &poll.poll)
    if rc == SK_INTERRUPTED:
        _raise_interrupted()
    if rc == GAP_NOMEM:
        raise OutOfMemoryError("within sum of squares: out of memory")
    return out


def reference_set(const double[:, ::1] z1t, vt, const double[::1] means):
    """OUT n-by-p z = z1 V' + means (or z1 + means when ``vt`` is None).

    ``z1t`` is q-by-n (row l = column l of z1), ``vt`` q-by-p or None.
    """
    cdef int64_t n = z1t.shape[1]
    cdef int q = z1t.shape[0], p = means.shape[0]
    cdef const double[:, ::1] v
    cdef const double *vp = NULL
    if vt is not None:
        v = vt
        vp = &v[0, 0]
    cdef cnp.ndarray[double, ndim=2] z = np.empty((n, p), dtype=np.float64)
    cdef double *zp = <double *>cnp.PyArray_DATA(z)
    with nogil:
        gap_reference_set(&z1t[0, 0], n, q, vp, p, &means[0], zp)
    return z


def matmul(const double[:, ::1] a, const double[:, ::1] b):
    """OUT a @ b summed in reference-BLAS order (as R's ``%*%``)."""
    cdef int64_t n = a.shape[0]
    cdef int q = a.shape[1], r = b.shape[1]
    cdef cnp.ndarray[double, ndim=2] out = np.empty((n, r), dtype=np.float64)
    cdef double *op = <double *>cnp.PyArray_DATA(out)
    with nogil:
        gap_matmul(&a[0, 0], n, q, &b[0, 0], r, op)
    return out


def col_stats(const double[:, ::1] lw):
    """OUT (colMeans(lw), sqrt((1 + 1/B) * var per column)) as R computes them."""
    cdef int64_t B = lw.shape[0]
    cdef int K = lw.shape[1]
    cdef cnp.ndarray[double, ndim=1] mean = np.empty(K, dtype=np.float64)
    cdef cnp.ndarray[double, ndim=1] se = np.empty(K, dtype=np.float64)
    cdef double *mp = <double *>cnp.PyArray_DATA(mean)
    cdef double *sp = <double *>cnp.PyArray_DATA(se)
    with nogil:
        gap_col_stats(&lw[0, 0], B, K, mp, sp)
    return mean, se
