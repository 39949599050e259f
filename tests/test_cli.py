"""The command line, run in-process: tables for people, JSON for scripts, clean errors."""

from __future__ import annotations

import json

from briefing import paths
from briefing.cli.main import main


def test_help_lists_the_subcommands(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("topics", "sources", "search", "suggest"):
        assert command in out


def test_topics_lists_at_least_ten(capsys):
    assert main(["topics"]) == 0
    out = capsys.readouterr().out
    for topic_id in ("extradition", "training", "migration", "plan-colombia", "security-outcomes",
                     "human-rights", "counter-narcotics", "organized-crime", "trade", "peace-process"):
        assert topic_id in out
    assert main(["topics", "--json"]) == 0
    topics = json.loads(capsys.readouterr().out)
    assert len(topics) >= 10
    assert all(t["passages"] > 0 and t["terms"] for t in topics)


def test_sources_table_and_json(capsys):
    assert main(["sources"]) == 0
    assert "colombia-us-security-partnership" in capsys.readouterr().out
    assert main(["sources", "--json"]) == 0
    sources = json.loads(capsys.readouterr().out)
    assert {s["id"] for s in sources} >= {"afp-blinken-colombia-visit", "us-colombia-action-plan-2012"}


def test_search_json_gives_exact_text_and_spans(capsys):
    assert main(["search", "--json", "11,000"]) == 0
    hits = json.loads(capsys.readouterr().out)
    first = hits[0]
    assert "11,000" in first["text"]
    assert first["source_id"] == "colombia-us-security-partnership" and first["paragraph"] >= 1
    assert isinstance(first["score"], float)
    assert [first["text"][s:e] for s, e in first["highlights"]] == ["11,000"]


def test_search_table_marks_hits_when_not_a_terminal(capsys):
    assert main(["search", "Haitians"]) == 0
    out = capsys.readouterr().out
    assert "«Haitians»" in out
    assert "afp-blinken-colombia-visit" in out
    assert main(["search", '"(((']) == 0
    assert "No passages match" in capsys.readouterr().out


def test_table_fits_the_terminal_width(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    assert main(["suggest", "training", "--limit", "3", "--full"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 5
    assert max(len(line) for line in lines) <= 60


def test_suggest_limit_and_json(capsys):
    assert main(["suggest", "training", "--limit", "2", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 2
    assert "trained more than 11,000" in hits[0]["text"]


def test_unknown_topic_exits_2_with_a_message(capsys):
    assert main(["suggest", "no-such-topic"]) == 2
    err = capsys.readouterr().err
    assert "no topic 'no-such-topic'" in err
    assert "training" in err  # the known topics are listed
    assert "Traceback" not in err


def test_bad_arguments_exit_2(capsys):
    assert main(["search"]) == 2
    assert main(["suggest", "training", "--limit", "zero"]) == 2
    assert main(["no-such-command"]) == 2


def test_library_problems_are_warnings_not_tracebacks(capsys):
    folder = paths.user_library_dir() / "sources"
    (folder / "broken.yaml").write_text("id: broken\nkind: [news\n", encoding="utf-8")
    (folder / "nokind.yaml").write_text("id: nokind\n", encoding="utf-8")
    assert main(["search", "--json", "Plan Colombia"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)
    warnings = captured.err.splitlines()
    assert any(w.startswith(f"warning: {folder / 'broken.yaml'}:") and "invalid YAML" in w for w in warnings)
    assert any("nokind.yaml:1:1:" in w and "'kind'" in w for w in warnings)
    assert "Traceback" not in captured.err


def test_second_run_reuses_the_index(capsys):
    assert main(["search", "--json", "Haitians"]) == 0
    first = capsys.readouterr().out
    assert (paths.user_cache_dir() / "passages.sqlite3").exists()
    assert main(["search", "--json", "Haitians"]) == 0
    assert capsys.readouterr().out == first
