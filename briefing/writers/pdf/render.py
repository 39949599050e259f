"""Turn a Briefing into a platypus story: cover, contents, sections, notes and sources.

All source and user text passes through ``markup.esc``/``runs_markup`` (or, for citations,
``citefrags``, which gives the same fragments without markup); the only raw markup is written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak

from briefing.writers.pdf.citefrags import citation_frags
from briefing.writers.pdf.coverage import SafeParagraph as Paragraph  # missing glyphs replaced and reported
from briefing.writers.pdf.coverage import plain_frags
from briefing.writers.pdf.flowables import (Gap, MarkedParagraph, RuledLines, SectionAnchor, TocEntry, keep_together,
                                       ruled_paragraph_class)
from briefing.writers.pdf.markup import LINK_COLOR, clean, esc, runs_markup
from briefing.writers.pdf.runs import RunsParagraph
from briefing.writers.themes import Theme
from briefing.model import Briefing, Excerpt, Note, Subheading

TOC_TITLE_LIMIT = 240
KEEP_WITH_NEXT_LIMIT = 400  # characters of markup
STALE_TEXT = "\u26a0 Source text has changed: this excerpt no longer matches its source. Check it before use."
MISSING_TEXT = "\u26a0 Source not in the library: this excerpt cannot be checked."


@dataclass
class Plan:
    """What the document template needs before layout: the keys whose page numbers the
    contents shows, in order, and the outline/keywords."""

    toc: list[tuple[str, str]] = field(default_factory=list)  # (key, title)
    keywords: list[str] = field(default_factory=list)


def section_key(index: int) -> str:
    return f"sec{index + 1}"


INCLUDE_PARTS = ("cover", "toc", "sources", "comments")


def included(include: dict | None) -> dict[str, bool]:
    """Which optional parts to print; everything by default, unknown keys refused."""
    parts = {name: True for name in INCLUDE_PARTS}
    for key, value in (include or {}).items():
        if key not in parts:
            raise ValueError(f"unknown part '{key}'; parts are: {', '.join(INCLUDE_PARTS)}")
        parts[key] = bool(value)
    return parts


def plan_for(briefing: Briefing, include: dict | None = None) -> Plan:
    parts = included(include)
    plan = Plan()
    for i, section in enumerate(briefing.sections):
        title = clean(section.title).strip() or f"Section {i + 1}"
        plan.toc.append((section_key(i), title))
        plan.keywords.append(title)
    if briefing.all_excerpts() and parts["sources"]:
        plan.toc.append(("notes", "Notes"))
        plan.toc.append(("sources", "Sources"))
    return plan


def _multiline(text: str) -> str:
    """Escape text, keeping the user's line breaks as <br/>."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(esc(line) for line in lines)


class StoryBuilder:
    def __init__(self, briefing: Briefing, library, theme: Theme, styles: dict, citer, plan: Plan,
                 on_section_drawn, safe: bool = False, include: dict | None = None) -> None:
        self.b = briefing
        self.parts = included(include)
        self.library = library
        self.theme = theme
        self.s = styles
        self.citer = citer
        self.plan = plan
        self.on_section_drawn = on_section_drawn
        self.safe = safe  # fallback after a LayoutError: no keep-together groups
        self.quote_class = ruled_paragraph_class(theme["quote.rule_width"], HexColor(theme["colors.rule"]),
                                                 8 if not theme["quote.shade"] else 10)
        self.notes: list[tuple[int, Excerpt]] = []  # (note number, excerpt)
        self.cited: list = []  # sources in order of first citation
        self._cited_ids: set[str] = set()
        self._attribution: dict[str, str] = {}  # source id -> escaped attribution (many excerpts, one source)
        self._note_runs: dict[tuple[str, int | None], list] = {}  # (source id, paragraph) -> endnote Runs
        self.excerpt_no = 0
        self.link_color = theme["colors.link"] or LINK_COLOR

    # -- helpers ----------------------------------------------------------------------
    def source_for(self, excerpt: Excerpt):
        return self.library.sources.get(excerpt.source_id) if self.library is not None else None

    def para(self, markup: str, style: str) -> Paragraph:
        st = self.s[style]
        if getattr(st, "keepWithNext", 0) and (self.safe or len(markup) > KEEP_WITH_NEXT_LIMIT):
            # a huge "heading" is not kept with what follows: nested keep-together groups of
            # page-sized text make reportlab re-lay them out over and over
            loose = self.s.get(style + "+loose")
            if loose is None:
                loose = self.s[style + "+loose"] = ParagraphStyle(style + "+loose", parent=st, keepWithNext=0)
            st = loose
        return Paragraph(markup, st)

    def keep(self, flowables: list) -> list:
        if self.safe:
            return flowables
        return [keep_together(flowables)]

    # -- parts ----------------------------------------------------------------------------
    def cover(self) -> list:
        m = self.b.meta
        out: list = [Gap(1, 72), self.para(esc(m.title) or "Untitled briefing", "title")]
        if m.subtitle.strip():
            out.append(self.para(esc(m.subtitle), "subtitle"))
        else:
            out.append(Gap(1, 18))
        for label, value in (("Prepared for", m.prepared_for), ("Prepared by", m.prepared_by), ("Date", m.date),
                             ("Purpose", m.purpose)):
            if value and value.strip():
                out.append(self.para(esc(label.upper()), "cover_label"))
                out.append(self.para(_multiline(value), "cover_value"))
        if clean(m.marking).strip():
            out.append(self.para(esc(m.marking), "cover_marking"))
        out += [NextPageTemplate("front"), PageBreak()]
        return out

    def contents(self) -> list:
        out: list = [self.para("Contents", "toc_title")]
        if not self.plan.toc:
            out.append(self.para("This briefing has no sections yet.", "body"))
        leader = HexColor(self.theme["colors.muted"])
        for key, title in self.plan.toc:
            if len(title) > TOC_TITLE_LIMIT:
                title = title[:TOC_TITLE_LIMIT].rstrip() + "…"
            out.append(TocEntry(key, esc(title), self.s["toc_entry"], leader))
        out += [NextPageTemplate("body"), PageBreak()]
        return out

    def key_points(self, section) -> list:
        points = [p for p in section.key_points if p and p.strip()]
        if not points:
            return []
        out = [self.para(esc(self.theme["key_points_title"]), "label")]
        out += [Paragraph(esc(p), self.s["bullet"], bulletText="\u2022") for p in points]
        return out

    def excerpt(self, item: Excerpt) -> list:
        self.excerpt_no += 1
        source = self.source_for(item)
        number = len(self.notes) + 1
        self.notes.append((number, item))
        if source is not None and source.id not in self._cited_ids:
            self._cited_ids.add(source.id)
            self.cited.append(source)
        head: list = []
        if self.theme["numbered_excerpts"]:
            head.append(self.para(f"{esc(self.theme['excerpt_label'])} {self.excerpt_no}", "excerpt_label"))
        elif not self.safe:
            head.append(Gap(1, self.theme["spacing.excerpt"]))
        if source is None:
            head.append(self.para(esc(MISSING_TEXT), "stale"))
        elif item.status == "stale":
            head.append(self.para(esc(STALE_TEXT), "stale"))
        text = item.text or ""
        if item.lead_ellipsis:
            text = "\u2026 " + text
        if item.trail_ellipsis:
            text = text + " \u2026"
        frags = plain_frags(text, self.s["quote"])  # what esc(text) would be parsed into, directly
        if frags is None:
            quote = self.quote_class(esc(text) or "\u00a0", self.s["quote"])
        else:
            quote = self.quote_class(text, self.s["quote"], frags=frags)
        if source is not None:
            attribution = self._attribution.get(source.id)
            if attribution is None:
                attribution = self._attribution[source.id] = esc(self.citer.attribution(source))
        else:
            attribution = esc(f"[source “{item.source_id}” is not in the library]")
        # the note number is drawn as a superscript after the last word (see MarkedParagraph)
        attr = MarkedParagraph(f"\u2014 {attribution}", self.s["attribution"],
                               marker=str(number) if self.parts["sources"] else None)
        out = head + [quote, attr]
        if self.parts["comments"] and item.comment and item.comment.strip():
            out.append(self.para(f"<b>Comment:</b> {_multiline(item.comment)}", "comment"))
        # a short excerpt stays with its label and attribution; a long one simply splits
        if not self.safe and len(item.text) + len(item.comment or "") < 1200:
            return [keep_together(out)]
        return out

    def note(self, item: Note) -> list:
        return [self.para(f"<b>Note</b>\u2003{_multiline(item.text)}", "note")]

    def questions(self, section) -> list:
        qs = [q for q in section.discussion_questions if q and q.strip()]
        if not (qs and self.theme["discussion_questions"]):
            return []
        out = [self.para("Discussion questions", "label")]
        out += [Paragraph(esc(q), self.s["question"], bulletText=f"{i}.") for i, q in enumerate(qs, 1)]
        return out

    def section(self, index: int, section) -> list:
        key, title = self.plan.toc[index]
        out: list = []
        if index and self.theme["section_page_break"]:
            out.append(PageBreak())
        out.append(SectionAnchor(key, title, self.on_section_drawn))
        out.append(self.para(esc(title), "h1"))
        if self.theme["key_points_first"]:
            out += self.key_points(section)
        for item in section.items:
            if isinstance(item, Excerpt):
                out += self.excerpt(item)
            elif isinstance(item, Note):
                out += self.note(item)
            elif isinstance(item, Subheading):
                out.append(self.para(esc(item.text), "h2"))
        if not self.theme["key_points_first"]:
            kp = self.key_points(section)
            if kp:
                out += [Gap(1, 6)] + (kp if self.safe else self.keep(kp[:2]) + kp[2:])
        out += self.questions(section)
        lines = self.theme["notes_margin.ruled_lines_after_section"]
        if lines:
            out += [Gap(1, 8),
                    RuledLines(lines, self.theme["notes_margin.line_spacing"], HexColor("#c8c8c8"),
                               fill=self.theme["section_page_break"], label="Your notes", label_style=self.s["label"])]
        return out

    def endmatter(self) -> list:
        if not self.notes or not self.parts["sources"]:
            return []
        out: list = [CondPageBreak(144), SectionAnchor("notes", "Notes", self.on_section_drawn, outline=False),
                     self.para("Notes", "h1")]
        for number, item in self.notes:
            source = self.source_for(item)
            if source is None:  # plain words, no links: the id is whatever the briefing file says
                body = esc(f"Source “{item.source_id}” is not in the library.")
                out.append(RunsParagraph(f"{number}.\u2002{body}", self.s["endnote"]))
                continue
            key = (source.id, item.paragraph)
            runs = self._note_runs.get(key)
            if runs is None:
                runs = self._note_runs[key] = self.citer.note(source, item.paragraph)
            out.append(self.citation(runs, "endnote", f"{number}.\u2002"))
        out += [Gap(1, 8), SectionAnchor("sources", "Sources", self.on_section_drawn, outline=False),
                self.para("Sources", "h1")]
        for runs in self.citer.bibliography(self.cited):
            out.append(self.citation(runs, "bib"))
        return out

    def citation(self, runs: list, style: str, prefix: str = "") -> RunsParagraph:
        """An endnote or sources entry; its fragments come straight from the Runs (citefrags)."""
        st = self.s[style]
        frags = citation_frags(runs, st, prefix, self.link_color)
        if frags is None:
            return RunsParagraph(prefix + runs_markup(runs, color=self.link_color), st)
        return RunsParagraph(prefix + "".join(getattr(r, "text", "") for r in runs), st, frags=frags)

    def first_template(self) -> str:
        return "cover" if self.parts["cover"] else "front" if self.parts["toc"] else "body"

    def story(self) -> list:
        out = (self.cover() if self.parts["cover"] else []) + (self.contents() if self.parts["toc"] else [])
        for i, section in enumerate(self.b.sections):
            out += self.section(i, section)
        out += self.endmatter()
        return out
