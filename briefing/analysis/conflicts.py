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

from collections import defaultdict
from dataclasses import dataclass
from typing import Union

from briefing.analysis.figures import Figure
from briefing.analysis.timeline import DatedEntry
from briefing.search.normalize import tokens

Claim = Union[Figure, DatedEntry]

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
    keys: dict[tuple[str, str], str] = {}
    for left, right in zip(toks, toks[1:]):
        if left.end > own_start and right.start < own_end and not (right.end <= own_start or left.start >= own_end):
            continue
        if any(t.text in _STOP or len(t.text) < 2 or any(ch.isdigit() for ch in t.text) for t in (left, right)):
            continue
        if claim.anchor.sentence[left.end:right.start].strip(" -\u2011"):
            continue  # punctuation between them: "advances, noting" is not a name
        keys.setdefault((left.text, right.text), claim.anchor.sentence[left.start:right.end])
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
    out: list[Conflict] = []
    seen: set[tuple] = set()
    for (event, key), members in groups.items():
        # one representative per (source, value): a phrase repeated 1,000 times is one claim
        reps: dict[tuple, tuple[Claim, dict]] = {}
        for claim, keys in members:
            value = claim.date if conflict_kind == "date" else (claim.value, claim.qualifier)
            reps.setdefault((claim.anchor.source_id, value), (claim, keys))
        items = list(reps.values())
        for i, (a, keys_a) in enumerate(items):
            for b, _ in items[i + 1:]:
                if a.anchor.source_id == b.anchor.source_id or not differ(a, b):
                    continue
                first, second = sorted((a, b), key=lambda c: (c.anchor.source_id, c.anchor.paragraph, c.anchor.start))
                pair = (first.anchor, second.anchor)
                if pair in seen:
                    continue
                seen.add(pair)
                subject = keys_a[key] if first is a else _subject_keys(first)[key]
                out.append(Conflict(conflict_kind, subject, event, first, second))
    return out


def find_conflicts(figures: list[Figure], timeline: list[DatedEntry]) -> list[Conflict]:
    """Figures and dates from different sources that disagree about a shared subject."""
    date_groups = _groups(timeline, _event)
    figure_groups = _groups(figures, lambda f: f"{f.kind}:{f.unit_key}")
    out = _pairs(date_groups, _dates_differ, "date") + _pairs(figure_groups, _figures_differ, "figure")
    out.sort(key=lambda c: (c.subject.lower(), c.first.anchor.source_id, c.second.anchor.source_id))
    return out
