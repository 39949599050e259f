"""The one place that turns a failure into words for a user: the CLI prints it and exits 1, the
GUI shows it in a message box.  A traceback reaching a user is a bug, so an unexpected
exception is described too (and its traceback kept in a log file for the bug report).
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from briefing import paths
from briefing.errors import BriefingError, ContentError
from briefing.sqlitedb import sqlite3

LOG_NAME = "errors.log"
LOG_LIMIT = 1024 * 1024  # the log is started afresh once it is larger


def log_path() -> Path:
    return paths.user_cache_dir() / LOG_NAME


def describe(exc: BaseException) -> str:
    """Plain words naming the file (and line) and the problem, for every failure."""
    if isinstance(exc, (ContentError, BriefingError)):
        return str(exc)
    if isinstance(exc, OSError):
        what = exc.strerror or str(exc) or type(exc).__name__
        names = [str(n) for n in (exc.filename, exc.filename2) if n is not None]
        return f"{' -> '.join(names)}: {what}" if names else what
    if isinstance(exc, MemoryError):
        return "There was not enough memory to finish; close other work or use a smaller file."
    if isinstance(exc, RecursionError):
        return "The data is nested too deeply to be processed."
    if isinstance(exc, UnicodeError):
        return f"A character could not be read or written ({exc})."
    if isinstance(exc, sqlite3.Error):
        return f"The search index could not be used ({exc}); it is rebuilt at the next start if damaged."
    where = record(exc)
    saved = f" The details were saved to {where}." if where else ""
    return f"Something went wrong: {type(exc).__name__}: {exc}. This is a bug in Briefing Book.{saved}"


def record(exc: BaseException) -> Path | None:
    """Append the traceback of an unexpected failure to the log; the log's path, or None if it could not be written."""
    path = log_path()
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = "w" if path.exists() and path.stat().st_size > LOG_LIMIT else "a"
        with open(path, mode, encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n{text}\n")
    except OSError:
        return None
    return path
