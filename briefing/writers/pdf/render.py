"""A composed ``Document`` (``briefing.compose.document``) as a platypus story.

Nothing is decided here that a reader would see as content: the words, their order, numbers
and notices come from composition.  This module only chooses paragraph styles, spacing,
keep-together groups and page templates, and turns spans into markup (``markup.spans_markup``,
the only escape path).  Block types are dispatched through one table (``RENDERERS``).
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from briefing.compose import document as d
from briefing.writers.pdf.coverage import SafeParagraph as Paragraph  # missing glyphs replaced and reported
from briefing.writers.pdf.flowables import (AnchoredHeading, Gap, HeaderLabel, LinkedParagraph, RuledLines, TocEntry,
                                            ruled_paragraph_class)
from briefing.writers.pdf.markup import LINK_COLOR, esc, paragraph_url, spans_markup
from briefing.writers.pdf.styles import color
from briefing.writers.themes import Theme

KEEP_WITH_NEXT_LIMIT = 400  # characters of markup
RULED_LINES_COLOR = "#c8c8c8"
# paragraph role (document.Paragraph.role) -> style name (styles.build_styles)
ROLE_STYLES = {
    "body": "body", "note": "note", "comment": "comment", "notice": "stale", "label": "label", "lead": "body",
    "cover-title": "title", "cover-subtitle": "subtitle", "cover-label": "cover_label",
    "cover-value": "cover_value", "marking": "cover_marking", "small": "small",
    # information memo (briefing/compose/memo.py)
    "memo-title": "h1", "memo-field": "body", "designation": "small", "signature": "body",
}
HEADING_STYLES = {1: "h1", 2: "h2", 3: "label"}
COVER_TOP = 72  # points above the cover's title
NO_SUBTITLE = 18  # points where a cover has no subtitle
# every cell starts at the top of its row (reportlab's default is the bottom)
TABLE_STYLE = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")])


class StoryRenderer:
    def __init__(self, document: d.Document, theme: Theme, styles: dict, on_anchor, safe: bool = False,
                 on_label=None, frame_width: float | None = None, on_part=None) -> None:
        self.doc = document
        self.frame_width = frame_width  # points of text width (a table's relative widths are shares of it)
        self.theme = theme
        self.s = styles
        self.on_anchor = on_anchor  # (key, page) when an anchored heading is drawn
        self.on_label = on_label  # (label) when a part with a running-header label starts
        self.on_part = on_part  # (fraction of the parts done) while the story is built, for progress
        self.labelled = on_label is not None and any(p.header_label for p in document.parts)
        self.safe = safe  # fallback after a LayoutError: no keep-together groups
        self.quote_class = ruled_paragraph_class(theme["quote.rule_width"], color(theme, "colors.rule"),
                                                 8 if not theme["quote.shade"] else 10)
        self.link_color = theme.color("colors.link") or LINK_COLOR
        # URL text in its own colour only where the theme gives links one: in the text colour it
        # stays part of the paragraph's one face (reportlab's fast path), and APA 7 allows it
        text = theme.color("colors.text")
        self.url_color = None if self.link_color.lower() == (text or "").lower() else self.link_color

    # -- helpers ----------------------------------------------------------------------
    def style(self, name: str, markup: str) -> ParagraphStyle:
        st = self.s[name]
        if getattr(st, "keepWithNext", 0) and (self.safe or len(markup) > KEEP_WITH_NEXT_LIMIT):
            # a huge "heading" is not kept with what follows: nested keep-together groups of
            # page-sized text make reportlab re-lay them out over and over
            loose = self.s.get(name + "+loose")
            if loose is None:
                loose = self.s[name + "+loose"] = ParagraphStyle(name + "+loose", parent=st, keepWithNext=0)
            st = loose
        return st

    def para(self, markup: str, name: str, **kw) -> Paragraph:
        return Paragraph(markup, self.style(name, markup), **kw)

    def markup(self, spans) -> str:
        return spans_markup(spans, self.link_color)

    def linked(self, spans, name: str, prefix: str = "") -> Paragraph:
        """A paragraph of ``spans`` in style ``name``; one whose links all go to one URL is that
        link as a whole."""
        url = paragraph_url(spans)
        if url is None:
            return self.para(prefix + self.markup(spans), name)
        markup = prefix + spans_markup(spans, self.url_color, links=False)
        para = LinkedParagraph(markup, self.style(name, markup))
        para.bb_url = url
        return para

    # -- blocks ----------------------------------------------------------------------------
    def heading(self, block: d.Heading) -> list:
        markup = self.markup(block.spans)
        name = HEADING_STYLES.get(block.level, "h2")
        if block.anchor is None:
            return [self.para(markup, name)]
        return [AnchoredHeading(markup, self.style(name, markup), key=block.anchor, title=d.plain(block.spans),
                                on_draw=self.on_anchor, outline=block.outline, level=max(0, block.level - 1))]

    def paragraph(self, block: d.Paragraph) -> list:
        spans = block.spans
        if block.role == "cover-label":
            spans = [d.Span(s.text.upper(), s.italic, s.bold) if isinstance(s, d.Span) else s for s in spans]
        return [self.linked(spans, ROLE_STYLES.get(block.role, "body"))]

    def quote(self, block: d.Quote) -> list:
        out: list = []
        if block.label:
            out.append(self.para(esc(block.label), "excerpt_label"))
        elif not self.safe:
            out.append(Gap(1, self.theme["spacing.excerpt"]))
        if block.notice:
            out.append(self.para(esc(block.notice), "stale"))
        text = self.markup(block.spans)
        if block.in_text:
            text += " " + self.markup(block.in_text)
        out.append(self.quote_class(text or "\u00a0", self.s["quote"]))
        if block.citation:
            out.append(self.linked(block.citation, "attribution"))
        if block.comment:
            out.append(self.para(self.markup(block.comment), "comment"))
        # a short excerpt stays with its label and attribution; a long one simply splits
        if block.keep_together and not self.safe:
            return [KeepTogether(out)]
        return out

    def bullets(self, block: d.BulletList) -> list:
        name = "question" if block.ordered or block.role == "question" else "bullet"
        return [Paragraph(self.markup(item), self.s[name], bulletText=f"{i}." if block.ordered else "\u2022")
                for i, item in enumerate(block.items, 1)]

    def ruled_lines(self, block: d.RuledLines) -> list:
        return [RuledLines(block.count, self.theme["notes_margin.line_spacing"], HexColor(RULED_LINES_COLOR),
                           fill=block.fill, label=block.label, label_style=self.s["label"])]

    def contents(self, block: d.Contents) -> list:
        out: list = [self.para(esc(block.title), "toc_title")]
        if not block.entries:
            out.append(self.para(esc(block.empty_text), "body"))
        leader = color(self.theme, "colors.muted")
        for entry in block.entries:
            title = f"{entry.label}: {entry.title}" if entry.label else entry.title  # "Tab A: Extradition"
            out.append(TocEntry(entry.anchor, esc(title), self.s["toc_entry"], leader))
        return out

    def note_list(self, block: d.NoteList) -> list:
        return [self.linked(note.spans, "endnote", f"{note.number}.\u2002") for note in block.notes]

    def bibliography(self, block: d.Bibliography) -> list:
        return [self.linked(entry, "bib") for entry in block.entries]

    def table(self, block: d.Table) -> list:
        rows = ([block.header] if block.header else []) + block.rows
        cells = [[Paragraph(self.markup(cell), self.s["body"]) for cell in row] for row in rows]
        if not cells:
            return []
        return [RLTable(cells, colWidths=self.column_widths(block, len(cells[0])), repeatRows=1 if block.header else 0,
                        style=TABLE_STYLE)]

    def column_widths(self, block: d.Table, columns: int) -> list[float] | None:
        """The table's relative widths (shares of the text width) in points; None (reportlab's
        equal split) without a frame width or with widths that do not fit the columns."""
        widths = block.widths
        if not self.frame_width or not widths or len(widths) != columns or min(widths) <= 0:
            return None
        total = sum(widths)
        return [self.frame_width * w / total for w in widths]

    def page_break(self, block: d.PageBreak) -> list:
        return [PageBreak()]

    def spacer(self, block: d.Spacer) -> list:
        return [Gap(1, block.points)]

    # -- parts -----------------------------------------------------------------------------
    def part(self, part: d.Part) -> list:
        out: list = list(PART_OPENINGS.get(part.kind, lambda r: [])(self))
        if self.labelled:  # every part sets the header label, so a part without one clears it
            out.insert(0, HeaderLabel(part.header_label, self.on_label))
        for block in part.blocks:
            out += RENDERERS[type(block)](self, block)
            if part.kind == "cover" and getattr(block, "role", "") == "cover-title" and not any(
                    getattr(b, "role", "") == "cover-subtitle" for b in part.blocks):
                out.append(Gap(1, NO_SUBTITLE))
        return out

    def first_template(self) -> str:
        return self.doc.parts[0].page_style if self.doc.parts else "body"

    def story(self) -> list:
        out: list = []
        previous = None
        count = len(self.doc.parts)
        for done, part in enumerate(self.doc.parts, 1):
            if previous is not None and (part.new_page or part.page_style != previous.page_style):
                out += [NextPageTemplate(part.page_style), PageBreak()]
            out += self.part(part)
            previous = part
            if self.on_part is not None:
                self.on_part(done / count)
        return out


RENDERERS = {
    d.Heading: StoryRenderer.heading, d.Paragraph: StoryRenderer.paragraph, d.Quote: StoryRenderer.quote,
    d.BulletList: StoryRenderer.bullets, d.RuledLines: StoryRenderer.ruled_lines, d.Contents: StoryRenderer.contents,
    d.NoteList: StoryRenderer.note_list, d.Bibliography: StoryRenderer.bibliography, d.Table: StoryRenderer.table,
    d.PageBreak: StoryRenderer.page_break, d.Spacer: StoryRenderer.spacer,
}
# what starts a part on the page, by part kind
PART_OPENINGS = {
    "cover": lambda r: [Gap(1, COVER_TOP)],
    "notes": lambda r: [CondPageBreak(144)],
    "bibliography": lambda r: [Gap(1, 8)] if any(p.kind == "notes" for p in r.doc.parts) else [CondPageBreak(144)],
}
