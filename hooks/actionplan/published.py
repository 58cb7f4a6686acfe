"""Values that saved answers may hold: never taken out without a word (issue 18).

A rating ("1" ... "4", "not-sure") or an action status ("in-progress") is stored
in people's browsers. If the content drops or renames one, the answers holding
it would lose their words and their place in the figures. So:

- ``content/published-values.yml`` records every value the site has ever
  published, with the words people saw for it last. It only grows.
- ``retired_values:`` in ``content/toolkit.yml`` lists the values taken out: the
  value, its old words, and what it counts as now (``counts_as``: a value still
  in the content, or nothing).
- The build stops when a recorded value is neither in the content nor retired,
  with the file, the line and the lines to add.
- A test (tests/test_content.py) fails when the content has a value not yet in
  the record; ``python -m actionplan.record_values ../content`` (from hooks/)
  records it.
"""
from __future__ import annotations

import json
from pathlib import Path

from . import schema
from .errors import ContentError
from .yamlload import load_yaml

PUBLISHED_FILE = "published-values.yml"
RATING = "rating"


def current_values(settings: dict) -> dict[str, list[tuple[str, str, object]]]:
    """Each group ("rating", or a choice field's id) -> [(value as stored, label, value as written)]."""
    out: dict[str, list] = {RATING: []}
    rating = settings.get("rating") or {}
    for o in rating.get("options") or []:
        out[RATING].append((str(o["value"]), o["label"], o["value"]))
    if rating.get("not_sure"):
        ns = rating["not_sure"]
        out[RATING].append((str(ns["value"]), ns["label"], ns["value"]))
    for f in (settings.get("actions") or {}).get("fields") or []:
        if f.get("type") == "choice" and f.get("id") != RATING:
            out[f["id"]] = [(str(o["value"]), o["label"], o["value"]) for o in f.get("options") or []]
    return out


def retired_values(settings: dict) -> list[dict]:
    return list(settings.get("retired_values") or [])


def _counts_as_choices(group: str, current: dict, settings: dict) -> list[str]:
    if group == RATING:
        return [str(o["value"]) for o in (settings.get("rating") or {}).get("options") or []]
    return [v for v, _, _ in current.get(group, [])]


def _flow(of: str, value, label: str) -> str:
    shown = value if isinstance(value, int) else json.dumps(str(value))
    return f"{{of: {of}, value: {shown}, label: {json.dumps(label, ensure_ascii=False)}}}"


def check(settings: dict, raw, settings_path: Path, content_dir: Path, problems: list[ContentError]) -> None:
    """Check ``retired_values`` and that no published value has gone without being retired."""
    current = current_values(settings)
    now = {(g, v) for g, vals in current.items() for v, _, _ in vals}
    retired_raw = raw.get("retired_values") if hasattr(raw, "get") else None
    seen: set[tuple[str, str]] = set()
    for i, r in enumerate(retired_values(settings)):
        line = retired_raw.line_of(i) if hasattr(retired_raw, "line_of") else raw.line_of("retired_values")
        group, value = r["of"], str(r["value"])
        if group not in current:
            problems.append(ContentError(settings_path, line,
                                         f'the retired value "{value}" is of "{group}", which is not the rating '
                                         "or an action field that is a choice",
                                         "use one of: " + ", ".join(current)))
            continue
        if (group, value) in now:
            problems.append(ContentError(settings_path, line,
                                         f'the value "{value}" of "{group}" is in the content again, and also in '
                                         '"retired_values"',
                                         'take it out of "retired_values": its answers show with the words in the '
                                         "content again"))
        if (group, value) in seen:
            problems.append(ContentError(settings_path, line, f'the value "{value}" of "{group}" is retired twice',
                                         'keep one of them in "retired_values"'))
        seen.add((group, value))
        counts = r.get("counts_as")
        allowed = _counts_as_choices(group, current, settings)
        if counts is not None and str(counts) not in allowed:
            problems.append(ContentError(settings_path, line,
                                         f'the retired value "{value}" counts as "{counts}", which is not '
                                         + ("a point on the scale" if group == RATING else f'one of the choices for "{group}"'),
                                         "use one of: " + ", ".join(allowed) + ", or leave counts_as out to count "
                                         "it as nothing"))

    record_path = Path(content_dir) / PUBLISHED_FILE
    if not (record_path.exists() or record_path.is_symlink()):
        return  # no record kept (a home's own small content): nothing to compare
    entries, lines = read_record(record_path, problems, Path(content_dir))
    kept = now | seen
    for (group, value, label, written), rec_line in zip(entries, lines):
        if (group, value) in kept:
            continue
        if group == RATING:
            rating_raw = raw.get("rating") if hasattr(raw, "get") else None
            not_sure = not isinstance(written, int)
            line = rating_raw.line_of("not_sure" if not_sure else "options") if hasattr(rating_raw, "line_of") \
                else raw.line_of("rating")
            message = (f'the rating value "{value}" ("{label}") was published, so saved answers may hold it, '
                       "but it is no longer " + ('the "not sure" value' if not_sure else "on the scale"))
        else:
            line = _choice_line(raw, group)
            message = (f'the "{group}" value "{value}" ("{label}") was published, so saved answers may hold it, '
                       f'but it is no longer one of the choices for "{group}"')
        fix = (f'put it back, or retire it so its answers keep their words: under "retired_values:" in '
               f"{settings_path.name}, add the line   - {_flow(group, written, label)[:-1]}, counts_as: null}}   "
               "and set counts_as to the value it counts as now (null counts it as nothing). "
               f"Line {rec_line} of {record_path.name} records it")
        problems.append(ContentError(settings_path, line, message, fix))


def _choice_line(raw, group: str) -> int:
    actions = raw.get("actions") if hasattr(raw, "get") else None
    fields = actions.get("fields") if hasattr(actions, "get") else None
    if isinstance(fields, list):
        for i, f in enumerate(fields):
            if hasattr(f, "get") and f.get("id") == group:
                return f.line_of("options") if hasattr(f, "line_of") else fields.line_of(i)
    if hasattr(actions, "line"):
        return actions.line
    return raw.line_of("actions") if hasattr(raw, "line_of") else 1


def read_record(path: Path, problems: list[ContentError], root: Path | None = None):
    """The record's entries [(group, value as stored, label, value as written)] and their lines."""
    data = load_yaml(path, problems, root)
    if data is None:
        return [], []
    before = len(problems)
    clean = schema.Checker(path, problems).mapping(data, schema.PUBLISHED, "the record of published values", 1)
    if len(problems) != before:
        return [], []
    raw_list = data["values"]
    entries = [(e["of"], str(e["value"]), e["label"], e["value"]) for e in clean["values"]]
    return entries, [raw_list.line_of(i) for i in range(len(entries))]


def unrecorded(settings: dict, entries: list) -> list[str]:
    """What the content has that the record does not (or records with other words), as sentences."""
    recorded = {(g, v): label for g, v, label, _ in entries}
    out = []
    for group, vals in current_values(settings).items():
        for value, label, _ in vals:
            if (group, value) not in recorded:
                out.append(f'the "{group}" value "{value}" ("{label}") is not in {PUBLISHED_FILE} yet')
            elif recorded[(group, value)] != label:
                out.append(f'the "{group}" value "{value}" is called "{label}" now, but {PUBLISHED_FILE} '
                           f'has "{recorded[(group, value)]}"')
    return out


def record_text(settings: dict, entries: list) -> str:
    """The record with every value in the content added (and its label brought up to date). Nothing is removed."""
    rows: list[tuple[str, str, str, object]] = list(entries)
    index = {(g, v): i for i, (g, v, _, _) in enumerate(rows)}
    for group, vals in current_values(settings).items():
        for value, label, written in vals:
            if (group, value) in index:
                g, v, _, w = rows[index[(group, value)]]
                rows[index[(group, value)]] = (g, v, label, w)
            else:
                index[(group, value)] = len(rows)
                rows.append((group, value, label, written))
    head = [
        "# Every value that saved answers may hold, ever published by this site: the points",
        "# of the rating scale, the \"not sure\" value, and the choices of an action field",
        "# such as the status. People's browsers keep these values, so the build stops if",
        "# one goes from content/toolkit.yml without being listed under retired_values there.",
        "# Never delete a line. To add new values (and bring labels up to date), run from hooks/:",
        "#   ../.venv/bin/python -m actionplan.record_values ../content",
        "values:",
    ]
    return "\n".join(head + [f"  - {_flow(g, w, label)}" for g, _, label, w in rows]) + "\n"
