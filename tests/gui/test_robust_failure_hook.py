"""A failure nobody handled (in a slot, or in a background task without its own error handler)
appears on the running main window in plain words, and the application keeps running."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from briefing.gui import app as app_module
from briefing.gui.main_window import MainWindow
from briefing.gui.worker import run_in_background

from mainwindow_support import open_index, settle


def _raise(exc):
    raise exc


@pytest.mark.qt_no_exception_capture
def test_uncaught_failures_are_shown_on_the_window_in_plain_words(qtbot, library, monkeypatch):
    seen = {}

    def fake_exec(app):
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        QTimer.singleShot(0, lambda: _raise(PermissionError(13, "Permission denied", "/srv/briefs/a.briefing.yaml")))
        qtbot.waitUntil(lambda: bool(_boxes(window)), timeout=5000)
        seen["slot"] = _boxes(window)[-1].text()
        _boxes(window)[-1].close()
        run_in_background(lambda: _raise(RuntimeError("lost the thread")))  # no on_error of its own
        qtbot.waitUntil(lambda: bool(_boxes(window)), timeout=5000)
        seen["task"] = _boxes(window)[-1].text()
        _boxes(window)[-1].close()
        seen["still_running"] = window.isVisible()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    monkeypatch.setattr(app_module, "open_index", lambda: open_index(library))
    assert app_module.run([]) == 0
    settle()
    assert seen["slot"] == "/srv/briefs/a.briefing.yaml: Permission denied"
    assert "lost the thread" in seen["task"] and "This is a bug" in seen["task"] and "Traceback" not in seen["task"]
    assert seen["still_running"]


def _boxes(window):
    return [b for b in window.findChildren(QMessageBox) if b.isVisible() and b.objectName() == "failureMessage"]
