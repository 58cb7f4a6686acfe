"""Render the toolkit into page sources with Jinja2 templates.

``Renderer(toolkit, templates_dir).pages()`` returns ``{path: text}`` for every
generated page (Markdown with the answer forms as raw HTML blocks) and for the
machine-readable question set. It knows nothing of MkDocs: the hook adds these
as files, a test can simply read them.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .model import Toolkit
from .pagenames import CASE_STUDIES, THEMES

QUESTION_SET_JSON = "assets/question-set.json"
QUESTION_SET_JS = "assets/javascripts/question-set.js"


def _html_block(html: str) -> str:
    """Make an HTML fragment safe to embed in Markdown as one raw block.

    Blank lines would end the raw block, and leading spaces would make code
    blocks, so every line is stripped and empty lines are dropped.
    """
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


class Renderer:
    def __init__(self, toolkit: Toolkit, templates_dir: Path | str):
        self.toolkit = toolkit
        self.env = Environment(
            loader=FileSystemLoader(str(templates_dir)),
            autoescape=select_autoescape(["html"], default_for_string=False, default=False),
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )
        self.env.filters["html_block"] = _html_block
        self.env.filters["yaml_str"] = lambda s: json.dumps(s, ensure_ascii=False)
        self.env.filters["one_line"] = lambda s: re.sub(r"\s+", " ", s).strip()

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
            **extra,
        }

    def render(self, template: str, **extra) -> str:
        return self.env.get_template(template).render(self._context(**extra))

    def theme_page(self, theme) -> str:
        studies = [self.toolkit.case_study(i) for i in theme.case_studies]
        return self.render("actionplan/theme.md", theme=theme, studies=studies)

    def case_study_page(self, study) -> str:
        themes = [self.toolkit.theme(i) for i in study.themes]
        return self.render("actionplan/case-study.md", study=study, themes=themes)

    def pages(self) -> dict[str, str]:
        out = {THEMES.uri("index"): self.render("actionplan/themes-index.md", themes=self.toolkit.themes)}
        for theme in self.toolkit.themes:
            out[theme.url] = self.theme_page(theme)
        if self.toolkit.case_studies:
            out[CASE_STUDIES.uri("index")] = self.render("actionplan/case-studies-index.md",
                                                       studies=self.toolkit.case_studies)
        for study in self.toolkit.case_studies:
            out[study.url] = self.case_study_page(study)
        return out

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
