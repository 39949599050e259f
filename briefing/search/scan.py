"""The full scan behind ``SearchIndex.update()``: which sources' text files differ from the index.

Every text file is stat'ed (an in-place edit outside the app changes nothing else), and each
source becomes a row (source id, text path, mtime_ns, size) to compare with the index's
``sources`` table.  The stat calls are the floor (~25-28 ms for 10,000 files on the reference
machine: ~14 ms of system calls, measured in C, the rest ``os.stat`` building its result); the
rest is kept to C-level work:

* the library's files grouped by folder are remembered while its ids and stored text paths are
  the same objects as last time (C-level passes and list comparisons, see ``_group``);
* the rows come out in the same order every time (a file that cannot be stat'ed gets a
  placeholder row), so when neither the library nor the indexed table changed since the last
  scan, this scan's rows are compared with that scan's position by position (``map(ne, ...)``),
  and only the few that differ are looked up in the table.  Hashing 10,000 fresh row tuples into
  a set and taking the difference with the table's (the full comparison, still used otherwise)
  was ~6 ms of a ~40 ms scan.
"""

from __future__ import annotations

import operator
import os
from itertools import compress, count

from briefing.library.source import stored_text_paths

# mtime_ns and size of a row whose file could not be stat'ed: never equal to an indexed row
UNREAD = None


class TextScan:
    """One index handle's scan state.  ``changes()`` then, once the write is done, ``settled()``."""

    def __init__(self) -> None:
        self._grouping: tuple | None = None  # (key, (by_dir, textless)) for the last library, see _group
        # The last settled scan: (grouping, the table's row set, its rows, the rows of it that were
        # not in the table after its write).  None: compare in full next time.
        self._last: tuple | None = None
        self._pending: tuple | None = None  # the same for the scan in progress, before its write
        self.full_compares = 0  # scans that compared every row with the table (for tests)

    def forget(self) -> None:
        """The table changed other than through a full scan (a targeted update): compare in full."""
        self._last = self._pending = None

    def changes(self, sources, by_id: dict, table: set) -> tuple[list[tuple], list[str]]:
        """(rows that are not in ``table``: new, changed, moved or not stat'able; ids no longer in ``sources``).

        ``sources``: the library's {id: Source}; ``by_id``/``table``: the indexed rows by id and as
        a set.  Keeps ``table`` (the object) to know next time whether it is still the same."""
        grouping = self._group(list(sources.values()))
        current = _stat_rows(*grouping)
        last = self._last
        if last is not None and last[0] is grouping and last[1] is table and len(last[2]) == len(current):
            # Same library, same table since the last scan settled: only rows that moved since then,
            # and those that were not in the table then, can differ from it now.
            previous = last[2]
            moved = list(compress(count(), map(operator.ne, current, previous)))
            before = {previous[i] for i in moved}
            differ = [row for row in map(current.__getitem__, moved) if row not in table]
            differ += [row for row in last[3] if row not in before]
            removed: list[str] = []  # the last write dropped them, and the library is the same
        else:
            self.full_compares += 1
            differ = list(set(current).difference(table))
            removed = sorted(by_id.keys() - sources.keys())
        self._pending = (grouping, table, current, differ)
        return differ, removed

    def _group(self, values: list) -> tuple:
        """The library's text files by folder; the same object while every (id, text_path) is the same.

        Keyed by two flat lists, the ids and the stored paths (two C-level passes, ~1 ms for
        10,000 sources): a list of (id, path) pairs cost ~2 ms more to build, one tuple a source."""
        ids = list(map(_ID, values))
        if self._grouping is not None and self._grouping[0] == (ids, stored_text_paths(values)):
            return self._grouping[1]
        # read through ``text_path``: each becomes (and stays) a Path, so the paths are read again
        # for the key the next scan compares with
        grouping = _by_folder(list(map(_ID_AND_PATH, values)))
        self._grouping = ((ids, stored_text_paths(values)), grouping)
        return grouping

    def settled(self, table: set) -> None:
        """The scan's changes are written (``table`` is the row set now): remember it for the next one."""
        pending, self._pending = self._pending, None
        if pending is None or pending[1] is not table:
            self._last = None
            return
        grouping, _, current, differ = pending
        self._last = (grouping, table, current, {row for row in differ if row not in table})


def _stat_rows(by_dir: dict[str, list[tuple[str, str, str]]], textless: tuple) -> list[tuple]:
    """(source id, text path, mtime_ns, size) for every source, in the grouping's order.

    A source without a text file gets ("", 0, 0), as ``SearchIndex._plan`` records it; a file
    that cannot be stat'ed gets ``UNREAD`` mtime and size (``_plan`` then stats it itself and
    reports it).  Where ``os.stat`` takes ``dir_fd`` (POSIX) each file is one ``fstatat`` relative
    to its open folder: measured ~1.5-2x faster than ``DirEntry.stat()`` over a listing that also
    holds the .yaml files, and faster than ``map(partial(os.stat, dir_fd=...))``.  Elsewhere
    (Windows) the folder listing carries the stat, so ``os.scandir`` is used."""
    out = list(textless)
    append = out.append
    stat = os.stat
    for folder, entries in by_dir.items():
        if _STAT_DIR_FD:
            try:
                fd = os.open(folder or ".", _DIR_FLAGS)
            except OSError:
                out.extend((source_id, text_path, UNREAD, UNREAD) for source_id, _, text_path in entries)
                continue
            try:
                for source_id, name, text_path in entries:
                    try:
                        st = stat(name, dir_fd=fd)
                    except OSError:
                        append((source_id, text_path, UNREAD, UNREAD))
                        continue
                    append((source_id, text_path, st.st_mtime_ns, st.st_size))
            finally:
                os.close(fd)
        else:
            found = {}
            names = {name for _, name, _ in entries}  # str here: only the dir_fd path encodes them
            try:
                with os.scandir(folder or ".") as listing:
                    for entry in listing:
                        if entry.name in names:
                            try:
                                found[entry.name] = entry.stat()
                            except OSError:
                                pass
            except OSError:
                pass
            for source_id, name, text_path in entries:
                st = found.get(name)
                append((source_id, text_path, UNREAD, UNREAD) if st is None
                       else (source_id, text_path, st.st_mtime_ns, st.st_size))
    return out


def _by_folder(pairs: list[tuple[str, object]]) -> tuple:
    """({folder: [(source id, file name, text path)]}, the rows of text-less sources).

    The file name is bytes where ``os.stat`` takes ``dir_fd`` (str elsewhere).  ``TextScan``
    remembers the result for the library's (id, stored text path) pairs: the sources keep their
    Path objects, so an unchanged library compares equal item by item on identity, in C, and the
    same tuple object is returned while it is remembered (``TextScan`` relies on that)."""
    by_dir: dict[str, list[tuple[str, str, str]]] = {}
    textless: list[tuple[str, str, int, int]] = []
    for source_id, text_path in pairs:
        if text_path is None:
            textless.append((source_id, "", 0, 0))
            continue
        text_path = str(text_path)
        folder, _, name = text_path.rpartition(os.sep)  # str(Path) always uses os.sep
        if _STAT_DIR_FD:
            name = os.fsencode(name)  # encoded once, not by every os.stat call (~1.4 ms a scan)
        by_dir.setdefault(folder, []).append((source_id, name, text_path))
    return by_dir, tuple(textless)


_ID = operator.attrgetter("id")
_ID_AND_PATH = operator.attrgetter("id", "text_path")
_STAT_DIR_FD = os.stat in os.supports_dir_fd and os.open in os.supports_dir_fd
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
