"""Bring content/published-values.yml up to date with the content (issue 18).

From hooks/:  ../.venv/bin/python -m actionplan.record_values ../content

Adds every rating value and action choice in the content that the record does
not have yet, and brings their words up to date. It never removes a line.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import ContentError
from .published import PUBLISHED_FILE, read_record, record_text


def main(argv: list[str]) -> int:
    from . import ContentErrors, load_toolkit

    content = Path(argv[0] if argv else "content")
    try:
        toolkit = load_toolkit(content)
    except ContentErrors as exc:
        print(exc, file=sys.stderr)
        return 1
    problems: list[ContentError] = []
    path = content / PUBLISHED_FILE
    entries = read_record(path, problems, content)[0] if path.exists() else []
    if problems:
        print("\n".join(str(p) for p in problems), file=sys.stderr)
        return 1
    text = record_text(toolkit.settings, entries)
    changed = not path.exists() or path.read_text(encoding="utf-8") != text
    if changed:
        path.write_text(text, encoding="utf-8")
    print(f"{path}: {'brought up to date' if changed else 'already up to date'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
