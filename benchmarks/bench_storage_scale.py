"""Scale benchmark (not a test): how long the pages take with as many people and rounds
as an import may bring (rules.js: MAX_PEOPLE, MAX_ROUNDS per home), and with far more
(as a device could hold after years of merges), which "Your data" shows 50 at a time.

    .venv/bin/python benchmarks/bench_storage_scale.py

Prints, for each size: the time from navigation to the finished "Your data" page and
theme page (scripts done), and the time to draw "Your data" again after a change in
another tab (a storage event), each the median of 3.
"""
from __future__ import annotations

import statistics

from harness import built_site

THEME = "themes/managing-transitions.html"
YOUR_DATA = "your-data.html"

SEED = """([people, rounds]) => {
  const S = window.APStore, home = S.currentHome().id, H = S.prefix + 'h:' + home;
  for (const k of Object.keys(localStorage)) if (k.startsWith(H + ':p:') || k.startsWith(H + ':r:')) localStorage.removeItem(k);
  for (let i = 0; i < people; i++) {
    const id = 'p' + i;
    localStorage.setItem(H + ':p:' + id, JSON.stringify({id, name: 'Person ' + i, created: '2030-01-01T00:00:00.000Z'}));
    localStorage.setItem(H + ':a:r0:' + id + ':mt-key-worker', JSON.stringify({theme: 'managing-transitions', notes: {}, rating: '3'}));
  }
  localStorage.setItem(H + ':r:r0', JSON.stringify({id: 'r0', title: 'Round 0', date: '2030-01-01', home: '', reopened: false, created: ''}));
  for (let i = 1; i < rounds; i++)
    localStorage.setItem(H + ':r:r' + i, JSON.stringify({id: 'r' + i, title: 'Round ' + i, date: '2030-01-01', home: '', reopened: false, created: ''}));
}"""

LOADED = """() => performance.now()"""
REDRAW = """() => new Promise(done => { const t = performance.now();
  window.dispatchEvent(new StorageEvent('storage', {key: null}));
  setTimeout(() => done(performance.now() - t - 30), 30); })"""


def main():
    rows = []
    with built_site() as (_site, url, browser):
        for people, rounds in ((50, 50), (500, 500), (5000, 500)):
            ctx = browser.new_context(service_workers="block")
            page = ctx.new_page()
            page.goto(url + THEME)
            page.wait_for_selector("#ap-session:not([hidden])")
            page.evaluate(SEED, [people, rounds])
            figures = {}
            for name, path, sel in (("your data", YOUR_DATA, "[data-ap-yd]:not([hidden])"),
                                   ("theme page", THEME, "#ap-session:not([hidden])")):
                loads, redraws = [], []
                for _ in range(3):
                    page.goto(url + path)
                    page.wait_for_selector(sel)
                    loads.append(page.evaluate(LOADED))
                    redraws.append(page.evaluate(REDRAW))
                figures[name] = (statistics.median(loads), statistics.median(redraws))
            rows.append((people, rounds, figures))
            ctx.close()
    for people, rounds, f in rows:
        print(f"{people:5d} people, {rounds:3d} rounds: your data ready {f['your data'][0]:6.0f} ms, redraw {f['your data'][1]:6.0f} ms;"
              f" theme page ready {f['theme page'][0]:6.0f} ms, redraw {f['theme page'][1]:6.0f} ms")


if __name__ == "__main__":
    main()
