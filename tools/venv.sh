# Sourced by the tools/*.sh scripts (not run on its own): make_venv DIR makes the
# virtual environment DIR with ${PYTHON:-python3} unless it exists, and brings
# its pip up to date.
make_venv() {
  if [ ! -x "$1/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$1"
  fi
  "$1/bin/python" -m pip install --quiet --upgrade pip
}
