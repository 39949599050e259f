"""Metadata kept between runs, keyed by folder, file name, mtime and size.

With 10,000 sources, parsing every YAML file at start-up dominates (~2 s), and even
validating 10,000 cached mappings and building their paths costs ~0.5 s.  So a file whose
stat is unchanged is taken from here: as the *validated* source fields when it passed
validation last time (no parse, no validation), or as its parsed data when it did not (so
the problem is reported, with its location, on every load).

The file is one compact JSON document (no pickle: it is data, never code):

    {"version": 3, "validator": "<key>", "folders": {"<folder>": {"<name>.yaml": [mtime_ns, size, 1, fields]}},
     "stamps": {"<folder>": folder_mtime_ns},
     "topics": {"<root>/topics.yaml": [mtime_ns, size, [[id, title, description, terms], ...]]}}

Only what validation produced is kept: ``fields`` are a valid source's field values (see
``loader.CACHED_FIELDS``), stored only when JSON gives them back exactly.  A file that was refused
is not cached at all and is parsed and validated again on every load, so the cache can never
change what validation decides (it once kept refused files' parsed data through
``json.dumps(default=str)``, and a title typed as a date came back as accepted text).
``validator`` is the loader's validation-schema key: entries from another schema are not trusted;
a cache from another version (or a damaged one) is simply rebuilt.

``topics`` holds each topics.yaml that loaded without a problem, so an unchanged one is not
parsed (nor, once nothing else needs it, is the YAML library imported at start-up).

``stamps`` lets the GUI start without a stat per file (10,000 stats are ~80 ms here): a
folder gets one when a full check found every file in it valid with its text present, and
the folder's mtime then was over ``STAMP_MIN_AGE_NS`` old (so a change in the same clock
tick cannot hide behind it).  A folder whose mtime still equals its stamp has had no file
added, removed or renamed (atomic saves rename), so its entries can be used as they are;
an in-place edit does not change the folder's mtime, which is why a trusted load is
followed by a full check off the GUI thread (``Library.reload_if_changed``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefing.yamlio import atomic_write_text

VERSION = 3
VALID = 1
STAMP_MIN_AGE_NS = 2_000_000_000


class MetaCache:
    def __init__(self, path: Path | None, validator: str = ""):
        self.path = path
        self.validator = validator
        self.folders: dict[str, dict[str, list]] = {}
        self.stamps: dict[str, int] = {}
        self.topics: dict[str, list] = {}
        self._topics_visited: set[str] = set()
        self.dirty = False
        self.changes = 0  # entries added, replaced or removed: the files differ from the cache
        self._visited: set[str] = set()
        if path is None:
            return
        try:
            raw = json.loads(Path(path).read_bytes())
        except FileNotFoundError:
            return
        except (OSError, ValueError):
            self.dirty = True  # a damaged cache is simply rebuilt
            return
        if (isinstance(raw, dict) and raw.get("version") == VERSION and raw.get("validator") == validator
                and isinstance(raw.get("folders"), dict)
                and all(isinstance(v, dict) for v in raw["folders"].values())):
            self.folders = raw["folders"]
            stamps = raw.get("stamps")
            if isinstance(stamps, dict):
                self.stamps = {k: v for k, v in stamps.items() if isinstance(v, int) and k in self.folders}
            topics = raw.get("topics")
            if isinstance(topics, dict):
                self.topics = {k: v for k, v in topics.items() if isinstance(v, list) and len(v) == 3}
        else:
            self.dirty = True

    def folder(self, folder: str) -> dict[str, list]:
        """The entries of one folder (name -> [mtime_ns, size, valid, payload]), for the loader to read."""
        self._visited.add(folder)
        return self.folders.setdefault(folder, {})

    @staticmethod
    def lookup(entries: dict[str, list], name: str, mtime_ns: int, size: int) -> list | None:
        entry = entries.get(name)
        if entry is not None and len(entry) == 4 and entry[0] == mtime_ns and entry[1] == size:
            return entry
        return None

    def put(self, entries: dict[str, list], name: str, mtime_ns: int, size: int, valid: int, payload: Any) -> None:
        """Remember ``payload`` only if it comes back from JSON equal (and typed the same); else forget the file."""
        if not json_exact(payload):
            self.forget(entries, name)
            return
        entries[name] = [mtime_ns, size, valid, payload]
        self.dirty = True
        self.changes += 1

    def forget(self, entries: dict[str, list], name: str) -> None:
        if entries.pop(name, None) is not None:
            self.dirty = True
            self.changes += 1

    def topics_entry(self, path: str, mtime_ns: int, size: int) -> list | None:
        """The cached topics of an unchanged topics file: [[id, title, description, terms], ...], else None."""
        self._topics_visited.add(path)
        entry = self.topics.get(path)
        if entry is not None and entry[0] == mtime_ns and entry[1] == size and isinstance(entry[2], list):
            return entry[2]
        return None

    def put_topics(self, path: str, mtime_ns: int, size: int, topics: list | None) -> None:
        """Remember a topics file's topics (None: it had a problem, so it is parsed every time)."""
        self._topics_visited.add(path)
        if topics is None:
            if self.topics.pop(path, None) is not None:
                self.dirty = True
            return
        if not json_exact(topics):
            self.topics.pop(path, None)
            self.dirty = True
            return
        self.topics[path] = [mtime_ns, size, topics]
        self.dirty = True
        self.changes += 1

    def trusted(self, folder: str, folder_mtime_ns: int) -> dict[str, list] | None:
        """The folder's entries if its stamp matches its mtime now (see the module docstring), else None."""
        if self.stamps.get(folder) != folder_mtime_ns:
            return None
        return self.folder(folder)

    def stamp(self, folder: str, folder_mtime_ns: int | None, now_ns: int) -> None:
        """Record (or, with None or a too recent mtime, drop) the folder's stamp after a full check."""
        value = folder_mtime_ns if folder_mtime_ns is not None and now_ns - folder_mtime_ns > STAMP_MIN_AGE_NS else None
        if self.stamps.get(folder) != value:
            if value is None:
                del self.stamps[folder]
            else:
                self.stamps[folder] = value
            self.dirty = True

    def prune_folder(self, entries: dict[str, list], seen: set[str]) -> None:
        """Forget files of this folder that are gone."""
        if len(entries) != len(seen) or not seen.issuperset(entries):
            for name in set(entries) - seen:
                del entries[name]
                self.dirty = True
                self.changes += 1

    def prune(self) -> None:
        """Forget folders not visited by this load."""
        for folder in set(self.folders) - self._visited:
            del self.folders[folder]
            self.stamps.pop(folder, None)
            self.dirty = True
        for path in set(self.topics) - self._topics_visited:
            del self.topics[path]
            self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        try:
            text = json.dumps({"version": VERSION, "validator": self.validator, "folders": self.folders,
                               "stamps": self.stamps, "topics": self.topics},
                              separators=(",", ":"))
            atomic_write_text(self.path, text)
            self.dirty = False
        except (OSError, TypeError, ValueError):
            pass  # the cache is an optimisation; failing to write it loses nothing


def json_exact(value: Any) -> bool:
    """True if JSON gives ``value`` back equal and of the same types (strings, whole numbers that
    fit, lists, mappings with text keys): nothing is turned into something it was not."""
    try:
        back = json.loads(json.dumps(value))
    except (TypeError, ValueError):
        return False
    return _same(value, back)


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return a == b
