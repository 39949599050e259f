"""Plain text and citation runs into document spans (``briefing.compose.document``).

Composition decides which text is one line (titles, headings) and which keeps the user's line
breaks (notes, comments, cover values: a ``"\\n"`` in a span), and which words are links (the
URLs in a citation).  Nothing here escapes: each writer does that for its own format.
"""

from __future__ import annotations

import re
from typing import Iterable

from briefing.compose.document import Span

_BREAKS = re.compile(r"[\t\r\n]+")
_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_URL_TRAIL = ".,;:!?)]}'’”"


def one_line(text: str | None) -> str:
    """Text printed on one line: tabs and line breaks become one space."""
    return _BREAKS.sub(" ", text or "")


def lines(text: str | None) -> str:
    """Text that keeps the user's line breaks (as ``"\\n"``), any line-ending convention."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def linked(text: str, italic: bool = False) -> list[Span]:
    """``text`` with each http(s) URL in it as a link span (trailing punctuation left outside)."""
    out: list[Span] = []
    pos = 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_URL_TRAIL)
        if match.start() > pos:
            out.append(Span(text[pos:match.start()], italic=italic))
        out.append(Span(url, italic=italic, url=url))
        pos = match.start() + len(url)
    if pos < len(text):
        out.append(Span(text[pos:], italic=italic))
    return out


def from_runs(runs: Iterable) -> list[Span]:
    """Citation ``Run``s (text, italic) as spans, URLs as links."""
    out: list[Span] = []
    for run in runs:
        text = getattr(run, "text", run if isinstance(run, str) else "")
        if text:
            out += linked(text, bool(getattr(run, "italic", False)))
    return out
