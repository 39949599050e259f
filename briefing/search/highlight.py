"""Where a query's phrases occur in the *exact* paragraph text, and a short snippet around the first one.

The index matches on a normalised, folded copy; spans shown to the user must be on
the original characters, so the paragraph is re-tokenised here with the same rules
(see ``normalize.tokens``) and phrases are matched token by token.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import islice
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


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_same_length(norm: str) -> str | None:
    """``norm`` lower-cased without diacritics, position for position; None when that is not possible."""
    low = norm.lower()  # the whole string at once, so a Greek final sigma folds as in a token
    if len(low) != len(norm):
        return None
    if low.isascii():
        return low
    # only the (few) non-ASCII characters are looked at one by one, not the whole paragraph
    table = {}
    for ch in set(_NON_ASCII.findall(low)):
        folded = _fold_char(ch)
        if folded is _SLOW:
            return None
        table[ch] = folded
    return _NON_ASCII.sub(lambda m: table[m.group()], low)


@lru_cache(maxsize=1024)
def _phrase_regex(tokens: tuple[str, ...], prefix: bool) -> re.Pattern:
    """The phrase as a regex that starts with a literal, so the regex engine can skip ahead to
    candidates (a leading look-behind made it try every position: 8x slower); the token
    boundary before the match is checked by ``_occurrences``.  Keyed by the phrase's tokens, not
    the Phrase: its dataclass __hash__ and __eq__ run in Python, ~1 us per phrase per paragraph."""
    body = _ASCII_TOKEN_SEP.join(re.escape(t) for t in tokens)
    tail = r"[^\W_]*" if prefix else r"(?![^\W_])"
    return re.compile(body + tail)


def _occurrences(pattern: re.Pattern, folded: str) -> Iterable[tuple[int, int]]:
    """Every occurrence starting on a token boundary, overlapping ones included (merged later)."""
    pos = 0
    search = pattern.search
    while True:
        m = search(folded, pos)
        if m is None:
            return
        s = m.start()
        if not s or not folded[s - 1].isalnum():  # [^\W_] is exactly str.isalnum()
            yield m.span()
        pos = s + 1


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
        # a topic has 10-25 phrases and a paragraph holds one or two: a substring test (C) skips
        # the rest before a regex and a generator are set up for them (the regex starts with it)
        if not phrase.tokens or phrase.tokens[0] not in folded:
            continue
        for s, e in _occurrences(_phrase_regex(phrase.tokens, phrase.prefix), folded):
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


def _word_start(text: str, pos: int) -> int:
    """Start of the whitespace-delimited word containing (or following) ``pos``."""
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _runs_before(text: str, pos: int, count: int) -> list[tuple[int, int]]:
    """Up to ``count`` word spans ending at or before ``pos`` (which is a word start), nearest last.

    Scans a window that grows backwards from ``pos`` instead of splitting the whole paragraph."""
    if count <= 0 or pos <= 0:
        return []
    window = 16 * count
    while True:
        lo = max(0, pos - window)
        runs = [m.span() for m in _WORD.finditer(text, lo, pos)]
        if lo > 0:
            runs = runs[1:]  # the first run may be the tail of a word cut by the window
        if len(runs) >= count or lo == 0:
            return runs[-count:]
        window *= 4


@lru_cache(maxsize=64)
def _first_words(count: int) -> re.Pattern:
    """Up to ``count`` whitespace-separated words, after optional leading whitespace (one C-level match)."""
    return re.compile(r"\s*(\S+(?:\s+\S+){0,%d})" % max(0, count - 1))


def _snippet_fast(text: str, spans, words: int, first_pos: int):
    """The common case of ``snippet`` in a few regex matches: words found by matching ``words``
    words forward from the hit and ``lead`` words backward (on the reversed text); None when the
    chosen text has runs of whitespace (the general path collapses them)."""
    after = _first_words(words).match(text, first_pos)
    if not after.group(1):
        return None
    available = len(after.group(1).split())
    lead = max(SNIPPET_LEAD, words - available)
    rev = text[first_pos - 1 :: -1] if first_pos else ""
    back = _first_words(lead).match(rev) if rev else None
    if back is not None and back.group(1):
        lo, taken = first_pos - back.end(1), len(back.group(1).split())
        more_before = bool(rev[back.end(1):].strip())
    else:
        lo, taken, more_before = after.start(1), 0, False
    if taken + available > words:
        after = _first_words(words - taken).match(text, first_pos)
    hi = after.end(1)
    more_after = bool(text[hi:].strip())
    segment = text[lo:hi]
    body = " ".join(segment.split())
    if len(body) != len(segment):
        return None
    prefix = ELLIPSIS + " " if more_before else ""
    shift = len(prefix) - lo
    mapped = [(max(s, lo) + shift, min(e, hi) + shift) for s, e in spans if e > lo and s < hi and e > s]
    return prefix + body + (" " + ELLIPSIS if more_after else ""), mapped


def snippet(text: str, spans: list[tuple[int, int]], words: int = SNIPPET_WORDS) -> tuple[str, list[tuple[int, int]]]:
    """About ``words`` words around the first span, whitespace collapsed, with spans mapped into it.

    Profiling showed splitting every returned paragraph into words was the largest part of a
    search; only the words around the first hit are looked at now."""
    first_pos = _word_start(text, spans[0][0]) if spans else 0
    if words > SNIPPET_LEAD:
        fast = _snippet_fast(text, spans, words, first_pos)
        if fast is not None:
            return fast
    after = list(islice(_WORD.finditer(text, first_pos), words + 1))
    if not after and first_pos:
        first_pos = 0
        after = list(islice(_WORD.finditer(text), words + 1))
    if not after:
        return "", []
    available = min(words, len(after))
    before = _runs_before(text, first_pos, max(SNIPPET_LEAD, words - available) + 1)
    lead = max(SNIPPET_LEAD, words - available)
    more_before = len(before) > lead
    before = before[-lead:] if lead else []
    runs = before + [m.span() for m in after]
    chosen = runs[:words]
    more_after = len(runs) > len(chosen)
    lo, hi = chosen[0][0], chosen[-1][1]
    prefix = ELLIPSIS + " " if more_before else ""
    segment = text[lo:hi]
    body = " ".join(segment.split())
    if len(body) == len(segment):  # single whitespace characters between words: positions map 1:1
        shift = len(prefix) - lo
        mapped = [(max(s, lo) + shift, min(e, hi) + shift) for s, e in spans if e > lo and s < hi and e > s]
        return prefix + body + (" " + ELLIPSIS if more_after else ""), mapped
    pieces: list[str] = []
    offsets: list[int] = []  # snippet offset of each chosen word
    pos = 0
    if more_before:
        pieces.append(ELLIPSIS + " ")
        pos += 2
    for k, (s, e) in enumerate(chosen):
        if k:
            pieces.append(" ")
            pos += 1
        offsets.append(pos)
        pieces.append(text[s:e])
        pos += e - s
    if more_after:
        pieces.append(" " + ELLIPSIS)

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
