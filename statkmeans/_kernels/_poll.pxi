# Interrupts of the compiled kernels (included by the .pyx files that need it).
#
# A kernel gets an sk_poll whose check function asks Python whether a signal
# (Ctrl-C) is pending, or whether another part of the same call was stopped
# (a shared int flag). PyErr_CheckSignals runs the Python signal handler, which
# leaves its exception (KeyboardInterrupt) set; the wrapper raises it once the
# kernel has returned SK_INTERRUPTED. In a thread other than the main one
# PyErr_CheckSignals does nothing, and the shared flag is what stops the kernel.

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


cdef int _check_interrupt(void *ctx) noexcept nogil:
    cdef int *shared = <int *>ctx
    cdef int rc
    if shared != NULL and shared[0] != 0:
        return 1
    with gil:
        rc = PyErr_CheckSignals()
    if rc != 0:
        if shared != NULL:
            shared[0] = 1
        return 1
    return 0


cdef inline void _poll_init(sk_poll *poll, int *shared) noexcept:
    poll.check = _check_interrupt
    poll.ctx = <void *>shared
    poll.stopped = 0
    poll.work = 0.0


cdef inline int *_shared_flag(object stop) except? NULL:
    """The int behind a caller's stop flag (an int32 array of length 1), or NULL."""
    cdef int[::1] view
    if stop is None:
        return NULL
    view = stop
    return &view[0]


cdef int _raise_interrupted() except -1:
    if PyErr_Occurred() != NULL:
        return -1
    raise KeyboardInterrupt("stopped: another part of this call was interrupted")
