"""dist against R 4.2.2: fixtures from tests/r_reference/make_silhouette_fixtures.R.

Every expected value here was computed by R, or by the naive reference below;
none by statkmeans.
"""

from __future__ import annotations

import math

import attrs
import numpy as np
import pandas as pd
import pytest
from conftest import as_list, load_fixture, rows
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.spatial.distance import pdist, squareform

from statkmeans import load_dataset
from statkmeans.dist import Dist, dist
from statkmeans.exceptions import InvalidArgumentError, InvalidTypeError

FIX = load_fixture("silhouette_fixtures.json")
GENERATED = {name: rows(values) for name, values in FIX["data"].items()}


def dataset(name: str, frame: bool = False):
    """Fixture data by name: a bundled dataset (as R had it) or generated data."""
    if name in GENERATED:
        return GENERATED[name]
    data = load_dataset(name)
    if name == "iris":
        data = data.iloc[:, :4]
    return data if frame else data.to_numpy()


def r_values(values) -> np.ndarray:
    """R's "%.17g" strings, with "NA" as NaN."""
    return np.array([math.nan if v == "NA" else float(v) for v in as_list(values)])


def naive_dist(x: np.ndarray, method: str, p: float = 2.0) -> np.ndarray:
    """Plain Python loops over pairs and columns, R's documented formulas."""
    n, ncol = x.shape
    out = []
    for i in range(n):
        for j in range(i + 1, n):
            a, b = x[i], x[j]
            if method == "euclidean":
                s = 0.0
                for c in range(ncol):
                    t = float(a[c] - b[c])
                    s += t * t
                out.append(math.sqrt(s))
            elif method == "manhattan":
                s = 0.0
                for c in range(ncol):
                    s += abs(float(a[c] - b[c]))
                out.append(s)
            elif method == "maximum":
                out.append(max(abs(float(a[c] - b[c])) for c in range(ncol)))
            elif method == "minkowski":
                s = 0.0
                for c in range(ncol):
                    dev = abs(float(a[c] - b[c]))
                    s += dev * dev if p == 2 else dev**p
                out.append(s ** (1.0 / p))
            elif method == "canberra":
                s, used = 0.0, 0
                for c in range(ncol):
                    num, den = abs(float(a[c] - b[c])), abs(float(a[c])) + abs(float(b[c]))
                    if den > np.finfo(float).tiny:
                        s += num / den
                        used += 1
                out.append(math.nan if used == 0 else (s if used == ncol else s / (used / ncol)))
            elif method == "binary":
                on = [(a[c] != 0) or (b[c] != 0) for c in range(ncol)]
                one = [(a[c] != 0) != (b[c] != 0) for c in range(ncol)]
                out.append(sum(one) / sum(on) if sum(on) else 0.0)
    return np.array(out, dtype=np.float64)


DIST_CASES = FIX["dist"]


def dist_id(case: dict) -> str:
    extra = f"_p{case['p']}" if case["method"] == "minkowski" else ""
    return f"{case['data']}_{case['method']}{extra}"


class TestDistAgainstR:
    @pytest.mark.parametrize("case", DIST_CASES, ids=[dist_id(c) for c in DIST_CASES])
    def test_values_are_rs(self, case):
        """Every distance equals R's dist() bit for bit (NA as NaN)."""
        d = dist(dataset(case["data"]), case["method"], p=case["p"])
        expected = r_values(case["values"])
        assert d.size == case["size"]
        np.testing.assert_array_equal(d.values, expected)

    @pytest.mark.parametrize("case", FIX["dist_printed"],
                             ids=[c["id"] for c in FIX["dist_printed"]])
    def test_print_is_rs(self, case):
        """print(d, diag, upper, digits) is R's text, line for line."""
        x = dataset(case["data"], frame=True)
        idx = np.array(as_list(case["rows"])) - 1
        x = x.iloc[idx] if isinstance(x, pd.DataFrame) else x[idx]
        d = dist(x, case["method"], p=case["p"])
        text = d.to_string(case["digits"], diag=case["diag"], upper=case["upper"])
        assert text.splitlines() == as_list(case["printed"])

    def test_str_uses_stored_diag_and_upper(self):
        """str(d) prints with the object's diag/upper flags, as print.dist does."""
        case = next(c for c in FIX["dist_printed"] if c["id"] == "USArrests_5_diag_upper")
        d = dist(load_dataset("USArrests").iloc[:5], diag=True, upper=True)
        assert str(d).splitlines() == as_list(case["printed"])


class TestDistObject:
    def test_condensed_order_is_scipy_pdist(self):
        """R's column-major lower triangle is scipy's pdist sequence."""
        x = dataset("gauss")[:40]
        np.testing.assert_array_equal(dist(x).values, pdist(x))
        np.testing.assert_array_equal(dist(x, "manhattan").values, pdist(x, "cityblock"))

    def test_to_matrix_is_squareform(self):
        """to_matrix() is symmetric with a zero diagonal (R's as.matrix)."""
        x = dataset("ruspini")
        d = dist(x)
        m = d.to_matrix()
        np.testing.assert_array_equal(m, squareform(pdist(x)))
        np.testing.assert_array_equal(m, m.T)
        assert not np.diag(m).any()

    def test_from_matrix_takes_lower_triangle(self):
        """from_matrix reads m[i, j], i > j, as R's as.dist; the rest is ignored."""
        m = np.arange(16, dtype=float).reshape(4, 4)
        d = Dist.from_matrix(m)
        assert d.size == 4
        np.testing.assert_array_equal(d.values, [4, 8, 12, 9, 13, 14])

    def test_from_matrix_frame_labels(self):
        """A DataFrame's index becomes the labels."""
        frame = dist(load_dataset("USArrests").iloc[:4]).to_frame()
        d = Dist.from_matrix(frame)
        assert d.labels == ("Alabama", "Alaska", "Arizona", "Arkansas")

    def test_from_condensed_round_trip(self):
        """from_condensed(pdist) gives the same object as dist()."""
        x = dataset("ints")
        assert Dist.from_condensed(pdist(x)).values.tolist() == dist(x).values.tolist()
        assert Dist.from_condensed(pdist(x)).size == 60

    def test_labels_from_frame_index(self):
        """Row names of a DataFrame are the labels; a default index gives none."""
        assert dist(load_dataset("USArrests")).labels[:2] == ("Alabama", "Alaska")
        assert dist(dataset("iris", frame=True)).labels is None

    def test_to_frame_is_labelled(self):
        """to_frame() is the square matrix with labels (or 1..n)."""
        frame = dist(load_dataset("USArrests").iloc[:3]).to_frame()
        assert list(frame.index) == ["Alabama", "Alaska", "Arizona"]
        assert list(dist(np.eye(3)).to_frame().columns) == [1, 2, 3]

    def test_no_implicit_array(self):
        """np.asarray(d) is refused, pointing to .values and .to_matrix()."""
        with pytest.raises(TypeError, match=r"d\.values .* d\.to_matrix\(\)"):
            np.asarray(dist(np.eye(3)))

    def test_frozen_and_read_only(self):
        """Fields cannot be set and values cannot be written."""
        d = dist(np.eye(3))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            d.size = 4
        with pytest.raises(ValueError, match="read-only"):
            d.values[0] = 1.0

    def test_input_not_frozen(self):
        """The caller's array stays writeable."""
        v = pdist(np.eye(3))
        d = Dist.from_condensed(v)
        assert v.flags.writeable
        v[0] = 5.0
        assert d.values[0] == math.sqrt(2)

    def test_equality(self):
        """Equal distances and attributes compare equal."""
        assert dist(np.eye(3)) == dist(np.eye(3))
        assert dist(np.eye(3)) != dist(np.eye(3), "manhattan")

    def test_repr_is_short(self):
        """repr is one line naming size, method and a few labels."""
        text = repr(dist(load_dataset("USArrests")))
        assert text == ("Dist(size=50, method='euclidean', labels=('Alabama', 'Alaska', "
                        "'Arizona', ...))")

    def test_minkowski_p_recorded(self):
        """p is kept for Minkowski only."""
        assert dist(np.eye(3), "minkowski", p=3).p == 3.0
        assert dist(np.eye(3), p=3).p is None

    def test_prefix_and_r_spelling(self):
        """A unique prefix and R's "euclidian" select the method."""
        assert dist(np.eye(3), "man").method == "manhattan"
        assert dist(np.eye(3), "euclidian").method == "euclidean"

    def test_single_observation(self):
        """One observation has no distance and prints dist(0), as R."""
        d = dist(np.array([[1.0, 2.0]]))
        assert d.size == 1 and len(d.values) == 0
        assert str(d) == "dist(0)\n"

    @pytest.mark.parametrize("method", ["euclidean", "canberra", "minkowski"])
    def test_threads_do_not_matter(self, method):
        """The result does not depend on the number of threads."""
        x = dataset("gauss")
        one = dist(x, method, p=3, n_threads=1)
        two = dist(x, method, p=3, n_threads=2)
        np.testing.assert_array_equal(one.values, two.values)


class TestDistErrors:
    def test_unknown_method(self):
        """An unknown or ambiguous method names the choices."""
        with pytest.raises(InvalidArgumentError, match="should be one of .*got method='foo'"):
            dist(np.eye(3), "foo")
        with pytest.raises(InvalidArgumentError, match="got method='m'"):
            dist(np.eye(3), "m")

    @pytest.mark.parametrize("p", [0, -1, math.inf, math.nan])
    def test_invalid_p(self, p):
        """Minkowski needs a positive finite p (R: distance(): invalid p)."""
        with pytest.raises(InvalidArgumentError, match="'p' must be a positive finite number"):
            dist(np.eye(3), "minkowski", p=p)

    def test_p_ignored_for_other_methods(self):
        """p = 0 is not checked unless the method is Minkowski, as in R."""
        assert dist(np.eye(3), p=0).method == "euclidean"

    def test_p_type(self):
        """p must be a number."""
        with pytest.raises(InvalidTypeError, match="'p' must be a number"):
            dist(np.eye(3), "minkowski", p="2")

    def test_nan_in_data(self):
        """NaN in x is an error naming its position."""
        x = np.eye(3)
        x[1, 2] = np.nan
        with pytest.raises(InvalidArgumentError, match=r"NA/NaN/Inf in 'x' .*row 2, column 3"):
            dist(x)

    def test_non_numeric(self):
        """Strings are refused."""
        with pytest.raises(InvalidTypeError, match="'x' must be numeric"):
            dist(np.array([["a", "b"], ["c", "d"]]))

    def test_bad_condensed_length(self):
        """A vector whose length is not n(n-1)/2 is refused."""
        with pytest.raises(InvalidArgumentError, match="length 4 is not a condensed distance"):
            Dist.from_condensed(np.ones(4))

    def test_from_matrix_not_square(self):
        """from_matrix needs a square matrix."""
        with pytest.raises(InvalidArgumentError, match=r"square matrix; got shape \(2, 3\)"):
            Dist.from_matrix(np.ones((2, 3)))

    def test_size_must_match(self):
        """A Dist whose size does not fit its values cannot be built."""
        with pytest.raises(InvalidArgumentError, match=r"'size' \(4\) does not match the 3"):
            Dist(values=np.ones(3), size=4)

    def test_labels_must_match(self):
        """One label per observation."""
        with pytest.raises(InvalidArgumentError, match=r"one label per observation \(3\); got 2"):
            Dist(values=np.ones(3), size=3, labels=["a", "b"])


finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
small_ints = st.integers(-3, 3).map(float)


@st.composite
def matrices(draw):
    n = draw(st.integers(1, 12))
    p = draw(st.integers(1, 5))
    elements = draw(st.sampled_from([finite, small_ints]))
    return draw(hnp.arrays(np.float64, (n, p), elements=elements))


class TestDistKernel:
    @settings(max_examples=60, deadline=None)
    @given(x=matrices(),
           method=st.sampled_from(["euclidean", "maximum", "manhattan", "canberra", "binary",
                                   "minkowski"]),
           p=st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0]))
    def test_equals_naive_loops(self, x, method, p):
        """The compiled dist equals plain Python loops exactly."""
        got = dist(x, method, p=p).values
        np.testing.assert_array_equal(got, naive_dist(x, method, p))
