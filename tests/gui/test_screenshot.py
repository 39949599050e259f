"""The README's screenshot comes from a real window with a briefing in progress.

``BRIEFING_SCREENSHOT=1 .venv/bin/python -m pytest tests/gui/test_screenshot.py`` refreshes
``docs/screenshot.png``; otherwise the picture goes to a temporary folder and is only checked.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QImage

from briefing.gui.worker import wait_for_all
from briefing.model.anchoring import make_excerpt

from mainwindow_support import load_library, make_window, open_index

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _distinct_colours(image: QImage) -> int:
    step = 16
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


def test_main_window_screenshot_with_a_briefing_in_progress(qtbot, tmp_path):
    library = load_library()
    index = open_index(library)
    window = make_window(qtbot, library, index, size=(1280, 720))
    window.update_index()  # as at start-up: an (unchanged) index update, then topic counts
    wait_for_all(5000)
    controller = window.controller
    controller.set_meta("title", "U.S.–Colombia security cooperation")
    controller.set_meta("marking", "UNCLASSIFIED // FOR OFFICIAL USE ONLY")
    for topic_id, count in (("migration", 2), ("training", 1), ("extradition", 2)):
        topic = library.topic(topic_id)
        for passage in index.suggest(topic, limit=count):
            source = library.source(passage.source_id)
            controller.add_excerpt(make_excerpt(source, passage.paragraph, 0, len(passage.text)), topic_id)
    section = controller.briefing.section_for_topic("migration")
    controller.add_note("Ask about the ten-year permit for Venezuelans.", section.id)
    with qtbot.waitSignal(window.topics.suggestions_changed, timeout=5000):
        window.topics.select_topic("migration")
    window.topics.suggestion_view.setCurrentIndex(window.topics.suggestion_view.model().index(0, 0))
    window.outline.view.expandAll()
    wait_for_all(5000)
    qtbot.wait(200)

    image = window.grab().toImage()
    assert image.width() >= 1280 and image.height() >= 700
    assert _distinct_colours(image) > 20  # panes are drawn, not a blank window
    target = DOCS / "screenshot.png" if os.environ.get("BRIEFING_SCREENSHOT") else tmp_path / "screenshot.png"
    assert image.save(str(target))
    assert target.stat().st_size > 10_000
    assert window.reader.source is not None and window.reader.source.id == window.topics.selected_passage().source_id
    assert window.outline.model.rowCount() == 3
    counts = [window.topics.model.data(window.topics.model.index(r)) for r in range(window.topics.model.rowCount())]
    assert all("(…)" not in str(c) for c in counts), counts  # every topic shows its number of passages
    window.controller.close_cleanly()
    index.close()
