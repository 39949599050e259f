"""Run slow work (index update, search, export) off the GUI thread with one small call.

    run_in_background(fn, on_done=None, on_error=None, on_progress=None) -> Task

``fn`` runs on a QThreadPool thread.  If ``on_progress`` is given, ``fn`` is called as
``fn(progress=report)`` and may call ``report(*values)`` as often as it likes; otherwise
``fn()`` is called with no arguments.  ``on_done(result)``, ``on_error(exception)`` and
``on_progress(*values)`` run on the GUI thread, so they may touch widgets: results come by
queued signal, progress is polled every 100 ms (newest value only).
``Task.cancel()`` does not interrupt ``fn``; it only drops the callbacks (use it for results
that became stale, e.g. an older search, or when the widget that asked is closing).

Callbacks must not rely on objects the GUI has deleted meanwhile: callers bound to a
widget should check it (or cancel their task in ``closeEvent``).
"""

from __future__ import annotations

import sys
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

PROGRESS_POLL_MS = 100
_live: set["Task"] = set()  # keep Python wrappers alive until their callbacks ran


class _Signals(QObject):
    done = Signal(object)
    error = Signal(object)


class Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], with_progress: bool):
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.with_progress = with_progress
        self.cancelled = False
        self.finished = False
        self.signals = _Signals()
        self.latest_progress: tuple | None = None

    def cancel(self) -> None:
        self.cancelled = True

    def is_cancelled(self) -> bool:
        return self.cancelled

    def report(self, *values) -> None:  # worker thread: only remember; the GUI polls (see below)
        self.latest_progress = values

    def run(self) -> None:  # worker thread
        try:
            if self.with_progress:
                result = self.fn(progress=self.report)
            else:
                result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.error.emit(exc)
        else:
            self.signals.done.emit(result)


def run_in_background(
    fn: Callable[..., Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[..., None] | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    task = Task(fn, with_progress=on_progress is not None)

    poll = None
    if on_progress is not None:
        # Progress is polled on the GUI thread, newest value only: a queued signal per report
        # from the worker stalled the event loop (~0.3 s seen during an export).
        shown: list = [None]

        def deliver():
            values = task.latest_progress
            if values is not None and values is not shown[0] and not task.cancelled:
                shown[0] = values
                on_progress(*values)

        poll = QTimer()
        poll.setInterval(PROGRESS_POLL_MS)
        poll.timeout.connect(deliver)
        poll.start()

    def finish(callback, value):
        if poll is not None:
            poll.stop()
            poll.timeout.emit()  # the last report before the result
        task.finished = True
        _live.discard(task)
        if callback is not None and not task.cancelled:
            callback(value)

    def default_error(exc):
        # Never swallow a failure silently: report it like an uncaught exception (the GUI's
        # hook, briefing.gui.failure_hook, shows it on the window in plain words).
        sys.excepthook(type(exc), exc, exc.__traceback__)

    task.signals.done.connect(lambda result: finish(on_done, result))
    task.signals.error.connect(lambda exc: finish(on_error or default_error, exc))
    _live.add(task)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def wait_for_all(msecs: int = 5000) -> bool:
    """At shutdown: give running tasks a chance to finish before Qt objects go away."""
    done = QThreadPool.globalInstance().waitForDone(msecs)
    return (_serial_pool.waitForDone(msecs) if _serial_pool is not None else True) and done


_serial_pool: QThreadPool | None = None


def serial_pool() -> QThreadPool:
    """One long-lived thread for work on a shared resource (the search index): tasks run in order."""
    global _serial_pool
    if _serial_pool is None:
        _serial_pool = QThreadPool()
        _serial_pool.setMaxThreadCount(1)
        _serial_pool.setExpiryTimeout(-1)
    return _serial_pool
