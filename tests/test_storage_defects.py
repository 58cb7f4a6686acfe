"""Issue 18: every export can be imported again, whatever the device holds, and the smaller
ways answers were lost or one version was kept over another without a word."""
from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from homes_util import Q1, add_person, answers, aside, choose_file, homes, merge, replace, says, selected_text, stored
from storage_util import (PREFIX, context, export_json, open_theme, open_your_data, wait_saved,  # noqa: F401
                          without_stamp)
from test_storage_import import good_file

pytestmark = pytest.mark.browser


def _reimport(browser, base_url, file: dict) -> dict:
    """Import a file into a fresh profile (replace), and export again."""
    ctx = browser.new_context(viewport={"width": 1024, "height": 768}, service_workers="block")
    try:
        page = ctx.new_page()
        choose_file(page, base_url, file)
        assert not page.is_visible("[data-ap-import-error]"), page.inner_text("[data-ap-import-error]")
        replace(page)
        return export_json(page)
    finally:
        ctx.close()


# ---- every export can be imported again ------------------------------------------------------

def test_an_export_with_more_than_a_thousand_damaged_records_imports_again(browser, context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    home = homes(page)[0]["id"]
    page.evaluate("""([prefix, n]) => {
      for (let i = 0; i < n; i++) localStorage.setItem(prefix + ':a:r' + i + ':p' + i + ':q' + i, '{not json ' + i);
    }""", [f"{PREFIX}h:{home}", 1200])
    open_your_data(page, base_url)
    first = export_json(page)
    assert len(first["set_aside"]) == 1200
    second = _reimport(browser, base_url, first)
    assert without_stamp(second) == without_stamp(first)


def test_an_export_with_a_long_stray_key_imports_again(browser, context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    page.evaluate("(k) => localStorage.setItem(k, '{}')", f"{PREFIX}h:" + "x" * 400)
    page.evaluate("(k) => localStorage.setItem(k, '{}')", f"{PREFIX}h:" + "y" * 2000 + ":a:1:2:3")
    open_your_data(page, base_url)
    first = export_json(page)
    assert len(first.get("set_aside", [])) == 2
    second = _reimport(browser, base_url, first)
    assert without_stamp(second) == without_stamp(first)


# ---- two tabs ------------------------------------------------------------------------------------

def test_words_typed_just_before_another_tab_replaces_everything_are_kept(context, base_url):
    a = context.new_page()
    open_theme(a, base_url)
    a.fill(f"#q-{Q1}--working-well", "Saved a while ago")
    wait_saved(a)
    b = context.new_page()
    open_your_data(b, base_url)
    file = export_json(b)  # this device's own file: the same home, round and person
    choose_file(b, base_url, file)
    a.click(f"#q-{Q1}--could-be-better")
    a.keyboard.type("The last words")
    b.click('[data-ap-do="import-replace"]')  # well inside the 600 ms before the words are saved
    a.wait_for_timeout(1500)
    assert "The last words" in a.input_value(f"#q-{Q1}--could-be-better")
    home = homes(a)[0]["id"]
    assert "The last words" in json.dumps(answers(a, home)), "the words typed last are saved"


def test_when_another_tab_removes_the_person_being_typed_as_the_page_says_so_and_keeps_the_words(context, base_url):
    a = context.new_page()
    open_theme(a, base_url)
    add_person(a, "Night staff")
    a.click(f"#q-{Q1}--working-well")
    a.keyboard.type("Words from night staff")
    wait_saved(a)
    b = context.new_page()
    open_your_data(b, base_url)
    li = b.locator("[data-ap-people-list] > li").filter(has_text="Night staff")
    li.locator('[data-ap-do="remove-person"]').click()
    li.locator('[data-ap-do="confirm-remove-person"]').click()
    a.wait_for_timeout(500)
    a.keyboard.type(", and more")
    wait_saved(a)
    a.wait_for_timeout(300)
    assert a.input_value(f"#q-{Q1}--working-well") == "Words from night staff, and more"
    assert says(a, "Night staff", r"removed|deleted"), "the page says the person was removed in another tab"
    home = homes(a)[0]["id"]
    others = answers(a, home)
    assert "and more" not in json.dumps(others), ("filed under someone else", others)
    # the page did not silently move on to another person
    assert selected_text(a, "#ap-participant") != "Whole team" or says(a, "Night staff", r"removed|deleted")


# ---- one version kept over another, said plainly --------------------------------------------

def _device_with(page, base_url, file):
    choose_file(page, base_url, file)
    replace(page)


def test_a_merged_action_with_another_status_says_which_was_kept(context, base_url):
    page = context.new_page()
    _device_with(page, base_url, good_file())  # its action is "in progress"
    other = good_file()
    other["homes"][0]["actions"][0]["fields"]["status"] = "done"
    choose_file(page, base_url, other)
    done = merge(page)
    assert "Imported action" in done, done  # the action is named...
    assert "In progress" in done or "Done" in done, done  # ...and which status is kept
    status = [json.loads(v)["fields"]["status"] for k, v in stored(page).items() if ":x:" in k]
    assert len(status) == 1 and status[0] in ("in-progress", "done")


def test_a_merged_round_with_another_date_says_which_was_kept(context, base_url):
    page = context.new_page()
    _device_with(page, base_url, good_file())  # Winter, 1 January 2031
    other = good_file()
    other["homes"][0]["rounds"][0]["date"] = "2031-02-01"
    choose_file(page, base_url, other)
    done = merge(page)
    assert "Winter" in done and ("1 January 2031" in done or "1 February 2031" in done), done


def test_a_file_from_a_newer_question_set_says_it_comes_from_a_newer_version(context, base_url):
    page = context.new_page()
    open_your_data(page, base_url)
    before = stored(page)
    file = good_file()
    file["question_set"]["version"] = 2
    file["homes"][0]["answers"][0]["rating"] = "5"  # a point this version's scale does not have
    choose_file(page, base_url, file)
    assert says(page, r"newer version"), "the page says the file comes from a newer version of the site"
    if page.is_visible("[data-ap-import-choice]"):  # brought in: the answer is kept as it is, never dropped
        merge(page)
        got = [json.loads(v) for k, v in stored(page).items() if ":a:" in k]
        assert [a.get("rating") for a in got] == ["5"]
    else:
        assert stored(page) == before


# ---- the export reminder ----------------------------------------------------------------------------

def test_the_export_reminder_waits_thirty_days_from_the_first_answer(context, base_url):
    start = dt.datetime(2031, 3, 1, 10, 0, tzinfo=dt.timezone.utc)
    context.clock.set_fixed_time(start)
    page = context.new_page()
    open_theme(page, base_url)
    page.check(f"#q-{Q1}-rating-2")
    wait_saved(page)
    open_your_data(page, base_url)
    assert not page.is_visible("[data-ap-export-reminder]"), "minutes-old answers, never exported: no reminder yet"
    context.clock.set_fixed_time(start + dt.timedelta(days=29))
    page.reload()
    page.wait_for_selector("[data-ap-yd]:not([hidden])")
    assert not page.is_visible("[data-ap-export-reminder]")
    context.clock.set_fixed_time(start + dt.timedelta(days=31))
    page.reload()
    page.wait_for_selector("[data-ap-yd]:not([hidden])")
    assert page.is_visible("[data-ap-export-reminder]"), "31 days after the first answer, never exported"
    export_json(page)
    assert not page.is_visible("[data-ap-export-reminder]")


def test_aside_copies_are_never_lost_by_an_import(browser, context, base_url):
    """A damaged record set aside on this device goes into every export and comes back."""
    page = context.new_page()
    open_theme(page, base_url)
    home = homes(page)[0]["id"]
    page.evaluate("(k) => localStorage.setItem(k, 'half a record')", f"{PREFIX}h:{home}:a:r1:p1:q1")
    open_your_data(page, base_url)
    first = export_json(page)
    assert [x["text"] for x in first["set_aside"]] == ["half a record"]
    assert aside(page)
    back = _reimport(browser, base_url, copy.deepcopy(first))
    assert back["set_aside"] == first["set_aside"]
