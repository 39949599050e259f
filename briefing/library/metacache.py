"""Parsed metadata kept between runs, keyed by file path, mtime and size.

With 10,000 sources, parsing every YAML file at start-up dominates; a file whose
stat is unchanged is taken from here instead of being read again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefing.yamlio import atomic_write_text

VERSION = 1


class MetaCache:
    def __init__(self, path: Path | None):
        self.path = path
        self.entries: dict[str, list] = {}
        self.dirty = False
        if path is not None and path.exists():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                if raw.get("version") == VERSION and isinstance(raw.get("entries"), dict):
                    self.entries = raw["entries"]
            except (OSError, ValueError):
                self.entries = {}  # a damaged cache is simply rebuilt

    def get(self, file: Path, stat_key: tuple[int, int]) -> Any | None:
        entry = self.entries.get(str(file))
        if entry and entry[0] == stat_key[0] and entry[1] == stat_key[1]:
            return entry[2]
        return None

    def put(self, file: Path, stat_key: tuple[int, int], data: Any) -> None:
        self.entries[str(file)] = [stat_key[0], stat_key[1], data]
        self.dirty = True

    def prune(self, seen: set[str]) -> None:
        stale = set(self.entries) - seen
        for key in stale:
            del self.entries[key]
        self.dirty = self.dirty or bool(stale)

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        try:
            atomic_write_text(self.path, json.dumps({"version": VERSION, "entries": self.entries}, default=str))
            self.dirty = False
        except OSError:
            pass  # the cache is an optimisation; failing to write it loses nothing
