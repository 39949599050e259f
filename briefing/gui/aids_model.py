"""One table model for every aid: rows of entries, columns described as data.

Each aid's tab is an ``AidsTableModel`` given its column specs (header, text of a row, which
anchor a click on that column opens).  One class instead of four near-copies; the specs for the
four aids live in ``aids_pane``.  Cell text is plain (Qt views never treat DisplayRole as rich
text); tooltips, which Qt may read as rich text, are escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from briefing.gui.safe_text import plain_tooltip

AnchorRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    anchor: Callable[[Any], Any] | None = None  # the Anchor a click on this cell opens
    tooltip: Callable[[Any], str] | None = None


class AidsTableModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], parent=None):
        super().__init__(parent)
        self.columns = columns
        self.entries: list = []

    def set_entries(self, entries: list) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def entry(self, row: int):
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def anchor_at(self, index: QModelIndex):
        """What a click on ``index`` opens: that column's anchor, else the row's first one."""
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = self.columns[index.column()]
        if column.anchor is not None:
            return column.anchor(entry)
        return next((c.anchor(entry) for c in self.columns if c.anchor is not None), None)

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(column.tooltip(entry) if column.tooltip else column.text(entry))
        if role == AnchorRole:
            return self.anchor_at(index)
        return None
