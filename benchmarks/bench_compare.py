"""Compare homes benchmark (not a test): prints the time from choosing the files to
a drawn page, for 10, 100 and 500 homes' summary files with 4 rounds each.

    .venv/bin/python benchmarks/bench_compare.py

Builds the site into a temporary folder, serves it on 127.0.0.1 and drives the
system Chromium, like the tests. The files are chosen in the page's file input
(Playwright's set_input_files). "In the page" is measured with performance.now,
from the input's change event to the moment the page has drawn every section;
"in all" adds handing the files to the browser. Median of 3 runs after a warm-up.
"""
from __future__ import annotations

import json
import statistics
import time

from harness import built_site

SIZES, ROUNDS, RUNS = (10, 100, 500), 4, 3
PAGE = "compare/index.html"
THEMES = ["managing-transitions", "maintaining-identity", "creating-community", "shared-decision-making",
          "improving-health", "end-of-life-care", "keeping-workforce-fit", "positive-culture"]

WATCH = """() => {
  window.__bench = {};
  document.addEventListener('change', e => { if (e.target.id === 'ap-cmp-files') window.__bench.start = performance.now(); }, true);
  new MutationObserver(() => {
    // drawn: after the next frame is laid out and painted
    if (document.querySelector('[data-ap-compare]').hasAttribute('data-ap-drawn'))
      requestAnimationFrame(() => setTimeout(() => { window.__bench.end = performance.now(); }));
  }).observe(document.querySelector('[data-ap-compare]'), {attributes: true, attributeFilter: ['data-ap-drawn']});
}"""


def summary(i: int) -> bytes:
    rounds = []
    for r in range(ROUNDS):
        rounds.append({
            "title": f"Round {r + 1}", "date": f"{2024 + r // 4}-{(r % 4) * 3 + 1:02d}-15",
            "people": {"total": 4, "by_role": [{"role": "Manager", "count": 1}], "other": 3},
            "themes": [{"theme": t, "title": t, "average": round(1 + ((i + r + k) % 31) / 10, 1), "answered": 12,
                        "not_sure": (i + k) % 3, "differ": (i + r + k) % 2} for k, t in enumerate(THEMES)],
            "differ": 4,
        })
    return json.dumps({
        "format": "care-home-action-plan/summary", "format_version": 1, "made": "2025-01-01",
        "question_set": {"version": 1, "hash": "bench"},
        "scale": [{"value": v, "label": label} for v, label in
                  enumerate(["Not yet", "Starting to", "Mostly", "Consistently"], start=1)],
        "home": {"id": f"home-{i}", "name": f"Home {i:03d}"},
        "rounds": rounds,
        "actions": {"total": 6, "late": i % 3, "by_status": [{"status": "not-started", "count": 2},
                                                           {"status": "in-progress", "count": 2},
                                                           {"status": "done", "count": 2}]},
        "reviews": {"months": 3, "last": rounds[-1]["date"], "next": "2025-01-15"},
    }).encode()


def load() -> str:
    try:
        with open("/proc/loadavg", encoding="ascii") as fh:
            return fh.read().split()[0]
    except OSError:
        return "unknown"


def main():
    with built_site() as (_site, url, browser):
        page = browser.new_context(service_workers="block").new_page()
        page.goto(url + PAGE)
        page.wait_for_selector("[data-ap-compare][data-ap-ready]")
        page.evaluate(WATCH)
        print(f"Compare homes: from choosing the files to a drawn page ({ROUNDS} rounds per home, median of {RUNS})")
        print(f"{'homes':>6}  {'in the page':>12}  {'in all':>8}  {'file bytes':>11}")
        for n in SIZES:
            files = [{"name": f"home-{i}.json", "mimeType": "application/json", "buffer": summary(i)} for i in range(n)]
            inside, total = [], []
            for run in range(RUNS + 1):
                page.click('[data-ap-cmp-do="clear"]') if run or n != SIZES[0] else None
                page.evaluate("window.__bench = {}")
                t0 = time.perf_counter()
                page.set_input_files("#ap-cmp-files", files=files)
                page.wait_for_function("n => window.__bench.end && document.querySelector('[data-ap-compare]')"
                                       ".getAttribute('data-ap-drawn') === String(n)", arg=n)
                t1 = time.perf_counter()
                b = page.evaluate("window.__bench")
                if run:  # the first is a warm-up
                    inside.append(b["end"] - b["start"])
                    total.append((t1 - t0) * 1000)
            size = sum(len(f["buffer"]) for f in files)
            print(f"{n:>6}  {statistics.median(inside):>9.0f} ms  {statistics.median(total):>5.0f} ms  {size:>11,}"
                  f"   (load average {load()})")


if __name__ == "__main__":
    main()
