"""The bottom line a staffer types (``meta.summary``) is printed whichever layout they export, and
the classic memo prints the talking points they typed; a new briefing is an information memo while
an old file without a layout keeps its look."""

from __future__ import annotations

import re

import pytest

from tests.layouts_support import library, draft, export_bytes, pdf_pages

SUMMARY = "Colombia remains the closest U.S. security partner in the region."
TALKING_POINT = "We value Colombia's cooperation on extradition."
# where each layout prints the summary, and what it calls it
LABELS = {"memo": "Bottom line:", "study": "Summary:", "book": "Bottom line:", "packet": "Summary:",
          "info-memo": "BLUF:", "info-memo-attachment": "BLUF:"}


@pytest.fixture(scope="module")
def briefing(library):
    lib, index = library
    made = draft(lib, index, ["extradition", "training"], per_topic=1, summary=SUMMARY, title="Colombia visit")
    made.sections[0].talking_points = [TALKING_POINT]
    return made


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_layout_is_checked():
    from briefing import registry

    assert set(registry.layouts().names()) == set(LABELS)


@pytest.mark.parametrize("layout", sorted(LABELS))
def test_summary_printed_in_every_layout_before_the_first_section(library, briefing, layout):
    pages = [flat(p) for p in pdf_pages(export_bytes(briefing, library[0], "pdf", layout).data)]
    text = " ".join(pages)
    lead = f"{LABELS[layout]} {SUMMARY}"
    assert lead in text
    first_section = flat(briefing.sections[0].title)
    # after the cover and the contents (whose entries name the sections), before the first section's text
    at = text.index(lead)
    assert first_section in text[at:]
    if layout in ("memo", "study", "packet"):
        page = next(p for p in pages if lead in p)
        assert page.index(lead) < page.index(first_section)


def test_book_prints_the_bottom_line_at_the_head_of_the_tab_index(library, briefing):
    pages = [flat(p) for p in pdf_pages(export_bytes(briefing, library[0], "pdf", "book").data)]
    index_page = next(p for p in pages if "Tab index" in p)
    assert f"Bottom line: {SUMMARY}" in index_page


@pytest.mark.parametrize("layout", ["memo", "study", "book", "packet"])
def test_no_summary_no_label(library, briefing, layout):
    import copy

    empty = copy.deepcopy(briefing)
    empty.meta.summary = "  "
    text = flat(" ".join(pdf_pages(export_bytes(empty, library[0], "pdf", layout).data)))
    assert LABELS[layout] not in text


def test_classic_memo_prints_talking_points_study_does_not(library, briefing):
    memo = flat(" ".join(pdf_pages(export_bytes(briefing, library[0], "pdf", "memo").data)))
    assert f"Talking points {TALKING_POINT}" in memo.replace("• ", "")
    study = flat(" ".join(pdf_pages(export_bytes(briefing, library[0], "pdf", "study").data)))
    assert TALKING_POINT not in study


def test_new_briefing_is_an_information_memo_old_file_keeps_its_look(tmp_path):
    from briefing.compose import layout_for
    from briefing.model import storage
    from briefing.session import DocumentSession

    session = DocumentSession(None)
    assert layout_for(session.briefing.meta).name == "info-memo"
    session.briefing.meta.layout = "book"
    session.new()
    assert layout_for(session.briefing.meta).name == "info-memo"
    old = "schema: briefing-book/1\nmeta:\n  title: Old\n  theme: study\nsections: []\n"
    assert layout_for(storage.from_yaml(old).meta).name == "study"
