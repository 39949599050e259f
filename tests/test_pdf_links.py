"""Links in the PDF: an endnote or source entry whose URL is its only target is one link over the
entry (clicking the entry opens the source), its URL printed in the text colour unless the theme
gives links a colour of their own; a note reference is printed in superior figures."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from briefing import paths
from briefing.compose.document import NoteRef, Span
from briefing.writers import export
from briefing.writers.pdf.flowables import LinkedParagraph
from briefing.writers.pdf.markup import paragraph_url, spans_markup

from export_helpers import URL, make_library, reader, small_briefing

RED_FILL = b" .666667 0 0 rg"  # #aa0000 as reportlab writes a fill colour
BLUE_FILL = b" .101961 .298039 .545098 rg"  # #1a4c8b, the links' colour before themes left it to the text


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return make_library(tmp_path_factory.mktemp("lib"))


def link_rects(pdf) -> list[tuple[int, list[float]]]:
    """(page index, rectangle) of every link annotation to ``URL``."""
    out = []
    for i, page in enumerate(reader(pdf).pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if action is not None and action.get("/URI") == URL:
                out.append((i, [float(v) for v in annot["/Rect"]]))
    return out


def url_positions(pdf) -> list[tuple[int, float, float]]:
    """(page index, x, y) where a piece of the URL's text is drawn."""
    out = []
    for i, page in enumerate(reader(pdf).pages):
        def visit(text, cm, tm, font, size, i=i):
            if "example.org" in text:
                out.append((i, cm[4] + tm[4], cm[5] + tm[5]))
        page.extract_text(visitor_text=visit)
    return out


def page_streams(pdf) -> list[bytes]:
    return [page.get_contents().get_data() for page in reader(pdf).pages]


def test_the_link_covers_the_entry_where_its_url_is_printed(lib, tmp_path):
    out = tmp_path / "memo.pdf"
    export(small_briefing(lib), lib, out)
    rects, printed = link_rects(out), url_positions(out)
    assert printed and rects
    for page, x, y in printed:  # every printed URL can be clicked where it stands
        assert any(p == page and r[0] - 1 <= x <= r[2] and r[1] - 1 <= y <= r[3] + 1 for p, r in rects), (page, x, y)
    # one link per entry, not one per line or word
    assert len(rects) == len(printed)


def test_urls_print_in_the_text_colour_unless_the_theme_colours_links(lib, tmp_path):
    plain = tmp_path / "plain.pdf"
    export(small_briefing(lib), lib, plain)
    assert not any(RED_FILL in s or BLUE_FILL in s for s in page_streams(plain))

    folder = paths.user_data_dir() / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "red-links.yaml").write_text('parent: memo\ncolors:\n  link: "#aa0000"\n', encoding="utf-8")
    red = tmp_path / "red.pdf"
    export(small_briefing(lib), lib, red, theme="red-links")
    assert any(RED_FILL in s for s in page_streams(red))
    assert len(link_rects(red)) == len(link_rects(plain))  # the same links either way


def test_one_target_per_paragraph_or_none():
    one = [Span("Title", italic=True), Span(". "), Span(URL, url=URL), Span(".")]
    assert paragraph_url(one) == URL
    assert paragraph_url([Span("no link")]) is None
    assert paragraph_url([Span("a", url=URL), Span("b", url="https://other.example/")]) is None
    assert paragraph_url([Span("a", url="javascript:alert(1)")]) is None
    # the whole-paragraph form prints the URL as text: no <a>, and no colour unless asked
    assert spans_markup(one, None, links=False) == f"<i>Title</i>. {URL}."
    assert spans_markup(one, "#aa0000", links=False) == f'<i>Title</i>. <font color="#aa0000">{URL}</font>.'


def test_note_references_are_superior_figures():
    assert spans_markup([Span("Forero, 2017"), NoteRef(1234567890)]) == "Forero, 2017\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u2070"


def test_an_entry_split_across_pages_is_a_link_on_both(tmp_path):
    from briefing.writers.pdf.fonts import register_fonts
    from briefing.writers.pdf.fonts import font_name

    register_fonts()
    style = ParagraphStyle("entry", fontName=font_name("serif"), fontSize=10, leading=12)
    para = LinkedParagraph(" ".join(["A long entry that runs over a page."] * 60) + " " + URL, style)
    para.bb_url = URL
    out = tmp_path / "split.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=(300, 300))
    doc.build([para])
    pages = {page for page, _ in link_rects(out)}
    assert len(reader(out).pages) >= 2 and pages == set(range(len(reader(out).pages)))
