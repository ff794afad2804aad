"""R's ``scale``: centre and standardise the columns, with R's arithmetic."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from ._kernels import _core
from ._typing import ArrayLike
from ._validation import as_matrix, check_bool, is_dataframe, is_series
from .exceptions import StatKMeansWarning

__all__ = ["scale"]


def scale(x: ArrayLike, center: bool = True, scale: bool = True) -> Any:
    """Centre each column on its mean and divide it by its standard deviation.

    Parameters
    ----------
    x : array-like or DataFrame of shape (n, p)
        Numeric data without NA/NaN/Inf.
    center : bool, default=True
        Subtract the column means.
    scale : bool, default=True
        Divide by the columns' root mean square (the standard deviation when
        centred), with divisor ``n - 1``.

    Returns
    -------
    ndarray of shape (n, p), DataFrame or Series
        A DataFrame with x's index and columns for a DataFrame, a Series
        with x's index and name for a Series (pandas in, pandas out); else
        an (n, p) array (a 1-D vector gives one column, as R's matrix).

    Warns
    -----
    StatKMeansWarning
        A constant column gives 0/0 = NaN as in R; the warning names it.

    Notes
    -----
    R: ``base::scale(x, center = TRUE, scale = TRUE)``. Means are R's
    ``colMeans`` (extended-precision sums), the scale is
    ``sqrt(sum(v^2) / max(1, n - 1))`` of the centred column with R's
    extended-precision ``sum``, so ``kmeans(scale(x), ...)`` gives R's
    numbers. Differences from R: no ``"scaled:center"`` attributes; only
    logical ``center``/``scale`` (not numeric vectors); a Series gives a
    Series (R turns a vector into a one-column matrix, as an ndarray does
    here).

    Examples
    --------
    >>> from statkmeans import load_dataset, scale
    >>> round(float(scale(load_dataset("USArrests"))["Murder"].std()), 12)
    1.0
    """
    data = as_matrix(x, "x")
    center = check_bool(center, "center")
    scale = check_bool(scale, "scale")
    values = data.values.copy()
    n = data.n
    if center:
        for j in range(data.p):
            col = np.ascontiguousarray(values[:, j])
            values[:, j] = col - _core.mean_ld(col)
    if scale:
        sd = np.empty(data.p)
        for j in range(data.p):
            col = np.ascontiguousarray(values[:, j])
            sd[j] = np.sqrt(_core.sum_ld(col * col) / max(1, n - 1))
        constant = np.flatnonzero(sd == 0)
        if constant.size:
            names = [data.col_names[j] if data.col_names else str(j + 1) for j in constant]
            warnings.warn(
                f"column(s) {', '.join(names)} of 'x' are constant: scaling gives NaN (0/0) "
                "as in R; drop them before clustering",
                StatKMeansWarning,
                stacklevel=2,
            )
        with np.errstate(invalid="ignore", divide="ignore"):
            values = values / sd
    if is_dataframe(x):
        import pandas as pd

        return pd.DataFrame(values, index=x.index, columns=x.columns)
    if is_series(x):
        import pandas as pd

        return pd.Series(values[:, 0], index=x.index, name=x.name)
    return values
