"""Table model over the library's sources: title/label, kind, publisher, date.

It adapts ``library.sorted_sources()`` and is reset when the library changes (import,
metadata correction).  Values the source file marks as inferred (and unknown
ones) are shown in italics, named in the tooltip and spelled out "(inferred)" in the
accessible text, so a reader never mistakes a guess for a stated fact.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

SourceRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Title", "Kind", "Publisher", "Date")


FIELDS = ("title", "kind", "publisher", "date")


def _mark(value: str | None, source, field: str, missing: str = "") -> str:
    if not value:
        return missing
    return value + (" (inferred)" if source.is_inferred(field) else "")


def _display(source, col: int) -> str:
    """Plain value; inferred values are shown in italics (FontRole) and named in the tooltip."""
    if col == 0:
        return source.label
    if col == 1:
        return source.kind
    if col == 2:
        return source.publisher or "unknown"
    return source.date or "n.d."


class SourcesModel(QAbstractTableModel):
    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self.sources: list = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.sources = self.library.sorted_sources()
        self.endResetModel()

    def source(self, row: int):
        return self.sources[row] if 0 <= row < len(self.sources) else None

    def row_of(self, source_id: str) -> int:
        return next((i for i, s in enumerate(self.sources) if s.id == source_id), -1)

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.sources)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        source = self.source(index.row()) if index.isValid() else None
        if source is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(source, col)
        if role == Qt.ItemDataRole.FontRole:
            value = (source.title, source.kind, source.publisher, source.date)[col]
            if value is None or source.is_inferred(FIELDS[col]):
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if col == 0:
                return _mark(source.title, source, "title") if source.title else source.label
            if col == 1:
                return _mark(source.kind, source, "kind")
            if col == 2:
                return _mark(source.publisher, source, "publisher", "unknown")
            return _mark(source.date, source, "date", "n.d.")
        if role == SortRole:
            return (source.label.casefold(), source.kind, (source.publisher or "").casefold(), source.date or "")[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [source.label, f"id: {source.id} ({source.origin})", "Italic values are inferred or unknown."]
            lines += [f"{k} inferred: {v}" for k, v in source.inferred.items()]
            return "\n".join(lines)
        if role == SourceRole:
            return source
        return None
