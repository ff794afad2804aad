# distutils: sources = statkmeans/_kernels/src/rmt.c
# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""R's random numbers, compiled (private).

Thin typed wrappers over ``src/rmt.c``. Inputs are trusted: ``statkmeans.rng``
validates them first. ``state`` is a uint32 array of 625 words: the position
followed by the 624 Mersenne-Twister words (R's ``.Random.seed`` minus its
kind code). ``rounding`` selects R's pre-3.6.0 sampler (sample.kind
"Rounding") instead of "Rejection".

The GIL is held throughout: every call advances the one shared state, and
two threads drawing from it at once would corrupt it. Long loops poll for
Ctrl-C; an interrupted call leaves the stream where the draws stopped.
"""
import numpy as np

cimport numpy as cnp
from libc.stdint cimport int64_t, uint32_t

cnp.import_array()

from statkmeans.exceptions import OutOfMemoryError

cdef extern from "Python.h":
    # Declared without Cython's "except -1": the exception it leaves set must
    # survive the C loop and be raised by _check, not reported and dropped.
    int PyErr_CheckSignals()

cdef extern from "src/rmt.h":
    int RMT_OK, RMT_NOMEM, RMT_INTERRUPTED
    ctypedef int (*rmt_interrupt_fn)() noexcept
    void rmt_set_seed(uint32_t *state, uint32_t seed)
    double rmt_unif_rand(uint32_t *state)
    double rmt_unif_index(uint32_t *state, double dn, int rounding)
    double rmt_qnorm(double p)
    int rmt_rnorm(uint32_t *state, int64_t n, const double *mean, int64_t n_mean,
                  const double *sd, int64_t n_sd, double *out, rmt_interrupt_fn check)
    int rmt_sample_int(uint32_t *state, double dn, int64_t size, int replace, int rounding,
                       int64_t *out, rmt_interrupt_fn check)
    int rmt_sample_prob(uint32_t *state, int64_t n, double *p, int64_t size, int replace,
                        int rounding, int64_t *out, rmt_interrupt_fn check)
    void rmt_revsort(double *a, int64_t *id, int64_t n)
    void rmt_runif(uint32_t *state, int64_t n, double lo, double hi, double *out)


cdef int _interrupted() noexcept:
    # Called with the GIL held (no call here releases it). A pending signal
    # leaves its exception set; _check raises it.
    return PyErr_CheckSignals() != 0


cdef int _check(int rc, str what) except -1:
    if rc == RMT_NOMEM:
        raise OutOfMemoryError(f"{what}: not enough memory")
    if rc == RMT_INTERRUPTED:
        return -1  # PyErr_CheckSignals left the signal handler's exception set: raise it
    return 0


def set_seed_state(uint32_t[::1] state, uint32_t seed):
    """OUT state: the words set.seed(seed) leaves."""
    rmt_set_seed(&state[0], seed)


def unif_rand(uint32_t[::1] state, Py_ssize_t n):
    """n successive unif_rand() values."""
    cdef cnp.ndarray[double, ndim=1] out = np.empty(n, dtype=np.float64)
    cdef double *o = <double *>cnp.PyArray_DATA(out)
    cdef Py_ssize_t i
    for i in range(n):
        o[i] = rmt_unif_rand(&state[0])
    return out


def unif_index(uint32_t[::1] state, double dn, bint rounding=False):
    """One R_unif_index(dn) under the given sampler."""
    return rmt_unif_index(&state[0], dn, rounding)


def qnorm(const double[::1] p):
    """qnorm(p, 0, 1) elementwise (NaN outside [0, 1])."""
    cdef Py_ssize_t i, n = p.shape[0]
    cdef cnp.ndarray[double, ndim=1] out = np.empty(n, dtype=np.float64)
    cdef double *o = <double *>cnp.PyArray_DATA(out)
    for i in range(n):
        o[i] = rmt_qnorm(p[i])
    return out


def rnorm(uint32_t[::1] state, int64_t n, const double[::1] mean, const double[::1] sd):
    """rnorm(n, mean, sd), mean and sd recycled (each of length >= 1)."""
    cdef cnp.ndarray[double, ndim=1] out = np.empty(n, dtype=np.float64)
    cdef int rc = rmt_rnorm(&state[0], n, &mean[0], mean.shape[0], &sd[0], sd.shape[0],
                            <double *>cnp.PyArray_DATA(out), _interrupted)
    _check(rc, "rnorm")
    return out


def sample_int(uint32_t[::1] state, double n, int64_t size, bint replace=False,
               bint rounding=False):
    """sample.int(n, size, replace) without prob: 1-based int64 values."""
    cdef cnp.ndarray[int64_t, ndim=1] out = np.empty(size, dtype=np.int64)
    cdef int rc = rmt_sample_int(&state[0], n, size, replace, rounding,
                                 <int64_t *>cnp.PyArray_DATA(out), _interrupted)
    _check(rc, "sample_int")
    return out


def sample_prob(uint32_t[::1] state, double[::1] p, int64_t size, bint replace=False,
                bint rounding=False):
    """sample.int(len(p), size, replace, prob = p): 1-based int64 values.

    IN/OUT p: checked weights (finite, >= 0, enough positive), overwritten.
    """
    cdef cnp.ndarray[int64_t, ndim=1] out = np.empty(size, dtype=np.int64)
    cdef int rc = rmt_sample_prob(&state[0], p.shape[0], &p[0], size, replace, rounding,
                                  <int64_t *>cnp.PyArray_DATA(out), _interrupted)
    _check(rc, "sample")
    return out


def revsort(double[::1] a):
    """R's descending heap sort of a (IN/OUT); returns the 1-based identities."""
    cdef Py_ssize_t n = a.shape[0]
    cdef cnp.ndarray[int64_t, ndim=1] ids = np.arange(1, n + 1, dtype=np.int64)
    if n > 0:
        rmt_revsort(&a[0], <int64_t *>cnp.PyArray_DATA(ids), n)
    return ids


def runif(uint32_t[::1] state, int64_t n, double lo, double hi):
    """runif(n, lo, hi) for finite lo <= hi."""
    cdef cnp.ndarray[double, ndim=1] out = np.empty(n, dtype=np.float64)
    rmt_runif(&state[0], n, lo, hi, <double *>cnp.PyArray_DATA(out))
    return out
