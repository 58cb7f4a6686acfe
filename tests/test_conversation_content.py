"""Conversation mode's words and its note field are content (issue 13)."""
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
    assert f'data-note="{cv["note"]}"' in page
    # the suggested roles are offered, the default group chosen at first
    assert re.search(r'<option value="new:Residents\' meeting" selected>', page)


def test_the_note_must_be_one_of_the_note_fields(content):
    path = content / "toolkit.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  note: working-well", "  note: what-people-said"),
                    encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_toolkit(content)
    text = str(caught.value)
    assert "toolkit.yml" in text and "what-people-said" in text and "working-well" in text


def test_without_the_section_there_is_no_conversation_mode(content):
    path = content / "toolkit.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("# Conversation mode on each theme page")], encoding="utf-8")
    page = _theme_html(content)
    assert "data-ap-conv" not in page and 'id="ap-questions"' in page
