"""Reflow and text size (issue 13), on every built page, in real Chromium.

- 320 px wide (WCAG 1.4.10), at normal and "larger" text: no element of the
  article is wider than the viewport and nothing scrolls sideways;
- 640 px wide, which is what a 1280 px screen shows at 200% zoom;
- 768 px wide at "larger": nothing scrolls sideways and no two controls overlap;
- a phone on its side (844 x 390);
- with data in (issue 19): the example home loaded, or a home of ten people with
  long names and long notes, at 320, 375, 768 and 1024 px, normal and "larger":
  no page scrolls sideways, and a box that scrolls sideways on its own is a
  labelled region that shows it scrolls.
Also: the text size control is labelled, big enough, works by keyboard and is
remembered; animations and smooth scrolling stop when the system asks for less motion.
"""
from __future__ import annotations

import json

import pytest

from conftest import ROOT
from screen_checks import OVERFLOW_JS as SCREEN_OVERFLOW_JS
from screen_checks import load_example_home, load_file, question_ids, ten_people_file
from storage_util import context  # noqa: F401
from together_helpers import OVERFLOW_JS, TEXT_SIZE_KEY, set_text_size

pytestmark = pytest.mark.browser

#: Pairs of visible controls in the article whose boxes overlap.
OVERLAP_JS = """() => {
  const sel = 'article.md-content__inner :is(a, button, input, select, textarea, label, legend, h1, h2, h3)';
  const els = [...document.querySelectorAll(sel)].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
  });
  const out = [];
  const boxes = els.map(e => e.getBoundingClientRect());
  for (let i = 0; i < els.length; i++) for (let j = i + 1; j < els.length; j++) {
    if (els[i].contains(els[j]) || els[j].contains(els[i])) continue;
    // a radio and its own label, or a label and its control, sit side by side by design
    const a = boxes[i], b = boxes[j];
    const ix = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const iy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (ix > 2 && iy > 2) out.push(els[i].tagName + '#' + els[i].id + ' / ' + els[j].tagName + '#' + els[j].id);
  }
  return out.slice(0, 6);
}"""


def _pages(site_dir):
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


CASES = {
    "320-normal": ((320, 640), None, False),
    "320-larger": ((320, 640), "larger", False),
    "zoom-200": ((640, 400), None, False),
    "768-larger": ((768, 1024), "larger", True),
    "phone-landscape": ((844, 390), None, False),
    "phone-landscape-large": ((844, 390), "large", False),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_every_page_reflows(browser, site_dir, base_url, case):
    (w, h), size, overlaps = CASES[case]
    ctx = browser.new_context(viewport={"width": w, "height": h}, service_workers="block")
    page = ctx.new_page()
    problems = {}
    try:
        page.goto(base_url + "index.html")
        set_text_size(page, size)
        for rel in _pages(site_dir):
            page.goto(base_url + rel)
            page.wait_for_load_state("load")
            if size:
                assert page.get_attribute("html", "data-ap-text-size") == size
            r = page.evaluate(OVERFLOW_JS)
            if r["scrollWidth"] > r["viewport"] or r["wide"]:
                problems[rel] = r
            if overlaps:
                o = page.evaluate(OVERLAP_JS)
                if o:
                    problems[rel + " (overlap)"] = o
    finally:
        ctx.close()
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


#: With data in: name -> (viewport, text size, every page or only those that show answers).
DATA_CASES = {
    "320-normal": ((320, 640), None, "all"),
    "320-larger": ((320, 640), "larger", "all"),
    "375-normal": ((375, 812), None, "all"),
    "375-larger": ((375, 812), "larger", "all"),
    "768-normal": ((768, 1024), None, "data"),
    "768-larger": ((768, 1024), "larger", "data"),
    "1024-normal": ((1024, 768), None, "data"),
    "1024-larger": ((1024, 768), "larger", "data"),
}


def _data_pages(site_dir):
    """The pages that show what is stored: the home page, the theme pages, Your data, Results."""
    return ["index.html", "your-data.html", "results/index.html"] + sorted(
        p.relative_to(site_dir).as_posix() for p in (site_dir / "themes").glob("*.html"))


@pytest.mark.parametrize("data", ["example home", "ten people"])
@pytest.mark.parametrize("case", list(DATA_CASES), ids=list(DATA_CASES))
def test_every_page_reflows_with_data_in(browser, site_dir, base_url, case, data):
    (w, h), size, which = DATA_CASES[case]
    if data == "ten people" and which == "all":
        which = "data"  # the other pages show nothing stored; the example home covers them
    ctx = browser.new_context(viewport={"width": w, "height": h}, service_workers="block")
    page = ctx.new_page()
    problems = {}
    try:
        page.goto(base_url + "index.html")
        set_text_size(page, size)
        if data == "example home":
            load_example_home(page, base_url)
        else:
            load_file(page, base_url, ten_people_file(question_ids(ROOT)))
        for rel in _pages(site_dir) if which == "all" else _data_pages(site_dir):
            page.goto(base_url + rel)
            found = page.evaluate(SCREEN_OVERFLOW_JS)
            if found:
                problems[rel] = found
    finally:
        ctx.close()
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_text_size_is_chosen_in_the_header_by_keyboard_and_remembered(page, base_url):
    page.goto(base_url + "themes/managing-transitions.html")
    page.wait_for_selector("#ap-session:not([hidden])")
    before = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article')).fontSize)")
    session_before = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#ap-participant')).fontSize)")
    toggle = page.get_by_role("button", name="Text size")
    box = toggle.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.value") == "normal"
    page.keyboard.press("ArrowDown")                  # Large
    page.keyboard.press("ArrowDown")                  # Larger
    assert page.get_attribute("html", "data-ap-text-size") == "larger"
    assert page.evaluate(f"localStorage.getItem({json.dumps(TEXT_SIZE_KEY)})") == '"larger"'
    for choice in page.locator(".ap-textsize__choice").all():
        cb = choice.bounding_box()
        assert cb["height"] >= 44
    page.keyboard.press("Escape")                     # closes, focus back on the button
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('ap-textsize__toggle')")
    after = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article')).fontSize)")
    session_after = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#ap-participant')).fontSize)")
    assert after >= before * 1.45 and session_after >= session_before * 1.45  # the form scales too
    # remembered on the next page, before the first paint
    page.goto(base_url + "guidance/how-to-use.html")
    assert page.get_attribute("html", "data-ap-text-size") == "larger"
    page.get_by_role("button", name="Text size").click()
    page.get_by_label("Normal").check()
    assert page.get_attribute("html", "data-ap-text-size") is None
    assert page.evaluate(f"localStorage.getItem({json.dumps(TEXT_SIZE_KEY)})") is None


def test_reduced_motion_turns_off_smooth_scrolling_and_transitions(browser, base_url):
    ctx = browser.new_context(reduced_motion="reduce", viewport={"width": 1024, "height": 768})
    page = ctx.new_page()
    try:
        page.goto(base_url + "themes/managing-transitions.html")
        style = page.evaluate("""() => {
          const s = (sel) => getComputedStyle(document.querySelector(sel));
          return { scroll: getComputedStyle(document.documentElement).scrollBehavior,
                   header: s('.md-header').transitionDuration, nav: s('.md-nav__link').transitionDuration,
                   top: s('.md-top').transitionDuration };
        }""")
        assert style["scroll"] == "auto"
        for part in ("header", "nav", "top"):
            assert all(float(d.rstrip("s")) <= 0.001 for d in style[part].split(", ")), style
    finally:
        ctx.close()
