"""Autosaved recovery copies of unsaved briefings, so a crash loses at most a second or two of work.

Each running document session owns one pair of files in ``<user data dir>/recovery/``:
``<session>.briefing.yaml`` (a normal briefing file, written atomically, so a user can even open it
by hand) and ``<session>.json`` (which file it is a copy of, when, and which process wrote it).
A normal close removes both; anything left at start-up belongs to a session that died.
"""

from __future__ import annotations

import copy
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from briefing import paths
from briefing.model.briefing import Briefing
from briefing.yamlio import atomic_write_text, read_text

BRIEFING_SUFFIX = ".briefing.yaml"
INFO_SUFFIX = ".json"


def recovery_dir() -> Path:
    path = paths.user_data_dir() / "recovery"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return True


@dataclass
class Recovery:
    """A recovery copy found on disk."""

    briefing_path: Path
    info_path: Path
    original_path: Path | None  # the file the user was editing, None for a never-saved briefing
    saved_at: float  # seconds since the epoch
    pid: int
    title: str = ""

    def load(self) -> Briefing:
        """Raises ContentError if the copy is unreadable (e.g. the disk filled mid-write long ago)."""
        from briefing.model.storage import from_yaml  # the file format's module: imported when a copy is read

        return from_yaml(read_text(self.briefing_path), self.briefing_path)

    def discard(self) -> None:
        for path in (self.briefing_path, self.info_path):
            try:
                path.unlink()
            except FileNotFoundError:
                pass

    def describe(self) -> str:
        name = self.original_path.name if self.original_path else "an unsaved briefing"
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))
        title = f" (“{self.title}”)" if self.title else ""
        return f"{name}{title}, autosaved {when}"


class RecoveryStore:
    """One session's recovery copy: write it after edits, remove it when the work is safe."""

    def __init__(self, session_id: str | None = None, directory: Path | None = None):
        self.session_id = session_id or f"{time.strftime('%Y%m%d-%H%M%S')}-{os.urandom(4).hex()}"
        self._directory = directory
        # Writes may run on another thread (``writer``): the lock keeps a write and a remove apart,
        # and each write carries a number so an older copy never replaces a newer one, and none
        # written after a remove (a save, a clean close) brings the copy back.
        self._lock = threading.RLock()
        self._issued = 0  # numbers handed to writes
        self._written = 0  # the newest number on disk
        self._removed = 0  # the number issued when the copy was last removed

    @property
    def directory(self) -> Path:
        if self._directory is None:
            return recovery_dir()
        self._directory.mkdir(parents=True, exist_ok=True)
        return self._directory

    @property
    def briefing_path(self) -> Path:
        return self.directory / f"{self.session_id}{BRIEFING_SUFFIX}"

    @property
    def info_path(self) -> Path:
        return self.directory / f"{self.session_id}{INFO_SUFFIX}"

    def write(self, briefing: Briefing, original_path: Path | None) -> Path:
        """Write the copy now (on this thread)."""
        self.writer(briefing, original_path, snapshot=False)()
        return self.briefing_path

    def writer(self, briefing: Briefing, original_path: Path | None, snapshot: bool = True) -> Callable[[], bool]:
        """The write of ``briefing`` as it is at this call, to run later on any thread (an autosave
        of a long briefing serialises and syncs ~0.1-0.3 s: not on the GUI thread).  It returns
        False, writing nothing, when a newer copy was written or the copy was removed since."""
        data = copy.deepcopy(briefing) if snapshot else briefing
        with self._lock:
            self._issued += 1
            number = self._issued

        def write() -> bool:
            with self._lock:
                if number <= self._written or number <= self._removed:
                    return False
                self._write(data, original_path)
                self._written = number
                return True

        return write

    def _write(self, briefing: Briefing, original_path: Path | None) -> None:
        """Info first, then the briefing: a briefing file on disk always has its info beside it."""
        info = {
            "original_path": str(original_path) if original_path else None,
            "saved_at": time.time(),
            "pid": os.getpid(),
            "title": briefing.meta.title,
        }
        atomic_write_text(self.info_path, json.dumps(info, indent=2))
        from briefing.model.storage import to_yaml  # the file format's module: imported by the first autosave

        atomic_write_text(self.briefing_path, to_yaml(briefing))

    def exists(self) -> bool:
        return self.briefing_path.exists()

    def remove(self) -> None:
        with self._lock:  # after a write in progress; writes issued before now are dropped
            self._removed = self._issued
            for path in (self.briefing_path, self.info_path):
                try:
                    path.unlink()
                except FileNotFoundError:
                    pass

    def find_orphans(self) -> list[Recovery]:
        """Recovery copies left by sessions that are no longer running, newest first."""
        return [r for r in find_recoveries(self.directory) if r.briefing_path != self.briefing_path
                and not _process_alive(r.pid)]


def _read_info(info_path: Path) -> dict:
    try:
        data = json.loads(info_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def find_recoveries(directory: Path | None = None) -> list[Recovery]:
    """Every recovery copy in the folder, newest first (whatever process wrote it)."""
    directory = directory or recovery_dir()
    found: list[Recovery] = []
    if not directory.is_dir():
        return found
    for path in directory.glob(f"*{BRIEFING_SUFFIX}"):
        if path.name.startswith("."):
            continue  # an atomic write's temporary file
        stem = path.name[: -len(BRIEFING_SUFFIX)]
        info_path = directory / f"{stem}{INFO_SUFFIX}"
        info = _read_info(info_path)
        original = info.get("original_path")
        saved_at = info.get("saved_at")
        pid = info.get("pid")
        found.append(
            Recovery(
                briefing_path=path,
                info_path=info_path,
                original_path=Path(original) if isinstance(original, str) and original else None,
                saved_at=float(saved_at) if isinstance(saved_at, (int, float)) else path.stat().st_mtime,
                pid=pid if isinstance(pid, int) else 0,
                title=info.get("title") if isinstance(info.get("title"), str) else "",
            )
        )
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found
