"""File > Export from the main window: layout and format chosen, the page budget's verdict shown
before exporting, the offer to move a memo's background to an attachment, the choices kept in
the briefing."""

from __future__ import annotations

import docx
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from briefing.model import storage
from briefing.model.assemble import assemble
from mainwindow_support import make_window


def test_memo_budget_verdict_attachment_offer_and_word_export(qtbot, library, index, tmp_path):
    window = make_window(qtbot, library, index)
    path = tmp_path / "ten.briefing.yaml"
    storage.save(assemble(library, index, sorted(library.topics), per_topic=4), path)
    assert window.open_briefing(path)
    out = tmp_path / "memo.docx"
    seen: dict = {}

    def drive():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not hasattr(dialog, "choices"):
            QTimer.singleShot(50, drive)  # exec() has not shown the dialog yet
            return
        try:
            run(dialog)
        finally:
            dialog.reject()

    def run(dialog):
        choices = dialog.choices
        with qtbot.waitSignal(choices.verdict_changed, timeout=60000) as checked:
            choices.layout_box.setCurrentIndex(choices.layout_box.findData("info-memo"))
        seen["over"] = checked.args[0]
        seen["said"] = choices.verdict_label.text()
        seen["offered"] = choices.attachment_button.isVisible()
        with qtbot.waitSignal(choices.verdict_changed, timeout=60000) as moved:
            qtbot.mouseClick(choices.attachment_button, Qt.MouseButton.LeftButton)
        seen["moved"] = moved.args[0]
        choices.format_box.setCurrentIndex(choices.format_box.findData("docx"))
        seen["suffix"] = dialog.output_path().suffix
        dialog.output_edit.setText(str(out))
        with qtbot.waitSignal(dialog.finished_export, timeout=60000) as finished:
            dialog.start_export()
        seen["state"] = finished.args[0]

    QTimer.singleShot(0, drive)
    window.actions["export"].trigger()

    over = seen["over"]
    assert not over.fits and over.over >= 1
    assert "more than its 2-page budget" in seen["said"] and seen["offered"]
    assert seen["moved"].fits and seen["moved"].attachment_pages >= 1
    assert seen["suffix"] == ".docx" and seen["state"] == "done"
    headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert "Attachment: Background excerpts" in headings
    meta = window.controller.briefing.meta
    assert (meta.layout, meta.export_format) == ("info-memo-attachment", "docx")  # remembered in the briefing
    assert window.controller.is_dirty()
