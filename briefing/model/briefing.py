"""Plain dataclasses for a briefing.  No I/O here: storage, anchoring and edits live beside it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Union


def new_id() -> str:
    """12 random hex digits, as uuid4().hex[:12] gave (its first 48 bits are random), without
    importing uuid, which imports platform: ~3 ms of every start-up."""
    return os.urandom(6).hex()


@dataclass
class Excerpt:
    """An exact quote: ``text == paragraph[start:end]`` of paragraph ``paragraph`` (1-based) of the source."""

    source_id: str
    text: str
    paragraph: int
    start: int
    end: int
    before: str = ""  # up to ~40 characters preceding the quote in its paragraph, to re-find it
    after: str = ""
    lead_ellipsis: bool = False
    trail_ellipsis: bool = False
    comment: str = ""
    id: str = field(default_factory=new_id)
    # Set when the briefing is checked against the library; never saved.
    status: str = field(default="unchecked", compare=False)  # unchecked | ok | reanchored | stale
    # Why the status is what it is, in plain words for the user (e.g. which source is missing); never saved.
    status_reason: str = field(default="", compare=False, repr=False)
    kind: str = field(default="excerpt", init=False, repr=False)


@dataclass
class Note:
    """The user's own words, shown distinct from quoted text."""

    text: str
    id: str = field(default_factory=new_id)
    kind: str = field(default="note", init=False, repr=False)


@dataclass
class Subheading:
    """A line of heading inside a section, grouping the items after it."""

    text: str
    id: str = field(default_factory=new_id)
    kind: str = field(default="subheading", init=False, repr=False)


Item = Union[Excerpt, Note, Subheading]


SECTION_KINDS = ("normal", "bios", "logistics")  # how a layout prints the section


@dataclass
class Section:
    """One tab or part of the briefing: its items in order, with its own key points and questions."""

    title: str
    topic_id: str | None = None
    key_points: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    discussion_questions: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    talking_points: list[str] = field(default_factory=list)  # what the principal may say
    purpose: str = ""  # why this section is in the briefing, one or two sentences
    kind: str = "normal"  # one of SECTION_KINDS

    def excerpts(self) -> list[Excerpt]:
        return [item for item in self.items if item.kind == "excerpt"]


@dataclass
class BriefingMeta:
    """What the cover and every page print about the briefing itself, as the user typed it."""

    title: str = "Untitled briefing"
    subtitle: str = ""
    prepared_for: str = ""
    prepared_by: str = ""
    date: str = ""  # free text as the user wants it printed, e.g. "23 November 2026"
    marking: str = ""  # handling marking, e.g. "UNCLASSIFIED // FOR OFFICIAL USE ONLY"
    purpose: str = ""
    summary: str = ""  # the BLUF: bottom line up front, printed before the sections
    designation: str = ""  # the designation block under the marking, e.g. "Classified by: … Reason: …"
    event: str = ""  # the meeting or trip the briefing is for
    layout: str = ""  # named layout (memo, book…); empty = the theme's default
    theme: str = "memo"  # memo | study
    citation_style: str = "chicago"  # chicago | apa | mla
    page_size: str = "letter"  # letter | a4
    export_format: str = ""  # pdf | docx | html, as last chosen in the export dialog; empty = pdf


NEW_BRIEFING_LAYOUT = "info-memo"  # what a staffer hands a principal; a file without a layout keeps its theme's look


def new_briefing() -> "Briefing":
    """An empty briefing as the window starts one: an information memo (the layout is stored, so
    ``BriefingMeta``'s empty default still means "an older file: the theme's look")."""
    return Briefing(meta=BriefingMeta(layout=NEW_BRIEFING_LAYOUT))


@dataclass
class Briefing:
    """The document a user builds and saves: its details, sections and glossary."""

    meta: BriefingMeta = field(default_factory=BriefingMeta)
    sections: list[Section] = field(default_factory=list)
    glossary: dict[str, str] = field(default_factory=dict)  # term -> definition (the study packet prints it sorted)

    def all_excerpts(self) -> list[Excerpt]:
        return [e for s in self.sections for e in s.excerpts()]

    def section_for_topic(self, topic_id: str) -> Section | None:
        return next((s for s in self.sections if s.topic_id == topic_id), None)

    def find_section(self, section_id: str) -> tuple[Section, int] | None:
        for index, section in enumerate(self.sections):
            if section.id == section_id:
                return section, index
        return None

    def find_item(self, item_id: str) -> tuple[Section, int] | None:
        for section in self.sections:
            for index, item in enumerate(section.items):
                if item.id == item_id:
                    return section, index
        return None
