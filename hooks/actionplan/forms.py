"""The printable forms in ``content/forms/``: their schema, loading and checks.

``index.yml`` holds the worksheets page and the words around the forms; every
other file is one form: a "theme" form is printed once for every theme (from
the theme's own questions, never a copy), a "sheet" form is printed once.
A form is a list of sections; each section type says what it prints.

``load_forms(content_dir, toolkit)`` returns ``Forms``, or ``None`` when there
is no forms folder, or raises ``ContentErrors`` naming the file and line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import pagenames
from .errors import ContentError, ContentErrors
from .load import _yaml_files, content_folder
from .model import Toolkit
from .schema import MAX_ORDER, Checker, Field, Schema
from .yamlload import load_yaml

FORMS_DIR = "forms"
SETTINGS_FILE = "index.yml"
RESERVED_IDS = set(pagenames.reserved("form"))  # page names the worksheets section uses itself
KINDS = ("theme", "sheet")
THEME_PLACEHOLDER = "{theme}"
MAX_LINES = 30    # ruled lines in one box
MIN_ACTIONS = 3   # room for actions on a worksheet: at least ...
MAX_ACTIONS = 30  # ... and at most (the tracker has 10)

# section type -> the parameters it needs, and the ones it may have
SECTION_TYPES: dict[str, tuple[set[str], set[str]]] = {
    "text": ({"text"}, {"heading", "new_page"}),
    "fields": ({"fields"}, {"heading", "text", "new_page"}),
    "rating-key": (set(), {"heading", "text", "new_page"}),
    "themes": (set(), {"heading", "text", "new_page"}),
    "questions": (set(), {"heading", "text", "note_lines", "new_page"}),
    "theme-notes": (set(), {"heading", "text", "note_lines", "new_page"}),
    "actions": ({"actions"}, {"heading", "text", "new_page"}),
    "tracker": ({"actions", "columns"}, {"heading", "text", "lines", "new_page"}),
}
THEME_ONLY = {"questions", "theme-notes", "actions"}
THEME_COLUMN = "theme"  # the tracker column that names the theme of an action

_write_field = Schema("a write-in field", {
    "label": Field("text", help="the words printed by the space"),
    "hint": Field("text", required=False),
    "lines": Field("int", required=False, low=1, high=MAX_LINES, help="the number of lines to write on"),
    "width": Field("text", required=False, help='"half" to share a row with the next half field'),
})

_note_lines = Schema("the space for a note field", {
    "note": Field("id", help="the id of a note field in toolkit.yml"),
    "lines": Field("int", low=1, high=MAX_LINES, help="the number of lines to write on"),
})

SECTION = Schema("a section", {
    "type": Field("text", help=", ".join(SECTION_TYPES)),
    "heading": Field("text", required=False),
    "text": Field("markdown", required=False),
    "fields": Field("list", required=False, item=_write_field, min_items=1, max_items=20),
    "note_lines": Field("list", required=False, item=_note_lines, min_items=1, max_items=10),
    "actions": Field("int", required=False, low=MIN_ACTIONS, high=MAX_ACTIONS, help="how many actions there is room for"),
    "lines": Field("int", required=False, low=1, high=MAX_LINES, help="the number of lines to write on in each box"),
    "columns": Field("list", required=False, item=Field("id"), min_items=1, max_items=20),
    "new_page": Field("bool", required=False, help="start this section on a new page"),
})

FORM = Schema("the form", {
    "id": Field("id", help="a stable id, the same as the file name"),
    "order": Field("int", low=1, high=MAX_ORDER, help="where the form comes in the list and in the pack, from 1"),
    "kind": Field("text", help='"theme" (one for every theme) or "sheet" (printed once)'),
    "title": Field("text"),
    "summary": Field("text", help="one line for the worksheets page"),
    "sections": Field("list", item=SECTION, min_items=1, max_items=30),
})

LABELS = ("print", "print_hint", "print_worksheet", "print_answers", "print_answers_hint",
          "print_everyone", "print_everyone_hint", "printed_answers", "all_worksheets", "page", "tick_one", "theme", "themes_list")

SETTINGS = Schema("the worksheets settings", {
    "title": Field("text", help="the heading of the worksheets page"),
    "intro": Field("markdown"),
    "pack_title": Field("text"),
    "pack_summary": Field("text"),
    "theme_worksheets": Field("text", help="the heading over the list of theme worksheets"),
    "other_forms": Field("text", help="the heading over the other sheets"),
    "labels": Field("mapping", schema=Schema("the worksheet labels", {n: Field("text") for n in LABELS})),
})


@dataclass
class Form:
    id: str
    order: int
    kind: str
    title: str
    summary: str
    sections: list[dict]
    path: Path
    data: dict = field(repr=False)

    def title_for(self, theme=None) -> str:
        return self.title.replace(THEME_PLACEHOLDER, theme.title) if theme is not None else self.title


@dataclass
class Forms:
    settings: dict
    forms: list[Form]

    @property
    def labels(self) -> dict:
        return self.settings["labels"]


def load_forms(content_dir: Path | str, toolkit: Toolkit) -> Forms | None:
    root = Path(content_dir)
    folder = root / FORMS_DIR
    problems: list[ContentError] = []
    if not content_folder(folder, root, problems):
        if problems:
            raise ContentErrors(problems)
        return None
    settings_path = folder / SETTINGS_FILE
    settings = None
    if not (settings_path.exists() or settings_path.is_symlink()):
        problems.append(ContentError(settings_path, None, "the worksheets settings file is missing",
                                     f"create {SETTINGS_FILE} in {folder} (copy it from the shipped content)"))
    else:
        raw = load_yaml(settings_path, problems, root)
        if raw is not None:
            settings = Checker(settings_path, problems).mapping(raw, SETTINGS, "the worksheets settings", 1)

    forms: list[Form] = []
    for path in _yaml_files(folder, problems):
        if path.name == SETTINGS_FILE:
            continue
        raw = load_yaml(path, problems, root)
        if raw is None:
            continue
        before = len(problems)
        clean = Checker(path, problems).mapping(raw, FORM, "the form", 1)
        if len(problems) == before:
            _check_form(clean, path, raw, toolkit, problems)
            forms.append(Form(path=path, data=raw, **{k: clean[k] for k in
                                                       ("id", "order", "kind", "title", "summary", "sections")}))
    _check_ids(forms, toolkit, problems)
    if problems:
        raise ContentErrors(problems)
    forms.sort(key=lambda f: f.order)
    return Forms(settings=settings, forms=forms)


def _check_form(form: dict, path: Path, raw, toolkit: Toolkit, problems: list[ContentError]) -> None:
    def error(line, message, fix):
        problems.append(ContentError(path, line, message, fix))

    if path.stem != form["id"]:
        error(raw.line_of("id"), f'the form id "{form["id"]}" does not match the file name "{path.name}"',
              f'rename the file to "{form["id"]}.yml", or change the id')
    if form["kind"] not in KINDS:
        error(raw.line_of("kind"), f'the kind "{form["kind"]}" is not one this form can have',
              'use "theme" (printed once for every theme) or "sheet" (printed once)')
    elif form["kind"] == "theme" and THEME_PLACEHOLDER not in form["title"]:
        error(raw.line_of("title"), 'the title of a theme form must say where the theme name goes',
              f'put {THEME_PLACEHOLDER} in the title, like "{THEME_PLACEHOLDER}: worksheet"')

    notes = {"questions": {n["id"] for n in toolkit.settings["notes"]},
             "theme-notes": {n["id"] for n in toolkit.settings.get("theme_notes") or []}}
    columns = {f["id"] for f in toolkit.settings["actions"]["fields"]} | {THEME_COLUMN}
    for i, (section, raw_section) in enumerate(zip(form["sections"], raw["sections"])):
        line = raw["sections"].line_of(i)
        where = f"section {i + 1}"
        kind = section["type"]
        if kind not in SECTION_TYPES:
            error(raw_section.line_of("type"), f'{where} has the type "{kind}", which is not a section type',
                  "use one of: " + ", ".join(SECTION_TYPES))
            continue
        needs, may = SECTION_TYPES[kind]
        for name in sorted(needs):
            if section.get(name) is None:
                error(line, f'{where} ({kind}) is missing the field "{name}"',
                      f'add "{name}:" under the section')
        for name, value in section.items():
            if name != "type" and value is not None and name not in needs | may:
                error(raw_section.line_of(name), f'{where} ({kind}) cannot have "{name}"',
                      "remove it; this section type can have: " + ", ".join(sorted(needs | may)))
        if kind in THEME_ONLY and form["kind"] != "theme":
            error(raw_section.line_of("type"), f"{where} ({kind}) needs a theme, but this form is a sheet",
                  'move the section to a form with "kind: theme"')
        for j, f in enumerate(section.get("fields") or []):
            if f.get("width") not in (None, "half", "full"):
                error(raw_section["fields"].line_of(j), f'the width "{f["width"]}" is not one a field can have',
                      'use "half" or "full", or leave it out for the full width')
        for j, n in enumerate(section.get("note_lines") or []):
            note_line = raw_section["note_lines"].line_of(j)
            if n["note"] not in notes.get(kind, set()):
                group = "notes" if kind == "questions" else "theme_notes"
                error(note_line, f'the note field "{n["note"]}" is not in "{group}" in toolkit.yml',
                      "use one of: " + (", ".join(sorted(notes.get(kind, ()))) or "(none)"))
        for j, col in enumerate(section.get("columns") or []):
            if col not in columns:
                error(raw_section["columns"].line_of(j), f'the column "{col}" is not an action field',
                      "use one of: " + ", ".join(sorted(columns)))


def _check_ids(forms: list[Form], toolkit: Toolkit, problems: list[ContentError]) -> None:
    seen: dict[str, Form] = {}
    orders: dict[int, Form] = {}
    taken = {t.id: f"the theme in {t.path.name}" for t in toolkit.themes}
    reserved = pagenames.reserved("form")
    taken.update({r: f"a page of the worksheets section ({reserved[r]}); the names reserved for a form id are: "
                     + ", ".join(sorted(reserved)) for r in reserved})
    for form in forms:
        line = form.data.line_of("id")
        if form.id in seen:
            problems.append(ContentError(form.path, line, f'the form id "{form.id}" is already used by '
                                                          f"{seen[form.id].path.name}", "give each form its own id"))
        elif form.id in taken:
            problems.append(ContentError(form.path, line, f'the form id "{form.id}" is already used by {taken[form.id]}',
                                         "choose another id for the form (and rename the file)"))
        seen.setdefault(form.id, form)
        if form.order in orders:
            problems.append(ContentError(form.path, form.data.line_of("order"),
                                         f'the order {form.order} is already used by the form "{orders[form.order].id}"',
                                         "give each form its own order number"))
        orders.setdefault(form.order, form)
