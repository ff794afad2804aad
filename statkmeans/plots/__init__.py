"""Every drawing of the package, in factoextra's and R's looks.

One module per figure family: :mod:`~statkmeans.plots.curves`
(``fviz_nbclust``, ``fviz_gap_stat``), :mod:`~statkmeans.plots.silhouette`
(``plot.silhouette``, ``fviz_silhouette``), :mod:`~statkmeans.plots.cluster`
(``fviz_cluster``), :mod:`~statkmeans.plots.gap` (``plot.clusGap``) and
:mod:`~statkmeans.plots.choose_k` (the panels of ``ChooseKResult.plot``);
``_style`` holds the ggplot2 themes, colours and R plotting symbols. The
``plot()`` methods of the result classes draw through these functions.
matplotlib is imported only when something is drawn; no function here calls
``plt.show()``.
"""

from __future__ import annotations

import warnings
from typing import Any

from .cluster import plot_cluster
from .curves import plot_gap, plot_nbclust
from .silhouette import plot_silhouette

__all__ = ["plot_cluster", "plot_gap", "plot_nbclust", "plot_silhouette"]

# Computations that lived here before version 0.2: still found, with a warning.
_MOVED = {
    "nbclust": ("statkmeans.nbclust", "nbclust"),
    "NbClustResult": ("statkmeans.nbclust", "NbClustResult"),
    "cluster_coordinates": ("statkmeans.coordinates", "cluster_coordinates"),
}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        import importlib

        module, attr = _MOVED[name]
        warnings.warn(
            f"statkmeans.plots.{name} moved to {module}.{attr} in version 0.2 (it computes, "
            f"it does not draw); import it from statkmeans",
            FutureWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'statkmeans.plots' has no attribute '{name}'")
