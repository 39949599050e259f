"""Sentence and word boundaries inside one paragraph, for quoting a sentence and snapping spans.

Quoting takes exact source text, so these only choose *where* a span starts and ends; they never
change the text.  A sentence ends at ``.``, ``!`` or ``?`` (plus any closing quotes or brackets)
followed by white space and then a capital, digit or opening quote — except after a known
abbreviation ("U.S.", "Dr.", "Gen.", "e.g."), a single initial ("J. Smith") or inside a number
("3.5 percent").  Snapping moves a span's ends outwards to whole words, so a trim never shows
"…e relationship…".
"""

from __future__ import annotations

import re

from briefing.model.anchoring import tighten

# Lower-case, without the final dot.  Titles and common short forms in news and government text.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sr jr st gen lt col maj capt cmdr adm sgt gov sen rep pres amb hon rev
u.s u.k u.n e.u u.s.a d.c a.m p.m e.g i.e etc vs no nos approx est fig inc ltd co corp dept univ
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"
_END = re.compile(r"[.!?]+[" + re.escape(_CLOSERS) + r"]*(?=\s)")
_WORD_CHAR = re.compile(r"[\w’'\-]")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the '.' at ``dot`` closes an abbreviation or an initial rather than a sentence."""
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENERS:
        start -= 1
    word = text[start:dot].lower()
    if word in ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha()  # an initial: "J. Smith"


def _ends(text: str) -> list[int]:
    """Offsets just after each sentence end (before the white space that follows it)."""
    ends = []
    for match in _END.finditer(text):
        stop = match.end()
        marks = text[match.start():stop].rstrip(_CLOSERS)
        if marks == "." and _is_abbreviation(text, match.start()):
            continue
        rest = text[stop:].lstrip()
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in _OPENERS):
            continue  # "the U.S. embassy": a lower-case word goes on with the same sentence
        ends.append(stop)
    return ends


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The (start, end) of the sentence containing ``offset`` in ``text``, without surrounding spaces."""
    offset = max(0, min(offset, len(text)))
    start = 0
    for end in _ends(text):
        if offset < end or (offset == end and offset > start):
            return tighten(text, start, end)
        start = end
    return tighten(text, start, len(text))


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for end in _ends(text) + [len(text)]:
        span = tighten(text, start, end)
        if span[1] > span[0]:
            spans.append(span)
        start = end
    return spans


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``start:end`` so it neither begins nor ends inside a word, then drop outer spaces."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    while 0 < start < len(text) and _WORD_CHAR.match(text[start - 1]) and _WORD_CHAR.match(text[start]):
        start -= 1
    while 0 < end < len(text) and _WORD_CHAR.match(text[end - 1]) and _WORD_CHAR.match(text[end]):
        end += 1
    return tighten(text, start, end)
