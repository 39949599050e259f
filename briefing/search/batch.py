"""The search index's writes: one batch of ``SearchIndex.update()`` per SQLite transaction,
and the FTS5 tidy that ends an update (see index.py for the tables)."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.search import topic_cache
from briefing.search.normalize import index_form
from briefing.sqlitedb import sqlite3


@dataclass
class Plan:
    source_id: str
    text_path: str
    content_hash: str
    mtime_ns: int
    size: int
    paragraphs: list[tuple[int, str]] | None  # (number, text) of body blocks; None: only the stat row changes


def write_batch(conn: sqlite3.Connection, drop: list[str], plans: list[Plan], tidy: int | None = None) -> None:
    """One batch's changes in one transaction: a crash or a second process never sees half a batch.

    ``tidy``: passages inserted by the whole update, given with its last batch (``tidy_fts``)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        reindex = [p for p in plans if p.paragraphs is not None]
        # Delete before insert, inside the lock: a concurrent updater cannot leave duplicates.
        for source_id in drop + [p.source_id for p in reindex]:
            conn.execute(
                "DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE source_id = ?)",
                (source_id,),
            )
            conn.execute("DELETE FROM passages WHERE source_id = ?", (source_id,))
        conn.executemany("DELETE FROM sources WHERE source_id = ?", [(s,) for s in drop])
        if drop or reindex:
            conn.execute(topic_cache.BUMP_GENERATION)  # stored topic results are now stale
        next_id = (conn.execute("SELECT max(id) FROM passages").fetchone()[0] or 0) + 1
        rows = []
        for plan in reindex:
            for number, text in plan.paragraphs:
                rows.append((next_id, plan.source_id, number, text))
                next_id += 1
        conn.executemany("INSERT INTO passages(id, source_id, paragraph, text) VALUES (?, ?, ?, ?)", rows)
        conn.executemany(
            "INSERT INTO passages_fts(rowid, body) VALUES (?, ?)", ((r[0], index_form(r[3])) for r in rows)
        )
        conn.executemany(
            "INSERT OR REPLACE INTO sources(source_id, text_path, content_hash, mtime_ns, size, paragraphs)"
            " VALUES (?, ?, ?, ?, ?, coalesce(?, (SELECT paragraphs FROM sources WHERE source_id = ?), 0))",
            [
                (p.source_id, p.text_path, p.content_hash, p.mtime_ns, p.size,
                 None if p.paragraphs is None else len(p.paragraphs), p.source_id)
                for p in plans
            ],
        )
        if tidy is not None:
            tidy_fts(conn, tidy, next_id - 1)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


OPTIMIZE_SHARE = 0.25  # a write that inserts this share of the passages (a first index) merges them all
MERGE_PAGES = 16  # after any other write, FTS5 merge work of up to this many pages


def tidy_fts(conn: sqlite3.Connection, inserted: int, top_id: int) -> None:
    """Keep FTS5's segments few: every MATCH looks each phrase's terms up in every segment.

    A first index leaves ~6 segments and each later write adds a small one, which FTS5 merges
    only once per 64 pages written (~15 can pile up).  On the 10,000-source fixture a topic's
    bm25 ranking took ~5.9 ms optimized, ~6.5 ms as first built and 8-9 ms after a few dozen
    edits.  So a write that inserts a quarter of the passages ends with 'optimize' (~0.6 s for
    80,000, once) and any other with a small 'merge' (a no-op unless a level holds 4+ segments;
    over 400 single-source edits ranking stayed ~7.2 ms instead of ~8.2, no write over ~30 ms).
    Rows, rowids and scores are unchanged."""
    if inserted and inserted >= OPTIMIZE_SHARE * top_id:  # the largest id is at least the row count
        conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('optimize')")
    else:
        conn.execute("INSERT INTO passages_fts(passages_fts, rank) VALUES ('merge', ?)", (MERGE_PAGES,))
