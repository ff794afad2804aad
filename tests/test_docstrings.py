"""The examples in the public docstrings run and print what they show."""

import doctest
import importlib
import pkgutil

import numpy as np
import pytest

import statkmeans

# Every module of the package (the compiled kernels have no examples).
MODULES = sorted(
    info.name for info in pkgutil.walk_packages(statkmeans.__path__, "statkmeans.")
    if not info.name.startswith("statkmeans._kernels") and info.name != "statkmeans.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_examples(name):
    """doctest finds no failing example in the module."""
    module = importlib.import_module(name)
    with np.printoptions(legacy=False):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
