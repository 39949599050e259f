"""Key figures: money, percentages, durations and counts with their noun, found in exact text.

Patterns run over the search index's normalised copy of the text (``normalise_with_map``: digit
group commas removed, so "11,000" is one number) and every match is mapped back to a span of
the exact text, so what is shown is what the source says.  A number without a unit or a noun
after it (a list number, part of a date, a page) is not a key figure; a bare four-digit year is
left to the timeline.  Spelled-out numbers ("two officers") are not read: digits only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.analysis.passages import Anchor, Passage, anchor
from briefing.analysis.sentences import sentence_spans
from briefing.search.normalize import fold, normalise_with_map

_NUM = r"\d+(?:\.\d+)?"
_SCALE = r"(?:thousand|million|billion|trillion)"
_QUALIFIER = (r"(?:(?:more|fewer|less) than|over|under|nearly|almost|about|around|roughly|some|at least|"
              r"at most|up to|approximately|an estimated|close to)")
_TREND = r"(?:(?:gone |went |come |came )?(?:down|up)|(?:declined|decreased|dropped|fallen|fell|rose|risen|increased|grew|grown|cut)(?: by)?|by)"
_CURRENCY_WORD = r"(?:dollars|pesos|euros|US dollars)"
# One pattern, one alternative per kind; the named group says which matched.  Order matters:
# money before counts ("$8 billion" is not "8 billion ..."), durations before counts.
_FIGURE = re.compile(
    rf"(?:(?P<qual>{_QUALIFIER}) )?(?:"
    rf"(?P<money>(?:US|U\.S\.)?\$ ?{_NUM}(?: {_SCALE})?|{_NUM}(?: {_SCALE})? {_CURRENCY_WORD})"
    rf"|(?P<percent>(?:(?P<trend>{_TREND}) )?{_NUM} ?(?:%|percent\b|per cent\b))"
    rf"|(?P<duration>{_NUM}(?:-| )(?P<dunit>years?|months?|weeks?|days?|decades?|hours?)\b)"
    rf"|(?P<count>{_NUM}(?: {_SCALE})?) (?P<noun>[A-Za-z][\w'\u2019-]*(?: [A-Za-z][\w'\u2019-]*){{0,4}})"
    rf")",
    re.IGNORECASE,
)
_BOUNDARY_BEFORE = re.compile(r"[\w.$/-]$")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
# Words that end a count's noun phrase: a count is "300 suspected criminals", not
# "300 suspected criminals to the US".
_STOP = frozenset(
    "a an the and or but nor of to in on at by for from with without into onto over under about as than "
    "since until till after before during per via so that which who whom whose this these those it its "
    "is are was were be been being has have had will would shall should can could may might must do does "
    "did not no also only just each every all some any more most less least such same other another "
    "their his her our your my we they he she you i there here then when where while if because though "
    "although whether what how why yet still already ago later earlier".split())
_SCALE_VALUE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_PLURAL = {"years": "year", "months": "month", "weeks": "week", "days": "day", "decades": "decade",
           "hours": "hour"}

KINDS = ("money", "count", "percent", "duration")


@dataclass(frozen=True, slots=True)
class Figure:
    kind: str  # money | count | percent | duration
    text: str  # exact source text of the figure, qualifier and unit included
    value: float  # the number, scale applied ("1.3 million" -> 1300000.0)
    unit: str  # "$" (as written) or "pesos", "percent", "year", or the counted noun phrase as written
    qualifier: str  # "more than", "down", … as written; "" when none
    anchor: Anchor

    @property
    def unit_key(self) -> str:
        """The unit compared between sources: the noun's last word, folded and crudely singular."""
        word = fold(self.unit.split()[-1]) if self.unit else ""
        return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word

    def to_json(self) -> dict:
        return {"kind": self.kind, "text": self.text, "value": self.value, "unit": self.unit,
                "qualifier": self.qualifier, **self.anchor.to_json()}


def _value(number: str, scale: str | None) -> float:
    return float(number) * _SCALE_VALUE.get((scale or "").lower(), 1.0)


def _noun_phrase(words: str) -> str:
    """The counted noun: words up to the first stop word ("and" joins "police and military")."""
    taken: list[str] = []
    parts = words.split(" ")
    for i, word in enumerate(parts):
        bare = word.lower().strip("'\u2019")
        if bare == "and" and taken and i + 1 < len(parts) and parts[i + 1].lower() not in _STOP:
            taken.append(word)
            continue
        if bare in _STOP or not word[:1].isalpha():
            break
        taken.append(word)
    while taken and taken[-1].lower() == "and":
        taken.pop()
    return " ".join(taken)


def _figure(m: re.Match, norm: str) -> tuple[str, float, str, str, int, int] | None:
    """(kind, value, unit, qualifier, start, end) in the normalised text, or None if not a figure."""
    qualifier = m.group("qual") or ""
    start, end = m.start(), m.end()
    number = re.search(_NUM, m.group(0)[len(qualifier):])
    scale = re.search(_SCALE, m.group(0), re.IGNORECASE)
    value = _value(number.group(0), scale.group(0) if scale else None)
    if m.group("money"):
        unit = "$" if "$" in m.group("money") else m.group("money").split()[-1]
        return "money", value, unit, qualifier, start, end
    if m.group("percent"):
        return "percent", value, "percent", (m.group("trend") or qualifier), start, end
    if m.group("duration"):
        unit = m.group("dunit").lower()
        return "duration", value, _PLURAL.get(unit, unit), qualifier, start, end
    count = m.group("count")
    if not scale and _YEAR.fullmatch(count):
        return None  # "in 2000 an ..." is a date; written counts of that size carry a comma
    noun = _noun_phrase(m.group("noun"))
    if not noun:
        return None
    end = m.start("noun") + len(noun)
    return "count", value, noun, qualifier, start, end


def figures_in(passage: Passage) -> list[Figure]:
    """The key figures of one passage, in text order."""
    text = passage.text
    if not any(ch.isdigit() for ch in text):
        return []
    norm, positions = normalise_with_map(text)
    out: list[Figure] = []
    sentences = None
    for m in _FIGURE.finditer(norm):
        number_start = m.start() if not m.group("qual") else m.start() + len(m.group("qual")) + 1
        if number_start and _BOUNDARY_BEFORE.search(norm, max(0, number_start - 1), number_start):
            continue  # inside a word, a URL, an identifier or a decimal
        tail = m.end()
        if tail < len(norm) and (norm[tail].isdigit() or (m.group("count") is None and norm[tail].isalpha())):
            continue
        found = _figure(m, norm)
        if found is None:
            continue
        kind, value, unit, qualifier, s, e = found
        if kind == "count" and e < len(norm) and norm[e:e + 1] in ("/", "@"):
            continue
        start, end = positions[s], positions[e - 1] + 1
        if sentences is None:
            sentences = sentence_spans(text)
        out.append(Figure(kind, text[start:end], value, unit, qualifier, anchor(passage, start, end, sentences)))
    return out


def extract_figures(passages) -> list[Figure]:
    """Key figures of many passages, in the passages' order."""
    out: list[Figure] = []
    for passage in passages:
        out.extend(figures_in(passage))
    return out
