"""Layout in time linear in the text: long paragraphs become a run of short ones before layout.

reportlab breaks the *rest* of a paragraph into lines again at every page split, so a paragraph
of n characters costs ~n²: a pasted 200 KB note took 17 s to export, 1 MB over 8 minutes, and a
100 KB title with no spaces (broken letter by letter by ``splitLongWords``) 10 s per 50 KB.
Here a paragraph whose markup is over ``THRESHOLD`` characters is cut into pieces of at most
``CHUNK`` characters of text, at the best place in reach: a line break the user typed, then a
sentence end, then a space, else (one unbreakable word) between two characters.  Open tags
are closed at a cut and opened again after it, so every piece is well-formed markup with the
same formatting.  The pieces are the paragraph's own class with its style, spaced like one
paragraph (space before only on the first, space after only on the last, first-line indent
and bullet only on the first) and boxed like one: a background runs on without a gap, and a
border is drawn as one frame around the pieces (sides on every piece, the top on the first,
the bottom on the last).  Shorter paragraphs, nearly all of them, are left untouched.
"""

from __future__ import annotations

import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.geomutils import normalizeTRBL
from reportlab.platypus import Paragraph

THRESHOLD = 3000  # characters of markup: a paragraph this long or shorter is laid out as it is
CHUNK = 1500  # characters of text per piece (a third of a page of notes)
_PIECE = re.compile(r"<[^>]*>|&#?\w+;|[^<&]+")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+")
_SPACE = re.compile(r"\s+")


def _tag_name(tag: str) -> str:
    return tag.strip("</>").split(None, 1)[0].lower() if tag.strip("</>") else ""


def _last_match(pattern: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    found = None
    for found in pattern.finditer(text, lo, hi):
        pass
    return found


def split_markup(markup: str, chunk: int = CHUNK) -> list[str]:
    """``markup`` as well-formed pieces of at most ``chunk`` characters of text each (see module docstring)."""
    pieces: list[str] = []
    current: list[str] = []
    opened: list[str] = []  # the opening tags in force, outermost first
    size = 0

    def cut() -> None:
        nonlocal current, size
        current.extend(f"</{_tag_name(tag)}>" for tag in reversed(opened))
        pieces.append("".join(current))
        current, size = list(opened), 0

    for match in _PIECE.finditer(markup):
        piece = match.group()
        if piece.startswith("<"):
            if _BREAK_TAG.fullmatch(piece):
                if size >= chunk // 4:
                    cut()  # the typed line break becomes the break between pieces
                else:
                    current.append(piece)
            elif piece.startswith("</"):
                if opened:
                    opened.pop()
                current.append(piece)
            elif piece.endswith("/>"):
                current.append(piece)
            else:
                opened.append(piece)
                current.append(piece)
            continue
        if piece.startswith("&"):
            if size + 1 > chunk:
                cut()
            current.append(piece)
            size += 1
            continue
        while size + len(piece) > chunk:
            room = chunk - size
            lo = max(0, chunk // 2 - size)
            found = _last_match(_SENTENCE_END, piece, lo, room) or _last_match(_SPACE, piece, lo, room)
            if found is not None:
                current.append(piece[: found.start()] + piece[found.start(): found.end()].rstrip())
                piece = piece[found.end():]
            elif size > 0 and _SPACE.search(piece, 0, room + 1) is None and _SPACE.search(piece) is not None:
                pass  # the word in hand fits in a piece of its own: start one
            else:
                current.append(piece[:room])  # one unbreakable word: cut between characters
                piece = piece[room:]
            cut()
        current.append(piece)
        size += len(piece)
    pieces.append("".join(current))
    return [p for p in pieces if p.strip()] or [markup]


_VARIANTS: dict[tuple[int, str], ParagraphStyle] = {}


def _bordered(style: ParagraphStyle) -> bool:
    return bool(getattr(style, "borderWidth", 0) and getattr(style, "borderColor", None))


def _variant(style: ParagraphStyle, position: str) -> ParagraphStyle:
    """The style for the first, a middle or the last piece: spaced, indented and padded as one
    paragraph; a border is left to ``JoinedPiece`` (reportlab would close a box round each piece)."""
    key = (id(style), position)
    found = _VARIANTS.get(key)
    if found is not None and found.parent is style:
        return found
    changes: dict = {"keepWithNext": 0} if position != "last" else {}
    top, right, bottom, left = normalizeTRBL(getattr(style, "borderPadding", 0) or 0)
    if position != "first":
        changes.update(spaceBefore=0, firstLineIndent=0)
        top = 0
    if position != "last":
        changes["spaceAfter"] = 0
        bottom = 0
    changes["borderPadding"] = (top, right, bottom, left)
    if _bordered(style):
        changes["borderWidth"] = 0
    variant = _VARIANTS[key] = ParagraphStyle(f"{style.name}+{position}", parent=style, **changes)
    return variant


class JoinedPiece:
    """Mixed into a piece's own Paragraph class: draws the original style's border as the edges
    of one frame (sides always, top on the first piece, bottom on the last), where reportlab's
    own drawing would close a rectangle round every piece.  Same geometry as ``drawPara``."""

    bb_border: tuple = ()  # (width, colour, draw the top edge, draw the bottom edge)

    def draw(self) -> None:
        super().draw()  # type: ignore[misc]
        if not self.bb_border:
            return
        width, colour, top_edge, bottom_edge = self.bb_border
        style = self.style  # type: ignore[attr-defined]
        top, right, bottom, left = normalizeTRBL(style.borderPadding or 0)
        x0 = style.leftIndent - left
        x1 = self.width - style.rightIndent + right  # type: ignore[attr-defined]
        y0, y1 = -bottom, self.height + top  # type: ignore[attr-defined]
        canv = self.canv  # type: ignore[attr-defined]
        canv.saveState()
        canv.setStrokeColor(colour)
        canv.setLineWidth(width)
        canv.line(x0, y0, x0, y1)
        canv.line(x1, y0, x1, y1)
        if top_edge:
            canv.line(x0, y1, x1, y1)
        if bottom_edge:
            canv.line(x0, y0, x1, y0)
        canv.restoreState()


_JOINED: dict[tuple, type] = {}


def _joined_class(cls: type, style: ParagraphStyle, position: str) -> type:
    """The piece's class, with the border as a class attribute: reportlab builds the parts of a
    piece split across pages with ``self.__class__``, so they keep their edges."""
    border = (style.borderWidth, style.borderColor, position == "first", position == "last")
    key = (cls, border)
    found = _JOINED.get(key)
    if found is None:
        found = _JOINED[key] = type(f"Joined{cls.__name__}", (JoinedPiece, cls), {"bb_border": border})
    return found


def pieces_of(flowable) -> list:
    """A long Paragraph as its pieces (see the module docstring); anything else as it is."""
    if not isinstance(flowable, Paragraph) or not isinstance(getattr(flowable, "text", None), str) \
            or len(flowable.text) <= THRESHOLD:
        return [flowable]
    parts = split_markup(flowable.text)
    if len(parts) < 2:
        return [flowable]
    cls, style = type(flowable), flowable.style
    out = []
    for i, part in enumerate(parts):
        position = "first" if i == 0 else "last" if i == len(parts) - 1 else "middle"
        bullet = getattr(flowable, "bulletText", None) if i == 0 else None
        if _bordered(style):
            piece = _joined_class(cls, style, position)(part, _variant(style, position), bulletText=bullet)
        else:
            piece = cls(part, _variant(style, position), bulletText=bullet)
        out.append(piece)
    # this package's own state on its Paragraph subclasses ("bb_…": a heading's anchor) goes
    # with the first piece, where the paragraph starts
    out[0].__dict__.update({k: v for k, v in flowable.__dict__.items() if k.startswith("bb_") and k != "bb_wrapped"})
    return out


def bounded(story: list) -> list:
    """The story with every long paragraph replaced by its pieces."""
    out: list = []
    for flowable in story:
        out.extend(pieces_of(flowable))
    return out
