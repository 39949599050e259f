"""The topic editor's live count runs while the user types: a count that runs over its short time
limit says so in the dialog instead of freezing the window (issue 16: bounded work)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from briefing.gui import topic_editor
from mainwindow_support import make_window


def test_topic_editor_count_stops_and_says_so(qtbot, library, index, monkeypatch):
    window = make_window(qtbot, library, index)
    monkeypatch.setattr("briefing.search.index.PROGRESS_STEPS", 1)  # the bundled library counts in few steps
    seen = {}

    def fill(dialog):
        dialog.terms_edit.setPlainText("the\nof")
        monkeypatch.setattr(topic_editor, "COUNT_TIME_LIMIT_S", 0)
        dialog.update_count()
        seen["stopped"] = dialog.count_label.text()
        monkeypatch.setattr(topic_editor, "COUNT_TIME_LIMIT_S", 5)
        dialog.update_count()
        seen["counted"] = dialog.count_label.text()
        dialog.reject()

    def run():
        dialog = QApplication.activeModalWidget()
        try:
            fill(dialog)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)
    window.editors.actions["new_topic"].trigger()
    assert seen["stopped"].startswith("Counting took longer than 0 s and was stopped"), seen
    assert seen["counted"].endswith("matching passages in the library"), seen


def test_topics_pane_marks_a_count_that_ran_over_and_counts_the_rest(qtbot, library, index, monkeypatch):
    from briefing.gui.topics_pane import count_all
    from briefing.search.query import QueryRefused

    topics = sorted(library.topics.values(), key=lambda t: t.id)[:3]
    real = index.count_suggestions

    def slow_first(topic, time_limit=None):
        if topic.id == topics[0].id:
            raise QueryRefused("The search took longer than 3 seconds and was stopped.")
        return real(topic, time_limit)

    monkeypatch.setattr(index, "count_suggestions", slow_first)
    counts = count_all(index, topics)
    window = make_window(qtbot, library, index)
    model = window.topics.model
    model.set_counts(counts)
    shown = {model.topic(r).id: model.data(model.index(r)) for r in range(model.rowCount())}
    assert shown[topics[0].id].endswith("(many)")
    assert all(shown[t.id].endswith(f"({counts[t.id]})") and counts[t.id] >= 0 for t in topics[1:])
