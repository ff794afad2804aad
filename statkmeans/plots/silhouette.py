"""Silhouette plots: R's ``plot.silhouette`` and factoextra's ``fviz_silhouette``."""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING, Any

import numpy as np

from .._format import format_nsmall2, round_label
from .._rstats import r_mean
from .._validation import (
    check_artist_options,
    check_bar_colors,
    check_result_type,
    keyword_only,
)
from ..silhouette import SilhouetteResult
from ._style import R_GRAY, cluster_colors, grey_theme, with_options

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plot_r_silhouette", "plot_silhouette"]


def plot_r_silhouette(s: SilhouetteResult, *, ax: Axes | None, color: Any, main: str | None,
                      sub: str | None, xlab: str, nmax_lab: int, max_strlen: int, do_n_k: bool,
                      do_clus_stat: bool, kwargs: dict[str, Any]) -> Axes:
    """Draw :meth:`statkmeans.SilhouetteResult.plot`, R's ``plot.silhouette`` (see there)."""
    check_artist_options(kwargs, "barh", "SilhouetteResult.plot")
    import matplotlib.pyplot as plt

    srt = s.sorted()
    n = srt.n
    widths = np.asarray(srt.sil_width)
    cl = np.asarray(srt.cluster)
    ids, starts, sizes = np.unique(cl, return_index=True, return_counts=True)
    k = len(ids)

    # bar centres, top to bottom: height 1, no gap within a cluster, 0.5 between
    centres = np.empty(n)
    pos = 0.0
    for c in range(k):
        if c:
            pos += 0.5
        a, b = starts[c], starts[c] + sizes[c]
        centres[a:b] = pos + 0.5 + np.arange(sizes[c])
        pos += sizes[c]
    total = pos

    if color is None:
        bar_colors: Any = R_GRAY
    elif isinstance(color, str) or _is_rgb_tuple(color):
        bar_colors = color
    else:
        colors = check_bar_colors(color, k, n)
        if len(colors) == k:
            bar_colors = [colors[int(np.searchsorted(ids, c))] for c in cl]
        else:
            bar_colors = colors

    if ax is None:
        fig, ax = plt.subplots()
        # room for the header lines above and the footer below, as R's margins
        fig.subplots_adjust(top=0.84, bottom=0.2)
    # R's border = 0 is the background colour: thin white lines between bars
    options: dict[str, Any] = {"height": 1.0, "color": bar_colors, "edgecolor": "white",
                               "linewidth": 0.5}
    ax.barh(centres, widths, **with_options(options, kwargs, "barh"))

    lo = min(0.0, float(widths.min()))
    ax.set_xlim(lo, 1.0)
    ax.set_ylim(total + 0.5, -0.5)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    if n < nmax_lab:
        names = srt.row_names if srt.row_names is not None else [str(i + 1) for i in range(n)]
        ax.set_yticks(centres)
        ax.set_yticklabels([str(v)[:max_strlen] for v in names])
        ax.tick_params(axis="y", length=0)
    else:
        ax.set_yticks([])
    ax.set_xlabel(xlab)
    ax.set_title("Silhouette plot" if main is None else main, loc="left", fontweight="bold",
                 pad=28 if do_n_k else 6)

    avg_all = r_mean(widths)
    if sub is None:
        sub = "Average silhouette width : " + " " + round_label(avg_all, 2)
    ax.annotate(sub, xy=(0, 0), xycoords="axes fraction", xytext=(0, -42),
                textcoords="offset points", ha="left", va="top")

    if do_n_k:
        ax.annotate(f"n = {n}", xy=(0, 1), xycoords="axes fraction", xytext=(0, 14),
                    textcoords="offset points", ha="left", va="bottom")
        ax.annotate(f"{k}  clusters  $C_j$", xy=(1, 1), xycoords="axes fraction",
                    xytext=(0, 16), textcoords="offset points", ha="right", va="bottom")
        ax.annotate(r"$j$ :  $n_j$ | $\mathrm{ave}_{i \in C_j}\ s_i$", xy=(1, 1),
                    xycoords="axes fraction", xytext=(0, 2), textcoords="offset points",
                    ha="right", va="bottom")
    if do_clus_stat:
        for c in range(k):
            a, b = starts[c], starts[c] + sizes[c]
            ave = r_mean(widths[a:b])
            label = " ".join([str(int(ids[c])), ":  ", str(int(sizes[c])), " | ",
                              format_nsmall2(ave)])
            ax.text(1.0, float(centres[a:b].mean()), label, ha="right", va="center",
                    transform=ax.transData)
    return ax


def _is_rgb_tuple(color: Any) -> bool:
    return (isinstance(color, tuple) and len(color) in (3, 4)
            and all(isinstance(v, numbers.Real) for v in color))


@keyword_only("ax")
def plot_silhouette(sil_result: SilhouetteResult, *, ax: Axes | None = None, label: bool = False,
                    palette: Any = None, **kwargs: Any) -> Axes:
    """Draw silhouette widths as factoextra's ``fviz_silhouette`` does.

    One vertical bar per observation, sorted by cluster and then by
    decreasing width, coloured by cluster (ggplot2's default colours), a red
    dashed line at the average width, title "Clusters silhouette plot" with
    the average width, y label "Silhouette width Si", a legend "cluster", on
    ggplot2's grey background.

    Parameters
    ----------
    sil_result : SilhouetteResult
        From :func:`~statkmeans.silhouette`.
    ax : matplotlib Axes, optional
        Where to draw; default a new figure (``plt.subplots()``).
    label : bool, default=False
        Label the bars with the observation names (or numbers), rotated 45
        degrees (factoextra's ``label``).
    palette : sequence of colors, optional
        One colour per cluster, in code order. Default ggplot2's hue palette
        (``scales::hue_pal()``), as factoextra.
    **kwargs
        Passed to ``ax.bar`` (a copy; they override the defaults). Unknown
        options raise InvalidArgumentError before anything is drawn.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. ``plt.show()`` is never called.

    Raises
    ------
    InvalidTypeError
        ``sil_result`` is not a SilhouetteResult.
    InvalidArgumentError
        ``palette`` has fewer colours than there are clusters.

    Notes
    -----
    R: ``factoextra::fviz_silhouette(sil.obj, label = FALSE,
    print.summary = TRUE, ...)``. Differences from R: nothing is printed
    (R prints each cluster's size and average width; use
    ``sil_result.summary()``); pam/clara/fanny objects do not exist here, so
    only silhouette results are accepted; ``palette=`` is new; matplotlib
    instead of ggplot2.

    Tested against R 4.2.2 / factoextra 1.0.7 (``tests/r_reference``): bar
    order and heights, colours (ggplot2's palette for 1 to 12 clusters),
    title and mean line.

    Examples
    --------
    >>> from statkmeans import kmeans, load_dataset, plot_silhouette, scale, set_seed, silhouette
    >>> df = scale(load_dataset("USArrests"))
    >>> set_seed(123)
    >>> km = kmeans(df, 4, nstart=25)
    >>> ax = plot_silhouette(silhouette(km, data=df))
    >>> print(ax.get_title(loc="left"))
    Clusters silhouette plot 
     Average silhouette width: 0.34
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    check_artist_options(kwargs, "bar", "plot_silhouette")
    check_result_type(sil_result, SilhouetteResult,
                      "Don't support an object of class {got}: pass the result of "
                      "silhouette(...)")
    srt = sil_result.sorted()
    widths = np.asarray(srt.sil_width)
    cl = np.asarray(srt.cluster)
    ids = np.unique(cl)
    colors = cluster_colors(len(ids), palette)
    bar_colors = [colors[i] for i in np.searchsorted(ids, cl)]

    if ax is None:
        fig, ax = plt.subplots()
        fig.subplots_adjust(right=0.85)  # room for the legend, as ggplot's
    pos = np.arange(1, len(widths) + 1)
    bars: dict[str, Any] = {"width": 0.9, "color": bar_colors, "edgecolor": bar_colors,
                            "linewidth": 0.5, "zorder": 2}
    ax.bar(pos, widths, **with_options(bars, kwargs, "bar"))
    avg = r_mean(np.asarray(sil_result.sil_width))
    ax.axhline(avg, color="red", linestyle="--", linewidth=1.0, zorder=3)

    lo = min(0.0, float(widths.min()))
    pad = 0.05 * (1.0 - lo)
    ax.set_ylim(lo - pad, 1.0 + pad)
    ax.set_xlim(0.4, len(widths) + 0.6)
    ax.set_xticks(pos)
    if label:
        # sorted() sets row_names; a result built as ordered without them is numbered
        names = srt.row_names if srt.row_names is not None else range(1, srt.n + 1)
        ax.set_xticklabels([str(v) for v in names], rotation=45, ha="right")
    else:
        ax.set_xticklabels([])
    ax.set_xlabel("")
    ax.set_ylabel("Silhouette width Si")
    ax.set_title("Clusters silhouette plot \n Average silhouette width: "
                 + round_label(avg, 2), loc="left")
    ax.legend(handles=[Patch(color=colors[i], label=str(int(c))) for i, c in enumerate(ids)],
              title="cluster", loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    grey_theme(ax)
    return ax
