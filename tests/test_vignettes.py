"""Vignettes run end to end and print R's numbers."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import load_fixture, num

VIGNETTES = Path(__file__).resolve().parent.parent / "vignettes"


def run_vignette(name, out_dir):
    """Run vignettes/NAME as a script (figures to out_dir, Agg backend); its standard output."""
    env = dict(os.environ, MPLBACKEND="Agg")
    return subprocess.run([sys.executable, str(VIGNETTES / name), str(out_dir)],
                          capture_output=True, text=True, check=True, env=env).stdout


class TestVignettes:
    def test_getting_started(self, tmp_path):
        """Lloyd's steps on the nine numbers are R's, step for step, warnings and print included.

        R: tests/r_reference/make_getting_started_fixtures.R runs kmeans(x, c(4, 10),
        iter.max = i, algorithm = "Lloyd") for i = 1..4 and prints the converged run.
        """
        fixture = load_fixture("getting_started_fixtures.json")
        out = run_vignette("getting_started.py", tmp_path)
        lines = out.splitlines()
        pattern = re.compile(r"^iter_max = (\d+): cluster (\[.*\]), centers (\[.*\]), iter (\d+), ifault (\w+)$")
        runs = {int(m[1]): (i, m) for i, line in enumerate(lines) if (m := pattern.match(line))}
        assert sorted(runs) == [step["iter_max"] for step in fixture["steps"]]
        for step in fixture["steps"]:
            i, m = runs[step["iter_max"]]
            assert ast.literal_eval(m[2]) == step["cluster"]
            assert ast.literal_eval(m[3]) == num(step["centers"]).tolist()  # exact
            assert int(m[4]) == step["iter"]
            assert m[5] == ("None" if step["ifault"] is None else str(step["ifault"]))
            # Each of R's warnings is shown, visibly, under its run (with our hint appended).
            shown = [line.strip() for line in lines[i + 1:i + 1 + len(step["warnings"])]]
            assert [s.split(": ", 1)[0] for s in shown] == ["ConvergenceWarning"] * len(step["warnings"])
            assert all(s.split(": ", 1)[1].startswith(w) for s, w in zip(shown, step["warnings"]))
        assert "\n".join(fixture["print_lloyd"]) + "\n" in out
        assert f"\n{fixture['cluster_hartigan_wong']}\n" in out
        # The arithmetic the page explains: 10 moves at step 2; the hand solution's W is worse.
        assert "hand solution {2,3,4} {10,...,30}: 348.0" in out
        assert "converged {2,...,12} {20,25,30}:   150.0" in out
        assert (tmp_path / "lloyd_steps.png").stat().st_size > 10_000

    def test_from_scikit_learn(self, tmp_path):
        """The R part prints what R prints for the same data: kmeans with 25 starts, silhouettes.

        R: tests/r_reference/make_scikit_learn_fixtures.R on tests/r_reference/blobs.csv,
        the file the vignette writes (checked here byte for byte, so a change in numpy's
        random stream shows up as that, not as a difference from R).
        """
        fixture = load_fixture("scikit_learn_fixtures.json")
        out = run_vignette("from_scikit_learn.py", tmp_path)
        committed = Path(__file__).parent / "r_reference" / "blobs.csv"
        assert (tmp_path / "blobs.csv").read_bytes() == committed.read_bytes()
        assert "\n".join(fixture["print_km"]) + "\n" in out
        assert "\n".join(_without_calls(fixture["summary_sil"])) + "\n" in out
        assert "average silhouette width: 0.7938" in out  # R: summary(sil)$avg.width, 0.7938
        for png in ("blobs_kmeans.png", "blobs_silhouette.png"):
            assert (tmp_path / png).stat().st_size > 10_000

    def test_usarrests_kmeans(self, tmp_path):
        """The USArrests walkthrough runs, prints R's elbow values and saves its figure."""
        out = run_vignette("usarrests_kmeans.py", tmp_path)
        # R 4.2.2: df <- scale(USArrests); set.seed(123)
        #          round(sapply(1:10, function(k) kmeans(df, k, nstart = 25)$tot.withinss), 3)
        r_wss = "[196.0, 102.862, 78.323, 56.403, 48.944, 42.833, 38.258, 33.858, 29.946, 26.758]"
        assert f"tot.withinss, k = 1..10: {r_wss}" in out
        assert "K-means clustering with 4 clusters of sizes 8, 13, 16, 13" in out
        assert (tmp_path / "elbow.png").stat().st_size > 10_000
        # R 4.2.2: library(cluster); set.seed(123)
        #          gap <- clusGap(df, kmeans, K.max = 10, B = 50, nstart = 25); print(gap, method = "firstmax")
        r_gap = """\
 --> Number of clusters (method 'firstmax'): 4
          logW   E.logW       gap     SE.sim
 [1,] 3.458369 3.640154 0.1817845 0.04422857
 [2,] 3.135112 3.372283 0.2371717 0.03559601
 [3,] 2.977727 3.233771 0.2560446 0.03749193
 [4,] 2.826221 3.119172 0.2929511 0.04067348
 [5,] 2.738868 3.019965 0.2810969 0.04185469
 [6,] 2.666967 2.930002 0.2630347 0.04105040
 [7,] 2.609895 2.852152 0.2422572 0.04184725
 [8,] 2.539156 2.778562 0.2394054 0.04292750
 [9,] 2.468162 2.711752 0.2435901 0.04344197
[10,] 2.407265 2.647595 0.2403307 0.04548446
"""
        assert r_gap in out
        # R: maxSE(gap$Tab[, "gap"], gap$Tab[, "SE.sim"]) is 3
        assert "firstSEmax (the default rule) picks k = 3" in out
        # R: summary(silhouette(km$cluster, dist(df)))$avg.width printed 0.3396889
        assert "0.33969" in out
        # R: fviz_cluster(km, data = df)$labels: "Dim1 (62%)", "Dim2 (24.7%)"
        assert "cluster.png  (Dim1 (62%), Dim2 (24.7%))" in out
        for png in ("silhouette.png", "gap.png", "cluster.png"):
            assert (tmp_path / png).stat().st_size > 10_000

    def test_r_help_pages(self, tmp_path):
        """The help-page walkthrough prints what R prints for its R lines, line for line.

        The fixture is R's output for the "# R>" lines of the vignette
        (tests/r_reference/make_vignette_fixtures.R). Two echoes of a call
        differ and are compared without the call: clusGap's call line and the
        "from silhouette.default(...)" part of a silhouette summary.
        """
        fixture = load_fixture("vignette_fixtures.json")
        script = VIGNETTES / "r_help_pages.py"
        r_lines = [re.sub(r"^# R> ?", "", line)
                   for line in script.read_text(encoding="utf-8").splitlines() if line.startswith("# R>")]
        assert r_lines == fixture["r_code"], "the vignette's R lines changed: rerun make_vignette_fixtures.R"
        out = run_vignette("r_help_pages.py", tmp_path)
        ours, theirs = _without_calls(out.splitlines()), _without_calls(fixture["output"])
        assert ours == theirs
        assert sum(line.startswith("<call of clusGap") for line in ours) == 2
        assert "[1] 104.3319" in ours  # the textbook's number, with R's old sampler
        for png in ("kmeans_2.png", "silhouette.png", "gap_3d.png", "silhouette_k2_6.png"):
            assert (tmp_path / png).stat().st_size > 10_000


def _without_calls(lines):
    """Printed lines with the echoed calls taken out (they are written in each language)."""
    out = []
    for i, line in enumerate(lines):
        if i and lines[i - 1] == 'Clustering Gap statistic ["clusGap"] from call:':
            line = "<call of clusGap>"
        out.append(re.sub(r"^(Silhouette of \d+ units in \d+ clusters) from .* :$", r"\1 :", line))
    return out
