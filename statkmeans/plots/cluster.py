"""factoextra's ``fviz_cluster`` for a k-means result: ``plot_cluster``."""

from __future__ import annotations

import math
import warnings
from typing import TYPE_CHECKING, Any

import numpy as np

from .._rstats import r_mean
from .._typing import ArrayLike
from .._validation import (
    check_artist_options,
    check_bool,
    check_ellipse_type,
    check_geom,
    check_number,
)
from ..coordinates import cluster_coordinates
from ..exceptions import StatKMeansWarning
from ._style import (
    MARKER_EDGE,
    MM,
    cluster_colors,
    cluster_shapes,
    grey_theme,
    marker_area,
    pch_style,
    rgb,
    with_options,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..kmeans import KMeansResult

__all__ = ["plot_cluster"]

CLUSTER_TITLE = "Cluster plot"
ELLIPSE_TYPES = ("convex", "norm")
_NOT_IMPLEMENTED_ELLIPSES = ("t", "euclid", "confidence")
GEOMS = ("point", "text")
_ELLIPSE_SEGMENTS = 51  # the ellipse is a closed polygon of 52 points, as ggplot2's


def _hull(points: np.ndarray) -> np.ndarray:
    """Corners of the convex hull of 2-D points (fewer than 3 when degenerate)."""
    from scipy.spatial import ConvexHull, QhullError

    uniq = np.unique(points, axis=0)  # lexicographic order
    if len(uniq) < 3:
        return uniq
    try:
        corners: np.ndarray = uniq[ConvexHull(uniq).vertices]
        return corners
    except QhullError:  # all on one line: its two ends, the first and last in that order
        return uniq[[0, -1]]


def _norm_ellipse(points: np.ndarray, level: float) -> np.ndarray | None:
    """The ``level`` normal-theory ellipse of 2-D points: closed polygon, or None.

    The boundary {z : (z - m)' S^-1 (z - m) = 2 F(level; 2, n - 1)} for the
    mean m and covariance S (divisor n - 1), as ggplot2's
    ``stat_ellipse(type = "norm")`` draws it: None for fewer than 4 points or
    a singular S.
    """
    from scipy.stats import f

    n = len(points)
    if n < 4:
        return None
    m = np.array([r_mean(points[:, 0]), r_mean(points[:, 1])])
    dev = points - m
    cov = dev.T @ dev / (n - 1)
    try:
        root = np.linalg.cholesky(cov)
    except np.linalg.LinAlgError:
        return None
    if not np.all(np.isfinite(root)) or np.min(np.diag(root)) <= 1e-12 * np.max(np.abs(root)):
        return None
    radius = math.sqrt(2.0 * f.ppf(level, 2, n - 1))
    t = np.linspace(0.0, 2.0 * np.pi, _ELLIPSE_SEGMENTS + 1)
    circle = np.column_stack([np.cos(t), np.sin(t)])
    ring: np.ndarray = m + radius * circle @ root.T
    ring[-1] = ring[0]  # exactly closed
    return ring


def plot_cluster(
    km: KMeansResult,
    data: ArrayLike,
    *,
    stand: bool = True,
    axes: tuple[int, int] = (1, 2),
    geom: str | tuple[str, ...] = ("point", "text"),
    repel: bool = False,
    show_clust_cent: bool = True,
    ellipse: bool = True,
    ellipse_type: str = "convex",
    ellipse_level: float = 0.95,
    ellipse_alpha: float = 0.2,
    pointsize: float = 1.5,
    labelsize: float = 12,
    main: str = CLUSTER_TITLE,
    xlab: str | None = None,
    ylab: str | None = None,
    ax: Axes | None = None,
    palette: Any = None,
    **kwargs: Any,
) -> Axes:
    """Draw k-means clusters as factoextra's ``fviz_cluster`` does.

    The observations on two dimensions (the standardised data when they have
    two columns, else two principal components; see
    :func:`cluster_coordinates`), coloured and shaped by cluster, each
    cluster's convex hull filled translucently, a larger point at each
    cluster's centre, the observations' names above them, a legend
    "cluster", title "Cluster plot", on ggplot2's grey background.

    Parameters
    ----------
    km : KMeansResult
        From :func:`~statkmeans.kmeans`.
    data : array-like or DataFrame of shape (n, p)
        The data that were clustered, p >= 2 (R needs them too).
    stand : bool, default=True
        Standardise the columns first (R's ``scale()``).
    axes : pair of int, default=(1, 2)
        The principal components shown when p > 2 (ignored when p == 2).
    geom : {"point", "text"} or a sequence of them, default=("point", "text")
        Draw the observations as points, as their names, or both. Every
        name is a matplotlib text, so for thousands of observations
        ``geom="point"`` is much faster (and more legible).
    repel : bool, default=False
        Accepted for R code, but **not implemented**: with True a
        StatKMeansWarning says so and the labels are drawn where they are
        (R moves overlapping labels apart with ggrepel).
    show_clust_cent : bool, default=True
        Mark each cluster's centre: the **mean of its plotted coordinates**,
        a larger point of the cluster's shape.
    ellipse : bool, default=True
        Draw a filled outline around each cluster.
    ellipse_type : {"convex", "norm"}, default="convex"
        "convex": the convex hull (with fewer than three distinct points in
        a cluster, the segment or point they make). "norm": the
        ``ellipse_level`` ellipse of a bivariate normal fitted to the
        cluster's points (ggplot2's ``stat_ellipse(type = "norm")``; none for
        clusters of fewer than 4 points, with a warning).
    ellipse_level : float, default=0.95
        The level of the "norm" ellipses, strictly between 0 and 1.
    ellipse_alpha : float, default=0.2
        Opacity of the fill (the outline is opaque).
    pointsize : float, default=1.5
        Size of the observation points in ggplot2's units (mm); the centres
        are twice as large.
    labelsize : float, default=12
        Font size of the names in points, as factoextra's (drawn at a third
        of it in ggplot2's millimetres, i.e. about 11.4 pt for 12).
    main : str, default="Cluster plot"
        The title.
    xlab, ylab : str, optional
        Axis labels; default factoextra's (``"Dim1 (62%)"``, or the column
        names).
    ax : matplotlib Axes, optional
        Where to draw; default a new figure (``plt.subplots()``).
    palette : sequence of colors, optional
        One colour per cluster, in code order. Default ggplot2's hue palette
        (``scales::hue_pal()``), as factoextra.
    **kwargs
        Passed to ``ax.scatter`` for the observation points (a copy; they
        override the defaults, e.g. ``alpha=0.5``; aliases such as ``lw``
        replace the default they stand for). An option that is neither a
        scatter argument nor a collection property (a typo, or factoextra's
        ``star_plot`` or ``ggtheme``) raises InvalidArgumentError before
        anything is computed or drawn.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. ``plt.show()`` is never called.

    Raises
    ------
    InvalidTypeError, InvalidArgumentError
        Those of :func:`cluster_coordinates`; an ``ellipse_type`` other than
        "convex" or "norm", a ``geom`` other than "point"/"text", sizes or
        alpha out of range, a ``palette`` with fewer colours than clusters.

    Warns
    -----
    StatKMeansWarning
        ``repel=True`` (not implemented); "norm" ellipses that cannot be
        drawn (fewer than 4 points or all on a line).

    See Also
    --------
    cluster_coordinates : The plotted coordinates, axis labels and percentages.

    Notes
    -----
    R: ``factoextra::fviz_cluster(object, data = NULL, stand = TRUE, axes =
    c(1, 2), geom = c("point", "text"), repel = FALSE, show.clust.cent = TRUE,
    ellipse = TRUE, ellipse.type = "convex", ellipse.level = 0.95,
    ellipse.alpha = 0.2, shape = NULL, pointsize = 1.5, labelsize = 12,
    main = "Cluster plot", xlab = NULL, ylab = NULL, ..., ggtheme =
    theme_grey())`` for a kmeans object.

    As in factoextra: the points' shapes are ggplot2's solid circle,
    triangle, square, plus, boxed cross and asterisk (R's symbols 16, 17, 15,
    3, 7, 8) for up to six clusters and R's symbols 1..k beyond; the layers
    are drawn in factoextra's order (points, outlines, centres, names), so
    the fills tint the points; names sit above their points (ggplot2's
    ``vjust = -0.7``); the centre markers are the means of the plotted
    coordinates, not the k-means centres projected (which differ when the
    data are standardised).

    Differences from R:

    * ``repel=True`` does not move overlapping labels (see above).
    * ``ellipse_type`` "t", "euclid" and "confidence" are not implemented.
    * "norm" ellipses: a cluster whose covariance is singular gets no
      ellipse (with a warning); R then draws no ellipse for any cluster.
    * ``shape``, ``ggtheme`` and ``...`` (ggpubr options) are not offered;
      ``palette`` and ``**kwargs`` are new. Shapes repeat after 25 clusters.
    * matplotlib instead of ggplot2: marker sizes, fonts and margins are
      close, not identical; no per-key text glyph in the legend.
    * Differences of :func:`cluster_coordinates` (errors for mismatched
      data).

    Tested against R 4.2.2 / factoextra 1.0.7 / ggplot2 3.4.1
    (``tests/r_reference/make_cluster_plot_fixtures.R``): the plotted
    points, hull corners, "norm" ellipses (as sets: the points satisfy the
    same quadratic form within 1e-12), centre markers, colours, shapes, names
    and labels of USArrests, faithful, iris (``stand=False``) and a small
    degenerate data set.

    References
    ----------
    Kassambara, A. and Mundt, F. (2020). factoextra: Extract and visualize
    the results of multivariate data analyses. R package version 1.0.7.

    Examples
    --------
    >>> from statkmeans import kmeans, load_dataset, plot_cluster, scale, set_seed
    >>> arrests = load_dataset("USArrests")
    >>> set_seed(1)
    >>> km = kmeans(scale(arrests), 3, nstart=25)
    >>> ax = plot_cluster(km, arrests)  # R: fviz_cluster(km, data = USArrests)
    >>> ax.get_xlabel(), ax.get_ylabel(), ax.get_title(loc="left")
    ('Dim1 (62%)', 'Dim2 (24.7%)', 'Cluster plot')
    """
    check_artist_options(kwargs, "scatter", "plot_cluster")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Polygon

    geoms = check_geom(geom, GEOMS)
    repel = check_bool(repel, "repel")
    show_clust_cent = check_bool(show_clust_cent, "show_clust_cent")
    ellipse = check_bool(ellipse, "ellipse")
    ellipse_type = check_ellipse_type(ellipse_type, ELLIPSE_TYPES, _NOT_IMPLEMENTED_ELLIPSES)
    ellipse_level = check_number(ellipse_level, "ellipse_level", 0.0, 1.0, closed=False)
    ellipse_alpha = check_number(ellipse_alpha, "ellipse_alpha", 0.0, 1.0)
    pointsize = check_number(pointsize, "pointsize", 0.0, closed=False)
    labelsize = check_number(labelsize, "labelsize", 0.0, closed=False)

    coords = cluster_coordinates(km, data, stand=stand, axes=axes)
    frame = coords.to_frame()
    xy = np.asarray(coords.xy)
    cluster = frame["cluster"]
    levels = list(cluster.cat.categories)
    which = cluster.cat.codes.to_numpy()
    colors = cluster_colors(len(levels), palette)
    shapes = cluster_shapes(len(levels))
    if repel:
        warnings.warn(
            "repel=True is not implemented: labels are not moved apart (R uses ggrepel); "
            "use geom='point' or a larger figure if they overlap",
            StatKMeansWarning, stacklevel=2)

    if ax is None:
        fig, ax = plt.subplots()
        fig.subplots_adjust(right=0.85)  # room for the legend, as ggplot's
    members = [np.flatnonzero(which == i) for i in range(len(levels))]

    # 1. the observations
    if "point" in geoms:
        for i, level in enumerate(levels):
            style = pch_style(shapes[i], colors[i])
            scale_area = style.pop("scale")
            opts = {"s": marker_area(pointsize) * scale_area, "linewidths": MARKER_EDGE,
                    "zorder": 2.0, "gid": f"points:{level}", **style}
            ax.scatter(xy[members[i], 0], xy[members[i], 1],
                       **with_options(opts, kwargs, "scatter"))
    # 2. the hulls or ellipses
    if ellipse:
        too_few = []
        for i, level in enumerate(levels):
            pts = xy[members[i]]
            outline: np.ndarray | None
            if ellipse_type == "convex":
                outline = _hull(pts)
            else:
                outline = _norm_ellipse(pts, ellipse_level)
                if outline is None:
                    too_few.append(level)
                    continue
            ax.add_patch(Polygon(outline, closed=True,
                                 facecolor=(*rgb(colors[i]), ellipse_alpha),
                                 edgecolor=colors[i], linewidth=0.5 * MM * 0.75, zorder=2.1,
                                 gid=f"{ellipse_type}:{level}"))
        if too_few:
            warnings.warn(
                f"Too few points to calculate an ellipse: no 'norm' ellipse for cluster(s) "
                f"{', '.join(too_few)} (fewer than 4 points, or all on a line)",
                StatKMeansWarning, stacklevel=2)
    # 3. the centres: means of the plotted coordinates
    if show_clust_cent:
        for i, level in enumerate(levels):
            pts = xy[members[i]]
            centre = [r_mean(pts[:, 0]), r_mean(pts[:, 1])]
            style = pch_style(shapes[i], colors[i])
            scale_area = style.pop("scale")
            ax.scatter([centre[0]], [centre[1]], s=marker_area(2 * pointsize) * scale_area,
                       linewidths=MARKER_EDGE, zorder=2.2, gid=f"center:{level}", **style)
    # 4. the names, above the points
    if "text" in geoms:
        fontsize = labelsize / 3 * MM
        names = [str(v) for v in frame.index]
        for row, name in enumerate(names):
            ax.annotate(name, (xy[row, 0], xy[row, 1]), xytext=(0, 0.7 * 0.75 * fontsize),
                        textcoords="offset points", ha="center", va="bottom",
                        fontsize=fontsize, color=colors[which[row]], zorder=2.3,
                        annotation_clip=True)

    handles: list[tuple[Patch, Line2D] | Line2D] = []
    for i, level in enumerate(levels):
        style = pch_style(shapes[i], colors[i])
        style.pop("scale")
        face = style.get("facecolors", style.get("color"))
        edge = style.get("edgecolors", style.get("color"))
        mark = Line2D([], [], linestyle="none", marker=style["marker"], markersize=6,
                      markerfacecolor=face, markeredgecolor=edge, label=level)
        if ellipse:
            fill = Patch(facecolor=(*rgb(colors[i]), ellipse_alpha), edgecolor=colors[i])
            handles.append((fill, mark))
        else:
            handles.append(mark)
    ax.legend(handles=handles, labels=levels, title="cluster", loc="center left",
              bbox_to_anchor=(1.01, 0.5), frameon=False)
    ax.set_xlabel(coords.xlab if xlab is None else xlab)
    ax.set_ylabel(coords.ylab if ylab is None else ylab)
    ax.set_title(main, loc="left")
    grey_theme(ax, minor=True)
    return ax
