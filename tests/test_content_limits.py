"""Limits on every number and count in content (issue 19).

``rows: 50000000`` on a note field built a textarea 33 million pixels tall (on
an action field the build died with a MemoryError, no file or line), and
``review_months: -6`` put the next review before the round. Every number a
content file holds is now a whole number between two limits, and every list
has a most it may hold; anything outside is refused with the file, the line
and the fix, never a traceback, a MemoryError or a huge site.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from actionplan import ContentErrors, load_toolkit
from actionplan.forms import load_forms
from actionplan.render import Renderer
from actionplan.results import load_results

from conftest import ROOT

MT = "themes/managing-transitions.yml"


@pytest.fixture
def content(content_copy) -> Path:
    return content_copy


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in text:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def _errors(content: Path) -> list:
    """Load everything the build loads; the content errors, checked for a fix and no traceback."""
    started = time.perf_counter()
    with pytest.raises(ContentErrors) as caught:
        toolkit = load_toolkit(content)
        load_forms(content, toolkit)
        load_results(content, Renderer(toolkit, ROOT / "overrides"))
    print(f"refused in {time.perf_counter() - started:.2f} s")
    message = str(caught.value)
    assert "Traceback" not in message and "MemoryError" not in message
    assert all(e.fix for e in caught.value.errors), message
    return caught.value.errors


def _prompts(n: int) -> str:
    return "    prompts:\n" + "".join(f"      - Prompt {i}?\n" for i in range(n))


# (name, file, old, new, the text on the line that must be named, words in the message or fix)
NUMBERS = [
    ("rows of fifty million on a note field", "toolkit.yml", "    label: What is working well\n    rows: 3",
     "    label: What is working well\n    rows: 50000000", "rows: 50000000", "from 1 to 20"),
    ("rows of a hundred thousand on an action field", "toolkit.yml", "      type: textarea\n      rows: 3",
     "      type: textarea\n      rows: 100000", "rows: 100000", "from 1 to 20"),
    ("rows of fifty million on an action field", "toolkit.yml", "      type: textarea\n      rows: 3",
     "      type: textarea\n      rows: 50000000", "rows: 50000000", "from 1 to 20"),
    ("rows of 0 on a theme note", "toolkit.yml", "    rows: 4", "    rows: 0", "rows: 0", "from 1 to 20"),
    ("rows of -2 on a note field", "toolkit.yml", "night staff.\n    rows: 2", "night staff.\n    rows: -2",
     "rows: -2", "from 1 to 20"),
    ("review_months of -6", "toolkit.yml", "review_months: 3", "review_months: -6", "review_months:", "from 1 to 24"),
    ("review_months of 0", "toolkit.yml", "review_months: 3", "review_months: 0", "review_months:", "from 1 to 24"),
    ("review_months of 10 to the 12", "toolkit.yml", "review_months: 3", "review_months: 1000000000000",
     "review_months:", "from 1 to 24"),
    ("review_months of 1.5", "toolkit.yml", "review_months: 3", "review_months: 1.5", "review_months:", "whole number"),
    ("a rating value of a million", "toolkit.yml", "    - value: 4", "    - value: 1000000", "value: 1000000",
     "from 0 to 100"),
    ("a version of 10 to the 20", "toolkit.yml", "version: 1", "version: 100000000000000000000", "version:",
     "from 1 to"),
    ("a theme order of 0", MT, "order: 1", "order: 0", "order: 0", "from 1 to 100"),
    ("a theme order of 10 to the 9", MT, "order: 1", "order: 1000000000", "order: 1000000000", "from 1 to 100"),
    ("a form order of -1", "forms/cover.yml", "order: 1", "order: -1", "order: -1", "from 1 to 100"),
    ("room for a million actions", "forms/tracker.yml", "actions: 10", "actions: 1000000", "actions: 1000000",
     "from 3 to 30"),
    ("ruled lines of 31", "forms/tracker.yml", "lines: 2", "lines: 31", "lines: 31", "from 1 to 30"),
    ("ruled lines of 0 on a write-in field", "forms/session-record.yml", "        lines: 8", "        lines: 0",
     "lines: 0", "from 1 to 30"),
    ("note lines of a million", "forms/theme-worksheet.yml", "        lines: 5", "        lines: 1000000",
     "lines: 1000000", "from 1 to 30"),
]


@pytest.mark.parametrize("name,file,old,new,line_text,words", NUMBERS, ids=[n[0] for n in NUMBERS])
def test_a_number_out_of_its_limits_names_file_line_and_fix(content, name, file, old, new, line_text, words):
    path = content / file
    _edit(path, old, new)
    errors = _errors(content)
    mine = [e for e in errors if e.file.name == path.name and (words in e.message or words in e.fix)]
    assert mine, "\n".join(map(str, errors))
    assert any(e.line == _line_of(path, line_text) for e in mine), \
        f"expected line {_line_of(path, line_text)}:\n" + "\n".join(map(str, errors))


# (name, file, old, new, the text on the line that must be named, words)
COUNTS = [
    ("a question with 200 prompts", MT, "    prompts:\n      - Do we visit", _prompts(200) + "      - Do we visit",
     "    prompts:", "at most 10"),
    ("a theme with 60 questions", MT, "questions:\n",
     "questions:\n" + "".join(f"  - id: extra-{i}\n    question: Extra {i}?\n" + _prompts(1) for i in range(60)),
     "questions:", "at most 20"),
    ("a rating scale of 50 points", "toolkit.yml", "  options:\n    - value: 1\n",
     "  options:\n" + "".join(f"    - value: {i + 10}\n      label: P{i}\n      description: D{i}.\n" for i in range(50))
     + "    - value: 1\n", "  options:", "at most 10"),
    ("400 roles", "toolkit.yml", "  roles:\n", "  roles:\n" + "".join(f"    - Role {i}\n" for i in range(400)),
     "  roles:", "at most 30"),
    ("a form with 100 sections", "forms/cover.yml", "sections:\n",
     "sections:\n" + "".join(f"  - type: text\n    text: Words {i}.\n" for i in range(100)), "sections:", "at most 30"),
    ("a line of text of 400 characters", MT, "title: Managing transitions", "title: " + "Managing " * 45,
     "title: Managing", "300 characters"),
]


@pytest.mark.parametrize("name,file,old,new,line_text,words", COUNTS, ids=[c[0] for c in COUNTS])
def test_a_count_over_its_limit_names_file_line_and_fix(content, name, file, old, new, line_text, words):
    path = content / file
    _edit(path, old, new)
    errors = _errors(content)
    mine = [e for e in errors if e.file.name == path.name and (words in e.message or words in e.fix)]
    assert mine, "\n".join(map(str, errors))
    assert any(e.line == _line_of(path, line_text) for e in mine), \
        f"expected line {_line_of(path, line_text)}:\n" + "\n".join(map(str, errors))


# The example home (JSON): its numbers, named with the line they are on
SAMPLE = [
    ("months_ago of -3", '"months_ago": 7', '"months_ago": -3', '"months_ago": -3', "from 0 to 120"),
    ("months_ago of 10 to the 15", '"months_ago": 7', '"months_ago": 1000000000000000', '"months_ago": 1000000000000000',
     "from 0 to 120"),
    ("by_when_days of 10 to the 9", '"by_when_days": -20', '"by_when_days": 1000000000', '"by_when_days": 1000000000',
     "from -3650 to 3650"),
]


@pytest.mark.parametrize("name,old,new,line_text,words", SAMPLE, ids=[s[0] for s in SAMPLE])
def test_a_number_in_the_example_home(content, name, old, new, line_text, words):
    path = content / "sample-home.json"
    _edit(path, old, new)
    errors = _errors(content)
    mine = [e for e in errors if e.file.name == path.name and (words in e.message or words in e.fix)]
    assert mine, "\n".join(map(str, errors))
    assert mine[0].line == _line_of(path, line_text), "\n".join(map(str, errors))


def test_an_example_home_of_a_thousand_people(content):
    path = content / "sample-home.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["people"] = [f"Person {i}" for i in range(1000)]
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    errors = _errors(content)
    assert any(e.file.name == path.name and "at most 50" in e.message and e.line == _line_of(path, '"people"')
               for e in errors), "\n".join(map(str, errors))


def test_shipped_content_is_within_every_limit():
    toolkit = load_toolkit(ROOT / "content")
    load_forms(ROOT / "content", toolkit)
    load_results(ROOT / "content", Renderer(toolkit, ROOT / "overrides"))


def _schemas():
    from actionplan import forms, results, schema
    return [schema.TOOLKIT, schema.THEME, schema.CASE_STUDY, forms.FORM, forms.SETTINGS, results.RESULTS]


def test_every_number_and_list_in_the_schemas_has_limits():
    """A new number field or list without limits fails here, not in a build."""
    from actionplan.schema import Schema
    missing, seen = [], set()

    def walk(item, where):
        if isinstance(item, Schema):
            if id(item) in seen:
                return
            seen.add(id(item))
            for name, spec in item.fields.items():
                walk(spec, f"{where} > {name}")
            return
        if item is None:
            return
        if item.kind in {"int", "scalar"} and (item.low is None or item.high is None):
            missing.append(f"{where} (a number with no low/high)")
        if item.kind == "list":
            walk(item.item, where + "[]")
        if item.schema is not None:
            walk(item.schema, where)

    def walk_lists(item, where, out):
        if isinstance(item, Schema):
            for name, spec in item.fields.items():
                walk_lists(spec, f"{where} > {name}", out)
        elif item is not None:
            if item.kind == "list" and item.max_items is None:
                out.append(f"{where} (a list with no max_items)")
            if item.kind == "list":
                walk_lists(item.item, where + "[]", out)
            if item.schema is not None:
                walk_lists(item.schema, where, out)

    for s in _schemas():
        walk(s, s.name)
        walk_lists(s, s.name, missing)
    assert not missing, "\n".join(missing)


def test_the_build_stops_on_huge_rows_with_file_and_line(content, tmp_path):
    """rows: 50000000 on an action field killed the build with a MemoryError."""
    from conftest import build_site
    path = content / "toolkit.yml"
    _edit(path, "      type: textarea\n      rows: 3", "      type: textarea\n      rows: 50000000")
    _edit(path, "review_months: 3", "review_months: -6")
    result = build_site(tmp_path / "out", env={"ACTION_PLAN_CONTENT": str(content)})
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output and "MemoryError" not in output, output
    assert f"toolkit.yml:{_line_of(path, 'rows: 50000000')}:" in output, output
    assert f"toolkit.yml:{_line_of(path, 'review_months: -6')}:" in output, output
    assert "use a whole number from 1 to 20" in output and "use a whole number from 1 to 24" in output, output


@pytest.mark.parametrize("folder,most", [("themes", 30), ("case-studies", 100), ("forms", 20)])
def test_too_many_files_in_a_folder(content, folder, most):
    """Each file is a page (or eight, for a theme form): a folder holds at most so many."""
    source = sorted((content / folder).glob("*.yml"))[-1]
    for i in range(most + 1):
        (content / folder / f"zz-copy-{i}.yml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    errors = _errors(content)
    assert any(e.file.name == folder and f"at most {most}" in e.message for e in errors), \
        "\n".join(map(str, errors[:5]))
