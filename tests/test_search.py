"""Search and topic suggestions over the real bundled library, plus the index's incremental update."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from briefing import paths
from briefing.library import Library
from briefing.search import SearchIndex
from briefing.search.query import parse

TRAINING_SOURCE = "colombia-us-security-partnership"


@pytest.fixture(scope="module")
def bundled():
    lib = Library.load(roots=[(paths.CONTENT_DIR, "bundled")], cache_path=False)
    assert not lib.problems, lib.problems
    idx = SearchIndex.open(":memory:")
    idx.update(lib)
    yield lib, idx
    idx.close()


def _writable(content: Path) -> Library:
    return Library.load(roots=[(content, "bundled")], cache_path=False)


def _add_source(content: Path, source_id: str, text: str) -> None:
    (content / "sources" / f"{source_id}.yaml").write_text(f"id: {source_id}\nkind: other\n", encoding="utf-8")
    (content / "sources" / f"{source_id}.txt").write_text(text, encoding="utf-8")


# -- topics -----------------------------------------------------------------------------
def test_training_topic_ranks_the_11000_officers_passage_first(bundled):
    lib, idx = bundled
    hits = idx.suggest(lib.topic("training"))
    assert hits[0].source_id == TRAINING_SOURCE
    assert "trained more than 11,000 police and military officers" in hits[0].text
    spans = [hits[0].text[s:e] for s, e in hits[0].highlights]
    assert "trained more than 11,000" in spans


def test_extradition_suggestions_come_from_three_sources(bundled):
    lib, idx = bundled
    hits = idx.suggest(lib.topic("extradition"))
    assert len({h.source_id for h in hits}) >= 3
    assert any("extradited" in h.text for h in hits)


def test_migration_finds_venezuelans_and_haitians(bundled):
    lib, idx = bundled
    texts = [h.text for h in idx.suggest(lib.topic("migration"))]
    assert any("1.3 million migrants from nearby Venezuela" in t for t in texts)
    assert any("Haitians" in t and "cross Colombia" in t for t in texts)


def test_every_topic_finds_passages_ranked_best_first(bundled):
    lib, idx = bundled
    assert len(lib.topics) >= 10
    for topic in lib.topics.values():
        hits = idx.suggest(topic, limit=5)
        assert hits, topic.id
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert idx.count_suggestions(topic) >= len(hits)
        assert all(h.highlights for h in hits), topic.id


def test_suggestions_are_exact_source_paragraphs(bundled):
    lib, idx = bundled
    for hit in idx.suggest(lib.topic("plan-colombia")):
        assert lib.source(hit.source_id).paragraphs()[hit.paragraph - 1] == hit.text


# -- free-text search ---------------------------------------------------------------------
def test_accent_insensitive_narino(bundled):
    _, idx = bundled
    hits = idx.search("Narino")
    assert any("Casa de Narino" in h.text for h in hits)
    assert any("Casa de Narino" in h.text for h in idx.search("Nariño"))


def test_accents_both_ways_on_synthetic_text(content_copy, tmp_path):
    _add_source(content_copy, "synthetic-narino", "The governor of Nariño spoke.\n\nNothing here.\n")
    idx = SearchIndex.open(tmp_path / "i.sqlite3")
    idx.update(_writable(content_copy))
    hits = [h for h in idx.search("Narino") if h.source_id == "synthetic-narino"]
    assert len(hits) == 1 and hits[0].paragraph == 1
    assert [hits[0].text[s:e] for s, e in hits[0].highlights] == ["Nariño"]
    found = {h.source_id for h in idx.search("NARIÑO")}
    assert {"synthetic-narino", "afp-blinken-colombia-visit"} <= found
    idx.close()


@pytest.mark.parametrize("query", ["11,000", "11000", "trained 11,000 officers"])
def test_numbers_as_typed_find_the_training_passage(bundled, query):
    _, idx = bundled
    hits = idx.search(query)
    assert hits and hits[0].source_id == TRAINING_SOURCE
    assert "11,000" in [hits[0].text[s:e] for s, e in hits[0].highlights]


def test_dollar_billion_and_decimal_million(bundled):
    _, idx = bundled
    plan = idx.search("$8 billion")
    assert plan and "$8 billion through Plan Colombia" in plan[0].text
    assert "$8 billion" in [plan[0].text[s:e] for s, e in plan[0].highlights]
    migrants = idx.search("1.3 million")
    assert migrants and "1.3 million migrants" in migrants[0].text
    assert idx.search("1.4 million") == []


def test_quoted_phrase_is_a_phrase(bundled):
    _, idx = bundled
    phrase = idx.search('"police and military officers"')
    assert [h.source_id for h in phrase] == [TRAINING_SOURCE]
    # the same words unquoted (ANDed) match more paragraphs than the phrase
    assert len(idx.search("police military officers")) >= len(phrase)
    assert idx.search('"officers military police"') == []


def test_or_prefix_and_exclusion(bundled):
    _, idx = bundled
    both = {h.paragraph for h in idx.search("Haitians OR Venezuelans")}
    assert len(both) >= 3
    assert any("extradited" in h.text for h in idx.search("extradit*"))
    assert all("trafficking" not in h.text.lower() for h in idx.search("drug -trafficking"))


@pytest.mark.parametrize(
    "garbage",
    ['"(((', "AND OR NOT *", "***", '"', "", "   ", "NEAR(a b)", "col:umn", "^x", "a\"b\"c\"", ")(", "-", "OR",
     "NOT police", "'; DROP TABLE passages; --", "\x00", "\u200b"],
)
def test_garbage_never_raises(bundled, garbage):
    _, idx = bundled
    assert isinstance(idx.search(garbage), list)


def test_all_punctuation_returns_nothing(bundled):
    _, idx = bundled
    assert idx.search('"((( ))) *** ,,, ...') == []
    assert parse("AND OR NOT *").fts() is None


def test_snippet_spans_point_at_the_same_words(bundled):
    _, idx = bundled
    for query in ["11,000", "Plan Colombia", "Haitians", "extradition"]:
        for hit in idx.search(query):
            assert len(hit.snippet.split()) <= 32
            marked = [hit.snippet[s:e].lower() for s, e in hit.snippet_highlights]
            assert marked, (query, hit.snippet)
            assert set(marked) <= {hit.text[s:e].lower() for s, e in hit.highlights}


# -- incremental updates ------------------------------------------------------------------
def test_unchanged_library_reads_nothing_on_second_start(isolated_home):
    lib = Library.load()
    first = SearchIndex.open()
    result = first.update(lib)
    assert result.indexed == 5 and first.stats["texts_read"] == 5
    first.close()
    second = SearchIndex.open()
    result = second.update(Library.load())
    assert second.stats["texts_read"] == 0
    assert second.stats["sources_indexed"] == 0
    assert (result.indexed, result.removed, result.unchanged) == (0, 0, 5)
    assert second.search("11,000")
    second.close()


def test_editing_one_source_reindexes_only_it(content_copy, tmp_path):
    path = tmp_path / "i.sqlite3"
    with SearchIndex.open(path) as idx:
        idx.update(_writable(content_copy))
    txt = content_copy / "sources" / "afp-blinken-colombia-visit.txt"
    txt.write_text(txt.read_text(encoding="utf-8") + "\n\nA zanzibarian postscript.\n", encoding="utf-8")
    with SearchIndex.open(path) as idx:
        result = idx.update(_writable(content_copy))
        assert idx.stats["texts_read"] == 1
        assert idx.stats["sources_indexed"] == 1 and result.indexed == 1 and result.unchanged == 4
        [hit] = idx.search("zanzibarian")
        assert hit.source_id == "afp-blinken-colombia-visit"
        assert len(idx.search("Blinken")) == len({(h.source_id, h.paragraph) for h in idx.search("Blinken")})


def test_touched_but_identical_text_is_read_not_reindexed(content_copy, tmp_path):
    path = tmp_path / "i.sqlite3"
    with SearchIndex.open(path) as idx:
        idx.update(_writable(content_copy))
    txt = content_copy / "sources" / "us-colombia-action-plan-2012.txt"
    later = time.time() + 5
    os.utime(txt, (later, later))
    with SearchIndex.open(path) as idx:
        result = idx.update(_writable(content_copy))
        assert idx.stats["texts_read"] == 1 and idx.stats["sources_indexed"] == 0
        assert result.unchanged == 5
    with SearchIndex.open(path) as idx:  # the new stat was recorded
        idx.update(_writable(content_copy))
        assert idx.stats["texts_read"] == 0


def test_removed_source_loses_its_rows(content_copy, tmp_path):
    path = tmp_path / "i.sqlite3"
    with SearchIndex.open(path) as idx:
        idx.update(_writable(content_copy))
        assert idx.search("Haitians")
    (content_copy / "sources" / "afp-blinken-colombia-visit.yaml").unlink()
    with SearchIndex.open(path) as idx:
        result = idx.update(_writable(content_copy))
        assert result.removed == 1 and idx.stats["sources_removed"] == 1
        assert idx.search("Haitians") == []
        assert "afp-blinken-colombia-visit" not in idx.source_ids()
        assert len(idx.source_ids()) == 4


def test_damaged_index_file_is_rebuilt(tmp_path, caplog):
    path = tmp_path / "i.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with SearchIndex.open(path) as idx:
        assert idx.stats["rebuilds"] == 1
        idx.update(Library.load(cache_path=False))
        assert idx.search("11,000")
    assert "rebuilding" in caplog.text


def test_two_handles_on_one_file_do_not_duplicate_rows(content_copy, tmp_path):
    path = tmp_path / "i.sqlite3"
    a, b = SearchIndex.open(path), SearchIndex.open(path)
    a.update(_writable(content_copy))
    b.update(_writable(content_copy))
    assert b.stats["sources_indexed"] == 0
    assert len(a.search('"police and military officers"')) == 1
    a.close(), b.close()


def test_unreadable_text_is_reported_not_raised(content_copy, tmp_path):
    (content_copy / "sources" / "afp-blinken-colombia-visit.txt").write_bytes(b"ok\n\n\xff\xfe bad")
    with SearchIndex.open(tmp_path / "i.sqlite3") as idx:
        result = idx.update(_writable(content_copy))
        assert result.indexed == 4
        assert [p.path.name for p in idx.problems] == ["afp-blinken-colombia-visit.txt"]
