"""A library ``Source`` as a CSL-JSON item: the one mapping every CSL style reads (docs/METADATA.md).

Facts only: a field the source does not state is left out (the style then prints "n.d." or
nothing, as its manual says).  A value the application inferred (listed in ``source.inferred``)
is put in square brackets, the way the manuals mark supplied information: text values carry the
brackets themselves; an inferred date is given to the processor with its year moved by
``DATE_SENTINEL_OFFSET`` so ``mark_inferred_dates`` can find the rendered date and bracket it.
"""

from __future__ import annotations

import re

# the CSL type a source's ``kind`` implies when ``csl_type`` does not say
KIND_TYPES = {
    "news": "article-newspaper",
    "analysis": "webpage",
    "government": "webpage",
    "reference": "entry-encyclopedia",
    "fact sheet": "webpage",
    "press release": "webpage",
    "report": "report",
    "other": "document",
}
# the genre a kind names when ``genre`` does not ("[Fact sheet]" in APA)
KIND_GENRES = {"fact sheet": "fact sheet", "press release": "press release"}  # styles capitalise as needed
# pandoc reads <i>, <b>, <sc>, <sup>, <sub> and <span …> in CSL-JSON text as formatting; a source's
# "<" is followed by this character so no tag is ever recognised, and the rendered text drops it
TAG_BREAK = "\ue000"
DATE_SENTINEL_OFFSET = 6000  # 2012 -> 8012: a year no real text prints
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def _bracket(value: str, inferred: bool) -> str:
    return f"[{value}]" if inferred else value


def _plain(value: str, inferred: bool) -> str:
    return value


def _date_parts(iso: str, offset: int = 0) -> dict:
    parts = [int(p) for p in iso.split("-")]
    parts[0] += offset
    return {"date-parts": [parts]}


def _name(author, inferred: bool) -> dict:
    if isinstance(author, dict):
        name = dict(author)
        if inferred:
            key = "literal" if "literal" in name else "family"
            name[key] = f"[{name[key]}]"
        return name
    # a plain string is printed as written: splitting "Gabriel García Márquez" would be a guess
    return {"literal": _bracket(str(author), inferred)}


def item(source, mark_inferred: bool = True) -> dict:
    """The CSL-JSON item for ``source`` (key order fixed, so equal metadata gives equal JSON).
    ``mark_inferred=False``: the values as stored (for export to a reference manager)."""
    inferred = source.inferred if mark_inferred else {}
    _bracket = globals()["_bracket"] if mark_inferred else _plain
    kind = source.kind
    data: dict = {"id": source.id, "type": source.csl_type or KIND_TYPES.get(kind, "document")}
    title = source.title_sentence_case or source.title
    if title:
        data["title"] = _bracket(title, "title" in inferred)
    else:  # no title: the manuals' bracketed description; here the opening words, as the app shows them
        data["title"] = source.label
    if source.authors:
        data["author"] = [_name(a, "authors" in inferred) for a in source.authors]
    for field, variable in (("container_title", "container-title"), ("publisher", "publisher"),
                            ("publisher_place", "publisher-place"), ("number", "number")):
        value = getattr(source, field)
        if value:
            data[variable] = _bracket(value, field in inferred)
    if source.genre:
        data["genre"] = _bracket(source.genre, "genre" in inferred)
    elif kind in KIND_GENRES:  # a description of the kind of document, which APA already brackets
        data["genre"] = KIND_GENRES[kind]
    if source.date:
        data["issued"] = _date_parts(source.date, DATE_SENTINEL_OFFSET if "date" in inferred else 0)
    if source.accessed:
        data["accessed"] = _date_parts(source.accessed)
    if source.doi:
        data["DOI"] = source.doi
    if source.url:
        data["URL"] = source.url
    # re-casing a title (Chicago's and MLA's headline case) assumes English: a title whose language is
    # not stated is printed as stored ("und": undetermined, which no style re-cases)
    if source.language or mark_inferred:
        data["language"] = source.language or "und"
    for variable, value in source.csl.items():
        if isinstance(value, list):
            data[variable] = [_name(a, False) for a in value]
        elif variable in ("available-date", "event-date", "original-date", "submitted"):
            data[variable] = _date_parts(value)
        else:
            data[variable] = value
    return _untagged(data) if mark_inferred else data


def _untagged(value):
    """Every "<" in the item's text made inert for pandoc's CSL rich-text parser (see TAG_BREAK)."""
    if isinstance(value, str):
        return value.replace("<", "<" + TAG_BREAK) if "<" in value else value
    if isinstance(value, list):
        return [_untagged(v) for v in value]
    if isinstance(value, dict):
        return {k: _untagged(v) for k, v in value.items()}
    return value


def _date_pattern(year: int, month: int | None) -> re.Pattern:
    """The rendered forms of a date whose year is ``year`` (en-US: "April 12, 2021", "12 Apr. 2021",
    "2021, April 12", "Apr. 2021", "2021")."""
    if month:
        name = MONTHS[month - 1]
        forms = sorted({name, name[:3], name[:4]}, key=len, reverse=True)
        m = "(?:" + "|".join(re.escape(f) for f in forms) + r")\.?"
        before = rf"(?:(?:\d{{1,2}}\s+)?{m}\s+(?:\d{{1,2}},\s+)?)?"
        after = rf"(?:,\s+{m}(?:\s+\d{{1,2}})?)?"
    else:
        before = after = ""
    return re.compile(before + str(year) + after)


def mark_inferred_dates(text: str, sources: list) -> str:
    """Bracket each inferred date rendered with its sentinel year, and put the real year back."""
    for source in sources:
        if not (source.date and "date" in source.inferred):
            continue
        parts = [int(p) for p in source.date.split("-")]
        sentinel = parts[0] + DATE_SENTINEL_OFFSET
        if str(sentinel) not in text:
            continue
        pattern = _date_pattern(sentinel, parts[1] if len(parts) > 1 else None)
        text = pattern.sub(lambda m: "[" + m.group(0).replace(str(sentinel), str(parts[0])) + "]", text)
    return text

