"""r_print against R 4.2.2's printed output (each expected text was printed by R)."""

import io

import numpy as np
import pandas as pd
import pytest

from statkmeans import InvalidArgumentError, InvalidTypeError, r_print


def printed(x, **kwargs) -> str:
    buf = io.StringIO()
    r_print(x, file=buf, **kwargs)
    return buf.getvalue()


class TestRPrint:
    """R's print() layout for vectors, matrices and list matrices."""

    @pytest.mark.parametrize("x, kwargs, r", [
        # R: print(c(a = 1.5, b = NA, c = 3))
        ([1.5, None, 3.0], {"names": ["a", "b", "c"]}, "  a   b   c \n1.5  NA 3.0 \n"),
        # R: print(c(TRUE, NA))
        ([True, None], {}, "[1] TRUE   NA\n"),
        # R: print(1:25)
        (np.arange(1, 26), {}, " [1]  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25\n"),
        # R: print(c(0.001234, 123456789))
        (np.array([0.001234, 123456789]), {}, "[1] 1.234000e-03 1.234568e+08\n"),
        # R: print(matrix(c(1e-10, 1, 2, 3), 2, dimnames = list(NULL, c("p", "q"))))
        (np.array([[1e-10, 2.0], [1.0, 3.0]]), {"col_names": ["p", "q"]},
         "         p q\n[1,] 1e-10 2\n[2,] 1e+00 3\n"),
        # R: print(matrix(list(1L, "a", 2.5, TRUE), 2))
        (np.array([[1, 2.5], ["a", True]], dtype=object), {},
         '     [,1] [,2]\n[1,] 1    2.5 \n[2,] "a"  TRUE\n'),
        # R: print(3.25)
        (3.25, {}, "[1] 3.25\n"),
    ])
    def test_layout(self, x, kwargs, r):
        """The same text as R's print."""
        assert printed(x, **kwargs) == r

    def test_series_and_frame(self):
        """A Series is a named vector; a DataFrame a matrix with its column names."""
        # R: print(c(a = 1.5, b = 2))
        assert printed(pd.Series([1.5, 2.0], index=["a", "b"])) == "  a   b \n1.5 2.0 \n"
        # R: print(matrix(c(1, 2, 3, 4), 2, dimnames = list(NULL, c("x", "y"))))
        assert printed(pd.DataFrame({"x": [1.0, 2.0], "y": [3.0, 4.0]})) == "     x y\n[1,] 1 3\n[2,] 2 4\n"

    def test_bad_input(self):
        """3-D data and a bad digits are errors naming the problem."""
        with pytest.raises(InvalidTypeError, match="3 dimensions"):
            r_print(np.zeros((2, 2, 2)))
        with pytest.raises(InvalidTypeError, match="dict"):
            r_print({"a": 1})
        with pytest.raises(InvalidArgumentError, match="'digits'"):
            r_print([1.0], digits=0)
