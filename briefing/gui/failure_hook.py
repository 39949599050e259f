"""Uncaught failures in the GUI become a plain-words message on the main window, never a
traceback on a console the user does not see (or an application that silently stops).

Qt hands an exception raised in a slot or an overridden method to ``sys.excepthook``; background
tasks without their own error handler go the same way (``worker.run_in_background``).  The words
come from ``briefing.failures.describe``, the same as the command line's.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Callable

from briefing.failures import describe

if TYPE_CHECKING:  # annotations only
    from PySide6.QtWidgets import QMessageBox

TITLE = "Briefing Book"


def install(window) -> Callable[[], None]:
    """Route uncaught exceptions to ``show_failure`` on ``window`` while it is shown; returns the
    function that puts the previous hook back (when the application's event loop has ended)."""
    previous = sys.excepthook

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt) or not _alive(window):
            previous(exc_type, exc, tb)
            return
        if exc is None:
            exc = exc_type()
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        show_failure(window, describe(exc))

    def uninstall() -> None:
        if sys.excepthook is hook:
            sys.excepthook = previous

    sys.excepthook = hook
    return uninstall


def show_failure(window, text: str) -> QMessageBox:
    """A window-modal warning that does not block the code that failed, and the status line."""
    from PySide6.QtWidgets import QMessageBox  # set up (with its enums) when a failure is shown, not at start-up

    window.statusBar().showMessage(text, 15000)
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, text, QMessageBox.StandardButton.Ok, window)
    box.setObjectName("failureMessage")
    box.open()
    return box


def _alive(window) -> bool:
    try:
        return window.isVisible()
    except RuntimeError:  # the C++ window is gone
        return False
