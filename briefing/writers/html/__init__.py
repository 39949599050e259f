"""HTML writer: one self-contained, accessible file from a composed document.

Jinja2 templates (``resources/templates/html/``) with autoescaping on, so every text from a
source or the user is escaped by the template engine, never concatenated into markup.  The file
has its style sheet inline, no script, no font file and no remote reference (a Content Security
Policy in the file says so to the browser too); the handling marking and page numbers are put on
every printed page by CSS paged-media margin boxes (``@page { @top-center … }``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from briefing import paths
from briefing.compose.document import Document, NoteList, NoteRef, Paragraph
from briefing.writers.base import Cancel, ExportCancelled, Progress, WriteResult, deliver

TEMPLATES_DIR = paths.RESOURCES_DIR / "templates" / "html"
TITLE_ROLES = ("cover-title", "memo-title")  # printed as the page's one <h1>
SAFE_URL = re.compile(r"(?i)^(https?://|mailto:)[^\s\"'<>]+$")


def css_string(value: str):
    """A CSS string literal with every character but ASCII letters and digits hex-escaped (six
    digits), so no text can end the string, the rule or the style element.  Spaces are escaped
    too: CSS swallows one white space after a hex escape."""
    from markupsafe import Markup

    escaped = "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):06x}" for c in value)
    return Markup(f'"{escaped}"')


def page_counter(pattern: str):
    """"Page {page} of {pages}" as CSS content: strings and the page / pages counters."""
    from markupsafe import Markup

    pieces = []
    for piece in re.split(r"(\{page\}|\{pages\})", pattern):
        if piece == "{page}":
            pieces.append("counter(page)")
        elif piece == "{pages}":
            pieces.append("counter(pages)")
        elif piece:
            pieces.append(str(css_string(piece)))
    return Markup(" ".join(pieces))


@lru_cache(maxsize=1)
def environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=False, keep_trailing_newline=True)
    env.filters["kind"] = lambda block: type(block).__name__
    env.filters["css_string"] = css_string
    env.filters["part_id"] = id
    env.tests["noteref"] = lambda value: isinstance(value, NoteRef)
    env.tests["safe_url"] = lambda value: bool(SAFE_URL.match(value or ""))
    return env


def page_size_css(name: str | None) -> str:
    """The CSS ``@page`` size of a page size from the registry (letter, a4, a user's own) in
    points, as the PDF writer uses it; an unknown name prints on letter paper."""
    from briefing import registry

    entry = registry.page_sizes().get((name or "").lower())
    if entry is None or entry.size is None:
        return "letter"
    width, height = entry.size  # validated numbers (72-14400)
    return f"{width:.2f}pt {height:.2f}pt"


def _context(document: Document, theme=None) -> dict:
    blocks = list(document.blocks())
    has_notes_list = any(isinstance(b, NoteList) for b in blocks)
    return {
        "info": document.info,
        "page_size": page_size_css(document.info.page_size or (theme["page_size"] if theme is not None else None)),
        "parts": document.parts,
        "layout": re.sub(r"[^a-z0-9-]", "", (document.layout or "").lower()),
        "has_title": any(isinstance(b, Paragraph) and b.role in TITLE_ROLES for b in blocks),
        "extra_notes": NoteList(document.notes) if document.notes and not has_notes_list else None,
        "page_numbers": page_counter(document.info.page_numbers) if document.info.page_numbers else "",
        # a part's running-header label ("Tab A") in the printed page's margin: one CSS named page each
        "labelled_pages": {id(part): (f"part{n}", css_string(part.header_label))
                           for n, part in enumerate(document.parts, 1) if part.header_label},
        "heading_level": lambda level: min(max(int(level), 1) + 1, 6),
        "part_has_anchor": lambda part: any(getattr(b, "anchor", None) == part.anchor for b in part.blocks),
    }


def render_html(document: Document, theme=None) -> str:
    return environment().get_template("document.html.j2").render(**_context(document, theme))


def write_html(document: Document, theme=None, output: Path | None = None, progress: Progress | None = None,
               cancel: Cancel | None = None, *, deterministic: bool = False) -> WriteResult:
    """The writer registered as "html" (``briefing.writers.base.Writer``); of ``theme`` only the
    page size is used (when the document names none): the file carries its own style sheet.
    Always deterministic (nothing time-dependent in it)."""
    report = progress or (lambda fraction, message: None)
    report(0.05, "Writing the web page")
    if cancel is not None and cancel():
        raise ExportCancelled()
    data = render_html(document, theme).encode("utf-8", "replace")  # a lone surrogate cannot be UTF-8: "?"
    if cancel is not None and cancel():
        raise ExportCancelled()
    report(1.0, "Done")
    return deliver(data, output, document.warnings)
