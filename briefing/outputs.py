"""Where an export may be written: never over its own input, never through a symlink or onto
something that is not a regular file, and over another existing file only when the user agrees.

An export replaces its output by renaming a finished temporary file over it, so writing "to"
a symlink would replace the link, writing to a device would replace the device node (as
root), and ``build X.briefing.yaml -o X.briefing.yaml`` would replace the briefing with the
PDF.  The CLI build and the GUI export both ask ``check_output`` first.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable

from briefing.errors import BriefingError

# What an earlier export looks like, by the output's suffix: the file's first bytes, and bytes
# the export writes into it somewhere (None: the first bytes are all we can check).
EXPORT_SIGNATURES: dict[str, tuple[bytes, bytes | None]] = {
    ".pdf": (b"%PDF-", b"/Creator (Briefing Book)"),
    ".docx": (b"PK\x03\x04", None),
    ".html": (b"<!doctype html", None),
    ".htm": (b"<!doctype html", None),
}
SCAN_LIMIT = 64 * 1024 * 1024  # a larger file is not read through for the marker: it is not ours


class OutputRefused(BriefingError):
    """An output path that may not be written; ``confirmable`` when the user may say "replace it"."""

    def __init__(self, message: str, confirmable: bool = False):
        super().__init__(message)
        self.confirmable = confirmable


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def is_earlier_export(path: Path) -> bool:
    """True if ``path`` holds what an export in its format writes (an empty file counts: it holds nothing)."""
    signature = EXPORT_SIGNATURES.get(path.suffix.lower())
    try:
        with open(path, "rb") as handle:
            head = handle.read(64)
            if not head:
                return True
            if signature is None or not head.lower().startswith(signature[0].lower()):
                return False
            if signature[1] is None:
                return True
            if os.fstat(handle.fileno()).st_size > SCAN_LIMIT:
                return False
            return signature[1] in head + handle.read()
    except OSError:
        return False


def check_output(path: Path | str, *, inputs: Iterable[Path | str | None] = (), replace_other: bool = False) -> None:
    """Raise OutputRefused if an export may not be written at ``path``.

    ``inputs`` are the files the export reads (the briefing): never overwritten.  An existing file
    that is not an earlier export is refused with ``confirmable`` set unless ``replace_other``.
    """
    path = Path(path)
    for source in inputs:
        if source is not None and _same_file(path, Path(source)):
            raise OutputRefused(f"{path} is the briefing being exported; choose another name for the output.")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputRefused(f"cannot write {path}: {exc.strerror or exc}") from exc
    if stat.S_ISLNK(info.st_mode):
        raise OutputRefused(f"{path} is a symbolic link; an export does not write through links. "
                            "Give the path of the file itself.")
    if stat.S_ISDIR(info.st_mode):
        raise OutputRefused(f"{path} is a folder; give a file name for the output.")
    if not stat.S_ISREG(info.st_mode):
        raise OutputRefused(f"{path} is not a regular file (a device, pipe or socket); an export is only "
                            "written to a file.")
    if not replace_other and not is_earlier_export(path):
        raise OutputRefused(f"{path} already exists and is not an earlier export; replacing it would lose it.",
                            confirmable=True)
