"""The briefing outline: sections and their excerpts, notes and sub-headings in a tree.

Everything here is presentation and gesture: each action asks the controller to make an
undoable edit, then re-selects what the user was working on.  Keyboard equivalents exist for
every mouse gesture (move up/down, across sections, rename, delete).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMenu,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing.errors import BriefingError
from briefing.gui.icons import themed_icon
from briefing.gui.outline_delegate import OutlineDelegate
from briefing.gui.outline_model import IdRole, KindRole, OutlineModel
from briefing.model import Section, kinds
from briefing.gui.safe_text import make_plain


class OutlineView(QTreeView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setAnimated(False)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(False)
        self.setIndentation(18)
        self.setItemDelegate(OutlineDelegate(self))
        self._laid_out_width = 0

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self.viewport().width() != self._laid_out_width:  # wrapped quotes change height
            self._laid_out_width = self.viewport().width()
            self.scheduleDelayedItemsLayout()


class OutlinePane(QWidget):
    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.model = OutlineModel(controller, self)
        self._collapsed: set[str] = set()
        self._saved_selection: list[str] = []
        self._saved_current: str | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.toolbar = QToolBar("Outline", self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout.addWidget(self.toolbar)
        self.banner = make_plain(QLabel(self))
        self.banner.setWordWrap(True)
        self.banner.hide()  # styled when first shown (show_notice)
        layout.addWidget(self.banner)
        self.view = OutlineView(self)
        self.view.setModel(self.model)
        layout.addWidget(self.view)
        self.empty_hint = QLabel(
            "No excerpts yet. Drag a passage here from the reader, or add a section.", self
        )
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # palette roles and a margin, not a style sheet: the first style sheet in the window sets up
        # Qt's style-sheet style for it (~5 ms of every launch; the hint is shown at start-up)
        self.empty_hint.setForegroundRole(QPalette.ColorRole.Mid)
        self.empty_hint.setMargin(12)
        layout.addWidget(self.empty_hint)

        self._make_actions()
        self.model.modelAboutToBeReset.connect(self._remember_view_state)
        self.model.modelReset.connect(self._restore_view_state)
        self.model.rowsInserted.connect(self._expand_inserted)
        self.view.collapsed.connect(lambda i: self._collapsed.add(self.model.data(i, IdRole)))
        self.view.expanded.connect(lambda i: self._collapsed.discard(self.model.data(i, IdRole)))
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        self.view.selectionModel().currentChanged.connect(self._on_selection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.activated.connect(self._on_activated)
        controller.notice.connect(self.show_notice)
        controller.path_changed.connect(lambda _p: self.banner.hide())
        self._restore_view_state()
        self._update_actions()

    # -- actions -------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut: str | QKeySequence | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.add_section_action = self._action("New section", self.add_section, "Ctrl+Shift+N")
        self.add_subheading_action = self._action("Sub-heading", self.add_subheading, "Ctrl+Shift+H")
        self.add_note_action = self._action("Note", self.add_note, "Ctrl+Shift+T", "Add a note in your own words")
        self.rename_action = self._action("Rename / edit", self.edit_current, "F2")
        self.trim_action = self._action("Trim…", self.trim_current, "Ctrl+T", "Keep only part of the quote")
        self.comment_action = self._action("Comment…", self.comment_current, "Ctrl+M")
        self.move_up_action = self._action("Move up", lambda: self.move_selected(-1), "Ctrl+Up")
        self.move_down_action = self._action("Move down", lambda: self.move_selected(+1), "Ctrl+Down")
        self.move_prev_section_action = self._action(
            "Move to previous section", lambda: self.move_selected_across(-1), "Ctrl+Shift+Up"
        )
        self.move_next_section_action = self._action(
            "Move to next section", lambda: self.move_selected_across(+1), "Ctrl+Shift+Down"
        )
        self.move_to_section_action = self._action("Move to section…", self.choose_section_and_move, "Ctrl+Shift+M")
        self.delete_action = self._action("Delete", self.delete_selected, QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")])
        # Delete comes first, with its icon, so a narrow dock never hides it behind "››".
        self.delete_action.setIcon(themed_icon("edit-delete"))
        self.delete_action.setToolTip("Delete the selected sections or items (Delete); Undo brings them back")
        self.toolbar.addAction(self.delete_action)
        self.toolbar.widgetForAction(self.delete_action).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addSeparator()
        for action in (self.add_section_action, self.add_subheading_action, self.add_note_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        for action in (self.trim_action, self.comment_action):
            self.toolbar.addAction(action)
        self.controller.changed.connect(self._update_actions)

    def _update_actions(self) -> None:
        node = self.current_node()
        ids = self.selected_ids()
        self.trim_action.setEnabled(_quoted(node))
        self.comment_action.setEnabled(_commentable(node))
        self.rename_action.setEnabled(node is not None)
        self.delete_action.setEnabled(bool(ids))
        for action in (self.move_up_action, self.move_down_action, self.move_prev_section_action,
                       self.move_next_section_action, self.move_to_section_action):
            action.setEnabled(bool(ids))
        has_sections = bool(self.controller.briefing.sections)
        self.view.setVisible(has_sections)
        self.empty_hint.setVisible(not has_sections)

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        node = self.current_node()
        menu.addAction(self.add_section_action)
        menu.addAction(self.add_subheading_action)
        menu.addAction(self.add_note_action)
        if node is not None:
            menu.addSeparator()
            menu.addAction(self.rename_action)
            if _quoted(node):
                menu.addAction(self.trim_action)
            if _commentable(node):
                menu.addAction(self.comment_action)
            menu.addSeparator()
            for action in (self.move_up_action, self.move_down_action):
                menu.addAction(action)
            if not isinstance(node, Section):
                for action in (self.move_prev_section_action, self.move_next_section_action,
                               self.move_to_section_action):
                    menu.addAction(action)
            menu.addSeparator()
            menu.addAction(self.delete_action)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    # -- selection and view state ----------------------------------------------------------------
    def current_node(self):
        return self.model.node(self.view.currentIndex())

    def selected_ids(self) -> list[str]:
        """Selected ids in outline order (sections' and items' ids)."""
        indexes = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        order = {}
        for s_row, section in enumerate(self.controller.briefing.sections):
            order[section.id] = (s_row, -1)
            for i_row, item in enumerate(section.items):
                order[item.id] = (s_row, i_row)
        ids = [self.model.data(i, IdRole) for i in indexes]
        return sorted((i for i in ids if i in order), key=order.__getitem__)

    def select_ids(self, ids: list[str], current: str | None = None) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        first = None
        for ident in ids:
            index = self.model.index_for_id(ident)
            if index.isValid():
                if index.parent().isValid():
                    self.view.expand(index.parent())
                selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
                first = first or index
        target = self.model.index_for_id(current) if current else first
        if target is not None and target.isValid():
            selection.setCurrentIndex(target, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.view.scrollTo(target)

    def _remember_view_state(self) -> None:
        self._saved_selection = self.selected_ids()
        current = self.view.currentIndex()
        self._saved_current = self.model.data(current, IdRole) if current.isValid() else None

    def _restore_view_state(self) -> None:
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            self.view.setExpanded(index, self.model.data(index, IdRole) not in self._collapsed)
        self.select_ids(self._saved_selection, self._saved_current)
        self._update_actions()

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """A section that arrives (added, or back by undo) opens unless the user had closed it."""
        if parent.isValid():
            return
        for row in range(first, last + 1):
            index = self.model.index(row, 0)
            self.view.setExpanded(index, self.model.data(index, IdRole) not in self._collapsed)

    def _on_selection(self, *_args) -> None:
        """The selected section (or the selected item's) is where excerpts go; nothing selected, none."""
        index = self.view.currentIndex()
        selected = self.view.selectionModel().isSelected(index) if index.isValid() else False
        section = self.model.section_of(index) if selected else None
        self.controller.current_section_id = section.id if section is not None else None
        self._update_actions()

    def _on_activated(self, index: QModelIndex) -> None:
        if _commentable(self.model.node(index)):
            self.comment_current()

    def show_notice(self, message: str) -> None:
        if message and not self.banner.styleSheet():
            self.banner.setStyleSheet(
                "QLabel { background: palette(alternate-base); color: palette(window-text);"
                " border: 1px solid palette(mid); padding: 4px; }"
            )  # palette roles: readable in light and dark themes
        self.banner.setText(message)
        self.banner.setVisible(bool(message))

    # -- commands -------------------------------------------------------------------------
    def _insert_point(self) -> tuple[str | None, int | None]:
        """New notes/sub-headings go after the current item, or at the end of the current section."""
        index = self.view.currentIndex()
        node = self.model.node(index)
        if node is None:
            return None, None
        if isinstance(node, Section):
            return node.id, None
        return self.model.section_of(index).id, index.row() + 1

    def add_section(self) -> str:
        node = self.current_node()
        at = None
        if node is not None:
            section = self.model.section_of(self.view.currentIndex())
            at = self.controller.briefing.find_section(section.id)[1] + 1
        section_id = self.controller.add_section("New section", at)
        self._select_and_edit(section_id)
        return section_id

    def add_note(self) -> str:
        section_id, at = self._insert_point()
        item_id = self.controller.add_note("", section_id, at)
        self._select_and_edit(item_id)
        return item_id

    def add_subheading(self) -> str:
        section_id, at = self._insert_point()
        item_id = self.controller.add_subheading("", section_id, at)
        self._select_and_edit(item_id)
        return item_id

    def _select_and_edit(self, ident: str) -> None:
        self.select_ids([ident], ident)
        if self.isVisible():
            self.view.edit(self.model.index_for_id(ident))

    def edit_current(self) -> None:
        index = self.view.currentIndex()
        node = self.model.node(index)
        if _commentable(node) and not self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.comment_current()
        elif node is not None:
            self.view.edit(index)

    def delete_selected(self) -> None:
        """No confirmation: Undo brings it back."""
        ids = self.selected_ids()
        if not ids:
            return
        # Select what follows, so repeated Delete walks down the outline.
        after = self._neighbour_after(ids)
        self.controller.remove(ids)
        if after:
            self.select_ids([after], after)

    def _neighbour_after(self, ids: list[str]) -> str | None:
        flat = []
        for section in self.controller.briefing.sections:
            flat.append(section.id)
            flat.extend(item.id for item in section.items)
        doomed = set(ids)
        for section in self.controller.briefing.sections:
            if section.id in doomed:
                doomed.update(item.id for item in section.items)
        last = max(flat.index(i) for i in ids)
        for ident in flat[last + 1:]:
            if ident not in doomed:
                return ident
        return None

    def _selected_items(self) -> list[str]:
        ids = self.selected_ids()
        return [i for i in ids if self.controller.briefing.find_item(i)]

    def move_selected(self, step: int) -> None:
        """Ctrl+Up/Down: items shift by one row (crossing into the neighbouring section at an edge);
        a selected section moves among sections."""
        items = self._selected_items()
        briefing = self.controller.briefing
        if not items:
            sections = [i for i in self.selected_ids() if briefing.find_section(i)]
            if len(sections) == 1:
                index = briefing.find_section(sections[0])[1]
                self.controller.move_section(sections[0], index + step)
                self.select_ids(sections, sections[0])
            return
        section, first_row = briefing.find_item(items[0])
        _, last_row = briefing.find_item(items[-1])
        s_index = briefing.find_section(section.id)[1]
        if any(briefing.find_item(i)[0].id != section.id for i in items):
            return  # a selection spanning sections moves with "Move to section…"
        if step < 0:
            if first_row > 0:
                self.controller.move_items(items, section.id, first_row - 1)
            elif s_index > 0:
                previous = briefing.sections[s_index - 1]
                self.controller.move_items(items, previous.id, len(previous.items))
        else:
            if last_row < len(section.items) - 1:
                self.controller.move_items(items, section.id, last_row + 2)
            elif s_index < len(briefing.sections) - 1:
                self.controller.move_items(items, briefing.sections[s_index + 1].id, 0)
        self.select_ids(items, items[0])

    def move_selected_across(self, step: int) -> None:
        """Ctrl+Shift+Up/Down: to the end of the previous section or the start of the next."""
        items = self._selected_items()
        if not items:
            return
        briefing = self.controller.briefing
        s_index = briefing.find_section(briefing.find_item(items[0])[0].id)[1] + step
        if 0 <= s_index < len(briefing.sections):
            target = briefing.sections[s_index]
            self.move_selected_to_section(target.id, at_start=step > 0)

    def move_selected_to_section(self, section_id: str, at_start: bool = False) -> None:
        items = self._selected_items()
        target = self.controller.section(section_id)
        if not items or target is None:
            return
        self.controller.move_items(items, section_id, 0 if at_start else len(target.items))
        self.select_ids(items, items[0])

    def choose_section_and_move(self) -> None:
        sections = self.controller.briefing.sections
        if not self._selected_items() or not sections:
            return
        titles = [f"{n}. {s.title}" for n, s in enumerate(sections, start=1)]
        from PySide6.QtWidgets import QInputDialog  # set up (QDialog's enums with it) on first use, not at start-up

        choice, ok = QInputDialog.getItem(self, "Move to section", "Section:", titles, 0, False)
        if ok and choice in titles:
            self.move_selected_to_section(sections[titles.index(choice)].id)

    def trim_current(self) -> None:
        node = self.current_node()
        if not _quoted(node):
            return
        from briefing.gui.excerpt_dialogs import TrimDialog  # first use sets up QDialog classes: not at start-up

        dialog = TrimDialog(node, self)
        if dialog.exec() and dialog.span():
            self._report(lambda: self.controller.trim_excerpt(node.id, *dialog.span()))
            self.select_ids([node.id], node.id)

    def comment_current(self) -> None:
        node = self.current_node()
        if not _commentable(node):
            return
        from briefing.gui.excerpt_dialogs import CommentDialog

        dialog = CommentDialog(node, self)
        if dialog.exec():
            self.controller.set_comment(node.id, dialog.comment())

    def _report(self, action) -> None:
        try:
            action()
        except BriefingError as exc:
            from PySide6.QtWidgets import QMessageBox  # set up (with its enums) only when a message is shown

            QMessageBox.warning(self, "Briefing Book", str(exc))

    def kind_of(self, ident: str) -> str | None:
        return self.model.data(self.model.index_for_id(ident), KindRole)


def _quoted(node) -> bool:
    """An item of a kind whose text is exact source text (so it can be trimmed)."""
    return kinds.is_item(node) and kinds.of(node).quoted


def _commentable(node) -> bool:
    return kinds.is_item(node) and "comment" in kinds.of(node).editable
