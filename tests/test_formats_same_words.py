"""One briefing, three formats, the same words: the text extracted from the PDF (pypdf), the
DOCX (its XML parts) and the HTML (html5lib) is the same sequence of words, modulo furniture
(marking, running header, page numbers, note numbers, contents leaders).

Notes are compared on their own: the PDF prints them as endnotes after the sections, Word as
real footnotes (word/footnotes.xml), the HTML as a linked list.  Words are compared as letters
only, lower-cased (the PDF cover prints its labels in capitals; digits and superior figures
are where note and page numbers live)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree

from tests.layouts_support import MARKING, NS, draft, export_bytes, html_tree, open_library, pdf_body_lines

# letters only: not digits, nor the superior figures (¹²³⁴…) the PDF prints note references in
WORD = re.compile(r"[^\W\d_\u00b2\u00b3\u00b9\u2070-\u2079]+")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_BOOK_HOME", str(tmp_path_factory.mktemp("home")))
        yield open_library()


def pdf_body_and_notes(data: bytes, notes_title: str, end_title: str) -> tuple[list, list]:
    text = "\n".join(line for page in pdf_body_lines(data) for line in page)
    # the notes part: its heading is a line of its own after the last section
    start = text.rindex("\n" + notes_title + "\n")
    end = text.index("\n" + end_title + "\n", start)
    return words(text[:start] + text[end:]), words(text[start + len(notes_title) + 1:end])


def docx_body_and_notes(data: bytes) -> tuple[list, list]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml"), parser)
        notes = etree.fromstring(z.read("word/footnotes.xml"), parser)

    def text(root):
        return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p"))

    return words(text(body)), words(text(notes))


def html_body_and_notes(data: bytes) -> tuple[list, list]:
    tree = html_tree(data)
    main = next(tree.iter(NS + "main"))
    notes = [ol for ol in main.iter(NS + "ol") if ol.get("class") == "notes"]

    def text(element, skip):
        out = []

        def walk(node):
            if isinstance(node.tag, str) and skip(node):
                if node.tail:
                    out.append(node.tail)
                return
            if node.text:
                out.append(node.text)
            for child in node:
                walk(child)
            if node.tail and node is not element:
                out.append(node.tail)

        walk(element)
        return " ".join(out)

    def furniture(node):
        classes = (node.get("class") or "").split()
        notes_part = node.tag == NS + "section" and "notes" in classes  # heading and list, compared apart
        return "furniture" in classes or "noteref" in classes or "backlink" in classes or notes_part

    note_words = words(" ".join(text(ol, lambda n: "backlink" in (n.get("class") or "").split()) for ol in notes))
    return words(text(main, furniture)), note_words


@pytest.mark.parametrize("layout", ["memo", "packet", "book"])
def test_pdf_docx_html_have_the_same_words(library, layout):
    from briefing.compose import compose

    lib, index = library
    briefing = draft(lib, index, ["extradition", "migration", "training"], per_topic=2, marking=MARKING,
                     prepared_for="The Secretary", date="20 October 2021")
    document = compose(briefing, lib, layout=layout)
    notes_part = next(p for p in document.parts if p.kind == "notes")
    end_part = document.parts[document.parts.index(notes_part) + 1]
    pdf = export_bytes(briefing, lib, "pdf", layout).data
    pdf_body, pdf_notes = pdf_body_and_notes(pdf, notes_part.title, end_part.title)
    docx_body, docx_notes = docx_body_and_notes(export_bytes(briefing, lib, "docx", layout).data)
    html_body, html_notes = html_body_and_notes(export_bytes(briefing, lib, "html", layout).data)

    assert docx_notes == pdf_notes == html_notes
    assert len(pdf_notes) > 50
    assert html_body == pdf_body
    # Word's notes are footnotes, so its contents list has no entry for an endnotes part: the
    # first occurrence of that entry's words (the contents come before any section) is not there
    entry = words(notes_part.title)
    at = next(i for i in range(len(pdf_body)) if pdf_body[i:i + len(entry)] == entry)
    assert docx_body == pdf_body[:at] + pdf_body[at + len(entry):]


def test_information_memo_same_words_and_no_notes_anywhere(library):
    lib, index = library
    briefing = draft(lib, index, ["extradition", "migration"], per_topic=1, marking=MARKING,
                     prepared_for="The Secretary", prepared_by="WHA/AND", summary="The bottom line, first.")
    pdf_lines = [line for page in pdf_body_lines(export_bytes(briefing, lib, "pdf", "info-memo").data) for line in page]
    docx_body, docx_notes = docx_body_and_notes(export_bytes(briefing, lib, "docx", "info-memo").data)
    html_body, html_notes = html_body_and_notes(export_bytes(briefing, lib, "html", "info-memo").data)
    assert words("\n".join(pdf_lines)) == docx_body == html_body
    assert docx_notes == html_notes == []
