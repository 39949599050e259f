"""Text-showing operators for the embedded TrueType faces, from a per-document code table.

reportlab's text object turns every drawn string into subset codes one character at a time
in Python (``TTFont.splitString``) and then escapes the bytes: about a fifth of a long
export.  Once a character has its code in a document it keeps it, so for the characters
already coded in the first subset (nearly all text after the first lines) a ``str.translate``
table maps each one straight to its escaped code, in C.  A string with a character not yet
coded, or coded in another subset, goes through reportlab's own ``splitString`` (which
assigns codes in drawing order, as always) and the table learns the new codes.  The file
is byte-identical to reportlab's (tests/test_textcode.py compares whole exports); escaping
is byte by byte, so translating character by character gives the same string.

Only plain ``str`` text in a non-shaped TrueType face takes this path; everything else
(base-14 fonts, shaped text, bytes) is reportlab's own ``_formatText``.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.textobject import PDFTextObject


class _Table:
    """The escaped code of every character coded in subset 0 of one font in one document."""

    __slots__ = ("known", "table", "seen")

    def __init__(self) -> None:
        self.known: set[str] = set()
        self.table: dict[int, str] = {}
        self.seen = 0  # len(state.assignments) when the table was last brought up to date

    def learn(self, assignments: dict, escape) -> None:
        if len(assignments) == self.seen:
            return
        for code, n in assignments.items():
            if n < 256 and code not in self.table:
                self.table[code] = escape(bytes((n,)))
                self.known.add(chr(code))
        space = self.table.get(32)
        if space is not None:  # splitString draws a no-break space as the space's code
            self.table[0xA0] = space
            self.known.add("\xa0")
        self.seen = len(assignments)


def _table(font: TTFont, doc) -> tuple[_Table, object]:
    state = font.state.get(doc)
    if state is None:
        font.splitString("", doc)  # reportlab creates the document's state on first use
        state = font.state[doc]
    table = state.__dict__.get("_bb_table")
    if table is None:
        table = state._bb_table = _Table()
    return table, state


def format_text(tx: PDFTextObject, font: TTFont, text: str, coded=None) -> str:
    """Exactly ``tx._formatText(text)`` for a non-shaped TrueType ``font``; see the module docstring.
    ``coded`` is ``_table(font, doc)`` when the caller has it."""
    if not text:
        return ""
    canvas = tx._canvas
    doc = canvas._doc
    table, state = coded or _table(font, doc)
    if table.known.issuperset(text):
        runs = ((0, text.translate(table.table)),)
    else:
        escape = canvas._escape
        runs = [(subset, escape(b)) for subset, b in font.splitString(text, doc)]
        table.learn(state.assignments, escape)
    out: list[str] = []
    for subset, escaped in runs:
        if subset != tx._curSubset:
            out.append(f"{font.getSubsetInternalName(subset, doc)} {fp_str(tx._fontsize)} Tf {fp_str(tx._leading)} TL")
            tx._curSubset = subset
        out.append(f"({escaped}) Tj")
    return " ".join(out)


class TableCodedTextObject(PDFTextObject):
    """A text object whose strings in the embedded faces are coded by ``format_text``."""

    _bb_face = None  # (font name, font, its code table and state) of the last string drawn

    def _formatText(self, text):
        face = self._bb_face
        if face is None or face[0] != self._fontname:
            font = getFont(self._fontname)
            coded = _table(font, self._canvas._doc) if isinstance(font, TTFont) and font._dynamicFont else None
            face = self._bb_face = (self._fontname, font, coded)
        if type(text) is not str or face[2] is None:
            return super()._formatText(text)
        return format_text(self, face[1], text, face[2])
