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
# A note reference in the font's own superior figures (every bundled DejaVu face has them):
# designed glyphs rather than reportlab's scaled ``<super>`` digits, and the attribution they end
# stays one face, which reportlab breaks and draws ~3x faster (480 attributions: ~0.25 -> ~0.09 s)
SUPERIOR = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


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


def paragraph_url(spans: Iterable) -> str | None:
    """The one URL a paragraph links to, when all its link spans share one that ``safe_url``
    accepts (a source entry, an endnote), else None (no link, an unsafe one, or several)."""
    found = None
    for span in spans:
        url = getattr(span, "url", None)
        if not url:
            continue
        checked = safe_url(url)
        if checked is None or (found is not None and checked != found):
            return None
        found = checked
    return found


def spans_markup(spans: Iterable, color: str | None = LINK_COLOR, links: bool = True) -> str:
    """A composed document's inline spans (``briefing.compose.document``) as Paragraph markup:
    every text escaped, links only for URLs ``safe_url`` accepts, a note reference as a
    number in superior figures.

    With ``links=False`` the caller links the whole paragraph (``flowables.LinkedParagraph``):
    URL text is printed in ``color`` (a ``<font>``), or, with ``color=None``, in the paragraph's
    own colour and face, so the paragraph stays one fragment run for reportlab."""
    parts = []
    for span in spans:
        text = getattr(span, "text", None)
        if text is None:  # a NoteRef
            parts.append(str(span.number).translate(SUPERIOR))
            continue
        if not text:
            continue
        body = text_markup(text)
        if span.url:
            checked = safe_url(span.url)
            if checked is not None and links:
                body = f'<a href="{esc(checked)}" color="{color or LINK_COLOR}">{body}</a>'
            elif checked is not None and color:
                body = f'<font color="{color}">{body}</font>'
        if span.italic:
            body = f"<i>{body}</i>"
        if span.bold:
            body = f"<b>{body}</b>"
        if span.superscript:
            body = f"<super>{body}</super>"
        parts.append(body)
    return "".join(parts)
