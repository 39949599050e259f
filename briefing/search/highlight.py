"""Where a query's phrases occur in the *exact* paragraph text, and a short snippet around the first one.

The index matches on a normalised, folded copy; spans shown to the user must be on
the original characters, so the paragraph is re-tokenised here with the same rules
(see ``normalize.tokens``) and phrases are matched token by token.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Iterable

from briefing.search.normalize import Token, fold, normalise_with_map, tokens
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


# Fast path (profiling showed tokenising and folding every returned paragraph token by token
# was two thirds of a search): fold the paragraph character by character into a string of the
# *same length*, then find each phrase with one C-level regex scan.  Characters whose fold is
# not exactly one character (or stray combining marks) send the paragraph down the token path.
_ASCII_TOKEN_SEP = r"[\W_]+"
_SLOW = object()


@lru_cache(maxsize=4096)
def _fold_char(ch: str):
    folded = fold(ch)
    if len(folded) != 1 or not (folded.isalnum() == ch.isalnum()):
        return _SLOW
    return folded


def _fold_same_length(norm: str) -> str | None:
    """``norm`` lower-cased without diacritics, position for position; None when that is not possible."""
    low = norm.lower()  # the whole string at once, so a Greek final sigma folds as in a token
    if len(low) != len(norm):
        return None
    if low.isascii():
        return low
    out = []
    for ch in low:
        if ch.isascii():
            out.append(ch)
            continue
        folded = _fold_char(ch)
        if folded is _SLOW:
            return None
        out.append(folded)
    return "".join(out)


@lru_cache(maxsize=1024)
def _phrase_regex(phrase: Phrase) -> re.Pattern:
    body = _ASCII_TOKEN_SEP.join(re.escape(t) for t in phrase.tokens)
    tail = r"[^\W_]*" if phrase.prefix else r"(?![^\W_])"
    # a lookahead so overlapping occurrences are all found (they are merged afterwards)
    return re.compile(r"(?<![^\W_])(?=(" + body + tail + "))")


def _fast_spans(text: str, phrases: list[Phrase]) -> list[tuple[int, int]] | None:
    if "," in text:
        norm, positions = normalise_with_map(text)
        if len(norm) == len(text):
            positions = None
    else:
        norm, positions = text, None
    folded = _fold_same_length(norm)
    if folded is None:
        return None
    spans = set()
    for phrase in phrases:
        if not phrase.tokens:
            continue
        for m in _phrase_regex(phrase).finditer(folded):
            s, e = m.span(1)
            if positions is not None:
                s, e = positions[s], positions[e - 1] + 1
            if s and phrase.tokens[0][:1].isdigit() and text[s - 1] in _CURRENCY:
                s -= 1
            spans.add((s, e))
    return sorted(spans)


def find_spans(text: str, phrases: Iterable[Phrase]) -> list[tuple[int, int]]:
    """Sorted, merged character spans in ``text`` where any of ``phrases`` occurs."""
    phrases = list(phrases)
    spans = _fast_spans(text, phrases)
    if spans is None:
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
    runs = [m.span() for m in _WORD.finditer(text)]
    if not runs:
        return "", []
    first = 0
    if spans:
        hit = spans[0][0]
        ends = [e for _, e in runs]
        first = bisect_right(ends, hit)
        if first >= len(runs):
            first = 0
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

    starts = [s for s, _ in chosen]

    def to_snippet(p: int) -> int:
        k = bisect_right(starts, p) - 1
        if k >= 0 and chosen[k][0] <= p <= chosen[k][1]:
            return offsets[k] + (p - chosen[k][0])
        if k >= 1 and chosen[k - 1][0] <= p <= chosen[k - 1][1]:  # pragma: no cover - runs never touch
            return offsets[k - 1] + (p - chosen[k - 1][0])
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
