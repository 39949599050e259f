"""The open briefing as the GUI sees it: one Briefing, its file, its undo stack, autosave and recovery.

Every change a pane makes goes through a method here that pushes a reversible command
(``briefing.model.edits``) onto the undo stack, so all edits are undoable and the dirty flag,
autosave and the outline stay in step.  Panes never mutate the Briefing themselves.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from briefing.errors import BriefingError, ContentError
from briefing.model import Briefing, Excerpt, Note, Section, Subheading
from briefing.model import anchoring, storage
from briefing.model import edits
from briefing.session.recent import RecentFiles
from briefing.session.recovery import Recovery, RecoveryStore

AUTOSAVE_DELAY_MS = 1500
DEFAULT_SECTION_TITLE = "Excerpts"


class DocumentController(QObject):
    """Owns the document; emits ``changed`` after every edit, undo, redo, open or new."""

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
        self.library = library
        self.briefing = Briefing()
        self.path: Path | None = None
        self.undo_stack = edits.UndoStack(self.briefing)
        self._add_stack_listener()
        self.recovery = recovery or RecoveryStore()
        self.recent = recent or RecentFiles()
        self.last_error = ""
        self.last_check: list[Excerpt] = []  # excerpts anchoring.check reported on the last open
        self._current_section_id: str | None = None
        self._was_dirty = False

        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.autosave_now)

        self.undo_action = QAction("&Undo", self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction("&Redo", self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        self._update_actions()

    # -- undo stack plumbing ---------------------------------------------------------
    def _add_stack_listener(self) -> None:
        self.undo_stack.listeners.append(self._on_stack_changed)

    def _on_stack_changed(self, *_args) -> None:
        self._after_change()

    def _after_change(self) -> None:
        self._update_actions()
        self._emit_dirty()
        self.changed.emit()
        self._autosave_timer.start()

    def _update_actions(self) -> None:
        self.undo_action.setEnabled(self.can_undo())
        self.redo_action.setEnabled(self.can_redo())
        undo_text = self.undo_stack.undo_text
        redo_text = self.undo_stack.redo_text
        self.undo_action.setText(f"&Undo {undo_text}".strip())
        self.redo_action.setText(f"&Redo {redo_text}".strip())

    def _emit_dirty(self) -> None:
        dirty = self.is_dirty()
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)

    def _push(self, command, merge: bool = False) -> None:
        self.undo_stack.push(command, merge=merge)

    def _push_all(self, commands: list, text: str) -> None:
        """Several commands as one undo step."""
        if not commands:
            return
        if len(commands) == 1:
            self._push(commands[0])
        else:
            self._push(edits.Compound(text, commands))

    def _reset(self, briefing: Briefing, path: Path | None, modified: bool = False) -> None:
        self.briefing = briefing
        self.undo_stack.listeners.remove(self._on_stack_changed)
        self.undo_stack = edits.UndoStack(briefing)
        self._add_stack_listener()
        if modified:  # differs from the file on disk (re-anchored excerpts, a recovery copy)
            self.undo_stack.mark_modified()
        self._current_section_id = None
        if path != self.path:
            self.path = path
            self.path_changed.emit(path)
        self.current_section_changed.emit(None)
        self._update_actions()
        self._emit_dirty()
        self.changed.emit()

    # -- document lifecycle -----------------------------------------------------------
    def new(self) -> None:
        self.recovery.remove()
        self._reset(Briefing(), None)

    def open(self, path) -> None:
        """Raises BriefingError (plain words) when the file cannot be opened."""
        path = Path(path)
        try:
            briefing = storage.load(path)
        except ContentError as exc:
            raise BriefingError(f"Could not open “{path.name}”: {exc}") from exc
        except OSError as exc:
            raise BriefingError(f"Could not open “{path.name}”: {exc.strerror or exc}") from exc
        self.last_check = anchoring.check(briefing, self.library)
        reanchored = sum(1 for e in self.last_check if e.status == "reanchored")
        self.recovery.remove()
        self._reset(briefing, path.resolve(), modified=reanchored > 0)
        self.recent.add(path)
        message = self.check_summary()
        if message:
            self.notice.emit(message)

    def check_summary(self) -> str:
        """How many excerpts the last open re-found or could not find, in plain words ('' if none)."""
        reanchored = sum(1 for e in self.last_check if e.status == "reanchored")
        stale = sum(1 for e in self.last_check if e.status == "stale")
        parts = []
        if reanchored:
            parts.append(f"{reanchored} excerpt{'s' if reanchored != 1 else ''} re-found after the source text changed")
        if stale:
            parts.append(f"{stale} excerpt{'s' if stale != 1 else ''} stale (quote no longer found in the source)")
        return "; ".join(parts)

    def save(self) -> bool:
        """Save to the current path; False when there is none (ask for one, then save_as) or on error."""
        if self.path is None:
            return False
        return self.save_as(self.path)

    def save_as(self, path) -> bool:
        path = Path(path)
        try:
            storage.save(self.briefing, path)
        except BriefingError as exc:
            return self._fail(str(exc))
        except OSError as exc:
            return self._fail(f"Could not save “{path.name}”: {exc.strerror or exc}")
        self.undo_stack.set_clean()
        self.recovery.remove()
        self._autosave_timer.stop()
        path = path.resolve()
        if path != self.path:
            self.path = path
            self.path_changed.emit(path)
        self.recent.add(path)
        self._update_actions()
        self._emit_dirty()
        return True

    def _fail(self, message: str) -> bool:
        self.last_error = message
        self.error_occurred.emit(message)
        return False

    def is_dirty(self) -> bool:
        return not self.undo_stack.is_clean

    def recent_files(self) -> list[Path]:
        return self.recent.files()

    # -- autosave and recovery ----------------------------------------------------------
    def autosave_now(self) -> None:
        """Write the recovery copy if there is unsaved work; remove it if there is none."""
        self._autosave_timer.stop()
        if not self.is_dirty():
            self.recovery.remove()
            return
        try:
            self.recovery.write(self.briefing, self.path)
        except OSError as exc:  # a full disk must not interrupt editing; say so once
            self.notice.emit(f"Autosave failed: {exc.strerror or exc}")

    def pending_recoveries(self) -> list[Recovery]:
        return self.recovery.find_orphans()

    def maybe_restore_recovery(self, parent_widget: QWidget | None = None, auto_answer: bool | None = None) -> bool:
        """At start-up: offer the newest recovery copy left by a crashed session. True if restored.

        ``auto_answer`` (True restore / False discard) skips the dialog, for tests and scripts.
        """
        found = self.pending_recoveries()
        if not found:
            return False
        newest = found[0]
        if auto_answer is None:
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
            briefing = recovery.load()
        except (ContentError, OSError) as exc:
            self._fail(f"The recovery copy could not be read: {exc}")
            return False
        self.last_check = anchoring.check(briefing, self.library)
        self._reset(briefing, recovery.original_path, modified=True)
        recovery.discard()  # its content now lives in this session, which autosaves it again
        self.autosave_now()
        self.notice.emit("Restored unsaved work from the recovery copy.")
        return True

    def close_cleanly(self) -> None:
        """Normal exit (after the user saved or chose to discard): no recovery copy is left."""
        self._autosave_timer.stop()
        self.recovery.remove()

    # -- undo / redo ------------------------------------------------------------------
    def undo(self) -> None:
        if self.can_undo():
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.can_redo():
            self.undo_stack.redo()

    def can_undo(self) -> bool:
        return self.undo_stack.can_undo

    def can_redo(self) -> bool:
        return self.undo_stack.can_redo

    # -- where new things go ----------------------------------------------------------
    @property
    def current_section_id(self) -> str | None:
        if self._current_section_id and self.briefing.find_section(self._current_section_id):
            return self._current_section_id
        return None

    @current_section_id.setter
    def current_section_id(self, section_id: str | None) -> None:
        if section_id != self._current_section_id:
            self._current_section_id = section_id
            self.current_section_changed.emit(section_id)

    def section(self, section_id: str | None) -> Section | None:
        found = self.briefing.find_section(section_id) if section_id else None
        return found[0] if found else None

    def _target_section(self, section_id: str | None) -> str:
        """The given section, else the current one, else the last, else a new "Excerpts" section."""
        for candidate in (section_id, self.current_section_id):
            if candidate and self.briefing.find_section(candidate):
                return candidate
        if self.briefing.sections:
            return self.briefing.sections[-1].id
        return self.add_section(DEFAULT_SECTION_TITLE)

    # -- edits (each one undo step) -------------------------------------------------------
    def add_section(self, title: str = "New section", index: int | None = None, topic_id: str | None = None) -> str:
        section = Section(title=title, topic_id=topic_id)
        index = len(self.briefing.sections) if index is None else index
        self._push(edits.AddSection(index, section))
        self.current_section_id = section.id
        return section.id

    def rename_section(self, section_id: str, title: str) -> None:
        section = self.section(section_id)
        if section is not None and title.strip() and title != section.title:
            self._push(edits.EditSection(section_id, title=title.strip()))

    def set_section_lists(self, section_id: str, *, key_points: list[str] | None = None,
                          discussion_questions: list[str] | None = None) -> None:
        section = self.section(section_id)
        if section is None:
            return
        changes = {}
        if key_points is not None and key_points != section.key_points:
            changes["key_points"] = list(key_points)
        if discussion_questions is not None and discussion_questions != section.discussion_questions:
            changes["discussion_questions"] = list(discussion_questions)
        if changes:
            self._push(edits.EditSection(section_id, **changes))

    def move_section(self, section_id: str, to_index: int) -> None:
        found = self.briefing.find_section(section_id)
        if found is None:
            return
        to_index = max(0, min(to_index, len(self.briefing.sections) - 1))
        if to_index != found[1]:
            self._push(edits.MoveSection(section_id, to_index))

    def add_item(self, item, section_id: str | None = None, index: int | None = None) -> str:
        section_id = self._target_section(section_id)
        section = self.section(section_id)
        index = len(section.items) if index is None else max(0, min(index, len(section.items)))
        self._push(edits.AddItem(section_id, index, item))
        return item.id

    def add_items(self, items: list, section_id: str | None = None, index: int | None = None) -> list[str]:
        """Several items in a row at one place, as one undo step (a multi-paragraph drop)."""
        section_id = self._target_section(section_id)
        section = self.section(section_id)
        start = len(section.items) if index is None else max(0, min(index, len(section.items)))
        self._push_all([edits.AddItem(section_id, start + n, item) for n, item in enumerate(items)],
                       "Add excerpts")
        return [item.id for item in items]

    def add_excerpt(self, excerpt: Excerpt, topic_id: str | None = None, section_id: str | None = None,
                    index: int | None = None) -> str:
        """Into the topic's section (made, titled after the topic, if missing), else the current one."""
        if topic_id and section_id is None:
            section = self.briefing.section_for_topic(topic_id)
            if section is None:
                topic = self.library.topics.get(topic_id) if self.library is not None else None
                title = topic.title if topic is not None else topic_id
                section_id = self.add_section(title, topic_id=topic_id)
            else:
                section_id = section.id
        return self.add_item(excerpt, section_id, index)

    def excerpt_from_source(self, source_id: str, paragraph: int, start: int, end: int) -> Excerpt:
        """Raises BriefingError in plain words when the source or span is not usable."""
        source = self.library.sources.get(source_id) if self.library is not None else None
        if source is None:
            raise BriefingError(f"The source “{source_id}” is not in the library.")
        try:
            return anchoring.make_excerpt(source, paragraph, start, end)
        except ValueError as exc:
            raise BriefingError(f"That selection cannot be quoted: {exc}") from exc

    def add_note(self, text: str = "", section_id: str | None = None, index: int | None = None) -> str:
        return self.add_item(Note(text=text or "New note"), section_id, index)

    def add_subheading(self, text: str = "", section_id: str | None = None, index: int | None = None) -> str:
        return self.add_item(Subheading(text=text or "New sub-heading"), section_id, index)

    def set_item_text(self, item_id: str, text: str) -> None:
        """Notes and sub-headings only: an excerpt's text is a quote and never edited by hand."""
        found = self.briefing.find_item(item_id)
        if found is None:
            return
        item = found[0].items[found[1]]
        if isinstance(item, Excerpt) or not text.strip() or text == item.text:
            return
        self._push(edits.EditItem(item_id, text=text))

    def set_comment(self, item_id: str, comment: str) -> None:
        found = self.briefing.find_item(item_id)
        if found is None:
            return
        item = found[0].items[found[1]]
        if isinstance(item, Excerpt) and comment != item.comment:
            self._push(edits.EditItem(item_id, comment=comment))

    def trim_excerpt(self, item_id: str, start: int, end: int) -> None:
        """Keep ``excerpt.text[start:end]``; raises BriefingError when the source no longer has the quote."""
        found = self.briefing.find_item(item_id)
        if found is None:
            return
        excerpt = found[0].items[found[1]]
        if not isinstance(excerpt, Excerpt):
            return
        if (start, end) == (0, len(excerpt.text)):
            return
        source = self.library.sources.get(excerpt.source_id) if self.library is not None else None
        if source is None:
            raise BriefingError(f"The source “{excerpt.source_id}” is not in the library, so the quote cannot be trimmed.")
        try:
            trimmed = anchoring.trim(excerpt, source, start, end)
        except ValueError as exc:
            raise BriefingError(f"Could not trim the excerpt: {exc}") from exc
        self._push(edits.ReplaceItem(item_id, trimmed))

    def remove(self, ids: list[str]) -> None:
        """Delete sections and/or items (one undo step). Items inside a deleted section go with it."""
        section_ids = [i for i in ids if self.briefing.find_section(i)]
        doomed_sections = set(section_ids)
        commands = []
        for item_id in ids:
            found = self.briefing.find_item(item_id)
            if found and found[0].id not in doomed_sections:
                commands.append(edits.RemoveItem(item_id))
        commands.extend(edits.RemoveSection(sid) for sid in section_ids)
        what = "section" if section_ids and len(commands) == 1 else "item" if len(commands) == 1 else "items"
        self._push_all(commands, f"Delete {what}")

    def move_items(self, item_ids: list[str], to_section_id: str, to_index: int) -> None:
        """Move items (in the given order) so they sit at ``to_index`` of the target section as it is now.

        ``to_index`` counts rows of the target before the move (as a drop position does); moved
        rows above it in the same section are accounted for.
        """
        target = self.section(to_section_id)
        if target is None:
            return
        ids = [i for i in item_ids if self.briefing.find_item(i)]
        if not ids:
            return
        to_index = max(0, min(to_index, len(target.items)))
        before = sum(1 for i, item in enumerate(target.items) if i < to_index and item.id in ids)
        final = to_index - before
        order_now = [item.id for item in target.items]
        if len(ids) == 1:
            commands = [edits.MoveItem(ids[0], to_section_id, final)]
        else:
            # Gather them at the end in order, then place each: every step's index is then exact.
            commands = [edits.MoveItem(i, to_section_id, -1) for i in ids]
            commands += [edits.MoveItem(i, to_section_id, final + k) for k, i in enumerate(ids)]
        # Skip a no-op (dropping items back where they are).
        remaining = [i for i in order_now if i not in ids]
        if all(self.briefing.find_item(i)[0].id == to_section_id for i in ids):
            if remaining[:final] + ids + remaining[final:] == order_now:
                return
        self._push_all(commands, "Move item" if len(ids) == 1 else "Move items")

    def set_meta(self, field: str, value: str, merge: bool = False) -> None:
        if getattr(self.briefing.meta, field) != value:
            self._push(edits.SetMeta(**{field: value}), merge=merge)


def is_offscreen() -> bool:
    return os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal")
