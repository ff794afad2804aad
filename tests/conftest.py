"""Shared fixtures: R reference files, and a clean matplotlib state per test."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

R_REFERENCE = Path(__file__).parent / "r_reference"


@lru_cache(maxsize=None)
def load_fixture(name: str) -> dict:
    """A committed JSON fixture written by an R script in tests/r_reference."""
    with open(R_REFERENCE / name, encoding="utf-8") as f:
        return json.load(f)


def num(values) -> np.ndarray:
    """Doubles written by R as "%.17g" strings (exact), as a float64 array."""
    if isinstance(values, str):
        values = [values]
    return np.array([float(v) for v in values], dtype=np.float64)


def rows(values) -> np.ndarray:
    """A matrix written row by row as lists of "%.17g" strings."""
    return np.array([[float(v) for v in (r if isinstance(r, list) else [r])] for r in values])


def fpc_data(name: str) -> np.ndarray:
    """A data set of fpc_fixtures.json by its name there: "blob" (stored in the file),
    a bundled data set, or "<name>_scaled" (R's scale(), which is statkmeans' scale,
    tested elsewhere); iris without its Species column."""
    if name == "blob":
        return rows(load_fixture("fpc_fixtures.json")["blob"])
    import statkmeans as sk

    base = {"iris_scaled": "iris", "USArrests_scaled": "USArrests"}.get(name, name)
    x = sk.load_dataset(base)
    if base == "iris":
        x = x.iloc[:, :4]
    return np.asarray(sk.scale(x) if name.endswith("_scaled") else x, dtype=np.float64)


def as_list(value) -> list:
    """jsonlite's auto_unbox turns length-1 vectors into scalars; undo that."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test opened (only if pyplot was used)."""
    yield
    import sys

    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")


@pytest.fixture(autouse=True)
def _default_sampler():
    """Each test starts with R's default sampler; one that chose "Rounding" does not leak."""
    from statkmeans import rng_kind

    rng_kind("Rejection")
    yield
    rng_kind("Rejection")


def pytest_configure(config):
    import matplotlib

    matplotlib.use("Agg")
