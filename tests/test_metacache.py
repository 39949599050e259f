"""The metadata cache: validated sources come back identical, changes and bad files are never hidden."""

from __future__ import annotations

import json
import os
from pathlib import Path

from briefing.library import Library
from briefing.library import loader


def _load(content: Path, cache: Path) -> Library:
    return Library.load(roots=[(content, "bundled")], cache_path=cache)


def _fields(lib: Library) -> dict:
    return {sid: (s.metadata(), s.meta_path, s.text_path, s.origin) for sid, s in lib.sources.items()}


def test_cached_sources_equal_freshly_parsed_ones(content_copy, tmp_path):
    cache = tmp_path / "meta.json"
    fresh = Library.load(roots=[(content_copy, "bundled")], cache_path=False)
    first = _load(content_copy, cache)
    second = _load(content_copy, cache)
    assert (first.stats.files_parsed, second.stats.files_parsed, second.stats.files_from_cache) == (5, 0, 5)
    assert _fields(second) == _fields(fresh) == _fields(first)
    assert second.sources == fresh.sources
    for source in second.sources.values():
        assert isinstance(source.meta_path, Path) and isinstance(source.text_path, Path)
        assert source.paragraphs()


def test_an_edited_file_is_parsed_again(content_copy, tmp_path):
    cache = tmp_path / "meta.json"
    _load(content_copy, cache)
    meta = content_copy / "sources" / "afp-blinken-colombia-visit.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("kind: news", "kind: analysis"), encoding="utf-8")
    os.utime(meta, ns=(1, 1))  # a different mtime even on coarse clocks
    lib = _load(content_copy, cache)
    assert lib.stats.files_parsed == 1
    assert lib.source("afp-blinken-colombia-visit").kind == "analysis"


def test_a_bad_file_is_reported_on_every_load_not_hidden_by_the_cache(content_copy, tmp_path):
    cache = tmp_path / "meta.json"
    folder = content_copy / "sources"
    (folder / "odd.yaml").write_text("id: odd\nkind: news\ncolour: blue\n", encoding="utf-8")
    (folder / "odd.txt").write_text("Some text.\n", encoding="utf-8")
    for expected_parsed in (6, 1):  # a refused file is never cached: it is read again each time
        lib = _load(content_copy, cache)
        assert lib.stats.files_parsed == expected_parsed
        [problem] = [p for p in lib.problems if Path(p.path).name == "odd.yaml"]
        assert "unknown field" in problem.message and problem.line == 3
        assert "odd" not in lib.sources


def test_a_missing_text_file_is_reported_from_the_cache_too(content_copy, tmp_path):
    cache = tmp_path / "meta.json"
    _load(content_copy, cache)
    (content_copy / "sources" / "us-colombia-action-plan-2012.txt").unlink()
    lib = _load(content_copy, cache)
    assert lib.stats.files_parsed == 0
    [problem] = lib.problems
    assert "us-colombia-action-plan-2012.txt" in problem.message and "missing" in problem.message
    assert "us-colombia-action-plan-2012" not in lib.sources


def test_deleted_files_and_unvisited_folders_are_pruned(content_copy, tmp_path):
    cache = tmp_path / "meta.json"
    _load(content_copy, cache)
    (content_copy / "sources" / "us-colombia-action-plan-2012.yaml").unlink()
    _load(content_copy, cache)
    folders = json.loads(cache.read_text(encoding="utf-8"))["folders"]
    assert list(folders) == [str(content_copy / "sources")]
    assert "us-colombia-action-plan-2012.yaml" not in folders[str(content_copy / "sources")]
    Library.load(roots=[(tmp_path / "elsewhere", "user")], cache_path=cache)
    assert json.loads(cache.read_text(encoding="utf-8"))["folders"] == {}


def test_a_cache_from_other_validating_code_or_damaged_is_rebuilt(content_copy, tmp_path, monkeypatch):
    cache = tmp_path / "meta.json"
    _load(content_copy, cache)
    monkeypatch.setattr(loader, "_validator_key", lambda: "another-version")
    assert _load(content_copy, cache).stats.files_parsed == 5
    assert _load(content_copy, cache).stats.files_parsed == 0
    cache.write_text("{not json", encoding="utf-8")
    lib = _load(content_copy, cache)
    assert lib.stats.files_parsed == 5 and set(lib.sources) == set(_load(content_copy, cache).sources)


def test_source_paths_may_be_given_as_strings():
    from briefing.library.source import Source

    s = Source("x", "news", meta_path="/a/x.yaml", text_path="/a/x.txt")
    assert s.text_path == Path("/a/x.txt") and isinstance(s.meta_path, Path)
    s.text_path = None
    assert s.text_path is None and Source("y", "news").meta_path is None


# -- trusted start-up loads (stamped folders, no stat per file) --------------------------------

def _age(folder: Path) -> None:
    """Make the folder's mtime old enough to be stamped (a just-changed folder never is)."""
    os.utime(folder, ns=(1_000_000_000, 1_000_000_000))


def _trusted(content: Path, cache: Path) -> Library:
    return Library.load(roots=[(content, "bundled")], cache_path=cache, trust_stamps=True)


def test_a_stamped_folder_loads_without_stats_and_equals_a_full_load(content_copy, tmp_path, monkeypatch):
    cache = tmp_path / "meta.json"
    _age(content_copy / "sources")
    full = _load(content_copy, cache)  # the full check stamps the folder
    listed = []
    monkeypatch.setattr(loader.os, "scandir", lambda *a: listed.append(a) or (_ for _ in ()).throw(AssertionError))
    lib = _trusted(content_copy, cache)
    assert not listed  # no listing, so no stat per file
    assert lib.stats.files_trusted == 5 and lib.stats.files_parsed == 0
    assert lib.unverified == [str(content_copy / "sources")]
    assert _fields(lib) == _fields(full) and list(lib.sources) == list(full.sources)
    monkeypatch.undo()
    assert lib.reload_if_changed() is None  # nothing changed: the full check finds nothing


def test_a_recently_changed_folder_is_not_trusted(content_copy, tmp_path):
    cache = tmp_path / "meta.json"
    os.utime(content_copy / "sources")  # changed just now: too recent to stamp
    _load(content_copy, cache)
    lib = _trusted(content_copy, cache)
    assert lib.stats.files_trusted == 0 and lib.stats.files_from_cache == 5 and not lib.unverified


def test_an_added_or_removed_file_changes_the_folder_and_is_seen_at_once(content_copy, tmp_path):
    cache = tmp_path / "meta.json"
    folder = content_copy / "sources"
    _age(folder)
    _load(content_copy, cache)
    (folder / "afp-blinken-colombia-visit.yaml").unlink()
    lib = _trusted(content_copy, cache)
    assert lib.stats.files_trusted == 0 and "afp-blinken-colombia-visit" not in lib.sources


def test_an_in_place_edit_is_found_by_the_full_check_after_a_trusted_load(content_copy, tmp_path):
    cache = tmp_path / "meta.json"
    folder = content_copy / "sources"
    _age(folder)
    _load(content_copy, cache)
    meta = folder / "afp-blinken-colombia-visit.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("kind: news", "kind: analysis"), encoding="utf-8")
    os.utime(meta, ns=(2, 2))
    _age(folder)  # an in-place edit leaves the folder's mtime alone
    lib = _trusted(content_copy, cache)
    assert lib.stats.files_trusted == 5 and lib.source("afp-blinken-colombia-visit").kind == "news"
    fresh = lib.reload_if_changed()
    assert fresh is not None and fresh.source("afp-blinken-colombia-visit").kind == "analysis"
    assert fresh.stats.files_parsed == 1 and not fresh.unverified
    lib.replace_with(fresh)
    assert lib.source("afp-blinken-colombia-visit").kind == "analysis"
    again = _trusted(content_copy, cache)  # the check re-stamped the folder with the new entry
    assert again.stats.files_trusted == 5 and again.source("afp-blinken-colombia-visit").kind == "analysis"


def test_a_folder_with_a_problem_is_never_stamped(content_copy, tmp_path):
    cache = tmp_path / "meta.json"
    folder = content_copy / "sources"
    (folder / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    _age(folder)
    _load(content_copy, cache)
    lib = _trusted(content_copy, cache)
    assert lib.stats.files_trusted == 0 and lib.problems


# -- topics ---------------------------------------------------------------------------------

def test_unchanged_topics_come_from_the_cache_and_edited_ones_are_parsed(content_copy, tmp_path, monkeypatch):
    cache = tmp_path / "meta.json"
    first = _load(content_copy, cache)
    assert first.topics
    monkeypatch.setattr(loader, "load_topics", lambda *a: (_ for _ in ()).throw(AssertionError("parsed")))
    second = _load(content_copy, cache)
    assert second.topics == first.topics and list(second.topics) == list(first.topics)
    monkeypatch.undo()
    topics_file = content_copy / "topics.yaml"
    topic = next(iter(first.topics.values()))
    topics_file.write_text(topics_file.read_text(encoding="utf-8").replace(topic.title, topic.title + " (edited)", 1),
                           encoding="utf-8")
    os.utime(topics_file, ns=(3, 3))
    third = _load(content_copy, cache)
    assert third.topics[topic.id].title == topic.title + " (edited)"


def test_a_topics_file_with_a_problem_is_reported_on_every_load(content_copy, tmp_path):
    cache = tmp_path / "meta.json"
    topics_file = content_copy / "topics.yaml"
    topics_file.write_text(topics_file.read_text(encoding="utf-8") + "\n  - id: Not An Id\n    title: x\n    description: y\n"
                           "    terms: [z]\n", encoding="utf-8")
    first = _load(content_copy, cache)
    second = _load(content_copy, cache)
    assert first.problems and [str(p) for p in second.problems] == [str(p) for p in first.problems]
    assert second.topics == first.topics
