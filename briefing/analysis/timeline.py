"""The timeline: dated mentions in exact text, ordered, each keeping how precise the text is.

"in 2000" is a year, "March 2012" a month, "On April 15, 2012" a day, "the 1990s" a decade; the
precision is kept and never filled in ("2000" is not 1 January 2000).  A date the text does not
fully state is not dated: "on Wednesday", "this year" and "February 23" (no year) are left out,
not guessed from the source's own date.  Full dates are checked with dateutil's parser (so
"February 30, 2012" is not a date).  Patterns run on the exact text: the search normalisation
joins digit groups, which would make "2,000 troops" look like the year 2000.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dateutil import parser as dateparser

from briefing.analysis.passages import Anchor, Passage, anchor
from briefing.analysis.sentences import sentence_spans

PRECISIONS = ("decade", "year", "month", "day")  # coarse to fine
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_QUAL = (r"(?:since|by the end of|by the middle of|by the start of|by the beginning of|at the end of|"
         r"at the start of|at the beginning of|the end of|the start of|the beginning of|by|until|till|before|"
         r"after|from|during|as of|in|on|early|late|mid|between)")
_DATE = re.compile(
    rf"(?:(?P<qual>(?i:{_QUAL}))[ \u2011-])?(?:(?i:the) )?(?:"
    rf"(?P<m1>{_MONTH}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:(?:-|\u2013| and | to )(?P<d1b>\d{{1,2}}))?,? (?P<y1>{_YEAR})"
    rf"|(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH}),? (?P<y2>{_YEAR})"
    rf"|(?P<m3>{_MONTH})(?: of)? (?P<y3>{_YEAR})"
    rf"|(?P<decade>(?:1[5-9]|20)\d0)['\u2019]?s"
    rf"|(?P<y4>{_YEAR})(?:(?:-|\u2013)(?P<y4b>{_YEAR}|\d\d))?"
    rf")",
)
_BLOCKED_BEFORE = frozenset("$/.\\-_#")


@dataclass(frozen=True, slots=True)
class DatedEntry:
    date: str  # ISO 8601 to the stated precision: "1990" (decade), "2000", "2012-03", "2012-04-15"
    precision: str  # decade | year | month | day
    end: str  # last date of a stated range ("April 14-15, 2012" -> "2012-04-15"), else ""
    text: str  # exact source text, qualifier included ("since 1999", "On April 15, 2012")
    qualifier: str  # "since", "by the end of", "in", … as written (lower-cased); "" when none
    anchor: Anchor

    @property
    def sort_key(self) -> tuple:
        parts = [int(p) for p in self.date.split("-")]
        parts += [0] * (3 - len(parts))
        return (*parts, PRECISIONS.index(self.precision), self.anchor.source_id, self.anchor.paragraph,
                self.anchor.start)

    def interval(self) -> tuple[date, date]:
        """The first and last day the stated date can mean (for comparing dates of different precision)."""
        first, last = _interval(self.date, self.precision)
        if self.end:
            last = _interval(self.end, "day" if self.end.count("-") == 2 else "year")[1]
        return first, last

    def label(self) -> str:
        """The date as a reader expects it at its precision: "1990s", "2000", "March 2012", "15 April 2012"."""
        parts = [int(p) for p in self.date.split("-")]
        if self.precision == "decade":
            return f"{parts[0]}s"
        if self.precision == "year":
            return str(parts[0]) + (f"\u2013{self.end}" if self.end else "")
        if self.precision == "month":
            return f"{calendar.month_name[parts[1]]} {parts[0]}"
        text = f"{parts[2]} {calendar.month_name[parts[1]]} {parts[0]}"
        if self.end:
            end_day = int(self.end.split("-")[2])
            text = f"{parts[2]}\u2013{end_day} {calendar.month_name[parts[1]]} {parts[0]}"
        return text

    def to_json(self) -> dict:
        return {"date": self.date, "precision": self.precision, "end": self.end or None, "label": self.label(),
                "text": self.text, "qualifier": self.qualifier, **self.anchor.to_json()}


def _interval(iso: str, precision: str) -> tuple[date, date]:
    parts = [int(p) for p in iso.split("-")]
    if precision == "decade":
        return date(parts[0], 1, 1), date(parts[0] + 9, 12, 31)
    if precision == "year":
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if precision == "month":
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts), date(*parts)


@lru_cache(maxsize=4096)
def _full_date(month: str, day: str, year: str) -> date | None:
    """dateutil reads the month name; None when the day does not exist in that month."""
    try:
        return dateparser.parse(f"{month} {day} {year}").date()
    except (ValueError, OverflowError):
        return None


@lru_cache(maxsize=512)
def _month(month: str, year: str) -> int | None:
    try:
        return dateparser.parse(f"{month} 1 {year}").month
    except (ValueError, OverflowError):
        return None


def _parse(m: re.Match) -> tuple[str, str, str] | None:
    """(iso, precision, end) of a match, or None when it is not a real date."""
    if m.group("y1"):
        day = _full_date(m.group("m1"), m.group("d1"), m.group("y1"))
        if day is None:
            return None
        end = ""
        if m.group("d1b"):
            last = _full_date(m.group("m1"), m.group("d1b"), m.group("y1"))
            if last is None or last <= day:
                return None
            end = last.isoformat()
        return day.isoformat(), "day", end
    if m.group("y2"):
        day = _full_date(m.group("m2"), m.group("d2"), m.group("y2"))
        return (day.isoformat(), "day", "") if day else None
    if m.group("y3"):
        month = _month(m.group("m3"), m.group("y3"))
        return (f"{m.group('y3')}-{month:02d}", "month", "") if month else None
    if m.group("decade"):
        return m.group("decade"), "decade", ""
    year, end = m.group("y4"), m.group("y4b") or ""
    if end:
        end = year[:2] + end if len(end) == 2 else end
        if int(end) <= int(year):
            end = ""
    return year, "year", end


def dates_in(passage: Passage) -> list[DatedEntry]:
    """The dated mentions of one passage, in text order."""
    text = passage.text
    if not any(ch.isdigit() for ch in text):
        return []
    out: list[DatedEntry] = []
    sentences = None
    for m in _DATE.finditer(text):
        body_start = m.end("qual") + 1 if m.group("qual") else m.start()
        if body_start and (text[body_start - 1] in _BLOCKED_BEFORE or text[body_start - 1].isalnum()):
            continue  # part of a URL, an identifier, a number or a word
        if m.group("qual") and m.start() and text[m.start() - 1].isalnum():
            continue
        if m.end() < len(text) and (text[m.end()].isalnum() or text[m.end()] in "/%"):
            continue
        parsed = _parse(m)
        if parsed is None:
            continue
        iso, precision, end = parsed
        if sentences is None:
            sentences = sentence_spans(text)
        qualifier = (m.group("qual") or "").lower()
        out.append(DatedEntry(iso, precision, end, text[m.start():m.end()], qualifier,
                              anchor(passage, m.start(), m.end(), sentences)))
    return out


def extract_timeline(passages) -> list[DatedEntry]:
    """Dated mentions of many passages, ordered by date (coarser precision first on a tie), then source."""
    out: list[DatedEntry] = []
    for passage in passages:
        out.extend(dates_in(passage))
    out.sort(key=lambda e: e.sort_key)
    return out
