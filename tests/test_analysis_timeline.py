"""The timeline over the bundled library: ordered, each date at the precision its text states."""

from __future__ import annotations

import pytest

from briefing.analysis import EMPTY, Passage, library_passages
from briefing.analysis.timeline import dates_in, extract_timeline
from tests.analysis_support import ACTION_PLAN, AFP, EMBASSY, INSIGHT, bundled_library


@pytest.fixture(scope="module")
def timeline():
    lib = bundled_library()
    return lib, extract_timeline(library_passages(lib))


def entry(timeline, text):
    found = [e for e in timeline if e.text == text]
    assert len(found) == 1, [e.text for e in timeline]
    return found[0]


def test_dates_are_ordered_1999_and_2000_before_2002_2011_and_2012(timeline):
    _, entries = timeline
    order = [e.text for e in entries]
    for early in ("in 1999", "In 2000"):
        for later in ("in 2002", "By the end of 2011", "On April 15, 2012"):
            assert order.index(early) < order.index(later), order
    assert order.index("in 1999") < order.index("In 2000")
    keys = [e.sort_key for e in entries]
    assert keys == sorted(keys)


# text as printed, ISO date at its precision, precision, source: read from content/sources/*.txt
EXPECTED = [
    ("in 1999", "1999", "year", INSIGHT),  # "since its inception in 1999"
    ("In 2000", "2000", "year", EMBASSY),  # "In 2000, … Plan Colombia was launched"
    ("in 2002", "2002", "year", EMBASSY),  # "from their peak in 2002"
    ("By the end of 2011", "2011", "year", EMBASSY),
    ("On April 15, 2012", "2012-04-15", "day", ACTION_PLAN),
    ("During the 1980s", "1980", "decade", EMBASSY),
]


@pytest.mark.parametrize("text,iso,precision,source_id", EXPECTED)
def test_each_date_keeps_its_precision_and_source(timeline, text, iso, precision, source_id):
    lib, entries = timeline
    e = entry(entries, text)
    assert (e.date, e.precision, e.anchor.source_id) == (iso, precision, source_id)
    paragraph = lib.sources[source_id].paragraphs()[e.anchor.paragraph - 1]
    assert paragraph[e.anchor.start:e.anchor.end] == text
    assert text in e.anchor.sentence


def test_qualifiers_are_kept_as_written(timeline):
    _, entries = timeline
    assert entry(entries, "By the end of 2011").qualifier == "by the end of"
    assert entry(entries, "By the end of 2011").label() == "2011"
    assert entry(entries, "On April 15, 2012").label() == "15 April 2012"


def test_a_stated_range_keeps_both_ends(timeline):
    _, entries = timeline
    summit = entry(entries, "April 14-15, 2012")
    assert (summit.date, summit.end, summit.precision) == ("2012-04-14", "2012-04-15", "day")


def test_relative_and_yearless_dates_are_not_dated(timeline):
    _, entries = timeline
    # the AFP report says "on Wednesday" and "this year" and never states a year
    assert not [e for e in entries if e.anchor.source_id == AFP]
    # "February 23 in Washington, D.C." states no year: not given one
    assert not [e for e in entries if "February" in e.text]
    # years inside the communiqué's URL are not dates
    assert not [e for e in entries if "/" in e.anchor.sentence[e.anchor.start - e.anchor.sentence_start - 1:
                                                                  e.anchor.start - e.anchor.sentence_start]]


def test_month_precision_and_impossible_dates():
    entries = dates_in(Passage("x", 1, "The talks resumed in March 2012. Nothing happened on February 30, 2012."))
    assert [(e.text, e.date, e.precision) for e in entries] == [("in March 2012", "2012-03", "month")]


def test_decades_agree_with_years_inside_them():
    (decade, year) = dates_in(Passage("x", 1, "In the 1990s, the plan began in 1999."))
    assert decade.interval()[0] <= year.interval()[0] and year.interval()[1] <= decade.interval()[1]


def test_text_without_dates_has_an_empty_timeline_that_says_so():
    passage = Passage("x", 1, "On Wednesday the minister spoke about 300 officers and this year's protests.")
    assert dates_in(passage) == []
    assert extract_timeline([passage]) == []
    assert "No dated events" in EMPTY["timeline"]
