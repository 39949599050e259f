"""Export the briefing to PDF: choose options and a file, then render off the GUI thread.

The export works on a snapshot of the briefing taken when it starts, so edits made while it
runs cannot tear the document; the window stays responsive, shows progress and can cancel.
Failures are shown in plain words (``BriefingError`` messages), never as a traceback.
"""

from __future__ import annotations

import copy
import inspect
import os
import re
import threading
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing import registry
from briefing.analysis import AIDS
from briefing.errors import BriefingError, ContentError
from briefing.outputs import OutputRefused, check_output
from briefing.writers import ExportCancelled, export
from briefing.writers import prepare as prepare_export
from briefing.gui.worker import run_in_background
from briefing.gui.safe_text import make_plain
from briefing.gui.export_choices import ExportChoices

INCLUDE = (("cover", "Cover page"), ("toc", "Table of contents"), ("sources", "Sources list"), ("comments", "Comments on excerpts"),
           ("figures", "Key figures table"), ("timeline", "Timeline"), ("conflicts", "Conflicting claims"),
           ("balance", "Source balance per section"))  # the last four: the briefing aids, off by default

try:  # PySide6-Essentials has no QtPdf; the preview is a bonus where it exists.
    from PySide6.QtPdf import QPdfDocument  # noqa: F401

    HAVE_QTPDF = True
except ImportError:  # pragma: no cover - depends on the installed wheel
    HAVE_QTPDF = False


def default_pdf_path(controller) -> Path:
    if controller.path is not None:
        name = controller.path.name
        for suffix in (".briefing.yaml", ".yaml"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        return controller.path.with_name(name + ".pdf")
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or ""
    if not docs or not Path(docs).is_dir():  # no Documents folder (a fresh account, a server): the home folder
        docs = str(Path.home())
    slug = re.sub(r"[^A-Za-z0-9]+", "-", controller.briefing.meta.title).strip("-").lower() or "briefing"
    return Path(docs) / f"{slug}.pdf"


def open_url(url: QUrl) -> bool:
    """Hand a file or folder to the desktop (tests replace this)."""
    return QDesktopServices.openUrl(url)


def plain_error(exc: BaseException) -> str:
    if isinstance(exc, BriefingError):
        return str(exc)
    if isinstance(exc, ContentError):
        return f"A theme or source file has a problem: {exc}"
    if isinstance(exc, OSError):
        return f"Could not write the PDF: {exc.strerror or exc}."
    return f"The export failed unexpectedly: {exc}"


def _combo(choices, current: str) -> QComboBox:
    box = QComboBox()
    for value, label in choices:
        box.addItem(label, value)
    index = box.findData(current)
    box.setCurrentIndex(max(0, index))
    return box


class ExportDialog(QDialog):
    """States: "idle" → "running" → "done" | "failed" | "cancelled" (then idle-able again)."""

    finished_export = Signal(str)  # the final state

    def __init__(self, controller, library, parent: QWidget | None = None, *, open_when_done: bool | None = None):
        super().__init__(parent)
        self.controller = controller
        self.library = library
        self.setWindowTitle("Export")
        self.state = "idle"
        self.result = None  # ExportResult of the last successful export
        self.error_message = ""
        self.progress_values: list[float] = []
        offscreen = os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal")
        self.open_when_done = (not offscreen) if open_when_done is None else open_when_done
        self._cancel = threading.Event()
        self._task = None
        meta = controller.briefing.meta
        export_params = inspect.signature(export).parameters
        self._supports_include = "include" in export_params

        layout = QVBoxLayout(self)
        form = QFormLayout()
        # read each time the dialog opens: a file dropped into a user folder shows up without a restart
        self.theme_box = _combo(registry.themes().choices(), meta.theme)
        self.style_box = _combo(registry.styles().choices(), meta.citation_style)
        self.page_box = _combo(registry.page_sizes().choices(), meta.page_size)
        form.addRow("Theme:", self.theme_box)
        form.addRow("Citation style:", self.style_box)
        form.addRow("Page size:", self.page_box)
        path_row = QHBoxLayout()
        self.output_edit = QLineEdit(str(default_pdf_path(controller)))
        self.browse_button = QPushButton("Choose…")
        self.browse_button.clicked.connect(self._browse)
        path_row.addWidget(self.output_edit, 1)
        path_row.addWidget(self.browse_button)
        form.addRow("Save as:", path_row)
        # layout and format rows, and the page budget's verdict before exporting
        self.choices = ExportChoices(controller, library, self, form, self.options)
        self.choices.format_box.currentIndexChanged.connect(lambda _i: self._set_extension())
        for box in (self.theme_box, self.style_box, self.page_box):
            box.currentIndexChanged.connect(lambda _i: self.choices.check_budget())
        self._set_extension()
        layout.addLayout(form)

        include_box = QGroupBox("Include")
        include_layout = QVBoxLayout(include_box)
        self.include_checks: dict[str, QCheckBox] = {}
        for key, label in INCLUDE:
            check = QCheckBox(label)
            check.setChecked(key not in AIDS)
            if key != "comments" and not self._supports_include:
                check.setEnabled(False)
                check.setToolTip("Always included by this version of the PDF exporter.")
            self.include_checks[key] = check
            include_layout.addWidget(check)
        layout.addWidget(include_box)

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        self.status_label = make_plain(QLabel(""))
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = QPushButton("Cancel export")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        self.open_button = QPushButton("&Open")
        self.open_button.setToolTip("Open the exported file")
        self.open_button.clicked.connect(lambda: open_url(QUrl.fromLocalFile(str(self.exported_path()))))
        self.folder_button = QPushButton("Show in &folder")
        self.folder_button.setToolTip("Open the folder that holds the exported file")
        self.folder_button.clicked.connect(lambda: open_url(QUrl.fromLocalFile(str(self.exported_path().parent))))
        for button in (self.open_button, self.folder_button):
            button.hide()  # shown after a successful export
            buttons.insertWidget(0, button)
        for button in (self.export_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.resize(520, 0)
        self.choices.check_budget()

    # -- choices ----------------------------------------------------------------------------
    def options(self) -> dict:
        chosen = {
            "theme": self.theme_box.currentData(),
            "style": self.style_box.currentData(),
            "page_size": self.page_box.currentData(),
        }
        choices = getattr(self, "choices", None)  # None while the dialog is being built
        if choices is not None:
            chosen.update(layout=choices.layout(), format=choices.format())
        return chosen

    def _set_extension(self) -> None:
        """The file name follows the chosen format (briefing.pdf -> briefing.docx)."""
        text = self.output_edit.text().strip()
        if text:
            self.output_edit.setText(str(Path(text).with_suffix(self.choices.extension())))
        self._prepare_writer()

    def _prepare_writer(self) -> None:
        """Load composition, citations and the chosen writer off the GUI thread while the user picks
        options: a first export would otherwise begin with ~0.3 s of imports (reportlab) and fonts.
        A failure here is left for the export itself to report, in its own words."""
        fmt = self.choices.format()
        run_in_background(lambda: prepare_export(fmt), on_error=lambda _exc: None)

    def included(self) -> dict[str, bool]:
        return {key: check.isChecked() for key, check in self.include_checks.items()}

    def output_path(self) -> Path:
        return Path(self.output_edit.text().strip()).expanduser()

    def _browse(self) -> None:
        suffix = self.choices.extension()
        label = self.choices.format_box.currentText()
        path, _ = QFileDialog.getSaveFileName(self, "Export", self.output_edit.text(), f"{label} (*{suffix})")
        if path:
            if not path.lower().endswith(suffix):
                path += suffix
            self.output_edit.setText(path)

    def _snapshot(self):
        """A private copy for the worker thread; comments dropped here when not wanted."""
        briefing = copy.deepcopy(self.controller.briefing)
        if not self.included()["comments"]:
            for excerpt in briefing.all_excerpts():
                excerpt.comment = ""
        return briefing

    # -- running ---------------------------------------------------------------------------
    def start_export(self) -> None:
        if self.state == "running":
            return
        if not self.output_edit.text().strip():
            self._finish("failed", "Choose where to save the PDF first.")
            return
        out = self.output_path()
        try:  # a missing folder is made, as a file manager's "Save as" would
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._finish("failed", f"Could not make the folder {out.parent}: {exc.strerror or exc}.")
            return
        if not self.output_allowed(out):
            return
        self.choices.remember()
        briefing = self._snapshot()
        options = self.options()
        if self._supports_include:
            options["include"] = self.included()
        library = self.library
        self._cancel = threading.Event()
        cancel = self._cancel
        # a theme or layout the briefing names by relative path is looked for beside its file only
        base_dir = self.controller.path.parent if self.controller.path is not None else None

        def work(progress):
            return export(briefing, library, out, progress=progress, cancel=cancel.is_set, base_dir=base_dir,
                          **options)

        self._set_running(True)
        self.progress_values = []
        self.progress_bar.setValue(0)
        self.status_label.setText("Exporting…")
        self._on_progress(0.0)
        self._task = run_in_background(work, on_done=self._on_done, on_error=self._on_error,
                                       on_progress=self._on_progress)

    def output_allowed(self, out: Path) -> bool:
        """Never the open briefing, a link or a device; another file only if the user agrees."""
        try:
            check_output(out, inputs=[self.controller.path])
        except OutputRefused as exc:
            if not (exc.confirmable and self.confirm_replace(str(exc))):
                self._finish("failed", str(exc))
                return False
        return True

    def confirm_replace(self, message: str) -> bool:
        """Asked before replacing a file that is not an earlier export (tests answer it directly)."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, "Replace the file?", f"{message}\n\nReplace it anyway?",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def cancel_export(self) -> None:
        if self.state == "running":
            self._cancel.set()
            self.status_label.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    def _on_progress(self, fraction=0.0, message="", *_rest) -> None:
        if self.state != "running":
            return
        try:
            value = max(0.0, min(1.0, float(fraction)))
        except (TypeError, ValueError):
            return
        self.progress_values.append(value)
        self.progress_bar.setValue(int(round(value * 100)))
        if message and not self._cancel.is_set():
            self.status_label.setText(str(message))

    def _on_done(self, result) -> None:
        self.result = result
        self.progress_bar.setValue(100)
        pages = getattr(result, "pages", None)
        path = getattr(result, "path", self.output_path())
        message = f"Saved {pages} page{'s' if pages != 1 else ''} to {path}." if pages else f"Saved to {path}."
        warning = getattr(result, "warning", None)
        if warning:  # characters the fonts lack were replaced visibly; say so rather than hide it
            message += " " + warning
        self._finish("done", message)
        if self.open_when_done:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def exported_path(self) -> Path:
        return Path(getattr(self.result, "path", None) or self.output_path())

    def _on_error(self, exc: BaseException) -> None:
        if isinstance(exc, ExportCancelled):
            self.progress_bar.setValue(0)
            self._finish("cancelled", "Export cancelled; no file was written.")
        else:
            self._finish("failed", plain_error(exc))

    def _finish(self, state: str, message: str) -> None:
        self.state = state
        self.error_message = message if state == "failed" else ""
        if state != "done":
            self.progress_bar.setValue(0)  # a failed or cancelled export never shows a full bar
        self.open_button.setVisible(state == "done")
        self.folder_button.setVisible(state == "done")
        self._task = None
        self._set_running(False)
        self.status_label.setText(message)
        self.status_label.setStyleSheet("color: #a00;" if state == "failed" else "")
        self.finished_export.emit(state)

    def _set_running(self, running: bool) -> None:
        if running:
            self.state = "running"
            self.status_label.setStyleSheet("")
        for widget in (self.theme_box, self.style_box, self.page_box, self.output_edit, self.browse_button,
                       self.export_button, self.choices.layout_box, self.choices.format_box,
                       *self.include_checks.values()):
            widget.setEnabled(not running)
        for key, check in self.include_checks.items():
            if key != "comments" and not self._supports_include:
                check.setEnabled(False)
        self.cancel_button.setEnabled(running)
        self.close_button.setText("Close")

    def reject(self) -> None:
        """Closing while an export runs cancels it (no half-written file is left)."""
        if self.state == "running":
            self.cancel_export()
        self.choices.cancel()
        super().reject()
