#!/usr/bin/env bash
# The main job from a fresh clone: make a virtual environment, install
# statkmeans, and cluster a bundled dataset as R's
#   set.seed(1); print(kmeans(USArrests, 4, nstart = 25))
# Extra arguments replace the default ones, e.g.
#   bash tools/demo.sh kmeans --dataset faithful --centers 2 --seed 42
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/venv.sh
VENV=${STATKMEANS_VENV:-.venv}
make_venv "$VENV"
"$VENV/bin/python" -m pip install --quiet .
if [ "$#" -eq 0 ]; then
  set -- kmeans --dataset USArrests --centers 4 --nstart 25 --seed 1
fi
exec "$VENV/bin/statkmeans" "$@"
