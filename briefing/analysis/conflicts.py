"""Conflicting claims: two sources giving different figures or dates for what looks like one subject.

"Looks like one subject" is kept deliberately narrow, because a false alarm costs the reader
more than a missed one costs the tool:

- the two sentences share a *subject key*: two adjacent content words ("Plan Colombia",
  "coca cultivation"), nothing but a space or hyphen between them, outside the figure or date;
- dates must also describe the same kind of event: the cue word nearest to each date says
  whether it is a start ("inception", "launched", "since …"), an end or a peak; a date with no
  such cue is not compared (what happened then is unknown);
- figures must be of the same kind and unit (the counted noun's last word, "officers");
- the values must really differ: date ranges that do not overlap at the stated precision
  (the 1990s and 1999 agree), figures outside each other's qualifier ("more than 11,000" agrees
  with 11,500; "about 8" with 8.5).

Claims are grouped by (kind, key) first, so the work grows with the claims, not their pairs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Union

from briefing.analysis.figures import Figure
from briefing.analysis.timeline import DatedEntry
from briefing.search.normalize import tokens

Claim = Union[Figure, DatedEntry]
_DIGIT = re.compile(r"\d")

_STOP = frozenset(
    "a an the and or but of to in on at by for from with into over under about as than since until after "
    "before during per so that which who this these those it its is are was were be been has have had will "
    "would can could may might also not no more most less such other their his her our we they he she there "
    "then when where while if both each all some any one two three new known said says say according".split())
_EVENTS = {
    "start": "inception launched launch launching began begun begin beginning started start founded "
             "established created inaugurated introduced initiated adopted enacted".split(),
    "end": "ended end ending concluded expired terminated finished until".split(),
    "peak": "peak peaked height highest".split(),
}
_EVENT_OF = {word: event for event, words in _EVENTS.items() for word in words}
_QUALIFIER_EVENT = {"since": "start", "until": "end", "till": "end"}
_AT_LEAST = ("more than", "over", "at least")
_AT_MOST = ("fewer than", "less than", "under", "at most", "up to")
_ABOUT = ("nearly", "almost", "about", "around", "roughly", "some", "approximately", "an estimated", "close to")


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: str  # date | figure
    subject: str  # the shared words as the first source writes them ("Plan Colombia")
    event: str  # for dates: start | end | peak; for figures: the unit compared
    first: Claim
    second: Claim

    def to_json(self) -> dict:
        return {"kind": self.kind, "subject": self.subject, "event": self.event,
                "claims": [self.first.to_json(), self.second.to_json()]}


def _sentence_view(claim: Claim):
    """Folded tokens of the claim's sentence with spans relative to the sentence; the claim's own span."""
    a = claim.anchor
    return tokens(a.sentence), a.start - a.sentence_start, a.end - a.sentence_start


def _subject_keys(claim: Claim) -> dict[tuple[str, str], str]:
    """Adjacent content-word pairs outside the claim's own text -> the pair as written."""
    toks, own_start, own_end = _sentence_view(claim)
    sentence = claim.anchor.sentence
    usable = [not (t.text in _STOP or len(t.text) < 2 or _DIGIT.search(t.text) or (t.start < own_end and t.end > own_start))
              for t in toks]
    keys: dict[tuple[str, str], str] = {}
    for i in range(len(toks) - 1):
        if usable[i] and usable[i + 1]:
            left, right = toks[i], toks[i + 1]
            if sentence[left.end:right.start].strip(" -\u2011"):
                continue  # punctuation between them: "advances, noting" is not a name
            keys.setdefault((left.text, right.text), sentence[left.start:right.end])
    return keys


def _event(entry: DatedEntry) -> str | None:
    """start / end / peak from the cue word nearest the date in its sentence, else from its qualifier."""
    if entry.qualifier in _QUALIFIER_EVENT:
        return _QUALIFIER_EVENT[entry.qualifier]
    toks, own_start, own_end = _sentence_view(entry)
    best, best_distance = None, None
    for t in toks:
        event = _EVENT_OF.get(t.text)
        if event is None or (t.start >= own_start and t.end <= own_end):
            continue
        distance = own_start - t.end if t.end <= own_start else t.start - own_end
        if best_distance is None or distance < best_distance:
            best, best_distance = event, distance
    return best


def _dates_differ(a: DatedEntry, b: DatedEntry) -> bool:
    (a0, a1), (b0, b1) = a.interval(), b.interval()
    return a1 < b0 or b1 < a0


def _bounds(f: Figure) -> tuple[float, float]:
    q = f.qualifier.lower()
    if q in _AT_LEAST:
        return f.value, float("inf")
    if q in _AT_MOST:
        return float("-inf"), f.value
    slack = 0.1 if q in _ABOUT else 0.005
    return f.value * (1 - slack), f.value * (1 + slack)


def _figures_differ(a: Figure, b: Figure) -> bool:
    (a0, a1), (b0, b1) = _bounds(a), _bounds(b)
    return a1 < b0 or b1 < a0


def _groups(claims, kind_of) -> dict[tuple, list[tuple[Claim, dict]]]:
    groups: dict[tuple, list[tuple[Claim, dict]]] = defaultdict(list)
    for claim in claims:
        kind = kind_of(claim)
        if kind is None:
            continue
        keys = _subject_keys(claim)
        for key in keys:
            groups[(kind, key)].append((claim, keys))
    return groups


def _pairs(groups, differ, conflict_kind: str) -> list[Conflict]:
    """One conflict per pair of differing values in a group, shown with the first source stating
    each value (a phrase repeated by 1,000 sources is one claim; values are few, claims many)."""
    out: list[Conflict] = []
    seen: set[tuple] = set()
    for (event, key), members in groups.items():
        by_value: dict[tuple, list[tuple[Claim, dict]]] = {}
        for claim, keys in members:
            value = (claim.date, claim.end) if conflict_kind == "date" else (claim.value, claim.qualifier)
            by_value.setdefault(value, []).append((claim, keys))
        if len(by_value) < 2:
            continue
        values = list(by_value.values())
        for i, left in enumerate(values):
            for right in values[i + 1:]:
                if not differ(left[0][0], right[0][0]):
                    continue
                pair = _from_two_sources(left, right)
                if pair is None:
                    continue
                (a, keys_a), (b, keys_b) = sorted(pair, key=lambda ck: (ck[0].anchor.source_id, ck[0].anchor.paragraph,
                                                                         ck[0].anchor.start))
                if (a.anchor, b.anchor) in seen:
                    continue
                seen.add((a.anchor, b.anchor))
                out.append(Conflict(conflict_kind, keys_a[key], event, a, b))
    return out


def _from_two_sources(left: list, right: list):
    """The first claim of each side, from different sources (None if both sides are one source)."""
    first = left[0]
    other = next((c for c in right if c[0].anchor.source_id != first[0].anchor.source_id), None)
    if other is not None:
        return first, other
    second = right[0]
    first = next((c for c in left if c[0].anchor.source_id != second[0].anchor.source_id), None)
    return (first, second) if first is not None else None


def find_conflicts(figures: list[Figure], timeline: list[DatedEntry]) -> list[Conflict]:
    """Figures and dates from different sources that disagree about a shared subject."""
    date_groups = _groups(timeline, _event)
    figure_groups = _groups(figures, lambda f: f"{f.kind}:{f.unit_key}")
    out = _pairs(date_groups, _dates_differ, "date") + _pairs(figure_groups, _figures_differ, "figure")
    out.sort(key=lambda c: (c.subject.lower(), c.first.anchor.source_id, c.second.anchor.source_id))
    return out
