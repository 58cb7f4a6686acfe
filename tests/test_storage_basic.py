"""Answers are kept in this browser: restore, rounds, people, two tabs, closing quickly,
actions, homes, and the first storage version moved to the current one."""
from __future__ import annotations

import json

from storage_util import (OTHER_THEME, THEME, add_participant, choose, context, export_json,
                          new_round, open_theme, open_your_data, wait_saved)  # noqa: F401 (context is a fixture)
from storage_util import choose_person  # noqa: E402  (issue 22: choose who is answering)

Q1, Q2 = "mt-key-worker", "mt-first-day"


def test_answer_reload_everything_is_back(page, base_url):
    open_theme(page, base_url)
    page.check(f"#q-{Q1}-rating-3")
    page.fill(f"#q-{Q1}--working-well", "Every new resident meets Sam first.")
    page.fill(f"#q-{Q2}--could-be-better", "Fewer forms on day one.")
    page.check(f"#q-{Q2}-rating-not-sure")
    page.fill("#theme--main-points", "We agree the first day needs work.")
    wait_saved(page)
    assert page.text_content("#ap-save-status") == "Saved"
    page.reload()
    page.wait_for_selector("#ap-session:not([hidden])")
    assert page.is_checked(f"#q-{Q1}-rating-3")
    assert page.input_value(f"#q-{Q1}--working-well") == "Every new resident meets Sam first."
    assert page.input_value(f"#q-{Q2}--could-be-better") == "Fewer forms on day one."
    assert page.is_checked(f"#q-{Q2}-rating-not-sure")
    assert page.input_value("#theme--main-points") == "We agree the first day needs work."
    # another theme's page is not filled with these answers
    open_theme(page, base_url, OTHER_THEME)
    assert not page.is_checked("input[type=radio]:checked") if page.query_selector("input[type=radio]:checked") else True
    assert page.page_errors == []


def test_the_saved_status_is_announced_politely(page, base_url):
    open_theme(page, base_url)
    status = page.locator("#ap-save-status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    page.check(f"#q-{Q1}-rating-2")
    page.wait_for_function("document.querySelector('#ap-save-status').textContent === 'Saved'")


def test_switch_participant_and_round_shows_the_right_answers(page, base_url):
    open_theme(page, base_url)
    page.check(f"#q-{Q1}-rating-1")
    page.fill(f"#q-{Q1}--working-well", "Whole team says one")
    add_participant(page, "Night staff")
    assert page.eval_on_selector("#ap-participant", "s => s.options[s.selectedIndex].text") == "Night staff"
    assert not page.is_checked(f"#q-{Q1}-rating-1")
    assert page.input_value(f"#q-{Q1}--working-well") == ""
    page.check(f"#q-{Q1}-rating-4")
    page.fill(f"#q-{Q1}--working-well", "Night staff say four")
    wait_saved(page)
    new_round(page, "Autumn review", "2031-10-01")
    assert page.input_value(f"#q-{Q1}--working-well") == ""
    page.check(f"#q-{Q1}-rating-2")
    wait_saved(page)

    page.reload()
    page.wait_for_selector("#ap-session:not([hidden])")
    choose(page, "#ap-round", "Autumn review (1 October 2031)")
    choose(page, "#ap-participant", "Night staff")
    assert page.is_checked(f"#q-{Q1}-rating-2")
    rounds = page.eval_on_selector_all("#ap-round option", "os => os.map(o => o.text)")
    first = [r for r in rounds if r.startswith("First round")][0]
    choose(page, "#ap-round", first)
    assert page.is_checked(f"#q-{Q1}-rating-4")
    assert page.input_value(f"#q-{Q1}--working-well") == "Night staff say four"
    choose(page, "#ap-participant", "Whole team")
    assert page.is_checked(f"#q-{Q1}-rating-1")
    assert page.input_value(f"#q-{Q1}--working-well") == "Whole team says one"
    assert page.page_errors == []


def test_an_earlier_round_is_read_only_until_reopened(page, base_url):
    open_theme(page, base_url)
    page.check(f"#q-{Q1}-rating-3")
    new_round(page, "Next time", "2099-01-01")
    rounds = page.eval_on_selector_all("#ap-round option", "os => os.map(o => o.text)")
    choose(page, "#ap-round", [r for r in rounds if r.startswith("First round")][0])
    assert page.is_visible("[data-ap-readonly]")
    assert page.is_disabled(f"#q-{Q1}-rating-1") and page.is_disabled(f"#q-{Q1}--working-well")
    assert page.is_checked(f"#q-{Q1}-rating-3")
    page.click('[data-ap-do="reopen-round"]')
    assert not page.is_visible("[data-ap-readonly]")
    page.check(f"#q-{Q1}-rating-1")
    page.reload()
    page.wait_for_selector("#ap-session:not([hidden])")
    choose(page, "#ap-round", [r for r in rounds if r.startswith("First round")][0])
    assert page.is_checked(f"#q-{Q1}-rating-1") and page.is_enabled(f"#q-{Q1}--working-well")


def test_two_tabs_editing_different_questions_both_survive(context, base_url):
    a = context.new_page()
    open_theme(a, base_url)
    b = context.new_page()
    open_theme(b, base_url)
    a.fill(f"#q-{Q1}--working-well", "Typed in tab A")
    b.fill(f"#q-{Q2}--working-well", "Typed in tab B")
    a.check(f"#q-{Q1}-rating-2")
    b.check(f"#q-{Q2}-rating-4")
    wait_saved(a)
    # each tab shows the other's answers live, through the storage event
    a.wait_for_function(f"document.querySelector('#q-{Q2}--working-well').value === 'Typed in tab B'")
    b.wait_for_function(f"document.querySelector('#q-{Q1}--working-well').value === 'Typed in tab A'")
    assert a.is_checked(f"#q-{Q2}-rating-4") and b.is_checked(f"#q-{Q1}-rating-2")
    c = context.new_page()
    open_theme(c, base_url)
    assert c.input_value(f"#q-{Q1}--working-well") == "Typed in tab A"
    assert c.input_value(f"#q-{Q2}--working-well") == "Typed in tab B"
    assert c.is_checked(f"#q-{Q1}-rating-2") and c.is_checked(f"#q-{Q2}-rating-4")


def test_type_and_close_within_half_a_second(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    page.type(f"#q-{Q1}--could-be-better", "Quick note")  # real key presses
    page.close(run_before_unload=True)  # well inside the save delay
    again = context.new_page()
    open_theme(again, base_url)
    assert again.input_value(f"#q-{Q1}--could-be-better") == "Quick note"


def test_type_and_switch_away_saves_at_once(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    page.fill(f"#q-{Q1}--views-heard", "Residents' meeting")
    page.goto(base_url + "index.html")  # leave the page straight away
    page.go_back()
    page.wait_for_selector("#ap-session:not([hidden])")
    assert page.input_value(f"#q-{Q1}--views-heard") == "Residents' meeting"


def test_actions_add_edit_and_change_status(page, base_url):
    open_theme(page, base_url)
    page.fill("#action-1--what", "Name a key worker before each move")
    page.fill("#action-1--lead", "Deputy manager")
    wait_saved(page)
    # the review date defaults to three months after the round
    assert page.input_value("#action-1--review-date") != ""
    page.click('[data-ap-do="add-action"]')
    assert page.evaluate("document.activeElement.id") == "action-2--what"
    page.fill("#action-2--what", "Welcome pack for relatives")
    page.select_option("#action-2--status", "in-progress")
    page.fill("#action-2--by-when", "2031-05-01")
    wait_saved(page)
    page.reload()
    page.wait_for_selector("#ap-session:not([hidden])")
    assert page.input_value("#action-1--what") == "Name a key worker before each move"
    assert page.input_value("#action-1--lead") == "Deputy manager"
    assert page.input_value("#action-2--what") == "Welcome pack for relatives"
    assert page.input_value("#action-2--status") == "in-progress"
    assert page.input_value("#action-2--by-when") == "2031-05-01"
    # every field of a cloned action is labelled
    for fid in page.eval_on_selector_all("#ap-actions [data-ap-field]", "es => es.map(e => e.id)"):
        assert page.locator(f'label[for="{fid}"]').count() == 1
    # actions belong to the home's plan, not to one round
    new_round(page, "Later", "2099-02-02")
    assert page.input_value("#action-2--status") == "in-progress"
    page.select_option("#action-2--status", "done")
    page.reload()
    page.wait_for_selector("#ap-session:not([hidden])")
    assert page.input_value("#action-2--status") == "done"
    # another theme has its own actions
    open_theme(page, base_url, OTHER_THEME)
    assert page.input_value("#action-1--what") == ""
    assert page.page_errors == []


def test_remove_an_action_with_confirmation(context, page, base_url):
    open_theme(page, base_url)
    page.fill("#action-1--what", "Name a key worker before each move")
    remove = page.locator('#ap-actions .ap-action').first.get_by_role("button", name="Remove this action")
    wait_saved(page)
    page.click('[data-ap-do="add-action"]')
    page.fill("#action-2--what", "Welcome pack for relatives")
    wait_saved(page)
    # an action box not yet written in goes too, and nothing stored changes
    page.click('[data-ap-do="add-action"]')
    third = page.locator("[data-ap-action='3']")
    third.get_by_role("button", name="Remove this action").click()
    third.get_by_role("button", name="Yes, remove it").click()
    assert page.locator("#action-3--what").count() == 0
    assert page.input_value("#action-2--what") == "Welcome pack for relatives"
    # the other tab shows the action until it is removed
    other = context.new_page()
    other_errors: list[str] = []
    other.on("pageerror", lambda exc: other_errors.append(str(exc)))
    open_theme(other, base_url)
    assert other.input_value("#action-1--what") == "Name a key worker before each move"
    # "No, keep it" keeps it
    remove.click()
    assert remove.get_attribute("aria-expanded") == "true"
    assert page.get_by_text("You cannot undo this.").first.is_visible()
    page.get_by_role("button", name="No, keep it").first.click()
    assert page.evaluate("document.activeElement.textContent") == "Remove this action"
    assert page.input_value("#action-1--what") == "Name a key worker before each move"
    # "Yes, remove it" removes it, here and in the other tab, and after a reload
    remove.click()
    page.get_by_role("button", name="Yes, remove it").first.click()
    page.wait_for_function("() => document.querySelector('#ap-save-status').textContent === 'The action is removed.'")
    assert page.input_value("#action-1--what") == "Welcome pack for relatives"
    assert page.locator("#action-2--what").count() == 0
    other.wait_for_function("() => document.querySelector('#action-1--what').value === 'Welcome pack for relatives'")
    assert other.locator("#action-2--what").count() == 0
    page.reload()
    page.wait_for_selector("#ap-session:not([hidden])")
    assert page.input_value("#action-1--what") == "Welcome pack for relatives"
    stored = page.evaluate("() => Object.keys(localStorage).filter(k => k.includes(':x:'))"
                           ".map(k => JSON.parse(localStorage.getItem(k)).fields.what)")
    assert stored == ["Welcome pack for relatives"]
    assert page.page_errors == [] and other_errors == []


def test_two_homes_are_kept_apart(page, base_url):
    open_theme(page, base_url)
    page.fill(f"#q-{Q1}--working-well", "Rose House answer")
    wait_saved(page)
    open_your_data(page, base_url)
    page.fill("#ap-yd-home-name", "Rose House")
    page.click('[data-ap-form="rename-home"] button[type=submit]')
    page.fill("#ap-yd-new-home", "Oak Lodge")
    page.click('[data-ap-form="add-home"] button[type=submit]')
    assert page.eval_on_selector("#ap-yd-home", "s => s.options[s.selectedIndex].text") == "Oak Lodge"
    open_theme(page, base_url)
    assert page.is_visible("#ap-home")
    assert page.input_value(f"#q-{Q1}--working-well") == ""
    page.fill(f"#q-{Q1}--working-well", "Oak Lodge answer")
    wait_saved(page)
    choose(page, "#ap-home", "Rose House")
    assert page.input_value(f"#q-{Q1}--working-well") == "Rose House answer"
    page.reload()
    page.wait_for_selector("#ap-session:not([hidden])")
    assert page.eval_on_selector("#ap-home", "s => s.options[s.selectedIndex].text") == "Rose House"
    choose(page, "#ap-home", "Oak Lodge")
    assert page.input_value(f"#q-{Q1}--working-well") == "Oak Lodge answer"


def test_rename_and_remove_a_person_with_confirmation(page, base_url):
    open_theme(page, base_url)
    add_participant(page, "Relatives")
    page.check(f"#q-{Q1}-rating-2")
    wait_saved(page)
    open_your_data(page, base_url)
    people = page.locator("[data-ap-people-list] > li")
    assert people.count() == 2
    rel = page.locator('[data-ap-people-list] > li:has-text("Relatives")')
    rel.locator('[data-ap-do="rename-person"]').click()
    rel.locator("input").fill("Relatives' group")
    rel.locator("button[type=submit]").click()
    rel = page.locator('[data-ap-people-list] > li:has-text("Relatives\' group")')
    rel.locator('[data-ap-do="remove-person"]').click()
    assert rel.locator("[data-ap-confirm]").is_visible()
    rel.locator('[data-ap-do="cancel-remove"]').click()
    assert page.locator("[data-ap-people-list] > li").count() == 2
    rel.locator('[data-ap-do="remove-person"]').click()
    rel.locator('[data-ap-do="confirm-remove-person"]').click()
    assert page.locator("[data-ap-people-list] > li").count() == 1
    answers = page.evaluate("() => Object.keys(localStorage).filter(k => k.includes(':a:')).length")
    assert answers == 0  # their answers went with them


def test_typed_html_is_shown_as_text_and_never_runs(page, base_url):
    evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    open_theme(page, base_url)
    add_participant(page, evil)
    page.fill(f"#q-{Q1}--working-well", evil)
    page.fill("#action-1--what", evil)
    wait_saved(page)
    page.reload()
    page.wait_for_selector("#ap-session:not([hidden])")
    assert page.input_value(f"#q-{Q1}--working-well") == evil
    assert page.eval_on_selector("#ap-participant", "s => s.options[s.selectedIndex].text") == evil
    open_your_data(page, base_url)
    assert page.locator("[data-ap-people-list] .ap-person__name", has_text="<img").count() == 1
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None
    assert page.locator("[data-ap-people-list] img").count() == 0


def test_version_1_data_is_moved_to_the_current_layout(context, base_url):
    old = {
        "version": 1, "home": "Rose House",
        "rounds": [{"id": "r1", "title": "Spring", "date": "2024-03-01"}],
        "participants": ["Manager", "Night staff"],
        "answers": {"r1": {
            "Manager": {Q1: {"rating": 3, "notes": {"working-well": "From version one"}}},
            "Night staff": {Q2: {"rating": "not-sure", "notes": {}}},
        }},
        "theme_notes": {"r1": {"managing-transitions": {"main-points": "Old main points"}}},
        "actions": {"managing-transitions": [{"what": "Old action", "status": "done"}]},
    }
    context.add_init_script(
        "if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1');"
        f" localStorage.setItem('/actionplan', {json.dumps(json.dumps(old))}); }}")
    page = context.new_page()
    open_theme(page, base_url)
    assert page.eval_on_selector("#ap-round", "s => s.options[s.selectedIndex].text") == "Spring (1 March 2024)"
    choose(page, "#ap-participant", "Manager")
    assert page.is_checked(f"#q-{Q1}-rating-3")
    assert page.input_value(f"#q-{Q1}--working-well") == "From version one"
    assert page.input_value("#theme--main-points") == "Old main points"
    assert page.input_value("#action-1--what") == "Old action"
    assert page.input_value("#action-1--status") == "done"
    choose(page, "#ap-participant", "Night staff")
    assert page.is_checked(f"#q-{Q2}-rating-not-sure")
    keys = page.evaluate("Object.keys(localStorage)")
    assert "/actionplan" not in keys and "/ap:legacy-v1" in keys  # the old record is kept, not dropped
    home = [json.loads(page.evaluate(f"localStorage.getItem({json.dumps(k)})")) for k in keys
            if k.startswith("/ap:h:") and k.count(":") == 2][0]
    assert home["schema"] == 2 and home["name"] == "Rose House"
    # it runs once: a reload does not add a second copy
    page.reload()
    page.wait_for_selector("#ap-session:not([hidden])")
    assert len([k for k in page.evaluate("Object.keys(localStorage)") if k.startswith("/ap:h:") and k.count(":") == 2]) == 1


def test_keys_are_namespaced_by_the_site_path(browser, site_dir):
    from conftest import StaticServer
    srv = StaticServer(site_dir, prefix="/care/plan/")
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(srv.url + THEME)
        page.wait_for_selector("#ap-session:not([hidden])")
        choose_person(page)
        page.check(f"#q-{Q1}-rating-2")
        keys = page.evaluate("Object.keys(localStorage)")
        ours = [k for k in keys if ":" in k]
        assert ours and all(k.startswith("/care/plan/ap:") for k in ours)
    finally:
        ctx.close()
        srv.close()


def test_your_data_panel_shows_space_promise_last_export_and_a_reminder(page, base_url):
    """How much is stored, whether the browser will keep it, when it was last exported,
    and a gentle reminder when that is more than 30 days ago."""
    open_theme(page, base_url)
    page.fill(f"#q-{Q1}--working-well", "Residents choose their own room colour.")
    wait_saved(page)
    open_your_data(page, base_url)
    usage = page.text_content("[data-ap-usage]")
    assert " KB (about " in usage and usage.split(" KB")[0] not in ("", "0.0")
    persist = page.text_content("[data-ap-persist]")
    assert persist in (page.get_attribute("[data-ap-persist]", "data-yes"),
                       page.get_attribute("[data-ap-persist]", "data-no"))
    reminder = page.locator("[data-ap-export-reminder]")
    assert page.text_content("[data-ap-last-export]") == "Never"
    # never exported, but the answers are minutes old: no reminder yet (issue 18)
    assert reminder.is_hidden()
    # never exported, and first used 31 days ago: remind
    page.evaluate("""() => {
        const key = Object.keys(localStorage).find(k => /ap:h:[^:]+$/.test(k));
        const home = JSON.parse(localStorage.getItem(key));
        home.created = new Date(Date.now() - 31 * 24 * 3600 * 1000).toISOString();
        localStorage.setItem(key, JSON.stringify(home));
    }""")
    open_your_data(page, base_url)
    assert reminder.is_visible()                      # never exported: remind
    export_json(page)
    page.wait_for_function("document.querySelector('[data-ap-last-export]').textContent !== 'Never'")
    assert reminder.is_hidden()                       # just exported: no reminder
    # 31 days later (the record says so): the reminder is back, and says why
    page.evaluate("""() => {
        const key = Object.keys(localStorage).find(k => k.endsWith('ap:device'));
        const dev = JSON.parse(localStorage.getItem(key));
        dev.lastExport = new Date(Date.now() - 31 * 24 * 3600 * 1000).toISOString();
        localStorage.setItem(key, JSON.stringify(dev));
    }""")
    open_your_data(page, base_url)
    assert reminder.is_visible()
    assert "30 days" in reminder.inner_text()
    assert page.page_errors == []


def test_default_review_date_is_the_same_day_three_months_on_or_the_months_last_day(page, base_url):
    """An action's default review date and the Results page's next review follow one rule:
    30 November plus three months is 28 February, not a day in March."""
    open_theme(page, base_url)
    new_round(page, "Winter", "2025-11-30")
    page.fill("#action-1--what", "Ask relatives how the first week went")
    wait_saved(page)
    assert page.input_value("#action-1--review-date") == "2026-02-28"
    assert page.evaluate("window.APFigures.nextReview([{date: '2025-11-30'}], 3)") == "2026-02-28"
