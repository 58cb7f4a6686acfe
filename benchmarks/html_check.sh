#!/usr/bin/env bash
# The Nu Html Checker (vnu) on a fresh build of the whole site (issue 19).
#
#   benchmarks/html_check.sh        # builds into a temporary folder, checks every page, prints the errors
#
# Not part of the test suite, because it needs Java (11 or newer) and npm with the
# network to the npm registry; tests/test_html_ids.py is the part of it that runs
# with every test run (unique ids, references that resolve, labelled controls).
#
# Installs the vnu-jar package (VNU_VERSION, pinned below) with npm into a cache
# folder outside the repo (VNU_CACHE, default ~/.cache/actionplan-vnu), builds
# the site with --strict, runs vnu on every page (errors only) and prints each
# error with the page and line. Exits 1 when our markup has an error.
#
# Material's own markup is left out, by message and by the markup it is on
# (each one listed in MATERIAL below with the reason), and counted in the summary:
#   - 'Attribute "autocomplete" is only allowed when the input type is ...' on the
#     two hidden checkboxes Material's base template writes on every page
#     (<input class="md-toggle" type="checkbox" ... autocomplete="off">): Material
#     sets it so Firefox does not restore the drawer or search as open after a reload.
# Markup of ours that the HTML Standard allows but this vnu does not know yet is left
# out too, listed in NEWER below with the reason, and counted apart.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VNU_VERSION=${VNU_VERSION:-26.9.27}
CACHE=${VNU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/actionplan-vnu}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/actionplan-htmlcheck.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export NO_MKDOCS_2_WARNING=1

command -v java >/dev/null 2>&1 || { echo "The HTML check needs Java 11 or newer (Debian: sudo apt-get install default-jre-headless)." >&2; exit 2; }
command -v npm >/dev/null 2>&1 || { echo "The HTML check needs npm, to install vnu-jar from the npm registry." >&2; exit 2; }

JAR="$CACHE/$VNU_VERSION/node_modules/vnu-jar/build/dist/vnu.jar"
if [ ! -f "$JAR" ]; then
  echo "Installing vnu-jar $VNU_VERSION into $CACHE/$VNU_VERSION ..."
  mkdir -p "$CACHE/$VNU_VERSION"
  [ -f "$CACHE/$VNU_VERSION/package.json" ] || echo '{"private": true}' > "$CACHE/$VNU_VERSION/package.json"
  (cd "$CACHE/$VNU_VERSION" && npm install --no-audit --no-fund --silent "vnu-jar@$VNU_VERSION" >/dev/null)
fi

echo "Building the site into $WORK/site ..."
"$ROOT/.venv/bin/mkdocs" build --strict -q -d "$WORK/site"
PAGES=$(find "$WORK/site" -name '*.html' -not -path '*/assets/*' | wc -l)
echo "Checking $PAGES pages with the Nu Html Checker $(java -jar "$JAR" --version) ..."
java -jar "$JAR" --errors-only --format gnu --skip-non-html "$WORK/site" > "$WORK/vnu.txt" 2>&1 || true

"$ROOT/.venv/bin/python" - "$WORK/site" "$WORK/vnu.txt" <<'EOF'
import re
import sys
from pathlib import Path

site, report = Path(sys.argv[1]), Path(sys.argv[2])
# (words in vnu's message, text on the reported line): Material's own markup, left out
MATERIAL = [
    ('Attribute \u201cautocomplete\u201d is only allowed when the input type is', 'class="md-toggle"'),
]
# (words in vnu's message, text on the reported line): markup of ours that the HTML Standard
# allows but this vnu does not know yet, left out and counted apart, each with its reason:
#   - <link rel="expect" href="#..." blocking="render">: the standard's "expect" link type
#     (html.spec.whatwg.org, #link-type-expect) holds the first paint until an element is
#     parsed (partials/ap-head.html); vnu still allows "blocking" only on stylesheets.
NEWER = [
    ('with a \u201cblocking\u201d attribute must have a \u201crel\u201d attribute', '<link rel="expect" href="#ap-'),
]
LINE = re.compile(r'^"?file:(?P<file>[^"]+)"?:(?P<line>\d+)\.\d+-\d+\.\d+: (?P<kind>[a-z ]+): (?P<message>.*)$')
ours, material, newer, other = [], 0, 0, []
lines_of = {}
for raw in report.read_text(encoding="utf-8", errors="replace").splitlines():
    m = LINE.match(raw)
    if not m:
        if raw.strip():
            other.append(raw)
        continue
    path = Path(m["file"])
    text = lines_of.setdefault(path, path.read_text(encoding="utf-8").splitlines())
    source = text[int(m["line"]) - 1] if int(m["line"]) <= len(text) else ""
    if any(words in m["message"] and mark in source for words, mark in MATERIAL):
        material += 1
        continue
    if any(words in m["message"] and mark in source for words, mark in NEWER):
        newer += 1
        continue
    ours.append(f'{path.relative_to(site)}:{m["line"]}: {m["message"]}\n    {source.strip()[:160]}')
for line in ours + other:
    print(line)
print(f"\nErrors in our markup: {len(ours)}. Left out as Material's own markup: {material}."
      f" Left out as standard markup this vnu does not know yet (rel=expect): {newer}."
      + (f" Other output from vnu: {len(other)} lines (above)." if other else ""))
sys.exit(1 if ours or other else 0)
EOF
