"""The passage index: one row per paragraph in SQLite FTS5, kept in the user cache dir.

Why SQLite FTS5: it ships with Python, ranks with BM25, and stays fast at 10,000
sources / 80,000 paragraphs.  The index is disposable (a damaged file is deleted and
rebuilt) and incremental: a source whose text file has the same mtime and size as
last time is not even read; one whose stat changed is read and hashed, and
re-indexed only when its content hash changed.

Tables:
  sources(source_id, text_path, content_hash, mtime_ns, size, paragraphs)
  passages(id, source_id, paragraph, text)       -- exact text, for display/excerpts
  passages_fts(body)                              -- normalised text, rowid = passages.id
  meta(key, value)                                -- 'generation': bumped by every write that changes passages
  topic_results(...)                              -- persisted topic rankings, see topic_cache.py
"""

from __future__ import annotations

import contextlib
import functools
import logging
import operator
import os
import threading
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple

from briefing import paths
from briefing.errors import ContentError
from briefing.locking import file_lock
from briefing.search import topic_cache
from briefing.search.normalize import NORMALISATION_VERSION
from briefing.search.refused import QueryRefused
from briefing.search.scan import UNREAD, TextScan
from briefing.sqlitedb import sqlite3

if TYPE_CHECKING:
    from briefing.search.batch import Plan as _Plan
    from briefing.search.query import Phrase

# The query parser, highlighting and batch writing (query.py, highlight.py, batch.py) are imported
# by the first search, suggestion, count or write, not when the GUI opens the index at start-up.

log = logging.getLogger(__name__)

# user_version; a mismatch rebuilds the file.  200: meta/topic_results (an older build writing
# without bumping the generation must not share a file with stored topic results).
# 300: heading blocks (``# `` in a source's text) are not indexed, so search never offers one.
SCHEMA_VERSION = 300 + NORMALISATION_VERSION
BUSY_TIMEOUT_S = 15.0
PROGRESS_STEPS = 1000  # SQLite VM steps between two looks at the clock under a time limit
QUERY_TIME_LIMIT_S = 3.0  # a search or suggestion still running then is interrupted and refused
MAX_LIMIT = 100_000  # results asked for; more is clamped (SQLite's LIMIT is a 64-bit integer)
LOCK_TIMEOUT_S = 120.0  # a first full index of a large library can take a while
BATCH_SOURCES = 200  # sources read and written per transaction by update(); cancel is checked between batches
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources(
    source_id TEXT PRIMARY KEY,
    text_path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    paragraphs INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS passages(
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL,
    paragraph INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_by_source ON passages(source_id, paragraph);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2'
);
""" + topic_cache.SCHEMA


@dataclass
class Passage:
    """One paragraph that matched: exact text, where it is, how well it matched, and where."""

    source_id: str
    paragraph: int  # 1-based
    text: str
    score: float  # higher is better
    highlights: list[tuple[int, int]] = field(default_factory=list)
    snippet: str = ""
    snippet_highlights: list[tuple[int, int]] = field(default_factory=list)


class UpdateResult(NamedTuple):
    """What an update did.  Named tuples here and for IndexStorage: a frozen dataclass costs ~1 ms
    to create (six generated methods compiled), paid by every start-up that opens the index."""

    indexed: int  # sources (re-)indexed
    removed: int  # sources dropped from the index
    unchanged: int  # sources left as they were


class UpdateCancelled(Exception):
    """``update(cancel=...)`` stopped between two batches: ``result`` counts what was written.

    The index is then a valid partial state (see ``SearchIndex.update``)."""

    def __init__(self, result: UpdateResult, total: int):
        super().__init__("the search index update was cancelled")
        self.result = result
        self.total = total  # sources in the library


class IndexStorage(NamedTuple):
    """What the index file holds, read-only: for diagnostics and for tests that check the stored
    rankings and FTS5's segments are kept as designed, without reaching into the connection."""

    generation: int | None  # bumped whenever passages change; stored rankings of another are stale
    rankings: list[tuple[int | None, int]]  # per stored topic ranking: (total or None if uncounted, depth)
    fts_segments: int  # FTS5 b-tree segments: every MATCH looks its terms up in each one


def _one_at_a_time(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper

class SearchIndex:
    """Open with ``SearchIndex.open()``, sync with ``update(library)``, then ``search``/``suggest``."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        # One connection serves every thread (the GUI's worker and its main thread); sqlite3
        # connections are not safe for interleaved transactions, so calls take turns.
        self._lock = threading.RLock()
        self._conn = conn
        self.path = path
        # The sources table as (source_id, text_path, mtime_ns, size) rows, kept between full
        # scans: {source_id: row} and the set of rows, with the PRAGMA data_version they were read
        # at (it changes when another connection commits).  None: read it again.
        self._table: tuple[int, dict[str, tuple], set[tuple]] | None = None
        self._scan = TextScan()  # the full scan's state between calls (scan.py)
        self.stats: dict[str, int] = {
            "texts_read": 0, "sources_indexed": 0, "sources_removed": 0,
            "sources_unchanged": 0, "paragraphs_indexed": 0, "rebuilds": 0,
        }
        self.problems: list[ContentError] = []  # texts that could not be read at the last update

    # -- opening -------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None = None) -> "SearchIndex":
        """Open (creating if needed) the index; a damaged or outdated file is deleted and rebuilt."""
        target = str(paths.user_cache_dir() / "passages.sqlite3") if path is None else str(path)
        with _index_lock(target):  # never delete a file another process is still writing
            try:
                conn = cls._connect(target)
                rebuilds = 0
            except sqlite3.DatabaseError as exc:
                if target == ":memory:" or _busy(exc):
                    raise
                log.warning("search index %s is damaged (%s); rebuilding it", target, exc)
                _delete_db_files(target)
                conn = cls._connect(target)
                rebuilds = 1
        idx = cls(conn, target)
        idx.stats["rebuilds"] = rebuilds
        return idx

    @staticmethod
    def _connect(target: str) -> sqlite3.Connection:
        conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and version != SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"index format {version}, expected {SCHEMA_VERSION}")
            if target != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            conn.executescript(f"BEGIN IMMEDIATE; {_SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
            conn.execute("SELECT count(*) FROM sources").fetchone()
            conn.execute("SELECT rowid FROM passages_fts LIMIT 1").fetchall()
        except BaseException:
            conn.close()
            raise
        return conn

    @_one_at_a_time
    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> "SearchIndex":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- keeping it in step with the library ------------------------------------------
    def update(self, library, progress: Callable[[int, int], None] | None = None, *,
               refresh_topics: bool = True, cancel: Callable[[], bool] | None = None) -> UpdateResult:
        """Bring the index in line with ``library``; cheap when nothing changed.

        Holds ``<index>.lock``: two windows or processes update (or rebuild) one at a time.
        When passages changed and ``refresh_topics``, the library's topic rankings are then
        recomputed and stored (``refresh_topics()``), so that the next ``suggest`` or
        ``count_suggestions`` is served from the store: this call runs in the GUI's background
        job, the user's first click on a topic then does not pay for the ranking.

        ``cancel`` (no Qt: any callable) is asked before each batch of ``BATCH_SOURCES`` changed
        sources is read and written; when it returns True the update stops and raises
        ``UpdateCancelled``.  Each batch is its own SQLite transaction, so a cancelled (or
        interrupted, or killed) update leaves a valid partial state: the batches committed before
        it are searchable, nothing of the unfinished batch is, and the next update indexes the rest."""
        with self._lock:
            before = self._generation()
            with _index_lock(self.path):
                result = self._update_or_rebuild(library, progress, cancel=cancel)
            changed = self._generation() != before
        if changed and refresh_topics:
            self.refresh_topics((getattr(library, "topics", None) or {}).values(), cancel)
        return result

    def refresh_topics(self, topics, cancel: Callable[[], bool] | None = None) -> int:
        """Compute and store each topic's ranking (``topic_cache.DEPTH`` deep) and count unless stored.

        Takes the index's lock once per topic, so a search from another thread waits for one
        topic's ranking at most; ``cancel()`` True stops between topics (a ranking not stored is
        computed when first asked for).  Returns how many were recomputed."""
        from briefing.search.query import topic_fts, topic_match_fts

        done = 0
        for topic in topics:
            if cancel is not None and cancel():
                break
            with self._lock:
                if self._conn is None:
                    break
                expr = topic_fts(topic.terms)
                if expr is not None:
                    done += topic_cache.ranked(self._conn, expr, topic_match_fts(topic.terms), topic_cache.DEPTH,
                                               report=True, counted=True)[2]
        return done

    def _generation(self) -> int | None:
        try:
            return topic_cache.generation(self._conn)
        except sqlite3.DatabaseError:
            return None

    @_one_at_a_time
    def update_sources(self, library, source_ids: Iterable[str]) -> UpdateResult:
        """Re-index just these sources (the app saved or imported them): no scan of the library.

        An id no longer in ``library`` is removed from the index.  Same lock and transaction
        rules as ``update``."""
        with _index_lock(self.path):
            return self._update_or_rebuild(library, None, set(source_ids))

    def _update_or_rebuild(self, library, progress, only: set[str] | None = None, cancel=None) -> UpdateResult:
        try:
            return self._update(library, progress, only, cancel)
        except sqlite3.DatabaseError as exc:
            if self.path == ":memory:" or _busy(exc):
                raise
            log.warning("search index %s failed (%s); rebuilding it", self.path, exc)
            self.close()
            self._table = None
            self._scan.forget()
            _delete_db_files(self.path)
            self._conn = self._connect(self.path)
            self.stats["rebuilds"] += 1
            return self._update(library, progress, None, cancel)

    def _update(self, library, progress, only: set[str] | None = None, cancel=None) -> UpdateResult:
        sources = library.sources
        self.problems = []
        if only is None:
            # The full scan (scan.py): one stat per text file, then the (id, path, mtime_ns, size)
            # rows that differ from the index's.  Only those sources go on to _plan (read, hash,
            # re-index); a row without a stat (UNREAD) is a file _plan stats itself and reports.
            by_id, rows = self._indexed_rows()
            differ, removed = self._scan.changes(sources, by_id, rows)
            stats = {row[0]: row[1:] for row in differ if row[2] is not UNREAD}
            candidates = sorted(stats.keys() & sources.keys())
            candidates += sorted({row[0] for row in differ if row[2] is UNREAD} & sources.keys())
            known = self._known(candidates)
            wanted_total = len(sources)
            unchanged = wanted_total - len(candidates)
        else:
            self._scan.forget()  # the table changes here, not through a full scan
            known = self._known(sorted(only))
            removed = sorted(set(known) - set(sources))
            candidates = sorted(sid for sid in only if sid in sources)
            stats = {}
            wanted_total = len(candidates)
            unchanged = 0
        if progress is not None and not candidates:
            progress(wanted_total, wanted_total)
        done = wanted_total - len(candidates)
        reindexed = kept = paragraphs = 0
        changed = False  # passages changed (dropped or re-indexed) by an earlier batch of this update
        batches = [candidates[i:i + BATCH_SOURCES] for i in range(0, len(candidates), BATCH_SOURCES)] or [[]]
        for number, batch in enumerate(batches):
            if cancel is not None and cancel():
                self._scan.forget()  # the table is not what this scan planned: compare in full next time
                gone = len(removed) if number else 0  # the removals go with the first batch
                self._count(reindexed, gone, unchanged + kept, paragraphs)
                raise UpdateCancelled(UpdateResult(reindexed, gone, unchanged + kept), wanted_total)
            plans: list[_Plan] = []
            failed: list[str] = []
            for source_id in batch:
                done += 1
                plan = self._plan(sources[source_id], known.get(source_id), stats.get(source_id))
                if plan is None:
                    unchanged += 1
                elif isinstance(plan, ContentError):
                    self.problems.append(plan)
                    if source_id in known:
                        failed.append(source_id)
                else:
                    plans.append(plan)
                if progress is not None and (done % 64 == 0 or done == wanted_total or source_id is batch[-1]):
                    progress(done, wanted_total)  # and at each batch's end: where a cancel stops
            drop = (removed if number == 0 else []) + failed
            fresh = [p for p in plans if p.paragraphs is not None]
            rows = sum(len(p.paragraphs) for p in fresh)
            changed = changed or bool(drop or fresh)
            last = number == len(batches) - 1
            # the last batch tidies FTS5 for the whole update: what it inserted, as one write did before
            tidy = paragraphs + rows if last and changed else None
            if drop or plans:
                self._commit(drop, plans, tidy)
            elif tidy is not None:
                self._tidy_after(tidy)
            reindexed += len(fresh)
            kept += len(plans) - len(fresh)
            paragraphs += rows
        if only is None and self._table is not None:
            self._scan.settled(self._table[2])
        self._count(reindexed, len(removed), unchanged + kept, paragraphs)
        return UpdateResult(reindexed, len(removed), unchanged + kept)

    def _count(self, indexed: int, removed: int, unchanged: int, paragraphs: int) -> None:
        self.stats["sources_indexed"] += indexed
        self.stats["sources_removed"] += removed
        self.stats["sources_unchanged"] += unchanged
        self.stats["paragraphs_indexed"] += paragraphs

    def _commit(self, drop: list[str], plans: list[_Plan], tidy: int | None) -> None:
        """Write one batch (``batch.write_batch``) and keep the cached sources table in step with it."""
        from briefing.search.batch import write_batch

        table, self._table = self._table, None  # not valid again until the write has committed
        write_batch(self._conn, drop, plans, tidy)
        if table is not None:
            for source_id in drop:
                table[2].discard(table[1].pop(source_id, None))
            for p in plans:
                table[2].discard(table[1].get(p.source_id))
                row = table[1][p.source_id] = (p.source_id, p.text_path, p.mtime_ns, p.size)
                table[2].add(row)
            self._table = table

    def _tidy_after(self, inserted: int) -> None:
        """The FTS5 tidy of an update whose last batch wrote nothing (``batch.tidy_fts``)."""
        from briefing.search.batch import tidy_fts

        conn = self._conn
        table, self._table = self._table, None
        conn.execute("BEGIN IMMEDIATE")
        try:
            top = conn.execute("SELECT max(id) FROM passages").fetchone()[0] or 0
            tidy_fts(conn, inserted, top)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self._table = table

    def _indexed_rows(self) -> tuple[dict[str, tuple], set[tuple]]:
        """The sources table's (source_id, text_path, mtime_ns, size) rows, by id and as a set.

        Kept from the last call unless another connection has committed since (data_version)."""
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        if self._table is None or self._table[0] != version:
            rows = self._conn.execute("SELECT source_id, text_path, mtime_ns, size FROM sources").fetchall()
            self._table = (version, dict(zip(map(_FIRST, rows), rows)), set(rows))
        return self._table[1], self._table[2]

    def _known(self, source_ids: list[str]) -> dict[str, tuple]:
        """source id -> (text_path, content_hash, mtime_ns, size) as indexed, for these ids."""
        if not source_ids:
            return {}
        sql = "SELECT source_id, text_path, content_hash, mtime_ns, size FROM sources"
        if len(source_ids) > 500:  # a first index or a rebuild: the whole table in one query
            wanted = set(source_ids)
            return {row[0]: row[1:] for row in self._conn.execute(sql) if row[0] in wanted}
        marks = ",".join("?" * len(source_ids))
        return {row[0]: row[1:] for row in self._conn.execute(f"{sql} WHERE source_id IN ({marks})", source_ids)}

    def _plan(self, source, known: tuple | None, stat=None) -> _Plan | ContentError | None:
        """None: untouched.  A plan with paragraphs: re-index.  Without: only record the new stat.

        ``stat``: (text_path, mtime_ns, size) from the bulk scan, or None to stat the file here."""
        text_path = str(source.text_path) if source.text_path is not None else ""
        if type(stat) is tuple and stat[0] == text_path:
            mtime_ns, size = stat[1], stat[2]
        else:
            try:
                st = os.stat(text_path) if text_path else None
            except OSError as exc:
                return ContentError(text_path, f"cannot read file: {exc.strerror or exc}")
            mtime_ns, size = (st.st_mtime_ns, st.st_size) if st else (0, 0)
        if known is not None and known[0] == text_path and known[2] == mtime_ns and known[3] == size:
            return None
        had_text = getattr(source, "_text", None) is not None
        source.forget_text()  # read the file as it is now, not a copy cached before it changed
        try:
            text = source.text()
        except ContentError as exc:
            return exc
        finally:
            self.stats["texts_read"] += 1
        import hashlib  # imported by the first text indexed, not at start-up (OpenSSL's module, ~4 ms)

        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        paragraphs = None
        if known is None or known[1] != digest:
            # headings keep their number but are never a passage to quote
            paragraphs = [(n, text) for n, text in enumerate(source.paragraphs(), 1) if source.is_body(n)]
        if not had_text:
            source.forget_text()  # 10,000 texts need not stay in memory after indexing
        from briefing.search.batch import Plan

        return Plan(source.id, text_path, digest, mtime_ns, size, paragraphs)

    # -- querying ----------------------------------------------------------------------
    @_one_at_a_time
    def search(self, text: str, limit: int = 50) -> list[Passage]:
        """Passages matching free text (terms ANDed, "quoted phrases", numbers as typed), best first.

        QueryRefused (plain words) for a query too long or with too many terms, or one still
        running after QUERY_TIME_LIMIT_S: every other search waits for this one's lock."""
        from briefing.search.query import check_length, parse

        check_length(text)
        query = parse(text)
        with _time_limit(self._conn):
            return self._run(query.fts(), query.phrases, limit)

    @_one_at_a_time
    def suggest(self, topic, limit: int = 30) -> list[Passage]:
        """Passages for a topic: any of its terms (each a phrase), BM25-ranked, specific phrases weighted up.

        The ranking is stored in the index until the passages change (``topic_cache``); only
        the returned rows' text is fetched and highlighted."""
        from briefing.search.query import topic_fts, topic_match_fts, topic_phrases

        expr = topic_fts(topic.terms)
        if expr is None or limit <= 0:
            return []
        with _time_limit(self._conn):
            hits, _ = topic_cache.ranked(self._conn, expr, topic_match_fts(topic.terms), min(int(limit), MAX_LIMIT))
        return self._passages(hits, [p for p, _ in topic_phrases(topic.terms)])

    @_one_at_a_time
    def count_suggestions(self, topic, time_limit: float | None = None) -> int:
        """How many passages a topic's terms find, under a time limit like every query
        (``QUERY_TIME_LIMIT_S``, or ``time_limit`` for a live count while the user types):
        QueryRefused when it runs over, so a very common term never holds the index lock long."""
        from briefing.search.query import topic_fts, topic_match_fts

        expr = topic_fts(topic.terms)
        if expr is None:
            return 0
        with _time_limit(self._conn, time_limit):
            return topic_cache.ranked(self._conn, expr, topic_match_fts(topic.terms), 0)[1]

    @_one_at_a_time
    def source_ids(self) -> list[str]:
        return [r[0] for r in self._conn.execute("SELECT source_id FROM sources ORDER BY source_id")]

    @_one_at_a_time
    def indexed_text_path(self, source_id: str) -> str | None:
        """The text file the index last read for ``source_id`` (None: not indexed)."""
        row = self._conn.execute("SELECT text_path FROM sources WHERE source_id = ?", (source_id,)).fetchone()
        return row[0] if row else None

    @_one_at_a_time
    def storage(self) -> IndexStorage:
        rankings = [(topic_cache.known_total(total), depth) for total, depth in
                    self._conn.execute("SELECT total, depth FROM topic_results ORDER BY key")]
        segments = self._conn.execute("SELECT count(DISTINCT segid) FROM passages_fts_idx").fetchone()[0]
        return IndexStorage(self._generation(), rankings, segments)

    @property
    def full_compares(self) -> int:
        """Full scans that compared every text file's row with the table (the others compared
        only what moved since the last scan; see scan.py)."""
        return self._scan.full_compares

    def _passages(self, hits: list[tuple[int, float]], phrases: list[Phrase]) -> list[Passage]:
        """Passages for (passage id, score) pairs: text fetched for just these rows, then highlighted."""
        if not hits:
            return []
        from briefing.search import highlight

        score = dict(hits)
        rows = self._conn.execute(
            f"SELECT id, source_id, paragraph, text FROM passages WHERE id IN ({','.join('?' * len(score))})",
            list(score),
        ).fetchall()
        out = []
        for pid, source_id, paragraph, text in rows:
            spans = highlight.find_spans(text, phrases)
            snip, snip_spans = highlight.snippet(text, spans)
            out.append(Passage(source_id, paragraph, text, score[pid], spans, snip, snip_spans))
        out.sort(key=lambda p: (-p.score, p.source_id, p.paragraph))
        return out

    def _run(self, expr: str | None, phrases: Iterable[Phrase], limit: int) -> list[Passage]:
        if expr is None or limit <= 0:
            return []
        from briefing.search import highlight

        phrases = list(phrases)
        limit = min(int(limit), MAX_LIMIT)
        rows = self._conn.execute(
            """
            SELECT p.source_id, p.paragraph, p.text, hit.rank
            FROM (SELECT rowid, bm25(passages_fts) AS rank FROM passages_fts
                  WHERE passages_fts MATCH ? ORDER BY rank LIMIT ?) AS hit
            JOIN passages AS p ON p.id = hit.rowid
            """,
            (expr, int(limit)),
        ).fetchall()
        out = []
        for source_id, paragraph, text, rank in rows:
            spans = highlight.find_spans(text, phrases)
            snip, snip_spans = highlight.snippet(text, spans)
            out.append(Passage(source_id, paragraph, text, -rank, spans, snip, snip_spans))
        out.sort(key=lambda p: (-p.score, p.source_id, p.paragraph))
        return out


@contextlib.contextmanager
def _time_limit(conn: sqlite3.Connection, seconds: float | None = None):
    """Interrupt the statements run inside after ``seconds`` (SQLite's progress handler) and
    refuse the query in plain words; the handler is removed again, so index writes never stop."""
    seconds = QUERY_TIME_LIMIT_S if seconds is None else seconds
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupt" not in str(exc).lower():
            raise
        raise QueryRefused(f"The search took longer than {seconds:g} seconds and was stopped. "
                           "Search for fewer or more distinctive words.") from None
    finally:
        conn.set_progress_handler(None, 0)


_FIRST = operator.itemgetter(0)
def _index_lock(target: str):
    """The cross-process lock for updates and rebuilds of the index file (none for :memory:)."""
    if target == ":memory:":
        return nullcontext()
    return file_lock(target + ".lock", timeout=LOCK_TIMEOUT_S, what="the search index")


def _busy(exc: sqlite3.DatabaseError) -> bool:
    """A lock held too long by another process is not damage: never delete the file for it."""
    return "locked" in str(exc).lower() or "busy" in str(exc).lower()


def _delete_db_files(target: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(target + suffix)
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("could not delete %s: %s", target + suffix, exc)
