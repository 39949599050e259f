"""Searches are bounded in length, terms and time, answer with a message instead of an SQLite
error, and find accented Greek and Cyrillic words however they are typed."""

from __future__ import annotations

import time

import pytest

from briefing import paths
from briefing.cli.main import main
from briefing.library import Library
from briefing.search import index as index_module
from briefing.search.index import SearchIndex
from briefing.search.query import MAX_QUERY_TERMS, QueryRefused, parse

WORDS = [f"w{i}x{i * 7919 % 1000}" for i in range(8000)]


@pytest.fixture
def index():
    idx = SearchIndex.open(":memory:")
    idx.update(Library.load(cache_path=False))
    yield idx
    idx.close()


def _best_of(runs, fn):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def test_a_pasted_100_kb_query_is_refused_in_under_a_tenth_of_a_second(index):
    text = ("The United States and Colombia signed an agreement on security cooperation. " * 1400)[:100_000]
    start = time.perf_counter()
    with pytest.raises(QueryRefused, match="too long"):
        index.search(text)
    assert time.perf_counter() - start < 0.1


def test_the_longest_accepted_query_answers_in_under_a_tenth_of_a_second(index):
    text = " ".join(["colombia", "security"] + WORDS[: MAX_QUERY_TERMS - 2])
    assert _best_of(3, lambda: index.search(text)) < 0.1


def test_de_duplicating_the_terms_is_linear():
    def run(n):
        def parse_n():
            try:
                parse(" ".join(WORDS[:n]))
            except QueryRefused:
                pass
        return _best_of(3, parse_n)

    small, large = run(1000), run(8000)
    assert large < 20 * small  # linear is ~8x; the old list scan was ~64x (10 s for 8,000 words)


def test_many_excluded_words_give_results_or_a_message_never_an_sqlite_error(index):
    positive = index.search("colombia", limit=500)
    excluded = " ".join(f"-{w}" for w in WORDS[:MAX_QUERY_TERMS - 1])  # 99: past FTS5's old nesting limit
    assert len(index.search(f"colombia {excluded}", limit=500)) == len(positive)
    with pytest.raises(QueryRefused, match="too many terms"):
        index.search("colombia " + " ".join(f"-q{i}" for i in range(150)))


def test_a_query_running_past_the_time_limit_is_stopped_with_a_message(index, monkeypatch):
    monkeypatch.setattr(index_module, "QUERY_TIME_LIMIT_S", 0.0)
    with pytest.raises(QueryRefused, match="took longer"):
        index.search("the")
    monkeypatch.undo()
    assert index.search("the")  # the limit is lifted after each query


@pytest.mark.parametrize("typed, stored, word", [
    ("ελληνική", "Η ελληνική γλώσσα", "ελληνική"),
    ("ελληνικη", "Η ελληνική γλώσσα", "ελληνική"),
    ("ΕΛΛΗΝΙΚΉ", "Η ελληνική γλώσσα", "ελληνική"),
    ("мой", "Это мой дом", "мой"),
    ("ёлка", "Новогодняя ёлка", "ёлка"),
    ("елка", "Новогодняя ёлка", "ёлка"),
    ("Nariño", "the department of Narino", "Narino"),
])
def test_accented_greek_and_cyrillic_words_are_found(typed, stored, word):
    folder = paths.user_library_dir() / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "words.yaml").write_text("id: words\nkind: other\ntitle: Words\n", encoding="utf-8")
    (folder / "words.txt").write_text(f"Filler paragraph.\n\n{stored}.\n", encoding="utf-8")
    idx = SearchIndex.open(":memory:")
    idx.update(Library.load(cache_path=False))
    [hit] = [h for h in idx.search(typed) if h.source_id == "words"]
    assert hit.paragraph == 2
    [(start, end)] = hit.highlights
    assert hit.text[start:end] == word
    idx.close()


def test_search_cli_takes_minus_word_as_an_exclusion(capsys):
    assert main(["search", "colombia", "--json", "-n", "500"]) == 0
    every = capsys.readouterr().out
    assert main(["search", "-extradition", "colombia", "--json", "-n", "500"]) == 0
    without = capsys.readouterr().out
    assert '"source_id"' in without and without.count('"source_id"') < every.count('"source_id"')
    assert "extradition" not in without.lower()


@pytest.mark.parametrize("argv, words", [
    (["search", "--limit", "99999999999999999999", "colombia"], "at most"),
    (["search", "-n", "0", "colombia"], "at least 1"),
    (["build", "--topic", "extradition", "--per-topic", "0", "-o", "x.pdf"], "at least 1"),
    (["build", "--topic", "extradition", "--per-topic", "-3", "-o", "x.pdf"], "at least 1"),
    (["search", "x" * 100_000], "too long"),
])
def test_counts_and_queries_out_of_range_are_refused_with_a_message(argv, words, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = main(argv)
    err = capsys.readouterr().err
    assert code in (1, 2) and words in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_a_topic_count_is_bounded_like_every_query(tmp_path, monkeypatch):
    """Issue 16: counting a topic's passages (the topic editor's live count, the Topics pane)
    runs under a time limit and is refused in plain words, instead of holding the index."""
    from briefing.library import Library
    from briefing.library.topics import Topic
    from briefing.search import SearchIndex
    from briefing.search.query import QueryRefused

    library = Library.load(cache_path=False)
    index = SearchIndex.open(tmp_path / "index.sqlite3")
    index.update(library, refresh_topics=False)
    draft = Topic("draft", "Draft", "", ["the", "of", "and"])
    monkeypatch.setattr("briefing.search.index.PROGRESS_STEPS", 1)  # the small library counts in few steps
    with pytest.raises(QueryRefused, match="longer than 0 seconds and was stopped"):
        index.count_suggestions(draft, time_limit=0)
    assert index.count_suggestions(draft) > 0  # the limit was lifted again; the count itself works
    index.close()
