"""Briefing ▸ Glossary…: the terms a study packet defines (term -> definition).

A two-column table the user fills in; OK replaces the briefing's glossary in one undo step
(``set_glossary``).  The packet prints the terms sorted, so the table keeps the user's order.
Cells are plain text (QTableWidgetItem never interprets markup).
"""

from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from briefing.gui.safe_text import make_plain


class GlossaryDialog(QDialog):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle("Glossary")
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Term", "Definition"])
        self.table.setAccessibleName("Glossary terms")
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for term, definition in controller.briefing.glossary.items():
            self.add_row(term, definition)
        add = QPushButton("Add term", self)
        add.clicked.connect(lambda: self.add_row(edit=True))
        remove = QPushButton("Remove term", self)
        remove.clicked.connect(self.remove_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = make_plain(QLabel("The study packet prints these terms in alphabetical order.", self))
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def add_row(self, term: str = "", definition: str = "", edit: bool = False) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(term))
        self.table.setItem(row, 1, QTableWidgetItem(definition))
        if edit:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))
        return row

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def terms(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            term, definition = (self.table.item(row, col) for col in (0, 1))
            text = term.text().strip() if term is not None else ""
            if text:
                out[text] = definition.text().strip() if definition is not None else ""
        return out

    def accept(self) -> None:
        self.controller.set_glossary(self.terms())
        super().accept()
