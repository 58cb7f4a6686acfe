"""Issue 21: the words of Compare homes and of the share section are content,
checked when the site is built (file, line and fix), like the Results page's."""
from __future__ import annotations

import pytest

from actionplan import ContentErrors, load_toolkit
from actionplan.render import Renderer
from actionplan.sharing import MARKER, load_sharing
from conftest import ROOT

TOOLKIT = load_toolkit(ROOT / "content")


def _load(content):
    return load_sharing(content, Renderer(TOOLKIT, ROOT / "overrides"))


def _line(path, text):
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_the_shipped_words_load_and_fill_the_page():
    sharing = _load(ROOT / "content")
    page = sharing.pages()["compare/index.md"]
    assert "Compare homes" in page and 'multiple accept=".json' in page
    md = sharing.your_data(f"# Your data\n\n{MARKER}\n\n## Import\n")
    assert "## Send to someone" in md and "## A summary for the commissioner" in md
    assert 'data-module="ap-share"' in md and MARKER not in md


@pytest.mark.parametrize("file, old, new, slot", [
    ("compare.yml", 'up: "Up from {from} to {to}"', 'up: "Up to {to}"', "{from}"),
    ("compare.yml", "newer: this file comes", "newer: the file {file} comes", "{file}"),
    ("share.yml", '{people} people or groups took part.', 'some people took part.', "{people}"),
])
def test_a_word_that_loses_or_gains_a_slot_stops_the_build(content_copy, file, old, new, slot):
    path = content_copy / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    with pytest.raises(ContentErrors) as err:
        _load(content_copy)
    message = str(err.value)
    assert f"{file}:{_line(path, new)}" in message and slot in message and "How to fix" in message


def test_the_csv_needs_every_column_name(content_copy):
    path = content_copy / "share.yml"
    path.write_text(path.read_text().replace("csv_head: [Home, Home id,", "csv_head: [Home,"))
    with pytest.raises(ContentErrors) as err:
        _load(content_copy)
    assert "share.yml" in str(err.value) and "csv_head" in str(err.value)
