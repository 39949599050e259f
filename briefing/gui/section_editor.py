"""Everything about the section selected in the outline: title, kind, purpose, key points, talking
points and discussion questions.

Lists are one entry per line.  Like the details form, each box is committed as one undo step
(``EditSection``) when the user leaves it (Tab, a click elsewhere, choosing another section), not
per keystroke.  The main window shows this in the "Section" dock whenever a section (or an item
in it) is selected in the outline.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from briefing.gui.focus_out import CommitBox
from briefing.gui.safe_text import make_plain

KINDS = (("normal", "Discussion"), ("bios", "Biographies"), ("logistics", "Logistics"))
LISTS = (
    ("key_points", "&Key points:", "One key point per line"),
    ("talking_points", "&Talking points:", "What the principal may say, one per line"),
    ("discussion_questions", "&Questions:", "Discussion questions, one per line"),
)


def lines_of(text: str) -> list[str]:
    return [line.strip().lstrip("•-* ").strip() for line in text.splitlines() if line.strip()]


class SectionEditor(QWidget):
    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.section_id: str | None = None
        self.setObjectName("SectionEditor")
        form = QFormLayout(self)
        form.setContentsMargins(4, 4, 4, 4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.heading = make_plain(QLabel())
        bold = self.heading.font()  # a font, not a style sheet (see outline_pane's empty hint)
        bold.setBold(True)
        self.heading.setFont(bold)
        form.addRow(self.heading)
        self.title = QLineEdit()
        self.title.setObjectName("sectionTitle")
        self.title.editingFinished.connect(self.commit)
        form.addRow(_buddy("Titl&e:", self.title), self.title)
        self.kind = QComboBox()
        self.kind.setObjectName("sectionKind")
        for value, text in KINDS:
            self.kind.addItem(text, value)
        self.kind.setToolTip("How the section is printed: discussion, biographies of people, or logistics")
        self.kind.activated.connect(lambda _i: self.commit())
        form.addRow(_buddy("Ki&nd:", self.kind), self.kind)
        self.purpose = self._box("purpose", "Why this section is in the briefing", 56)
        form.addRow(_buddy("&Purpose:", self.purpose), self.purpose)
        self.lists: dict[str, QPlainTextEdit] = {}
        for name, label, tip in LISTS:
            box = self._box(name, tip, 72)
            self.lists[name] = box
            form.addRow(_buddy(label, box), box)
        self.key_points, self.questions = self.lists["key_points"], self.lists["discussion_questions"]
        controller.current_section_changed.connect(self.show_section)
        controller.changed.connect(self.refresh)
        self.show_section(controller.current_section_id)

    def _box(self, name: str, tip: str, height: int) -> QPlainTextEdit:
        box = CommitBox()
        box.setObjectName(name)
        box.setPlaceholderText(tip)
        box.setTabChangesFocus(True)
        box.setMinimumHeight(height)
        box.left.connect(self.commit)
        return box

    def _boxes(self) -> list[QPlainTextEdit]:
        return [self.purpose, *self.lists.values()]

    def show_section(self, section_id: str | None) -> None:
        if section_id is None and self.section_id is not None and self.controller.section(self.section_id):
            self.commit()  # keep what was typed, but stay on the section the user was editing
            return
        self.commit()
        self.section_id = section_id
        self.refresh()

    def commit(self) -> None:
        """One undo step for whatever changed in this form."""
        if self.section_id is None:
            # Nothing shown: the boxes are disabled and their modified flags were cleared when the last
            # section left (or never set).  Returning here also keeps the first call, at start-up, from
            # setting up QTextDocument's Python class and its enums (~1 ms) through document().
            return
        if self.section_id and self.controller.section(self.section_id) is not None:
            values = {name: lines_of(box.toPlainText()) for name, box in self.lists.items()}
            self.controller.set_section_fields(
                self.section_id, title=self.title.text().strip() or None, kind=self.kind.currentData(),
                purpose=self.purpose.toPlainText().strip(), **values)
        self.title.setModified(False)
        for box in self._boxes():
            box.document().setModified(False)

    def refresh(self) -> None:
        section = self.controller.section(self.section_id)
        for widget in (self.title, self.kind, *self._boxes()):
            widget.setEnabled(section is not None)
        self.heading.setText(section.title if section else "Select a section in the outline")
        if section is None:
            return
        if not (self.title.hasFocus() and self.title.isModified()) and self.title.text() != section.title:
            self.title.setText(section.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(section.kind)))
        values = {"purpose": section.purpose, **{name: getattr(section, name) for name in self.lists}}
        for box in self._boxes():
            if box.hasFocus() and box.document().isModified():
                continue  # the user is typing here; committed when they leave the box
            value = values[box.objectName()]
            text = value if isinstance(value, str) else "\n".join(value)
            if (box.toPlainText().strip() if isinstance(value, str) else lines_of(box.toPlainText())) != (
                    value.strip() if isinstance(value, str) else value):
                box.setPlainText(text)


def _buddy(text: str, widget: QWidget) -> QLabel:
    """A label whose &-key moves the focus to ``widget`` (keyboard reach)."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label
