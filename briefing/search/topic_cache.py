"""Persisted topic suggestions: each topic's ranked passage ids, scores and match count.

Why: topics are fixed and the library changes rarely, but the GUI asks for every topic's
count at start-up and ranking a topic (an OR of 10-25 phrases, BM25 over every match) is
the slowest query the app makes.  A result is stored under a hash of the topic's MATCH
expression (its terms and weights) together with the index *generation*, a counter that
every write changing passage rows bumps in the same transaction; a stored result from an
older generation is never served, it is recomputed.

Table: topic_results(key, generation, total, depth, hits)
  hits = JSON [[passage id, score], ...] best first, ``depth`` rows deep (0: count only).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3

log = logging.getLogger(__name__)

RANKING_VERSION = 1  # bump when the ranking SQL changes: old stored results stop matching
DEPTH = 100  # rows kept per topic: suggest(limit=30) and assemble's over-fetch are served from it
STORE_BUSY_MS = 50  # a cache write never waits long for another process's write lock

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
    return hashlib.sha256(f"{RANKING_VERSION}\0{expr}".encode("utf-8")).hexdigest()


def ranked(conn: sqlite3.Connection, expr: str, count_expr: str, need: int, report: bool = False):
    """(best ``need`` (passage id, score) pairs, total matches); from the store when still valid.

    ``need == 0`` asks for the count only; ``count_expr`` matches the same passages as
    ``expr`` without the repeated (weighting) phrases, so counting is cheaper.  With
    ``report`` a third item says whether it was recomputed (1) or served from the store (0)."""
    key = _key(expr)
    row = conn.execute(
        "SELECT t.total, t.depth, t.hits FROM topic_results AS t, meta AS m"
        " WHERE t.key = ? AND m.key = 'generation' AND t.generation = m.value",
        (key,),
    ).fetchone()
    if row is not None:
        total, depth, hits = row
        if need <= depth or depth >= total:
            if report:
                return None, total, 0
            return [tuple(h) for h in json.loads(hits)[:need]], total
    # Recompute inside one read transaction, so the generation stored is the one the rows came from.
    depth = max(need, DEPTH) if need else 0
    in_tx = conn.in_transaction
    if not in_tx:
        conn.execute("BEGIN")
    try:
        gen = generation(conn)
        hits = [(r[0], -r[1]) for r in conn.execute(_RANK_SQL, (expr, depth))] if depth else []
        total = row[0] if row is not None else conn.execute(_COUNT_SQL, (count_expr,)).fetchone()[0]
    finally:
        if not in_tx:
            conn.execute("COMMIT")
    _store(conn, key, gen, total, depth, hits)
    if report:
        return hits[:need], total, 1
    return hits[:need], total


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
                (key, gen, total, depth, json.dumps(hits), gen),
            )
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(busy)}")
    except sqlite3.OperationalError as exc:
        log.debug("topic result not stored: %s", exc)
