"""Conversation mode (issue 13): one question at a time for a group, in real Chromium.

It is a view over the page's real form, so its answers are saved like anyone
else's, under the group chosen (by default "Residents' meeting"), and appear on
the page and in the export.
"""
from __future__ import annotations

import json

import pytest

from storage_util import context, export_json, open_theme, open_your_data, wait_saved  # noqa: F401
from together_helpers import THEMES, current_question, set_text_size, start_conversation

pytestmark = pytest.mark.browser

THEME = "themes/managing-transitions.html"
QS = ["mt-before-the-move", "mt-key-worker", "mt-room-and-belongings", "mt-first-day",
      "mt-first-weeks", "mt-family-support", "mt-hospital-stays", "mt-moving-on"]
GROUP = "Residents' meeting"

FITS_JS = """() => {
  const vw = innerWidth, vh = innerHeight;
  const inside = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= vh && r.right <= vw; };
  const q = document.querySelector('.ap-conv-current');
  const tiles = [...q.querySelectorAll('.ap-radio')];
  const article = document.querySelector('article.md-content__inner');
  return {
    question: q.getAttribute('data-ap-question'),
    legend: inside(q.querySelector('legend')),
    next: inside(document.querySelector('[data-ap-conv-do="next"]')),
    tiles: tiles.map(t => {
      const r = t.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { inside: inside(t), w: r.width, h: r.height, hits: !!hit && t.contains(hit) };
    }),
    notes: [...q.querySelectorAll('.ap-conv-note textarea')].map(inside),
    scrolls: article.scrollHeight > article.clientHeight + 1 || document.documentElement.scrollWidth > vw,
  };
}"""


@pytest.mark.parametrize("viewport,size", [((768, 1024), "normal"), ((1024, 768), "normal"),
                                           ((768, 1024), "larger"), ((1024, 768), "larger")],
                         ids=["portrait", "landscape", "portrait-larger", "landscape-larger"])
def test_every_question_fits_the_screen_with_big_buttons(browser, base_url, viewport, size):
    """Every question of every theme, with both note boxes and the Next button, on screen without
    scrolling, at normal and "Larger" text (issue 22)."""
    ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block")
    page = ctx.new_page()
    problems = []
    try:
        page.goto(base_url + "index.html")
        set_text_size(page, size)
        for theme in THEMES:
            start_conversation(page, base_url, f"themes/{theme}.html")
            total = page.locator("#ap-questions [data-ap-question]").count()
            for n in range(total):
                f = page.evaluate(FITS_JS)
                where = f"{theme} {f['question']}"
                if not (f["legend"] and f["next"] and len(f["notes"]) == 2 and all(f["notes"])) or f["scrolls"]:
                    problems.append(f"{where}: does not fit {f}")
                for t in f["tiles"]:
                    if not (t["inside"] and t["hits"] and t["w"] >= 56 and t["h"] >= 56):
                        problems.append(f"{where}: rating button {t}")
                if n < total - 1:
                    page.keyboard.press("PageDown")
            page.keyboard.press("Escape")
    finally:
        ctx.close()
    assert not problems, "\n".join(problems[:20])


def _swipe(page, x0, x1, y):
    """A real touch swipe, sent through the browser's input pipeline (not a made-up DOM event)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y}]})
    for i in range(1, 6):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x0 + (x1 - x0) * i / 5, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_answers_go_to_the_group_and_show_on_the_page_and_in_the_export(browser, base_url):
    ctx = browser.new_context(viewport={"width": 1024, "height": 768}, service_workers="block", has_touch=True)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        start_conversation(page, base_url, THEME)
        # the group was added through the session bar and is the one answering
        assert page.locator("#ap-participant option:checked").inner_text() == GROUP
        assert GROUP in page.inner_text("[data-ap-conv-who]")
        assert current_question(page) == QS[0]
        assert page.evaluate("document.activeElement.getAttribute('data-ap-question')") == QS[0]
        # only the question, its prompts, the rating and two note boxes, each under its own label
        # (issue 22: what people said is kept under what it is, never all as "working well")
        assert page.locator(".ap-question:visible").count() == 1
        assert page.locator(".ap-conv-current textarea:visible").count() == 2
        assert page.locator(".ap-conv-current .ap-conv-note label").all_inner_texts() == \
            ["What is working well", "What could be better"]
        assert page.locator(f"#q-{QS[0]}--working-well").is_visible()
        assert page.locator(f"#q-{QS[0]}--could-be-better").is_visible()
        assert not page.locator(f"#q-{QS[0]}--views-heard").is_visible()
        assert not page.locator("h1").is_visible() and not page.locator(".md-header").is_visible()

        page.click(f"label[for='q-{QS[0]}-rating-3']")
        page.fill(f"#q-{QS[0]}--working-well", "Most people said the visit before the move helped.")
        page.fill(f"#q-{QS[0]}--could-be-better", "Two relatives said nobody rang them back.")
        page.click('[data-ap-conv-do="next"]')                       # the Next button
        assert current_question(page) == QS[1]
        page.click(f"label[for='q-{QS[1]}-rating-not-sure']")
        page.keyboard.press("PageDown")                              # a clicker
        assert current_question(page) == QS[2]
        page.keyboard.press("PageUp")
        assert current_question(page) == QS[1]
        page.keyboard.press("ArrowRight")                            # arrow keys
        assert current_question(page) == QS[2]
        _swipe(page, 800, 300, 400)                                  # a finger, right to left
        assert current_question(page) == QS[3]
        _swipe(page, 300, 800, 400)                                  # and back
        assert current_question(page) == QS[2]
        page.click(f"label[for='q-{QS[2]}-rating-4']")
        assert "Saved" in page.inner_text("#ap-save-status")
        page.keyboard.press("PageDown")
        assert current_question(page) == QS[3]

        # Escape leaves and lands on the same question in the page
        page.keyboard.press("Escape")
        assert not page.evaluate("document.documentElement.classList.contains('ap-conv')")
        assert page.evaluate("document.activeElement.id") == f"q-{QS[3]}"
        box = page.locator(f"#q-{QS[3]}").bounding_box()
        assert 0 <= box["y"] < 768
        assert page.locator("h1").is_visible()
        # the page shows the answers, under the group, with the note field's own label back
        assert page.is_checked(f"#q-{QS[0]}-rating-3")
        assert page.is_checked(f"#q-{QS[1]}-rating-not-sure")
        assert page.is_checked(f"#q-{QS[2]}-rating-4")
        assert page.input_value(f"#q-{QS[0]}--working-well").startswith("Most people said")
        assert page.input_value(f"#q-{QS[0]}--could-be-better").startswith("Two relatives said")
        assert page.inner_text(f"label[for='q-{QS[0]}--working-well']") == "What is working well"
        assert page.locator(f"#q-{QS[0]}--could-be-better").is_visible()

        # coming back resumes at the question we were on, even after a reload
        wait_saved(page)
        page.reload()
        page.wait_for_selector("#ap-session:not([hidden])")
        start_conversation(page, None)
        assert current_question(page) == QS[3]
        assert page.locator("#ap-participant option:checked").inner_text() == GROUP
        page.keyboard.press("Escape")

        open_your_data(page, base_url)
        data = export_json(page)
        home = data["homes"][0]
        group = [p for p in home["participants"] if p["name"] == GROUP]
        assert len(group) == 1
        mine = {a["question"]: a for a in home["answers"] if a["participant"] == group[0]["id"]}
        assert mine[QS[0]]["rating"] == "3" and mine[QS[0]]["notes"]["working-well"].startswith("Most people said")
        assert mine[QS[0]]["notes"]["could-be-better"] == "Two relatives said nobody rang them back."
        assert "Two relatives" not in mine[QS[0]]["notes"]["working-well"]
        assert mine[QS[1]]["rating"] == "not-sure"
        assert mine[QS[2]]["rating"] == "4"
        # nobody else got them
        assert all(a["participant"] == group[0]["id"] for a in home["answers"])
        assert errors == []
    finally:
        ctx.close()


def test_an_existing_person_can_answer_together_and_finish_leads_on(page, base_url):
    open_theme(page, base_url, THEME)
    page.click('[data-ap-conv-do="open"]')
    # everyone already here is offered first; "Whole team" is the default person
    options = page.eval_on_selector_all("#ap-conv-who option:not([hidden])", "os => os.map(o => o.text)")
    assert options[0] == "Whole team" and GROUP in options and options.count("Whole team") == 1
    page.select_option("#ap-conv-who", label="Whole team")
    page.click('[data-ap-conv-do="begin"]')
    assert page.locator("#ap-participant option").count() == 1        # nobody new was added
    for _ in QS[:-1]:
        page.keyboard.press("PageDown")
    assert page.inner_text('[data-ap-conv-do="next"]') == "Finish"
    page.click('[data-ap-conv-do="next"]')
    assert not page.evaluate("document.documentElement.classList.contains('ap-conv')")
    assert page.evaluate("document.activeElement.tagName") == "H2"  # what comes after the questions
    # next time, the chooser offers the group that answered last
    page.reload()
    page.wait_for_selector("#ap-session:not([hidden])")
    page.click('[data-ap-conv-do="open"]')
    assert page.locator("#ap-conv-who option:checked").inner_text() == "Whole team"


def test_the_chooser_opens_and_closes_with_focus_where_it_should_be(page, base_url):
    open_theme(page, base_url, THEME)
    opener = page.locator('[data-ap-conv-do="open"]')
    opener.click()
    assert opener.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "ap-conv-who"
    page.click('#ap-conv-choose [data-ap-conv-do="cancel"]')
    assert opener.get_attribute("aria-expanded") == "false" and not page.is_visible("#ap-conv-choose")
    assert page.evaluate("document.activeElement.getAttribute('data-ap-conv-do')") == "open"
    opener.click()
    page.keyboard.press("Escape")
    assert not page.is_visible("#ap-conv-choose")
    assert page.evaluate("document.activeElement.getAttribute('data-ap-conv-do')") == "open"
    # nothing was added or changed by opening and closing it
    assert page.locator("#ap-participant option").count() == 1


def test_without_javascript_the_page_is_unchanged(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1024, "height": 768})
    page = ctx.new_page()
    try:
        page.goto(base_url + THEME)
        assert not page.locator("[data-ap-conv]").is_visible()
        assert not page.locator(".ap-textsize").is_visible()
        assert page.locator("#ap-questions .ap-question:visible").count() == len(QS)
        assert page.locator(f"#q-{QS[0]} textarea:visible").count() == 3
    finally:
        ctx.close()


def test_conversation_answers_show_in_the_results_under_the_groups_name(page, base_url):
    """Issue 13: answers given in conversation mode appear in the results, under the group."""
    start_conversation(page, base_url, who="Residents' meeting")
    first = current_question(page)
    page.click(f"label[for='q-{first}-rating-1']")
    page.keyboard.press("PageDown")
    second = current_question(page)
    page.click(f"label[for='q-{second}-rating-4']")
    page.locator("#ap-save-status").get_by_text("Saved").wait_for()
    page.keyboard.press("Escape")

    page.goto(base_url + "results/index.html")
    page.wait_for_selector("[data-ap-results][data-ap-ready]")
    assert "Residents' meeting" in page.inner_text('[data-ap-rs-fact="people"]')
    head = page.locator(".ap-rs-glance thead th").evaluate_all("els => els.map(e => e.textContent.trim())")
    assert any("Residents' meeting" in h for h in head), head
    # the group's average for the theme is the mean of its two ratings: 2.5
    row = page.locator(".ap-rs-glance tbody tr").first.inner_text()
    assert "2.5" in row, row
    # side by side: the group's rating sits next to the question it answered
    # (issue 20: side by side is a grid of questions by people; find the group's column)
    row = page.locator(f'tr.ap-rs-q[data-ap-question="{first}"]')
    heads = row.locator("xpath=ancestor::table[1]/thead/tr/th").all_inner_texts()
    col = next(i for i, h in enumerate(heads) if "Residents' meeting" in h)
    side = row.locator("xpath=./*").nth(col)
    assert "Not yet" in side.inner_text()


def test_a_note_in_could_be_better_shows_under_that_heading_in_the_results(page, base_url):
    """Issue 22: a complaint made in the meeting is kept as "What could be better" and shows under
    that heading in the Results, not under "What is working well"."""
    start_conversation(page, base_url, THEME)
    said = "The first night was lonely and nobody checked on him."
    page.fill(f"#q-{QS[0]}--could-be-better", said)
    page.locator("#ap-save-status").get_by_text("Saved").wait_for()
    page.keyboard.press("Escape")
    wait_saved(page)

    stored = page.evaluate("""(q) => {
      const out = [];
      for (let i = 0; i < localStorage.length; i++) {
        const v = localStorage.getItem(localStorage.key(i));
        if (v && v.includes(q)) out.push(v);
      }
      return out;
    }""", said)
    assert stored and all('"could-be-better":' + json.dumps(said) in v for v in stored), stored
    assert not any('"working-well":' + json.dumps(said) in v for v in stored)

    page.goto(base_url + "results/index.html")
    page.wait_for_selector("[data-ap-results][data-ap-ready]")
    row = page.locator(f'tr.ap-rs-q[data-ap-question="{QS[0]}"]')
    notes = row.locator("xpath=following-sibling::tr[1][contains(@class, 'ap-rs-notes-row')]")
    notes.locator("summary").click()
    line = notes.locator(".ap-rs-notes p", has_text=said)
    assert line.count() == 1 and line.is_visible()
    heading = line.locator(".ap-rs-notes__label")
    assert heading.is_visible()
    assert heading.inner_text().strip() == "What could be better:"
    assert "What is working well" not in line.inner_text()
    assert GROUP in notes.locator(".ap-rs-notes__who").first.inner_text()


SMALL_TEXT = """() => [...document.querySelectorAll('html.ap-conv .md-content *')]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden' &&
               [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(e => [parseFloat(getComputedStyle(e).fontSize), e.className || e.tagName, e.textContent.trim().slice(0, 40)])
  .filter(x => x[0] < 14)"""


@pytest.mark.parametrize("viewport", [(375, 812), (320, 640)], ids=["phone", "small-phone"])
def test_on_a_phone_no_words_in_conversation_mode_are_small(browser, base_url, viewport):
    """The room-sized type scales down on a small screen, but never below 14 px: the bar,
    the prompts, "Where are we now?" and the buttons stay readable on a relative's phone."""
    ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block")
    try:
        page = ctx.new_page()
        start_conversation(page, base_url)
        small = page.evaluate(SMALL_TEXT)
        assert not small, small
    finally:
        ctx.close()
