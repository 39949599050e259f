"""Themes are data (``resources/themes/*.yaml``): loaded with briefing.yamlio, merged over a
``parent:`` chain key by key, and validated so a bad value names its file, line and field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from briefing import paths
from briefing.errors import ContentError
from briefing.yamlio import load_file, locate, read_text

THEME_NAMES = ("memo", "study")
PAGE_SIZES = ("letter", "a4")
_UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(pt|in|mm|cm)?\s*$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class _Bad(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _length(value: Any) -> float:
    if isinstance(value, bool):
        raise _Bad("expected a length such as 54, '0.75in' or '20mm'")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        match = _LENGTH.match(str(value))
        if not match:
            raise _Bad(f"'{value}' is not a length (use a number of points or e.g. '0.75in', '20mm')")
        number = float(match.group(1)) * _UNITS[match.group(2) or "pt"]
    if not 0 <= number <= 400:
        raise _Bad(f"length {value} is out of range (0 to 400 points)")
    return number


def _number(low: float, high: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Bad(f"expected a number between {low:g} and {high:g}")
        if not low <= value <= high:
            raise _Bad(f"{value} is out of range ({low:g} to {high:g})")
        return float(value)

    return check


def _integer(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _Bad(f"expected a whole number between {low} and {high}")
        return value

    return check


def _choice(*options: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in options:
            raise _Bad(f"'{value}' is not one of: {', '.join(options)}")
        return value

    return check


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad("expected true or false")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _Bad("expected text")
    return value


def _color(value: Any) -> str:
    if value == "" or (isinstance(value, str) and _COLOR.match(value)):
        return value
    raise _Bad(f"'{value}' is not a colour like '#1f3a5f' (or \"\" for none)")


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
    "key_points_first": _bool,
    "key_points_title": _text,
    "marking_every_page": _bool,
    "numbered_excerpts": _bool,
    "excerpt_label": _text,
    "discussion_questions": _bool,
    "section_page_break": _bool,
    "notes_margin": {
        "ruled_lines": _bool,
        "line_spacing": _length,
        "ruled_lines_after_section": _integer(0, 60),
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


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _error(path: Path, keys: tuple, message: str) -> ContentError:
    try:
        line, column = locate(read_text(path), keys)
    except ContentError:
        line = column = None
    return ContentError(path, message, line, column, ".".join(str(k) for k in keys) or None)


def _validate(data: Any, schema: dict, path: Path, prefix: tuple = ()) -> dict:
    """Check one file's own values (before merging), so an error points at that file."""
    if not isinstance(data, dict):
        raise _error(path, prefix, "expected a mapping of settings")
    out: dict[str, Any] = {}
    for key, value in data.items():
        keys = prefix + (key,)
        rule = schema.get(key) if isinstance(key, str) else None
        if rule is None:
            known = ", ".join(sorted(schema))
            raise _error(path, keys, f"unknown setting '{key}' (known here: {known})")
        if isinstance(rule, dict):
            out[key] = _validate(value, rule, path, keys)
            continue
        try:
            out[key] = rule(value)
        except _Bad as bad:
            raise _error(path, keys, bad.message) from None
    return out


def _missing(values: dict, schema: dict, prefix: str = "") -> list[str]:
    missing = []
    for key, rule in schema.items():
        if key in ("parent", "name"):
            continue
        if key not in values:
            missing.append(prefix + key)
        elif isinstance(rule, dict):
            missing += _missing(values[key], rule, prefix + key + ".")
    return missing


def theme_path(name_or_path: str | Path) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or candidate.is_file():
        return candidate
    return paths.THEMES_DIR / f"{name_or_path}.yaml"


def load_theme(name_or_path: str | Path = "memo") -> Theme:
    """Load a bundled theme by name ('memo', 'study') or any theme file by path."""
    path = theme_path(name_or_path)
    chain: list[tuple[Path, dict]] = []
    seen: set[Path] = set()
    while True:
        if path.resolve() in seen:
            raise ContentError(path, "themes inherit from each other in a loop", field="parent")
        seen.add(path.resolve())
        if not path.is_file():
            if chain:
                raise _error(chain[-1][0], ("parent",), f"parent theme '{path.stem}' not found ({path})")
            raise ContentError(path, f"no theme named '{path.stem}' (bundled: {', '.join(THEME_NAMES)})")
        data = _validate(load_file(path, 256 * 1024) or {}, SCHEMA, path)
        chain.append((path, data))
        parent = data.get("parent")
        if not parent:
            break
        path = path.parent / f"{parent}.yaml"
    values: dict[str, Any] = {}
    for _, data in reversed(chain):
        values = _merge(values, data)
    top = chain[0][0]
    missing = _missing(values, SCHEMA)
    if missing:
        raise ContentError(top, f"settings missing (and not inherited): {', '.join(missing)}", field=missing[0])
    return Theme(name=values.get("name") or top.stem, values=values, path=top)
