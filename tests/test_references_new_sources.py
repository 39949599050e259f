"""``references import``: items no library source matches become new metadata-only sources.

A CSL-JSON file and a BibTeX file, each with one item matching a bundled source (by id) and one
new item: the existing source is updated, the new item becomes a source carrying exactly the
fields the item states (``no_text: true``), listed by ``sources`` ("no text yet"), cited by
``cite`` in APA, and nothing else in the library changes.  Loading, searching, suggestions and the
GUI reader take such a source without a crash.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

from briefing import paths
from briefing.cli.main import main
from briefing.library import Library
from briefing.search.index import SearchIndex

pytestmark = pytest.mark.slow

MATCHED_JSON = "colombia-us-relations-reference"
MATCHED_BIB = "colombia-us-security-partnership"
UNTOUCHED = "afp-blinken-colombia-visit"

# APA Style's journal-article example (apastyle.apa.org, "Journal article references"), as Zotero
# exports it: CSL-JSON titles are stored in sentence case; no accessed date is stated.
GRADY = {"id": "Grady:2019", "type": "article-journal",
         "title": "Emotions in storybooks: A comparison of storybooks that represent ethnic and racial groups in "
                  "the United States",
         "container-title": "Psychology of Popular Media Culture",
         "author": [{"family": "Grady", "given": "Jessica Stoltzfus"}, {"family": "Her", "given": "Malina"},
                    {"family": "Moreno", "given": "Geena"}, {"family": "Perez", "given": "Catherine"},
                    {"family": "Yelinek", "given": "Jillian"}],
         "issued": {"date-parts": [[2019]]}, "volume": "8", "issue": "3", "page": "207–217",
         "DOI": "10.1037/ppm0000185"}
# APA 7 journal article: Author, A. A., Author, B. B., ... & Author, E. E. (Year). Title of article.
# Title of Periodical, volume(issue), pages. https://doi.org/xxxx  (italics are lost in plain text)
GRADY_APA = ("Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J. (2019). Emotions in storybooks: "
             "A comparison of storybooks that represent ethnic and racial groups in the United States. "
             "Psychology of Popular Media Culture, 8(3), 207–217. https://doi.org/10.1037/ppm0000185")
GRADY_IN_TEXT = "(Grady et al., 2019)"  # three or more authors: first author et al. from the first citation

BIB = (f"@article{{{MATCHED_BIB},\n  title = {{U.S.-Colombia Security Partnership}},\n"
       "  journal = {Embassy of Colombia},\n  year = {2012},\n}\n"
       "@book{Smith:2016, author={Smith, Zadie}, title={Swing Time}, publisher={Penguin Press},\n"
       "  address={New York}, year={2016}}\n")
# APA 7 book: Author, A. A. (Year). Title of work: Sentence case. Publisher.  (no publisher location)
SMITH_APA = "Smith, Z. (2016). Swing time. Penguin Press."


def run_json(capsys, *args):
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def user_sources() -> Path:
    return paths.user_library_dir() / "sources"


def tree_hashes(*folders: Path) -> dict[str, str]:
    out = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name != ".library.lock":
                out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture
def user_library():
    """A user library that already holds files: a correction of one bundled source (its copied text
    and metadata) and a stray text file whose name a new source's id must not take."""
    lib = Library.load(cache_path=False)
    lib.save_user_source(lib.sources[UNTOUCHED])
    (user_sources() / "grady-2019.txt").write_text("A stray file, not a source.\n", encoding="utf-8")
    return lib


def import_and_check(capsys, tmp_path, file: Path, matched: str, new_id: str, *, dry_run_first=True):
    folders = (paths.CONTENT_DIR, user_sources())
    before = tree_hashes(*folders)
    ids_before = set(Library.load(cache_path=False).sources)
    if dry_run_first:
        result = run_json(capsys, "references", "import", str(file), "--dry-run")
        assert result == {"updated": [matched], "created": [new_id], "problems": [], "dry_run": True}
        assert tree_hashes(*folders) == before  # a dry run writes nothing
        assert set(Library.load(cache_path=False).sources) == ids_before
    result = run_json(capsys, "references", "import", str(file))
    assert result == {"updated": [matched], "created": [new_id], "problems": [], "dry_run": False}
    after = tree_hashes(*folders)
    changed = {p for p in after if before.get(p) != after[p]} | (set(before) - set(after))
    # only the updated source's metadata (its text copied beside it) and the new metadata file
    expected = {str(user_sources() / f"{matched}.yaml"), str(user_sources() / f"{new_id}.yaml")}
    if str(user_sources() / f"{matched}.txt") not in before:
        expected.add(str(user_sources() / f"{matched}.txt"))
    assert changed == expected
    lib = Library.load(cache_path=False)
    assert not lib.problems
    assert set(lib.sources) == ids_before | {new_id}
    new = lib.sources[new_id]
    assert new.origin == "user" and not new.has_text and new.text_path is None and new.paragraphs() == []
    return lib, new


def test_csl_json_updates_the_match_and_creates_a_metadata_only_source(capsys, tmp_path, user_library):
    file = tmp_path / "zotero.json"
    matched_item = {"id": MATCHED_JSON, "type": "entry-encyclopedia", "container-title": "Wikipedia"}
    file.write_text(json.dumps([matched_item, GRADY]), encoding="utf-8")
    lib, new = import_and_check(capsys, tmp_path, file, MATCHED_JSON, "grady-2019-2")
    assert lib.sources[MATCHED_JSON].container_title == "Wikipedia"
    assert lib.sources[MATCHED_JSON].has_text and lib.sources[MATCHED_JSON].paragraphs()
    # exactly what the item states (the stray grady-2019.txt kept its name; the id moved on)
    saved = yaml.safe_load((user_sources() / "grady-2019-2.yaml").read_text(encoding="utf-8"))
    assert saved == {
        "id": "grady-2019-2", "kind": "other", "no_text": True,
        "inferred": {"kind": "Set to 'other' on reference import (the file gives no kind)."},
        "csl_type": "article-journal", "title": GRADY["title"], "container_title": GRADY["container-title"],
        "authors": GRADY["author"], "date": "2019", "doi": "10.1037/ppm0000185",
        "csl": {"volume": "8", "issue": "3", "page": "207–217"},
    }
    assert new.accessed is None and new.language is None and new.url is None  # not stated: not invented
    assert (user_sources() / "grady-2019.txt").read_text(encoding="utf-8") == "A stray file, not a source.\n"

    listed = {row["id"]: row for row in run_json(capsys, "sources")}
    assert listed["grady-2019-2"]["has_text"] is False and listed[MATCHED_JSON]["has_text"] is True
    assert main(["sources"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("grady-2019-2"))
    assert "(no text yet)" in line

    apa = run_json(capsys, "cite", "grady-2019-2", "--style", "apa")[0]
    assert apa["bibliography"] == GRADY_APA
    assert apa["in_text"] == GRADY_IN_TEXT

    # imported again: the same item updates the source it made (matched by its key), no duplicate
    result = run_json(capsys, "references", "import", str(file))
    assert sorted(result["updated"]) == sorted([MATCHED_JSON, "grady-2019-2"]) and result["created"] == []


def test_bibtex_updates_the_match_and_creates_a_metadata_only_source(capsys, tmp_path, user_library):
    file = tmp_path / "refs.bib"
    file.write_text(BIB, encoding="utf-8")
    lib, new = import_and_check(capsys, tmp_path, file, MATCHED_BIB, "smith-2016")
    assert lib.sources[MATCHED_BIB].container_title == "Embassy of Colombia"
    saved = yaml.safe_load((user_sources() / "smith-2016.yaml").read_text(encoding="utf-8"))
    assert saved == {
        "id": "smith-2016", "kind": "other", "no_text": True,
        "inferred": {"kind": "Set to 'other' on reference import (the file gives no kind)."},
        "csl_type": "book",
        "title": "Swing time",  # pandoc sentence-cases an English BibTeX title, as CSL stores titles
        "authors": [{"family": "Smith", "given": "Zadie"}], "date": "2016",
        "publisher": "Penguin Press", "publisher_place": "New York",
        "language": "en",  # a BibTeX entry is English unless it says otherwise (docs/METADATA.md)
    }
    assert new.accessed is None
    assert main(["sources"]) == 0
    assert any(ln.startswith("smith-2016") and "(no text yet)" in ln for ln in capsys.readouterr().out.splitlines())
    apa = run_json(capsys, "cite", "smith-2016", "--style", "apa")[0]
    assert apa["bibliography"] == SMITH_APA and apa["in_text"] == "(Smith, 2016)"


def test_an_item_with_a_stated_accessed_date_keeps_it(capsys, tmp_path):
    file = tmp_path / "page.json"
    file.write_text(json.dumps([{"id": "who-page", "type": "webpage", "title": "Malaria",
                                 "URL": "https://www.who.int/health-topics/malaria",
                                 "accessed": {"date-parts": [[2024, 3, 5]]}}]), encoding="utf-8")
    assert run_json(capsys, "references", "import", str(file))["created"] == ["who-page"]
    source = Library.load(cache_path=False).sources["who-page"]
    assert source.accessed == "2024-03-05" and source.date is None and not source.has_text


def test_search_suggestions_and_the_reader_take_a_metadata_only_source(qtbot, capsys, tmp_path):
    file = tmp_path / "refs.bib"
    file.write_text(BIB, encoding="utf-8")
    assert run_json(capsys, "references", "import", str(file))["created"] == ["smith-2016"]
    # loaded from the metadata cache as well as parsed, and on a trusted (stamped) start-up
    for _ in range(2):
        lib = Library.load()
        assert "smith-2016" in lib.sources and not lib.sources["smith-2016"].has_text and not lib.problems
    lib = Library.load(trust_stamps=True)
    assert lib.sources["smith-2016"].text_path is None
    lib.check_texts()
    assert "smith-2016" in lib.sources and lib.sources["smith-2016"].label == "Swing time"
    index = SearchIndex.open(":memory:")
    try:
        index.update(lib)
        assert not [p for p in index.search("Swing time") if p.source_id == "smith-2016"]
        assert index.search("Colombia")  # the other sources are still searched
        for topic in lib.topics.values():
            index.count_suggestions(topic)
        assert main(["search", "Colombia"]) == 0
        capsys.readouterr()

        from PySide6.QtWidgets import QMessageBox

        from briefing.gui.main_window import MainWindow
        from briefing.gui.worker import wait_for_all

        window = MainWindow(lib, index)
        window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        pane = window.library_pane
        assert pane.select_source("smith-2016")
        qtbot.waitUntil(lambda: window.reader.source is not None and window.reader.source.id == "smith-2016",
                        timeout=3000)
        text = window.reader.view.toPlainText()
        assert "Swing time" in text and "No text yet" in text
        assert pane.select_source(UNTOUCHED)  # and a source with text still opens after it
        qtbot.waitUntil(lambda: window.reader.source.id == UNTOUCHED, timeout=3000)
        wait_for_all(5000)
    finally:
        index.close()
