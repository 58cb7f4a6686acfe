"""Sharing with a commissioner (issue 21): the "Compare homes" page, and the
"Send" and "summary" parts of the "Your data" page.

``content/compare.yml`` and ``content/share.yml`` hold every word; they are
checked like the rest of the content (file, line and fix for each mistake),
including that each word keeps the ``{slots}`` its script fills in. Like
render.py, this module knows nothing of MkDocs.

``load_sharing(content_dir, renderer)`` gives ``None`` when neither file is
there, else a ``Sharing`` with ``pages()`` (the Compare homes page),
``expand_nav`` and ``your_data(markdown)``, which puts the share section in
place of the marker ``<!-- ap:share -->`` in docs/your-data.md.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .errors import ContentError, ContentErrors
from .render import _MD_SPECIAL, Renderer, _html_block
from .results import SAMPLE_HOME_ID, _in_nav
from .schema import Field, Schema
from .words import load_words

COMPARE_FILE = "compare.yml"
SHARE_FILE = "share.yml"
PAGE = "compare/index.md"
MARKER = "<!-- ap:share -->"
CSV_COLUMNS = 15  # the summary CSV's columns (summary.js writes them in this order)

REASONS = ("empty", "damaged", "other", "newer", "wrong", "too_big")
# section -> {word: the slots its template must keep} (a dict inside is a further section)
COMPARE_WORDS: dict = {
    "open": {"heading": (), "privacy": (), "label": (), "hint": (), "drop": (), "clear": (), "cleared": (),
             "loaded": ("homes", "files"), "refused_heading": (), "refused": ("file", "reason"),
             "left_out": ("file",), "twice": ("home",), "empty": (),
             "reasons": {r: () for r in REASONS}},
    "grid": {"heading": (), "intro": (), "caption": (), "home": (), "round": (), "average": (),
             "below": ("words",), "sorted_up": (), "sorted_down": (), "no_rating": (), "csv": (),
             "csv_home_id": (), "csv_date": ()},
    "change": {"heading": (), "intro": (), "caption": (), "up": ("from", "to"), "down": ("from", "to"),
               "same": ("to",), "none": ()},
    "chart": {"heading": (), "choose": (), "caption": ("theme",), "label": ("theme",), "home": (), "round": (),
              "date": (), "average": ()},
    "talk": {"heading": (), "intro": (), "late": ("n",), "review": ("date",), "down": ("themes",),
             "differ": ("n",), "none": ()},
}
SHARE_WORDS: dict = {
    "send": {"heading": (), "intro": (), "home": (), "all": (), "all_file": (), "example_note": (),
             "holds": ("file", "homes", "rounds", "people", "answers", "actions"), "private": (), "nothing": (),
             "save": (), "share": (), "share_hint": (), "saved": ("file",), "shared": ()},
    "summary": {"heading": (), "intro": (), "home": (), "include": (), "include_hint": (), "preview": (),
                "never": (), "line_home": ("name",), "line_round": ("title", "date", "people"),
                "line_roles": ("roles",), "role": ("role", "n"),
                "line_theme": ("theme", "average", "words", "answered", "not_sure"),
                "line_differ": ("n",), "line_actions": ("counts", "late"), "count": ("status", "n"),
                "line_review": ("last", "next"), "line_what": ("theme", "status", "what"), "no_rounds": (),
                "none": (), "save": (), "save_csv": (), "share": (), "saved": ("file",), "file_suffix": (),
                "csv_head": None},
}


def _schema(name: str, spec: dict) -> Schema:
    fields = {}
    for key, value in spec.items():
        if isinstance(value, dict):
            fields[key] = Field("mapping", schema=_schema(f'the "{key}" words', value))
        elif value is None:
            fields[key] = Field("list", item=Field("text"), min_items=CSV_COLUMNS, max_items=CSV_COLUMNS,
                                help=f"the {CSV_COLUMNS} column names of the summary's CSV file")
        else:
            fields[key] = Field("text")
    return Schema(name, fields)


COMPARE = Schema("the compare homes page", {
    "title": Field("text", help="the heading of the page"),
    "nav_title": Field("text", help="the name in the navigation"),
    "description": Field("text"),
    "intro": Field("markdown"),
    "no_script": Field("text", help="shown when JavaScript is off"),
    **_schema("", COMPARE_WORDS).fields,
    "print": Field("text"),
    "print_hint": Field("text"),
})
SHARE = _schema("the sharing words", SHARE_WORDS)


@dataclass
class Sharing:
    renderer: Renderer
    compare: dict | None
    share: dict | None

    def pages(self) -> dict:
        if self.compare is None:
            return {}
        toolkit = self.renderer.toolkit
        meta = {"title": self.compare["title"], "description": self.compare["description"],
                "ap_kind": "compare", "hide": ["toc"],
                "ap_paint_after_scripts": True}
        below = next((o for o in toolkit.settings["rating"]["options"] if o["value"] == 3),
                     toolkit.settings["rating"]["options"][-1])
        return {PAGE: self.renderer.render_page(
            "actionplan/compare-page.html", meta, w=self.compare, themes=toolkit.themes, below=below,
            words_json=_words_json({k: v for k, v in self.compare.items() if k not in ("intro",)}))}

    def your_data(self, markdown: str) -> str:
        """docs/your-data.md with the share section in place of its marker."""
        if MARKER not in markdown:
            return markdown
        if self.share is None:
            return markdown.replace(MARKER, "")
        s, parts = self.share, []
        for part in ("send", "summary"):
            html = self.renderer.render("actionplan/share.html", s=s, part=part, sample_id=SAMPLE_HOME_ID,
                                        words_json=_words_json(s[part]))
            heading = _MD_SPECIAL.sub(r"\\\1", s[part]["heading"])
            parts.append(f"## {heading}\n\n{_html_block(html)}\n")
        text = "\n".join(parts)
        return markdown.replace(MARKER, text)

    def expand_nav(self, nav: list) -> list:
        """Put the Compare homes page last in the navigation."""
        if self.compare is None or _in_nav(nav, PAGE):
            return nav
        return nav + [{self.compare["nav_title"]: PAGE}]


def _words_json(words: dict) -> Markup:
    """The words a script fills in, as JSON for a single-quoted data attribute."""
    import json
    text = json.dumps(words, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("'", "\\u0027"))


def load_sharing(content_dir: Path | str, renderer: Renderer) -> Sharing | None:
    content = Path(content_dir)
    problems: list[ContentError] = []
    compare = load_words(content / COMPARE_FILE, COMPARE, COMPARE.name, COMPARE_WORDS, problems, content)
    share = load_words(content / SHARE_FILE, SHARE, SHARE.name, SHARE_WORDS, problems, content)
    if problems:
        raise ContentErrors(problems)
    if compare is None and share is None:
        return None
    return Sharing(renderer, compare, share)
