"""Load YAML while remembering the line of every key and list item.

PyYAML's ``safe_load`` forgets where things came from and silently keeps the
last of two duplicate keys. This loader builds ``LDict``/``LList`` values that
carry line numbers, and reports duplicate keys as errors.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ContentError


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


# libyaml's parser when PyYAML has it (ten times quicker than the pure-Python
# one, which took most of the time of loading content/); the same marks and errors.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    def __init__(self, stream, path, problems):
        super().__init__(stream)
        self._path = path
        self._problems = problems

    def construct_mapping(self, node, deep=False):  # noqa: D401 - PyYAML hook
        self.flatten_mapping(node)
        result = LDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
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


_Loader.add_constructor("tag:yaml.org,2002:map", lambda loader, node: loader.construct_mapping(node))
_Loader.add_constructor("tag:yaml.org,2002:seq", lambda loader, node: loader.construct_sequence(node))


def load_yaml(path: Path, problems: list[ContentError]):
    """Return the file's data, or None after adding a ContentError to ``problems``."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(ContentError(path, None, f"the file cannot be read ({exc.strerror})",
                                     "check the file exists and can be opened"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(ContentError(path, line, "the file is not saved as UTF-8 text",
                                     "save the file with UTF-8 encoding in your editor"))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    found: list[ContentError] = []
    try:
        loader = _Loader(text, path, found)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
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
    except yaml.YAMLError as exc:
        problems.append(ContentError(path, None, f"YAML syntax error: {exc}",
                                     "check the file is valid YAML"))
        return None
    problems.extend(found)
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
