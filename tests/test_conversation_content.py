"""Conversation mode's words and its note boxes are content (issues 13 and 22)."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from actionplan import ContentErrors, load_toolkit
from actionplan.render import Renderer
from conftest import ROOT


@pytest.fixture
def content(content_copy) -> Path:
    return content_copy


def _theme_html(content_dir) -> str:
    toolkit = load_toolkit(content_dir)
    return html.unescape(Renderer(toolkit, ROOT / "overrides").theme_page(toolkit.themes[0]))


def test_words_come_from_the_toolkit_file(content):
    page = _theme_html(content)
    cv = load_toolkit(content).settings["conversation"]
    for key in ("start", "who", "begin", "how_to_move", "previous", "next", "leave"):
        assert cv[key] in page, key
    # the note boxes it shows: the listed note fields, each with its own label (issue 22)
    assert cv["notes"] == ["working-well", "could-be-better"]
    assert 'data-notes="working-well could-be-better"' in page
    # the suggested roles are offered, the default group chosen at first
    assert re.search(r'<option value="new:Residents\' meeting" selected>', page)


NOTES_LINE = "  notes: [working-well, could-be-better]"


def _with_notes(content, line: str) -> int:
    """Put ``line`` in place of the shipped list of note boxes; return its line number."""
    path = content / "toolkit.yml"
    text = path.read_text(encoding="utf-8")
    assert NOTES_LINE in text
    path.write_text(text.replace(NOTES_LINE, line), encoding="utf-8")
    return text[:text.index(NOTES_LINE)].count("\n") + 1


def test_the_note_must_be_one_of_the_note_fields(content):
    line = _with_notes(content, "  notes: [working-well, what-people-said]")
    with pytest.raises(ContentErrors) as caught:
        load_toolkit(content)
    text = str(caught.value)
    assert "toolkit.yml" in text and "what-people-said" in text and "working-well" in text
    assert f"toolkit.yml:{line}" in text or f"line {line}" in text, text
    assert "use one of: working-well, could-be-better, views-heard" in text


def test_the_list_of_note_boxes_may_not_be_empty(content):
    line = _with_notes(content, "  notes: []")
    with pytest.raises(ContentErrors) as caught:
        load_toolkit(content)
    text = str(caught.value)
    assert "toolkit.yml" in text and '"notes"' in text and "at least 1" in text, text
    assert f"toolkit.yml:{line}" in text or f"line {line}" in text, text


def test_the_list_of_note_boxes_may_not_name_one_twice(content):
    _with_notes(content, "  notes: [could-be-better, could-be-better]")
    with pytest.raises(ContentErrors) as caught:
        load_toolkit(content)
    assert "could-be-better" in str(caught.value) and "twice" in str(caught.value)


def test_the_old_single_note_is_refused_with_the_new_name(content):
    _with_notes(content, "  note: working-well\n  note_label: What people said")
    with pytest.raises(ContentErrors) as caught:
        load_toolkit(content)
    text = str(caught.value)
    assert 'unknown field "note"' in text and 'did you mean "notes"' in text, text


def test_one_box_is_a_list_of_one(content):
    _with_notes(content, "  notes: [could-be-better]")
    page = _theme_html(content)
    assert 'data-notes="could-be-better"' in page


def test_without_the_section_there_is_no_conversation_mode(content):
    path = content / "toolkit.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("# Conversation mode on each theme page")], encoding="utf-8")
    page = _theme_html(content)
    assert "data-ap-conv" not in page and 'id="ap-questions"' in page
