"""The reader numbers paragraphs as a citation's locator counts them: body paragraphs only."""

from __future__ import annotations

import pytest

from mainwindow_support import load_library, make_window, open_index


@pytest.fixture
def window(qtbot):
    library = load_library()
    return make_window(qtbot, library, open_index(library))


def test_reader_numbers_body_paragraphs_and_not_headings(window, tmp_path):
    # counted by hand in the AFP seed: "Blinken is on a visit" is the 9th body paragraph, after the
    # heading "- Shifting US focus --"; "Colombia is already home" the 17th, after a second heading
    window.reader.show_source("afp-blinken-colombia-visit")
    shown = {window.reader.paragraph_block_text(n)[:25]: window.reader.paragraph_number_shown(n) for n in range(1, 24)}
    assert shown["Bogota (AFP) – US Secreta"] == "1"
    assert shown["- Shifting US focus --"] == ""
    assert shown["Blinken is on a visit to "] == "9"
    assert shown["Coordination on migration"] == ""
    assert shown["Colombia is already home "] == "17"
    window.reader.grab().save(str(tmp_path / "reader.png"))  # to look at
