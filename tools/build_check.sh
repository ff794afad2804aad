#!/usr/bin/env bash
# Portable builds (run by .ci/run): the hand-written C kernels must compile
# warning-free as C11 with every compiler found here (gcc, clang, and
# mingw-w64 for Windows), with and without OpenMP; then the package is built
# with clang (CC=clang) in its own virtual environment and the tests that
# compare with R's numbers run against that build, so a clang build is checked
# bit for bit, not only compiled. Compilers that are missing are reported and
# skipped; CI installs them (see .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=statkmeans/_kernels/src
FLAGS=(-std=c11 -O2 -Wall -Wextra -Wpedantic -Werror -ffp-contract=off -fno-fast-math
       -Istatkmeans/_kernels)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for cc in gcc clang x86_64-w64-mingw32-gcc; do
  if ! command -v "$cc" >/dev/null 2>&1; then
    echo "build check: $cc not found, skipped" >&2
    continue
  fi
  for omp in "" -fopenmp; do
    for f in "$SRC"/*.c; do
      "$cc" "${FLAGS[@]}" $omp -c "$f" -o "$out/$(basename "$f" .c).o"
    done
    # Link the objects too, so a missing function (e.g. POSIX-only) shows up.
    case "$cc" in
      *mingw*) "$cc" $omp -shared -o "$out/kernels.dll" "$out"/*.o ;;
      *) "$cc" $omp -shared -o "$out/kernels.so" "$out"/*.o -lm ;;
    esac
    rm -f "$out"/*.o
  done
  echo "build check: $cc -std=c11 (with and without OpenMP): no warnings"
done
if command -v clang >/dev/null 2>&1; then
  . tools/venv.sh
  VENV=${STATKMEANS_CLANG_VENV:-.venv-clang}
  make_venv "$VENV"
  rm -rf build
  CC=clang "$VENV/bin/python" -m pip install --quiet ".[test]"
  rm -rf build
  # The R-fixture and exactness tests, against the clang build.
  "$VENV/bin/pytest" -q tests/test_kmeans.py tests/test_lloyd_exact.py \
    tests/test_gap.py tests/test_silhouette.py tests/test_dist.py tests/test_indices.py \
    tests/test_kmeansruns.py tests/test_rng.py tests/test_format.py tests/test_interrupts.py
fi
