"""The outline: moves by drag-and-drop (model mime path) and keyboard, rename, trim, delete, all undoable."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt

from briefing.gui.document import DocumentController
from briefing.gui.outline_model import EXCERPT_MIME, IdRole, StatusRole, STALE_TIP
from briefing.gui.outline_pane import OutlinePane
from briefing.library import Library
from mainwindow_support import assert_whole_words


@pytest.fixture(scope="module")
def library():
    return Library.load(cache_path=False)


@pytest.fixture
def pane(qtbot, library):
    controller = DocumentController(library)
    widget = OutlinePane(controller)
    qtbot.addWidget(widget)
    widget.resize(640, 480)
    widget.show()
    yield widget
    controller.close_cleanly()


def _fill(pane, library):
    """Two sections: A = [a1 (excerpt), a2 (note), a3 (note)], B = [b1 (note)]."""
    c = pane.controller
    src = library.sorted_sources()[0]
    a = c.add_section("Section A")
    ids = {"A": a}
    ids["a1"] = c.add_excerpt(c.excerpt_from_source(src.id, 1, 0, 80), section_id=a)
    ids["a2"] = c.add_note("note two", a)
    ids["a3"] = c.add_note("note three", a)
    ids["B"] = c.add_section("Section B")
    ids["b1"] = c.add_note("note in B", ids["B"])
    return ids


def order(controller):
    return [(s.title, [i.id for i in s.items]) for s in controller.briefing.sections]


def test_model_shows_sections_and_items(pane, library):
    ids = _fill(pane, library)
    m = pane.model
    assert m.rowCount() == 2
    a = m.index(0, 0)
    assert m.data(a, Qt.ItemDataRole.EditRole) == "Section A"
    assert m.rowCount(a) == 3
    assert m.data(m.index(1, 0, a), IdRole) == ids["a2"]
    assert m.data(m.index(1, 0, a)).startswith("Note: note two")
    assert m.data(m.index(0, 0, a)).startswith("“")
    assert m.parent(m.index(2, 0, a)) == a
    assert pane.view.isExpanded(a)


def test_drag_drop_within_section_and_undo(pane, library):
    ids = _fill(pane, library)
    c, m = pane.controller, pane.model
    before = order(c)
    a = m.index(0, 0)
    mime = m.mimeData([m.index(2, 0, a)])  # a3
    assert m.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, a)
    assert m.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, a)  # drop above a1
    assert order(c)[0][1] == [ids["a3"], ids["a1"], ids["a2"]]
    # Dropping after the last row of the same section.
    a = m.index(0, 0)
    assert m.dropMimeData(m.mimeData([m.index(0, 0, a)]), Qt.DropAction.MoveAction, 3, 0, a)
    assert order(c)[0][1] == [ids["a1"], ids["a2"], ids["a3"]]
    c.undo()
    assert order(c)[0][1] == [ids["a3"], ids["a1"], ids["a2"]]
    c.undo()
    assert order(c) == before
    c.redo()
    c.redo()
    assert order(c)[0][1] == [ids["a1"], ids["a2"], ids["a3"]]
    # The model's removeRows refuses, so the view's follow-up after a move drop removes nothing.
    assert m.removeRows(0, 1, m.index(0, 0)) is False


def test_drag_drop_across_sections_multi_and_undo(pane, library):
    ids = _fill(pane, library)
    c, m = pane.controller, pane.model
    before = order(c)
    a = m.index(0, 0)
    mime = m.mimeData([m.index(2, 0, a), m.index(0, 0, a)])  # a3 and a1, given out of order
    assert json.loads(bytes(mime.data("application/x-briefing-item-ids")).decode()) == [ids["a1"], ids["a3"]]
    b = m.index(1, 0)
    assert m.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, b)
    assert order(c) == [("Section A", [ids["a2"]]), ("Section B", [ids["a1"], ids["a3"], ids["b1"]])]
    assert c.undo_stack.undo_text == "Move items"
    c.undo()  # one step for the whole drop
    assert order(c) == before
    c.redo()
    assert order(c) == [("Section A", [ids["a2"]]), ("Section B", [ids["a1"], ids["a3"], ids["b1"]])]


def test_drop_between_sections_appends_to_section_above(pane, library):
    ids = _fill(pane, library)
    c, m = pane.controller, pane.model
    mime = m.mimeData([m.index(0, 0, m.index(1, 0))])  # b1
    assert m.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert order(c)[0][1] == [ids["a1"], ids["a2"], ids["a3"], ids["b1"]]


def test_section_drag_reorders_sections(pane, library):
    ids = _fill(pane, library)
    c, m = pane.controller, pane.model
    mime = m.mimeData([m.index(1, 0)])
    assert m.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [s.id for s in c.briefing.sections] == [ids["B"], ids["A"]]
    c.undo()
    assert [s.id for s in c.briefing.sections] == [ids["A"], ids["B"]]


def test_external_excerpt_drop_quotes_exactly(pane, library):
    ids = _fill(pane, library)
    c, m = pane.controller, pane.model
    src = library.sorted_sources()[1]
    mime = QMimeData()
    mime.setData(EXCERPT_MIME, json.dumps({"source_id": src.id, "paragraph": 2, "start": 0, "end": 50}).encode())
    b = m.index(1, 0)
    assert m.canDropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, b)
    assert m.dropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, b)
    new = c.briefing.sections[1].items[0]
    assert new.kind == "excerpt" and new.source_id == src.id
    assert new.text == src.paragraphs()[1][0:50].strip()
    assert c.briefing.sections[1].items[1].id == ids["b1"]
    bad = QMimeData()
    bad.setData(EXCERPT_MIME, b'{"source_id": "nope", "paragraph": 1, "start": 0, "end": 5}')
    assert m.dropMimeData(bad, Qt.DropAction.CopyAction, 0, 0, b) is False
    assert "not in the library" in m.last_error


def test_keyboard_moves_within_and_across_sections(pane, library, qtbot):
    ids = _fill(pane, library)
    c = pane.controller
    pane.select_ids([ids["a2"]], ids["a2"])
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert order(c)[0][1] == [ids["a2"], ids["a1"], ids["a3"]]
    assert pane.selected_ids() == [ids["a2"]]
    pane.move_down_action.trigger()
    pane.move_down_action.trigger()
    assert order(c)[0][1] == [ids["a1"], ids["a3"], ids["a2"]]
    pane.move_down_action.trigger()  # past the end: into the next section, at its top
    assert order(c) == [("Section A", [ids["a1"], ids["a3"]]), ("Section B", [ids["a2"], ids["b1"]])]
    pane.move_prev_section_action.trigger()  # Ctrl+Shift+Up: end of the previous section
    assert order(c)[0][1] == [ids["a1"], ids["a3"], ids["a2"]]
    pane.select_ids([ids["a1"]], ids["a1"])
    pane.move_selected_to_section(ids["B"])
    assert order(c)[1][1] == [ids["b1"], ids["a1"]]
    for _ in range(6):
        c.undo()
    assert order(c)[0][1] == [ids["a1"], ids["a2"], ids["a3"]]


def test_delete_key_and_undo(pane, library, qtbot):
    ids = _fill(pane, library)
    c = pane.controller
    before = order(c)
    pane.select_ids([ids["a2"]], ids["a2"])
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete)
    assert order(c)[0][1] == [ids["a1"], ids["a3"]]
    assert pane.selected_ids() == [ids["a3"]]  # the next row is selected for repeated deletes
    c.undo()
    assert order(c) == before
    pane.select_ids([ids["A"]], ids["A"])
    pane.delete_selected()
    assert [s.title for s in c.briefing.sections] == ["Section B"]
    c.undo()
    assert order(c) == before


def test_rename_section_and_edit_note_in_place(pane, library):
    ids = _fill(pane, library)
    c, m = pane.controller, pane.model
    a = m.index(0, 0)
    assert m.flags(a) & Qt.ItemFlag.ItemIsEditable
    assert not m.flags(m.index(0, 0, a)) & Qt.ItemFlag.ItemIsEditable  # quotes are never edited
    assert m.setData(a, "Renamed", Qt.ItemDataRole.EditRole)
    assert c.briefing.sections[0].title == "Renamed"
    assert m.setData(m.index(1, 0, m.index(0, 0)), "edited note")
    assert c.briefing.sections[0].items[1].text == "edited note"
    assert m.setData(m.index(0, 0), "   ") is False  # empty title refused
    c.undo()
    c.undo()
    assert c.briefing.sections[0].title == "Section A"
    assert c.briefing.sections[0].items[1].text == "note two"


def test_trim_excerpt_shows_ellipsis_and_exact_subtext(pane, library):
    ids = _fill(pane, library)
    c, m = pane.controller, pane.model
    src = library.sorted_sources()[0]
    original = c.briefing.sections[0].items[0]
    c.trim_excerpt(ids["a1"], 10, 40)
    trimmed = c.briefing.sections[0].items[0]
    assert trimmed.id == ids["a1"]
    assert_whole_words(original.text, trimmed.start - original.start, trimmed.end - original.start,
                       original.text[10:40])  # a trim never cuts a word in half
    paragraph = src.paragraphs()[trimmed.paragraph - 1]
    assert paragraph[trimmed.start:trimmed.end] == trimmed.text
    assert trimmed.lead_ellipsis and trimmed.trail_ellipsis
    shown = m.data(m.index(0, 0, m.index(0, 0)))
    assert shown.startswith("“…" + trimmed.text[:20])
    assert "…”" in shown
    c.undo()
    assert c.briefing.sections[0].items[0].text == original.text
    assert not c.briefing.sections[0].items[0].lead_ellipsis


def test_trim_dialog_reports_selected_span(pane, library):
    from briefing.gui.excerpt_dialogs import TrimDialog

    _fill(pane, library)
    excerpt = pane.controller.briefing.sections[0].items[0]
    dialog = TrimDialog(excerpt)
    assert dialog.span() is None
    dialog.set_span(5, 25)
    start, end = dialog.span()
    assert_whole_words(excerpt.text, start, end, excerpt.text[5:25])
    assert dialog.preview.text().startswith("Will read: “…")


def test_comment_and_stale_marking(pane, library):
    ids = _fill(pane, library)
    c, m = pane.controller, pane.model
    c.set_comment(ids["a1"], "Key line for the minister")
    index = m.index(0, 0, m.index(0, 0))
    assert "Key line for the minister" in m.data(index, Qt.ItemDataRole.ToolTipRole)
    c.briefing.sections[0].items[0].status = "stale"
    c.changed.emit()
    index = m.index(0, 0, m.index(0, 0))
    assert m.data(index, StatusRole) == "stale"
    assert STALE_TIP in m.data(index, Qt.ItemDataRole.ToolTipRole)
    assert not m.data(index, Qt.ItemDataRole.DecorationRole).isNull()
    c.undo()
    assert c.briefing.sections[0].items[0].comment == ""


def test_add_note_subheading_section_from_pane(pane, library):
    ids = _fill(pane, library)
    c = pane.controller
    pane.select_ids([ids["a1"]], ids["a1"])
    note = pane.add_note()
    sub = pane.add_subheading()
    assert [i.id for i in c.briefing.sections[0].items][:3] == [ids["a1"], note, sub]
    new_section = pane.add_section()
    assert [s.id for s in c.briefing.sections] == [ids["A"], new_section, ids["B"]]
    assert pane.selected_ids() == [new_section]


def test_view_state_survives_reset(pane, library):
    ids = _fill(pane, library)
    m = pane.model
    pane.view.collapse(m.index(1, 0))
    pane.select_ids([ids["a3"]], ids["a3"])
    pane.controller.add_note("forces a reset", ids["A"], 0)
    assert not pane.view.isExpanded(m.index(1, 0))
    assert pane.view.isExpanded(m.index(0, 0))
    assert pane.selected_ids() == [ids["a3"]]
