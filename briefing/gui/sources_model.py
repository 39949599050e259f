"""Table model over the library's sources: title/label, kind, publisher, date.

It adapts ``library.sorted_sources()`` and is reset when the library changes (import,
metadata correction).  Sorting and filtering are done here, in Python, once per row: a
``QSortFilterProxyModel`` sorting by itself asks ``data()`` twice per comparison (about
260,000 Python calls for 10,000 sources, seconds at start-up) and filters by asking it for
every cell.  ``SourcesProxy`` is the view-facing proxy that hands both to this model.

Values the source file marks as inferred (and unknown ones) are shown in italics, named in
the tooltip and spelled out "(inferred)" in the accessible text, so a reader never mistakes
a guess for a stated fact.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from briefing.gui.safe_text import plain_tooltip

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


def _sort_key(source, col: int):
    """The SortRole value: what a column sorts by."""
    if col == 0:
        return source.label.casefold()
    if col == 1:
        return source.kind
    if col == 2:
        return (source.publisher or "").casefold()
    return source.date or ""


class SourcesModel(QAbstractTableModel):
    def __init__(self, library, parent=None, sort_column: int = -1, sort_order=Qt.SortOrder.AscendingOrder):
        super().__init__(parent)
        self.library = library
        self.sources: list = []
        self.sort_column = sort_column  # -1: library order (newest first)
        self.sort_order = Qt.SortOrder(sort_order)
        self._haystacks: dict[int, str] = {}  # id(source) -> casefolded cells, built on the first filter
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._haystacks = {}
        self.sources = self._sorted(self.library.sorted_sources())
        self.endResetModel()

    def _sorted(self, sources: list) -> list:
        """Stable, like the proxy's sort it replaces: equal keys keep the library order."""
        if not 0 <= self.sort_column < len(COLUMNS):
            return sources
        col = self.sort_column
        return sorted(sources, key=lambda s: _sort_key(s, col),
                      reverse=self.sort_order == Qt.SortOrder.DescendingOrder)

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):  # noqa: D401 - Qt API
        order = Qt.SortOrder(order)
        if (column, order) == (self.sort_column, self.sort_order):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        persistent_sources = [self.source(i.row()) for i in persistent]
        self.sort_column, self.sort_order = column, order
        self.sources = self._sorted(self.library.sorted_sources())
        new_rows = {id(s): row for row, s in enumerate(self.sources)}
        self.changePersistentIndexList(persistent, [
            self.index(new_rows[id(s)], i.column()) if s is not None and id(s) in new_rows else QModelIndex()
            for i, s in zip(persistent, persistent_sources)])
        self.layoutChanged.emit()

    def matches(self, row: int, needle: str) -> bool:
        """Whether any shown cell contains ``needle`` (already casefolded)."""
        source = self.source(row)
        if source is None:
            return False
        hay = self._haystacks.get(id(source))
        if hay is None:
            hay = self._haystacks[id(source)] = "\x00".join(_display(source, c) for c in range(len(COLUMNS))).casefold()
        return needle in hay

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
            return _sort_key(source, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [source.label, f"id: {source.id} ({source.origin})", "Italic values are inferred or unknown."]
            lines += [f"{k} inferred: {v}" for k, v in source.inferred.items()]
            return plain_tooltip("\n".join(lines))
        if role == SourceRole:
            return source
        return None


class SourcesProxy(QSortFilterProxyModel):
    """Filters (any column, case-insensitive, fixed string) and sorts through ``SourcesModel``.

    ``sort()`` is forwarded to the source model, so this proxy keeps the model's row order;
    ``setFilterFixedString`` is matched against each row's cells, casefolded once per row.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._needle = ""

    def setFilterFixedString(self, pattern: str) -> None:  # noqa: N802 - Qt API
        needle = (pattern or "").casefold()
        if needle == self._needle:
            return
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9; invalidateFilter() is deprecated there
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = needle
            self.invalidateFilter()

    def filter_text(self) -> str:
        return self._needle

    def filterAcceptsRow(self, source_row, source_parent):  # noqa: N802 - Qt API
        if not self._needle:
            return True
        model = self.sourceModel()
        return model.matches(source_row, self._needle) if isinstance(model, SourcesModel) else \
            super().filterAcceptsRow(source_row, source_parent)

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):  # noqa: D401 - Qt API
        model = self.sourceModel()
        if isinstance(model, SourcesModel):
            model.sort(column, order)
        else:
            super().sort(column, order)
