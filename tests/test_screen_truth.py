"""What the screen says is true (issue 19), checked on the screen, not in the markup:

- a date's error message shows only while the date is wrong, and never prints;
- every button and link-button a page's markup holds, in each state the page is
  meant to show it, can be seen and sits inside the page.
"""
from __future__ import annotations

import pytest

from screen_checks import VISIBLE_ALARMS_JS, NeverSeen, hidden_buttons, load_example_home
from screen_states import SHOWN_ELSEWHERE, page_kind, visit_states
from storage_util import open_theme, wait_saved
from test_print import Printed

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

def test_every_button_in_the_markup_can_be_seen_where_it_is_used(browser, site_dir, base_url):
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    never: dict[str, NeverSeen] = {}
    problems: list[str] = []

    def look(page, where, rel):
        problems.extend(f"{where}: {p}" for p in hidden_buttons(page))
        never.setdefault(page_kind(rel), NeverSeen()).visit(page)

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
    visit_states(browser, base_url, look)
    for kind, seen in never.items():
        problems.extend(f"{kind}: {p}" for p in seen.never() if p.split(": in the markup")[0] not in SHOWN_ELSEWHERE)
    assert not problems, "\n".join(problems)
