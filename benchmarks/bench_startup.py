"""Start-up to an interactive main window, against a bare PySide6 window with the same panes.

Each launch is a fresh ``python -c`` subprocess (``QT_QPA_PLATFORM=offscreen``: the benchmark
machine has no display); the parent takes ``time.time()`` just before launching it and the
child prints ``time.time()`` from a ``QTimer.singleShot(0)`` queued when its window is built,
which fires once the event loop runs with the window shown and the events ``show()`` posted
(layout, expose, paint) handled: the first idle moment.  Launches alternate bare/app so load
on the shared machine hits both alike; medians over the runs.

* bare: a QMainWindow with the app's structure and no data: a QTextBrowser in the centre, four
  docks (Topics tree, Library table, Outline tree, Briefing details form) tabbed in pairs,
  a menu bar, a toolbar and a status bar.
* app: the real entry point, ``briefing.gui.app.run(["--library", DIR])``, unchanged except
  that ``build_window`` is wrapped to queue the probe (and time the phases).  ``run`` also
  queues the background index update at that point; it starts after the probe, so it is not
  timed, and the process waits for it before exiting.  That task first does the full check of
  the folders the start-up load took on trust (stamped, see ``briefing.library.metacache``); what
  it found is reported as ``after_start``.  A separate launch then proves an
  unchanged library is neither re-read nor re-indexed.

Both kinds of launch read bytecode from a pycache prefix written by a warm-up launch (see
``_launch``), as an installed app would; the first launch of each kind is not timed.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

BARE = r"""
import sys, time
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import (QApplication, QMainWindow, QTreeView, QTableView, QTextBrowser, QDockWidget,
                               QWidget, QFormLayout, QLineEdit, QToolBar, QLabel, QProgressBar)
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1280, 720)
w.setCentralWidget(QTextBrowser())
details = QWidget(); form = QFormLayout(details)
for label in ("Title", "Subtitle", "Prepared for", "Prepared by", "Date", "Marking"):
    form.addRow(label, QLineEdit())
docks = []
for title, view, area in (("Topics", QTreeView(), Qt.LeftDockWidgetArea), ("Library", QTableView(), Qt.LeftDockWidgetArea),
                          ("Outline", QTreeView(), Qt.RightDockWidgetArea), ("Briefing Details", details, Qt.RightDockWidgetArea)):
    d = QDockWidget(title); d.setWidget(view); w.addDockWidget(area, d); docks.append(d)
for menu in ("&File", "&Edit", "&View", "&Help"):
    m = w.menuBar().addMenu(menu)
    for k in range(6):
        m.addAction(f"Item {k}")
bar = QToolBar("Main toolbar"); w.addToolBar(bar)
for k in range(10):
    bar.addAction(f"Tool {k}")
w.statusBar().addWidget(QLabel(), 1); p = QProgressBar(); p.hide(); w.statusBar().addPermanentWidget(p)
w.show()
w.tabifyDockWidget(docks[0], docks[1]); w.tabifyDockWidget(docks[2], docks[3])
def idle():
    print(json.dumps({"t": time.time(), "rss_kb": rss()})); app.quit()
QTimer.singleShot(0, idle)
app.exec()
"""

APP = r"""
import sys, time
t_start = time.time()
from briefing.gui import app as bapp
from PySide6.QtCore import QTimer
marks = {"start": t_start, "imported": time.time()}
state = {}

def timed(name, fn):
    def wrapper(*args, **kwargs):
        t = time.time()
        result = fn(*args, **kwargs)
        marks[name] = time.time() - t
        return result
    return wrapper

bapp.make_application = timed("application", bapp.make_application)
bapp.load_library = timed("library", bapp.load_library)
bapp.open_index = timed("index", bapp.open_index)
real_build = timed("window", bapp.build_window)

def watch_background_work():
    # What the index thread does once the window is up: the full check of the folders the start-up
    # load took on trust, then the index update.  Patched here, when start-up has already imported
    # these modules, so the phases are timed as in a plain launch.
    from briefing.library import Library
    from briefing.search.index import SearchIndex
    real_check, real_update = Library.reload_if_changed, SearchIndex.update

    def reload_if_changed(self):
        fresh = real_check(self)
        state.setdefault("after", {}).update({"trusted_at_start": self.stats.files_trusted,
                                              "library_changed": fresh is not None,
                                              "files_parsed": fresh.stats.files_parsed if fresh else 0})
        return fresh

    def update(self, library, *args, **kwargs):
        result = real_update(self, library, *args, **kwargs)
        state.setdefault("after", {}).update({"indexed": result.indexed, "texts_read": self.stats["texts_read"]})
        return result

    Library.reload_if_changed, SearchIndex.update = reload_if_changed, update

def build_window(library, index):
    window = real_build(library, index)
    state["library"] = library
    watch_background_work()
    QTimer.singleShot(0, idle)  # fires once run() has shown the window and entered the event loop
    return window

def idle():
    from PySide6.QtWidgets import QApplication
    library = state["library"]
    print(json.dumps({"t": time.time(), "rss_kb": rss(), "sources": len(library.sources),
                      "meta_parsed": library.stats.files_parsed, "imports": marks["imported"] - marks["start"],
                      **{k: v for k, v in marks.items() if k not in ("start", "imported")}}), flush=True)
    QApplication.instance().quit()

bapp.build_window = build_window
code = bapp.run(sys.argv[1:])
print(json.dumps({"after_start": state.get("after")}), flush=True)
sys.exit(code)
"""

PRELUDE = r"""
import json
def rss():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0
"""

PREPARE = r"""
import sys, json
from briefing.gui.app import load_library, open_index
lib = load_library(sys.argv[1] if len(sys.argv) > 1 else None)
idx = open_index(); res = idx.update(lib)
print(json.dumps({"indexed": res.indexed, "unchanged": res.unchanged, "texts_read": idx.stats["texts_read"]}))
"""


def _launch(code: str, home: Path, args: list[str], pycache: Path | None = None) -> dict:
    # The per-user folders go under ``home`` through the XDG variables (platformdirs honours them on
    # Linux), not BRIEFING_BOOK_HOME: that override skips the platformdirs import a real user's launch
    # pays.  Both kinds of launch get the same variables (Qt and fontconfig read them too).
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen",
               **{f"XDG_{kind}_HOME": str(home / f"xdg-{kind.lower()}") for kind in ("DATA", "CACHE", "CONFIG")})
    env.pop("BRIEFING_BOOK_HOME", None)
    if pycache is not None:
        # Bytecode as an installed app has it (pip compiles at install; an editable checkout writes
        # __pycache__ on first import).  Without this, an environment with PYTHONDONTWRITEBYTECODE=1
        # (this machine's) makes every launch compile the app's ~60 modules from source (~60 ms),
        # while the bare window's PySide6 modules come precompiled from site-packages.  The prefix
        # keeps the bytecode out of the source tree; both kinds of launch use it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    t0 = time.time()
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=600)
    if proc.returncode:
        raise RuntimeError(proc.stderr[-2000:])
    out = {}
    for line in proc.stdout.strip().splitlines():
        if line.startswith("{"):
            out.update(json.loads(line))
    if "t" in out:
        out["seconds"] = out["t"] - t0
    return out


def run(quick: bool = False) -> dict:
    from benchmarks.common import library_root

    # On the shared 2-core machine single launches of the same code vary by +-50% (bare 0.19-0.30 s
    # within one run), so one pair's ratio ranges ~1.2-2.2x: 9 pairs gave run medians of 1.30-1.68x
    # for unchanged code.  21 pairs cut the spread of the median by about a third (~ 1/sqrt(n)).
    runs = 5 if quick else 21
    lib10 = str(library_root(10000))
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="bb-bench-start-") as tmp:
        for name, args in (("bundled", []), ("10000", ["--library", lib10])):
            home = Path(tmp) / name
            home.mkdir()
            results[f"prepare_{name}"] = _launch(PREPARE, home, args[1:])  # metadata cache + index built
            pyc = Path(tmp) / "pycache"
            _launch(PRELUDE + BARE, home, [], pyc)
            _launch(PRELUDE + APP, home, args, pyc)  # warm OS file cache, Qt plugin caches, bytecode
            bare, app, ratios, rss, phases = [], [], [], [], []
            for _ in range(runs):
                b = _launch(PRELUDE + BARE, home, [], pyc)
                a = _launch(PRELUDE + APP, home, args, pyc)
                bare.append(b["seconds"])
                app.append(a["seconds"])
                ratios.append(a["seconds"] / b["seconds"])
                rss.append(a["rss_kb"])
                phases.append({k: a[k] for k in ("imports", "application", "library", "index", "window") if k in a})
            again = _launch(PREPARE, home, args[1:])  # unchanged library: what does an update do?
            results[name] = {
                "bare": bare, "app": app, "ratios": ratios, "bare_median": statistics.median(bare),
                "app_median": statistics.median(app), "ratio_median": statistics.median(ratios),
                "rss_kb_median": statistics.median(rss), "meta_parsed_last": a["meta_parsed"],
                "sources": a["sources"], "update_after": again, "bare_rss_kb": b["rss_kb"],
                "phases_median": {k: statistics.median(p[k] for p in phases) for k in phases[0]},
                # the last launch's background work after the window was up: the full check of the
                # folders loaded on trust, then the index update (nothing re-read when unchanged)
                "after_start": a.get("after_start"),
            }
    return results


if __name__ == "__main__":
    print(json.dumps(run("--quick" in sys.argv), indent=1))
