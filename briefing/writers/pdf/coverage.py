"""Characters the embedded fonts cannot draw are replaced visibly and reported, never lost silently.

reportlab draws a character its TrueType font lacks as the font's empty ".notdef" glyph: the
reader sees a blank or a box and nobody is told.  Here every Paragraph's text and every string
drawn on the page furniture is checked against the exact face that will draw it (the style's
font, switched by ``<b>``/``<i>`` the way reportlab's font mapping does) and each missing
character becomes U+FFFD.  The characters replaced during an export are collected (a
ContextVar, so concurrent exports in threads do not mix) and ``export_pdf`` returns them in
``ExportResult.replaced``.  ``markup.clean`` reports the control characters it replaces the
same way.

Characters outside the Basic Multilingual Plane (most emoji, U+10000 and up) count as missing
even when DejaVu has a glyph: reportlab writes their ToUnicode entry as a 5-digit hex code that
PDF readers reject, so the character would be drawn but vanish from copied or searched text.

Only text between tags is touched: all markup in a Paragraph is written by this package and is
ASCII, and untrusted text has already been escaped by ``markup.esc``.
"""

from __future__ import annotations

import html
import re
import weakref
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Iterator

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import _wsc, cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from briefing.writers.pdf.fonts import FAMILIES, _SUFFIX, font_name
from briefing.writers.pdf.markup import clean
from briefing.writers.pdf.oneface import break_one_face

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


def _variant(bold: bool, italic: bool) -> str:
    return "bolditalic" if bold and italic else "bold" if bold else "italic" if italic else "regular"


def fit_markup(markup: str | None, name: str) -> str | None:
    """Like ``fit`` for Paragraph markup: tags are kept, ``<b>``/``<i>`` switch the face checked."""
    if not markup or _face_of(name) is None or markup.isascii():
        return markup
    if "<" not in markup:  # no tags: all of it is in the style's own face
        return fit(markup, name)
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


# -- parsed fragments, shared by paragraphs with the same markup and style ------------------
# reportlab parses every Paragraph's markup with an HTML parser (most of the cost of building
# the story).  The parse depends only on the markup and the style, and a briefing repeats
# both (an attribution per excerpt of a source, an endnote per cited paragraph, the same
# style for every quote), so each style keeps its parses; a Paragraph gets copies of them.
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|#39);")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&#39;": "'"}
_FRAG_CACHE_LIMIT = 5000  # parses per style
_style_frags: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_NO_MERGE = ("lineBreak", "cbDefn", "img", "backColor", "_selfLink")


# what reportlab's whitespace clean-up can change: a whitespace character other than a single
# space between words (its own list or Python's), or a space doubled, leading or trailing
_SPACES = set(_wsc) | {chr(c) for c in range(0x3001) if chr(c).isspace()}  # no white space lies above U+3000
_OTHER_SPACE = re.compile("[" + re.escape("".join(sorted(_SPACES - {" "}))) + "]")


def cleaned(text: str) -> str:
    """``cleanBlockQuotedText(text)``, without its splitting and joining when nothing would change."""
    if "  " in text or text[:1] == " " or text[-1:] == " " or _OTHER_SPACE.search(text):
        return cleanBlockQuotedText(text)
    return text


def _parse(text: str, style) -> list | None:
    parser = ParaParser()
    parser.caseSensitive = 1
    _, frags, bullet = parser.parse(text, style)
    if frags is None or bullet:
        return None
    return frags


def _mergeable(a, b) -> bool:
    da, db = a.__dict__, b.__dict__
    if da.keys() != db.keys() or any(k in da for k in _NO_MERGE) or da.get("us_lines"):
        return False
    return all(k == "text" or da[k] == db[k] for k in da)


def _merged(frags: list) -> list:
    """Adjacent fragments with identical formatting as one (an entity such as &amp; splits the
    parser's output; one fragment takes reportlab's single-font line breaking and drawing)."""
    out = [frags[0]]
    for f in frags[1:]:
        last = out[-1]
        if hasattr(last, "text") and hasattr(f, "text") and _mergeable(last, f):
            out[-1] = last.clone(text=last.text + f.text)
        else:
            out.append(f)
    return out


_OWN_TAG = re.compile(r'<(?:(/?)(b|i|super)|(/)a|a href="([^"<>]*)" color="(#[0-9a-fA-F]{6})")>')
_ANY_TAG = re.compile(r"(<[^>]*>)")


def tag_template(open_tags: tuple, style, cache: dict):
    """The fragment reportlab gives one letter inside ``open_tags`` (``<a>`` written as
    'a color="#rrggbb"'), parsed once per style; None if that is not one fragment."""
    key = ("\0tags",) + open_tags
    template = cache.get(key)
    if template is None:
        sample = "".join(f'<a href="https://x" {t[2:]}>' if t.startswith("a ") else f"<{t}>" for t in open_tags)
        sample += "x" + "".join(f"</{t.split(' ', 1)[0]}>" for t in reversed(open_tags))
        parsed = _parse(sample, style)
        if parsed is None or len(parsed) != 1:
            return None
        template = cache[key] = parsed[0]
    return template


def style_cache(style) -> dict | None:
    """The parses kept for ``style`` (None: the style cannot be weakly referenced)."""
    try:
        cache = _style_frags.get(style)
        if cache is None:
            cache = _style_frags[style] = {}
    except TypeError:
        return None
    return cache


def _quick_parse(text: str, style, cache: dict) -> list | None:
    """reportlab's fragments for markup made only of the tags this package writes (``<b>``,
    ``<i>``, ``<super>``, ``<a href color>``) without running its HTML parser: each run of
    text takes a copy of the fragment reportlab gives a single letter inside the same open
    tags (that parse is cached), with the link list reportlab would build.  None for anything
    else (the caller parses it)."""
    open_tags: list[str] = []  # each open tag, <a> without its href
    links: list[tuple[int, str]] = []
    out: list = []
    n_links = 0
    for part in _ANY_TAG.split(text):
        if not part:
            continue
        if part[0] == "<":
            m = _OWN_TAG.fullmatch(part)
            if m is None:
                return None
            closing, name = m.group(1) or m.group(3), m.group(2) or "a"
            if closing:
                if not open_tags or open_tags[-1].split(" ", 1)[0] != name:
                    return None
                if open_tags.pop().startswith("a "):
                    links.pop()
            elif name == "a":
                if any(t.startswith("a ") for t in open_tags):
                    return None
                open_tags.append(f'a color="{m.group(5)}"')
                links.append((n_links, html.unescape(m.group(4)).strip()))
                n_links += 1
            else:
                open_tags.append(name)
            continue
        if "&" in _ENTITY.sub("", part):
            return None
        template = tag_template(tuple(open_tags), style, cache)
        if template is None:
            return None
        frag = template.clone(text=_ENTITY.sub(lambda e: _ENTITIES[e.group(0)], part))
        if links:
            frag.link = list(links)
        out.append(frag)
    if open_tags:
        return None
    return out


def parsed_frags(text: str, style) -> list | None:
    """Copies of reportlab's fragments for ``text`` in ``style`` (None: let Paragraph parse it).

    Text without tags skips the parser: it is reportlab's whitespace clean-up, the entities
    ``markup.esc`` writes turned back into characters, and one fragment formatted like the
    style's plain text (taken from a parse of a single letter)."""
    cache = style_cache(style)
    if cache is None:
        return None
    frags = cache.get(text)
    if frags is None:
        if "<" not in text and "&" not in _ENTITY.sub("", text):
            plain = cleaned(text)
            template = tag_template((), style, cache)  # the style's plain text
            if template is None:
                return None
            frags = [template.clone(text=_ENTITY.sub(lambda m: _ENTITIES[m.group(0)], plain))] if plain else []
            if not plain:
                return None
        else:
            clean_text = cleaned(text)
            frags = _quick_parse(clean_text, style, cache)
            if frags is None:
                frags = _parse(clean_text, style)
            if frags is None:
                return None
            frags = _merged(frags) if frags else frags
            if not frags:
                return None
        if len(cache) >= _FRAG_CACHE_LIMIT:
            cache.clear()
        cache[text] = frags
    return [f.clone() for f in frags]


def plain_frags(text: str, style) -> list | None:
    """``parsed_frags(fit_markup(esc(text)))`` for plain text (a quote), without escaping it
    and turning the entities back again: escaping touches no white space and no character a
    font lacks, so cleaning and fitting the raw text gives the same fragment text, and the
    same characters are reported."""
    cache = style_cache(style)
    if cache is None:
        return None
    plain = cleaned(fit(clean(text), getattr(style, "fontName", "")))
    if not plain:
        return None
    template = tag_template((), style, cache)
    return [template.clone(text=plain)] if template is not None else None


class SafeParagraph(Paragraph):
    """A Paragraph whose text is first fitted to its style's fonts (see module docstring);
    its markup is parsed once per style (``parsed_frags``); one-face lines are broken by
    ``oneface.break_one_face``."""

    def __init__(self, text, style=None, *args, **kwargs):
        # given fragments (a split, or citefrags) are already fitted
        if isinstance(text, str) and style is not None and kwargs.get("frags") is None:
            text = fit_markup(text, getattr(style, "fontName", ""))
            if not args:
                frags = parsed_frags(text, style)
                if frags is not None:
                    kwargs["frags"] = frags
        super().__init__(text, style, *args, **kwargs)

    def breakLines(self, width):
        lines = break_one_face(self, width)  # one face: reportlab's arithmetic, faster
        return lines if lines is not None else super().breakLines(width)

    def wrap(self, availWidth, availHeight):
        # Line breaking depends on the width only.  KeepTogether measures its content and the
        # frame then wraps the same paragraphs again at the same width: reuse the first result
        # (split() drops blPara when it gives up, which forces a fresh wrap).
        if getattr(self, "_bb_wrapped", None) == (availWidth, self.style) and hasattr(self, "blPara"):
            return self.width, self.height
        result = super().wrap(availWidth, availHeight)
        self._bb_wrapped = (availWidth, self.style)
        return result
