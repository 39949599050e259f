"""Link annotations written from a template (briefing/writers/pdf/annotations.py) are reportlab's bytes."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from briefing.writers.pdf import page_templates
from briefing.writers.pdf.annotations import LinkAnnotation, link_url
from briefing.writers.pdf.pdf import render_pdf_bytes

from test_export_helpers import make_library, small_briefing

URLS = ["https://example.org/a", "https://example.org/a", "https://x.org/p(1)\\q?a=b&c=d#f",
        "https://ex.org/Bogotá/“q”", "mailto:someone@example.org", "https://example.org/" + "z" * 300]


def _file(make_link, encrypt=None) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=1, encrypt=encrypt)
    for page in range(3):
        if page == 2:  # relative rectangles under a rotated, scaled, moved coordinate system
            canvas.translate(17, 23)
            canvas.rotate(15)
            canvas.scale(1.5, -0.5)
        for i, url in enumerate(URLS):
            make_link(canvas, url, (10.5 + i, 20.25, 300 + page, 31 + i / 3), relative=min(page, 1))
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


@pytest.mark.parametrize("encrypt", [None, "secret"])
def test_links_are_the_bytes_reportlab_writes(encrypt):
    ours = _file(link_url, encrypt)
    theirs = _file(lambda c, url, rect, relative: c.linkURL(url, rect, relative=relative), encrypt)
    assert ours == theirs
    assert ours.count(b"/Subtype /Link") == 3 * len(URLS)


def test_a_whole_export_is_byte_identical_to_reportlabs_links(tmp_path, monkeypatch):
    lib = make_library(tmp_path)
    briefing = small_briefing(lib)
    LinkAnnotation._template = None
    ours, _ = render_pdf_bytes(briefing, lib, deterministic=True)
    assert b"/URI (" in ours
    with monkeypatch.context() as m:
        m.setattr(page_templates.NumberingCanvas, "linkURL", Canvas.linkURL)
        theirs, _ = render_pdf_bytes(briefing, lib, deterministic=True)
    assert ours == theirs
