# Interrupts of the compiled kernels (included by the .pyx files that need it).
#
# A kernel gets an sk_poll whose check function asks Python whether a signal
# (Ctrl-C) is pending, or whether another part of the same call was stopped
# (a shared int flag, the caller's ``stop`` array). PyErr_CheckSignals runs
# the Python signal handler, which leaves its exception (KeyboardInterrupt)
# set; the wrapper raises it once the kernel has returned SK_INTERRUPTED.
# Only the main thread sees signals (PyErr_CheckSignals does nothing in
# another thread), so a kernel running elsewhere (a pool thread) reads the
# shared flag alone, without taking the GIL: the main thread sets the flag
# when it is interrupted, and the kernel returns within a millisecond or so.
#
# Use:
#     cdef _Poll poll
#     _poll_init(&poll, stop)          # stop: an int32 array of length 1, or None
#     with nogil:
#         rc = kernel(..., &poll.poll)
#     if rc == SK_INTERRUPTED:
#         _raise_interrupted()

import threading

cdef extern from "Python.h":
    # Declared without Cython's "except -1": the exception it leaves set must
    # survive the C loop and be raised by _raise_interrupted, not dropped.
    int PyErr_CheckSignals()
    void *PyErr_Occurred()

cdef extern from "src/common.h":
    int SK_INTERRUPTED
    ctypedef struct sk_poll:
        int (*check)(void *ctx) noexcept nogil
        void *ctx
        int stopped
        double work


cdef struct _Poll:
    sk_poll poll
    int *shared    # the caller's stop flag, or NULL
    bint signals   # the kernel runs on the main thread: ask Python about signals


cdef int _check_interrupt(void *ctx) noexcept nogil:
    cdef _Poll *P = <_Poll *>ctx
    cdef int rc
    if P.shared != NULL and P.shared[0] != 0:
        return 1
    if not P.signals:
        return 0
    with gil:
        rc = PyErr_CheckSignals()
    if rc != 0:
        if P.shared != NULL:
            P.shared[0] = 1
        return 1
    return 0


cdef int _poll_init(_Poll *P, object stop) except -1:
    """Set P up for a kernel called from this thread; ``stop``: a writable int32
    array of length 1 shared with the other parts of the call, or None."""
    cdef int[::1] view
    P.poll.check = _check_interrupt
    P.poll.ctx = <void *>P
    P.poll.stopped = 0
    P.poll.work = 0.0
    P.shared = NULL
    if stop is not None:
        view = stop
        P.shared = &view[0]  # the caller holds the array for the kernel's duration
    P.signals = threading.current_thread() is threading.main_thread()
    return 0


cdef int _raise_interrupted() except -1:
    if PyErr_Occurred() != NULL:
        return -1
    raise KeyboardInterrupt("stopped: another part of this call was interrupted")
