"""What every CLI command shares: loading the library and index, warnings, tables, JSON.

Library problems are warnings on stderr in ``file:line:col: field: message`` form;
the command still runs on whatever loaded.  Tables fit the terminal width: narrow
columns are truncated with an ellipsis, the last column wraps.  Highlights are bold
on a terminal and «marked» otherwise (or with NO_COLOR set).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import sys
from dataclasses import dataclass
from typing import Any, Sequence

from briefing.library import Library
from briefing.search import highlight
from briefing.search.index import SearchIndex, UpdateCancelled
from briefing.sqlitedb import sqlite3

ELLIPSIS = "\u2026"
BOLD, RESET = "\x1b[1m", "\x1b[0m"
MARK_OPEN, MARK_CLOSE = "\u00ab", "\u00bb"
_WORD = re.compile(r"\S+")


class CommandError(Exception):
    """A plain-words failure: printed as ``error: …`` and turned into an exit code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


MAX_COUNT = 100_000  # the most passages or excerpts a count option asks for


def positive_int(value: str) -> int:
    """argparse type for counts (--limit, --per-topic): a whole number from 1 to MAX_COUNT, or a message."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value[:40]}' is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    if n > MAX_COUNT:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_COUNT:,}")
    return n


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def error(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def load_library() -> Library:
    """The library, its problems warned about; an empty bundled library means a broken install."""
    lib = Library.load()
    for problem in lib.problems:
        warn(str(problem))
    problem = lib.bundled_problem()
    if problem:
        raise CommandError(problem)
    return lib


def load_briefing(path, lib: Library):
    """A briefing file opened by the same document session as the window (same checks, same
    messages), with its stale excerpts and missing sources warned about: ``build`` and the aids."""
    from briefing.errors import BriefingError
    from briefing.session.document import DocumentSession

    try:
        briefing = DocumentSession.open_file(path, lib).briefing
    except BriefingError as exc:
        raise CommandError(str(exc)) from exc
    stale = [e for e in briefing.all_excerpts() if e.status == "stale"]
    if stale:
        warn(f"{len(stale)} excerpt(s) no longer match their source; they are flagged in the PDF")
    missing = sorted({e.source_id for e in briefing.all_excerpts() if e.source_id not in lib.sources})
    if missing:
        warn("sources not in the library: " + ", ".join(missing))
    return briefing


INTERRUPTED = 130  # the exit code of a command stopped by Ctrl+C (128 + SIGINT)


def open_index(lib: Library) -> SearchIndex:
    """The persistent index, brought up to date (cheap when nothing changed).

    Ctrl+C during the update stops it after the batch being written (``SearchIndex.update``'s
    ``cancel``): the index keeps what was written, the next command completes it, and the
    command ends with a message and exit code 130.  A second Ctrl+C stops at once (the batch
    in progress is rolled back)."""
    try:
        idx = SearchIndex.open()
    except (sqlite3.Error, OSError) as exc:
        raise CommandError(f"cannot open the search index: {exc}") from exc
    try:
        with _ctrl_c_cancels() as cancel:
            idx.update(lib, cancel=cancel)
    except UpdateCancelled as exc:
        idx.close()
        raise CommandError(f"interrupted: the search index now covers {exc.result.indexed + exc.result.unchanged} of "
                           f"{exc.total} sources; the next command completes it", INTERRUPTED) from None
    except (sqlite3.Error, OSError) as exc:
        idx.close()
        raise CommandError(f"cannot open the search index: {exc}") from exc
    except BaseException:
        idx.close()
        raise
    for problem in idx.problems:
        warn(str(problem))
    return idx


def configure_output() -> None:
    """Never fail on a character the terminal's encoding lacks (a Windows console, a redirect in a
    legacy code page): tables and messages show it replaced; ``--json`` escapes it instead
    (``print_json``), so scripts lose nothing."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=errors)
            except (ValueError, OSError):
                pass


def _utf8_stdout() -> bool:
    return (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "").replace("_", "") == "utf8"


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=not _utf8_stdout(), indent=2)
    sys.stdout.write("\n")


# -- terminal tables -------------------------------------------------------------------
@dataclass
class Rich:
    """Cell text with highlight spans (character offsets into ``text``)."""

    text: str
    spans: Sequence[tuple[int, int]] = ()


def use_bold() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def terminal_width() -> int:
    return max(40, shutil.get_terminal_size((100, 24)).columns)


def truncate(text: str, width: int) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + ELLIPSIS


def _wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Line ranges over ``text`` (single-spaced), greedy by words; over-long words are cut."""
    lines: list[tuple[int, int]] = []
    start = end = None
    for m in _WORD.finditer(text):
        s, e = m.start(), m.end()
        while e - s > width:  # a word longer than the column
            if start is not None:
                lines.append((start, end))
                start = None
            lines.append((s, s + width))
            s += width
        if start is None:
            start, end = s, e
        elif e - start <= width:
            end = e
        else:
            lines.append((start, end))
            start, end = s, e
    if start is not None:
        lines.append((start, end))
    return lines or [(0, 0)]


def _marked(cell: Rich) -> Rich:
    """«» markers inserted into the text (used when bold is not available)."""
    out, last = [], 0
    for s, e in cell.spans:
        out += [cell.text[last:s], MARK_OPEN, cell.text[s:e], MARK_CLOSE]
        last = e
    out.append(cell.text[last:])
    return Rich("".join(out))


def _render_line(cell: Rich, start: int, end: int) -> str:
    out, pos = [], start
    for s, e in cell.spans:
        s, e = max(s, start), min(e, end)
        if e <= s:
            continue
        out += [cell.text[pos:s], BOLD, cell.text[s:e], RESET]
        pos = e
    out.append(cell.text[pos:end])
    return "".join(out)


def wrapped_lines(cell: Rich | str, width: int, bold: bool) -> list[str]:
    cell = cell if isinstance(cell, Rich) else Rich(cell)
    # collapse whitespace, keeping spans in place
    text, spans = highlight.snippet(cell.text, list(cell.spans), words=len(cell.text) + 1)
    cell = Rich(text, spans)
    if not bold:
        cell = _marked(cell)
    return [_render_line(cell, s, e) for s, e in _wrap(cell.text, width)]


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, right: Sequence[int] = (),
                max_widths: Sequence[int | None] = (), gap: str = "  ") -> None:
    """Columns sized to content; all but the last truncated to ``max_widths``; the last wraps."""
    bold = use_bold()
    total = terminal_width()
    n = len(headers)
    plain = [[c.text if isinstance(c, Rich) else str(c) for c in row] for row in rows]
    widths = []
    for i in range(n - 1):
        w = max([len(headers[i])] + [len(" ".join(r[i].split())) for r in plain])
        limit = max_widths[i] if i < len(max_widths) and max_widths[i] else w
        widths.append(min(w, limit))
    # On a narrow terminal, shrink the widest left-aligned column before squeezing the text column.
    min_last = 24
    while total - sum(widths) - len(gap) * (n - 1) < min_last:
        shrinkable = [i for i in range(n - 1) if i not in right and widths[i] > 8]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    last = max(12, total - sum(widths) - len(gap) * (n - 1))

    def cells(values: Sequence[str]) -> list[str]:
        return [
            (truncate(v, widths[i]).rjust(widths[i]) if i in right else truncate(v, widths[i]).ljust(widths[i]))
            for i, v in enumerate(values[: n - 1])
        ]

    head = gap.join(cells(headers) + [headers[-1]])
    print(f"{BOLD}{head}{RESET}" if bold else head)
    print(gap.join(["-" * w for w in widths] + ["-" * min(last, max(len(headers[-1]), 10))]))
    indent = gap.join(" " * w for w in widths) + gap
    for row, texts in zip(rows, plain):
        lines = wrapped_lines(row[-1], last, bold)
        print(gap.join(cells(texts) + [lines[0]]).rstrip())
        for line in lines[1:]:
            print((indent + line).rstrip())


@contextlib.contextmanager
def _ctrl_c_cancels():
    """Yields a ``cancel()`` that is True once Ctrl+C was pressed; a second Ctrl+C interrupts.

    Outside the main thread (no signal handler can be set) ``cancel()`` stays False and Ctrl+C
    interrupts as usual."""
    pressed = [False]

    def on_sigint(signum, frame):
        if pressed[0]:
            raise KeyboardInterrupt
        pressed[0] = True
        print("Stopping the search index update…", file=sys.stderr)

    try:
        previous = signal.signal(signal.SIGINT, on_sigint)
    except ValueError:  # not the main thread
        yield lambda: False
        return
    try:
        yield lambda: pressed[0]
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)
