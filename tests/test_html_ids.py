"""Every built page's ids and references hold together (issue 19).

The Nu Html Checker (``./run.sh htmlcheck``, needs Java) is the full check of
valid HTML; this test is the part of it that matters most for people who use a
screen reader or a keyboard, in plain Python, so it runs with every test run on
any machine: on every page of the built site,

- no id is used twice (the "Your data" page had ``people-and-groups`` on its
  heading and its list);
- every ``for=``, ``aria-labelledby``, ``aria-describedby``, ``aria-controls``,
  ``aria-owns``, ``aria-activedescendant``, ``aria-errormessage``, ``headers`` and
  ``list`` names ids that exist on the page;
- every ``<label>`` labels a control: its ``for=`` names a form control, or it
  holds one.

A ``<template>``'s content is a separate fragment (it is not on the page until
a script copies it), so its ids are checked within the template. A reference
may also name an id that one of the site's scripts gives to an element it makes
(``x.id = "..."`` in docs/assets/javascripts/): the Results page's scroll regions
are named by the captions of the tables its script draws.
"""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import re

import pytest

from conftest import ROOT

ID_REFS = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-activedescendant",
           "aria-errormessage", "headers", "list")
LABELABLE = {"button", "input", "meter", "output", "progress", "select", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Fragment:
    def __init__(self, where: str):
        self.where = where
        self.ids: dict[str, int] = {}
        self.tags: dict[str, tuple[str, dict]] = {}  # id -> (tag, attrs)
        self.refs: list[tuple[int, str, str, str]] = []  # line, tag, attribute, id
        self.labels: list[tuple[int, str | None, bool]] = []  # line, for=, holds a control
        self.duplicates: list[str] = []


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fragments = [_Fragment("the page")]
        self.stack: list[_Fragment] = [self.fragments[0]]
        self.open_labels: list[list] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        frag = self.stack[-1]
        line = self.getpos()[0]
        if a.get("id") is not None:
            if a["id"] in frag.ids:
                frag.duplicates.append(f'line {line}: id "{a["id"]}" (first on line {frag.ids[a["id"]]}) '
                                       f"in {frag.where}")
            else:
                frag.ids[a["id"]] = line
                frag.tags[a["id"]] = (tag, a)
        if tag == "label":
            frag.labels.append([line, a.get("for"), False])
            self.open_labels.append(frag.labels[-1])
        elif tag in LABELABLE and not (tag == "input" and a.get("type") == "hidden"):
            for label in self.open_labels:
                label[2] = True
        if tag == "label" and a.get("for") is not None:
            frag.refs.append((line, tag, "for", a["for"]))
        for name in ID_REFS:
            if a.get(name):
                for ref in a[name].split():
                    frag.refs.append((line, tag, name, ref))
        if tag == "template":
            new = _Fragment(f"the <template> on line {line}")
            self.fragments.append(new)
            self.stack.append(new)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "template" and len(self.stack) > 1:
            self.stack.pop()
        elif tag == "label" and self.open_labels:
            self.open_labels.pop()


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def script_ids() -> set[str]:
    """The ids the site's scripts give, whole, to the elements they make."""
    found = set()
    for js in (ROOT / "docs" / "assets" / "javascripts").rglob("*.js"):
        found |= set(re.findall(r'\.id\s*=\s*"([^"]+)"\s*;', js.read_text(encoding="utf-8")))
    return found


def _problems(html: str, made_by_scripts: frozenset | set = frozenset()) -> list[str]:
    page = _Page()
    page.feed(html)
    page.close()
    problems: list[str] = []
    for frag in page.fragments:
        problems += [f"duplicate {d}" for d in frag.duplicates]
        known = frag.ids if frag is page.fragments[0] else {**page.fragments[0].ids, **frag.ids}
        for line, tag, name, ref in frag.refs:
            if ref not in known and ref not in made_by_scripts:
                problems.append(f'line {line}: <{tag} {name}="{ref}"> names no id on the page ({frag.where})')
        for line, target, holds in frag.labels:
            if target is not None:
                tag, attrs = (page.fragments[0].tags | frag.tags).get(target, (None, {}))
                if tag is not None and (tag not in LABELABLE or attrs.get("type") == "hidden"):
                    problems.append(f'line {line}: <label for="{target}"> points at a <{tag}>, not a form control')
            elif not holds:
                problems.append(f"line {line}: a <label> with no for= and no control inside ({frag.where})")
    return problems


def test_every_page_has_unique_ids_and_references_that_resolve(site_dir):
    pages = _pages(site_dir)
    assert len(pages) > 20
    found, made = [], script_ids()
    for path in pages:
        for problem in _problems(path.read_text(encoding="utf-8"), made):
            found.append(f"{path.relative_to(site_dir)}: {problem}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("html,words", [
    ('<h2 id="a">A</h2><ul id="a"></ul>', 'duplicate line 1: id "a"'),
    ('<label for="nothing">A</label>', 'names no id'),
    ('<p id="x"></p><label for="x">A</label>', "not a form control"),
    ("<label>A</label>", "no control inside"),
    ('<input id="i" aria-describedby="i-hint missing">', '"missing"'),
    ('<template><p id="t"></p><p id="t"></p></template>', 'duplicate line 1: id "t"'),
])
def test_the_check_finds_each_kind_of_mistake(html, words):
    problems = _problems(html)
    assert any(words in p for p in problems), problems


@pytest.mark.parametrize("html", [
    '<label for="i">A</label><input id="i">',
    '<label>A <input type="checkbox"></label>',
    '<p id="h">Hint</p><textarea id="t" aria-describedby="h"></textarea>',
    '<p id="x"></p><template><p id="x"></p></template>',
])
def test_the_check_passes_good_markup(html):
    assert _problems(html) == []
