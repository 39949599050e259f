"""Files that once stopped the application from starting: each is reported by name and skipped,
everything else loads, and the metadata cache never changes what validation decided."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from briefing import paths, yamlio
from briefing.errors import ContentError
from briefing.library import Library
from briefing.model import storage

# Hand edits that YAML types as something other than text, or that defeat the reader.
HOSTILE_SOURCES = {
    "date-key": "id: date-key\nkind: news\ntitle: A report\n2024-01-01: a note\n",
    "binary-key": "id: binary-key\nkind: news\ntitle: A report\n? !!binary aGVsbG8=\n: x\n",
    "long-number": "id: long-number\nkind: news\ntitle: " + "7" * 4400 + "\n",
    "hex-number": "id: hex-number\nkind: news\ntitle: 0x" + "f" * 4000 + "\n",
    "binary-number": "id: binary-number\nkind: news\ntitle: 0b" + "1" * 15000 + "\n",
    "base-60-number": "id: base-60-number\nkind: news\ntitle: 1" + ":59" * 2500 + "\n",
    "long-date-int": "id: long-date-int\nkind: news\ndate: " + "1" * 4400 + "\n",
    "deep": "id: deep\nkind: news\ntitle: " + "[" * 500 + "]" * 500 + "\n",
    "deeper": "id: deeper\nkind: news\ntitle: " + "[" * 999 + "]" * 999 + "\n",
    "too-deep": "id: too-deep\nkind: news\ntitle: " + "[" * 5000 + "]" * 5000 + "\n",
    "unhashable-kind": "id: unhashable-kind\nkind: [news]\n",
    "bad-calendar-date": "id: bad-calendar-date\nkind: news\nnotes: 2024-13-45\n",
}
# Values that validation refuses and a cache once turned into accepted text.
REFUSED_TITLES = {
    "date-title": "2001-12-14 21:59:43.10 -5",
    "binary-title": "!!binary aGVsbG8=",
    "set-title": "!!set {a, b}",
}


def _write_user_sources(files: dict[str, str]) -> Path:
    folder = paths.user_library_dir() / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        (folder / f"{name}.txt").write_text("Some text.\n", encoding="utf-8")
    return folder


def _bundled_ids() -> set[str]:
    return set(Library.load(roots=[(paths.CONTENT_DIR, "bundled")], cache_path=False).sources)


def _problem_files(lib: Library) -> set[str]:
    return {Path(p.path).stem for p in lib.problems}


@pytest.mark.parametrize("load", [1, 2], ids=["first start", "second start (cache warm)"])
def test_each_hostile_user_source_is_reported_by_name_and_the_rest_loads(load):
    _write_user_sources(HOSTILE_SOURCES)
    (paths.user_library_dir() / "sources" / "good.yaml").write_text("id: good\nkind: news\ntitle: Fine\n")
    (paths.user_library_dir() / "sources" / "good.txt").write_text("Fine text.\n")
    for _ in range(load):
        lib = Library.load()
    assert _problem_files(lib) == set(HOSTILE_SOURCES)
    assert set(lib.sources) == _bundled_ids() | {"good"}
    for problem in lib.problems:
        assert isinstance(problem, ContentError) and str(problem).startswith(str(problem.path))
    long = next(p for p in lib.problems if Path(p.path).stem == "long-number")
    assert long.line == 3 and "too long" in long.message


def test_a_source_refused_on_the_first_start_is_still_refused_on_the_second():
    _write_user_sources({name: f"id: {name}\nkind: news\ntitle: {value}\n" for name, value in REFUSED_TITLES.items()})
    first, second, third = Library.load(), Library.load(), Library.load(trust_stamps=True)
    for lib in (first, second, third):
        assert not set(REFUSED_TITLES) & set(lib.sources)
        assert _problem_files(lib) == set(REFUSED_TITLES)
        assert all(p.field == "title" and "must be text" in p.message for p in lib.problems)


def test_an_accepted_source_comes_back_from_the_cache_unchanged():
    text = "id: odd\nkind: news\ntitle: \"\\u00e9t\\u00e9 \\U0001F600\"\nauthors: [\"9\"]\ndate: '2020'\n"
    _write_user_sources({"odd": text})
    fresh = Library.load(cache_path=False).source("odd")
    Library.load()
    cached = Library.load()
    assert cached.stats.files_parsed == 0
    assert cached.source("odd").metadata() == fresh.metadata()
    assert cached.source("odd").title == "été 😀"


def test_a_fifo_is_refused_at_once_instead_of_blocking(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    fifo = tmp_path / "x.briefing.yaml"
    os.mkfifo(fifo)
    outcome = []

    def read():
        try:
            storage.load(fifo)
        except ContentError as exc:
            outcome.append(str(exc))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # unblock the reader so the test process can end
        with open(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK), "wb"):
            pass
        pytest.fail("reading a FIFO blocked")
    assert outcome and "x.briefing.yaml" in outcome[0] and "not a regular file" in outcome[0]


def test_a_folder_is_refused_with_a_message(tmp_path):
    with pytest.raises(ContentError, match="folder"):
        yamlio.read_text(tmp_path)


@pytest.mark.parametrize("value, inner", [("[" * 500 + "]" * 500, 0), ("{a: " * 500 + "1" + "}" * 500, "a")])
def test_locating_a_deeply_nested_value_does_not_recurse(value, inner):
    text = f"a:\n  b: {value}\n"
    assert yamlio.locate(text, ["a", "b", inner]) == (2, 7 if inner == 0 else 10)


@pytest.mark.parametrize("text, field, words", [
    ("schema: briefing-book/" + "1" * 5000 + "\n", "schema", "not a Briefing Book file"),
    ("schema: briefing-book/1\nsections:\n- title: S\n  items:\n  - type: [excerpt]\n", "sections.0.items.0.type",
     "unknown item type a list"),
    ("schema: briefing-book/1\nsections:\n- title: S\n  items:\n  - {type: {excerpt: 1}}\n", "sections.0.items.0.type",
     "unknown item type a mapping"),
    ("schema: briefing-book/1\nmeta:\n  title: " + "9" * 4400 + "\n", None, "too long"),
    ("schema: briefing-book/1\nmeta:\n  title: " + "[" * 990 + "]" * 990 + "\n", "meta.title", "must be text"),
])
def test_a_hostile_briefing_gives_a_located_message(tmp_path, text, field, words):
    path = tmp_path / "hostile.briefing.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        storage.load(path)
    assert caught.value.field == field and words in caught.value.message
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize("value", ["9" * 400, "0x" + "f" * 3000, "9" * 4400])
def test_a_theme_file_with_a_huge_number_is_a_located_error(tmp_path, value):
    from briefing.writers.themes import load_theme

    path = tmp_path / "huge.yaml"
    path.write_text(f"name: huge\nmargins:\n  top: {value}\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:  # nothing else: no OverflowError, no ValueError
        load_theme(path)
    assert caught.value.path == path and caught.value.line == 3
