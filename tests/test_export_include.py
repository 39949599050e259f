"""The export dialog's "what to include" choices change the PDF a user gets."""

from __future__ import annotations

import pytest

from briefing.writers import export

from export_helpers import flat, make_library, page_texts, reader, small_briefing


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return make_library(tmp_path_factory.mktemp("lib"))


def _export(lib, tmp_path, include):
    briefing = small_briefing(lib)
    out = tmp_path / "out.pdf"
    export(briefing, lib, out, include=include)
    return briefing, [flat(t) for t in page_texts(out)], reader(out)


def test_everything_is_included_by_default(lib, tmp_path):
    _, pages, _ = _export(lib, tmp_path, None)
    text = " ".join(pages)
    assert "Contents" in text and "Bibliography" in text and "Notes" in text  # Chicago's own heading


def test_without_cover_and_contents_the_first_page_is_a_section(lib, tmp_path):
    briefing, pages, pdf = _export(lib, tmp_path, {"cover": False, "toc": False})
    assert "Contents" not in pages[0]
    assert flat(briefing.sections[0].title) in pages[0]
    assert len(pdf.outline) >= len(briefing.sections)


def test_without_sources_there_are_no_notes_or_sources_lists(lib, tmp_path):
    _, pages, _ = _export(lib, tmp_path, {"sources": False})
    text = " ".join(pages)
    assert "Bibliography" not in text and "Notes" not in text


def test_comments_can_be_left_out(lib, tmp_path):
    briefing, _, _ = _export(lib, tmp_path, None)
    comment = next(e.comment for e in briefing.all_excerpts() if e.comment)
    _, pages, _ = _export(lib, tmp_path, {"comments": False})
    assert flat(comment) not in " ".join(pages)


def test_unknown_part_is_refused(lib, tmp_path):
    with pytest.raises(ValueError, match="unknown part"):
        _export(lib, tmp_path, {"appendix": True})
