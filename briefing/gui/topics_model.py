"""Item model over the library's topics, each with its number of suggested passages.

It adapts ``library.topics`` (sorted by title); the counts come from
``SearchIndex.count_suggestions`` and are filled in by the pane as they arrive.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from briefing.gui.safe_text import plain_tooltip

TopicRole = Qt.ItemDataRole.UserRole + 1
CountRole = Qt.ItemDataRole.UserRole + 2
NOT_COUNTED = -1  # the count ran over the query time limit (terms matching a great many passages)


class TopicsModel(QAbstractListModel):
    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self.topics: list = []
        self.counts: dict[str, int] = {}
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.topics = sorted(self.library.topics.values(), key=lambda t: t.title.casefold())
        self.endResetModel()

    def set_counts(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)
        if self.topics:
            self.dataChanged.emit(self.index(0), self.index(len(self.topics) - 1))

    def topic(self, row: int):
        return self.topics[row] if 0 <= row < len(self.topics) else None

    def row_of(self, topic_id: str) -> int:
        return next((i for i, t in enumerate(self.topics) if t.id == topic_id), -1)

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.topics)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        topic = self.topic(index.row()) if index.isValid() else None
        if topic is None:
            return None
        count = self.counts.get(topic.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{topic.title}  ({'…' if count is None else 'many' if count == NOT_COUNTED else count})"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.StatusTipRole):
            terms = ", ".join(topic.terms[:12])
            text = f"{topic.description}\nSearch terms: {terms}"
            return plain_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            n = ("counting" if count is None else "too many passages to count" if count == NOT_COUNTED
                 else f"{count} suggested passages")
            return f"{topic.title}, {n}"
        if role == TopicRole:
            return topic
        if role == CountRole:
            return count
        return None
