"""The documentation site lists every public name and every vignette (no Sphinx needed)."""

import re
from pathlib import Path

import statkmeans

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


class TestDocs:
    def test_api_reference_lists_all(self):
        """docs/api.rst has an autosummary entry for each name of statkmeans.__all__, and no other."""
        listed = re.findall(r"^   (\w+)$", (DOCS / "api.rst").read_text(encoding="utf-8"), re.M)
        assert len(listed) == len(set(listed)), "a name is listed twice"
        assert sorted(listed) == sorted(statkmeans.__all__)

    def test_vignettes_in_toctree(self):
        """Each vignettes/*.py is a page of the site (docs/index.md's toctree) and is tested."""
        index = (DOCS / "index.md").read_text(encoding="utf-8")
        pages = set(re.findall(r"^vignettes/(\w+)$", index, re.M))
        scripts = {p.stem for p in (ROOT / "vignettes").glob("*.py")}
        assert pages == scripts
        tests = (Path(__file__).parent / "test_vignettes.py").read_text(encoding="utf-8")
        assert all(f"def test_{name}(" in tests for name in scripts)

    def test_vignettes_are_percent_scripts(self):
        """Each vignette is a jupytext percent script opening with a Markdown title cell."""
        for script in (ROOT / "vignettes").glob("*.py"):
            text = script.read_text(encoding="utf-8")
            assert "format_name: percent" in text, script.name
            first = text.split("# %% [markdown]\n", 1)[1]
            assert first.startswith("# # "), script.name  # the page title
