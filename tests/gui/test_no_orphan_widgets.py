"""Issue 14: no orphan editors.  Every widget or dialog class in ``briefing/gui/`` must be used by a
module the main window reaches (imports, directly or lazily by name, transitively).  ``section_editor.py`` existed for a release with nothing
opening it; this fails on such a class."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from PySide6.QtWidgets import QWidget

import briefing.gui

GUI = Path(briefing.gui.__file__).parent


def _widget_classes() -> dict[str, str]:
    """class name -> defining module name, for every QWidget subclass defined in briefing/gui."""
    found = {}
    for info in pkgutil.iter_modules([str(GUI)]):
        module = importlib.import_module(f"briefing.gui.{info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, QWidget):
                found[name] = info.name
    return found


def _source(module_name: str) -> str:
    return (GUI / f"{module_name}.py").read_text(encoding="utf-8")


def _used_classes(module_name: str, names) -> set[str]:
    """Classes the module uses: named anywhere but in their own ``class Name(`` line."""
    source = re.sub(r"^\s*class \w+\(", "", _source(module_name), flags=re.M)
    return {name for name in names if re.search(rf"\b{re.escape(name)}\b", source)}


def _imported_modules(module_name: str) -> set[str]:
    source = _source(module_name)
    found = set(re.findall(r"briefing\.gui\.(\w+)", source))
    found |= set(re.findall(r"from briefing\.gui import (\w+)", source))
    return {m for m in found if (GUI / f"{m}.py").is_file()}


def test_every_widget_and_dialog_is_reachable_from_the_main_window():
    classes = _widget_classes()
    assert {"MainWindow", "SectionEditor", "TopicEditorDialog"} <= set(classes)
    reachable, modules, todo = {"MainWindow"}, set(), ["main_window"]
    while todo:  # modules the window imports (directly or lazily, by name), and what they use
        module = todo.pop()
        if module in modules:
            continue
        modules.add(module)
        reachable |= _used_classes(module, classes)
        todo.extend(_imported_modules(module) - modules)
    orphans = sorted(f"{classes[n]}.{n}" for n in set(classes) - reachable)
    assert orphans == [], f"widgets nothing in the main window opens: {orphans}"


def test_the_section_editor_and_topic_editor_are_in_the_window_menus(qtbot, library, index):
    from mainwindow_support import make_window

    window = make_window(qtbot, library, index)
    menu_texts = {a.text().replace("&", "") for m in window.menuBar().actions() if m.menu()
                  for a in m.menu().actions()}
    assert {"Edit Section", "New Topic…", "Edit Topic…", "Delete Topic"} <= menu_texts
    editor = window.editors.section_editor  # built when first asked for (or when its dock first shows)
    assert window.editors.section_dock.widget() is editor
