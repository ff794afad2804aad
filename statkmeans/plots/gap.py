"""R's ``plot(gap)`` for a clusGap result (``plot.clusGap``)."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

import numpy as np

from .._validation import check_artist_options
from ._style import with_options

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..gap import ClusGapResult

__all__ = ["plot_clusgap", "wrap_call"]


def plot_clusgap(result: ClusGapResult, *, ax: Axes | None, do_arrows: bool,
                 arrow_kwargs: dict[str, Any] | None, kwargs: dict[str, Any]) -> Axes:
    """Draw :meth:`statkmeans.ClusGapResult.plot` (see there)."""
    check_artist_options(kwargs, "plot", "ClusGapResult.plot")
    check_artist_options(arrow_kwargs or {}, "errorbar", "ClusGapResult.plot", "arrow_kwargs")
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    k = np.arange(1, result.K_max + 1)
    gap = result.Tab["gap"].to_numpy()
    line: dict[str, Any] = {"color": "black", "marker": "o", "markerfacecolor": "white",
                            "markersize": 5.0, "linestyle": "-", "linewidth": 0.8}
    ax.plot(k, gap, **with_options(line, kwargs, "plot"))
    if do_arrows:
        bars: dict[str, Any] = {"fmt": "none", "ecolor": "#CD0000", "elinewidth": 1.0,
                                "capsize": 3.0}
        ax.errorbar(k, gap, yerr=result.Tab["SE.sim"].to_numpy(),
                    **with_options(bars, dict(arrow_kwargs or {}), "errorbar"))
    ax.set_xlabel("k")
    ax.set_ylabel(r"$\mathrm{Gap}_k$")
    ax.set_xticks(k if result.K_max <= 20 else ax.get_xticks())
    ax.set_title(wrap_call(result.call), fontweight="bold", fontsize="medium")
    return ax


def wrap_call(call: str, width: int = 60) -> str:
    """The call on lines of at most ~60 characters, continuations indented 7 (R's title)."""
    return "\n".join(
        textwrap.wrap(call, width, subsequent_indent=" " * 7, break_long_words=False,
                      break_on_hyphens=False)
    )
