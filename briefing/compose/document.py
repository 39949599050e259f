"""The composed document: what every writer renders, and nothing a writer may decide.

``compose(briefing, library, citations, layout)`` (``briefing.compose``) builds one ``Document``;
the PDF, DOCX and HTML writers (``briefing.writers``) only render it.  Numbering, ordering,
wording, which parts are included and every notice a reader sees are decided here, so a new
format never redoes the assembly (the shape of pandoc's one model, many writers).

Plain data, no reportlab or Qt: testable without reading a PDF.  Text in spans is plain
Unicode, never markup; each writer escapes it for its own format.  A ``"\\n"`` inside a span's
text is a hard line break the user typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


# -- inline spans ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with its emphasis; ``url`` makes it a link (http/https/mailto/doi only)."""

    text: str
    italic: bool = False
    bold: bool = False
    url: str | None = None
    smallcaps: bool = False
    superscript: bool = False


@dataclass(frozen=True, slots=True)
class NoteRef:
    """Where a note's number stands in the text; the note itself is ``Document.notes[number - 1]``."""

    number: int


Inline = Union[Span, NoteRef]


def plain(spans: "list[Inline] | tuple[Inline, ...]") -> str:
    """The words of some spans, note references left out (for tests, outlines, metadata)."""
    return "".join(s.text for s in spans if isinstance(s, Span))


# -- blocks ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class Heading:
    """level 1: a part's or section's title; 2: a sub-heading inside a section; 3: a label."""

    spans: list[Inline]
    level: int = 1
    anchor: str | None = None  # target of contents entries and the PDF outline
    outline: bool = True  # shown in the PDF outline / navigation


@dataclass(slots=True)
class Paragraph:
    """``role`` names the paragraph style a writer uses: body, note, comment, notice (a warning
    such as a stale excerpt), label, lead (the BLUF), cover-title, cover-subtitle, cover-label,
    cover-value, marking, designation, memo-field, signature, small.  Writers map unknown roles
    to body."""

    spans: list[Inline]
    role: str = "body"


@dataclass(slots=True)
class Quote:
    """An excerpt: exact source text (with the ellipses it was trimmed with) and its attribution.

    ``label`` ("Excerpt 3") is printed above it when the layout numbers excerpts; ``notice`` is a
    warning printed before it (stale text, source missing); ``citation`` is printed after the
    quote on its own line (note styles: an attribution line ending in a ``NoteRef``) or
    ``in_text`` directly after the quoted words (author-date styles: "(AFP, 2021, para. 17)").
    """

    spans: list[Inline]
    citation: list[Inline] = field(default_factory=list)
    in_text: list[Inline] = field(default_factory=list)
    label: str = ""
    notice: str = ""
    status: str = "ok"  # ok | stale | missing
    comment: list[Inline] = field(default_factory=list)
    source_id: str = ""
    item_id: str = ""
    keep_together: bool = True  # short excerpts stay on one page with label and citation


@dataclass(slots=True)
class BulletList:
    items: list[list[Inline]]
    ordered: bool = False
    role: str = "bullet"  # bullet | question | talking-point | index


@dataclass(slots=True)
class Table:
    rows: list[list[list[Inline]]]  # row -> cell -> spans
    header: list[list[Inline]] | None = None
    widths: list[float] | None = None  # relative column widths, summing to 1
    role: str = "table"  # table | key-figures | timeline | definitions


@dataclass(slots=True)
class RuledLines:
    """Blank ruled lines for handwriting; ``fill`` runs them to the foot of the page."""

    count: int
    label: str = "Your notes"
    fill: bool = False


@dataclass(slots=True)
class ContentsEntry:
    anchor: str
    title: str
    level: int = 1
    label: str = ""  # "Tab A" in a briefing book


@dataclass(slots=True)
class Contents:
    """A table of contents; the writer supplies page numbers (PDF) or links (HTML)."""

    entries: list[ContentsEntry]
    title: str = "Contents"
    empty_text: str = "This briefing has no sections yet."


@dataclass(slots=True)
class NoteList:
    """Endnotes, in number order (``Document.notes``)."""

    notes: list["Note"]


@dataclass(slots=True)
class Bibliography:
    entries: list[list[Inline]]
    hanging: bool = True


@dataclass(slots=True)
class PageBreak:
    pass


@dataclass(slots=True)
class Spacer:
    points: float = 12.0


Block = Union[Heading, Paragraph, Quote, BulletList, Table, RuledLines, Contents, NoteList, Bibliography,
              PageBreak, Spacer]


# -- parts and the document --------------------------------------------------------------------------
@dataclass(slots=True)
class Note:
    number: int
    spans: list[Inline]
    item_id: str = ""  # the excerpt the note belongs to


@dataclass(slots=True)
class Part:
    """A run of blocks with one page treatment.

    ``kind``: cover, contents, section, notes, bibliography, glossary, attachment, aids…;
    ``new_page``: starts on a fresh page; ``page_style``: which running header/footer the writer
    uses (cover: none; front: marking only; body: title, marking and page numbers);
    ``header_label``: printed in the running header while this part is on the page ("Tab A").
    """

    kind: str
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    anchor: str | None = None
    new_page: bool = False
    page_style: str = "body"
    header_label: str = ""


@dataclass(slots=True)
class DocumentInfo:
    """Furniture and properties; what a writer prints on every page or stores as metadata."""

    title: str = "Untitled briefing"
    running_title: str = ""  # the running header's text (may be shorter than the title)
    subtitle: str = ""
    author: str = ""
    subject: str = ""
    keywords: list[str] = field(default_factory=list)
    marking: str = ""  # handling marking; printed at top and bottom of every page when set
    marking_every_page: bool = True
    language: str = "en"
    date: str = ""
    page_size: str = "letter"  # letter | a4
    page_numbers: str = "Page {page} of {pages}"  # "" for none


@dataclass(slots=True)
class Document:
    info: DocumentInfo
    parts: list[Part] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # "endnotes": writers print the notes part; "footnotes": a writer that can make real
    # footnotes (DOCX, HTML) may put them at the foot instead; "none": no note numbers at all
    note_placement: str = "endnotes"
    layout: str = ""
    citation_style: str = ""
    warnings: list[str] = field(default_factory=list)  # plain sentences for the user (page budget…)

    def blocks(self):
        for part in self.parts:
            yield from part.blocks
