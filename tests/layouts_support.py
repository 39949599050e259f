"""Briefings made from the bundled library for the layout tests, and read-back helpers for the
three formats (pypdf, python-docx and the DOCX package, html5lib)."""

from __future__ import annotations

import io
import re
import zipfile

import html5lib
import pytest

MARKING = "UNCLASSIFIED // FOR OFFICIAL USE ONLY"
NS = "{http://www.w3.org/1999/xhtml}"


def open_library():
    from briefing.library import Library
    from briefing.search import SearchIndex

    library = Library.load()
    index = SearchIndex.open()
    index.update(library)
    return library, index


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """The bundled library and its index under a home of its own, once per test module
    (import it into a test module to use it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_BOOK_HOME", str(tmp_path_factory.mktemp("home")))
        yield open_library()


def draft(library, index, topics, per_topic=2, **meta):
    """A briefing assembled from topics, as `briefing-book build --topic` makes it."""
    from briefing.model.assemble import assemble

    briefing = assemble(library, index, list(topics), per_topic=per_topic)
    for key, value in meta.items():
        setattr(briefing.meta, key, value)
    return briefing


def export_bytes(briefing, library, fmt: str, layout: str):
    from briefing.writers import export

    return export(briefing, library, None, format=fmt, layout=layout)


def pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


FURNITURE_BAND = 56  # points from the top and bottom edge: marking, running header, page number


def pdf_furniture(page) -> list[str]:
    """The text pieces a page draws in its top and bottom bands (above and below the text frame),
    with their positions read through pypdf's text visitor."""
    height = float(page.mediabox.top)
    found: list[str] = []

    def visit(text, cm, tm, font, size):
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and (y > height - FURNITURE_BAND or y < FURNITURE_BAND):
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return found


def pdf_body_lines(data: bytes) -> list[list[str]]:
    """Per page, the lines of text without the page's furniture (each furniture piece removes one
    line equal to it, so a cover's marking paragraph stays while the banners go)."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        lines = [line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
        for piece in pdf_furniture(page):
            if piece in lines:
                lines.remove(piece)
        pages.append(lines)
    return pages


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    import docx

    return [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def docx_part(data: bytes, pattern: str) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [z.read(n).decode("utf-8") for n in z.namelist() if re.fullmatch(pattern, n)]


def html_tree(data: bytes):
    return html5lib.parse(data.decode("utf-8"))


def html_text(tree) -> str:
    main = next(tree.iter(NS + "main"))
    return re.sub(r"\s+", " ", "".join(main.itertext()))


def in_order(text: str, *needles: str) -> bool:
    """Every needle occurs in ``text``, each after the one before."""
    at = 0
    for needle in needles:
        found = text.find(needle, at)
        if found < 0:
            return False
        at = found + len(needle)
    return True
