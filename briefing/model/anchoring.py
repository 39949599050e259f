"""Tie excerpts to their sources and keep them tied when a source text changes.

An excerpt is a fact: its text is exactly ``paragraphs()[paragraph-1][start:end]`` of its
source.  When a source is edited after the excerpt was taken, ``check`` looks for the same
quote again (using the saved context to choose between repeated phrases) and moves the
anchor.  The quoted text itself is never altered: if it cannot be found it is marked stale
so the user decides, rather than the program quietly changing what someone is quoted saying.
"""

from __future__ import annotations

import dataclasses

from briefing.errors import ContentError
from briefing.model.briefing import Briefing, Excerpt

CONTEXT_CHARS = 40


def _context(paragraph_text: str, start: int, end: int) -> tuple[str, str]:
    return paragraph_text[max(0, start - CONTEXT_CHARS) : start], paragraph_text[end : end + CONTEXT_CHARS]


def _paragraph_text(source, paragraph: int) -> str:
    paragraphs = source.paragraphs()
    if isinstance(paragraph, bool) or not isinstance(paragraph, int) or not 1 <= paragraph <= len(paragraphs):
        raise ValueError(f"source '{source.id}' has no paragraph {paragraph} (it has {len(paragraphs)})")
    return paragraphs[paragraph - 1]


def tighten(text: str, start: int, end: int) -> tuple[int, int]:
    """Exclude leading/trailing whitespace from the span rather than quoting it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def make_excerpt(source, paragraph: int, start: int, end: int) -> Excerpt:
    """The exact text of ``source`` paragraph ``paragraph`` (1-based) from ``start`` to ``end``.

    Raises ValueError for a span outside the paragraph or one that is only whitespace.
    """
    text = _paragraph_text(source, paragraph)
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name} must be a whole number, not {value!r}")
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}:{end} is not inside paragraph {paragraph} (length {len(text)})")
    start, end = tighten(text, start, end)
    if start == end:
        raise ValueError("the selected span is only whitespace")
    before, after = _context(text, start, end)
    return Excerpt(
        source_id=source.id,
        text=text[start:end],
        paragraph=paragraph,
        start=start,
        end=end,
        before=before,
        after=after,
        status="ok",
    )


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def find_quote(excerpt: Excerpt, paragraphs: list[str]) -> tuple[int, int, int] | None:
    """Where the excerpt's exact text is in ``paragraphs``: (paragraph 1-based, start, end), or None.

    Among several occurrences the one whose surroundings best match the saved context wins;
    then the one nearest the old position (same paragraph first), then the earliest.
    """
    quote = excerpt.text
    if not quote:
        return None
    best_key = None
    best = None
    for number, text in enumerate(paragraphs, start=1):
        position = text.find(quote)
        while position != -1:
            end = position + len(quote)
            context = _common_suffix(excerpt.before, text[:position]) + _common_prefix(excerpt.after, text[end:])
            distance = (abs(number - excerpt.paragraph), abs(position - excerpt.start))
            key = (-context, distance, number, position)
            if best_key is None or key < best_key:
                best_key, best = key, (number, position, end)
            position = text.find(quote, position + 1)
    return best


def _locate(excerpt: Excerpt, source) -> tuple[str, tuple[int, int, int] | None]:
    """('ok'|'reanchored'|'stale', new location or None)."""
    paragraphs = source.paragraphs()
    if 1 <= excerpt.paragraph <= len(paragraphs):
        if paragraphs[excerpt.paragraph - 1][excerpt.start : excerpt.end] == excerpt.text and excerpt.text:
            return "ok", (excerpt.paragraph, excerpt.start, excerpt.end)
    found = find_quote(excerpt, paragraphs)
    return ("reanchored", found) if found else ("stale", None)


def check(briefing: Briefing, library) -> list[Excerpt]:
    """Check every excerpt against the library; returns the excerpts whose status is not 'ok'.

    Sets ``status`` (and ``status_reason``) on each excerpt.  A re-found quote gets its new
    paragraph, offsets and context, so the caller should treat the briefing as modified when
    any excerpt comes back 'reanchored'.
    """
    changed: list[Excerpt] = []
    for excerpt in briefing.all_excerpts():
        source = library.sources.get(excerpt.source_id)
        if source is None:
            excerpt.status = "stale"
            excerpt.status_reason = f"source '{excerpt.source_id}' is not in the library"
            changed.append(excerpt)
            continue
        try:
            status, where = _locate(excerpt, source)
        except ContentError as exc:
            excerpt.status = "stale"
            excerpt.status_reason = f"the text of source '{excerpt.source_id}' cannot be read: {exc.message}"
            changed.append(excerpt)
            continue
        excerpt.status = status
        if status == "ok":
            excerpt.status_reason = ""
            continue
        if status == "reanchored":
            old = excerpt.paragraph
            excerpt.paragraph, excerpt.start, excerpt.end = where
            text = source.paragraphs()[excerpt.paragraph - 1]
            excerpt.before, excerpt.after = _context(text, excerpt.start, excerpt.end)
            excerpt.status_reason = (
                f"the source changed; the quote was found again in paragraph {excerpt.paragraph}"
                + (f" (was {old})" if old != excerpt.paragraph else "")
            )
        else:
            excerpt.status_reason = "the quoted text is no longer in the source"
        changed.append(excerpt)
    return changed


def trim(excerpt: Excerpt, source, start: int, end: int) -> Excerpt:
    """A new excerpt on ``excerpt.text[start:end]``, marked with ellipses where text was cut.

    The span is resolved against the source (re-finding the quote if the source moved it), so
    the result is exact source text with fresh context.  Same id and comment as ``excerpt``.
    Raises ValueError for a bad span or a quote that is no longer in the source.
    """
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name} must be a whole number, not {value!r}")
    if not 0 <= start < end <= len(excerpt.text):
        raise ValueError(f"span {start}:{end} is not inside the excerpt (length {len(excerpt.text)})")
    if source.id != excerpt.source_id:
        raise ValueError(f"excerpt is from '{excerpt.source_id}', not '{source.id}'")
    _, where = _locate(excerpt, source)
    if where is None:
        raise ValueError("the quoted text is no longer in the source; it cannot be trimmed")
    paragraph, base, _ = where
    made = make_excerpt(source, paragraph, base + start, base + end)
    cut_start = made.start - base
    cut_end = made.end - base
    return dataclasses.replace(
        made,
        id=excerpt.id,
        comment=excerpt.comment,
        lead_ellipsis=excerpt.lead_ellipsis or cut_start > 0,
        trail_ellipsis=excerpt.trail_ellipsis or cut_end < len(excerpt.text),
        status="ok",  # freshly resolved against the source
    )
