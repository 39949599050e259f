"""Shared set-up for the main-window and pane tests: the bundled library, a fresh in-memory
search index, a real DocumentController, and small waits for background work."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from briefing.gui.worker import wait_for_all
from briefing.library import Library
from briefing.search.index import SearchIndex

DISCARD = QMessageBox.StandardButton.Discard


def load_library() -> Library:
    # The user root lives under the per-test BRIEFING_BOOK_HOME set by tests/conftest.py.
    return Library.load(cache_path=False)


def open_index(library) -> SearchIndex:
    index = SearchIndex.open(":memory:")
    index.update(library)
    return index


def topic_with_suggestions(library, index):
    for topic in sorted(library.topics.values(), key=lambda t: t.id):
        if index.count_suggestions(topic) > 0:
            return topic
    raise AssertionError("the bundled library has no topic with suggestions")


def settle():
    wait_for_all(5000)


def make_window(qtbot, library, index, answer=DISCARD, size=None):
    """A shown main window whose close prompt answers ``answer`` (no modal dialog in tests)."""
    from briefing.gui.main_window import MainWindow

    window = MainWindow(library, index)
    window.ask_unsaved = lambda: answer
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def assert_whole_words(paragraph: str, start: int, end: int, selected: str) -> None:
    """A quote of ``paragraph[start:end]`` holds the selected text and cuts no word in half."""
    assert paragraph[start:end].strip() == paragraph[start:end]
    assert selected.strip() in paragraph[start:end]
    assert start == 0 or not (paragraph[start - 1].isalnum() and paragraph[start].isalnum())
    assert end == len(paragraph) or not (paragraph[end - 1].isalnum() and paragraph[end].isalnum())
