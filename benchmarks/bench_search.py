"""Library loading, indexing and search over synthetic libraries of 1,000 and 10,000 sources.

Measured in this process (the index is SQLite in C; Python overhead is what we tune), with
``BRIEFING_BOOK_HOME`` in a temporary directory.  Alongside each query median the same
query's bare SQL (the FTS5 ``MATCH ... ORDER BY bm25 LIMIT n`` alone) is timed in the
same run, so the ratio shows what the Python side adds.
"""

from __future__ import annotations

import gc
import shutil
import statistics
import time
from pathlib import Path

from benchmarks.common import isolated_home, library_root, median_time, timed
from briefing import paths
from briefing.library import Library
from briefing.search import SearchIndex
from briefing.search.query import parse, topic_fts, topic_match_fts

QUERIES = [  # what a staffer types: places, numbers as typed, phrases, prefixes, alternatives
    "Nariño", "11,000", "$8 billion", "1.3 million", "police accountability", '"peace process"',
    "extradit*", "Haitians OR Venezuelans", "coca cultivation Cauca", "Trade Promotion Agreement",
]
COMMON_QUERIES = ["security", "government policy"]  # Zipf ranks 3, 9 and 16: dense worst case, outside the median


def _roots(n: int) -> list[tuple[Path, str]]:
    return [(paths.CONTENT_DIR, "bundled"), (library_root(n), "user")]


def _sql_floor(idx: SearchIndex, expr: str, limit: int) -> None:
    idx._conn.execute(
        "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY bm25(passages_fts) LIMIT ?",
        (expr, limit),
    ).fetchall()


def run(quick: bool = False) -> dict:
    runs = 3 if quick else 7
    index_runs = 1 if quick else 3
    results: dict = {}
    for n in (1000, 10000):
        library_root(n)  # generate outside any timing
    with isolated_home() as home:
        # -- library load: cold (no metadata cache) vs warm ---------------------------------
        for n in (1000, 10000):
            cache = home / f"meta-{n}.json"
            cold = []
            for _ in range(1 if quick else 3):
                cache.unlink(missing_ok=True)
                cold.append(timed(lambda: Library.load(roots=_roots(n), cache_path=cache))[0])
            warm, _ = median_time(lambda: Library.load(roots=_roots(n), cache_path=cache), runs)
            results[f"load_cold_{n}"] = statistics.median(cold)
            results[f"load_warm_{n}"] = warm

        # -- indexing n new sources, including reading them ----------------------------------
        lib10 = Library.load(roots=_roots(10000), cache_path=home / "meta-10000.json")
        for n in (1000, 10000):
            lib = lib10 if n == 10000 else Library.load(roots=_roots(n), cache_path=home / f"meta-{n}.json")
            times = []
            for r in range(index_runs):
                db = home / f"index-{n}-{r}.sqlite3"
                for s in lib.sources.values():
                    s.forget_text()

                def build():
                    with SearchIndex.open(db) as idx:
                        return idx.update(lib)

                t, res = timed(build)
                assert res.indexed == len(lib.sources), res
                times.append(t)
                if r:
                    for suffix in ("", "-wal", "-shm"):
                        Path(str(db) + suffix).unlink(missing_ok=True)
            results[f"index_{n}"] = statistics.median(times)
        db = home / "index-10000-0.sqlite3"

        # -- unchanged library: nothing read, nothing re-indexed ---------------------------
        def reopen_unchanged():
            lib = Library.load(roots=_roots(10000), cache_path=home / "meta-10000.json")
            with SearchIndex.open(db) as idx:
                res = idx.update(lib)
                return res, idx.stats["texts_read"]

        t_unch, _ = median_time(reopen_unchanged, runs)
        res, read = reopen_unchanged()
        results["reopen_unchanged_10000"] = t_unch
        results["reopen_unchanged_reads"] = (res.indexed, read)

        # -- one changed source among 10,000: update() stats all, re-reads and re-indexes one --
        user = home / "edited"
        (user / "sources").mkdir(parents=True)
        src = library_root(10000) / "sources"
        for ext in ("yaml", "txt"):
            shutil.copy(src / f"synthetic-00042.{ext}", user / "sources" / f"synthetic-00042.{ext}")
        roots = _roots(10000) + [(user, "user")]
        lib = Library.load(roots=roots, cache_path=home / "meta-edit.json")
        idx = SearchIndex.open(db)
        idx.update(lib)
        # as ``briefing.gui.app.run`` does once the window is up: what start-up built (the library,
        # the index handle) is frozen out of later collections, and the index thread's update() and
        # every search run in that process; unfrozen at the end
        gc.freeze()
        txt = user / "sources" / "synthetic-00042.txt"
        base = txt.read_text(encoding="utf-8")
        changed, refreshed, first_suggest = [], [], []
        topic0 = next(iter(lib.topics.values()))
        for k in range(runs + 1):
            # the re-index alone (refresh_topics=False), then what the GUI's background job runs
            # (update() also re-ranks the library's topics), then the user's first suggestion after it
            txt.write_text(base + f"\n\nA postscript number {k}, zanzibarian.\n", encoding="utf-8")
            t, res = timed(lambda: idx.update(lib, refresh_topics=False))
            assert res.indexed == 1, res
            txt.write_text(base + f"\n\nA postscript number {k}b, zanzibarian.\n", encoding="utf-8")
            t2, res = timed(lambda: idx.update(lib))
            assert res.indexed == 1, res
            t3, _ = timed(lambda: idx.suggest(topic0))
            if k:
                changed.append(t)
                refreshed.append(t2)
                first_suggest.append(t3)
        results["reindex_one_10000"] = statistics.median(changed)
        results["reindex_one_refresh_10000"] = statistics.median(refreshed)
        results["suggest_after_update"] = statistics.median(first_suggest)
        # the floor of a full scan on this machine: one stat per text file, and the sources rows
        import os
        text_files = [str(s.text_path) for s in lib.sources.values() if s.text_path is not None]
        results["scan_floor_stat"], _ = median_time(lambda: [os.stat(f) for f in text_files], runs)
        results["scan_floor_rows"], _ = median_time(
            lambda: idx._conn.execute("SELECT source_id, text_path, mtime_ns, size FROM sources").fetchall(), runs)
        assert idx.search("zanzibarian")
        targeted = []
        for k in range(runs + 1):  # what the app does after saving or importing one source
            txt.write_text(base + f"\n\nA second postscript number {k}, zanzibarian.\n", encoding="utf-8")
            t, res = timed(lambda: idx.update_sources(lib, ["synthetic-00042"]))
            assert res.indexed == 1, res
            if k:
                targeted.append(t)
        results["reindex_one_targeted_10000"] = statistics.median(targeted)
        total = idx._conn.execute("SELECT count(*) FROM passages").fetchone()[0]

        def matching(expr: str) -> int:
            return idx._conn.execute("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?", (expr,)).fetchone()[0]

        # -- queries: free text and topic suggestions, with the bare SQL beside them -------
        per_query, returned = {}, {}
        for q in QUERIES + COMMON_QUERIES:
            expr = parse(q).fts()
            full, _ = median_time(lambda: idx.search(q), runs)
            floor, _ = median_time(lambda: _sql_floor(idx, expr, 50), runs)
            per_query[q] = (full, floor, matching(expr) / total)
            returned[q] = len(idx.search(q))
        results["search_queries"] = per_query
        results["search_rows_returned"] = returned  # rows each search returns (highlighted, with a snippet)
        results["search_median"] = statistics.median(v[0] for q, v in per_query.items() if q in QUERIES)
        results["search_sql_median"] = statistics.median(v[1] for q, v in per_query.items() if q in QUERIES)
        # Topic suggestions are stored in the index until the passages change: "cold" is the
        # first call after a change (each timed call follows a generation bump, as after an
        # edit), "warm" a call served from the stored ranking.
        def invalidate():
            idx._conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")

        def cold(fn):
            times = []
            for _ in range(runs):
                invalidate()
                times.append(timed(fn)[0])
            return statistics.median(times)

        per_topic = {}
        for topic in lib.topics.values():
            expr = topic_fts(topic.terms)
            cold_suggest = cold(lambda: idx.suggest(topic))
            cold_count = cold(lambda: idx.count_suggestions(topic))
            warm, _ = median_time(lambda: idx.suggest(topic), runs)
            warm_count, _ = median_time(lambda: idx.count_suggestions(topic), runs)
            floor, _ = median_time(lambda: _sql_floor(idx, expr, 30), runs)
            count = idx.count_suggestions(topic)
            assert count == matching(topic_match_fts(topic.terms))
            per_topic[topic.id] = {"cold": cold_suggest, "warm": warm, "cold_count": cold_count,
                                   "warm_count": warm_count, "sql": floor, "count": count, "share": count / total}
        results["suggest_topics"] = per_topic
        for name in ("cold", "warm", "cold_count", "warm_count", "sql"):
            results[f"suggest_{name}_median"] = statistics.median(v[name] for v in per_topic.values())

        def all_counts():  # what the GUI asks at start-up: every topic's count
            return [idx.count_suggestions(t) for t in lib.topics.values()]
        results["all_counts_warm"], _ = median_time(all_counts, runs)
        results["all_counts_cold"] = cold(all_counts)
        results["passages_10000"] = idx._conn.execute("SELECT count(*) FROM passages").fetchone()[0]
        idx.close()
        gc.unfreeze()
    return results


if __name__ == "__main__":
    import json
    import sys

    t0 = time.perf_counter()
    print(json.dumps(run("--quick" in sys.argv), indent=1, default=str))
    print(f"({time.perf_counter() - t0:.0f} s)")
