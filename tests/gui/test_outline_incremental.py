"""Issue 10: edits move, insert and remove outline rows; only opening or starting a briefing resets the tree."""

from __future__ import annotations

from mainwindow_support import make_window

from briefing.gui.outline_model import IdRole


def _rows(model):
    out = []
    for row in range(model.rowCount()):
        section = model.index(row, 0)
        out.append([model.data(model.index(r, 0, section), IdRole) for r in range(model.rowCount(section))])
    return out


def _watch(model):
    seen = {"reset": 0, "removed": 0, "inserted": 0, "moved": 0}
    model.modelAboutToBeReset.connect(lambda: seen.__setitem__("reset", seen["reset"] + 1))
    model.rowsRemoved.connect(lambda *a: seen.__setitem__("removed", seen["removed"] + 1))
    model.rowsInserted.connect(lambda *a: seen.__setitem__("inserted", seen["inserted"] + 1))
    model.rowsMoved.connect(lambda *a: seen.__setitem__("moved", seen["moved"] + 1))
    return seen


def _outline_with_three_notes(window):
    window.show_outline()
    pane = window.outline
    a = pane.add_section()
    notes = [window.controller.add_note(f"note {n}", a) for n in range(3)]
    b = window.controller.add_section("Second")
    return pane, a, b, notes


def test_removing_an_item_and_undoing_updates_rows_without_a_reset(qtbot, library, index):
    window = make_window(qtbot, library, index)
    pane, a, _b, notes = _outline_with_three_notes(window)
    seen = _watch(pane.model)
    pane.select_ids([notes[1]], notes[1])
    pane.delete_action.trigger()  # the outline's visible Delete
    assert _rows(pane.model)[0] == [notes[0], notes[2]]
    assert seen["removed"] == 1
    window.undo_action.trigger()
    assert _rows(pane.model)[0] == notes
    assert seen["inserted"] == 1
    assert seen["reset"] == 0
    assert pane.view.isExpanded(pane.model.index(0, 0))


def test_moving_an_item_within_and_across_sections_and_undoing_moves_rows(qtbot, library, index):
    window = make_window(qtbot, library, index)
    pane, a, b, notes = _outline_with_three_notes(window)
    seen = _watch(pane.model)
    pane.select_ids([notes[0]], notes[0])
    pane.move_down_action.trigger()  # Ctrl+Down
    assert _rows(pane.model)[0] == [notes[1], notes[0], notes[2]]
    pane.move_next_section_action.trigger()  # Ctrl+Shift+Down: into "Second"
    assert _rows(pane.model) == [[notes[1], notes[2]], [notes[0]]]
    assert seen["moved"] == 2
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert _rows(pane.model) == [notes, []]
    assert seen["moved"] == 4
    assert seen["reset"] == 0
    # the selection followed the moved row all along
    assert pane.selected_ids() == [notes[0]]


def test_moving_a_section_keeps_its_items_attached(qtbot, library, index):
    window = make_window(qtbot, library, index)
    pane, a, b, notes = _outline_with_three_notes(window)
    window.controller.add_note("in second", b)
    seen = _watch(pane.model)
    pane.select_ids([b], b)
    pane.move_up_action.trigger()
    rows = _rows(pane.model)
    assert rows[1] == notes and len(rows[0]) == 1
    second = pane.model.index(0, 0)
    assert pane.model.data(pane.model.index(0, 0, second), IdRole) == rows[0][0]
    assert pane.model.parent(pane.model.index(0, 0, second)) == second
    window.undo_action.trigger()
    assert _rows(pane.model)[0] == notes
    assert seen["moved"] == 2 and seen["reset"] == 0


def test_opening_a_briefing_still_resets(qtbot, library, index, tmp_path):
    window = make_window(qtbot, library, index)
    pane, *_ = _outline_with_three_notes(window)
    path = tmp_path / "x.briefing.yaml"
    assert window.controller.save_as(path)
    seen = _watch(pane.model)
    assert window.open_briefing(path)
    assert seen["reset"] == 1


def test_a_kind_the_outline_does_not_know_is_still_shown_and_deletable(qtbot, library, index):
    from dataclasses import dataclass, field

    from briefing.model import kinds, new_id

    @dataclass
    class Timeline:
        text: str
        id: str = field(default_factory=new_id)
        kind: str = field(default="timeline", init=False, repr=False)

    kinds.register(kinds.ItemKind(name="timeline", cls=Timeline, label="timeline",
                                  fields=(kinds.Field("text", required=True, always=True),)))
    try:
        window = make_window(qtbot, library, index)
        pane, a, _b, _notes = _outline_with_three_notes(window)
        item_id = window.controller.add_item(Timeline("2012: Action Plan signed"), a)
        index_ = pane.model.index_for_id(item_id)
        assert pane.model.data(index_) == "Timeline: 2012: Action Plan signed"
        pane.select_ids([item_id], item_id)
        pane.delete_action.trigger()
        assert window.controller.item(item_id) is None
    finally:
        kinds.unregister("timeline")


def test_delete_is_visible_in_the_outline_toolbar_at_the_default_size(qtbot, library, index):
    window = make_window(qtbot, library, index, size=(1280, 720))
    window.show_outline()
    button = window.outline.toolbar.widgetForAction(window.outline.delete_action)
    assert button is not None and button.isVisible() and not button.icon().isNull()
    assert button.text() == "Delete"
