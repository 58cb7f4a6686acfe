"""Issue 21: a summary for the commissioner, and the "Compare homes" page, in real
Chromium. Three homes are made through the pages in three browser contexts; each
saves a summary and a full export from "Your data"; a fourth context opens all six
files (and three it must refuse) on "Compare homes"."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from playwright.sync_api import expect

from storage_util import add_participant, context, new_round, open_theme, open_your_data, wait_saved  # noqa: F401
from test_print import Printed
from test_results import import_replace, open_results, three_rounds

pytestmark = pytest.mark.browser

MT, MI = "managing-transitions", "maintaining-identity"
QS = {MT: ["mt-key-worker", "mt-first-day"], MI: ["mi-life-story"]}
COMPARE = "compare/index.html"
TODAY = dt.date.today()
LATE = (TODAY - dt.timedelta(days=10)).isoformat()
LATER = (TODAY + dt.timedelta(days=60)).isoformat()

# home -> person typed -> per round: {theme: [rating per question]} for "Whole team" and the person
HOMES = {
    "Oak House": ("Priya Shah", [
        {MT: [("2", "4"), ("3", "not-sure")], MI: [("1", "2")]},
        {MT: [("3", "3"), ("3", "2")], MI: [("2", "2")]},
    ]),
    "Birch Lodge": ("Tom Evans", [
        {MT: [("4", "4"), ("3", "3")], MI: [("3", "3")]},
        {MT: [("2", "3"), ("2", "2")], MI: [("4", "3")]},
    ]),
    "Elm Court": ("Sam Okoro", [
        {MT: [("1", "1"), ("2", "2")], MI: [("2", "4")]},
        {MT: [("2", "2"), ("1", "2")], MI: [("2", "2")]},
    ]),
}


def _rate_theme(page, base_url, theme, ratings, who, note):
    open_theme(page, base_url, f"themes/{theme}.html")
    page.select_option("#ap-participant", label=who)
    for qid, value in zip(QS[theme], ratings):
        page.check(f"#q-{qid}-rating-{value}")
    page.fill(f"#q-{QS[theme][0]}--working-well", note)
    wait_saved(page)


def make_home(context, base_url, name):
    """A home made through the pages: two rounds, two themes, two people, two actions
    (one late). Returns what was typed and what its own Results page shows."""
    person, rounds = HOMES[name]
    page = context.new_page()
    typed = [person]
    open_theme(page, base_url)
    add_participant(page, person)
    page.wait_for_function(f"document.querySelector('#ap-participant').selectedOptions[0].text === {json.dumps(person)}")
    for i, themes in enumerate(rounds):
        if i:
            open_theme(page, base_url)
            new_round(page, "Round two", TODAY.isoformat())
            page.wait_for_function("document.querySelector('#ap-round').selectedOptions[0].text.startsWith('Round two')")
        for theme, pairs in themes.items():
            for k, who in enumerate(("Whole team", person)):
                note = f"Note {k} {theme} {i} from {name} zq"
                typed.append(note)
                _rate_theme(page, base_url, theme, [p[k] for p in pairs], who, note)
    # two actions: one late
    for theme, when in ((MT, LATE), (MI, LATER)):
        open_theme(page, base_url, f"themes/{theme}.html")
        what = f"Action text {theme} for {name} zq"
        typed.append(what)
        page.fill("#action-1--what", what)
        page.fill("#action-1--by-when", when)
        page.select_option("#action-1--status", "in-progress")
        wait_saved(page)
    open_your_data(page, base_url)
    page.fill("#ap-yd-home-name", name)
    page.click('[data-ap-form="rename-home"] button[type="submit"]')
    page.wait_for_timeout(300)
    open_results(page, base_url)
    shown = {}
    for theme in (MT, MI):
        cells = page.locator(f'.ap-rs-progress-table tr[data-ap-theme="{theme}"] td').all_inner_texts()
        shown[theme] = [c.strip() for c in cells]
        home = page.locator(f'.ap-rs-glance tr[data-ap-theme="{theme}"] .ap-rs-cell--home').inner_text()
        assert shown[theme][-1] in home  # the grid and the progress table agree
    return page, typed, shown


def save(page, part, action="save"):
    with page.expect_download() as info:
        page.click(f'[data-part="{part}"] [data-ap-share-do="{action}"]')
    d = info.value
    return d.suggested_filename, open(d.path(), "rb").read()


def export_both(page, base_url, name):
    open_your_data(page, base_url)
    home = page.locator("#ap-summary-home option", has_text=name).get_attribute("value")
    page.select_option("#ap-summary-home", home)
    preview = page.locator("[data-ap-share-preview]").inner_text()
    assert f"Home: {name}" in preview
    summary = save(page, "summary")
    page.select_option("#ap-send-home", home)
    holds = page.inner_text("[data-ap-share-holds]")
    slug = name.lower().replace(" ", "-")
    assert f"{slug}-{TODAY.isoformat()}.json" in holds and name in holds
    full = save(page, "send")
    assert full[0] == f"{slug}-{TODAY.isoformat()}.json"
    assert summary[0] == f"{slug}-summary-{TODAY.isoformat()}.json"
    return summary, full, preview


def open_files(page, base_url, files):
    page.goto(base_url + COMPARE)
    page.wait_for_selector("[data-ap-compare][data-ap-ready]")
    page.set_input_files("#ap-cmp-files", files=[{"name": n, "mimeType": "application/json", "buffer": b}
                                                 for n, b in files])
    page.wait_for_selector("[data-ap-compare][data-ap-drawn]")


@pytest.fixture(scope="module")
def three_homes(browser, base_url):
    made = {}
    for name in HOMES:
        ctx = browser.new_context(viewport={"width": 1024, "height": 768}, service_workers="block",
                                  accept_downloads=True)
        page, typed, shown = make_home(ctx, base_url, name)
        summary, full, preview = export_both(page, base_url, name)
        page.check("#ap-summary-include")
        with_actions = save(page, "summary")
        made[name] = {"typed": typed, "shown": shown, "summary": summary, "full": full, "preview": preview,
                      "with_actions": with_actions, "errors": []}
        ctx.close()
    return made


def test_summaries_hold_no_note_name_or_action_text(three_homes):
    for name, h in three_homes.items():
        raw = h["summary"][1]
        data = json.loads(raw)
        assert data["format"] == "care-home-action-plan/summary" and data["format_version"] == 1
        assert data["home"]["name"] == name
        for text in h["typed"]:
            assert text.encode() not in raw, (name, text)
            assert text not in h["preview"]
        # the full export holds them all; the summary with the box ticked holds the actions' text
        for text in h["typed"]:
            assert text.encode() in h["full"][1], text
        ticked = h["with_actions"][1]
        for text in h["typed"]:
            expected = text.startswith("Action text")
            assert (text.encode() in ticked) == expected, (name, text)
        # who took part: counted by role where the name is a role, else only counted
        last = data["rounds"][-1]
        assert last["people"] == {"total": 2, "by_role": [{"role": "Whole team", "count": 1}], "other": 1}


def test_compare_homes_shows_each_home_as_its_results_page(three_homes, context, base_url, tmp_path):
    files = []
    for name, h in three_homes.items():
        files += [h["summary"], h["full"]]
    newer = json.loads(three_homes["Oak House"]["summary"][1])
    newer["format_version"] = 2
    files += [("broken.json", b'{"format": "care-home-action-plan/summary", "home": '),
              ("photos.json", json.dumps({"type": "FeatureCollection", "features": []}).encode()),
              ("from-the-future.json", json.dumps(newer).encode())]
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_files(page, base_url, files)

    rows = page.locator("[data-ap-cmp-grid] tbody tr")
    assert rows.count() == 3
    assert sorted(rows.locator("th").all_inner_texts()) == sorted(HOMES)
    refused = page.locator("[data-ap-cmp-refused]")
    assert refused.is_visible()
    items = refused.locator("li").all_inner_texts()
    assert len(items) == 3
    assert any(i.startswith("broken.json: ") and "damaged" in i for i in items)
    assert any(i.startswith("photos.json: ") and "another program" in i for i in items)
    assert any(i.startswith("from-the-future.json: ") and "newer version" in i for i in items)
    assert "Homes shown: 3. Files read: 6." in page.inner_text("[data-ap-cmp-status]")

    for name, h in three_homes.items():
        row = page.locator("[data-ap-cmp-grid] tbody tr", has=page.locator("th", has_text=name))
        change = page.locator("[data-ap-cmp-change] tbody tr", has=page.locator("th", has_text=name))
        for theme in (MT, MI):
            before, now = h["shown"][theme][-2], h["shown"][theme][-1]
            assert re.fullmatch(r"\d\.\d", now) and re.fullmatch(r"\d\.\d", before), h["shown"]
            cell = row.locator(f'td[data-ap-theme="{theme}"]')
            assert cell.is_visible() and now in cell.inner_text()
            kind = "Up" if float(now) > float(before) else "Down" if float(now) < float(before) else "Same"
            moved = change.locator(f'td[data-ap-theme="{theme}"]')
            moved.scroll_into_view_if_needed()
            expect(moved).to_have_text(re.compile(r"^(Up|Down|Same)"), use_inner_text=True)
            text = moved.inner_text()
            assert text.startswith(kind), (name, theme, text)
            assert now in text and (kind == "Same" or before in text)
        talk = page.locator("[data-ap-cmp-talk] li", has=page.locator("strong", has_text=name))
        talk.scroll_into_view_if_needed()
        expect(talk).to_contain_text("late actions: 1", use_inner_text=True)
        assert "late actions: 1" in talk.inner_text()

    # the chart's table has the same numbers as each home's Results page, round by round
    page.select_option("[data-ap-cmp-theme]", MI)
    for name, h in three_homes.items():
        cells = page.locator("[data-ap-cmp-series] tbody tr", has=page.locator("th", has_text=name))
        cells.first.scroll_into_view_if_needed()
        expect(cells.first).to_contain_text(h["shown"][MI][0], use_inner_text=True)
        assert [c.split("\t")[-1].strip() for c in cells.all_inner_texts()] == h["shown"][MI]
        bars = page.locator(f'svg[data-ap-theme="{MI}"] rect')
        assert bars.count() == 6

    # sortable by any column: by a theme, low to high, then high to low
    head = page.locator(f'[data-ap-cmp-grid] th[data-ap-cmp-col="{MT}"]')
    head.locator("button").click()
    values = [float(t) for t in page.locator(f'[data-ap-cmp-grid] tbody td[data-ap-theme="{MT}"] .ap-rs-avg').all_inner_texts()]
    assert values == sorted(values) and head.get_attribute("aria-sort") == "ascending"
    head.locator("button").click()
    values = [float(t) for t in page.locator(f'[data-ap-cmp-grid] tbody td[data-ap-theme="{MT}"] .ap-rs-avg').all_inner_texts()]
    assert values == sorted(values, reverse=True) and head.get_attribute("aria-sort") == "descending"

    # the printed report names all three homes and has page numbers
    pdf_path = tmp_path / "compare.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf_path), format="A4", print_background=True, prefer_css_page_size=True)
    page.emulate_media(media="screen")
    printed = Printed(pdf_path)
    text = " ".join(printed.pages)
    for name in HOMES:
        assert name in text
    assert "Page 1 of" in printed.pages[0] or "1 of" in printed.pages[0]
    assert "Choose the files" not in text  # the controls do not print

    # one click clears them all from the page
    page.click('[data-ap-cmp-do="clear"]')
    assert not page.locator("[data-ap-cmp-report]").is_visible()
    assert page.locator("[data-ap-cmp-empty]").is_visible()
    assert errors == []


def test_one_home_export_imports_and_the_same_home_counts_once(three_homes, context, base_url):
    page = context.new_page()
    name, data = three_homes["Birch Lodge"]["full"]
    open_your_data(page, base_url)
    page.set_input_files("#ap-import-file", files=[{"name": name, "mimeType": "application/json", "buffer": data}])
    page.locator("[data-ap-import-choice]").wait_for(state="visible")
    assert "1 home(s)" in page.inner_text("[data-ap-import-summary]")
    # an older summary of the same home loses to the newer one, whichever comes first
    old = json.loads(three_homes["Birch Lodge"]["summary"][1])
    old["rounds"] = old["rounds"][:1]
    old["home"]["name"] = "Birch Lodge (old copy)"
    open_files(page, base_url, [("new.json", three_homes["Birch Lodge"]["summary"][1]),
                                ("old.json", json.dumps(old).encode())])
    assert page.locator("[data-ap-cmp-grid] tbody tr").count() == 1
    assert page.locator("[data-ap-cmp-grid] tbody th").inner_text() == "Birch Lodge"
    assert "more than one file" in page.inner_text("[data-ap-cmp-notes]")


def test_a_full_export_gives_each_home_but_the_example(context, base_url):
    page = context.new_page()
    two = three_rounds()
    second = json.loads(json.dumps(two["homes"][0]))
    second.update(id="beech", name="Beech House")
    sample = json.loads(json.dumps(two["homes"][0]))
    sample.update(id="example-home", name="Example")
    two["homes"] += [second, sample]
    import_replace(page, base_url, two)
    page.goto(base_url + "your-data.html")
    page.wait_for_selector("[data-ap-share-holds]")
    holds = page.inner_text("[data-ap-share-holds]")  # "all homes" leaves the example out
    assert "Elm Court" in holds and "Beech House" in holds and "Example" not in holds and f"all-homes-{TODAY}" in holds
    open_files(page, base_url, [("all.json", json.dumps(two).encode())])
    assert sorted(page.locator("[data-ap-cmp-grid] tbody th").all_inner_texts()) == ["Beech House", "Elm Court"]
    assert "all.json: we left out the example home." in page.inner_text("[data-ap-cmp-notes]")


@pytest.mark.parametrize("where", ["compare", "your-data"])
def test_no_sideways_scroll_at_375px_with_files_in(browser, base_url, where):
    ctx = browser.new_context(viewport={"width": 375, "height": 812}, service_workers="block")
    try:
        page = ctx.new_page()
        import_replace(page, base_url, three_rounds())
        if where == "compare":
            open_files(page, base_url, [("elm.json", json.dumps(three_rounds()).encode()), ("x.json", b"nope")])
        else:
            page.goto(base_url + "your-data.html")
            page.check("#ap-summary-include")
        for size in ("normal", "larger"):
            page.evaluate(f"document.documentElement.setAttribute('data-ap-text-size', {json.dumps(size)})"
                          if size != "normal" else "document.documentElement.removeAttribute('data-ap-text-size')")
            wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert wide <= 0, f"{where} ({size}) is {wide}px wider than the screen"
    finally:
        ctx.close()


def test_compare_works_from_disk(browser, site_dir):
    ctx = browser.new_context(viewport={"width": 1024, "height": 768})
    try:
        page = ctx.new_page()
        page.goto((site_dir / COMPARE).as_uri())
        page.wait_for_selector("[data-ap-compare][data-ap-ready]")
        page.set_input_files("#ap-cmp-files", files=[{"name": "elm.json", "mimeType": "application/json",
                                                      "buffer": json.dumps(three_rounds()).encode()}])
        page.wait_for_selector("[data-ap-compare][data-ap-drawn]")
        assert page.locator("[data-ap-cmp-grid] tbody th").inner_text() == "Elm Court"
    finally:
        ctx.close()
