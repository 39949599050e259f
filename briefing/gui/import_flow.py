"""The GUI's import: read files off the GUI thread (in the isolated reader process), with progress
and Cancel, then one review dialog per file (or "Accept all"), then save each all or nothing.

Reading runs on a pool thread that talks to ``briefing.importing``'s worker process, so the
window stays responsive and a hostile file costs at most the worker's time limit.  Cancel stops
the file being read (its process is killed) and the rest of the batch.  Reviews are opened with
``open()`` and chained on ``finished``, so nothing blocks the event loop.  A file that fails, at
reading or at saving, is reported by name; the others go on.  Imports started while one is under
way wait their turn.
"""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from briefing.errors import BriefingError, ContentError
from briefing.gui.import_review import ACCEPT_ALL, ImportReviewDialog
from briefing.gui.worker import run_in_background
from briefing.importing import Cancelled, extract_pasted, find_duplicate, save_extract, shared_worker
from briefing.importing.names import display_name


class ImportFlow(QObject):
    imported = Signal(list)  # the saved Sources of one batch
    failed = Signal(str)  # one line per file that could not be imported
    message = Signal(str)

    def __init__(self, library, parent: QWidget):
        super().__init__(parent)
        self.library, self.widget = library, parent
        self.busy = False
        self._pending: list[tuple] = []
        self.review: ImportReviewDialog | None = None
        self.progress: QProgressDialog | None = None

    # -- entry points ------------------------------------------------------------------------------
    def import_files(self, files) -> None:
        paths = [Path(f) for f in files]
        if paths:
            self._pending.append(("files", paths))
            self._next_batch()

    def import_text(self, text: str) -> None:
        """Clipboard text: the same cleaning and review as a file."""
        if text and text.strip():
            self._pending.append(("paste", text))
            self._next_batch()

    # -- reading -------------------------------------------------------------------------------------
    def _next_batch(self) -> None:
        if self.busy or not self._pending:
            return
        self.busy = True
        what, payload = self._pending.pop(0)
        self._saved, self._failures, self._accept_all = [], [], False
        if what == "paste":
            try:
                extract = extract_pasted(payload)
            except ContentError as exc:
                self._failures.append(str(exc))
                self._finish()
                return
            self._queue = [(None, extract, payload.encode("utf-8"))]
            self._total = 1
            self._review_next()
            return
        self._read(payload)

    def _read(self, paths: list[Path]) -> None:
        cancel = threading.Event()
        progress = QProgressDialog("Reading files to import…", "Cancel", 0, len(paths), self.widget)
        progress.setObjectName("importProgress")
        progress.setWindowTitle("Import")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0 if len(paths) > 1 else 800)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(cancel.set)
        self.progress = progress
        if len(paths) > 1:
            progress.show()

        def work(progress):
            results = []
            worker = shared_worker()
            for n, path in enumerate(paths):
                if cancel.is_set():
                    break
                progress(n, display_name(path.name))
                try:
                    extract = worker.extract(path, cancelled=cancel.is_set)
                    # off the GUI thread too: it may read many texts of a similar size
                    extract.duplicate = find_duplicate(self.library, extract)
                    results.append((path, extract, None))
                except Cancelled:
                    break
                except ContentError as exc:
                    results.append((path, None, display_name(str(exc))))
                except (BriefingError, OSError) as exc:
                    results.append((path, None, f"{display_name(str(path))}: {exc}"))
            return results, cancel.is_set()

        def show(n, name):
            if self.progress is not None:
                self.progress.setValue(n)
                self.progress.setLabelText(f"Reading {name} ({n + 1} of {len(paths)})…")

        run_in_background(work, self._read_done, self._read_crashed, show)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _read_crashed(self, exc: BaseException) -> None:
        self._close_progress()
        self._failures.append(f"The import stopped: {exc}")
        self._finish()

    def _read_done(self, outcome) -> None:
        results, cancelled = outcome
        self._close_progress()
        self._queue = []
        for path, extract, problem in results:
            if problem:
                self._failures.append(problem)
            else:
                self._queue.append((path, extract, path))
        if cancelled:
            self.message.emit("Import cancelled.")
        self._total = len(self._queue)
        self._review_next()

    # -- review and save -------------------------------------------------------------------------------
    def _review_next(self) -> None:
        if not self._queue:
            self._finish()
            return
        path, extract, original = self._queue.pop(0)
        # found while reading (files); pasted text is checked here, and every file against the
        # sources saved earlier in this batch, so two copies in one batch are noticed too
        duplicate = extract.duplicate
        if duplicate is None and extract.fmt == "paste":
            duplicate = find_duplicate(self.library, extract)
        if duplicate is None and self._saved:
            duplicate = find_duplicate(SimpleNamespace(sources={s.id: s for s in self._saved}), extract)
        note = None
        if duplicate is not None:
            source, how = duplicate
            note = (f"This looks like a document already in your library: {how} as “{source.label}” "
                    f"({source.id}). Import it again anyway?")
        if self._accept_all:
            if duplicate is not None:
                self._failures.append(f"{display_name(extract.path)}: skipped: {how} as the source '{source.id}'")
            else:
                self._save(extract, original)
            self._review_next()
            return
        position = f"{self._total - len(self._queue)} of {self._total}" if self._total > 1 else ""
        dialog = ImportReviewDialog(extract, note, position, batch=bool(self._queue), parent=self.widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.review = dialog
        dialog.finished.connect(lambda result: self._reviewed(extract, original, result))
        dialog.open()

    def _reviewed(self, extract, original, result: int) -> None:
        self.review = None
        if result in (QDialog.DialogCode.Accepted, QDialog.DialogCode.Accepted.value, ACCEPT_ALL):
            self._save(extract, original)
        if result == ACCEPT_ALL:
            self._accept_all = True
        self._review_next()

    def _save(self, extract, original) -> None:
        try:
            self._saved.append(save_extract(self.library, extract, original))
        except ContentError as exc:
            self._failures.append(display_name(str(exc)))
        except (BriefingError, OSError, UnicodeError) as exc:
            self._failures.append(f"{display_name(extract.path)}: {exc}")

    def _finish(self) -> None:
        saved, failures = self._saved, self._failures
        self._saved, self._failures = [], []
        self.busy = False
        if saved:
            self.imported.emit(saved)
        if failures:
            self.failed.emit("\n".join(failures))
        self._next_batch()
