"""``briefing-book figures|timeline|conflicts|balance``, run in-process on the bundled library."""

from __future__ import annotations

import json

from briefing.cli.main import main
from briefing.model import storage
from tests.analysis_support import AFP, EMBASSY, INSIGHT, briefing_of, bundled_library


def test_help_lists_the_aid_commands(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("figures", "timeline", "conflicts", "balance"):
        assert command in out


def test_figures_over_the_library(capsys):
    assert main(["figures", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    by_text = {f["text"]: f for f in figures}
    assert by_text["$8 billion"]["source_id"] == INSIGHT
    assert by_text["1.3 million migrants"]["source_id"] == AFP
    assert "through Plan Colombia since its inception in 1999" in by_text["$8 billion"]["sentence"]
    assert main(["figures"]) == 0
    table = capsys.readouterr().out
    assert "1.3 million migrants" in table and AFP in table


def test_timeline_is_in_date_order(capsys):
    assert main(["timeline", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    texts = [e["text"] for e in entries]
    assert texts.index("in 1999") < texts.index("In 2000") < texts.index("in 2002") < texts.index("On April 15, 2012")
    assert {e["precision"] for e in entries} == {"decade", "year", "day"}


def test_conflicts_show_both_sources_side_by_side(capsys):
    assert main(["conflicts"]) == 0
    out = capsys.readouterr().out
    assert "Plan Colombia" in out and EMBASSY[:20] in out and INSIGHT[:20] in out
    assert "1999" in out and "2000" in out


def test_aids_over_a_saved_briefing_and_its_balance(tmp_path, capsys):
    lib = bundled_library()
    path = tmp_path / "embassy.briefing.yaml"
    storage.save(briefing_of(lib, {"Results": [(EMBASSY, 3), (EMBASSY, 4)],
                                   "Views": [(AFP, 19), (INSIGHT, 5)]}), path)
    assert main(["figures", "--briefing", str(path), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert {f["text"] for f in figures} == {"26 years", "gone down 90 percent", "declined by 69 percent",
                                            "1.3 million migrants", "$8 billion"}
    assert all(f["section_id"] for f in figures)  # each knows its section
    assert main(["conflicts", "--briefing", str(path)]) == 0
    assert "No conflicting" in capsys.readouterr().out  # the 2000 paragraph is not in this briefing
    assert main(["balance", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Rests on a single source" in out
    assert main(["balance", str(path), "--json"]) == 0
    sections = json.loads(capsys.readouterr().out)
    assert [s["warnings"] != [] for s in sections] == [True, False]


def test_text_without_numbers_says_so(tmp_path, capsys):
    lib = bundled_library()
    path = tmp_path / "quotes.briefing.yaml"
    storage.save(briefing_of(lib, {"Quotes": [(AFP, 4)]}), path)  # Blinken on accountability: no numbers
    for command, phrase in (("figures", "No key figures"), ("timeline", "No dated events"),
                            ("conflicts", "No conflicting")):
        assert main([command, "--briefing", str(path)]) == 0
        assert phrase in capsys.readouterr().out
    assert main(["timeline", "--briefing", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_balance_needs_a_briefing(capsys):
    assert main(["balance"]) == 2
    assert main(["balance", "/nonexistent/x.briefing.yaml"]) == 1
    assert "x.briefing.yaml" in capsys.readouterr().err.splitlines()[-1]
