"""What the screen says is true (issue 19), checked on the screen, not in the markup:

- a date's error message shows only while the date is wrong, and never prints;
- every button and link-button a page's markup holds, in each state the page is
  meant to show it, can be seen and sits inside the page.
"""
from __future__ import annotations

import pytest

from screen_checks import VISIBLE_ALARMS_JS, NeverSeen, hidden_buttons, load_example_home
from storage_util import QUOTA_SCRIPT, THEME, open_theme, open_your_data, wait_saved
from test_print import Printed
from test_states_accessibility import Q1, STATES, _seed_person
from test_storage_import import good_file
from test_storage_safety import do_import

pytestmark = pytest.mark.browser

DATE_FIELDS = ["action-1--by-when", "action-1--review-date"]
WRONG = "This date cannot be right"


def _shown(page, selector) -> bool:
    """Seen by a person: visible to Playwright and a box with some size."""
    loc = page.locator(selector)
    if not loc.is_visible():
        return False
    box = loc.bounding_box()
    return bool(box and box["width"] > 0 and box["height"] > 0)


def _set_date(page, field, value):
    page.eval_on_selector(f"#{field}", """(e, v) => { e.value = v;
      e.dispatchEvent(new Event('input', {bubbles: true}));
      e.dispatchEvent(new Event('change', {bubbles: true})); }""", value)


def test_a_date_error_shows_only_while_the_date_is_wrong(page, base_url):
    open_theme(page, base_url)
    for field in DATE_FIELDS:
        assert not _shown(page, f"#{field}-error"), f"{field}: the error shows on an empty form"
    assert not _shown(page, "#ap-new-round-date-error"), "the new round's date error shows before anything is typed"
    page.fill("#action-1--what", "Plan the welcome")
    for field in DATE_FIELDS:
        page.fill(f"#{field}", "2031-03-01")
        page.locator(f"#{field}").blur()
    wait_saved(page)
    for field in DATE_FIELDS:
        assert not _shown(page, f"#{field}-error"), f"{field}: the error shows after a real date was saved"
    page.reload()
    page.wait_for_selector("#ap-session:not([hidden])")
    assert page.input_value("#action-1--by-when") == "2031-03-01"
    for field in DATE_FIELDS:
        assert not _shown(page, f"#{field}-error"), f"{field}: the error shows on a saved real date"
    # a wrong date: the message shows, next to its field, in the viewport once scrolled to
    for field in DATE_FIELDS:
        _set_date(page, field, "20310-03-01")
        page.locator(f"#{field}-error").wait_for(state="visible")
        assert _shown(page, f"#{field}-error")
        assert WRONG in page.inner_text(f"#{field}-error")
    # mended: the message goes
    for field in DATE_FIELDS:
        _set_date(page, field, "2031-04-01")
        assert not _shown(page, f"#{field}-error"), f"{field}: the error stays after the date was mended"
    # the page as a whole shows no alarm
    assert page.evaluate(VISIBLE_ALARMS_JS) == []


def test_printing_with_our_answers_prints_no_date_error(page, base_url, tmp_path):
    open_theme(page, base_url)
    page.fill("#action-1--what", "Plan the welcome")
    page.fill("#action-1--by-when", "2031-03-01")
    wait_saved(page)
    page.emulate_media(media="print")
    path = tmp_path / "answers.pdf"
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True)
    pdf = Printed(path)
    assert "Plan the welcome" in "\n".join(pdf.pages)
    for i, text in enumerate(pdf.pages):
        assert WRONG not in text, f"the date error is printed on page {i + 1}"


# ---- every button in the markup can be seen where it is meant to be used -------------

def _storage_warning(page):
    page.check(f"#q-{Q1}-rating-2")
    page.locator("#ap-save-status").get_by_text("Not saved on this device").wait_for()


def _rename_form(page, base_url):
    _seed_person(page, base_url)
    page.locator('[data-ap-people-list] > li:has-text("Relatives") [data-ap-do="rename-person"]').click()


def _undo_changed(page, base_url):
    open_your_data(page, base_url)  # a device with nothing on it
    do_import(page, good_file())
    page.locator('[data-ap-do="undo-import"]').wait_for(state="visible")
    open_theme(page, base_url)
    page.fill(f"#q-{Q1}--working-well", "Typed after the import")
    wait_saved(page)
    open_your_data(page, base_url)
    page.click('[data-ap-do="undo-import"]')
    page.locator("[data-ap-undo-changed]").wait_for(state="visible")
    page.get_by_role("button", name="Export everything first").click()


#: More states that show a button: name -> (kind, steps, init script).
MORE_STATES = {
    "storage failing": ("theme", _storage_warning, QUOTA_SCRIPT % 0),
    "rename a person, form open": ("site", _rename_form, None),
    "undo after later work": ("site", _undo_changed, None),
}

#: Buttons shown only in a state this test does not make, and the test that shows them.
SHOWN_ELSEWHERE = {
    'button[data-ap-do=page-prev] "Earlier page"': "test_storage_safety.py: the people pager, past 50 people",
    'button[data-ap-do=page-next] "Next page"': "test_storage_safety.py: the people pager, past 50 people",
}


def _kind(rel: str) -> str:
    """Pages made from one template hold the same buttons: one list for all of them."""
    folder, _, name = rel.rpartition("/")
    return f"{folder}/*" if folder in ("themes", "case-studies", "worksheets") and name != "index.html" else rel


def test_every_button_in_the_markup_can_be_seen_where_it_is_used(browser, site_dir, base_url):
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    never: dict[str, NeverSeen] = {}
    problems: list[str] = []

    def look(page, where, rel):
        problems.extend(f"{where}: {p}" for p in hidden_buttons(page))
        never.setdefault(_kind(rel), NeverSeen()).visit(page)

    # every page, empty and with the example home loaded
    ctx = browser.new_context(viewport={"width": 1024, "height": 768}, service_workers="block")
    page = ctx.new_page()
    try:
        for state in ("empty", "example home"):
            if state == "example home":
                load_example_home(page, base_url)
            for rel in pages:
                page.goto(base_url + rel)
                look(page, f"{rel} ({state})", rel)
    finally:
        ctx.close()
    # each state a person can bring a page into
    states = {k: (kind, steps, None) for k, (kind, steps) in STATES.items()} | MORE_STATES
    for name, (kind, steps, init) in states.items():
        ctx = browser.new_context(viewport={"width": 1024, "height": 768}, service_workers="block")
        if init:
            ctx.add_init_script(init)
        page = ctx.new_page()
        try:
            if kind == "theme":
                open_theme(page, base_url)
                steps(page)
            else:
                steps(page, base_url)
            look(page, name, page.url.removeprefix(base_url).split("#")[0])
        finally:
            ctx.close()
    for kind, seen in never.items():
        problems.extend(f"{kind}: {p}" for p in seen.never() if p.split(": in the markup")[0] not in SHOWN_ELSEWHERE)
    assert not problems, "\n".join(problems)
