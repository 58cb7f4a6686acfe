"""Load YAML while remembering the line of every key and list item.

PyYAML's ``safe_load`` forgets where things came from and silently keeps the
last of two duplicate keys. This loader builds ``LDict``/``LList`` values that
carry line numbers, and reports duplicate keys as errors.

It is also a reader that cannot be knocked over (issue 12): whatever is in a
content file, the answer is the data or a ``ContentError`` with the file, the
line and the fix, never a traceback, a ``RecursionError`` or a ``MemoryError``.

- aliases (``*name``) are refused, so a few lines cannot expand to billions
  of items ("billion laughs"); anchors alone are harmless and allowed;
- a field name must be a plain word: ``? [a, b]`` or a mapping as a key is
  refused (PyYAML would fail with "unhashable type");
- nesting deeper than ``MAX_DEPTH`` is refused before PyYAML recurses into it;
- a file larger than ``MAX_BYTES``, or that is not a regular file (a folder,
  a device, a pipe), a symbolic-link loop, or a link to a place outside the
  content folder is refused before it is read;
- values PyYAML itself cannot make (a whole number of 5,000 digits, the date
  2024-13-45) are reported on their line.

Every text value is then checked for HTML or links that could run script
(:mod:`actionplan.safety`), on the line it is written.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

import yaml

from . import safety
from .errors import ContentError

#: A content file is a few kilobytes (the largest shipped is under 7 KB); this is far more than any
#: needs, and it bounds the time the checks can take.
MAX_BYTES = 64 * 1024
#: Content nests about six deep (toolkit > actions > fields > a field > options > an option).
MAX_DEPTH = 32


class LDict(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    """A sequence that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        try:
            return self.item_lines[index]
        except IndexError:
            return self.line


class _Refused(Exception):
    """Stops reading the file: what is left cannot be read safely."""

    def __init__(self, line: int | None, message: str, fix: str):
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


def _kind(node) -> str:
    return "a list" if isinstance(node, yaml.SequenceNode) else "a set of named fields"


# libyaml's parser when PyYAML has it (ten times quicker than the pure-Python
# one, which took most of the time of loading content/); the same marks and errors.
# libyaml composes nodes in C, past compose_node below, so with it the events are
# checked first for aliases and depth (_check_events), the same rules in one pass.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_C_PARSER = _Base is not yaml.SafeLoader


class _Loader(_Base):
    def __init__(self, stream, path, problems):
        super().__init__(stream)
        self._text = stream
        self._path = path
        self._problems = problems
        self._depth = 0
        self.texts: list[safety.Text] = []  # every text value, with where it is written

    # ------------------------------------------------------------ composing

    def get_single_data(self):
        if _C_PARSER:
            _check_events(self._text)
        return super().get_single_data()

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _alias_refused(event)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()
                raise _too_deep(event)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    # ------------------------------------------------------------ constructing

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except (_Refused, yaml.YAMLError, RecursionError, MemoryError):
            raise
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            # e.g. a whole number too long to convert, or the date 2024-13-45
            raise _Refused(node.start_mark.line + 1, f'the value "{_short(node)}" cannot be read ({exc})',
                           "write it as text in quotes, or correct the number or date") from None

    def construct_mapping(self, node, deep=False):  # noqa: D401 - PyYAML hook
        self.flatten_mapping(node)
        result = LDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self._problems.append(ContentError(
                    self._path, line,
                    f"a field name here is {_kind(key_node)}, but a field name must be a single word",
                    'write the field as "name: value"; if the name really starts with "?", "[" or "{", '
                    "put it in quotes",
                ))
                continue
            key = self.construct_object(key_node, deep=True)
            if key in result:
                self._problems.append(ContentError(
                    self._path, line,
                    f'the key "{key}" appears twice in the same block '
                    f"(first on line {result.key_lines[key]})",
                    "keep one of them and delete the other",
                ))
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def construct_sequence(self, node, deep=False):
        result = LList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result

    def construct_text(self, node):
        value = self.construct_scalar(node)
        self.texts.append(safety.Text(value, node.start_mark.line + 1, node.end_mark.line + 1, node.style))
        return value


def _alias_refused(event) -> "_Refused":
    return _Refused(event.start_mark.line + 1,
                    f'the alias "*{event.anchor}" repeats another part of the file, '
                    "and content files may not use aliases",
                    f'write the words out in full here instead of "*{event.anchor}", '
                    "and take out the matching \"&\" anchor")


def _too_deep(event) -> "_Refused":
    return _Refused(event.start_mark.line + 1,
                    f"the lists and fields here are nested more than {MAX_DEPTH} deep",
                    "content needs only a few levels: check the brackets [ ] { } "
                    'and the "- " at the start of lines, and take out the extra ones')


def _check_events(text: str) -> None:
    """Refuse aliases and deep nesting from the parser's events, before any node is made."""
    parser = _Base(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise _alias_refused(event)
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(event)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    finally:
        parser.dispose()


def _short(node) -> str:
    value = str(getattr(node, "value", ""))
    return value if len(value) <= 40 else value[:37] + "..."


_Loader.add_constructor("tag:yaml.org,2002:map", lambda loader, node: loader.construct_mapping(node))
_Loader.add_constructor("tag:yaml.org,2002:seq", lambda loader, node: loader.construct_sequence(node))
_Loader.add_constructor("tag:yaml.org,2002:str", lambda loader, node: loader.construct_text(node))


# ---------------------------------------------------------------- files and folders

def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def path_problem(path: Path, root: Path | None, folder: bool = False) -> ContentError | None:
    """Why ``path`` (a content file, or a folder of them) cannot be read safely, or None.

    Follows symbolic links without ever looping: a link loop, a link to a place
    outside ``root`` (the content folder), or something that is not a regular
    file (or a folder, when ``folder``) is a ``ContentError``.
    """
    what = "folder" if folder else "file"
    try:
        real = Path(os.path.realpath(path, strict=True))
    except (OSError, RuntimeError) as exc:
        if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
            return ContentError(path, None, f"the {what} is a symbolic link that leads back to itself (a link loop)",
                                "replace the link with the real file, or delete it")
        if os.path.islink(path):
            return ContentError(path, None, f"the {what} is a symbolic link to something that does not exist",
                                "replace the link with the real file, or delete it")
        return ContentError(path, None, f"the {what} cannot be opened ({getattr(exc, 'strerror', exc)})",
                            "check it exists and can be opened")
    if root is not None:
        real_root = Path(os.path.realpath(root))
        if not _inside(real, real_root):
            return ContentError(path, None, f"the {what} is a symbolic link to {real}, outside the content folder",
                                f"copy the {what} into {root} instead of linking to it")
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:
        return ContentError(path, None, f"the {what} cannot be opened ({exc.strerror})",
                            "check it exists and can be opened")
    if folder and not stat.S_ISDIR(mode):
        return ContentError(path, None, "this should be a folder, but it is not",
                            "make it a folder of YAML files")
    if not folder and not stat.S_ISREG(mode):
        return ContentError(path, None, "this is not an ordinary file (it is a folder, a device or a pipe)",
                            "replace it with a YAML file, or take it out of the content folder")
    return None


def read_text(path: Path, problems: list[ContentError], root: Path | None = None) -> str | None:
    """The text of a content file, or None after adding a ContentError to ``problems``."""
    problem = path_problem(path, root)
    if problem is not None:
        problems.append(problem)
        return None
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        problems.append(ContentError(path, None, f"the file cannot be read ({exc.strerror})",
                                     "check the file exists and can be opened"))
        return None
    if len(raw) > MAX_BYTES:
        problems.append(ContentError(path, None, f"the file is larger than {MAX_BYTES // 1024} KB, "
                                                 "far more than a content file needs",
                                     "check it is the right file; split a very long text into shorter ones"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(ContentError(path, line, "the file is not saved as UTF-8 text",
                                     "save the file with UTF-8 encoding in your editor"))
        return None
    return text[1:] if text.startswith("\ufeff") else text


def _deep_brackets(text: str) -> int | None:
    """The line where "[" and "{" (open minus closed, anywhere in the file) first
    nest deeper than MAX_DEPTH, or None. PyYAML looks ahead over every open
    bracket before it makes the first node, so thousands of them take it minutes;
    this count is linear, and brackets in ordinary text are nowhere near so deep."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for m in re.finditer(r"[\[\]{}]", text):
        depth = depth + 1 if m.group(0) in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            return text.count("\n", 0, m.start()) + 1
    return None


def load_yaml(path: Path, problems: list[ContentError], root: Path | None = None):
    """Return the file's data, or None after adding a ContentError to ``problems``.

    ``root`` is the content folder: a file that links outside it is refused.
    Unsafe HTML in a text value is added to ``problems`` too, but the data is
    still returned, so the rest of the file is checked as well.
    """
    text = read_text(path, problems, root)
    if text is None:
        return None
    deep = _deep_brackets(text)
    if deep:
        problems.append(ContentError(path, deep, f"the brackets [ ] {{ }} here are nested more than {MAX_DEPTH} deep",
                                     "content needs only a few levels: take out the extra brackets"))
        return None
    found: list[ContentError] = []
    loader = None
    try:
        loader = _Loader(text, path, found)
        data = loader.get_single_data()
    except _Refused as exc:
        problems.append(ContentError(path, exc.line, exc.message, exc.fix))
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "the YAML cannot be read"
        problems.append(ContentError(
            path, line, f"YAML syntax error: {what}",
            "check the indentation and punctuation on this line and the one before it; "
            'put text that contains ": " or starts with a symbol in quotes, or use a "|" block',
        ))
        return None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else None
        problems.append(ContentError(path, line, f"the file holds a character that YAML does not allow "
                                                 f"({exc.reason}, code {exc.character!r})",
                                     "delete the character; retype the line if you cannot see it"))
        return None
    except yaml.YAMLError as exc:
        problems.append(ContentError(path, None, f"YAML syntax error: {exc}",
                                     "check the file is valid YAML"))
        return None
    except (RecursionError, MemoryError):  # a last line of defence: the limits above should stop these first
        problems.append(ContentError(path, None, "the file is too deeply nested or too large to read",
                                     "check the brackets and indentation; content needs only a few levels"))
        return None
    finally:
        if loader is not None:
            loader.dispose()
    problems.extend(found)
    problems.extend(safety.check_texts(path, text, loader.texts))
    if found:
        return None
    if data is None:
        problems.append(ContentError(path, 1, "the file is empty",
                                     "add the fields this file needs, or delete the file"))
        return None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        problems.append(ContentError(path, getattr(data, "line", 1),
                                     f"the file holds {kind}, but it must be a set of named fields",
                                     'start each top-level line with a field name, like "id: my-theme"'))
        return None
    return data
