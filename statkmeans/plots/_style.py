"""The look of the plots: ggplot2's themes and colours, R's plotting symbols.

factoextra draws with ggplot2; these helpers give matplotlib its look:
ggpubr's classic theme and ggplot2's grey one, ggplot2's default hue
palette (polar CIE-LUV colours), R's ``pch`` symbols and ggplot2's point
sizes.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._validation import artist_of, check_palette

__all__ = [
    "MARKER_EDGE",
    "MM",
    "R_GRAY",
    "classic_theme",
    "cluster_colors",
    "cluster_shapes",
    "grey_theme",
    "hcl_hex",
    "hue_palette",
    "marker_area",
    "pch_style",
    "rgb",
]

# R's colour "gray" (matplotlib's "gray" is darker).
R_GRAY = "#BEBEBE"
# ggplot2's solid shapes (scales::shape_pal()) for up to six clusters; factoextra
# uses R's plotting symbols 1..k beyond that.
SOLID_SHAPES = (16, 17, 15, 3, 7, 8)
MM = 72.27 / 25.4  # ggplot2's .pt: points per millimetre
STROKE = 96 / 25.4  # ggplot2's .stroke
MARKER_EDGE = 0.7  # pt: ggplot2's stroke 0.5 (0.5 * .stroke / 2 R line widths of 1/96 in)


def classic_theme(ax: Any) -> None:
    """ggpubr's classic look: white panel, black axis lines, ticks out, no grid."""
    ax.set_facecolor("white")
    ax.grid(False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(True)
        ax.spines[side].set_color("black")
        ax.spines[side].set_linewidth(0.8)
    ax.tick_params(direction="out", colors="black", which="both")
    ax.minorticks_off()


def hcl_hex(h: float, c: float, lum: float) -> str:
    """A polar CIE-LUV colour (hue in degrees, chroma, luminance) as sRGB hex, clipped."""
    xn, yn, zn = 95.047, 100.0, 108.883  # D65 white
    un = 4 * xn / (xn + 15 * yn + 3 * zn)
    vn = 9 * yn / (xn + 15 * yn + 3 * zn)
    y = yn * (((lum + 16) / 116) ** 3 if lum > 8 else lum * 27 / 24389)
    u = c * math.cos(math.radians(h)) / (13 * lum) + un
    v = c * math.sin(math.radians(h)) / (13 * lum) + vn
    x = 9 * y * u / (4 * v)
    z = -x / 3 - 5 * y + 3 * y / v
    to_rgb = np.array([[3.240479, -1.537150, -0.498535],
                       [-0.969256, 1.875992, 0.041556],
                       [0.055648, -0.204043, 1.057311]])
    out = []
    for t in to_rgb @ (np.array([x, y, z]) / yn):
        t = 12.92 * t if t <= 0.0031308 else 1.055 * t ** (1 / 2.4) - 0.055
        out.append(round(255 * min(1.0, max(0.0, t))))
    return "#{:02X}{:02X}{:02X}".format(*out)


def hue_palette(n: int) -> list[str]:
    """ggplot2's default discrete colours for n groups (``scales::hue_pal()(n)``)."""
    return [hcl_hex(15 + 360 * i / n, 100, 65) for i in range(n)]


def cluster_colors(n: int, palette: Any) -> list[Any]:
    """One colour per cluster: the user's palette (checked) or ggplot2's hue palette."""
    colors = check_palette(palette, n)
    return hue_palette(n) if colors is None else colors


def grey_theme(ax: Any, *, minor: bool = False) -> None:
    """ggplot2's default look (``theme_grey``): grey panel, white grid, no frame."""
    ax.set_facecolor("#EBEBEB")
    ax.grid(True, which="major", color="white", linewidth=1.0)
    if minor:
        from matplotlib.ticker import AutoMinorLocator

        ax.xaxis.set_minor_locator(AutoMinorLocator(2))
        ax.yaxis.set_minor_locator(AutoMinorLocator(2))
        ax.grid(True, which="minor", color="white", linewidth=0.5)
        ax.tick_params(which="minor", length=0)
    ax.set_axisbelow(True)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(colors="#4D4D4D", which="both")


def cluster_shapes(k: int) -> list[int]:
    """factoextra's point shapes (R ``pch`` codes) for k clusters."""
    if k <= len(SOLID_SHAPES):
        return list(SOLID_SHAPES[:k])
    return [1 + i % 25 for i in range(k)]


def pch_style(pch: int, color: Any) -> dict[str, Any]:
    """``ax.scatter`` keywords drawing R's plotting symbol ``pch`` in ``color``.

    Returns marker, colours and ``scale`` (a factor on the marker area for the
    symbols R draws smaller or larger than a circle of the same size).
    """
    from matplotlib.path import Path

    def lines(*segments: Any) -> Path:
        verts, codes = [], []
        for a, b in segments:
            verts += [a, b]
            codes += [Path.MOVETO, Path.LINETO]
        return Path(verts, codes)

    square = Path([(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)], closed=True)
    diamond = Path([(0, -1), (1, 0), (0, 1), (-1, 0), (0, -1)], closed=True)
    up = Path([(-1, -0.8), (1, -0.8), (0, 0.93), (-1, -0.8)], closed=True)
    down = Path([(-1, 0.8), (1, 0.8), (0, -0.93), (-1, 0.8)], closed=True)
    plus = lines(((-1, 0), (1, 0)), ((0, -1), (0, 1)))
    cross = lines(((-1, -1), (1, 1)), ((-1, 1), (1, -1)))
    circle = Path.unit_circle()
    compound = {
        7: Path.make_compound_path(square, cross),
        9: Path.make_compound_path(diamond, plus),
        10: Path.make_compound_path(circle, plus),
        11: Path.make_compound_path(up, down),
        12: Path.make_compound_path(square, plus),
        13: Path.make_compound_path(circle, lines(((-0.71, -0.71), (0.71, 0.71)),
                                                  ((-0.71, 0.71), (0.71, -0.71)))),
        14: Path.make_compound_path(square, Path([(-1, -1), (0, 1), (1, -1)])),
    }
    open_markers = {0: "s", 1: "o", 2: "^", 5: "D", 6: "v"}
    filled = {15: ("s", 1.0), 16: ("o", 1.0), 17: ("^", 1.0), 18: ("D", 0.6), 19: ("o", 1.0),
              20: ("o", 0.45)}
    white_filled = {21: "o", 22: "s", 23: "D", 24: "^", 25: "v"}
    marker: str | Path | None
    if pch in filled:
        marker, scale = filled[pch]
        return {"marker": marker, "facecolors": color, "edgecolors": color, "scale": scale}
    if pch in open_markers or pch in compound:
        marker = open_markers.get(pch, compound.get(pch))
        return {"marker": marker, "facecolors": "none", "edgecolors": color, "scale": 1.0}
    if pch in white_filled:
        return {"marker": white_filled[pch], "facecolors": "white", "edgecolors": color,
                "scale": 1.0}
    # line symbols: 3 plus, 4 cross, 8 asterisk (a plus over a cross)
    line_markers: dict[int, str | Path] = {3: "+", 4: "x", 8: Path.make_compound_path(plus, cross)}
    marker = line_markers[pch]
    return {"marker": marker, "color": color, "scale": 1.3}


def marker_area(size: float) -> float:
    """A ggplot2 point size (mm, stroke 0.5) as a matplotlib marker area in pt^2.

    R draws a symbol of font size ``size * .pt + stroke * .stroke / 2`` with
    a circle diameter of 0.75 of it; the marker edge is taken off.
    """
    fontsize = size * MM + 0.5 * STROKE / 2
    return max(0.75 * fontsize - MARKER_EDGE, 0.5) ** 2


def rgb(color: Any) -> tuple[float, float, float]:
    """A matplotlib colour as an (r, g, b) tuple."""
    from matplotlib.colors import to_rgb

    return to_rgb(color)


def with_options(defaults: dict[str, Any], options: dict[str, Any], call: str) -> dict[str, Any]:
    """The package's look for ``Axes.<call>``, overridden by the user's options.

    Both are put in matplotlib's canonical names first, so an alias the user
    writes (``lw``, ``ec``, ``ls``) replaces the default it stands for instead
    of clashing with it.
    """
    from matplotlib.cbook import normalize_kwargs

    artist = artist_of(call)
    return {**normalize_kwargs(defaults, artist), **normalize_kwargs(options, artist)}
