"""The SQLite module of the search index: pysqlite3's newer SQLite where its wheel installs
(Linux x86_64), else the standard library's.

Why: FTS5's ranked queries are the floor of every search, suggestion and count, and they depend on
the SQLite the Python was built with (3.40.1 on the reference machine).  On the 10,000-source
benchmark index, the same queries on the same file with SQLite 3.51.1 (pysqlite3-binary 0.5.4):
free-text bm25 queries ~36% faster, topic rankings ~22%, with identical top-100 ids and scores.
pysqlite3 is the standard library's module packaged with its own SQLite, so the API is the same.

Every connection to the index, and every ``except`` of its errors, goes through this module:
two copies of SQLite in one process that open the same file undo each other's POSIX locks
(https://sqlite.org/howtocorrupt.html, 2.2.1), and their exception classes differ.
"""

from __future__ import annotations

try:
    from pysqlite3 import dbapi2 as sqlite3
except ImportError:  # no wheel for this platform: the Python's own SQLite
    import sqlite3

__all__ = ["sqlite3"]
