"""The document template: page frames, running header/footer and marking, progress/cancel
hooks, and the canvas that defines the forward-referenced number forms when it saves.

One layout pass only: the TOC rows draw their numbers with ``canvas.doForm(name)``
(reportlab lets a form be used before it is defined) and every footer leaves a mark in its
page's stream; ``NumberingCanvas.save`` defines the forms and replaces the marks once the
section pages and the page total are known.
"""

from __future__ import annotations

import time
from typing import Callable

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from briefing.writers.pdf.flowables import toc_form_name
from briefing.writers.pdf import coverage
from briefing.writers.pdf.annotations import link_url
from briefing.writers.pdf.fonts import font_name
from briefing.writers.pdf.markup import clean
from briefing.writers.pdf.textcode import TableCodedTextObject
from briefing.writers.themes import Theme

FORM_BOX = (-300, -20, 300, 40)  # generous bounding box around a number drawn at the origin


class ExportCancelled(Exception):
    """The user cancelled an export; no file was written."""


# a PDF comment line in each page's stream, replaced by its "Page X of Y" when the file is saved
FOOTER_MARK = "%briefing-book:page-number"


def furniture_form_name(template: str) -> str:
    return f"furniture_{template}"


FLOWABLES_PER_CHECK = 16  # cancel/progress looked at every N flowables (and after every page)


class NumberingCanvas(Canvas):
    """Defines the page-number forms just before the file is written."""

    def __init__(self, *args, doc: "BriefingDocTemplate", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.bb_doc = doc
        self.bb_pages = 0

    def beginText(self, x=0, y=0, direction=None):
        # every paragraph and string drawn in the export: characters coded through a table
        return TableCodedTextObject(self, x, y, direction=direction)

    def linkURL(self, url, rect, relative=0, thickness=0, color=None, dashArray=None, kind="URI", **kw):
        # the endnotes' and sources' links: written from a template (see annotations.py)
        if kind == "URI" and not (thickness or color or dashArray or kw):
            return link_url(self, url, rect, relative)
        return super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)

    def showPage(self) -> None:
        self.bb_pages += 1
        super().showPage()

    def save(self) -> None:
        self.bb_doc.define_number_forms(self, self.bb_pages)
        super().save()


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """Cut ``text`` with an ellipsis to fit ``width`` (binary search: titles may be huge)."""
    text = coverage.fit(text, font)  # characters the font lacks become a visible U+FFFD
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, min(len(text), int(width / (size * 0.2)) + 1)
    while low < high:
        mid = (low + high + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"


class BriefingDocTemplate(BaseDocTemplate):
    def __init__(self, target, *, theme: Theme, pagesize, title: str, marking: str, info: dict,
                 toc_keys: list[str], progress: Callable | None, cancel: Callable | None,
                 total_flowables: int, invariant: bool, first_template: str = "cover") -> None:
        self.theme = theme
        self.bb_title = clean(title)
        self.bb_marking = clean(marking).strip()
        self.toc_keys = toc_keys
        self.section_pages: dict[str, int] = {}
        self.progress_cb = progress
        self.cancel_cb = cancel
        self.total_flowables = max(1, total_flowables)
        self.done_flowables = 0
        self._last_progress = 0.0
        self.furniture_font = font_name(theme["fonts.furniture"])
        self._header_text: str | None = None
        self._marking_text: str | None = None
        self._furniture_used: list[str] = []  # page templates whose static furniture form is drawn
        m = theme["margins"]
        super().__init__(
            target,
            pagesize=pagesize,
            leftMargin=m["inner"],
            rightMargin=m["outer"],
            topMargin=m["top"],
            bottomMargin=m["bottom"],
            invariant=1 if invariant else 0,
            initialFontName=font_name(theme["fonts.body"]),
            initialFontSize=10,
            **info,
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="cover",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [
            PageTemplate(id="cover", frames=[cover], onPage=self._draw_cover_furniture),
            PageTemplate(id="front", frames=[frame], onPage=self._draw_front_furniture),
            PageTemplate(id="body", frames=[frame], onPage=self._draw_body_furniture),
        ]
        # platypus starts on the first template: put the first part that is printed first
        templates.sort(key=lambda t: t.id != first_template)
        self.addPageTemplates(templates)

    # -- called by flowables and the canvas --------------------------------------------
    def section_drawn(self, key: str, page: int) -> None:
        self.section_pages.setdefault(key, page)

    def define_number_forms(self, canv: Canvas, total: int) -> None:
        # the furniture that is the same on every page of a template (marking, running header,
        # ruled notes margin) is drawn once, as a form each page shows
        for template in self._furniture_used:
            w, h = self.pagesize
            canv.beginForm(furniture_form_name(template), 0, 0, w, h)
            self._draw_static_furniture(canv, template)
            canv.endForm()
        self._write_page_numbers(canv, total)
        body_font = font_name(self.theme["fonts.body"])
        for key in self.toc_keys:
            canv.beginForm(toc_form_name(key), *FORM_BOX)
            canv.setFont(body_font, self.theme["sizes.body"])
            canv.setFillColor(HexColor(self.theme["colors.text"]))
            page = self.section_pages.get(key)
            canv.drawRightString(0, 0, str(page) if page else "–")
            canv.endForm()

    def _write_page_numbers(self, canv: Canvas, total: int) -> None:
        """Put "Page X of Y" where each page's footer mark is, now that Y is known.

        The operators are the canvas's own, captured on a scratch code list; every page's
        stream holds the document-wide font resources, so no form is needed (a form per page
        was 130 extra objects in a 130-page file)."""
        w, _ = self.pagesize
        x, y = w - self.rightMargin, self.theme["margins.header"] + 4
        size = self.theme["sizes.small"]
        muted = HexColor(self.theme["colors.muted"])
        kept = canv._code
        try:
            for number, page in enumerate(canv._doc.Pages.pages, 1):
                stream = getattr(page, "stream", None)
                if not isinstance(stream, str) or FOOTER_MARK not in stream:
                    continue
                canv._code = []
                canv.saveState()
                canv.translate(x, y)
                canv.setFont(self.furniture_font, size)
                canv.setFillColor(muted)
                canv.drawRightString(0, 0, f"Page {number} of {total}")
                canv.restoreState()
                page.stream = stream.replace(FOOTER_MARK, "\n".join(canv._code), 1)
        finally:
            canv._code = kept

    # -- progress and cancel ------------------------------------------------------------
    def _check(self, message: str, force: bool = False) -> None:
        if self.cancel_cb is not None and self.cancel_cb():
            raise ExportCancelled("export cancelled")
        now = time.monotonic()
        if self.progress_cb is not None and (force or now - self._last_progress >= 0.2):
            self._last_progress = now
            fraction = min(0.95, 0.05 + 0.9 * self.layout_fraction())
            self.progress_cb(fraction, message)

    def build(self, flowables, *args, **kwargs):
        # platypus consumes this list from the front (splits and keep-together groups are put
        # back at its head), so what is left of it measures progress; counting drawn flowables
        # does not, because split pieces and unpacked groups are counted again.
        self._remaining = flowables
        return super().build(flowables, *args, **kwargs)

    def layout_fraction(self) -> float:
        remaining = getattr(self, "_remaining", None)
        if remaining is None:
            return self.done_flowables / self.total_flowables
        return max(0.0, min(1.0, 1 - len(remaining) / self.total_flowables))

    def afterFlowable(self, flowable) -> None:
        self.done_flowables += 1
        if self.done_flowables % FLOWABLES_PER_CHECK == 0:
            self._check(f"Laying out page {self.page}")

    def afterPage(self) -> None:
        self._check(f"Laid out page {self.page}", force=True)

    # -- page furniture -----------------------------------------------------------------
    def _marking(self, canv: Canvas) -> None:
        if not self.bb_marking:
            return
        w, h = self.pagesize
        off = self.theme["margins.header"]
        font = font_name(self.theme["fonts.furniture"], "bold")
        size = self.theme["sizes.small"] + 0.5
        if self._marking_text is None:
            self._marking_text = fit_text(self.bb_marking, font, size, w - 2 * 36)
        canv.setFont(font, size)
        canv.setFillColor(HexColor(self.theme["colors.marking"]))
        canv.drawCentredString(w / 2, h - off, self._marking_text)
        canv.drawCentredString(w / 2, off - self.theme["sizes.small"], self._marking_text)

    def _footer(self, canv: Canvas) -> None:
        # "Page X of Y", just above the bottom marking, is written here once Y is known
        canv._code.append(FOOTER_MARK)

    def _header(self, canv: Canvas) -> None:
        w, h = self.pagesize
        off = self.theme["margins.header"]
        size = self.theme["sizes.small"]
        y = h - off - size - 6 if self.bb_marking else h - off
        if self._header_text is None:
            self._header_text = fit_text(self.bb_title, self.furniture_font, size, self.width)
        text = self._header_text
        canv.setFont(self.furniture_font, size)
        canv.setFillColor(HexColor(self.theme["colors.muted"]))
        canv.drawString(self.leftMargin, y, text)
        canv.setStrokeColor(HexColor(self.theme["colors.rule"]))
        canv.setLineWidth(0.4)
        canv.line(self.leftMargin, y - 3, w - self.rightMargin, y - 3)

    def _ruled_margin(self, canv: Canvas) -> None:
        notes = self.theme["notes_margin"]
        if not notes["ruled_lines"] or self.rightMargin < 72:
            return
        w, _ = self.pagesize
        x0 = w - self.rightMargin + 14
        x1 = w - 24
        canv.setFont(self.furniture_font, self.theme["sizes.small"] - 1)
        canv.setFillColor(HexColor("#9a9a9a"))
        top = self.bottomMargin + self.height
        canv.drawString(x0, top - 7, "Notes")
        canv.setStrokeColor(HexColor("#d4d4d4"))
        canv.setLineWidth(0.35)
        y = top - 7 - notes["line_spacing"]
        while y > self.bottomMargin:
            canv.line(x0, y, x1, y)
            y -= notes["line_spacing"]

    def _draw_static_furniture(self, canv: Canvas, template: str) -> None:
        canv.saveState()
        if template == "cover" or self.theme["marking_every_page"]:
            self._marking(canv)
        if template != "cover":
            self._header(canv)
        canv.restoreState()
        if template == "body":
            canv.saveState()
            self._ruled_margin(canv)
            canv.restoreState()

    def _draw_furniture(self, canv: Canvas, template: str) -> None:
        if template not in self._furniture_used:
            self._furniture_used.append(template)
        canv.saveState()
        canv.doForm(furniture_form_name(template))
        self._footer(canv)
        canv.restoreState()

    def _draw_cover_furniture(self, canv: Canvas, doc) -> None:
        self._draw_furniture(canv, "cover")

    def _draw_front_furniture(self, canv: Canvas, doc) -> None:
        self._draw_furniture(canv, "front")

    def _draw_body_furniture(self, canv: Canvas, doc) -> None:
        self._draw_furniture(canv, "body")
