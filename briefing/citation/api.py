"""The one call composition makes to format citations: a whole document's citations at once.

A citation processor formats every citation of a document in one batch (a CSL processor needs
the whole sequence: a note style shortens a repeated note, an author-date style disambiguates
"2021a"/"2021b"), and returns plain ``Run``s; composition turns them into document spans.

- ``style_class == "note"``: ``citations[i]`` is the text of note i (full on first cite, shortened
  after); composition numbers the notes and ends with ``bibliography`` under ``bibliography_title``.
- ``style_class == "in-text"``: ``citations[i]`` is the parenthetical ("(AFP, 2021, para. 17)")
  printed after the quote; no note numbers.
- ``attribution(source)`` is the short form used in a sentence ("AFP (October 20, 2021)") by
  layouts that attribute in prose (the memo), from the same metadata.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, Sequence

from briefing.citation.formats import Run


@dataclass(frozen=True)
class CiteRequest:
    source_id: str
    locator: str | None = None  # as a reader counts it: body paragraph or PDF page number
    label: str = "paragraph"  # CSL locator label: paragraph | page


@dataclass
class CitedDocument:
    style_class: str  # "note" | "in-text"
    citations: list[list[Run]]  # one per request, same order
    bibliography: list[list[Run]]  # sorted as the style sorts, one entry per cited source
    bibliography_title: str = "Bibliography"  # References (APA), Works Cited (MLA), Bibliography
    warnings: list[str] = field(default_factory=list)


def request_for(source, paragraph: int | None) -> CiteRequest:
    """The citation of block ``paragraph`` of ``source`` with a locator a reader can check: the
    page for a PDF import (``pages:``), else the body paragraph's count (headings not counted)."""
    if paragraph is None:
        return CiteRequest(source.id)
    page = source.page_of(paragraph)
    if page is not None:
        return CiteRequest(source.id, str(page), "page")
    number = source.body_number(paragraph)
    return CiteRequest(source.id, str(number) if number is not None else None)


class CitationProcessor(Protocol):
    style: str

    def process(self, sources: dict, requests: Sequence[CiteRequest]) -> CitedDocument:
        """``sources``: id -> library Source for every id in ``requests`` (missing ids absent)."""
        ...

    def attribution(self, source) -> list[Run]: ...
