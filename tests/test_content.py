"""The content model: the shipped content is valid, and every kind of mistake
in a content file stops the build with the file, the line and the fix."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from actionplan import ContentErrors, load_toolkit
from actionplan.render import Renderer, expand_nav

from conftest import ROOT, build_site

CONTENT = ROOT / "content"

THEME_A = textwrap.dedent("""\
    id: theme-a
    order: 1
    title: Theme A
    summary: The first test theme.
    introduction: |
      Some words.
    why_it_matters: |
      Some words.
    questions:
      - id: a-one
        question: How well do we do the first thing?
        prompts:
          - A prompt.
      - id: a-two
        question: How well do we do the second thing?
        prompts:
          - A prompt.
    what_good_looks_like: |
      - A good thing.
    case_studies: [story]
    """)

THEME_B = textwrap.dedent("""\
    id: theme-b
    order: 2
    title: Theme B
    summary: The second test theme.
    introduction: Words.
    why_it_matters: Words.
    questions:
      - id: b-one
        question: How well do we do this?
        prompts:
          - A prompt.
    what_good_looks_like: Words.
    """)

STORY = textwrap.dedent("""\
    id: story
    title: A story
    organisation: A home
    summary: What they did.
    story: Words.
    learning: Words.
    themes:
      - theme-a
    """)


@pytest.fixture
def content(tmp_path) -> Path:
    """A small valid content folder: the real settings, two themes, one case study."""
    root = tmp_path / "content"
    (root / "themes").mkdir(parents=True)
    (root / "case-studies").mkdir()
    shutil.copy(CONTENT / "toolkit.yml", root / "toolkit.yml")
    (root / "themes" / "theme-a.yml").write_text(THEME_A)
    (root / "themes" / "theme-b.yml").write_text(THEME_B)
    (root / "case-studies" / "story.yml").write_text(STORY)
    return root


def test_shipped_content_is_valid():
    toolkit = load_toolkit(CONTENT)
    assert [t.order for t in toolkit.themes] == sorted(t.order for t in toolkit.themes)
    assert len(toolkit.themes) == 8
    assert {s.id for s in toolkit.case_studies} == {"brunel-care", "st-monica-trust", "order-of-st-john"}


def test_small_content_is_valid(content):
    toolkit = load_toolkit(content)
    assert [t.id for t in toolkit.themes] == ["theme-a", "theme-b"]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


# (name, file, change, expected line, words the message must contain)
BROKEN = [
    ("yaml syntax", "themes/theme-a.yml", ("title: Theme A", "title: [Theme A"), 4, "YAML syntax error"),
    ("bad indentation", "themes/theme-a.yml", ("  - id: a-two", " - id: a-two"), 14, "YAML syntax error"),
    ("empty file", "themes/theme-b.yml", (THEME_B, ""), 1, "the file is empty"),
    ("a list, not fields", "themes/theme-b.yml", (THEME_B, "- one\n- two\n"), 1, "must be a set of named fields"),
    ("missing field", "themes/theme-b.yml", ("summary: The second test theme.\n", ""), 1, 'missing the field "summary"'),
    ("unknown field", "themes/theme-b.yml", ("title: Theme B", "title: Theme B\ntitel: Oops"), 4, 'unknown field "titel"'),
    ("misspelt field suggests the right one", "themes/theme-b.yml", ("summary:", "sumary:"), 4, 'did you mean "summary"'),
    ("wrong type: number as text", "themes/theme-b.yml", ("order: 2", "order: second"), 2, "should be a whole number"),
    ("wrong type: list for text", "themes/theme-b.yml", ("title: Theme B", "title: [a, b]"), 3, "should be a line of text"),
    ("question with no prompts", "themes/theme-b.yml", ("    prompts:\n      - A prompt.\n", "    prompts: []\n"), 10, "needs at least 1"),
    ("theme with no questions", "themes/theme-b.yml", (THEME_B.split("questions:")[1].split("what_good")[0], " []\n"), 7, "needs at least 1"),
    ("duplicate question id across themes", "themes/theme-b.yml", ("id: b-one", "id: a-one"), 8, 'the id "a-one"'),
    ("duplicate theme id", "themes/theme-b.yml", ("id: theme-b\n", "id: theme-a\n"), 1, 'the id "theme-a"'),
    ("duplicate key", "themes/theme-b.yml", ("title: Theme B", "title: Theme B\ntitle: Again"), 4, "appears twice"),
    ("same order twice", "themes/theme-b.yml", ("order: 2", "order: 1"), 2, "order 1 is already used"),
    ("bad id", "themes/theme-b.yml", ("id: b-one", "id: B One"), 8, "not a valid id"),
    ("id does not match file", "themes/theme-b.yml", ("id: theme-b", "id: theme-c"), 1, "does not match the file name"),
    ("unknown case study", "themes/theme-a.yml", ("case_studies: [story]", "case_studies: [story, nowhere]"), 20, 'the case study "nowhere" does not exist'),
    ("case study names an unknown theme", "case-studies/story.yml", ("  - theme-a", "  - theme-a\n  - theme-z"), 9, 'the theme "theme-z" does not exist'),
    ("links one way only", "themes/theme-b.yml", ("what_good_looks_like: Words.", "what_good_looks_like: Words.\ncase_studies: [story]"), 13, "does not list this theme"),
    ("scale option without a label", "toolkit.yml", ("      label: Starting to\n", ""), None, 'missing the field "label"'),
    ("scale with one point", "toolkit.yml", (None, None), None, "needs at least 2"),
    ("empty text", "themes/theme-b.yml", ("introduction: Words.", 'introduction: "  "'), 5, "is empty"),
    ("not UTF-8", "themes/theme-b.yml", ("Words.\nwhy", "Caf\udce9.\nwhy"), 5, "not saved as UTF-8"),
]


@pytest.mark.parametrize("name,file,change,line,words", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_content_names_file_line_and_fix(content, name, file, change, line, words):
    path = content / file
    if name == "scale with one point":
        text = path.read_text()
        start = text.index("    - value: 2")
        end = text.index("  not_sure:")
        path.write_text(text[:start] + text[end:].replace("\n", "\n", 1))
        text = path.read_text()
        start = text.index("    - value: 1")
        line = text[:start].count("\n")  # the "options:" line
    elif name == "not UTF-8":
        raw = path.read_text().replace(change[0], "Caf\u00e9.\nwhy", 1).encode("latin-1")
        path.write_bytes(raw)
    else:
        _replace(path, *change)
    if line is None:  # the toolkit file: find the line of the changed block
        line = _line_of(path, "- value: 2")  # the option that lost its label
    with pytest.raises(ContentErrors) as caught:
        load_toolkit(content)
    message = str(caught.value)
    assert words in message, message
    assert f"{file}:{line}" in message.replace(str(content) + "/", ""), message
    assert "How to fix:" in message
    assert "Traceback" not in message


def _line_of(path: Path, needle: str) -> int:
    for number, text in enumerate(path.read_text().splitlines(), 1):
        if needle and needle in text:
            return number
    return 1


def test_missing_settings_file(content):
    (content / "toolkit.yml").unlink()
    with pytest.raises(ContentErrors, match="toolkit settings file is missing"):
        load_toolkit(content)


def test_every_mistake_is_reported_at_once(content):
    _replace(content / "themes" / "theme-a.yml", "order: 1", "order: one")
    _replace(content / "themes" / "theme-b.yml", "title: Theme B", "titel: Theme B")
    with pytest.raises(ContentErrors) as caught:
        load_toolkit(content)
    assert len(caught.value.errors) >= 3  # wrong type, unknown field, missing title


def test_build_stops_with_a_clear_message_and_no_traceback(content, tmp_path):
    _replace(content / "themes" / "theme-b.yml", "order: 2", "order: second")
    result = build_site(tmp_path / "out", env={"ACTION_PLAN_CONTENT": str(content)})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "theme-b.yml:2" in output and "should be a whole number" in output, output
    assert "Traceback" not in output


def test_adding_a_theme_is_one_yaml_file(content):
    (content / "themes" / "theme-c.yml").write_text(
        THEME_B.replace("theme-b", "theme-c").replace("order: 2", "order: 3")
        .replace("Theme B", "Theme C").replace("b-one", "c-one"))
    toolkit = load_toolkit(content)
    pages = Renderer(toolkit, ROOT / "overrides").pages()
    assert "themes/theme-c.md" in pages
    nav = expand_nav([{"Themes": "themes/index.md"}], toolkit)
    assert nav == [{"Themes": ["themes/index.md", {"Theme A": "themes/theme-a.md"},
                               {"Theme B": "themes/theme-b.md"}, {"Theme C": "themes/theme-c.md"}]}]


def test_question_set_describes_every_question():
    toolkit = load_toolkit(CONTENT)
    qs = toolkit.question_set()
    assert qs["format"] == "care-home-action-plan/question-set"
    ids = [q["id"] for t in qs["themes"] for q in t["questions"]]
    assert len(ids) == len(set(ids)) == sum(len(t.questions) for t in toolkit.themes)
    assert [o["label"] for o in qs["rating"]["options"]] == ["Not yet", "Starting to", "Mostly", "Consistently"]
    assert qs["rating"]["not_sure"]["label"] == "Not sure"
    assert len(qs["hash"]) == 12
