"""What every writer shares: the call shape, the result, cancellation.  Format-neutral."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Protocol

Progress = Callable[[float, str], None]  # (fraction 0..1, plain words)
Cancel = Callable[[], bool]  # True when the user asked to stop


class ExportCancelled(Exception):
    """The user cancelled; no file was written (a previous file at the path is untouched)."""


@dataclass
class WriteResult:
    path: Path | None
    pages: int | None = None  # None where the format has no fixed pages (HTML)
    warnings: list[str] = field(default_factory=list)  # plain sentences for the user
    data: bytes | None = None  # set when the writer was asked for bytes (preview), path is None

    @property
    def warning(self) -> str | None:
        return " ".join(self.warnings) or None


def deliver(data: bytes, output: Path | None, warnings: list[str], **extra: Any) -> WriteResult:
    """Bytes for a preview (``output`` None), else an atomic write: a failed write leaves any
    earlier file at the path as it was."""
    from briefing.yamlio import atomic_write_bytes

    if output is None:
        return WriteResult(path=None, data=data, warnings=list(warnings), **extra)
    output = Path(output)
    atomic_write_bytes(output, data)
    return WriteResult(path=output, warnings=list(warnings), **extra)


class Writer(Protocol):
    """``write(document, theme, output, progress, cancel) -> WriteResult``.

    ``output`` is a path (written atomically once the whole file is ready) or None for bytes in
    ``WriteResult.data``.  ``theme`` is the visual theme object (``briefing.writers.themes``)."""

    def __call__(self, document: Any, theme: Any, output: Path | None, progress: Progress | None = None,
                 cancel: Cancel | None = None) -> WriteResult: ...
