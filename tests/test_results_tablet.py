"""The Results page on a tablet and a phone (issue 20, and issue 19's Results defects),
in real Chromium with the example home loaded: what a person sees.

Each part is one tap from the top (a bar of links that stays in view, with the
home and the round in it); no page wider than the screen at 320 to 1024 px at
normal and "Larger" text; the tables and the charts' text grow with the text
size; a chart per theme labels every round and says the table's numbers; one
round draws no chart; the action plan's filters, order and status (saved like
on the theme page, and in the export); the print button is there to see."""
from __future__ import annotations

import json

import pytest

from actionplan.results import SAMPLE_HOME_ID
from conftest import ROOT
from storage_util import context, export_json, open_theme, open_your_data, wait_saved  # noqa: F401
from test_results import RESULTS, TOOLKIT, open_results, rate
from together_helpers import set_text_size

pytestmark = pytest.mark.browser

W = RESULTS.words
SAMPLE = json.loads((ROOT / "content" / "sample-home.json").read_text())
PARTS = ["glance", "talk", "side", "progress", "plan"]
VIEWPORTS = {"tablet": (768, 1024), "phone": (375, 812)}


def _page(browser, base_url, size=(768, 1024), text="normal", example=True):
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]}, service_workers="block",
                              accept_downloads=True)
    page = ctx.new_page()
    page.page_errors = []
    page.on("pageerror", lambda e: page.page_errors.append(str(e)))
    page.goto(base_url + "index.html")
    set_text_size(page, text)
    open_results(page, base_url)
    if example:
        page.click('[data-ap-rs-do="load-sample"]')
        page.locator(".ap-rs-glance").wait_for()
    return ctx, page


def _too_wide(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("where", list(VIEWPORTS))
def test_each_part_is_one_tap_from_the_top(browser, base_url, where):
    ctx, page = _page(browser, base_url, VIEWPORTS[where])
    try:
        bar = page.get_by_role("navigation", name=W["bar"]["label"])
        assert bar.is_visible()
        last_round = SAMPLE["rounds"][-1]["title"]
        for part in PARTS:
            page.evaluate("window.scrollTo(0, 0)")
            bar.get_by_role("link", name=W["bar"][part]).click()
            page.wait_for_timeout(100)
            heading = page.locator(f"#ap-{part}-title").bounding_box()
            below = bar.bounding_box()
            height = page.viewport_size["height"]
            # the part's heading is on the screen, under the bar (not hidden by it)
            assert below["y"] + below["height"] - 1 <= heading["y"] < height, part
            assert heading["y"] + heading["height"] <= height, part
            # the bar stays in view, with the chosen home and round
            assert 0 <= below["y"] < 120, part
            text = bar.inner_text()
            assert SAMPLE["name"] in text and last_round in text, part
            assert _too_wide(page) <= 0, part
        # the bar is reached by keyboard too: its links are real links
        assert bar.locator("a").count() == len(PARTS)
        assert page.page_errors == []
    finally:
        ctx.close()


@pytest.mark.parametrize("text", ["normal", "larger"])
@pytest.mark.parametrize("width", [320, 375, 768, 1024])
def test_no_page_wider_than_the_screen_with_the_example_home(browser, base_url, width, text):
    ctx, page = _page(browser, base_url, (width, 800), text)
    try:
        page.evaluate("document.querySelectorAll('.ap-results details').forEach(d => { d.open = true; })")  # every note open
        assert _too_wide(page) <= 0
        if width == 768 and text == "normal":
            # the first table shows the whole-home figure with no sideways scrolling
            home = page.locator(".ap-rs-glance tbody .ap-rs-cell--home").first
            region = page.locator("[data-ap-rs-glance]")
            assert home.is_visible()
            box, outer = home.bounding_box(), region.bounding_box()
            assert box["x"] + box["width"] <= min(outer["x"] + outer["width"], width) + 1
            assert region.evaluate("r => r.scrollLeft") == 0
            heads = page.locator(".ap-rs-glance thead th").evaluate_all("els => els.map(e => e.textContent)")
            assert heads[:2] == [W["glance"]["theme"], W["glance"]["home"]]
    finally:
        ctx.close()


def _sizes(page) -> dict:
    return page.evaluate("""() => {
        const px = sel => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize);
        const svgText = document.querySelector('[data-ap-rs-chart] svg text.ap-rs-round');
        const svg = svgText.ownerSVGElement;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;  // user units to screen pixels
        return {glance: px('.ap-rs-glance td'), side: px('.ap-rs-side td'), progress: px('.ap-rs-progress-table td'),
                actions: px('.ap-rs-actions td'), chart: parseFloat(getComputedStyle(svgText).fontSize) * scale};
    }""")


def test_tables_and_chart_text_grow_with_the_text_size(browser, base_url):
    sizes = {}
    for text in ("normal", "larger"):
        ctx, page = _page(browser, base_url, (768, 1024), text)
        try:
            sizes[text] = _sizes(page)
        finally:
            ctx.close()
    for what, normal in sizes["normal"].items():
        assert normal >= 12, (what, normal)  # nothing too small to read
        assert sizes["larger"][what] >= normal * 1.4, (what, sizes)


@pytest.mark.parametrize("where", list(VIEWPORTS))
def test_charts_label_every_round_fill_their_width_and_match_the_table(browser, base_url, where):
    ctx, page = _page(browser, base_url, VIEWPORTS[where])
    try:
        rounds = len(SAMPLE["rounds"])
        table = page.locator(".ap-rs-progress-table")
        page.locator("#ap-progress").scroll_into_view_if_needed()
        for t in TOOLKIT.themes:
            svg = page.locator(f'svg[data-ap-theme="{t.id}"]')
            labels = svg.locator("text.ap-rs-round")
            assert labels.count() == rounds, t.id
            for i in range(rounds):
                assert labels.nth(i).is_visible(), t.id
            # no two round labels overlap
            boxes = labels.evaluate_all("els => els.map(e => { const b = e.getBoundingClientRect(); return [b.left, b.right, b.top]; })")
            for a, b in zip(boxes, boxes[1:]):
                assert a[1] <= b[0] or abs(a[2] - b[2]) > 5, (t.id, boxes)
            # as wide as its column
            fig = svg.locator("xpath=..").bounding_box()
            assert abs(svg.bounding_box()["width"] - fig["width"]) <= 1
            cells = table.locator(f'tr[data-ap-theme="{t.id}"] td').evaluate_all("els => els.map(e => e.dataset.apAvg || null)")
            points = svg.locator("circle").evaluate_all("els => els.map(e => e.dataset.apValue)")
            assert points == [c for c in cells if c is not None], t.id
            values = svg.locator("text.ap-rs-value").evaluate_all("els => els.map(e => e.textContent)")
            assert values == points, t.id
        assert _too_wide(page) <= 0
    finally:
        ctx.close()


def test_one_round_draws_no_chart_and_says_what_comes_next(browser, base_url):
    ctx = browser.new_context(viewport={"width": 768, "height": 1024}, service_workers="block")
    try:
        page = ctx.new_page()
        open_theme(page, base_url)
        rate(page, TOOLKIT.themes[0].questions[0].id, 3)
        wait_saved(page)
        open_results(page, base_url)
        assert page.locator("[data-ap-rs-chart] svg").count() == 0
        note = page.locator('[data-ap-rs-empty="one-round"]')
        assert note.is_visible() and W["empty"]["one_round"] in note.inner_text()
        assert not page.locator("[data-ap-rs-chart-note]").is_visible()
        assert page.locator(".ap-rs-progress-table").is_visible()  # the one round's figures are still there
    finally:
        ctx.close()


def _ids(page):
    return page.locator("[data-ap-rs-actions] tbody tr").evaluate_all("els => els.map(e => e.dataset.apAction)")


def _states(page):
    return page.locator("[data-ap-rs-actions] tbody tr").evaluate_all("els => els.map(e => e.dataset.apDue)")


@pytest.mark.parametrize("where", list(VIEWPORTS))
def test_filters_late_only_clear_and_done_after_open(browser, base_url, where):
    ctx, page = _page(browser, base_url, VIEWPORTS[where])
    try:
        states = _states(page)
        done = [i for i, s in enumerate(states) if s == "done"]
        assert done and done == list(range(len(states) - len(done), len(states))), states  # done ones last
        late = states.count("overdue")
        assert late >= 1
        page.get_by_label(W["actions"]["filter_late"]).check()
        assert _states(page) == ["overdue"] * late
        assert page.inner_text("[data-ap-rs-shown]") == f"Showing {late} of {len(states)} actions."
        page.select_option("#ap-rs-filter-status", "done")
        assert page.locator("[data-ap-rs-actions] tbody tr").inner_text().strip() == W["actions"]["none_match"]
        page.get_by_role("button", name=W["actions"]["clear_filters"]).click()
        assert _states(page) == states
        assert not page.get_by_label(W["actions"]["filter_late"]).is_checked()
        assert page.locator("#ap-rs-filter-status").input_value() == ""
        # the counts have their own place above the list, and the review notice is at the top of the page
        counts = page.locator("[data-ap-rs-counts]").bounding_box()
        table = page.locator("[data-ap-rs-actions]").bounding_box()
        assert counts["y"] < table["y"]
        review = page.locator("[data-ap-rs-review]").bounding_box()
        assert review["y"] < page.locator("#ap-glance").bounding_box()["y"]
        assert page.locator("[data-ap-rs-review]").is_visible()
        assert _too_wide(page) <= 0
    finally:
        ctx.close()


def test_a_status_changed_here_shows_on_the_theme_page_and_in_the_export(browser, base_url):
    ctx, page = _page(browser, base_url, (375, 812))
    try:
        # Issue 18: the example home is for looking, so its statuses cannot be changed. The home's
        # own plan is made here from the example's rounds and actions (late ones among them).
        from storage_util import own_plan_from_example
        own = own_plan_from_example(page, base_url)
        row = page.locator('[data-ap-rs-actions] tbody tr[data-ap-due="overdue"]').first
        row.wait_for()
        action_id = row.get_attribute("data-ap-action")
        theme = page.evaluate("([h, id]) => window.APStore.actions(h).find(a => a.id === id).theme",
                              [own, action_id])
        done_before = page.inner_text('[data-ap-rs-counts] [data-ap-status="done"]')
        select = row.get_by_role("combobox")
        assert select.is_visible()
        select.select_option("done")
        saved = row.locator("[data-ap-rs-saved]")
        assert saved.is_visible() and saved.inner_text() == W["actions"]["saved"]
        n = int(done_before.rsplit(" ", 1)[1])
        assert page.inner_text('[data-ap-rs-counts] [data-ap-status="done"]').endswith(f": {n + 1}")
        # the theme page shows it
        page.goto(base_url + f"themes/{theme}.html")
        field = page.locator(f'[data-ap-action-id="{action_id}"] [data-ap-field="status"]')
        field.wait_for()
        assert field.input_value() == "done"
        # and the export has it
        open_your_data(page, base_url)
        data = export_json(page)
        actions = [a for h in data["homes"] for a in h["actions"] if a["id"] == action_id]
        assert len(actions) == 1 and actions[0]["fields"]["status"] == "done"
        # back on Results, it is with the done ones, after the open ones
        open_results(page, base_url)
        states = _states(page)
        assert states[_ids(page).index(action_id)] == "done"
        assert page.page_errors == []
    finally:
        ctx.close()


def test_the_print_button_can_be_seen_and_prints(browser, base_url):
    ctx, page = _page(browser, base_url, (768, 1024))
    try:
        button = page.get_by_role("button", name=W["choose"]["print"])
        assert button.is_visible()
        # (a string that ends in a function would be called by evaluate: so it ends in 0)
        page.evaluate("window.__printed = 0; window.print = () => { window.__printed++; }; 0")
        button.click()
        assert page.evaluate("window.__printed") == 1
    finally:
        ctx.close()


def test_words_read_right_and_the_colours_have_a_key(browser, base_url):
    ctx, page = _page(browser, base_url, (768, 1024))
    try:
        talk = page.locator('[data-ap-rs-talk="spread"]').inner_text()
        assert talk.strip() and " to to " not in talk
        key = page.locator(".ap-rs-key")
        assert key.is_visible()
        for o in TOOLKIT.settings["rating"]["options"]:
            assert f"{o['value']} {o['label']}" in key.inner_text()
        # side by side: questions nobody answered are folded away, and the notes open on demand
        folded = page.locator(".ap-rs-unanswered").first
        assert folded.is_visible() and not folded.locator("li").first.is_visible()
        notes = page.locator("details.ap-rs-notes-box").first
        assert not notes.locator("li").first.is_visible()
        notes.locator("summary").click()
        assert notes.locator("li").first.is_visible()
        assert W["side"]["flag"] in page.locator("#ap-side").inner_text()
    finally:
        ctx.close()
