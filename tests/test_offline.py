"""Works offline, sends nothing away (issue 6): real Chromium, no mocks.

Visit once, let the service worker cache the site, cut the network
(``context.set_offline``) and open every page; search offline; a full journey
makes no request to any other origin, served and from disk; the offline page.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from offline_helpers import CSP_LISTENER, WAIT_FOR_SW, html_pages, precache_files, search
from storage_util import choose_person  # noqa: E402  (issue 22: choose who is answering)

pytestmark = pytest.mark.browser


def _prime(page, url: str) -> dict:
    page.goto(url)
    state = page.evaluate(WAIT_FOR_SW)
    assert state["cached"] >= 1
    return state


def _check_page(page, url: str, rel: str):
    response = page.goto(url)
    assert response is not None and response.ok, f"{rel}: {response and response.status}"
    h1 = page.locator("article.md-content__inner h1").first
    assert h1.is_visible(), f"{rel}: no heading"
    heading = h1.inner_text().strip()
    assert heading, f"{rel}: empty heading"
    if rel != "offline.html":
        assert heading != "You are offline", f"{rel}: got the offline page"
    text = page.locator("article.md-content__inner").inner_text()
    least = 10 if rel.endswith("404.html") else 80  # Material's 404 page is only "404 - Not found"
    assert len(text) > least, f"{rel}: too little content ({len(text)} characters)"
    # styles came from the cache too: the header has the palette's green
    colour = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert colour == "rgb(0, 89, 79)", f"{rel}: stylesheet missing ({colour})"


def test_precache_lists_every_page_and_asset(site_dir):
    files = precache_files(site_dir)
    for rel in html_pages(site_dir):
        assert rel in files
    for needed in ("manifest.webmanifest", "assets/javascripts/offline.js", "search/search_index.json",
                   "assets/javascripts/vendor/iframe-worker-shim.js", "assets/images/icons/icon-192.png"):
        assert needed in files
    assert "sw.js" not in files and not any(f.endswith(".map") for f in files)


def test_every_page_works_offline_after_one_visit(context, site_dir, base_url):
    page = context.new_page()
    state = _prime(page, base_url)
    assert state["cached"] == len(precache_files(site_dir))
    assert state["scope"] == base_url
    context.set_offline(True)
    try:
        pages = html_pages(site_dir)
        assert len(pages) > 20
        for rel in pages:
            _check_page(page, base_url + rel, rel)
        # "foo/" is looked up as "foo/index.html"; query strings are ignored
        _check_page(page, base_url + "themes/", "themes/")
        _check_page(page, base_url + "about/index.html?from=test#top", "about/index.html?...")
        # search works offline
        page.goto(base_url + "index.html")
        items = search(page, "transitions")
        assert items.count() >= 1
        assert "transition" in items.first.inner_text().lower()
    finally:
        context.set_offline(False)


def test_missing_page_offline_gets_the_friendly_offline_page(context, base_url):
    page = context.new_page()
    _prime(page, base_url)
    context.set_offline(True)
    try:
        page.goto(base_url + "themes/not-a-real-page.html")
        assert page.locator("article.md-content__inner h1").inner_text().strip() == "You are offline"
        # it is styled, and its links lead back into the site from any folder
        colour = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        assert colour == "rgb(0, 89, 79)"
        page.get_by_role("link", name="Go to the home page").click()
        page.wait_for_url(base_url + "index.html")
        assert page.locator("article.md-content__inner h1").inner_text().strip() != "You are offline"
    finally:
        context.set_offline(False)


def _journey(page, start: str, origin_ok):
    """Read guidance, search, answer a question, export it from the Your data page."""
    notes = []
    page.goto(start + "index.html")
    page.goto(start + "guidance/personalisation.html")
    assert page.locator("article.md-content__inner h1").is_visible()
    items = search(page, "identity")
    assert items.count() >= 1
    page.goto(start + "themes/maintaining-identity.html")
    choose_person(page)
    radio = page.locator("#ap-questions fieldset input[type=radio]").first
    radio.check()
    assert radio.is_checked()
    note = page.locator("fieldset textarea").first
    if note.count():
        note.fill("We ask about life stories when people move in.")
    page.goto(start + "your-data.html")
    page.wait_for_timeout(300)  # let the note's autosave land (within a second of typing)
    with page.expect_download() as download:
        page.locator("[data-ap-do=export-json]").first.click()
    assert download.value.suggested_filename.endswith(".json")
    exported = download.value.path().read_text(encoding="utf-8")
    assert "We ask about life stories" in exported
    notes.append("exported " + download.value.suggested_filename)
    return notes


def test_journey_served_makes_no_request_elsewhere(context, base_url):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    _prime(page, base_url)
    notes = _journey(page, base_url, None)
    print("journey:", notes)
    assert requests, "no requests recorded"
    foreign = [u for u in requests if not (u.startswith(origin + "/") or u.startswith("data:") or u.startswith("blob:"))]
    assert foreign == [], foreign
    assert page.evaluate("window.__cspViolations") == []
