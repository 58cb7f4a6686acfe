"""Helpers for the issue 18 tests (never lose or blend an answer): what is stored, what a
person sees, and homes made through the pages. Real Chromium, real localStorage."""
from __future__ import annotations

import json
import re

from storage_util import PREFIX, YOUR_DATA, export_json, import_file, open_theme, open_your_data, wait_saved

RESULTS = "results/index.html"
SAMPLE_ID = "example-home"
MT = "managing-transitions"
Q1, Q2 = "mt-key-worker", "mt-first-day"

STORED_JS = """(prefix) => Object.keys(localStorage).filter(k => k.startsWith(prefix)).sort()
  .map(k => [k, localStorage.getItem(k)])"""


def stored(page, prefix: str = PREFIX) -> dict[str, str]:
    """Every stored key under ``prefix`` and its text."""
    return dict(page.evaluate(STORED_JS, prefix))


def homes(page) -> list[dict]:
    """The home records on this device, as stored."""
    out = []
    for k, v in stored(page, PREFIX + "h:").items():
        if ":" not in k[len(PREFIX) + 2:]:
            out.append(json.loads(v))
    return out


def home_id(page, name: str) -> str:
    ids = [h["id"] for h in homes(page) if h.get("name") == name]
    assert len(ids) == 1, (name, homes(page))
    return ids[0]


def people(page, home: str) -> list[str]:
    recs = [json.loads(v) for v in stored(page, f"{PREFIX}h:{home}:p:").values()]
    return sorted(p["name"] for p in recs)


def answers(page, home: str) -> dict[str, dict]:
    """This home's answers: "person name/question" -> {rating, notes}."""
    names = {json.loads(v)["id"]: json.loads(v)["name"] for v in stored(page, f"{PREFIX}h:{home}:p:").values()}
    out = {}
    for k, v in stored(page, f"{PREFIX}h:{home}:a:").items():
        _, person, question = k[len(f"{PREFIX}h:{home}:a:"):].split(":")
        out[f"{names.get(person, person)}/{question}"] = json.loads(v)
    return out


def aside(page) -> dict[str, str]:
    return stored(page, PREFIX + "aside:")


# An element a person can see, holding its own words (not a select or its options).
SAYS_JS = """(pats) => {
  const res = pats.map(p => new RegExp(p, 'i'));
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest('template, select, datalist, script, style, noscript')) continue;
    const own = [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
    if (!own) continue;
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(e).visibility === 'hidden') continue;
    const t = (e.innerText || '').trim();
    if (res.every(re => re.test(t))) out.push(t.slice(0, 400));
  }
  return out;
}"""


def says(page, *patterns: str) -> list[str]:
    """The visible texts that match every pattern (case-insensitive regular expressions)."""
    return page.evaluate(SAYS_JS, list(patterns))


def selected_text(page, select) -> str:
    return page.locator(select).evaluate("s => s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].textContent")


# ---- a home made through the pages -------------------------------------------------------

def name_home(page, base_url, name: str):
    open_your_data(page, base_url)
    page.fill("#ap-yd-home-name", name)
    page.click('[data-ap-form="rename-home"] button[type=submit]')
    page.wait_for_timeout(100)


def add_person(page, name: str):
    page.click('[aria-controls="ap-new-participant"]')
    page.fill("#ap-new-participant-name", name)
    page.click('#ap-new-participant button[type="submit"]')
    page.wait_for_function(f"document.querySelector('#ap-participant').selectedOptions[0]?.textContent === {json.dumps(name)}")


def make_home(page, base_url, name: str, people_answers: dict, main_points: str = "") -> None:
    """A home as a person makes it: its name, then each person (or group) and their ratings
    and a note per question, then the theme's main points. people_answers: name -> {question: (rating, note)}."""
    open_theme(page, base_url)
    first = True
    for person, ans in people_answers.items():
        if first and page.locator("#ap-participant").evaluate("s => s.options.length") == 1:
            # the first person replaces the "Whole team" made on the first visit only if named so
            if selected_text(page, "#ap-participant") != person:
                add_person(page, person)
        else:
            add_person(page, person)
        first = False
        for q, (rating, note) in ans.items():
            page.check(f"#q-{q}-rating-{rating}")
            if note:
                page.fill(f"#q-{q}--working-well", note)
        wait_saved(page)
    if main_points:
        page.fill("#theme--main-points", main_points)
        wait_saved(page)
    name_home(page, base_url, name)


def export_from(page, base_url) -> dict:
    open_your_data(page, base_url)
    return export_json(page)


def choose_file(page, base_url, data) -> None:
    """Open "Your data" and choose a file: the page checks it and shows its summary (or an error)."""
    if not page.url.endswith(YOUR_DATA):
        open_your_data(page, base_url)
    import_file(page, data if isinstance(data, str) else json.dumps(data))
    page.wait_for_selector("[data-ap-import-choice]:not([hidden]), [data-ap-import-error]:not([hidden])")


def import_summary(page) -> str:
    return page.inner_text("[data-ap-import-choice]")


def where_it_goes(page, file_home: str) -> str:
    """In the import summary: the choice shown for the file's home called ``file_home``."""
    select = page.locator("[data-ap-import-choice]").get_by_label(re.compile(re.escape(file_home)))
    return select.evaluate("s => s.options[s.selectedIndex].textContent", timeout=5000)


def bring_into(page, file_home: str, target: str) -> None:
    """In the import summary: bring the file's home ``file_home`` into the home here called ``target``."""
    select = page.locator("[data-ap-import-choice]").get_by_label(re.compile(re.escape(file_home)))
    value = select.evaluate("(s, t) => [...s.options].find(o => o.textContent.includes(t)).value", target, timeout=5000)
    select.select_option(value)


def merge(page) -> str:
    page.click('[data-ap-do="import-merge"]')
    page.wait_for_function("document.querySelector('[data-ap-import-done]').textContent.length > 0"
                           " || !document.querySelector('[data-ap-import-error]').hidden")
    return page.inner_text("[data-ap-import-done]")


def replace(page) -> str:
    page.click('[data-ap-do="import-replace"]')
    page.wait_for_function("document.querySelector('[data-ap-import-done]').textContent.length > 0")
    return page.inner_text("[data-ap-import-done]")


def open_results(page, base_url):
    page.goto(base_url + RESULTS)
    page.wait_for_selector("[data-ap-results][data-ap-ready]")


def load_example(page, base_url):
    open_results(page, base_url)
    page.click('[data-ap-rs-do="load-sample"]')
    page.wait_for_selector("[data-ap-rs-example-showing]", state="visible")


def try_to(action, timeout=1500) -> bool:
    """Do something a person would try; False when the page does not let them (a control disabled)."""
    try:
        action(timeout)
        return True
    except Exception:  # noqa: BLE001 - a disabled control times out: that is an answer too
        return False
