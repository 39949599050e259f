"""``briefing-book import --dry-run --json``: the issue's shape, and nothing written."""

from __future__ import annotations

import json

from briefing import paths
from briefing.cli.main import main

from import_fixtures import EXPECTED_HTML_BODY, EXPECTED_HTML_CAPTION, HTML_PAGE, write_pdf

KEYS = {"path", "title", "authors", "date", "site", "url", "language", "paragraphs", "headings", "dropped", "captions"}


def test_dry_run_json_has_the_documented_shape_and_writes_nothing(tmp_path, capsys):
    page = tmp_path / "border-talks.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    pdf = write_pdf(tmp_path / "review.pdf")
    assert main(["import", "--dry-run", "--json", str(page), str(pdf)]) == 0
    data = json.loads(capsys.readouterr().out)
    html_doc, pdf_doc = data["documents"]
    assert KEYS <= set(html_doc) and KEYS <= set(pdf_doc)
    assert html_doc["path"] == str(page)
    assert html_doc["paragraphs"] == EXPECTED_HTML_BODY
    assert html_doc["headings"] == ["What is on the table"]
    assert html_doc["captions"] == [EXPECTED_HTML_CAPTION]
    assert "Skip to content" in html_doc["dropped"]
    assert (html_doc["title"], html_doc["authors"], html_doc["date"], html_doc["site"], html_doc["language"]) == (
        "Border talks resume after a year", ["Ana Gómez"], "2024-03-05", "The Daily Ledger", "en")
    assert pdf_doc["headings"] == ["Outlook"] and pdf_doc["url"] is None
    assert not any((paths.user_library_dir() / "sources").iterdir())  # nothing saved


def test_dry_run_text_marks_headings_and_lists_dropped_lines(tmp_path, capsys):
    page = tmp_path / "border-talks.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    assert main(["import", "--dry-run", str(page)]) == 0
    out = capsys.readouterr().out
    assert "  # What is on the table" in out
    assert "  - Skip to content" in out
    assert "title     [found] Border talks resume after a year" in out
    assert "kind      [inferred] other" in out
    assert not any((paths.user_library_dir() / "sources").iterdir())  # nothing saved
