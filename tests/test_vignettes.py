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
