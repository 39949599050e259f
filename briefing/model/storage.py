"""Save and open ``.briefing.yaml`` files.

The file is meant to be read, diffed and occasionally hand-edited, so it is block-style YAML
with a fixed key order, one list entry per item and multi-line text as literal blocks.  Saving
is deterministic (save -> open -> save gives the same bytes) and atomic (a crash mid-save
leaves the previous file intact).  Opening trusts nothing: every field is type-checked and a
bad one is reported with the file, line and field path so the user can fix it.
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any


from briefing import yamlio
from briefing.errors import BriefingError, ContentError
from briefing.model.briefing import Briefing, BriefingMeta, Excerpt, Item, Note, Section, Subheading

SCHEMA_NAME = "briefing-book"
SCHEMA_VERSION = 1
SCHEMA = f"{SCHEMA_NAME}/{SCHEMA_VERSION}"
_SCHEMA_PATTERN = re.compile(r"^briefing-book/(\d{1,9})$")  # bounded: int() of 5,000 digits raises

META_FIELDS = tuple(f.name for f in fields(BriefingMeta))
META_CHOICES = {"citation_style": ("chicago", "apa", "mla"), "page_size": ("letter", "a4")}
SECTION_FIELDS = ("id", "title", "topic_id", "key_points", "items", "discussion_questions")
ITEM_FIELDS = {
    "excerpt": (
        "type", "id", "source", "text", "paragraph", "start", "end", "before", "after",
        "lead_ellipsis", "trail_ellipsis", "comment",
    ),
    "note": ("type", "id", "text"),
    "subheading": ("type", "id", "text"),
}
# -- writing ---------------------------------------------------------------------------
def _item_data(item: Item) -> dict[str, Any]:
    if isinstance(item, Excerpt):
        data: dict[str, Any] = {
            "type": "excerpt",
            "id": item.id,
            "source": item.source_id,
            "text": item.text,
            "paragraph": item.paragraph,
            "start": item.start,
            "end": item.end,
            "before": item.before,
            "after": item.after,
        }
        if item.lead_ellipsis:
            data["lead_ellipsis"] = True
        if item.trail_ellipsis:
            data["trail_ellipsis"] = True
        if item.comment:
            data["comment"] = item.comment
        return data
    if isinstance(item, Note):
        return {"type": "note", "id": item.id, "text": item.text}
    if isinstance(item, Subheading):
        return {"type": "subheading", "id": item.id, "text": item.text}
    raise TypeError(f"not a briefing item: {item!r}")


def _section_data(section: Section) -> dict[str, Any]:
    data: dict[str, Any] = {"id": section.id, "title": section.title}
    if section.topic_id:
        data["topic_id"] = section.topic_id
    if section.key_points:
        data["key_points"] = list(section.key_points)
    data["items"] = [_item_data(item) for item in section.items]
    if section.discussion_questions:
        data["discussion_questions"] = list(section.discussion_questions)
    return data


def to_data(briefing: Briefing) -> dict[str, Any]:
    """The plain structure that is written; runtime state (excerpt status) is left out."""
    return {
        "schema": SCHEMA,
        "meta": {name: getattr(briefing.meta, name) for name in META_FIELDS},
        "sections": [_section_data(section) for section in briefing.sections],
    }


def to_yaml(briefing: Briefing) -> str:
    return yamlio.dumps(to_data(briefing), literal_blocks=True)


def save(briefing: Briefing, path: Path | str) -> None:
    """Atomic: the file on disk is either the old briefing or the new one, never half of each."""
    path = Path(path)
    text = to_yaml(briefing)
    try:
        yamlio.atomic_write_text(path, text)
    except OSError as exc:
        raise BriefingError(f"Could not save “{path.name}”: {exc.strerror or exc}. The previous file is unchanged.") from exc


# -- reading ---------------------------------------------------------------------------
class _Problem(Exception):
    def __init__(self, keys: tuple, message: str):
        super().__init__(message)
        self.keys = keys
        self.message = message


def _located(text: str, path: Path, problem: _Problem) -> ContentError:
    line, column = yamlio.locate(text, problem.keys)
    field = ".".join(str(k) for k in problem.keys) or None
    return ContentError(path, problem.message, line, column, field)


def _check_keys(data: Any, keys: tuple, allowed: tuple[str, ...], what: str) -> dict:
    if not isinstance(data, dict):
        raise _Problem(keys, f"{what} must be a mapping of fields")
    for key in data:
        if key not in allowed:
            raise _Problem(keys + (key,), f"unknown field in {what} (misspelt?)")
    return data


def _text(data: dict, keys: tuple, name: str, required: bool = False) -> str:
    if name not in data or data[name] is None:
        if required:
            raise _Problem(keys, f"required field '{name}' is missing")
        return ""
    value = data[name]
    if not isinstance(value, str):
        raise _Problem(keys + (name,), f"must be text, not {_type_name(value)} (put it in quotes)")
    return value


def _optional_text(data: dict, keys: tuple, name: str) -> str | None:
    return _text(data, keys, name) or None


def _int(data: dict, keys: tuple, name: str, minimum: int) -> int:
    if name not in data or data[name] is None:
        raise _Problem(keys, f"required field '{name}' is missing")
    value = data[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Problem(keys + (name,), f"must be a whole number, not {_type_name(value)}")
    if value < minimum:
        raise _Problem(keys + (name,), f"must be at least {minimum}")
    return value


def _flag(data: dict, keys: tuple, name: str) -> bool:
    value = data.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _Problem(keys + (name,), f"must be true or false, not {_type_name(value)}")
    return value


def _text_list(data: dict, keys: tuple, name: str) -> list[str]:
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Problem(keys + (name,), f"must be a list of text, not {_type_name(value)}")
    for i, entry in enumerate(value):
        if not isinstance(entry, str):
            raise _Problem(keys + (name, i), f"must be text, not {_type_name(entry)} (put it in quotes)")
    return list(value)


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    return {
        bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping",
    }.get(type(value), type(value).__name__)


def _new_id_if_missing(data: dict, keys: tuple, seen: set[str]) -> dict:
    """Ids are optional in a hand-written file; when present they must be unique (edits address by id)."""
    value = data.get("id")
    if value is None:
        return {}
    if not isinstance(value, str) or not value.strip():
        raise _Problem(keys + ("id",), "must be non-empty text")
    if value in seen:
        raise _Problem(keys + ("id",), f"duplicate id '{value}'; every section and item needs its own")
    seen.add(value)
    return {"id": value}


def _item(data: Any, keys: tuple, seen: set[str]) -> Item:
    if not isinstance(data, dict):
        raise _Problem(keys, "each item must be a mapping of fields")
    kind = data.get("type")
    if kind is None:
        raise _Problem(keys, "required field 'type' is missing (excerpt, note or subheading)")
    if not isinstance(kind, str) or kind not in ITEM_FIELDS:
        shown = f"'{kind[:40]}'" if isinstance(kind, str) else _type_name(kind)
        raise _Problem(keys + ("type",), f"unknown item type {shown}; expected excerpt, note or subheading")
    _check_keys(data, keys, ITEM_FIELDS[kind], kind)
    ident = _new_id_if_missing(data, keys, seen)
    if kind == "note":
        return Note(text=_text(data, keys, "text", required=True), **ident)
    if kind == "subheading":
        return Subheading(text=_text(data, keys, "text", required=True), **ident)
    source = _text(data, keys, "source", required=True)
    text = _text(data, keys, "text", required=True)
    paragraph = _int(data, keys, "paragraph", 1)
    start = _int(data, keys, "start", 0)
    end = _int(data, keys, "end", 0)
    if end < start:
        raise _Problem(keys + ("end",), f"is before start ({end} < {start})")
    return Excerpt(
        source_id=source,
        text=text,
        paragraph=paragraph,
        start=start,
        end=end,
        before=_text(data, keys, "before"),
        after=_text(data, keys, "after"),
        lead_ellipsis=_flag(data, keys, "lead_ellipsis"),
        trail_ellipsis=_flag(data, keys, "trail_ellipsis"),
        comment=_text(data, keys, "comment"),
        **ident,
    )


def _section(data: Any, keys: tuple, seen: set[str]) -> Section:
    _check_keys(data, keys, SECTION_FIELDS, "section")
    ident = _new_id_if_missing(data, keys, seen)
    items_data = data.get("items")
    if items_data is None:
        items_data = []
    if not isinstance(items_data, list):
        raise _Problem(keys + ("items",), f"must be a list of items, not {_type_name(items_data)}")
    return Section(
        title=_text(data, keys, "title", required=True),
        topic_id=_optional_text(data, keys, "topic_id"),
        key_points=_text_list(data, keys, "key_points"),
        items=[_item(item, keys + ("items", i), seen) for i, item in enumerate(items_data)],
        discussion_questions=_text_list(data, keys, "discussion_questions"),
        **ident,
    )


def _meta(data: Any) -> BriefingMeta:
    keys = ("meta",)
    if data is None:
        return BriefingMeta()
    _check_keys(data, keys, META_FIELDS, "meta")
    values = {}
    for name in META_FIELDS:
        if name in data and data[name] is not None:
            values[name] = _text(data, keys, name)
            choices = META_CHOICES.get(name)
            if choices and values[name] not in choices:
                raise _Problem(keys + (name,), f"must be one of: {', '.join(choices)}")
    return BriefingMeta(**values)


def _check_schema(data: dict) -> None:
    schema = data.get("schema")
    if schema is None:
        raise _Problem((), f"not a Briefing Book file: it has no 'schema: {SCHEMA}' line")
    match = _SCHEMA_PATTERN.match(schema) if isinstance(schema, str) else None
    if not match:
        raise _Problem(("schema",), f"not a Briefing Book file: schema is '{schema}', expected '{SCHEMA}'")
    version = int(match.group(1))
    if version > SCHEMA_VERSION:
        raise _Problem(
            ("schema",),
            f"made by a newer version of Briefing Book (schema {version}); this version reads schema "
            f"{SCHEMA_VERSION}. Update Briefing Book to open it.",
        )
    if version < 1:
        raise _Problem(("schema",), f"unsupported schema version {version}")


def from_data(data: Any) -> Briefing:
    """Raises _Problem; callers turn it into a located ContentError."""
    if not isinstance(data, dict):
        raise _Problem((), "not a Briefing Book file: expected a mapping with schema, meta and sections")
    _check_schema(data)
    for key in data:
        if key not in ("schema", "meta", "sections"):
            raise _Problem((key,), "unknown top-level field (misspelt?)")
    sections_data = data.get("sections")
    if sections_data is None:
        sections_data = []
    if not isinstance(sections_data, list):
        raise _Problem(("sections",), f"must be a list of sections, not {_type_name(sections_data)}")
    seen: set[str] = set()
    sections = [_section(s, ("sections", i), seen) for i, s in enumerate(sections_data)]
    return Briefing(meta=_meta(data.get("meta")), sections=sections)


def from_yaml(text: str, path: Path | str = "<text>") -> Briefing:
    path = Path(path)
    data = yamlio.loads(text, path)
    try:
        return from_data(data)
    except _Problem as problem:
        raise _located(text, path, problem) from None


def load(path: Path | str) -> Briefing:
    path = Path(path)
    return from_yaml(yamlio.read_text(path), path)
