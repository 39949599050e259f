"""Correct a source's metadata (title, publisher, authors, date, URL, kind, language, notes).

The corrected source is written to the user library with ``library.save_user_source`` (a
bundled source is overridden by id, never edited in place).  Excerpts refer to sources by
id, so every excerpt from this source shows the correction at once; the main window
refreshes the panes.  Each field keeps an "inferred" mark the user can set or clear: a
value that the document itself does not state stays marked as such.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.library.source import KINDS
from briefing.library.validate import FieldProblem, source_from_data
from briefing.gui.safe_text import make_plain, plain_tooltip

USER_REASON = "Entered by the user in Source details; not stated in the document."
# the citation fields a style prints (docs/METADATA.md), edited as plain text
CITATION_FIELDS = {"container_title": "&Container (site, newspaper)", "genre": "&Genre",
                   "number": "Report &number", "publisher_place": "Publisher's p&lace",
                   "accessed": "Accessed (YYYY-MM-DD)", "doi": "D&OI"}
FIELDS = ("title", "publisher", "authors", "date", "url", "kind", "language", *CITATION_FIELDS)


def _person(name: str):
    """ "Kolbert, Elizabeth" is a person (family, given); a name without one comma is kept as written."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2 and all(parts):
        return {"family": parts[0], "given": parts[1]}
    return name


class SourceDetailsDialog(QDialog):
    def __init__(self, library, source, parent=None):
        super().__init__(parent)
        self.library, self.source = library, source
        self.saved = None
        self.setWindowTitle(f"Source details — {source.label}")
        self.setAccessibleName("Source details")
        self.setMinimumWidth(640)

        self.edits: dict[str, QWidget] = {}
        self.inferred: dict[str, QCheckBox] = {}
        form = QFormLayout()
        values = {
            "title": source.title or "",
            "publisher": source.publisher or "",
            "authors": "; ".join(source.author_names()),
            "date": source.date or "",
            "url": source.url or "",
            "language": source.language or "",
            **{name: getattr(source, name) or "" for name in CITATION_FIELDS},
        }
        hints = {
            "authors": "A person as 'Family, Given'; an organisation as named; several separated by ';'",
            "date": "YYYY, YYYY-MM or YYYY-MM-DD; leave empty if unknown",
            "url": "http:// or https:// address; leave empty if unknown",
        }
        labels = {"url": "&URL", "title": "&Title", "publisher": "&Publisher", "authors": "&Authors",
                  "date": "&Date", "kind": "&Kind", "language": "&Language", **CITATION_FIELDS}
        for name in FIELDS:
            if name == "kind":
                edit = QComboBox(self)
                edit.addItems(KINDS)
                edit.setCurrentText(source.kind)
            else:
                edit = QLineEdit(values[name], self)
                edit.setPlaceholderText(hints.get(name, "unknown"))
                edit.setCursorPosition(0)  # show the start of a long title, not its end
            edit.setObjectName(f"{name}Edit")
            edit.setAccessibleName(labels[name].replace("&", ""))
            check = QCheckBox("inferred", self)
            check.setObjectName(f"{name}Inferred")
            check.setChecked(source.is_inferred(name))
            check.setToolTip(plain_tooltip(source.inferred.get(name, "Tick if the document does not state this value itself")))
            check.setAccessibleName(f"{labels[name].replace('&', '')} is inferred")
            self._clear_mark_when_corrected(name, edit, check)
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(check)
            label = QLabel(labels[name], self)
            label.setBuddy(edit)
            form.addRow(label, row)
            self.edits[name], self.inferred[name] = edit, check
        self.notes = QPlainTextEdit(source.notes or "", self)
        self.notes.setObjectName("notesEdit")
        self.notes.setAccessibleName("Notes")
        self.notes.setFixedHeight(80)
        form.addRow("&Notes", self.notes)
        self.error = make_plain(QLabel(self))
        self.error.setWordWrap(True)
        self.error.setObjectName("sourceDetailsError")
        info = QLabel(
            "Corrections are saved in your own library and apply to every excerpt from this source.", self
        )
        info.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _clear_mark_when_corrected(self, name: str, edit, check: QCheckBox) -> None:
        """Typing a different value is a correction: it is no longer the importer's inference.
        Unticking the box with the value unchanged confirms the inferred value as stated."""
        original = edit.currentText() if isinstance(edit, QComboBox) else edit.text()
        signal = edit.currentTextChanged if isinstance(edit, QComboBox) else edit.textEdited

        def changed(text: str) -> None:
            if text.strip() != original.strip():
                check.setChecked(False)
                check.setToolTip("Corrected by you: no longer marked inferred (tick to mark it as your inference)")

        signal.connect(changed)
        self._originals = {**getattr(self, "_originals", {}), name: original.strip()}

    def value(self, name: str) -> str:
        edit = self.edits[name]
        return (edit.currentText() if isinstance(edit, QComboBox) else edit.text()).strip()

    def corrected(self):
        """The source with the dialog's values (not yet validated)."""
        shown = dict(zip(self.source.author_names(), self.source.authors))  # unchanged names keep their parts
        authors = [shown.get(a.strip(), _person(a.strip())) for a in self.value("authors").split(";") if a.strip()]
        date = self.value("date") or None
        inferred = {}
        for name, check in self.inferred.items():
            present = bool(authors) if name == "authors" else bool(self.value(name))
            if check.isChecked() and present:
                unchanged = self.value(name) == self._originals.get(name, "")  # the old reason still holds
                inferred[name] = self.source.inferred.get(name, USER_REASON) if unchanged else USER_REASON
        for name, reason in self.source.inferred.items():  # fields this dialog does not edit
            if name not in FIELDS:
                inferred[name] = reason
        return dataclasses.replace(
            self.source,
            title=self.value("title") or None,
            publisher=self.value("publisher") or None,
            authors=authors,
            date=date,
            date_precision=None if date != self.source.date else self.source.date_precision,
            url=self.value("url") or None,
            kind=self.value("kind"),
            language=self.value("language") or None,
            **{name: self.value(name) or None for name in CITATION_FIELDS},
            notes=self.notes.toPlainText().strip() or None,
            inferred=inferred,
            _text=None,
            _paragraphs=None,
        )

    def save(self) -> bool:
        source = self.corrected()
        data = {k: v for k, v in source.metadata().items() if v not in (None, [], {})}
        try:  # validate before anything is written
            source_from_data(data, Path(f"{source.id}.yaml"), "user")
        except FieldProblem as problem:
            field = ".".join(str(k) for k in problem.keys)
            self.error.setText(f"{field or 'Source'}: {problem.message}")
            return False
        try:
            self.saved = self.library.save_user_source(source)
        except OSError as exc:
            self.error.setText(f"Could not save: {exc.strerror or exc}")
            return False
        self.accept()
        return True
