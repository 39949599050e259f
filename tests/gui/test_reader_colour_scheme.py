"""The reader follows a light/dark switch: the shown text is re-rendered in the new palette."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from mainwindow_support import load_library, make_window, open_index


@pytest.fixture
def window(qtbot):
    library = load_library()
    return make_window(qtbot, library, open_index(library))


def _text_colour(window, paragraph: int) -> QColor:
    block = window.reader.view.document().findBlockByNumber(window.reader._blocks[paragraph])
    return block.begin().fragment().charFormat().foreground().color()


def test_a_colour_scheme_switch_re_renders_the_shown_source_in_the_new_palette(window, qtbot):
    window.reader.show_source("afp-blinken-colombia-visit", 9)
    before = [window.reader.paragraph_block_text(n) for n in range(1, 24)]
    old_palette = QApplication.palette()
    assert _text_colour(window, 9) == old_palette.color(QPalette.ColorRole.Text)
    dark = QPalette(old_palette)
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8e6e3"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    try:
        QApplication.setPalette(dark)  # what the platform theme does, then it announces the scheme
        QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        qtbot.waitUntil(lambda: _text_colour(window, 9) == QColor("#e8e6e3"), timeout=2000)
        assert window.reader.focus_paragraph == 9  # still on the same paragraph
        assert [window.reader.paragraph_block_text(n) for n in range(1, 24)] == before
    finally:
        QApplication.setPalette(old_palette)
