"""Issue 22: start in one tap, always know whose answers you are giving, the
scale in order at every width, nothing covering the form, and conversation mode
readable across a room. Real Chromium; what a person sees and what is stored."""
from __future__ import annotations

import json

import pytest

from storage_util import PREFIX, THEME, choose_person, context, open_theme  # noqa: F401
from together_helpers import THEMES, set_text_size, start_conversation

pytestmark = pytest.mark.browser

QS = ["mt-before-the-move", "mt-key-worker", "mt-room-and-belongings", "mt-first-day",
      "mt-first-weeks", "mt-family-support", "mt-hospital-stays", "mt-moving-on"]

STORED_ANSWERS = f"""() => Object.keys(localStorage).filter(k => k.startsWith({json.dumps(PREFIX + 'h:')}) && k.includes(':a:'))
  .map(k => [k, JSON.parse(localStorage.getItem(k))])"""
PEOPLE = f"""() => Object.keys(localStorage).filter(k => k.startsWith({json.dumps(PREFIX + 'h:')}) && k.includes(':p:'))
  .map(k => JSON.parse(localStorage.getItem(k)).name)"""
IN_VIEW = """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; }"""


def _tablet(browser, width=768, height=1024):
    ctx = browser.new_context(viewport={"width": width, "height": height}, service_workers="block", has_touch=True)
    return ctx, ctx.new_page()


def test_from_the_home_page_a_first_answer_is_saved_in_two_taps_after_choosing_who(browser, base_url):
    ctx, page = _tablet(browser)
    try:
        page.goto(base_url + "index.html")
        answer = page.locator("[data-ap-start-answer]")
        assert answer.is_visible() and page.evaluate(IN_VIEW, "[data-ap-start-answer]")
        answer.tap()                                                       # tap 1
        page.wait_for_url("**/themes/*.html#ap-answer")
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert page.evaluate(IN_VIEW, "#ap-strip-participant")             # the first step is in view
        page.select_option("#ap-strip-participant", label="Manager")       # choosing who is answering
        page.locator(f"label[for='q-{QS[0]}-rating-3']").tap()             # tap 2
        page.locator('[data-ap-strip="status"]').get_by_text("Saved").wait_for()
        stored = page.evaluate(STORED_ANSWERS)
        assert len(stored) == 1 and stored[0][1]["rating"] == "3"
        assert page.evaluate(PEOPLE) == ["Manager"]
    finally:
        ctx.close()


def test_the_strip_shows_home_round_person_and_saved_while_answering_the_last_question(browser, base_url):
    ctx, page = _tablet(browser)
    try:
        open_theme(page, base_url, person="Day staff")
        page.locator(f"label[for='q-{QS[-1]}-rating-2']").tap()
        page.locator('[data-ap-strip="status"]').get_by_text("Saved").wait_for()
        assert page.evaluate(IN_VIEW, f"#q-{QS[-1]} .ap-radio")           # answering the last question
        assert page.evaluate(IN_VIEW, "#ap-strip")                         # and the strip is on screen
        strip = page.inner_text("#ap-strip")
        for words in ("Our home", "First round", "Saved"):
            assert words in strip
        assert page.locator("#ap-strip-participant option:checked").inner_text() == "Day staff"
        # it lets you change person from there
        page.select_option("#ap-strip-participant", label="Manager")
        assert not page.is_checked(f"#q-{QS[-1]}-rating-2")                # Manager's answers, not Day staff's
    finally:
        ctx.close()


def test_with_no_one_chosen_a_tap_on_a_rating_asks_who_first_and_saves_as_no_one_else(browser, base_url):
    ctx, page = _tablet(browser)
    try:
        page.goto(base_url + THEME)
        page.wait_for_selector("#ap-session:not([hidden])")
        assert page.locator("#ap-participant option:checked").inner_text() == "Choose who is answering"
        page.locator(f"label[for='q-{QS[1]}-rating-4']").tap()
        ask = page.locator("[data-ap-who-first]")
        ask.wait_for(state="visible")
        assert "Who is answering?" in ask.inner_text() and page.evaluate(IN_VIEW, "[data-ap-who-first]")
        page.fill(f"#q-{QS[1]}--working-well", "Typed before choosing")
        page.wait_for_timeout(900)
        assert page.evaluate(STORED_ANSWERS) == [] and page.evaluate(PEOPLE) == []   # nothing as anyone
        assert "Saved" not in page.inner_text("#ap-strip")
        # once they say who, what they gave is kept as them, and only them
        page.select_option("#ap-strip-participant", label="Relatives")
        page.locator('[data-ap-strip="status"]').get_by_text("Saved").wait_for()
        page.wait_for_timeout(300)
        stored = page.evaluate(STORED_ANSWERS)
        assert len(stored) == 1
        assert stored[0][1]["rating"] == "4" and stored[0][1]["notes"]["working-well"] == "Typed before choosing"
        assert page.evaluate(PEOPLE) == ["Relatives"]
    finally:
        ctx.close()


def test_choosing_someone_who_already_answered_never_overwrites_their_answer(browser, base_url):
    ctx, page = _tablet(browser)
    try:
        open_theme(page, base_url, person="Manager")
        page.check(f"#q-{QS[0]}-rating-1")
        page.wait_for_timeout(300)
        # this device forgets who was answering (as after an import): no one is chosen
        page.evaluate(f"() => Object.keys(localStorage).filter(k => k.endsWith(':sel')).forEach(k => localStorage.removeItem(k))")
        page.reload()
        page.wait_for_selector("#ap-session:not([hidden])")
        assert page.locator("#ap-strip-participant option:checked").inner_text() == "Choose who is answering"
        page.check(f"#q-{QS[0]}-rating-4")
        page.select_option("#ap-strip-participant", label="Manager")
        page.wait_for_timeout(300)
        stored = page.evaluate(STORED_ANSWERS)
        assert [a["rating"] for _, a in stored] == ["1"] and page.is_checked(f"#q-{QS[0]}-rating-1")
    finally:
        ctx.close()


SCALE_JS = """() => {
  const out = [];
  for (const fs of document.querySelectorAll('#ap-questions .ap-question')) {
    const tiles = [...fs.querySelectorAll('.ap-radios__scale .ap-radio')].map(t => t.getBoundingClientRect());
    const row = tiles.every((r, i) => i === 0 || (Math.abs(r.top - tiles[0].top) < 1 && r.left > tiles[i - 1].right - 1));
    const col = tiles.every((r, i) => i === 0 || (Math.abs(r.left - tiles[0].left) < 1 && r.top > tiles[i - 1].bottom - 1));
    const unsure = fs.querySelector('.ap-radio--not-sure').getBoundingClientRect();
    const apart = unsure.top > Math.max(...tiles.map(r => r.bottom));
    // a word of a label broken across two lines shows as two boxes for that one word
    const broken = [];
    for (const label of fs.querySelectorAll('.ap-radio__label')) {
      const text = label.firstChild;
      let at = 0;
      for (const word of text.textContent.split(' ')) {
        const range = document.createRange();
        range.setStart(text, at); range.setEnd(text, at + word.length);
        if (range.getClientRects().length > 1) broken.push(word);
        at += word.length + 1;
      }
    }
    out.push({ q: fs.getAttribute('data-ap-question'), row, col, apart, broken, n: tiles.length });
  }
  return out;
}"""

COVERED_JS = """() => {
  // every control of the form whose centre is on screen now: is it what a tap there reaches?
  // the bars that stay at the top (the header, and the strip once it is stuck under it) are
  // where the page scrolls away beneath; a control counts once it is below them
  const top = Math.max(0, ...[...document.querySelectorAll('.md-header, #ap-strip')].map(e => {
    const r = e.getBoundingClientRect(), pos = getComputedStyle(e).position;
    return (pos === 'sticky' || pos === 'fixed') && r.height > 0 && r.top < 60 ? r.bottom : 0; }));
  const hidden = [];
  for (const c of document.querySelectorAll('article input, article textarea, article select, article button, article a.ap-button')) {
    if (!c.offsetParent || c.closest('template') || c.closest('[hidden]')) continue;
    const target = c.type === 'radio' ? c.closest('.ap-radio') : c;
    const r = target.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (r.width === 0 || x < 0 || y < top || x > innerWidth || y > innerHeight) continue;
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(target.contains(hit) || hit.contains(target) || (hit.closest('label') && hit.closest('label').control === c)))
      hidden.push((c.id || c.textContent.trim().slice(0, 30)) + ' under ' + (hit ? hit.tagName + '.' + hit.className : 'nothing'));
  }
  return hidden;
}"""


@pytest.mark.parametrize("size", ["normal", "larger"])
@pytest.mark.parametrize("width", [768, 1024])
def test_the_scale_is_one_row_or_one_column_and_nothing_covers_the_form(browser, base_url, width, size):
    ctx, page = _tablet(browser, width, 1024 if width == 768 else 768)
    try:
        open_theme(page, base_url)
        set_text_size(page, size)
        page.wait_for_selector("#ap-session:not([hidden])")
        page.check(f"#q-{QS[0]}-rating-2")
        for q in page.evaluate(SCALE_JS):
            assert q["n"] == 4 and (q["row"] or q["col"]), q
            assert q["apart"] and not q["broken"], q
        # from the end of the page back up, a screen at a time, as a person scrolls back
        # (when Material's "Back to top" button would show), nothing covers a control
        page.keyboard.press("End")
        page.wait_for_timeout(300)
        covered = []
        for _ in range(60):
            page.mouse.wheel(0, -500)
            page.wait_for_timeout(150)
            covered += page.evaluate(COVERED_JS)
            if page.evaluate("scrollY") < 10:
                break
        assert covered == []
    finally:
        ctx.close()


@pytest.mark.parametrize("size", ["normal", "larger"])
def test_conversation_mode_reads_across_a_room_for_every_question_of_every_theme(browser, base_url, size):
    ctx, page = _tablet(browser, 1024, 768)
    problems = []
    try:
        page.goto(base_url + "index.html")
        set_text_size(page, size)  # issue 22: "Larger" fits too, both note boxes included
        for theme in THEMES:
            start_conversation(page, base_url, f"themes/{theme}.html")
            total = page.locator("#ap-questions [data-ap-question]").count()
            for n in range(total):
                f = page.evaluate("""() => {
                  const q = document.querySelector('.ap-conv-current');
                  const px = (e) => parseFloat(getComputedStyle(e).fontSize);
                  const a = document.querySelector('article.md-content__inner');
                  const all = [...q.querySelectorAll('.ap-radio__label, .ap-radio .ap-hint')];
                  const off = [...q.querySelectorAll('legend, .ap-prompts, .ap-radio, .ap-conv-note textarea')]
                    .filter(e => { const r = e.getBoundingClientRect(); return r.top < 0 || r.bottom > innerHeight; }).length;
                  return { q: q.getAttribute('data-ap-question'), question: px(q.querySelector('.ap-question__text')),
                           answers: Math.min(...all.map(px)), off, scrolls: a.scrollHeight > a.clientHeight + 1,
                           boxes: [...q.querySelectorAll('.ap-conv-note textarea')].filter(t => t.offsetWidth > 0).length };
                }""")
                if f["question"] < 36 or f["answers"] < 28 or f["off"] or f["scrolls"] or f["boxes"] != 2:
                    problems.append(f"{theme}: {f}")
                if n < total - 1:
                    page.keyboard.press("PageDown")
            page.keyboard.press("Escape")
    finally:
        ctx.close()
    assert not problems, "\n".join(problems[:10])


def test_the_home_page_says_where_you_left_off_and_carries_on_in_one_tap(browser, base_url):
    ctx, page = _tablet(browser)
    try:
        page.goto(base_url + "index.html")
        assert not page.locator("[data-ap-start-back]").is_visible()
        assert page.locator("[data-ap-start-example]").is_visible()       # nothing saved yet
        open_theme(page, base_url, "themes/maintaining-identity.html", person="Night staff")
        page.check("#ap-questions input[type=radio] >> nth=0")
        page.wait_for_timeout(300)
        page.goto(base_url + "index.html")
        back = page.locator("[data-ap-start-back]")
        back.wait_for(state="visible")
        text = back.inner_text()
        for words in ("Our home", "First round", "Night staff", "Maintaining identity", "1 of 8 themes"):
            assert words in text, text
        assert not page.locator("[data-ap-start-example]").is_visible()
        page.locator("[data-ap-start-carry]").tap()
        page.wait_for_selector("#ap-strip")
        assert page.url.split("#")[0].endswith("themes/maintaining-identity.html")
        assert page.locator("#ap-strip-participant option:checked").inner_text() == "Night staff"
    finally:
        ctx.close()


def test_the_example_home_alone_is_not_where_you_left_off(browser, base_url):
    """Loading the example home on the Results page is looking, not answering: the home page
    does not welcome you back to it or offer to carry on answering in it."""
    from screen_checks import load_example_home

    ctx, page = _tablet(browser)
    try:
        load_example_home(page, base_url)
        page.goto(base_url + "index.html")
        page.wait_for_selector("[data-ap-start]")
        assert not page.locator("[data-ap-start-back]").is_visible(), page.locator("[data-ap-start-back]").inner_text()
        assert not page.locator("[data-ap-start-themes]").is_visible()
        assert page.locator("[data-ap-start-example]").is_visible()
    finally:
        ctx.close()


def test_a_theme_page_gets_to_the_point(browser, base_url):
    ctx, page = _tablet(browser)
    try:
        page.goto(base_url + THEME)
        assert page.evaluate(IN_VIEW, ".ap-theme-lead") and page.evaluate(IN_VIEW, ".ap-to-questions a")
        page.locator(".ap-to-questions a").tap()
        page.wait_for_timeout(500)
        assert page.evaluate(IN_VIEW, "#ap-answer")
        for sel in ("#ap-theme-notes", "#ap-actions"):
            note = page.locator(sel).locator("xpath=preceding-sibling::p[contains(@class, 'ap-whole-home')][1]")
            assert "whole home" in note.inner_text()
    finally:
        ctx.close()


def test_finish_says_how_many_were_answered_and_not_sure_and_where_next(browser, base_url):
    ctx, page = _tablet(browser, 1024, 768)
    try:
        start_conversation(page, base_url, THEME)
        page.click(f"label[for='q-{QS[0]}-rating-3']")
        page.keyboard.press("PageDown")
        page.click(f"label[for='q-{QS[1]}-rating-not-sure']")
        for _ in QS[2:]:
            page.keyboard.press("PageDown")
        page.click('[data-ap-conv-do="next"]')                         # Finish
        done = page.locator("[data-ap-conv-done]")
        done.wait_for(state="visible")
        text = done.inner_text()
        assert "2 of 8 questions" in text and '1 of them are "not sure"' in text, text
        for name in ("Our main points", "Our actions", "Next theme: Maintaining identity"):
            assert done.get_by_role("link", name=name).is_visible()
        done.get_by_role("link", name="Next theme: Maintaining identity").click()
        page.wait_for_url("**/themes/maintaining-identity.html#ap-answer")
    finally:
        ctx.close()


def test_a_new_round_three_months_later_opens_filled_in_from_the_review_notice(browser, base_url):
    import datetime as dt
    ctx, page = _tablet(browser)
    try:
        open_theme(page, base_url, person="Manager")
        page.check(f"#q-{QS[0]}-rating-2")
        page.wait_for_timeout(300)
        later = dt.datetime.now() + dt.timedelta(days=100)
        page.clock.set_fixed_time(later)
        page.goto(base_url + "index.html")
        notice = page.locator("[data-ap-review-notice]")
        notice.wait_for(state="visible")
        notice.get_by_role("link").click()
        page.wait_for_url("**#ap-new-round")
        form = page.locator("#ap-new-round")
        form.wait_for(state="visible")
        assert page.evaluate(IN_VIEW, "#ap-new-round-title")
        assert page.input_value("#ap-new-round-date") == later.strftime("%Y-%m-%d")
        assert page.input_value("#ap-new-round-title") == later.strftime("%B %Y")
    finally:
        ctx.close()


def test_answer_together_on_the_home_page_opens_the_chooser(browser, base_url):
    ctx, page = _tablet(browser)
    try:
        page.goto(base_url + "index.html")
        page.get_by_role("link", name="Answer together").tap()
        page.wait_for_url("**#ap-conv-start")
        page.wait_for_load_state("load")
        page.locator("#ap-conv-choose").wait_for(state="visible")
        page.wait_for_timeout(300)
        assert page.evaluate(IN_VIEW, "#ap-conv-who")
    finally:
        ctx.close()
