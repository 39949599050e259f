"""How an aid names where an entry comes from: who published it and the paragraph, as citations do.

Shared by the export's aids part and the GUI panel so both say the same thing.  Only stated
metadata is used; the paragraph is the reader's count of body paragraphs ("para. 4"), the
number citations print, not the internal block number.
"""

from __future__ import annotations


def outlet(source) -> str | None:
    """Who put the text out, as its metadata states it: the publisher, else the site or periodical
    (``container_title``), else an organisation credited as author (a wire agency's dateline,
    ``{literal: AFP}``); a person is not a publisher.  None when nothing says."""
    if source.publisher:
        return source.publisher
    container = getattr(source, "container_title", None)
    if container:
        return container
    organisations = [a["literal"] for a in source.authors if isinstance(a, dict) and a.get("literal")]
    return ", ".join(organisations) or None


def where(library, anchor) -> str:
    """"AFP, Blinken hails Colombia partnership…, para. 18" (or the id when the source is gone)."""
    source = library.sources.get(anchor.source_id) if library is not None else None
    if source is None:
        return f"{anchor.source_id} (not in the library)"
    name = outlet(source)
    text = f"{name}, {source.label}" if name else source.label
    number = source.body_number(anchor.paragraph)
    return text + (f", para. {number}" if number else "")
