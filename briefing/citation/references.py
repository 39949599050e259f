"""References in and out: CSL-JSON and BibTeX files (what Zotero and every reference manager
export) become the citation metadata of library sources; the library's metadata goes out as
CSL-JSON.

Reading: CSL-JSON is parsed here (size-limited, checked item by item); BibTeX goes through
pandoc (``--sandbox --from=bibtex --to=csljson``), never a hand-written parser.  An item is
matched to a library source by id, then DOI, then URL; its values replace the source's and are
no longer marked inferred (the user supplied them).  An item that matches no source becomes a
new metadata-only user source (``no_text: true``: listed and citable, no passages until its
document is imported), with the item's stated fields only, under an id made from the item's key
that no existing source has; it is saved all or nothing like an import (``save_metadata_source``).
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing.citation import csljson
from briefing.citation.pandoc_cite import TIMEOUT_S, pandoc_path
from briefing.errors import BriefingError, ContentError
from briefing.library.validate import (CSL_DATE_VARIABLES, CSL_NAME_VARIABLES, CSL_TEXT_VARIABLES, CSL_TYPES,
                                       FieldProblem, source_from_data)
from briefing.yamlio import read_text

MAX_BYTES = 20 * 1024 * 1024
# CSL variable -> source field, for the fields a source has of its own
FIELDS = {"title": "title", "container-title": "container_title", "publisher": "publisher",
          "publisher-place": "publisher_place", "number": "number", "genre": "genre", "DOI": "doi", "URL": "url",
          "language": "language"}


# a new source's kind, which a reference file does not give (csl_type says what the item is)
NEW_KIND = "other"
NEW_KIND_REASON = "Set to 'other' on reference import (the file gives no kind)."


@dataclass
class ImportResult:
    updated: list[str] = field(default_factory=list)  # source ids
    created: list[str] = field(default_factory=list)  # new metadata-only source ids
    problems: list[str] = field(default_factory=list)


def item_source_id(item: dict, n: int = 1) -> str:
    """A reference manager's key as a source id ("Smith:2016" -> "smith-2016"); ``item-<n>`` if none."""
    sid = re.sub(r"[^a-z0-9._-]+", "-", str(item.get("id") or f"item-{n}").lower())
    sid = re.sub(r"-{2,}", "-", sid).strip("-._")[:100].rstrip("-._")
    return sid or f"item-{n}"


def read_items(path: Path) -> list[dict]:
    """CSL-JSON items from a ``.json`` file, or from a ``.bib`` file through pandoc."""
    path = Path(path)
    if path.suffix.lower() in (".bib", ".bibtex"):
        command = [pandoc_path(), "--sandbox", "--from=bibtex", "--to=csljson", str(path)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise BriefingError(f"pandoc could not read {path.name}: {exc}") from None
        if done.returncode:
            raise ContentError(path, "not a BibTeX file pandoc can read: "
                               + done.stderr.decode("utf-8", "replace").strip()[:300])
        text = done.stdout.decode("utf-8")
    else:
        text = read_text(path, MAX_BYTES)
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ContentError(path, f"not CSL-JSON: {exc}") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(i, dict) for i in data):
        raise ContentError(path, "CSL-JSON must be a list of items (objects)")
    if path.suffix.lower() in (".bib", ".bibtex"):
        # pandoc read the titles as English (sentence-casing them) unless the entry said otherwise
        data = [{"language": "en", **item} for item in data]
    return data


def _iso(date) -> str | None:
    """A CSL-JSON date as YYYY[-MM[-DD]] (the first of a range); None if it has no date-parts."""
    if isinstance(date, dict):
        parts = (date.get("date-parts") or [[]])[0]
        try:
            parts = [int(p) for p in parts][:3]
        except (TypeError, ValueError):
            return None
        if parts:
            return "-".join([f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:]])
        raw = date.get("raw") or date.get("literal")
        if isinstance(raw, str) and len(raw) in (4, 7, 10) and raw[:4].isdigit():
            return raw
    return None


def _name(name) -> dict | str | None:
    if isinstance(name, dict):
        keys = ("family", "given", "literal", "suffix", "dropping-particle", "non-dropping-particle")
        out = {k: str(name[k]).strip() for k in keys if isinstance(name.get(k), (str, int)) and str(name[k]).strip()}
        return out or None
    return str(name).strip() or None if isinstance(name, str) else None


def metadata_from_item(item: dict) -> dict:
    """A source's citation fields from one CSL-JSON item (fields it does not carry are absent)."""
    data: dict = {}
    for variable, name in FIELDS.items():
        value = item.get(variable)
        if isinstance(value, (str, int)) and str(value).strip():
            data[name] = str(value).strip()
    if isinstance(item.get("author"), list):
        data["authors"] = [n for n in map(_name, item["author"]) if n]
    issued = _iso(item.get("issued"))
    if issued:
        data["date"] = issued
    accessed = _iso(item.get("accessed"))
    if accessed:
        data["accessed"] = accessed
    if item.get("type") in CSL_TYPES:
        data["csl_type"] = item["type"]
    extra = {}
    for variable, value in item.items():
        if variable in CSL_NAME_VARIABLES and isinstance(value, list):
            extra[variable] = [n for n in map(_name, value) if n]
        elif variable in CSL_DATE_VARIABLES and _iso(value):
            extra[variable] = _iso(value)
        elif variable in CSL_TEXT_VARIABLES and isinstance(value, (str, int)) and str(value).strip():
            extra[variable] = str(value).strip()
    if extra:
        data["csl"] = extra
    return data


def _match(sources: dict, item: dict, n: int = 1):
    if isinstance(item.get("id"), str) and item["id"] in sources:
        return sources[item["id"]]
    if item.get("id") and item_source_id(item, n) in sources:  # imported before under its sanitised key
        return sources[item_source_id(item, n)]
    doi, url = str(item.get("DOI") or "").lower(), str(item.get("URL") or "")
    for source in sources.values():
        if (doi and (source.doi or "").lower() == doi) or (url and source.url == url):
            return source
    return None


def _create(library, item: dict, n: int, planned: dict, dry_run: bool, result: ImportResult) -> None:
    """A new metadata-only source for an item no source matches (only planned on a dry run)."""
    from briefing.importing.save import free_source_id, save_metadata_source

    item_id = str(item.get("id", "?"))
    meta = {"kind": NEW_KIND, **metadata_from_item(item), "inferred": {"kind": NEW_KIND_REASON}}
    base = item_source_id(item, n)
    try:
        if dry_run:
            sid = free_source_id(library, base, reserved=planned)
            source = source_from_data({"id": sid, **meta, "no_text": True}, Path(f"{sid}.yaml"), "user")
        else:
            source = save_metadata_source(library, meta, base)
    except FieldProblem as problem:
        result.problems.append(f"{item_id}: {'.'.join(map(str, problem.keys))}: {problem.message}")
        return
    planned[source.id] = source
    result.created.append(source.id)


def import_items(library, items: list[dict], dry_run: bool = False) -> ImportResult:
    """Give matching library sources the items' metadata, and make each other item a new
    metadata-only source (saved in the user library; nothing written with ``dry_run``)."""
    result = ImportResult()
    planned: dict = {}  # sources created (or, on a dry run, that would be) by this import
    for n, item in enumerate(items, 1):
        item_id = str(item.get("id", "?"))
        source = _match({**library.sources, **planned}, item, n)
        if source is None:
            _create(library, item, n, planned, dry_run, result)
            continue
        if source.id in planned and dry_run:
            result.updated.append(source.id)  # a second item for a source this run would create
            continue
        fields = metadata_from_item(item)
        data = {k: v for k, v in source.metadata().items() if v not in (None, [], {})}
        data.update(fields)
        if "date" in fields:
            data.pop("date_precision", None)  # implied by the new date
        data["inferred"] = {k: v for k, v in source.inferred.items() if k not in fields}
        try:
            checked = source_from_data(data, Path(f"{source.id}.yaml"), "user")
        except FieldProblem as problem:
            result.problems.append(f"{item_id}: {'.'.join(map(str, problem.keys))}: {problem.message}")
            continue
        if not dry_run:
            library.save_user_source(replace(checked, meta_path=source.meta_path, text_path=source.text_path))
        result.updated.append(source.id)
    return result


def export_items(sources) -> list[dict]:
    """The sources' metadata as CSL-JSON items, values as stored (inferred ones unmarked)."""
    return [csljson.item(s, mark_inferred=False) for s in sources]
