"""Helpers for the storage tests (tests/test_storage*.py): real Chromium, real localStorage."""
from __future__ import annotations

import json

THEME = "themes/managing-transitions.html"
OTHER_THEME = "themes/maintaining-identity.html"
YOUR_DATA = "your-data.html"
PREFIX = "/ap:"  # the site is served at the root, so keys start with "/ap:"

# An init script: every localStorage write after the first `limit` throws, as a full disk does.
QUOTA_SCRIPT = """
(() => {
  let n = 0;
  const real = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    n += 1;
    if (n > %d) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return real.call(this, k, v);
  };
})();
"""


def snapshot(page) -> str:
    """Every key and value in localStorage, as one string (for byte-for-byte comparison)."""
    return page.evaluate(
        "() => JSON.stringify(Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)]))")


def ap_keys(page) -> list[str]:
    return page.evaluate(f"() => Object.keys(localStorage).filter(k => k.startsWith({json.dumps(PREFIX)}))")


def open_theme(page, base_url, theme=THEME, person="Whole team"):
    """Open a theme page and, when no one is chosen yet, choose who is answering
    (issue 22: the page never chooses for you; these tests answer as ``person``)."""
    page.goto(base_url + theme)
    page.wait_for_selector("#ap-session:not([hidden])")
    if person:
        choose_person(page, person)


def choose_person(page, name="Whole team"):
    """Choose who is answering in the strip above the questions, when no one is chosen
    yet, as a person would: ``name`` if this home has them, else the first person of
    the home (whose answers the page used to show by itself), else the suggested role."""
    if page.eval_on_selector("#ap-strip-participant", "s => s.value") != "":
        return
    people = page.eval_on_selector_all("#ap-strip-participant option[data-ap-person]", "os => os.map(o => o.text)")
    page.select_option("#ap-strip-participant", label=name if name in people or not people else people[0])


def open_your_data(page, base_url):
    page.goto(base_url + YOUR_DATA)
    page.wait_for_selector("[data-ap-yd]:not([hidden])")


def wait_saved(page):
    """Wait until nothing is waiting to be saved (text is saved a moment after typing)."""
    page.wait_for_timeout(800)


def add_participant(page, name):
    page.click('[aria-controls="ap-new-participant"]')
    page.fill("#ap-new-participant-name", name)
    page.click('#ap-new-participant button[type="submit"]')


def new_round(page, title, date):
    """Start a round from the session bar. Issue 22: while the home has open actions, a new
    round starts by looking back at them (look-back.html); these tests then go on with the
    theme page they were on, with the new round chosen."""
    url = page.url.split("#")[0]
    looks_back = page.evaluate("""() => { const St = window.APStore, h = St && St.currentHome();
        return !!(h && St.isActionOpen && St.actions(h.id).some(St.isActionOpen)); }""")
    page.click('[aria-controls="ap-new-round"]')
    page.fill("#ap-new-round-title", title)
    page.fill("#ap-new-round-date", date)
    page.click('#ap-new-round button[type="submit"]')
    if looks_back:
        page.wait_for_url("**/look-back.html")
        page.wait_for_selector("[data-ap-lb-action]")
        page.goto(url)
        page.wait_for_selector("#ap-session:not([hidden])")


def choose(page, select, label):
    page.select_option(select, label=label)


def export_json(page) -> dict:
    with page.expect_download() as info:
        page.click('button[data-ap-do="export-json"] >> visible=true')
    path = info.value.path()
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def export_csv(page) -> str:
    with page.expect_download() as info:
        page.click('button[data-ap-do="export-csv"]')
    with open(info.value.path(), encoding="utf-8-sig") as fh:
        return fh.read()


def import_file(page, content: bytes | str, name="answers.json"):
    if isinstance(content, str):
        content = content.encode("utf-8")
    page.set_input_files("#ap-import-file", files=[{"name": name, "mimeType": "application/json", "buffer": content}])


def without_stamp(data: dict) -> dict:
    data = dict(data)
    data.pop("exported", None)
    return data


import pytest  # noqa: E402


@pytest.fixture
def context(browser):
    """A fresh browser context with no service worker: these tests are about localStorage,
    and skipping the offline precache keeps them quick."""
    ctx = browser.new_context(viewport={"width": 1024, "height": 768}, service_workers="block")
    yield ctx
    ctx.close()


OWN_PLAN_FROM_EXAMPLE = """(ex) => { const S = window.APStore, h = S.createHome('Oak House');
  S.rounds(ex).forEach(r => S.createRound(h.id, {title: r.title, date: r.date, home: ''}));
  S.actions(ex).forEach(a => S.createAction(h.id, a.theme, a.fields));
  S.setCurrentHome(h.id); return h.id; }"""


def own_plan_from_example(page, base_url) -> str:
    """A home of the user's own ("Oak House") with the example home's rounds and actions (late
    ones among them), chosen on the Results page: the example home is for looking (issue 18),
    so a test that changes an action does it here. Call it on the Results page with the example
    home loaded; returns the new home's id."""
    own = page.evaluate(OWN_PLAN_FROM_EXAMPLE, "example-home")
    page.goto(base_url + "results/index.html")
    page.wait_for_selector("[data-ap-results][data-ap-ready]")
    if page.locator("#ap-rs-home").is_visible():
        page.select_option("#ap-rs-home", own)
    return own
