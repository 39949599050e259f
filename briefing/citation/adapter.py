"""``CiterProcessor``: the batch ``CitationProcessor`` interface (``api.py``) over today's ``Citer``.

It gives exactly what the PDF export printed before composition moved out of the writer: a note
style (every style, APA and MLA included, prints numbered endnotes), each note the full
citation with the paragraph as its locator, the bibliography sorted as the style sorts and
titled "Sources", and the short attribution line under each excerpt.  A CSL processor replaces
it behind ``briefing.citation.processor_for``.
"""

from __future__ import annotations

from typing import Sequence

from briefing.citation import Citer
from briefing.citation.api import CitedDocument, CiteRequest
from briefing.citation.formats import Run


class CiterProcessor:
    style_class = "note"

    def __init__(self, style: str = "chicago") -> None:
        self.citer = Citer(style)
        self.style = self.citer.style

    def process(self, sources: dict, requests: Sequence[CiteRequest]) -> CitedDocument:
        notes: dict[tuple[str, int | None], list[Run]] = {}  # many excerpts cite one paragraph
        citations: list[list[Run]] = []
        cited: dict[str, object] = {}  # in order of first citation
        for request in requests:
            source = sources.get(request.source_id)
            if source is None:
                citations.append([])
                continue
            cited.setdefault(source.id, source)
            locator = int(request.locator) if request.locator and request.locator.isdigit() else None
            key = (source.id, locator)
            runs = notes.get(key)
            if runs is None:
                runs = notes[key] = self.citer.note(source, locator)
            citations.append(runs)
        return CitedDocument(style_class=self.style_class, citations=citations,
                             bibliography=self.citer.bibliography(cited.values()), bibliography_title="Sources")

    def attribution(self, source) -> list[Run]:
        return [Run(self.citer.attribution(source))]
