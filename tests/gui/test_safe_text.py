"""Labels and tooltips that show source or user text never interpret it as HTML (which could
make Qt read a local image file named in the text)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.gui.document import DocumentController
from briefing.gui.excerpt_dialogs import CommentDialog
from briefing.gui.outline_model import OutlineModel
from briefing.gui.safe_text import plain_tooltip
from briefing.gui.section_editor import SectionEditor
from briefing.library import Library

PAYLOAD = '<img src="file:///etc/passwd"> <b>bold</b> & more'


def test_plain_tooltip_escapes_markup():
    tip = plain_tooltip(PAYLOAD)
    assert "<img" not in tip and "&lt;img" in tip and "&amp; more" in tip


def test_section_heading_comment_quote_and_outline_tooltips_stay_text(qtbot):
    library = Library.load(cache_path=False)
    controller = DocumentController(library)
    section = controller.add_section(PAYLOAD)
    source = library.sorted_sources()[0]
    excerpt = controller.excerpt_from_source(source.id, 1, 0, 20)
    excerpt.comment = PAYLOAD
    item = controller.add_excerpt(excerpt, section_id=section)
    controller.add_note(PAYLOAD, section)

    editor = SectionEditor(controller)
    qtbot.addWidget(editor)
    editor.show_section(section)
    assert editor.heading.textFormat() == Qt.TextFormat.PlainText
    assert editor.heading.text() == PAYLOAD

    dialog = CommentDialog(controller.briefing.all_excerpts()[0])
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in dialog.findChildren(QLabel))

    model = OutlineModel(controller)
    section_index = model.index(0, 0)
    tips = [model.data(section_index, Qt.ItemDataRole.ToolTipRole)]
    tips += [model.data(model.index(r, 0, section_index), Qt.ItemDataRole.ToolTipRole)
             for r in range(model.rowCount(section_index))]
    assert item and len(tips) == 3
    for tip in tips:
        assert "<img" not in tip and "<b>" not in tip
    controller.close_cleanly()
