"""The one way text reaches reportlab Paragraph markup.

Paragraph parses its input as XML-ish markup with attributes that older reportlab
versions evaluated (CVE-2023-33733).  Source and user text therefore always goes through
``esc``; only markup written in this package (``<b>``, ``<i>``, ``<super>``, ``<br/>``, ``<a href>``
with a validated http(s) URL, see ``spans_markup``) is raw.
"""

from __future__ import annotations

import re
from typing import Iterable
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as _xml_escape

REPLACEMENT = "\ufffd"
# C0 controls except tab/newline/CR, DEL, C1 controls, lone surrogates, non-characters
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_WS = re.compile(r"[\t\r\n]+")
# anything ``clean`` changes (tab/newline/CR included): text without it is returned as it is
_NEEDS_CLEAN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"\s")
LINK_COLOR = "#1a4c8b"  # when a theme gives no link colour


def clean(text: str | None) -> str:
    """Plain text safe for a PDF: bad control characters become a visible U+FFFD."""
    if not text:
        return ""
    text = str(text)
    if _NEEDS_CLEAN.search(text) is None:
        return text
    return _WS.sub(" ", _BAD_CHARS.sub(_replace_bad, text))


def _replace_bad(match: re.Match) -> str:
    from briefing.writers.pdf.coverage import record  # reported in ExportResult.replaced

    record(match.group(0))
    return REPLACEMENT


def esc(text: str | None) -> str:
    """Escape untrusted text for Paragraph markup: nothing in it is ever a tag or entity."""
    return _xml_escape(clean(text), {'"': "&quot;"})


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) URL with a host, else None (javascript:, file:, ...)."""
    if not url:
        return None
    url = clean(url).strip()
    if _BAD_CHARS.search(url) or _SPACE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def text_markup(text: str) -> str:
    """Escaped text; a line break the user typed ("\n") becomes ``<br/>``."""
    if "\n" not in text:
        return esc(text)
    return "<br/>".join(esc(line) for line in text.split("\n"))


def spans_markup(spans: Iterable, color: str = LINK_COLOR) -> str:
    """A composed document's inline spans (``briefing.compose.document``) as Paragraph markup:
    every text escaped, links only for URLs ``safe_url`` accepts, a note reference as a
    superscript number."""
    parts = []
    for span in spans:
        text = getattr(span, "text", None)
        if text is None:  # a NoteRef
            parts.append(f"<super>{span.number}</super>")
            continue
        if not text:
            continue
        body = text_markup(text)
        if span.url:
            checked = safe_url(span.url)
            if checked is not None:
                body = f'<a href="{esc(checked)}" color="{color}">{body}</a>'
        if span.italic:
            body = f"<i>{body}</i>"
        if span.bold:
            body = f"<b>{body}</b>"
        if span.superscript:
            body = f"<super>{body}</super>"
        parts.append(body)
    return "".join(parts)
