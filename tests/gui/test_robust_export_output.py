"""File > Export PDF refuses to write over the open briefing or through a link, and asks before
replacing a file that is not an earlier export."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from briefing.gui.export_dialog import ExportDialog

from mainwindow_support import make_window, settle


def _export_through_the_menu(qtbot, window, out, answer=None):
    """Trigger the Export action, fill the modal dialog, start, wait, close; returns (state, message, asked)."""
    seen = {"asked": []}

    def drive():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        if answer is not None:
            dialog.confirm_replace = lambda message: seen["asked"].append(message) or answer
        dialog.output_edit.setText(str(out))
        dialog.start_export()
        qtbot.waitUntil(lambda: dialog.state in ("done", "failed"), timeout=60000)
        seen["state"], seen["message"] = dialog.state, dialog.status_label.text()
        dialog.reject()

    QTimer.singleShot(0, drive)
    window.actions["export"].trigger()
    settle()
    return seen["state"], seen["message"], seen["asked"]


def test_export_refuses_the_open_briefing_and_a_link(qtbot, library, index, tmp_path):
    window = make_window(qtbot, library, index)
    path = tmp_path / "open.briefing.yaml"
    window.controller.set_meta("title", "Mine")
    assert window.controller.save_as(path)
    before = path.read_bytes()
    state, message, _ = _export_through_the_menu(qtbot, window, path)
    assert state == "failed" and "is the briefing being exported" in message
    assert path.read_bytes() == before
    link = tmp_path / "link.pdf"
    link.symlink_to(tmp_path / "target.pdf")
    state, message, _ = _export_through_the_menu(qtbot, window, link)
    assert state == "failed" and "symbolic link" in message and link.is_symlink()


def test_export_asks_before_replacing_another_file(qtbot, library, index, tmp_path):
    window = make_window(qtbot, library, index)
    other = tmp_path / "notes.pdf"
    other.write_bytes(b"my own notes, not a PDF at all")
    state, message, asked = _export_through_the_menu(qtbot, window, other, answer=False)
    assert state == "failed" and asked and "not an earlier export" in asked[0]
    assert other.read_bytes() == b"my own notes, not a PDF at all"
    state, message, asked = _export_through_the_menu(qtbot, window, other, answer=True)
    assert state == "done", message
    assert other.read_bytes().startswith(b"%PDF-")
    state, message, asked = _export_through_the_menu(qtbot, window, other, answer=False)
    assert state == "done" and not asked  # an earlier export is replaced without asking
