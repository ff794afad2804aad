"""Exceptions and warnings of statkmeans.

Errors subclass the built-in exception a Python user would expect
(``ValueError`` for a wrong value, ``TypeError`` for a wrong kind), so both
``except ValueError`` and ``except StatKMeansError`` catch them. Warnings
mirror R's warnings; each recoverable condition also leaves R's code in the
result (``ifault``, ``iter``).
"""

__all__ = [
    "ConvergenceWarning",
    "EmptyClusterError",
    "EmptyClusterWarning",
    "InvalidArgumentError",
    "InvalidTypeError",
    "NaNProducedWarning",
    "OutOfMemoryError",
    "QuickTransferWarning",
    "RoundingSamplerWarning",
    "StatKMeansError",
    "StatKMeansWarning",
]


class StatKMeansError(Exception):
    """Base class of every error raised by statkmeans."""


class InvalidArgumentError(StatKMeansError, ValueError):
    """An argument has an invalid value (R: an error from a check)."""


class InvalidTypeError(StatKMeansError, TypeError):
    """An argument is of a kind that cannot be used."""


class OutOfMemoryError(StatKMeansError, MemoryError):
    """A compiled kernel could not allocate its working memory."""


class EmptyClusterError(StatKMeansError, ValueError):
    """Hartigan-Wong: an initial centre attracts no point (R's ifault 1)."""


class StatKMeansWarning(UserWarning):
    """Base class of every warning issued by statkmeans."""


class ConvergenceWarning(StatKMeansWarning):
    """The algorithm stopped at ``iter_max`` (R: "did not converge in N iterations")."""


class QuickTransferWarning(StatKMeansWarning):
    """Hartigan-Wong's quick-transfer stage hit its step limit (R's ifault 4)."""


class EmptyClusterWarning(StatKMeansWarning):
    """Lloyd or MacQueen left a cluster empty (R: "empty cluster: ...")."""


class RoundingSamplerWarning(StatKMeansWarning):
    """R's pre-3.6.0 sampler was selected (R: "non-uniform 'Rounding' sampler used").

    ``sample_kind="Rounding"`` reproduces results made with R before 3.6.0;
    its draws are slightly non-uniform for large populations.
    """


class NaNProducedWarning(StatKMeansWarning):
    """A random draw returned NaN for invalid parameters (R: "NAs produced")."""
