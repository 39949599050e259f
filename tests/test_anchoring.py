"""Excerpts stay exact source text: made from real source files, re-found when a source is edited."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.library import Library
from briefing.model import Briefing, Section
from briefing.model.anchoring import check, make_excerpt, trim
from briefing.model.storage import from_yaml, to_yaml

P1 = "Officials in Nariño said on Monday that the ceasefire would hold until March."
P2 = "The governor said: “We will not negotiate under fire.” Analysts were unsure."
P3 = "A second report repeated that the ceasefire would hold, citing two officials."


def write_source(root: Path, source_id: str, paragraphs: list[str]) -> None:
    folder = root / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{source_id}.yaml").write_text(f"id: {source_id}\nkind: news\n", encoding="utf-8")
    (folder / f"{source_id}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def load_library(root: Path) -> Library:
    lib = Library.load(roots=[(root, "user")], cache_path=False)
    assert not lib.problems, lib.problems
    return lib


@pytest.fixture
def root(tmp_path) -> Path:
    root = tmp_path / "lib"
    write_source(root, "x", [P1, P2, P3])
    return root


def span(paragraph: str, phrase: str) -> tuple[int, int]:
    start = paragraph.index(phrase)
    return start, start + len(phrase)


def test_make_excerpt_is_exact_with_context(root):
    source = load_library(root).source("x")
    start, end = span(P2, "“We will not negotiate under fire.”")
    ex = make_excerpt(source, 2, start, end)
    assert ex.text == "“We will not negotiate under fire.”"
    assert ex.text == source.paragraphs()[1][ex.start : ex.end]
    assert (ex.source_id, ex.paragraph) == ("x", 2)
    assert ex.before == P2[:start][-40:] and ex.after == P2[end:][:40]
    assert len(ex.after) == 40 or ex.after == P2[end:]


def test_make_excerpt_tightens_whitespace_instead_of_quoting_it(root):
    source = load_library(root).source("x")
    start, end = span(P1, " the ceasefire would hold ")
    ex = make_excerpt(source, 1, start, end)
    assert ex.text == "the ceasefire would hold"
    assert (ex.start, ex.end) == (start + 1, end - 1)


@pytest.mark.parametrize("paragraph, start, end", [(0, 0, 3), (4, 0, 3), (1, -1, 3), (1, 5, 5), (1, 0, len(P1) + 1), (1, 8, 3)])
def test_make_excerpt_refuses_bad_spans(root, paragraph, start, end):
    source = load_library(root).source("x")
    with pytest.raises(ValueError):
        make_excerpt(source, paragraph, start, end)


def test_make_excerpt_refuses_whitespace_only(root):
    source = load_library(root).source("x")
    i = P1.index(" ")
    with pytest.raises(ValueError, match="whitespace"):
        make_excerpt(source, 1, i, i + 1)


def briefing_with(*excerpts) -> Briefing:
    return Briefing(sections=[Section("S", items=list(excerpts))])


def test_unchanged_source_is_ok(root):
    lib = load_library(root)
    ex = make_excerpt(lib.source("x"), 2, *span(P2, "We will not negotiate"))
    briefing = briefing_with(ex)
    saved = to_yaml(briefing)
    assert check(briefing, lib) == []
    assert ex.status == "ok"
    assert to_yaml(briefing) == saved


def test_text_moved_within_paragraph_is_reanchored(root):
    lib = load_library(root)
    phrase = "We will not negotiate under fire."
    ex = make_excerpt(lib.source("x"), 2, *span(P2, phrase))
    old_start = ex.start
    briefing = briefing_with(ex)
    edited = "On Tuesday, in a long televised address, " + P2
    write_source(root, "x", [P1, edited, P3])
    lib = load_library(root)
    changed = check(briefing, lib)
    assert changed == [ex]
    assert ex.status == "reanchored"
    assert ex.text == phrase  # the quote itself is never changed
    assert ex.paragraph == 2
    assert ex.start == edited.index(phrase) != old_start
    assert lib.source("x").paragraphs()[1][ex.start : ex.end] == phrase
    assert ex.before == edited[: ex.start][-40:]
    # once re-anchored and saved, the next check is clean
    again = from_yaml(to_yaml(briefing))
    assert check(again, lib) == [] and again.sections[0].items[0].status == "ok"


def test_text_moved_to_another_paragraph_is_reanchored(root):
    lib = load_library(root)
    ex = make_excerpt(lib.source("x"), 2, *span(P2, "Analysts were unsure."))
    briefing = briefing_with(ex)
    write_source(root, "x", ["A new opening paragraph.", P1, P2.replace(" Analysts were unsure.", ""), "Analysts were unsure.", P3])
    check(briefing, load_library(root))
    assert (ex.status, ex.paragraph, ex.start) == ("reanchored", 4, 0)
    assert ex.text == "Analysts were unsure."


def test_context_picks_the_right_one_of_repeated_phrases(root):
    lib = load_library(root)
    # "the ceasefire would hold" occurs in P1 and P3; quote the one in P3
    ex = make_excerpt(lib.source("x"), 3, *span(P3, "the ceasefire would hold"))
    briefing = briefing_with(ex)
    # an inserted paragraph shifts everything; the P1 occurrence would be found first by a naive search
    write_source(root, "x", ["Inserted paragraph.", P1, P2, P3])
    check(briefing, load_library(root))
    assert ex.status == "reanchored"
    assert ex.paragraph == 4 and ex.before.endswith("repeated that ")


def test_quote_deleted_is_stale_and_kept(root):
    lib = load_library(root)
    ex = make_excerpt(lib.source("x"), 2, *span(P2, "We will not negotiate under fire."))
    before = (ex.text, ex.paragraph, ex.start, ex.end)
    briefing = briefing_with(ex)
    write_source(root, "x", [P1, "The governor said talks could resume.", P3])
    assert check(briefing, load_library(root)) == [ex]
    assert ex.status == "stale"
    assert (ex.text, ex.paragraph, ex.start, ex.end) == before
    assert "no longer" in ex.status_reason


def test_quote_reworded_slightly_is_stale_not_silently_changed(root):
    lib = load_library(root)
    ex = make_excerpt(lib.source("x"), 2, *span(P2, "We will not negotiate under fire."))
    briefing = briefing_with(ex)
    write_source(root, "x", [P1, P2.replace("under fire", "under  fire"), P3])
    check(briefing, load_library(root))
    assert ex.status == "stale" and ex.text == "We will not negotiate under fire."


def test_missing_source_is_stale(root, tmp_path):
    lib = load_library(root)
    ex = make_excerpt(lib.source("x"), 1, 0, 10)
    briefing = briefing_with(ex)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert check(briefing, load_library(empty)) == [ex]
    assert ex.status == "stale" and "'x'" in ex.status_reason


def test_trim_makes_exact_sub_excerpt_with_ellipses(root):
    lib = load_library(root)
    source = lib.source("x")
    ex = make_excerpt(source, 1, 0, len(P1))
    ex.comment = "keep me"
    cut = trim(ex, source, ex.text.index("the ceasefire"), ex.text.index(" until"))
    assert cut.text == "the ceasefire would hold"
    assert cut.text == source.paragraphs()[0][cut.start : cut.end]
    assert (cut.id, cut.comment, cut.paragraph) == (ex.id, "keep me", 1)
    assert cut.lead_ellipsis and cut.trail_ellipsis
    assert cut.before == P1[: cut.start][-40:]
    assert ex.text == P1  # the original is untouched (ReplaceItem swaps them, undoably)

    head = trim(ex, source, 0, 8)
    assert head.text == "Official" and not head.lead_ellipsis and head.trail_ellipsis
    tail = trim(cut, source, 4, len(cut.text))
    assert tail.lead_ellipsis and tail.trail_ellipsis  # already-set flags are kept
    whole = trim(ex, source, 0, len(ex.text))
    assert not whole.lead_ellipsis and not whole.trail_ellipsis


def test_trim_tightens_whitespace_and_checks_bounds(root):
    source = load_library(root).source("x")
    ex = make_excerpt(source, 1, 0, len(P1))
    i = P1.index(" said")
    cut = trim(ex, source, i, i + 5)
    assert cut.text == "said" and cut.start == i + 1
    with pytest.raises(ValueError):
        trim(ex, source, 5, 200)
    with pytest.raises(ValueError):
        trim(ex, source, 5, 5)


def test_trim_follows_a_moved_quote_and_refuses_a_deleted_one(root):
    lib = load_library(root)
    ex = make_excerpt(lib.source("x"), 1, 0, len(P1))
    write_source(root, "x", ["New first paragraph.", P1, P2])
    source = load_library(root).source("x")
    cut = trim(ex, source, 0, 9)
    assert (cut.paragraph, cut.start, cut.text) == (2, 0, "Officials")
    write_source(root, "x", [P2])
    with pytest.raises(ValueError, match="no longer"):
        trim(ex, load_library(root).source("x"), 0, 9)
