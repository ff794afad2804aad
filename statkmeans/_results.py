"""What every result class shares: read-only fields, one equality rule, IPython and Jupyter display.

Results are frozen attrs classes. Their array fields go through
:func:`frozen_field`, which copies the value (the caller's array is never
frozen as a side effect), makes the copy read-only and compares fields with
:func:`same`: equal types, shapes, labels and values, NaN equal to NaN (R's
``identical``), so a result with a NaN centre or distance still equals
itself.

Display: :class:`PrettyPrinted` gives every result R's printed text in
IPython (``_repr_pretty_``) and an HTML view in Jupyter (``_repr_html_``),
built from the parts that :meth:`PrettyPrinted._html_parts` returns. The
default part is the printed text in a ``<pre>``; classes whose print reads
better as tables override ``_html_parts`` with the helpers here
(:func:`html_table`, :func:`html_pre`, :func:`html_text`, :func:`html_details`),
which escape every piece of text. ``print()`` and ``str()`` stay R's text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from ._validation import is_dataframe, is_series

__all__ = [
    "PrettyPrinted",
    "format_column",
    "freeze",
    "frozen_field",
    "html_details",
    "html_pre",
    "html_table",
    "html_text",
    "int_list",
    "same",
]


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
    """IPython shows a result as ``print`` does (R's autoprint); Jupyter shows HTML.

    IPython takes a class's own ``__repr__`` before an inherited
    ``_repr_pretty_``, so every subclass gets the method in its own namespace.
    ``_repr_html_`` joins the parts of :meth:`_html_parts` in one ``<div>``;
    a subclass overrides ``_html_parts`` (default: the printed text in a
    ``<pre>``), never ``_repr_html_``.
    """

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._repr_pretty_ = PrettyPrinted._repr_pretty_  # type: ignore[method-assign]

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self) if cycle else str(self).rstrip("\n"))

    def _html_parts(self) -> list[str]:
        """HTML fragments, each escaped already: by default the printed text."""
        return [html_pre(str(self))]

    def _repr_html_(self) -> str:
        name = html.escape(type(self).__name__)
        return (f'<div class="statkmeans-result" data-class="{name}">'
                + "".join(self._html_parts()) + "</div>")


# -- HTML pieces (Jupyter and the report) ------------------------------------------------


def html_pre(text: str) -> str:
    """Text as it prints (monospace, kept as is), escaped."""
    body = html.escape(text.rstrip("\n"))
    return f"<pre>{body}</pre>"


def html_text(text: str, *, tag: str = "p", strong: bool = False) -> str:
    """One paragraph (or other block ``tag``) of escaped text."""
    body = html.escape(text)
    if strong:
        body = f"<strong>{body}</strong>"
    return f"<{tag}>{body}</{tag}>"


def html_details(summary: str, body: str, *, open_: bool = False) -> str:
    """A collapsible block: ``summary`` is escaped text, ``body`` HTML already escaped."""
    attr = " open" if open_ else ""
    return f"<details{attr}><summary>{html.escape(summary)}</summary>{body}</details>"


def int_list(values: Any) -> str:
    """Whole numbers as ``"1, 2, 3"`` (cluster sizes and codes in prints and reprs)."""
    return ", ".join(str(int(v)) for v in values)


def format_column(values: Any, digits: int = 7) -> list[str]:
    """Cells of one numeric column as R formats the column (``format(x, digits)``), trimmed.

    Integers print as integers; doubles share R's common layout (NaN prints
    as ``NA``, R's missing value in tables).
    """
    from . import _format

    arr = np.asarray(values)
    if arr.dtype.kind in "biu":
        return [c.strip() for c in _format.format_int(arr.astype(np.int64))]
    floats = np.asarray(arr, dtype=np.float64)
    cells = _format.format_real(floats, digits, na=np.isnan(floats))
    return [c.strip() for c in cells]


def html_table(columns: Sequence[tuple[str, Sequence[str]]], *,
               row_names: Sequence[str] | None = None, row_header: str = "",
               caption: str | None = None, numeric: Sequence[bool] | None = None,
               row_classes: Sequence[str] | None = None, css_class: str = "") -> str:
    """A table from columns of text cells (all escaped here).

    Parameters
    ----------
    columns : sequence of (header, cells)
        Each column's header and its cells, as text.
    row_names : sequence of str, optional
        Labels of the rows, shown first as header cells under ``row_header``.
    caption : str, optional
        The table's caption.
    numeric : sequence of bool, optional
        Which columns hold numbers (right-aligned); default all.
    row_classes : sequence of str, optional
        A CSS class for each row ("" for none).
    css_class : str, default=""
        A CSS class for the table.
    """
    numeric = [True] * len(columns) if numeric is None else list(numeric)
    n_rows = len(columns[0][1]) if columns else (len(row_names) if row_names is not None else 0)
    esc = html.escape
    out = [f'<table class="{esc(css_class)}">' if css_class else "<table>"]
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    head = [f"<th>{esc(row_header)}</th>"] if row_names is not None else []
    head += [f'<th class="num">{esc(h)}</th>' if num else f"<th>{esc(h)}</th>"
             for (h, _), num in zip(columns, numeric)]
    out.append("<thead><tr>" + "".join(head) + "</tr></thead><tbody>")
    for i in range(n_rows):
        klass = row_classes[i] if row_classes is not None else ""
        cells = [f'<th scope="row">{esc(row_names[i])}</th>'] if row_names is not None else []
        cells += [f'<td class="num">{esc(col[i])}</td>' if num else f"<td>{esc(col[i])}</td>"
                  for (_, col), num in zip(columns, numeric)]
        tr = f'<tr class="{esc(klass)}">' if klass else "<tr>"
        out.append(tr + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)
