"""The main window's editors for what a briefing is made of: the Section dock (opened when a
section is selected in the outline, or with Ctrl+7) and the topic commands (new, edit, delete).

The Section dock starts hidden under the Outline, so a new briefing's outline has the column to
itself, and its editor is built when the dock is first shown (~8-10 ms of a launch otherwise).

Kept out of ``main_window.py`` so the window stays composition only; ``attach(window)`` builds
them and returns this object, whose ``actions`` the menus and toolbar place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QWidget

from briefing.gui.icons import ACTION_ICONS, themed_icon

if TYPE_CHECKING:  # imported where the pane is first built
    from briefing.gui.section_editor import SectionEditor

# name -> (text, shortcut, tip)
SPECS = {
    "edit_section": ("Edit &Section", "Ctrl+7",
                     "Title, purpose, key points, talking points and questions of the selected section"),
    "new_topic": ("&New Topic…", "Ctrl+Alt+N", "Define a topic of your own: a title and the terms that find it"),
    "edit_topic": ("&Edit Topic…", "Ctrl+Alt+E", "Change the chosen topic's title, description or terms"),
    "delete_topic": ("&Delete Topic", "Ctrl+Alt+D", "Remove the chosen topic (a bundled one is hidden)"),
}


class BriefingEditors:
    def __init__(self, window):
        self.window = window
        controller = window.controller
        self._section_editor: SectionEditor | None = None
        self.section_dock = QDockWidget("Section", window)
        self.section_dock.setObjectName("sectionDock")
        self.section_dock.setAccessibleName("Section pane")
        self.section_dock.setWidget(QWidget())  # the editor replaces it when the dock is first shown
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.section_dock)
        window.splitDockWidget(window.outline_dock, self.section_dock, Qt.Orientation.Vertical)
        self.section_dock.hide()
        # also when a restored layout shows it: built before the dock paints
        self.section_dock.visibilityChanged.connect(lambda shown: shown and self._build_section_editor())
        controller.current_section_changed.connect(self._section_selected)
        self.actions: dict[str, QAction] = {}
        for name, (text, shortcut, tip) in SPECS.items():
            action = QAction(text, window)
            action.setObjectName(f"action_{name}")
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({keys})" if keys else tip)
            action.setStatusTip(tip)
            if name in ACTION_ICONS:
                action.setIcon(themed_icon(ACTION_ICONS[name]))
            action.triggered.connect(getattr(self, name))
            window.addAction(action)
            self.actions[name] = action

    # -- section ---------------------------------------------------------------------------
    @property
    def section_editor(self) -> SectionEditor:
        """The Section pane's editor, built on first use."""
        return self._build_section_editor()

    def _build_section_editor(self) -> SectionEditor:
        if self._section_editor is None:
            from briefing.gui.section_editor import SectionEditor

            self._section_editor = SectionEditor(self.window.controller, self.window)
            placeholder = self.section_dock.widget()
            self.section_dock.setWidget(self._section_editor)
            if placeholder is not None:
                placeholder.deleteLater()
        return self._section_editor

    @property
    def section_editor_built(self) -> bool:
        return self._section_editor is not None

    def _section_selected(self, section_id) -> None:
        if section_id is not None:
            self._build_section_editor()  # before the dock shows
            self.section_dock.show()

    def edit_section(self) -> None:
        """Show the Section pane with the keyboard in its title (Ctrl+7)."""
        controller = self.window.controller
        if controller.current_section_id is None and controller.briefing.sections:
            self.window.outline.select_ids([controller.briefing.sections[0].id], controller.briefing.sections[0].id)
        editor = self._build_section_editor()
        self.section_dock.show()
        self.section_dock.raise_()
        editor.title.setFocus()

    # -- topics ----------------------------------------------------------------------------
    def _edit(self, topic) -> bool:
        from briefing.gui.topic_editor import TopicEditorDialog

        dialog = TopicEditorDialog(self.window.library, self.window.index, topic, self.window)
        if not dialog.exec() or dialog.saved is None:
            return False
        self._topics_changed(dialog.saved.id)
        verb = "Saved" if topic else "Created"
        self.window.show_message(f"{verb} the topic “{dialog.saved.title}” in your library.")
        return True

    def new_topic(self) -> bool:
        return self._edit(None)

    def edit_topic(self) -> bool:
        topic = self.window.topics.current_topic()
        if topic is None:
            self.window.show_message("Choose a topic first.")
            return False
        return self._edit(topic)

    def delete_topic(self) -> bool:
        from briefing.library.user_topics import bundled_topic_ids, remove_topic

        topic = self.window.topics.current_topic()
        if topic is None:
            self.window.show_message("Choose a topic first.")
            return False
        if not self.confirm_delete(topic):
            return False
        remove_topic(self.window.library, topic.id, bundled_topic_ids(self.window.library))
        self._topics_changed(None)
        self.window.show_message(f"Removed the topic “{topic.title}”.")
        return True

    def confirm_delete(self, topic) -> bool:
        from PySide6.QtWidgets import QMessageBox  # set up (with its enums) only when asked

        answer = QMessageBox.question(self.window, "Delete topic",
                                      f"Remove the topic “{topic.title}”? Excerpts already in the briefing stay.",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _topics_changed(self, select_id) -> None:
        """Counts and suggestions follow at once: no restart."""
        topics = self.window.topics
        topics.refresh()
        if select_id is not None:
            topics.select_topic(select_id)


def attach(window) -> BriefingEditors:
    return BriefingEditors(window)
