"""Issue 18: content changes never hide answers, in the browser. Three builds of the site are
served one after the other at the same address, as a home updates its copy:

- "five": the scale has a fifth point, 5 "Excellent";
- "retired": the fifth point is taken out and retired (it counts as 4), and the status
  "in-progress" is renamed "started" (the old one retired, counting as "started");
- the shipped site, which has never heard of 5.

Answers holding a retired value keep their old words on the theme page and the Results, and
count as the content says; putting the old scale back shows them as before; a tab on one
version never loses an answer saved by a tab on another; whatever the device holds, its
export imports again."""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import ROOT, StaticServer, build_site
from homes_util import MT, Q1, Q2, add_person, aside, choose_file, export_from, homes, open_results, replace, stored
from storage_util import PREFIX, open_theme, wait_saved

pytestmark = pytest.mark.browser

FIVE = """    - value: 5
      label: Excellent
      description: Better than we hoped, every day.
"""
RETIRED = """
retired_values:
  - {of: rating, value: 5, label: "Excellent", counts_as: 4}
  - {of: status, value: "in-progress", label: "In progress", counts_as: started}
"""


def _build(tmp, name, change) -> str:
    content = tmp / name / "content"
    shutil.copytree(ROOT / "content", content)
    change(content)
    dest = tmp / name / "site"
    result = build_site(dest, env={"ACTION_PLAN_CONTENT": str(content)})
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


def _five(content):
    path = content / "toolkit.yml"
    path.write_text(path.read_text().replace("  not_sure:", FIVE + "  not_sure:", 1))


def _retired(content):
    path = content / "toolkit.yml"
    text = path.read_text().replace("value: in-progress\n          label: In progress",
                                    "value: started\n          label: Started", 1)
    path.write_text(text + RETIRED)
    sample = content / "sample-home.json"
    sample.write_text(sample.read_text().replace('"in-progress"', '"started"'))


@pytest.fixture(scope="module")
def builds(tmp_path_factory, site_dir):
    tmp = tmp_path_factory.mktemp("versions")
    return {"five": _build(tmp, "five", _five), "retired": _build(tmp, "retired", _retired), "shipped": site_dir}


@pytest.fixture
def site(builds):
    """One address; ``site.deploy(name)`` puts another build there, as an update does. Its files
    are dated later than anything served before, so the browser never keeps an earlier copy."""
    srv = StaticServer(builds["five"])
    deployed = [0]

    def deploy(name):
        deployed[0] += 1
        stamp = time.time() + 100 * deployed[0]
        for path in Path(builds[name]).rglob("*"):
            os.utime(path, (stamp, stamp))
        srv.root = builds[name]
    deploy("five")
    srv.deploy = deploy
    yield srv
    srv.close()


def _profile(browser):
    return browser.new_context(viewport={"width": 1024, "height": 768}, service_workers="block")


def _answers(page) -> dict:
    return {k: json.loads(v) for k, v in stored(page, PREFIX + "h:").items() if ":a:" in k}


def _question(page, q):
    return page.locator(f'#ap-questions [data-ap-question="{q}"]')


def test_a_retired_point_keeps_its_words_and_counts_as_the_content_says(browser, site):
    ctx = _profile(browser)
    try:
        page = ctx.new_page()
        open_theme(page, site.url)
        page.check(f"#q-{Q1}-rating-5")  # "Whole team": Excellent
        page.fill(f"#q-{Q1}--working-well", "It works every day")
        box = page.locator("#ap-actions .ap-action").first
        box.locator('[data-ap-field="what"]').fill("Keep it going")
        box.locator('[data-ap-field="status"]').select_option("in-progress")
        wait_saved(page)
        add_person(page, "Manager")
        page.check(f"#q-{Q1}-rating-2")
        wait_saved(page)
        saved = _answers(page)

        site.deploy("retired")
        open_theme(page, site.url)
        page.select_option("#ap-participant", label="Whole team")
        page.wait_for_timeout(200)
        assert "Excellent" in _question(page, Q1).inner_text(), "the answer shows with its old words"
        assert page.input_value(f"#q-{Q1}--working-well") == "It works every day"
        assert _answers(page) == saved and not aside(page), "kept exactly as it was, nothing set aside"
        action = page.locator("#ap-actions .ap-action").first
        shown = action.inner_text() + action.locator('[data-ap-field="status"]').evaluate(
            "s => s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].textContent")
        assert "In progress" in shown, shown

        open_results(page, site.url)
        # Whole team's 5 counts as 4, the manager's 2: the home's average for the theme is 3.0
        cell = page.locator(f'.ap-rs-glance tr[data-ap-theme="{MT}"] .ap-rs-cell--home .ap-rs-avg')
        assert cell.inner_text().strip() == "3.0"
        assert "Excellent" in page.inner_text("[data-ap-results]")
        assert "In progress" in page.inner_text("[data-ap-rs-actions]")
        # and the action is counted, as the status it counts as now ("started"), not left out
        counts = page.locator("[data-ap-rs-counts]")
        assert counts.is_visible() and "Started: 1" in counts.inner_text(), counts.inner_text()

        site.deploy("five")  # the old scale put back: the answer shows as before
        open_theme(page, site.url)
        page.select_option("#ap-participant", label="Whole team")
        page.wait_for_timeout(200)
        assert page.is_checked(f"#q-{Q1}-rating-5")
        assert _answers(page) == saved
    finally:
        ctx.close()


def test_two_tabs_on_two_versions_never_lose_a_saved_answer(browser, site):
    ctx, fresh = _profile(browser), _profile(browser)
    try:
        old = ctx.new_page()
        open_theme(old, site.url)  # the version with a fifth point
        old.check(f"#q-{Q1}-rating-5")
        old.fill(f"#q-{Q2}--working-well", "Typed on the five-point version")
        wait_saved(old)
        assert old.text_content("#ap-save-status") == "Saved"
        saved = _answers(old)

        site.deploy("shipped")  # a version that has never heard of 5 opens in another tab
        other = ctx.new_page()
        open_theme(other, site.url)
        other.wait_for_timeout(300)
        assert _answers(other) == saved, "the other version keeps the answer exactly as it is"
        assert not aside(other)
        # the version that does not know 5 says the answer is there, from a newer version
        assert "newer version" in _question(other, Q1).inner_text() and '"5"' in _question(other, Q1).inner_text()
        assert old.is_checked(f"#q-{Q1}-rating-5"), "the first tab still shows its saved answer"

        site.deploy("retired")
        third = ctx.new_page()
        open_theme(third, site.url)
        third.wait_for_timeout(300)
        assert _answers(third) == saved and not aside(third)

        site.deploy("shipped")  # whatever the device holds, its export imports again
        first = export_from(other, site.url)
        page = fresh.new_page()
        choose_file(page, site.url, first)
        assert not page.is_visible("[data-ap-import-error]"), page.inner_text("[data-ap-import-error]")
        replace(page)
        assert list(_answers(page).values()) == list(saved.values())
        assert len(homes(page)) == 1
    finally:
        ctx.close()
        fresh.close()
