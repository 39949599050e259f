"""Text no file can hold (a lone surrogate, e.g. from a broken paste) is named when saving and
autosaving, and editing goes on: no traceback, no half-written file."""

from __future__ import annotations

from mainwindow_support import make_window, settle


def test_a_lone_surrogate_is_named_by_save_and_autosave_and_nothing_is_written(qtbot, library, index, tmp_path):
    window = make_window(qtbot, library, index)
    controller = window.controller
    section = controller.add_section("Pasted")
    controller.add_note("half of a pair \ud83d here", section)
    notices: list[str] = []
    controller.notice.connect(notices.append)
    controller.autosave_now()
    settle()
    assert notices and "Autosave failed" in notices[-1] and "U+D83D" in notices[-1]
    path = tmp_path / "pasted.briefing.yaml"
    assert controller.save_as(path) is False
    assert "sections.0.items.0.text" in controller.last_error and not path.exists()
    assert controller.is_dirty() and window.isVisible()
