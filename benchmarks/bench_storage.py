"""Storage benchmark (not a test): prints the time to save one field, the time to
restore a theme page with 50 rounds x 8 participants stored, and the bytes stored;
then, with 0, 2,600 and 26,000 stored answers, the time from navigation start to a
theme page with its answers restored, and what the check of stored records costs
(a full check, repair(), beside checkOnce() when nothing changed).

    .venv/bin/python benchmarks/bench_storage.py

Builds the site into a temporary folder, serves it on 127.0.0.1 and drives the
system Chromium, like the tests. Every question of every theme gets an answer
(a rating and a short note) for each round and participant.
"""
from __future__ import annotations

import statistics

from harness import built_site

ROUNDS, PEOPLE = 50, 8
THEME = "themes/managing-transitions.html"

SEED = """([rounds, people]) => {
  const S = window.APStore, Q = window.ACTION_PLAN_QUESTIONS;
  const home = S.currentHome().id;
  localStorage.clear();
  const pairs = [];
  const H = S.prefix + 'h:' + home;
  pairs.push([S.prefix + 'current', JSON.stringify(home)]);
  pairs.push([H, JSON.stringify({schema: 2, id: home, name: 'Bench home', created: new Date().toISOString()})]);
  // the person answering is chosen (issue 22: nobody is chosen by default)
  pairs.push([H + ':sel', JSON.stringify({round: 'r' + (rounds - 1), participant: 'p0'})]);
  for (let p = 0; p < people; p++)
    pairs.push([H + ':p:p' + p, JSON.stringify({id: 'p' + p, name: 'Person ' + p, created: '2030-01-01T00:00:0' + p + '.000Z'})]);
  for (let r = 0; r < rounds; r++) {
    const date = new Date(Date.UTC(2000 + Math.floor(r / 4), (r % 4) * 3, 1)).toISOString().slice(0, 10);
    pairs.push([H + ':r:r' + r, JSON.stringify({id: 'r' + r, title: 'Round ' + r, date, home: '', reopened: false, created: date + 'T00:00:00.000Z'})]);
    for (let p = 0; p < people; p++)
      for (const t of Q.themes) for (const q of t.questions)
        pairs.push([H + ':a:r' + r + ':p' + p + ':' + q.id,
          JSON.stringify({theme: t.id, rating: String(1 + (r + p) % 4), notes: {'working-well': 'Short note ' + r}})]);
  }
  let written = 0;
  try { for (const [k, v] of pairs) { localStorage.setItem(k, v); written++; } } catch (e) { /* full */ }
  return [pairs.length, written];
}"""


# Marks the moment the page's own scripts have run (DOMContentLoaded: the theme form is
# restored by then, before the first paint) and whether a restored rating is checked.
READY = """addEventListener('DOMContentLoaded', () => {
  window.__ready = {at: performance.now(),
    restored: !!document.querySelector('#ap-questions input[type=radio]:checked')};
});"""


def time_to_restored(page, url, rounds, people, runs=5):
    """Median time from navigation start to a restored theme page, over `runs` loads."""
    page.goto(url + THEME)
    page.wait_for_selector("#ap-session:not([hidden])")
    total = 0
    if rounds:
        total, _ = page.evaluate(SEED, [rounds, people])
    else:
        page.evaluate("() => localStorage.clear()")
    times, restored, checks = [], [], []
    for i in range(runs + 1):  # the first load after seeding checks the new records: kept apart
        page.reload()
        page.wait_for_selector("#ap-session:not([hidden])")
        ready = page.evaluate("() => window.__ready")
        check = page.evaluate("() => window.APStore.lastCheck()")
        if i == 0:
            first = ready["at"]
            continue
        times.append(ready["at"])
        restored.append(ready["restored"])
        checks.append(check)
    cost = page.evaluate("""() => {
      const S = window.APStore, t0 = performance.now(); S.repair();
      const t1 = performance.now(); S.checkOnce(); const t2 = performance.now(); S.checkOnce();
      const t3 = performance.now();
      return {repair: t1 - t0, once: t3 - t2}; }""")
    return {"answers": total, "median": statistics.median(times), "min": min(times), "max": max(times),
            "first": first, "restored": all(restored) if rounds else None, "checks": checks, "cost": cost}


def main():
    with built_site() as (_site, url, browser):
        ctx = browser.new_context(service_workers="block")
        page = ctx.new_page()
        page.goto(url + THEME)
        page.wait_for_selector("#ap-session:not([hidden])")
        # save one field (empty store), measured inside the page
        one = page.evaluate("""() => {
          const S = window.APStore, h = S.currentHome().id, r = S.rounds(h)[0].id, p = (S.participants(h)[0] || S.createParticipant(h, 'Bench person')).id;
          const times = [];
          for (let j = 0; j < 5; j++) { const t = performance.now();
            for (let i = 0; i < 200; i++) S.setAnswerField(h, r, p, 'mt-key-worker', 'managing-transitions', 'working-well', 'Note ' + i);
            times.push((performance.now() - t) / 200); }
          return times; }""")
        total, written = page.evaluate(SEED, [ROUNDS, PEOPLE])
        page.reload()
        page.wait_for_selector("#ap-session:not([hidden])")
        full = page.evaluate("""() => {
          const S = window.APStore, h = S.currentHome().id, r = S.rounds(h).pop().id, p = (S.participants(h)[0] || S.createParticipant(h, 'Bench person')).id;
          const times = [];
          for (let j = 0; j < 5; j++) { const t = performance.now();
            for (let i = 0; i < 200; i++) S.setAnswerField(h, r, p, 'mt-key-worker', 'managing-transitions', 'working-well', 'Note ' + i);
            times.push((performance.now() - t) / 200); }
          return times; }""")
        restores = []
        for _ in range(5):
            page.reload()
            page.wait_for_selector("#ap-session:not([hidden])")
            # time the whole restore: pickers, questions, actions, earlier answers
            restores.append(page.evaluate("""() => new Promise(done => {
              const t = performance.now();
              window.dispatchEvent(new StorageEvent('storage', {key: null}));
              setTimeout(() => done(performance.now() - t - 30), 30); })"""))
        nav = page.evaluate("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
        usage = page.evaluate("() => window.APStore.usage()")
        keys = page.evaluate("() => localStorage.length")
        ctx.close()
        ctx = browser.new_context(service_workers="block")
        page = ctx.new_page()
        page.add_init_script(READY)
        ready = [time_to_restored(page, url, r, PEOPLE) for r in (0, 5, ROUNDS)]
    print(f"save one field, empty store:      median {statistics.median(one):.3f} ms (5 runs of 200 saves)")
    print(f"save one field, full store:       median {statistics.median(full):.3f} ms (5 runs of 200 saves)")
    print(f"stored answers: {written} of {total} ({ROUNDS} rounds x {PEOPLE} people x every question); keys: {keys}")
    print(f"restore a theme page ({ROUNDS}x{PEOPLE} stored): median {statistics.median(restores):.1f} ms "
          f"(min {min(restores):.1f}, max {max(restores):.1f}); page DOMContentLoaded {nav:.0f} ms")
    print(f"bytes stored (UTF-16, as browsers count): {usage} ({usage / 1024 / 1024:.2f} MB)")
    print("time to a restored theme page (navigation start to DOMContentLoaded, answers restored),"
          " median of 5 loads after the first:")
    for r in ready:
        ran = sum(1 for c in r["checks"] if c and c["ran"])
        called = "page calls checkOnce" if any(r["checks"]) else "page does not call checkOnce (full repair on load)"
        print(f"  {r['answers']:>6} answers: median {r['median']:.0f} ms (min {r['min']:.0f}, max {r['max']:.0f});"
              f" first load after they were stored {r['first']:.0f} ms; restored: {r['restored']};"
              f" full check ran on {ran} of {len(r['checks'])} loads ({called})")
        print(f"          check cost in the page: full check (repair) {r['cost']['repair']:.1f} ms,"
              f" checkOnce with nothing changed {r['cost']['once']:.1f} ms")
    base = ready[0]["median"]
    print(f"  ratio 26,000 / none: {ready[-1]['median'] / base:.2f}x; 2,600 / none: {ready[1]['median'] / base:.2f}x")


if __name__ == "__main__":
    main()
