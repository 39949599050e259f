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

_SCALE = r"(?:thousand|million|billion|trillion)"
_QUALIFIER = (r"(?:(?:more|fewer|less) than|over|under|nearly|almost|about|around|roughly|some|at least|"
              r"at most|up to|approximately|an estimated|close to)")
_TREND = (r"(?:(?:gone |went |come |came )?(?:down|up)|(?:declined|decreased|dropped|fallen|fell|rose|risen|"
          r"increased|grew|grown|cut)(?: by)?|by)")
# Number first: the engine jumps from number to number (a pattern starting with optional words
# would be tried at every character: ~10x slower over a large library); the words before a
# number are then matched backwards in a short window, the unit or noun forwards.
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_AFTER = re.compile(
    rf"(?P<scale> {_SCALE}\b)?(?:"
    rf"(?P<money> (?:dollars|pesos|euros)\b)"
    rf"|(?P<percent> ?(?:%|percent\b|per cent\b))"
    rf"|(?P<duration>(?:-| )(?P<dunit>years?|months?|weeks?|days?|decades?|hours?)\b)"
    rf"|(?P<count> (?P<noun>[A-Za-z][\w'\u2019-]*(?: [A-Za-z][\w'\u2019-]*){{0,4}}))"
    rf")?",
    re.IGNORECASE,
)
_QUALIFIER_BEFORE = re.compile(rf"\b{_QUALIFIER} $", re.IGNORECASE)
_TREND_BEFORE = re.compile(rf"\b{_TREND} $", re.IGNORECASE)
_WINDOW = 32  # characters searched backwards for a qualifier or a trend
_BLOCKED_BEFORE = frozenset("./-_#@")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_DIGIT = re.compile(r"\d")
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


def _before(pattern: re.Pattern, norm: str, at: int) -> re.Match | None:
    """``pattern`` (anchored with ``$``) ending right at ``at``, searched in a short window."""
    return pattern.search(norm, max(0, at - _WINDOW), at)


def _figure(norm: str, text: str, positions: list[int], m: re.Match):
    """(kind, value, unit, qualifier, start, end) in the normalised text for the number ``m``, or None."""
    start, number = m.start(), m.group()
    money_sign = start and norm[start - 1] == "$" or norm[max(0, start - 2):start] == "$ "
    if money_sign:
        start = norm.rindex("$", 0, start)
        for prefix in ("U.S.", "US"):
            if norm[max(0, start - len(prefix)):start] == prefix:
                start -= len(prefix)
                break
    if start and (norm[start - 1].isalnum() or norm[start - 1] in _BLOCKED_BEFORE):
        return None  # inside a word, a URL, an identifier or a decimal
    after = _AFTER.match(norm, m.end())
    scale = after.group("scale")
    value = _value(number, scale.strip() if scale else None)
    end = after.end("scale") if scale else m.end()
    qualifier = ""
    if money_sign or after.group("money"):
        kind, unit = "money", "$" if money_sign else after.group("money").strip()
        end = end if money_sign else after.end("money")
    elif after.group("percent"):
        kind, unit, end = "percent", "percent", after.end("percent")
        trend = _before(_TREND_BEFORE, norm, start)
        if trend:
            start, qualifier = trend.start(), trend.group().strip()
    elif after.group("duration"):
        kind, end = "duration", after.end("duration")
        unit = after.group("dunit").lower()
        unit = _PLURAL.get(unit, unit)
    elif after.group("count"):
        if not scale and _YEAR.fullmatch(number) and "," not in text[positions[m.start()]:positions[m.end() - 1] + 1]:
            return None  # "in 2000 an ..." is a date; a count that size is written "2,000"
        noun = _noun_phrase(after.group("noun"))
        if not noun:
            return None
        kind, unit, end = "count", noun, after.start("noun") + len(noun)
    else:
        return None  # a bare number: a list number, part of a date, a page
    if end < len(norm) and (norm[end].isdigit() or (kind != "count" and norm[end].isalpha())
                            or (kind == "count" and norm[end] in "/@")):
        return None
    if not qualifier:
        found = _before(_QUALIFIER_BEFORE, norm, start)
        if found:
            start, qualifier = found.start(), found.group().strip()
    return kind, value, unit, qualifier, start, end


def figures_in(passage: Passage) -> list[Figure]:
    """The key figures of one passage, in text order."""
    text = passage.text
    if not _DIGIT.search(text):
        return []
    norm, positions = normalise_with_map(text)
    out: list[Figure] = []
    sentences = None
    for m in _NUMBER.finditer(norm):
        found = _figure(norm, text, positions, m)
        if found is None:
            continue
        kind, value, unit, qualifier, s, e = found
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
