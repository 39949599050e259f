"""Paragraph locators a reader can check: "para. N" counts body paragraphs of the original document.

The expected numbers below were counted by hand in the seed documents (``tests/seeds``): a
reader counts the body paragraphs and skips the title, section headings, site chrome ("Go Back"),
photo captions and trailing junk.  Each row is the paragraph's opening words and that count.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.library import Library
from briefing.library.validate import FieldProblem, source_from_data

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"

READER_COUNTS: dict[str, list[tuple[str, int]]] = {
    # 003: title; a dateline-led first paragraph; headings "- Shifting US focus --" and
    # "Coordination on migration"; a photo caption printed twice between paragraphs 16 and 17.
    "afp-blinken-colombia-visit": [
        ("Bogota (AFP)", 1), ("President Ivan Duque", 2), ("Duque has faced", 3), ("Blinken said he spoke", 4),
        ("But Blinken called", 5), ("Blinken pointed", 6), ("Duque said that investigations", 7),
        ('"Also, we have said', 8), ("Blinken is on a visit", 9), ("Colombia for decades", 10),
        ("In a speech in Quito", 11), ('"That\'s because', 12), ('"We focused', 13), ("He acknowledged", 14),
        ("After a day with Duque", 15), ("A growing number of Haitians", 16), ("Colombia is already home", 17),
        ("Blinken, a longtime advocate", 18), ("The welcome to Venezuelans", 19),
        ("Blinken said the United States was committed", 20), ('"The United States does a lot', 21),
    ],
    # 002: a garbled title line; headings History, Early cross-border cooperation, War on drugs…,
    # Extradition…, Security and defense cooperation, Economic relations and trade, Diplomatic and
    # regional role, Controversies and debates; four bulleted paragraphs; an empty "See also".
    "colombia-us-relations-reference": [
        ("Colombia–United States relations stand", 1), ("From the outset", 2), ("Longstanding cooperation", 3),
        ("In the late 1990s", 4), ("Another pillar", 5), ("Security cooperation remains", 6),
        ("The alliance has also", 7), ("Trade and investment", 8), ("In addition to trade", 9),
        ("Beyond bilateral mechanics", 10), ("Colombia’s own regional leadership", 11), ("No major bilateral", 12),
        ("• Human rights", 13), ("• Drug policy", 14), ("• Peace process", 15), ("• Sovereignty", 16),
    ],
    # 001: "Go Back" and the title line, then eight paragraphs.
    "colombia-us-security-partnership": [
        ("For decades", 1), ("In 2000", 2), ("By the end of 2011", 3), ("Kidnappings", 4),
        ("From every perspective", 5), ("Plan Colombia has been a critical", 6), ("One area", 7), ("As we move", 8),
    ],
    # 000: no title; the section heading "InSight Crime Analysis" after paragraph 5.
    "insight-crime-2012-colombia-security-model": [
        ("As the Sixth Summit", 1), ("In remarks", 2), ("Clinton credited", 3), ("Echoing these", 4),
        ("Obama also pointed", 5), ("Obama and Clinton’s comments", 6), ("Both made reference", 7),
        ("What’s more", 8), ("Though Obama and Clinton", 9),
    ],
    # 004: the title line, seven paragraphs, then a blank line and an unrelated product name.
    "us-colombia-action-plan-2012": [
        ("On April 15, 2012", 1), ("The plan formalizes", 2), ("As a component", 3), ("At the Sixth Summit", 4),
        ("for this purpose", 5), ("(5) to this end", 6), ("For the Communique", 7),
    ],
}
HEADINGS = {
    "afp-blinken-colombia-visit": ["- Shifting US focus --", "Coordination on migration"],
    "colombia-us-relations-reference": [
        "History", "Early cross‑border cooperation", "War on drugs, counterinsurgency, and Plan Colombia",
        "Extradition, rule of law, and governance", "Security and defense cooperation",
        "Economic relations and trade", "Diplomatic and regional role", "Controversies and debates",
    ],
    "colombia-us-security-partnership": [],
    "insight-crime-2012-colombia-security-model": ["InSight Crime Analysis"],
    "us-colombia-action-plan-2012": [],
}


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load(roots=[(CONTENT, "bundled")], cache_path=False)


@pytest.mark.parametrize("source_id", sorted(READER_COUNTS))
def test_every_body_paragraph_locator_is_the_readers_count(library, source_id):
    source = library.sources[source_id]
    got = []
    for n, text in enumerate(source.paragraphs(), 1):
        if not source.is_heading(n):
            got.append((text, source.body_number(n)))
    assert len(got) == len(READER_COUNTS[source_id])
    for (text, number), (opening, expected) in zip(got, READER_COUNTS[source_id]):
        assert text.startswith(opening), (text[:40], opening)
        assert number == expected, f"{opening!r}: para. {number}, a reader counts {expected}"


@pytest.mark.parametrize("source_id", sorted(HEADINGS))
def test_headings_are_shown_without_marker_and_have_no_paragraph_number(library, source_id):
    source = library.sources[source_id]
    headings = [(n, p) for n, p in enumerate(source.paragraphs(), 1) if source.is_heading(n)]
    assert [p for _, p in headings] == HEADINGS[source_id]
    assert all(source.body_number(n) is None for n, _ in headings)
    assert not any(p.startswith("#") for p in source.paragraphs())


def test_heading_markers_keep_the_stored_numbering(tmp_path):
    """A block numbered 7 before headings were marked is still block 7: saved briefings stay valid."""
    (tmp_path / "s.txt").write_text("# Title\n\nOne.\n\n## Part\n\nTwo.\n\n#hashtag starts a body line\n",
                                    encoding="utf-8")
    source = source_from_data({"id": "s", "kind": "news"}, tmp_path / "s.yaml", "user")
    assert source.paragraphs() == ["Title", "One.", "Part", "Two.", "#hashtag starts a body line"]
    assert [source.body_number(n) for n in range(1, 6)] == [None, 1, None, 2, 3]
    assert source.body_number(0) is None and source.body_number(6) is None


def test_pages_give_page_locators_and_are_validated(tmp_path):
    (tmp_path / "s.txt").write_text("One.\n\nTwo.\n\nThree.\n", encoding="utf-8")
    source = source_from_data({"id": "s", "kind": "report", "pages": [4, 4, 5]}, tmp_path / "s.yaml", "user")
    assert [source.page_of(n) for n in (1, 2, 3, 4)] == [4, 4, 5, None]
    for bad, keys in (([1, "2"], ("pages", 1)), ([3, 2], ("pages", 1)), ([0], ("pages", 0)), ("12", ("pages",))):
        with pytest.raises(FieldProblem) as caught:
            source_from_data({"id": "s", "kind": "report", "pages": bad}, tmp_path / "s.yaml", "user")
        assert caught.value.keys == keys


def test_citations_take_the_readers_locator(tmp_path, library):
    from briefing.citation.api import CiteRequest, request_for

    afp = library.sources["afp-blinken-colombia-visit"]
    assert request_for(afp, 19) == CiteRequest(afp.id, "17", "paragraph")
    assert request_for(afp, 9) == CiteRequest(afp.id, None)  # a heading: no paragraph to point at
    (tmp_path / "r.txt").write_text("# Summary\n\nOne.\n\nTwo.\n", encoding="utf-8")
    report = source_from_data({"id": "r", "kind": "report", "pages": [1, 2, 5]}, tmp_path / "r.yaml", "user")
    assert request_for(report, 3) == CiteRequest("r", "5", "page")  # a PDF import: the page
