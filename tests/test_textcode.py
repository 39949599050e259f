"""The export's own text coding (briefing/writers/pdf/textcode.py) writes what reportlab writes."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from briefing.writers.pdf import page_templates
from briefing.writers.pdf.fonts import font_name, register_fonts
from briefing.writers.pdf.pdf import render_pdf_bytes
from briefing.writers.pdf.textcode import TableCodedTextObject

from test_export_helpers import HOSTILE, SPANISH, make_library, small_briefing

# more distinct characters than one subset holds (so later ones go to subsets 1 and 2),
# PDF string specials, no-break and doubled spaces, repeats of text already coded
STRINGS = [
    "plain words", "", "  doubled  spaces ", "nbsp\u00a0here and\u00a0\u00a0there", "(paren) back\\slash ) (",
    SPANISH, "".join(map(chr, range(0x391, 0x3CA))), "".join(map(chr, range(0x410, 0x450))),
    "".join(map(chr, range(0xC0, 0x180))), "plain words (paren) Ávila", "Ωmega and ж and Ā mixed in a line",
    "".join(map(chr, range(0x1E00, 0x1E9B))), "\u00a0", " ", "end \u2014 “quoted” ‘x’ …",
]


def _draw(text_object_class) -> tuple[list[str], bytes]:
    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=1)
    codes = []
    for face in ("regular", "italic"):
        for size in (9.5, 12):
            tx = text_object_class(canvas, 72, 700)
            tx.setFont(font_name("serif", face), size, size * 1.25)
            for text in STRINGS + STRINGS[::-1]:
                codes.append(tx._formatText(text))
                tx.textLine(text)
            canvas.drawText(tx)
    canvas.save()
    return codes, buf.getvalue()


def test_every_string_is_coded_as_reportlab_codes_it():
    register_fonts()
    ours, our_file = _draw(TableCodedTextObject)
    theirs, their_file = _draw(PDFTextObject)
    assert ours == theirs
    assert any("+1 " in code for code in ours)  # the second subset was reached
    assert our_file == their_file


def test_a_whole_export_is_byte_identical_to_reportlabs_text_coding(tmp_path, monkeypatch):
    lib = make_library(tmp_path)
    briefing = small_briefing(lib)
    briefing.sections[0].key_points.extend(HOSTILE + STRINGS)
    for theme in ("memo", "study"):
        ours, _ = render_pdf_bytes(briefing, lib, theme=theme, deterministic=True)
        with monkeypatch.context() as m:
            m.setattr(page_templates.NumberingCanvas, "beginText", Canvas.beginText)
            theirs, _ = render_pdf_bytes(briefing, lib, theme=theme, deterministic=True)
        assert ours == theirs, theme
