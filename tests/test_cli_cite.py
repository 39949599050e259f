"""``briefing-book cite`` and ``briefing-book references``, run as a user runs them."""

from __future__ import annotations

import json

import pytest

from briefing.cli.main import main
from briefing.library import Library

pytestmark = pytest.mark.slow

AFP = "afp-blinken-colombia-visit"
# APA Style's own reference example (journal article with a DOI), as a reference manager exports it
MCCAULEY = {"id": "mccauley2019", "type": "article-journal", "title": "Language learning as language use: A "
            "cross-linguistic model of child language development", "container-title": "Psychological Review",
            "author": [{"family": "McCauley", "given": "Stewart M."}, {"family": "Christiansen", "given": "Morten H."}],
            "issued": {"date-parts": [[2019]]}, "volume": "126", "issue": "1", "page": "1–51",
            "DOI": "10.1037/rev0000126", "language": "en"}


def run_json(capsys, *args):
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_cite_library_sources_in_each_style(capsys):
    chicago = run_json(capsys, "cite", AFP, "--style", "chicago", "--locator", "17")[0]
    assert chicago["first_note"] == ("AFP, Blinken Hails Colombia Partnership but Seeks Shift from Security Focus, "
                                     "n.d., para. 17.")
    assert chicago["short_note"] == "AFP, Blinken Hails Colombia Partnership, para. 17."
    assert chicago["bibliography"] == "AFP. Blinken Hails Colombia Partnership but Seeks Shift from Security Focus. n.d."
    apa = run_json(capsys, "cite", AFP, "--style", "apa", "--locator", "17")[0]
    assert apa["in_text"] == "(AFP, n.d., para. 17)" and apa["first_note"] == ""
    assert main(["cite", AFP, "--style", "mla"]) == 0
    out = capsys.readouterr().out
    assert "In-text:" in out and "(AFP)" in out and "n.d." not in out.split("Attribution")[0]


def test_cite_items_from_a_csl_json_file(tmp_path, capsys):
    items = tmp_path / "refs.json"
    items.write_text(json.dumps([MCCAULEY]), encoding="utf-8")
    apa = run_json(capsys, "cite", "--items", str(items), "--style", "apa", "--locator", "3", "--label", "page")[0]
    assert apa["bibliography"] == ("McCauley, S. M., & Christiansen, M. H. (2019). Language learning as language use: "
                                   "A cross-linguistic model of child language development. Psychological Review, "
                                   "126(1), 1–51. https://doi.org/10.1037/rev0000126")
    assert apa["in_text"] == "(McCauley & Christiansen, 2019, p. 3)"


def test_unknown_source_or_style_is_a_plain_error(capsys):
    assert main(["cite", "no-such-source"]) == 1
    assert "no source with id no-such-source" in capsys.readouterr().err
    assert main(["cite", AFP, "--style", "no-such-style"]) == 1
    assert "no-such-style" in capsys.readouterr().err


def test_references_export_then_import_updates_a_source(tmp_path, capsys):
    assert main(["references", "export", AFP, "-o", str(tmp_path / "out.json")]) == 0
    assert "wrote 1 item" in capsys.readouterr().out
    exported = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert exported[0]["id"] == AFP and exported[0]["author"] == [{"literal": "AFP"}]
    # the user looked the story up: a date and the outlet that carried it
    exported[0]["issued"] = {"date-parts": [[2021, 10, 20]]}
    exported[0]["container-title"] = "France 24"
    (tmp_path / "in.json").write_text(json.dumps(exported), encoding="utf-8")
    result = run_json(capsys, "references", "import", str(tmp_path / "in.json"))
    assert result["updated"] == [AFP] and result["created"] == []
    source = Library.load(cache_path=False).sources[AFP]
    assert source.origin == "user" and source.date == "2021-10-20" and source.container_title == "France 24"
    apa = run_json(capsys, "cite", AFP, "--style", "apa", "--locator", "17")[0]
    assert apa["in_text"] == "(AFP, 2021, para. 17)"  # the issue's own example


def test_references_import_reads_bibtex(tmp_path, capsys):
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{colombia-us-security-partnership,\n  title = {U.S.-Colombia Security Partnership},\n"
                   "  journal = {Embassy of Colombia},\n  year = {2012},\n}\n"
                   "@book{unknown2020, title={Nothing here}, year={2020}}\n", encoding="utf-8")
    result = run_json(capsys, "references", "import", str(bib))
    assert result["updated"] == ["colombia-us-security-partnership"] and result["created"] == ["unknown2020"]
    source = Library.load(cache_path=False).sources["colombia-us-security-partnership"]
    assert source.container_title == "Embassy of Colombia" and source.date == "2012"


def test_cite_a_bibtex_entry_as_the_chicago_manual_prints_it(tmp_path, capsys):
    bib = tmp_path / "smith.bib"
    bib.write_text("@book{Smith:2016, author={Smith, Zadie}, title={Swing Time}, publisher={Penguin Press}, "
                   "year={2016}}\n", encoding="utf-8")
    row = run_json(capsys, "cite", "--items", str(bib), "--style", "chicago", "--locator", "315", "--label", "page")[0]
    assert row["id"] == "smith-2016"
    assert row["first_note"] == "Zadie Smith, Swing Time (Penguin Press, 2016), 315."  # CMOS 18, 14.x example
    assert row["short_note"] == "Smith, Swing Time, 315."
    assert row["bibliography"] == "Smith, Zadie. Swing Time. Penguin Press, 2016."
