"""The document template: page frames, running header/footer and marking, progress/cancel
hooks, and the canvas that defines the forward-referenced forms when it saves.

One layout pass only, through reportlab's public API: a form XObject may be drawn
(``canvas.doForm``) before it is defined (``beginForm``/``endForm``), so each footer draws a
form named for its page ("Page 3 of …"), each contents row draws a form named for its section,
and ``NumberingCanvas.save`` defines them all once the section pages and the page total are
known.  The furniture that is the same on every page of a template (marking, running header,
ruled notes margin) is one form per template too.
"""

from __future__ import annotations

import copy
import time
from typing import Callable

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from briefing.writers.base import ExportCancelled
from briefing.writers.pdf import coverage
from briefing.writers.pdf.flowables import toc_form_name
from briefing.writers.pdf.fonts import font_name
from briefing.writers.pdf.markup import clean
from briefing.writers.pdf.styles import color
from briefing.writers.themes import Theme

FORM_BOX = (-300, -20, 300, 40)  # generous bounding box around a number drawn at the origin
STORY_SHARE = 0.05  # of the writer's progress: building the story, before the first page is laid out
FLOWABLES_PER_CHECK = 16  # cancel/progress looked at every N flowables (and after every page)
PAGE_STYLES = ("cover", "front", "body")
LABEL_ROOM = 90  # points of the running header kept for a part's label ("Tab A")


def furniture_form_name(template: str) -> str:
    return f"furniture_{template}"


def page_number_form_name(page: int) -> str:
    return f"pageno_{page}"


class NumberingCanvas(Canvas):
    """Counts its pages and defines the forward-referenced forms just before the file is written."""

    def __init__(self, *args, doc: "BriefingDocTemplate", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.bb_doc = doc
        self.bb_pages = 0

    def showPage(self) -> None:
        self.bb_pages += 1
        super().showPage()

    def save(self) -> None:
        self.bb_doc.define_forms(self, self.bb_pages)
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


class BriefingFrame(Frame):
    """A Frame that copies cheaply: reportlab deep-copies the current frame for every
    keep-together group it measures (~500 in the benchmark briefing), and a frame holds only
    numbers and strings (and, briefly, a list of generated flowables: lists and dicts are copied)."""

    def __deepcopy__(self, memo):
        new = copy.copy(self)
        new.__dict__.update({k: copy.copy(v) for k, v in self.__dict__.items() if isinstance(v, (list, dict))})
        return new


class BriefingDocTemplate(BaseDocTemplate):
    def __init__(self, target, *, theme: Theme, pagesize, title: str, marking: str, info: dict,
                 toc_keys: list[str], progress: Callable | None, cancel: Callable | None,
                 total_flowables: int, invariant: bool, first_template: str = "cover",
                 page_numbers: str = "Page {page} of {pages}") -> None:
        self.theme = theme
        self.bb_title = clean(title)
        self.bb_marking = clean(marking).strip()
        self.bb_page_numbers = page_numbers
        self.toc_keys = toc_keys
        self.section_pages: dict[str, int] = {}
        self.progress_cb = progress
        self.cancel_cb = cancel
        self.total_flowables = max(1, total_flowables)
        self.done_flowables = 0
        self.remaining: list | None = None
        self.last_progress = 0.0
        self.furniture_font = font_name(theme["fonts.furniture"])
        self.header_text: str | None = None
        self.marking_text: str | None = None
        self.furniture_used: list[str] = []  # page templates whose static furniture form is drawn
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
        self.header_label = ""  # "Tab A": set by HeaderLabel markers, drawn at each page's end
        self.labelled = False  # the document has header labels: the running title leaves them room
        templates = [PageTemplate(id=name, frames=[self.frame_for(name)], onPage=self.draw_furniture,
                                  onPageEnd=self.draw_header_label)
                     for name in PAGE_STYLES]
        # platypus starts on the first template: put the first part that is printed first
        templates.sort(key=lambda t: t.id != first_template)
        self.addPageTemplates(templates)

    def frame_for(self, name: str) -> Frame:
        return BriefingFrame(self.leftMargin, self.bottomMargin, self.width, self.height, id=name,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    # -- called by flowables and the canvas --------------------------------------------
    def section_drawn(self, key: str, page: int) -> None:
        self.section_pages.setdefault(key, page)

    def define_forms(self, canv: Canvas, total: int) -> None:
        w, h = self.pagesize
        for template in self.furniture_used:
            canv.beginForm(furniture_form_name(template), 0, 0, w, h)
            self.draw_static_furniture(canv, template)
            canv.endForm()
        if self.bb_page_numbers:
            size = self.theme["sizes.small"]
            muted = color(self.theme, "colors.muted")
            for page in range(1, total + 1):
                canv.beginForm(page_number_form_name(page), *FORM_BOX)
                canv.setFont(self.furniture_font, size)
                canv.setFillColor(muted)
                canv.drawRightString(0, 0, self.bb_page_numbers.format(page=page, pages=total))
                canv.endForm()
        body_font = font_name(self.theme["fonts.body"])
        for key in self.toc_keys:
            canv.beginForm(toc_form_name(key), *FORM_BOX)
            canv.setFont(body_font, self.theme["sizes.body"])
            canv.setFillColor(color(self.theme, "colors.text"))
            page = self.section_pages.get(key)
            canv.drawRightString(0, 0, str(page) if page else "–")
            canv.endForm()

    # -- progress and cancel ------------------------------------------------------------
    def check(self, message: str, force: bool = False) -> None:
        if self.cancel_cb is not None and self.cancel_cb():
            raise ExportCancelled("export cancelled")
        now = time.monotonic()
        if self.progress_cb is not None and (force or now - self.last_progress >= 0.2):
            self.last_progress = now
            fraction = min(0.95, STORY_SHARE + 0.9 * self.layout_fraction())
            self.progress_cb(fraction, message)

    def build(self, flowables, *args, **kwargs):
        # platypus consumes this list from the front (splits and keep-together groups are put
        # back at its head), so what is left of it measures progress; counting drawn flowables
        # does not, because split pieces and unpacked groups are counted again.
        self.remaining = flowables
        return super().build(flowables, *args, **kwargs)

    def layout_fraction(self) -> float:
        if self.remaining is None:
            return self.done_flowables / self.total_flowables
        return max(0.0, min(1.0, 1 - len(self.remaining) / self.total_flowables))

    def afterFlowable(self, flowable) -> None:
        self.done_flowables += 1
        if self.done_flowables % FLOWABLES_PER_CHECK == 0:
            self.check(f"Laying out page {self.page}")

    def afterPage(self) -> None:
        self.check(f"Laid out page {self.page}", force=True)

    # -- page furniture -----------------------------------------------------------------
    def draw_marking(self, canv: Canvas) -> None:
        if not self.bb_marking:
            return
        w, h = self.pagesize
        off = self.theme["margins.header"]
        font = font_name(self.theme["fonts.furniture"], "bold")
        size = self.theme["sizes.small"] + 0.5
        if self.marking_text is None:
            self.marking_text = fit_text(self.bb_marking, font, size, w - 2 * 36)
        canv.setFont(font, size)
        canv.setFillColor(color(self.theme, "colors.marking"))
        canv.drawCentredString(w / 2, h - off, self.marking_text)
        canv.drawCentredString(w / 2, off - self.theme["sizes.small"], self.marking_text)

    def draw_header(self, canv: Canvas) -> None:
        w, h = self.pagesize
        off = self.theme["margins.header"]
        size = self.theme["sizes.small"]
        y = h - off - size - 6 if self.bb_marking else h - off
        if self.header_text is None:
            room = self.width - (LABEL_ROOM if self.labelled else 0)
            self.header_text = fit_text(self.bb_title, self.furniture_font, size, room)
        canv.setFont(self.furniture_font, size)
        canv.setFillColor(color(self.theme, "colors.muted"))
        canv.drawString(self.leftMargin, y, self.header_text)
        rule = color(self.theme, "colors.rule")
        if rule is not None:  # "" (none): no rule under the header
            canv.setStrokeColor(rule)
            canv.setLineWidth(0.4)
            canv.line(self.leftMargin, y - 3, w - self.rightMargin, y - 3)

    def set_header_label(self, label: str) -> None:
        self.header_label = clean(label).strip()

    def draw_header_label(self, canv: Canvas, doc) -> None:
        """onPageEnd: the label of the part on this page ("Tab A"), right-aligned in the header."""
        if not self.header_label or self.pageTemplate.id == "cover":
            return
        w, h = self.pagesize
        off = self.theme["margins.header"]
        size = self.theme["sizes.small"]
        y = h - off - size - 6 if self.bb_marking else h - off
        canv.saveState()
        canv.setFont(font_name(self.theme["fonts.furniture"], "bold"), size)
        canv.setFillColor(color(self.theme, "colors.heading"))
        canv.drawRightString(w - self.rightMargin, y, fit_text(self.header_label, self.furniture_font, size,
                                                              LABEL_ROOM))
        canv.restoreState()

    def draw_ruled_margin(self, canv: Canvas) -> None:
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

    def draw_static_furniture(self, canv: Canvas, template: str) -> None:
        canv.saveState()
        if template == "cover" or self.theme["marking_every_page"]:
            self.draw_marking(canv)
        if template != "cover":
            self.draw_header(canv)
        canv.restoreState()
        if template == "body":
            canv.saveState()
            self.draw_ruled_margin(canv)
            canv.restoreState()

    def draw_furniture(self, canv: Canvas, doc) -> None:
        """onPage of every template: its static furniture form and this page's number form."""
        template = self.pageTemplate.id
        if template not in self.furniture_used:
            self.furniture_used.append(template)
        canv.saveState()
        canv.doForm(furniture_form_name(template))
        if self.bb_page_numbers:
            w, _ = self.pagesize
            canv.translate(w - self.rightMargin, self.theme["margins.header"] + 4)
            canv.doForm(page_number_form_name(canv.getPageNumber()))
        canv.restoreState()
