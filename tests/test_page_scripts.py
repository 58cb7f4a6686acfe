"""Each page loads only the scripts it uses (issue 17).

The templates choose a page's scripts by its kind (``ap_kind``, in
overrides/partials/ap-scripts.html). For one page of each kind this lists the
scripts of ours the built page loads, twice: from its HTML (the <script src>
tags), and from what Chromium actually fetched for the page
(``performance.getEntriesByType('resource')``), and checks that the page does
not load what it does not use and does load what it needs.

Every page has the text size control and offline support (common.js,
textsize.js, offline.js); "among ours" below means the scripts besides those.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

OURS = "assets/javascripts/"
MATERIAL = re.compile(r"^(bundle\.|workers/|lunr/|vendor/)")
EVERY_PAGE = {"common.js", "textsize.js", "offline.js"}

# what each group of scripts is, by file name under assets/javascripts/
STORAGE = re.compile(r"^(store\.js|store/|rules\.js|question-set\.js)")  # the storage layer
RESULTS = re.compile(r"^(results\.js|results/|sample-home\.js)")
THEME_FORM = re.compile(r"^pages/(theme-form|actions|session-bar)\.js$")
YOUR_DATA = "pages/your-data.js"

PAGES = {
    "home": "index.html",
    "guidance": "guidance/how-to-use.html",
    "case study": "case-studies/brunel-care.html",
    "theme": "themes/managing-transitions.html",
    "Your data": "your-data.html",
    "Results": "results/index.html",
    "worksheet": "worksheets/managing-transitions.html",
    "pack": "worksheets/pack.html",
    "look back": "look-back.html",
}


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.srcs: list[str] = []

    def handle_starttag(self, tag, attrs):
        src = dict(attrs).get("src")
        if tag == "script" and src:
            self.srcs.append(src)


def _ours(urls) -> list[str]:
    """Our script files among urls, as paths under assets/javascripts/, in order."""
    out = []
    for url in urls:
        path = url.split("?")[0].split("#")[0]
        i = path.find(OURS)
        if i < 0 or not path.endswith(".js"):
            continue
        name = path[i + len(OURS):]
        if not MATERIAL.match(name) and name not in out:
            out.append(name)
    return out


def from_html(site_dir, rel) -> list[str]:
    parser = _Scripts()
    parser.feed((site_dir / rel).read_text(encoding="utf-8"))
    return _ours(parser.srcs)


def from_browser(browser, base_url, rel) -> list[str]:
    ctx = browser.new_context(service_workers="block")
    try:
        page = ctx.new_page()
        page.goto(base_url + rel, wait_until="load")
        page.wait_for_timeout(300)
        return _ours(page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"))
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def loaded(site_dir, browser, base_url):
    """kind -> (scripts in the HTML, scripts Chromium fetched)."""
    return {kind: (from_html(site_dir, rel), from_browser(browser, base_url, rel)) for kind, rel in PAGES.items()}


def _check(loaded, kind, needs=(), never=()):
    html, fetched = loaded[kind]
    assert set(html) == set(fetched), f"{kind}: the HTML names {html}, the browser fetched {fetched}"
    for need in [*EVERY_PAGE, *needs]:
        found = [n for n in html if need.search(n)] if hasattr(need, "search") else [n for n in html if n == need]
        assert found, f"{kind} ({PAGES[kind]}) does not load {getattr(need, 'pattern', need)}: {html}"
    for pattern in never:
        wrong = [n for n in html if (pattern.search(n) if hasattr(pattern, "search") else n == pattern)]
        assert not wrong, f"{kind} ({PAGES[kind]}) loads {wrong}, which it does not use"
    return set(html) - EVERY_PAGE


@pytest.mark.browser
def test_guidance_and_case_study_load_no_storage_code(loaded):
    for kind in ("guidance", "case study"):
        assert _check(loaded, kind, never=[STORAGE, RESULTS, THEME_FORM, re.compile(r"^pages/")]) == set()


@pytest.mark.browser
def test_worksheets_load_printing_only(loaded):
    for kind in ("worksheet", "pack"):
        assert _check(loaded, kind, needs=["print.js"]) == {"print.js"}


@pytest.mark.browser
def test_home_loads_the_review_notice_and_storage(loaded):
    _check(loaded, "home", needs=[STORAGE, "figures.js", "review.js"],
           never=[RESULTS, THEME_FORM, YOUR_DATA, "print.js", "conversation.js"])


@pytest.mark.browser
def test_theme_page_loads_the_form_and_no_results_code(loaded):
    _check(loaded, "theme",
           needs=[STORAGE, "pages/page.js", "pages/session-bar.js", "pages/theme-form.js", "pages/actions.js",
                  "pages/start.js", "review.js", "print.js", "conversation.js"],
           never=[RESULTS, YOUR_DATA])


@pytest.mark.browser
def test_results_loads_results_code_and_not_the_theme_form(loaded):
    _check(loaded, "Results", needs=[STORAGE, "figures.js", "results/main.js", "sample-home.js", "print.js"],
           never=[THEME_FORM, YOUR_DATA, re.compile(r"^pages/"), "conversation.js", "review.js"])


@pytest.mark.browser
def test_your_data_loads_its_page_and_not_the_theme_form(loaded):
    _check(loaded, "Your data", needs=[STORAGE, "pages/page.js", YOUR_DATA, "pages/download.js", "pages/start.js"],
           never=[RESULTS, re.compile(r"^pages/(theme-form|actions)\.js$"), "conversation.js", "print.js"])


@pytest.mark.browser
def test_look_back_loads_its_page_and_storage_only(loaded):
    assert _check(loaded, "look back", needs=[STORAGE, "pages/look-back.js"],
                  never=[RESULTS, THEME_FORM, YOUR_DATA, "print.js", "conversation.js", "figures.js"]) - {
        n for n in loaded["look back"][0] if STORAGE.search(n)} == {"pages/look-back.js"}


def test_every_page_script_is_one_the_templates_name(site_dir):
    """No script of ours is left unused, and every page's scripts exist."""
    used = set()
    for page in site_dir.rglob("*.html"):
        for name in from_html(site_dir, page.relative_to(site_dir)):
            assert (site_dir / OURS / name).is_file(), f"{page}: {name} is not in the site"
            used.add(name)
    shipped = {p.relative_to(site_dir / OURS).as_posix() for p in (site_dir / OURS).rglob("*.js")}
    unused = {n for n in shipped if not MATERIAL.match(n)} - used
    assert not unused, f"scripts no page loads: {sorted(unused)}"
