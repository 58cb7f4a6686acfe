"""Content errors that name the file, the line and the fix."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentError:
    file: Path
    line: int | None
    message: str
    fix: str = ""

    @property
    def where(self) -> str:
        """The file (relative to the working folder when inside it) and the line."""
        path = Path(self.file)
        try:
            path = path.resolve().relative_to(Path.cwd().resolve())
        except (ValueError, OSError, RuntimeError):  # outside the folder, or a link loop (issue 12)
            try:
                path = path.absolute().relative_to(Path.cwd())
            except ValueError:
                pass
        return f"{path}:{self.line}" if self.line else f"{path}"

    def __str__(self) -> str:
        where = self.where
        text = f"{where}: {self.message}"
        if self.fix:
            text += f"\n    How to fix: {self.fix}"
        return text


class ContentErrors(Exception):
    """One or more content mistakes; ``str()`` lists every one."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.errors)
        head = f"The content has {count} mistake{'s' if count != 1 else ''}:"
        return "\n".join([head] + [f"  {e}" for e in self.errors])
