"""The built site: a page per theme and case study, in order in the navigation,
and every question a real, labelled form that works with the keyboard."""
from __future__ import annotations

import re

import pytest

from actionplan import load_toolkit

from conftest import ROOT

TOOLKIT = load_toolkit(ROOT / "content")
THEMES = TOOLKIT.themes
SCALE = [o["label"] for o in TOOLKIT.settings["rating"]["options"]] + [TOOLKIT.settings["rating"]["not_sure"]["label"]]


def test_a_page_per_theme_and_case_study(site_dir):
    for theme in THEMES:
        html = (site_dir / "themes" / f"{theme.id}.html").read_text()
        assert f"<h1" in html and theme.title in html
    for study in TOOLKIT.case_studies:
        html = (site_dir / "case-studies" / f"{study.id}.html").read_text()
        assert study.title in html and study.organisation in html
    assert (site_dir / "themes" / "index.html").is_file()
    assert (site_dir / "case-studies" / "index.html").is_file()


def test_question_set_is_published(site_dir):
    import json
    data = json.loads((site_dir / "assets" / "question-set.json").read_text())
    assert [t["id"] for t in data["themes"]] == [t.id for t in THEMES]
    assert "window.ACTION_PLAN_QUESTIONS" in (site_dir / "assets" / "javascripts" / "question-set.js").read_text()


def test_navigation_lists_themes_in_order(page, base_url):
    page.goto(base_url + "index.html")
    links = page.eval_on_selector_all(
        "nav.md-nav--primary a.md-nav__link", "els => els.map(e => e.textContent.trim())")
    positions = [links.index(t.title) for t in THEMES]
    assert positions == sorted(positions), links
    for study in TOOLKIT.case_studies:
        assert study.title in links


@pytest.mark.parametrize("theme", THEMES, ids=[t.id for t in THEMES])
def test_every_question_is_a_fieldset_with_labelled_radios(page, base_url, theme):
    page.goto(base_url + f"themes/{theme.id}.html")
    questions = page.eval_on_selector_all("form.ap-questions > fieldset.ap-question", """els => els.map(f => ({
        id: f.dataset.apQuestion,
        legend: f.querySelector(':scope > legend').textContent.replace(/\\s+/g, ' ').trim(),
        radios: [...f.querySelectorAll('input[type=radio]')].map(r => ({
            name: r.name, label: [...r.labels].map(l => l.textContent.trim()).join(' ')})),
        textareas: [...f.querySelectorAll('textarea')].map(t => [...t.labels].map(l => l.textContent.trim()).join(' ')),
    }))""")
    assert [q["id"] for q in questions] == [q.id for q in theme.questions]
    for q, expected in zip(questions, theme.questions):
        assert expected.question in q["legend"]
        assert [r["label"] for r in q["radios"]] == SCALE
        assert len({r["name"] for r in q["radios"]}) == 1
        assert q["textareas"] == [n["label"] for n in TOOLKIT.settings["notes"]]
    # the forward-planning section has every action field
    labels = page.eval_on_selector_all("form.ap-actions fieldset.ap-action label",
                                       "els => els.map(e => e.textContent.trim())")
    for field in TOOLKIT.settings["actions"]["fields"]:
        assert field["label"] in labels


def test_every_control_on_every_page_has_a_label(page, site_dir, base_url):
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    for rel in pages:
        page.goto(base_url + rel)
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, textarea, select')]
            .filter(el => el.type !== 'hidden' && !el.closest('template'))
            // Material's own toggles (menu, search) are never shown and not exposed to assistive tech
            .filter(el => getComputedStyle(el).display !== 'none')
            .filter(el => {
                const name = (el.labels && [...el.labels].map(l => l.textContent).join('').trim())
                    || el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') || '')
                    .split(' ').map(id => document.getElementById(id)?.textContent || '').join('').trim();
                return !name;
            }).map(el => el.outerHTML.slice(0, 120))""")
        assert unlabelled == [], f"{rel}: {unlabelled}"


def test_theme_page_is_complete_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        theme = THEMES[0]
        page.goto(base_url + f"themes/{theme.id}.html")
        assert page.locator("fieldset.ap-question").count() == len(theme.questions)
        page.get_by_label(SCALE[2]).first.check()
        assert page.locator("fieldset.ap-question").first.locator("input:checked").count() == 1
        for prompt in theme.questions[0].prompts:
            assert page.get_by_text(prompt, exact=True).is_visible()
    finally:
        context.close()


def test_answer_a_question_with_the_keyboard(page, base_url):
    theme = THEMES[0]
    q = theme.questions[0]
    page.goto(base_url + f"themes/{theme.id}.html")
    first_radio = page.locator(f"#q-{q.id} input[type=radio]").first
    # Tab into the page from the browser's address bar until the first radio has focus
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == f"{q.id}--rating":
            break
    else:
        pytest.fail("Tab never reached the first question's rating")
    assert page.evaluate("document.activeElement.id") == first_radio.get_attribute("id")
    page.keyboard.press("ArrowRight")  # moves to and selects "Starting to"
    page.keyboard.press("ArrowRight")  # "Mostly"
    checked = page.eval_on_selector(f"#q-{q.id} input:checked", "el => [...el.labels][0].textContent.trim()")
    assert checked == SCALE[2]
    page.keyboard.press("Tab")  # on to the first note field
    page.keyboard.type("Visits before the move are going well.")
    notes_id = f"q-{q.id}--{TOOLKIT.settings['notes'][0]['id']}"
    assert page.evaluate("document.activeElement.id") == notes_id
    assert page.input_value(f"#{notes_id}") == "Visits before the move are going well."
    # the focused control shows a visible focus indicator
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    assert page.page_errors == []


def test_touch_targets_are_at_least_44px_on_a_tablet(browser, base_url):
    context = browser.new_context(viewport={"width": 820, "height": 1180}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + f"themes/{THEMES[0].id}.html")
        small = page.evaluate("""() => {
            const out = [];
            for (const el of document.querySelectorAll('.ap-radio, .ap-textarea, .ap-input, .ap-select, .ap-button')) {
                if (el.closest('template') || !el.offsetParent) continue;
                const r = el.getBoundingClientRect();
                if (r.height < 44 || r.width < 44) out.push(el.className + ' ' + r.width + 'x' + r.height);
            }
            return out;
        }""")
        assert small == []
    finally:
        context.close()
