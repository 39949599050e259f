"""The detail strip under an aid's table: the selected entry's sentence(s), side by side.

A conflict shows its two claims next to each other, each with its source and a button that
opens it in the reader, so the user can compare and resolve; a figure or date shows its one
sentence.  All text is plain (source text is untrusted).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from briefing.gui.safe_text import plain_label, plain_tooltip


class ClaimBox(QFrame):
    """One claim: where it comes from, the sentence, and "Read in source"."""

    open_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.anchor = None
        self.heading = plain_label("", self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)  # one line; the whole heading is its tooltip
        self.body = plain_label("", self)
        self.body.setWordWrap(True)
        self.body.setAccessibleName("Sentence")
        scroll = QScrollArea(self)  # a long sentence scrolls instead of being cut off
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        self.open_button = QPushButton("Read in source", self)
        self.open_button.setToolTip("Open the source in the reader with this sentence selected")
        self.open_button.clicked.connect(lambda: self.anchor is not None and self.open_requested.emit(self.anchor))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.open_button)

    def show_claim(self, heading: str, text: str, anchor) -> None:
        self.anchor = anchor
        self.heading.setText(heading)
        self.heading.setToolTip(plain_tooltip(heading))
        self.body.setText(text)
        self.open_button.setVisible(anchor is not None)


class DetailStrip(QWidget):
    """Up to two ClaimBoxes in a row; hidden while nothing is selected."""

    open_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.boxes = [ClaimBox(self), ClaimBox(self)]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in self.boxes:
            box.open_requested.connect(self.open_requested)
            layout.addWidget(box, 1)
        self.show_parts([])

    def show_parts(self, parts: list[tuple[str, str, object]]) -> None:
        """``parts``: (heading, text, anchor or None) for each box to show."""
        for box, part in zip(self.boxes, parts + [None] * (len(self.boxes) - len(parts))):
            box.setVisible(part is not None)
            if part is not None:
                box.show_claim(*part)
        self.setVisible(bool(parts))
