"""Characters the embedded fonts cannot draw are replaced visibly and reported, never lost silently.

reportlab draws a character its TrueType font lacks as the font's empty ".notdef" glyph: the
reader sees a blank or a box and nobody is told.  Here every Paragraph's text and every string
drawn on the page furniture is checked against the exact face that will draw it (the style's
font, switched by ``<b>``/``<i>`` the way reportlab's font mapping does) and each missing
character becomes U+FFFD.  The characters replaced during an export are collected (a
ContextVar, so concurrent exports in threads do not mix) and the PDF writer returns them in
``PdfWriteResult.replaced``.  ``markup.clean`` reports the control characters it replaces the
same way.

Characters outside the Basic Multilingual Plane (most emoji, U+10000 and up) count as missing
even when DejaVu has a glyph: reportlab writes their ToUnicode entry as a 5-digit hex code that
PDF readers reject, so the character would be drawn but vanish from copied or searched text.

Only text between tags is touched: all markup in a Paragraph is written by this package and is
ASCII, and untrusted text has already been escaped by ``markup.esc``.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Iterator

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from briefing.writers.pdf.fonts import FAMILIES, _SUFFIX, font_name
from briefing.writers.pdf.markup import clean

REPLACEMENT = "\ufffd"
_TAG = re.compile(r"(<[^>]*>)")
_collector: ContextVar[dict[str, int] | None] = ContextVar("briefing_export_replaced", default=None)


@contextmanager
def collecting() -> Iterator[dict[str, int]]:
    """Collect {character: count} of everything replaced inside the ``with`` block."""
    found: dict[str, int] = {}
    token = _collector.set(found)
    try:
        yield found
    finally:
        _collector.reset(token)


def record(char: str) -> None:
    found = _collector.get()
    if found is not None:
        found[char] = found.get(char, 0) + 1


@lru_cache(maxsize=None)
def _face_of(name: str) -> tuple[str, str] | None:
    for family in FAMILIES:
        for variant in _SUFFIX:
            if font_name(family, variant) == name:
                return family, variant
    return None


@lru_cache(maxsize=None)
def covered(name: str) -> frozenset[int] | None:
    """Code points the registered font ``name`` has a glyph for (None: not one of ours, unchecked)."""
    if _face_of(name) is None:
        return None
    try:
        font = pdfmetrics.getFont(name)
    except KeyError:
        return None
    face = getattr(font, "face", None)
    mapping = getattr(face, "charToGlyph", None)
    if not mapping:
        return None
    return frozenset(code for code, glyph in mapping.items() if glyph and code <= 0xFFFF)


@lru_cache(maxsize=None)
def _allowed(name: str) -> frozenset[str] | None:
    """The characters (as one-character strings) font ``name`` draws, plus the whitespace we pass
    through: one set per font, so checking a text is a C-level subset test, not a Python loop."""
    chars = covered(name)
    if chars is None:
        return None
    return frozenset(map(chr, chars)) | frozenset("\n\r\t ")


def fit(text: str, name: str) -> str:
    """``text`` with every character the font ``name`` cannot draw replaced by U+FFFD (and recorded)."""
    allowed = _allowed(name)
    if allowed is None or not text or allowed.issuperset(text):
        return text
    out = []
    for c in text:
        if c in allowed:
            out.append(c)
        else:
            record(c)
            out.append(REPLACEMENT)
    return "".join(out)


@lru_cache(maxsize=None)
def _family_allowed(name: str) -> frozenset[str] | None:
    """The characters every face of ``name``'s family draws: markup made only of these needs no
    look at which face (``<b>``, ``<i>``) draws each piece."""
    face = _face_of(name)
    if face is None:
        return None
    sets = [_allowed(font_name(face[0], variant)) for variant in _SUFFIX]
    if any(chars is None for chars in sets):
        return None
    return frozenset.intersection(*sets)


def _variant(bold: bool, italic: bool) -> str:
    return "bolditalic" if bold and italic else "bold" if bold else "italic" if italic else "regular"


def fit_markup(markup: str | None, name: str) -> str | None:
    """Like ``fit`` for Paragraph markup: tags are kept, ``<b>``/``<i>`` switch the face checked."""
    if not markup or _face_of(name) is None or markup.isascii():
        return markup
    if "<" not in markup:  # no tags: all of it is in the style's own face
        return fit(markup, name)
    common = _family_allowed(name)
    if common is not None and common.issuperset(markup):  # tags are ASCII, drawn by every face
        return markup
    family, base = _face_of(name)
    bold = base in ("bold", "bolditalic")
    italic = base in ("italic", "bolditalic")
    b_depth = i_depth = 0
    out = []
    for part in _TAG.split(markup):
        if part.startswith("<") and part.endswith(">"):
            tag = part[1:-1].strip().lower()
            closing = tag.startswith("/")
            tag = tag.lstrip("/").split()[0] if tag.lstrip("/") else ""
            if tag in ("b", "strong"):
                b_depth += -1 if closing else 1
            elif tag in ("i", "em"):
                i_depth += -1 if closing else 1
            out.append(part)
        elif part:
            face = font_name(family, _variant(bold or b_depth > 0, italic or i_depth > 0))
            out.append(fit(part, face))
    return "".join(out)


class SafeParagraph(Paragraph):
    """A Paragraph whose text is first fitted to its style's fonts (see module docstring)."""

    bb_wrapped: tuple | None = None  # (width, the lines it gave, the size it returned)

    def __init__(self, text, style=None, *args, **kwargs):
        if isinstance(text, str) and style is not None and kwargs.get("frags") is None:
            text = fit_markup(text, getattr(style, "fontName", ""))
        super().__init__(text, style, *args, **kwargs)

    def wrap(self, availWidth, availHeight):
        # Line breaking depends on the width only (and the style, which a paragraph keeps).  A
        # keep-together group measures its content, then the frame wraps the same paragraphs
        # again at the same width: reuse the first result while its lines are still the ones
        # the paragraph holds (a split that gives up drops them, forcing a fresh wrap).
        done = self.bb_wrapped
        if done is not None and done[0] == availWidth and getattr(self, "blPara", None) is done[1]:
            self.width, self.height = done[2]
            return done[2]
        size = super().wrap(availWidth, availHeight)
        self.bb_wrapped = (availWidth, getattr(self, "blPara", None), size)
        return size
