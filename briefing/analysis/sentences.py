"""A small sentence splitter for English prose: the aids show the sentence a number came from.

No tokenizer model: a sentence ends at ``.``, ``!`` or ``?`` (optionally followed by a closing
quote or bracket) before white space and a capital, digit or opening quote, unless the word
before the stop is an abbreviation ("U.S.", "Mr.", "Jan.") or an initial.  It errs on the side
of longer sentences: a missed break shows a little more context, a false one would cut it.
"""

from __future__ import annotations

import bisect
import re

_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00de])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr gen col lt sgt capt gov sen rep pres prof rev no vs etc e.g i.e approx dept est "
    "inc ltd co corp fig jan feb mar apr jun jul aug sep sept oct nov dec".split())
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the ``.`` at ``stop`` ends an abbreviation or an initial rather than a sentence."""
    if text[stop] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, stop - 20), stop + 1)
    if not m:
        return False
    word = m.group(1)
    if "." in word or (len(word) == 1 and word.isupper()):  # U.S., D.C., e.g. / an initial "J."
        return True
    return word.lower() in _ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, white space between sentences left out."""
    spans, start = [], 0
    for m in _BREAK.finditer(text):
        if _is_abbreviation(text, m.start()):
            continue
        spans.append((start, m.end()))
        start = m.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        end = len(text.rstrip())
        if end > start:
            spans.append((start, end))
    return spans or [(0, len(text))]


def sentence_around(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The span (from ``sentence_spans``) holding ``position``."""
    i = bisect.bisect_right([s for s, _ in spans], position) - 1
    return spans[max(0, i)]
