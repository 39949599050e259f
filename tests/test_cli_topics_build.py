"""Issue 14 from the command line: the user's own topics, and build options for what the cover says."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from briefing.cli.main import main


def _topics(capsys) -> dict:
    capsys.readouterr()
    assert main(["topics", "--json"]) == 0
    return {t["id"]: t for t in json.loads(capsys.readouterr().out)}


def test_topics_add_edit_remove_and_hide_a_bundled_one(capsys):
    before = _topics(capsys)
    assert main(["topics", "add", "police-training", "--title", "Police training", "--term", "training",
                 "--term", "police academy", "--description", "Who trains whom"]) == 0
    after = _topics(capsys)
    assert after["police-training"]["terms"] == ["training", "police academy"]
    assert after["police-training"]["passages"] > 0  # the terms find passages at once
    assert main(["topics", "edit", "police-training", "--term", "extradition"]) == 0
    assert _topics(capsys)["police-training"]["terms"] == ["extradition"]
    bundled = sorted(before)[0]
    assert main(["topics", "edit", bundled, "--title", "Renamed by me"]) == 0  # overrides the bundled one by id
    assert _topics(capsys)[bundled]["title"] == "Renamed by me"
    assert main(["topics", "remove", bundled]) == 0
    assert main(["topics", "remove", "police-training"]) == 0
    assert set(_topics(capsys)) == set(before) - {bundled}  # the bundled one stays hidden


def test_topics_add_refuses_a_bad_id_and_no_terms(capsys):
    assert main(["topics", "add", "Bad Id", "--title", "T", "--term", "x"]) == 1
    assert "cannot be a topic id" in capsys.readouterr().err
    assert main(["topics", "add", "ok-id", "--title", "T"]) == 2  # --term is required


@pytest.mark.slow
def test_build_sets_cover_details_leaves_out_parts_and_reports_json(capsys, tmp_path):
    out = tmp_path / "memo.pdf"
    capsys.readouterr()
    assert main(["build", "--topic", "extradition", "-o", str(out), "-q", "--title", "Extradition review",
                 "--subtitle", "Before the visit", "--for", "The Ambassador", "--from", "Policy staff",
                 "--date", "1 December 2026", "--marking", "UNCLASSIFIED", "--no-contents", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    reader = PdfReader(out)
    assert report == {"file": str(out), "pages": len(reader.pages), "warnings": []}
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Extradition review", "Before the visit", "The Ambassador", "Policy staff", "1 December 2026",
                     "UNCLASSIFIED"):
        assert expected in text
    assert "Briefing: " not in text  # no auto title on the cover or running headers
    assert "Contents" not in text
    bare = tmp_path / "bare.pdf"
    assert main(["build", "--topic", "extradition", "-o", str(bare), "-q", "--title", "Extradition review",
                 "--no-cover"]) == 0
    assert "PREPARED FOR" not in PdfReader(bare).pages[0].extract_text().upper()
