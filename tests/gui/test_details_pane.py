"""Briefing details form and section editor: one undo step per finished edit, and they follow undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from briefing.gui.details_pane import BriefingDetailsPane
from briefing.gui.document import DocumentController
from briefing.gui.section_editor import SectionEditor
from briefing.library import Library


@pytest.fixture(scope="module")
def library():
    return Library.load(cache_path=False)


def test_typing_a_title_is_one_undo_step(qtbot, library):
    c = DocumentController(library)
    pane = BriefingDetailsPane(c)
    qtbot.addWidget(pane)
    pane.show()
    title = pane.fields["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Colombia brief")
    assert c.briefing.meta.title == "Untitled briefing"  # nothing committed per keystroke
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert c.briefing.meta.title == "Colombia brief"
    c.undo()
    assert c.briefing.meta.title == "Untitled briefing"
    assert title.text() == "Untitled briefing"  # the form follows undo
    assert not c.can_undo()
    pane.fields["citation_style"].setCurrentIndex(pane.fields["citation_style"].findData("mla"))
    pane.fields["citation_style"].activated.emit(pane.fields["citation_style"].currentIndex())
    assert c.briefing.meta.citation_style == "mla"
    c.close_cleanly()


def test_section_editor_commits_lists(qtbot, library):
    c = DocumentController(library)
    editor = SectionEditor(c)
    qtbot.addWidget(editor)
    sid = c.add_section("One")
    assert editor.section_id == sid
    editor.key_points.setPlainText("- first point\n\n• second point")
    editor.questions.setPlainText("Why?")
    editor.commit()
    assert c.section(sid).key_points == ["first point", "second point"]
    assert c.section(sid).discussion_questions == ["Why?"]
    c.undo()
    assert c.section(sid).key_points == [] and editor.key_points.toPlainText() == ""
    c.close_cleanly()
