"""``import PATH… [--dry-run] [--json] [--yes]``: bring web pages, PDFs, Word, Markdown and text files in.

Every file is read in the isolated worker (time and memory limits), cleaned by the rules that
prepared the bundled sources, and — unless ``--dry-run`` — saved all or nothing.  There is no
review on the command line, so ``--dry-run`` is the review: it prints the proposed metadata (each
field found, inferred or empty), the kept paragraphs with headings marked ``#`` and the dropped
lines; ``--json`` prints the same as ``{"documents": [...]}``.

Duplicates (the same bytes as an imported original, or near-identical text to any source) are
skipped with a message; ``--yes`` imports them anyway.  A file that cannot be imported is reported
(``error: FILE: problem``) and the others go on; the exit code is then 1.  Progress goes to stderr
at least every half second while files are read.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
import time
from pathlib import Path

from briefing.cli.common import CommandError, error, load_library, open_index, print_json, warn
from briefing.errors import BriefingError, ContentError
from briefing.importing import ExtractWorker, find_duplicate, finish_staged_imports, save_extract
from briefing.importing.names import display_name

PROGRESS_SECONDS = 0.4  # a line at least this often (the issue asks for one every 0.5 s)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "import", help="import web pages, PDFs, Word, Markdown and text files into your library",
        description="Import files into your library: saved web pages (.html, .htm), PDF, Word (.docx), "
        "Markdown and text in any common encoding. Each is cleaned like the bundled sources; "
        "--dry-run shows what would be kept and dropped without saving anything.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files to import")
    p.add_argument("--dry-run", action="store_true", help="change nothing; print what each import would keep and drop")
    p.add_argument("--json", action="store_true", help='machine-readable output: {"documents": [...]}')
    p.add_argument("--yes", action="store_true", help="import duplicates too (same file or near-identical text)")
    p.set_defaults(func=run_import)


class _Progress:
    """Progress lines on stderr: one per file, and a 'still reading' line every half second."""

    def __init__(self, total: int):
        self.total, self.last, self.name, self.started = total, 0.0, "", 0.0
        self.quiet = total == 1

    def start(self, n: int, name: str) -> None:
        self.name, self.started = name, time.monotonic()
        if not self.quiet:
            self._say(f"[{n}/{self.total}] {name}")

    def tick(self) -> bool:
        now = time.monotonic()
        if now - self.last >= PROGRESS_SECONDS and now - self.started >= PROGRESS_SECONDS:
            self._say(f"  … reading {self.name} ({now - self.started:.1f} s)")
        return False  # the worker's "cancelled?" question: never, on the command line

    def _say(self, text: str) -> None:
        self.last = time.monotonic()
        print(text, file=sys.stderr, flush=True)

    @contextlib.contextmanager
    def during(self, what: str):
        """A 'still …' line every PROGRESS_SECONDS while a step without its own progress runs."""
        if self.quiet:
            yield
            return
        self._say(what + "…")
        started, done = time.monotonic(), threading.Event()

        def beat():
            while not done.wait(PROGRESS_SECONDS):
                self._say(f"  … {what} ({time.monotonic() - started:.1f} s)")

        thread = threading.Thread(target=beat, daemon=True)
        thread.start()
        try:
            yield
        finally:
            done.set()
            thread.join()


def _print_review(doc: dict, saved_id: str | None) -> None:
    print(f"== {doc['path']}" + (f"  ->  {saved_id}" if saved_id else ""))
    for name, meta in doc["metadata"].items():
        value = meta["value"]
        if isinstance(value, list):
            value = "; ".join(map(str, value))
        shown = value if value not in (None, "") else "—"
        why = f"  ({meta['reason']})" if meta.get("reason") else ""
        print(f"  {name:9} [{meta['status']}] {shown}{why}")
    print("  kept:")
    headings = set(doc["headings"])
    for text in doc["paragraphs"]:
        marker = "#" if text in headings else " "
        print(f"  {marker} " + text.replace("\n", "\n    "))
    for caption in doc["captions"]:
        print(f"  caption: {caption}")
    for note in doc.get("footnotes", []):
        print(f"  footnote: {note}")
    if doc["dropped"]:
        print("  dropped:")
        for text in doc["dropped"]:
            print("  - " + text.replace("\n", "\n    "))


def run_import(args: argparse.Namespace) -> int:
    progress = _Progress(len(args.paths))
    try:
        with progress.during(f"importing {len(args.paths)} files: loading the library"):
            lib = load_library()
    except CommandError as exc:
        error(str(exc))
        return exc.code
    if not args.dry_run:
        finish_staged_imports(lib.user_root)
    documents, failures, imported = [], 0, []
    with ExtractWorker() as worker:
        for n, raw in enumerate(args.paths, 1):
            path = Path(raw)
            name = display_name(str(path))
            progress.start(n, name)
            try:
                extract = worker.extract(path, cancelled=progress.tick)
                doc = extract.summary()
                doc["path"] = name
                saved_id = None
                if not args.dry_run:
                    duplicate = None if args.yes else find_duplicate(lib, extract)
                    if duplicate is not None:
                        source, how = duplicate
                        warn(f"{name}: skipped: {how} as the source '{source.id}' ({source.label}); "
                             "use --yes to import it anyway")
                        continue
                    saved = save_extract(lib, extract, path)
                    saved_id = saved.id
                    imported.append(saved)
                    doc["id"] = saved_id
            except ContentError as exc:
                failures += 1
                error(display_name(str(exc)))
                continue
            except (BriefingError, OSError, UnicodeError) as exc:
                failures += 1
                error(f"{name}: {display_name(str(exc))}")
                continue
            documents.append(doc)
            if not args.json:
                _print_review(doc, saved_id) if args.dry_run else print(f"imported {name} as {saved_id}")
    if imported:
        try:
            with progress.during("updating the search index"):
                open_index(lib).close()  # the new sources become searchable now
        except CommandError as exc:
            error(str(exc))
            failures += 1
    if args.json:
        print_json({"documents": documents})
    if not args.dry_run and not args.json and len(args.paths) > 1:
        print(f"{len(imported)} imported, {failures} failed, {len(args.paths) - len(imported) - failures} skipped",
              file=sys.stderr)
    return 1 if failures else 0
