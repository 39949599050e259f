"""Themes are data (``resources/themes/*.yaml``): loaded with briefing.yamlio, merged over a
``parent:`` chain key by key, and validated so a bad value names its file, line and field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing import registry
from briefing.schema import Bad
from briefing.schema import boolean as _bool
from briefing.schema import choice as _choice
from briefing.schema import color as _color
from briefing.schema import length as _length
from briefing.schema import load_chain, optional
from briefing.schema import number as _number
from briefing.schema import text as _text



def _page_size(value: Any) -> str:
    """One of the registry's page sizes (``resources/page-sizes.yaml`` and the user's)."""
    names = registry.page_sizes().names()
    if value not in names:
        raise Bad(f"'{value}' is not one of: {', '.join(names)}")
    return value


_FAMILY = _choice("serif", "sans")
SCHEMA: dict[str, Any] = {
    "name": _text,
    "parent": _text,
    "label": optional(_text),  # how the export dialog and `briefing-book themes` show it
    "listed": optional(_bool),  # false: a base others inherit from, not offered itself
    "page_size": _page_size,
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


# What a colour set to "" (documented as "none") means. Text must be drawn in some colour, so a
# text colour falls back along this chain (ending at black); a line, border or fill is not drawn.
NO_COLOR_FALLBACK: dict[str, str | None] = {
    "colors.text": "#000000", "colors.heading": "colors.text", "colors.muted": "colors.text",
    "colors.marking": "colors.text", "colors.stale": "colors.text", "colors.link": "colors.text",
    "colors.rule": None, "colors.note_background": None, "colors.note_border": None, "quote.shade": None,
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

    def color(self, dotted: str) -> str | None:
        """A colour as '#rrggbb' with "" (none) resolved: another colour, or None for "do not draw"."""
        value = self.get(dotted)
        while value == "":
            fallback = NO_COLOR_FALLBACK.get(dotted)
            if fallback is None or fallback.startswith("#"):
                return fallback
            dotted, value = fallback, self.get(fallback)
        return value


def theme_path(ref: str | Path, base_dir: Path | None = None) -> Path:
    """The theme file: a ``Path`` the program chose is used as is; a name (a briefing's
    ``meta.theme``, a command-line or dialog choice) goes through the registry, which also accepts
    a path relative to the briefing's folder ``base_dir`` and refuses any other file."""
    if isinstance(ref, Path):
        return ref
    return registry.resolve("themes", ref, base_dir)


def _parent(child: Path, name: str) -> Path:
    return registry.resolve_parent("themes", child, name)


def load_theme(ref: str | Path = "memo", base_dir: Path | None = None) -> Theme:
    """A theme by registry name ('memo', 'study', a user's own), by a briefing's relative path
    (with ``base_dir``), or any theme file given as a ``Path``; merged over its parents."""
    path = theme_path(ref, base_dir)
    values = load_chain(path, SCHEMA, "theme", registry.themes().names(), find_parent=_parent)
    return Theme(name=values.get("name") or path.stem, values=values, path=path)
