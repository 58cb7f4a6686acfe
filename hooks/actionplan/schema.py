"""A small declarative schema for the content files, and the checker for it.

Each content file is a mapping. A ``Schema`` lists its fields; a ``Field`` says
what kind of value it holds. ``check`` walks the data, adds a ``ContentError``
for every mistake (with the line it is on and how to fix it), and returns plain
Python values for the model.

Every number has limits (issue 19): a ``Field`` of kind "int" (or a "scalar"
that is a number) says the lowest and highest whole number it may hold
(``low``/``high``), every list the most items it may hold (``max_items``), and a
one-line text is at most ``MAX_LINE`` characters. ``whole_number_problem`` is the
one check of "a whole number between A and B", used here, by the forms and by
the example home.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ContentError

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: The longest one-line text (a label, a title, a hint): the longest shipped is under 170 characters.
MAX_LINE = 300


def whole_number_problem(value: Any, low: int, high: int) -> str | None:
    """Why ``value`` is not a whole number from ``low`` to ``high``, or None.

    The words fit after "... is" or "... should be": they never repeat the
    value itself, which can be a number of thousands of digits."""
    if isinstance(value, bool) or not isinstance(value, int):
        return f"a whole number from {low} to {high}, but it is {_type_name(value)}"
    if value < low:
        return f"at least {low}, but it is {_number(value)}"
    if value > high:
        return f"at most {high}, but it is {_number(value)}"
    return None


def _number(value: int) -> str:
    if abs(value) < 10 ** 15:
        return str(value)
    digits = int(abs(value).bit_length() * 0.30103) + 1  # about; str() of a huge number can fail or be slow
    return f"{'minus ' if value < 0 else ''}a number of about {digits:,} digits"


@dataclass(frozen=True)
class Field:
    kind: str  # text | markdown | id | int | bool | list | mapping | scalar
    required: bool = True
    item: "Field | Schema | None" = None  # for lists
    schema: "Schema | None" = None  # for mappings
    min_items: int = 0
    max_items: int | None = None
    low: int | None = None   # for "int" (and a "scalar" that is a number): the lowest whole number allowed
    high: int | None = None  # ... and the highest
    choices: tuple = ()
    help: str = ""  # one line: what this field is, used in messages


@dataclass(frozen=True)
class Schema:
    name: str  # "a theme", "a question": used in messages
    fields: dict[str, Field] = field(default_factory=dict)


_KIND_WORDS = {
    "text": "a line of text",
    "markdown": "a block of text",
    "id": "an id (lowercase letters, digits and hyphens)",
    "int": "a whole number",
    "bool": "true or false",
    "list": "a list",
    "mapping": "a set of named fields",
    "scalar": "a number or a word",
}


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of named fields"
    if value is None:
        return "nothing"
    return type(value).__name__


class Checker:
    def __init__(self, path: Path, problems: list[ContentError]):
        self.path = path
        self.problems = problems

    def error(self, line: int | None, message: str, fix: str = "") -> None:
        self.problems.append(ContentError(self.path, line, message, fix))

    def mapping(self, data: dict, schema: Schema, where: str, line: int) -> dict:
        out: dict[str, Any] = {}
        for key in data:
            if key not in schema.fields:
                close = difflib.get_close_matches(str(key), list(schema.fields), n=1)
                fix = (f'did you mean "{close[0]}"? ' if close else "") + \
                    "the fields allowed here are: " + ", ".join(schema.fields)
                self.error(data.line_of(key), f'unknown field "{key}" in {where}', fix)
        for name, spec in schema.fields.items():
            if name not in data or data[name] is None:
                if spec.required:
                    what = f" ({spec.help})" if spec.help else ""
                    where_line = data.line_of(name) if name in data else line
                    self.error(where_line, f'{where} is missing the field "{name}"{what}',
                               f'add a line "{name}: ..." holding {_KIND_WORDS[spec.kind]}')
                out[name] = None  # optional and absent: templates can test it
                continue
            out[name] = self.value(data[name], spec, f'"{name}" in {where}', data.line_of(name))
        return out

    def value(self, value: Any, spec: Field, where: str, line: int) -> Any:
        kind = spec.kind
        wrong = f"{where} should be {_KIND_WORDS[kind]}, but it is {_type_name(value)}"
        if kind in {"text", "markdown"}:
            if not isinstance(value, str):
                self.error(line, wrong, 'write it as text; put it in quotes if it looks like a number or "yes"/"no"')
                return ""
            if not value.strip():
                self.error(line, f"{where} is empty", "write the text, or remove the field if it is optional")
            if kind == "text" and "\n" in value.strip():
                self.error(line, f"{where} should be one line", "join it into one line or shorten it")
            elif kind == "text" and len(value.strip()) > MAX_LINE:
                self.error(line, f"{where} is {len(value.strip()):,} characters long, more than the {MAX_LINE} "
                                 f"characters a line of text may hold", "shorten it")
            return value.strip()
        if kind == "id":
            if not isinstance(value, str) or not ID_PATTERN.match(value):
                self.error(line, f'{where} is "{value}", which is not a valid id',
                           'use lowercase letters, digits and single hyphens, like "managing-transitions"')
                return str(value)
            return value
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                self.error(line, wrong, "write a whole number without quotes, like 3")
                return 0
            return self.in_range(value, spec, where, line)
        if kind == "bool":
            if not isinstance(value, bool):
                self.error(line, wrong, "write true or false")
                return False
            return value
        if kind == "scalar":
            if isinstance(value, bool) or not isinstance(value, int | str):
                self.error(line, wrong, "write a whole number or a single word")
                return str(value)
            return self.in_range(value, spec, where, line) if isinstance(value, int) else value
        if kind == "mapping":
            if not isinstance(value, dict):
                self.error(line, wrong, "indent its fields under it, each as \"name: value\"")
                return {}
            return self.mapping(value, spec.schema, where, getattr(value, "line", line))
        if kind == "list":
            if not isinstance(value, list):
                self.error(line, wrong, 'put each item on its own line starting with "- "')
                return []
            if len(value) < spec.min_items:
                self.error(line, f"{where} has {len(value)} item{'s' if len(value) != 1 else ''}, "
                                 f"but needs at least {spec.min_items}",
                           "add the missing items, each on its own line starting with \"- \"")
            if spec.max_items is not None and len(value) > spec.max_items:
                self.error(line, f"{where} has {len(value)} items, but may have at most {spec.max_items}",
                           "remove some, or split them")
                return []  # the items are not checked one by one: there are too many
            items = []
            for i, item in enumerate(value):
                item_line = value.line_of(i) if hasattr(value, "line_of") else line
                item_where = f"item {i + 1} of {where}"
                if isinstance(spec.item, Schema):
                    if not isinstance(item, dict):
                        self.error(item_line, f"{item_where} should be {spec.item.name} with named fields, "
                                              f"but it is {_type_name(item)}",
                                   'write its fields under the "- ", each as "name: value"')
                        continue
                    items.append(self.mapping(item, spec.item, f"{spec.item.name} ({item_where})", item_line))
                else:
                    items.append(self.value(item, spec.item, item_where, item_line))
            return items
        raise ValueError(f"unknown field kind {kind}")  # a bug in the schema, not in content

    def in_range(self, value: int, spec: Field, where: str, line: int) -> int:
        """The value, or ``spec.low`` after an error when it is outside ``spec.low``..``spec.high``."""
        if spec.low is None or spec.high is None:
            return value  # tests/test_content_limits.py makes sure every number field has limits
        problem = whole_number_problem(value, spec.low, spec.high)
        if problem is None:
            return value
        what = f" ({spec.help})" if spec.help else ""
        self.error(line, f"{where}{what} should be {problem}",
                   f"use a whole number from {spec.low} to {spec.high}")
        return spec.low


# ---------------------------------------------------------------- the schemas

#: Lines of space a note or action field may show (on screen and on the worksheet); the most shipped is 4.
MAX_ROWS = 20

_option = Schema("a rating option", {
    "value": Field("scalar", low=0, high=100, help="what is stored, such as 1"),
    "label": Field("text", help='what people see, such as "Not yet"'),
    "description": Field("text", help="one line that explains the option"),
})

_note = Schema("a note field", {
    "id": Field("id", help="a stable id, never reused"),
    "label": Field("text"),
    "hint": Field("text", required=False),
    "rows": Field("int", required=False, low=1, high=MAX_ROWS, help="how many lines of space to show"),
})

_choice = Schema("a choice", {
    "value": Field("id"),
    "label": Field("text"),
})

_action_field = Schema("an action field", {
    "id": Field("id", help="a stable id, never reused"),
    "label": Field("text"),
    "hint": Field("text", required=False),
    "type": Field("text", help="text, textarea, date or choice"),
    "options": Field("list", required=False, item=_choice, min_items=1, max_items=10),
    "rows": Field("int", required=False, low=1, high=MAX_ROWS, help="how many lines of space to show"),
})

_retired = Schema("a retired question", {
    "id": Field("id"),
    "theme": Field("id"),
    "question": Field("text"),
})

# A value that saved answers may hold (a point of the scale, "not sure", an
# action status), taken out of the content: answers holding it keep their words
# and count as this says (issue 18; see published.py).
_retired_value = Schema("a retired value", {
    "of": Field("id", help='"rating", or the id of an action field that is a choice, such as "status"'),
    "value": Field("scalar", low=0, high=100, help="the value as it was stored, such as 5 or in-progress"),
    "label": Field("text", help="the words people saw for it"),
    "counts_as": Field("scalar", required=False, low=0, high=100,
                       help="the value it counts as now; leave it out (or null) to count it as nothing"),
})

# Conversation mode (issue 13): the words around one question at a time, and
# which note fields it shows as boxes (issue 22: each with its own label).
_conversation = Schema("the conversation mode settings", {
    **{name: Field("text") for name in (
        "start", "start_hint", "who", "default_group", "begin", "cancel", "answering_as",
        "how_to_move", "previous", "next", "finish", "leave",
    )},
    # after "Finish" (issue 22): what was answered and where to go next
    **{name: Field("text", required=False) for name in (
        "done", "done_next", "done_main_points", "done_actions", "done_next_theme",
    )},
    "notes": Field("list", item=Field("id"), min_items=1, max_items=10,
                   help='the note fields shown as boxes, such as [working-well, could-be-better]'),
})

# The session bar and the strip above the questions (issue 22): every word of them.
SESSION_WORDS = (
    "default_home", "default_round", "home", "round", "new_round", "answering_as", "choose_person",
    "someone_else", "add_person", "strip_label", "strip_where", "who_first", "storage_title",
    "storage_text", "export", "round_title", "round_title_hint", "round_date", "round_date_error",
    "round_home", "round_start", "cancel", "person_name", "person_hint", "person_add", "readonly",
    "reopen", "saved", "failed", "full", "gone", "other_deleted", "other_replaced", "other_undone",
    "other_merged", "other_conflict", "other_person_gone", "other_kept_typing", "your_data", "earlier_title", "earlier_text", "earlier_round",
    "earlier_person", "earlier_unknown",
)
_session = Schema("the session bar words", {name: Field("text") for name in SESSION_WORDS})

# The start of the home page (issue 22).
START_WORDS = (
    "label", "answer", "together", "worksheets", "results", "example", "data", "welcome_back",
    "welcome_back_nobody", "last_theme", "progress", "carry_on", "themes_intro", "answered",
    "not_answered", "last_round",
)
_start = Schema("the home page start", {name: Field("text") for name in START_WORDS})

# Looking back at last round's actions when a new round starts (issue 22).
LOOK_BACK_WORDS = (
    "title", "link", "intro", "none", "round", "action", "theme", "outcome", "learned", "evidence",
    "evidence_hint", "saved", "failed", "go_on", "in_plan", "learned_short", "evidence_short",
)
#: The outcomes the pages know, by id (saved with each action: never change one).
LOOK_BACK_OUTCOMES = ("done", "carry-on", "change", "stop")
_outcome = Schema("an outcome of looking back", {
    "value": Field("id", help="one of: " + ", ".join(LOOK_BACK_OUTCOMES)),
    "label": Field("text", help="the words beside its radio button"),
    "short": Field("text", help="the words in the action plan and the reports"),
    "status": Field("id", required=False, help="the status it gives the action, such as done or stopped"),
})
_look_back = Schema("the look back words", {
    **{name: Field("text") for name in LOOK_BACK_WORDS},
    "outcomes": Field("list", item=_outcome, min_items=4, max_items=4,
                      help="done, carry-on, change and stop, in the order shown"),
})

TOOLKIT = Schema("the toolkit settings", {
    "title": Field("text", help="the name of the toolkit"),
    "version": Field("scalar", low=1, high=1_000_000,
                     help="the question-set version; change it when questions change"),
    "review_months": Field("int", low=1, high=24, help="months from a round to the default review date"),
    "rating": Field("mapping", schema=Schema("the rating scale", {
        "prompt": Field("text", help='the question above the choices, such as "Where are we now?"'),
        "options": Field("list", item=_option, min_items=2, max_items=10,
                         help="the points of the scale, lowest first"),
        "not_sure": Field("mapping", schema=_option, help="the \"not sure\" choice, left out of averages"),
    })),
    "notes": Field("list", item=_note, min_items=1, max_items=10, help="the note fields under each question"),
    "theme_notes": Field("list", item=_note, required=False, max_items=10, help="note fields for the whole theme"),
    "actions": Field("mapping", schema=Schema("the forward-planning settings", {
        "intro": Field("markdown"),
        "fields": Field("list", item=_action_field, min_items=1, max_items=20),
        "date_error": Field("text", help="under a date field whose date is not a real date"),
        "remove": Field("text", help='the button in each action box, e.g. "Remove this action"'),
        "remove_question": Field("text", help="what the button asks before an action is removed"),
        "remove_yes": Field("text", help="the button that removes it"),
        "remove_no": Field("text", help="the button that keeps it"),
        "removed": Field("text", help="said once an action is removed"),
    })),
    "round": Field("mapping", schema=Schema("the round settings", {
        "roles": Field("list", item=Field("text"), min_items=1, max_items=30, help="suggested participant roles"),
    })),
    "labels": Field("mapping", schema=Schema("the labels", {
        **{name: Field("text") for name in (
            "introduction", "why_it_matters", "what_good_looks_like", "case_studies",
            "questions", "things_to_think_about", "question", "of", "forward_planning",
            "theme_notes", "action", "organisation", "what_others_can_learn", "related_themes",
            "themes_overview", "case_studies_overview", "questions_count", "to_questions", "whole_home",
        )},
        "retired_value": Field("text", required=False,
                               help="the hint beside an earlier answer whose value is retired (issue 18)"),
        "unknown_value": Field("text", required=False,
                               help='beside a rating from a newer version of the site; {value} is the rating'),
        "example_home": Field("text", required=False,
                              help="on a theme page while the example home is chosen: nothing is saved into it"),
    })),
    "retired_questions": Field("list", required=False, item=_retired, max_items=1000,
                               help="questions taken out; their answers are kept"),
    "retired_values": Field("list", required=False, item=_retired_value, max_items=1000,
                            help="values taken out of the scale or a choice; answers holding them are kept"),
    "session": Field("mapping", schema=_session, help="the words of the bar above the questions"),
    "start": Field("mapping", schema=_start, help="the buttons at the top of the home page"),
    "look_back": Field("mapping", schema=_look_back, help="looking back at the open actions when a round starts"),
    "conversation": Field("mapping", required=False, schema=_conversation,
                          help="conversation mode: one question at a time for a group"),
})

#: The highest order number of a theme or a form.
MAX_ORDER = 100

THEME = Schema("the theme", {
    "id": Field("id", help="a stable id, the same as the file name"),
    "order": Field("int", low=1, high=MAX_ORDER, help="where the theme comes in the list, from 1"),
    "title": Field("text"),
    "summary": Field("text", help="one line for the themes overview"),
    "introduction": Field("markdown"),
    "why_it_matters": Field("markdown"),
    "questions": Field("list", min_items=1, max_items=20, item=Schema("a question", {
        "id": Field("id", help="a stable id, never reused"),
        "question": Field("text"),
        "prompts": Field("list", item=Field("text"), min_items=1, max_items=10, help='the "things to think about"'),
    }), help="the reflection questions"),
    "what_good_looks_like": Field("markdown"),
    "case_studies": Field("list", item=Field("id"), required=False, max_items=20),
    "quality_statements": Field("list", item=Field("id"), required=False, max_items=40,
                                help="ids from content/quality-statements.yml: the CQC quality statements "
                                     "this theme gives evidence for"),
})

QUALITY_STATEMENTS = Schema("the quality statements", {
    "key_questions": Field("list", min_items=1, max_items=10, item=Schema("a key question", {
        "id": Field("id"),
        "title": Field("text"),
    }), help="CQC's five key questions"),
    "statements": Field("list", min_items=1, max_items=100, item=Schema("a quality statement", {
        "id": Field("id", help="a stable id, never reused"),
        "key_question": Field("id", help="the id of a key question above"),
        "title": Field("text", help="the statement's name, as CQC writes it"),
    }), help="the quality statements"),
})

# content/published-values.yml: every value ever published (published.py)
PUBLISHED = Schema("the record of published values", {
    "values": Field("list", min_items=1, max_items=10000, item=Schema("a published value", {
        "of": Field("id", help='"rating", or the id of an action field that is a choice'),
        "value": Field("scalar", low=0, high=100),
        "label": Field("text", help="the words people saw for it last"),
    }), help="every value saved answers may hold"),
})

CASE_STUDY = Schema("the case study", {
    "id": Field("id", help="a stable id, the same as the file name"),
    "title": Field("text"),
    "organisation": Field("text"),
    "summary": Field("text"),
    "story": Field("markdown"),
    "learning": Field("markdown", help="what other homes can learn"),
    "themes": Field("list", item=Field("id"), min_items=1, max_items=20),
})
