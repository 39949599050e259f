"""Turn parsed YAML into Source and Topic objects, or a ContentError naming file, line and field."""

from __future__ import annotations

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
    "container_title", "genre", "number", "publisher_place", "accessed", "doi", "title_sentence_case",
    "csl_type", "csl", "no_text",
}

# -- citation metadata (docs/METADATA.md): the CSL-JSON variables the styles need ---------------
CSL_TYPES = frozenset("""article article-journal article-magazine article-newspaper bill book broadcast chapter
    classic collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing
    interview legal_case legislation manuscript map motion_picture musical_score pamphlet paper-conference patent
    performance periodical personal_communication post post-weblog regulation report review review-book software
    song speech standard thesis treaty webpage""".split())
CSL_NAME_VARIABLES = frozenset("""chair collection-editor compiler composer container-author contributor curator
    director editor editorial-director executive-producer guest host illustrator interviewer narrator organizer
    original-author performer producer recipient reviewed-author script-writer series-creator translator""".split())
CSL_DATE_VARIABLES = frozenset("available-date event-date original-date submitted".split())
CSL_TEXT_VARIABLES = frozenset("""abstract annote archive archive_collection archive_location archive-place
    authority call-number chapter-number collection-number collection-title container-title-short dimensions
    division edition event event-place event-title ISBN ISSN issue jurisdiction medium note number-of-pages
    number-of-volumes original-publisher original-publisher-place original-title page part-number part-title
    PMCID PMID reviewed-genre reviewed-title scale section source status supplement-number title-short version
    volume volume-title""".split())
_NAME_KEYS = frozenset({"family", "given", "literal", "suffix", "dropping-particle", "non-dropping-particle"})
_DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")


def _name(value: Any, keys: tuple) -> str | dict:
    """An author: a plain string (printed as given), a person {family, given} or an organisation {literal}."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if not isinstance(value, dict):
        raise FieldProblem(keys, "must be a name: text, {family: .., given: ..} or {literal: ..}")
    unknown = sorted(set(map(str, value)) - _NAME_KEYS)
    if unknown:
        raise FieldProblem(keys + (unknown[0],), "unknown name part (family, given, literal, suffix, particles)")
    for key, part in value.items():
        if not isinstance(part, str) or not part.strip():
            raise FieldProblem(keys + (key,), "must be text")
    if bool(value.get("literal")) == bool(value.get("family")):
        raise FieldProblem(keys, "a person needs 'family' (and 'given'); an organisation needs 'literal' alone")
    if value.get("literal") and len(value) > 1:
        raise FieldProblem(keys, "an organisation ('literal') has no other name parts")
    return {str(k): v.strip() for k, v in value.items()}


def _names(data: dict, key: str, keys: tuple | None = None) -> list:
    value = data.get(key)
    keys = keys or (key,)
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        value = [value]
    if not isinstance(value, list):
        raise FieldProblem(keys, "must be a list of names")
    return [_name(item, keys + (i,)) for i, item in enumerate(value)]


def _iso_date(value: Any, keys: tuple) -> str:
    import datetime as dt  # imported by the YAML parser anyway; not at a start-up that parses nothing

    if isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"
    if not isinstance(value, str) or not _DATE_PATTERN.match(value):
        raise FieldProblem(keys, "must be YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        dt.date.fromisoformat(value + {4: "-01-01", 7: "-01", 10: ""}[len(value)])
    except ValueError:
        raise FieldProblem(keys, f"'{value}' is not a real date") from None
    return value


def _csl_extra(data: dict) -> dict:
    """``csl:``: further CSL-JSON variables (volume, issue, page, editor, ...), checked by kind."""
    value = data.get("csl")
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FieldProblem(("csl",), "must map CSL variable names to values")
    out: dict[str, Any] = {}
    for key, item in value.items():
        keys = ("csl", key)
        if key in CSL_NAME_VARIABLES:
            out[key] = _names(value, key, keys)
        elif key in CSL_DATE_VARIABLES:
            out[key] = _iso_date(item, keys)
        elif key in CSL_TEXT_VARIABLES:
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                raise FieldProblem(keys, "must be text or a number")
            out[key] = str(item).strip()
        else:
            raise FieldProblem(keys, "not a CSL variable this field takes (the source's own fields cover "
                               "title, authors, date, publisher, container_title, genre, number, url, doi, ...)")
    return out


def _citation_fields(data: dict) -> dict[str, Any]:
    """The citation metadata fields of a source, validated."""
    out = {name: _optional_str(data, name) for name in (
        "container_title", "genre", "number", "publisher_place", "title_sentence_case")}
    accessed = data.get("accessed")
    out["accessed"] = None if accessed in (None, "") else _iso_date(accessed, ("accessed",))
    doi = _optional_str(data, "doi")
    if doi:
        doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.IGNORECASE)
        if not _DOI_PATTERN.match(doi):
            raise FieldProblem(("doi",), "must be a DOI such as 10.1000/xyz123")
    out["doi"] = doi
    csl_type = _optional_str(data, "csl_type")
    if csl_type and csl_type not in CSL_TYPES:
        raise FieldProblem(("csl_type",), "is not a CSL item type (e.g. report, webpage, article-newspaper)")
    out["csl_type"] = csl_type
    out["csl"] = _csl_extra(data)
    return out


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
    import datetime as dt  # see _iso_date

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
    no_text = data.get("no_text", False)
    if no_text not in (True, False, None):
        raise FieldProblem(("no_text",), "must be true or false")
    if no_text and data.get("text_file") not in (None, ""):
        raise FieldProblem(("no_text",), "a source with no text yet names no text_file")
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
        authors=_names(data, "authors"),
        date=date,
        date_precision=precision,
        url=url,
        language=_optional_str(data, "language"),
        seed_file=_optional_str(data, "seed_file"),
        captions=_str_list(data, "captions"),
        inferred={str(k): str(v).strip() for k, v in inferred.items()},
        notes=_optional_str(data, "notes"),
        pages=_pages(data),
        **_citation_fields(data),
        meta_path=meta_path,
        # ``no_text: true``: metadata only (a reference imported before its document), no passages
        text_path=None if no_text else meta_path.parent / text_file,
        origin=origin,
    )
