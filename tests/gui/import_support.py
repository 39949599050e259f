"""Driving the import review from tests: wait for the dialog the main window opened, then answer it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from briefing.gui.import_review import ImportReviewDialog


def review_dialog(qtbot, timeout: int = 15000) -> ImportReviewDialog:
    found: list = []

    def opened():
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, ImportReviewDialog) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(opened, timeout=timeout)
    return found[0]


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def accept_reviews(qtbot, count: int = 1) -> None:
    """Press Import in the next ``count`` review dialogs."""
    for _ in range(count):
        dialog = review_dialog(qtbot)
        click(qtbot, dialog.import_button)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
