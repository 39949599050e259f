"""Conflicting claims: the Plan Colombia start-date disagreement, and agreements not reported as conflicts."""

from __future__ import annotations

from briefing.analysis import EMPTY, Passage, library_passages
from briefing.analysis.conflicts import find_conflicts
from briefing.analysis.report import analyse_passages
from tests.analysis_support import EMBASSY, INSIGHT, bundled_library


def test_plan_colombia_start_date_disagreement_is_reported_with_both_sources():
    aids = analyse_passages(library_passages(bundled_library()))
    plan = [c for c in aids.conflicts if c.subject == "Plan Colombia" and c.kind == "date"]
    assert len(plan) == 1, [(c.subject, c.first.text, c.second.text) for c in aids.conflicts]
    conflict = plan[0]
    sides = {c.anchor.source_id: c for c in (conflict.first, conflict.second)}
    assert set(sides) == {EMBASSY, INSIGHT}
    assert sides[INSIGHT].date == "1999" and "since its inception in 1999" in sides[INSIGHT].anchor.sentence
    assert sides[EMBASSY].date == "2000" and "was launched" in sides[EMBASSY].anchor.sentence
    assert conflict.event == "start"


def test_the_bundled_library_has_no_other_conflicts():
    aids = analyse_passages(library_passages(bundled_library()))
    assert [c.subject for c in aids.conflicts] == ["Plan Colombia"]


def claims(*passages):
    aids = analyse_passages(passages)
    return find_conflicts(aids.figures, aids.timeline)


def test_different_amounts_for_the_same_programme_conflict():
    found = claims(Passage("a", 1, "The US has given $8 billion through Plan Colombia since 2000."),
                   Passage("b", 3, "Washington spent $10 billion through Plan Colombia, officials said."))
    figures = [c for c in found if c.kind == "figure"]
    assert len(figures) == 1
    assert {figures[0].first.text, figures[0].second.text} == {"$8 billion", "$10 billion"}
    assert {figures[0].first.anchor.source_id, figures[0].second.anchor.source_id} == {"a", "b"}


def test_compatible_figures_and_dates_do_not_conflict():
    assert claims(
        Passage("a", 1, "Colombia trained more than 11,000 police officers from Central America."),
        Passage("b", 1, "Colombia trained 11,500 police officers from Central America."),
        Passage("c", 1, "Plan Colombia was launched in the late 1990s."),
        Passage("d", 1, "Plan Colombia was launched in 1999."),
    ) == []


def test_the_same_source_is_not_in_conflict_with_itself():
    assert claims(Passage("a", 1, "Plan Colombia was launched in 1999."),
                  Passage("a", 2, "Plan Colombia was launched in 2000.")) == []


def test_dates_of_different_events_are_not_compared():
    # a start and an end of the same programme are not a disagreement
    assert claims(Passage("a", 1, "Plan Colombia was launched in 2000."),
                  Passage("b", 1, "Plan Colombia ended in 2015.")) == []


def test_no_numbers_no_conflicts_and_it_says_so():
    assert claims(Passage("a", 1, "Plan Colombia was praised."), Passage("b", 1, "Plan Colombia was criticised.")) == []
    assert "No conflicting" in EMPTY["conflicts"]
