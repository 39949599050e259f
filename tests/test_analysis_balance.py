"""Source balance per section of a briefing built from the bundled library."""

from __future__ import annotations

from briefing.analysis import EMPTY
from briefing.analysis.balance import briefing_balance
from briefing.library import Library
from tests.analysis_support import AFP, EMBASSY, INSIGHT, bundled_library, briefing_of


def test_a_section_only_from_the_embassy_page_gets_the_single_source_warning():
    lib = bundled_library()
    briefing = briefing_of(lib, {"Plan Colombia results": [(EMBASSY, 2), (EMBASSY, 3), (EMBASSY, 4)]})
    (balance,) = briefing_balance(briefing, lib)
    assert balance.excerpts == 3
    assert balance.kinds == {"government": 3}
    assert balance.publishers == [] and balance.unstated_publisher == 3  # the page names no publisher
    assert balance.inferred_kinds == [EMBASSY]  # its kind is marked inferred in its metadata
    assert balance.warnings == [f"Rests on a single source: \u201cU.S.-Colombia Security Partnership\u201d ({EMBASSY})."]


def test_a_mixed_section_has_no_warning_and_counts_kinds_and_publishers():
    lib = bundled_library()
    briefing = briefing_of(lib, {"Migration": [(AFP, 19), (AFP, 20), (INSIGHT, 5), (EMBASSY, 7)]})
    (balance,) = briefing_balance(briefing, lib)
    assert balance.kinds == {"news": 2, "analysis": 1, "government": 1}
    assert balance.publishers == ["AFP", "InSight Crime"]
    assert balance.unstated_publisher == 1
    assert balance.warnings == []


def test_two_sources_of_one_kind_get_the_single_kind_warning(content_copy):
    second = content_copy / "sources"
    (second / "embassy-two.yaml").write_text("id: embassy-two\nkind: government\npublisher: \"Embassy\"\n",
                                             encoding="utf-8")
    (second / "embassy-two.txt").write_text("Colombia and the United States met in 2012.\n", encoding="utf-8")
    lib = Library.load(roots=[(content_copy, "bundled")], cache_path=False)
    briefing = briefing_of(lib, {"Official view": [(EMBASSY, 2), ("embassy-two", 1)]})
    (balance,) = briefing_balance(briefing, lib)
    assert balance.warnings == ["Rests on a single kind of source: all 2 excerpts are from government sources."]


def test_a_section_without_excerpts_has_no_balance_warning():
    lib = bundled_library()
    briefing = briefing_of(lib, {"Notes only": []})
    (balance,) = briefing_balance(briefing, lib)
    assert balance.excerpts == 0 and balance.warnings == []
    assert "no sections with excerpts" in EMPTY["balance"]
