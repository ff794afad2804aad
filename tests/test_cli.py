"""The command line prints R's output (fixtures from make_kmeans_fixtures.R)."""

import subprocess
import sys

import pandas as pd
import pytest
from conftest import as_list, load_fixture

from statkmeans import load_dataset
from statkmeans.cli import main

FIX = load_fixture("kmeans_fixtures.json")


def r_case(data, seed, k, nstart, algorithm="Hartigan-Wong"):
    return next(
        c for c in FIX["seeded"]
        if c["data"] == data and c["seed"] == seed and c["k"] == k and c["nstart"] == nstart
        and c["algorithm"] == algorithm
    )


def r_printed(data, seed, k, nstart, algorithm="Hartigan-Wong"):
    return "\n".join(as_list(r_case(data, seed, k, nstart, algorithm)["result"]["printed"])) + "\n"


class TestCommandLine:
    def test_dataset(self, capsys):
        """--dataset prints R's print(kmeans(USArrests, 4, nstart = 5)) after set.seed(1)."""
        assert main(["kmeans", "--dataset", "USArrests", "--centers", "4", "--nstart", "5", "--seed", "1"]) == 0
        assert capsys.readouterr().out == r_printed("USArrests", 1, 4, 5)

    def test_csv_file_with_row_names(self, tmp_path, capsys):
        """A CSV written like R's write.csv keeps its row names."""
        path = tmp_path / "arrests.csv"
        load_dataset("USArrests").to_csv(path)
        main(["kmeans", str(path), "--centers", "3", "--seed", "1", "--algorithm", "Lloyd"])
        assert capsys.readouterr().out == r_printed("USArrests", 1, 3, 1, "Lloyd")

    def test_columns_and_saved_clusters(self, tmp_path, capsys):
        """--columns selects numeric columns; --save-clusters writes the codes."""
        out = tmp_path / "clusters.csv"
        main(["kmeans", "--dataset", "iris", "--columns",
              "Sepal.Length,Sepal.Width,Petal.Length,Petal.Width",
              "--centers", "5", "--nstart", "2", "--seed", "1", "--save-clusters", str(out)])
        assert capsys.readouterr().out == r_printed("iris", 1, 5, 2)
        saved = pd.read_csv(out)
        assert list(saved.columns) == ["Unnamed: 0", "cluster"]
        assert saved["Unnamed: 0"].tolist() == list(range(1, 151))  # R's row names 1..n
        assert out.read_text().splitlines()[0] == ',cluster'  # write.csv's blank header
        assert saved["cluster"].tolist() == as_list(r_case("iris", 1, 5, 2)["result"]["cluster"])

    def test_non_numeric_column(self):
        """A factor column is refused with the columns to use."""
        with pytest.raises(SystemExit, match="--columns Sepal.Length"):
            main(["kmeans", "--dataset", "iris", "--centers", "3"])

    def test_error_exit_code(self, capsys):
        """R's errors go to stderr with exit code 1."""
        assert main(["kmeans", "--dataset", "USArrests", "--centers", "60"]) == 1
        assert "more cluster centers than data points" in capsys.readouterr().err

    def test_module_entry_point(self, tmp_path):
        """python -m statkmeans datasets lists the bundled data."""
        # run outside the source tree, whose statkmeans/ has no compiled kernels
        out = subprocess.run([sys.executable, "-m", "statkmeans", "datasets"], cwd=tmp_path,
                             capture_output=True, text=True, check=True).stdout
        assert "USArrests" in out and "ruspini" in out
