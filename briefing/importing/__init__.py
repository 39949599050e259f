"""Bring your own material: web pages, PDFs, Word files, Markdown and text into the user library.

Qt-free; the GUI and the CLI are thin layers over it.  The pipeline, one module per step:

* ``extract``: pick the reader by suffix (``html_reader``, ``pdf_reader``, ``docx_reader``,
  ``text_reader``), then what every import gets (``clean``: the bundled sources' rules) —
  producing an ``Extract`` (``model``): kept and dropped blocks, metadata found/inferred/empty;
* ``worker``: all parsing happens in a separate process with time and memory limits;
* ``save``: the reviewed ``Extract`` becomes a source, all or nothing, never overwriting a file;
  duplicates (same bytes, near-identical text) are found before saving.

Heavy libraries (trafilatura, pypdf, python-docx) are imported only in the worker.
"""

from __future__ import annotations

import atexit
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.importing.extract import (
    FILE_DIALOG_FILTER, MAX_IMPORT_BYTES, SUPPORTED_SUFFIXES, check_file, extract_pasted,
)
from briefing.importing.model import Block, Extract, MetaValue
from briefing.importing.save import finish_staged_imports, find_duplicate, save_extract, slugify, unique_id
from briefing.importing.worker import Cancelled, ExtractWorker

if TYPE_CHECKING:
    from briefing.library.loader import Library
    from briefing.library.source import Source

_shared: ExtractWorker | None = None


def shared_worker() -> ExtractWorker:
    """One reader process for the whole application, started on first use."""
    global _shared
    if _shared is None:
        _shared = ExtractWorker()
        atexit.register(_shared.close)
    return _shared


def import_file(library: "Library", path: Path | str) -> "Source":
    """Read ``path`` in the worker, clean it, and save every kept block as a new source (no review)."""
    path = Path(path)
    extract = shared_worker().extract(path)
    return save_extract(library, extract, path)


__all__ = [
    "Block", "Cancelled", "Extract", "ExtractWorker", "FILE_DIALOG_FILTER", "MAX_IMPORT_BYTES", "MetaValue",
    "SUPPORTED_SUFFIXES", "check_file", "extract_pasted", "find_duplicate", "finish_staged_imports",
    "import_file", "save_extract", "shared_worker", "slugify", "unique_id",
]
