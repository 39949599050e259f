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
# Year first (as for figures: the engine jumps from year to year); a month and day before it, a
# qualifier before those, are matched backwards in a short window; a decade's "s" or a range after.
_YEAR_AT = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_AFTER = re.compile(r"(?P<decade>['\u2019]?s\b)|(?:-|\u2013)(?P<end>(?:1[5-9]|20)\d\d|\d\d)(?!\d)")
_DAY_MONTH_BEFORE = re.compile(
    rf"(?:(?P<m1>{_MONTH}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:(?:-|\u2013| and | to )(?P<d1b>\d{{1,2}}))?,? "
    rf"|(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH}),? "
    rf"|(?P<m3>{_MONTH})(?: of)? )$")
_QUALIFIER_BEFORE = re.compile(rf"\b(?P<qual>(?i:{_QUAL}))[ \u2011-](?:(?i:the) )?$|\b(?i:the) $")
_WINDOW = 36
_BLOCKED_BEFORE = frozenset("$/.\\-_#")
_DIGIT = re.compile(r"\d")


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


def _parse(year: str, before: re.Match | None, after: re.Match | None) -> tuple[str, str, str] | None:
    """(iso, precision, end) of a year with what stands before and after it, or None if not a real date."""
    if after is not None and after.group("decade"):
        return (year, "decade", "") if year.endswith("0") and before is None else None
    if before is not None and before.group("m1"):
        day = _full_date(before.group("m1"), before.group("d1"), year)
        if day is None:
            return None
        end = ""
        if before.group("d1b"):
            last = _full_date(before.group("m1"), before.group("d1b"), year)
            if last is None or last <= day:
                return None
            end = last.isoformat()
        return day.isoformat(), "day", end
    if before is not None and before.group("m2"):
        day = _full_date(before.group("m2"), before.group("d2"), year)
        return (day.isoformat(), "day", "") if day else None
    if before is not None and before.group("m3"):
        month = _month(before.group("m3"), year)
        return (f"{year}-{month:02d}", "month", "") if month else None
    end = after.group("end") if after is not None else ""
    if end:
        end = year[:2] + end if len(end) == 2 else end
        if int(end) <= int(year):
            end = ""
    return year, "year", end


def dates_in(passage: Passage) -> list[DatedEntry]:
    """The dated mentions of one passage, in text order."""
    text = passage.text
    if not _DIGIT.search(text):
        return []
    out: list[DatedEntry] = []
    sentences = None
    consumed = 0  # the end of the last date: the second year of "1999-2002" is not another date
    for m in _YEAR_AT.finditer(text):
        if m.start() < consumed:
            continue
        after = _AFTER.match(text, m.end())
        decade = after is not None and after.group("decade")
        before = None if decade else _DAY_MONTH_BEFORE.search(text, max(0, m.start() - _WINDOW), m.start())
        start = before.start() if before is not None else m.start()
        end = after.end() if after is not None and (decade or after.group("end")) else m.end()
        qualifier = ""
        found = _QUALIFIER_BEFORE.search(text, max(0, start - _WINDOW), start)
        if found is not None:
            start, qualifier = found.start(), (found.group("qual") or "").lower()
        if start and (text[start - 1] in _BLOCKED_BEFORE or text[start - 1].isalnum()):
            continue  # part of a URL, an identifier, a number or a word
        if end < len(text) and (text[end].isalnum() or text[end] in "/%"):
            continue
        parsed = _parse(m.group(), before, after)
        if parsed is None:
            continue
        iso, precision, last = parsed
        if precision == "year" and not last:
            end = m.end()  # "2011-12" read as a range only when it is one
        if sentences is None:
            sentences = sentence_spans(text)
        consumed = end
        out.append(DatedEntry(iso, precision, last, text[start:end], qualifier, anchor(passage, start, end, sentences)))
    return out


def extract_timeline(passages) -> list[DatedEntry]:
    """Dated mentions of many passages, ordered by date (coarser precision first on a tie), then source."""
    out: list[DatedEntry] = []
    for passage in passages:
        out.extend(dates_in(passage))
    out.sort(key=lambda e: e.sort_key)
    return out
