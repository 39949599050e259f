"""`briefing-book build --layout NAME --format pdf|docx|html [--strict]`: the page budget is
said plainly with the amount over, and --strict makes it an exit status."""

from __future__ import annotations

import docx

from briefing.cli.main import main

ALL_TOPICS = ["extradition", "training", "migration", "plan-colombia", "security-outcomes", "human-rights",
              "counter-narcotics", "organized-crime", "trade", "peace-process"]


def topics(*names):
    return [arg for name in names for arg in ("--topic", name)]


def test_ten_topic_memo_is_over_budget_and_strict_fails(tmp_path, capsys):
    out = tmp_path / "memo.docx"
    rc = main(["build", *topics(*ALL_TOPICS), "--layout", "info-memo", "-o", str(out), "--strict", "-q"])
    captured = capsys.readouterr()
    assert rc == 3
    assert "Over the page budget" in captured.err and "more than its 2-page budget" in captured.err
    assert "info-memo-attachment" in captured.err
    assert out.is_file() and docx.Document(str(out)).paragraphs  # written as Word (from the extension)
    rc = main(["build", *topics(*ALL_TOPICS), "--layout", "info-memo", "-o", str(tmp_path / "memo.pdf"), "-q"])
    assert rc == 0 and "Over the page budget" in capsys.readouterr().err  # without --strict: a warning


def test_short_memo_fits_and_formats_follow_the_flag(tmp_path, capsys):
    out = tmp_path / "memo.out"
    rc = main(["build", *topics("extradition"), "--per-topic", "1", "--layout", "info-memo", "--format", "html",
               "-o", str(out), "--strict", "-q"])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert "Fits the 2-page budget" in captured.out
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_unknown_layout_is_a_usage_error(tmp_path, capsys):
    try:
        rc = main(["build", *topics("extradition"), "--layout", "no-such", "-o", str(tmp_path / "x.pdf")])
    except SystemExit as exc:
        rc = exc.code
    assert rc == 2 and "no-such" in capsys.readouterr().err
