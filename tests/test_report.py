"""statkmeans.report and ``statkmeans report``: content, self-containment, determinism, errors.

The browser test (TestChromium, slow) loads a report in headless Chromium.
"""

from __future__ import annotations

import base64
import html
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import load_fixture, num

from statkmeans import (
    ChooseKResult,
    ConvergenceWarning,
    InvalidArgumentError,
    InvalidTypeError,
    KneeResult,
    RStream,
    clus_gap,
    get_stream,
    kmeans,
    load_dataset,
    report,
    scale,
    set_seed,
)
from statkmeans.cli import main
from statkmeans.report import _choose, _Progress

SMALL = {"k_max": 4, "nstart": 2, "nboot": 5}
EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC


@pytest.fixture(scope="module")
def arrests():
    return load_dataset("USArrests")


@pytest.fixture(scope="module")
def page(arrests):
    """One small USArrests report (stamped with SOURCE_DATE_EPOCH), shared by the tests."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        return report(arrests, name="USArrests", **SMALL)
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def expected_fits(x, k_max, nstart, nboot, seed=123):
    """The fits and the gap the report must show, as its R code computes them: kmeans for
    k = 2..k_max from set.seed(seed); clusGap from set.seed(seed) again (its first draws
    are the same fits); the stream returned is where clusGap leaves it."""
    fit_stream = RStream(seed)
    fits = {k: kmeans(x, k, nstart=nstart, rng=fit_stream) for k in range(2, k_max + 1)}
    stream = RStream(seed)
    gap = clus_gap(x, kmeans, K_max=k_max, B=nboot, rng=stream, verbose=False, nstart=nstart)
    return fits, gap, stream


CRITERIA_HEADER = ["k", "wss", "silhouette", "gap", "SE.sim", "ch", "db"]
CHOICE_HEADER = ["wss", "silhouette", "gap", "ch", "db"]
MARKS = {"elbow": "wss", "silhouette": "silhouette", "gap": "gap", "CH": "ch", "DB": "db"}


def page_criteria(page: str) -> tuple[dict[int, list[str]], dict[str, int | None]]:
    """The page's table of criteria (k -> its six cells as shown) and each criterion's k
    (read off the table's "chosen by" column; None where no row names the criterion)."""
    table = page[page.index("<caption>Criteria for k = 1.."):]
    table = table[:table.index("</table>")]
    rows = re.findall(r'<tr[^>]*><th scope="row">(\d+)</th>(.*?)</tr>', table)
    cells: dict[int, list[str]] = {}
    chosen: dict[str, int | None] = dict.fromkeys(CHOICE_HEADER)
    for k, body in rows:
        values = re.findall(r"<td[^>]*>([^<]*)</td>", body)
        cells[int(k)] = values[:6]
        marks = values[6].removeprefix("reported").lstrip(": ")
        for mark in filter(None, marks.split(", ")):
            chosen[MARKS[mark]] = int(k)
    return cells, chosen


def r_printed_criteria(lines: list[str]) -> tuple[dict[int, list[str]], dict[str, int | None]]:
    """The same from what the page's R code prints: print(crit), then the vector of choices."""
    start = next(i for i, line in enumerate(lines) if line.split() == CRITERIA_HEADER)
    cells = {}
    i = start + 1
    while i < len(lines) and len(lines[i].split()) == 8:
        row = lines[i].split()
        cells[int(row[1])] = row[2:]
        i += 1
    assert lines[i].split() == CHOICE_HEADER
    picks = lines[i + 1].split()
    chosen = {name: None if v == "NA" else int(v) for name, v in zip(CHOICE_HEADER, picks)}
    return cells, chosen


def page_r_code(page: str) -> str:
    """The R code of the page's Reproduce section."""
    found = re.search(r"The same analysis in R.*?</p>\n<pre>(.*?)</pre>", page, re.S)
    return html.unescape(found.group(1))


def page_fit(page: str) -> str:
    """The fit as the page prints it (R's print(km))."""
    section = page[page.index('id="fit"'):]
    return html.unescape(re.search(r"<pre>(.*?)</pre>", section, re.S).group(1))


def without_timestamp(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if 'class="timestamp"' not in line)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <style>."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data


def parse(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    return parser


def svgs(text: str) -> list[bytes]:
    prefix = "data:image/svg+xml;base64,"
    return [base64.b64decode(a["src"][len(prefix):]) for t, a in parse(text).tags
            if t == "img" and a.get("src", "").startswith(prefix)]


class TestContent:
    def test_sections(self, page):
        """Every section is there, in order, under its anchor."""
        ids = re.findall(r'<h2 id="([a-z]+)"', page)
        assert ids == ["data", "k", "fit", "profiles", "silhouette", "clusterplot",
                       "membership", "reproduce"]
        assert "<title>k-means clustering of USArrests</title>" in page

    def test_r_code_is_the_fixture_s(self, page):
        """The page prints the R code whose output R wrote to the fixture.

        R: tests/r_reference/make_report_fixtures.R runs tests/r_reference/report_usarrests.R,
        this page's R code (below its header comment).
        """
        committed = (Path(__file__).parent / "r_reference" / "report_usarrests.R").read_text()
        code = [line for line in committed.splitlines() if not line.startswith("# ")]
        assert page_r_code(page).splitlines() == code, (
            "the report's R code changed: write it to tests/r_reference/report_usarrests.R "
            "and rerun make_report_fixtures.R")

    def test_criteria_are_r_s(self, page):
        """Every cell of the table of criteria is what R prints for the page's R code, and
        to R's full precision at the digits shown; each criterion's k is R's."""
        fixture = load_fixture("report_fixtures.json")
        cells, chosen = page_criteria(page)
        r_cells, r_chosen = r_printed_criteria(fixture["output"])
        assert cells == r_cells
        assert chosen == r_chosen == {"wss": None, "silhouette": 2, "gap": 2, "ch": 2, "db": 2}
        columns = ["wss", "silhouette", "gap", "SE.sim", "ch", "db"]
        for k, row in cells.items():
            for shown, column in zip(row, columns):
                r_value = fixture["criteria"][column][k - 1]
                if r_value == "NA":
                    assert shown == "NA"
                    continue
                decimals = len(shown.partition(".")[2])
                assert abs(float(shown) - num(r_value)[0]) <= 0.5 * 10.0 ** -decimals * 1.001

    def test_fit_is_r_s(self, page, arrests):
        """The printed fit is R's print(km) for the page's R code, line for line."""
        fixture = load_fixture("report_fixtures.json")
        shown = page_fit(page)  # str(km), less its trailing white space
        output = fixture["output"]
        start = output.index(shown.splitlines()[0])
        end = start + len(shown.splitlines())
        assert "\n".join(output[start:end]).rstrip() == shown
        assert '<h2 id="fit">The fit: k = 2</h2>' in page

    def test_fit_is_the_comparison_fit(self, page, arrests):
        """The printed fit is kmeans(scale(x), k, nstart) as clusGap draws it from the seed:
        the comparison's own fit, not a fit of its own."""
        fits, gap, _ = expected_fits(scale(arrests), 4, 2, 5)
        k = gap.n_clusters()
        assert f"<pre>{html.escape(str(fits[k]).rstrip())}</pre>" in page
        assert f'<h2 id="fit">The fit: k = {k}</h2>' in page

    def test_profiles_in_original_units(self, page, arrests):
        """The profile table holds each cluster's means of the unscaled columns (R's clusters)."""
        codes = np.array(load_fixture("report_fixtures.json")["cluster"])
        means = arrests.groupby(codes).mean()
        section = page[page.index("Cluster means in the original units"):]
        section = section[:section.index("</table>")]
        for c in range(1, codes.max() + 1):
            row = re.search(rf'<th scope="row">{c}</th>(.*?)</tr>', section).group(1)
            cells = [float(v) for v in re.findall(r'<td class="num">([^<]*)</td>', row)]
            assert cells == pytest.approx(means.loc[c].to_numpy(), rel=1e-6)
        assert "Murder" in section and "UrbanPop" in section

    def test_membership(self, page, arrests):
        """Every row appears by name with its cluster; the CSV download holds the same."""
        section = page[page.index('id="membership"'):page.index('id="reproduce"')]
        for name in arrests.index:
            assert f'<th scope="row">{html.escape(name)}</th>' in section
        uri = re.search(r'href="data:text/csv;base64,([^"]+)"', section).group(1)
        frame = pd.read_csv(io.StringIO(base64.b64decode(uri).decode()))
        assert frame["row"].tolist() == list(arrests.index)
        assert frame["cluster"].tolist() == load_fixture("report_fixtures.json")["cluster"]

    def test_criteria_stated(self, page):
        """The rule is stated, every criterion's choice is listed, and the agreement said."""
        assert "k = 2 was chosen by the report&#x27;s rule: the gap statistic" in page
        assert "firstSEmax" in page and "when that gives k = 1, the largest average" in page
        assert "no vote is taken" in page
        for text in ("Elbow, the knee of the total within sum of squares",
                     "none; the curve has no decisive knee",
                     "Average silhouette width (Rousseeuw 1987), largest: k = 2.",
                     "Gap statistic, firstSEmax with SE.factor = 1: k = 2.",
                     "fpc::calinhara), largest: k = 2.",
                     "Davies-Bouldin index (Davies and Bouldin 1979), smallest: k = 2."):
            assert text in page
        assert "The criteria that choose a k agree on k = 2 (elbow: no choice)." in page
        assert "disagree" not in page

    def test_disagreement_said_plainly(self, written):
        """USArrests, k_max = 6, nstart = 5, B = 20: the gap picks 4, the silhouette, CH and
        DB 2, and the elbow has no knee (R 4.2.2 prints, for the page's R code:
        wss NA, silhouette 2, gap 4, ch 2, db 2); the report says they disagree."""
        page = written.read_text()
        _, chosen = page_criteria(page)
        assert chosen == {"wss": None, "silhouette": 2, "gap": 4, "ch": 2, "db": 2}
        assert "k = 4 was chosen by the report&#x27;s rule" in page
        assert ("The criteria disagree: k = 2 (silhouette, CH, DB); k = 4 (gap). No single k "
                "is supported by all of them, and the report does not count votes.") in page
        assert "run the report again with k = 2" in page
        assert '<div class="warn"><p>k = 4 was chosen' in page
        assert "4 (gap statistic, firstSEmax); the criteria disagree, see Choosing k" in page

    def test_agreement(self):
        """Three separated groups: every criterion, the knee included, picks 3, and the report
        says they agree."""
        stream = RStream(7)
        centres = np.repeat([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]], 20, axis=0)
        x = centres + stream.rnorm(120).reshape(60, 2)
        page = report(x, k_max=6, nstart=2, nboot=10)
        assert "k = 3 was chosen by the report&#x27;s rule" in page
        assert "All the criteria agree on k = 3." in page
        assert "disagree" not in page
        _, chosen = page_criteria(page)
        assert chosen == dict.fromkeys(CHOICE_HEADER, 3)

    def test_k_beyond_k_max(self, arrests):
        """k above k_max is fitted after the comparison, from the same stream (where clusGap
        leaves it); the default stream is not touched."""
        set_seed(42)
        before = get_stream().random_seed.copy()
        page = report(arrests, k=6, **SMALL)
        assert np.array_equal(get_stream().random_seed, before)
        _, _, stream = expected_fits(scale(arrests), 4, 2, 5)
        km = kmeans(scale(arrests), 6, nstart=2, rng=stream)
        assert html.escape(str(km).rstrip()) in page
        assert '<h2 id="fit">The fit: k = 6</h2>' in page
        assert "k = 6 was given (k= / --k). No criterion picks it" in page
        assert "Without it, the report&#x27;s rule would give k = 2" in page
        assert "km &lt;- kmeans(x, 6, nstart = 2)  # after clusGap&#x27;s draws" in page

    def test_given_k_a_criterion_picks(self, arrests, page):
        """A given k that the criteria pick: the report names them and shows the same fit."""
        given = report(arrests, k=2, name="USArrests", **SMALL)
        assert "k = 2 was given (k= / --k). It is the choice of: silhouette, gap, CH, DB." in given
        assert "Without it, the report&#x27;s rule would give k = 2" in given
        assert "km &lt;- fits[[2]]" in given
        assert page_fit(given) == page_fit(page)

    def test_warnings_listed_and_raised(self, arrests):
        """kmeans' warnings are listed in the report, counted, and raised to the caller;
        iter_max reaches every fit and the R code."""
        with pytest.warns(ConvergenceWarning, match="did not converge in 1 iteration"):
            page = report(arrests, iter_max=1, **SMALL)
        assert "kmeans warned:" in page
        assert re.search(r"comparing k = 1..4 .*: did not converge in 1 iteration; increase "
                         r"&#x27;iter_max&#x27; \(\d+ times\)", page)
        assert "iter.max = 1, nstart = 2" in page and "iter_max=1" in page

    def test_non_numeric_columns_left_out(self):
        """iris: Species is left out, and the report says so."""
        page = report(load_dataset("iris"), name="iris", **SMALL)
        assert "Left out (not numeric): Species" in page
        assert "x &lt;- iris" in page

    def test_columns_unscaled(self, arrests):
        """columns= clusters those columns only; scale=False clusters them in original units,
        with a warning when their spreads differ widely."""
        page = report(arrests, columns=["Murder", "Assault"], scale=False, **SMALL)
        assert "2 numeric column(s) clustered: Murder, Assault." in page
        assert "columns=[&#x27;Murder&#x27;, &#x27;Assault&#x27;], scale=False" in page
        assert "the two standardised columns" in page
        assert "No standardisation" in page and "19-fold (Assault against Murder)" in page
        assert "x &lt;- as.matrix(x)" in page

    def test_one_column(self, arrests):
        """One column: no cluster plot, and the report says why."""
        page = report(arrests[["Assault"]], **SMALL)
        assert "A cluster plot needs at least two columns" in page
        assert len(svgs(page)) == 2

    def test_array_input(self):
        """An array: columns V1..Vp, rows numbered."""
        x = np.asarray(load_dataset("faithful"))[:60]
        page = report(x, **SMALL)
        assert "V1, V2" in page and "they are numbered 1..n" in page
        assert '<th scope="row">60</th>' in page
        assert "Clustering vector:\n [1]" in page  # unnamed, as R prints a matrix's fit

    def test_text_is_escaped(self):
        """Names from the data are escaped: no markup gets in."""
        frame = pd.DataFrame({"<script>alert(1)</script>": [1.0, 2, 3, 10, 11, 12, 20, 21],
                              "b&c": [0.0, 1, 0, 5, 6, 5, 9, 9]},
                             index=[f"<i>{i}</i>" for i in range(8)])
        page = report(frame, k_max=3, nstart=2, nboot=3, name="<b>mine</b>")
        assert "<script" not in page and "<i>" not in page and "<b>mine" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "&lt;b&gt;mine&lt;/b&gt;" in page

    def test_csv_row_names(self, tmp_path, arrests):
        """A CSV written like R's write.csv keeps its row names (as row_names=True would)."""
        path = tmp_path / "arrests.csv"
        arrests.to_csv(path)
        page = report(str(path), **SMALL)
        assert '<th scope="row">Alabama</th>' in page
        assert "arrests.csv: 50 rows" in page
        assert f'x &lt;- read.csv(&quot;{path}&quot;, row.names = 1)' in page
        assert f"report(&#x27;{path}&#x27;, k_max=4, row_names=True, seed=123" in page

    def test_csv_row_names_flag(self, tmp_path, arrests):
        """row_names=True takes the first column as names even when it has a header."""
        path = tmp_path / "named.csv"
        arrests.rename_axis("state").to_csv(path)
        from statkmeans.report import _load

        table = _load(path, None, True, None, True, None, 4)
        assert list(table.frame.index) == list(arrests.index)
        assert list(table.frame.columns) == list(arrests.columns)
        assert table.row_names_given
        assert list(_load(path, None, False, None, True, None, 4).excluded) == ["state"]


class TestChoice:
    """How k is chosen, on crafted criteria."""

    @staticmethod
    def comparison(widths, gap, se, ch=None, db=None, knee=None):
        from statkmeans.gap import ClusGapResult

        k = np.arange(1, len(widths) + 1)
        tab = pd.DataFrame({"logW": np.ones(len(k)), "E.logW": 1 + np.asarray(gap),
                            "gap": np.asarray(gap, dtype=float), "SE.sim": np.asarray(se)},
                           index=pd.Index(k, name="k"))
        result = ClusGapResult(Tab=tab, call="clus_gap()", spaceH0="scaledPCA", n=50, B=10,
                               d_power=1)
        nan = np.full(len(k), np.nan)
        kneed = KneeResult(knee=knee, strength=0.5 if knee else 0.0, k=k, jump=nan,
                           spread=nan, share=nan, decisive=np.zeros(len(k), dtype=bool))
        return ChooseKResult(
            k=k, criteria=("wss", "silhouette", "gap", "ch", "db"),
            wss=np.linspace(10, 1, len(k)), silhouette=np.r_[np.nan, widths[1:]],
            ch=np.r_[np.nan, widths[1:]] if ch is None else np.r_[np.nan, ch],
            db=-np.r_[np.nan, widths[1:]] if db is None else np.r_[np.nan, db],
            gap=result, knee=kneed, fits={})

    def test_gap_one_falls_back_to_silhouette(self):
        """Gap says 1: the silhouette's k is used, and the report says what that means."""
        choice = _choose(self.comparison([0, 0.3, 0.5, 0.2], [0.5, 0.4, 0.45, 0.3],
                                         [0.05] * 4), None)
        assert choice.k == 3 and choice.by == "silhouette" and choice.disagree
        assert "chooses k = 1" in choice.rule[0]
        assert "not as evidence of distinct groups" in choice.rule[1]
        assert choice.verdict[0].startswith("The criteria disagree: k = 1 (gap); "
                                            "k = 3 (silhouette, CH, DB).")

    def test_given_k_neither(self):
        """A given k that no criterion picks is said to be so; agreement is still reported."""
        choice = _choose(self.comparison([0, 0.5, 0.3, 0.2], [0.1, 0.3, 0.2, 0.1],
                                         [0.01] * 4, knee=2), 4)
        assert choice.k == 4 and choice.given and not choice.disagree
        assert "No criterion picks it" in choice.rule[0]
        assert "the report's rule would give k = 2" in choice.rule[1]
        assert choice.verdict == ("All the criteria agree on k = 2.",)
        assert choice.picks[0].endswith("k = 2 (strength 0.50).")

    def test_every_disagreement_listed(self):
        """Three groups of criteria: each k with its criteria, in order; no majority wins."""
        choice = _choose(self.comparison([0, 0.5, 0.3, 0.2], [0.1, 0.2, 0.3, 0.25],
                                         [0.01] * 4, ch=[1, 2, 5], db=[0.5, 0.4, 0.9], knee=4),
                         None)
        assert choice.k == 3 and choice.by == "gap" and choice.disagree
        assert choice.verdict[0].startswith(
            "The criteria disagree: k = 2 (silhouette); k = 3 (gap, DB); k = 4 (elbow, CH).")
        assert "Look at the fits for k = 2, 3 and 4 (run the report again with k = 2 or 4)" \
            in choice.verdict[1]


class TestSelfContained:
    def test_nothing_outside(self, page):
        """No script, no link, no frame; every src/href is a data: URI or an anchor; no url()."""
        parsed = parse(page)
        tags = {t for t, _ in parsed.tags}
        assert not tags & {"script", "link", "iframe", "object", "embed", "base", "form"}
        for tag, attrs in parsed.tags:
            for key in ("src", "href", "srcset", "action", "poster"):
                if key in attrs:
                    assert attrs[key].startswith(("data:", "#")), (tag, key, attrs[key][:40])
        assert "url(" not in parsed.style and "@import" not in parsed.style
        assert parsed.style.strip()

    def test_well_formed(self, page):
        """Every element is closed, in order; one h1, ids unique."""
        from test_results import check_html

        parsed = check_html(page)
        assert parsed.tags.count("h1") == 1
        ids = re.findall(r' id="([^"]+)"', page)
        assert len(ids) == len(set(ids))

    def test_policy(self, page):
        """A Content-Security-Policy forbids loading anything but data: images."""
        meta = [a for t, a in parse(page).tags if t == "meta" and "http-equiv" in a]
        assert meta == [{"http-equiv": "Content-Security-Policy",
                         "content": "default-src 'none'; img-src data:; style-src 'unsafe-inline'"}]

    def test_figures_are_svg_without_references(self, page):
        """Three SVG figures; they reference nothing outside themselves and carry no date."""
        figures = svgs(page)
        assert len(figures) == 3
        for svg in figures:
            text = svg.decode()
            assert text.startswith("<?xml")
            assert "<dc:date>" not in text and "statkmeans" in text
            for ref in re.findall(r'(?:xlink:)?href="([^"]*)"', text):
                assert ref.startswith(("#", "data:")), ref


class TestDeterminism:
    def test_same_seed_same_report(self, arrests, page):
        """Two runs differ only in the timestamp line (page was stamped SOURCE_DATE_EPOCH)."""
        again = report(arrests, name="USArrests", **SMALL)
        assert without_timestamp(again) == without_timestamp(page)
        lines = [a for a, b in zip(page.split("\n"), again.split("\n")) if a != b]
        assert len(lines) == 1 and 'class="timestamp"' in lines[0]
        assert sum('class="timestamp"' in line for line in page.split("\n")) == 1

    def test_source_date_epoch(self, arrests, page, monkeypatch):
        """With SOURCE_DATE_EPOCH the whole file is the same, stamped with that date."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert report(arrests, name="USArrests", **SMALL) == page
        assert "Generated 2023-11-14 22:13:20 UTC" in page

    def test_user_style_ignored(self, arrests, page, monkeypatch):
        """The user's matplotlib style does not reach the figures."""
        import matplotlib

        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        with matplotlib.rc_context({"axes.facecolor": "black", "font.size": 20,
                                    "svg.fonttype": "none", "svg.hashsalt": None}):
            assert report(arrests, name="USArrests", **SMALL) == page


class TestWriting:
    def test_out_writes_the_page(self, arrests, page, tmp_path, monkeypatch):
        """out= replaces the file with the page and returns its path; no temporary file is
        left; the file's mode follows the umask."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        target = tmp_path / "report.html"
        target.write_text("old")
        assert report(arrests, name="USArrests", out=str(target), **SMALL) == target
        assert target.read_text(encoding="utf-8") == page
        assert os.listdir(tmp_path) == ["report.html"]
        umask = os.umask(0)
        os.umask(umask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~umask

    def test_failed_write_leaves_nothing(self, arrests, tmp_path, monkeypatch):
        """An error while writing: a clear error, no report and no temporary file."""
        def fail(src, dst):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "replace", fail)
        with pytest.raises(InvalidArgumentError, match="No space left on device"):
            report(arrests, out=tmp_path / "report.html", **SMALL)
        assert os.listdir(tmp_path) == []


class TestErrors:
    """Bad input: one clear error, before any work, and nothing written."""

    @pytest.fixture
    def files(self, tmp_path):
        (tmp_path / "text.csv").write_text("name,colour\na,red\nb,blue\nc,green\n")
        (tmp_path / "few.csv").write_text("x,y\n1,2\n3,4\n5,7\n")
        (tmp_path / "same.csv").write_text("x,y\n" + "1,2\n" * 8 + "3,4\n" * 4)
        (tmp_path / "na.csv").write_text("x,y\n1,2\n3,\n" + "".join(f"{i},{i}\n" for i in range(10)))
        (tmp_path / "flat.csv").write_text("x,y\n" + "".join(f"{i},1\n" for i in range(12)))
        (tmp_path / "empty.csv").write_text("")
        (tmp_path / "out").mkdir()
        return tmp_path

    @pytest.mark.parametrize("name, kwargs, match", [
        ("missing.csv", {}, r"cannot read '.*missing.csv': no such file"),
        ("out", {}, "it is not a file"),
        ("empty.csv", {}, "cannot read '.*empty.csv' as CSV"),
        ("text.csv", {}, "text.csv has no numeric columns to cluster \\(columns: name, colour\\)"),
        ("few.csv", {}, "too few rows for k_max = 10: few.csv has 3 row\\(s\\).*at most 2"),
        ("same.csv", {"k_max": 4}, "too few distinct rows for k_max = 4: same.csv has 2 distinct"),
        ("na.csv", {"k_max": 3}, "missing or infinite values in column\\(s\\) y"),
        ("flat.csv", {"k_max": 3}, "column\\(s\\) y of flat.csv are constant"),
    ])
    def test_bad_data(self, files, name, kwargs, match):
        """Files that cannot be reported on."""
        with pytest.raises(InvalidArgumentError, match=match):
            report(files / name, out=files / "out" / "r.html", **kwargs)
        assert os.listdir(files / "out") == []

    @pytest.mark.parametrize("kwargs, error, match", [
        ({"k": 1}, InvalidArgumentError, "'k' must be at least 2"),
        ({"k": 50}, InvalidArgumentError, "'k' \\(50\\) is too large"),
        ({"k_max": 1}, InvalidArgumentError, "'k_max' must be at least 2"),
        ({"nboot": 1}, InvalidArgumentError, "'nboot' must be at least 2"),
        ({"nstart": 0}, InvalidArgumentError, "'nstart' must be positive"),
        ({"seed": 1.5}, InvalidArgumentError, "'seed' must be a whole number"),
        ({"scale": "yes"}, InvalidTypeError, "'scale' must be True or False"),
        ({"columns": ["Murder", "Nope"]}, InvalidArgumentError, "no column\\(s\\) Nope"),
        ({"name": 3}, InvalidTypeError, "'name' must be a string"),
    ])
    def test_bad_arguments(self, arrests, kwargs, error, match):
        """Arguments out of range, named in the message."""
        with pytest.raises(error, match=match):
            report(arrests, **kwargs)

    def test_non_numeric_column_asked_for(self):
        """A column asked for that is not numeric."""
        with pytest.raises(InvalidArgumentError, match="Species of the data are not numeric"):
            report(load_dataset("iris"), columns=["Species"])

    def test_not_data(self):
        """Something that is not a table."""
        with pytest.raises(InvalidTypeError, match="'x' must be a CSV file path"):
            report({"a": 1})

    @pytest.mark.parametrize("out, match", [
        ("missing/r.html", "the directory '.*missing' does not exist"),
        ("file.txt/r.html", "the directory '.*file.txt' is not a directory"),
        (".", "'out' must name a file"),
        ("sub", "it is a directory"),
    ])
    def test_bad_output(self, arrests, tmp_path, out, match):
        """Output paths that cannot be written are refused before any work."""
        (tmp_path / "file.txt").write_text("x")
        (tmp_path / "sub").mkdir()
        target = out if out == "." else tmp_path / out
        with pytest.raises(InvalidArgumentError, match=match):
            report(arrests, out=target)

    @pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                        reason="root may write to read-only directories")
    def test_read_only_directory(self, arrests, tmp_path):
        """A directory without write permission."""
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            with pytest.raises(InvalidArgumentError, match="permission denied"):
                report(arrests, out=locked / "r.html")
        finally:
            locked.chmod(0o700)


class TestCommandLine:
    def test_dataset(self, tmp_path, page, capsys, monkeypatch):
        """--dataset writes the report the API writes; nothing on stdout or stderr (not a
        terminal: no progress bar)."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        monkeypatch.chdir(tmp_path)
        # the command the report prints to reproduce itself
        command = html.unescape(re.search(r"From the command line:</p>\n<pre>(.*?)</pre>",
                                          page).group(1))
        assert command == ("statkmeans report --dataset USArrests --k-max 4 --seed 123 "
                           "--nstart 2 --nboot 5 --out report.html")
        assert main(shlex.split(command)[1:]) == 0
        assert capsys.readouterr() == ("", "")
        assert (tmp_path / "report.html").read_text() == page
        # and the Python it prints
        python = html.unescape(re.search(r"This report, from Python:</p>\n<pre>(.*?)</pre>",
                                         page, re.S).group(1))
        assert python.endswith("report(load_dataset('USArrests'), k_max=4, seed=123, nstart=2, "
                               "nboot=5, name='USArrests', out=\"report.html\")")
        (tmp_path / "report.html").unlink()
        exec(python, {})
        assert (tmp_path / "report.html").read_text() == page

    def test_file_and_options(self, tmp_path, monkeypatch):
        """A CSV file with --columns (comma and space separated), --no-scale, --k, --seed."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        path = tmp_path / "arrests.csv"
        load_dataset("USArrests").to_csv(path)
        out = tmp_path / "r.html"
        assert main(["report", str(path), "--columns", "Murder,Assault", "Rape", "--no-scale",
                     "--k", "3", "--seed", "9", "--k-max", "4", "--nstart", "2", "--nboot", "5",
                     "--out", str(out)]) == 0
        page = out.read_text()
        assert page == report(path, k=3, columns=["Murder", "Assault", "Rape"], scale=False,
                              seed=9, **SMALL)
        assert "set.seed(9)" in page and "seed = 9 " in page

    @pytest.mark.parametrize("args, match", [
        (["{tmp}/missing.csv"], "cannot read '.*missing.csv': no such file"),
        (["{tmp}/text.csv"], "has no numeric columns"),
        (["{tmp}/few.csv"], "too few rows for k_max = 10"),
        (["--dataset", "USArrests", "--out", "{tmp}/nodir/r.html"], "does not exist"),
        (["--dataset", "USArrests", "--out", "{tmp}/text.csv/r.html"], "is not a directory"),
        (["--dataset", "nope"], "unknown dataset 'nope'"),
        (["{tmp}/few.csv", "--dataset", "USArrests"], "not both"),
        ([], "give a CSV file or --dataset NAME"),
        (["--columns", "x", "{tmp}/few.csv"], "put the file before --columns"),
        (["--dataset", "USArrests", "--k", "1"], "'k' must be at least 2"),
    ])
    def test_errors(self, tmp_path, capsys, args, match):
        """One line on stderr, exit status 2, no file written."""
        (tmp_path / "text.csv").write_text("name,colour\na,red\n")
        (tmp_path / "few.csv").write_text("x,y\n1,2\n3,4\n5,7\n")
        argv = [a.format(tmp=tmp_path) for a in args]
        if "--out" not in argv:
            argv += ["--out", str(tmp_path / "r.html")]
        before = sorted(os.listdir(tmp_path))
        assert main(["report", *argv]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert err.startswith("statkmeans report: error: ") and err.count("\n") == 1
        assert re.search(match, err)
        assert sorted(os.listdir(tmp_path)) == before

    def test_warnings(self, tmp_path, capsys):
        """kmeans' warnings: one line each on stderr, counted; the report is still written."""
        out = tmp_path / "r.html"
        assert main(["report", "--dataset", "USArrests", "--iter-max", "1", "--k-max", "4",
                     "--nstart", "2", "--nboot", "5", "--out", str(out)]) == 0
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 1
        assert re.fullmatch(r"statkmeans report: warning: did not converge in 1 iteration; "
                            r"increase 'iter_max' \(\d+ times\)", err[0])
        assert "kmeans warned:" in out.read_text()

    def test_exit_status_in_a_process(self, tmp_path):
        """Run as a program: exit status 2 and one line, no traceback."""
        result = subprocess.run([sys.executable, "-m", "statkmeans", "report",
                                 str(tmp_path / "missing.csv"), "--out",
                                 str(tmp_path / "r.html")],
                                cwd=tmp_path, capture_output=True, text=True)
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert not (tmp_path / "r.html").exists()


class TestProgress:
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    def test_terminal(self):
        """On a terminal, steps over the delay draw a bar, erased at the end."""
        stream = self.Terminal()
        with _Progress(2, stream=stream, delay=0.0) as bar:
            with bar.step("first", 2):
                bar.advance()
                bar.advance()
            with bar.step("second"):
                pass
        text = stream.getvalue()
        assert "statkmeans report [" in text and "first 2/2" in text and "2/2 second" in text
        assert text.endswith("\r")
        assert text.split("\r")[-2].strip() == ""

    def test_quick_steps_draw_nothing(self):
        """Steps shorter than the delay draw nothing."""
        stream = self.Terminal()
        with _Progress(1, stream=stream, delay=60.0) as bar, bar.step("quick"):
            pass
        assert stream.getvalue() == ""

    def test_not_a_terminal(self):
        """Not a terminal: nothing, however long the steps."""
        stream = io.StringIO()
        with _Progress(1, stream=stream, delay=0.0) as bar, bar.step("long"):
            bar.advance()
        assert stream.getvalue() == ""


# -- in a browser -------------------------------------------------------------------------------

# Added to a copy of the report (and allowed by its policy): records errors and, at
# load, writes each image's decoded size and the resources fetched into the page.
PROBE = """<script>
window.__errors = [];
window.addEventListener("error", function (e) {
  window.__errors.push(String(e.message || (e.target && (e.target.src || e.target.tagName))));
}, true);
document.addEventListener("securitypolicyviolation", function (e) {
  window.__errors.push("csp " + e.violatedDirective + " " + e.blockedURI);
});
var __error = console.error;
console.error = function () {
  window.__errors.push([].join.call(arguments, " "));
  __error.apply(console, arguments);
};
window.addEventListener("load", function () {
  var out = document.createElement("pre");
  out.id = "probe";
  var imgs = [].map.call(document.images, function (i) {
    return i.complete + " " + i.naturalWidth + "x" + i.naturalHeight;
  });
  var fetched = performance.getEntriesByType("resource").map(function (r) { return r.name; });
  out.textContent = JSON.stringify({images: imgs, errors: window.__errors, fetched: fetched});
  document.body.appendChild(out);
});
</script>
"""


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("chromium is not installed and could not be (.ci/run installs it with "
                    "apt-get install chromium): the report's browser test did not run")
    return path


def run_chromium(binary, *args, timeout=120):
    return subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions",
         "--no-first-run", "--hide-scrollbars", "--enable-logging=stderr", "--v=0", *args],
        capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """A report written to a file, for the browser."""
    folder = tmp_path_factory.mktemp("browser")
    path = folder / "report.html"
    report(load_dataset("USArrests"), name="USArrests", k_max=6, nstart=5, nboot=20, out=path)
    return path


@pytest.mark.slow
class TestChromium:
    """The report in headless Chromium: it loads cleanly, its figures decode, it shows something."""

    def test_loads_and_figures_decode(self, written):
        """No console error, nothing fetched, every image decoded with a positive size."""
        binary = chromium()
        text = written.read_text()
        policy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
        assert policy in text
        probed = text.replace(policy, policy + "; script-src 'unsafe-inline'", 1)
        probed = probed.replace("</head>", PROBE + "</head>", 1)
        page = written.parent / "probed.html"
        page.write_text(probed)
        result = run_chromium(binary, "--virtual-time-budget=10000", "--dump-dom",
                              page.as_uri())
        assert result.returncode == 0, result.stderr[-2000:]
        found = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.S)
        assert found, result.stdout[-2000:]
        import json

        probe = json.loads(html.unescape(found.group(1)))
        assert probe["errors"] == []
        assert probe["fetched"] == []
        assert len(probe["images"]) == 3
        for image in probe["images"]:
            complete, size = image.split()
            width, height = (int(v) for v in size.split("x"))
            assert complete == "true" and width > 0 and height > 0, image
        console = [line for line in result.stderr.splitlines() if "CONSOLE" in line]
        assert console == []

    def test_unmodified_report_logs_nothing(self, written):
        """The report itself, as written: no console message at all (no blocked load)."""
        binary = chromium()
        result = run_chromium(binary, "--virtual-time-budget=5000", "--dump-dom",
                              written.as_uri())
        assert result.returncode == 0
        assert "Cluster membership" in result.stdout
        assert [line for line in result.stderr.splitlines() if "CONSOLE" in line] == []

    def test_screenshot_not_blank(self, written, tmp_path):
        """A screenshot of the page has contrast (text and figures), not one flat colour."""
        binary = chromium()
        shot = tmp_path / "report.png"
        result = run_chromium(binary, f"--screenshot={shot}", "--window-size=1280,2400",
                              written.as_uri())
        assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
        from matplotlib.image import imread

        pixels = imread(str(shot))[..., :3]
        assert pixels.shape[0] >= 2000 and pixels.shape[1] >= 1200
        grey = pixels.mean(axis=2)
        assert grey.std() > 0.05
        # colour as well as text: the figures' cluster colours are there
        assert (pixels.std(axis=2) > 0.15).mean() > 0.001

    def test_same_bytes_in_another_process(self, written, tmp_path):
        """Another process (other hash seed) writes the same report, timestamp aside."""
        out = tmp_path / "again.html"
        env = dict(os.environ, PYTHONHASHSEED="12345")
        subprocess.run([sys.executable, "-m", "statkmeans", "report", "--dataset", "USArrests",
                        "--k-max", "6", "--nstart", "5", "--nboot", "20", "--out", str(out)],
                       cwd=tmp_path, env=env, check=True)
        assert without_timestamp(out.read_text()) == without_timestamp(written.read_text())


# -- the R code, run in R ---------------------------------------------------------------------


def rscript() -> str:
    path = shutil.which("Rscript")
    if path is None:
        pytest.skip("Rscript is not installed: the report's R code was not run here (one "
                    "page's R output is checked against tests/r_reference/report_fixtures.json)")
    check = subprocess.run([path, "-e", 'stopifnot(requireNamespace("cluster", quietly = TRUE), '
                            'requireNamespace("fpc", quietly = TRUE))'],
                           capture_output=True, text=True)
    if check.returncode != 0:
        pytest.skip("R lacks the cluster or fpc package: the report's R code was not run")
    return path


@pytest.mark.slow
class TestReproduceInR:
    """The Reproduce section's R code, run in R, prints the page's numbers and fit."""

    @pytest.mark.parametrize("case", ["dataset", "csv, columns, no scaling, k > k_max"])
    def test_r_code_prints_the_page(self, case, written, tmp_path):
        binary = rscript()
        if case == "dataset":
            page = written.read_text()
        else:
            path = tmp_path / "arrests.csv"
            load_dataset("USArrests").to_csv(path)
            page = report(path, k=5, k_max=4, columns=["Murder", "Assault", "Rape"],
                          scale=False, nstart=3, nboot=10, iter_max=20, seed=2)
        code = page_r_code(page)
        script = tmp_path / "reproduce.R"
        script.write_text(code + "\n")
        result = subprocess.run([binary, "--vanilla", str(script)], capture_output=True,
                                text=True, timeout=300, cwd=tmp_path)
        assert result.returncode == 0, result.stderr[-2000:]
        printed = result.stdout.splitlines()
        assert r_printed_criteria(printed) == page_criteria(page)
        shown = page_fit(page)
        start = printed.index(shown.splitlines()[0])
        end = start + len(shown.splitlines())
        assert "\n".join(printed[start:end]).rstrip() == shown

