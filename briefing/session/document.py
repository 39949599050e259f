"""One open briefing, without Qt: its file, the anchoring check on open, atomic save, the undo
stack, the autosave policy and the change records every edit reports.

The GUI's ``DocumentController`` is a thin Qt adapter over this (signals, a timer); the CLI
opens briefings through ``DocumentSession.open_file`` so both check excerpts the same way.
Listeners receive the ``Change`` list of each edit, undo or redo (``changes.reset()`` for open,
new and restore), after the briefing already has its new state.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from briefing.errors import BriefingError, ContentError
from briefing.model import Briefing, Excerpt, anchoring, edits
from briefing.model.briefing import new_briefing
from briefing.model import changes as change_records
from briefing.model.changes import Change
from briefing.session.editing import Editing
from briefing.session.recent import RecentFiles
from briefing.session.recovery import Recovery, RecoveryStore

# Autosave policy: write the recovery copy this long after the last edit (typing keeps pushing it
# back), but never let unsaved work go unwritten for longer than AUTOSAVE_MAX_WAIT_S.
AUTOSAVE_DELAY_S = 1.5
AUTOSAVE_MAX_WAIT_S = 30.0


class DocumentSession(Editing):
    """``recovery``/``recent`` may be None (the CLI writes neither a recovery copy nor a recent list)."""

    def __init__(self, library, *, recovery: RecoveryStore | None = None, recent: RecentFiles | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.library = library
        self.recovery = recovery
        self.recent = recent
        self.briefing = new_briefing()
        self.path: Path | None = None
        self.undo_stack = edits.UndoStack(self.briefing)
        self.undo_stack.listeners.append(self._on_stack)
        self.last_check: list[Excerpt] = []  # excerpts anchoring.check reported on the last open
        self.listeners: list[Callable[[list[Change]], None]] = []
        self.current_section_id: str | None = None  # the section the user is working in (the outline's)
        self._clock = clock
        self._unsaved_since: float | None = None  # first unsaved edit not yet in a recovery copy

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def open_file(cls, path, library, **kwargs) -> "DocumentSession":
        session = cls(library, **kwargs)
        session.open(path)
        return session

    def open(self, path) -> None:
        """Load and check against the library.  Raises BriefingError (plain words) when it cannot be opened."""
        path = Path(path)
        from briefing.model import storage  # reading and writing files: not needed by a start-up with a new briefing

        try:
            briefing = storage.load(path)
        except ContentError as exc:
            raise BriefingError(f"Could not open “{path.name}”: {exc}") from exc
        except OSError as exc:
            raise BriefingError(f"Could not open “{path.name}”: {exc.strerror or exc}") from exc
        self.last_check = anchoring.check(briefing, self.library) if self.library is not None else []
        if self.recovery is not None:
            self.recovery.remove()
        self._replace(briefing, path.resolve(), modified=any(e.status == "reanchored" for e in self.last_check))
        if self.recent is not None:
            self.recent.add(path)

    def new(self) -> None:
        if self.recovery is not None:
            self.recovery.remove()
        self.last_check = []
        self._replace(new_briefing(), None)

    def restore(self, recovery: Recovery) -> None:
        """A recovery copy becomes the current, unsaved document.  Raises ContentError/OSError if unreadable."""
        briefing = recovery.load()
        self.last_check = anchoring.check(briefing, self.library) if self.library is not None else []
        self._replace(briefing, recovery.original_path, modified=True)
        recovery.discard()  # its content now lives in this session, which autosaves it again
        self.autosave_now()

    def _replace(self, briefing: Briefing, path: Path | None, modified: bool = False) -> None:
        self.briefing = briefing
        self.path = path
        self.current_section_id = None
        self.undo_stack.listeners.remove(self._on_stack)
        self.undo_stack = edits.UndoStack(briefing)
        if modified:  # differs from the file on disk (re-anchored excerpts, a recovery copy)
            self.undo_stack.mark_modified()
        self.undo_stack.listeners.append(self._on_stack)
        self._unsaved_since = None
        self._notify(change_records.reset())

    # -- what the last open found ----------------------------------------------------------
    def stale_excerpts(self) -> list[Excerpt]:
        return [e for e in self.briefing.all_excerpts() if e.status == "stale"]

    def missing_sources(self) -> list[str]:
        sources = getattr(self.library, "sources", {})
        return sorted({e.source_id for e in self.briefing.all_excerpts() if e.source_id not in sources})

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

    # -- saving -------------------------------------------------------------------------------
    def save(self, path=None) -> Path:
        """Atomic save to ``path`` (default: the current file).  Raises BriefingError in plain words."""
        path = Path(path) if path is not None else self.path
        if path is None:
            raise BriefingError("The briefing has no file yet; choose where to save it.")
        from briefing.model import storage

        try:
            storage.save(self.briefing, path)
        except OSError as exc:
            raise BriefingError(f"Could not save “{path.name}”: {exc.strerror or exc}") from exc
        self.path = path.resolve()
        self.undo_stack.set_clean()
        self._unsaved_since = None
        if self.recovery is not None:
            self.recovery.remove()
        if self.recent is not None:
            self.recent.add(self.path)
        return self.path

    def is_dirty(self) -> bool:
        return not self.undo_stack.is_clean

    # -- autosave policy (the caller owns the timer) ----------------------------------------------
    def autosave_delay(self) -> float | None:
        """Seconds until the recovery copy should be written, or None when there is nothing to write.

        Called after every change: a quiet spell of AUTOSAVE_DELAY_S writes it, and continuous typing
        cannot postpone it past AUTOSAVE_MAX_WAIT_S after the first unsaved edit."""
        if self.recovery is None or not self.is_dirty():
            return None
        now = self._clock()
        if self._unsaved_since is None:
            self._unsaved_since = now
        return max(0.0, min(AUTOSAVE_DELAY_S, self._unsaved_since + AUTOSAVE_MAX_WAIT_S - now))

    def autosave_now(self) -> None:
        """Write the recovery copy if there is unsaved work, remove it if there is none.  OSError passes up."""
        job = self.autosave_job(snapshot=False)
        if job is not None:
            job()

    def autosave_job(self, snapshot: bool = True) -> Callable[[], bool] | None:
        """``autosave_now`` in two halves: the stale copy is removed here, and the write of a
        copy of the briefing as it is now is returned to run on another thread (None: nothing to
        write).  The write raises OSError or BriefingError like ``autosave_now``."""
        if self.recovery is None:
            return None
        self._unsaved_since = None
        if not self.is_dirty():
            self.recovery.remove()
            return None
        return self.recovery.writer(self.briefing, self.path, snapshot=snapshot)

    def pending_recoveries(self) -> list[Recovery]:
        return self.recovery.find_orphans() if self.recovery is not None else []

    def close_cleanly(self) -> None:
        """Normal exit (after the user saved or chose to discard): no recovery copy is left."""
        if self.recovery is not None:
            self.recovery.remove()

    # -- undo -----------------------------------------------------------------------------------
    def push(self, command: edits.Command, merge: bool = False) -> None:
        self.undo_stack.push(command, merge=merge)

    def undo(self) -> None:
        if self.undo_stack.can_undo:
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.undo_stack.can_redo:
            self.undo_stack.redo()

    def can_undo(self) -> bool:
        return self.undo_stack.can_undo

    def can_redo(self) -> bool:
        return self.undo_stack.can_redo

    # -- listeners --------------------------------------------------------------------------------
    def _on_stack(self) -> None:
        self._notify(self.undo_stack.last_changes)

    def _notify(self, records: list[Change]) -> None:
        for listener in list(self.listeners):
            listener(list(records))
