"""What every result class shares: read-only fields, one equality rule, IPython printing.

Results are frozen attrs classes. Their array fields go through
:func:`frozen_field`, which copies the value (the caller's array is never
frozen as a side effect), makes the copy read-only and compares fields with
:func:`same`: equal types, shapes, labels and values, NaN equal to NaN (R's
``identical``), so a result with a NaN centre or distance still equals
itself.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from ._validation import is_dataframe, is_series

__all__ = ["PrettyPrinted", "freeze", "frozen_field", "same"]


def freeze(value: Any, dtype: npt.DTypeLike | None = None, *, flat: bool = False) -> Any:
    """A read-only copy of an array, Series or DataFrame (pandas over read-only data).

    ``dtype`` converts numpy values (pandas objects keep theirs unless given);
    ``flat`` makes numpy values one-dimensional.
    """
    if is_series(value):
        import pandas as pd

        data = value.to_numpy(dtype=dtype, copy=True)
        data.flags.writeable = False
        return pd.Series(data, index=value.index, name=value.name, copy=False)
    if is_dataframe(value):
        import pandas as pd

        data = value.to_numpy(dtype=dtype, copy=True)
        data.flags.writeable = False
        return pd.DataFrame(data, index=value.index, columns=value.columns, copy=False)
    arr = np.array(value, dtype=dtype, copy=True)
    if flat:
        arr = arr.reshape(-1)
    arr.flags.writeable = False
    return arr


def same(a: Any, b: Any) -> bool:
    """The equality of result fields: same kind, shape, labels and values; NaN equals NaN."""
    if a is None or b is None:
        return a is None and b is None
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        nan_ok = a.dtype.kind in "fc" and b.dtype.kind in "fc"
        return a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=nan_ok))
    return bool(a.equals(b))  # pandas: labels, dtypes and values, NaN equal to NaN


def frozen_field(dtype: npt.DTypeLike | None = None, *, flat: bool = False,
                 optional: bool = False, **kwargs: Any) -> Any:
    """An attrs field holding a read-only copy (see :func:`freeze`), compared with :func:`same`.

    ``optional`` lets the field be None (and defaults it to None).
    """

    def convert(value: Any) -> Any:
        if optional and value is None:
            return None
        return freeze(value, dtype, flat=flat)

    if optional:
        kwargs.setdefault("default", None)
    kwargs.setdefault("repr", False)
    return attrs.field(converter=convert, eq=attrs.cmp_using(eq=same), **kwargs)


class PrettyPrinted:
    """IPython shows a result as ``print`` does (R's autoprint); ``repr`` inside cycles.

    IPython takes a class's own ``__repr__`` before an inherited
    ``_repr_pretty_``, so every subclass gets the method in its own namespace.
    """

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._repr_pretty_ = PrettyPrinted._repr_pretty_  # type: ignore[method-assign]

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self) if cycle else str(self).rstrip("\n"))
