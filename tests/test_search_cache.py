"""Stored topic rankings (served until the passages change) and the targeted update_sources."""

from __future__ import annotations

from pathlib import Path

from briefing.library import Library
from briefing.search import SearchIndex


def _lib(content: Path) -> Library:
    return Library.load(roots=[(content, "bundled")], cache_path=False)


def _stored(idx: SearchIndex) -> int:
    return len(idx.storage().rankings)


def test_suggestions_are_stored_and_served_until_a_source_changes(content_copy, tmp_path):
    lib = _lib(content_copy)
    path = tmp_path / "i.sqlite3"
    with SearchIndex.open(path) as idx:
        idx.update(lib, refresh_topics=False)
        topic = lib.topic("migration")
        first = idx.suggest(topic)
        count = idx.count_suggestions(topic)
        assert first and count >= len(first) and _stored(idx) == 1
    with SearchIndex.open(path) as idx:  # served from the file by a new handle: same answer
        again = idx.suggest(topic)
        assert [(h.source_id, h.paragraph, h.score, h.highlights) for h in again] == \
            [(h.source_id, h.paragraph, h.score, h.highlights) for h in first]
        assert idx.count_suggestions(topic) == count
    txt = content_copy / "sources" / "afp-blinken-colombia-visit.txt"
    txt.write_text(txt.read_text(encoding="utf-8") + "\n\nMore Venezuelans and Haitians and refugees arrived.\n",
                   encoding="utf-8")
    with SearchIndex.open(path) as idx:
        assert idx.update_sources(_lib(content_copy), ["afp-blinken-colombia-visit"]).indexed == 1
        assert idx.count_suggestions(topic) == count + 1  # the stale stored count is not served
        assert any("More Venezuelans" in h.text for h in idx.suggest(topic, limit=200))


def test_stat_only_change_keeps_stored_results(content_copy, tmp_path):
    import os
    import time

    lib = _lib(content_copy)
    with SearchIndex.open(tmp_path / "i.sqlite3") as idx:
        idx.update(lib)
        idx.count_suggestions(lib.topic("trade"))
        gen = idx.storage().generation
        txt = content_copy / "sources" / "us-colombia-action-plan-2012.txt"
        later = time.time() + 5
        os.utime(txt, (later, later))
        assert idx.update(_lib(content_copy)).indexed == 0
        assert idx.storage().generation == gen


def test_deeper_request_than_stored_recomputes(content_copy):
    lib = _lib(content_copy)
    with SearchIndex.open(":memory:") as idx:
        idx.update(lib)
        topic = lib.topic("peace-process")
        short = idx.suggest(topic, limit=3)
        full = idx.suggest(topic, limit=500)
        assert len(short) == 3 and len(full) == idx.count_suggestions(topic)
        assert [h.score for h in full[:3]] == [h.score for h in short]


def test_update_sources_reindexes_only_the_named_source(content_copy, tmp_path):
    with SearchIndex.open(tmp_path / "i.sqlite3") as idx:
        idx.update(_lib(content_copy))
        read = idx.stats["texts_read"]
        txt = content_copy / "sources" / "afp-blinken-colombia-visit.txt"
        txt.write_text(txt.read_text(encoding="utf-8") + "\n\nA zanzibarian postscript.\n", encoding="utf-8")
        result = idx.update_sources(_lib(content_copy), ["afp-blinken-colombia-visit"])
        assert (result.indexed, result.removed) == (1, 0)
        assert idx.stats["texts_read"] == read + 1
        [hit] = idx.search("zanzibarian")
        assert hit.source_id == "afp-blinken-colombia-visit"
        assert idx.update_sources(_lib(content_copy), ["afp-blinken-colombia-visit"]).indexed == 0


def test_update_sources_removes_an_id_gone_from_the_library(content_copy, tmp_path):
    with SearchIndex.open(tmp_path / "i.sqlite3") as idx:
        idx.update(_lib(content_copy))
        (content_copy / "sources" / "afp-blinken-colombia-visit.yaml").unlink()
        result = idx.update_sources(_lib(content_copy), ["afp-blinken-colombia-visit", "no-such-id"])
        assert result.removed == 1 and "afp-blinken-colombia-visit" not in idx.source_ids()


def test_full_update_reports_a_missing_text_file(content_copy, tmp_path):
    with SearchIndex.open(tmp_path / "i.sqlite3") as idx:
        idx.update(_lib(content_copy))
        lib = _lib(content_copy)
        (content_copy / "sources" / "afp-blinken-colombia-visit.txt").unlink()
        idx.update(lib)
        assert [Path(p.path).name for p in idx.problems] == ["afp-blinken-colombia-visit.txt"]


def test_one_index_shared_by_threads_takes_turns(tmp_path):
    """The GUI counts topics on a worker while its main thread searches: no interleaved transactions."""
    import threading

    from briefing.library import Library
    from briefing.search.index import SearchIndex

    library = Library.load(cache_path=False)
    index = SearchIndex.open(tmp_path / "idx.sqlite3")
    index.update(library)
    errors: list[BaseException] = []

    def hammer(work):
        try:
            for _ in range(120):
                work()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    def recount():
        index.update_sources(library, list(library.sources)[:1])  # bumps the generation: cold recount
        for topic in library.topics.values():
            index.count_suggestions(topic)

    threads = [threading.Thread(target=hammer, args=(recount,)),
               threading.Thread(target=hammer, args=(lambda: index.suggest(library.topic("migration")),)),
               threading.Thread(target=hammer, args=(lambda: index.search("Colombia"),))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    index.close()
    assert errors == []


def test_index_calls_wait_for_the_one_in_progress(tmp_path):
    import threading

    from briefing.library import Library
    from briefing.search.index import SearchIndex

    library = Library.load(cache_path=False)
    index = SearchIndex.open(tmp_path / "idx.sqlite3")
    index.update(library)
    results = []
    updating, release = threading.Event(), threading.Event()

    def held_progress(done: int, total: int) -> None:  # an update in progress on another thread
        updating.set()
        release.wait(5)

    updater = threading.Thread(target=lambda: index.update(library, held_progress))
    updater.start()
    assert updating.wait(5)
    worker = threading.Thread(target=lambda: results.append(index.search("Colombia")))
    worker.start()
    worker.join(0.3)
    assert worker.is_alive() and results == []  # it waited its turn
    release.set()
    worker.join(5)
    updater.join(5)
    assert results and results[0]
    index.close()


def test_full_scan_sees_another_handles_writes_and_moved_texts(content_copy, tmp_path):
    """update() keeps the sources table between scans; a write by another connection, or a text
    file that moved, must still be seen."""
    import shutil

    path = tmp_path / "i.sqlite3"
    sid = "afp-blinken-colombia-visit"
    with SearchIndex.open(path) as a, SearchIndex.open(path) as b:
        a.update(_lib(content_copy))
        assert a.update(_lib(content_copy)).indexed == 0  # served from the kept table
        txt = content_copy / "sources" / f"{sid}.txt"
        txt.write_text(txt.read_text(encoding="utf-8") + "\n\nA zanzibarian postscript.\n", encoding="utf-8")
        assert b.update_sources(_lib(content_copy), [sid]).indexed == 1  # the other handle writes
        assert a.update(_lib(content_copy)).indexed == 0 and a.stats["texts_read"] == 5  # nothing re-read
        # the text moves to another folder (same bytes, same mtime): the path differs, so it is looked at
        moved = content_copy / "elsewhere"
        moved.mkdir()
        shutil.copy2(txt, moved / txt.name)
        lib = _lib(content_copy)
        lib.sources[sid].text_path = moved / txt.name
        read = a.stats["texts_read"]
        result = a.update(lib)
        assert a.stats["texts_read"] == read + 1 and result.indexed == 0  # same content: stat row only
        assert a.indexed_text_path(sid) == str(moved / txt.name)
        assert a.update(lib).unchanged == 5 and a.stats["texts_read"] == read + 1


def test_update_refreshes_the_stored_topic_rankings_when_passages_change(content_copy, tmp_path):
    lib = _lib(content_copy)
    with SearchIndex.open(tmp_path / "i.sqlite3") as idx:
        idx.update(lib)
        assert _stored(idx) == len(lib.topics)
        assert idx.refresh_topics(lib.topics.values()) == 0  # all current: nothing recomputed
        topic = lib.topic("migration")
        stored = idx.suggest(topic)
        with SearchIndex.open(":memory:") as fresh:  # computed afresh, nothing stored yet
            fresh.update(lib, refresh_topics=False)
            assert [(h.source_id, h.paragraph, h.score) for h in fresh.suggest(topic)] == \
                [(h.source_id, h.paragraph, h.score) for h in stored]  # the refresh stored what suggest computes
        txt = content_copy / "sources" / "afp-blinken-colombia-visit.txt"
        txt.write_text(txt.read_text(encoding="utf-8") + "\n\nMore Venezuelans arrived.\n", encoding="utf-8")
        idx.update(_lib(content_copy))
        assert idx.refresh_topics(lib.topics.values()) == 0  # update() already refreshed them
        assert any("More Venezuelans" in h.text for h in idx.suggest(topic, limit=100))
        assert idx.update(_lib(content_copy)).indexed == 0


def test_repeated_full_scans_of_one_library_object_see_every_change(content_copy, tmp_path):
    """The GUI scans the same Library object again and again: after the first full comparison each
    scan compares rows position by position with the last one; edits, a vanished file, its return
    and a path set in place on a Source must all still be seen."""
    import shutil

    lib = _lib(content_copy)
    sid = "afp-blinken-colombia-visit"
    txt = content_copy / "sources" / f"{sid}.txt"
    with SearchIndex.open(tmp_path / "i.sqlite3") as idx:
        idx.update(lib)
        assert idx.update(lib).indexed == 0
        txt.write_text(txt.read_text(encoding="utf-8") + "\n\nA zanzibarian postscript.\n", encoding="utf-8")
        assert idx.update(lib).indexed == 1 and [h.source_id for h in idx.search("zanzibarian")] == [sid]
        assert idx.full_compares == 1  # only the first scan compared every row
        saved = txt.read_bytes()
        txt.unlink()
        for _ in range(2):  # reported on every scan while it is missing (its passages are dropped)
            idx.update(lib)
            assert [Path(p.path).name for p in idx.problems] == [txt.name]
            assert not idx.search("zanzibarian")
        txt.write_bytes(saved)
        assert idx.update(lib).indexed == 1 and idx.problems == [] and idx.search("zanzibarian")
        moved = content_copy / "elsewhere"
        moved.mkdir()
        shutil.copy2(txt, moved / txt.name)
        lib.sources[sid].text_path = moved / txt.name  # the same Source object, a new path
        read = idx.stats["texts_read"]
        assert idx.update(lib).indexed == 0 and idx.stats["texts_read"] == read + 1
        assert idx.full_compares == 2  # a path was set: the files are grouped and compared afresh
        assert idx.indexed_text_path(sid) == str(moved / txt.name)
        (moved / txt.name).write_text("Only a zanzibarian line now.\n", encoding="utf-8")
        assert idx.update(lib).indexed == 1 and [h.paragraph for h in idx.search("zanzibarian")] == [1]
        assert idx.update_sources(lib, [sid]).indexed == 0  # a targeted update: the next scan compares in full
        assert idx.update(lib).indexed == 0 and idx.full_compares == 3


def test_a_suggestion_does_not_count_and_the_count_comes_when_asked(content_copy, monkeypatch):
    """suggest() needs only the ranking; the count (a second MATCH) is made on the first
    count_suggestions() and stored beside the ranking, which is kept."""
    from briefing.search import topic_cache

    monkeypatch.setattr(topic_cache, "DEPTH", 2)  # fewer than the topic's matches: the total is not free
    lib = _lib(content_copy)
    topic = lib.topic("migration")
    with SearchIndex.open(":memory:") as idx:
        idx.update(lib, refresh_topics=False)
        with SearchIndex.open(":memory:") as other:
            other.update(lib, refresh_topics=False)
            matching = other.count_suggestions(topic)
        assert matching > 2
        first = idx.suggest(topic, limit=2)
        assert idx.storage().rankings == [(None, 2)]  # ranked, not counted
        assert idx.count_suggestions(topic) == matching
        assert idx.storage().rankings == [(matching, 2)]
        assert [(h.source_id, h.paragraph, h.score) for h in idx.suggest(topic, limit=2)] == \
            [(h.source_id, h.paragraph, h.score) for h in first]
        assert len(idx.suggest(topic, limit=matching + 5)) == matching  # deeper: recomputed, count kept
        assert idx.storage().rankings == [(matching, matching + 5)]
        txt = content_copy / "sources" / "afp-blinken-colombia-visit.txt"  # passages change, not the topic's
        txt.write_text(txt.read_text(encoding="utf-8") + "\n\nA zanzibarian postscript.\n", encoding="utf-8")
        idx.update_sources(_lib(content_copy), ["afp-blinken-colombia-visit"])
        idx.refresh_topics([topic])  # the background refresh stores both, so the topic list is served too
        assert idx.storage().rankings == [(matching, 2)]


def _segments(idx: SearchIndex) -> int:
    return idx.storage().fts_segments


def test_fts_segments_stay_few_across_edits(content_copy, tmp_path):
    """Every MATCH looks its terms up in every FTS5 segment: a first index is optimized into one,
    and the small segment each later write adds is merged before many pile up (FTS5 alone lets
    ~15 gather).  Rankings do not depend on it."""
    lib = _lib(content_copy)
    topic = lib.topic("migration")
    sid = "afp-blinken-colombia-visit"
    txt = content_copy / "sources" / f"{sid}.txt"
    base = txt.read_text(encoding="utf-8")
    with SearchIndex.open(tmp_path / "i.sqlite3") as idx:
        idx.update(lib)
        assert _segments(idx) == 1
        before = [(h.source_id, h.paragraph, h.score) for h in idx.suggest(topic)]
        most = 0
        for k in range(20):
            txt.write_text(base + f"\n\nA zanzibarian postscript, number {k}.\n", encoding="utf-8")
            assert idx.update_sources(lib, [sid]).indexed == 1
            most = max(most, _segments(idx))
        assert most <= 6
        txt.write_text(base, encoding="utf-8")
        idx.update_sources(lib, [sid])
        assert [(h.source_id, h.paragraph, h.score) for h in idx.suggest(topic)] == before
