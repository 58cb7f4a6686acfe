"""What a person sees on a page, measured in the browser (issue 19).

Shared by the tests (tests/test_screen_truth.py, tests/test_reflow.py) and the
screenshots script (tests/screens.py). Each check is one JavaScript function for
``page.evaluate`` that returns a list of short, readable findings; an empty list
means nothing is wrong.
"""
from __future__ import annotations

#: Our parts of the page: the article, and our own controls outside it (the text
#: size control in the header, the update notice). Material's own header and
#: menus show and hide their buttons by screen width, which is theirs to do.
OURS = "article.md-content__inner, .ap-textsize, .ap-update"

_DESCRIBE = r"""
  const describe = (e) => {
    // the words a person reads on it (a state said only to screen readers, such as "sorted", is not its name here)
    const own = (n) => [...n.childNodes].map(c => c.nodeType === 3 ? c.textContent : (c.nodeType === 1 && !c.classList.contains('ap-visually-hidden') ? own(c) : '')).join('');
    const text = (e.getAttribute('aria-label') || own(e) || e.value || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    const id = e.id ? '#' + e.id : '';
    const data = [...e.attributes].filter(a => a.name.startsWith('data-ap')).map(a => '[' + a.name + (a.value ? '=' + a.value.slice(0, 24) : '') + ']').join('');
    return e.tagName.toLowerCase() + id + data + (text ? ' "' + text + '"' : '');
  };
  const seen = (e) => {
    if (!e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
"""

#: Every button and link-button in our markup, as
#: ``{key, meant, seen, inside}``: ``meant`` when neither it nor a container carries
#: ``hidden`` (and it is not a part of a mode that is off, or a part for when
#: JavaScript is off; in conversation mode, only that mode's parts); ``seen`` when a person can see it (visible, a box with a
#: size); ``inside`` when that box is within the page's edges.
BUTTONS_JS = "() => {" + _DESCRIBE + r"""
  const conv = document.documentElement.classList.contains('ap-conv');
  const sel = 'button, input[type=button], input[type=submit], a.ap-button, a.md-button, [role=button]';
  const meant = (e) => !e.closest('[hidden], .ap-nojs, .ap-print-copy, .ap-visually-hidden')
    && (conv ? !!e.closest('[data-ap-conv-part], .ap-conv-current') : !e.closest('[data-ap-conv-part]'));
  const doc = document.documentElement;
  const out = [];
  for (const root of document.querySelectorAll(OURS)) {
    for (const e of root.querySelectorAll(sel)) {
      if (e.closest('template')) continue;
      // a button in a labelled region that scrolls sideways is reached by scrolling it: the region's box counts
      const region = e.closest('[role=region][tabindex]');
      const scrolls = region && /auto|scroll/.test(getComputedStyle(region).overflowX);
      const r = (scrolls ? region : e).getBoundingClientRect();
      const left = r.left + window.scrollX, right = r.right + window.scrollX;
      const inside = !(left < -1 || right > Math.max(doc.scrollWidth, doc.clientWidth) + 1 || r.top + window.scrollY < -1);
      out.push({ key: describe(e), meant: meant(e), seen: seen(e), inside });
    }
  }
  return out;
}""".replace("OURS", repr(OURS))


def hidden_buttons(page) -> list[str]:
    """Buttons meant to be shown now that no one can see, or that sit outside the page."""
    out = []
    for b in page.evaluate(BUTTONS_JS):
        if b["meant"] and not b["seen"]:
            out.append(b["key"] + ": cannot be seen")
        elif b["meant"] and not b["inside"]:
            out.append(b["key"] + ": outside the page")
    return list(dict.fromkeys(out))


class NeverSeen:
    """Buttons of a page seen in none of the states visited: the markup holds a
    button that nothing ever shows. Call ``visit(page)`` in each state, then
    ``never()``."""

    def __init__(self):
        self.all: dict[str, bool] = {}

    def visit(self, page):
        for b in page.evaluate(BUTTONS_JS):
            self.all[b["key"]] = self.all.get(b["key"], False) or b["seen"]

    def never(self) -> list[str]:
        return [k + ": in the markup, but shown in none of the states visited" for k, s in self.all.items() if not s]


#: Errors and warnings a person can see: red messages, alerts, the storage warning,
#: a field marked wrong. On a page where nothing is wrong, this must be empty.
VISIBLE_ALARMS_JS = "() => {" + _DESCRIBE + r"""
  const sel = '.ap-error, [role=alert], .ap-alert, [data-ap-storage-alert], [data-ap-import-error], [aria-invalid=true]';
  return [...document.querySelectorAll(sel)].filter(e => seen(e) && (e.textContent.trim() || e.matches('input, select, textarea')))
    .map(e => describe(e) + ': shows');
}"""

#: The page is wider than the screen (it scrolls sideways), and any box in our part
#: of the page that scrolls sideways on its own without being a labelled region
#: (role=region, a name, tabindex=0) that shows it scrolls (a shadow or fade at
#: its edge, or a visible hint inside or next to it).
OVERFLOW_JS = "() => {" + _DESCRIBE + r"""
  const doc = document.documentElement, vw = doc.clientWidth;
  const out = [];
  if (doc.scrollWidth > vw + 1) {
    const wide = [...document.querySelectorAll('body *')].filter(e => {
      const r = e.getBoundingClientRect();
      return (r.width || r.height) && r.right > vw + 1 && getComputedStyle(e).position !== 'fixed';
    });
    // the outermost ones say where it comes from
    const top = wide.filter(e => !wide.some(o => o !== e && o.contains(e))).slice(0, 4);
    out.push('the page is ' + (doc.scrollWidth - vw) + ' px wider than the screen (' + vw + ' px): '
      + top.map(e => describe(e).slice(0, 60) + ' to ' + Math.round(e.getBoundingClientRect().right)).join('; '));
  }
  for (const e of document.querySelectorAll('article.md-content__inner *')) {
    if (e.scrollWidth <= e.clientWidth + 1 || !seen(e)) continue;
    const s = getComputedStyle(e);
    if (!['auto', 'scroll'].includes(s.overflowX)) continue;
    const named = e.getAttribute('role') === 'region' && (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby'))
      && e.tabIndex === 0;
    const hint = e.querySelector('[data-ap-scroll-hint]') || (e.previousElementSibling && e.previousElementSibling.matches('[data-ap-scroll-hint]'));
    const shows = s.backgroundImage !== 'none' || (s.boxShadow && s.boxShadow !== 'none') || (hint && seen(hint));
    if (!named) out.push(describe(e) + ': scrolls sideways but is not a labelled region (role=region, aria-label, tabindex=0)');
    else if (!shows) out.push(describe(e) + ': scrolls sideways with nothing to show it does');
  }
  return out;
}"""

#: Text a person can see that is smaller than 12 px on screen.
SMALL_TEXT_JS = "() => {" + _DESCRIBE + r"""
  const out = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const e = n.parentElement;
    if (!e || e.closest('script, style, template, noscript, .ap-visually-hidden, .md-visually-hidden') || !seen(e)) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    // SVG text is drawn at its scaled size
    let shown = size;
    if (e instanceof SVGGraphicsElement && e.getScreenCTM()) { const m = e.getScreenCTM(); shown = size * Math.hypot(m.a, m.b); }
    if (shown < 11.95) {
      const key = describe(e).slice(0, 70);
      if (!out.has(key)) out.set(key, key + ': ' + shown.toFixed(1) + ' px');
    }
  }
  return [...out.values()].slice(0, 8);
}"""


def findings(page, *, alarms_expected: bool = False) -> list[str]:
    """Everything these checks find wrong on the page as it is now."""
    found = page.evaluate(OVERFLOW_JS) + hidden_buttons(page) + page.evaluate(SMALL_TEXT_JS)
    if not alarms_expected:
        found += page.evaluate(VISIBLE_ALARMS_JS)
    return found


def ten_people_file(question_ids: dict[str, list[str]]) -> dict:
    """An export of a home where ten people with long names answered every question
    in two rounds, with long notes (one holds a long web address, which has no
    place to break) and long actions: the page must hold them all at any width.
    ``question_ids``: theme id -> its question ids."""
    long_word = "https://www.example.org/our-home/resident-meetings/notes/2031-spring-meeting-minutes.pdf"
    people = [{"id": f"p{n}", "created": "2031-01-01T09:00:00.000Z",
               "name": f"Relatives of residents on the first floor, Honeysuckle and Wisteria wings, group {n}"}
              for n in range(1, 11)]
    rounds = [{"id": f"r{n}", "title": f"Round {n}: the whole home together, with relatives and night staff",
               "date": f"2031-0{n * 3}-01", "home": "Honeysuckle House", "reopened": False,
               "created": f"2031-0{n * 3}-01T09:00:00.000Z"} for n in (1, 2)]
    note = ("We talked about this for a long time and everyone had something to say about it. "
            "The minutes are at " + long_word + " for anyone who missed the meeting. ") * 2
    answers = []
    for r_i, r in enumerate(rounds):
        for p_i, p in enumerate(people):
            for theme, qids in question_ids.items():
                for q_i, q in enumerate(qids):
                    rating = ["1", "2", "3", "4", "not-sure"][(p_i + q_i + r_i) % 5]
                    answers.append({"round": r["id"], "participant": p["id"], "question": q, "theme": theme,
                                    "rating": rating, "notes": {"working-well": note, "could-be-better": note}})
    actions = [{"id": f"a{n}", "theme": theme, "created": "2031-01-01T09:00:00.000Z",
                "fields": {"what": note, "first-step": note, "lead": "Deputy manager and the night staff team leader",
                           "by-when": "2031-02-01", "status": "in-progress", "review-date": "2031-05-01"}}
               for n, theme in enumerate(question_ids)]
    return {
        "format": "care-home-action-plan/answers", "format_version": 1,
        "exported": "2031-06-02T10:00:00.000Z",
        "question_set": {"title": "Care home action plan", "version": 1, "hash": "abc"},
        "homes": [{"id": "honeysuckle", "name": "Honeysuckle House", "created": "2031-01-01T09:00:00.000Z",
                   "rounds": rounds, "participants": people, "answers": answers,
                   "theme_notes": [{"round": "r2", "theme": t, "notes": {"main-points": note}} for t in question_ids],
                   "actions": actions}],
    }


def load_example_home(page, base_url):
    """The example home, loaded as a person does: "Load the example home" on the Results page."""
    page.goto(base_url + "results/index.html")
    page.click('[data-ap-rs-do="load-sample"]')
    page.wait_for_selector("[data-ap-rs-example-showing]", state="visible")


def load_file(page, base_url, data: dict):
    """Import an export on "Your data", replacing what the device holds."""
    import json

    page.goto(base_url + "your-data.html")
    page.wait_for_selector("[data-ap-yd]:not([hidden])")
    page.set_input_files("#ap-import-file", files=[{"name": "answers.json", "mimeType": "application/json",
                                                    "buffer": json.dumps(data).encode()}])
    page.locator("[data-ap-import-choice]").wait_for(state="visible")
    page.click('[data-ap-do="import-replace"]')
    page.wait_for_function("document.querySelector('[data-ap-import-done]').textContent.length > 0")


def question_ids(root) -> dict[str, list[str]]:
    """Theme id -> its question ids, from the content."""
    from actionplan import load_toolkit

    return {t.id: [q.id for q in t.questions] for t in load_toolkit(root / "content").themes}
