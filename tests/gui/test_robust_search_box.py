"""A page of text pasted into the library's search box is refused in plain words at once; a
Greek word is found as typed."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from briefing import paths
from mainwindow_support import load_library, make_window, open_index, settle


def _search(qtbot, window, text):
    pane = window.library_pane
    pane.search_edit.setText(text)
    start = time.perf_counter()
    qtbot.keyClick(pane.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not pane.results_label.text().startswith(("Search results", "Searching")), timeout=10000)
    settle()
    return pane.results_label.text(), time.perf_counter() - start


def test_a_pasted_page_is_refused_in_plain_words(qtbot, library, index):
    window = make_window(qtbot, library, index)
    label, seconds = _search(qtbot, window, "The United States and Colombia cooperate on security. " * 2000)
    assert label == "Search failed" and seconds < 2
    assert "too long" in window.statusBar().currentMessage()


def test_a_greek_word_is_found_as_typed(qtbot):
    folder = paths.user_library_dir() / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "greek.yaml").write_text("id: greek\nkind: other\ntitle: Greek\n", encoding="utf-8")
    (folder / "greek.txt").write_text("Η ελληνική γλώσσα.\n", encoding="utf-8")
    library = load_library()
    index = open_index(library)
    window = make_window(qtbot, library, index)
    label, _ = _search(qtbot, window, "ελληνική")
    assert label.startswith("1 passage in 1 source")
    index.close()
