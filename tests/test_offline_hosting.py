"""Hosts anywhere, updates safely (issue 6): real Chromium, real builds.

- opened from disk (file://): the full journey requests only file:// URLs;
- deploy version 1, answer, deploy version 2 with a changed page: the notice
  appears, Reload shows the new page and every saved answer is still there;
- built for and served from a sub-folder, the site works offline.
The extra builds (version 2, sub-folder) are made once for this module.
"""
from __future__ import annotations

import pytest

from conftest import StaticServer
from offline_helpers import (CSP_LISTENER, WAIT_FOR_SW, build_or_fail, copy_repo, html_pages,
                             search)
from test_offline import _check_page, _journey
from storage_util import choose_person  # noqa: E402  (issue 22: choose who is answering)

pytestmark = pytest.mark.browser

V2_TEXT = "This is version two of this page."


@pytest.fixture(scope="module")
def v2_site(tmp_path_factory):
    """The same site with one changed page, built from a copy of the project."""
    repo = copy_repo(tmp_path_factory.mktemp("v2") / "repo")
    page = repo / "docs/guidance/how-to-use.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{V2_TEXT}\n", encoding="utf-8")
    return build_or_fail(tmp_path_factory.mktemp("site-v2"), config=repo / "mkdocs.yml")


@pytest.fixture(scope="module")
def care_site(tmp_path_factory):
    """Built for a sub-folder: site_url with a path."""
    return build_or_fail(tmp_path_factory.mktemp("site-care"), env={"SITE_URL": "http://127.0.0.1/care/"})


def test_journey_from_disk_requests_only_files(context, site_dir):
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    notes = _journey(page, site_dir.as_uri() + "/", None)
    print("journey from disk:", notes)
    assert requests
    foreign = [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))]
    assert foreign == [], foreign
    assert page.evaluate("window.__cspViolations") == []
    # no service worker from disk, and no error for trying
    assert page.evaluate("navigator.serviceWorker ? navigator.serviceWorker.controller : null") is None


def _storage(page) -> dict:
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")


def test_new_version_notice_and_reload_keep_answers(context, site_dir, v2_site):
    server = StaticServer(site_dir)             # version 1 is deployed
    try:
        base = server.url
        page = context.new_page()
        page.goto(base + "guidance/how-to-use.html")
        first = page.evaluate(WAIT_FOR_SW)
        assert page.locator(".ap-update__button").count() == 0  # no notice on a first visit

        # answer some questions (saved by the site's own code once issue 4 is in)
        page.goto(base + "themes/managing-transitions.html")
        choose_person(page)
        radios = page.locator("#ap-questions fieldset input[type=radio]")
        radios.nth(1).check()
        page.locator("fieldset textarea").first.fill("Named key worker from the first visit.")
        page.evaluate("localStorage.setItem('ap-test-answer', JSON.stringify({rating: 3}))")
        page.wait_for_timeout(600)  # let any debounced save happen
        before = _storage(page)
        assert "ap-test-answer" in before

        server.root = v2_site                   # version 2 is deployed
        page.goto(base + "guidance/how-to-use.html")
        assert V2_TEXT not in page.content()    # still the cached version 1
        button = page.get_by_role("button", name="Reload")
        button.wait_for(state="visible", timeout=30000)
        status = page.locator(".ap-update[role=status]")
        assert status.get_attribute("aria-live") == "polite"
        assert "A new version is ready" in status.inner_text()
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
        button.focus()                          # reachable by keyboard
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_load_state("load")
        assert V2_TEXT in page.locator("article.md-content__inner").inner_text()
        after = _storage(page)
        for key, value in before.items():
            assert after.get(key) == value, f"answer {key} changed by the update"
        state = page.evaluate(WAIT_FOR_SW)
        assert state["caches"] != first["caches"] and len(state["caches"]) == 1  # old cache gone
        # the new version works offline too
        context.set_offline(True)
        page.goto(base + "guidance/how-to-use.html")
        assert V2_TEXT in page.locator("article.md-content__inner").inner_text()
    finally:
        context.set_offline(False)
        server.close()


def test_sub_folder_works_offline(context, care_site):
    server = StaticServer(care_site, prefix="/care/")
    try:
        base = server.url
        page = context.new_page()
        page.goto(base + "themes/index.html")   # first visit on a page in a folder
        state = page.evaluate(WAIT_FOR_SW)
        assert state["scope"] == base
        context.set_offline(True)
        for rel in html_pages(care_site):
            _check_page(page, base + rel, rel)
        _check_page(page, base, "(the sub-folder itself)")
        page.goto(base + "about/index.html")
        assert search(page, "home screen").count() >= 1
    finally:
        context.set_offline(False)
        server.close()
