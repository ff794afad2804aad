"""What result classes share: Jupyter's HTML view next to R's printed text.

IPython's own display formatter is used, so these are the views a notebook
shows: ``text/plain`` stays R's print, ``text/html`` comes from
``PrettyPrinted._repr_html_`` and each class's ``_html_parts``.
"""

from __future__ import annotations

import inspect
import re
from html.parser import HTMLParser

import attrs
import numpy as np
import pandas as pd
import pytest
from IPython.core.formatters import DisplayFormatter

import statkmeans
from statkmeans import (
    Dist,
    choose_k,
    clus_gap,
    cluster_coordinates,
    cluster_stats,
    dist,
    dudahart2,
    find_knee,
    kmeans,
    kmeansruns,
    load_dataset,
    nbclust,
    scale,
    set_seed,
    silhouette,
)
from statkmeans._results import PrettyPrinted, html_table

VOID = {"meta", "img", "br", "hr", "input", "link"}


class Balanced(HTMLParser):
    """Checks that every element is closed in order, and collects text and tags."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check_html(text: str) -> Balanced:
    parser = Balanced()
    parser.feed(text)
    parser.close()
    assert parser.stack == []
    return parser


def display(obj) -> dict:
    data, _ = DisplayFormatter().format(obj)
    return data


def cells(fragment: str) -> list[list[str]]:
    """The rows of the first table in a fragment, as text cells (headers included)."""
    table = fragment[fragment.index("<table"):fragment.index("</table>")]
    return [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row)
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table)]


@pytest.fixture(scope="module")
def arrests():
    return scale(load_dataset("USArrests"))


@pytest.fixture(scope="module")
def km(arrests):
    set_seed(1)
    return kmeans(arrests, 3, nstart=5)


@pytest.fixture(scope="module")
def samples(arrests, km):
    """One result of each public class that prints."""
    sil = silhouette(km, data=arrests)
    return {
        "KMeansResult": km,
        "SilhouetteResult": sil,
        "SilhouetteSummary": sil.summary(),
        "ClusGapResult": clus_gap(arrests, kmeans, K_max=4, B=5, rng=1, verbose=False),
        "Dist": dist(arrests.iloc[:5]),
        "NbClustResult": nbclust(arrests, kmeans, "silhouette", k_max=4, rng=1),
        "ClusterCoordinates": cluster_coordinates(km, arrests),
        "ChooseKResult": choose_k(arrests, k_max=4, nstart=2, B=5, rng=1),
        "ClusterStats": cluster_stats(dist(arrests), km.cluster),
        "DudaHartResult": dudahart2(arrests, km.cluster.where(km.cluster == 1, 2)),
        "KMeansRunsResult": kmeansruns(arrests, krange=range(2, 4), runs=2, rng=1),
        "KneeResult": find_knee(range(1, 7), [10.0, 3.0, 2.5, 2.2, 2.0, 1.9], full=True),
    }


PRINTING = sorted(n for n in statkmeans.__all__ if inspect.isclass(getattr(statkmeans, n))
                  and issubclass(getattr(statkmeans, n), PrettyPrinted))


class TestDisplay:
    @pytest.mark.parametrize("name", PRINTING)
    def test_html_and_text(self, samples, name):
        """Jupyter gets well-formed HTML in a statkmeans div; IPython's text is R's print."""
        obj = samples[name]
        data = display(obj)
        assert data["text/plain"] == str(obj).rstrip("\n")
        html_text = data["text/html"]
        assert html_text.startswith(f'<div class="statkmeans-result" data-class="{name}">')
        check_html(html_text)

    def test_every_printing_class_has_a_sample(self, samples):
        """The samples above cover every public printing class."""
        assert set(PRINTING) <= set(samples)

    def test_print_unchanged(self, km, capsys):
        """print() is still R's text, not HTML."""
        print(km)
        assert capsys.readouterr().out.startswith("K-means clustering with 3 clusters of sizes")

    def test_later_classes_inherit(self):
        """A result class added later gets the default view: its print, escaped, in a <pre>."""

        @attrs.frozen
        class Later(PrettyPrinted):
            value: str

            def __str__(self):
                return f"value <{self.value}> & more\n"

        data = display(Later("x"))
        assert data["text/plain"] == "value <x> & more"
        assert data["text/html"] == ('<div class="statkmeans-result" data-class="Later">'
                                     "<pre>value &lt;x&gt; &amp; more</pre></div>")


class TestKMeans:
    def test_tables(self, km):
        """Sizes and within sums of squares, and the centres, in R's printed digits."""
        parts = km._html_parts()
        sizes = cells(parts[1])
        assert sizes[0] == ["cluster", "size", "withinss"]
        assert [r[1] for r in sizes[1:]] == [str(int(s)) for s in km.size]
        printed = str(km).split("\n")
        assert [r[2] for r in sizes[1:]] == printed[printed.index(
            "Within cluster sum of squares by cluster:") + 1].split()[1:]
        centres = cells(parts[2])
        assert centres[0] == ["cluster", "Murder", "Assault", "UrbanPop", "Rape"]
        for i, row in enumerate(centres[1:], start=1):
            assert " ".join(row) == " ".join(printed[3 + i].split())
        assert "between_SS / total_SS =  60.0 %" in str(km)
        assert "(between_SS / total_SS = 60.0 %)" in parts[1]

    def test_codes_folded(self, km):
        """The clustering vector is R's print, inside a closed <details>."""
        parts = km._html_parts()
        assert parts[3].startswith("<details><summary>Clustering vector (50 observations)")
        assert "Alabama" in parts[3]

    def test_escaped(self):
        """Column and row names are escaped."""
        x = pd.DataFrame({"<a>": [0.0, 0.1, 5, 5.1], "b&b": [0.0, 0.2, 5, 5.3]},
                         index=["<r1>", "r2", "r3", "r4"])
        set_seed(1)
        text = display(kmeans(x, 2))["text/html"]
        assert "<a>" not in text and "<r1>" not in text
        assert "&lt;a&gt;" in text and "b&amp;b" in text and "&lt;r1&gt;" in text
        check_html(text)

    def test_not_converged(self, arrests):
        """A fit that did not converge says so, as R's print."""
        set_seed(1)
        with pytest.warns(statkmeans.ConvergenceWarning):
            km = kmeans(arrests, 5, iter_max=1, algorithm="Lloyd")
        assert km.ifault == 2
        assert "did *not* converge" in display(km)["text/html"]


class TestSilhouette:
    def test_summary_tables(self, samples):
        """Per-cluster sizes and widths, then the widths' summary with R's four digits."""
        sm = samples["SilhouetteSummary"]
        parts = sm._html_parts()
        per = cells(parts[1])
        assert [r[1] for r in per[1:]] == [str(int(s)) for s in sm.clus_sizes]
        overall = cells(parts[2])
        assert overall[0] == ["Min.", "1st Qu.", "Median", "Mean", "3rd Qu.", "Max."]
        printed = str(sm).rstrip("\n").split("\n")
        assert overall[1] == printed[-1].split()

    def test_matrix_folded_or_left_out(self, samples, monkeypatch):
        """The n x 3 matrix is folded in for small n, and named only above HTML_ROWS."""
        import importlib

        module = importlib.import_module("statkmeans.silhouette")

        sil = samples["SilhouetteResult"]
        assert "The 50 x 3 matrix (print)" in display(sil)["text/html"]
        monkeypatch.setattr(module, "HTML_ROWS", 10)
        text = display(sil)["text/html"]
        assert "<details>" not in text and "print(s) or s.to_frame()" in text


class TestGapAndNbClust:
    def test_gap_table_marks_the_choice(self, samples):
        """Tab as a table with R's digits, the firstSEmax k marked."""
        gap = samples["ClusGapResult"]
        text = display(gap)["text/html"]
        rows = cells(text[text.index("<table"):])
        assert rows[0] == ["k", "logW", "E.logW", "gap", "SE.sim", ""]
        chosen = [r[0] for r in rows[1:] if r[-1]]
        assert chosen == [str(gap.n_clusters())]
        printed = str(gap).rstrip("\n").split("\n")[-4:]
        assert [r[1:5] for r in rows[1:]] == [line.split()[1:] for line in printed]
        assert "&lt;DataFrame 50 x 4&gt;" in text

    def test_nbclust_table(self, samples, arrests):
        """The criterion against k, factoextra's choice marked; "wss" marks none."""
        res = samples["NbClustResult"]
        rows = cells(display(res)["text/html"])
        assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4"]
        assert [r[0] for r in rows[1:] if r[-1]] == [str(res.n_clusters)]
        wss = nbclust(arrests, kmeans, "wss", k_max=3, rng=1)
        text = display(wss)["text/html"]
        assert "chosen" not in text and "read the elbow off the plot" in text


class TestDist:
    def test_small(self, samples):
        """The lower triangle as R prints it, labelled by row names."""
        d = samples["Dist"]
        rows = cells(display(d)["text/html"])
        printed = [line.split() for line in str(d).rstrip("\n").split("\n")]
        assert rows[0][1:] == printed[0]  # Alabama .. Arkansas: one word each
        assert [[c for c in r if c] for r in rows[1:]] == printed[1:]
        assert rows[-1][0] == "California"

    def test_large(self):
        """Beyond HTML_SIZE observations: one line, no table."""
        d = Dist.from_condensed(np.arange(31 * 30 // 2, dtype=float))
        text = display(d)["text/html"]
        assert "<table" not in text and "465 values" in text

    def test_html_table_escapes(self):
        """The table helper escapes headers, row names and cells."""
        text = html_table([("<h>", ["<c>"])], row_names=["<r>"], caption="<cap>")
        assert "<h>" not in text and "<c>" not in text and "<r>" not in text
        assert "&lt;cap&gt;" in text
        check_html(text)
