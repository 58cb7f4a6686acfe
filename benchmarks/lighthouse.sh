#!/usr/bin/env bash
# Lighthouse on the built site, beside a stock Material page (issues 6 and 14).
# Not part of the test suite: it prints figures.
#
#   benchmarks/lighthouse.sh            # builds, serves on 127.0.0.1 with gzip, runs, prints
#
# For the home, a theme, Your data, a worksheet, the Results page
# (results/index.html) and a case study, and a stock Material page of the same length as our theme page (a
# stock site made page for page from ours by benchmarks/bench_build.py), it runs
# Lighthouse LH_RUNS times (default 3, mobile, the default) and prints each
# category's score in every run and the median, and the PWA checks of issue 6
# where this Lighthouse has them; at the end, each page's total blocking time
# beside the stock page's. LH_LIST_ONLY=1 builds and lists the pages, nothing more.
#
# Installs lighthouse from the npm registry into a temporary folder (outside the
# repo) and runs it on the system Chromium (CHROME_PATH). LH_VERSION picks the
# version: 12 by default (the scores of issue 14); 11 still has the PWA checks
# (installable-manifest) that version 12 dropped.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${LH_WORK:-/tmp/actionplan-lighthouse}
SITE="$WORK/site"
STOCK="$WORK/stock"
PORT=${LH_PORT:-8765}
STOCK_PORT=$((PORT + 1))
RUNS=${LH_RUNS:-3}
export CHROME_PATH=${CHROME_PATH:-$(command -v chromium || command -v chromium-browser)}
export NO_MKDOCS_2_WARNING=1

rm -rf "$SITE" "$STOCK"
"$ROOT/.venv/bin/mkdocs" build --strict -q -d "$SITE"

# The pages: one of each kind that has its own scripts (the Results page is
# results/index.html). LH_LIST_ONLY=1 prints them and stops (no npm, no Lighthouse).
PAGES=()
for page in index.html themes/managing-transitions.html your-data.html worksheets/managing-transitions.html \
            results/index.html case-studies/brunel-care.html; do
  if [ -f "$SITE/$page" ]; then PAGES+=("$page"); else echo "(no $page in the built site)"; fi
done
if [ -n "${LH_LIST_ONLY:-}" ]; then
  printf 'page: %s\n' "${PAGES[@]}"
  exit 0
fi

LH_VERSION=${LH_VERSION:-12}
LH_DIR="$WORK/lh$LH_VERSION"
mkdir -p "$LH_DIR"
if [ ! -x "$LH_DIR/node_modules/.bin/lighthouse" ]; then
  [ -f "$LH_DIR/package.json" ] || echo '{"private": true}' > "$LH_DIR/package.json"
  (cd "$LH_DIR" && npm install --no-audit --no-fund --silent "lighthouse@$LH_VERSION" >/dev/null)
fi

"$ROOT/.venv/bin/python" "$ROOT/benchmarks/bench_build.py" --stock-site "$SITE" "$STOCK"
# Served with gzip, as every host in the README does (LH_PLAIN=1: no compression).
serve() {
  if [ -n "${LH_PLAIN:-}" ]; then
    "$ROOT/.venv/bin/python" -m http.server "$2" --bind 127.0.0.1 -d "$1" >/dev/null 2>&1 &
  else
    "$ROOT/.venv/bin/python" "$ROOT/benchmarks/serve_gzip.py" "$1" "$2" >/dev/null 2>&1 &
  fi
}
serve "$SITE" "$PORT"; SERVER=$!
serve "$STOCK/site" "$STOCK_PORT"; STOCK_SERVER=$!
trap 'kill $SERVER $STOCK_SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/index.html" && curl -sf -o /dev/null "http://127.0.0.1:$STOCK_PORT/index.html" && break
  sleep 0.2
done

URLS=("stock themes/managing-transitions.html http://127.0.0.1:$STOCK_PORT/themes/managing-transitions.html")
for page in "${PAGES[@]}"; do
  URLS+=("ours $page http://127.0.0.1:$PORT/$page")
done
TBT="$WORK/tbt.txt"  # label, median total blocking time (ms): the summary at the end
: > "$TBT"

for entry in "${URLS[@]}"; do
  read -r who page url <<<"$entry"
  name="$who-$(echo "$page" | tr '/.' '__')"
  reports=()
  for run in $(seq "$RUNS"); do
    out="$WORK/$name-$run.json"
    rm -f "$out"
    "$LH_DIR/node_modules/.bin/lighthouse" "$url" \
      --quiet --output=json --output-path="$out" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>&1 || true
    reports+=("$out")
  done
  "$ROOT/.venv/bin/python" - "$who $page" "$TBT" "${reports[@]}" <<'PY'
import json, statistics, sys
label, tbt_file, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
reports = []
for p in paths:
    try:
        reports.append(json.load(open(p)))
    except (OSError, ValueError):
        pass
if not reports:
    print(f"== {label}: no report (did Lighthouse run?)")
    sys.exit()
print(f"== {label}  (Lighthouse {reports[0]['lighthouseVersion']}, {len(reports)} runs)")
for key, cat in reports[0]["categories"].items():
    scores = [r["categories"][key]["score"] for r in reports if r["categories"].get(key, {}).get("score") is not None]
    runs = " ".join(str(round(s * 100)) for s in scores)
    med = round(statistics.median(scores) * 100) if scores else "n/a"
    print(f"  {cat['title']:<16} median {med:>3}   runs: {runs}")
audits = reports[0]["audits"]
for metric in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"):
    vals = [r["audits"][metric].get("displayValue", "") for r in reports if metric in r["audits"]]
    print(f"  {metric:<26} {' | '.join(vals)}")
def show(audit_id):
    a = audits.get(audit_id)
    if a:
        s = a.get("score")
        print(f"  {audit_id}: {'pass' if s == 1 else 'n/a' if s is None else 'FAIL'}  {a.get('displayValue', '')}")
        for item in ((a.get("details") or {}).get("items", []) if s != 1 else [])[:5]:
            print("     -", item.get("description") or item.get("reason") or item.get("url") or item)
for audit_id in ("render-blocking-resources", "render-blocking-insight", "installable-manifest", "errors-in-console", "csp-xss"):
    show(audit_id)
lost = set()  # what cost a point outside performance, in any run
for r in reports:
    for key, cat in r["categories"].items():
        if cat["score"] is not None and cat["score"] < 1 and key != "performance":
            for ref in cat["auditRefs"]:
                a = r["audits"].get(ref["id"], {})
                if ref.get("weight") and a.get("score") is not None and a["score"] < 1:
                    lost.add(f"  [{cat['title']}] {ref['id']}: {a.get('title')}")
print("\n".join(sorted(lost)))
tbt = [r["audits"]["total-blocking-time"]["numericValue"] for r in reports if "total-blocking-time" in r["audits"]]
if tbt:
    with open(tbt_file, "a") as f:
        f.write(f"{label}\t{statistics.median(tbt):.0f}\n")
PY
done

# Total blocking time, each page beside the stock page's (aim: no more than twice it).
"$ROOT/.venv/bin/python" - "$TBT" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
stock = next((float(ms) for label, ms in rows if label.startswith("stock ")), None)
print("\n== total blocking time, median (ms), beside the stock page's")
for label, ms in rows:
    ratio = f"  {float(ms) / stock:.1f}x stock" if stock else ""
    print(f"  {label:<48} {float(ms):>6.0f}{ratio}")
PY
