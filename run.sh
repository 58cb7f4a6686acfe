#!/usr/bin/env bash
# One entry point for people and CI.
#   ./run.sh serve   install what is needed, build, and serve on http://127.0.0.1:8000
#   ./run.sh test    install what is needed (Python packages, Chromium), run every test
#   ./run.sh build   install and build the folder for hosting into site/
#   ./run.sh bench   install and run the benchmarks (figures, not pass/fail)
#   ./run.sh browser install Debian's chromium package if no Chromium is found
set -euo pipefail
cd "$(dirname "$0")"
export NO_MKDOCS_2_WARNING=1
VENV=.venv
PY=${PYTHON:-python3}

venv() {
  # $1: the requirements file; reinstalls only when it changed
  if [ ! -x "$VENV/bin/python" ]; then "$PY" -m venv "$VENV"; fi
  local stamp="$VENV/.installed-$(basename "$1")"
  if [ ! -f "$stamp" ] || ! cmp -s "$1" "$stamp" || ! cmp -s requirements.txt "$VENV/.installed-base"; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$1"
    cp "$1" "$stamp"; cp requirements.txt "$VENV/.installed-base"
  fi
}

ensure_chromium() {
  # The browser tests drive the system Chromium (Debian's package), never a downloaded build.
  for c in "${CHROMIUM:-}" chromium chromium-browser google-chrome; do
    if [ -n "$c" ] && command -v "$c" >/dev/null 2>&1; then return 0; fi
  done
  echo "Installing Chromium from Debian's packages…"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

case "${1:-}" in
  serve)
    venv requirements.txt
    "$VENV/bin/mkdocs" build --strict
    exec "$VENV/bin/mkdocs" serve --dev-addr "${ADDR:-127.0.0.1:8000}"
    ;;
  build)
    venv requirements.txt
    exec "$VENV/bin/mkdocs" build --strict "${@:2}"
    ;;
  test)
    venv requirements-test.txt
    ensure_chromium
    exec "$VENV/bin/python" -m pytest "${@:2}"
    ;;
  browser)
    ensure_chromium
    ;;
  bench)
    venv requirements-test.txt
    ensure_chromium
    # Each benchmark is a script that prints its figures; none of them passes or fails on time.
    for b in benchmarks/bench_*.py; do echo "== $b"; "$VENV/bin/python" "$b"; done
    echo "Lighthouse (needs npm and the network to the npm registry): benchmarks/lighthouse.sh"
    ;;
  *)
    sed -n '2,7p' "$0"; exit 2 ;;
esac
