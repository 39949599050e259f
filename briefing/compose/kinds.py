"""Item kinds, dispatched in one place: kind name -> the function that composes such an item.

A section's items (``briefing.model``: Excerpt, Note, Subheading) each carry ``kind``; adding a
kind (a table, a timeline, a key-figures block) is one function and one entry in ``ITEM_KINDS``
(or ``register_kind``), not an edit wherever items are told apart.  Each function takes the
running ``Composition`` (``briefing.compose.compose``) and the item, and returns the blocks to
print in the section; an excerpt's citation is filled in later, once the whole document's
citations are formatted in one batch.
"""

from __future__ import annotations

from typing import Callable

from briefing.compose.document import Block, Heading, Paragraph, Quote, Span
from briefing.compose.spans import lines, one_line

STALE_TEXT = "\u26a0 Source text has changed: this excerpt no longer matches its source. Check it before use."
MISSING_TEXT = "\u26a0 Source not in the library: this excerpt cannot be checked."
KEEP_TOGETHER_LIMIT = 1200  # characters of quote and comment; a longer excerpt may split across pages


def excerpt(comp, item) -> list[Block]:
    comp.excerpt_count += 1
    source = comp.source(item.source_id)
    text = item.text or ""
    if item.lead_ellipsis:
        text = "\u2026 " + text
    if item.trail_ellipsis:
        text = text + " \u2026"
    status = "missing" if source is None else "stale" if item.status == "stale" else "ok"
    quote = Quote(
        spans=[Span(text)] if text else [],
        label=f"{comp.layout['excerpt_label']} {comp.excerpt_count}" if comp.layout["numbered_excerpts"] else "",
        notice=MISSING_TEXT if status == "missing" else STALE_TEXT if status == "stale" else "",
        status=status,
        source_id=item.source_id,
        item_id=item.id,
        keep_together=len(item.text) + len(item.comment or "") < KEEP_TOGETHER_LIMIT,
    )
    if comp.include["comments"] and item.comment and item.comment.strip():
        quote.comment = [Span("Comment:", bold=True), Span(" " + lines(item.comment))]
    comp.cite(quote, item, source)
    return [quote]


def note(comp, item) -> list[Block]:
    return [Paragraph([Span("Note", bold=True), Span("\u2003" + lines(item.text))], role="note")]


def subheading(comp, item) -> list[Block]:
    return [Heading([Span(one_line(item.text))], level=2, outline=False)]


ItemComposer = Callable[..., list]
ITEM_KINDS: dict[str, ItemComposer] = {"excerpt": excerpt, "note": note, "subheading": subheading}


def register_kind(kind: str, function: ItemComposer) -> None:
    """Compose items whose ``kind`` is ``kind`` with ``function(composition, item) -> blocks``."""
    ITEM_KINDS[kind] = function


def compose_item(comp, item) -> list[Block]:
    function = ITEM_KINDS.get(getattr(item, "kind", ""))
    if function is None:
        raise ValueError(f"no composer for items of kind {getattr(item, 'kind', None)!r}")
    return function(comp, item)
