"""Commit-on-leave for plain-text boxes: QPlainTextEdit has no editingFinished signal.

A subclass overriding ``focusOutEvent`` rather than an event filter: a filter written in Python
receives every event of the box (paint, resize, polish, …) as a generic QEvent, and the first
such event makes PySide6 set up all ~45 QEvent subclasses with their enums to find its type
(~6-8 ms, paid at every launch while the Section pane was built at start-up).  Only focus-out
events reach Python here.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPlainTextEdit


class CommitBox(QPlainTextEdit):
    """A plain-text box that emits ``left`` when it loses the keyboard focus."""

    left = Signal()

    def focusOutEvent(self, event):  # noqa: N802 - Qt API
        super().focusOutEvent(event)
        self.left.emit()
