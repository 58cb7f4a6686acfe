"""Export, delete, import: a round trip restores everything exactly; bad files change
nothing and say what is wrong; merging adds without overwriting; replacing can be undone."""
from __future__ import annotations

import copy
import json

import pytest

from homes_util import bring_into
from storage_util import (THEME, add_participant, ap_keys, context, export_csv, export_json,  # noqa: F401
                          import_file, new_round, open_theme, open_your_data, snapshot, wait_saved,
                          without_stamp)

Q1, Q2 = "mt-key-worker", "mt-first-day"


def good_file() -> dict:
    return {
        "format": "care-home-action-plan/answers", "format_version": 1,
        "exported": "2031-01-02T10:00:00.000Z",
        "question_set": {"title": "Care home action plan", "version": 1, "hash": "abc"},
        "homes": [{
            "id": "home1", "name": "Elm Court", "created": "2031-01-01T09:00:00.000Z",
            "rounds": [{"id": "round1", "title": "Winter", "date": "2031-01-01", "home": "Elm Court",
                        "reopened": False, "created": "2031-01-01T09:00:00.000Z"}],
            "participants": [{"id": "p1", "name": "Night staff", "created": "2031-01-01T09:00:00.000Z"}],
            "answers": [{"round": "round1", "participant": "p1", "question": Q1, "theme": "managing-transitions",
                         "rating": "2", "notes": {"working-well": "From the other tablet"}}],
            "theme_notes": [{"round": "round1", "theme": "managing-transitions", "notes": {"main-points": "Imported"}}],
            "actions": [{"id": "act1", "theme": "managing-transitions", "created": "2031-01-01T09:00:00.000Z",
                         "fields": {"what": "Imported action", "status": "in-progress"}}],
        }],
    }


def _set(path, value):
    def change(d):
        target = d
        for p in path[:-1]:
            target = target[p]
        target[path[-1]] = value
        return json.dumps(d)
    return change


def _raw(text):
    return lambda d: text


def _proto(d):
    text = json.dumps(d)
    return text.replace('"notes": {"working-well"', '"notes": {"__proto__": {"polluted": true}, "working-well"', 1)


def _dup_round(d):
    d["homes"][0]["rounds"].append(copy.deepcopy(d["homes"][0]["rounds"][0]))
    return json.dumps(d)


def _truncated(d):
    text = json.dumps(d, indent=1)
    return text[: len(text) // 2]


BAD_FILES = {
    # kind of problem: (make the file, words the message must contain)
    "empty file": (_raw(""), "empty"),
    "only spaces": (_raw("   \n\n  "), "empty"),
    "plain text": (_raw("Hello, these are our notes."), "not an export"),
    "a CSV file": (_raw("Type,Home,Round\nanswer,Elm Court,Winter\n"), "not an export"),
    "truncated JSON": (_truncated, "damaged"),
    "broken JSON": (_raw('{"format": "care-home-action-plan/answers", "homes": [,]}'), "damaged"),
    "a JSON list": (_raw("[1, 2, 3]"), "does not hold answers"),
    "a JSON number": (_raw("42"), "does not hold answers"),
    "JSON null": (_raw("null"), "does not hold answers"),
    "another tool's file": (_raw('{"name": "my-app", "version": "1.0.0", "dependencies": {}}'), "another tool"),
    "the question set": (_raw('{"format": "care-home-action-plan/question-set", "format_version": 1}'), "list of questions"),
    "a newer version": (_set(["format_version"], 99), "newer version"),
    "a version that is text": (_set(["format_version"], "1"), "version number"),
    "a version that is not whole": (_set(["format_version"], 1.5), "version number"),
    "no homes": (_set(["homes"], []), "no answers"),
    "homes not a list": (_set(["homes"], {"a": 1}), "list of homes"),
    # (a value this version does not know, such as "7", may be a newer version's: it is kept, issue 18;
    # something that cannot be a rating at all is refused)
    "rating off the scale": (_set(["homes", 0, "answers", 0, "rating"], "3.5"), "not on the scale"),
    "rating of the wrong type": (_set(["homes", 0, "answers", 0, "rating"], True), "not on the scale"),
    "a date that does not exist": (_set(["homes", 0, "rounds", 0, "date"], "2031-13-45"), "not a real date"),
    "a date in words": (_set(["homes", 0, "rounds", 0, "date"], "next Tuesday"), "not a real date"),
    "export time not a date": (_set(["exported"], "yesterday"), "not a real date"),
    "a note that is a number": (_set(["homes", 0, "answers", 0, "notes", "working-well"], 12), "should be text"),
    "a huge note": (_set(["homes", 0, "answers", 0, "notes", "working-well"], "x" * 50000), "far too long"),
    "a huge name": (_set(["homes", 0, "participants", 0, "name"], "y" * 5000), "far too long"),
    "__proto__ key": (_proto, "not allowed"),
    # "constructor" as a field id is no longer refused (issue 12: names and ids are plain
    # data); test_storage_safety.py checks such a file is imported and exported intact.
    "an id with markup": (_set(["homes", 0, "participants", 0, "id"], "<script>"), "not allowed"),
    "answer for someone not in the file": (_set(["homes", 0, "answers", 0, "participant"], "p9"), "not in the file"),
    "two rounds with one id": (_dup_round, "same id"),
    "a status not in the choices": (_set(["homes", 0, "actions", 0, "fields", "status"], "Finished!"), "not one of the choices"),
    "an unknown field": (_set(["homes", 0, "answers", 0, "colour"], "red"), "do not know"),
    "reopened not yes or no": (_set(["homes", 0, "rounds", 0, "reopened"], "maybe"), "yes or no"),
}


@pytest.fixture
def seeded(context, base_url):
    """A page on "Your data" with some answers already stored."""
    page = context.new_page()
    page.page_errors = []
    page.on("pageerror", lambda e: page.page_errors.append(str(e)))
    open_theme(page, base_url)
    page.check(f"#q-{Q1}-rating-3")
    page.fill(f"#q-{Q1}--working-well", "Already here")
    page.fill("#action-1--what", "Already planned")
    wait_saved(page)
    open_your_data(page, base_url)
    return page


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_file_changes_nothing_and_says_why(seeded, kind):
    make, words = BAD_FILES[kind]
    page = seeded
    before = snapshot(page)
    import_file(page, make(good_file()))
    error = page.locator("[data-ap-import-error]")
    error.wait_for(state="visible")
    assert error.get_attribute("role") == "alert"
    assert words in error.inner_text(), error.inner_text()
    assert not page.is_visible("[data-ap-import-choice]")
    assert snapshot(page) == before
    assert page.evaluate("({}).polluted") is None
    assert page.page_errors == []


def test_a_file_over_5_mb_changes_nothing(seeded):
    page = seeded
    before = snapshot(page)
    d = good_file()
    d["padding"] = "z" * (5 * 1024 * 1024 + 10)
    import_file(page, json.dumps(d))
    page.locator("[data-ap-import-error]").wait_for(state="visible")
    assert "too big" in page.inner_text("[data-ap-import-error]")
    assert snapshot(page) == before


def test_enough_kinds_of_bad_file():
    assert len(BAD_FILES) + 1 >= 20


def test_export_delete_all_import_restores_exactly(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    page.check(f"#q-{Q1}-rating-3")
    page.fill(f"#q-{Q1}--working-well", 'Line one\nLine two, with "quotes" and <b>tags</b>')
    page.fill("#theme--main-points", "Main points")
    page.fill("#action-1--what", "First action")
    page.click('[data-ap-do="add-action"]')
    page.fill("#action-2--what", "Second action")
    page.select_option("#action-2--status", "done")
    add_participant(page, "Relatives")
    page.check(f"#q-{Q2}-rating-not-sure")
    new_round(page, "Summer", "2031-07-01")
    page.check(f"#q-{Q1}-rating-4")
    wait_saved(page)
    open_your_data(page, base_url)
    first = export_json(page)
    assert first["format"] == "care-home-action-plan/answers" and first["format_version"] == 1
    assert first["question_set"]["hash"] and "version" in first["question_set"]
    home = first["homes"][0]
    assert len(home["rounds"]) == 2 and len(home["participants"]) == 2 and len(home["actions"]) == 2
    assert len(home["answers"]) == 3 and len(home["theme_notes"]) == 1

    page.click('[data-ap-do="delete-all"]')
    confirm = page.locator("[data-ap-delete-confirm]")
    assert confirm.is_visible()
    assert page.evaluate("document.activeElement.id") == "ap-delete-confirm"
    page.click('[data-ap-do="confirm-delete"]')
    assert ap_keys(page) == []
    assert page.locator("[data-ap-people-list] > li").count() == 0

    import_file(page, json.dumps(first))
    page.locator("[data-ap-import-choice]").wait_for(state="visible")
    assert "2 round(s)" in page.inner_text("[data-ap-import-summary]")
    page.click('[data-ap-do="import-replace"]')
    page.wait_for_function("document.querySelector('[data-ap-import-done]').textContent.length > 0")
    second = export_json(page)
    assert without_stamp(second) == without_stamp(first)

    open_theme(page, base_url)
    page.select_option("#ap-participant", label="Relatives")
    assert page.is_checked(f"#q-{Q1}-rating-4")
    assert page.input_value("#action-2--status") == "done"


def test_merge_adds_people_and_rounds_without_overwriting(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    add_participant(page, "Night staff")
    page.check(f"#q-{Q1}-rating-4")
    page.fill(f"#q-{Q1}--working-well", "Ours, on this tablet")
    wait_saved(page)
    open_your_data(page, base_url)
    before_keys = dict(json.loads(snapshot(page)))
    d = good_file()
    # the other tablet had the same round (same title and date) and its own "Night staff"
    local_round = [json.loads(v) for k, v in before_keys.items() if ":r:" in k][0]
    d["homes"][0]["rounds"][0].update(title=local_round["title"], date=local_round["date"])
    import_file(page, json.dumps(d))
    page.locator("[data-ap-import-choice]").wait_for(state="visible")
    # the other tablet's home has an id of its own: it is brought into ours by choice (issue 18)
    bring_into(page, "Elm Court", "Our home")
    page.click('[data-ap-do="import-merge"]')
    done = page.locator("[data-ap-import-done]")
    done.wait_for(state="visible")
    assert "Night staff (2)" in done.inner_text()  # the same participant twice is detected
    names = page.eval_on_selector_all("[data-ap-people-list] .ap-person__name", "es => es.map(e => e.textContent)")
    assert sorted(names) == ["Night staff", "Night staff (2)", "Whole team"]
    after = dict(json.loads(snapshot(page)))
    for k, v in before_keys.items():  # nothing that was here is overwritten
        if ":a:" in k or ":p:" in k or ":r:" in k:
            assert after[k] == v
    open_theme(page, base_url)
    page.select_option("#ap-participant", label="Night staff")
    assert page.input_value(f"#q-{Q1}--working-well") == "Ours, on this tablet"
    page.select_option("#ap-participant", label="Night staff (2)")
    assert page.input_value(f"#q-{Q1}--working-well") == "From the other tablet"
    assert page.is_checked(f"#q-{Q1}-rating-2")
    whats = page.eval_on_selector_all('#ap-actions [data-ap-field="what"]', "es => es.map(e => e.value)")
    assert "Imported action" in whats


def test_merging_the_same_file_twice_adds_nothing_new(context, base_url):
    page = context.new_page()
    open_your_data(page, base_url)
    for _ in range(2):
        import_file(page, json.dumps(good_file()))
        page.locator("[data-ap-import-choice]").wait_for(state="visible")
        page.click('[data-ap-do="import-merge"]')
        page.locator("[data-ap-import-done]").wait_for(state="visible")
    assert "added 0 round(s), 0 people or groups, 0 answers and 0 actions" in page.inner_text("[data-ap-import-done]")
    assert page.locator("[data-ap-people-list] > li").count() == 1


def test_replace_keeps_a_backup_with_one_click_undo(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    page.fill(f"#q-{Q1}--working-well", "Before the import")
    wait_saved(page)
    open_your_data(page, base_url)
    before = export_json(page)
    import_file(page, json.dumps(good_file()))
    page.locator("[data-ap-import-choice]").wait_for(state="visible")
    page.click('[data-ap-do="import-replace"]')
    assert page.eval_on_selector("#ap-yd-home", "s => s.options[s.selectedIndex].text") == "Elm Court"
    undo = page.locator('[data-ap-do="undo-import"]')
    assert undo.is_visible()
    undo.click()
    assert "back as they were" in page.inner_text("[data-ap-import-done]")
    assert without_stamp(export_json(page)) == without_stamp(before)
    assert not undo.is_visible()


def test_imported_html_is_shown_as_text_and_never_runs(context, base_url):
    evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    d = good_file()
    d["homes"][0]["name"] = evil
    d["homes"][0]["participants"][0]["name"] = evil
    d["homes"][0]["rounds"][0]["title"] = evil
    d["homes"][0]["answers"][0]["notes"]["working-well"] = evil
    d["homes"][0]["answers"].append({"round": "round1", "participant": "p1", "question": "zz-gone", "theme": "managing-transitions",
                                      "rating": "1", "notes": {"could-be-better": evil}})
    d["homes"][0]["actions"][0]["fields"]["what"] = evil
    page = context.new_page()
    open_your_data(page, base_url)
    import_file(page, json.dumps(d))
    page.locator("[data-ap-import-choice]").wait_for(state="visible")
    page.click('[data-ap-do="import-replace"]')
    shown = page.eval_on_selector_all("[data-ap-earlier-all] dd", "es => es.map(e => e.textContent)")
    assert shown.count(evil) == 2 and shown[0] == evil + " (1 January 2031)"  # all as plain text
    assert page.locator("[data-ap-people-list] .ap-person__name", has_text="<img").count() == 1
    open_theme(page, base_url)
    assert page.input_value(f"#q-{Q1}--working-well") == evil
    assert page.input_value("#action-1--what") == evil
    assert evil in page.eval_on_selector_all("#ap-earlier dd", "es => es.map(e => e.textContent)")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None
    assert page.locator(".ap-session img, .ap-earlier img, .ap-yd img").count() == 0


def test_csv_has_a_row_per_answer_and_per_action(context, base_url):
    page = context.new_page()
    open_your_data(page, base_url)
    d = good_file()
    d["homes"][0]["answers"][0]["notes"]["could-be-better"] = "=SUM(A1:A9)"
    import_file(page, json.dumps(d))
    page.locator("[data-ap-import-choice]").wait_for(state="visible")
    page.click('[data-ap-do="import-replace"]')
    import csv
    import io
    rows = list(csv.reader(io.StringIO(export_csv(page))))
    head = rows[0]
    assert head[0] == "Type" and "What is working well" in head and "What we will do" in head
    kinds = [r[0] for r in rows[1:]]
    assert kinds.count("answer") == 1 and kinds.count("action") == 1
    answer = dict(zip(head, [r for r in rows[1:] if r[0] == "answer"][0]))
    assert answer["Rating label"] == "Starting to" and answer["Person or group"] == "Night staff"
    assert answer["What could be better"] == "'=SUM(A1:A9)"  # no formula runs in a spreadsheet
    action = dict(zip(head, [r for r in rows[1:] if r[0] == "action"][0]))
    assert action["What we will do"] == "Imported action" and action["Status"] == "In progress"
