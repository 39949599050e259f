"""A theme file dropped into the user's themes folder is offered in the export dialog, reached
the way a user reaches it: the main window's File menu."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QComboBox, QFormLayout

from briefing import paths

from mainwindow_support import load_library, make_window, open_index


def menu_action(window, word: str) -> QAction:
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if word in action.text().replace("&", ""):
                return action
    raise AssertionError(f"no menu item with {word!r}")


def labelled_combo(dialog, label: str) -> QComboBox:
    """The combo box a form row labels ``label``, as a user finds it."""
    for form in dialog.findChildren(QFormLayout):
        for box in dialog.findChildren(QComboBox):
            buddy = form.labelForField(box)
            if buddy is not None and buddy.text() == label:
                return box
    raise AssertionError(f"no {label!r} row")


def combo_items(box: QComboBox) -> dict[str, str]:
    return {box.itemData(i): box.itemText(i) for i in range(box.count())}


def test_user_theme_is_offered_in_the_export_dialog(qtbot):
    folder = paths.user_data_dir() / "themes"
    folder.mkdir(parents=True)
    (folder / "agency.yaml").write_text("parent: memo\nlabel: Agency memo\n", encoding="utf-8")
    library = load_library()
    window = make_window(qtbot, library, open_index(library))
    seen: dict[str, dict[str, str]] = {}

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        seen["themes"] = combo_items(labelled_combo(dialog, "Theme:"))
        seen["sizes"] = combo_items(labelled_combo(dialog, "Page size:"))
        dialog.reject()

    QTimer.singleShot(0, inspect)
    menu_action(window, "Export").trigger()
    assert seen["themes"].get("agency") == "Agency memo"
    assert {"memo", "study"} <= set(seen["themes"])
    assert seen["sizes"] == {"letter": "US Letter", "a4": "A4"}
