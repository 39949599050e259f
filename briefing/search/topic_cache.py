"""Persisted topic suggestions: each topic's ranked passage ids, scores and match count.

Why: topics are fixed and the library changes rarely, but the GUI asks for every topic's
count at start-up and ranking a topic (an OR of 10-25 phrases, BM25 over every match) is
the slowest query the app makes.  A result is stored under a hash of the topic's MATCH
expression (its terms and weights) together with the index *generation*, a counter that
every write changing passage rows bumps in the same transaction; a stored result from an
older generation is never served, it is recomputed.

Table: topic_results(key, generation, total, depth, hits)
  hits = (passage id, score) pairs best first, ``depth`` rows deep (0: count only), packed (_pack);
  total = the number of matching passages, or UNCOUNTED: a suggestion does not need the count
  (a separate MATCH, 0.5-1.8 ms of a cold suggestion), the topic list asks for it separately.
"""

from __future__ import annotations

import struct
import logging

from briefing.sqlitedb import sqlite3

log = logging.getLogger(__name__)

RANKING_VERSION = 2  # bump when the ranking SQL or what is stored changes: old stored results stop matching
# (2: a total may be UNCOUNTED, hits are packed)
DEPTH = 100  # rows kept per topic: suggest(limit=30) and assemble's over-fetch are served from it
STORE_BUSY_MS = 50  # a cache write never waits long for another process's write lock
UNCOUNTED = -1  # stored total of a ranking computed for suggest(): counted when first asked for

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta(key, value) VALUES ('generation', 0);
CREATE TABLE IF NOT EXISTS topic_results(
    key TEXT PRIMARY KEY,
    generation INTEGER NOT NULL,
    total INTEGER NOT NULL,
    depth INTEGER NOT NULL,
    hits TEXT NOT NULL
);
"""

BUMP_GENERATION = "UPDATE meta SET value = value + 1 WHERE key = 'generation'"
_RANK_SQL = (
    "SELECT rowid, bm25(passages_fts) FROM passages_fts WHERE passages_fts MATCH ? "
    "ORDER BY bm25(passages_fts) LIMIT ?"
)
_COUNT_SQL = "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?"


def generation(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0]


def _key(expr: str) -> str:
    import hashlib  # on the first ranking looked up, not at start-up (OpenSSL's module, ~4 ms)

    return hashlib.sha256(f"{RANKING_VERSION}\0{expr}".encode("utf-8")).hexdigest()


def ranked(conn: sqlite3.Connection, expr: str, count_expr: str, need: int, report: bool = False,
           counted: bool = False):
    """(best ``need`` (passage id, score) pairs, total matches); from the store when still valid.

    ``need == 0`` asks for the count only.  A ranking asked for without ``counted`` does not
    count: the total is stored as ``UNCOUNTED`` (unless the ranking holds every match) and
    returned as None, and the first ``need == 0`` call counts and stores it.  ``count_expr``
    matches the same passages as ``expr`` without the repeated (weighting) phrases, so counting
    is cheaper.  With ``report`` a third item says whether anything was recomputed (1) or all
    was served from the store (0)."""
    key = _key(expr)
    want_total = counted or need == 0
    row = conn.execute(
        "SELECT t.total, t.depth, t.hits, t.generation FROM topic_results AS t, meta AS m"
        " WHERE t.key = ? AND m.key = 'generation' AND t.generation = m.value",
        (key,),
    ).fetchone()
    if row is not None:
        total, depth, hits, _ = row
        if _serves(total, depth, need, want_total):
            if report:
                return None, known_total(total), 0
            return _unpack(hits)[:need], known_total(total)
    # Recompute what is missing inside one read transaction, so the generation stored is the one
    # the rows came from (a stored part is reused only if it is from that generation too).
    in_tx = conn.in_transaction
    if not in_tx:
        conn.execute("BEGIN")
    try:
        gen = generation(conn)
        if row is not None and row[3] != gen:
            row = None
        total, depth, hits = (row[0], row[1], None) if row is not None else (UNCOUNTED, 0, [])
        if need and (row is None or not _serves(total, depth, need, False)):
            depth = max(need, DEPTH)
            hits = [(r[0], -r[1]) for r in conn.execute(_RANK_SQL, (expr, depth))]
            if len(hits) < depth:
                total = len(hits)  # every match is in the ranking: counted for free
        if total == UNCOUNTED and want_total:
            total = conn.execute(_COUNT_SQL, (count_expr,)).fetchone()[0]
    finally:
        if not in_tx:
            conn.execute("COMMIT")
    if hits is None:  # only the count was missing: keep the stored ranking
        hits = _unpack(row[2])
    _store(conn, key, gen, total, depth, hits)
    if report:
        return hits[:need], known_total(total), 1
    return hits[:need], known_total(total)


def _serves(total: int, depth: int, need: int, want_total: bool) -> bool:
    """Whether a stored (total, depth) answers a call for ``need`` rows (and the total if wanted)."""
    if want_total and total == UNCOUNTED:
        return False
    return need <= depth or (total != UNCOUNTED and depth >= total)


def known_total(total: int) -> int | None:
    """A stored total as callers see it: None while it is ``UNCOUNTED``."""
    return None if total == UNCOUNTED else total



def _pack(hits: list[tuple[int, float]]) -> bytes:
    """n passage ids (int64) then their n scores (float64), little-endian: exact, and ~10x quicker
    to write and read than the JSON it replaced (0.08 + 0.05 ms for 100 hits)."""
    n = len(hits)
    return struct.pack(f"<{n}q{n}d", *(h[0] for h in hits), *(h[1] for h in hits))


def _unpack(blob: bytes) -> list[tuple[int, float]]:
    n = len(blob) // 16
    values = struct.unpack(f"<{n}q{n}d", blob)
    return list(zip(values[:n], values[n:]))


def _store(conn: sqlite3.Connection, key: str, gen: int, total: int, depth: int, hits) -> None:
    """Best effort: a read-only file or a busy writer only means the next call recomputes."""
    if conn.in_transaction:
        return
    try:
        busy = conn.execute("PRAGMA busy_timeout").fetchone()[0]
        conn.execute(f"PRAGMA busy_timeout = {STORE_BUSY_MS}")
        try:
            conn.execute(
                "INSERT OR REPLACE INTO topic_results(key, generation, total, depth, hits)"
                " SELECT ?, ?, ?, ?, ? WHERE (SELECT value FROM meta WHERE key = 'generation') = ?",
                (key, gen, total, depth, _pack(hits), gen),
            )
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(busy)}")
    except sqlite3.OperationalError as exc:
        log.debug("topic result not stored: %s", exc)
