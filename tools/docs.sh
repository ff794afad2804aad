#!/usr/bin/env bash
# Build the documentation site from a fresh clone: make the virtual environment
# tools/test.sh makes (${STATKMEANS_VENV:-.venv}), install statkmeans with its
# docs extras into it, then run Sphinx with warnings as errors. The vignettes
# are executed afresh on every build. The site is written to docs/_build/html
# (open docs/_build/html/index.html). Extra arguments go to sphinx-build.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/venv.sh
VENV=${STATKMEANS_VENV:-.venv}
make_venv "$VENV"
# STATKMEANS_DOCS_REUSE_INSTALL=1 (CI, right after tools/test.sh built this
# checkout into the same environment): install only the docs extra's packages,
# without building statkmeans a second time.
if [ "${STATKMEANS_DOCS_REUSE_INSTALL:-0}" = 1 ] && "$VENV/bin/python" -c "import statkmeans, tomllib" 2>/dev/null; then
  mapfile -t deps < <("$VENV/bin/python" -c '
import tomllib
with open("pyproject.toml", "rb") as f:
    print("\n".join(tomllib.load(f)["project"]["optional-dependencies"]["docs"]))')
  "$VENV/bin/python" -m pip install --quiet "${deps[@]}"
else
  "$VENV/bin/python" -m pip install --quiet ".[docs]"
fi
# Autosummary's pages are generated anew, so a removed name leaves no stale page.
rm -rf docs/generated
exec "$VENV/bin/sphinx-build" -W --keep-going -b html "$@" docs docs/_build/html
