#!/usr/bin/env bash
# Run the test suite from a fresh clone: make a virtual environment, install
# statkmeans with its test extras (this compiles the kernels), run pytest.
# Extra arguments go to pytest, e.g. `bash tools/test.sh -m slow`.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/venv.sh
VENV=${STATKMEANS_VENV:-.venv}
make_venv "$VENV"
"$VENV/bin/python" -m pip install --quiet ".[test]"
# Run the installed package (not the source tree, which has no compiled kernels).
exec "$VENV/bin/pytest" "$@"
