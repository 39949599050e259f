"""The export's keep-together group for plain paragraphs lays out exactly as reportlab's."""

from __future__ import annotations

import pytest
from reportlab.platypus import KeepTogether, PageBreak

from briefing.writers.pdf import render
from briefing.writers.pdf.coverage import SafeParagraph
from briefing.writers.pdf.flowables import PlainKeepTogether, keep_together
from briefing.writers.pdf.fonts import register_fonts
from briefing.writers.pdf.pdf import render_pdf_bytes
from briefing.writers.pdf.styles import build_styles
from briefing.writers.themes import load_theme

from test_export_helpers import make_library, small_briefing


def test_only_paragraphs_and_spacers_take_it():
    register_fonts()
    para = SafeParagraph("x", build_styles(load_theme("memo"))["body"])
    assert type(keep_together([para])) is PlainKeepTogether
    assert type(keep_together([para, PageBreak()])) is KeepTogether
    with pytest.raises(TypeError):
        PlainKeepTogether([para, PageBreak()])


@pytest.mark.parametrize("theme", ["memo", "study"])
def test_a_whole_export_is_byte_identical_to_reportlabs_keep_together(tmp_path, monkeypatch, theme):
    lib = make_library(tmp_path)
    briefing = small_briefing(lib)
    for section in briefing.sections:  # enough excerpts that groups meet page ends
        section.items = section.items * 6
    ours, pages = render_pdf_bytes(briefing, lib, theme=theme, deterministic=True)
    with monkeypatch.context() as m:
        m.setattr(render, "keep_together", KeepTogether)
        theirs, _ = render_pdf_bytes(briefing, lib, theme=theme, deterministic=True)
    assert pages > 6 and ours == theirs


def test_a_gap_is_a_spacer_that_writes_no_empty_graphics_state():
    import io
    import re

    import pypdf
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from briefing.writers.pdf.flowables import Gap

    register_fonts()
    st = build_styles(load_theme("memo"))["body"]

    def page_stream(spacer_class) -> bytes:
        buf = io.BytesIO()
        doc = SimpleDocTemplate(buf, invariant=1)
        doc.build([SafeParagraph("one", st), spacer_class(1, 40), SafeParagraph("two", st)])
        return pypdf.PdfReader(buf).pages[0].get_contents().get_data()

    spacer, gap = page_stream(Spacer), page_stream(Gap)
    empty_state = re.compile(rb"q\n1 0 0 1 [-\d.]+ [-\d.]+ cm\nQ\n")
    assert len(empty_state.findall(spacer)) == 1
    assert gap == empty_state.sub(b"", spacer)  # the paragraphs sit where they did
