"""R's own summary arithmetic, where its bits matter: ``mean()`` and type-7 ``quantile()``."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["quantiles7", "r_mean"]


def r_mean(values: npt.ArrayLike) -> float:
    """R's ``mean()``: extended-precision sum, then R's correcting second pass."""
    from ._kernels import _silhouette

    return float(_silhouette.mean_ld(np.ascontiguousarray(values, dtype=np.float64)))


def quantiles7(values: npt.ArrayLike,
               probs: Sequence[float] = (0.0, 0.25, 0.5, 0.75, 1.0)) -> list[float]:
    """R's ``quantile(x, probs)``, type 7: (1 - h) x[lo] + h x[hi] on the sorted data."""
    xs = np.sort(np.asarray(values, dtype=np.float64))
    n = len(xs)
    out = []
    for prob in probs:
        index = 1.0 + (n - 1) * prob
        lo = math.floor(index)
        hi = math.ceil(index)
        q = float(xs[lo - 1])
        h = index - lo
        upper = float(xs[hi - 1])
        if h > 0 and upper != q:
            q = (1.0 - h) * q + h * upper
        out.append(q)
    return out
