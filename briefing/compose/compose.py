"""``compose(briefing, library, processor, layout)``: the one place a briefing becomes a ``Document``.

Every decision a reader sees is made here, for every writer alike: which parts are printed
(``include``: cover, toc, sources, comments), the order of parts and blocks, excerpt labels,
note numbers (one per excerpt, in reading order), the order of cited sources (first citation
first; the processor sorts the bibliography as its style does), stale and missing notices,
ellipses, key points, questions and ruled lines.  Citations are formatted in one batch by a
``CitationProcessor`` (``briefing.citation.api``): a note style gives each excerpt an
attribution line ending in a note reference and a notes part; an in-text style gives the
parenthetical after the quote and no note numbers.

How a new layout plugs in
-------------------------
A layout file (``resources/layouts/<name>.yaml``) names its ``composer``.  ``"standard"`` is
``compose_standard`` below (memo, study).  A new look with a different structure (an information
memo, a tabbed briefing book, a study packet with exercises) is a module with a function
``compose_<name>(composition) -> list[Part]`` that builds parts from the ``Composition`` (its
``briefing``, ``layout``, ``include`` and helpers: ``compose_item`` for items, ``cite`` for
excerpts, ``finish`` for the notes and bibliography), registered with
``register_composer("<name>", function)``; its layout files set ``composer: <name>`` and may add
settings (validated by a schema extending ``layout.SCHEMA``, see ``load_layout``).  New item kinds
plug in through ``briefing.compose.kinds.register_kind``.  Writers need no change unless the
composer uses a block type they do not know yet.
"""

from __future__ import annotations

from typing import Callable

from briefing.citation.api import CitationProcessor, request_for
from briefing.compose import parts
from briefing.compose.aids import AID_PARTS, with_aids
from briefing.compose.document import Document, DocumentInfo, Note, NoteRef, Part, Span
from briefing.compose.layout import Layout, layout_for, load_layout
from briefing.compose.spans import from_runs, one_line

INCLUDE_PARTS = ("cover", "toc", "sources", "comments") + AID_PARTS
MISSING_ATTRIBUTION = "[source “{id}” is not in the library]"
MISSING_NOTE = "Source “{id}” is not in the library."


def included(include: dict | None) -> dict[str, bool]:
    """Which optional parts to print; everything but the aids by default, unknown keys refused."""
    chosen = {name: name not in AID_PARTS for name in INCLUDE_PARTS}
    for key, value in (include or {}).items():
        if key not in chosen:
            raise ValueError(f"unknown part '{key}'; parts are: {', '.join(INCLUDE_PARTS)}")
        chosen[key] = bool(value)
    return chosen


class Composition:
    """The running state of one composition: numbering, cited excerpts, the notes."""

    def __init__(self, briefing, library, processor: CitationProcessor, layout: Layout,
                 include: dict | None = None) -> None:
        self.briefing = briefing
        self.library = library
        self.processor = processor
        self.layout = layout
        self.include = included(include)
        self.excerpt_count = 0
        self.notes: list[Note] = []
        self.style_class = ""
        self.warnings: list[str] = []  # plain sentences for the user (a BLUF over its lines…)
        self._cited: list[tuple] = []  # (quote, excerpt, source or None), in reading order
        self._attributions: dict[str, list] = {}

    def source(self, source_id: str):
        return self.library.sources.get(source_id) if self.library is not None else None

    def cite(self, quote, item, source) -> None:
        """Remember an excerpt's quote; its citation is filled in by ``finish`` (one batch)."""
        self._cited.append((quote, item, source))

    def _attribution(self, source) -> list:
        spans = self._attributions.get(source.id)
        if spans is None:
            runs = self.processor.attribution(source)
            spans = self._attributions[source.id] = [Span(r.text, italic=r.italic) for r in runs if r.text]
        return spans

    def finish(self) -> list[Part]:
        """Format every citation at once, fill in the quotes, and return the end parts (notes,
        bibliography) that are printed."""
        present = [(quote, item, source) for quote, item, source in self._cited if source is not None]
        requests = [request_for(source, item.paragraph) for _, item, source in present]
        cited = self.processor.process({s.id: s for _, _, s in present}, requests)
        self.style_class = cited.style_class
        formatted = {id(quote): runs for (quote, _, _), runs in zip(present, cited.citations)}
        sources_on = self.include["sources"]
        for number, (quote, item, source) in enumerate(self._cited, 1):
            runs = formatted.get(id(quote))
            if cited.style_class == "in-text":
                quote.in_text = (from_runs(runs) if source is not None
                                 else [Span(MISSING_ATTRIBUTION.format(id=item.source_id))])
                continue
            attribution = (self._attribution(source) if source is not None
                           else [Span(MISSING_ATTRIBUTION.format(id=item.source_id))])
            quote.citation = [Span("\u2014 "), *attribution]
            if sources_on:
                quote.citation.append(NoteRef(number))
                spans = from_runs(runs) if source is not None else [Span(MISSING_NOTE.format(id=item.source_id))]
                self.notes.append(Note(number, spans, item_id=item.id))
        if not (sources_on and self._cited):
            return []
        end = [parts.notes(self)] if self.notes else []
        return end + [parts.bibliography(cited.bibliography_title, cited.bibliography)]


def compose_standard(comp: Composition) -> list[Part]:
    """Cover, contents, the summary, one part per section, then notes and bibliography (memo, study)."""
    b, layout, include = comp.briefing, comp.layout, comp.include
    sections = [parts.section(comp, i, s) for i, s in enumerate(b.sections)]
    end = comp.finish()
    out: list[Part] = []
    if include["cover"] and layout["cover"]:
        out.append(parts.cover(b.meta))
    if include["toc"] and layout["contents"]:
        entries = [parts.ContentsEntry(p.anchor, p.title) for p in sections + end if p.anchor]
        out.append(parts.contents(entries))
    return out + parts.summary_part(b.meta, layout) + sections + end


Composer = Callable[[Composition], list]
COMPOSERS: dict[str, Composer] = {"standard": compose_standard}


def register_composer(name: str, function: Composer) -> None:
    """Layouts whose ``composer`` is ``name`` are composed by ``function(composition) -> parts``."""
    COMPOSERS[name] = function


def compose(briefing, library, processor: CitationProcessor | None = None, layout: Layout | str | None = None,
            include: dict | None = None) -> Document:
    """The composed document of ``briefing``: ``processor`` formats citations (default: the
    briefing's citation style), ``layout`` decides structure (default: the briefing's layout,
    else the one named like its theme), ``include`` turns optional parts off."""
    meta = briefing.meta
    if processor is None:
        from briefing.citation import processor_for

        processor = processor_for(meta.citation_style or "chicago")
    if layout is None:
        layout = layout_for(meta)
    elif not isinstance(layout, Layout):
        layout = load_layout(layout)
    composer = COMPOSERS.get(layout.composer)
    if composer is None:
        raise ValueError(f"layout '{layout.name}' names composer '{layout.composer}', which is not registered "
                         f"(registered: {', '.join(sorted(COMPOSERS))})")
    comp = Composition(briefing, library, processor, layout, include)
    document_parts = with_aids(comp, composer(comp))
    titles = [p.title for p in document_parts if p.kind == "section"]
    info = DocumentInfo(
        title=one_line(meta.title) or "Untitled briefing",
        running_title=one_line(meta.title),
        subtitle=one_line(meta.subtitle),
        author=one_line(meta.prepared_by),
        subject=one_line(meta.purpose or meta.subtitle),
        keywords=titles,
        marking=one_line(meta.marking).strip(),
        date=meta.date or "",
        page_size=(meta.page_size or "").lower(),
    )
    return Document(info=info, parts=document_parts, notes=comp.notes,
                    note_placement="endnotes" if comp.notes else "none", layout=layout.name,
                    citation_style=getattr(processor, "style", ""), warnings=list(comp.warnings))
