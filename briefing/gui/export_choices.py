"""The export dialog's layout and format rows and the page budget's verdict.

Layouts come from the registry (a layout file dropped in a user folder shows up), formats from
the writer registry.  When the chosen layout has a page budget (the information memo: two
pages), the verdict is worked out in the background as soon as the dialog opens or a choice
changes — one PDF layout in memory (``briefing.writers.budget``) — and shown before the user
exports; when the memo does not fit, a button offers the layout that moves the background to
an attachment.  The choices are remembered in the briefing (undoable edits of its meta) when
the export starts.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from briefing import registry, writers
from briefing.gui.safe_text import make_plain
from briefing.gui.worker import run_in_background


def current_layout(meta) -> str:
    """The layout an export of this briefing uses when the user picks nothing."""
    from briefing.compose import layout_for

    try:
        return layout_for(meta).name
    except Exception:  # a bad layout file: the combo falls back to its first entry
        return meta.layout or ""


class ExportChoices(QObject):
    verdict_changed = Signal(object)  # briefing.writers.budget.Verdict | None

    def __init__(self, controller, library, dialog: QWidget, form: QFormLayout, options) -> None:
        super().__init__(dialog)
        self.controller, self.library, self.options = controller, library, options  # options(): theme/style/page
        meta = controller.briefing.meta
        self.layout_box = QComboBox(dialog)
        for name, label in registry.layouts().choices():
            self.layout_box.addItem(label, name)
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(current_layout(meta))))
        self.layout_box.setAccessibleName("Layout")
        self.format_box = QComboBox(dialog)
        for name in writers.names():
            self.format_box.addItem(writers.get(name).label, name)
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(meta.export_format or "pdf")))
        self.format_box.setAccessibleName("Format")
        self.verdict_label = make_plain(QLabel("", dialog))
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setAccessibleName("Page budget")
        self.verdict_label.setMinimumHeight(3 * self.verdict_label.fontMetrics().lineSpacing())
        self.attachment_button = QPushButton("Move background to an attachment", dialog)
        self.attachment_button.setToolTip("Use the layout that prints the background excerpts as an attachment "
                                          "after the memo (outside its page budget)")
        self.attachment_button.hide()
        self.attachment_button.clicked.connect(self.use_attachment_layout)
        budget_box = QVBoxLayout()
        budget_box.setContentsMargins(0, 0, 0, 0)
        budget_box.addWidget(self.verdict_label)
        budget_row = QHBoxLayout()
        budget_row.addWidget(self.attachment_button)
        budget_row.addStretch(1)
        budget_box.addLayout(budget_row)
        form.insertRow(0, "Layout:", self.layout_box)
        form.insertRow(1, "Format:", self.format_box)
        form.addRow("Page budget:", budget_box)
        self.verdict = None
        self.task = None
        self.generation = 0
        self.layout_box.currentIndexChanged.connect(lambda _i: self.check_budget())

    # -- values ------------------------------------------------------------------------
    def layout(self) -> str:
        return self.layout_box.currentData()

    def format(self) -> str:
        return self.format_box.currentData() or "pdf"

    def extension(self) -> str:
        return writers.get(self.format()).extension

    def remember(self) -> None:
        """The chosen layout, format, theme, style and page size become the briefing's own."""
        meta = self.controller.briefing.meta
        chosen = {"layout": self.layout(), "export_format": self.format(), "theme": self.options().get("theme"),
                  "citation_style": self.options().get("style"), "page_size": self.options().get("page_size")}
        for field, value in chosen.items():
            if value and getattr(meta, field, None) != value:
                self.controller.set_meta(field, value)

    # -- the page budget ---------------------------------------------------------------
    def check_budget(self) -> None:
        """Work out the verdict off the GUI thread (one PDF layout), for the current choices."""
        from briefing.writers import budget

        self.generation += 1
        generation, layout, library = self.generation, self.layout(), self.library
        if not budget.page_budget(self.controller.briefing, layout):
            self._show(generation, None)
            return
        briefing = copy.deepcopy(self.controller.briefing)
        options = {k: v for k, v in self.options().items() if k in ("theme", "style", "page_size")}
        self.verdict_label.setText("Checking whether it fits its page budget…")
        self.attachment_button.hide()
        self.task = run_in_background(lambda: budget.check(briefing, library, layout, **options),
                                      on_done=lambda verdict: self._show(generation, verdict),
                                      on_error=lambda exc: self._failed(generation, exc))

    def _show(self, generation: int, verdict) -> None:
        if generation != self.generation or not isValid(self.verdict_label):
            return  # the choices changed since this check started, or the dialog is gone
        self.verdict = verdict
        if verdict is None:
            self.verdict_label.setText("This layout has no page budget.")
            self.attachment_button.hide()
        else:
            offer_button = bool(not verdict.fits and verdict.attachment_layout)  # the button is the offer
            self.verdict_label.setText(verdict.message if verdict.fits or offer_button
                                       else f"{verdict.message} {verdict.offer}")
            self.verdict_label.setStyleSheet("" if verdict.fits else "color: #a00;")
            self.attachment_button.setVisible(offer_button)
        self.verdict_changed.emit(verdict)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self.generation and isValid(self.verdict_label):
            self.verdict_label.setText(f"The page budget could not be checked: {exc}")

    def use_attachment_layout(self) -> None:
        if self.verdict is not None and self.verdict.attachment_layout:
            index = self.layout_box.findData(self.verdict.attachment_layout)
            if index >= 0:
                self.layout_box.setCurrentIndex(index)  # checks the budget again

    def cancel(self) -> None:
        self.generation += 1
        if self.task is not None:
            self.task.cancel()
