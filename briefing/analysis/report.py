"""All four aids in one call, over the library or over a briefing: what the CLI, panels and export use."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.analysis.balance import SectionBalance, briefing_balance
from briefing.analysis.conflicts import Conflict, find_conflicts
from briefing.analysis.figures import Figure, figures_in
from briefing.analysis.passages import briefing_passages, library_passages
from briefing.analysis.timeline import DatedEntry, dates_in


_DIGIT = re.compile(r"\d")


@dataclass(slots=True)
class Aids:
    figures: list[Figure] = field(default_factory=list)
    timeline: list[DatedEntry] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    balance: list[SectionBalance] = field(default_factory=list)  # only over a briefing
    passages: int = 0  # how many passages were read (so "nothing found" can say in how much)


def analyse_passages(passages) -> Aids:
    """Figures, timeline and conflicts of some passages (one pass over the text)."""
    aids = Aids()
    for passage in passages:
        aids.passages += 1
        if not _DIGIT.search(passage.text):
            continue  # every figure and date has a digit
        aids.figures.extend(figures_in(passage))
        aids.timeline.extend(dates_in(passage))
    aids.timeline.sort(key=lambda e: e.sort_key)
    aids.conflicts = find_conflicts(aids.figures, aids.timeline)
    return aids


def analyse_library(library, source_ids=None) -> Aids:
    return analyse_passages(library_passages(library, source_ids))


def analyse_briefing(briefing, library) -> Aids:
    """The aids over the briefing's excerpts, and the balance of each section."""
    aids = analyse_passages(briefing_passages(briefing))
    aids.balance = briefing_balance(briefing, library)
    return aids
