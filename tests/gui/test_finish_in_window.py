"""Issue 14: a staffer finishes a briefing in the main window — own topic, sentence quote, key
points, BLUF, undo/redo, save, export — plus excerpt placement, duplicates, inferred marks and
the export folder.  Everything is driven through the main window's actions and panes."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from briefing.gui import duplicates
from briefing.gui import export_dialog as export_dialog_module
from mainwindow_support import make_window, settle

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
SOURCE = "afp-blinken-colombia-visit"
# The AFP report's paragraph 22 holds two sentences; the caret goes into the first.
SENTENCE = "Blinken said the United States was committed to helping Colombia and other nations accommodate refugees."


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _in_modal(qtbot, trigger, handle) -> None:
    """Trigger an action that opens a modal dialog; ``handle(dialog)`` drives it from inside."""
    failures = []

    def run():
        dialog = QApplication.activeModalWidget()
        try:
            assert dialog is not None, "no dialog opened"
            handle(dialog)
        except BaseException as exc:  # noqa: BLE001 - re-raised below, outside Qt's event loop
            failures.append(exc)
            if dialog is not None:
                dialog.reject()

    QTimer.singleShot(0, run)
    trigger()
    if failures:
        raise failures[0]


def _caret(window, paragraph: int, offset: int) -> None:
    window.reader.select_span(paragraph, offset, offset)  # an empty span: the caret, no selection
    assert not window.reader.view.textCursor().hasSelection()


def _type_into(qtbot, box, text: str) -> None:
    """Type as a user would; Enter between lines (QTest cannot type a newline character)."""
    box.setFocus()
    box.selectAll()
    for n, line in enumerate(text.split("\n")):
        if n:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.keyClicks(box, line)


def _commit_box(qtbot, box) -> None:
    """Leave the box as a user would (Tab): the form commits one undo step."""
    qtbot.keyClick(box, Qt.Key.Key_Tab)


@pytest.fixture
def window(qtbot, library, index, monkeypatch):
    opened = []
    monkeypatch.setattr(export_dialog_module, "open_url", lambda url: opened.append(url.toLocalFile()) or True)
    w = make_window(qtbot, library, index, size=(1280, 800))
    w.opened_urls = opened
    yield w
    settle()


def test_a_staffer_finishes_a_briefing_in_the_window(qtbot, window, tmp_path):
    controller = window.controller

    # 1. a topic of one's own, with two terms; the editor counts matching passages while typing
    seen_counts = []

    def fill_topic(dialog):
        dialog.title_edit.setText("Refugee policy")
        dialog.description_edit.setPlainText("How the region shares the cost of refugees")
        dialog.terms_edit.setPlainText("refugees\nVenezuelans")
        dialog.update_count()
        seen_counts.append(dialog.count_label.text())
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    _in_modal(qtbot, window.editors.actions["new_topic"].trigger, fill_topic)
    assert re.match(r"[1-9]\d* matching passages? in the library", seen_counts[0]), seen_counts
    topic = next(t for t in window.library.topics.values() if t.title == "Refugee policy")
    assert topic.terms == ["refugees", "Venezuelans"] and topic.origin == "user"

    # 2. its suggestions, without a restart
    with qtbot.waitSignal(window.topics.suggestions_changed, timeout=5000) as got:
        window.topics.select_topic(topic.id)
    suggestions = got.args[0]
    assert suggestions and all(re.search("refugees|Venezuelans", p.text) for p in suggestions)

    # 3. select a section in the outline (a new one, named in the Section pane)
    window.show_outline()
    section_id = window.outline.add_section()
    window.outline.view.closePersistentEditor(window.outline.model.index_for_id(section_id))
    window.outline.select_ids([section_id], section_id)
    editor = window.editors.section_editor
    assert window.editors.section_dock.isVisible() and editor.section_id == section_id
    editor.title.selectAll()
    _type_into(qtbot, editor.title, "Refugees")
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    assert controller.section(section_id).title == "Refugees"

    # 4. one sentence with Ctrl+E: the caret in "accommodate", nothing selected
    window.reader.show_source(SOURCE, 22)
    offset = window.library.source(SOURCE).paragraphs()[21].index("accommodate") + 3
    _caret(window, 22, offset)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # back from the topic dialog
    window.reader.view.setFocus()
    qtbot.keyClick(window.reader.view, Qt.Key.Key_E, CTRL)
    [excerpt] = controller.section(section_id).excerpts()
    assert excerpt.text == SENTENCE
    assert "“Refugees”" in window.status_label.text()

    # 5. two key points (Section pane) and a BLUF (Briefing Details), each one undo step
    window.outline.select_ids([section_id], section_id)
    _type_into(qtbot, editor.key_points, "Colombia hosts 1.3 million Venezuelans\nThe U.S. will help")
    _commit_box(qtbot, editor.key_points)
    assert controller.section(section_id).key_points == ["Colombia hosts 1.3 million Venezuelans", "The U.S. will help"]
    window.show_details()
    bluf = window.details.fields["summary"]
    _type_into(qtbot, bluf, "Back Colombia's open door; offer burden-sharing money.")
    _commit_box(qtbot, bluf)
    assert controller.briefing.meta.summary == "Back Colombia's open door; offer burden-sharing money."

    # 6. undo and redo from the keyboard (Ctrl+Z, Ctrl+Shift+Z)
    window.activateWindow()
    window.outline.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert controller.briefing.meta.summary == ""
    assert bluf.toPlainText() == ""
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert controller.section(section_id).key_points == []
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert controller.section(section_id).key_points == ["Colombia hosts 1.3 million Venezuelans", "The U.S. will help"]
    assert controller.briefing.meta.summary.startswith("Back Colombia")

    # 7. save (Ctrl+S) and export through File > Export, into a folder that does not exist yet
    path = tmp_path / "refugees.briefing.yaml"
    window.ask_save_path = lambda: str(path)
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert path.exists() and not controller.is_dirty()
    out = tmp_path / "not-yet" / "refugees.pdf"
    outcome = {}

    def export(dialog):
        # the information memo prints the BLUF up front (the memo and book layouts do not, yet)
        dialog.choices.layout_box.setCurrentIndex(dialog.choices.layout_box.findData("info-memo"))
        dialog.output_edit.setText(str(out))
        dialog.finished_export.connect(lambda state: (outcome.update(state=state, message=dialog.status_label.text(),
                                                                     bar=dialog.progress_bar.value(),
                                                                     open=dialog.open_button.isVisible()),
                                                      dialog.open_button.click(), dialog.accept()))
        dialog.start_export()

    _in_modal(qtbot, window.actions["export"].trigger, export)
    assert outcome["state"] == "done", outcome
    assert outcome["bar"] == 100 and outcome["open"]
    assert window.opened_urls == [str(out)]
    text = _flat(" ".join(page.extract_text() for page in PdfReader(str(out)).pages))
    heading = text.find("Refugees", text.find("Contents") + 20 if "Contents" in text else 0)
    assert heading >= 0 and SENTENCE in text[heading:]
    assert "Colombia hosts 1.3 million Venezuelans" in text and "The U.S. will help" in text
    assert "Back Colombia's open door; offer burden-sharing money." in text  # the BLUF


def test_excerpt_placement_selected_section_topic_section_or_excerpts(qtbot, window):
    controller, reader = window.controller, window.reader
    paragraph = window.library.source(SOURCE).paragraphs()[21]
    reader.show_source(SOURCE, 22)

    def quote(word: str) -> str:
        _caret(window, 22, paragraph.index(word))
        window.actions["add_excerpt"].trigger()
        return window.status_label.text()

    # neither a section selected nor a topic chosen: an "Excerpts" section
    assert "“Excerpts”" in quote("accommodate")
    assert [s.title for s in controller.briefing.sections] == ["Excerpts"]
    # a topic chosen, no section selected: that topic's section, made for it
    window.outline.view.clearSelection()
    with qtbot.waitSignal(window.topics.suggestions_changed, timeout=5000):
        window.topics.select_topic("migration")
    migration = window.library.topics["migration"].title
    assert f"“{migration}”" in quote("Syrian")
    assert controller.briefing.section_for_topic("migration").excerpts()[0].text.startswith("Duque noted")
    # a section selected: there, whatever the topic
    excerpts_section = controller.briefing.sections[0].id
    window.outline.select_ids([excerpts_section], excerpts_section)
    duplicates.ask_add_again = lambda *_a: True  # the same sentence again, on purpose
    assert "“Excerpts”" in quote("Syrian")
    assert len(controller.section(excerpts_section).items) == 2


def test_a_passage_already_in_the_briefing_is_marked_and_asked_about(qtbot, window, monkeypatch):
    controller, reader = window.controller, window.reader
    paragraph = window.library.source(SOURCE).paragraphs()[21]
    reader.show_source(SOURCE, 22)
    _caret(window, 22, paragraph.index("accommodate"))
    window.actions["add_excerpt"].trigger()
    assert reader.is_quoted_at(22, paragraph.index("accommodate"))  # underlined in the reader
    assert not reader.is_quoted_at(22, paragraph.index("Syrian"))
    asked = []
    monkeypatch.setattr(duplicates, "ask_add_again", lambda _parent, text: asked.append(text) or False)
    _caret(window, 22, paragraph.index("committed"))
    window.actions["add_excerpt"].trigger()
    assert len(controller.briefing.all_excerpts()) == 1  # the user said no
    assert "already quoted in “Excerpts”" in asked[0]
    # the suggestion list marks the quoted paragraph too
    with qtbot.waitSignal(window.topics.suggestions_changed, timeout=5000):
        window.topics.select_topic("migration")
    model = window.topics.passages
    marked = [model.passage(r) for r in range(model.rowCount()) if "✓ in the briefing" in model.data(model.index(r))]
    assert [(p.source_id, p.paragraph) for p in marked] in ([], [(SOURCE, 22)])
    controller.undo()
    assert not reader.is_quoted_at(22, paragraph.index("accommodate"))


def test_correcting_a_source_field_clears_its_inferred_mark(qtbot, window):
    source = next(s for s in window.library.sorted_sources() if s.is_inferred("title") or s.inferred)
    field = "title" if source.is_inferred("title") else next(iter(source.inferred))
    window.reader.show_source(source.id)

    def correct(dialog):
        edit, check = dialog.edits[field], dialog.inferred[field]
        assert check.isChecked()
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, "A corrected value 2026" if field != "date" else "2026")
        assert not check.isChecked()  # a correction is no longer the importer's inference
        dialog.save()

    _in_modal(qtbot, window.actions["source_details"].trigger, correct)
    saved = window.library.sources[source.id]
    assert not saved.is_inferred(field)
    other = next((name for name in saved.inferred), None)
    if other is not None:  # another inferred value, confirmed as it is by unticking its box
        def confirm(dialog):
            dialog.inferred[other].setChecked(False)
            dialog.save()

        _in_modal(qtbot, window.actions["source_details"].trigger, confirm)
        assert not window.library.sources[source.id].is_inferred(other)


def test_default_export_folder_missing_is_not_a_failure(qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtCore import QStandardPaths

    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _kind: str(tmp_path / "no-Documents"))
    monkeypatch.setattr(export_dialog_module.Path, "home", lambda: tmp_path)
    window.controller.add_note("Something to print")
    outcome = {}

    def export(dialog):
        default = dialog.output_path()
        outcome["default"] = default
        dialog.finished_export.connect(lambda state: (outcome.update(state=state, msg=dialog.status_label.text()),
                                                      dialog.accept()))
        dialog.start_export()

    _in_modal(qtbot, window.actions["export"].trigger, export)
    assert outcome["state"] == "done", outcome
    assert outcome["default"].parent == tmp_path and outcome["default"].exists()
