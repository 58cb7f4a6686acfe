"""Render the toolkit into pages with Jinja2 templates.

``Renderer(toolkit, templates_dir).pages()`` returns ``{path: HtmlPage}`` for
every generated page, and ``assets()`` the machine-readable question set. A
page is finished HTML: only the content's Markdown fields go through Markdown
(the ``markdown`` filters, with the site's extensions), never the page around
them, so a build does not parse the answer forms as Markdown again. It knows
nothing of MkDocs: the hook serves any ``HtmlPage`` as it is (see
``HtmlPage.stub``), a test can simply read them.

A new generated page gets all this by rendering an HTML template with
``Renderer.render_page(template, meta, **context)``, calling
``{{ heading(level, text) }}`` for each heading that belongs in the table of
contents, and returning the result among the pages.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import markdown as _markdown
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markdown.extensions.toc import slugify
from markupsafe import Markup, escape

from .model import EXAMPLE_HOME_ID, Toolkit
from .pagenames import CASE_STUDIES, THEMES

QUESTION_SET_JSON = "assets/question-set.json"
QUESTION_SET_JS = "assets/javascripts/question-set.js"


#: The look back at last round's actions (issue 22): a page of its own, not in the navigation.
LOOK_BACK_PAGE = "look-back.md"

def _html_block(html: str) -> str:
    """Make an HTML fragment safe to embed in Markdown as one raw block.

    Blank lines would end the raw block, and leading spaces would make code
    blocks, so every line is stripped and empty lines are dropped.
    """
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


# The characters Python-Markdown lets a backslash escape (markdown.Markdown.ESCAPED_CHARS).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")


class HtmlPage(str):
    """A generated page: its finished HTML (the text itself), its front matter
    (``meta``) and the headings of its table of contents (``headings``: level,
    plain text, id; in order).

    A site generator that wants Markdown files gets ``stub()``: the front matter
    and the same headings with the same ids, nothing else, so its table of
    contents and search sections match; it then shows the HTML in place of what
    it made of the stub.
    """

    meta: dict
    headings: list

    def __new__(cls, html: str, meta: dict | None = None, headings=()):
        page = super().__new__(cls, html)
        page.meta = dict(meta or {})
        page.headings = list(headings)
        return page

    def stub(self) -> str:
        front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in self.meta.items())
        lines = [f"---\n{front}---\n"] if front else []
        for level, text, hid in self.headings:
            plain = _MD_SPECIAL.sub(r"\\\1", text)
            lines.append(f"{'#' * level} {plain} {{#{hid}}}\n")
        return "\n".join(lines)


class Renderer:
    def __init__(self, toolkit: Toolkit, templates_dir: Path | str,
                 markdown_extensions=("tables",), markdown_config: dict | None = None):
        """``markdown_extensions`` and ``markdown_config``: the site's Markdown
        extensions and their settings (names and dicts, as in mkdocs.yml), used
        for the content's Markdown fields."""
        self.toolkit = toolkit
        self.md = _markdown.Markdown(extensions=list(markdown_extensions),
                                     extension_configs=dict(markdown_config or {}))
        self._converted: dict[str, Markup] = {}  # a field shown on several pages is converted once
        self.env = Environment(
            loader=FileSystemLoader(str(templates_dir)),
            autoescape=select_autoescape(["html"], default_for_string=False, default=False),
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            # compiled templates are kept (in this user's temporary folder, by the
            # templates' checksum), so a build or a `mkdocs serve` rebuild after a
            # content edit does not compile them again
            bytecode_cache=FileSystemBytecodeCache(),
        )
        self.env.filters["html_block"] = _html_block
        self.env.filters["yaml_str"] = lambda s: json.dumps(s, ensure_ascii=False)
        self.env.filters["one_line"] = lambda s: re.sub(r"\s+", " ", s).strip()
        self.env.filters["markdown"] = self.markdown
        self.env.filters["markdown_inline"] = self.markdown_inline

    def markdown(self, text: str | None) -> Markup:
        """A Markdown field of the content as HTML."""
        text = text or ""
        if text not in self._converted:
            self._converted[text] = Markup(self.md.reset().convert(text))
        return self._converted[text]

    def markdown_inline(self, text: str | None) -> Markup:
        """A one-paragraph Markdown field as HTML without its <p>, to sit in a line."""
        html = self.markdown(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = Markup(html[3:-4])
        return html

    def _context(self, **extra) -> dict:
        s = self.toolkit.settings
        rating = s["rating"]
        return {
            "toolkit": self.toolkit,
            "settings": s,
            "labels": s["labels"],
            "rating": rating,
            "choices": list(rating["options"]) + [rating["not_sure"]],
            "notes": s["notes"],
            "theme_notes": s.get("theme_notes") or [],
            "actions": s["actions"],
            "example_home_id": EXAMPLE_HOME_ID,
            # values taken out of the content (issue 18): an answer holding one shows it with its old words
            "retired_ratings": [r for r in s.get("retired_values") or [] if r["of"] == "rating"],
            "retired_choices": {f["id"]: [r for r in s.get("retired_values") or [] if r["of"] == f["id"]]
                                for f in s["actions"]["fields"] if f["type"] == "choice"},
            **extra,
        }

    def render(self, template: str, **extra) -> str:
        return self.env.get_template(template).render(self._context(**extra))

    def render_page(self, template: str, meta: dict | None = None, **extra) -> HtmlPage:
        """Render an HTML template into a page. In the template,
        ``{{ heading(level, text) }}`` writes a heading (text, or Markup with a
        link) with a unique id (``heading(level, text, "an-id")`` fixes the id) and puts it in the page's table of contents."""
        headings: list[tuple[int, str, str]] = []
        used: set[str] = set()

        def heading(level: int, content, anchor: str | None = None) -> Markup:
            text = re.sub(r"\s+", " ", Markup(content).striptags() if isinstance(content, Markup)
                          else str(content)).strip()
            base = anchor or slugify(text, "-") or "section"
            hid, n = base, 0
            while hid in used:
                n += 1
                hid = f"{base}_{n}"
            used.add(hid)
            headings.append((level, text, hid))
            return Markup(f'<h{level} id="{hid}">{escape(content)}</h{level}>')

        html = self.render(template, heading=heading, **extra)
        return HtmlPage(html, meta, headings)

    def theme_page(self, theme) -> HtmlPage:
        studies = [self.toolkit.case_study(i) for i in theme.case_studies]
        order = list(self.toolkit.themes)
        at = next(i for i, t in enumerate(order) if t.id == theme.id)
        next_theme = order[(at + 1) % len(order)] if len(order) > 1 else None
        return self.render_page("actionplan/theme.html",
                                {"title": theme.title, "description": theme.summary, "ap_theme": theme.id,
                                 "ap_kind": "theme"},
                                theme=theme, studies=studies, next_theme=next_theme)

    def case_study_page(self, study) -> HtmlPage:
        themes = [self.toolkit.theme(i) for i in study.themes]
        return self.render_page("actionplan/case-study.html",
                                {"title": study.title, "description": study.summary, "ap_kind": "case-study"},
                                study=study, themes=themes)

    def pages(self) -> dict[str, HtmlPage]:
        labels = self.toolkit.settings["labels"]
        out = {THEMES.uri("index"): self.render_page("actionplan/themes-index.html",
                                                   {"title": labels["themes_overview"], "ap_kind": "overview"},
                                                   themes=self.toolkit.themes)}
        for theme in self.toolkit.themes:
            out[theme.url] = self.theme_page(theme)
        if self.toolkit.case_studies:
            out[CASE_STUDIES.uri("index")] = self.render_page("actionplan/case-studies-index.html",
                                                            {"title": labels["case_studies_overview"], "ap_kind": "overview"},
                                                            studies=self.toolkit.case_studies)
        for study in self.toolkit.case_studies:
            out[study.url] = self.case_study_page(study)
        look = self.toolkit.settings.get("look_back")
        if look:  # issue 22: the first step of a new round (linked, not in the navigation)
            out[LOOK_BACK_PAGE] = self.render_page("actionplan/look-back.html",
                                                   {"title": look["title"], "ap_kind": "look-back", "hide": ["toc"]})
        return out

    def start_context(self) -> dict:
        """The home page's start (issue 22): its words and the themes, for
        overrides/partials/ap-start.html (through config.extra.ap_start)."""
        return {
            "words": dict(self.toolkit.settings["start"]),
            "themes": [{"id": t.id, "title": t.title, "url": t.url} for t in self.toolkit.themes],
        }

    def assets(self) -> dict[str, str]:
        data = self.toolkit.question_set()
        text = json.dumps(data, ensure_ascii=False, indent=1)
        return {
            QUESTION_SET_JSON: text + "\n",
            # a classic script, so the data loads from file:// where fetch() cannot
            QUESTION_SET_JS: "/* Generated from content/: do not edit. */\n"
                             f"window.ACTION_PLAN_QUESTIONS = {text};\n",
        }


def expand_nav(nav: list, toolkit: Toolkit) -> list:
    """Fill the generated sections of the navigation, in theme order.

    An entry ``Themes: themes/index.md`` in mkdocs.yml becomes a section with
    the overview first and then one page per theme; likewise for case studies.
    """
    sections = {
        THEMES.uri("index"): [{t.title: t.url} for t in toolkit.themes],
        CASE_STUDIES.uri("index"): [{s.title: s.url} for s in toolkit.case_studies],
    }
    out = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if isinstance(value, str) and value in sections:
                out.append({title: [value] + sections[value]})
                continue
            if isinstance(value, list):
                out.append({title: expand_nav(value, toolkit)})
                continue
        out.append(item)
    return out
