"""The main window: composes the panes in docks around the reader, with menus, toolbar and
status bar.  It holds no business logic — panes call the core and the document controller.

Layout (fits 1280×720): Topics and Library tabbed in a left dock, the reader in the centre,
the Outline and Briefing details tabbed in a right dock.  Geometry and dock state are kept
in QSettings (INI file in ``paths.user_data_dir()``, so tests stay isolated).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QWidget,
)

from briefing import paths
from briefing.errors import BriefingError
from briefing.gui.actions import build_actions, describe
from briefing.gui.reader_pane import ReaderPane
from briefing.gui.topics_pane import TopicsPane
from briefing.gui.worker import run_in_background, serial_pool
from briefing.search.index import UpdateCancelled
from briefing.gui.editors import attach as attach_editors
from briefing.gui.menus import build_menus, build_toolbar
from briefing.gui.safe_text import make_plain

if TYPE_CHECKING:  # annotations only
    from PySide6.QtWidgets import QMessageBox

SETTINGS_FILE = "settings.ini"
STATE_VERSION = 1

# QMessageBox is imported where a message is shown: PySide6 sets a class up, with its enums, on
# first use (~1.5 ms of start-up for this one).


def _placeholder(what: str, exc: Exception) -> QWidget:
    label = make_plain(QLabel(f"{what} is not available in this build.\n({exc})"))
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def settings() -> QSettings:
    return QSettings(str(paths.user_data_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    def __init__(self, library, index, controller=None, parent=None):
        super().__init__(parent)
        self.library, self.index = library, index
        self.setObjectName("MainWindow")
        self.setAccessibleName("Briefing Book")
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.resize(1280, 720)
        self.controller = controller if controller is not None else self._make_controller(library)
        self._index_task = None
        self._index_stop: threading.Event | None = None  # set: the running index update stops
        self._index_pending = False

        # -- panes --------------------------------------------------------------------------
        self.reader = ReaderPane(library, self.controller, self)
        self.reader.setMinimumWidth(360)  # docks give way before the text becomes unreadable
        self.setCentralWidget(self.reader)
        self.topics = TopicsPane(library, index, self.controller, self)
        self.outline = self._optional("Outline", "briefing.gui.outline_pane", "OutlinePane", self.controller)
        self.topics_dock = self._dock("Topics", "topicsDock", self.topics, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.outline_dock = self._dock("Outline", "outlineDock", self.outline, Qt.DockWidgetArea.RightDockWidgetArea)
        # The Library and Briefing Details panes start tabbed behind Topics and Outline: each is
        # built when its dock is first really shown, or when code first reads the attribute
        # (``library_pane``, ``details``).  With 10,000 sources the Library pane is ~30 ms.
        self._library_pane = None
        self._details = None
        self._library_splitter_state = None  # restored settings, applied when the pane is built
        self.library_dock = self._lazy_dock("Library", "libraryDock", lambda: self.library_pane)
        self.details_dock = self._lazy_dock("Briefing Details", "detailsDock", lambda: self.details)
        self._aids = None  # key figures, timeline, conflicts, balance: built when first shown
        self.aids_dock = self._lazy_dock("Briefing Aids", "aidsDock", lambda: self.aids)
        self._preview = None  # the pages as they will print: built when first shown
        self.preview_dock = self._lazy_dock("Preview", "previewDock", lambda: self.preview)
        for dock, area in (
            (self.topics_dock, Qt.DockWidgetArea.LeftDockWidgetArea),
            (self.library_dock, Qt.DockWidgetArea.LeftDockWidgetArea),
            (self.outline_dock, Qt.DockWidgetArea.RightDockWidgetArea),
            (self.details_dock, Qt.DockWidgetArea.RightDockWidgetArea),
            (self.aids_dock, Qt.DockWidgetArea.RightDockWidgetArea),
            (self.preview_dock, Qt.DockWidgetArea.RightDockWidgetArea),
        ):
            self.addDockWidget(area, dock)
        self._laid_out = False
        self._default_state = None

        # -- commands -------------------------------------------------------------------------
        self.actions = build_actions(self)
        self.undo_action = describe(getattr(self.controller, "undo_action", None) or self.actions["new"],
                                    "Undo the last change to the briefing", "Ctrl+Z")
        self.redo_action = describe(getattr(self.controller, "redo_action", None) or self.actions["new"],
                                    "Redo the change just undone", "Ctrl+Shift+Z")
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.reader.context_actions = [self.actions["add_excerpt"]]
        self.editors = attach_editors(self)  # the Section pane and the topic commands
        build_menus(self)
        build_toolbar(self)
        self.status_label = make_plain(QLabel(self))
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setAccessibleName("Search index progress")
        self.progress.hide()
        self.cancel_index_button = QPushButton("Cancel", self)
        self.cancel_index_button.setToolTip("Stop updating the search index (what is done so far stays searchable)")
        self.cancel_index_button.setAccessibleName("Cancel search index update")
        self.cancel_index_button.clicked.connect(self.cancel_index_update)
        self.cancel_index_button.hide()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_index_button)

        # -- wiring -----------------------------------------------------------------------------
        self.topics.topic_chosen.connect(self._topic_chosen)
        self.topics.suggestions_changed.connect(self.reader.set_passages)
        self.topics.passage_chosen.connect(lambda p: self.reader.show_source(p.source_id, p.paragraph))
        for pane in (self.topics, self.reader):
            pane.message.connect(self.show_message)
        for signal_name, slot in (
            ("dirty_changed", lambda _d: self._update_title()),
            ("path_changed", lambda _p: self._update_title()),
            ("notice", self.show_message),
            ("error_occurred", self._error),
        ):
            signal = getattr(self.controller, signal_name, None)
            if signal is not None:
                signal.connect(slot)
        self.resize(1280, 720)
        self.setMinimumSize(900, 560)
        self._update_title()

    # -- composition helpers -----------------------------------------------------------------
    @staticmethod
    def _make_controller(library):
        from briefing.gui.document import DocumentController

        return DocumentController(library)

    def _optional(self, what: str, module: str, name: str, *args) -> QWidget:
        """Panes built by another engineer: a placeholder (not a crash) if one fails to import."""
        try:
            cls = getattr(__import__(module, fromlist=[name]), name)
        except ImportError as exc:
            return _placeholder(what, exc)
        return cls(*args, self)

    # -- panes built on first use ------------------------------------------------------------
    def built_panes(self) -> set[str]:
        """Which of the panes built on first use exist yet ("library", "details", "aids", "section"):
        start-up builds only what is shown, and reading ``library_pane`` or ``details`` would build it."""
        built = {"library": self._library_pane, "details": self._details, "aids": self._aids}
        names = {name for name, pane in built.items() if pane is not None}
        return names | ({"section"} if self.editors.section_editor_built else set())

    @property
    def library_pane(self):
        if self._library_pane is None:
            from briefing.gui.library_pane import LibraryPane

            pane = LibraryPane(self.library, self.index, self)
            pane.source_chosen.connect(self.reader.show_source)
            pane.passage_chosen.connect(lambda p: self.reader.show_source(p.source_id, p.paragraph))
            pane.search_results_changed.connect(self.reader.set_search_hits)
            pane.library_changed.connect(self.library_changed)
            pane.import_failed.connect(self._import_failed)
            pane.message.connect(self.show_message)
            if self._library_splitter_state is not None:
                pane.splitter.restoreState(self._library_splitter_state)
            self._library_pane = pane
            self._install(self.library_dock, pane, "Library")
        return self._library_pane

    @property
    def details(self):
        if self._details is None:
            self._details = self._optional("Briefing details", "briefing.gui.details_pane", "BriefingDetailsPane",
                                           self.controller)
            self._install(self.details_dock, self._details, "Briefing Details")
        return self._details

    @property
    def aids(self):
        if self._aids is None:
            from briefing.gui.aids_pane import attach

            self._aids = attach(self, self.aids_dock)
        return self._aids

    @property
    def preview(self):
        if self._preview is None:
            from briefing.gui.preview_pane import attach

            self._preview = attach(self, self.preview_dock)
        return self._preview

    def _lazy_dock(self, title: str, name: str, build) -> QDockWidget:
        placeholder = QWidget(self)
        placeholder.setObjectName(f"{name}Placeholder")
        dock = self._dock(title, name, placeholder, None)

        def build_if_shown():
            if dock.widget() is placeholder and dock.isVisible() and not dock.visibleRegion().isEmpty():
                build()

        # visibilityChanged(True) also comes while the window first shows, before showEvent tabs
        # the docks: decide once those events are handled
        dock.visibilityChanged.connect(lambda shown: shown and QTimer.singleShot(0, build_if_shown))
        return dock

    @staticmethod
    def _install(dock: QDockWidget, widget: QWidget, title: str) -> None:
        old = dock.widget()
        dock.setWidget(widget)
        widget.setAccessibleName(widget.accessibleName() or title)
        if old is not None and old is not widget:
            old.deleteLater()

    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAccessibleName(f"{title} pane")
        widget.setAccessibleName(widget.accessibleName() or title)
        dock.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
        return dock

    def showEvent(self, event):  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._laid_out:
            self._laid_out = True
            self._default_layout()
            self.restore_state()

    def _default_layout(self) -> None:
        """Tab the docks in pairs, once the window is shown: tabifying earlier leaves a stray,
        visible tab bar over the window (seen with Qt 6.12).  Reset Layout returns to this state."""
        self.tabifyDockWidget(self.topics_dock, self.library_dock)
        self.tabifyDockWidget(self.outline_dock, self.details_dock)
        self.tabifyDockWidget(self.details_dock, self.aids_dock)
        self.tabifyDockWidget(self.aids_dock, self.preview_dock)
        self.topics_dock.raise_()
        self.outline_dock.raise_()
        self.resizeDocks([self.topics_dock, self.outline_dock], [400, 380], Qt.Orientation.Horizontal)
        self._default_state = self.saveState(STATE_VERSION)

    # -- title, messages -------------------------------------------------------------------------
    def _update_title(self) -> None:
        path = getattr(self.controller, "path", None)
        name = Path(path).name if path else "Untitled"
        self.setWindowTitle(f"{name}[*] — Briefing Book")
        self.setWindowModified(bool(self.controller.is_dirty()))

    def show_message(self, text: str) -> None:
        self.status_label.setText(text)
        self.statusBar().showMessage(text, 8000)

    def _warn(self, title: str, text: str) -> QMessageBox:
        """A window-modal warning that does not block the caller (open(), not exec())."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _error(self, text: str) -> None:
        self.show_message(text)
        self._warn("Briefing Book", text)

    def _import_failed(self, text: str) -> None:
        self.show_message("Some files could not be imported.")
        self._warn("Import", f"These files were not imported:\n\n{text}")

    # -- topic / reader glue ----------------------------------------------------------------------
    def _topic_chosen(self, topic) -> None:
        self.reader.set_passages([])
        if topic is not None:
            self.show_message(f"Topic: {topic.title} — {topic.description}")

    # -- search index ------------------------------------------------------------------------------
    def update_index(self, source_ids: list[str] | None = None) -> None:
        """Bring the index in step with the library off the GUI thread, with progress in the status bar.

        ``source_ids``: the app itself changed just these sources (import, correction), so only
        they are re-indexed (``update_sources``) instead of scanning the whole library."""
        if self.index is None:
            return
        if self._index_task is not None and not self._index_task.finished:
            self._index_pending = True
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        self.show_message("Updating the search index…")
        index, library = self.index, self.library
        verify = bool(getattr(library, "unverified", None))
        targeted = list(source_ids) if source_ids and not verify else None
        stop = self._index_stop = threading.Event()
        self.cancel_index_button.setEnabled(True)
        self.cancel_index_button.setVisible(targeted is None)  # a few sources re-indexed: over at once

        def progress(done, total):
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

        def work(progress):
            if targeted is not None:
                return None, index.update_sources(library, targeted)
            # a start-up load trusted the metadata cache of unchanged folders: check every file
            # now (in-place edits keep a folder's mtime) and index what is really there
            fresh = library.reload_if_changed() if verify else None
            return fresh, index.update(fresh or library, progress=progress, cancel=stop.is_set)

        self._index_task = run_in_background(
            work,
            on_done=self._index_updated,
            on_error=self._index_failed,
            on_progress=progress,
            pool=serial_pool(),
        )

    def _index_updated(self, outcome) -> None:
        fresh, result = outcome
        if fresh is not None:
            self.library.replace_with(fresh)  # files changed since the metadata cache was written
            self._refresh_library_views()
        elif getattr(self.library, "unverified", None):
            self.library.unverified = []
        self._index_done()
        indexed = getattr(result, "indexed", 0)
        self.show_message(f"Search index ready ({indexed} source{'s' * (indexed != 1)} indexed, "
                          f"{len(self.library.sources)} in the library).")
        self.topics.refresh()
        if self._index_pending:
            self._index_pending = False
            self.update_index()

    def cancel_index_update(self) -> None:
        """The Cancel button: the update stops after the batch it is writing (``SearchIndex.update``)."""
        if self._index_stop is not None and not self._index_stop.is_set():
            self._index_stop.set()
            self.cancel_index_button.setEnabled(False)
            self.show_message("Stopping the search index update…")

    def _index_done(self) -> None:
        self.progress.hide()
        self.cancel_index_button.hide()
        self._index_stop = None

    def _index_failed(self, exc) -> None:
        self._index_done()
        if isinstance(exc, UpdateCancelled):
            # the batches written before the cancel are searchable; the next update does the rest
            covered = exc.result.indexed + exc.result.unchanged
            self._index_pending = False
            self.show_message(f"Search index update cancelled: {covered} of {exc.total} sources are searchable; "
                              "the rest is indexed at the next update.")
            self.topics.refresh()
            return
        self.show_message(f"The search index could not be updated: {exc}")

    def library_changed(self, source_ids: list[str] | None = None) -> None:
        """A source was imported or corrected: refresh every view of the library and re-index it."""
        self._refresh_library_views()
        self.update_index(source_ids or None)

    def _refresh_library_views(self) -> None:
        if self._library_pane is not None:  # one not yet built reads the library when it is
            self._library_pane.refresh()
        self.reader.refresh()
        self.topics.passages.layoutChanged.emit()
        changed = getattr(self.controller, "changed", None)
        if changed is not None:
            changed.emit()  # outline attributions read the library

    # -- commands (slots named in actions.py) -------------------------------------------------------
    def new_briefing(self) -> None:
        if self.maybe_save():
            self.controller.new()

    def open_briefing(self, path=None) -> bool:
        if path is None:
            if not self.maybe_save():
                return False
            path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Open briefing", str(Path.home()), "Briefings (*.briefing.yaml);;YAML (*.yaml)")
            if not path:
                return False
        try:
            self.controller.open(path)
        except BriefingError as exc:
            self._error(str(exc))
            return False
        return True

    def save_briefing(self) -> bool:
        if getattr(self.controller, "path", None) is None:
            return self.save_briefing_as()
        return self.controller.save()

    def save_briefing_as(self) -> bool:
        path = self.ask_save_path()
        if not path:
            return False
        if not str(path).endswith(".briefing.yaml"):
            path = str(path).removesuffix(".yaml") + ".briefing.yaml"
        return self.controller.save_as(path)

    def ask_save_path(self) -> str:
        title = self.controller.briefing.meta.title or "briefing"
        start = str(Path.home() / f"{title}.briefing.yaml")
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, "Save briefing", start, "Briefings (*.briefing.yaml)")
        return path

    def import_files(self, files=None) -> None:
        """File ▸ Import: every supported type; each file is read in isolation, then reviewed."""
        if files is None:
            from briefing.importing import FILE_DIALOG_FILTER

            files, _ = QtWidgets.QFileDialog.getOpenFileNames(self, "Import files", str(Path.home()), FILE_DIALOG_FILTER)
        if files:
            self.show_library()
            self.library_pane.import_files(files)

    def paste_as_source(self) -> None:
        """Edit ▸ Paste as Source: the clipboard's text, cleaned and reviewed like a file."""
        text = QtWidgets.QApplication.clipboard().text()
        if not text.strip():
            self.show_message("The clipboard holds no text to make a source of.")
            return
        self.show_library()
        self.library_pane.import_text(text)

    def export_pdf(self) -> None:
        try:
            from briefing.gui.export_dialog import ExportDialog
        except ImportError as exc:
            self._error(f"PDF export is not available: {exc}")
            return
        ExportDialog(self.controller, self.library, self).exec()

    def add_excerpt_from_reader(self) -> list:
        return self.reader.add_selection()

    def add_suggestion(self) -> bool:
        return self.topics.add_selected()

    def edit_source_details(self) -> bool:
        source = self.reader.source or (self._library_pane.current_source() if self._library_pane is not None else None)
        if source is None:
            self.show_message("Choose a source first (in the Library or by a suggestion).")
            return False
        from briefing.gui.source_details import SourceDetailsDialog

        dialog = SourceDetailsDialog(self.library, source, self)
        if dialog.exec() and dialog.saved is not None:
            self.library_changed([dialog.saved.id])
            self.show_message(f"Saved corrections to {dialog.saved.label}.")
            return True
        return False

    def edit_glossary(self) -> bool:
        from briefing.gui.glossary_dialog import GlossaryDialog

        return bool(GlossaryDialog(self.controller, self).exec())

    def _show_dock(self, dock: QDockWidget, focus: QWidget | None = None) -> None:
        dock.show()
        dock.raise_()
        (focus or dock.widget()).setFocus()

    def show_topics(self):
        self._show_dock(self.topics_dock, self.topics.topic_view)

    def show_library(self):
        self._show_dock(self.library_dock, self.library_pane.table)

    def show_outline(self):
        self._show_dock(self.outline_dock)

    def show_details(self):
        self._show_dock(self.details_dock)

    def show_aids(self):
        self._show_dock(self.aids_dock, self.aids.tabs)

    def show_preview(self):
        self._show_dock(self.preview_dock, self.preview)

    def focus_search(self):
        self._show_dock(self.library_dock, self.library_pane.search_edit)
        self.library_pane.search_edit.selectAll()

    def focus_filter(self):
        self._show_dock(self.library_dock, self.library_pane.filter_edit)
        self.library_pane.filter_edit.selectAll()

    def reset_layout(self):
        if self._default_state is None:
            return
        self.restoreState(self._default_state, STATE_VERSION)
        for dock in (self.topics_dock, self.library_dock, self.outline_dock, self.details_dock):
            dock.show()
        self.topics_dock.raise_()
        self.outline_dock.raise_()

    def show_about(self):
        from briefing.gui.about import AboutDialog

        AboutDialog(self).exec()

    # -- state and closing --------------------------------------------------------------------------
    def restore_state(self) -> None:
        s = settings()
        geometry, state = s.value("window/geometry"), s.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state, STATE_VERSION)
        value = s.value("splitters/topics")
        if isinstance(value, QByteArray):
            self.topics.splitter.restoreState(value)
        value = s.value("splitters/library")
        if isinstance(value, QByteArray):
            if self._library_pane is None:
                self._library_splitter_state = value
            else:
                self._library_pane.splitter.restoreState(value)

    def save_state(self) -> None:
        if not self._laid_out:
            return
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState(STATE_VERSION))
        s.setValue("splitters/topics", self.topics.splitter.saveState())
        if self._library_pane is not None:  # else what was restored stays as it was
            s.setValue("splitters/library", self._library_pane.splitter.saveState())
        s.sync()

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save / Discard / Cancel for unsaved changes (tests replace this method)."""
        from PySide6.QtWidgets import QMessageBox

        Answer = QMessageBox.StandardButton  # noqa: N806 - the Qt enum, as the module named it
        return QMessageBox.question(
            self,
            "Unsaved changes",
            "The briefing has unsaved changes. Save them before closing?",
            Answer.Save | Answer.Discard | Answer.Cancel,
            Answer.Save,
        )

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded, or clean)."""
        if not self.controller.is_dirty():
            return True
        answer = self.ask_unsaved()
        from PySide6.QtWidgets import QMessageBox

        Answer = QMessageBox.StandardButton  # noqa: N806 - the Qt enum
        if answer == Answer.Save:
            return self.save_briefing()
        return answer == Answer.Discard

    def closeEvent(self, event):  # noqa: N802 - Qt API
        if not self.maybe_save():
            event.ignore()
            return
        self.save_state()
        if self._index_stop is not None:
            self._index_stop.set()  # a long index update need not hold up quitting
        if self._preview is not None:
            self._preview.shutdown()
        close_cleanly = getattr(self.controller, "close_cleanly", None)
        if close_cleanly is not None:
            close_cleanly()
        event.accept()
