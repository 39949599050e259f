"""The attribution a memo prints in a sentence ("According to AFP (October 20, 2021), …").

Drawn from the same metadata as the style's citations (the CSL-JSON mapping's rules): the authors
as a reader names them (a person "Given Family"; an organisation as named; two joined by "and";
three or more "First et al."), else the container or publisher, else the title in quotation
marks; then the date as stated, or "n.d.".  Inferred values are bracketed, as in the citations.
"""

from __future__ import annotations

from briefing.citation.csljson import MONTHS
from briefing.citation.formats import Run


def _person(author) -> str:
    if isinstance(author, dict):
        if author.get("literal"):
            return author["literal"]
        return " ".join(author[k] for k in ("given", "non-dropping-particle", "family", "suffix") if author.get(k))
    return str(author)


def _date(iso: str | None) -> str:
    if not iso:
        return "n.d."
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{MONTHS[parts[1] - 1]} {parts[2]}, {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def _mark(text: str, source, field: str) -> str:
    return f"[{text}]" if field in source.inferred else text


def attribution(source) -> list[Run]:
    """Who and when, as one sentence-ready phrase."""
    names = [_person(a) for a in source.authors]
    if names:
        lead = names[0] if len(names) == 1 else (
            f"{names[0]} and {names[1]}" if len(names) == 2 else f"{names[0]} et al.")
        lead = _mark(lead, source, "authors")
    elif source.container_title:
        lead = _mark(source.container_title, source, "container_title")
    elif source.publisher:
        lead = _mark(source.publisher, source, "publisher")
    elif source.title:
        lead = "\u201c" + _mark(source.title, source, "title") + "\u201d"
    else:
        lead = source.label
    date = _date(source.date)
    return [Run(f"{lead} ({_mark(date, source, 'date') if source.date else date})")]
