"""The briefing book from the bundled library in PDF, DOCX and HTML, read back: a cover, a tab
index whose entries match the tabs, each tab on a new page with its letter in the page header,
bios/logistics sections as plain notes, and a warning for talking points over a page."""

from __future__ import annotations

import re

import pytest

from tests.layouts_support import library, MARKING, NS, docx_paragraphs, docx_part, draft, export_bytes, html_tree, pdf_pages

LAYOUT = "book"
TABS = ["Tab A: Extradition", "Tab B: Visitors", "Tab C: Migration"]


@pytest.fixture(scope="module")
def book(library):
    lib, index = library
    briefing = draft(lib, index, ["extradition", "training", "migration"], per_topic=2, marking=MARKING,
                     event="Bilateral meeting, Bogotá", prepared_for="The Secretary", date="20 October 2021")
    first, bios, third = briefing.sections
    first.title, bios.title, third.title = "Extradition", "Visitors", "Migration"
    first.purpose = "Why extradition comes up in the meeting."
    first.talking_points = ["We value Colombia's cooperation on extradition."]
    bios.kind = "bios"
    return briefing


def header_texts(data: bytes) -> list[str]:
    """Per page, the text drawn above the text frame (marking, running header), read with pypdf's visitor."""
    import io

    from pypdf import PdfReader

    out = []
    for page in PdfReader(io.BytesIO(data)).pages:
        top = float(page.mediabox.top) - 56  # above the text frame (0.9 in), below the page edge
        found: list[str] = []

        def visit(text, cm, tm, font, size, found=found, top=top):
            if text.strip() and tm[5] * cm[3] + cm[5] > top:
                found.append(text.strip())

        page.extract_text(visitor_text=visit)
        out.append(" ".join(found))
    return out


def test_pdf_tabs_start_pages_with_the_letter_in_the_header(library, book):
    lib, _ = library
    data = export_bytes(book, lib, "pdf", LAYOUT).data
    pages, headers = pdf_pages(data), header_texts(data)
    cover = pages[0]
    for value in ("Bilateral meeting, Bogotá", "20 October 2021", "The Secretary", MARKING):
        assert value in cover
    index_at = next(i for i, p in enumerate(pages) if "Tab index" in p)
    assert [t for t in TABS if t in pages[index_at]] == TABS
    starts = []
    for tab in TABS:
        at = next(i for i, p in enumerate(pages) if i != index_at and tab in p)
        starts.append(at)
        body = [line.strip() for line in pages[at].splitlines()
                if line.strip() and line.strip() != MARKING and line.strip() not in headers[at]
                and not re.fullmatch(r"Page \d+ of \d+", line.strip())]
        assert body[0] == tab, "the tab's heading is the first thing on its page"
        assert headers[at].endswith(tab.split(":")[0]), headers[at]
    assert starts == sorted(set(starts)), "each tab on its own page, in order"
    notes_at = next(i for i, p in enumerate(pages) if i > starts[-1] and p.lstrip().find("Notes") >= 0)
    assert "Tab " not in headers[notes_at], "the notes after the tabs carry no tab label"


def test_docx_each_tab_a_heading_1_after_a_page_break_and_index_matches(library, book):
    lib, _ = library
    data = export_bytes(book, lib, "docx", LAYOUT).data
    paragraphs = docx_paragraphs(data)
    assert [t for s, t in paragraphs if s == "Heading 1" and t.startswith("Tab ")] == TABS
    entries = [t for s, t in paragraphs if s == "Contents Entry"]
    assert entries[:3] == TABS
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    body = etree.fromstring(docx_part(data, r"word/document\.xml")[0].encode(), parser).find(w + "body")
    paragraphs_xml = list(body.iter(w + "p"))
    for i, p in enumerate(paragraphs_xml):
        style = p.find(f"{w}pPr/{w}pStyle")
        text = "".join(t.text or "" for t in p.iter(w + "t"))
        if style is not None and style.get(w + "val") == "Heading1" and text.startswith("Tab "):
            previous = paragraphs_xml[i - 1]
            assert [b.get(w + "type") for b in previous.iter(w + "br")] == ["page"], text
    assert all(MARKING in h for h in docx_part(data, r"word/header\d*\.xml"))


def test_html_tabs_index_links_and_plain_bios(library, book):
    lib, _ = library
    tree = html_tree(export_bytes(book, lib, "html", LAYOUT).data)
    sections = [s for s in tree.iter(NS + "section") if "section" in s.get("class", "").split()]
    titles = ["".join(s.find(NS + "h2").itertext()) for s in sections]
    assert titles == TABS
    assert all("new-page" in s.get("class") for s in sections)
    nav = next(tree.iter(NS + "nav"))
    links = [(a.get("href"), re.sub(r"\s+", " ", "".join(a.itertext()))) for a in nav.iter(NS + "a")]
    ids = [s.find(NS + "h2").get("id") for s in sections]
    assert links[:3] == [("#" + i, t) for i, t in zip(ids, TABS)]
    # printed, each tab's pages carry its letter in the top margin: a CSS named page per tab (CSS Paged
    # Media 3 'page' property) whose @top-right box holds the label, hex-escaped
    style = "".join("".join(e.itertext()) for e in tree.iter(NS + "style"))
    for section, tab in zip(sections, TABS):
        named = next(c for c in section.get("class").split() if re.fullmatch(r"part\d+", c))
        rule = re.search(r"@page " + named + r' \{ @top-right \{ content: "([^"]*)"', style)
        label = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), rule.group(1))
        assert label == tab.split(":")[0]
        assert re.search(r"\." + named + r" \{ page: " + named + r"; \}", style)
    bios = sections[1]
    assert not list(bios.iter(NS + "blockquote")), "a bios tab prints plain notes, not excerpt blocks"
    assert "According to" in "".join(bios.itertext())
    first = "".join(sections[0].itertext())
    assert "Purpose" in first and "Talking points" in first and list(sections[0].iter(NS + "blockquote"))


def test_talking_points_over_a_page_warn(library, book):
    from briefing.compose import compose

    lib, _ = library
    assert not compose(book, lib, layout=LAYOUT).warnings
    saved = book.sections[0].talking_points
    book.sections[0].talking_points = [f"Point {i}: " + "we will keep working together on this. " * 4
                                       for i in range(20)]
    try:
        warnings = compose(book, lib, layout=LAYOUT).warnings
    finally:
        book.sections[0].talking_points = saved
    assert any("Tab A" in w and "one page" in w for w in warnings)
