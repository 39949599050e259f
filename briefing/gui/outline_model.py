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

from briefing.gui import item_looks
from briefing.gui.item_looks import (  # noqa: F401 - roles and helpers are part of this module's API
    STALE_TIP, AttributionRole, QuoteRole, icon as _icon, quote_display,
)
from briefing.gui.safe_text import plain_tooltip
from briefing.errors import BriefingError
from briefing.model import Section, changes, kinds

ITEMS_MIME = "application/x-briefing-item-ids"
EXCERPT_MIME = "application/x-briefing-excerpt"
SECTIONS_MIME = "application/x-briefing-section-ids"

IdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2  # "section" | "excerpt" | "note" | "subheading"
StatusRole = Qt.ItemDataRole.UserRole + 3  # excerpt status
SectionIdRole = Qt.ItemDataRole.UserRole + 4
FullTextRole = Qt.ItemDataRole.UserRole + 5

class OutlineModel(QAbstractItemModel):
    """Rows follow the document's change records: each edit, undo or redo becomes
    beginInsertRows/beginRemoveRows/beginMoveRows and dataChanged for exactly the rows it touched,
    so selection, expansion and an open editor survive.  Only open/new reset the model."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.last_error = ""
        self._objects: dict = {}
        self._rows: list[str] = []  # section ids, in order
        self._items: dict[str, list[str]] = {}  # section id -> item ids, in order
        # Item indexes carry their section's key (stable while sections move; row would not be).
        self._keys: dict[str, int] = {}
        self._key_ids: dict[int, str] = {}
        self._records_applied = False
        self._load_shape()
        if hasattr(controller, "edited"):
            controller.edited.connect(self._on_edited)
        controller.changed.connect(self._on_changed)

    # -- keeping in step with the document ----------------------------------------------
    # The rows are the ids the views were last told about.  A command changes the briefing
    # *before* the model hears of it, so the records are replayed on that shape, one by one.
    @property
    def briefing(self):
        return self.controller.briefing

    def _live_objects(self) -> dict:
        objects = {}
        for section in self.briefing.sections:
            objects[section.id] = section
            for item in section.items:
                objects[item.id] = item
        return objects

    def _live_shape(self) -> list[tuple[str, list[str]]]:
        return [(s.id, [i.id for i in s.items]) for s in self.briefing.sections]

    def _shape(self) -> list[tuple[str, list[str]]]:
        return [(sid, list(self._items[sid])) for sid in self._rows]

    def _key(self, section_id: str) -> int:
        if section_id not in self._keys:
            key = len(self._key_ids) + 1
            self._keys[section_id], self._key_ids[key] = key, section_id
        return self._keys[section_id]

    def _load_shape(self) -> None:
        self._objects = self._live_objects()
        self._rows, self._items = [], {}
        for sid, items in self._live_shape():
            self._rows.append(sid)
            self._items[sid] = items
            self._key(sid)

    def _section_index(self, section_id: str) -> QModelIndex:
        return self.index(self._rows.index(section_id), 0) if section_id in self._items else QModelIndex()

    def _on_edited(self, records) -> None:
        self._records_applied = True
        if any(r.what == changes.RESET for r in records):
            self.beginResetModel()
            self._load_shape()
            self.endResetModel()
            return
        self._objects = {**self._objects, **self._live_objects()}  # removed rows stay readable until gone
        try:
            for record in records:
                self._apply(record)
        except (KeyError, ValueError, IndexError):
            pass  # records that do not fit the rows: the check below resets
        self._objects = self._live_objects()
        if self._shape() != self._live_shape():
            self.beginResetModel()
            self._load_shape()
            self.endResetModel()

    def _apply(self, r) -> None:
        root = QModelIndex()
        if r.what == changes.SECTION_INSERTED:
            self.beginInsertRows(root, r.index, r.index)
            self._rows.insert(r.index, r.section_id)
            self._items[r.section_id] = list(r.item_ids)
            self._key(r.section_id)
            self.endInsertRows()
        elif r.what == changes.SECTION_REMOVED:
            self.beginRemoveRows(root, r.index, r.index)
            del self._rows[r.index]
            del self._items[r.section_id]
            self.endRemoveRows()
        elif r.what == changes.SECTION_MOVED:
            self._move(root, r.index, root, r.to_index, self._rows, self._rows)
        elif r.what == changes.SECTION_CHANGED:
            top = self._section_index(r.section_id)
            self.dataChanged.emit(top, top)
        elif r.what == changes.ITEMS_INSERTED:
            parent = self._section_index(r.section_id)
            self.beginInsertRows(parent, r.index, r.index + len(r.item_ids) - 1)
            self._items[r.section_id][r.index:r.index] = list(r.item_ids)
            self.endInsertRows()
            self.dataChanged.emit(parent, parent)  # the section's excerpt count
        elif r.what == changes.ITEMS_REMOVED:
            parent = self._section_index(r.section_id)
            self.beginRemoveRows(parent, r.index, r.index + len(r.item_ids) - 1)
            del self._items[r.section_id][r.index:r.index + len(r.item_ids)]
            self.endRemoveRows()
            self.dataChanged.emit(parent, parent)
        elif r.what == changes.ITEM_MOVED:
            source, dest = self._section_index(r.section_id), self._section_index(r.to_section_id)
            self._move(source, r.index, dest, r.to_index, self._items[r.section_id], self._items[r.to_section_id])
            self.dataChanged.emit(source, source)
            self.dataChanged.emit(dest, dest)
        elif r.what == changes.ITEMS_CHANGED:
            for ident in r.item_ids:
                index = self.index_for_id(ident)
                self.dataChanged.emit(index, index)

    def _move(self, source, row: int, dest, to_row: int, rows: list, dest_rows: list) -> None:
        """One row from ``source``/``row`` to final position ``to_row`` under ``dest``."""
        same = rows is dest_rows
        if same and row == to_row:
            return
        # Qt wants the row *before which* it goes, counted before the move.
        dest_child = to_row + 1 if same and to_row > row else to_row
        if not self.beginMoveRows(source, row, row, dest, dest_child):
            raise ValueError("move refused")
        ident = rows.pop(row)
        dest_rows.insert(to_row, ident)
        self.endMoveRows()

    def _on_changed(self) -> None:
        """Something outside the records changed how rows look (e.g. the library): repaint them."""
        if self._records_applied:
            self._records_applied = False
            return
        if self._shape() != self._live_shape():
            self.beginResetModel()
            self._load_shape()
            self.endResetModel()
            return
        self._objects = self._live_objects()
        for row, sid in enumerate(self._rows):
            top = self.index(row, 0)
            self.dataChanged.emit(top, top)
            if self._items[sid]:
                self.dataChanged.emit(self.index(0, 0, top), self.index(len(self._items[sid]) - 1, 0, top))

    # -- structure ---------------------------------------------------------------------
    def index(self, row, column=0, parent=QModelIndex()):
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._rows) else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= len(self._rows):
            return QModelIndex()  # items have no children
        section_id = self._rows[parent.row()]
        if row < len(self._items[section_id]):
            return self.createIndex(row, 0, self._keys[section_id])
        return QModelIndex()

    def parent(self, index=QModelIndex()):
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        section_id = self._key_ids.get(index.internalId())
        if section_id not in self._items:
            return QModelIndex()
        return self.createIndex(self._rows.index(section_id), 0, 0)

    def rowCount(self, parent=QModelIndex()):
        if not parent.isValid():
            return len(self._rows)
        if parent.internalId() == 0 and parent.row() < len(self._rows):
            return len(self._items[self._rows[parent.row()]])
        return 0

    def columnCount(self, parent=QModelIndex()):
        return 1

    def id_of(self, index) -> str | None:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._rows[index.row()] if index.row() < len(self._rows) else None
        items = self._items.get(self._key_ids.get(index.internalId(), ""), [])
        return items[index.row()] if index.row() < len(items) else None

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
        for row, section_id in enumerate(self._rows):
            if section_id == ident:
                return self.index(row, 0)
            items = self._items[section_id]
            if ident in items:
                return self.createIndex(items.index(ident), 0, self._keys[section_id])
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
            return getattr(node, "status", None)
        if role == FullTextRole:
            return node.title if isinstance(node, Section) else getattr(node, "text", "")
        if isinstance(node, Section):
            return self._section_data(node, role)
        return item_looks.data(node, role, self.controller.library)

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

    def flags(self, index):
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.ItemIsDropEnabled  # dropping on empty space appends
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        if isinstance(node, Section):
            flags |= Qt.ItemFlag.ItemIsDropEnabled | Qt.ItemFlag.ItemIsEditable
        elif kinds.of(node).text_editable:
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
        if kinds.of(node).text_editable:
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
            items.sort(key=lambda i: (i.parent().row(), i.row()))
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


__all__ = ["OutlineModel", "QPersistentModelIndex", "ITEMS_MIME", "EXCERPT_MIME", "SECTIONS_MIME"]
