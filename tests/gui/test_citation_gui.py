"""Citation styles and citation metadata, reached from the main window as a user reaches them."""

from __future__ import annotations

import re
import shutil

import pytest
from pypdf import PdfReader

from briefing import paths, registry

from mainwindow_support import load_library, make_window, open_index

AFP = "afp-blinken-colombia-visit"


@pytest.fixture
def window(qtbot):
    library = load_library()
    return make_window(qtbot, library, open_index(library))


def test_a_dropped_csl_style_is_offered_and_used_by_the_export(qtbot, window, tmp_path, monkeypatch):
    folder = registry.user_folder("styles")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(paths.RESOURCES_DIR / "csl" / "apa.csl", folder / "my-apa.csl")
    source = window.library.sources[AFP]
    window.controller.set_meta("title", "Style test")
    window.controller.set_meta("layout", "memo")  # cites in the style (an information memo attributes in the sentence)
    section = window.controller.add_section("Readings")
    text = source.paragraphs()[18]  # the 17th body paragraph
    window.controller.add_excerpt(window.controller.excerpt_from_source(AFP, 19, 0, len(text)), section_id=section)
    out = tmp_path / "styled.pdf"
    seen = {}

    def fake_exec(dialog):
        seen["styles"] = [dialog.style_box.itemData(i) for i in range(dialog.style_box.count())]
        dialog.style_box.setCurrentIndex(dialog.style_box.findData("my-apa"))
        dialog.output_edit.setText(str(out))
        with qtbot.waitSignal(dialog.finished_export, timeout=60000) as blocker:
            dialog.start_export()
        seen["result"] = blocker.args
        return 0

    monkeypatch.setattr("briefing.gui.export_dialog.ExportDialog.exec", fake_exec)
    window.export_pdf()
    assert {"apa", "mla", "chicago", "chicago-author-date", "my-apa"} <= set(seen["styles"])
    assert seen["result"] == ["done"]
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(out)).pages))
    assert "(AFP, n.d., para. 17)" in text and "References" in text


def test_source_details_edits_citation_metadata(qtbot, window, monkeypatch):
    window.reader.show_source(AFP)

    def fake_exec(dialog):
        dialog.edits["container_title"].setText("France 24")
        dialog.edits["accessed"].setText("2021-10-21")
        dialog.edits["doi"].setText("https://doi.org/10.1234/afp.5678")
        return dialog.save()

    monkeypatch.setattr("briefing.gui.source_details.SourceDetailsDialog.exec", fake_exec)
    assert window.edit_source_details() is True
    source = window.library.sources[AFP]
    assert (source.container_title, source.accessed, source.doi) == ("France 24", "2021-10-21", "10.1234/afp.5678")
    assert source.author_names() == ["AFP"] and source.authors == [{"literal": "AFP"}]  # kept as an organisation


def test_source_details_takes_a_person_as_family_comma_given(qtbot, window, monkeypatch):
    window.reader.show_source("colombia-us-security-partnership")

    def fake_exec(dialog):
        dialog.edits["authors"].setText("García Márquez, Gabriel; Embassy of Colombia")
        return dialog.save()

    monkeypatch.setattr("briefing.gui.source_details.SourceDetailsDialog.exec", fake_exec)
    assert window.edit_source_details() is True
    source = window.library.sources["colombia-us-security-partnership"]
    assert source.authors == [{"family": "García Márquez", "given": "Gabriel"}, "Embassy of Colombia"]
