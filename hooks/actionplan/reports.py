"""The printed reports (issue 20): the summary report, the full report and the
one-page "You said, we did" sheet, each its own page under ``results/``.

``content/reports.yml`` holds every word on them, checked like results.yml (file,
line and fix; each word template keeps the ``{slots}`` the script fills in).
The pages are finished HTML from ``overrides/actionplan/report-page.html``; the
script ``report.js`` fills in the home's figures, names and notes. They are
linked from the Results page, not put in the navigation. Like render.py, this
module knows nothing of MkDocs.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, ContentErrors
from .render import HtmlPage, Renderer
from .schema import Field, Schema
from .words import load_words

REPORTS_FILE = "reports.yml"
FOLDER = "results"
# page name -> (the section of reports.yml with its title and description, the kind report.js draws)
PAGES = {"summary": ("summary", "summary"), "full": ("full", "full"), "you-said-we-did": ("you_said", "you-said")}

# section -> {word: the slots its template must keep}
WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "links": {"heading": (), "summary": (), "full": (), "you_said": ()},
    "common": {"no_script": (), "choose_heading": (), "home": (), "round": (), "print": (), "print_hint": (),
               "back": (), "empty": (), "example": (), "round_of": ("round", "date"), "printed": ("date",),
               "took_part": (), "nobody": (), "no_date": ()},
    "summary": {"title": (), "description": ()},
    "full": {"title": (), "description": ()},
    "found": {"heading": (), "overview": ("people", "ratings", "themes", "average", "top", "words"),
              "strong_weak": ("strong", "weak"), "strongest": (), "to_work_on": (),
              "theme_item": ("theme", "average", "words"), "differ": (),
              "differ_item": ("question", "theme", "low", "high"), "none_differ": (), "changes": (),
              "up": ("theme", "from", "to"), "down": ("theme", "from", "to"), "no_change": (), "first_round": (),
              "actions": (), "actions_count": ("done", "progress", "late", "total"), "late_item": ("what", "date"),
              "no_actions": ()},
    "glance": {"heading": (), "intro": (), "caption": ("round",), "theme": (), "home": (), "none": (),
               "key": ("scale",)},
    "plan": {"heading": (), "intro": (), "late": (), "done_heading": (), "number": ("n",)},
    "evidence": {"heading": (), "intro": (), "caption": (), "statement": (), "themes": (), "average": (),
                 "actions": (), "no_average": (), "no_actions": ()},
    "themes": {"heading": (), "intro": (), "main_points": (), "no_main_points": (), "no_answers": (), "who": (),
               "rating": (), "notes": (), "only_theme": ("theme",), "all_themes": ()},
    "signoff": {"heading": (), "intro": (), "reviewed_by": (), "role": (), "date": (), "signature": ()},
    "you_said": {"title": (), "description": (), "intro": (), "told_us": (), "good": ("themes",),
                 "work": ("themes",), "points": (), "doing": (), "action_item": ("what", "lead", "date"),
                 "action_no_date": ("what", "lead"), "no_lead": (), "no_doing": (), "changed": (),
                 "done_item": ("what",), "up_item": ("theme",), "no_changed": (), "first_round": (), "and": ()},
}

REPORTS = Schema("the printed reports", {
    section: Field("mapping", schema=Schema(f'the "{section}" words', {name: Field("text") for name in names}))
    for section, names in WORDS.items()
})


@dataclass
class Reports:
    renderer: Renderer
    words: dict

    def uri(self, name: str) -> str:
        return f"{FOLDER}/{name}.md"

    def links(self) -> dict:
        """The links on the Results page: [{href, text}] (relative to results/index.html) and a heading."""
        w = self.words["links"]
        return {"heading": w["heading"], "links": [
            {"href": f"{name}.html", "text": w[section]}
            for name, (section, _kind) in PAGES.items()]}

    def pages(self) -> dict[str, HtmlPage]:
        toolkit = self.renderer.toolkit
        fields = {f["id"]: f for f in toolkit.settings["actions"]["fields"]}
        statuses = (fields.get("status") or {}).get("options") or []
        by_id = {s["id"]: s for s in toolkit.quality["statements"]}
        keys = {k["id"]: k["title"] for k in toolkit.quality["key_questions"]}
        evidence = []  # each statement some theme gives evidence for, in the list's order, with those themes
        for st in toolkit.quality["statements"]:
            behind = [t for t in toolkit.themes if st["id"] in t.quality_statements]
            if behind:
                evidence.append({"id": st["id"], "title": st["title"], "key_question": keys.get(st["key_question"], ""),
                                 "themes": behind})
        out = {}
        for name, (section, kind) in PAGES.items():
            meta = {"title": self.words[section]["title"], "description": self.words[section]["description"],
                    "template": "report.html", "ap_kind": "report", "hide": ["toc", "navigation"],
                    "ap_paint_after_scripts": True}
            out[self.uri(name)] = self.renderer.render_page(
                "actionplan/report-page.html", meta, w=self.words, kind=kind, page_words=self.words[section],
                themes=toolkit.themes, action_fields=list(fields.values()), statuses=statuses,
                evidence=evidence, statements=by_id)
        return out


def load_reports(content_dir: Path | str, renderer: Renderer) -> Reports | None:
    """content/reports.yml, checked; None when there is none (the Results page then links no reports)."""
    content = Path(content_dir)
    path = content / REPORTS_FILE
    if not path.is_file():
        return None
    problems: list[ContentError] = []
    words = load_words(path, REPORTS, "the printed reports", WORDS, problems, content)
    if problems:
        raise ContentErrors(problems)
    return Reports(renderer, words)
