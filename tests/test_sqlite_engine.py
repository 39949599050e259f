"""The search index runs on one SQLite per process, the one ``briefing.sqlitedb`` chose, and a
newer SQLite ranks exactly as the Python's own does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.library import Library
from briefing.search import index as index_module
from briefing.search.index import SearchIndex
from briefing.sqlitedb import sqlite3

REPO = Path(__file__).resolve().parents[1]
QUERIES = ["Colombia", "extradition", '"security assistance"', "migra*", "Venezuelans OR Haitians", "11,000"]

PROBE = """
import json, sys
import briefing.gui.app, briefing.cli.main
from briefing.search.index import SearchIndex
from briefing.library import Library
from briefing.sqlitedb import sqlite3
with SearchIndex.open(sys.argv[1]) as idx:
    idx.update(Library.load())
    hits = idx.search("Colombia")
print(json.dumps({"engine": sqlite3.__name__, "hits": len(hits),
                  "stdlib_loaded": "sqlite3" in sys.modules or "_sqlite3" in sys.modules}))
"""


def test_a_session_loads_one_sqlite_the_one_the_index_uses(tmp_path):
    """Two copies of SQLite opening one file undo each other's locks: the GUI, the CLI and the
    index together must load only the engine briefing.sqlitedb chose."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BRIEFING_BOOK_HOME=str(tmp_path / "home"),
               PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "index.sqlite3")], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["hits"] > 0
    if got["engine"] != "sqlite3":  # pysqlite3 installed: the standard library's copy stays out
        assert got["engine"] == "pysqlite3.dbapi2" and not got["stdlib_loaded"]


@pytest.mark.skipif(sqlite3.__name__ == "sqlite3", reason="pysqlite3 is not installed here: one engine only")
def test_the_newer_sqlite_ranks_and_highlights_exactly_as_the_pythons_own(tmp_path, monkeypatch):
    import sqlite3 as stdlib_sqlite3  # its own file below: never the same file as the other engine

    library = Library.load()
    found = {}
    for name, module in (("pysqlite3", sqlite3), ("stdlib", stdlib_sqlite3)):
        monkeypatch.setattr(index_module, "sqlite3", module)
        with SearchIndex.open(tmp_path / f"{name}.sqlite3") as idx:
            idx.update(library)
            found[name] = {q: [(p.source_id, p.paragraph, round(p.score, 9), p.highlights, p.snippet)
                               for p in idx.search(q, limit=100)] for q in QUERIES}
    assert all(found["stdlib"][q] for q in QUERIES)
    assert found["pysqlite3"] == found["stdlib"]
