"""A composed ``Document`` as pandoc's JSON AST, for pandoc's DOCX writer.

Why pandoc's AST and not python-docx calls: pandoc writes real footnotes (python-docx cannot),
keeps Word's own style names (Title, Heading 1/2, Block Text, Footnote Text), and its writer
was faster on the 130-page benchmark briefing (see ``briefing/writers/docx/__init__.py``).

Every user or source text goes into ``Str`` nodes, which pandoc escapes; the only raw OpenXML
emitted is the fixed page-break paragraph below.  A ``Str`` may hold spaces: pandoc's DOCX
writer copies it into one ``w:t`` (a third of the nodes of splitting on spaces, measurably faster).

Notes: every ``NoteRef`` becomes a real Word footnote holding the note's text, so the
document's endnote list (``NoteList`` and the ``notes`` part) is not repeated.
"""

from __future__ import annotations

import re

from briefing.compose.document import (
    Bibliography, BulletList, Contents, Document, Heading, NoteList, NoteRef, PageBreak, Paragraph, Quote,
    RuledLines, Spacer, Span, Table,
)

API_VERSION = [1, 23, 1]
# Characters XML 1.0 cannot hold (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF):
# a Word file containing one does not open, so each becomes a visible U+FFFD.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return NOT_XML.sub("\ufffd", text)

PAGE_BREAK = {"t": "RawBlock", "c": ["openxml", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>']}
NBSP = "\u00a0"

# Paragraph roles of the composed document -> paragraph styles of resources/docx/reference.docx.
ROLE_STYLES = {
    "note": "Staff Note", "comment": "Comment", "notice": "Notice", "label": "Label", "lead": "Lead",
    "cover-title": "Title", "memo-title": "Title", "cover-subtitle": "Subtitle", "cover-label": "Cover Label",
    "cover-value": "Cover Value", "marking": "Marking", "designation": "Designation",
    "memo-field": "Memo Field", "signature": "Signature", "small": "Small",
}
FOOTNOTE_PARTS = frozenset({"notes"})  # parts whose whole content the footnotes replace


def _attr(identifier: str = "", style: str | None = None) -> list:
    return [identifier, [], [["custom-style", style]] if style else []]


class _Converter:
    def __init__(self, document: Document):
        self.notes = {note.number: note for note in document.notes}

    # -- inlines ---------------------------------------------------------------------------
    def inlines(self, spans) -> list:
        out: list = []
        for span in spans:
            if isinstance(span, NoteRef):
                note = self.notes.get(span.number)
                if note is not None:
                    out.append({"t": "Note", "c": [{"t": "Para", "c": self.inlines(note.spans)}]})
                continue
            out.extend(self.span(span))
        return out

    @staticmethod
    def _text(text: str) -> list:
        out: list = []
        for index, line in enumerate(xml_safe(text).split("\n")):
            if index:
                out.append({"t": "LineBreak"})
            if line:
                out.append({"t": "Str", "c": line})
        return out

    def span(self, span: Span) -> list:
        nodes = self._text(span.text)
        if not nodes:
            return nodes
        if span.superscript:
            nodes = [{"t": "Superscript", "c": nodes}]
        if span.smallcaps:
            nodes = [{"t": "SmallCaps", "c": nodes}]
        if span.italic:
            nodes = [{"t": "Emph", "c": nodes}]
        if span.bold:
            nodes = [{"t": "Strong", "c": nodes}]
        if span.url:
            nodes = [{"t": "Link", "c": [_attr(), nodes, [span.url, ""]]}]
        return nodes

    # -- blocks ----------------------------------------------------------------------------
    def para(self, spans, style: str | None = None) -> dict:
        block = {"t": "Para", "c": self.inlines(spans)}
        return {"t": "Div", "c": [_attr(style=style), [block]]} if style else block

    def block(self, block, skip_anchors: set[str]) -> list:
        if isinstance(block, Heading):
            return [{"t": "Header", "c": [min(max(block.level, 1), 6), _attr(block.anchor or ""),
                                          self.inlines(block.spans)]}]
        if isinstance(block, Paragraph):
            return [self.para(block.spans, ROLE_STYLES.get(block.role))]
        if isinstance(block, Quote):
            return self.quote(block)
        if isinstance(block, BulletList):
            items = [[{"t": "Plain", "c": self.inlines(item)}] for item in block.items]
            if block.ordered:
                return [{"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}], items]}]
            return [{"t": "BulletList", "c": items}]
        if isinstance(block, Table):
            return [self.table(block)]
        if isinstance(block, RuledLines):
            out = [self.para([Span(block.label)], "Label")] if block.label else []
            return out + [self.para([Span(NBSP)], "Ruled Line") for _ in range(block.count)]
        if isinstance(block, Contents):
            out = [self.para([Span(block.title)], "TOC Heading")]
            entries = [e for e in block.entries if e.anchor not in skip_anchors]
            if not entries:
                return out + [self.para([Span(block.empty_text)])]
            for entry in entries:
                text = f"{entry.label}: {entry.title}" if entry.label else entry.title
                link = {"t": "Link", "c": [_attr(), self._text(text), ["#" + entry.anchor, ""]]}
                out.append({"t": "Div", "c": [_attr(style="Contents Entry"), [{"t": "Para", "c": [link]}]]})
            return out
        if isinstance(block, Bibliography):
            return [self.para(entry, "Bibliography") for entry in block.entries]
        if isinstance(block, PageBreak):
            return [PAGE_BREAK]
        if isinstance(block, (NoteList, Spacer)):
            return []
        return []

    def quote(self, quote: Quote) -> list:
        out = []
        if quote.notice:
            out.append(self.para([Span(quote.notice)], "Notice"))
        if quote.label:
            out.append(self.para([Span(quote.label)], "Label"))
        body = list(quote.spans)
        if quote.in_text:
            body += [Span(" ")] + list(quote.in_text)
        out.append({"t": "BlockQuote", "c": [{"t": "Para", "c": self.inlines(body)}]})
        if quote.citation:
            out.append(self.para(quote.citation, "Attribution"))
        if quote.comment:
            out.append(self.para(quote.comment, "Comment"))
        return out

    def table(self, table: Table) -> dict:
        columns = max([len(r) for r in table.rows] + [len(table.header or [])] + [1])
        widths = table.widths or [1.0 / columns] * columns

        def row(cells):
            cells = list(cells) + [[]] * (columns - len(cells))
            return [_attr(), [[_attr(), {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": self.inlines(c)}]]
                              for c in cells]]

        specs = [[{"t": "AlignDefault"}, {"t": "ColWidth", "c": w}] for w in widths[:columns]]
        head = [_attr(), [row(table.header)] if table.header else []]
        body = [[_attr(), 0, [], [row(r) for r in table.rows]]]
        return {"t": "Table", "c": [_attr(), [None, []], specs, head, body, [_attr(), []]]}


def to_pandoc(document: Document) -> dict:
    """The whole document as a pandoc AST (metadata stays out: properties are set afterwards,
    since pandoc would also print a title block from them)."""
    converter = _Converter(document)
    skip = {p.anchor for p in document.parts if p.kind in FOOTNOTE_PARTS and p.anchor}
    blocks: list = []
    for part in document.parts:
        if part.kind in FOOTNOTE_PARTS:
            continue
        if part.new_page and blocks and blocks[-1] is not PAGE_BREAK:
            blocks.append(PAGE_BREAK)
        for block in part.blocks:
            blocks.extend(converter.block(block, skip))
    meta = {"lang": {"t": "MetaString", "c": document.info.language or "en"}}
    return {"pandoc-api-version": API_VERSION, "meta": meta, "blocks": blocks}
