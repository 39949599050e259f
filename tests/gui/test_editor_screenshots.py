"""Pictures of issue 14's editors in a real window: the Section pane beside the outline, and the
topic editor.  ``BRIEFING_SCREENSHOT=1`` refreshes ``docs/section-editor.png`` and
``docs/topic-editor.png``; otherwise they go to a temporary folder and are only checked."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from briefing.gui.worker import wait_for_all
from mainwindow_support import make_window

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _target(tmp_path: Path, name: str) -> Path:
    return DOCS / name if os.environ.get("BRIEFING_SCREENSHOT") else tmp_path / name


def test_section_editor_and_topic_editor_screenshots(qtbot, library, index, tmp_path):
    window = make_window(qtbot, library, index, size=(1280, 800))
    controller = window.controller
    controller.set_meta("title", "U.S.–Colombia refugee cooperation")
    section_id = controller.add_section("Refugees")
    source = library.source("afp-blinken-colombia-visit")
    controller.add_item(controller.excerpt_from_source(source.id, 22, 0, 104), section_id)
    controller.add_note("Ask what the ten-year permit costs the host towns.", section_id)
    controller.set_section_fields(section_id, purpose="What Colombia asks of its partners on migration.",
                                  key_points=["Colombia hosts 1.3 million Venezuelans",
                                              "The U.S. offers help, not a share of the cost"],
                                  talking_points=["Thank the President for the ten-year permit"],
                                  discussion_questions=["What would burden-sharing look like in money?"])
    window.show_outline()
    window.outline.select_ids([section_id], section_id)
    window.reader.show_source(source.id, 22)
    window.outline.view.expandAll()
    wait_for_all(5000)
    qtbot.wait(200)
    assert window.editors.section_dock.isVisible()
    shot = _target(tmp_path, "section-editor.png")
    assert window.grab().save(str(shot))
    assert window.editors.section_editor.key_points.toPlainText().startswith("Colombia hosts")

    topic = library.topics["migration"]
    saved = {}

    def grab_dialog():
        dialog = QApplication.activeModalWidget()
        dialog.update_count()
        qtbot.wait(50)
        saved["ok"] = dialog.grab().save(str(_target(tmp_path, "topic-editor.png")))
        saved["count"] = dialog.count_label.text()
        dialog.reject()

    with qtbot.waitSignal(window.topics.suggestions_changed, timeout=5000):
        window.topics.select_topic(topic.id)
    QTimer.singleShot(0, grab_dialog)
    window.editors.actions["edit_topic"].trigger()
    assert saved["ok"] and "matching passage" in saved["count"]
