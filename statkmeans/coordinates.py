"""The coordinates factoextra's ``fviz_cluster`` plots for a k-means result.

:func:`cluster_coordinates` standardises the data (by default) and, for more
than two variables, projects them on two components of an uncentred PCA, as
factoextra does; :func:`statkmeans.plot_cluster` draws them.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from ._format import round_label
from ._results import PrettyPrinted, frozen_field
from ._typing import ArrayLike
from ._validation import (
    check_axes,
    check_bool,
    check_cluster_plot_data,
    check_plot_axes,
    check_two_names,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["ClusterCoordinates", "cluster_coordinates"]


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _percent(value: Any) -> tuple[float, float] | None:
    return None if value is None else (float(value[0]), float(value[1]))


@attrs.frozen(kw_only=True, repr=False)
class ClusterCoordinates(PrettyPrinted):
    """What factoextra's ``fviz_cluster`` plots: two coordinates per observation.

    Returned by :func:`cluster_coordinates`. Arrays are read-only.

    Attributes
    ----------
    xy : ndarray of shape (n, 2)
        The coordinates: two principal-component scores (p > 2) or the two
        (standardised) variables (p == 2).
    cluster : ndarray of int64 of shape (n,)
        Cluster code of each observation.
    index : pandas.Index
        The observations' names: ``data``'s index, or 1..n for a default
        index or an array.
    dims : tuple of str
        Names of the two coordinates: ``("Dim1", "Dim2")`` for
        ``axes=(1, 2)``, or the two column names of ``data``.
    xlab, ylab : str
        factoextra's axis labels, such as ``"Dim1 (62%)"``.
    percent : tuple of float or None
        The two components' percentages of the total (uncentred) variance,
        unrounded; None when p == 2.
    """

    xy: np.ndarray = frozen_field(np.float64)
    cluster: np.ndarray = frozen_field(np.int64)
    index: Any = attrs.field(eq=attrs.cmp_using(eq=lambda a, b: bool(a.equals(b))))
    dims: tuple[str, str] = attrs.field(converter=_names)
    xlab: str
    ylab: str
    percent: tuple[float, float] | None = attrs.field(converter=_percent)

    @property
    def n(self) -> int:
        """Number of observations."""
        return int(self.xy.shape[0])

    def to_frame(self) -> pd.DataFrame:
        """factoextra's ``p$data``: a fresh DataFrame on each call.

        Indexed by :attr:`index`, with the two coordinate columns (named
        :attr:`dims`) and ``cluster``, a categorical of the codes as strings
        (R's factor). For code written against versions before 0.2, its
        ``attrs`` also hold ``xlab``, ``ylab`` and ``percent``.

        Returns
        -------
        DataFrame
            The plotted coordinates and clusters.
        """
        import pandas as pd

        levels = [str(v) for v in np.unique(self.cluster)]
        frame: pd.DataFrame = pd.DataFrame({self.dims[0]: self.xy[:, 0].copy(),
                                            self.dims[1]: self.xy[:, 1].copy()},
                                           index=self.index)
        frame["cluster"] = pd.Categorical([str(v) for v in self.cluster], categories=levels)
        frame.attrs = {"xlab": self.xlab, "ylab": self.ylab, "percent": self.percent}
        return frame

    def __str__(self) -> str:
        return f"{self.xlab}; {self.ylab}\n{self.to_frame().to_string()}\n"

    def __repr__(self) -> str:
        return (f"ClusterCoordinates(n={self.n}, dims={self.dims}, xlab={self.xlab!r}, "
                f"ylab={self.ylab!r})")

    def __len__(self) -> int:
        return self.n

    # Until 0.2, cluster_coordinates returned the DataFrame itself: keep its
    # methods working for a while, with a warning.
    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        frame = self.to_frame()
        if not hasattr(frame, name):
            raise AttributeError(f"'ClusterCoordinates' object has no attribute '{name}'")
        _warn_frame(name)
        return getattr(frame, name)

    def __getitem__(self, key: Any) -> Any:
        _warn_frame("[...]")
        return self.to_frame()[key]


def _warn_frame(what: str) -> None:
    warnings.warn(
        f"cluster_coordinates() returns a ClusterCoordinates since version 0.2, not a "
        f"DataFrame: use .to_frame(){'' if what == '[...]' else '.' + what} (and .xlab, "
        ".ylab, .percent instead of .attrs)",
        FutureWarning,
        stacklevel=3,
    )


def cluster_coordinates(km: Any, data: ArrayLike, *, stand: bool = True,
                        axes: tuple[int, int] = (1, 2)) -> ClusterCoordinates:
    """The coordinates factoextra's ``fviz_cluster`` plots for a k-means result.

    The data (standardised by default) are shown as they are when they have
    two columns; with more, as their scores on two principal components of an
    **uncentred** PCA (R's ``prcomp(data, center = FALSE, scale. = FALSE)``).

    Parameters
    ----------
    km : KMeansResult
        From :func:`~statkmeans.kmeans`; its clusters colour the points.
    data : array-like or DataFrame of shape (n, p)
        The data that were clustered (R needs them too), p >= 2, in the same
        row order as ``km``. Row names (a DataFrame's index, unless it is the
        default 0..n-1) label the points; otherwise they are numbered 1..n.
    stand : bool, default=True
        Standardise the columns first, as R's ``scale()``
        (:func:`~statkmeans.scale`).
    axes : pair of int, default=(1, 2)
        The principal components to show (1-based) when p > 2. Ignored when
        p == 2, as in factoextra.

    Returns
    -------
    ClusterCoordinates
        The two coordinates of each observation (``xy``), their cluster
        codes, the row names, factoextra's axis labels (``xlab``, ``ylab``,
        such as ``"Dim1 (62%)"``) and the two components' percentages of the
        total (uncentred) variance (``percent``, None when p == 2);
        ``.to_frame()`` gives factoextra's ``p$data`` as a DataFrame.

    Raises
    ------
    InvalidTypeError
        ``km`` is not a KMeansResult, ``data`` is None or not numeric,
        ``stand`` is not a bool.
    InvalidArgumentError
        p < 2 ("The dimension of the data < 2! No plot."), ``data`` with
        NA/NaN/Inf or another number of rows than ``km``, ``axes`` not two
        numbers between 1 and the number of components min(n, p), a constant
        column with ``stand=True``.

    See Also
    --------
    plot_cluster : Draws these coordinates as ``fviz_cluster`` does.

    Notes
    -----
    R: ``p <- factoextra::fviz_cluster(km, data, stand = TRUE, axes = c(1, 2));
    p$data`` and ``p$labels``. ``p$data``'s ``x``, ``y`` and ``cluster`` are
    the two coordinate columns and ``cluster`` here, its ``name`` is the
    index (as strings).

    With p > 2, the scores are ``X V`` for the right singular vectors V of
    the (standardised) data X, from numpy's SVD; a component's percentage is
    100 times its eigenvalue (squared singular value) over their sum, and
    its axis label rounds that to one decimal with R's ``round``. The PCA does
    not centre: harmless after standardising, but with ``stand=False`` the
    first component points towards the data's mean (iris: 96.5%).

    Differences from R:

    * The result is an object with the labels as fields; until version 0.2
      returned a DataFrame whose ``attrs`` held them (pandas drops
      ``attrs`` in many operations). DataFrame methods used on the result
      still work, with a FutureWarning: call ``.to_frame()``.

    * The sign of each component is the SVD's, so it can differ from R's
      LAPACK, which mirrors the picture (on USArrests, iris and the tests'
      data the signs agree with R 4.2.2's reference LAPACK 3.11).
    * ``data`` of another number of rows than ``km``, a constant column with
      ``stand=True`` and p == 2 data without column names are errors or
      handled (labels ``x1``, ``x2``) here; R recycles, fails inside
      ``prcomp``, or fails with "argument is of length zero".
    * factoextra's ``coord`` column (x^2 + y^2) is not included.

    Tested against R 4.2.2 / factoextra 1.0.7
    (``tests/r_reference/make_cluster_plot_fixtures.R``): USArrests (p = 4,
    axes (1, 2) and (3, 4)), faithful (p = 2), iris with ``stand=False`` and
    a small degenerate data set; coordinates within 1e-14 of R's, axis labels
    identical.

    Examples
    --------
    >>> from statkmeans import cluster_coordinates, kmeans, load_dataset, scale, set_seed
    >>> arrests = load_dataset("USArrests")
    >>> set_seed(1)
    >>> km = kmeans(scale(arrests), 3, nstart=25)
    >>> coords = cluster_coordinates(km, arrests)
    >>> coords.to_frame().head(3).round(4)
               Dim1    Dim2 cluster
    Alabama -0.9757 -1.1220       3
    Alaska  -1.9305 -1.0624       3
    Arizona -1.7454  0.7385       3
    >>> coords.xlab, coords.ylab
    ('Dim1 (62%)', 'Dim2 (24.7%)')
    """
    import pandas as pd

    from .scale import scale

    stand = check_bool(stand, "stand")
    a, b = check_axes(axes)
    mat = check_cluster_plot_data(km, data, stand)
    n, p = mat.n, mat.p
    values = mat.values
    if stand:
        values = scale(values)
    if p == 2:
        xy = values
        names = list(mat.col_names) if mat.col_names else ["x1", "x2"]
        check_two_names(names)
        labels = [f"{nm} value" if nm == axis else nm for nm, axis in zip(names, ("x", "y"))]
        percent = None
    else:
        n_comp = min(n, p)
        check_plot_axes(a, b, n_comp)
        _, d, vt = np.linalg.svd(values, full_matrices=False)
        eig = d * d
        pct = 100.0 * eig / np.sum(eig)
        xy = np.empty((n, 2))
        for out, comp in enumerate((a, b)):
            v = vt[comp - 1]
            acc = values[:, 0] * v[0]
            for j in range(1, p):  # the product column by column, in R's order
                acc = acc + values[:, j] * v[j]
            xy[:, out] = acc
        names = [f"Dim{a}", f"Dim{b}"]
        percent = (float(pct[a - 1]), float(pct[b - 1]))
        labels = [f"Dim{c} ({round_label(pct[c - 1], 1)}%)" for c in (a, b)]

    if mat.row_names is not None:
        index = mat.index if mat.index is not None else pd.Index(mat.row_names)
    else:
        index = pd.RangeIndex(1, n + 1)
    return ClusterCoordinates(xy=xy, cluster=np.asarray(km.cluster), index=index,
                              dims=(names[0], names[1]), xlab=labels[0], ylab=labels[1],
                              percent=percent)


