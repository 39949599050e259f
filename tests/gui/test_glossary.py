"""Briefing ▸ Glossary… from the main window: terms typed into the table become the briefing's
glossary in one undoable step, and the study packet prints them sorted."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from mainwindow_support import make_window


def test_glossary_dialog_from_the_briefing_menu(qtbot, library, index):
    window = make_window(qtbot, library, index)
    action = window.actions["glossary"]
    briefing_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Briefing")
    assert action in briefing_menu.actions()

    def fill():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not hasattr(dialog, "table"):
            QTimer.singleShot(50, fill)
            return
        for term, definition in (("Plan Colombia", "U.S. aid, 2000–2015."), ("coca", "A plant."), ("", "dropped")):
            dialog.add_row(term, definition)
        dialog.accept()

    QTimer.singleShot(0, fill)
    action.trigger()
    assert window.controller.briefing.glossary == {"Plan Colombia": "U.S. aid, 2000–2015.", "coca": "A plant."}
    assert window.controller.is_dirty()
    window.controller.undo_action.trigger()
    assert window.controller.briefing.glossary == {}
    window.controller.redo_action.trigger()
    from briefing.compose import compose
    from briefing.compose.document import Table, plain

    document = compose(window.controller.briefing, library, layout="packet")
    table = next(b for p in document.parts if p.kind == "glossary" for b in p.blocks if isinstance(b, Table))
    assert [plain(row[0]) for row in table.rows] == ["coca", "Plan Colombia"]
