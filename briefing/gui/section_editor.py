"""Key points and discussion questions of the section selected in the outline.

One line per point/question.  Like the details form, each list is committed as one undo
step (``EditSection``) when the user leaves the box, not per keystroke.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from briefing.gui.focus_out import FocusOut
from briefing.gui.safe_text import make_plain


def lines_of(text: str) -> list[str]:
    return [line.strip().lstrip("•-* ").strip() for line in text.splitlines() if line.strip()]


class SectionEditor(QWidget):
    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.section_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.heading = make_plain(QLabel())
        self.heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.heading)
        layout.addWidget(QLabel("Key points (one per line):"))
        self.key_points = QPlainTextEdit()
        self.key_points.setTabChangesFocus(True)
        layout.addWidget(self.key_points)
        layout.addWidget(QLabel("Discussion questions (one per line):"))
        self.questions = QPlainTextEdit()
        self.questions.setTabChangesFocus(True)
        layout.addWidget(self.questions)
        for box in (self.key_points, self.questions):
            box.installEventFilter(FocusOut(self.commit, box))
        controller.current_section_changed.connect(self.show_section)
        controller.changed.connect(self.refresh)
        self.show_section(controller.current_section_id)

    def show_section(self, section_id: str | None) -> None:
        self.commit()  # keep what was typed for the previous section
        self.section_id = section_id
        self.refresh()

    def commit(self) -> None:
        if self.section_id and self.controller.section(self.section_id) is not None:
            self.controller.set_section_lists(
                self.section_id,
                key_points=lines_of(self.key_points.toPlainText()),
                discussion_questions=lines_of(self.questions.toPlainText()),
            )
        for box in (self.key_points, self.questions):
            box.document().setModified(False)

    def refresh(self) -> None:
        section = self.controller.section(self.section_id)
        enabled = section is not None
        self.key_points.setEnabled(enabled)
        self.questions.setEnabled(enabled)
        self.heading.setText(section.title if section else "Select a section in the outline")
        for box, values in ((self.key_points, section.key_points if section else []),
                            (self.questions, section.discussion_questions if section else [])):
            if box.hasFocus() and box.document().isModified():
                continue  # the user is typing here; committed when they leave the box
            if lines_of(box.toPlainText()) != values:
                box.setPlainText("\n".join(values))
