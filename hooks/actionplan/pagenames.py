"""The names of the pages the build makes, in one place (issue 12).

Each generator that writes a page per theme, case study or form into a folder
adds one ``Section`` below: the folder, the kinds of id that get a page there,
and the names of the pages it writes there itself. An id that is one of those
names would replace that page (a theme called ``index`` would replace the themes
overview; a theme called ``pack`` would lose its worksheet to the complete
pack), so the loaders refuse it, listing the reserved names.

To add a generated folder (for example ``results/<theme-id>``), add a line to
``SECTIONS``, or call ``add_section`` from the module that generates it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError


@dataclass(frozen=True)
class Section:
    folder: str                       # the folder of generated pages, such as "worksheets"
    ids: tuple[str, ...]              # the kinds of id with a page there: "theme", "case study", "form"
    pages: dict[str, str] = field(default_factory=dict)  # the generator's own pages: name -> what it is

    def uri(self, name: str) -> str:
        return f"{self.folder}/{name}.md"


THEMES = Section("themes", ("theme",), {"index": "the themes overview"})
CASE_STUDIES = Section("case-studies", ("case study",), {"index": "the good practice overview"})
WORKSHEETS = Section("worksheets", ("theme", "form"),
                     {"index": "the worksheets page", "pack": "the complete pack of worksheets"})

SECTIONS: list[Section] = [THEMES, CASE_STUDIES, WORKSHEETS]

#: Names the build uses for other things than a page: kind of id -> name -> what uses it.
OTHER_NAMES: dict[str, dict[str, str]] = {
    # worksheets.py names the printed page of a theme form "ap-<form-id>--<theme-id>", and the
    # theme page printed with its answers "ap-theme--<theme-id>" (in assets/stylesheets/print-pages.css)
    "form": {"theme": "the print-page names of the theme pages, ap-theme--<theme-id>"},
}


def add_section(section: Section) -> Section:
    """Register the folder of a new generator (once); returns it, for its own constants."""
    if all(s.folder != section.folder for s in SECTIONS):
        SECTIONS.append(section)
    return section


def reserved(kind: str) -> dict[str, str]:
    """The names an id of this kind may not have -> the page that has the name."""
    out: dict[str, str] = {}
    for section in SECTIONS:
        if kind in section.ids:
            for name, what in section.pages.items():
                out.setdefault(name, f"{section.uri(name)}, {what}")
    for name, what in OTHER_NAMES.get(kind, {}).items():
        out.setdefault(name, what)
    return out


def check_id(kind: str, id_: str, path: Path, line: int | None, problems: list[ContentError]) -> None:
    """Add a ContentError when ``id_`` is the name of a page the build makes itself."""
    names = reserved(kind)
    if id_ in names:
        problems.append(ContentError(
            path, line,
            f'the {kind} id "{id_}" is already used by a page the site makes itself ({names[id_]})',
            f"choose another id (and rename the file to match); the names reserved for a {kind} id are: "
            + ", ".join(sorted(names))))
