"""Commit-on-leave for plain-text boxes: QPlainTextEdit has no editingFinished signal."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class FocusOut(QObject):
    """Calls ``callback`` when the watched widget loses focus."""

    def __init__(self, callback, parent):
        super().__init__(parent)
        self.callback = callback

    def eventFilter(self, watched, event):  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FocusOut:
            self.callback()
        return False
