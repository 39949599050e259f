"""The GUI's start-up imports the Qt-free core before PySide6: once PySide6 is loaded, its
__feature__ hook reads the source of every module an import statement names for the first time,
so the core's many modules are loaded first (see briefing/gui/app.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHILD = """
import json, sys
import briefing.gui.app
from briefing.sqlitedb import sqlite3
print(json.dumps({"order": list(sys.modules), "engine": sqlite3.__name__}))
"""


def test_core_modules_load_before_pyside6():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=REPO)
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120, check=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    order = got["order"]
    qt = order.index("PySide6.QtCore")
    # got["engine"]: the SQLite module the index uses (pysqlite3's, or the standard library's)
    for name in ("briefing.library.loader", "briefing.library.source", "briefing.search.index",
                 "briefing.session.document", "briefing.model.briefing", got["engine"]):
        assert order.index(name) < qt, name
