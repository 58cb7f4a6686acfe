"""Answers to a question taken out of the content are kept and shown under
"Answers to earlier questions", never dropped. Also: axe finds nothing on the
storage controls with every panel open."""
from __future__ import annotations

import shutil

import yaml
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT, StaticServer, build_site
from storage_util import choose_person, THEME, context, open_theme, open_your_data, wait_saved  # noqa: F401

REMOVED = "mt-key-worker"


def test_a_removed_question_keeps_its_answers(browser, site_dir, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "themes" / "managing-transitions.yml"
    theme = yaml.safe_load(path.read_text())
    gone = next(q for q in theme["questions"] if q["id"] == REMOVED)
    theme["questions"] = [q for q in theme["questions"] if q["id"] != REMOVED]
    path.write_text(yaml.safe_dump(theme, allow_unicode=True, sort_keys=False))
    # taken out as the README says: deleted, and listed as retired (the example home still answers it)
    with (content / "toolkit.yml").open("a", encoding="utf-8") as fh:
        fh.write(yaml.safe_dump({"retired_questions": [
            {"id": REMOVED, "theme": "managing-transitions", "question": gone["question"]}]}, allow_unicode=True))
    smaller = tmp_path / "site"
    result = build_site(smaller, env={"ACTION_PLAN_CONTENT": str(content)})
    assert result.returncode == 0, result.stderr

    srv = StaticServer(site_dir)  # one origin, so one localStorage, for both versions of the site
    ctx = browser.new_context(service_workers="block")
    try:
        page = ctx.new_page()
        page.goto(srv.url + THEME)
        page.wait_for_selector("#ap-session:not([hidden])")
        choose_person(page)
        assert not page.is_visible("#ap-earlier")
        page.check(f"#q-{REMOVED}-rating-3")
        page.fill(f"#q-{REMOVED}--working-well", "A key worker from the first visit")
        wait_saved(page)

        srv.root = smaller  # the new content is deployed
        page.reload()
        page.wait_for_selector("#ap-session:not([hidden])")
        assert page.locator(f"#q-{REMOVED}").count() == 0
        earlier = page.locator("#ap-earlier")
        assert earlier.is_visible()
        assert "Answers to earlier questions" in earlier.inner_text()
        item = earlier.locator(f'[data-ap-earlier-question="{REMOVED}"]')
        assert "A key worker from the first visit" in item.inner_text()
        assert "Mostly" in item.inner_text()
        page.goto(srv.url + "your-data.html")
        page.wait_for_selector("[data-ap-yd]:not([hidden])")
        assert "A key worker from the first visit" in page.inner_text("[data-ap-earlier-all]")
        # and it is still in an export
        with page.expect_download() as info:
            page.click('button[data-ap-do="export-json"] >> visible=true')
        assert "A key worker from the first visit" in open(info.value.path(), encoding="utf-8").read()
    finally:
        ctx.close()
        srv.close()


def test_an_answer_stored_for_an_unknown_id_is_shown(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    page.evaluate("""() => {
      const home = JSON.parse(localStorage.getItem('/ap:current'));
      const round = Object.keys(localStorage).find(k => k.includes(':r:')).split(':r:')[1];
      const person = Object.keys(localStorage).find(k => k.includes(':p:')).split(':p:')[1];
      localStorage.setItem(`/ap:h:${home}:a:${round}:${person}:zz-old-question`,
        JSON.stringify({theme: 'managing-transitions', rating: 'not-sure', notes: {'views-heard': 'Relatives'}}));
    }""")
    page.reload()
    page.wait_for_selector("#ap-session:not([hidden])")
    item = page.locator('#ap-earlier [data-ap-earlier-question="zz-old-question"]')
    assert item.is_visible() and "Relatives" in item.inner_text() and "Not sure" in item.inner_text()


OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}


def _violations(page):
    r = Axe().run(page, options=OPTIONS)
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in r.response["violations"]]


def test_axe_finds_nothing_with_the_storage_controls_open(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    page.click('[aria-controls="ap-new-round"]')
    page.click('[aria-controls="ap-new-participant"]')
    page.fill(f"#q-{REMOVED}--working-well", "Something")
    page.fill("#action-1--what", "Something to do")
    page.click('[data-ap-do="add-action"]')
    wait_saved(page)
    page.click('#ap-actions [data-ap-do="remove-action"]')    # the confirmation is open
    assert _violations(page) == []
    # the remove button is a 44 px target on a tablet too
    box = page.locator('#ap-actions [data-ap-do="remove-action"]').first.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    open_your_data(page, base_url)
    page.click('[data-ap-do="delete-all"]')
    page.locator("[data-ap-people-list] [data-ap-do=remove-person]").first.click()
    page.locator("[data-ap-people-list] [data-ap-do=rename-person]").first.click()
    assert _violations(page) == []
    # touch targets are at least 44 by 44 CSS pixels
    small = page.evaluate("""() => [...document.querySelectorAll('.ap-yd button, .ap-yd select, .ap-yd input')]
      .filter(e => e.offsetParent).map(e => e.getBoundingClientRect())
      .filter(r => r.height < 44).length""")
    assert small == 0


def test_the_bar_buttons_are_big_enough_and_keyboard_usable(context, base_url):
    page = context.new_page()
    open_theme(page, base_url)
    small = page.evaluate("""() => [...document.querySelectorAll('#ap-session button, #ap-session select')]
      .filter(e => e.offsetParent).map(e => e.getBoundingClientRect())
      .filter(r => r.height < 44 || r.width < 44).length""")
    assert small == 0
    page.focus('[aria-controls="ap-new-participant"]')
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "ap-new-participant-name"
    page.keyboard.type("Day staff")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "ap-participant"
    assert page.eval_on_selector("#ap-participant", "s => s.options[s.selectedIndex].text") == "Day staff"
