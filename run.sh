#!/usr/bin/env bash
# One entry point for people and CI.
#   ./run.sh serve   install what is needed, build, and serve on http://127.0.0.1:8000
#   ./run.sh test    install what is needed (Python packages, Chromium), run every test
#   ./run.sh build   install and build the folder for hosting into site/
#   ./run.sh bench   install and run the benchmarks (figures, not pass/fail)
#   ./run.sh screens screenshots of every page into screens/, and a list of what looks wrong
#   ./run.sh setup   only install what the tests need (.venv and Chromium)
#   ./run.sh browser only find or install Chromium
# PYTHON=/path/to/python3.11 picks the Python (3.11 or newer) to build .venv with.
set -euo pipefail
cd "$(dirname "$0")"
export NO_MKDOCS_2_WARNING=1
VENV=.venv
PY=${PYTHON:-python3}
OS_RELEASE=${OS_RELEASE:-/etc/os-release}

say() { printf '%s\n' "$*"; }
stop() { printf '\n%s\n\n' "$*" >&2; exit 2; }

# ---- Python: 3.11 or newer, with venv and pip --------------------------------
version_of() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null; }

check_python() {
  local ver
  if ! command -v "$PY" >/dev/null 2>&1; then
    stop "No Python found at \"$PY\". This project needs Python 3.11 or newer. Install it (Debian 12: sudo apt-get install python3 python3-venv; Ubuntu 22.04: sudo apt-get install python3.11 python3.11-venv), then run this again, pointing PYTHON at it if it is not called python3, for example: PYTHON=python3.11 ./run.sh ${CMD}"
  fi
  ver=$(version_of "$PY") || ver="unknown"
  case "$ver" in
    3.1[1-9]|3.[2-9][0-9]|[4-9].*) ;;
    *) stop "This project needs Python 3.11 or newer, but \"$PY\" is Python $ver. Nothing has been installed. Install Python 3.11 or newer (Debian 12 has it as python3; on Ubuntu 22.04: sudo apt-get install python3.11 python3.11-venv), then run this again with PYTHON pointing at it, for example: PYTHON=python3.11 ./run.sh ${CMD}" ;;
  esac
  if ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    stop "Python $ver at \"$PY\" cannot make a virtual environment with pip in it, because its venv module is not installed. Nothing has been installed. Install it (Debian or Ubuntu: sudo apt-get install python${ver}-venv, or python3-venv), then run this again."
  fi
}

# ---- .venv: made with this Python, with pip, and a finished install -----------
venv_problem() {
  # Prints why .venv cannot be used as it is, or nothing when it is fine.
  [ -e "$VENV" ] || [ -L "$VENV" ] || return 0
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c '' >/dev/null 2>&1; then
    echo "its Python does not run (it was made with a Python that has since moved or gone)"; return 0
  fi
  local have want
  have=$(version_of "$VENV/bin/python") || have="unknown"
  want=$(version_of "$PY")
  if [ "$have" != "$want" ]; then echo "it was made with Python $have, not Python $want"; return 0; fi
  if ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then echo "it has no pip"; return 0; fi
  if [ -f "$VENV/.install-started" ]; then echo "the last install into it did not finish"; return 0; fi
}

make_venv() {
  local why
  why=$(venv_problem)
  if [ -n "$why" ]; then
    say "The .venv folder cannot be used: $why. Making it again…"
    rm -rf -- "$VENV"
  fi
  if [ ! -e "$VENV" ]; then
    say "Making .venv with Python $(version_of "$PY") ($PY)…"
    "$PY" -m venv "$VENV"
  fi
}

progress() {
  # Reads pip's output: every line goes to the log ($1), one short line per package to the screen.
  local log=$1 n=0 line name
  while IFS= read -r line; do
    printf '%s\n' "$line" >> "$log"
    case "$line" in
      Collecting\ *) name=${line#Collecting }; n=$((n + 1)); printf '  %2d. %s\n' "$n" "${name%% *}" ;;
      Requirement\ already\ satisfied:\ *) name=${line#Requirement already satisfied: }; n=$((n + 1)); printf '  %2d. %s (already there)\n' "$n" "${name%% *}" ;;
    esac
  done
}

install() {
  # $1: the requirements file; installs again only when a requirements file changed.
  local req=$1 stamp="$VENV/.installed-$(basename "$1")" log="$VENV/install.log"
  if [ -f "$stamp" ] && cmp -s "$req" "$stamp" && cmp -s requirements.txt "$VENV/.installed-base"; then
    return 0
  fi
  say "Installing the pinned Python packages from $req into .venv (this can take a few minutes)…"
  : > "$VENV/.install-started"
  : > "$log"
  if ! "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input --progress-bar off -r "$req" 2>&1 \
      | progress "$log"; then
    printf '\nInstalling the Python packages failed. The last lines pip wrote:\n\n' >&2
    tail -n 15 "$log" >&2
    stop "The full log is in $log. Check that this machine can reach the package index (or that pip is set up for your mirror), then run this again: .venv will be made again from scratch."
  fi
  rm -f "$VENV/.install-started"
  cp "$req" "$stamp"; cp requirements.txt "$VENV/.installed-base"
  say "Python packages installed."
}

venv() { check_python; make_venv; install "$1"; }

# ---- Chromium for the browser tests ---------------------------------------------
is_snap() {
  # Ubuntu's chromium-browser is a small script that starts the snap, which
  # Playwright cannot drive reliably (the snap cannot see the test's files).
  local path real
  path=$(command -v "$1") || return 1
  real=$(readlink -f "$path" 2>/dev/null || printf '%s' "$path")
  case "$real" in /snap/*) return 0 ;; esac
  if head -c 2 "$real" 2>/dev/null | grep -q '#!' && grep -qs '/snap/' "$real"; then return 0; fi
  return 1
}

find_chromium() {
  # Prints the first usable Chromium or Chrome; CHROMIUM=/path wins.
  local c
  for c in "${CHROMIUM:-}" chromium chromium-browser google-chrome google-chrome-stable; do
    [ -n "$c" ] || continue
    command -v "$c" >/dev/null 2>&1 || continue
    if is_snap "$c"; then say "Not using $c: it is a snap, which the browser tests cannot drive." >&2; continue; fi
    command -v "$c"; return 0
  done
  return 1
}

ensure_chromium() {
  # The browser tests drive a Chromium installed on the system, never a downloaded build.
  local found distro=""
  if found=$(find_chromium); then export CHROMIUM="$found"; return 0; fi
  if [ -r "$OS_RELEASE" ]; then distro=$(. "$OS_RELEASE" && printf '%s' "${ID:-}"); fi
  if [ "$distro" = "ubuntu" ] || ! command -v apt-get >/dev/null 2>&1; then
    stop "The browser tests need Chromium or Google Chrome, and none was found. ${distro:+On $distro, }the chromium package is a snap, which the tests cannot drive. Install Google Chrome from its .deb package (https://www.google.com/chrome/), or any Chromium that is not a snap, then run this again; if it is not on PATH as chromium or google-chrome, say where it is: CHROMIUM=/path/to/chrome ./run.sh ${CMD}"
  fi
  say "Installing Chromium from Debian's packages…"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  if found=$(find_chromium); then export CHROMIUM="$found"; say "Chromium installed."; return 0; fi
  stop "apt-get installed the chromium package, but no chromium command was found afterwards. Install Chromium or Google Chrome by hand, then run this again (CHROMIUM=/path/to/chrome if it is not on PATH)."
}

CMD=${1:-}
case "$CMD" in
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
  screens)
    venv requirements-test.txt
    ensure_chromium
    if ! command -v pdftoppm >/dev/null 2>&1; then
      say "Installing pdftoppm (Debian's poppler-utils) to turn the printed PDFs into pictures…"
      sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
      $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq poppler-utils >/dev/null \
        || say "Could not install poppler-utils: the PDFs are kept, without pictures."
    fi
    exec "$VENV/bin/python" tests/screens.py "${@:2}"
    ;;
  setup)
    venv requirements-test.txt
    ensure_chromium
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
    sed -n '2,10p' "$0"; exit 2 ;;
esac
