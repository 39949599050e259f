"""Errors that name where a bad file went wrong, so a user can fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class ContentError(Exception):
    """A file that could not be used: which file, where in it, which field, and why."""

    path: Path | str
    message: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" field '{self.field}':" if self.field else ""
        return f"{where}:{field} {self.message}"


class BriefingError(Exception):
    """A user-level failure in plain words (saving, exporting, opening)."""
