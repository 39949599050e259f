"""Parsing in a separate process, with a time limit and a memory limit, that can be cancelled.

A crafted or huge file (a decompression bomb, a billion-laughs page, a parser bug that loops)
must not hang or kill the application.  So every file is parsed in a spawned child process that
limits its own address space (``RLIMIT_AS``, POSIX) and is killed when it runs past the time
limit, when the user cancels, or when it dies; the next file gets a fresh child.  One child
serves many files in turn, so a batch pays the start-up (imports of trafilatura, pypdf, docx)
once.  Only the parsed ``Extract`` comes back; the child never writes anything.
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path
from typing import Callable

from briefing.errors import ContentError

TIME_LIMIT = 30.0
MEMORY_LIMIT = 1024 * 1024 * 1024
POLL_SECONDS = 0.05


class Cancelled(Exception):
    """The user cancelled while a file was being read."""


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the time limit still holds
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        new = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (new, hard))
    except (ValueError, OSError):
        pass


def _serve(conn, memory_limit: int) -> None:
    """The child's loop: a path in, ("ok", Extract) or ("error", message) out."""
    _limit_memory(memory_limit)
    import logging

    logging.disable(logging.CRITICAL)  # parsers' warnings on damaged files: the reply says what matters
    from briefing.importing.extract import extract_file

    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        if path is None:
            return
        try:
            reply = ("ok", extract_file(path))
        except ContentError as exc:
            reply = ("error", exc.message)
        except MemoryError:
            reply = ("error", f"needs more than {memory_limit // (1024 * 1024)} MB of memory to read; not imported")
        except RecursionError:
            reply = ("error", "is nested too deeply to read; not imported")
        except Exception as exc:  # noqa: BLE001 - any parser failure on untrusted input is a message
            reply = ("error", f"could not be read ({type(exc).__name__}: {str(exc)[:200]})")
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("error", "is too large to hand back from the reader; not imported"))


class ExtractWorker:
    """The app side: ``extract(path)`` returns an ``Extract`` or raises ContentError naming the file."""

    def __init__(self, time_limit: float = TIME_LIMIT, memory_limit: int = MEMORY_LIMIT):
        self.time_limit, self.memory_limit = time_limit, memory_limit
        self._process = None
        self._conn = None

    def _start(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        self._process = ctx.Process(target=_serve, args=(child, self.memory_limit), daemon=True,
                                    name="briefing-import-reader")
        self._process.start()
        child.close()
        self._conn = parent

    def _stop(self) -> None:
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(5)
            self._process.close()
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None

    def extract(self, path: Path | str, cancelled: Callable[[], bool] | None = None):
        from briefing.importing.extract import check_file

        check_file(Path(path))  # cheap refusals (type, size, empty) need no process
        if self._process is None or not self._process.is_alive():
            self._stop()
            self._start()
        conn = self._conn
        try:
            conn.send(str(path))
            deadline = time.monotonic() + self.time_limit
            while not conn.poll(POLL_SECONDS):
                if cancelled is not None and cancelled():
                    self._stop()
                    raise Cancelled()
                if not self._process.is_alive():
                    raise EOFError
                if time.monotonic() > deadline:
                    self._stop()
                    raise ContentError(path, f"took longer than {self.time_limit:.0f} s to read (a crafted or "
                                             "damaged file?); not imported")
            status, payload = conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._stop()
            raise ContentError(path, f"made the reader fail (it needs more than "
                                     f"{self.memory_limit // (1024 * 1024)} MB of memory or crashed); not imported") from None
        if status == "error":
            raise ContentError(path, payload)
        return payload

    def close(self) -> None:
        if self._conn is not None and self._process is not None and self._process.is_alive():
            try:
                self._conn.send(None)
                self._process.join(2)
            except (OSError, BrokenPipeError):
                pass
        self._stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
