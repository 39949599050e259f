"""Preview: the pages of the current layout as they will print, kept up to date while you edit.

Edits restart a 0.5 s timer; when it fires (and the pane is on screen) a snapshot of the
briefing is exported to an in-memory PDF and the page on show is rendered by PDFium into a
QImage, all on the pane's own worker thread (``briefing.writers.preview``).  The GUI thread only
copies the briefing and shows the finished image, so typing never waits for a layout.  Page
turns and zoom re-render one page from the PDF already made.  A result that an edit made stale
is dropped (generation counter); an edit during a render asks for one more render after it.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QThreadPool, QTimer, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QToolButton, QVBoxLayout,
                               QWidget)

from briefing.gui.safe_text import make_plain
from briefing.gui.worker import run_in_background

QUIET_MS = 500  # re-render after edits stop for this long
ZOOMS = (0, 50, 75, 100, 125, 150, 200)  # percent of the printed size (100% = 96 pixels per inch); 0: fit width
SCREEN_DPI = 96.0


def page_qimage(pages, number: int, dpi: float, width: int | None = None) -> tuple[QImage, int, int]:
    """Worker thread: one page rendered and copied into a QImage (QImage is safe off the GUI thread)."""
    image = pages.render(number, dpi, width)
    qimage = QImage(image.data, image.width, image.height, image.stride, QImage.Format.Format_RGB888).copy()
    return qimage, image.number, image.pages


class PreviewPane(QWidget):
    message = Signal(str)
    rendered = Signal(int, int)  # page shown, pages: after each image is on screen

    def __init__(self, library, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPane")
        self.library, self.controller = library, controller
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # PDFium and the held PDF are used from one thread only
        self.pages = None  # briefing.writers.preview.PdfPages, touched only on the pool's thread
        self.page = 1
        self.page_count = 0
        self.generation = 0  # bumped by every edit; results of older generations are dropped
        self.stale = True
        self.busy = False
        self.again = False
        self.task = None

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(QUIET_MS)
        self.timer.timeout.connect(self.refresh)

        self.previous_button = self._button("◀", "Previous page", lambda: self.show_page(self.page - 1))
        self.next_button = self._button("▶", "Next page", lambda: self.show_page(self.page + 1))
        self.page_label = make_plain(QLabel("", self))
        self.page_label.setAccessibleName("Page shown")
        self.zoom = QComboBox(self)
        self.zoom.setAccessibleName("Zoom")
        for percent in ZOOMS:
            self.zoom.addItem(f"{percent}%" if percent else "Fit width", percent)
        self.zoom.setCurrentIndex(0)
        self.zoom.currentIndexChanged.connect(lambda _i: self.show_page(self.page))
        self.status = make_plain(QLabel("The preview shows the pages as they will print.", self))
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Preview status")
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image.setAccessibleName("Page image")
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.image)
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        bar = QHBoxLayout()
        for widget in (self.previous_button, self.page_label, self.next_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.zoom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll, 1)
        self._update_controls()
        controller.changed.connect(self.briefing_changed)

    def _button(self, text: str, name: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(name)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    # -- when to render ---------------------------------------------------------------
    def briefing_changed(self) -> None:
        self.generation += 1
        self.stale = True
        self.timer.start()  # restarts: renders once edits have stopped for QUIET_MS

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.stale and not self.timer.isActive():
            QTimer.singleShot(0, self.refresh)  # (timer.start(0) would change its interval for good)

    def dpi(self) -> float:
        return SCREEN_DPI * (self.zoom.currentData() or 100) / 100.0

    def fit_width(self) -> int | None:
        """Pixels wide for "Fit width" (the scroll area's inside, less a scroll bar), else None."""
        if self.zoom.currentData():
            return None
        return max(120, self.scroll.viewport().width() - self.scroll.verticalScrollBar().sizeHint().width() - 4)

    def refresh(self) -> None:
        """Export a snapshot of the briefing and show the current page (off the GUI thread)."""
        if not self.isVisible():
            return  # rendered when the pane is shown again (stale stays True)
        if self.busy:
            self.again = True
            return
        from briefing.writers import budget
        from briefing.writers.preview import PdfPages, layout_pdf

        generation, library, number, dpi, width = self.generation, self.library, self.page, self.dpi(), self.fit_width()
        briefing = copy.deepcopy(self.controller.briefing)
        old = self.pages

        def work():
            if old is not None:
                old.close()
            result = layout_pdf(briefing, library)
            pages = PdfPages(result.data)
            verdict = budget.check(briefing, library, pdf_result=result)  # from this PDF: no extra layout
            notes = list(result.warnings) + ([verdict.message] if verdict is not None else [])
            return (generation, pages, *page_qimage(pages, number, dpi, width), notes)

        self.stale = False
        self.pages = None
        self._start(work, self._document_done)
        self.status.setText("Updating the preview…")

    def show_page(self, number: int) -> None:
        if self.pages is None or self.busy:
            self.page = max(1, number)
            return
        pages, dpi, width = self.pages, self.dpi(), self.fit_width()
        number = max(1, min(number, self.page_count or 1))
        self._start(lambda: page_qimage(pages, number, dpi, width), self._page_done)

    def _start(self, work, done) -> None:
        self.busy = True
        self.task = run_in_background(work, on_done=done, on_error=self._failed, pool=self.pool)

    # -- results (GUI thread) ---------------------------------------------------------
    def _document_done(self, result) -> None:
        generation, pages, image, number, count, warnings = result
        self.pages = pages
        self.page_count = count
        self._show(image, number)
        note = " ".join(warnings)
        self.status.setText(f"{count} page{'s' if count != 1 else ''} as they will print." + (f" {note}" if note else ""))
        if generation != self.generation:
            self.stale = True
        self._next()

    def _page_done(self, result) -> None:
        image, number, _count = result
        self._show(image, number)
        self._next()

    def _show(self, image: QImage, number: int) -> None:
        self.page = number
        self.image.setPixmap(QPixmap.fromImage(image))
        self.image.resize(image.size())
        self._update_controls()
        self.rendered.emit(number, self.page_count)

    def _next(self) -> None:
        self.busy = False
        if self.again or self.stale:
            self.again = False
            self.timer.start()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.status.setText(f"The preview could not be made: {exc}")
        self.message.emit(f"Preview: {exc}")

    def _update_controls(self) -> None:
        self.page_label.setText(f"Page {self.page} of {self.page_count}" if self.page_count else "No pages yet")
        self.previous_button.setEnabled(self.page > 1)
        self.next_button.setEnabled(0 < self.page < self.page_count)

    def shutdown(self) -> None:
        """At close: drop pending callbacks and let the render thread finish."""
        self.timer.stop()
        if self.task is not None:
            self.task.cancel()
        self.pool.waitForDone(5000)
        pages, self.pages = self.pages, None
        if pages is not None:  # closed on the pool's thread, like every other PDFium call
            run_in_background(pages.close, pool=self.pool)
            self.pool.waitForDone(5000)


def attach(window, dock) -> PreviewPane:
    """Build the pane into the main window's dock (on first show)."""
    pane = PreviewPane(window.library, window.controller, dock)
    old = dock.widget()
    dock.setWidget(pane)
    pane.setAccessibleName("Preview")
    if old is not None and old is not pane:
        old.deleteLater()
    pane.message.connect(window.show_message)
    return pane
