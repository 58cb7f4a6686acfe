"""The Results page (issue 11): its words, its sample data, and rendering.

``content/results.yml`` holds every word on the page; it is checked like the
rest of the content (file, line and fix for each mistake), including that each
word template keeps the ``{slots}`` the script fills in.
``content/sample-home.json`` is the example home a manager can load to see the
page full; it is checked against the question set and shipped as a classic
script (``assets/javascripts/sample-home.js``), since fetch() does not work from
file://. Like render.py, this module knows nothing of MkDocs.

``Results(renderer, content_dir)`` (or ``None`` from ``load_results`` when the
content has no results.yml) gives ``pages()``, ``assets()`` and ``expand_nav``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import markdown as _markdown
from markupsafe import Markup

from .errors import ContentError, ContentErrors
from .model import EXAMPLE_HOME_ID
from .render import HtmlPage, Renderer
from .reports import Reports, load_reports
from .schema import Field, Schema, whole_number_problem
from .words import load_words
from .yamlload import read_text

RESULTS_FILE = "results.yml"
SAMPLE_FILE = "sample-home.json"
PAGE = "results/index.md"
AFTER_IN_NAV = "worksheets/index.md"  # the Results entry comes after this one (or last)
SAMPLE_JS = "assets/javascripts/sample-home.js"
SAMPLE_HOME_ID = EXAMPLE_HOME_ID  # the example home's fixed id: how the pages know it
# The example home's limits (issue 19): the most people, rounds and actions it may
# hold, and the whole numbers its rounds and actions may use.
SAMPLE_MOST = {"people": 50, "rounds": 24, "actions": 200}
MONTHS_AGO = (0, 120)
BY_WHEN_DAYS = (-3650, 3650)

# section -> {word: the slots its template must keep}
WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "choose": {"heading": (), "home": (), "round": (), "people": (), "people_hint": (), "print": (),
               "print_hint": ()},
    "report": {"home": (), "round": (), "date": (), "people": (), "none": ()},
    "method": {"heading": (), "text": (), "scale": ("scale",)},
    "bar": {"label": (), "glance": (), "talk": (), "side": (), "progress": (), "plan": ()},
    "glance": {"heading": (), "intro": (), "caption": ("round",), "theme": (), "home": (),
               "answered": ("n",), "not_sure": ("n",), "none": (), "see": (), "key": ()},
    "side": {"heading": (), "intro": (), "flag": (), "flagged_first": (), "who": (), "rating": (),
             "notes": (), "no_answer": (), "open_theme": (), "none": (), "question": (),
             "show_notes": ("n",), "unanswered": ("n",)},
    "talk": {"heading": (), "intro": (), "spread": (), "spread_item": ("question", "theme", "low", "high"),
             "not_sure": (), "not_sure_item": ("question", "theme", "n"), "lowest": (),
             "lowest_item": ("theme", "average", "words"), "none_spread": (), "none_not_sure": (),
             "none_lowest": ()},
    "progress": {"heading": (), "intro": (), "caption": (), "chart_label": ("theme", "points"),
                 "point": ("round", "value"), "no_value": (), "table_note": (), "theme": (), "changes": (),
                 "up": ("theme", "from", "to"), "down": ("theme", "from", "to"), "same": ("theme", "to"),
                 "no_change_data": ()},
    "actions": {"heading": (), "intro": (), "filter_theme": (), "filter_status": (), "filter_lead": (),
                "all": (), "table_caption": (), "counts_label": (), "count": ("status", "n"), "shown": ("n", "total"),
                "overdue": (), "due_soon": (), "no_date": (), "theme": (), "what": (), "first_step": (),
                "lead": (), "by_when": (), "status": (), "none_match": (), "review_heading": (),
                "review_next": ("date", "months"), "review_due": ("date",), "review_none": (),
                "new_round": (), "filters": (), "filter_late": (), "clear_filters": (),
                "status_of": ("status", "what"), "saved": (), "not_saved": ()},
    "review_notice": {"text": ("date",), "link": ()},
    "empty": {"no_answers": (), "no_answers_link": (), "one_person": (), "one_round": (), "no_actions": ()},
    "example": {"heading": (), "intro": (), "load": (), "loaded": (), "showing": (), "remove": (),
                "removed": (), "remove_ask": (), "remove_yes": (), "remove_no": (), "kept": ("name",),
                "kept_name": ()},
}
MARKDOWN_WORDS = {("method", "text")}

RESULTS = Schema("the results page", {
    "title": Field("text", help="the heading of the page"),
    "nav_title": Field("text", help="the name in the navigation"),
    "description": Field("text"),
    "intro": Field("markdown"),
    "no_script": Field("text", help="shown when JavaScript is off"),
    "scroll_hint": Field("text", help="above a table wider than the screen"),
    **{section: Field("mapping", schema=Schema(f'the "{section}" words', {
        name: Field("markdown" if (section, name) in MARKDOWN_WORDS else "text") for name in names}))
       for section, names in WORDS.items()},
})



@dataclass
class Results:
    renderer: Renderer
    words: dict
    sample: dict | None
    reports: Reports | None = None  # the printed reports (reports.py), linked from the page

    def __post_init__(self):
        # authored Markdown inside the page's HTML (the worksheets add the same filter)
        self.renderer.env.filters.setdefault("markdown", lambda text: Markup(_markdown.markdown(text or "")))

    # ------------------------------------------------------------- pages
    def pages(self) -> dict[str, HtmlPage]:
        toolkit = self.renderer.toolkit
        status = next((f for f in toolkit.settings["actions"]["fields"] if f["id"] == "status"), None)
        meta = {"title": self.words["title"], "description": self.words["description"],
                "ap_kind": "results", "hide": ["toc"],
                "ap_paint_after_scripts": True}
        return {PAGE: self.renderer.render_page(
            "actionplan/results-page.html", meta, r=self.words, themes=toolkit.themes,
            statuses=(status or {}).get("options") or [], scale=toolkit.settings["rating"]["options"],
            sample_id=SAMPLE_HOME_ID,
            has_sample=self.sample is not None, reports=self.reports.links() if self.reports else None,
            first_theme=toolkit.themes[0] if toolkit.themes else None),
            **(self.reports.pages() if self.reports else {})}

    @property
    def not_in_nav(self) -> set[str]:
        """The report pages: linked from the Results page, not in the navigation."""
        return set(self.reports.pages()) if self.reports else set()

    def assets(self) -> dict[str, str]:
        if self.sample is None:
            return {SAMPLE_JS: "/* No content/sample-home.json. */\nwindow.ACTION_PLAN_SAMPLE = null;\n"}
        text = json.dumps(self.sample, ensure_ascii=False, indent=1)
        return {SAMPLE_JS: "/* Generated from content/sample-home.json: do not edit. */\n"
                           f"window.ACTION_PLAN_SAMPLE = {text};\n"}

    def notice_words(self) -> dict:
        """The review-due notice on the home page and the theme pages (see overrides/main.html)."""
        return {**self.words["review_notice"], "review_months": self.renderer.toolkit.settings["review_months"],
                "new_round_href": self.renderer.toolkit.themes[0].url.replace(".md", ".html")
                if self.renderer.toolkit.themes else ""}

    def expand_nav(self, nav: list) -> list:
        """Put the Results page in the navigation, after the worksheets (or last)."""
        if _in_nav(nav, PAGE):
            return nav
        entry = {self.words["nav_title"]: PAGE}
        out, placed = [], False
        for item in nav:
            out.append(item)
            if not placed and isinstance(item, dict) and AFTER_IN_NAV in item.values():
                out.append(entry)
                placed = True
        if not placed:
            out.append(entry)
        return out


def _in_nav(nav, uri) -> bool:
    for item in nav:
        value = list(item.values())[0] if isinstance(item, dict) and len(item) == 1 else item
        if value == uri or (isinstance(value, list) and _in_nav(value, uri)):
            return True
    return False


def load_results(content_dir: Path | str, renderer: Renderer) -> Results | None:
    content = Path(content_dir)
    path = content / RESULTS_FILE
    if not path.is_file():
        return None
    problems: list[ContentError] = []
    words = load_words(path, RESULTS, "the results page", WORDS, problems, content)
    reports = None
    try:
        reports = load_reports(content, renderer)
    except ContentErrors as exc:
        problems.extend(exc.errors)
    sample = None
    sample_path = content / SAMPLE_FILE
    if sample_path.is_file():
        sample = check_sample(sample_path, renderer.toolkit, problems, content)
    if problems:
        raise ContentErrors(problems)
    return Results(renderer, words, sample, reports)


# ------------------------------------------------------------- the sample home

def check_sample(path: Path, toolkit, problems: list[ContentError], root: Path | None = None) -> dict | None:
    """Check the example home against the question set; return it, or None with problems added."""
    def error(message, fix, line=None):
        problems.append(ContentError(path, line, message, fix))

    text = read_text(path, problems, root)  # the same limits as every content file
    if text is None:
        return None

    def line_of(key, value=None) -> int | None:
        """The line of the first "key": value in the file (JSON keeps no lines)."""
        pattern = f'"{re.escape(key)}"\\s*:' + (r"\s*" + re.escape(json.dumps(value)) + r"(?![\d.eE])"
                                                  if value is not None else "")
        m = re.search(pattern, text)
        return text.count("\n", 0, m.start()) + 1 if m else None

    def number(where, key, value, limits):
        problem = whole_number_problem(value, *limits)
        if problem:
            error(f'{where}: "{key}" should be {problem}', f"use a whole number from {limits[0]} to {limits[1]}",
                  line_of(key, value if isinstance(value, int) and not isinstance(value, bool) else None))
            return False
        return True
    try:
        data = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        problems.append(ContentError(path, line, f"the example home is not valid JSON ({exc})",
                                     "check the commas and brackets near that line"))
        return None
    if not isinstance(data, dict):
        error("the example home should be one JSON object", 'start the file with "{" and end it with "}"')
        return None
    for key, kind in (("name", str), ("people", list), ("rounds", list), ("actions", list)):
        if not isinstance(data.get(key), kind):
            error(f'the example home needs "{key}" ({kind.__name__})', f'add "{key}" as in the README')
    for key, most in SAMPLE_MOST.items():
        if not problems and len(data[key]) > most:
            error(f'the example home has {len(data[key])} items in "{key}", but may have at most {most}',
                  "take some out: an example needs only a few", line_of(key))
    if problems:
        return None
    people = data["people"]
    questions = {q.id: t.id for t in toolkit.themes for q in t.questions}
    # a question taken out later keeps its answers here too (shown as "earlier questions")
    questions.update({r["id"]: r["theme"] for r in toolkit.settings.get("retired_questions") or []})
    values = {str(o["value"]) for o in toolkit.settings["rating"]["options"]}
    values.add(str(toolkit.settings["rating"]["not_sure"]["value"]))
    notes = {n["id"] for n in toolkit.settings["notes"]}
    fields = {f["id"]: f for f in toolkit.settings["actions"]["fields"]}
    for i, rnd in enumerate(data["rounds"]):
        where = f"round {i + 1}"
        if not isinstance(rnd, dict) or not isinstance(rnd.get("title"), str) \
                or not isinstance(rnd.get("months_ago"), int):
            error(f"{where} needs a title and months_ago (a whole number)", 'write {"title": ..., "months_ago": 6}')
            continue
        if not number(where, "months_ago", rnd["months_ago"], MONTHS_AGO):
            continue
        for qid, answer in (rnd.get("answers") or {}).items():
            if qid not in questions:
                error(f'{where} answers "{qid}", which is not a question in content/themes/',
                      "use a question id from a theme file (or one listed under retired_questions)")
                continue
            ratings = answer.get("ratings") if isinstance(answer, dict) else None
            if not isinstance(ratings, list) or len(ratings) != len(people):
                error(f'{where}, "{qid}": "ratings" should have one value per person ({len(people)})',
                      "use null for someone who did not answer")
                continue
            for r in ratings:
                if r is not None and str(r) not in values:
                    error(f'{where}, "{qid}": the rating {r!r} is not on the scale',
                          "use one of: " + ", ".join(sorted(values)) + ", or null")
            for person, note in (answer.get("notes") or {}).items():
                if person not in people or not isinstance(note, dict) or set(note) - notes:
                    error(f'{where}, "{qid}": a note for "{person}" names an unknown person or note field',
                          "use a name from people and note ids from toolkit.yml: " + ", ".join(sorted(notes)))
        theme_ids_ = {t.id for t in toolkit.themes}
        theme_note_ids = {n["id"] for n in toolkit.settings.get("theme_notes") or []}
        tn = rnd.get("theme_notes") or {}
        for theme, tnotes in (tn.items() if isinstance(tn, dict) else [("?", None)]):
            if theme not in theme_ids_ or not isinstance(tnotes, dict) or set(tnotes) - theme_note_ids \
                    or not all(isinstance(v, str) for v in tnotes.values()):
                error(f'{where}: the main points for "{theme}" name an unknown theme or theme note field',
                      "write theme_notes as {theme id: {note id: text}}; note ids from toolkit.yml: "
                      + (", ".join(sorted(theme_note_ids)) or "(none)"))
    theme_ids = {t.id for t in toolkit.themes}
    for i, act in enumerate(data["actions"]):
        where = f"action {i + 1}"
        if not isinstance(act, dict) or act.get("theme") not in theme_ids:
            error(f"{where} needs a theme id from content/themes/", 'write "theme": "managing-transitions"')
            continue
        for key in act.get("fields") or {}:
            if key not in fields:
                error(f'{where} has the field "{key}", which is not an action field in toolkit.yml',
                      "use one of: " + ", ".join(fields))
        status = (act.get("fields") or {}).get("status")
        options = {o["value"] for o in (fields.get("status") or {}).get("options") or []}
        if status is not None and status not in options:
            error(f'{where} has the status "{status}"', "use one of: " + ", ".join(sorted(options)))
        if "by_when_days" in act and not isinstance(act["by_when_days"], int):
            error(f"{where}: by_when_days should be a whole number of days from today", "write -10 or 30")
        elif "by_when_days" in act:
            number(where, "by_when_days", act["by_when_days"], BY_WHEN_DAYS)
    if problems:
        return None
    data = {k: v for k, v in data.items() if not k.startswith("_")}
    data["id"] = SAMPLE_HOME_ID
    return data
