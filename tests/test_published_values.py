"""Issue 18, the content side of "content changes never hide answers": a value that saved
answers may hold (a point of the scale, "not sure", an action status) cannot leave the
content without a word. The build stops, with the file, the line and how to retire it;
a retired value keeps its old words and says what it counts as; the question set carries
it to the pages. content/published-values.yml records every value ever published."""
from __future__ import annotations

from pathlib import Path

import pytest

from actionplan import ContentErrors, load_toolkit
from actionplan.published import PUBLISHED_FILE, read_record, unrecorded
from actionplan.record_values import main as record_values

from conftest import ROOT, build_site

CONTENT = ROOT / "content"
HOW_TO_RECORD = "cd hooks && ../.venv/bin/python -m actionplan.record_values ../content"

POINT_4 = """    - value: 4
      label: Consistently
      description: This is part of everyday life here.
"""


def _edit(content: Path, old: str, new: str, append: str = "") -> Path:
    path = content / "toolkit.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1) + append, encoding="utf-8")
    return path


def _line(path: Path, needle: str) -> int:
    return next(n for n, text in enumerate(path.read_text().splitlines(), 1)
                if needle in text and not text.lstrip().startswith("#"))


def _errors(content: Path) -> str:
    with pytest.raises(ContentErrors) as caught:
        load_toolkit(content)
    return str(caught.value)


def test_the_record_holds_every_value_in_the_content():
    """Fails when the content gains a value (or new words for one) not yet recorded."""
    problems: list = []
    entries, _ = read_record(CONTENT / PUBLISHED_FILE, problems, CONTENT)
    assert not problems, "\n".join(str(p) for p in problems)
    missing = unrecorded(load_toolkit(CONTENT).settings, entries)
    assert not missing, (
        "content/" + PUBLISHED_FILE + " does not record every value saved answers may hold:\n  "
        + "\n  ".join(missing) + f"\nHow to record them: {HOW_TO_RECORD}  (then commit the file)")


# what is changed in toolkit.yml, the line the message points at, words it must name
TAKEN_OUT = {
    "a point of the scale removed": (POINT_4, "", "  options:", ['"4"', "Consistently", "on the scale"]),
    "the not-sure value renamed": ("value: not-sure", "value: unsure", "  not_sure:", ['"not-sure"', "Not sure"]),
    "an action status renamed": ("value: in-progress", "value: started", "      options:",
                                 ['"in-progress"', "In progress", '"status"']),
}


@pytest.mark.parametrize("name", TAKEN_OUT)
def test_a_value_taken_out_stops_the_build_with_the_line_and_how_to_retire_it(content_copy, name):
    old, new, at, words = TAKEN_OUT[name]
    path = _edit(content_copy, old, new)
    message = _errors(content_copy)
    line = _line(path, at) if name != "an action status renamed" else \
        next(n for n, t in enumerate(path.read_text().splitlines(), 1) if t.strip() == "options:" and n > _line(path, "id: status"))
    assert f"toolkit.yml:{line}:" in message, message
    for w in words:
        assert w in message, (w, message)
    assert "retired_values:" in message and "counts_as" in message and "How to fix:" in message, message
    assert f"of {PUBLISHED_FILE} records it" in message


def test_the_build_itself_stops_with_the_message_and_no_traceback(content_copy, tmp_path):
    _edit(content_copy, POINT_4, "")
    result = build_site(tmp_path / "out", env={"ACTION_PLAN_CONTENT": str(content_copy)})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "toolkit.yml:" in output and "no longer on the scale" in output and "retired_values:" in output, output
    assert "Traceback" not in output


RETIRED = """
retired_values:
  - {of: rating, value: 4, label: "Consistently", counts_as: 3}
  - {of: rating, value: "not-sure", label: "Not sure"}
  - {of: status, value: "in-progress", label: "In progress", counts_as: started}
"""


def test_retired_values_build_and_reach_the_question_set(content_copy):
    _edit(content_copy, POINT_4, "")
    _edit(content_copy, "value: not-sure", "value: unsure")
    _edit(content_copy, "value: in-progress", "value: started", RETIRED)
    qs = load_toolkit(content_copy).question_set()
    assert qs["retired_values"] == [
        {"of": "rating", "value": 4, "label": "Consistently", "counts_as": 3},
        {"of": "rating", "value": "not-sure", "label": "Not sure", "counts_as": None},
        {"of": "status", "value": "in-progress", "label": "In progress", "counts_as": "started"},
    ]
    # the shipped question set has none, and says so
    assert load_toolkit(CONTENT).question_set()["retired_values"] == []


MISTAKES = {
    "back in the content and retired": ("", "", "\nretired_values:\n  - {of: rating, value: 4, label: Consistently}\n",
                                         "in the content again"),
    "counts as something not on the scale": (POINT_4, "", "\nretired_values:\n  - {of: rating, value: 4, label: Consistently, counts_as: 9}\n",
                                             "not a point on the scale"),
    "counts as not sure": (POINT_4, "", "\nretired_values:\n  - {of: rating, value: 4, label: Consistently, counts_as: not-sure}\n",
                           "not a point on the scale"),
    "of something that is not a choice": (POINT_4, "", "\nretired_values:\n  - {of: lead, value: 4, label: Consistently}\n",
                                          "not the rating or an action field that is a choice"),
    "retired twice": (POINT_4, "", "\nretired_values:\n  - {of: rating, value: 4, label: A}\n  - {of: rating, value: 4, label: B}\n",
                      "retired twice"),
    "a status counted as a rating": ("value: in-progress", "value: started",
                                     "\nretired_values:\n  - {of: status, value: in-progress, label: In progress, counts_as: 3}\n",
                                     'not one of the choices for "status"'),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_a_mistake_in_retired_values_names_the_line(content_copy, name):
    old, new, append, words = MISTAKES[name]
    path = _edit(content_copy, old, new, append) if old else _edit(content_copy, "title:", "title:", append)
    message = _errors(content_copy)
    assert words in message, message
    start = _line(path, "retired_values:")
    lines = range(start + 1, start + append.count("- {") + 1)  # the line of a retired value
    assert any(f"toolkit.yml:{n}:" in message for n in lines), message


def test_content_with_no_record_is_not_checked_against_one(content_copy):
    (content_copy / PUBLISHED_FILE).unlink()
    _edit(content_copy, POINT_4, "")
    load_toolkit(content_copy)  # a home's own small content need not keep a record


def test_recording_adds_new_values_and_never_removes_one(content_copy, capsys):
    _edit(content_copy, "  not_sure:", POINT_4.replace("4", "5").replace("Consistently", "Always")
          .replace("This is part of everyday life here.", "Every time, for everyone.") + "  not_sure:")
    record = content_copy / PUBLISHED_FILE
    before = record.read_text()
    assert record_values([str(content_copy)]) == 0
    after = record.read_text()
    assert after.startswith(before.rstrip("\n"))  # every earlier line kept, in order
    assert '{of: rating, value: 5, label: "Always"}' in after
    # a value taken out stays recorded, so the build still asks for it to be retired
    _edit(content_copy, POINT_4.replace("4", "5").replace("Consistently", "Always")
          .replace("This is part of everyday life here.", "Every time, for everyone."), "")
    assert record_values([str(content_copy)]) == 1
    assert "Always" in capsys.readouterr().err
    assert record.read_text() == after
