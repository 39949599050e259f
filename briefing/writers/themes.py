"""Themes are data (``resources/themes/*.yaml``): loaded with briefing.yamlio, merged over a
``parent:`` chain key by key, and validated so a bad value names its file, line and field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing import paths
from briefing.schema import boolean as _bool
from briefing.schema import choice as _choice
from briefing.schema import color as _color
from briefing.schema import length as _length
from briefing.schema import load_chain, settings_path
from briefing.schema import number as _number
from briefing.schema import text as _text

THEME_NAMES = ("memo", "study")
PAGE_SIZES = ("letter", "a4")


_FAMILY = _choice("serif", "sans")
SCHEMA: dict[str, Any] = {
    "name": _text,
    "parent": _text,
    "page_size": _choice(*PAGE_SIZES),
    "margins": {k: _length for k in ("top", "bottom", "inner", "outer", "header")},
    "fonts": {k: _FAMILY for k in ("body", "heading", "quote", "note", "furniture")},
    "sizes": {
        k: _number(5, 48)
        for k in ("title", "subtitle", "heading1", "heading2", "body", "quote", "attribution", "note", "small")
    },
    "leading": _number(1.0, 2.5),
    "spacing": {k: _length for k in ("paragraph", "section", "excerpt")},
    "quote": {"indent": _length, "rule_width": _number(0, 6), "shade": _color},
    "colors": {
        k: _color
        for k in ("text", "heading", "rule", "muted", "note_background", "note_border", "marking", "stale", "link")
    },
    "marking_every_page": _bool,
    # the layout (``resources/layouts/``) decides what is printed; the theme only how it looks
    "notes_margin": {
        "ruled_lines": _bool,
        "line_spacing": _length,
    },
}


@dataclass
class Theme:
    """A validated, fully merged theme; ``get('margins.top')`` reads nested values."""

    name: str
    values: dict[str, Any]
    path: Path

    def get(self, dotted: str) -> Any:
        node: Any = self.values
        for part in dotted.split("."):
            node = node[part]
        return node

    def __getitem__(self, dotted: str) -> Any:
        return self.get(dotted)


def theme_path(name_or_path: str | Path) -> Path:
    return settings_path(name_or_path, paths.THEMES_DIR)


def load_theme(name_or_path: str | Path = "memo") -> Theme:
    """Load a bundled theme by name ('memo', 'study') or any theme file by path."""
    path = theme_path(name_or_path)
    values = load_chain(path, SCHEMA, "theme", THEME_NAMES)
    return Theme(name=values.get("name") or path.stem, values=values, path=path)
