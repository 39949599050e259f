"""Start the desktop application: ``run(argv) -> exit code``.

    briefing-book [FILE.briefing.yaml] [--briefing FILE] [--library DIR]

Qt 6 handles high-DPI scaling by itself, and the default style follows the system's
light/dark palette; the app sets no colours of its own (panes use palette roles).  The
library loads synchronously from its metadata cache (unchanged folders without a stat per
file); the search index is opened at once, and the library's full check and the index update
run off the GUI thread after the window is up, with progress in the status bar.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from types import SimpleNamespace

# The Qt-free modules a start-up needs, imported before PySide6.  Once PySide6 is loaded, its
# __feature__ import hook reads the source of every module that an import statement names for the
# first time (to look for "PySide6" in it); what these pull in is then loaded already and named by
# no later statement: ~70 fewer source files read at each launch (~10-15 ms).
import briefing.failures  # noqa: F401
import briefing.library  # noqa: F401
import briefing.search.index  # noqa: F401
import briefing.session.document  # noqa: F401
from briefing import paths

if paths.uses_platformdirs():
    import platformdirs  # noqa: F401 - where briefing.paths finds the per-user folders at start-up

from PySide6.QtCore import QTimer  # noqa: E402 - after the modules above, on purpose
from PySide6.QtWidgets import QApplication

import briefing
from briefing.errors import BriefingError

APP_NAME = "Briefing Book"


_VALUE_FLAGS = ("--briefing", "--library")


def parse_args(argv: list[str]):
    """``file``, ``briefing`` and ``library`` from the command line; anything else is left to Qt.

    The usual launches (nothing, a file, ``--library DIR``, ``--briefing FILE``, values not starting
    with ``-``) are read here, with argparse's result; argparse, which sets up gettext and locale at ~3.5 ms a
    launch, reads every other command line (help, ``--opt=value``, abbreviations, errors, Qt's own
    options) exactly as before.
    """
    found = {"file": None, "briefing": None, "library": None}
    i = 0
    while i < len(argv):
        token = argv[i]
        value = argv[i + 1] if i + 1 < len(argv) else ""
        if token in _VALUE_FLAGS and value and not value.startswith("-"):
            found[token[2:]] = value
            i += 2
        elif token and not token.startswith("-") and found["file"] is None:
            found["file"] = token
            i += 1
        else:
            return _parse_args_fully(argv)
    return SimpleNamespace(**found)


def _parse_args_fully(argv: list[str]):
    import argparse

    parser = argparse.ArgumentParser(prog="briefing-book", description="Briefing Book desktop application")
    parser.add_argument("file", nargs="?", help="a .briefing.yaml file to open")
    parser.add_argument("--briefing", dest="briefing", help="a .briefing.yaml file to open")
    parser.add_argument("--library", help="a library folder (sources/ and topics.yaml) used as your library")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def make_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "briefing-book", *argv])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(briefing.__version__)
    app.setDesktopFileName("briefing-book")
    from briefing.gui.icon import app_icon

    app.setWindowIcon(app_icon())
    return app


def load_library(library_dir: str | None):
    from briefing.library import Library

    # stamped folders come from the metadata cache without a stat per file; the window's first
    # index update does the full check off the GUI thread (MainWindow.update_index)
    if library_dir:
        roots = [Library.default_roots()[0], (Path(library_dir), "user")]
        return Library.load(roots=roots, trust_stamps=True)
    return Library.load(trust_stamps=True)


def open_index():
    from briefing.search.index import SearchIndex

    return SearchIndex.open()


def build_window(library, index):
    from briefing.gui.main_window import MainWindow

    return MainWindow(library, index)


def _settle_garbage_collector(collecting: bool) -> None:
    """After start-up: keep what start-up built (modules, the library, the panes) out of all later
    collections, and collect again as usual (if the caller did)."""
    gc.freeze()
    if collecting:
        gc.enable()


def run(argv: list[str] | None = None) -> int:
    # Start-up allocates objects that live as long as the app (10,000 sources, their cached
    # fields, Qt wrappers); collections while they are built find nothing to free (~20 ms of a
    # 10,000-source start).  The collector is back, with those objects frozen, once the window is up.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(argv, lambda: _settle_garbage_collector(collecting))
    finally:
        if collecting and not gc.isenabled():
            gc.enable()


def _run(argv: list[str] | None, settle_gc) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    app = make_application(argv)
    library = load_library(args.library)
    if library.bundled_problem():  # a broken install: say so, rather than open an empty library
        from PySide6.QtWidgets import QMessageBox  # set up (with its enums) only when a message is shown

        QMessageBox.critical(None, APP_NAME, library.bundled_problem())
        return 1
    index, index_error = None, None
    try:
        index = open_index()
    except Exception as exc:  # noqa: BLE001 - the app still works without search
        index_error = exc
    window = build_window(library, index)
    from briefing.gui.failure_hook import install

    uninstall_hook = install(window)  # an uncaught failure becomes a message on this window, not a traceback
    window.show()

    restored = window.controller.maybe_restore_recovery(window)
    to_open = args.briefing or args.file
    if to_open and restored:
        window.show_message(f"Restored unsaved work; {Path(to_open).name} was not opened.")
    elif to_open:
        try:
            window.controller.open(to_open)
        except BriefingError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(window, APP_NAME, str(exc))
    if library.problems:
        window.show_message(
            f"{len(library.problems)} file{'s' * (len(library.problems) != 1)} in the library could not be used "
            f"(first: {library.problems[0]})"
        )
    if index_error is not None:
        window.show_message(f"Search is unavailable: {index_error}")
    QTimer.singleShot(0, settle_gc)
    QTimer.singleShot(0, window.update_index)
    code = app.exec()
    uninstall_hook()

    from briefing.gui.worker import wait_for_all

    wait_for_all(5000)
    if index is not None:
        index.close()
    return code


if __name__ == "__main__":
    raise SystemExit(run())
