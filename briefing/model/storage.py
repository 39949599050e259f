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
from briefing.model import kinds
from briefing.model.briefing import SECTION_KINDS, Briefing, BriefingMeta, Item, Section

SCHEMA_NAME = "briefing-book"
SCHEMA_VERSION = 1
SCHEMA = f"{SCHEMA_NAME}/{SCHEMA_VERSION}"
_SCHEMA_PATTERN = re.compile(r"^briefing-book/(\d{1,9})$")  # bounded: int() of 5,000 digits raises

META_FIELDS = tuple(f.name for f in fields(BriefingMeta))
META_CHOICES = {"citation_style": ("chicago", "apa", "mla"), "page_size": ("letter", "a4")}
SECTION_FIELDS = ("id", "title", "kind", "topic_id", "purpose", "key_points", "talking_points", "items",
                  "discussion_questions")
SECTION_KIND_CHOICES = SECTION_KINDS


# -- writing ---------------------------------------------------------------------------
def _item_data(item: Item) -> dict[str, Any]:
    """``type``, ``id``, then the kind's fields in its order; empty optional fields are left out."""
    kind = kinds.of(item)
    data: dict[str, Any] = {"type": kind.name, "id": item.id}
    for spec in kind.fields:
        value = getattr(item, spec.name)
        if spec.always or value:
            data[spec.key] = list(value) if spec.type == "text_list" else value
    return data


def _section_data(section: Section) -> dict[str, Any]:
    data: dict[str, Any] = {"id": section.id, "title": section.title}
    if section.kind != "normal":
        data["kind"] = section.kind
    if section.topic_id:
        data["topic_id"] = section.topic_id
    if section.purpose:
        data["purpose"] = section.purpose
    if section.key_points:
        data["key_points"] = list(section.key_points)
    if section.talking_points:
        data["talking_points"] = list(section.talking_points)
    data["items"] = [_item_data(item) for item in section.items]
    if section.discussion_questions:
        data["discussion_questions"] = list(section.discussion_questions)
    return data


def to_data(briefing: Briefing) -> dict[str, Any]:
    """The plain structure that is written; runtime state (excerpt status) is left out."""
    data = {
        "schema": SCHEMA,
        "meta": {name: getattr(briefing.meta, name) for name in META_FIELDS},
        "sections": [_section_data(section) for section in briefing.sections],
    }
    if briefing.glossary:  # left out when empty, so files without terms stay as they were
        data["glossary"] = dict(briefing.glossary)
    return data


def to_yaml(briefing: Briefing) -> str:
    """The file's text; BriefingError (naming the field) for a briefing ``load`` would refuse."""
    data = to_data(briefing)
    check_data(data)
    return yamlio.dumps(data, literal_blocks=True)


def check_data(data: dict[str, Any]) -> None:
    """Run what is about to be written through the reader's own checks, so save and open accept
    exactly the same briefings: nothing is saved that then does not open (``paragraph: 0``,
    ``end < start``, an unknown page size, a lone surrogate that no UTF-8 file can hold)."""
    try:
        from_data(data)
    except _Problem as problem:
        field = ".".join(str(k) for k in problem.keys)
        raise BriefingError(f"This briefing cannot be saved: {field or 'the file'}: {problem.message}.") from None


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
    _no_surrogate(value, keys + (name,))
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogate(value: str, keys: tuple) -> None:
    """A lone surrogate (half of a UTF-16 pair, e.g. from a broken paste) is not a character: no
    UTF-8 file can hold it, so it is refused by name rather than failing deep inside a save."""
    found = _SURROGATE.search(value)
    if found:
        raise _Problem(keys, f"holds U+{ord(found.group()):04X} at character {found.start() + 1}, half of a "
                             "surrogate pair, which is not a character; retype the text around it")


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
    if value.bit_length() > yamlio.MAX_INT_BITS:
        raise _Problem(keys + (name,), "is too large")
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
        _no_surrogate(entry, keys + (name, i))
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
    _no_surrogate(value, keys + ("id",))
    if value in seen:
        raise _Problem(keys + ("id",), f"duplicate id '{value}'; every section and item needs its own")
    seen.add(value)
    return {"id": value}


_READERS = {
    "text": lambda data, keys, spec: _text(data, keys, spec.key, required=spec.required),
    "int": lambda data, keys, spec: _int(data, keys, spec.key, spec.minimum),
    "flag": lambda data, keys, spec: _flag(data, keys, spec.key),
    "text_list": lambda data, keys, spec: _text_list(data, keys, spec.key),
}


def _item(data: Any, keys: tuple, seen: set[str]) -> Item:
    if not isinstance(data, dict):
        raise _Problem(keys, "each item must be a mapping of fields")
    kind_name = data.get("type")
    expected = ", ".join(kinds.names())
    if kind_name is None:
        raise _Problem(keys, f"required field 'type' is missing ({expected})")
    kind = kinds.get(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        shown = f"'{kind_name[:40]}'" if isinstance(kind_name, str) else _type_name(kind_name)
        raise _Problem(keys + ("type",), f"unknown item type {shown}; expected {expected}")
    _check_keys(data, keys, ("type", "id") + tuple(spec.key for spec in kind.fields), kind.name)
    ident = _new_id_if_missing(data, keys, seen)
    values = {spec.key: _READERS[spec.type](data, keys, spec) for spec in kind.fields}
    broken = kind.check(values) if kind.check else None
    if broken:
        raise _Problem(keys + (broken[0],), broken[1])
    return kind.cls(**{spec.name: values[spec.key] for spec in kind.fields}, **ident)


def _section(data: Any, keys: tuple, seen: set[str]) -> Section:
    _check_keys(data, keys, SECTION_FIELDS, "section")
    ident = _new_id_if_missing(data, keys, seen)
    items_data = data.get("items")
    if items_data is None:
        items_data = []
    if not isinstance(items_data, list):
        raise _Problem(keys + ("items",), f"must be a list of items, not {_type_name(items_data)}")
    section_kind = _text(data, keys, "kind") or "normal"
    if section_kind not in SECTION_KIND_CHOICES:
        raise _Problem(keys + ("kind",), f"must be one of: {', '.join(SECTION_KIND_CHOICES)}")
    return Section(
        title=_text(data, keys, "title", required=True),
        kind=section_kind,
        purpose=_text(data, keys, "purpose"),
        talking_points=_text_list(data, keys, "talking_points"),
        topic_id=_optional_text(data, keys, "topic_id"),
        key_points=_text_list(data, keys, "key_points"),
        items=[_item(item, keys + ("items", i), seen) for i, item in enumerate(items_data)],
        discussion_questions=_text_list(data, keys, "discussion_questions"),
        **ident,
    )


def _registered(name: str) -> tuple[str, ...]:
    """The citation styles or page sizes there are: the bundled ones (``META_CHOICES``, checked
    first without reading a folder), then the registry's, which adds a user's own, so a briefing
    whose style a user chose in the app saves and opens alike."""
    from briefing import registry

    listing = registry.styles() if name == "citation_style" else registry.page_sizes()
    return tuple(dict.fromkeys(META_CHOICES[name] + tuple(listing.names())))


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
                choices = _registered(name)
                if values[name] not in choices:
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
        if key not in ("schema", "meta", "sections", "glossary"):
            raise _Problem((key,), "unknown top-level field (misspelt?)")
    sections_data = data.get("sections")
    if sections_data is None:
        sections_data = []
    if not isinstance(sections_data, list):
        raise _Problem(("sections",), f"must be a list of sections, not {_type_name(sections_data)}")
    seen: set[str] = set()
    sections = [_section(s, ("sections", i), seen) for i, s in enumerate(sections_data)]
    return Briefing(meta=_meta(data.get("meta")), sections=sections, glossary=_glossary(data.get("glossary")))


def _glossary(value: Any) -> dict[str, str]:
    """``glossary:`` term -> definition, both text."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _Problem(("glossary",), f"must be a mapping of term: definition, not {_type_name(value)}")
    out: dict[str, str] = {}
    for term, definition in value.items():
        keys = ("glossary", term)
        if not isinstance(term, str) or not term.strip():
            raise _Problem(("glossary",), f"a term must be text, not {_type_name(term)} (put it in quotes)")
        if not isinstance(definition, str):
            raise _Problem(keys, f"the definition must be text, not {_type_name(definition)} (put it in quotes)")
        _no_surrogate(term, keys)
        _no_surrogate(definition, keys)
        out[term] = definition
    return out


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
