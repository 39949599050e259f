"""Turn parsed YAML into Source and Topic objects, or a ContentError naming file, line and field."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable

from briefing.errors import ContentError
from briefing.library.source import DATE_PRECISIONS, KINDS, Source
from briefing.yamlio import locate

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,120}$")
_DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SOURCE_FIELDS = {
    "id", "title", "publisher", "authors", "date", "date_precision", "url", "language", "kind",
    "seed_file", "captions", "inferred", "notes", "text_file", "pages",
}


class FieldProblem(Exception):
    def __init__(self, keys: tuple, message: str):
        super().__init__(message)
        self.keys = keys
        self.message = message


def located(path: Path, text_loader: Callable[[], str], problem: FieldProblem) -> ContentError:
    """Only on failure do we pay for a second, position-aware parse."""
    try:
        line, column = locate(text_loader(), problem.keys)
    except Exception:  # noqa: BLE001 - locating is best effort
        line = column = None
    field = ".".join(str(k) for k in problem.keys) or None
    return ContentError(path, problem.message, line, column, field)


def _optional_str(data: dict, key: str) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise FieldProblem((key,), f"must be text, not {type(value).__name__}")
    return value.strip() or None


def _str_list(data: dict, key: str) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise FieldProblem((key,), "must be a list of text")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise FieldProblem((key, i), "must be text")
        out.append(item)
    return out


def _pages(data: dict) -> list[int]:
    """``pages``: for a PDF import, the page number each text block starts on (never decreasing)."""
    value = data.get("pages")
    if value is None:
        return []
    if not isinstance(value, list):
        raise FieldProblem(("pages",), "must be a list of page numbers, one per text block")
    previous = 1
    for i, item in enumerate(value):
        if isinstance(item, bool) or not isinstance(item, int) or item < 1:
            raise FieldProblem(("pages", i), "must be a page number (a whole number from 1)")
        if item < previous:
            raise FieldProblem(("pages", i), f"page {item} comes after page {previous}: pages never go back")
        previous = item
    return value


def _date(data: dict) -> tuple[str | None, str | None]:
    value = data.get("date")
    precision = data.get("date_precision")
    if value is None or value == "":
        if precision not in (None, ""):
            raise FieldProblem(("date_precision",), "given without a date")
        return None, None
    if isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"
    if not isinstance(value, str) or not _DATE_PATTERN.match(value):
        raise FieldProblem(("date",), "must be YYYY, YYYY-MM or YYYY-MM-DD")
    implied = {4: "year", 7: "month", 10: "day"}[len(value)]
    if precision in (None, ""):
        precision = implied
    if precision not in DATE_PRECISIONS:
        raise FieldProblem(("date_precision",), f"must be one of {', '.join(DATE_PRECISIONS)}")
    if precision != implied:
        raise FieldProblem(("date_precision",), f"is '{precision}' but the date '{value}' has {implied} precision")
    try:
        dt.date.fromisoformat(value + {"year": "-01-01", "month": "-01", "day": ""}[implied])
    except ValueError:
        raise FieldProblem(("date",), f"'{value}' is not a real date") from None
    return value, precision


def source_from_data(data: Any, meta_path: Path, origin: str) -> Source:
    """Raises FieldProblem; the loader turns it into a located ContentError."""
    if not isinstance(data, dict):
        raise FieldProblem((), "a source file must be a mapping of fields")
    unknown = sorted(set(map(str, data)) - SOURCE_FIELDS)
    if unknown:
        raise FieldProblem((unknown[0],), "unknown field (misspelt?)")
    for required in ("id", "kind"):
        if data.get(required) in (None, ""):
            raise FieldProblem((), f"required field '{required}' is missing")
    source_id = data["id"]
    if not isinstance(source_id, str) or not ID_PATTERN.match(source_id):
        raise FieldProblem(("id",), "must be lower-case letters, digits, '.', '_' or '-'")
    kind = data["kind"]
    if kind not in KINDS:
        raise FieldProblem(("kind",), f"must be one of: {', '.join(KINDS)}")
    date, precision = _date(data)
    inferred = data.get("inferred") or {}
    if not isinstance(inferred, dict):
        raise FieldProblem(("inferred",), "must map a field name to the reason it was inferred")
    for key, reason in inferred.items():
        if key not in SOURCE_FIELDS:
            raise FieldProblem(("inferred", key), "names no source field")
        if not isinstance(reason, str) or not reason.strip():
            raise FieldProblem(("inferred", key), "needs a one-line reason")
    text_file = _optional_str(data, "text_file") or f"{meta_path.stem}.txt"
    if "/" in text_file or "\\" in text_file or text_file.startswith("."):
        raise FieldProblem(("text_file",), "must be a file name beside the metadata file")
    url = _optional_str(data, "url")
    if url and not re.match(r"^https?://", url):
        raise FieldProblem(("url",), "must start with http:// or https://")
    return Source(
        id=source_id,
        kind=kind,
        title=_optional_str(data, "title"),
        publisher=_optional_str(data, "publisher"),
        authors=_str_list(data, "authors"),
        date=date,
        date_precision=precision,
        url=url,
        language=_optional_str(data, "language"),
        seed_file=_optional_str(data, "seed_file"),
        captions=_str_list(data, "captions"),
        inferred={str(k): str(v).strip() for k, v in inferred.items()},
        notes=_optional_str(data, "notes"),
        pages=_pages(data),
        meta_path=meta_path,
        text_path=meta_path.parent / text_file,
        origin=origin,
    )
