"""Pages of an export as pixels, for the preview pane: the PDF of the current layout laid out in
memory, then one page at a time rendered by PDFium (``pypdfium2``, a maintained wheel).

Qt-free: the GUI turns ``PageImage`` bytes into a QImage.  PDFium is not thread-safe, so a
``PdfPages`` must be used from one thread at a time (the preview pane gives it one worker
thread of its own).  Only the page on screen is rendered: a 10-page briefing costs one PDF
layout plus ~15 ms per page shown.
"""

from __future__ import annotations

from dataclasses import dataclass

POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class PageImage:
    number: int  # 1-based
    pages: int
    width: int
    height: int
    stride: int  # bytes per row
    data: bytes  # RGB, 8 bits per channel, rows of ``stride`` bytes


class PdfPages:
    """A PDF held in memory and rendered page by page (from one thread at a time)."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2

        self.data = data  # PDFium reads from this buffer for as long as the document is open
        self.pdf = pypdfium2.PdfDocument(data)

    def __len__(self) -> int:
        return len(self.pdf)

    def render(self, number: int, dpi: float = 96.0, width: int | None = None) -> PageImage:
        """Page ``number`` at ``dpi``, or scaled to ``width`` pixels wide when that is given."""
        number = max(1, min(number, len(self.pdf)))
        page = self.pdf[number - 1]
        try:
            scale = width / page.get_width() if width else dpi / POINTS_PER_INCH
            bitmap = page.render(scale=scale, rev_byteorder=True, may_draw_forms=False)
            data = bytes(bitmap.buffer)
            return PageImage(number, len(self.pdf), bitmap.width, bitmap.height, bitmap.stride, data)
        finally:
            page.close()

    def close(self) -> None:
        self.pdf.close()


def layout_pdf(briefing, library, cancel=None):
    """The PDF of ``briefing`` as its export would be (its layout, theme, style, page size), in
    memory: the ``WriteResult`` with ``data`` and ``pages``."""
    from briefing.writers import export

    return export(briefing, library, None, format="pdf", cancel=cancel)
