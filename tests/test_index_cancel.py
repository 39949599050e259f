"""Cancelling a search index update (issue 16): ``update(cancel=...)`` stops between batches and
leaves a valid partial index (each batch is its own transaction) that the next update completes."""

from __future__ import annotations


import pytest

from benchmarks.fixtures import make_library
from briefing.library import Library
from briefing.search import index as index_module
from briefing.search.index import SearchIndex, UpdateCancelled
from briefing.sqlitedb import sqlite3

SOURCES = 300
BATCH = 50


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = make_library(tmp_path_factory.mktemp("big-library"), SOURCES)
    lib = Library.load(roots=[(root, "user")], cache_path=False)
    assert len(lib.sources) == SOURCES and not lib.problems
    return lib


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    monkeypatch.setattr(index_module, "BATCH_SOURCES", BATCH)


def cancel_after(batches: int):
    """A cancel callback that lets ``batches`` batches run, then asks to stop."""
    asked = [0]

    def cancel() -> bool:
        asked[0] += 1
        return asked[0] > batches

    return cancel


def last_passage(lib) -> tuple[str, str]:
    """The last generated source (indexed last) and its longest paragraph."""
    source = lib.sources[max(s for s in lib.sources if s.startswith("synthetic-"))]
    return source.id, max((p for p in source.paragraphs() if p.strip()), key=len)


def exact_phrase(text: str) -> str:
    return '"' + " ".join(text.rstrip(".").split()[:8]) + '"'


def test_cancel_after_the_first_batch_leaves_a_searchable_partial_index(library, tmp_path):
    idx = SearchIndex.open(tmp_path / "index.sqlite3")
    progress: list[tuple[int, int]] = []
    with pytest.raises(UpdateCancelled) as caught:
        idx.update(library, progress=lambda done, total: progress.append((done, total)), cancel=cancel_after(1))
    assert caught.value.result.indexed == BATCH and caught.value.total == SOURCES
    assert progress and progress[-1] == (BATCH, SOURCES)
    assert len(idx.source_ids()) == BATCH  # exactly the committed batch: nothing of the next one
    first_id = sorted(library.sources)[0]
    first = next(p for p in library.sources[first_id].paragraphs() if p.strip())
    assert {h.source_id for h in idx.search(exact_phrase(first))} == {first_id}
    last_id, last = last_passage(library)
    assert idx.search(exact_phrase(last)) == []  # not indexed yet, and no error
    assert idx.search("security cooperation")  # an ordinary search works
    for topic in library.topics.values():  # suggestions too
        idx.suggest(topic, limit=3)
    # the file is consistent for another connection too
    with sqlite3.connect(idx.path) as other:
        assert other.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert other.execute("SELECT count(*) FROM sources").fetchone()[0] == BATCH
        passages = other.execute("SELECT count(*) FROM passages").fetchone()[0]
        assert other.execute("SELECT count(*) FROM passages_fts").fetchone()[0] == passages

    result = idx.update(library)  # the next update completes it
    assert result.indexed == SOURCES - BATCH and result.unchanged == BATCH
    assert len(idx.source_ids()) == SOURCES
    assert last_id in {h.source_id for h in idx.search(exact_phrase(last))}
    assert idx.update(library).indexed == 0  # and then nothing is left to do
    idx.close()


def test_a_new_handle_completes_a_cancelled_update(library, tmp_path):
    path = tmp_path / "index.sqlite3"
    with SearchIndex.open(path) as idx, pytest.raises(UpdateCancelled):
        idx.update(library, cancel=cancel_after(2))
    with SearchIndex.open(path) as idx:
        assert len(idx.source_ids()) == 2 * BATCH
        assert idx.update(library).indexed == SOURCES - 2 * BATCH
        last_id, last = last_passage(library)
        assert last_id in {h.source_id for h in idx.search(exact_phrase(last))}


def test_cancel_before_anything_changes_nothing(library, tmp_path):
    with SearchIndex.open(tmp_path / "index.sqlite3") as idx:
        with pytest.raises(UpdateCancelled) as caught:
            idx.update(library, cancel=lambda: True)
        assert caught.value.result.indexed == 0
        assert idx.source_ids() == []
        assert idx.search("security") == []


def test_an_interrupt_inside_a_batch_rolls_that_batch_back(library, tmp_path):
    """Ctrl+C (KeyboardInterrupt) while a batch is read: the committed batches stay, the rest is not written."""
    calls = [0]

    def progress(done, total):
        calls[0] += 1
        if done > BATCH + 10:
            raise KeyboardInterrupt

    with SearchIndex.open(tmp_path / "index.sqlite3") as idx:
        with pytest.raises(KeyboardInterrupt):
            idx.update(library, progress=progress)
        assert len(idx.source_ids()) == BATCH
        assert idx.update(library).indexed == SOURCES - BATCH
        assert len(idx.source_ids()) == SOURCES


def test_an_uncancelled_update_of_several_batches_equals_one_run(library, tmp_path):
    with SearchIndex.open(tmp_path / "index.sqlite3") as idx:
        result = idx.update(library, cancel=lambda: False)
        assert (result.indexed, result.removed, result.unchanged) == (SOURCES, 0, 0)
        assert idx.storage().fts_segments <= 2  # the whole update's tidy ran once, at its end


# -- the command line: Ctrl+C during indexing ---------------------------------------------------
def ctrl_c_while_indexing(monkeypatch, presses: int, after: int) -> None:
    """Press Ctrl+C (a real SIGINT to this process) ``presses`` times once ``after`` texts were read."""
    import signal

    plan = SearchIndex._plan
    read = [0]

    def reading(self, *args, **kwargs):
        read[0] += 1
        if read[0] == after:
            for _ in range(presses):
                signal.raise_signal(signal.SIGINT)
        return plan(self, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "_plan", reading)


def cli_library() -> str:
    from briefing import paths

    make_library(paths.user_library_dir(), SOURCES)
    lib = Library.load(cache_path=False)
    return exact_phrase(last_passage(lib)[1])


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_during_cli_indexing_exits_130_and_the_next_command_completes_it(monkeypatch, capsys, presses):
    import json

    from briefing import paths
    from briefing.cli.main import main

    phrase = cli_library()
    with monkeypatch.context() as patch:
        ctrl_c_while_indexing(patch, presses, after=BATCH + 5)
        assert main(["sources", "--json"]) == 130
    err = capsys.readouterr().err
    assert "interrupted" in err and "Traceback" not in err
    if presses == 1:  # stopped after the batch in progress: that batch is kept
        assert "now covers" in err and "the next command completes it" in err
    with SearchIndex.open(paths.user_cache_dir() / "passages.sqlite3") as idx:
        kept = len(idx.source_ids())
        assert kept % BATCH == 0 and 0 < kept < SOURCES  # whole batches only
        assert idx.search("security") is not None  # answers without error
    assert main(["search", "--json", phrase]) == 0
    out = capsys.readouterr()
    hits = json.loads(out.out)
    assert f"synthetic-{SOURCES - 1:05d}" in {h["source_id"] for h in hits}, (phrase, out)
