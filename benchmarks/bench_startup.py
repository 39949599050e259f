"""Start-up to an interactive main window, against a bare PySide6 window with the same panes.

Each launch is a fresh ``python`` subprocess (``QT_QPA_PLATFORM=offscreen``: the benchmark
machine has no display).  The child prints ``time.time()`` from a ``QTimer.singleShot(0)``
queued after ``show()``, i.e. when the event loop is first idle with the window up; the
parent took ``time.time()`` just before launching it.  Launches alternate bare/app so load on
the shared machine hits both alike.  The app child follows ``briefing.gui.app.run`` step by
step (application, library, index, window, show) but does not start the background index
update; a separate check then proves an unchanged library is neither re-read nor re-indexed.
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
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView, QTableView, QTextBrowser, QDockWidget
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1280, 720)
w.setCentralWidget(QTextBrowser())
for title, view, area in (("Topics", QTreeView(), Qt.LeftDockWidgetArea), ("Library", QTableView(), Qt.LeftDockWidgetArea),
                          ("Outline", QTreeView(), Qt.RightDockWidgetArea)):
    d = QDockWidget(title); d.setWidget(view); w.addDockWidget(area, d)
w.show()
def idle():
    print(json.dumps({"t": time.time(), "rss_kb": rss()})); app.quit()
QTimer.singleShot(0, idle)
app.exec()
"""

APP = r"""
import sys, time
from briefing.gui import app as bapp
argv = sys.argv[1:]
args = bapp.parse_args(argv)
qapp = bapp.make_application(argv)
library = bapp.load_library(args.library)
index = bapp.open_index()
window = bapp.build_window(library, index)
window.show()
from PySide6.QtCore import QTimer
def idle():
    print(json.dumps({"t": time.time(), "rss_kb": rss(), "sources": len(library.sources),
                      "meta_parsed": library.stats.files_parsed}))
    qapp.quit()
QTimer.singleShot(0, idle)
qapp.exec()
index.close()
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


def _launch(code: str, home: Path, args: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO), BRIEFING_BOOK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    t0 = time.time()
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=600)
    if proc.returncode:
        raise RuntimeError(proc.stderr[-2000:])
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    if "t" in out:
        out["seconds"] = out["t"] - t0
    return out


def run(quick: bool = False) -> dict:
    from benchmarks.common import library_root

    runs = 3 if quick else 7
    lib10 = str(library_root(10000))
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="bb-bench-start-") as tmp:
        for name, args in (("bundled", []), ("10000", ["--library", lib10])):
            home = Path(tmp) / name
            home.mkdir()
            results[f"prepare_{name}"] = _launch(PREPARE, home, args[1:])  # metadata cache + index built
            _launch(PRELUDE + APP, home, args)  # warm OS file cache and Qt plugin caches
            bare, app, ratios, rss = [], [], [], []
            for _ in range(runs):
                b = _launch(PRELUDE + BARE, home, [])
                a = _launch(PRELUDE + APP, home, args)
                bare.append(b["seconds"])
                app.append(a["seconds"])
                ratios.append(a["seconds"] / b["seconds"])
                rss.append(a["rss_kb"])
            again = _launch(PREPARE, home, args[1:])  # unchanged library: what does an update do?
            results[name] = {
                "bare": bare, "app": app, "ratios": ratios, "bare_median": statistics.median(bare),
                "app_median": statistics.median(app), "ratio_median": statistics.median(ratios),
                "rss_kb_median": statistics.median(rss), "meta_parsed_last": a["meta_parsed"],
                "sources": a["sources"], "update_after": again, "bare_rss_kb": b["rss_kb"],
            }
    return results


if __name__ == "__main__":
    print(json.dumps(run("--quick" in sys.argv), indent=1))
