"""Render the printable forms: the worksheets pages and the complete pack.

``Worksheets(renderer, forms)`` uses the theme pages' ``Renderer`` (its
templates, filters and the toolkit), so a theme worksheet is made from the very
same theme content as the theme page. ``pages()`` returns ``{path: HtmlPage}``
(finished HTML, see render.py):

    worksheets/index.md        the list of every form, and the complete pack
    worksheets/<theme-id>.md   a theme form, once for every theme
    worksheets/<form-id>.md    a sheet form (cover, tracker, session record)
    worksheets/pack.md         every sheet in order, as one document to print

``assets()`` returns the generated print stylesheet: the running header (the
theme or form title) and the page number of every printed page, as CSS named
pages, so no title is written in the static CSS. Like render.py, this module
knows nothing of MkDocs.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .forms import Form, Forms
from .pagenames import WORKSHEETS
from .render import HtmlPage, Renderer

FOLDER = WORKSHEETS.folder
INDEX = WORKSHEETS.uri("index")  # the names a form or theme id may not have: pagenames.py
PACK = WORKSHEETS.uri("pack")
PRINT_PAGES_CSS = "assets/stylesheets/print-pages.css"


@dataclass
class Sheet:
    """One printed form: a sheet form, or a theme form for one theme."""
    form: Form
    theme: object | None
    uri: str
    title: str

    @property
    def page_name(self) -> str:  # the CSS named page: a valid identifier, ids are [a-z0-9-]
        return "ap-" + (f"{self.form.id}--{self.theme.id}" if self.theme is not None else self.form.id)


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _html_href(from_uri: str, to_uri: str) -> str:
    """A relative link between two generated pages, as built (use_directory_urls: false)."""
    target = posixpath.splitext(to_uri)[0] + ".html"
    return posixpath.relpath(target, posixpath.dirname(from_uri) or ".")


class Worksheets:
    def __init__(self, renderer: Renderer, forms: Forms):
        self.renderer = renderer
        self.forms = forms
        self.toolkit = renderer.toolkit
        env = renderer.env
        # the theme pages' print links (overrides/actionplan/print-links.html) read this
        env.globals["print_links"] = {
            "labels": forms.labels,
            "href": lambda theme: self.theme_sheet_href(theme, from_uri=theme.url),
        }

    # ---------------------------------------------------------------- sheets

    def sheets(self) -> list[Sheet]:
        """Every printed form, in pack order (theme forms once for every theme)."""
        out: list[Sheet] = []
        first_theme_form = next((f for f in self.forms.forms if f.kind == "theme"), None)
        for form in self.forms.forms:
            if form.kind == "theme":
                for theme in self.toolkit.themes:
                    name = theme.id if form is first_theme_form else f"{form.id}--{theme.id}"
                    out.append(Sheet(form, theme, f"{FOLDER}/{name}.md", form.title_for(theme)))
            else:
                out.append(Sheet(form, None, f"{FOLDER}/{form.id}.md", form.title))
        return out

    def theme_sheet_href(self, theme, from_uri: str) -> str | None:
        sheet = next((s for s in self.sheets() if s.theme is not None and s.theme.id == theme.id), None)
        return _html_href(from_uri, sheet.uri) if sheet else None

    # ---------------------------------------------------------------- pages

    def _render(self, template: str, meta: dict, **extra) -> HtmlPage:
        return self.renderer.render_page(template, meta, forms=self.forms, wlabels=self.forms.labels,
                                         wsettings=self.forms.settings, **extra)

    def pages(self) -> dict[str, HtmlPage]:
        sheets = self.sheets()
        index_href = lambda uri: _html_href(uri, INDEX)  # noqa: E731
        out = {INDEX: self._render(
            "actionplan/worksheets-index.html", {"title": self.forms.settings["title"], "ap_kind": "overview"},
            theme_sheets=[s for s in sheets if s.theme is not None],
            other_sheets=[s for s in sheets if s.theme is None],
            link=lambda s: _html_href(INDEX, s.uri), pack=_html_href(INDEX, PACK))}
        # A sheet is for paper and repeats its theme's questions (the pack repeats them
        # all): search finds the theme page and the list of worksheets instead.
        sheet_meta = lambda title, kind="worksheet": {"title": title, "hide": ["navigation", "toc"],  # noqa: E731
                                                    "search": {"exclude": True}, "ap_kind": kind}
        for sheet in sheets:
            out[sheet.uri] = self._render("actionplan/worksheet.html", sheet_meta(sheet.title), sheet=sheet,
                                          sheets=[sheet], title=sheet.title, level=1,
                                          index_href=index_href(sheet.uri))
        title = self.forms.settings["pack_title"]
        out[PACK] = self._render("actionplan/worksheet.html", sheet_meta(title, "pack"), sheet=None, sheets=sheets,
                                 title=title, level=2, index_href=index_href(PACK))
        return out

    def in_nav(self) -> list[str]:
        return [INDEX]

    # ---------------------------------------------------------------- assets

    def assets(self) -> dict[str, str]:
        labels = self.toolkit.labels
        page = (f'{_css_string(self.forms.labels["page"] + " ")} counter(page) '
                f'{_css_string(" " + labels["of"] + " ")} counter(pages)')
        lines = ["/* Generated from content/ by hooks/actionplan/worksheets.py: do not edit.",
                 "   The running title and the page number of every printed page. */",
                 f"@page {{ @top-left {{ content: {_css_string(self.toolkit.settings['title'])}; }}"
                 f" @bottom-right {{ content: {page}; }} }}"]
        named = {s.page_name: s.title for s in self.sheets()}
        for theme in self.toolkit.themes:  # a theme page printed with its answers
            named[f"ap-theme--{theme.id}"] = theme.title
        for name, title in named.items():
            lines.append(f"@page {name} {{ @top-left {{ content: {_css_string(title)}; }} }}")
        for sheet in self.sheets():
            lines.append(f'.ap-sheet[data-ap-page="{sheet.page_name}"] {{ page: {sheet.page_name}; }}')
            # the page around the first sheet takes its name too, or a blank first page comes out
            lines.append(f'@media print {{ body:has(.ap-sheet:first-child[data-ap-page="{sheet.page_name}"]) '
                         f"{{ page: {sheet.page_name}; }} }}")
        for theme in self.toolkit.themes:
            lines.append(f'@media print {{ body:has(form[data-ap-theme="{theme.id}"]) '
                         f"{{ page: ap-theme--{theme.id}; }} }}")
        return {PRINT_PAGES_CSS: "\n".join(lines) + "\n"}


def expand_nav(nav: list, worksheets: Worksheets | None) -> list:
    """Drop the worksheets entry from the navigation when there are no forms."""
    if worksheets is not None:
        return nav
    out = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if value == INDEX:
                continue
            if isinstance(value, list):
                out.append({title: expand_nav(value, worksheets)})
                continue
        out.append(item)
    return out
