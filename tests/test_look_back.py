"""Issue 22: a new round begins by looking back at last round's actions.

A home makes a round and four actions (one done); three months later (the browser's
clock, Playwright's page.clock) "Start a new round" leads to the look back, which
shows exactly the open actions. The answers are saved as given, kept on reload,
shown in the Results' action plan and in the printed summary report; a stopped
action is no longer open and the others carry on. Storage: an export with look
backs imports again the same, and a damaged look back is kept aside, not lost."""
from __future__ import annotations

import json

import pytest

from storage_util import THEME, open_theme, snapshot, wait_saved
from test_reports import Printed, has

pytestmark = pytest.mark.browser

START = "2025-01-10T10:00:00"
LATER = "2025-04-15T10:00:00"  # three months on
ACTIONS = [  # (what, lead, status)
    ("Give every new resident a key worker on day one", "Deputy manager", "not-started"),
    ("Make a life story book with each resident", "Activities lead", "in-progress"),
    ("Visit each resident before they move in", "Manager", "not-started"),
    ("Put a welcome card in every new room", "Housekeeper", "done"),
]
ANSWERS = {  # what -> (outcome, learned, evidence)
    ACTIONS[0][0]: ("carry-on", "New residents settle faster with one named person.",
                    "Three relatives told us at the residents' meeting."),
    ACTIONS[1][0]: ("stop", "The books took longer than staff had.", "Only two books were started."),
    ACTIONS[2][0]: ("change", "Visits work, but a phone call first helps more.", "Seen in the visit notes."),
}


def _make_actions(page):
    for i, (what, lead, status) in enumerate(ACTIONS, 1):
        if i > 1:
            page.click('[data-ap-do="add-action"]')
        page.fill(f"#action-{i}--what", what)
        page.fill(f"#action-{i}--lead", lead)
        page.fill(f"#action-{i}--by-when", "2025-03-01")
        page.select_option(f"#action-{i}--status", status)
    wait_saved(page)


def _start_new_round(page, base_url):
    open_theme(page, base_url)
    page.click('[aria-controls="ap-new-round"]')
    assert page.input_value("#ap-new-round-title") == "April 2025"  # filled in
    assert page.input_value("#ap-new-round-date") == "2025-04-15"
    page.click('#ap-new-round button[type="submit"]')
    page.wait_for_url("**/look-back.html")
    page.wait_for_selector("[data-ap-lb-action]")


def _three_months_on(page, base_url):
    """A first round with a rating and the four actions, then "Start a new round" three
    months later (the browser's clock), which opens the look back."""
    page.clock.install(time=START)
    open_theme(page, base_url)
    page.locator('#ap-questions input[data-ap-field="rating"][value="2"]').first.check()  # "Starting to"
    _make_actions(page)
    page.clock.set_fixed_time(LATER)
    _start_new_round(page, base_url)


def _in_viewport(page, locator):
    box = locator.bounding_box()
    vp = page.viewport_size
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= vp["width"] + 1


def test_a_new_round_three_months_later_looks_back_at_the_open_actions(browser, base_url, tmp_path):
    ctx = browser.new_context(viewport={"width": 768, "height": 1024}, service_workers="block")
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _three_months_on(page, base_url)

    # exactly the open actions, each on screen with its words
    blocks = page.locator("[data-ap-lb-action]")
    assert blocks.count() == 3
    shown = [blocks.nth(i).locator("[data-ap-lb-what]").inner_text() for i in range(3)]
    assert sorted(shown) == sorted(a[0] for a in ACTIONS[:3])
    assert ACTIONS[3][0] not in page.inner_text("main")
    for i in range(3):
        b = blocks.nth(i)
        b.scroll_into_view_if_needed()
        assert b.is_visible() and _in_viewport(page, b)
        assert b.get_by_text("Did it happen?").is_visible()
    assert page.get_by_text("Round: April 2025").is_visible()

    # answer them as a person would: a tap on the outcome, then type
    for i, what in enumerate(shown):
        outcome, learned, evidence = ANSWERS[what]
        b = blocks.nth(i)
        b.locator(f'input[value="{outcome}"]').check()
        b.get_by_label("What did we learn?").fill(learned)
        b.get_by_label("How do we know?").fill(evidence)
        assert b.locator("[data-ap-lb-saved]").inner_text() == "Saved"
    stopped = blocks.nth(shown.index(ACTIONS[1][0]))
    assert stopped.locator('[data-ap-lb-fact="status"]').inner_text() == "Stopped"

    # reload: every answer is kept, and the stopped action is still there to see
    page.reload()
    page.wait_for_selector("[data-ap-lb-action]")
    assert page.locator("[data-ap-lb-action]").count() == 3
    for i in range(3):
        b = page.locator("[data-ap-lb-action]").nth(i)
        what = b.locator("[data-ap-lb-what]").inner_text()
        outcome, learned, evidence = ANSWERS[what]
        assert b.locator(f'input[value="{outcome}"]').is_checked()
        assert b.get_by_label("What did we learn?").input_value() == learned
        assert b.get_by_label("How do we know?").input_value() == evidence

    # stored with the action, under the new round; the stopped one is no longer open
    stored = page.evaluate("""() => {
        const St = window.APStore, h = St.currentHome(), rs = St.rounds(h.id), r = rs[rs.length - 1];
        return {round: r.title, rounds: rs.length, acts: St.actions(h.id).map(a => ({what: a.fields.what,
            status: a.fields.status || '', open: St.isActionOpen(a), review: St.actionReview(a, r.id)}))};
    }""")
    assert stored["round"] == "April 2025" and stored["rounds"] == 2
    by = {a["what"]: a for a in stored["acts"]}
    assert by[ACTIONS[1][0]]["status"] == "stopped" and not by[ACTIONS[1][0]]["open"]
    assert by[ACTIONS[0][0]]["open"] and by[ACTIONS[2][0]]["open"]  # they carry on into the new round
    assert by[ACTIONS[2][0]]["review"]["learned"] == ANSWERS[ACTIONS[2][0]][1]
    assert by[ACTIONS[3][0]]["review"] is None

    # on to the themes, each with last round's home average beside it (where we started),
    # and a first answer in the new round
    page.get_by_role("link", name="Go on to the themes").click()
    page.wait_for_url("**/index.html#ap-start-themes")
    theme = page.locator('[data-ap-start-theme="managing-transitions"]')
    assert theme.is_visible() and _in_viewport(page, theme)
    assert "Last round, the home's average: 2.0 (Starting to)" in theme.inner_text(), theme.inner_text()
    open_theme(page, base_url)
    page.locator('#ap-questions input[data-ap-field="rating"][value="3"]').first.check()
    wait_saved(page)

    # the Results' action plan shows each look back; the stopped action is not open
    page.goto(base_url + "results/index.html")
    page.wait_for_selector("[data-ap-results][data-ap-ready]")
    plan = page.locator("#ap-plan")
    plan.scroll_into_view_if_needed()
    for what, (outcome, learned, evidence) in ANSWERS.items():
        row = plan.locator("tr", has_text=what)
        row.scroll_into_view_if_needed()
        assert row.is_visible()
        text = row.inner_text()
        assert learned in text and evidence in text, text
        assert "Looked back (April 2025" in text
    assert "Carry on" in plan.locator("tr", has_text=ACTIONS[0][0]).inner_text()
    assert "Change it" in plan.locator("tr", has_text=ACTIONS[2][0]).inner_text()
    stop_row = plan.locator("tr", has_text=ACTIONS[1][0])
    assert stop_row.get_attribute("data-ap-due") == "stopped"
    assert stop_row.locator("select").evaluate("s => s.options[s.selectedIndex].text") == "Stopped"
    assert plan.get_by_role("link", name="Look back at last round's actions").is_visible()

    # the printed summary report has the look backs
    page.goto(base_url + "results/summary.html")
    page.wait_for_selector("[data-ap-report][data-ap-ready]")
    path = tmp_path / "summary.pdf"
    page.pdf(path=str(path), format="A4")
    printed = Printed(path).words
    for what, (outcome, learned, evidence) in ANSWERS.items():
        assert has(printed, what) and has(printed, learned) and has(printed, evidence), what
    assert has(printed, "Looked back") and has(printed, "Stopped")
    assert not errors, errors
    ctx.close()


def _home_with_reviews(page, base_url):
    _three_months_on(page, base_url)
    b = page.locator("[data-ap-lb-action]").first
    b.locator('input[value="stop"]').check()
    b.get_by_label("What did we learn?").fill("It did not work \u2014 \"quotes\" & <b>tags</b> stay text.")
    page.locator("[data-ap-lb-action]").nth(1).get_by_label("How do we know?").fill("We asked.")


def test_an_export_with_look_backs_imports_again_the_same(page, base_url):
    _home_with_reviews(page, base_url)
    before = page.evaluate("() => JSON.stringify(window.APStore.exportAll().homes)")
    data = json.loads(before)
    assert any(a.get("reviews") for a in data[0]["actions"])
    page.goto(base_url + "your-data.html")
    page.wait_for_selector("[data-ap-yd]:not([hidden])")
    after = page.evaluate("""(text) => {
        const St = window.APStore, file = JSON.stringify(St.exportAll());
        const check = St.validate(file);
        if (!check.ok) return 'refused: ' + check.message;
        St.deleteAll();
        const r = St.importReplace(St.validate(file).data, false);
        return r.ok ? JSON.stringify(St.exportAll().homes) : 'failed';
    }""", before)
    assert json.loads(after) == data
    # merging the same file again changes nothing; merging into a device without the look backs adds them
    merged = page.evaluate("""(text) => {
        const St = window.APStore, file = St.validate(JSON.stringify({format: 'care-home-action-plan/answers',
            format_version: 1, homes: JSON.parse(text)}));
        St.importMerge(file.data);
        return JSON.stringify(St.exportAll().homes);
    }""", before)
    assert json.loads(merged) == data


def test_a_damaged_look_back_is_kept_aside_not_lost(page, base_url):
    _home_with_reviews(page, base_url)
    key, good = page.evaluate("""() => {
        const St = window.APStore, h = St.currentHome(), a = St.actions(h.id).filter(x => x.reviews)[0];
        const key = St.prefix + 'h:' + h.id + ':x:' + a.id;
        return [key, localStorage.getItem(key)];
    }""")
    rec = json.loads(good)
    rid = next(iter(rec["reviews"]))
    rec["reviews"][rid]["learned"] = {"not": "text"}  # damaged
    rec["reviews"][rid]["evidence"] = "Typed and kept"
    bad = json.dumps(rec)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, bad])
    result = page.evaluate("""(key) => {
        const St = window.APStore, n = St.repair();
        return {n, now: JSON.parse(localStorage.getItem(key)), aside: St.setAside().map(x => x.text)};
    }""", key)
    assert result["n"] == 1
    assert bad in result["aside"]  # the record as it was, kept aside (exported as set_aside)
    kept = result["now"]["reviews"][rid]
    assert kept["evidence"] == "Typed and kept" and kept["outcome"] == "stop" and "learned" not in kept
    # and the whole device still exports a file that imports
    page.goto(base_url + "your-data.html")
    page.wait_for_selector("[data-ap-yd]:not([hidden])")
    ok = page.evaluate("() => window.APStore.validate(JSON.stringify(window.APStore.exportAll())).ok")
    assert ok


def test_an_older_file_without_look_backs_still_imports(page, base_url):
    page.goto(base_url + "your-data.html")
    page.wait_for_selector("[data-ap-yd]:not([hidden])")
    old = {"format": "care-home-action-plan/answers", "format_version": 1, "homes": [{
        "id": "old-home", "name": "Old", "created": "2024-01-01T00:00:00.000Z",
        "rounds": [{"id": "r1", "title": "Spring", "date": "2024-03-01", "home": "", "reopened": False,
                    "created": "2024-03-01T00:00:00.000Z"}],
        "participants": [], "answers": [], "theme_notes": [],
        "actions": [{"id": "a1", "theme": "managing-transitions", "created": "2024-03-01T00:00:00.000Z",
                     "fields": {"what": "Old action", "status": "in-progress"}}]}]}
    ok = page.evaluate("(t) => window.APStore.validate(t).ok", json.dumps(old))
    assert ok


def test_the_counts_still_say_none_are_done_when_none_are(page, base_url):
    """The "done" look back sets the done status, but "done" is not a stopped status: with no
    action done, the action plan still says "Done: 0" (only "Stopped" waits for a first one)."""
    open_theme(page, base_url)
    page.fill("#action-1--what", ACTIONS[0][0])
    page.select_option("#action-1--status", "not-started")
    wait_saved(page)
    page.goto(base_url + "results/index.html")
    counts = page.locator("[data-ap-rs-counts]")
    counts.scroll_into_view_if_needed()
    assert counts.is_visible()
    shown = counts.locator("li").evaluate_all("els => els.map(e => e.textContent)")
    assert shown == ["Not started: 1", "In progress: 0", "Done: 0"], shown
