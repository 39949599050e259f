"""An advisory lock file, so two windows or two processes never write the same data at once.

Used around writes to the user library (``Library.save_user_source``, the importer) and
around search-index updates.  On POSIX it is ``fcntl.flock`` on a ``.lock`` file beside the
data; on Windows ``msvcrt.locking`` on the first byte of that file; where neither exists it
degrades to an in-process lock only.  The OS drops the lock when a process dies, so a crash
never leaves the library locked.

The lock is re-entrant within a process (the importer holds it while calling
``save_user_source``), and waiting is bounded: after ``timeout`` seconds the caller gets a
``LockTimeout`` (a ``BriefingError``) in plain words instead of hanging.
"""

from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from briefing.errors import BriefingError

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:  # Windows
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]

DEFAULT_TIMEOUT = 10.0
_POLL = 0.02


class LockTimeout(BriefingError):
    """Another window or process held the lock for longer than the timeout."""


class _Held:
    def __init__(self) -> None:
        self.rlock = threading.RLock()
        self.count = 0
        self.fd: int | None = None


_held: dict[str, _Held] = {}
_held_guard = threading.Lock()


def _try_os_lock(fd: int) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
        except OSError as exc:  # e.g. a file system without flock: fall back to in-process only
            if exc.errno in (getattr(os, "ENOLCK", -1), getattr(os, "EOPNOTSUPP", -1)):
                return True
            raise
    if msvcrt is not None:  # pragma: no cover - Windows
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    return True  # pragma: no cover - no OS locking available


def _os_unlock(fd: int) -> None:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        elif msvcrt is not None:  # pragma: no cover - Windows
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    except OSError:
        pass


@contextmanager
def file_lock(lock_path: Path | str, timeout: float = DEFAULT_TIMEOUT, what: str = "this data") -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (created if needed) for the ``with`` block."""
    lock_path = Path(lock_path)
    key = os.path.abspath(lock_path)
    with _held_guard:
        held = _held.setdefault(key, _Held())
    deadline = time.monotonic() + timeout
    if not held.rlock.acquire(timeout=max(timeout, 0)):
        raise LockTimeout(_busy_message(what, timeout))
    try:
        if held.count == 0:
            lock_path.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise BriefingError(f"Could not lock {what} ({lock_path}): {exc.strerror or exc}.") from exc
            try:
                while not _try_os_lock(fd):
                    if time.monotonic() >= deadline:
                        raise LockTimeout(_busy_message(what, timeout))
                    time.sleep(_POLL)
            except BaseException:
                os.close(fd)
                raise
            held.fd = fd
        held.count += 1
        try:
            yield
        finally:
            held.count -= 1
            if held.count == 0 and held.fd is not None:
                _os_unlock(held.fd)
                os.close(held.fd)
                held.fd = None
    finally:
        held.rlock.release()


def _busy_message(what: str, timeout: float) -> str:
    return (f"{what[:1].upper()}{what[1:]} is being changed by another Briefing Book window or program "
            f"(waited {timeout:g} seconds). Try again in a moment.")
