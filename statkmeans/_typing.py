"""Type aliases of the public signatures (for type checkers and readers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from .rng import RStream

__all__ = ["ArrayLike", "RngLike"]

#: Data: a numpy array, nested lists, a pandas DataFrame or Series.
ArrayLike = Any

#: A source of random numbers: None (the default stream), an int seed (a fresh
#: stream as after R's ``set.seed``), an :class:`~statkmeans.RStream`, or a
#: numpy Generator (works, but does not reproduce R).
RngLike = Union[None, int, "RStream", "np.random.Generator"]
