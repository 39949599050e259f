"""compose() tested directly: numbering, order, notices and parts are decided before any writer runs."""

from __future__ import annotations

import pytest

from briefing.citation.adapter import CiterProcessor
from briefing.citation.api import CitedDocument
from briefing.citation.formats import Run
from briefing.compose import compose, load_layout, register_kind
from briefing.compose.document import (Bibliography, BulletList, Contents, Heading, NoteList, NoteRef, Paragraph,
                                       Quote, RuledLines, plain)
from briefing.compose.kinds import ITEM_KINDS, MISSING_TEXT, STALE_TEXT
from briefing.errors import ContentError
from briefing.model import Briefing, Section

from export_helpers import excerpt, make_library, small_briefing


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return make_library(tmp_path_factory.mktemp("lib"))


def composed(briefing, lib, **kw):
    """compose() with the Citer adapter (Chicago notes, "Sources"): these tests are about
    composition; the citation processors are tested on their own."""
    return compose(briefing, lib, CiterProcessor("chicago"), **kw)


def quotes(document) -> list[Quote]:
    return [b for b in document.blocks() if isinstance(b, Quote)]


def part(document, kind):
    return next(p for p in document.parts if p.kind == kind)


def test_notes_are_numbered_in_reading_order_one_per_excerpt(lib):
    doc = composed(small_briefing(lib), lib)
    refs = [s.number for q in quotes(doc) for s in q.citation if isinstance(s, NoteRef)]
    assert refs == list(range(1, 9))  # eight excerpts in three sections
    assert [n.number for n in doc.notes] == refs
    assert [n.item_id for n in doc.notes] == [q.item_id for q in quotes(doc)]
    # the notes part lists them all, and the third note cites the third excerpt's paragraph
    assert part(doc, "notes").blocks[-1] == NoteList(doc.notes)
    assert "para. 1" in plain(doc.notes[2].spans) and "Cartagena" in plain(doc.notes[2].spans)


def test_bibliography_lists_each_cited_source_once_sorted_by_the_style(lib):
    doc = composed(small_briefing(lib), lib)
    bib = part(doc, "bibliography")
    assert plain(bib.blocks[0].spans) == "Sources"
    entries = [plain(e) for e in bib.blocks[1].entries]
    # Chicago alphabetises by the first element: the author "Ana Gómez" before "Example Institute"
    assert len(entries) == 2 and entries[0].startswith("Ana Gómez") and entries[1].startswith("Example Institute")
    # the URL in a citation is a link span
    assert any(s.url == "https://www.example.org/colombia/report-2012" for e in bib.blocks[1].entries for s in e)


def test_cited_sources_reach_the_processor_in_first_citation_order(lib):
    seen = []

    class Recording:
        style = "fake"

        def process(self, sources, requests):
            seen.extend(r.source_id for r in requests)
            seen.append([r.locator for r in requests])
            return CitedDocument("note", [[Run(r.source_id)] for r in requests], [], "Works")

        def attribution(self, source):
            return [Run(source.id)]

    compose(small_briefing(lib), lib, Recording())
    assert seen[:8] == ["alpha", "alpha", "beta", "alpha", "alpha", "alpha", "beta", "alpha"]
    assert seen[8] == ["1", "4", "1", "2", "3", "4", "2", "4"]  # the paragraph, as the locator


def test_stale_and_missing_excerpts_carry_a_notice(lib):
    b = small_briefing(lib)
    gone = excerpt(lib, "beta", 2)
    gone.source_id = "not-in-library"
    b.sections[2].items.append(gone)
    qs = quotes(composed(b, lib))
    assert [q.status for q in qs].count("stale") == 1 and qs[3].notice == STALE_TEXT
    assert qs[-1].status == "missing" and qs[-1].notice == MISSING_TEXT
    assert "not-in-library" in plain(qs[-1].citation) and qs[-1].citation[-1] == NoteRef(9)
    assert all(q.notice == "" for q in qs if q.status == "ok")
    doc = composed(b, lib)
    assert plain(doc.notes[-1].spans) == "Source “not-in-library” is not in the library."


def test_ellipses_and_comments(lib):
    qs = quotes(composed(small_briefing(lib), lib))
    assert plain(qs[2].spans) == "… Clinton credited Colombia for its security gains. …"
    assert plain(qs[2].comment) == "Comment: Use in remarks." and qs[2].comment[0].bold
    without = quotes(composed(small_briefing(lib), lib, include={"comments": False}))
    assert without[2].comment == []


def test_included_parts(lib):
    b = small_briefing(lib)
    assert [p.kind for p in composed(b, lib).parts] == ["cover", "contents", "section", "section", "section", "notes",
                                                       "bibliography"]
    doc = composed(b, lib, include={"cover": False, "toc": False, "sources": False})
    assert [p.kind for p in doc.parts] == ["section"] * 3
    assert doc.notes == [] and not any(isinstance(s, NoteRef) for q in quotes(doc) for s in q.citation)
    with pytest.raises(ValueError, match="unknown part"):
        composed(b, lib, include={"appendix": True})


def test_contents_lists_sections_then_notes_and_sources(lib):
    b = small_briefing(lib)
    b.sections[1].title = "  "
    contents = part(composed(b, lib), "contents").blocks[0]
    assert isinstance(contents, Contents)
    assert [(e.anchor, e.title) for e in contents.entries] == [
        ("sec1", "Extradition in Nariño"), ("sec2", "Section 2"), ("sec3", "Migration"), ("notes", "Notes"),
        ("sources", "Sources")]
    b.sections[0].title = "x" * 500
    long_entry = part(composed(b, lib), "contents").blocks[0].entries[0]
    assert len(long_entry.title) == 241 and long_entry.title.endswith("…")
    empty = part(composed(Briefing(), lib), "contents").blocks[0]
    assert empty.entries == [] and empty.empty_text


def test_study_layout_labels_excerpts_and_puts_summary_last(lib):
    doc = composed(small_briefing(lib), lib, layout="study")
    assert [q.label for q in quotes(doc)] == [f"Excerpt {n}" for n in range(1, 9)]
    first = part(doc, "section").blocks
    labels = [plain(b.spans) for b in first if isinstance(b, Paragraph) and b.role == "label"]
    assert labels == ["Summary", "Discussion questions"]
    assert isinstance(first[-1], RuledLines) and first[-1].count == 4 and first[-1].fill
    sections = [p for p in doc.parts if p.kind == "section"]
    assert [p.new_page for p in sections] == [False, True, True]
    memo = composed(small_briefing(lib), lib, layout="memo")
    assert all(q.label == "" for q in quotes(memo))
    blocks = part(memo, "section").blocks
    assert plain(blocks[1].spans) == "Key points" and isinstance(blocks[2], BulletList)
    assert not any(isinstance(b, RuledLines) for b in memo.blocks())
    assert not any(isinstance(b, BulletList) and b.role == "question" for b in memo.blocks())


def test_in_text_styles_get_parentheticals_and_no_note_numbers(lib):
    class AuthorDate:
        style = "author-date"

        def process(self, sources, requests):
            return CitedDocument("in-text", [[Run(f"({r.source_id}, para. {r.locator})")] for r in requests],
                                 [[Run(f"{s}.")] for s in sorted(sources)], "References")

        def attribution(self, source):
            return [Run(source.id)]

    doc = compose(small_briefing(lib), lib, AuthorDate())
    qs = quotes(doc)
    assert plain(qs[0].in_text) == "(alpha, para. 1)" and plain(qs[2].in_text) == "(beta, para. 1)"
    assert all(q.citation == [] for q in qs)
    assert doc.notes == [] and doc.note_placement == "none"
    assert [p.kind for p in doc.parts][-1] == "bibliography"
    assert "notes" not in [p.kind for p in doc.parts]
    bib = part(doc, "bibliography")
    assert plain(bib.blocks[0].spans) == "References"
    assert [plain(e) for e in bib.blocks[1].entries] == ["alpha.", "beta."]
    contents = part(doc, "contents").blocks[0]
    assert [e.title for e in contents.entries][-1] == "References"


def test_item_kinds_are_dispatched_through_one_table(lib, monkeypatch):
    from briefing.model import Note

    class Callout(Note):
        pass

    item = Callout("A boxed fact")
    item.kind = "callout"
    monkeypatch.setitem(ITEM_KINDS, "callout", lambda comp, it: [Paragraph([], role="callout")])
    b = Briefing(sections=[Section(title="S", items=[item])])
    assert any(isinstance(x, Paragraph) and x.role == "callout" for x in composed(b, lib).blocks())
    register_kind("callout", ITEM_KINDS["callout"])  # the public way in, same table
    item.kind = "unknown"
    with pytest.raises(ValueError, match="no composer"):
        composed(b, lib)


def test_subheadings_and_notes(lib):
    blocks = part(composed(small_briefing(lib), lib), "section").blocks
    sub = next(b for b in blocks if isinstance(b, Heading) and b.level == 2)
    assert plain(sub.spans) == "Background"
    note = next(b for b in blocks if isinstance(b, Paragraph) and b.role == "note")
    assert plain(note.spans) == "Note\u2003Check the figures with the desk."


def test_bad_layout_file_names_file_line_and_field(tmp_path):
    bad = tmp_path / "odd.yaml"
    bad.write_text("name: odd\nparent: memo\nnumbered_excerpts: perhaps\n", encoding="utf-8")
    (tmp_path / "memo.yaml").write_text(load_layout("memo").path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_layout(bad)
    assert err.value.line == 3 and err.value.field == "numbered_excerpts" and "true or false" in err.value.message
    unknown = tmp_path / "u.yaml"
    unknown.write_text("name: u\nparent: memo\ncolour: red\n", encoding="utf-8")
    with pytest.raises(ContentError, match="unknown setting 'colour'"):
        load_layout(unknown)
    partial = tmp_path / "p.yaml"
    partial.write_text("name: p\ncover: false\n", encoding="utf-8")
    with pytest.raises(ContentError, match="settings missing"):
        load_layout(partial)
    child = tmp_path / "child.yaml"
    child.write_text("name: child\nparent: memo\ncover: false\n", encoding="utf-8")
    layout = load_layout(child)
    assert layout["cover"] is False and layout["key_points_title"] == "Key points"


def test_a_briefing_without_a_layout_uses_the_one_named_like_its_theme(lib):
    b = small_briefing(lib)
    b.meta.theme = "study"
    assert quotes(composed(b, lib))[0].label == "Excerpt 1"
    b.meta.theme = "memo"
    assert quotes(composed(b, lib))[0].label == ""
