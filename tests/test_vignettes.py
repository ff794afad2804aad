"""Vignettes run end to end and print R's numbers."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
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

    def test_choosing_k(self, tmp_path):
        """The three criteria on ruspini and USArrests, maxSE's rules, the silhouettes and
        choose_k's table and choices are R's.

        R: tests/r_reference/make_choosing_k_fixtures.R (fviz_nbclust's plotted values
        and marked k, maxSE on the gap curve, silhouettes of k = 2..4; for choose_k the
        fits as clusGap draws them, their WSS, silhouettes and fpc::calinhara, clusGap,
        and the Davies-Bouldin index and find_knee's rule written out in R).
        """
        fixture = load_fixture("choosing_k_fixtures.json")
        out = run_vignette("choosing_k.py", tmp_path)
        printed = re.findall(r"^(\w+) +y = (\[.*\])\n +k = (\w+)$", out, re.M)
        expected = [(data, method) for data in ("ruspini", "usarrests")
                    for method in ("wss", "silhouette", "gap_stat")]
        assert [m for m, _, _ in printed] == [method for _, method in expected]
        for (data, method), (_, y, k) in zip(expected, printed):
            r = fixture[data][method]
            assert ast.literal_eval(y) == np.round(num(r["y"]), 6).tolist()
            assert k == ("None" if r["k"] is None else str(r["k"]))
        for rule, k in fixture["max_se"].items():
            assert re.search(rf"^{rule} +k = {k}$", out, re.M)
        for s in fixture["silhouettes"]:
            avg = float(num(s["avg_width"])[0])
            assert f"k = {s['k']}: average width {avg:.4f}, negative widths {s['negative']}" in out
        for png in ("ruspini_criteria.png", "usarrests_criteria.png", "usarrests_silhouettes.png",
                    "ruspini_choose_k.png", "usarrests_choose_k.png"):
            assert (tmp_path / png).stat().st_size > 10_000
        _check_choose_k(out, fixture["choose_k"])

    def test_usarrests_kmeans(self, tmp_path):
        """The USArrests walkthrough prints R's output and saves its figures.

        R: tests/r_reference/make_usarrests_fixtures.R runs the R lines the vignette
        shows; the printed data, fit, silhouette summary and gap table are R's line
        for line (less the echoed calls), the cluster means R's to the digits shown.
        """
        fixture = load_fixture("usarrests_fixtures.json")
        out = run_vignette("usarrests_kmeans.py", tmp_path)
        lines = out.splitlines()
        for block in ("head_df", "print_km"):
            assert "\n".join(fixture[block]) + "\n" in out
        assert "\n".join(_without_calls(fixture["summary_sil"])) + "\n" in out
        # print(gap, method = "firstmax") less its first two lines, the echoed call.
        assert "\n".join(fixture["print_gap"][2:]) + "\n" in out
        assert f"firstSEmax (the default rule) picks k = {fixture['maxSE']}" in out
        # aggregate(USArrests, by = list(cluster = km$cluster), mean), rounded to 2 digits.
        header = next(i for i, line in enumerate(lines)
                      if line.split() == list(fixture["aggregate_means"]) and lines[i + 1].strip() == "cluster")
        table = [[float(v) for v in line.split()[1:]] for line in lines[header + 2:header + 6]]
        r_means = np.column_stack([num(v) for v in fixture["aggregate_means"].values()])
        assert np.array_equal(np.array(table), np.round(r_means, 2))
        # R 4.2.2: df <- scale(USArrests); set.seed(123)
        #          round(sapply(1:10, function(k) kmeans(df, k, nstart = 25)$tot.withinss), 3)
        r_wss = "[196.0, 102.862, 78.323, 56.403, 48.944, 42.833, 38.258, 33.858, 29.946, 26.758]"
        assert f"tot.withinss, k = 1..10: {r_wss}" in out
        # R: summary(silhouette(km$cluster, dist(df)))$avg.width printed 0.3396889
        assert "0.33969" in out
        # R: fviz_cluster(km, data = df)$labels: "Dim1 (62%)", "Dim2 (24.7%)"
        assert "cluster.png  (Dim1 (62%), Dim2 (24.7%))" in out
        for png in ("elbow.png", "nbclust_silhouette.png", "silhouette.png", "gap.png", "cluster.png"):
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


def _check_choose_k(out, fixture):
    """The vignette's two printed ChooseKResults (ruspini, then USArrests) against R.

    Each printed cell is R's number to the digits shown (silhouette, CH and DB are NA for
    k = 1); each criterion's k is R's (which.max, maxSE's firstSEmax, which.min, and the
    knee of the R transcription of find_knee's rule); the knee's strength is R's.
    """
    lines = out.splitlines()
    starts = [i for i, line in enumerate(lines)
              if line == "Choosing k in 1..10 with kmeans; gap statistic from B = 50 reference sets"]
    assert len(starts) == 2
    columns = {"wss": "wss", "silhouette": "silhouette", "gap": "gap", "gap_se": "se", "ch": "ch",
               "db": "db"}
    for start, data in zip(starts, ("ruspini", "usarrests")):
        r = fixture[data]
        header = lines[start + 2].split()
        assert header == list(columns)
        for row in lines[start + 3:start + 13]:
            k, *cells = row.split()
            for shown, name in zip(cells, header):
                values = num(r[columns[name]])
                if name in ("silhouette", "ch", "db"):  # R's vectors start at k = 2
                    if k == "1":
                        assert shown == "NA"
                        continue
                    expected = values[int(k) - 2]
                else:
                    expected = values[int(k) - 1]
                decimals = len(shown.partition(".")[2])
                assert abs(float(shown) - expected) <= 0.5 * 10.0 ** -decimals * 1.001, (data, k, name)
        chosen = {}
        for line in lines[start + 15:start + 20]:
            m = re.match(r"^  (\w+) \(.*?\) +(\d+|none)", line)
            chosen[m[1]] = None if m[2] == "none" else int(m[2])
        assert chosen == {"wss": r["knee"]["k"], **r["k"]}
        if r["knee"]["k"] is not None:
            strength = float(num(r["knee"]["strength"])[0])
            assert f"wss (knee)                     {r['knee']['k']}  (strength {strength:.2f})" in out
    # find_knee on ruspini's curve: the same knee and strength as R's transcription of the rule
    knee = fixture["ruspini"]["knee"]
    strength = float(num(knee["strength"])[0])
    assert f"Knee at k = {knee['k']} (strength {strength:.2f})." in out
    row = next(line.split() for line in lines if line.split()[:1] == [str(knee["k"])]
               and line.split()[-1] == "True")
    assert float(row[3]) == round(strength, 3)
    assert "The criteria disagree: k = 2 (silhouette, ch); k = 3 (gap); k = 10 (db)." in out


def _without_calls(lines):
    """Printed lines with the echoed calls taken out (they are written in each language)."""
    out = []
    for i, line in enumerate(lines):
        if i and lines[i - 1] == 'Clustering Gap statistic ["clusGap"] from call:':
            line = "<call of clusGap>"
        out.append(re.sub(r"^(Silhouette of \d+ units in \d+ clusters) from .* :$", r"\1 :", line))
    return out
