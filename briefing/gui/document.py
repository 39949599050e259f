"""The open briefing as the GUI sees it: a thin Qt adapter over ``briefing.session.DocumentSession``.

The session (plain Python) owns the briefing, its file, the undo stack, the autosave policy and
every edit's rules; this class adds what only a GUI needs: signals (``edited`` carries each
edit's change records so the outline can insert/move/remove rows), the autosave timer, Undo/Redo
actions and the recovery question.  Panes never mutate the Briefing themselves.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from briefing.errors import BriefingError, ContentError
from briefing.model.changes import Change
from briefing.session.document import DocumentSession
from briefing.session.editing import DEFAULT_SECTION_TITLE  # noqa: F401 - re-exported for panes
from briefing.session.recent import RecentFiles
from briefing.session.recovery import Recovery, RecoveryStore

# Session methods the panes call on the controller: forwarded as they are (see ``_forward``).
FORWARDED = (
    "section", "item", "add_section", "rename_section", "set_section_fields", "set_section_lists", "move_section",
    "add_item", "add_items", "add_excerpt", "place_excerpts", "excerpt_section", "excerpt_from_source",
    "duplicate_of", "quoted_paragraphs", "add_note", "add_subheading", "set_item_text", "set_comment",
    "trim_excerpt", "remove", "move_items", "set_meta", "set_glossary", "check_summary", "is_dirty", "can_undo", "can_redo",
    "pending_recoveries",
)


class DocumentController(QObject):
    """Emits ``edited(changes)`` then ``changed`` after every edit, undo, redo, open or new."""

    edited = Signal(object)  # list[Change]; a RESET record for open/new/restore
    changed = Signal()
    dirty_changed = Signal(bool)
    path_changed = Signal(object)  # Path | None
    # Plain-words messages for a status bar (e.g. "2 excerpts re-found after their sources changed").
    notice = Signal(str)
    error_occurred = Signal(str)
    # The section new notes/excerpts go into (set by the outline's selection).
    current_section_changed = Signal(object)  # section id | None

    def __init__(self, library, parent: QObject | None = None, *, recovery: RecoveryStore | None = None,
                 recent: RecentFiles | None = None):
        super().__init__(parent)
        self.session = DocumentSession(library, recovery=recovery or RecoveryStore(), recent=recent or RecentFiles())
        self.session.listeners.append(self._on_session_changed)
        self.last_error = ""
        self._was_dirty = False
        self._path = None
        self._current_section_id: str | None = None

        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.timeout.connect(self.autosave_in_background)
        self._autosave_pool = None  # one thread of its own: writes in order, never behind an index update

        self.undo_action = QAction("&Undo", self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction("&Redo", self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        self._update_actions()

    # -- the session's state, read through -----------------------------------------------
    library = property(lambda self: self.session.library)
    briefing = property(lambda self: self.session.briefing)
    path = property(lambda self: self.session.path)
    undo_stack = property(lambda self: self.session.undo_stack)
    last_check = property(lambda self: self.session.last_check)
    recovery = property(lambda self: self.session.recovery)
    recent = property(lambda self: self.session.recent)

    @property
    def current_section_id(self) -> str | None:
        return self.session.selected_section_id()

    @current_section_id.setter
    def current_section_id(self, section_id: str | None) -> None:
        self.session.current_section_id = section_id
        self._sync_current_section()

    @property
    def current_topic_id(self) -> str | None:
        return self.session.current_topic_id

    @current_topic_id.setter
    def current_topic_id(self, topic_id: str | None) -> None:
        self.session.current_topic_id = topic_id

    def _sync_current_section(self) -> None:
        current = self.session.current_section_id
        if current != self._current_section_id:
            self._current_section_id = current
            self.current_section_changed.emit(current)

    # -- session -> signals ---------------------------------------------------------------
    def _on_session_changed(self, records: list[Change]) -> None:
        self._update_actions()
        if self.session.path != self._path:
            self._path = self.session.path
            self.path_changed.emit(self._path)
        self._emit_dirty()
        self.edited.emit(records)
        self.changed.emit()
        delay = self.session.autosave_delay()
        if delay is None:
            self._autosave_timer.stop()
        else:
            self._autosave_timer.start(int(delay * 1000))

    def _update_actions(self) -> None:
        self.undo_action.setEnabled(self.can_undo())
        self.redo_action.setEnabled(self.can_redo())
        self.undo_action.setText(f"&Undo {self.undo_stack.undo_text}".strip())
        self.redo_action.setText(f"&Redo {self.undo_stack.redo_text}".strip())

    def _emit_dirty(self) -> None:
        dirty = self.is_dirty()
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)

    def _reset(self, briefing, path: Path | None, modified: bool = False) -> None:
        """Show ``briefing`` as the open document (benchmarks load one without a file)."""
        self.session._replace(briefing, path, modified)  # noqa: SLF001 - the adapter's own session
        self._sync_current_section()

    # -- document lifecycle -----------------------------------------------------------------
    def new(self) -> None:
        self.session.new()
        self._sync_current_section()

    def open(self, path) -> None:
        """Raises BriefingError (plain words) when the file cannot be opened."""
        self.session.open(path)
        self._sync_current_section()
        message = self.check_summary()
        if message:
            self.notice.emit(message)

    def save(self) -> bool:
        """Save to the current path; False when there is none (ask for one, then save_as) or on error."""
        return self.path is not None and self.save_as(self.path)

    def save_as(self, path) -> bool:
        try:
            self.session.save(path)
        except BriefingError as exc:
            self.last_error = str(exc)
            self.error_occurred.emit(self.last_error)
            return False
        self._autosave_timer.stop()
        return True

    def recent_files(self) -> list[Path]:
        return self.recent.files()

    def undo(self) -> None:
        self.session.undo()

    def redo(self) -> None:
        self.session.redo()

    # -- autosave and recovery ----------------------------------------------------------------
    def autosave_in_background(self) -> None:
        """The timer's autosave: a copy of the briefing is taken here (~10 ms for 480 excerpts) and
        written on another thread, since serialising and syncing a long briefing takes ~0.1-0.3 s
        that would freeze the window after every pause in editing."""
        from PySide6.QtCore import QThreadPool

        from briefing.gui.worker import run_in_background

        self._autosave_timer.stop()
        try:
            job = self.session.autosave_job()
        except OSError as exc:  # removing a stale copy failed
            self._autosave_failed(exc)
            return
        if job is None:
            return
        if self._autosave_pool is None:
            self._autosave_pool = QThreadPool(self)
            self._autosave_pool.setMaxThreadCount(1)
        run_in_background(job, on_error=self._autosave_failed, pool=self._autosave_pool)

    def _autosave_failed(self, exc: BaseException) -> None:
        """A failed autosave is said in the status bar; editing goes on."""
        if isinstance(exc, OSError):  # a full disk must not interrupt editing; say so
            self.notice.emit(f"Autosave failed: {exc.strerror or exc}")
        elif isinstance(exc, BriefingError):  # text no file can hold (a lone surrogate): named
            self.notice.emit(f"Autosave failed: {exc}")
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)

    def wait_for_autosave(self, msecs: int = 5000) -> bool:
        """Tests and shutdown: until a background autosave has been written."""
        return self._autosave_pool is None or self._autosave_pool.waitForDone(msecs)

    def autosave_now(self) -> None:
        """Write the recovery copy if there is unsaved work; remove it if there is none."""
        self._autosave_timer.stop()
        try:
            self.session.autosave_now()
        except (OSError, BriefingError) as exc:
            self._autosave_failed(exc)

    def maybe_restore_recovery(self, parent_widget: QWidget | None = None, auto_answer: bool | None = None) -> bool:
        """At start-up: offer the newest recovery copy left by a crashed session. True if restored.

        ``auto_answer`` (True restore / False discard) skips the dialog, for tests and scripts.
        """
        found = self.pending_recoveries()
        if not found:
            return False
        newest = found[0]
        if auto_answer is None:
            from PySide6.QtWidgets import QMessageBox  # set up (with its enums) only when asked

            box = QMessageBox(parent_widget)
            box.setIcon(QMessageBox.Icon.Question)
            box.setWindowTitle("Recover unsaved work?")
            box.setText("Briefing Book did not close normally last time.")
            box.setInformativeText(f"Restore the unsaved changes to {newest.describe()}?")
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard)
            box.setDefaultButton(QMessageBox.StandardButton.Yes)
            auto_answer = box.exec() == QMessageBox.StandardButton.Yes
        if not auto_answer:
            for recovery in found:
                recovery.discard()
            return False
        return self.restore_recovery(newest)

    def restore_recovery(self, recovery: Recovery | None = None) -> bool:
        """Load a recovery copy (the newest orphan by default) as the current, unsaved document."""
        if recovery is None:
            found = self.pending_recoveries()
            if not found:
                return False
            recovery = found[0]
        try:
            self.session.restore(recovery)
        except (ContentError, OSError) as exc:
            self.last_error = f"The recovery copy could not be read: {exc}"
            self.error_occurred.emit(self.last_error)
            return False
        self._sync_current_section()
        self.notice.emit("Restored unsaved work from the recovery copy.")
        return True

    def close_cleanly(self) -> None:
        """Normal exit (after the user saved or chose to discard): no recovery copy is left."""
        self._autosave_timer.stop()
        self.session.close_cleanly()
        self.wait_for_autosave()  # a write queued before is now a no-op; none runs on after exit


def _forward(name: str):
    def forwarded(self, *args, **kwargs):
        result = getattr(self.session, name)(*args, **kwargs)
        self._sync_current_section()  # add_section makes the new section the current one
        return result

    forwarded.__name__ = name
    forwarded.__doc__ = getattr(DocumentSession, name).__doc__
    return forwarded


for _name in FORWARDED:
    setattr(DocumentController, _name, _forward(_name))


def is_offscreen() -> bool:
    return os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal")
