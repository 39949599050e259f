"""Key figures found in the bundled library: the numbers the issue names, with the right source."""

from __future__ import annotations

import pytest

from briefing.analysis import EMPTY, Passage, library_passages
from briefing.analysis.figures import extract_figures, figures_in
from tests.analysis_support import AFP, EMBASSY, INSIGHT, bundled_library


@pytest.fixture(scope="module")
def figures():
    lib = bundled_library()
    return lib, extract_figures(library_passages(lib))


def one(figures, text):
    found = [f for f in figures if f.text == text]
    assert len(found) == 1, [f.text for f in figures]
    return found[0]


# (exact text as the source prints it, kind, value, unit, source, block number) read by hand
# from content/sources/*.txt
EXPECTED = [
    ("$8 billion", "money", 8e9, "$", INSIGHT, 9),
    ("more than 11,000 police and military officers", "count", 11000, "police and military officers", EMBASSY, 13),
    ("gone down 90 percent", "percent", 90, "percent", EMBASSY, 7),
    ("declined by 69 percent", "percent", 69, "percent", EMBASSY, 7),
    ("1.3 million migrants", "count", 1.3e6, "migrants", AFP, 37),
    ("more than 300 suspected criminals", "count", 300, "suspected criminals", INSIGHT, 17),
]


@pytest.mark.parametrize("text,kind,value,unit,source_id,line", EXPECTED)
def test_named_figures_are_found_with_their_source(figures, text, kind, value, unit, source_id, line):
    lib, found = figures
    f = one(found, text)
    assert (f.kind, f.value, f.unit, f.anchor.source_id) == (kind, value, unit, source_id)
    # block numbers count blank-line separated blocks: line L of the file is block (L + 1) / 2
    assert f.anchor.paragraph == (line + 1) // 2
    paragraph = lib.sources[source_id].paragraphs()[f.anchor.paragraph - 1]
    assert paragraph[f.anchor.start:f.anchor.end] == text  # the span is exact source text
    assert paragraph[f.anchor.sentence_start:f.anchor.sentence_end] == f.anchor.sentence
    assert text in f.anchor.sentence


def test_sentences_are_whole_sentences(figures):
    _, found = figures
    assert one(found, "$8 billion").anchor.sentence == (
        "Obama also pointed to the role of the US as a key partner in Colombia\u2019s security advances, noting "
        "that the US had given $8 billion through Plan Colombia since its inception in 1999.")
    assert one(found, "gone down 90 percent").anchor.sentence == (
        "Kidnappings have gone down 90 percent from their peak in 2002.")


def test_durations_keep_their_unit(figures):
    _, found = figures
    durations = {(f.text, f.anchor.source_id) for f in found if f.kind == "duration"}
    assert ("10 years", AFP) in durations  # "let Venezuelans stay for 10 years"
    assert ("26 years", EMBASSY) in durations  # "the lowest in 26 years"


def test_years_list_numbers_and_dates_are_not_figures(figures):
    _, found = figures
    texts = " | ".join(f.text for f in found)
    for not_a_figure in ("1999", "2000", "2012", "(1)", "23", "041412"):
        assert not any(f.text == not_a_figure or f.text.startswith(not_a_figure + " ") for f in found), texts
    # the action plan has dates, list numbers and a URL but no key figure
    assert not [f for f in found if f.anchor.source_id == "us-colombia-action-plan-2012"], texts


def test_text_without_numbers_has_no_figures_and_says_so():
    passage = Passage("x", 1, "Officials met on Wednesday and praised a very valued friend of the region.")
    assert figures_in(passage) == []
    assert extract_figures([passage]) == []
    assert "No key figures" in EMPTY["figures"]


def test_spelled_out_numbers_are_not_invented():
    passage = Passage("x", 1, "Two officers were charged and dozens were hurt.")
    assert figures_in(passage) == []


def test_figures_in_an_excerpt_are_spanned_in_the_source_paragraph():
    text = "the Colombian police and military have trained more than 11,000 police and military officers"
    passage = Passage(EMBASSY, 7, text, offset=100)
    f = figures_in(passage)[0]
    assert f.text == "more than 11,000 police and military officers"
    assert (f.anchor.start, f.anchor.end) == (100 + text.index("more"), 100 + len(text))


def test_an_entry_is_named_as_a_citation_names_it(figures):
    from briefing.analysis.attribution import where

    lib, found = figures
    migrants = one(found, "1.3 million migrants")
    # block 19 of the AFP text; blocks 9 and 16 are headings, so readers count it as paragraph 17
    assert where(lib, migrants.anchor) == ("AFP, Blinken hails Colombia partnership but seeks shift from "
                                           "security focus, para. 17")
