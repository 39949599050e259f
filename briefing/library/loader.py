"""Load the bundled library and the user's own library; report bad files, keep the rest."""

from __future__ import annotations

import dataclasses
import os
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from briefing import paths
from briefing.errors import ContentError
from briefing.library.metacache import VALID, MetaCache
from briefing.locking import file_lock
from briefing.library.source import Source
from briefing.library.topics import Topic, load_topics
from briefing.library.user_topics import hidden_topic_ids
from briefing.library import validate as _validate
from briefing.library.validate import FieldProblem, located, source_from_data
from briefing.yamlio import atomic_write_text, dumps, load_file, read_text

META_MAX_BYTES = 256 * 1024

# Source's own fields, in its declaration order (the metadata cache stores validated sources
# as these values followed by the text file's name; see metacache.py).
_INIT_FIELDS = [f.name for f in dataclasses.fields(Source) if f.init]
CACHED_FIELDS = tuple(_INIT_FIELDS[: _INIT_FIELDS.index("meta_path")])
if _INIT_FIELDS[len(CACHED_FIELDS):len(CACHED_FIELDS) + 3] != ["meta_path", "text_path", "origin"]:
    raise ImportError("Source's fields changed order: update the metadata cache's layout (loader.CACHED_FIELDS)")


def _cached_fields(source: Source) -> list:
    # the text file's name; None for a metadata-only source (no_text: true)
    return [getattr(source, name) for name in CACHED_FIELDS] + [
        source.text_path.name if source.text_path is not None else None]


# Bump when validate.py, source.py or topics.py change what they accept or how they shape a
# source or topic: validated entries cached under another number are then not trusted.
VALIDATION_SCHEMA = 1


def _validator_key() -> str:
    """What cached validation results depend on: the schema number above, the cached field layout
    and the known source fields (which change by themselves when a field is added).

    A CRC, not a cryptographic hash: it only tells one schema from another, and every start-up
    computes it (hashlib's OpenSSL module costs ~4 ms of imports).  The ``crc32-`` prefix keeps it
    apart from the earlier sha256 keys, so a cache written under those is simply re-validated."""
    key = repr((VALIDATION_SCHEMA, CACHED_FIELDS, sorted(_validate.SOURCE_FIELDS))).encode()
    return f"crc32-{zlib.crc32(key):08x}"


@dataclass
class LoadStats:
    """What a load read, took from the metadata cache or took on trust (tests and benchmarks)."""

    files_seen: int = 0
    files_parsed: int = 0
    files_from_cache: int = 0
    files_trusted: int = 0  # taken from a stamped folder's cache entries without a stat (see metacache.py)
    cache_changes: int = 0  # cache entries added, replaced or removed: files that differed from the cache


@dataclass
class Library:
    """The sources and topics the application works from, with the files it could not use."""

    sources: dict[str, Source] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    problems: list[ContentError] = field(default_factory=list)
    roots: list[tuple[Path, str]] = field(default_factory=list)
    stats: LoadStats = field(default_factory=LoadStats)
    # folders loaded on trust (no stat per file); reload_if_changed() does their full check
    unverified: list[str] = field(default_factory=list, repr=False, compare=False)
    cache_path: Path | None = field(default=None, repr=False, compare=False)

    @staticmethod
    def default_roots() -> list[tuple[Path, str]]:
        return [(paths.CONTENT_DIR, "bundled"), (paths.user_library_dir(), "user")]

    @classmethod
    def load(
        cls,
        roots: list[tuple[Path, str]] | None = None,
        cache_path: Path | None | bool = True,
        trust_stamps: bool = False,
    ) -> "Library":
        """Later roots override earlier ones by id, so a user's correction wins over the bundle.

        With ``trust_stamps`` (the GUI's start-up), a folder whose mtime matches the stamp the
        last full check left in the metadata cache is loaded from the cache without a stat per
        file, and listed in ``unverified``; ``reload_if_changed()`` then does the full check
        (off the GUI thread), since in-place edits do not change a folder's mtime.
        """
        roots = cls.default_roots() if roots is None else roots
        if cache_path is True:
            cache_path = paths.user_cache_dir() / "library-meta.json"
        cache = MetaCache(cache_path or None, _validator_key())
        lib = cls(roots=list(roots), cache_path=cache_path or None)
        for root, origin in roots:
            lib._load_sources(Path(root) / "sources", origin, cache, trust_stamps)
            lib._load_topics(Path(root) / "topics.yaml", origin, cache)
            for topic_id in hidden_topic_ids(Path(root)):  # the user removed a topic an earlier root has
                lib.topics.pop(topic_id, None)
        cache.prune()
        lib.stats.cache_changes = cache.changes
        cache.save()
        return lib

    def _load_topics(self, path: Path, origin: str, cache: MetaCache) -> None:
        """An unchanged topics file comes from the metadata cache; one with a problem is parsed every time."""
        try:
            st = os.stat(path)
        except OSError:
            return
        key = str(path)
        cached = cache.topics_entry(key, st.st_mtime_ns, st.st_size)
        if cached is not None:
            topics = [Topic(t[0], t[1], t[2], list(t[3]), origin) for t in cached]
        else:
            topics, problems = load_topics(path, origin)
            self.problems.extend(problems)
            cache.put_topics(key, st.st_mtime_ns, st.st_size,
                             None if problems else [[t.id, t.title, t.description, t.terms] for t in topics])
        for topic in topics:
            self.topics[topic.id] = topic

    def reload_if_changed(self) -> "Library | None":
        """The full check of a trusted load: a freshly loaded Library if any file differs from what
        this one was built from (an edited, added or removed file, or changed topics), else None.
        Reads no YAML file that is unchanged; safe to call off the GUI thread (it builds a new
        Library and does not touch this one)."""
        fresh = type(self).load(self.roots, self.cache_path or False)
        if (fresh.stats.cache_changes or fresh.sources.keys() != self.sources.keys() or fresh.topics != self.topics
                or [str(p) for p in fresh.problems] != [str(p) for p in self.problems]):
            return fresh
        return None

    def bundled_problem(self) -> str | None:
        """Plain words when the bundled library has no sources or no topics: the install is broken
        (e.g. a wheel without its data), which must not look like an empty library."""
        root = next((r for r, origin in self.roots if origin == "bundled"), None)
        if root is None or (any(s.origin == "bundled" for s in self.sources.values())
                            and any(t.origin == "bundled" for t in self.topics.values())):
            return None
        return (f"The bundled library in {root} has no sources or no topics: this installation is incomplete; "
                "reinstall briefing-book.")

    def replace_with(self, other: "Library") -> None:
        """Take ``other``'s contents (on the GUI thread, after ``reload_if_changed``), keeping this object."""
        self.sources, self.topics, self.problems = other.sources, other.topics, other.problems
        self.stats, self.unverified = other.stats, list(other.unverified)

    def _load_trusted(self, folder_str: str, origin: str, entries: dict[str, list]) -> bool:
        """Sources of a stamped folder straight from its cache entries (all valid, texts present)."""
        if not all(len(e) == 4 and e[2] == VALID for e in entries.values()):
            return False
        prefix = os.path.join(folder_str, "")  # names are plain file names: concatenation is os.path.join
        sources = self.sources
        for name in sorted(entries):
            values = entries[name][3]
            source = Source(*values[:-1], prefix + name, None if values[-1] is None else prefix + values[-1], origin)
            sources[source.id] = source
        self.stats.files_seen += len(entries)
        self.stats.files_from_cache += len(entries)
        self.stats.files_trusted += len(entries)
        self.unverified.append(folder_str)
        return True

    def _load_sources(self, folder: Path, origin: str, cache: MetaCache, trust: bool = False) -> None:
        folder_str = str(folder)
        try:
            folder_mtime = os.stat(folder_str).st_mtime_ns  # before the listing: a change during it unstamps
        except OSError:
            folder_mtime = None
        if trust and folder_mtime is not None:
            entries = cache.trusted(folder_str, folder_mtime)
            if entries is not None and self._load_trusted(folder_str, origin, entries):
                return
        problems_before = len(self.problems)
        try:
            with os.scandir(folder_str) as it:
                listing = [(e.name, e) for e in it if e.is_file()]
        except (FileNotFoundError, NotADirectoryError):
            return
        names = {name for name, _ in listing}  # text files are checked against this, not stat'ed again
        files = sorted((pair for pair in listing if pair[0].endswith(".yaml")), key=lambda pair: pair[0])
        entries = cache.folder(folder_str)
        seen_here: set[str] = set()
        by_id_here: dict[str, str] = {}
        for name, entry in files:
            seen_here.add(name)
            self.stats.files_seen += 1
            st = entry.stat()
            mtime_ns, size = st.st_mtime_ns, st.st_size
            hit = cache.lookup(entries, name, mtime_ns, size)
            if hit is not None and hit[2] == VALID:
                self.stats.files_from_cache += 1
                values = hit[3]
                text_name = values[-1]
                # the validated fields in Source's order, then the paths as strings (Source makes
                # them Paths when first read: 20,000 Path objects are ~60 ms of a 10,000-source start)
                if text_name is None:  # metadata only: no text file to look for
                    source = Source(*values[:-1], entry.path, None, origin)
                    text_found = True
                else:
                    source = Source(*values[:-1], entry.path, os.path.join(folder_str, text_name), origin)
                    text_found = text_name in names
            else:
                # A refused file is parsed and validated again on every load: only validation's
                # own output is cached, so the cache can never turn a refusal into a source.
                path = Path(entry.path)
                try:
                    data = load_file(path, META_MAX_BYTES)
                except ContentError as exc:
                    cache.forget(entries, name)
                    self.problems.append(exc)
                    continue
                self.stats.files_parsed += 1
                try:
                    source = source_from_data(data, path, origin)
                except FieldProblem as problem:
                    cache.forget(entries, name)
                    self.problems.append(located(path, lambda: read_text(path, META_MAX_BYTES), problem))
                    continue
                cache.put(entries, name, mtime_ns, size, VALID, _cached_fields(source))
                text_path = source.text_path
                text_name = text_path.name if text_path is not None else None
                text_found = text_path is None or (  # None: metadata only (no_text: true)
                    text_name in names if str(text_path.parent) == folder_str else text_path.is_file())
            if source.id in by_id_here:
                path = Path(entry.path)
                self.problems.append(located(path, lambda: read_text(path), FieldProblem(
                    ("id",), f"duplicate id '{source.id}', also in {os.path.basename(by_id_here[source.id])}")))
                continue
            if not text_found:
                self.problems.append(ContentError(Path(entry.path), f"its text file '{text_name}' is missing", field="text_file"))
                continue
            by_id_here[source.id] = entry.path
            self.sources[source.id] = source
        cache.prune_folder(entries, seen_here)
        clean = len(self.problems) == problems_before and len(entries) == len(seen_here)
        cache.stamp(folder_str, folder_mtime if clean else None, time.time_ns())

    # -- queries ---------------------------------------------------------------------
    def source(self, source_id: str) -> Source:
        try:
            return self.sources[source_id]
        except KeyError:
            raise KeyError(f"no source with id '{source_id}' in the library") from None

    def topic(self, topic_id: str) -> Topic:
        try:
            return self.topics[topic_id]
        except KeyError:
            known = ", ".join(sorted(self.topics))
            raise KeyError(f"no topic '{topic_id}'; known topics: {known}") from None

    def sorted_sources(self) -> list[Source]:
        return sorted(self.sources.values(), key=lambda s: (s.date or "0000", s.id), reverse=True)

    def check_texts(self) -> None:
        """Read every text once so unreadable ones are reported (and dropped) up front."""
        for source_id in list(self.sources):
            try:
                self.sources[source_id].text()
            except ContentError as exc:
                self.problems.append(exc)
                del self.sources[source_id]

    # -- the user's own library ------------------------------------------------------
    @property
    def user_root(self) -> Path:
        for root, origin in reversed(self.roots):
            if origin == "user":
                return Path(root)
        return paths.user_library_dir()

    @property
    def user_lock_path(self) -> Path:
        """The lock file every writer of the user library holds (see ``briefing.locking``)."""
        return self.user_root / ".library.lock"

    def save_user_source(self, source: Source, text: str | None = None) -> Source:
        """Write (or correct) a source in the user library; bundled text is referenced, not copied.

        Holds the user-library lock, so another window or process saving at the same moment
        waits instead of interleaving its text and metadata files with these.
        """
        folder = self.user_root / "sources"
        folder.mkdir(parents=True, exist_ok=True)
        with file_lock(self.user_lock_path, what="your library"):
            return self._save_user_source(folder, source, text)

    def _save_user_source(self, folder: Path, source: Source, text: str | None) -> Source:
        meta_path = folder / f"{source.id}.yaml"
        data = source.metadata()
        if text is not None:
            atomic_write_text(folder / f"{source.id}.txt", text)
            data.pop("no_text", None)  # a metadata-only source gets its text
            data["text_file"] = f"{source.id}.txt"
            text_path = folder / f"{source.id}.txt"
        else:
            text_path = source.text_path
            if text_path is not None and text_path.parent != folder:
                # a correction of a bundled source: keep its text where it is by copying once
                atomic_write_text(folder / f"{source.id}.txt", source.text())
                data["text_file"] = f"{source.id}.txt"
                text_path = folder / f"{source.id}.txt"
        data = {k: v for k, v in data.items() if v not in (None, [], {})}
        atomic_write_text(meta_path, dumps(data))
        saved = source_from_data(data, meta_path, "user")
        saved.text_path = text_path
        self.sources[saved.id] = saved
        return saved
