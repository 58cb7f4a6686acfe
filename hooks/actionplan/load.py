"""Load ``content/`` into a validated ``Toolkit``, or raise ``ContentErrors``.

Nothing is generated until every file has been checked; all mistakes are
reported together, each with its file, line and fix.
"""
from __future__ import annotations

from pathlib import Path

from . import pagenames, published, schema
from .errors import ContentError, ContentErrors
from .model import CaseStudy, Question, Theme, Toolkit
from .yamlload import load_yaml, path_problem

TOOLKIT_FILE = "toolkit.yml"
THEMES_DIR = "themes"
CASE_STUDIES_DIR = "case-studies"
QUALITY_FILE = "quality-statements.yml"


#: The most files a content folder may hold (issue 19): each file is a page, or
#: one for every theme; there are 8 themes, 3 case studies and 5 form files.
MOST_FILES = {THEMES_DIR: 30, CASE_STUDIES_DIR: 100, "forms": 20}


def _yaml_files(folder: Path, problems: list[ContentError] | None = None) -> list[Path]:
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix in {".yml", ".yaml"} and not p.name.startswith("."))
    except OSError as exc:
        if problems is not None:
            problems.append(ContentError(folder, None, f"the folder cannot be read ({exc.strerror})",
                                         "check it exists and can be opened"))
        return []
    most = MOST_FILES.get(folder.name)
    if most is not None and len(files) > most:
        if problems is not None:
            problems.append(ContentError(folder, None, f"the folder holds {len(files)} content files, "
                                                       f"but may hold at most {most}",
                                         "take some out, or move old ones to a folder outside content/"))
        return []
    return files


def content_folder(folder: Path, root: Path, problems: list[ContentError]) -> bool:
    """True when ``folder`` exists and can be read safely (see ``path_problem``);
    False when it does not exist, or after adding the reason it cannot be read."""
    if not (folder.exists() or folder.is_symlink()):
        return False
    problem = path_problem(folder, root, folder=True)
    if problem is not None:
        problems.append(problem)
        return False
    return True


def _load_folder(folder: Path, file_schema, make, problems: list[ContentError], broken: set[str],
                 root: Path | None = None) -> list:
    """Load and check every YAML file in a folder; the stems of faulty files go into ``broken``."""
    items = []
    for path in _yaml_files(folder, problems):
        data = load_yaml(path, problems, root)
        before = len(problems)
        if data is not None:
            clean = schema.Checker(path, problems).mapping(data, file_schema, file_schema.name, 1)
            if len(problems) == before:
                items.append(make(clean, path, data))
                continue
        broken.add(path.stem)
    return items


def load_toolkit(content_dir: Path | str) -> Toolkit:
    content = Path(content_dir)
    problems: list[ContentError] = []

    settings_path = content / TOOLKIT_FILE
    if not (settings_path.exists() or settings_path.is_symlink()):
        raise ContentErrors([ContentError(settings_path, None, "the toolkit settings file is missing",
                                          f"create {TOOLKIT_FILE} in {content} (see the README)")])
    raw = load_yaml(settings_path, problems, content)
    settings = schema.Checker(settings_path, problems).mapping(raw, schema.TOOLKIT, "the toolkit settings", 1) \
        if raw is not None else None

    broken: set[str] = set()  # files with mistakes: links to them are not reported again
    themes_dir = content / THEMES_DIR
    themes: list[Theme] = []
    before = len(problems)
    if not content_folder(themes_dir, content, problems):
        if len(problems) == before:
            problems.append(ContentError(themes_dir, None, "the themes folder is missing",
                                         f"create {themes_dir} with one YAML file per theme"))
    else:
        themes = _load_folder(themes_dir, schema.THEME, Theme.from_data, problems, broken, content)
        if not themes and not problems:
            problems.append(ContentError(themes_dir, None, "there are no themes",
                                         "add at least one theme file (see the README)"))
    studies_dir = content / CASE_STUDIES_DIR
    studies: list[CaseStudy] = []
    if content_folder(studies_dir, content, problems):
        studies = _load_folder(studies_dir, schema.CASE_STUDY, CaseStudy.from_data, problems, broken, content)

    if settings is not None:
        _check_settings(settings, settings_path, raw, problems)
        published.check(settings, raw, settings_path, content, problems)
    _check_links(themes, studies, settings or {}, settings_path, problems, broken)
    quality = _load_quality(content, themes, problems)
    if problems:
        raise ContentErrors(problems)
    themes.sort(key=lambda t: t.order)
    studies.sort(key=lambda s: s.title.lower())
    return Toolkit(settings=settings, themes=themes, case_studies=studies, content_dir=content, quality=quality)


def _load_quality(content: Path, themes: list[Theme], problems: list[ContentError]) -> dict:
    """content/quality-statements.yml (optional), and each theme's quality_statements checked against it."""
    path = content / QUALITY_FILE
    out = {"key_questions": [], "statements": []}
    if path.exists() or path.is_symlink():
        raw = load_yaml(path, problems, content)
        before = len(problems)
        clean = schema.Checker(path, problems).mapping(raw, schema.QUALITY_STATEMENTS, "the quality statements", 1) \
            if raw is not None else None
        if clean is None or len(problems) > before:
            return out
        keys = [k["id"] for k in clean["key_questions"]]
        seen: set[str] = set()
        for i, st in enumerate(clean["statements"]):
            line = raw["statements"].line_of(i)
            if st["key_question"] not in keys:
                problems.append(ContentError(path, line, f'the quality statement "{st["id"]}" names the key question '
                                                         f'"{st["key_question"]}", which is not in key_questions',
                                             "use one of: " + ", ".join(keys)))
            if st["id"] in seen:
                problems.append(ContentError(path, line, f'the quality statement id "{st["id"]}" is used twice',
                                             "give each statement its own id"))
            seen.add(st["id"])
        out = clean
    known = {st["id"] for st in out["statements"]}
    for theme in themes:
        for i, ref in enumerate(theme.quality_statements):
            if ref not in known:
                fix = ("use one of the ids in content/" + QUALITY_FILE + ": " + ", ".join(sorted(known))) if known \
                    else f"add content/{QUALITY_FILE} with the statement, or take the id out"
                problems.append(ContentError(theme.path, theme.data["quality_statements"].line_of(i),
                                             f'the quality statement "{ref}" is not on the list', fix))
    return out


def _check_settings(settings: dict, path: Path, raw, problems: list[ContentError]) -> None:
    rating = settings.get("rating") or {}
    values = [str(o["value"]) for o in rating.get("options", [])]
    if rating.get("not_sure"):
        values.append(str(rating["not_sure"]["value"]))
    line = raw.get("rating", raw).line if hasattr(raw.get("rating", raw), "line") else 1
    for dup in sorted({v for v in values if values.count(v) > 1}):
        problems.append(ContentError(path, line, f'the rating scale uses the value "{dup}" twice',
                                     "give every option, and \"not sure\", its own value"))
    for o in rating.get("options", []):
        if isinstance(o["value"], str):
            problems.append(ContentError(path, line, f'the rating option "{o["label"]}" has the value '
                                                     f'"{o["value"]}", but scale values must be numbers',
                                         "number the options 1, 2, 3 … from lowest to highest"))
    for group in ("notes", "theme_notes"):
        ids = [n["id"] for n in settings.get(group) or []]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(ContentError(path, raw.line_of(group), f'the id "{dup}" is used twice in "{group}"',
                                         "give each field its own id"))
    conversation = settings.get("conversation")
    note_ids = [n["id"] for n in settings.get("notes") or []]
    shown = (conversation or {}).get("notes") or []
    for i, note in enumerate(shown):
        line = _item_line(raw, "conversation", "notes", i)
        if note not in note_ids:
            problems.append(ContentError(path, line, f'conversation mode shows the note "{note}", which is not a note field',
                                         "use one of: " + ", ".join(note_ids)))
        elif note in shown[:i]:
            problems.append(ContentError(path, line, f'conversation mode shows the note "{note}" twice',
                                         "list each note field once"))
    fields = (settings.get("actions") or {}).get("fields") or []
    _check_look_back(settings, fields, raw, path, problems)
    ids = [f["id"] for f in fields]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(ContentError(path, raw.line_of("actions"), f'the action field id "{dup}" is used twice',
                                     "give each action field its own id"))
    for f in fields:
        if f["type"] not in {"text", "textarea", "date", "choice"}:
            problems.append(ContentError(path, raw.line_of("actions"),
                                         f'the action field "{f["id"]}" has the type "{f["type"]}"',
                                         "use one of: text, textarea, date, choice"))
        elif f["type"] == "choice" and not f.get("options"):
            problems.append(ContentError(path, raw.line_of("actions"),
                                         f'the action field "{f["id"]}" is a choice but has no options',
                                         'add "options:" with a value and a label for each choice'))


def _item_line(raw, section: str, key: str, index: int) -> int:
    """The line of item ``index`` of ``section: {key: [...]}`` in the raw file, or the nearest line known."""
    part = raw.get(section) if hasattr(raw, "get") else None
    items = part.get(key) if hasattr(part, "get") else None
    if hasattr(items, "line_of"):
        return items.line_of(index)
    return part.line_of(key) if hasattr(part, "line_of") else raw.line_of(section)


def _check_links(themes, studies, settings, settings_path, problems, broken=frozenset()) -> None:
    # one namespace for theme, question and case-study ids
    seen: dict[str, tuple[Path, int, str]] = {}

    def claim(id_: str, path: Path, line: int, what: str) -> None:
        if id_ in seen:
            other_path, other_line, other_what = seen[id_]
            problems.append(ContentError(path, line, f'the id "{id_}" of this {what} is already used by '
                                                     f"{other_what} in {other_path}:{other_line}",
                                         "ids must be unique in the whole toolkit: choose a new one "
                                         "(never reuse the id of something else)"))
        else:
            seen[id_] = (path, line, f"the {what}")

    orders: dict[int, Theme] = {}
    for theme in themes:
        claim(theme.id, theme.path, theme.line_of("id"), "theme")
        pagenames.check_id("theme", theme.id, theme.path, theme.line_of("id"), problems)
        if theme.path.stem != theme.id:
            problems.append(ContentError(theme.path, theme.line_of("id"),
                                         f'the theme id "{theme.id}" does not match the file name "{theme.path.name}"',
                                         f'rename the file to "{theme.id}.yml", or change the id'))
        if theme.order in orders:
            problems.append(ContentError(theme.path, theme.line_of("order"),
                                         f"the order {theme.order} is already used by the theme "
                                         f'"{orders[theme.order].id}"', "give each theme its own order number"))
        orders.setdefault(theme.order, theme)
        for q in theme.questions:
            claim(q.id, theme.path, q.line, "question")
    for study in studies:
        claim(study.id, study.path, study.line_of("id"), "case study")
        pagenames.check_id("case study", study.id, study.path, study.line_of("id"), problems)
        if study.path.stem != study.id:
            problems.append(ContentError(study.path, study.line_of("id"),
                                         f'the case study id "{study.id}" does not match the file name '
                                         f'"{study.path.name}"', f'rename the file to "{study.id}.yml", or change the id'))

    for retired in settings.get("retired_questions") or []:
        if retired["id"] in seen:
            problems.append(ContentError(settings_path, None,
                                         f'the retired question id "{retired["id"]}" is in use again by '
                                         f"{seen[retired['id']][2]}",
                                         "a retired id is never reused: give the new question a new id"))

    themes_by_id = {t.id: t for t in themes}
    studies_by_id = {s.id: s for s in studies}
    for theme in themes:
        _check_refs(theme, "case_studies", "case study", studies_by_id, "themes", broken, problems)
    for study in studies:
        _check_refs(study, "themes", "theme", themes_by_id, "case_studies", broken, problems)


def _check_refs(owner, field: str, what: str, targets: dict, back_field: str, broken, problems) -> None:
    """Each id in ``owner.<field>`` must exist in ``targets`` and list the owner back."""
    kind = "theme" if what == "case study" else "case study"
    for i, ref in enumerate(getattr(owner, field)):
        if ref in broken:
            continue
        line = owner.data[field].line_of(i)
        target = targets.get(ref)
        if target is None:
            plural = "case studies" if what == "case study" else "themes"
            problems.append(ContentError(owner.path, line, f'the {what} "{ref}" does not exist',
                                         _known(plural, targets)))
        elif owner.id not in getattr(target, back_field):
            problems.append(ContentError(owner.path, line,
                                         f'this {kind} lists the {what} "{ref}", but that {what} '
                                         f"does not list this {kind}",
                                         f'add "{owner.id}" to "{back_field}" in {target.path}'))


def _known(what: str, ids: dict) -> str:
    return f"use one of the {what} that exist: " + (", ".join(sorted(ids)) or "(none yet)")


def _check_look_back(settings, fields, raw, path, problems) -> None:
    """The look back's outcomes (issue 22): each of the four once, and any status they
    give an action is one of the status choices."""
    look = settings.get("look_back")
    if not look:
        return
    from .schema import LOOK_BACK_OUTCOMES
    line = raw.line_of("look_back")
    values = [o["value"] for o in look.get("outcomes") or []]
    if sorted(values) != sorted(LOOK_BACK_OUTCOMES):
        problems.append(ContentError(path, line, "the look back's outcomes are " + ", ".join(values),
                                     "list each of these once: " + ", ".join(LOOK_BACK_OUTCOMES)))
    status = next((f for f in fields if f.get("id") == "status"), None)
    choices = [str(o["value"]) for o in (status or {}).get("options") or []]
    for o in look.get("outcomes") or []:
        if o.get("status") and o["status"] not in choices:
            problems.append(ContentError(path, line, f'the look back\'s outcome "{o["value"]}" gives the status '
                                                     f'"{o["status"]}", which is not a status choice',
                                         "use one of: " + ", ".join(choices)))
