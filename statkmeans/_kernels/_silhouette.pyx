# distutils: sources = statkmeans/_kernels/src/silhouette.c
# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled silhouette and dist kernels of statkmeans (private).

Thin typed wrappers over ``src/silhouette.c``. Inputs are trusted: the
public functions validate them first (C-contiguous float64 values, finite
non-negative dissimilarities, 0-based cluster indices 0..k-1 with every
cluster non-empty, consistent sizes). Arrays marked OUT are returned.
"""
import numpy as np

cimport numpy as cnp
from libc.stdint cimport int32_t, int64_t

cnp.import_array()

from statkmeans.exceptions import OutOfMemoryError

include "_poll.pxi"

cdef extern from "src/silhouette.h":
    int SIL_OK, SIL_NOMEM
    int SIL_EUCLIDEAN, SIL_MAXIMUM, SIL_MANHATTAN, SIL_CANBERRA, SIL_BINARY, SIL_MINKOWSKI
    int sil_widths_data(const double *x, int64_t n, int p, const int32_t *cl, int k,
                        const int64_t *size, const int64_t *order, const int64_t *start,
                        int32_t *nb, double *s, double *sums, int n_threads, int isa,
                        sk_poll *poll) nogil
    int sil_widths_dist(const double *d, int64_t n, const int32_t *cl, int k,
                        const int64_t *size, int32_t *nb, double *s, double *sums,
                        int n_threads, sk_poll *poll) nogil
    int sil_widths_dmatrix(const double *m, int64_t n, const int32_t *cl, int k,
                           const int64_t *size, int32_t *nb, double *s, double *sums,
                           int n_threads, sk_poll *poll) nogil
    int sil_dist(const double *x, int64_t n, int p, int method, double pw, double *d,
                 int n_threads, int isa, sk_poll *poll) nogil
    int sil_resolve_isa(int isa) nogil
    int64_t sil_first_bad(const double *v, int64_t len) nogil
    int64_t sil_first_asymmetric(const double *m, int64_t n) nogil
    double sil_mean_ld(const double *v, int64_t n) nogil

# dist() method name -> R's method number
METHODS = {
    "euclidean": SIL_EUCLIDEAN,
    "maximum": SIL_MAXIMUM,
    "manhattan": SIL_MANHATTAN,
    "canberra": SIL_CANBERRA,
    "binary": SIL_BINARY,
    "minkowski": SIL_MINKOWSKI,
}


cdef int _check_rc(int rc) except -1:
    if rc == SK_INTERRUPTED:
        return _raise_interrupted()
    if rc == SIL_NOMEM:
        raise OutOfMemoryError("silhouette kernel: out of memory")
    return 0


cdef struct _Widths:
    int32_t *nb
    double *s
    double *sums
    _Poll poll


cdef object _outputs(_Widths *w, int64_t n, int k, bint want_sums, object stop):
    """(nb, s, sums or None), new; their data pointers and the poll of ``stop`` written
    to w."""
    _poll_init(&w.poll, stop)
    nb = np.empty(n, dtype=np.int32)
    s = np.empty(n, dtype=np.float64)
    sums = np.empty((n, k), dtype=np.float64) if want_sums else None
    w.nb = <int32_t *>cnp.PyArray_DATA(nb)
    w.s = <double *>cnp.PyArray_DATA(s)
    w.sums = NULL if sums is None else <double *>cnp.PyArray_DATA(sums)
    return nb, s, sums


def widths_data(const double[:, ::1] x, const int32_t[::1] cl, int k,
                const int64_t[::1] size, bint want_sums=False, int n_threads=0, int isa=0,
                stop=None):
    """Euclidean widths from data. Returns (nb 0-based, s, sums or None).

    isa (tests only): 0 best available, 1 portable C, 2 SSE2, 3 AVX2, 4 AVX-512.
    """
    cdef int64_t n = x.shape[0]
    cdef int p = x.shape[1]
    order_arr = np.argsort(np.asarray(cl), kind="stable").astype(np.int64)
    start_arr = np.zeros(k + 1, dtype=np.int64)
    np.cumsum(np.asarray(size), out=start_arr[1:])
    cdef const int64_t[::1] order = order_arr
    cdef const int64_t[::1] start = start_arr
    cdef _Widths w
    out = _outputs(&w, n, k, want_sums, stop)
    cdef int rc
    with nogil:
        rc = sil_widths_data(&x[0, 0], n, p, &cl[0], k, &size[0], &order[0], &start[0],
                             w.nb, w.s, w.sums, n_threads, isa, &w.poll.poll)
    _check_rc(rc)
    return out


def widths_dist(const double[::1] d, int64_t n, const int32_t[::1] cl, int k,
                const int64_t[::1] size, bint want_sums=False, int n_threads=0, stop=None):
    """Widths from a condensed dist vector. Returns (nb 0-based, s, sums or None)."""
    cdef _Widths w
    out = _outputs(&w, n, k, want_sums, stop)
    cdef int rc
    with nogil:
        rc = sil_widths_dist(&d[0], n, &cl[0], k, &size[0], w.nb, w.s, w.sums, n_threads,
                             &w.poll.poll)
    _check_rc(rc)
    return out


def widths_dmatrix(const double[:, ::1] m, const int32_t[::1] cl, int k,
                   const int64_t[::1] size, bint want_sums=False, int n_threads=0,
                   stop=None):
    """Widths from the lower triangle of a square matrix. Returns (nb, s, sums)."""
    cdef int64_t n = m.shape[0]
    cdef _Widths w
    out = _outputs(&w, n, k, want_sums, stop)
    cdef int rc
    with nogil:
        rc = sil_widths_dmatrix(&m[0, 0], n, &cl[0], k, &size[0], w.nb, w.s, w.sums, n_threads,
                                &w.poll.poll)
    _check_rc(rc)
    return out


def dist(const double[:, ::1] x, str method, double p=2.0, int n_threads=0, int isa=0,
         stop=None):
    """R's dist(x, method, p=p): the condensed vector, R's order (isa: see widths_data)."""
    cdef int64_t n = x.shape[0]
    cdef int ncol = x.shape[1]
    cdef int code = METHODS[method]
    out = np.empty(n * (n - 1) // 2 if n > 1 else 0, dtype=np.float64)
    if n < 2:
        return out
    cdef double *op = <double *>cnp.PyArray_DATA(out)
    cdef int rc
    cdef _Poll poll
    _poll_init(&poll, stop)
    with nogil:
        rc = sil_dist(&x[0, 0], n, ncol, code, p, op, n_threads, isa, &poll.poll)
    _check_rc(rc)
    return out


def resolve_isa(int isa=0):
    """The instruction set a request runs on (1 portable .. 4 AVX-512)."""
    return sil_resolve_isa(isa)


def first_bad(const double[::1] v):
    """0-based index of the first NaN, negative or infinite value, or -1."""
    if v.shape[0] == 0:
        return -1
    cdef int64_t at
    with nogil:
        at = sil_first_bad(&v[0], v.shape[0])
    return at


def first_asymmetric(const double[:, ::1] m):
    """(i, j), i > j, of the first m[i, j] != m[j, i], or None."""
    cdef int64_t n = m.shape[0], at
    if n < 2:
        return None
    with nogil:
        at = sil_first_asymmetric(&m[0, 0], n)
    if at < 0:
        return None
    return divmod(at, n)


def mean_ld(const double[::1] v):
    """R's mean(v): extended-precision two-pass mean (NaN for length 0)."""
    if v.shape[0] == 0:
        return float("nan")
    return sil_mean_ld(&v[0], v.shape[0])
