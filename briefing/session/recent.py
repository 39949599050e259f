"""The recently opened/saved briefings, newest first, kept as JSON in the user data dir."""

from __future__ import annotations

import json
from pathlib import Path

from briefing import paths
from briefing.yamlio import atomic_write_text

DEFAULT_LIMIT = 10


class RecentFiles:
    def __init__(self, path: Path | None = None, limit: int = DEFAULT_LIMIT):
        self._path = path
        self.limit = limit

    @property
    def path(self) -> Path:
        return self._path or paths.user_data_dir() / "recent.json"

    def _read(self) -> list[Path]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []  # missing or damaged: start a fresh list rather than fail
        entries = data.get("recent") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            return []
        return [Path(e) for e in entries if isinstance(e, str) and e]

    def _write(self, entries: list[Path]) -> None:
        try:
            atomic_write_text(self.path, json.dumps({"recent": [str(p) for p in entries]}, indent=2))
        except OSError:
            pass  # the recent list is a convenience; never fail a save or open over it

    def files(self, existing_only: bool = True) -> list[Path]:
        entries = self._read()
        return [p for p in entries if p.exists()] if existing_only else entries

    def add(self, path: Path) -> None:
        path = Path(path).resolve()
        entries = [p for p in self._read() if p != path]
        self._write([path, *entries][: self.limit])

    def remove(self, path: Path) -> None:
        path = Path(path).resolve()
        self._write([p for p in self._read() if p != path])

    def clear(self) -> None:
        self._write([])
