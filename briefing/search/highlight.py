"""Where a query's phrases occur in the *exact* paragraph text, and a short snippet around the first one.

The index matches on a normalised, folded copy; spans shown to the user must be on
the original characters, so the paragraph is re-tokenised here with the same rules
(see ``normalize.tokens``) and phrases are matched token by token.
"""

from __future__ import annotations

import re
from typing import Iterable

from briefing.search.normalize import Token, tokens
from briefing.search.query import Phrase

SNIPPET_WORDS = 30
SNIPPET_LEAD = 8  # words shown before the first hit
ELLIPSIS = "\u2026"
_WORD = re.compile(r"\S+")
_CURRENCY = "$\u20ac\u00a3\u00a5"


def _phrase_spans(text: str, toks: list[Token], phrase: Phrase) -> Iterable[tuple[int, int]]:
    n = len(phrase.tokens)
    last = n - 1
    for i in range(len(toks) - n + 1):
        ok = True
        for j, want in enumerate(phrase.tokens):
            have = toks[i + j].text
            if not (have == want or (phrase.prefix and j == last and have.startswith(want))):
                ok = False
                break
        if ok:
            start = toks[i].start
            # "$8 billion": the currency sign belongs to the number the user looked for
            if start and phrase.tokens[0][:1].isdigit() and text[start - 1] in _CURRENCY:
                start -= 1
            yield start, toks[i + last].end


def find_spans(text: str, phrases: Iterable[Phrase]) -> list[tuple[int, int]]:
    """Sorted, merged character spans in ``text`` where any of ``phrases`` occurs."""
    toks = tokens(text)
    spans = sorted({span for phrase in phrases for span in _phrase_spans(text, toks, phrase)})
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, spans: list[tuple[int, int]], words: int = SNIPPET_WORDS) -> tuple[str, list[tuple[int, int]]]:
    """About ``words`` words around the first span, whitespace collapsed, with spans mapped into it."""
    runs = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not runs:
        return "", []
    first = 0
    if spans:
        hit = spans[0][0]
        first = next((i for i, (s, e) in enumerate(runs) if e > hit), 0)
    start = max(0, first - SNIPPET_LEAD)
    end = min(len(runs), start + words)
    start = max(0, end - words)
    pieces: list[str] = []
    offsets: list[int] = []  # snippet offset of each chosen word
    pos = 0
    if start > 0:
        pieces.append(ELLIPSIS + " ")
        pos += 2
    for k, (s, e) in enumerate(runs[start:end]):
        if k:
            pieces.append(" ")
            pos += 1
        offsets.append(pos)
        pieces.append(text[s:e])
        pos += e - s
    if end < len(runs):
        pieces.append(" " + ELLIPSIS)
    chosen = runs[start:end]
    lo, hi = chosen[0][0], chosen[-1][1]

    def to_snippet(p: int) -> int:
        for k, (s, e) in enumerate(chosen):
            if s <= p <= e:
                return offsets[k] + (p - s)
        raise ValueError(p)

    mapped = []
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        try:
            a, b = to_snippet(s), to_snippet(e)
        except ValueError:  # a span edge on whitespace: cannot happen for token spans
            continue
        if b > a:
            mapped.append((a, b))
    return "".join(pieces), mapped
