"""Formatted citations kept between runs, so ``briefing-book build`` run again after one edit
formats almost nothing (the GUI keeps them in memory anyway).

One JSON file per style file (by its digest) in the user cache dir: data, never code; a damaged,
foreign or old file is ignored and rewritten.  Keys already name the item metadata, look-alikes,
locator and position; the file also records this format's version and the pandoc package's, so
output from another pandoc is never reused.
"""

from __future__ import annotations

import json
from importlib import metadata

from briefing import paths
from briefing.citation.formats import Run
from briefing.yamlio import atomic_write_text

VERSION = 1
MAX_SAVED = 20_000  # the most recent citations; a style's bibliography is saved whole


def _pandoc_version() -> str:
    try:
        return metadata.version("pypandoc_binary")
    except metadata.PackageNotFoundError:
        return "unknown"


def _path(digest: str):
    return paths.user_cache_dir() / "citations" / f"{digest}.json"


def load(digest: str) -> tuple[dict, dict]:
    """(citations, bibliography) saved for a style file, or empty ones."""
    try:
        data = json.loads(_path(digest).read_text(encoding="utf-8"))
        if data.get("version") != VERSION or data.get("pandoc") != _pandoc_version():
            return {}, {}
        citations = {tuple(key): [Run(str(t), bool(i)) for t, i in runs] for key, runs in data["citations"]}
        bibliography = {str(key): (int(rank), [Run(str(t), bool(i)) for t, i in runs])
                        for key, rank, runs in data["bibliography"]}
        return citations, bibliography
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}, {}


def save(digest: str, citations: dict, bibliography: dict) -> None:
    """Best effort: a cache that cannot be written is simply not there next time."""
    recent = list(citations.items())[-MAX_SAVED:]
    data = {"version": VERSION, "pandoc": _pandoc_version(),
            "citations": [[list(key), [[r.text, r.italic] for r in runs]] for key, runs in recent],
            "bibliography": [[key, rank, [[r.text, r.italic] for r in runs]]
                             for key, (rank, runs) in bibliography.items()]}
    try:
        path = _path(digest)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    except OSError:
        pass
