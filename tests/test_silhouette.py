"""silhouette against R 4.2.2 / cluster 2.1.4: fixtures from
tests/r_reference/make_silhouette_fixtures.R, and a naive O(n^2) reference.

Every expected value here was computed by R or by the plain numpy reference
below; none by statkmeans.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import as_list, load_fixture, num, rows
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.spatial.distance import pdist

import statkmeans
from statkmeans import kmeans, load_dataset, set_seed
from statkmeans._kernels import _silhouette
from statkmeans.dist import dist
from statkmeans.exceptions import (
    InvalidArgumentError,
    InvalidTypeError,
    StatKMeansWarning,
)
from statkmeans.silhouette import SilhouetteResult, SilhouetteSummary, silhouette

FIX = load_fixture("silhouette_fixtures.json")
GENERATED = {name: rows(values) for name, values in FIX["data"].items()}
CASES = FIX["silhouette"]
CASE_IDS = [c["id"] for c in CASES]
PRINTED = [c for c in CASES if "printed" in c]


def dataset(name: str) -> np.ndarray:
    """Fixture data by name: a bundled dataset (as R had it) or generated data."""
    if name in GENERATED:
        return GENERATED[name]
    data = load_dataset(name)
    if name == "iris":
        data = data.iloc[:, :4]
    return data.to_numpy()


def forms(case: dict) -> dict:
    """Every way of giving the case's dissimilarities to silhouette()."""
    x = dataset(case["data"])
    d = dist(x, case["method"], p=case["p"])
    out = {"Dist": {"dist": d}, "condensed": {"dist": np.array(d.values)},
           "dmatrix": {"dmatrix": d.to_matrix()}}
    if case["method"] == "euclidean":
        out["pdist"] = {"dist": pdist(x)}
        out["data"] = {"data": x}
    return out


ALL_FORMS = [(c, f) for c in CASES for f in forms(c)]


def run_python(args: list[str], cwd) -> str:
    """Run Python on the statkmeans being tested (installed or built in place)."""
    env = dict(os.environ)
    package_parent = str(Path(statkmeans.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")]))
    out = subprocess.run([sys.executable, *args], capture_output=True, text=True, check=True,
                         cwd=str(cwd), env=env)
    return out.stdout


# -- a naive, obviously correct reference ---------------------------------------


def naive_distances(x: np.ndarray) -> np.ndarray:
    """Euclidean distance matrix: squares summed column by column, then sqrt."""
    d2 = np.zeros((len(x), len(x)))
    for c in range(x.shape[1]):
        t = x[:, None, c] - x[None, :, c]
        d2 = d2 + t * t
    return np.sqrt(d2)


def naive_silhouette(D: np.ndarray, codes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """R's definitions, loop by loop: (neighbor codes, widths, sums S(i, c))."""
    codes = np.asarray(codes)
    ids = np.unique(codes)
    n, k = len(codes), len(ids)
    cl = np.searchsorted(ids, codes)
    size = np.bincount(cl, minlength=k)
    S = np.zeros((n, k))
    for i in range(n):
        for j in range(n):  # increasing j, lower triangle only (as R reads it)
            if j != i:
                S[i, cl[j]] += D[max(i, j), min(i, j)]
    neighbor = np.empty(n, dtype=np.int64)
    width = np.empty(n)
    for i in range(n):
        b, best = 0.0, -1
        for c in range(k):
            if c != cl[i] and (best < 0 or S[i, c] / size[c] < b):
                b, best = S[i, c] / size[c], c
        neighbor[i] = ids[best]
        if size[cl[i]] == 1:
            width[i] = 0.0
            continue
        a = S[i, cl[i]] / (size[cl[i]] - 1)
        width[i] = 0.0 if a == b else (b - a) / max(a, b)
    return neighbor, width, S


# -- R fixtures ------------------------------------------------------------------


class TestAgainstR:
    @pytest.mark.parametrize("case, form", ALL_FORMS,
                             ids=[f"{c['id']}-{f}" for c, f in ALL_FORMS])
    def test_widths_are_rs(self, case, form):
        """cluster, neighbor and sil_width equal R's bit for bit, whatever the input form."""
        s = silhouette(case["codes"], **forms(case)[form])
        np.testing.assert_array_equal(s.cluster, case["cluster"])
        np.testing.assert_array_equal(s.neighbor, case["neighbor"])
        np.testing.assert_array_equal(s.sil_width, num(case["sil_width"]))

    @pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
    def test_codes_attribute(self, case):
        """codes lists the sorted codes exactly when R recodes (codes not 1..k)."""
        s = silhouette(case["codes"], dist(dataset(case["data"]), case["method"], p=case["p"]))
        expected = case["codes_attr"]
        assert s.codes == (None if expected is None else tuple(as_list(expected)))

    @pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
    def test_summary_is_rs(self, case):
        """summary(): quartiles, means, sizes and ids equal R's exactly."""
        sm = silhouette(case["codes"], data=dataset(case["data"])).summary() \
            if case["method"] == "euclidean" else \
            silhouette(case["codes"], dist(dataset(case["data"]), case["method"],
                                           p=case["p"])).summary()
        expected = case["summary"]
        np.testing.assert_array_equal(sm.si_summary, num(expected["si_summary"]))
        np.testing.assert_array_equal(sm.clus_avg_widths, num(expected["clus_avg_widths"]))
        np.testing.assert_array_equal(sm.cluster_ids, as_list(expected["cluster_ids"]))
        np.testing.assert_array_equal(sm.clus_sizes, as_list(expected["clus_sizes"]))
        assert sm.avg_width == num(expected["avg_width"])[0]

    @pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
    def test_summary_print_is_rs(self, case):
        """print(summary(s)) is R's text (R's object without a call)."""
        s = silhouette(case["codes"], dist(dataset(case["data"]), case["method"], p=case["p"]))
        assert str(s.summary()).splitlines() == as_list(case["summary"]["printed"])

    @pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
    def test_sorted_is_rs(self, case):
        """sorted() is R's sortSilhouette: order, iOrd and row names."""
        s = silhouette(case["codes"], dist(dataset(case["data"]), case["method"], p=case["p"]))
        srt = s.sorted()
        expected = case["sorted"]
        np.testing.assert_array_equal(srt.cluster, expected["cluster"])
        np.testing.assert_array_equal(srt.neighbor, expected["neighbor"])
        np.testing.assert_array_equal(srt.sil_width, num(expected["sil_width"]))
        np.testing.assert_array_equal(srt.i_ord + 1, expected["iOrd"])
        assert list(srt.row_names) == as_list(expected["row_names"])
        assert srt.ordered and srt.sorted() is srt

    @pytest.mark.parametrize("case", PRINTED, ids=[c["id"] for c in PRINTED])
    def test_print_is_rs(self, case):
        """print(s) and print(sortSilhouette(s)) are R's text (without the call)."""
        s = silhouette(case["codes"], dist(dataset(case["data"]), case["method"], p=case["p"]))
        assert str(s).splitlines() == as_list(case["printed"])
        assert str(s.sorted()).splitlines() == as_list(case["sorted"]["printed"])

    def test_asymmetric_dmatrix_uses_lower_triangle(self):
        """An asymmetric dmatrix warns and gives R's result (its lower triangle)."""
        case = FIX["asymmetric"]
        m = rows(case["matrix"])
        with pytest.warns(StatKMeansWarning, match=r"not symmetric \(dmatrix\[2, 1\] != "
                                                   r"dmatrix\[1, 2\].*lower triangle"):
            s = silhouette(case["codes"], dmatrix=m)
        np.testing.assert_array_equal(s.neighbor, case["neighbor"])
        np.testing.assert_array_equal(s.sil_width, num(case["sil_width"]))
        with pytest.warns(StatKMeansWarning):
            st_ = silhouette(case["codes"], dmatrix=m.T.copy())
        np.testing.assert_array_equal(st_.sil_width, num(case["transposed"]["sil_width"]))

    def test_r_returns_na_where_we_raise(self):
        """R gives a bare NA for k = 1 and k = n; those are errors here."""
        assert FIX["na_cases"] == {"single": True, "all_singletons": True}
        x = GENERATED["gauss"][:5]
        with pytest.raises(InvalidArgumentError, match="single cluster"):
            silhouette([1] * 5, data=x)
        with pytest.raises(InvalidArgumentError, match="its own cluster"):
            silhouette([1, 2, 3, 4, 5], data=x)


# -- R's rules, one by one ----------------------------------------------------------


class TestRules:
    def test_singleton_width_zero_neighbor_reported(self):
        """A singleton has s = 0 and still a neighbour."""
        x = np.array([[0.0], [0.2], [5.0], [9.0], [9.1]])
        s = silhouette([1, 1, 2, 3, 3], data=x)
        assert s.sil_width[2] == 0.0
        assert s.neighbor[2] == 3  # 5 is nearer to {9, 9.1} (mean 4.05) than to {0, 0.2}

    def test_neighbor_tie_takes_smallest_code(self):
        """Equal mean distances to two clusters: the smaller code is the neighbour."""
        x = np.array([[0.0], [0.0], [-2.0], [-2.5], [2.0], [2.5]])
        assert silhouette([7, 7, 5, 5, 3, 3], data=x).neighbor[:2].tolist() == [3, 3]
        assert silhouette([1, 1, 2, 2, 3, 3], data=x).neighbor[:2].tolist() == [2, 2]

    def test_a_equals_b_gives_zero(self):
        """a(i) == b(i) == 0 gives s = 0, not NaN."""
        x = np.array([[0.0], [0.0], [0.0], [0.0], [5.0], [5.0]])
        s = silhouette([1, 1, 2, 2, 3, 3], data=x)
        assert s.sil_width.tolist()[:4] == [0.0, 0.0, 0.0, 0.0]
        assert s.sil_width.tolist()[4:] == [1.0, 1.0]

    def test_any_integer_codes(self):
        """Zero, negative and sparse codes give the widths of codes 1..k."""
        x = GENERATED["gauss"][:60]
        base = np.repeat([1, 2, 3], 20)
        ref = silhouette(base, data=x)
        for mapping in ([0, 1, 2], [-5, 0, 100], [3, 7, 11]):
            codes = np.array(mapping)[base - 1]
            s = silhouette(codes, data=x)
            np.testing.assert_array_equal(s.sil_width, ref.sil_width)
            np.testing.assert_array_equal(s.neighbor, np.array(mapping)[ref.neighbor - 1])
            assert s.codes == tuple(mapping)
        assert ref.codes is None

    def test_integral_floats_accepted(self):
        """Codes 1.0, 2.0 are integers, as in R."""
        x = GENERATED["gauss"][:10]
        a = silhouette(np.repeat([1.0, 2.0], 5), data=x)
        b = silhouette(np.repeat([1, 2], 5), data=x)
        assert a == b

    def test_kmeans_result_accepted(self):
        """A KMeansResult stands for its cluster codes, names included."""
        frame = load_dataset("USArrests")
        set_seed(1)
        km = kmeans(frame, 3, nstart=5)
        s = silhouette(km, data=frame)
        ref = next(c for c in CASES if c["id"] == "USArrests_k3")
        np.testing.assert_array_equal(s.sil_width, num(ref["sil_width"]))
        assert s.row_names[:2] == ("Alabama", "Alaska")

    def test_row_names_from_inputs(self):
        """Row names come from x's index, else the Dist labels or the data's index."""
        frame = load_dataset("USArrests")
        codes = np.array(next(c for c in CASES if c["id"] == "USArrests_k3")["codes"])
        assert silhouette(codes, dist(frame)).row_names[0] == "Alabama"
        assert silhouette(codes, data=frame).row_names[0] == "Alabama"
        assert silhouette(codes, dmatrix=dist(frame).to_frame()).row_names[0] == "Alabama"
        series = pd.Series(codes, index=[f"s{i}" for i in range(50)])
        assert silhouette(series, data=frame).row_names[0] == "s0"
        assert silhouette(codes, data=frame.to_numpy()).row_names is None

    def test_to_frame(self):
        """to_frame() has R's three columns, indexed by the row names."""
        frame = load_dataset("USArrests")
        codes = np.array(next(c for c in CASES if c["id"] == "USArrests_k3")["codes"])
        out = silhouette(codes, data=frame).to_frame()
        assert list(out.columns) == ["cluster", "neighbor", "sil_width"]
        assert out.index[0] == "Alabama"
        plain = silhouette(codes, data=frame.to_numpy()).to_frame()
        assert isinstance(plain.index, pd.RangeIndex)

    def test_summary_to_frame_and_fun(self):
        """summary(fun=...) applies fun; to_frame() has one row per cluster."""
        x = GENERATED["gauss"][:60]
        s = silhouette(np.repeat([1, 2, 3], 20), data=x)
        sm = s.summary(fun=np.median)
        assert sm.avg_width == np.median(s.sil_width)
        table = s.summary().to_frame()
        assert list(table.columns) == ["cluster", "size", "ave_sil_width"]
        assert table["size"].tolist() == [20, 20, 20]

    def test_avg_width(self):
        """avg_width is the summary's average width."""
        case = CASES[0]
        s = silhouette(case["codes"], data=dataset(case["data"]))
        assert s.avg_width == num(case["summary"]["avg_width"])[0]

    @pytest.mark.parametrize("form", ["data", "dist", "dmatrix"])
    def test_threads_do_not_matter(self, form):
        """Widths do not depend on the number of threads."""
        x = GENERATED["big"]
        codes = next(c for c in CASES if c["id"] == "big_random_k7")["codes"]
        arg = {"data": x, "dist": dist(x), "dmatrix": dist(x).to_matrix()}[form]
        one = silhouette(codes, n_threads=1, **{form: arg})
        two = silhouette(codes, n_threads=2, **{form: arg})
        assert one == two


# -- errors ------------------------------------------------------------------------------


class TestErrors:
    x = GENERATED["gauss"][:6]
    codes = [1, 1, 2, 2, 3, 3]

    def test_no_dissimilarities(self):
        """Without dist, dmatrix or data: R's message."""
        with pytest.raises(InvalidArgumentError, match="Need either a dissimilarity 'dist'"):
            silhouette(self.codes)

    def test_more_than_one_source(self):
        """Exactly one of dist, dmatrix and data."""
        with pytest.raises(InvalidArgumentError, match="exactly one of .* got dist and data"):
            silhouette(self.codes, dist(self.x), data=self.x)
        with pytest.raises(InvalidArgumentError, match="got dmatrix and data"):
            silhouette(self.codes, dmatrix=dist(self.x).to_matrix(), data=self.x)

    @pytest.mark.parametrize("form", ["dist", "condensed", "data"])
    def test_count_mismatch(self, form):
        """Codes and observations of different counts are incompatible."""
        arg = {"dist": dist(self.x), "condensed": pdist(self.x), "data": self.x}[form]
        key = "data" if form == "data" else "dist"
        with pytest.raises(InvalidArgumentError,
                           match=rf"'x' and dissimilarity '{key}' are incompatible: 'x' has 5 "
                                 r"codes but .* has 6"):
            silhouette(self.codes[:5], **{key: arg})

    def test_dmatrix_not_square(self):
        """A dmatrix must be n-by-n: R's message, with the shapes."""
        with pytest.raises(InvalidArgumentError,
                           match=r"'dmatrix' is not a dissimilarity matrix compatible to 'x': "
                                 r"it must be 6-by-6 .* got shape \(6, 5\)"):
            silhouette(self.codes, dmatrix=np.ones((6, 5)))
        with pytest.raises(InvalidArgumentError, match=r"got shape \(5, 5\)"):
            silhouette(self.codes, dmatrix=np.ones((5, 5)))

    def test_single_cluster(self):
        """One cluster is an error (R returns NA)."""
        with pytest.raises(InvalidArgumentError, match=r"at least 2 clusters; .*\(code 4\)"):
            silhouette([4] * 6, data=self.x)

    @pytest.mark.parametrize("bad, kind", [(np.nan, "NaN"), (-1.0, "negative"),
                                           (np.inf, "infinite")])
    def test_bad_dist_values(self, bad, kind):
        """NaN, negative or infinite distances are refused, naming the pair."""
        d = pdist(self.x)
        d[6] = bad  # d(2, 4) in 1-based terms
        with pytest.raises(InvalidArgumentError,
                           match=rf"'dist' has a {kind} dissimilarity .*between observations 2 "
                                 r"and 4, 1-based"):
            silhouette(self.codes, d)

    def test_bad_dmatrix_values(self):
        """NaN anywhere in dmatrix is refused (R checks the whole matrix too)."""
        m = dist(self.x).to_matrix()
        m[1, 4] = np.nan
        with pytest.raises(InvalidArgumentError, match=r"'dmatrix' has a NaN .*at \[2, 5\]"):
            silhouette(self.codes, dmatrix=m)
        m[1, 4] = -2.0
        with pytest.raises(InvalidArgumentError, match="negative dissimilarity"):
            silhouette(self.codes, dmatrix=m)

    def test_nan_data(self):
        """NaN in data is refused with its position."""
        x = self.x.copy()
        x[2, 1] = np.nan
        with pytest.raises(InvalidArgumentError, match=r"NA/NaN/Inf in 'data' .*row 3, column 2"):
            silhouette(self.codes, data=x)

    def test_non_integer_codes(self):
        """Codes must be integers: R's message, with the first offender."""
        with pytest.raises(InvalidArgumentError,
                           match=r"'x' must only have integer codes; got 1\.5 at element 2"):
            silhouette([1, 1.5, 2, 2, 3, 3], data=self.x)
        with pytest.raises(InvalidArgumentError, match="got nan at element 1"):
            silhouette([np.nan, 1, 2, 2, 3, 3], data=self.x)

    def test_missing_code_in_nullable_series(self):
        """pd.NA in a nullable integer Series is reported as a missing code."""
        codes = pd.Series([1, 1, 2, None, 3, 3], dtype="Int64")
        with pytest.raises(InvalidArgumentError, match="got nan at element 4"):
            silhouette(codes, data=self.x)
        ok = silhouette(pd.Series(self.codes, dtype="Int64"), data=self.x)
        plain = silhouette(self.codes, data=self.x)
        for field in ("cluster", "neighbor", "sil_width"):
            assert np.array_equal(getattr(ok, field).to_numpy(), getattr(plain, field))

    @pytest.mark.parametrize("codes, message", [
        ([True, False, True, False, True, False], "got booleans"),
        (["a", "a", "b", "b", "c", "c"], "dtype <U1"),
        (pd.Series(list("aabbcc"), dtype="category"), "categorical Series"),
    ])
    def test_codes_of_wrong_kind(self, codes, message):
        """Booleans, strings and categoricals are not codes."""
        with pytest.raises(InvalidTypeError, match=message):
            silhouette(codes, data=self.x)

    def test_codes_not_a_vector(self):
        """A 2-d array of codes is refused."""
        with pytest.raises(InvalidArgumentError, match=r"1-d vector .* shape \(6, 1\)"):
            silhouette(np.array(self.codes).reshape(6, 1), data=self.x)

    def test_square_matrix_as_dist(self):
        """A square matrix given as dist points to dmatrix=."""
        with pytest.raises(InvalidArgumentError, match="pass a square matrix as dmatrix="):
            silhouette(self.codes, dist(self.x).to_matrix())

    def test_bad_condensed_length(self):
        """A vector of the wrong length is not a condensed dist."""
        with pytest.raises(InvalidArgumentError, match="length 14 is not a condensed distance"):
            silhouette(self.codes, np.ones(14))

    def test_bad_threads(self):
        """n_threads must be a positive integer."""
        with pytest.raises(InvalidArgumentError, match="'n_threads' must be positive; got 0"):
            silhouette(self.codes, data=self.x, n_threads=0)


# -- the kernels against the naive reference ---------------------------------------------


@st.composite
def clusterings(draw):
    n = draw(st.integers(3, 30))
    p = draw(st.integers(1, 4))
    elements = draw(st.sampled_from([
        st.floats(-100, 100, allow_nan=False, allow_infinity=False),
        st.integers(-2, 2).map(float),  # ties, duplicates, zero distances
    ]))
    x = draw(hnp.arrays(np.float64, (n, p), elements=elements))
    codes = draw(hnp.arrays(np.int64, n, elements=st.sampled_from([-4, 0, 1, 2, 3, 9])))
    k = len(np.unique(codes))
    assume(2 <= k < n)
    return x, codes


class TestAgainstNaive:
    @settings(max_examples=80, deadline=None)
    @given(case=clusterings())
    def test_every_form_equals_naive(self, case):
        """All input forms equal a plain O(n^2) loop over R's definitions, exactly."""
        x, codes = case
        D = naive_distances(x)
        neighbor, width, _ = naive_silhouette(D, codes)
        for kwargs in ({"data": x}, {"dist": pdist(x)}, {"dmatrix": D}):
            s = silhouette(codes, **kwargs)
            np.testing.assert_array_equal(s.neighbor, neighbor)
            np.testing.assert_array_equal(s.sil_width, width)
            np.testing.assert_array_equal(s.cluster, codes)

    @settings(max_examples=40, deadline=None)
    @given(case=clusterings())
    def test_kernel_sums_equal_naive(self, case):
        """The kernels' per-cluster sums S(i, c) equal the naive sums in R's order."""
        x, codes = case
        ids, cl = np.unique(codes, return_inverse=True)
        cl = cl.astype(np.int32)
        size = np.bincount(cl).astype(np.int64)
        D = naive_distances(x)
        _, _, S = naive_silhouette(D, codes)
        for nb, s, sums in (
            _silhouette.widths_data(x, cl, len(ids), size, True),
            _silhouette.widths_dist(pdist(x), len(x), cl, len(ids), size, True),
            _silhouette.widths_dmatrix(D, cl, len(ids), size, True),
        ):
            np.testing.assert_array_equal(sums, S)

    @pytest.mark.parametrize("isa", [1, 2, 3, 4], ids=["portable", "sse2", "avx2", "avx512"])
    @settings(max_examples=30, deadline=None)
    @given(case=clusterings())
    def test_every_instruction_set(self, isa, case):
        """Each vectorised variant of the data kernel gives the naive sums exactly."""
        if _silhouette.resolve_isa(isa) != isa:
            pytest.skip("instruction set not available on this CPU")
        x, codes = case
        ids, cl = np.unique(codes, return_inverse=True)
        cl = cl.astype(np.int32)
        size = np.bincount(cl).astype(np.int64)
        neighbor, width, S = naive_silhouette(naive_distances(x), codes)
        nb, s, sums = _silhouette.widths_data(x, cl, len(ids), size, True, 0, isa)
        np.testing.assert_array_equal(sums, S)
        np.testing.assert_array_equal(ids[nb], neighbor)
        np.testing.assert_array_equal(s, width)
        np.testing.assert_array_equal(_silhouette.dist(x, "euclidean", 2.0, 0, isa), pdist(x))

    @pytest.mark.parametrize("n", [255, 256, 257, 700])
    def test_chunk_boundaries(self, n):
        """Sizes around the kernels' chunk of 256 rows give the naive result."""
        rng = np.random.default_rng(n)
        x = rng.normal(size=(n, 3))
        codes = rng.integers(1, 6, n)
        neighbor, width, _ = naive_silhouette(naive_distances(x), codes)
        for kwargs in ({"data": x}, {"dist": pdist(x)}, {"dmatrix": naive_distances(x)}):
            s = silhouette(codes, **kwargs)
            np.testing.assert_array_equal(s.neighbor, neighbor)
            np.testing.assert_array_equal(s.sil_width, width)

    def test_r_mean_is_extended_precision(self):
        """R's mean: an 80-bit sum and a correcting pass, not numpy's pairwise mean."""
        v = np.array([1e16, 1.0, -1e16, 1.0] * 3 + [0.1])
        ld = np.cumsum(v.astype(np.longdouble))[-1] / len(v)
        ld = ld + np.cumsum(v.astype(np.longdouble) - ld)[-1] / len(v)
        assert _silhouette.mean_ld(v) == float(ld)


# -- results -------------------------------------------------------------------------------


class TestResultObjects:
    s = silhouette(np.repeat([1, 2, 3], 20), data=GENERATED["gauss"][:60])

    def test_frozen_and_read_only(self):
        """Fields cannot be set and arrays cannot be written."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            self.s.ordered = True
        for name in ("cluster", "neighbor", "sil_width"):
            with pytest.raises(ValueError, match="read-only"):
                getattr(self.s, name)[0] = 0

    def test_fields_are_rs_components(self):
        """The fields are R's columns and attributes."""
        assert [f.name for f in attrs.fields(SilhouetteResult)] == [
            "cluster", "neighbor", "sil_width", "row_names", "codes", "ordered", "i_ord"]
        assert [f.name for f in attrs.fields(SilhouetteSummary)] == [
            "si_summary", "clus_avg_widths", "cluster_ids", "clus_sizes", "avg_width",
            "codes", "ordered"]

    def test_reprs_are_one_line(self):
        """repr is short; str is R's printed layout."""
        assert repr(self.s).startswith("SilhouetteResult(n=60, k=3, avg_width=")
        assert repr(self.s.summary()).startswith(
            "SilhouetteSummary(n=60, k=3, clus_sizes=[20, 20, 20], avg_width=")
        assert "\n" not in repr(self.s)

    def test_lengths_checked(self):
        """A result with fields of different lengths cannot be built."""
        with pytest.raises(InvalidArgumentError, match="got neighbor of length 2"):
            SilhouetteResult(cluster=[1, 2, 2], neighbor=[2, 1], sil_width=[0.0, 0.1, 0.2])

    def test_n_and_k(self):
        """n and k count observations and clusters."""
        assert (self.s.n, self.s.k) == (60, 3)
        assert (self.s.summary().n, self.s.summary().k) == (60, 3)

    def test_caller_arrays_untouched(self):
        """The caller's codes stay writeable."""
        codes = np.repeat([1, 2, 3], 20)
        s = silhouette(codes, data=GENERATED["gauss"][:60])
        assert codes.flags.writeable
        codes[0] = 2
        assert s.cluster[0] == 1

    def test_import_is_light(self, tmp_path):
        """Importing the modules does not import pandas or matplotlib."""
        code = textwrap.dedent("""
            import sys
            from statkmeans import silhouette, dist
            import numpy as np
            s = silhouette([1, 1, 2, 2], data=np.arange(4.0))
            str(s); str(s.summary())
            print("pandas" in sys.modules, "matplotlib" in sys.modules)
        """)
        assert run_python(["-c", code], tmp_path).split() == ["False", "False"]


# -- the plot ------------------------------------------------------------------------------


class TestPlot:
    @pytest.fixture
    def small(self):
        case = next(c for c in CASES if c["id"] == "ties_recoded")
        return silhouette(case["codes"], data=dataset("ties"))

    @pytest.fixture
    def usarrests(self):
        case = next(c for c in CASES if c["id"] == "USArrests_k3")
        return silhouette(case["codes"], data=dataset("USArrests"))

    def test_returns_given_axes_no_new_figure(self, small):
        """With ax given, it draws there and opens no figure."""
        fig, ax = plt.subplots()
        before = plt.get_fignums()
        assert small.plot(ax=ax) is ax
        assert plt.get_fignums() == before

    def test_new_figure_without_ax(self, small):
        """Without ax, a new figure is made."""
        before = len(plt.get_fignums())
        ax = small.plot()
        assert len(plt.get_fignums()) == before + 1
        assert ax.figure.number in plt.get_fignums()

    def test_bars_are_sorted_widths(self, usarrests):
        """One bar per observation: widths in R's sorted order, cluster 1 at the top."""
        ax = usarrests.plot()
        bars = ax.patches
        assert len(bars) == 50
        widths = [b.get_width() for b in sorted(bars, key=lambda b: b.get_y())]
        np.testing.assert_array_equal(widths, usarrests.sorted().sil_width)
        assert ax.yaxis_inverted()
        assert ax.get_xlim() == (0.0, 1.0)

    def test_gap_between_clusters(self, usarrests):
        """Bars touch within a cluster and are half a bar apart between clusters."""
        ax = usarrests.plot()
        ys = sorted(b.get_y() for b in ax.patches)
        steps = np.diff(ys)
        assert sorted(set(np.round(steps, 9))) == [1.0, 1.5]
        assert (np.round(steps, 9) == 1.5).sum() == 2

    def test_annotations(self, usarrests):
        """Title, n, cluster header, per-cluster stats and footer as R writes them."""
        ax = usarrests.plot()
        texts = [t.get_text() for t in ax.texts]
        assert ax.get_title(loc="left") == "Silhouette plot"
        assert "n = 50" in texts
        assert "3  clusters  $C_j$" in texts
        assert "1 :   14  |  0.54" in texts and "2 :   20  |  0.52" in texts
        assert "Average silhouette width :  0.53" in texts
        assert ax.get_xlabel() == "Silhouette width $s_i$"

    def test_labels_only_for_small_n(self, small, usarrests):
        """Observation numbers label the bars when n < 40; none otherwise."""
        ax = small.plot()
        expected = next(c for c in CASES if c["id"] == "ties_recoded")["sorted"]["row_names"]
        assert [t.get_text() for t in ax.get_yticklabels()] == expected
        assert len(usarrests.plot().get_yticks()) == 0

    def test_negative_widths_extend_axis(self, small):
        """The x-axis starts at the smallest width when it is negative."""
        ax = small.plot()
        assert ax.get_xlim()[0] == min(0.0, small.sil_width.min())

    def test_colors_per_cluster(self, usarrests):
        """k colours colour the bars by cluster."""
        ax = usarrests.plot(color=["red", "green", "blue"])
        colors = [b.get_facecolor() for b in sorted(ax.patches, key=lambda b: b.get_y())]
        assert colors[0] == (1.0, 0.0, 0.0, 1.0) and colors[-1] == (0.0, 0.0, 1.0, 1.0)

    def test_bad_color_count(self, usarrests):
        """A colour list of another length is refused."""
        with pytest.raises(InvalidArgumentError, match="one colour, 3 colours .* got 2"):
            usarrests.plot(color=["red", "blue"])

    def test_kwargs_copied_and_override(self, small):
        """User kwargs override the defaults and are not modified."""
        kwargs = {"edgecolor": "black", "alpha": 0.5}
        ax = small.plot(**kwargs)
        assert kwargs == {"edgecolor": "black", "alpha": 0.5}
        assert ax.patches[0].get_alpha() == 0.5

    def test_never_shows(self, small, monkeypatch):
        """plt.show() is never called."""
        def fail(*args, **kwargs):
            raise AssertionError("plt.show() called")

        monkeypatch.setattr(plt, "show", fail)
        small.plot()


# -- size --------------------------------------------------------------------------------------


MEMORY_SCRIPT = """
import resource, sys
import numpy as np
from statkmeans.silhouette import silhouette

n = int(sys.argv[1])
rng = np.random.default_rng(0)
x = rng.normal(size=(n, 10))
codes = rng.integers(1, 6, n)
def peak():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
before = peak()
s = silhouette(codes, data=x)
print(peak() - before, s.n)
"""


class TestScale:
    @pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
    def test_memory_bounded(self, tmp_path):
        """data= on n = 20,000 adds far less than an n-by-n matrix (3.2 GB) to the peak."""
        script = tmp_path / "mem.py"
        script.write_text(MEMORY_SCRIPT)
        extra, n = map(int, run_python([str(script), "20000"], tmp_path).split())
        assert n == 20000
        assert extra < 256 * 2**20

    @pytest.mark.slow
    def test_hundred_thousand(self, tmp_path):
        """n = 100,000 completes from data= in bounded memory."""
        script = tmp_path / "mem.py"
        script.write_text(MEMORY_SCRIPT)
        extra, n = map(int, run_python([str(script), "100000"], tmp_path).split())
        assert n == 100000
        assert extra < 256 * 2**20


class TestAsRMatrix:
    """A silhouette indexes as R's n-by-3 matrix: mean(ss[, 3]) ports as ss[:, 2]."""

    def setup_method(self):
        x = load_dataset("USArrests")
        self.s = silhouette(kmeans(x, 3, nstart=5, rng=1), data=x)

    def test_array_and_columns(self):
        m = np.asarray(self.s)
        assert m.shape == self.s.shape == (50, 3) and len(self.s) == 50
        assert np.array_equal(m[:, 0], self.s.cluster.to_numpy())
        assert np.array_equal(self.s[:, 2], self.s.sil_width.to_numpy())
        assert np.array_equal(self.s[:, "sil_width"], self.s[:, 2])
        assert np.array_equal(self.s[:, "neighbor"], self.s.neighbor.to_numpy())
        assert np.array_equal(self.s[4], m[4])

    def test_avg_width_is_r_mean(self):
        """avg_width is R's mean (long double sum); numpy's mean agrees to rounding."""
        assert self.s.avg_width == pytest.approx(float(np.mean(self.s[:, 2])), rel=1e-15)

    def test_bad_index(self):
        with pytest.raises(InvalidArgumentError, match="no column 'width'"):
            self.s[:, "width"]
        with pytest.raises(InvalidArgumentError, match="n-by-3 matrix"):
            self.s[:, 3]
