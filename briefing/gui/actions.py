"""Every main-window command as a QAction with a shortcut, tooltip and status tip.

``build_actions(window)`` creates them (the window supplies the slots); the main window
places them in menus and the toolbar.  Keeping the table here means one place shows every
shortcut, so clashes are easy to see (the outline pane's own widget-scoped shortcuts are
Ctrl+Shift+N/H/T/M, Ctrl+T, Ctrl+M, F2, Ctrl+[Shift+]Up/Down and Delete; none are reused).
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QAction, QKeySequence

SK = QKeySequence.StandardKey


class Spec(NamedTuple):
    """One command's row in the table (a named tuple: a frozen dataclass took ~1.5 ms to create at start-up)."""

    name: str
    text: str
    slot: str  # name of the window method
    shortcut: object  # str or QKeySequence.StandardKey
    tip: str
    checkable: bool = False


SPECS = (
    Spec("new", "&New Briefing", "new_briefing", SK.New, "Start a new, empty briefing"),
    Spec("open", "&Open…", "open_briefing", SK.Open, "Open a saved briefing (.briefing.yaml)"),
    Spec("save", "&Save", "save_briefing", SK.Save, "Save the briefing"),
    Spec("save_as", "Save &As…", "save_briefing_as", "Ctrl+Shift+S", "Save the briefing under a new name"),
    Spec("import", "&Import…", "import_files", "Ctrl+I",
         "Add web pages, PDF, Word, Markdown or text files to your library (each is reviewed before it is saved)"),
    Spec("paste_source", "&Paste as Source…", "paste_as_source", "Ctrl+Shift+V",
         "Make a new source of the text on the clipboard (reviewed before it is saved)"),
    Spec("export", "&Export…", "export_pdf", "Ctrl+Shift+E",
         "Export the briefing as a PDF, Word or HTML file in a layout (memo, briefing book, study packet…)"),
    Spec("quit", "&Quit", "close", "Ctrl+Q", "Close Briefing Book"),
    Spec("add_excerpt", "Add &Excerpt", "add_excerpt_from_reader", "Ctrl+E",
         "Add the text selected in the reader to the briefing as an exact excerpt"),
    Spec("add_suggestion", "Add &Suggestion to Briefing", "add_suggestion", "Ctrl+Shift+A",
         "Add the selected suggested passage to the section for its topic"),
    Spec("source_details", "Source &Details…", "edit_source_details", "Ctrl+Shift+D",
         "Correct the publisher, title, authors, date or URL of the source being read"),
    Spec("glossary", "&Glossary…", "edit_glossary", "Ctrl+Shift+G",
         "Define the terms the study packet lists in its glossary"),
    Spec("find", "Search &Library", "focus_search", SK.Find, "Search the text of every source"),
    Spec("filter", "&Filter Sources", "focus_filter", "Ctrl+L", "Filter the list of sources"),
    Spec("show_topics", "&Topics", "show_topics", "Ctrl+1", "Show the topics and their suggested passages"),
    Spec("show_library", "&Library", "show_library", "Ctrl+2", "Show the source library"),
    Spec("show_outline", "&Outline", "show_outline", "Ctrl+3", "Show the briefing outline"),
    Spec("show_details", "Briefing &Details", "show_details", "Ctrl+4", "Show the briefing's title, audience and style"),
    Spec("show_aids", "Briefing &Aids", "show_aids", "Ctrl+5",
         "Show the key figures, timeline, conflicting claims and source balance of the briefing"),
    Spec("show_preview", "&Preview", "show_preview", "Ctrl+6",
         "Show the pages of the briefing's layout as they will print (updated as you edit)"),
    Spec("reset_layout", "&Reset Layout", "reset_layout", "Ctrl+0", "Put the panes back where they started"),
    Spec("about", "&About Briefing Book", "show_about", "F1", "Version and information about Briefing Book"),
)


def _shortcut_text(shortcut) -> str:
    seq = QKeySequence(shortcut)
    return seq.toString(QKeySequence.SequenceFormat.NativeText)


def build_actions(window) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        action = QAction(spec.text, window)
        action.setObjectName(f"action_{spec.name}")
        action.setShortcut(QKeySequence(spec.shortcut))
        keys = _shortcut_text(spec.shortcut)
        action.setToolTip(f"{spec.tip} ({keys})" if keys else spec.tip)
        action.setStatusTip(spec.tip)
        action.triggered.connect(lambda _checked=False, slot=spec.slot: getattr(window, slot)())
        window.addAction(action)  # shortcuts work even while a menu or the toolbar is hidden
        actions[spec.name] = action
    return actions


def describe(action: QAction, tip: str, shortcut=None) -> QAction:
    """Give an action made elsewhere (e.g. the controller's Undo) a tooltip, status tip and shortcut."""
    if shortcut is not None and action.shortcut().isEmpty():
        action.setShortcut(QKeySequence(shortcut))
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({keys})" if keys else tip)
    action.setStatusTip(tip)
    return action
