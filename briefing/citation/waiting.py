"""Progress and cancel while pandoc formats citations: the one long wait of a first export.

A first export of a long briefing hands pandoc every citation at once (~1.5 s for 480 notes);
without word from it the progress bar would stand still and Cancel would wait.  The caller (the
export) installs a callback for the current thread of work; the pandoc call polls and, about
every ``POLL_S``, calls it with the seconds waited and the number of citations being formatted.
The callback may raise (``ExportCancelled``): pandoc is then stopped and nothing is cached.
A context variable, so an export and the preview on other threads never see each other's callback.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator

POLL_S = 0.15
Waiting = Callable[[float, int], None]  # (seconds waited, citations being formatted)

_callback: ContextVar[Waiting | None] = ContextVar("briefing_citation_waiting", default=None)


@contextmanager
def reporting(callback: Waiting | None) -> Iterator[None]:
    token = _callback.set(callback)
    try:
        yield
    finally:
        _callback.reset(token)


def current() -> Waiting | None:
    return _callback.get()
