"""The main window's menu bar and toolbar: where each action (``actions.py``, the controller's
Undo/Redo, ``editors.py``) is placed.  Toolbar buttons show a themed icon beside their text,
with bundled SVGs as the fallback (sharp at any device pixel ratio)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QToolBar

from briefing.gui.icons import ACTION_ICONS, themed_icon
from briefing.gui.recent_menu import RecentFilesMenu

FILE = ("new", "open", "recent", "save", "save_as", None, "import", "export", None, "quit")
EDIT = ("undo", "redo", None, "add_excerpt", "add_suggestion", None, "source_details", "paste_source", None, "find",
        "filter")
BRIEFING = ("edit_section", "show_details", "glossary", None, "new_topic", "edit_topic", "delete_topic")
VIEW = ("show_topics", "show_library", "show_outline", "show_details", "show_aids", "show_preview", None,
        "reset_layout")
TOOLBAR = ("new", "open", "save", None, "undo", "redo", None, "add_excerpt", "add_suggestion", None, "import",
           "source_details", None, "export")


def all_actions(window) -> dict:
    """Every placeable action by key (window actions, Undo/Redo, the editors' actions)."""
    actions = dict(window.actions)
    actions.update(undo=window.undo_action, redo=window.redo_action)
    editors = getattr(window, "editors", None)
    if editors is not None:
        actions.update(editors.actions)
    return actions


def _fill(menu, keys, actions) -> None:
    for key in keys:
        if key is None:
            menu.addSeparator()
        elif key in actions:  # an action another change has not added yet is skipped, not a crash
            menu.addAction(actions[key])


def build_menus(window) -> None:
    actions = all_actions(window)
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    for key in FILE:
        if key == "recent":
            window.recent_menu = RecentFilesMenu(window.controller.recent_files, window.open_briefing, file_menu)
            file_menu.addMenu(window.recent_menu)
        else:
            _fill(file_menu, (key,), actions)
    _fill(bar.addMenu("&Edit"), EDIT, actions)
    _fill(bar.addMenu("&View"), VIEW, actions)
    _fill(bar.addMenu("&Briefing"), BRIEFING, actions)
    _fill(bar.addMenu("&Help"), ("about",), actions)


def build_toolbar(window) -> QToolBar:
    actions = all_actions(window)
    for key, name in ACTION_ICONS.items():
        if key in actions and actions[key].icon().isNull():
            actions[key].setIcon(themed_icon(name))
    bar = QToolBar("Main toolbar", window)
    bar.setObjectName("mainToolbar")
    bar.setAccessibleName("Main toolbar")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.setIconSize(QSize(20, 20))
    _fill(bar, TOOLBAR, actions)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    window.toolbar = bar
    return bar
