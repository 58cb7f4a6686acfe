"""The printable forms are content: the shipped forms are valid, a theme
worksheet is made from the theme's own questions, and every mistake in a form
file stops the build with the file, the line and the fix."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from markupsafe import escape

from actionplan import ContentErrors, load_toolkit
from actionplan.forms import load_forms
from actionplan.render import Renderer
from actionplan.worksheets import INDEX, PACK, Worksheets, expand_nav

from conftest import ROOT, build_site

CONTENT = ROOT / "content"


@pytest.fixture
def content(content_copy) -> Path:
    return content_copy


def _worksheets(content_dir: Path) -> Worksheets:
    toolkit = load_toolkit(content_dir)
    return Worksheets(Renderer(toolkit, ROOT / "overrides"), load_forms(content_dir, toolkit))


def test_shipped_forms_are_valid():
    toolkit = load_toolkit(CONTENT)
    forms = load_forms(CONTENT, toolkit)
    assert [f.id for f in forms.forms] == ["cover", "theme-worksheet", "tracker", "session-record"]
    worksheet = next(f for f in forms.forms if f.kind == "theme")
    actions = next(s for s in worksheet.sections if s["type"] == "actions")
    assert actions["actions"] >= 3
    types = [s["type"] for s in worksheet.sections]
    assert {"fields", "questions", "actions"} <= set(types)
    record = next(f for f in forms.forms if f.id == "session-record")
    assert any(s["type"] == "fields" for s in record.sections)


def test_pages_for_every_theme_and_form_and_the_pack():
    ws = _worksheets(CONTENT)
    pages = ws.pages()
    toolkit = ws.toolkit
    for theme in toolkit.themes:
        assert f"worksheets/{theme.id}.md" in pages
    assert {INDEX, PACK, "worksheets/cover.md", "worksheets/tracker.md", "worksheets/session-record.md"} <= set(pages)
    pack = pages[PACK]
    for theme in toolkit.themes:
        for q in theme.questions:
            assert str(escape(q.question)) in pack
    css = ws.assets()["assets/stylesheets/print-pages.css"]
    assert all(f'"{t.title}: worksheet"' in css for t in toolkit.themes)
    assert "counter(page)" in css


def test_a_worksheet_is_made_from_the_theme_itself(content):
    """Change a question in the theme file: the worksheet follows (no copy anywhere)."""
    path = content / "themes" / "managing-transitions.yml"
    text = path.read_text()
    old = "How well do we get to know each person before they move in?"
    assert old in text
    path.write_text(text.replace(old, "How well do we meet each person before the move?"))
    page = _worksheets(content).pages()["worksheets/managing-transitions.md"]
    assert "How well do we meet each person before the move?" in page and old not in page


def test_no_forms_folder_means_no_worksheets(content):
    shutil.rmtree(content / "forms")
    toolkit = load_toolkit(content)
    assert load_forms(content, toolkit) is None
    nav = [{"Themes": "themes/index.md"}, {"Worksheets": INDEX}, {"About": [{"Worksheets": INDEX}, "about/index.md"]}]
    assert expand_nav(nav, None) == [{"Themes": "themes/index.md"}, {"About": ["about/index.md"]}]


def _edit(path: Path, old: str | None, new: str) -> None:
    text = path.read_text()
    if old is None:
        path.write_text(text + new)
        return
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


def _line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


BROKEN = [
    # (name, file, (old, new), the text on the line reported, words in the message)
    ("unknown section type", "theme-worksheet.yml", ("  - type: theme-notes", "  - type: theme-nots"),
     "type: theme-nots", "not a section type"),
    ("fewer than three actions", "theme-worksheet.yml", ("    actions: 3", "    actions: 2"),
     "actions: 2", "at least 3"),
    ("unknown note field", "theme-worksheet.yml", ("      - note: could-be-better", "      - note: could-do-better"),
     "note: could-do-better", '"could-do-better" is not in "notes"'),
    ("lines out of range", "theme-worksheet.yml", ("        lines: 2", "        lines: 0"),
     "lines: 0", "number of lines"),
    ("unknown field", "cover.yml", ("summary:", "sumary: x\nsummary:"), "sumary:", 'unknown field "sumary"'),
    ("missing field", "tracker.yml", ("summary: One place to follow every action between rounds.\n", ""),
     "id: tracker", 'missing the field "summary"'),
    ("wrong type", "tracker.yml", ("    actions: 10", "    actions: ten"), "actions: ten", "whole number"),
    ("unknown tracker column", "tracker.yml", ("columns: [theme, what,", "columns: [theme, wot,"),
     "columns:", 'the column "wot"'),
    ("theme section on a sheet", "session-record.yml", ("  - type: themes", "  - type: questions"),
     "type: questions", "needs a theme"),
    ("section field that has no effect", "cover.yml", ("  - type: rating-key", "  - type: rating-key\n    actions: 4"),
     "actions: 4", 'cannot have "actions"'),
    ("section without what it needs", "session-record.yml", ("    heading: What we agreed\n", "    heading: What we agreed\n    fields:\n"),
     None, None),
    ("id does not match file", "cover.yml", ("id: cover", "id: front"), "id: front", "does not match the file name"),
    ("duplicate order", "tracker.yml", ("order: 3", "order: 2"), "order: 2", "already used"),
    ("reserved id", "cover.yml", ("id: cover", "id: pack"), "id: pack", "already used by a page"),
    ("bad kind", "cover.yml", ("kind: sheet", "kind: leaflet"), "kind: leaflet", 'the kind "leaflet"'),
    ("theme title without the theme", "theme-worksheet.yml", ('title: "{theme}: worksheet"', "title: Worksheet"),
     "title: Worksheet", "must say where the theme name goes"),
    ("bad width", "cover.yml", ("        width: half", "        width: wide"), "label: Date of this round",
     'the width "wide"'),
    ("YAML syntax", "tracker.yml", ("title: Action-plan tracker", "title: [Action-plan tracker"), None, "YAML syntax"),
    ("missing label", "index.yml", ("  page: Page\n", ""), "  print: Print this page", 'missing the field "page"'),
]


@pytest.mark.parametrize("name,file,change,line_text,message", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_forms_name_file_line_and_fix(content, name, file, change, line_text, message):
    path = content / "forms" / file
    _edit(path, *change)
    with pytest.raises(ContentErrors) as caught:
        load_forms(content, load_toolkit(content))
    errors = caught.value.errors
    assert all(e.file.name == file for e in errors), [str(e) for e in errors]
    assert all(e.line for e in errors), [str(e) for e in errors]
    assert all(e.fix for e in errors), [str(e) for e in errors]
    if line_text:
        assert any(e.line == _line_of(path, line_text) for e in errors), [str(e) for e in errors]
    if message:
        assert any(message in e.message for e in errors), [str(e) for e in errors]


def test_missing_settings_file(content):
    (content / "forms" / "index.yml").unlink()
    with pytest.raises(ContentErrors, match="worksheets settings file is missing"):
        load_forms(content, load_toolkit(content))


def test_build_stops_on_a_broken_form_without_traceback(content, tmp_path):
    path = content / "forms" / "theme-worksheet.yml"
    _edit(path, "    actions: 3", "    actions: 1")
    result = build_site(tmp_path / "out", env={"ACTION_PLAN_CONTENT": str(content)})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"theme-worksheet.yml:{_line_of(path, 'actions: 1')}" in output, output
    assert "Traceback" not in output
