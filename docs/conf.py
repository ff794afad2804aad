"""Sphinx configuration of statkmeans' documentation site.

Build it with ``bash tools/docs.sh`` (a virtual environment, ``pip install
".[docs]"``, then ``sphinx-build -W``). The package is imported from that
environment, never from the source tree (which has no compiled kernels).
The vignettes (``vignettes/*.py``, jupytext percent scripts) are copied into
``docs/vignettes/`` and executed afresh by myst-nb on every build.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import statkmeans

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent

project = "statkmeans"
author = "the statkmeans developers"
copyright = "statkmeans developers"  # noqa: A001 (Sphinx's name)
release = version = statkmeans.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "myst_nb",
]

exclude_patterns = ["_build", "conf.py", "**.ipynb_checkpoints"]
templates_path = ["_templates"]
html_theme = "furo"
html_title = f"statkmeans {release}"
html_static_path: list[str] = []

# --- API reference ---------------------------------------------------------
autosummary_generate = True
autosummary_imported_members = True
autodoc_typehints = "none"  # the numpydoc sections carry the types

numpydoc_show_class_members = False  # api.rst lists the methods; no second table per class
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
# numpydoc's validation of every public docstring, as the project standard asks.
# Excluded checks, and why:
#   ES01  extended summary: a one-paragraph summary is enough for many short functions.
#   SA01  See Also: not every function has a relative worth pointing to.
#   SA04  a description for each See Also entry: numpydoc's format makes them optional,
#         and "statkmeans.kmeans" needs none.
#   EX01  Examples: the result classes are made by functions whose examples show them.
#   RT02  "The first line of the Returns section should contain only the type":
#         the project names the result class and its variable ("km : KMeansResult").
#   GL08  no docstring: attrs' generated dunder methods and inherited members.
#   SS05  "Summary must start with infinitive verb": R's help pages open with nouns
#         ("K-means clustering, with R's results."), which the docstrings keep.
#   SS02  "Summary does not start with a capital letter": summaries may open with an R
#         package's name, which is lower case ("broom's ``tidy(km)``", "factoextra's ...").
numpydoc_validation_checks = {"all", "ES01", "SA01", "EX01", "RT02", "GL08", "SS05", "SA04", "SS02"}
# Not validated: dunder methods, and RStream's draw methods, whose one-line docstrings
# point to the module functions of the same names (statkmeans.rnorm, ...), which
# document the parameters once.
# r_components: a class-level tuple of R's component names (described by its "#:"
# comment); numpydoc would validate the tuple type's own docstring.
numpydoc_validation_exclude = {r"\.__\w+__$", r"^statkmeans\.RStream\.(rnorm|runif|sample|sample_int)$",
                               r"\.r_components$"}
# PR01 on the result classes: attrs makes their fields the parameters of __init__, but
# nobody passes them (the package builds results); the fields are documented where
# readers look for them, under Attributes. Classes with an Attributes section skip PR01.
numpydoc_validation_overrides = {"PR01": [r"Attributes\s*\n\s*----------"]}

# --- Markdown and vignettes ------------------------------------------------
myst_enable_extensions = ["colon_fence"]  # no dollarmath: "km$size" is R, not TeX
myst_heading_anchors = 3
nb_custom_formats = {".py": ["jupytext.reads", {"fmt": "py:percent"}]}
nb_execution_mode = "force"  # run every vignette on every build: nothing is cached
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_execution_in_temp = True  # figures the scripts save go to a temporary folder
nb_merge_streams = True
nb_kernel_rgx_aliases = {".*": "python3"}

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".py": "myst-nb"}


def _copy_vignettes() -> None:
    """Copy vignettes/*.py into docs/vignettes/ (git ignores the copies)."""
    target = DOCS / "vignettes"
    target.mkdir(exist_ok=True)
    for old in target.glob("*.py"):
        old.unlink()
    for script in sorted((ROOT / "vignettes").glob("*.py")):
        shutil.copyfile(script, target / script.name)


def _check_api_reference() -> None:
    """Fail the build when a name of statkmeans.__all__ has no entry in api.rst."""
    listed = set(re.findall(r"^   (\w+)$", (DOCS / "api.rst").read_text(encoding="utf-8"), re.M))
    missing = sorted(set(statkmeans.__all__) - listed)
    if missing:
        raise RuntimeError(f"docs/api.rst lacks {', '.join(missing)}: add them to an autosummary list")


_copy_vignettes()
_check_api_reference()
