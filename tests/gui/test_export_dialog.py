"""The export dialog runs the export off the GUI thread, reports progress, cancels, and explains failures."""

from __future__ import annotations

import threading
import time

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from briefing.gui import export_dialog as export_dialog_module
from briefing.gui.document import DocumentController
from briefing.gui.export_dialog import ExportDialog
from briefing.library import Library


@pytest.fixture(scope="module")
def library():
    return Library.load(cache_path=False)


@pytest.fixture
def controller(qtbot, library):
    c = DocumentController(library)
    c.set_meta("title", "Export dialog test")
    for n, src in enumerate(library.sorted_sources()[:3]):
        section = c.add_section(f"Section {n + 1}")
        for p in range(1, min(4, len(src.paragraphs())) + 1):
            c.add_excerpt(c.excerpt_from_source(src.id, p, 0, min(120, len(src.paragraphs()[p - 1]))),
                          section_id=section)
        c.add_note(f"My note {n + 1}", section)
    yield c
    c.close_cleanly()


def _dialog(qtbot, controller, library):
    dialog = ExportDialog(controller, library)
    qtbot.addWidget(dialog)
    assert dialog.open_when_done is False  # offscreen: never launch a viewer from tests
    return dialog


def test_export_runs_in_background_and_writes_pdf(qtbot, controller, library, tmp_path):
    dialog = _dialog(qtbot, controller, library)
    out = tmp_path / "out.pdf"
    dialog.output_edit.setText(str(out))
    dialog.style_box.setCurrentIndex(dialog.style_box.findData("apa"))
    with qtbot.waitSignal(dialog.finished_export, timeout=60000) as blocker:
        dialog.start_export()
        assert dialog.state == "running"
        assert not dialog.export_button.isEnabled() and dialog.cancel_button.isEnabled()
    assert blocker.args == ["done"], dialog.status_label.text()
    assert out.exists()
    text = "".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "Export dialog test" in text
    assert len(dialog.progress_values) >= 2
    assert dialog.progress_values == sorted(dialog.progress_values)
    assert dialog.progress_bar.value() == 100
    assert "Saved" in dialog.status_label.text()
    assert dialog.export_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_gui_stays_responsive_while_exporting(qtbot, controller, library, tmp_path, monkeypatch):
    release = threading.Event()
    real_export = export_dialog_module.export

    def slow_export(*args, progress=None, cancel=None, **kwargs):
        progress(0.1, "Slow start")
        release.wait(10)
        return real_export(*args, progress=progress, cancel=cancel, **kwargs)

    monkeypatch.setattr(export_dialog_module, "export", slow_export)
    dialog = _dialog(qtbot, controller, library)
    dialog.output_edit.setText(str(tmp_path / "slow.pdf"))
    dialog.start_export()
    # The event loop keeps running: progress arrives and the user can still edit the briefing.
    qtbot.waitUntil(lambda: dialog.progress_bar.value() == 10, timeout=5000)
    controller.add_note("edited during export")
    assert dialog.state == "running"
    release.set()
    qtbot.waitUntil(lambda: dialog.state == "done", timeout=60000)
    # The export used the snapshot taken at start.
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "slow.pdf")).pages)
    assert "edited during export" not in text


def test_cancel_leaves_no_file(qtbot, controller, library, tmp_path, monkeypatch):
    started = threading.Event()
    real_export = export_dialog_module.export

    def gated_export(*args, progress=None, cancel=None, **kwargs):
        started.set()
        deadline = time.monotonic() + 10
        while not cancel() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real_export(*args, progress=progress, cancel=cancel, **kwargs)

    monkeypatch.setattr(export_dialog_module, "export", gated_export)
    dialog = _dialog(qtbot, controller, library)
    out = tmp_path / "cancelled.pdf"
    dialog.output_edit.setText(str(out))
    with qtbot.waitSignal(dialog.finished_export, timeout=30000) as blocker:
        dialog.start_export()
        assert started.wait(5)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["cancelled"]
    assert not out.exists()
    assert "cancelled" in dialog.status_label.text()


def test_unwritable_path_shows_plain_error(qtbot, controller, library, tmp_path):
    dialog = _dialog(qtbot, controller, library)
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    dialog.output_edit.setText(str(tmp_path / "a-file" / "x.pdf"))  # a missing folder is made; this cannot be
    with qtbot.waitSignal(dialog.finished_export, timeout=60000) as blocker:
        dialog.start_export()
    assert blocker.args == ["failed"]
    assert "Could not make the folder" in dialog.error_message
    assert dialog.progress_bar.value() == 0  # a failed export never shows a full bar
    assert "Traceback" not in dialog.status_label.text()
    assert dialog.status_label.text() == dialog.error_message
    assert dialog.export_button.isEnabled()  # the user can fix the path and try again
    dialog.output_edit.setText(str(tmp_path / "ok.pdf"))
    with qtbot.waitSignal(dialog.finished_export, timeout=60000) as blocker:
        dialog.start_export()
    assert blocker.args == ["done"] and (tmp_path / "ok.pdf").exists()


def test_comments_can_be_left_out(qtbot, controller, library, tmp_path):
    item = controller.briefing.all_excerpts()[0]
    controller.set_comment(item.id, "Zebra comment marker")
    dialog = _dialog(qtbot, controller, library)
    with_comments = tmp_path / "comments.pdf"
    dialog.output_edit.setText(str(with_comments))
    with qtbot.waitSignal(dialog.finished_export, timeout=60000):
        dialog.start_export()
    assert "Zebra comment marker" in "".join(p.extract_text() for p in PdfReader(str(with_comments)).pages)
    dialog.include_checks["comments"].setChecked(False)
    out = tmp_path / "nocomments.pdf"
    dialog.output_edit.setText(str(out))
    with qtbot.waitSignal(dialog.finished_export, timeout=60000):
        dialog.start_export()
    text = "".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "Zebra comment marker" not in text
    assert controller.briefing.all_excerpts()[0].comment == "Zebra comment marker"  # document untouched


def test_replaced_characters_are_reported_in_the_dialog(qtbot, controller, library, tmp_path):
    # U+1F600 is drawn by no bundled font: the PDF shows a visible replacement and the dialog says so
    controller.add_note("Smile \U0001F600 please")
    dialog = _dialog(qtbot, controller, library)
    dialog.output_edit.setText(str(tmp_path / "emoji.pdf"))
    with qtbot.waitSignal(dialog.finished_export, timeout=60000) as blocker:
        dialog.start_export()
    assert blocker.args == ["done"]
    assert "could not be shown" in dialog.status_label.text()
    assert "U+1F600" in dialog.status_label.text()


def test_opening_the_dialog_loads_the_chosen_writer_off_the_gui_thread(qtbot, controller, library, monkeypatch):
    from briefing.writers import WriterInfo

    prepared: list[tuple[str, bool]] = []
    monkeypatch.setattr(WriterInfo, "prepare", lambda self: prepared.append(
        (self.name, threading.current_thread() is threading.main_thread())))
    dialog = _dialog(qtbot, controller, library)
    qtbot.waitUntil(lambda: ("pdf", False) in prepared, timeout=5000)
    dialog.choices.format_box.setCurrentIndex(dialog.choices.format_box.findData("html"))
    qtbot.waitUntil(lambda: ("html", False) in prepared, timeout=5000)
    assert all(not on_gui for _, on_gui in prepared)

