"""The states a person can bring a page into, for the checks on what the screen
shows (issue 19): the states of tests/test_states_accessibility.py, a few more
that show a button, and a way to visit each of them. Used by
tests/test_screen_truth.py and the screenshots script (tests/screens.py)."""
from __future__ import annotations

from storage_util import QUOTA_SCRIPT, open_theme, open_your_data, wait_saved
from test_states_accessibility import Q1, STATES, _seed_person
from test_storage_import import good_file
from test_storage_safety import do_import


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
    'button[data-ap-share-do=share] "Send"': "only where the browser can share files (navigator.canShare): "
                                             "an iPad or Android, never headless Chromium",
    'button[data-ap-share-do=share] "Send the summary"': "only where the browser can share files (navigator.canShare)",
    'a[data-ap-start-carry]': "test_start_and_whose.py: the home page of a returning user (carry on)",
}


def page_kind(rel: str) -> str:
    """Pages made from one template hold the same buttons: one name for all of them."""
    folder, _, name = rel.rpartition("/")
    return f"{folder}/*" if folder in ("themes", "case-studies", "worksheets") and name != "index.html" else rel


def visit_states(browser, base_url, look, viewport=(1024, 768)):
    """Bring a page into each state, each in a fresh browser context, and call
    ``look(page, state name, page path)`` there."""
    states = {k: (kind, steps, None) for k, (kind, steps) in STATES.items()} | MORE_STATES
    for name, (kind, steps, init) in states.items():
        ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block")
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
