"""Load the bundled library and the user's own library; report bad files, keep the rest."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from briefing import paths
from briefing.errors import ContentError
from briefing.library.metacache import MetaCache
from briefing.locking import file_lock
from briefing.library.source import Source
from briefing.library.topics import Topic, load_topics
from briefing.library.validate import FieldProblem, located, source_from_data
from briefing.yamlio import atomic_write_text, dumps, load_file, read_text

META_MAX_BYTES = 256 * 1024


@dataclass
class LoadStats:
    files_seen: int = 0
    files_parsed: int = 0
    files_from_cache: int = 0


@dataclass
class Library:
    sources: dict[str, Source] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    problems: list[ContentError] = field(default_factory=list)
    roots: list[tuple[Path, str]] = field(default_factory=list)
    stats: LoadStats = field(default_factory=LoadStats)

    @staticmethod
    def default_roots() -> list[tuple[Path, str]]:
        return [(paths.CONTENT_DIR, "bundled"), (paths.user_library_dir(), "user")]

    @classmethod
    def load(
        cls,
        roots: list[tuple[Path, str]] | None = None,
        cache_path: Path | None | bool = True,
    ) -> "Library":
        """Later roots override earlier ones by id, so a user's correction wins over the bundle."""
        roots = cls.default_roots() if roots is None else roots
        if cache_path is True:
            cache_path = paths.user_cache_dir() / "library-meta.json"
        cache = MetaCache(cache_path or None)
        lib = cls(roots=list(roots))
        seen: set[str] = set()
        for root, origin in roots:
            lib._load_sources(Path(root) / "sources", origin, cache, seen)
            topics_file = Path(root) / "topics.yaml"
            if topics_file.exists():
                topics, problems = load_topics(topics_file, origin)
                lib.problems.extend(problems)
                for topic in topics:
                    lib.topics[topic.id] = topic
        cache.prune(seen)
        cache.save()
        return lib

    def _load_sources(self, folder: Path, origin: str, cache: MetaCache, seen: set[str]) -> None:
        if not folder.is_dir():
            return
        by_id_here: dict[str, Path] = {}
        with os.scandir(folder) as entries:
            files = sorted((e for e in entries if e.name.endswith(".yaml") and e.is_file()), key=lambda e: e.name)
        for entry in files:
            path = Path(entry.path)
            seen.add(str(path))
            self.stats.files_seen += 1
            st = entry.stat()
            key = (st.st_mtime_ns, st.st_size)
            data = cache.get(path, key)
            if data is None:
                try:
                    data = load_file(path, META_MAX_BYTES)
                except ContentError as exc:
                    self.problems.append(exc)
                    continue
                self.stats.files_parsed += 1
                cache.put(path, key, data)
            else:
                self.stats.files_from_cache += 1
            try:
                source = source_from_data(data, path, origin)
            except FieldProblem as problem:
                self.problems.append(located(path, lambda: read_text(path, META_MAX_BYTES), problem))
                continue
            if source.id in by_id_here:
                self.problems.append(
                    located(path, lambda: read_text(path), FieldProblem(("id",), f"duplicate id '{source.id}', also in {by_id_here[source.id].name}"))
                )
                continue
            if source.text_path is None or not source.text_path.is_file():
                self.problems.append(ContentError(path, f"its text file '{source.text_path.name}' is missing", field="text_file"))
                continue
            by_id_here[source.id] = path
            self.sources[source.id] = source

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
