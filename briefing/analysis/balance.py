"""Source balance: per section, which kinds of source and how many publishers its excerpts rest on.

A section quoting one source, or only one kind of source, tells the principal one side; the
warning says so in plain words.  Kinds and publishers are the library's metadata as stated:
a kind the library marks as inferred is counted and flagged, a publisher that is not stated is
never guessed (it is counted as "not stated", not as a publisher).  "Publisher" is who put the
text out (``attribution.outlet``): publisher, else site or periodical, else an organisation author.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from briefing.analysis.attribution import outlet

MISSING_KIND = "source missing"


@dataclass(slots=True)
class SectionBalance:
    section_id: str
    title: str
    excerpts: int
    kinds: dict[str, int] = field(default_factory=dict)  # kind -> excerpts, most first
    sources: dict[str, int] = field(default_factory=dict)  # source id -> excerpts
    publishers: list[str] = field(default_factory=list)  # distinct stated publishers, sorted
    unstated_publisher: int = 0  # excerpts whose source states no publisher
    inferred_kinds: list[str] = field(default_factory=list)  # source ids whose kind is inferred
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"section_id": self.section_id, "title": self.title, "excerpts": self.excerpts,
                "kinds": self.kinds, "sources": self.sources, "publishers": self.publishers,
                "unstated_publisher": self.unstated_publisher, "inferred_kinds": self.inferred_kinds,
                "warnings": self.warnings}


def _warnings(b: SectionBalance, library) -> list[str]:
    if b.excerpts == 0:
        return []
    if len(b.sources) == 1:
        source_id = next(iter(b.sources))
        source = library.sources.get(source_id)
        name = f"\u201c{source.label}\u201d ({source_id})" if source else source_id
        return [f"Rests on a single source: {name}."]
    known = [k for k in b.kinds if k != MISSING_KIND]
    if len(known) == 1 and len(b.kinds) == 1:
        return [f"Rests on a single kind of source: all {b.excerpts} excerpts are from {known[0]} sources."]
    return []


def section_balance(section, library) -> SectionBalance:
    """The balance of one section's excerpts."""
    kinds: Counter = Counter()
    sources: Counter = Counter()
    publishers: set[str] = set()
    unstated = 0
    inferred: set[str] = set()
    excerpts = section.excerpts()
    for excerpt in excerpts:
        sources[excerpt.source_id] += 1
        source = library.sources.get(excerpt.source_id)
        if source is None:
            kinds[MISSING_KIND] += 1
            continue
        kinds[source.kind] += 1
        if source.is_inferred("kind"):
            inferred.add(source.id)
        name = outlet(source)
        if name:
            publishers.add(name)
        else:
            unstated += 1
    b = SectionBalance(section.id, section.title, len(excerpts), dict(kinds.most_common()),
                       dict(sources.most_common()), sorted(publishers), unstated, sorted(inferred))
    b.warnings = _warnings(b, library)
    return b


def briefing_balance(briefing, library) -> list[SectionBalance]:
    """One entry per section, in the briefing's order (sections without excerpts included, no warning)."""
    return [section_balance(section, library) for section in briefing.sections]
