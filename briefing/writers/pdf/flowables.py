"""Custom flowables: section anchors (outline + page recording), TOC rows whose page numbers
are forward-referenced form XObjects, block quotes with a left rule, ruled note lines, and a
keep-together group for plain paragraphs."""

from __future__ import annotations

from typing import Callable

from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph as _RLParagraph, Spacer

from briefing.writers.pdf.coverage import SafeParagraph as Paragraph  # missing glyphs replaced and reported
from briefing.writers.pdf.coverage import parsed_frags
from briefing.writers.pdf.markup import clean

NUMBER_WIDTH = 36  # room reserved on a TOC row for the page number


def toc_form_name(key: str) -> str:
    return f"tocnum_{key}"


class SectionAnchor(Flowable):
    """Zero-size marker before a heading: bookmarks the spot, adds the outline entry and
    tells the document which page the section starts on (for the TOC forms)."""

    _ZEROSIZE = 1

    def __init__(self, key: str, title: str, on_draw: Callable[[str, int], None], outline: bool = True,
                 level: int = 0) -> None:
        super().__init__()
        self.key = key
        self.title = clean(title) or "Untitled section"
        self.on_draw = on_draw
        self.outline = outline
        self.level = level
        self.keepWithNext = 1
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        canv.bookmarkHorizontal(self.key, 0, 4)
        if self.outline:
            canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
        self.on_draw(self.key, canv.getPageNumber())


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

    def _last_line_end(self) -> float:
        bl = getattr(self.para, "blPara", None)
        if bl is None or not bl.lines:
            return 0.0
        line = bl.lines[-1]
        extra = line[0] if bl.kind == 0 else getattr(line, "extraSpace", 0)
        return max(0.0, self.para.width - extra)

    def draw(self) -> None:
        canv = self.canv
        self.para.drawOn(canv, 0, 0)
        size = self.style.fontSize
        lines = len(self.para.blPara.lines)
        ascent = getattr(self.para.blPara, "ascent", size)
        last_baseline = self.height - ascent - self.style.leading * (lines - 1)
        start = self._last_line_end() + 6
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


class MarkedParagraph(Paragraph):
    """A paragraph in one face followed by a superscript note number (an attribution).

    With ``<super>`` in its markup a paragraph has several fragments and reportlab breaks and
    draws it word fragment by word fragment, several times slower than a paragraph in one
    face.  Here the text is laid out as a one-face paragraph and the number is drawn right
    after its last word, in the font, size and rise reportlab gives ``<super>``, as text.
    Whenever that could differ from the ``<super>`` paragraph (the number does not fit on the
    last line, where the last word would have moved to a new line; not left-aligned; a split),
    the paragraph becomes exactly the ``<super>`` paragraph first."""

    def __init__(self, text, style=None, *args, marker: str | None = None, **kwargs) -> None:
        super().__init__(text, style, *args, **kwargs)
        self.bb_markup = text
        self.bb_marker = marker or None

    def _marker_frag(self):
        mark = self.__dict__.get("_bb_mark")
        if mark is None or mark.text != self.bb_marker:
            frags = parsed_frags("x<super>0</super>", self.style)  # the superscript's face, size, rise
            mark = self._bb_mark = frags[-1].clone(text=self.bb_marker) if frags else None
        return mark

    def _become_super(self) -> None:
        full = Paragraph(f"{self.bb_markup}<super>{self.bb_marker}</super>", self.style)
        self.frags, self.text = full.frags, full.text
        self.bb_marker = None
        self.__dict__.pop("blPara", None)
        self._bb_wrapped = None

    def wrap(self, availWidth, availHeight):
        result = super().wrap(availWidth, availHeight)
        if self.bb_marker is None:
            return result
        bl = self.blPara
        mark = self._marker_frag()
        if (bl.kind == 0 and bl.lines and self.style.alignment == TA_LEFT and mark is not None
                and not self.bulletText
                and bl.lines[-1][0] >= stringWidth(mark.text, mark.fontName, mark.fontSize) + 1e-6):
            return result
        self._become_super()
        return super().wrap(availWidth, availHeight)

    def split(self, availWidth, availHeight):
        if self.bb_marker is not None:
            self._become_super()
        return super().split(availWidth, availHeight)

    def draw(self) -> None:
        super().draw()
        if self.bb_marker is None:
            return
        bl = self.blPara
        mark = self._marker_frag()
        style = self.style
        lines = bl.lines
        top = bl.fontSize if rl_config.paraFontSizeHeightOffset else getattr(bl, "ascent", bl.fontSize)
        y = self.height - top - style.leading * (len(lines) - 1)
        x = style.leftIndent + (style.firstLineIndent if len(lines) == 1 else 0)
        x += stringWidth(" ".join(lines[-1][1]), bl.fontName, bl.fontSize)
        canv = self.canv
        canv.saveState()
        canv.setFillColor(mark.textColor)
        tx = canv.beginText(x, y)
        tx.setFont(mark.fontName, mark.fontSize)
        tx.setRise(mark.rise)
        tx.textOut(mark.text)
        canv.drawText(tx)
        canv.restoreState()


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


class PlainKeepTogether(KeepTogether):
    """KeepTogether for paragraphs and spacers only.

    reportlab's KeepTogether deep-copies the document's frame before measuring its content,
    so that content which generates frame content (a FrameBreak, say) cannot disturb the
    real frame: 494 copies, ~20 ms of a long export.  Paragraphs and spacers generate none
    and never look at the frame, so the measuring runs with no frame to copy."""

    def __init__(self, flowables, maxHeight=None) -> None:
        if not _plain(flowables):
            raise TypeError("PlainKeepTogether holds paragraphs and spacers only")
        super().__init__(flowables, maxHeight)

    def wrap(self, aW, aH):
        doc = getattr(self.canv, "_doctemplate", None)
        frame = getattr(doc, "frame", None)
        if frame is None:
            return super().wrap(aW, aH)
        doc.frame = None
        try:
            return super().wrap(aW, aH)
        finally:
            doc.frame = frame


def _plain(flowables: list) -> bool:
    return all(isinstance(f, (_RLParagraph, Spacer)) for f in flowables)


def keep_together(flowables: list) -> KeepTogether:
    """PlainKeepTogether when the flowables allow it, else reportlab's KeepTogether."""
    return PlainKeepTogether(flowables) if flowables and _plain(flowables) else KeepTogether(flowables)
