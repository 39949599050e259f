"""A Qt item model over the controller's Briefing: sections at the top level, their items below.

It owns no data.  Reads come straight from ``controller.briefing``; writes (renames, drops)
become controller calls, which push undoable commands.  After any change the model either
repaints (same ids in the same places) or resets; the pane restores expansion and selection
by id, so a reset is invisible to the user.
"""

from __future__ import annotations

import json

from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication

from briefing.gui.safe_text import plain_tooltip
from briefing.errors import BriefingError
from briefing.model import Excerpt, Note, Section, Subheading

ITEMS_MIME = "application/x-briefing-item-ids"
EXCERPT_MIME = "application/x-briefing-excerpt"
SECTIONS_MIME = "application/x-briefing-section-ids"

IdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2  # "section" | "excerpt" | "note" | "subheading"
StatusRole = Qt.ItemDataRole.UserRole + 3  # excerpt status
SectionIdRole = Qt.ItemDataRole.UserRole + 4
FullTextRole = Qt.ItemDataRole.UserRole + 5
QuoteRole = Qt.ItemDataRole.UserRole + 6  # excerpts: the quote as printed (ellipses, curly quotes)
AttributionRole = Qt.ItemDataRole.UserRole + 7  # excerpts: "— source, ¶n · comment"

# QStyle (for the standard icons) and QFont are read from their modules when a row is first drawn:
# PySide6 sets a class up with all its enums on first use (~8 ms of start-up for QStyle, ~2 ms for
# QFont), and a new briefing has no rows.
SHORT_QUOTE = 220
STALE_TIP = "source text changed; quote not found"


def _short(text: str, limit: int = SHORT_QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quote_display(excerpt: Excerpt, limit: int = SHORT_QUOTE) -> str:
    """The quote as printed: curly quotes, with ellipses where it was trimmed."""
    body = _short(excerpt.text, limit)
    lead = "…" if excerpt.lead_ellipsis else ""
    trail = "…" if excerpt.trail_ellipsis and not body.endswith("…") else ""
    return f"“{lead}{body}{trail}”"


class OutlineModel(QAbstractItemModel):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.last_error = ""
        self._objects: dict = {}
        self._shape = self._current_shape()
        controller.changed.connect(self._on_changed)

    # -- keeping in step with the document ----------------------------------------------
    # Rows come from ``_shape`` (the ids the views were last told about) and content from
    # ``_objects`` (id -> object).  A command changes the briefing *before* the model hears of
    # it, so between the two the views' indexes must still mean the old rows, by id.
    @property
    def briefing(self):
        return self.controller.briefing

    def _current_shape(self) -> list[tuple[str, tuple[str, ...]]]:
        self._objects = {}
        for section in self.briefing.sections:
            self._objects[section.id] = section
            for item in section.items:
                self._objects[item.id] = item
        return [(s.id, tuple(i.id for i in s.items)) for s in self.briefing.sections]

    def _on_changed(self) -> None:
        old_objects = self._objects
        shape = self._current_shape()
        if shape == self._shape:
            # Same rows: just repaint (keeps an open editor, selection and scroll untouched).
            for row, (_sid, items) in enumerate(self._shape):
                top = self.index(row, 0)
                self.dataChanged.emit(top, top)
                if items:
                    self.dataChanged.emit(self.index(0, 0, top), self.index(len(items) - 1, 0, top))
            return
        new_objects = self._objects
        self._objects = old_objects
        self.beginResetModel()
        self._shape = shape
        self._objects = new_objects
        self.endResetModel()

    # -- structure ---------------------------------------------------------------------
    def index(self, row, column=0, parent=QModelIndex()):
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row < len(self._shape):
                return self.createIndex(row, 0, 0)
            return QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()  # items have no children
        section_row = parent.row()
        if section_row < len(self._shape) and row < len(self._shape[section_row][1]):
            return self.createIndex(row, 0, section_row + 1)
        return QModelIndex()

    def parent(self, index=QModelIndex()):
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent=QModelIndex()):
        if not parent.isValid():
            return len(self._shape)
        if parent.internalId() == 0 and parent.row() < len(self._shape):
            return len(self._shape[parent.row()][1])
        return 0

    def columnCount(self, parent=QModelIndex()):
        return 1

    def id_of(self, index) -> str | None:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._shape[index.row()][0] if index.row() < len(self._shape) else None
        section_row = index.internalId() - 1
        if section_row >= len(self._shape) or index.row() >= len(self._shape[section_row][1]):
            return None
        return self._shape[section_row][1][index.row()]

    def node(self, index):
        """The Section or item behind an index (None when invalid)."""
        ident = self.id_of(index)
        return self._objects.get(ident) if ident is not None else None

    def section_of(self, index) -> Section | None:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self.node(index)
        return self.node(index.parent())

    def index_for_id(self, ident: str) -> QModelIndex:
        for row, (section_id, items) in enumerate(self._shape):
            if section_id == ident:
                return self.index(row, 0)
            if ident in items:
                return self.index(items.index(ident), 0, self.index(row, 0))
        return QModelIndex()

    # -- data --------------------------------------------------------------------------
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        node = self.node(index)
        if node is None:
            return None
        if role == IdRole:
            return self.id_of(index)
        if role == KindRole:
            return "section" if isinstance(node, Section) else node.kind
        if role == SectionIdRole:
            section = self.section_of(index)
            return section.id if section else None
        if role == StatusRole:
            return node.status if isinstance(node, Excerpt) else None
        if role == FullTextRole:
            return node.title if isinstance(node, Section) else node.text
        if isinstance(node, Section):
            return self._section_data(node, role)
        if isinstance(node, Excerpt):
            return self._excerpt_data(node, role)
        if isinstance(node, Note):
            if role == Qt.ItemDataRole.DisplayRole:
                return "Note: " + _short(node.text)
            if role == Qt.ItemDataRole.EditRole:
                return node.text
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip("Your note (not a quotation):\n" + node.text)
            if role == Qt.ItemDataRole.FontRole:
                font = QtGui.QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.DecorationRole:
                return _icon(QtWidgets.QStyle.StandardPixmap.SP_FileDialogContentsView)
        if isinstance(node, Subheading):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return node.text
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Sub-heading"
            if role == Qt.ItemDataRole.FontRole:
                font = QtGui.QFont()
                font.setBold(True)
                font.setCapitalization(QtGui.QFont.Capitalization.SmallCaps)
                return font
        return None

    def _section_data(self, section: Section, role):
        if role == Qt.ItemDataRole.DisplayRole:
            count = len(section.excerpts())
            return f"{section.title}  ({count} excerpt{'s' if count != 1 else ''})"
        if role == Qt.ItemDataRole.EditRole:
            return section.title
        if role == Qt.ItemDataRole.FontRole:
            font = QtGui.QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"Section “{section.title}” — F2 or double-click to rename")
        if role == Qt.ItemDataRole.DecorationRole:
            return _icon(QtWidgets.QStyle.StandardPixmap.SP_DirIcon)
        return None

    def _excerpt_data(self, excerpt: Excerpt, role):
        source = self.controller.library.sources.get(excerpt.source_id) if self.controller.library else None
        label = source.label if source is not None else excerpt.source_id
        if role == Qt.ItemDataRole.DisplayRole:
            comment = "  [comment]" if excerpt.comment else ""
            return f"{quote_display(excerpt)} — {_short(label, 60)}, ¶{excerpt.paragraph}{comment}"
        if role == QuoteRole:
            return quote_display(excerpt, limit=400)
        if role == AttributionRole:
            parts = [f"— {label}, ¶{excerpt.paragraph}"]
            if excerpt.status == "stale":
                parts.append("quote not found in source")
            line = "   ·   ".join(parts)
            return line + (f"\nComment: {_short(excerpt.comment, 120)}" if excerpt.comment else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = []
            if excerpt.status == "stale":
                lines.append(f"⚠ {STALE_TIP}" + (f" ({excerpt.status_reason})" if excerpt.status_reason else ""))
            elif excerpt.status == "reanchored":
                lines.append("ⓘ " + (excerpt.status_reason or "source text changed; quote found again"))
            lines.append(quote_display(excerpt, limit=2000))
            lines.append(f"— {label}, paragraph {excerpt.paragraph}")
            if excerpt.comment:
                lines.append(f"Comment: {excerpt.comment}")
            return plain_tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.DecorationRole:
            if excerpt.status == "stale":
                return _icon(QtWidgets.QStyle.StandardPixmap.SP_MessageBoxWarning)
            if excerpt.status == "reanchored":
                return _icon(QtWidgets.QStyle.StandardPixmap.SP_MessageBoxInformation)
            return _icon(QtWidgets.QStyle.StandardPixmap.SP_FileIcon)
        if role == Qt.ItemDataRole.ForegroundRole and excerpt.status == "stale":
            return QColor("#a33")
        return None

    def flags(self, index):
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.ItemIsDropEnabled  # dropping on empty space appends
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        if isinstance(node, Section):
            flags |= Qt.ItemFlag.ItemIsDropEnabled | Qt.ItemFlag.ItemIsEditable
        elif isinstance(node, (Note, Subheading)):
            flags |= Qt.ItemFlag.ItemIsEditable  # quotes are never edited by hand
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole:
            return False
        node = self.node(index)
        text = str(value or "").strip()
        if node is None or not text:
            return False
        if isinstance(node, Section):
            self.controller.rename_section(node.id, text)
            return True
        if isinstance(node, (Note, Subheading)):
            self.controller.set_item_text(node.id, text)
            return True
        return False

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section == 0:
            return "Outline"
        return None

    # -- drag and drop ---------------------------------------------------------------------
    def supportedDropActions(self):
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self):
        return [ITEMS_MIME, SECTIONS_MIME, EXCERPT_MIME]

    def mimeData(self, indexes):
        """Items if any item is selected, else sections; always as ids, never as objects."""
        items = [i for i in indexes if i.isValid() and i.internalId() != 0]
        sections = [i for i in indexes if i.isValid() and i.internalId() == 0]
        mime = QMimeData()
        if items:
            items.sort(key=lambda i: (i.internalId(), i.row()))
            mime.setData(ITEMS_MIME, json.dumps([self.data(i, IdRole) for i in items]).encode())
        elif sections:
            sections.sort(key=lambda i: i.row())
            mime.setData(SECTIONS_MIME, json.dumps([self.data(i, IdRole) for i in sections]).encode())
        return mime

    def _drop_target(self, row: int, parent) -> tuple[str | None, int]:
        """(section id, row in it) for an item drop; dropping onto/between sections picks a sensible one."""
        sections = self.briefing.sections
        if parent.isValid() and parent.internalId() == 0:
            section = self.node(parent)
            return section.id, (len(section.items) if row < 0 else row)
        if parent.isValid():  # onto an item: just after it (views normally give the section instead)
            section = self.section_of(parent)
            return section.id, parent.row() + 1
        if not sections:
            return None, 0
        if row < 0 or row >= len(sections):
            return sections[-1].id, len(sections[-1].items)
        if row == 0:
            return sections[0].id, 0
        previous = sections[row - 1]  # between sections: the end of the one above
        return previous.id, len(previous.items)

    def canDropMimeData(self, data, action, row, column, parent):
        if data.hasFormat(SECTIONS_MIME):
            return not parent.isValid()
        return data.hasFormat(ITEMS_MIME) or data.hasFormat(EXCERPT_MIME)

    def dropMimeData(self, data, action, row, column, parent):
        """Moves become MoveItem/MoveSection commands; excerpts from the reader become AddItem."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        try:
            if data.hasFormat(SECTIONS_MIME):
                ids = json.loads(bytes(data.data(SECTIONS_MIME)).decode())
                if parent.isValid() or not ids:
                    return False
                return self.drop_sections(ids, row)
            if data.hasFormat(ITEMS_MIME):
                ids = json.loads(bytes(data.data(ITEMS_MIME)).decode())
                section_id, at = self._drop_target(row, parent)
                if section_id is None:
                    return False
                self.controller.move_items(ids, section_id, at)
                # The command already moved the rows; the view's follow-up removeRows() is refused
                # (this model does not implement it), so nothing is removed twice.
                return True
            if data.hasFormat(EXCERPT_MIME):
                spec = json.loads(bytes(data.data(EXCERPT_MIME)).decode())
                # a selection across paragraphs arrives as its first part plus "more": one excerpt each
                specs = [spec] + list(spec.get("more") or [])
                excerpts = [
                    self.controller.excerpt_from_source(
                        str(s["source_id"]), int(s["paragraph"]), int(s["start"]), int(s["end"])
                    )
                    for s in specs
                ]
                section_id, at = self._drop_target(row, parent)
                self.controller.add_items(excerpts, section_id=section_id, index=at)
                return True
        except (ValueError, KeyError, TypeError) as exc:
            self.last_error = f"That drop could not be used: {exc}"
        except BriefingError as exc:
            self.last_error = str(exc)
        if self.last_error:
            self.controller.error_occurred.emit(self.last_error)
        return False

    def drop_sections(self, ids: list[str], row: int) -> bool:
        if len(ids) != 1:
            return False
        found = self.briefing.find_section(ids[0])
        if found is None:
            return False
        row = len(self.briefing.sections) if row < 0 else row
        to_index = row - 1 if row > found[1] else row
        self.controller.move_section(ids[0], to_index)
        return True


def _icon(pixmap) -> QIcon:
    app = QApplication.instance()
    return app.style().standardIcon(pixmap) if app is not None else QIcon()


__all__ = ["OutlineModel", "QPersistentModelIndex", "ITEMS_MIME", "EXCERPT_MIME", "SECTIONS_MIME"]
