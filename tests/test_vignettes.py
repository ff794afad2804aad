"""Vignettes run end to end and print R's numbers."""

import subprocess
import sys
from pathlib import Path

VIGNETTES = Path(__file__).resolve().parent.parent / "vignettes"


class TestVignettes:
    def test_usarrests_kmeans(self, tmp_path):
        """The USArrests walkthrough runs, prints R's elbow values and saves its figure."""
        out = subprocess.run(
            [sys.executable, str(VIGNETTES / "usarrests_kmeans.py"), str(tmp_path)],
            capture_output=True, text=True, check=True,
        ).stdout
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
