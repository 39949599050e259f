"""Moved to ``briefing.importing`` (every format, isolated parsing, all-or-nothing saves); these
names stay importable for existing callers."""

from briefing.importing import MAX_IMPORT_BYTES, SUPPORTED_SUFFIXES, import_file, slugify, unique_id

IMPORTABLE_SUFFIXES = SUPPORTED_SUFFIXES

__all__ = ["IMPORTABLE_SUFFIXES", "MAX_IMPORT_BYTES", "import_file", "slugify", "unique_id"]
