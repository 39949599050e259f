"""The information memo, exported from the bundled library in PDF, DOCX and HTML and read back:
marking on every page, the heading block, BLUF before Background, attribution in the sentence,
no note numbers; the two-page budget says by how much a ten-topic memo is over."""

from __future__ import annotations

import re

import pytest

from tests.layouts_support import (library, MARKING, docx_paragraphs, docx_part, draft, export_bytes, html_text, html_tree,
                                   in_order, pdf_pages)

LAYOUT = "info-memo"
HEADING_BLOCK = ("MEMORANDUM FOR:", "FROM:", "DATE:", "SUBJECT:")  # the memo heading block
SUMMARY = "Colombia remains the closest U.S. security partner in the region."


@pytest.fixture(scope="module")
def memo(library):
    lib, index = library
    briefing = draft(lib, index, ["extradition"], per_topic=2, marking=MARKING, prepared_for="The Secretary",
                     prepared_by="WHA/AND", date="20 October 2021", summary=SUMMARY)
    briefing.sections[0].key_points = ["Extradition remains a pillar of the relationship."]
    briefing.sections[0].talking_points = ["We value Colombia's cooperation on extradition."]
    return briefing


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def first_excerpt(briefing, lib):
    excerpt = briefing.all_excerpts()[0]
    return excerpt, lib.sources[excerpt.source_id]


def test_pdf_memo_parts_in_order_and_marking_on_every_page(library, memo):
    lib, _ = library
    result = export_bytes(memo, lib, "pdf", LAYOUT)
    pages = pdf_pages(result.data)
    for page in pages:
        assert page.count(MARKING) >= 2, "marking at top and bottom of every page"
    text = flat(" ".join(pages))
    assert in_order(text, *HEADING_BLOCK, "BLUF:", SUMMARY, "Background", "Key points", "Talking points",
                    "Prepared by: WHA/AND")
    assert "Notes" not in text.split("Talking points")[-1]  # no endnotes part


def test_attribution_in_the_sentence_without_note_numbers(library, memo):
    lib, _ = library
    excerpt, source = first_excerpt(memo, lib)
    html = html_tree(export_bytes(memo, lib, "html", LAYOUT).data)
    text = html_text(html)
    assert "According to " in text
    sentence = text[text.index("According to "):]
    # the exact source words, in quotation marks, in the same sentence as the attribution
    assert f"\u201c{excerpt.text}" in sentence.split("According to ")[1]
    assert not [a for a in html.iter() if isinstance(a.tag, str) and a.get("role") == "doc-noteref"]
    words = [w for w in (source.publisher or "").split() if w.isalpha()]
    assert not words or words[0] in sentence.split("\u201c")[0]


def test_docx_memo_heading_block_bluf_before_background_marking_in_header_footer(library, memo):
    lib, _ = library
    data = export_bytes(memo, lib, "docx", LAYOUT).data
    paragraphs = docx_paragraphs(data)
    text = " ".join(t for _, t in paragraphs)
    assert in_order(text, *HEADING_BLOCK, "BLUF:", "Background", "Key points", "Talking points")
    assert ("Heading 1", "Background") in paragraphs
    assert all(MARKING in h for h in docx_part(data, r"word/header\d*\.xml"))
    assert any(MARKING in f for f in docx_part(data, r"word/footer\d*\.xml"))
    assert "<w:footnoteReference" not in docx_part(data, r"word/document\.xml")[0]


def test_short_memo_fits_its_budget_and_ten_topics_are_over_by_an_amount(library, memo):
    from briefing.writers import budget

    lib, index = library
    short = budget.check(memo, lib, LAYOUT)
    assert short.fits and short.budget == 2 and "Fits the 2-page budget" in short.message
    everything = draft(lib, index, list(lib.topics), per_topic=4, marking=MARKING, summary=SUMMARY)
    assert len(everything.sections) == 10
    verdict = budget.check(everything, lib, LAYOUT)
    assert not verdict.fits and verdict.over == verdict.pages - 2 >= 1
    assert f"{verdict.pages} pages, {verdict.over} page" in verdict.message
    assert "info-memo-attachment" in verdict.offer
    moved = budget.check(everything, lib, "info-memo-attachment")
    assert moved.attachment_pages >= 1 and moved.pages < verdict.pages


def test_bluf_over_four_lines_warns(library, memo):
    from briefing.compose import compose

    lib, _ = library
    assert not compose(memo, lib, layout=LAYOUT).warnings
    memo.meta.summary = " ".join([SUMMARY] * 8)  # ~530 characters: more than four printed lines
    try:
        warnings = compose(memo, lib, layout=LAYOUT).warnings
    finally:
        memo.meta.summary = SUMMARY
    assert any("BLUF" in w and "4" in w for w in warnings)


def test_designation_block_on_page_one_only(library, memo):
    lib, _ = library
    memo.meta.designation = "Controlled by: WHA/AND\nCUI Category: Law Enforcement\nPOC: J. Smith"
    try:
        pages = pdf_pages(export_bytes(memo, lib, "pdf", LAYOUT).data)
        paragraphs = docx_paragraphs(export_bytes(memo, lib, "docx", LAYOUT).data)
    finally:
        memo.meta.designation = ""
    first = flat(pages[0])
    assert in_order(first, "Controlled by: WHA/AND", "CUI Category: Law Enforcement", "POC: J. Smith",
                    "MEMORANDUM FOR:")
    assert all("Controlled by" not in page for page in pages[1:])
    assert paragraphs[0][1].startswith("Controlled by: WHA/AND") and paragraphs[0][0] == "Designation"
