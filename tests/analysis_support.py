"""Shared helpers for the aids tests: the bundled library and briefings built from its paragraphs."""

from __future__ import annotations

from briefing.library import Library
from briefing.model import Briefing, Section
from briefing.model.anchoring import make_excerpt

EMBASSY = "colombia-us-security-partnership"
INSIGHT = "insight-crime-2012-colombia-security-model"
AFP = "afp-blinken-colombia-visit"
ACTION_PLAN = "us-colombia-action-plan-2012"
REFERENCE = "colombia-us-relations-reference"


def bundled_library() -> Library:
    return Library.load(cache_path=False)


def whole_paragraph(lib: Library, source_id: str, paragraph: int):
    source = lib.sources[source_id]
    return make_excerpt(source, paragraph, 0, len(source.paragraphs()[paragraph - 1]))


def briefing_of(lib: Library, sections: dict[str, list[tuple[str, int]]]) -> Briefing:
    """A briefing with one section per title, each quoting whole paragraphs (source id, block number)."""
    briefing = Briefing()
    for title, picks in sections.items():
        section = Section(title=title)
        section.items = [whole_paragraph(lib, sid, n) for sid, n in picks]
        briefing.sections.append(section)
    return briefing
