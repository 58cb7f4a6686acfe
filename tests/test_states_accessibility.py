"""Accessible in every state, not only on first load (issue 13).

axe-core (WCAG 2.2 A and AA rules) runs on each state a person can bring the
page into, at 768 x 1024 and again at the "larger" text size. Each state is a
page and a few steps in STATES: to check a new page or state, add one entry.
Where a panel opens or closes, the steps also check where the focus went.
"""
from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from storage_util import (QUOTA_SCRIPT, THEME, YOUR_DATA, add_participant, context,  # noqa: F401
                          export_json, import_file, new_round, open_theme, open_your_data, wait_saved)
from test_offline_hosting import v2_site  # noqa: F401  (version 2 of the site, for the update notice)
from test_storage_import import good_file
from together_helpers import set_text_size, start_conversation

pytestmark = pytest.mark.browser

AXE = Axe()
WCAG22 = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
Q1 = "mt-key-worker"
SIZES = ["normal", "larger"]


def _focus(page) -> str:
    return page.evaluate("() => { const e = document.activeElement; return e ? (e.id || e.getAttribute('data-ap-question') || e.tagName) : ''; }")


def _focus_inside(page, selector: str) -> bool:
    return page.evaluate(f"() => !!document.activeElement && !!document.activeElement.closest({json.dumps(selector)})")


# ---- the states: each takes a page already showing its start page ----------------
def answered(page):
    page.check(f"#q-{Q1}-rating-3")
    page.fill(f"#q-{Q1}--working-well", "Every new resident has a named key worker.")
    page.locator("#ap-save-status").get_by_text("Saved").wait_for()


def storage_warning(page):
    assert page.locator("#ap-storage-alert").is_visible()
    assert page.get_attribute("#ap-storage-alert", "role") == "alert"      # assertive
    page.check(f"#q-{Q1}-rating-2")
    page.locator("#ap-save-status").get_by_text("Not saved on this device").wait_for()


def new_round_form(page):
    page.click('[aria-controls="ap-new-round"]')
    assert _focus(page) == "ap-new-round-title"


def add_person_form(page):
    page.click('[aria-controls="ap-new-participant"]')
    assert _focus(page) == "ap-new-participant-name"


def earlier_round(page):
    page.check(f"#q-{Q1}-rating-3")
    new_round(page, "Next time", "2099-01-01")
    assert _focus(page) == "ap-round"
    first = [t for t in page.eval_on_selector_all("#ap-round option", "os => os.map(o => o.text)") if t.startswith("First round")][0]
    page.select_option("#ap-round", label=first)
    assert page.is_visible("[data-ap-readonly]") and page.is_disabled(f"#q-{Q1}-rating-1")


def remove_action_confirm(page):
    page.fill("#action-1--what", "Meet every new resident before the move.")
    wait_saved(page)
    page.click('[data-ap-do="remove-action"]')
    assert _focus_inside(page, "[data-ap-confirm-action]")


def conversation(page):
    start_conversation(page, None)
    page.click(f"label[for='q-{page.get_attribute('.ap-conv-current', 'data-ap-question')}-rating-4']")
    page.keyboard.press("PageDown")
    assert _focus_inside(page, ".ap-conv-current")


def conversation_chooser(page):
    page.click('[data-ap-conv-do="open"]')
    assert _focus(page) == "ap-conv-who"


def text_size_panel(page):
    page.get_by_role("button", name="Text size").click()
    assert _focus_inside(page, ".ap-textsize__panel")


def _seed_person(page, base_url):
    open_theme(page, base_url)
    add_participant(page, "Relatives")
    page.check(f"#q-{Q1}-rating-2")
    wait_saved(page)
    open_your_data(page, base_url)


def remove_person_confirm(page, base_url):
    _seed_person(page, base_url)
    page.locator('[data-ap-people-list] > li:has-text("Relatives") [data-ap-do="remove-person"]').click()
    assert _focus_inside(page, "[data-ap-confirm]")


def delete_all_confirm(page, base_url):
    _seed_person(page, base_url)
    page.click('[data-ap-do="delete-all"]')
    assert _focus(page) == "ap-delete-confirm"


def import_choice(page, base_url):
    _seed_person(page, base_url)
    import_file(page, json.dumps(good_file()))
    page.locator("[data-ap-import-choice]").wait_for(state="visible")
    assert _focus_inside(page, "[data-ap-import-choice]")


def import_result(page, base_url):
    import_choice(page, base_url)
    page.click('[data-ap-do="import-merge"]')
    page.wait_for_function("document.querySelector('[data-ap-import-done]').textContent.length > 0")
    assert page.get_attribute("[data-ap-import-done]", "role") == "status"  # polite


def import_error(page, base_url):
    open_your_data(page, base_url)
    import_file(page, "this is not an export")
    page.locator("[data-ap-import-error]").wait_for(state="visible")
    assert page.get_attribute("[data-ap-import-error]", "role") == "alert"  # assertive


def theme_on_the_example_home(page, base_url):
    """Issue 18: the example home chosen on a theme page: it says so, and nothing can be changed."""
    results_example_home(page, base_url)
    open_theme(page, base_url)
    page.select_option("#ap-home", label="Example: Rose Lodge")
    page.wait_for_selector("[data-ap-example-note]", state="visible")


def results_empty(page, base_url):
    page.goto(base_url + "results/index.html")
    page.wait_for_selector("[data-ap-results][data-ap-ready]")


def results_example_home(page, base_url):
    results_empty(page, base_url)
    page.click('[data-ap-rs-do="load-sample"]')
    page.wait_for_selector("[data-ap-rs-example-showing]", state="visible")
    page.wait_for_selector("[data-ap-rs-chart] svg")


def results_example_remove_confirm(page, base_url):
    results_example_home(page, base_url)
    page.click('[data-ap-rs-do="remove-sample"]')
    page.wait_for_selector("[data-ap-rs-remove-confirm]", state="visible")


def results_example_removed(page, base_url):
    results_example_remove_confirm(page, base_url)
    page.click('[data-ap-rs-do="confirm-remove-sample"]')
    page.wait_for_function("document.querySelector('[data-ap-rs-example-status]').textContent.length > 0")


def home_start_empty(page, base_url):
    page.goto(base_url + "index.html")
    assert page.locator("[data-ap-start-example]").is_visible()


def home_start_returning(page, base_url):
    open_theme(page, base_url)
    answered(page)
    page.goto(base_url + "index.html")
    page.locator("[data-ap-start-back]").wait_for(state="visible")


def who_is_answering_asked(page, base_url):
    page.goto(base_url + THEME)
    page.click(f"label[for='q-{Q1}-rating-3']")
    page.locator("[data-ap-who-first]").wait_for(state="visible")


def _report(name):
    """A printed report page (issue 20), empty or with the example home loaded first."""
    def empty(page, base_url):
        page.goto(base_url + f"results/{name}.html")
        page.wait_for_selector("[data-ap-report][data-ap-ready]")

    def example(page, base_url):
        results_example_home(page, base_url)
        empty(page, base_url)
        page.wait_for_selector("[data-ap-report-doc]", state="visible")
    return empty, example


REPORT_STATES = {}
for _name, _title in (("summary", "summary report"), ("full", "full report"), ("you-said-we-did", "you said, we did")):
    _empty, _example = _report(_name)
    REPORT_STATES[f"{_title}, nothing answered yet"] = ("site", _empty)
    REPORT_STATES[f"{_title}, the example home"] = ("site", _example)


def results_notes_open(page, base_url):
    results_example_home(page, base_url)
    page.locator("details.ap-rs-notes-box >> nth=0").locator("summary").click()
    page.locator("details.ap-rs-unanswered >> nth=0").locator("summary").click()
    page.locator(".ap-rs-bar a[href='#ap-side']").click()


def results_late_only(page, base_url):
    results_example_home(page, base_url)
    page.check("#ap-rs-filter-late")
    page.locator("[data-ap-rs-actions] tbody tr").first.wait_for()


def results_status_saved(page, base_url):
    results_example_home(page, base_url)
    # issue 18: the example home's statuses cannot be changed, so the home's own plan is made
    # from the example's rounds and actions, and chosen on the page
    from storage_util import own_plan_from_example
    own_plan_from_example(page, base_url)
    page.locator("[data-ap-rs-actions] tbody tr select").first.select_option("done")
    page.locator("[data-ap-rs-saved]").get_by_text("Saved").wait_for()


def compare_empty(page, base_url):
    page.goto(base_url + "compare/index.html")
    page.wait_for_selector("[data-ap-compare][data-ap-ready]")


def compare_loaded(page, base_url):
    from test_results import three_rounds
    compare_empty(page, base_url)
    page.set_input_files("#ap-cmp-files", files=[
        {"name": "elm-court.json", "mimeType": "application/json", "buffer": json.dumps(three_rounds()).encode()},
        {"name": "broken.json", "mimeType": "application/json", "buffer": b"{ not finished"}])
    page.wait_for_selector("[data-ap-compare][data-ap-drawn] [data-ap-cmp-grid] tbody tr")
    page.locator('[data-ap-cmp-grid] th[data-ap-cmp-col="managing-transitions"] button').click()


def summary_preview(page, base_url):
    _seed_person(page, base_url)
    page.check("#ap-summary-include")
    page.locator("[data-ap-share-preview] li").first.wait_for()


def look_back_answered(page, base_url):
    """Issue 22: a new round three months on opens with the open actions, answered."""
    from test_look_back import _home_with_reviews
    _home_with_reviews(page, base_url)
    page.locator("[data-ap-lb-saved]").get_by_text("Saved").first.wait_for()


def results_with_look_backs(page, base_url):
    look_back_answered(page, base_url)
    page.goto(base_url + "results/index.html")
    page.wait_for_selector("[data-ap-results][data-ap-ready]")
    page.locator("[data-ap-rs-lookback]").first.wait_for()


#: name -> (kind, steps). "theme" states start on a theme page, "site" states open
#: their own page (they get base_url). Add pages and states here.
STATES = {
    "question answered, Saved showing": ("theme", answered),
    "new round form open": ("theme", new_round_form),
    "add a person form open": ("theme", add_person_form),
    "an earlier round, read-only": ("theme", earlier_round),
    "remove an action, confirmation open": ("theme", remove_action_confirm),
    "conversation mode": ("theme", conversation),
    "conversation chooser open": ("theme", conversation_chooser),
    "text size panel open": ("theme", text_size_panel),
    "remove a person, confirmation open": ("site", remove_person_confirm),
    "delete everything, confirmation open": ("site", delete_all_confirm),
    "import choice open": ("site", import_choice),
    "import result": ("site", import_result),
    "import error": ("site", import_error),
    "results, nothing answered yet": ("site", results_empty),
    "results, the example home loaded": ("site", results_example_home),
    "results, remove the example home, confirmation open": ("site", results_example_remove_confirm),
    "results, the example home removed": ("site", results_example_removed),
    "a theme page on the example home, for looking only": ("site", theme_on_the_example_home),
    **REPORT_STATES,
    "results, notes and unanswered questions open": ("site", results_notes_open),
    "results, action plan showing late actions only": ("site", results_late_only),
    "results, a status changed, Saved showing": ("site", results_status_saved),
    "compare homes, no files yet": ("site", compare_empty),
    "compare homes, files loaded and one refused": ("site", compare_loaded),
    "your data, the summary for the commissioner": ("site", summary_preview),
    "home page start, nothing saved": ("site", home_start_empty),
    "home page start, coming back": ("site", home_start_returning),
    "no one chosen, a rating tapped: who is answering?": ("site", who_is_answering_asked),
    "a new round: looking back at the open actions, answered": ("site", look_back_answered),
    "results, the action plan with look backs": ("site", results_with_look_backs),
}


def _violations(page) -> str:
    results = AXE.run(page, options=WCAG22)
    lines = []
    for v in results.response["violations"]:
        for node in v["nodes"][:3]:
            lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}")
    return "\n".join(lines)


def _new_page(browser, size, init_script=None):
    ctx = browser.new_context(viewport={"width": 768, "height": 1024}, service_workers="block")
    if init_script:
        ctx.add_init_script(init_script)
    page = ctx.new_page()
    return ctx, page


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("state", list(STATES))
def test_axe_finds_nothing_in_each_state(browser, base_url, state, size):
    kind, steps = STATES[state]
    ctx, page = _new_page(browser, size)
    try:
        page.goto(base_url + "index.html")
        set_text_size(page, size)
        if kind == "theme":
            open_theme(page, base_url)
            steps(page)
        else:
            steps(page, base_url)
        assert page.get_attribute("html", "data-ap-text-size") == (None if size == "normal" else size)
        found = _violations(page)
        assert not found, f"{state} ({size}):\n{found}"
    finally:
        ctx.close()


@pytest.mark.parametrize("size", SIZES)
def test_axe_finds_nothing_with_the_storage_warning(browser, base_url, size):
    ctx, page = _new_page(browser, size)
    try:
        page.goto(base_url + "index.html")
        set_text_size(page, size)
        page.close()
        ctx.add_init_script(QUOTA_SCRIPT % 0)  # from now on every write fails
        page = ctx.new_page()
        open_theme(page, base_url)
        storage_warning(page)
        found = _violations(page)
        assert not found, found
        start_conversation(page, None)  # the warning stays in conversation mode too
        assert page.locator("#ap-storage-alert").is_visible()
        found = _violations(page)
        assert not found, found
    finally:
        ctx.close()


def test_axe_finds_nothing_with_the_update_notice(browser, site_dir, v2_site):  # noqa: F811
    from conftest import StaticServer
    from offline_helpers import WAIT_FOR_SW

    server = StaticServer(site_dir)                    # version 1 is deployed
    ctx = browser.new_context(viewport={"width": 768, "height": 1024})
    try:
        page = ctx.new_page()
        page.goto(server.url + "themes/managing-transitions.html")
        page.evaluate(WAIT_FOR_SW)
        server.root = v2_site                          # version 2 is deployed
        for size in SIZES:
            page.goto(server.url + "themes/managing-transitions.html")
            set_text_size(page, size)
            page.get_by_role("button", name="Reload").wait_for(state="visible", timeout=30000)
            found = _violations(page)
            assert not found, f"update notice ({size}):\n{found}"
    finally:
        ctx.close()
        server.close()
