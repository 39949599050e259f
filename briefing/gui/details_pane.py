"""The briefing's details (cover page facts and output settings) as a form.

Each field becomes one ``SetMeta`` undo step when the user finishes with it (Enter, Tab,
focus leaving, or picking from a list) -- never one step per keystroke.  The form follows
the document: undo, redo and opening another briefing refresh it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from briefing import registry
from briefing.gui.focus_out import CommitBox

MARKINGS = (
    "",
    "UNCLASSIFIED",
    "UNCLASSIFIED // FOR OFFICIAL USE ONLY",
    "CONTROLLED UNCLASSIFIED INFORMATION",
    "SENSITIVE BUT UNCLASSIFIED",
    "CONFIDENTIAL",
    "INTERNAL — NOT FOR DISTRIBUTION",
    "DRAFT",
    "PRE-DECISIONAL",
)
TEXT_FIELDS = (
    ("title", "Title:"),
    ("subtitle", "Subtitle:"),
    ("prepared_for", "Prepared for:"),
    ("prepared_by", "Prepared by:"),
    ("event", "Event:"),
    ("date", "Date:"),
)
# Multi-line fields: (name, label, placeholder, height)
BLOCK_FIELDS = (
    ("designation", "Designation:", "The block printed under the marking, e.g. “Classified by: … Reason: …”", 48),
    ("purpose", "Purpose:", "Why this briefing exists and what the reader should take from it", 64),
    ("summary", "BLUF / summary:", "Bottom line up front: what the principal must know, in two or three sentences", 80),
)


def _typing(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        return widget.isModified()
    if isinstance(widget, QPlainTextEdit):
        return widget.document().isModified()
    return False


class BriefingDetailsPane(QWidget):
    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.fields: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name, label in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.editingFinished.connect(lambda n=name, e=edit: self.commit(n, e.text()))
            self.fields[name] = edit
            form.addRow(label, edit)
        self.fields["date"].setPlaceholderText("as it should be printed, e.g. 23 November 2026")

        marking = QComboBox()
        marking.setEditable(True)
        marking.addItems(list(MARKINGS))
        marking.setToolTip("Handling marking printed on the cover and every page")
        marking.lineEdit().editingFinished.connect(lambda: self.commit("marking", marking.currentText()))
        marking.activated.connect(lambda _i: self.commit("marking", marking.currentText()))
        self.fields["marking"] = marking
        form.addRow("Marking:", marking)

        for name, label, placeholder, height in BLOCK_FIELDS:
            box = CommitBox()
            box.setObjectName(name)
            box.setPlaceholderText(placeholder)
            box.setTabChangesFocus(True)
            box.setFixedHeight(height)
            box.left.connect(lambda n=name, b=box: self.commit(n, b.toPlainText()))
            self.fields[name] = box
            form.addRow(label, box)

        for name, label, choices in (("theme", "Theme:", registry.themes().choices()),
                                     ("citation_style", "Citation style:", registry.styles().choices()),
                                     ("page_size", "Page size:", registry.page_sizes().choices())):
            box = QComboBox()
            for value, text in choices:
                box.addItem(text, value)
            box.activated.connect(lambda _i, n=name, b=box: self.commit(n, b.currentData()))
            self.fields[name] = box
            form.addRow(label, box)

        controller.changed.connect(self.refresh)
        self.refresh()

    def commit(self, name: str, value: str) -> None:
        """One undo step per finished edit; nothing when the value did not change."""
        value = value.strip()
        if name == "title" and not value:
            self.refresh()  # a briefing keeps a title; put the old one back
            return
        self.controller.set_meta(name, value)
        widget = self.fields[name]
        if isinstance(widget, QLineEdit):
            widget.setModified(False)
        elif isinstance(widget, QPlainTextEdit):
            widget.document().setModified(False)

    def refresh(self) -> None:
        meta = self.controller.briefing.meta
        for name, widget in self.fields.items():
            value = getattr(meta, name)
            if widget.hasFocus() and _typing(widget):
                continue  # don't throw away what the user is typing; it is committed when they leave
            if isinstance(widget, QLineEdit):
                if widget.text() != value:
                    widget.setText(value)
            elif isinstance(widget, QPlainTextEdit):
                if widget.toPlainText() != value:
                    widget.setPlainText(value)
            elif widget.isEditable():
                if widget.currentText() != value:
                    widget.setEditText(value)
            else:
                index = widget.findData(value)
                if index >= 0 and index != widget.currentIndex():
                    widget.setCurrentIndex(index)
