"""The figure of :class:`~statkmeans.ChooseKResult`: one factoextra-style panel per criterion."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .._validation import check_artist_options, check_panel_axes
from .curves import draw_curve

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..choose_k import ChooseKResult

__all__ = ["plot_choose_k"]

YLABELS = {
    "wss": "Total Within Sum of Square",
    "silhouette": "Average silhouette width",
    "gap": "Gap statistic (k)",
    "ch": "Calinski-Harabasz index",
    "db": "Davies-Bouldin index",
}
TITLES = {
    "wss": "Elbow (knee of log WSS)",
    "silhouette": "Silhouette (largest)",
    "gap": "Gap statistic",
    "ch": "Calinski-Harabasz (largest)",
    "db": "Davies-Bouldin (smallest)",
}


def plot_choose_k(result: ChooseKResult, *, axes: Sequence[Axes] | None, linecolor: Any,
                  kwargs: dict[str, Any]) -> Figure:
    """Draw every criterion of ``result`` on its own Axes (a row of panels by default)."""
    check_artist_options(kwargs, "plot", "ChooseKResult.plot")
    import matplotlib.pyplot as plt

    names = list(result.criteria)
    if axes is None:
        fig, made = plt.subplots(1, len(names), figsize=(3.6 * len(names), 3.4),
                                 squeeze=False)
        panels = list(made[0])
    else:
        panels = check_panel_axes(axes, len(names))
        fig = panels[0].figure
    chosen = result.n_clusters
    k = np.asarray(result.k)
    for ax, name in zip(panels, names):
        se = None
        if name == "gap":
            assert result.gap is not None
            y = result.gap.Tab["gap"].to_numpy()
            se = result.gap.Tab["SE.sim"].to_numpy()
            kk = k
        elif name == "wss":
            y, kk = np.asarray(result.wss), k
        else:  # undefined for k = 1
            y, kk = np.asarray(getattr(result, name))[1:], k[1:]
        draw_curve(ax, kk, y, se, chosen[name], YLABELS[name], linecolor, dict(kwargs))
        ax.set_title(TITLES[name] + (f": k = {chosen[name]}" if chosen[name] is not None
                                     else ": no knee"), loc="left", fontsize="medium")
    if axes is None:  # a figure of its own; given axes leave the layout to the caller
        fig.suptitle("Optimal number of clusters", x=0.01, ha="left")
        fig.tight_layout()
    return fig
