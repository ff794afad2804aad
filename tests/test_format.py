"""statkmeans._format against R's format() / print.default output.

Most cases come from tests/r_reference/format_fixtures.json, written by
tests/r_reference/make_format_fixtures.R; the rest are the printouts quoted
in docs/r-behaviour.md (print.kmeans, summary(silhouette), print.clusGap).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from statkmeans import _format as fmt

FIXTURE = Path(__file__).parent / "r_reference" / "format_fixtures.json"

_NONFINITE = {"NaN": math.nan, "NA": math.nan, "Inf": math.inf, "-Inf": -math.inf}


@lru_cache(maxsize=None)
def _fixture() -> dict:
    with open(FIXTURE, encoding="utf-8") as f:
        return json.load(f)


def _doubles(values) -> tuple[np.ndarray, np.ndarray]:
    """JSON doubles (non-finite ones as strings) as a float64 array and an NA mask."""
    x = np.array([_NONFINITE[v] if isinstance(v, str) else float(v) for v in values], dtype=np.float64)
    na = np.array([v == "NA" for v in values], dtype=bool)
    return x, na


def _r_vector(case: dict):
    """A fixture vector as the typed (masked) numpy array R's value corresponds to."""
    values = case["x"]
    kind = case["type"]
    if kind == "double":
        x, na = _doubles(values)
        return np.ma.MaskedArray(x, mask=na)
    if kind == "integer":
        na = np.array([v == "NA" for v in values], dtype=bool)
        data = np.array([0 if m else int(v) for v, m in zip(values, na)], dtype=np.int64)
        return np.ma.MaskedArray(data, mask=na)
    if kind == "logical":
        na = np.array([v is None for v in values], dtype=bool)
        data = np.array([bool(v) for v in values], dtype=bool)
        return np.ma.MaskedArray(data, mask=na)
    na = np.array([v is None for v in values], dtype=bool)
    data = np.array(["" if v is None else v for v in values], dtype=str)
    return np.ma.MaskedArray(data, mask=na)


def _r_matrix(case: dict):
    """A fixture matrix (column-major values) as a 2-d masked array."""
    nr, nc = case["dim"]
    flat = _r_vector(case)
    data = np.asarray(flat.data).reshape(nc, nr).T
    mask = np.ma.getmaskarray(flat).reshape(nc, nr).T
    return np.ma.MaskedArray(data, mask=mask)


def _text(lines) -> str:
    return "".join(line + "\n" for line in lines)


def _cases(section: str, pred=lambda c: True):
    return [pytest.param(c, id=c["id"]) for c in _fixture()[section] if pred(c)]


def _indexed(section: str):
    return [pytest.param(i, id=f"{section}{i:03d}") for i in range(len(_fixture()[section]))]


class TestFormatFixtures:
    """format(x, digits) for double and integer vectors, as R wrote it."""

    @pytest.mark.parametrize("case", _cases("vectors", lambda c: c["type"] == "double"))
    def test_format_real(self, case):
        """format_real gives R's strings, NA passed as a mask."""
        x, na = _doubles(case["x"])
        assert fmt.format_real(x, case["digits"], na=na) == case["format"]

    @pytest.mark.parametrize("case", _cases("vectors", lambda c: c["type"] == "integer"))
    def test_format_int(self, case):
        """format_int gives R's strings, NA passed as None."""
        values = [None if v == "NA" else v for v in case["x"]]
        assert fmt.format_int(values) == case["format"]


class TestPrintVectorFixtures:
    """print(x, digits, quote, width) for vectors, as R wrote it."""

    @pytest.mark.parametrize("case", _cases("vectors"))
    def test_print_vector(self, case):
        """print_vector reproduces R's lines exactly (1-d tables after their header line)."""
        out = fmt.print_vector(
            _r_vector(case), case["names"], digits=case["digits"], width=case["width"],
            quote=case["quote"],
        )
        expected = _text(case["print"])
        if "header" in case:
            out = case["header"] + "\n" + out
            expected = case["header"] + "\n" + expected
        assert out == expected


class TestPrintMatrixFixtures:
    """print(m, digits, quote, width) for matrices, as R wrote it."""

    @pytest.mark.parametrize("case", _cases("matrices"))
    def test_print_matrix(self, case):
        """print_matrix reproduces R's lines exactly."""
        out = fmt.print_matrix(
            _r_matrix(case), case["row_names"], case["col_names"], digits=case["digits"],
            width=case["width"], quote=case["quote"],
        )
        assert out == _text(case["print"])


class TestSummaryFixtures:
    """print(summary(x)): zapsmall at 7 digits, then a named vector at 4 digits."""

    @pytest.mark.parametrize("case", _cases("summaries"))
    def test_print_summary(self, case):
        """zapsmall + print_vector(digits=4) reproduces print.summaryDefault."""
        x, _ = _doubles(case["values"])
        out = fmt.print_vector(fmt.zapsmall(x, 7), case["names"], digits=4)
        assert out == _text(case["print"])


def _same_doubles(got, expected) -> bool:
    got = np.asarray(got, dtype=np.float64)
    return bool(
        np.array_equal(got, expected, equal_nan=True)
        and np.array_equal(np.signbit(got), np.signbit(expected))
    )


class TestRoundingFixtures:
    """zapsmall and round, bit for bit as R computed them."""

    @pytest.mark.parametrize("i", _indexed("zapsmall"))
    def test_zapsmall(self, i):
        """zapsmall matches R's zapsmall(x, digits) exactly."""
        case = _fixture()["zapsmall"][i]
        x, na = _doubles(case["x"])
        expected, _ = _doubles(case["expected"])
        assert _same_doubles(fmt.zapsmall(x, case["digits"], na=na), expected)

    def test_round(self):
        """r_round matches R's round(x, digits) on every fixture pair, signed zeros included."""
        case = _fixture()["round"]
        x, _ = _doubles(case["x"])
        digits, _ = _doubles(case["digits"])
        expected, _ = _doubles(case["expected"])
        got = fmt.r_round(x, digits)
        same = (got == expected) | (np.isnan(got) & np.isnan(expected))
        same &= np.signbit(got) == np.signbit(expected)
        bad = [(float(a), float(d), float(g), float(e))
               for a, d, g, e, ok in zip(x, digits, got, expected, same) if not ok]
        assert not bad

    def test_round_scalar(self):
        """r_round returns a float for scalar input and rounds ties by measuring."""
        assert fmt.r_round(2.675, 2) == 2.67
        assert fmt.r_round(0.15, 1) == 0.1
        assert fmt.r_round(2.5) == 2.0
        assert fmt.r_round(math.pi, 2.5) == 3.142
        assert isinstance(fmt.r_round(1.5), float)


# ------------------------------------------------------------------ reference printouts

STATES = [
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas",
    "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
    "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
    "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
    "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
    "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
]
USARRESTS_CLUSTER = [
    3, 3, 3, 1, 3, 1, 2, 3, 3, 1, 2, 2, 3, 2, 2, 2, 2, 3, 2, 3, 1, 3, 2, 3, 1,
    2, 2, 3, 2, 1, 3, 3, 3, 2, 2, 1, 1, 2, 1, 3, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1,
]


class TestReferencePrintouts:
    """The printouts quoted in docs/r-behaviour.md (sections 7.9, 9.4 and 10.7)."""

    def test_kmeans_cluster_means(self):
        """USArrests centres print as R's 'Cluster means:' block."""
        centers = np.array([
            [8.214285714285714, 173.28571428571428, 70.64285714285714, 22.842857142857145],
            [4.27, 87.55, 59.75, 14.39],
            [11.8125, 272.5625, 68.3125, 28.375],
        ])
        out = fmt.print_matrix(centers, ["1", "2", "3"], ["Murder", "Assault", "UrbanPop", "Rape"])
        assert out == (
            "     Murder  Assault UrbanPop     Rape\n"
            "1  8.214286 173.2857 70.64286 22.84286\n"
            "2  4.270000  87.5500 59.75000 14.39000\n"
            "3 11.812500 272.5625 68.31250 28.37500\n"
        )

    def test_kmeans_named_clustering_vector(self):
        """The named clustering vector: 5 fields of width 14 per line, lines ending in a space."""
        out = fmt.print_vector(np.array(USARRESTS_CLUSTER), STATES)
        lines = out.splitlines()
        assert len(lines) == 20
        assert lines[0] == "       Alabama         Alaska        Arizona       Arkansas     California "
        assert lines[1] == "             3              3              3              1              3 "
        assert lines[12] == "    New Mexico       New York North Carolina   North Dakota           Ohio "
        assert lines[19] == "             1              1              2              2              1 "

    def test_kmeans_withinss(self):
        """withinss prints with a common fixed layout and a leading pad."""
        out = fmt.print_vector(np.array([9136.6428571428551, 19263.760000000002, 19563.862500000003]))
        assert out == "[1]  9136.643 19263.760 19563.863\n"

    def test_kmeans_available_components(self):
        """names(km) prints quoted, left-aligned and padded, the last element too."""
        names = ["cluster", "centers", "totss", "withinss", "tot.withinss", "betweenss", "size",
                 "iter", "ifault"]
        out = fmt.print_vector(np.array(names))
        assert out == (
            '[1] "cluster"      "centers"      "totss"        "withinss"     "tot.withinss"\n'
            '[6] "betweenss"    "size"         "iter"         "ifault"      \n'
        )

    def test_kmeans_unnamed_clustering_vector(self):
        """An unnamed 150-vector: 37 elements per line behind right-aligned [i] labels."""
        head = [3] * 50 + [1, 1, 2] + [1] * 21
        cl = np.array(head + [2] * 76)
        lines = fmt.print_vector(cl).splitlines()
        assert lines[0] == "  [1] " + " ".join(["3"] * 37)
        assert lines[1] == " [38] 3 3 3 3 3 3 3 3 3 3 3 3 3 1 1 2 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1"

    def test_kmeans_one_dimensional(self):
        """The 1-D kmeans printout: a [,1] matrix, an index vector and withinss."""
        assert fmt.print_matrix(np.array([[25.0], [7.0]]), ["1", "2"]) == "  [,1]\n1   25\n2    7\n"
        assert fmt.print_vector(np.array([2, 2, 2, 2, 2, 1, 1, 2, 1])) == "[1] 2 2 2 2 2 1 1 2 1\n"
        assert fmt.print_vector(np.array([50.0, 100.0])) == "[1]  50 100\n"

    def test_silhouette_average_widths(self):
        """Cluster average widths labelled by the sizes, as summary(silhouette) prints them."""
        out = fmt.print_vector(np.array([0.53982477, 0.52202968, 0.53731109]), ["14", "20", "16"])
        assert out == "       14        20        16 \n0.5398248 0.5220297 0.5373111 \n"

    def test_silhouette_six_numbers(self):
        """The six-number summary is zapsmall-ed and printed with 4 digits."""
        x = np.array([0.20101, 0.48853, 0.56081, 0.53191, 0.62561, 0.71043])
        out = fmt.print_vector(fmt.zapsmall(x), ["Min.", "1st Qu.", "Median", "Mean", "3rd Qu.", "Max."],
                               digits=4)
        assert out == (
            "   Min. 1st Qu.  Median    Mean 3rd Qu.    Max. \n"
            " 0.2010  0.4885  0.5608  0.5319  0.6256  0.7104 \n"
        )

    def test_clusgap_table(self):
        """The clusGap Tab matrix: one layout per column, [i,] row labels."""
        logw = [7.1227489178404433, 6.4953861846664562, 6.1552500215245152, 6.0407043305598878,
                5.8405247472162838]
        elogw = [7.1492534727940411, 6.5529239936809125, 6.2025789368458550, 6.0352513427135071,
                 5.9331631503551385]
        se = [0.072127366864513986, 0.068965987635895606, 0.037114373498208945,
              0.040662250983251130, 0.053285355839681525]
        tab = np.column_stack([logw, elogw, np.subtract(elogw, logw), se])
        out = fmt.print_matrix(tab, col_names=["logW", "E.logW", "gap", "SE.sim"])
        assert out == (
            "         logW   E.logW          gap     SE.sim\n"
            "[1,] 7.122749 7.149253  0.026504555 0.07212737\n"
            "[2,] 6.495386 6.552924  0.057537809 0.06896599\n"
            "[3,] 6.155250 6.202579  0.047328915 0.03711437\n"
            "[4,] 6.040704 6.035251 -0.005452988 0.04066225\n"
            "[5,] 5.840525 5.933163  0.092638403 0.05328536\n"
        )


class TestFormatRules:
    """Single rules of R's number layout, checked by hand against R."""

    def test_fixed_versus_scientific(self):
        """Fixed notation wins ties of width (10000), scientific otherwise (1e+05)."""
        assert fmt.format_real([10000]) == ["10000"]
        assert fmt.format_real([1e5]) == ["1e+05"]
        assert fmt.format_real([123456789]) == ["123456789"]
        assert fmt.format_real([1e15]) == ["1e+15"]
        assert fmt.format_real([0.0001234]) == ["0.0001234"]

    def test_rounding_carry(self):
        """A carry to the next power of ten widens the fixed form only when it shows."""
        assert fmt.format_real([9996], digits=3) == ["9996"]
        assert fmt.format_real([99.96, 1], digits=3) == ["100", "  1"]
        assert fmt.format_real([9.996, 0.5], digits=3) == ["10.0", " 0.5"]
        assert fmt.format_real([99999.5], digits=4) == ["1e+05"]

    def test_significant_digits(self):
        """Digits come from rounding in extended precision, half to even."""
        assert fmt.format_real([0.1 + 0.2]) == ["0.3"]
        assert fmt.format_real([1234567.5]) == ["1234568"]
        assert fmt.format_real([1e-12, 1e12]) == ["1e-12", "1e+12"]

    def test_non_finite_and_zero(self):
        """NA, NaN, Inf and -Inf widen the field; negative zero prints as 0."""
        assert fmt.format_real([None, 1.5, math.nan, math.inf, -math.inf]) == [
            "  NA", " 1.5", " NaN", " Inf", "-Inf"]
        assert fmt.format_real([-0.0, 1.5]) == ["0.0", "1.5"]
        assert fmt.format_real([-0.0]) == ["0"]
        assert fmt.format_real([math.nan], na=[True]) == ["NA"]

    def test_format_int(self):
        """Integers share the widest width, NA included."""
        assert fmt.format_int([1, -20, None]) == ["  1", "-20", " NA"]
        assert fmt.format_int(np.array([], dtype=int)) == []

    def test_format_strings(self):
        """Strings are quoted and escaped; NA prints NA quoted and <NA> unquoted."""
        assert fmt.format_strings(['a"b', "c\\d", None]) == ['"a\\"b"', '"c\\\\d"', "NA"]
        assert fmt.format_strings(['a"b', "e\nf", None], quote=False) == ['a"b', "e\\nf", "<NA>"]


class TestInputs:
    """Input handling: types, NA markers, shapes and options."""

    def test_list_inputs(self):
        """Python lists are typed like R vectors, None being NA."""
        assert fmt.print_vector([1, 2, None]) == "[1]  1  2 NA\n"
        assert fmt.print_vector([1.5, None]) == "[1] 1.5  NA\n"
        assert fmt.print_vector(["a", None]) == '[1] "a" NA \n'
        assert fmt.print_vector([True, None]) == "[1] TRUE   NA\n"

    def test_empty_vectors(self):
        """Empty vectors print their type, named ones with 'named'."""
        assert fmt.print_vector(np.array([], dtype=float)) == "numeric(0)\n"
        assert fmt.print_vector(np.array([], dtype=np.int32)) == "integer(0)\n"
        assert fmt.print_vector(np.array([], dtype=float), names=[]) == "named numeric(0)\n"

    def test_empty_matrices(self):
        """Matrices without rows or columns print as R does."""
        assert fmt.print_matrix(np.zeros((0, 0))) == "<0 x 0 matrix>\n"
        assert fmt.print_matrix(np.zeros((2, 0))) == "    \n[1,]\n[2,]\n"
        assert fmt.print_matrix(np.zeros((0, 2))) == "     [,1] [,2]\n"

    def test_names_length_checked(self):
        """Names of the wrong length are refused."""
        with pytest.raises(ValueError, match="names"):
            fmt.print_vector(np.array([1.0, 2.0]), names=["a"])

    def test_width_checked(self):
        """Widths outside R's 10..10000 are refused, as R does."""
        with pytest.raises(ValueError, match="width"):
            fmt.print_vector(np.array([1.0]), width=5)

    def test_digits_checked(self):
        """digits must be a whole number in 1..22."""
        with pytest.raises(ValueError, match="digits"):
            fmt.format_real([1.0], digits=0)
        with pytest.raises(TypeError, match="digits"):
            fmt.format_real([1.0], digits="7")

    def test_mixed_types_refused(self):
        """An object array mixing strings and numbers is not an R vector."""
        with pytest.raises(TypeError, match="mixed"):
            fmt.print_vector(np.array(["a", 1], dtype=object))

    def test_matrix_must_be_2d(self):
        """print_matrix refuses arrays that are not 2-d."""
        with pytest.raises(ValueError, match="2-dimensional"):
            fmt.print_matrix(np.zeros(3))

    def test_zapsmall_all_na(self):
        """zapsmall leaves an all-NA vector alone."""
        out = fmt.zapsmall([None, math.nan])
        assert np.isnan(out).all()
