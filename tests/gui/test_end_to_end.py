"""A new user's whole session, driven through the window: pick a topic, collect, arrange, undo,
save, reopen, export — and the PDF says what the outline shows, in the same order."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from briefing.citation import processor_for
from briefing.gui.export_dialog import ExportDialog
from briefing.model import Excerpt, Note

from mainwindow_support import load_library, make_window, open_index, settle

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _outline_order(window) -> list[tuple[str, str]]:
    """(section title, item id) in the order the outline view shows them."""
    model, out = window.outline.model, []
    for row in range(model.rowCount()):
        section_index = model.index(row, 0)
        for child in range(model.rowCount(section_index)):
            out.append((model.data(section_index), model.id_of(model.index(child, 0, section_index))))
    return out


@pytest.fixture
def window(qtbot):
    library = load_library()
    index = open_index(library)
    w = make_window(qtbot, library, index, size=(1280, 720))
    yield w
    settle()
    index.close()


def _choose_topic(qtbot, window, topic_id):
    window.show_topics()
    with qtbot.waitSignal(window.topics.suggestions_changed, timeout=5000):
        window.topics.select_topic(topic_id)


def _add_suggestion(qtbot, window, row):
    view = window.topics.suggestion_view
    view.setCurrentIndex(view.model().index(row, 0))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_A, CTRL | SHIFT)


def test_a_new_users_session_end_to_end(qtbot, window, tmp_path):
    controller, library = window.controller, window.library

    # pick "migration" and add its two best suggestions
    _choose_topic(qtbot, window, "migration")
    _add_suggestion(qtbot, window, 0)
    _add_suggestion(qtbot, window, 1)
    migration = controller.briefing.section_for_topic("migration")
    assert migration is not None and len(migration.excerpts()) == 2
    assert any("1.3 million" in e.text for e in migration.excerpts()) or any(
        "Haitians" in e.text for e in migration.excerpts())

    # a second section from another topic
    _choose_topic(qtbot, window, "training")
    _add_suggestion(qtbot, window, 0)
    training = controller.briefing.section_for_topic("training")
    assert training is not None and "11,000" in training.excerpts()[0].text

    # select a span in the reader and make it an excerpt with Ctrl+E (goes to the current section)
    source = library.source("afp-blinken-colombia-visit")
    window.library_pane.select_source(source.id)
    paragraph = next(i for i, p in enumerate(source.paragraphs(), 1) if "Haitians" in p)
    text = source.paragraphs()[paragraph - 1]
    start = text.index("A growing number of Haitians")
    end = start + len("A growing number of Haitians")
    window.outline.select_ids([migration.id])
    window.reader.select_span(paragraph, start, end)
    window.reader.view.setFocus()
    qtbot.keyClick(window.reader.view, Qt.Key.Key_E, CTRL)
    span = [e for e in controller.briefing.all_excerpts() if e.text == "A growing number of Haitians"]
    assert len(span) == 1 and span[0].paragraph == paragraph and span[0].start == start

    # add a note in the user's own words
    window.outline.select_ids([migration.id])
    note_id = window.outline.add_note()
    controller.set_item_text(note_id, "Ask about the ten-year permit for Venezuelans.")

    # move the first migration excerpt to the next section with the keyboard
    moved = migration.items[0].id
    window.outline.select_ids([moved])
    window.outline.view.setFocus()
    qtbot.keyClick(window.outline.view, Qt.Key.Key_Down, CTRL | SHIFT)
    assert controller.briefing.find_item(moved)[0].id == training.id
    after_move = _outline_order(window)

    # undo puts it back, redo moves it again (Ctrl+Z / Ctrl+Shift+Z)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert controller.briefing.find_item(moved)[0].id == migration.id
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert controller.briefing.find_item(moved)[0].id == training.id
    assert _outline_order(window) == after_move

    # save, then reopen in a fresh document
    path = tmp_path / "migration.briefing.yaml"
    window.ask_save_path = lambda: str(path)
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert path.exists() and not controller.is_dirty()
    assert window.isWindowModified() is False
    controller.new()
    assert controller.briefing.sections == []
    assert window.open_briefing(path)
    assert _outline_order(window) == after_move

    # export, off the GUI thread, and read the PDF back
    out = tmp_path / "migration.pdf"
    controller.set_meta("layout", "memo")  # the classic memo read back below: cover, contents, notes
    dialog = ExportDialog(controller, library, window)
    qtbot.addWidget(dialog)
    dialog.output_edit.setText(str(out))
    with qtbot.waitSignal(dialog.finished_export, timeout=60000) as blocker:
        dialog.start_export()
    assert blocker.args == ["done"], dialog.status_label.text()
    pdf_text = _flat(" ".join(page.extract_text() for page in PdfReader(str(out)).pages))

    processor = processor_for(controller.briefing.meta.citation_style or "chicago")
    body = pdf_text[pdf_text.index(_flat(controller.briefing.sections[0].title), pdf_text.index("Contents") + 10):]
    position = 0
    for section in controller.briefing.sections:
        for item in section.items:
            if isinstance(item, Excerpt):
                wanted = _flat(item.text)[:60]
                runs = processor.attribution(library.source(item.source_id))
                attribution = _flat("".join(r.text for r in runs))[:40]
            elif isinstance(item, Note):
                wanted, attribution = _flat(item.text), None
            else:
                continue
            found = body.find(wanted, position)
            assert found >= 0, f"missing or out of order: {wanted!r}"
            position = found + len(wanted)
            if attribution:
                assert attribution in body[found:], attribution
