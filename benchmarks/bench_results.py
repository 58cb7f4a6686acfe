"""Results page benchmark (not a test): prints the time to read the answers and to
draw each results view and the action plan, with 20 rounds x 10 people x every
question answered and 200 actions; and the size of the new scripts.

    .venv/bin/python benchmarks/bench_results.py

Builds the site into a temporary folder, serves it on 127.0.0.1 and drives the
system Chromium, like the tests. The data goes in through the storage layer's
public functions (window.APStore), as the example home does. Times are measured
inside the page (performance.now), the median of 7 runs after one warm-up.
"""
from __future__ import annotations

import gzip

from harness import built_site

ROUNDS, PEOPLE, ACTIONS, RUNS = 20, 10, 200, 7
PAGE = "results/index.html"
SCRIPTS = ["figures.js", *(f"results/{n}.js" for n in ("page", "choose", "glance", "side", "chart", "progress", "plan",
                                                       "sample", "main")), "review.js", "sample-home.js"]

SEED = """([rounds, people, actions]) => {
  const S = window.APStore, Q = window.ACTION_PLAN_QUESTIONS;
  localStorage.clear();
  const h = S.createHome('Bench home').id;
  const ps = [];
  for (let p = 0; p < people; p++) ps.push(S.createParticipant(h, 'Person ' + p).id);
  let answers = 0;
  for (let r = 0; r < rounds; r++) {
    const date = new Date(Date.UTC(2015 + Math.floor(r / 4), (r % 4) * 3, 1)).toISOString().slice(0, 10);
    const rid = S.createRound(h, {title: 'Round ' + (r + 1), date, home: ''}).id;
    for (let p = 0; p < people; p++)
      for (const t of Q.themes) for (const q of t.questions) {
        const v = (r + p + q.number) % 5;
        S.setAnswerField(h, rid, ps[p], q.id, t.id, 'rating', v === 0 ? 'not-sure' : String(v));
        if ((p + q.number) % 7 === 0) S.setAnswerField(h, rid, ps[p], q.id, t.id, 'working-well', 'Note ' + r);
        answers++;
      }
  }
  const statuses = ['not-started', 'in-progress', 'done'];
  for (let i = 0; i < actions; i++) {
    const t = Q.themes[i % Q.themes.length];
    const due = new Date(Date.now() + (i - 60) * 86400000).toISOString().slice(0, 10);
    S.createAction(h, t.id, {what: 'Action ' + i, 'first-step': 'First step ' + i, lead: 'Lead ' + (i % 7),
      'by-when': due, status: statuses[i % 3]});
  }
  return [answers, S.usage(), S.isFailing()];
}"""

MEASURE = """(runs) => {
  const R = window.APResults, out = {};
  function time(name, fn) {
    R.forget(); fn();  // warm-up
    const t = [];
    for (let i = 0; i < runs; i++) {  // each run from the answers as read, with nothing worked out yet
      R.forget();
      const s = performance.now(); fn(); t.push(performance.now() - s);
    }
    t.sort((a, b) => a - b);
    out[name] = t[Math.floor(t.length / 2)];
  }
  time('read the stored answers (once per change)', R.load);
  const S = window.APStore, h = S.currentHome().id;
  time('  of which APStore.allAnswers', () => S.allAnswers(h));
  time('  of which APStore.homes', () => S.homes());
  time('whole home at a glance', R.views.glance);
  time('what to talk about', R.views.talk);
  time('side by side (8 themes)', R.views.side);
  time('progress over time (chart, table, changes)', R.views.progress);
  time('action plan (200 actions)', R.views.plan);
  time('the whole page (read + every view)', R.refresh);
  return out;
}"""


def main():
    with built_site() as (site, url, browser):
        ctx = browser.new_context(service_workers="block", viewport={"width": 1024, "height": 768})
        page = ctx.new_page()
        page.goto(url + PAGE)
        page.wait_for_selector("[data-ap-ready]")
        answers, used, failing = page.evaluate(SEED, [ROUNDS, PEOPLE, ACTIONS])
        page.reload()
        page.wait_for_selector("[data-ap-ready]")
        figures = page.evaluate(MEASURE, RUNS)
        rows = page.locator("[data-ap-rs-actions] tbody tr").count()
        print(f"Results page: {ROUNDS} rounds x {PEOPLE} people x every question ({answers} answers), "
              f"{ACTIONS} actions ({rows} rows drawn); {used / 1024:.0f} KB stored"
              + (" - STORAGE FULL, figures are for what fitted" if failing else ""))
        for name, ms in figures.items():
            print(f"  {name:<45} {ms:7.1f} ms (median of {RUNS})")
        print("New scripts (bytes, gzipped):")
        for name in SCRIPTS:
            data = (site / "assets/javascripts" / name).read_bytes()
            print(f"  {name:<22} {len(data):7d} {len(gzip.compress(data, 9)):7d}")


if __name__ == "__main__":
    main()
