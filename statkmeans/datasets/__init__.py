"""Bundled datasets, as R ships them, so every example runs offline.

``load_dataset(name)`` returns a pandas DataFrame. Row names that R keeps
(``USArrests``' states, and the "1".."n" of ``faithful`` and ``ruspini``)
become the index, so ``kmeans`` prints a named clustering vector exactly
when R does; ``iris`` has R's automatic row names and a default index.
The CSV files are written by ``tests/r_reference/make_datasets.R``.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from .._validation import check_dataset

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["list_datasets", "load_dataset"]

# name -> (description, has R row names)
_DATASETS = {
    "USArrests": ("Violent crime rates by US state, 1973 (R datasets)", True),
    "faithful": ("Old Faithful geyser eruptions and waiting times (R datasets)", True),
    "iris": ("Fisher's iris measurements; 'Species' is categorical (R datasets)", False),
    "ruspini": ("Ruspini's 75 two-dimensional points in 4 groups (R package cluster)", True),
}


def list_datasets() -> dict[str, str]:
    """Names of the bundled datasets with a one-line description each.

    Returns
    -------
    dict of str to str
        Each dataset's name (as :func:`load_dataset` takes it) and its description.
    """
    return {name: desc for name, (desc, _) in _DATASETS.items()}


def load_dataset(name: str) -> pd.DataFrame:
    """Load a bundled dataset as a pandas DataFrame.

    Parameters
    ----------
    name : {"USArrests", "faithful", "iris", "ruspini"}
        The R name; matching ignores case.

    Returns
    -------
    DataFrame
        The data as R has it: R's row names as the index, where R has them.

    Examples
    --------
    >>> from statkmeans import load_dataset
    >>> load_dataset("USArrests").shape
    (50, 4)
    """
    import pandas as pd

    key = check_dataset(name, list(_DATASETS))
    has_rownames = _DATASETS[key][1]
    with resources.files(__name__).joinpath(f"{key}.csv").open("r", encoding="utf-8") as f:
        frame = pd.read_csv(f, index_col=0 if has_rownames else None)
    if has_rownames:
        frame.index.name = None
    if key == "iris":
        frame["Species"] = pd.Categorical(frame["Species"])
    return frame
