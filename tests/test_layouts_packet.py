"""The study packet from the bundled library in PDF, DOCX and HTML, read back: numbered readings
each with a citation and a "for study use" notice, a summary and questions per section, room for
notes sized to the content, a glossary sorted as a reader looks terms up, continuous page numbers."""

from __future__ import annotations

import re

import pytest

from tests.layouts_support import library, NS, docx_paragraphs, draft, export_bytes, html_text, html_tree, in_order, pdf_pages

LAYOUT = "packet"
# deliberately out of order, with case and an accent: a reader's order is Ávila, coca, Extradition, Plan Colombia
GLOSSARY = {"Plan Colombia": "U.S. aid package for Colombia, 2000–2015.", "coca": "The plant cocaine is made from.",
            "Extradition": "Handing a suspect over to another country's courts.", "Ávila": "A surname, for the sort test."}
SORTED_TERMS = ["Ávila", "coca", "Extradition", "Plan Colombia"]


@pytest.fixture(scope="module")
def packet(library):
    lib, index = library
    briefing = draft(lib, index, ["extradition", "migration"], per_topic=1, theme="study")
    briefing.sections[1].items += draft(lib, index, ["migration"], per_topic=3).sections[0].items[1:]
    for number, section in enumerate(briefing.sections, 1):
        section.key_points = [f"Summary point of section {number}."]
        section.discussion_questions = [f"Question {number}a?", f"Question {number}b?"]
    briefing.glossary = dict(GLOSSARY)
    return briefing


def test_pdf_readings_questions_glossary_and_page_numbers(library, packet):
    lib, _ = library
    pages = pdf_pages(export_bytes(packet, lib, "pdf", LAYOUT).data)
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in page  # continuous numbering, cover to sources
    text = re.sub(r"\s+", " ", " ".join(pages))
    assert in_order(text, "Summary point of section 1.", "Reading 1", "For study use", "Discussion questions",
                    "Question 1a?", "Question 1b?", "Your notes",
                    "Summary point of section 2.", "Reading 2", "For study use", "Reading 3", "For study use",
                    "Question 2a?", "Question 2b?", "Your notes", "Glossary", *SORTED_TERMS)


def test_html_notes_room_fits_the_content_and_each_reading_is_cited(library, packet):
    lib, _ = library
    tree = html_tree(export_bytes(packet, lib, "html", LAYOUT).data)
    sections = [s for s in tree.iter(NS + "section") if "section" in s.get("class", "").split()]
    lines = [len([d for d in s.iter(NS + "div") if d.get("class") == "line"]) for s in sections]
    readings = [len(list(s.iter(NS + "blockquote"))) for s in sections]
    assert readings == [1, 3]
    assert 0 < lines[0] < lines[1] <= 20, "a one-reading section gets a few lines, a longer one more"
    for section in sections:
        for figure in section.iter(NS + "figure"):
            assert "".join(figure.find(f".//{NS}cite").itertext()).strip()
    text = html_text(tree)
    assert text.count("For study use:") == sum(readings) == 4
    glossary = next(s for s in tree.iter(NS + "section") if "glossary" in s.get("class", "").split())
    terms = ["".join(row.find(NS + "td").itertext()) for row in glossary.iter(NS + "tr")]
    assert terms == SORTED_TERMS


def test_docx_glossary_sorted_and_questions_per_section(library, packet):
    import io

    import docx

    lib, _ = library
    data = export_bytes(packet, lib, "docx", LAYOUT).data
    document = docx.Document(io.BytesIO(data))
    glossary = document.tables[-1]
    assert [row.cells[0].text for row in glossary.rows] == SORTED_TERMS
    text = " ".join(t for _, t in docx_paragraphs(data))
    assert in_order(text, "Discussion questions", "Question 1a?", "Question 1b?",
                    "Discussion questions", "Question 2a?", "Question 2b?")
    assert [t for s, t in docx_paragraphs(data) if s == "Heading 1"][:2] == [s.title for s in packet.sections]


def test_glossary_is_saved_and_opened_with_the_briefing(tmp_path, packet):
    from briefing.model import storage

    path = tmp_path / "packet.briefing.yaml"
    storage.save(packet, path)
    assert storage.load(path).glossary == GLOSSARY
