"""Storage benchmark (not a test): prints the time to save one field, the time to
restore a theme page with 50 rounds x 8 participants stored, and the bytes stored.

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


def main():
    with built_site() as (_site, url, browser):
        ctx = browser.new_context(service_workers="block")
        page = ctx.new_page()
        page.goto(url + THEME)
        page.wait_for_selector("#ap-session:not([hidden])")
        # save one field (empty store), measured inside the page
        one = page.evaluate("""() => {
          const S = window.APStore, h = S.currentHome().id, r = S.rounds(h)[0].id, p = S.participants(h)[0].id;
          const times = [];
          for (let j = 0; j < 5; j++) { const t = performance.now();
            for (let i = 0; i < 200; i++) S.setAnswerField(h, r, p, 'mt-key-worker', 'managing-transitions', 'working-well', 'Note ' + i);
            times.push((performance.now() - t) / 200); }
          return times; }""")
        total, written = page.evaluate(SEED, [ROUNDS, PEOPLE])
        page.reload()
        page.wait_for_selector("#ap-session:not([hidden])")
        full = page.evaluate("""() => {
          const S = window.APStore, h = S.currentHome().id, r = S.rounds(h).pop().id, p = S.participants(h)[0].id;
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
    print(f"save one field, empty store:      median {statistics.median(one):.3f} ms (5 runs of 200 saves)")
    print(f"save one field, full store:       median {statistics.median(full):.3f} ms (5 runs of 200 saves)")
    print(f"stored answers: {written} of {total} ({ROUNDS} rounds x {PEOPLE} people x every question); keys: {keys}")
    print(f"restore a theme page ({ROUNDS}x{PEOPLE} stored): median {statistics.median(restores):.1f} ms "
          f"(min {min(restores):.1f}, max {max(restores):.1f}); page DOMContentLoaded {nav:.0f} ms")
    print(f"bytes stored (UTF-16, as browsers count): {usage} ({usage / 1024 / 1024:.2f} MB)")


if __name__ == "__main__":
    main()
