"""The examples in the public docstrings run and print what they show."""

import doctest
import importlib

import numpy as np
import pytest

MODULES = ["statkmeans.kmeans", "statkmeans.rng", "statkmeans.printing", "statkmeans.scale", "statkmeans.dist",
           "statkmeans.plots",
           "statkmeans.silhouette", "statkmeans.gap", "statkmeans.datasets"]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name):
    """doctest finds no failing example in the module."""
    module = importlib.import_module(name)
    with np.printoptions(legacy=False):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
