"""Helpers for the issue 13 tests (conversation mode, text size, reflow, states)."""
from __future__ import annotations

import json

from storage_util import PREFIX, open_theme

TEXT_SIZE_KEY = PREFIX + "text-size"
THEMES = ["managing-transitions", "maintaining-identity", "creating-community", "shared-decision-making",
          "improving-health", "end-of-life-care", "keeping-workforce-fit", "positive-culture"]


def set_text_size(page, size: str | None):
    """Choose a text size as the header control stores it, then reload so it applies before first paint."""
    if size in (None, "normal"):
        page.evaluate(f"localStorage.removeItem({json.dumps(TEXT_SIZE_KEY)})")
    else:
        page.evaluate(f"localStorage.setItem({json.dumps(TEXT_SIZE_KEY)}, JSON.stringify({json.dumps(size)}))")
    page.reload()


def start_conversation(page, base_url, theme="themes/managing-transitions.html", who=None):
    """Open a theme page and enter conversation mode as ``who`` (the default group if None)."""
    if base_url is not None:
        open_theme(page, base_url, theme)
    page.click('[data-ap-conv-do="open"]')
    if who:
        page.select_option("#ap-conv-who", label=who)
    page.click('[data-ap-conv-do="begin"]')
    page.wait_for_selector("html.ap-conv .ap-conv-current")


def current_question(page) -> str:
    return page.get_attribute(".ap-conv-current", "data-ap-question")


#: The part of the page's text that is wider than the viewport: every element in
#: the article whose box reaches past either edge, and the page's own scroll width.
OVERFLOW_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const wide = [];
  for (const e of document.querySelectorAll('article.md-content__inner *')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > vw + 1 || r.left < -1) {
      wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
  }
  return { viewport: vw, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 6) };
}"""


def focus_indicator(page) -> dict:
    """What shows where the keyboard focus is: its outline and box shadow (on it or on its tile)."""
    return page.evaluate("""() => {
      const e = document.activeElement;
      // past the last stop, focus leaves the page for the browser's own bar
      if (!e || e === document.body) return { tag: 'body', visible: true, left: true };
      const shows = (n) => {
        const s = getComputedStyle(n);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        const shadow = s.boxShadow && s.boxShadow !== 'none';
        return outline || shadow;
      };
      // a radio shows its focus on its tile (.ap-radio:has(input:focus-visible))
      const tile = e.closest('.ap-radio, .ap-textsize__choice');
      const visible = shows(e) || (tile !== null && e.matches(':focus-visible') && shows(tile));
      return { tag: e.tagName.toLowerCase(), id: e.id, text: (e.textContent || e.value || '').trim().slice(0, 40), visible };
    }""")
