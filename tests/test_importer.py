"""Importing .txt/.md files into the user library: exact text, inferred marks, refusals."""

from __future__ import annotations

import pytest

from briefing.errors import ContentError
from briefing.library import Library
from briefing.library.importer import MAX_IMPORT_BYTES, import_file, slugify


@pytest.fixture
def lib(tmp_path):
    user = tmp_path / "userlib"
    (user / "sources").mkdir(parents=True)
    return Library.load(roots=[(user, "user")], cache_path=False)


def test_markdown_heading_becomes_inferred_title_and_markers_are_dropped(lib, tmp_path):
    f = tmp_path / "Migration Notes (draft).md"
    f.write_text("# Migration at the border\nIntro line one.\n\n## Numbers\n\nSome *emphasis* and 1.3 million people.\n", encoding="utf-8")
    src = import_file(lib, f)
    assert src.id == "migration-notes-draft"
    assert src.title == "Migration at the border"
    assert "title" in src.inferred and "heading" in src.inferred["title"]
    assert src.kind == "other" and "kind" in src.inferred
    assert src.publisher is None and src.date is None and src.authors == [] and src.url is None
    # the title line goes to the metadata (as for the bundled sources); headings stay headings
    assert src.paragraphs() == [
        "Intro line one.",
        "Numbers",
        "Some *emphasis* and 1.3 million people.",
    ]
    # it is in the library and survives a reload
    again = Library.load(roots=lib.roots, cache_path=False)
    assert again.source(src.id).paragraphs() == src.paragraphs()
    assert again.source(src.id).title == "Migration at the border"


def test_text_file_first_short_line_is_title_and_ids_are_unique(lib, tmp_path):
    f = tmp_path / "brief.txt"
    f.write_text("Extradition treaty\n\nThe first paragraph\ncontinues here.\n", encoding="utf-8")
    a = import_file(lib, f)
    b = import_file(lib, f)
    assert a.id == "brief" and b.id == "brief-2"
    assert a.title == "Extradition treaty" and "first line" in a.inferred["title"]
    assert a.paragraphs() == ["The first paragraph\ncontinues here."]


def test_long_first_line_is_not_a_title(lib, tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("word " * 60 + "\n\nmore\n", encoding="utf-8")
    src = import_file(lib, f)
    assert src.title is None and "title" not in src.inferred
    assert src.label.startswith("[word word")


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("nul.txt", b"abc\x00def", "binary"),
        ("empty.md", b"\n\n   \n", "no text"),
        ("ctrl.txt", bytes(range(1, 9)) * 50, "binary"),
        ("image.png", b"\x89PNG", "cannot be imported"),
    ],
)
def test_refuses_bad_files_with_clear_error(lib, tmp_path, name, data, words):
    f = tmp_path / name
    f.write_bytes(data)
    with pytest.raises(ContentError) as info:
        import_file(lib, f)
    assert words in str(info.value)
    assert name in str(info.value)
    assert not list((lib.user_root / "sources").iterdir())


def test_refuses_huge_file(lib, tmp_path):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:  # sparse: the size is refused before anything is read
        fh.truncate(MAX_IMPORT_BYTES + 1)
    with pytest.raises(ContentError, match="largest"):
        import_file(lib, f)


def test_slugify():
    assert slugify("Ünïcode Ärticle!!.v2") == "unicode-article-.v2"
    assert slugify("***") == "imported"
    assert slugify("  Hello World ") == "hello-world"
