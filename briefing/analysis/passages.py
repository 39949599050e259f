"""What the aids read: passages of exact text, each knowing where it comes from.

Over the library a passage is one body paragraph of a source (headings are skipped: a heading
states no fact of its own).  Over a briefing it is one excerpt's exact text, with the excerpt's
start in its paragraph as ``offset``, so spans found in the excerpt are spans in the source
paragraph too, and the section it belongs to (for the balance and the panels).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from briefing.analysis.sentences import sentence_around
from briefing.errors import ContentError


@dataclass(frozen=True, slots=True)
class Passage:
    source_id: str
    paragraph: int  # 1-based block number in the source (what excerpts and the reader use)
    text: str
    offset: int = 0  # where ``text`` starts in the paragraph
    section_id: str = ""
    item_id: str = ""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an entry comes from: spans are character offsets into the source paragraph."""

    source_id: str
    paragraph: int
    start: int
    end: int
    sentence: str  # the exact sentence (or the part of it the excerpt quotes)
    sentence_start: int
    sentence_end: int
    section_id: str = ""
    item_id: str = ""

    def to_json(self) -> dict:
        return {"source_id": self.source_id, "paragraph": self.paragraph, "span": [self.start, self.end],
                "sentence": self.sentence, "sentence_span": [self.sentence_start, self.sentence_end],
                "section_id": self.section_id or None, "item_id": self.item_id or None}


def anchor(passage: Passage, start: int, end: int, sentences: list[tuple[int, int]]) -> Anchor:
    """The anchor of ``passage.text[start:end]``; ``sentences`` are the passage's sentence spans."""
    s, e = sentence_around(sentences, start)
    off = passage.offset
    return Anchor(passage.source_id, passage.paragraph, off + start, off + end, passage.text[s:e],
                  off + s, off + e, passage.section_id, passage.item_id)


def library_passages(library, source_ids=None) -> Iterator[Passage]:
    """Every body paragraph of the library's sources (or of ``source_ids``); unreadable texts are
    skipped (the library reports them as problems already)."""
    for source_id in sorted(library.sources if source_ids is None else source_ids):
        source = library.sources.get(source_id)
        if source is None:
            continue
        try:
            paragraphs = source.paragraphs()
        except (ContentError, OSError):
            continue
        for n, text in enumerate(paragraphs, 1):
            if source.is_body(n):
                yield Passage(source_id, n, text)


def briefing_passages(briefing) -> Iterator[Passage]:
    """Each excerpt of the briefing as it is quoted (its exact text), in reading order."""
    for section in briefing.sections:
        for excerpt in section.excerpts():
            yield Passage(excerpt.source_id, excerpt.paragraph, excerpt.text, excerpt.start,
                          section.id, excerpt.id)
