"""Custom flowables: headings that anchor a section (outline entry, bookmark, page recording),
contents rows whose page numbers are forward-referenced forms, block quotes with a left rule,
ruled note lines, and a spacer that draws nothing.  reportlab's public API only."""

from __future__ import annotations

from typing import Callable

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from briefing.writers.pdf.coverage import SafeParagraph as Paragraph  # missing glyphs replaced and reported
from briefing.writers.pdf.markup import clean

NUMBER_WIDTH = 36  # room reserved on a contents row for the page number


def toc_form_name(key: str) -> str:
    return f"tocnum_{key}"


class AnchoredHeading(Paragraph):
    """A heading that, when drawn, bookmarks its spot, adds its outline entry (unless
    ``outline`` is False) and tells the document which page it is on (for the contents forms).
    Being the heading itself (not a zero-size marker before it), it is drawn inside keep-together
    groups like any paragraph.  reportlab builds split pieces with ``self.__class__(None, style,
    ...)``: they start without an anchor, and only the first piece gets it."""

    def __init__(self, text, style=None, *args, key: str | None = None, title: str = "",
                 on_draw: Callable[[str, int], None] | None = None, outline: bool = True, level: int = 0,
                 **kwargs) -> None:
        super().__init__(text, style, *args, **kwargs)
        self.bb_anchor = (key, clean(title) or "Untitled section", on_draw, outline, level) if key else None

    def split(self, availWidth, availHeight):
        pieces = super().split(availWidth, availHeight)
        if pieces and isinstance(pieces[0], AnchoredHeading):
            pieces[0].bb_anchor = self.bb_anchor
        return pieces

    def draw(self) -> None:
        if self.bb_anchor is not None:
            key, title, on_draw, outline, level = self.bb_anchor
            canv = self.canv
            canv.bookmarkHorizontal(key, 0, self.height + 4)
            if outline:
                canv.addOutlineEntry(title, key, level=level, closed=False)
            if on_draw is not None:
                on_draw(key, canv.getPageNumber())
        super().draw()


class LinkedParagraph(Paragraph):
    """A paragraph that is one link (``bb_url``): a source entry or endnote whose URL is its only
    target.  One annotation over the paragraph, drawn with ``canvas.linkURL``, instead of
    ``<a href>`` markup: that markup makes reportlab break and draw every word of the paragraph
    fragment by fragment and writes an annotation per line (~0.25 s of a 130-page export's
    ~1.2 s).  Split pieces (``self.__class__(None, style, ...)``) keep the link."""

    bb_url: str | None = None

    def split(self, availWidth, availHeight):
        pieces = super().split(availWidth, availHeight)
        for piece in pieces:
            if isinstance(piece, LinkedParagraph):
                piece.bb_url = self.bb_url
        return pieces

    def draw(self) -> None:
        super().draw()
        if self.bb_url:
            self.canv.linkURL(self.bb_url, (0, 0, self.width, self.height), relative=1, thickness=0)


class TocEntry(Flowable):
    """One contents row: the title (wrapped), dot leaders, and the page number drawn as a
    form XObject that is only defined once the section's page is known (end of the build)."""

    def __init__(self, key: str, markup: str, style, leader_color) -> None:
        super().__init__()
        self.key = key
        self.para = Paragraph(markup, style)
        self.style = style
        self.leader_color = leader_color

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        _, self.height = self.para.wrap(availWidth - NUMBER_WIDTH - 12, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        self.para.drawOn(canv, 0, 0)
        size = self.style.fontSize
        widths = self.para.getActualLineWidths0() or [0.0]
        last_baseline = self.height - size - self.style.leading * (len(widths) - 1)
        start = widths[-1] + 6
        stop = self.width - NUMBER_WIDTH + 4
        if stop > start:
            canv.saveState()
            canv.setFillColor(self.leader_color)
            canv.setFont(self.style.fontName, size)
            dots = int((stop - start) / stringWidth(" .", self.style.fontName, size))
            if dots > 0:
                canv.drawRightString(stop, last_baseline, " ." * dots)
            canv.restoreState()
        canv.saveState()
        canv.translate(self.width, last_baseline)
        canv.doForm(toc_form_name(self.key))
        canv.restoreState()
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


class RuledParagraph(Paragraph):
    """A Paragraph with a vertical rule at its left, kept on every piece when it splits
    (Paragraph.split builds the pieces with ``self.__class__``)."""

    rule_width = 2.0
    rule_color = None
    rule_gap = 8.0

    def draw(self) -> None:
        if self.rule_width and self.rule_color is not None:
            canv = self.canv
            x = self.style.leftIndent - self.rule_gap
            pad = self.style.borderPadding if self.style.backColor else 0
            pad = pad[0] if isinstance(pad, (tuple, list)) else pad
            canv.saveState()
            canv.setStrokeColor(self.rule_color)
            canv.setLineWidth(self.rule_width)
            canv.line(x, -pad, x, self.height + pad)
            canv.restoreState()
        super().draw()


def ruled_paragraph_class(width: float, color, gap: float) -> type:
    return type("ThemedRuledParagraph", (RuledParagraph,), {"rule_width": width, "rule_color": color, "rule_gap": gap})


class RuledLines(Flowable):
    """Blank ruled lines for handwritten notes (study packets).  With ``fill`` they take the
    rest of the page when at least ``count`` lines fit there; otherwise exactly ``count``."""

    def __init__(self, count: int, spacing: float, color, fill: bool = False, label: str = "",
                 label_style=None) -> None:
        super().__init__()
        self.label = label
        self.label_style = label_style
        self.label_height = label_style.leading + 4 if label and label_style is not None else 0
        self.count = count
        self.spacing = spacing
        self.color = color
        self.fill = fill
        self.lines = count

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        fits = int((availHeight - 4 - self.label_height) // self.spacing)
        self.lines = max(self.count, min(fits, 60)) if self.fill and fits >= self.count else self.count
        self.height = self.lines * self.spacing + 4 + self.label_height
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.fill = False  # moved to a new page: just the minimum there, not a page of lines
        return []

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.color)
        canv.setLineWidth(0.4)
        if self.label_height:
            st = self.label_style
            canv.setFont(st.fontName, st.fontSize)
            canv.setFillColor(st.textColor)
            canv.drawString(0, self.height - st.fontSize, self.label)
        for i in range(self.lines):
            y = self.height - self.label_height - (i + 1) * self.spacing
            canv.line(0, y, self.width, y)
        canv.restoreState()


class Gap(Spacer):
    """A Spacer that writes nothing: reportlab's draws an empty saved and translated graphics
    state ("q 1 0 0 1 x y cm Q"), one per excerpt in a long briefing."""

    def drawOn(self, canvas, x, y, _sW=0) -> None:
        pass


class HeaderLabel(Flowable):
    """Zero-size marker at the start of a part: from the page it is drawn on, the running
    header shows ``label`` ("Tab A"; "" clears it).  The header is drawn at the end of each page
    (``BriefingDocTemplate.draw_header_label``), so a part that starts a page labels that page."""

    def __init__(self, label: str, on_draw: Callable[[str], None]) -> None:
        super().__init__()
        self.label = label
        self.on_draw = on_draw
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self) -> None:
        self.on_draw(self.label)
