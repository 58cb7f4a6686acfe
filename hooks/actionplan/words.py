"""Files of interface words (content/results.yml, reports.yml, compare.yml, share.yml).

Each is read and checked the same way: the YAML with its line numbers, the
schema (file, line and fix for each mistake), then that every word a script
fills in keeps its ``{slots}`` and has no others. ``load_words`` does all three;
``check_slots`` is the last step alone. Like the rest of the generator, this
module knows nothing of MkDocs.
"""
from __future__ import annotations

import re
from pathlib import Path

from .errors import ContentError
from .schema import Checker, Schema
from .yamlload import load_yaml

SLOT = re.compile(r"\{(\w+)\}")


def load_words(path: Path, schema: Schema, what: str, spec: dict, problems: list[ContentError],
               content: Path) -> dict | None:
    """The checked words of one file, or None (problems added, or no such file)."""
    if not path.is_file():
        return None
    raw = load_yaml(path, problems, content)
    if raw is None:
        return None
    before = len(problems)
    words = Checker(path, problems).mapping(raw, schema, what, 1)
    if len(problems) == before:
        check_slots(words, raw, path, problems, spec)
    return words


def check_slots(words: dict, raw, path: Path, problems: list[ContentError], spec: dict, where: str = "") -> None:
    """Each word keeps the {slots} its script fills in, and has no others. ``spec`` is
    {section: {word: slots}}; a section may hold further sections, and a top-level
    word may be a tuple of slots itself."""
    for section, names in spec.items():
        if isinstance(names, tuple):  # a word at this level
            _check_one(words[section], raw.line_of(section), section, where or "the file", names, path, problems)
            continue
        for name, slots in names.items():
            if isinstance(slots, dict):
                check_slots(words[section][name], raw[section][name], path, problems, slots, f"{section}.{name}")
                continue
            if not isinstance(slots, tuple):
                continue  # not a text (a list of column names, say)
            _check_one(words[section][name], raw[section].line_of(name), name, where or section, slots, path,
                       problems)


def _check_one(text: str, line: int, name: str, section: str, slots: tuple, path: Path,
               problems: list[ContentError]) -> None:
    have = set(SLOT.findall(text))
    for slot in slots:
        if slot not in have:
            problems.append(ContentError(path, line, f'"{name}" in "{section}" has lost the slot {{{slot}}}',
                                         f"put {{{slot}}} back where the script should fill it in"))
    for slot in sorted(have - set(slots)):
        problems.append(ContentError(path, line, f'"{name}" in "{section}" has a slot {{{slot}}} '
                                                 "the script does not fill in",
                                     "use only: " + (", ".join("{" + s + "}" for s in slots) or
                                                     "no slots here")))
