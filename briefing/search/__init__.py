"""Passage search over the library: SQLite FTS5, accent-insensitive, number-aware, BM25-ranked."""
