#!/usr/bin/env bash
# Lighthouse on the built site (issue 6): installable manifest, console errors,
# category scores, for the home page and a theme page. Not part of the test suite.
#
#   benchmarks/lighthouse.sh            # builds, serves on 127.0.0.1, runs, prints
#
# Installs lighthouse from the npm registry into a temporary folder (outside the
# repo) and runs it on the system Chromium (CHROME_PATH). Lighthouse 11 is the
# default because version 12 dropped the PWA checks (installable-manifest);
# LH_VERSION=12 gives the newer scores.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${LH_WORK:-/tmp/actionplan-lighthouse}
SITE="$WORK/site"
PORT=${LH_PORT:-8765}
export CHROME_PATH=${CHROME_PATH:-$(command -v chromium || command -v chromium-browser)}

LH_VERSION=${LH_VERSION:-11}
LH_DIR="$WORK/lh$LH_VERSION"
mkdir -p "$LH_DIR"
if [ ! -x "$LH_DIR/node_modules/.bin/lighthouse" ]; then
  [ -f "$LH_DIR/package.json" ] || echo '{"private": true}' > "$LH_DIR/package.json"
  (cd "$LH_DIR" && npm install --no-audit --no-fund --silent "lighthouse@$LH_VERSION" >/dev/null)
fi

NO_MKDOCS_2_WARNING=1 "$ROOT/.venv/bin/mkdocs" build --strict -q -d "$SITE"
# Served with gzip, as every host in the README does (LH_PLAIN=1: no compression).
if [ -n "${LH_PLAIN:-}" ]; then
  "$ROOT/.venv/bin/python" -m http.server "$PORT" --bind 127.0.0.1 -d "$SITE" >/dev/null 2>&1 &
else
  "$ROOT/.venv/bin/python" "$ROOT/benchmarks/serve_gzip.py" "$SITE" "$PORT" >/dev/null 2>&1 &
fi
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/index.html" && break
  sleep 0.2
done

for page in index.html themes/managing-transitions.html; do
  name=$(echo "$page" | tr '/.' '__')
  rm -f "$WORK/$name.json"
  "$LH_DIR/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT/$page" \
    --quiet --output=json --output-path="$WORK/$name.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>&1 || true
  "$ROOT/.venv/bin/python" - "$WORK/$name.json" "$page" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
audits = report["audits"]
print(f"== {sys.argv[2]}  (Lighthouse {report['lighthouseVersion']})")
for cat in report["categories"].values():
    score = cat["score"]
    print(f"  {cat['title']:<16} {'n/a' if score is None else round(score * 100)}")
def show(audit_id):
    a = audits.get(audit_id)
    if a:
        s = a.get("score")
        print(f"  {audit_id}: {'pass' if s == 1 else 'n/a' if s is None else 'FAIL'}  {a.get('displayValue', '')}")
        for item in ((a.get("details") or {}).get("items", []) if s != 1 else [])[:5]:
            print("     -", item.get("description") or item.get("reason") or item.get("url") or item)
for audit_id in ("installable-manifest", "errors-in-console", "csp-xss", "maskable-icon", "themed-omnibox", "splash-screen", "service-worker"):
    show(audit_id)
PY
done
