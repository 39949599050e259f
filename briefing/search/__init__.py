"""Passage search over the library: SQLite FTS5, accent-insensitive, number-aware, BM25-ranked."""

from briefing.search.index import Passage, SearchIndex, UpdateResult

__all__ = ["Passage", "SearchIndex", "UpdateResult"]
