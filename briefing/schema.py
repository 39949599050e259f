"""Validation of settings files (themes, layouts): one checker per value, errors that name file,
line and field.

A schema is a mapping of key -> checker (a function that returns the checked value or raises
``Bad``) or a nested schema.  ``load_chain`` reads a file and the ``parent:`` files it inherits
from, validates each file's own values (so an error points at the file that has it), merges
them key by key and reports settings that are missing from the whole chain.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from briefing.errors import ContentError
from briefing.yamlio import load_file, locate, read_text

_UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(pt|in|mm|cm)?\s*$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
FILE_LIMIT = 256 * 1024


class Bad(Exception):
    """A value a checker refuses; ``message`` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def length(value: Any) -> float:
    if isinstance(value, bool):
        raise Bad("expected a length such as 54, '0.75in' or '20mm'")
    if isinstance(value, (int, float)):
        if isinstance(value, int) and not 0 <= value <= 400:  # float() of a 400-digit int overflows
            raise Bad(f"length {str(value)[:20]}{'…' if len(str(value)) > 20 else ''} is out of range (0 to 400 points)")
        number = float(value)
    else:
        match = _LENGTH.match(str(value))
        if not match:
            raise Bad(f"'{value}' is not a length (use a number of points or e.g. '0.75in', '20mm')")
        number = float(match.group(1)) * _UNITS[match.group(2) or "pt"]
    if not 0 <= number <= 400:
        raise Bad(f"length {value} is out of range (0 to 400 points)")
    return number


def number(low: float, high: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Bad(f"expected a number between {low:g} and {high:g}")
        if not low <= value <= high:
            raise Bad(f"{value} is out of range ({low:g} to {high:g})")
        return float(value)

    return check


def integer(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Bad(f"expected a whole number between {low} and {high}")
        return value

    return check


def choice(*options: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in options:
            raise Bad(f"'{value}' is not one of: {', '.join(options)}")
        return value

    return check


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Bad("expected true or false")
    return value


def text(value: Any) -> str:
    if not isinstance(value, str):
        raise Bad("expected text")
    return value


def color(value: Any) -> str:
    if value == "" or (isinstance(value, str) and _COLOR.match(value)):
        return value
    raise Bad(f"'{value}' is not a colour like '#1f3a5f' (or \"\" for none)")


def optional(rule: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``rule`` for a setting a file may leave out (whoever reads it supplies the default): the
    settings a new composer adds for its own layouts, which older layout files do not have."""

    def check(value: Any) -> Any:
        return rule(value)

    check.optional = True  # type: ignore[attr-defined]
    return check


def merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def error(path: Path, keys: tuple, message: str) -> ContentError:
    """A ContentError at the line and column of ``keys`` in ``path`` (when it can be found)."""
    try:
        line, column = locate(read_text(path), keys)
    except ContentError:
        line = column = None
    return ContentError(path, message, line, column, ".".join(str(k) for k in keys) or None)


def validate(data: Any, schema: dict, path: Path, prefix: tuple = ()) -> dict:
    """Check one file's own values (before merging), so an error points at that file."""
    if not isinstance(data, dict):
        raise error(path, prefix, "expected a mapping of settings")
    out: dict[str, Any] = {}
    for key, value in data.items():
        keys = prefix + (key,)
        rule = schema.get(key) if isinstance(key, str) else None
        if rule is None:
            known = ", ".join(sorted(schema))
            raise error(path, keys, f"unknown setting '{key}' (known here: {known})")
        if isinstance(rule, dict):
            out[key] = validate(value, rule, path, keys)
            continue
        try:
            out[key] = rule(value)
        except Bad as bad:
            raise error(path, keys, bad.message) from None
    return out


def missing(values: dict, schema: dict, prefix: str = "") -> list[str]:
    out = []
    for key, rule in schema.items():
        if key in ("parent", "name") or getattr(rule, "optional", False):
            continue
        if key not in values:
            out.append(prefix + key)
        elif isinstance(rule, dict):
            out += missing(values[key], rule, prefix + key + ".")
    return out


def load_chain(path: Path, schema: dict, what: str, bundled: tuple[str, ...] = (),
               find_parent: Callable[[Path, str], Path] | None = None) -> dict:
    """The merged values of ``path`` and the files it inherits from (``parent: name`` is a file
    ``name.yaml`` beside it, or what ``find_parent(file, name)`` returns: the registry lets a
    user's theme inherit from a bundled one).  ``what`` ("theme", "layout") words the errors."""
    chain: list[tuple[Path, dict]] = []
    seen: set[Path] = set()
    while True:
        if path.resolve() in seen:
            raise ContentError(path, f"{what}s inherit from each other in a loop", field="parent")
        seen.add(path.resolve())
        if not path.is_file():
            if chain:
                raise error(chain[-1][0], ("parent",), f"parent {what} '{path.stem}' not found ({path})")
            listed = f" (bundled: {', '.join(bundled)})" if bundled else ""
            raise ContentError(path, f"no {what} named '{path.stem}'{listed}")
        data = validate(load_file(path, FILE_LIMIT) or {}, schema, path)
        chain.append((path, data))
        parent = data.get("parent")
        if not parent:
            break
        path = find_parent(path, parent) if find_parent else path.parent / f"{parent}.yaml"
    values: dict[str, Any] = {}
    for _, data in reversed(chain):
        values = merge(values, data)
    top = chain[0][0]
    absent = missing(values, schema)
    if absent:
        raise ContentError(top, f"settings missing (and not inherited): {', '.join(absent)}", field=absent[0])
    return values
