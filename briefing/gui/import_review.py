"""The import review: what will be kept and what dropped (struck through), and the proposed metadata.

One dialog per file.  Each block is a checkable row (kind, page, text): unticking drops a kept
block, ticking keeps a dropped one; dropped rows are struck through and say why cleaning dropped
them.  Each metadata field is editable and labelled *found in the file*, *inferred* (with the
reason) or *empty*; a value the user changes is theirs, so it loses the inferred mark.  A
duplicate (same file or near-identical text as an existing source) is named at the top and the
import button says so.  "Accept all" accepts this file and every remaining one of the batch as
proposed.  All text is shown as plain text (no rich-text interpretation of document content).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.safe_text import plain_label, plain_tooltip
from briefing.importing.model import EMPTY, FOUND, INFERRED, META_FIELDS, Extract, MetaValue
from briefing.library.source import KINDS

ACCEPT_ALL = 2  # QDialog result beside Accepted (1) and Rejected (0)
LABELS = {"title": "Title", "authors": "Authors", "date": "Date", "publisher": "Publisher", "site": "Site",
          "url": "URL", "language": "Language", "kind": "Kind"}
STATUS_TEXT = {FOUND: "found in the file", INFERRED: "inferred", EMPTY: "empty"}


def _shown(value) -> str:
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return "" if value is None else str(value)


class ImportReviewDialog(QDialog):
    """``exec()``/``open()``; on Accepted or ACCEPT_ALL, ``extract`` holds the user's choices."""

    def __init__(self, extract: Extract, duplicate: str | None = None, position: str = "",
                 batch: bool = False, parent=None):
        super().__init__(parent)
        self.extract = extract
        self.setObjectName("importReviewDialog")
        self.setWindowTitle(f"Import {position} — review".replace("  ", " "))
        self.setAccessibleName("Import review")
        self.resize(900, 640)

        header = plain_label(extract.path, self)
        header.setObjectName("importPath")
        header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.duplicate_label = plain_label(duplicate or "", self)
        self.duplicate_label.setObjectName("importDuplicate")
        self.duplicate_label.setWordWrap(True)
        self.duplicate_label.setVisible(bool(duplicate))
        self.duplicate_label.setStyleSheet("color: #a33; font-weight: bold;")

        form_widget = QWidget(self)
        form = QFormLayout(form_widget)
        self.edits: dict[str, QLineEdit | QComboBox] = {}
        self.status_labels: dict[str, QLabel] = {}
        for name in META_FIELDS:
            meta = extract.meta.get(name) or MetaValue()
            if name == "kind":  # one of the library's kinds, not free text
                edit = QComboBox(form_widget)
                edit.addItems(KINDS)
                edit.setCurrentText(_shown(meta.value) or "other")
                edit.currentTextChanged.connect(lambda _text, n=name: self._edited(n))
            else:
                edit = QLineEdit(_shown(meta.value), form_widget)
                edit.setCursorPosition(0)
                edit.textEdited.connect(lambda _text, n=name: self._edited(n))
            edit.setObjectName(f"import_{name}")
            edit.setAccessibleName(LABELS[name])
            if name == "authors":
                edit.setPlaceholderText("Separate several authors with ';'")
            elif name == "date":
                edit.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD; leave empty if unknown")
            status = plain_label(self._status_text(meta), form_widget)
            status.setObjectName(f"import_{name}_status")
            status.setToolTip(plain_tooltip(meta.reason) if meta.reason else None)
            self.status_labels[name] = status
            self.edits[name] = edit
            row = QWidget(form_widget)
            row_layout = QVBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.setSpacing(0)
            row_layout.addWidget(edit)
            row_layout.addWidget(status)
            form.addRow(LABELS[name], row)

        self.blocks = QTreeWidget(self)
        self.blocks.setObjectName("importBlocks")
        self.blocks.setAccessibleName("Text to import: ticked blocks are kept")
        self.blocks.setColumnCount(4)
        self.blocks.setHeaderLabels(["Keep", "Kind", "Page", "Text"])
        self.blocks.setRootIsDecorated(False)
        self.blocks.setWordWrap(True)
        self.blocks.setUniformRowHeights(False)
        self.blocks.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        head = self.blocks.header()
        for col in range(3):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for block in extract.blocks:
            item = QTreeWidgetItem(["", block.kind, str(block.page or ""), block.text])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if block.keep else Qt.CheckState.Unchecked)
            self.blocks.addTopLevelItem(item)
            self._style(item, block)
        self.blocks.itemChanged.connect(self._toggled)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(form_widget)
        split.addWidget(self.blocks)
        split.setStretchFactor(1, 1)

        self.summary = plain_label("", self)
        self.summary.setObjectName("importSummary")
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton("Import anyway" if duplicate else "&Import",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importAccept")
        self.skip_button = buttons.addButton("&Skip this file", QDialogButtonBox.ButtonRole.RejectRole)
        self.skip_button.setObjectName("importSkip")
        self.accept_all_button: QPushButton | None = None
        if batch:
            self.accept_all_button = buttons.addButton("Accept &all", QDialogButtonBox.ButtonRole.ActionRole)
            self.accept_all_button.setObjectName("importAcceptAll")
            self.accept_all_button.setToolTip("Import this file and every remaining one as proposed "
                                              "(duplicates are skipped)")
            self.accept_all_button.clicked.connect(self.accept_all)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.duplicate_label)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self._update_summary()

    # -- blocks ------------------------------------------------------------------------------------
    def _style(self, item: QTreeWidgetItem, block) -> None:
        font = item.font(3)
        font.setStrikeOut(not block.keep)
        font.setBold(block.kind == "heading")
        item.setFont(3, font)
        tip = f"Dropped: {block.reason}\n\n{block.text}" if not block.keep and block.reason else block.text
        item.setToolTip(3, plain_tooltip(tip))

    def _toggled(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            return
        block = self.extract.blocks[self.blocks.indexOfTopLevelItem(item)]
        block.keep = item.checkState(0) == Qt.CheckState.Checked
        if block.keep:
            block.reason = None
        elif not block.reason:
            block.reason = "dropped by you"
        self.blocks.blockSignals(True)
        self._style(item, block)
        self.blocks.blockSignals(False)
        self._update_summary()

    def set_kept(self, row: int, keep: bool) -> None:
        """Tick or untick a block (what a click on its box does)."""
        self.blocks.topLevelItem(row).setCheckState(0, Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)

    def _update_summary(self) -> None:
        kept = len(self.extract.kept())
        dropped = len(self.extract.dropped())
        self.summary.setText(f"{kept} block{'s' * (kept != 1)} kept, {dropped} dropped (struck through). "
                             "Tick or untick a block to change it.")
        self.import_button.setEnabled(any(b.kind != "caption" for b in self.extract.kept()))

    # -- metadata ------------------------------------------------------------------------------------
    @staticmethod
    def _status_text(meta: MetaValue) -> str:
        text = STATUS_TEXT.get(meta.status, meta.status)
        return f"{text}: {meta.reason}" if meta.status == INFERRED and meta.reason else text

    def field_text(self, name: str) -> str:
        edit = self.edits[name]
        return (edit.currentText() if isinstance(edit, QComboBox) else edit.text()).strip()

    def _edited(self, name: str) -> None:
        self.status_labels[name].setText("entered by you" if self.field_text(name) else "empty")
        self.status_labels[name].setToolTip(None)

    def _apply_metadata(self) -> None:
        for name in self.edits:
            text = self.field_text(name)
            meta = self.extract.meta.get(name) or MetaValue()
            if text == _shown(meta.value):
                continue
            if not text:
                self.extract.meta[name] = MetaValue()
                continue
            value = [a.strip() for a in text.split(";") if a.strip()] if name == "authors" else text
            self.extract.meta[name] = MetaValue(value, FOUND, "Entered by the user on import.")

    def accept(self) -> None:
        self._apply_metadata()
        super().accept()

    def accept_all(self) -> None:
        self._apply_metadata()
        self.done(ACCEPT_ALL)
