"""PDF reports and articles: pypdf's text, with paragraphs rebuilt and page furniture dropped.

pypdf's ``extract_text`` gives lines in reading order; a visitor gives each line's baseline and
font size, which is all paragraph recovery needs (no layout boxes, so no pdfminer):

* a new paragraph starts where the gap to the previous line is clearly wider than the page's
  usual line spacing, or the font size changes; larger-than-body short lines are headings;
* a paragraph that does not end a sentence at the foot of a page continues on the next page;
* a line ending in a letter and "-" followed by a lower-case letter is a hyphenated word: joined;
* lines at the top or bottom of at least half the pages that repeat (digits aside) are running
  headers or footers, and lone page numbers there are dropped — all shown struck through.

Each paragraph remembers the page it starts on (``pages:`` in the metadata, for "p." locators).
pypdf caps decompression (a bomb raises ``LimitReachedError``); the worker's memory limit is the
second fence.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from briefing.errors import ContentError
from briefing.importing.model import Block, Extract, MetaValue

_PAGE_NUMBER = re.compile(r"^((page|p\.|seite)\s*)?[-–—]?\s*(\d{1,4}|[ivxlcdm]{1,7})\s*[-–—]?(\s*(of|/|von)\s*\d{1,4})?$", re.I)
_SENTENCE_END = re.compile(r"[.!?:;”\"’')\]]$")
_DIGITS = re.compile(r"\d+")
EDGE_LINES = 2


@dataclass
class _Line:
    text: str
    y: float | None
    size: float
    page: int


def _page_lines(page, number: int) -> list[_Line]:
    lines: list[_Line] = []
    current: list[str] = []
    state = {"y": None, "size": 0.0}

    def visit(text, cm, tm, _font, font_size):
        if not text:
            return
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if piece.strip() and state["y"] is None:
                scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
                state["y"] = tm[5] * cm[3] + cm[5]
                state["size"] = max(state["size"], round(font_size * scale, 1))
            elif piece.strip():
                scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
                state["size"] = max(state["size"], round(font_size * scale, 1))
            current.append(piece)
            if i < len(pieces) - 1:
                line = "".join(current).strip()
                if line:
                    lines.append(_Line(line, state["y"], state["size"], number))
                current.clear()
                state["y"], state["size"] = None, 0.0

    page.extract_text(visitor_text=visit)
    tail = "".join(current).strip()
    if tail:
        lines.append(_Line(tail, state["y"], state["size"], number))
    return lines


def _furniture(pages: list[list[_Line]]) -> dict[int, str]:
    """id(line) -> why it is page furniture (running header/footer or page number)."""
    edges = [lines[:EDGE_LINES] + lines[-EDGE_LINES:] for lines in pages]
    counts: Counter[str] = Counter()
    for edge in edges:
        counts.update({_DIGITS.sub("#", ln.text) for ln in edge})
    threshold = max(2, (len(pages) + 1) // 2)
    out: dict[int, str] = {}
    for edge in edges:
        for ln in edge:
            if _PAGE_NUMBER.match(ln.text):
                out[id(ln)] = "page number"
            elif len(pages) > 1 and counts[_DIGITS.sub("#", ln.text)] >= threshold:
                out[id(ln)] = "running header or footer"
    return out


def _join(a: str, b: str) -> str:
    if len(a) > 1 and a.endswith("-") and a[-2].isalpha() and b[:1].islower():
        return a[:-1] + b
    return a + " " + b


def _paragraphs(lines: list[_Line], body_size: float, gap: float) -> list[Block]:
    """Lines to blocks.  A paragraph ends at a wider gap, a change of size or page (unless the
    sentence runs on), or — for text set without paragraph spacing — after a line that ends a
    sentence well short of the usual line length."""
    blocks: list[Block] = []
    prev: _Line | None = None
    body_lengths = sorted(len(ln.text) for ln in lines if ln.size == body_size)
    usual = body_lengths[len(body_lengths) * 3 // 4] if body_lengths else 0
    for ln in lines:
        heading = ln.size >= body_size * 1.15 and len(ln.text) < 200
        kind = "heading" if heading else "body"
        new = True
        if prev is not None and blocks and blocks[-1].kind == kind and abs(ln.size - prev.size) < 1:
            if ln.page != prev.page:
                new = kind == "heading" or bool(_SENTENCE_END.search(blocks[-1].text))
            elif ln.y is not None and prev.y is not None:
                spacing = gap * max(1.0, ln.size / body_size)  # a heading's lines are further apart
                new = (prev.y - ln.y) > spacing * 1.3 or (prev.y - ln.y) < 0
            else:
                new = False
            if not new and kind == "body" and usual and len(prev.text) < usual * 0.7 \
                    and _SENTENCE_END.search(prev.text):
                new = True
        if new:
            blocks.append(Block(ln.text, kind, page=ln.page))
        else:
            blocks[-1].text = _join(blocks[-1].text, ln.text)
        prev = ln
    return blocks


def read_pdf(data: bytes, name: str) -> Extract:
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError, PdfReadError):
                opened = 0
            if not opened:
                raise ContentError(name, "is an encrypted (password-protected) PDF; save an unprotected "
                                         "copy and import that")
        pages = [_page_lines(page, n) for n, page in enumerate(reader.pages, 1)]
        info = reader.metadata or {}
        title, author = info.get("/Title"), info.get("/Author")
        created = info.creation_date if hasattr(info, "creation_date") else None
    except ContentError:
        raise
    except FileNotDecryptedError:
        raise ContentError(name, "is an encrypted (password-protected) PDF; save an unprotected copy and import that") from None
    except LimitReachedError:
        raise ContentError(name, "expands to far more data than a document holds (a decompression bomb?); "
                                 "not imported") from None
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError, AssertionError,
            ZeroDivisionError, RecursionError) as exc:
        raise ContentError(name, f"is damaged or not a PDF that can be read ({type(exc).__name__}: "
                                 f"{str(exc)[:200]})") from None
    furniture = _furniture(pages)
    all_lines = [ln for lines in pages for ln in lines]
    if not any(ln.text.strip() for ln in all_lines):
        raise ContentError(name, "has no text layer (a scanned PDF?); there is no text to import")
    sizes = Counter()
    for ln in all_lines:
        sizes[ln.size] += len(ln.text)
    body_size = sizes.most_common(1)[0][0]
    gaps = [a.y - b.y for a, b in zip(all_lines, all_lines[1:])
            if a.page == b.page and a.y is not None and b.y is not None and a.size == b.size == body_size
            and 0 < a.y - b.y < body_size * 3]
    gap = statistics.median(gaps) if gaps else body_size * 1.2
    blocks: list[Block] = []
    body: list[_Line] = []
    for ln in all_lines:
        reason = furniture.get(id(ln))
        if reason:
            blocks.append(Block(ln.text, "body", page=ln.page, keep=False, reason=reason))
        else:
            body.append(ln)
    paragraphs = _paragraphs(body, body_size, gap)
    # furniture first on each page (where a reader saw it), then the page's paragraphs
    merged: list[Block] = []
    dropped = [b for b in blocks]
    for para in paragraphs:
        while dropped and dropped[0].page <= para.page:
            merged.append(dropped.pop(0))
        merged.append(para)
    merged.extend(dropped)
    extract = Extract(path=name, fmt="pdf", blocks=merged)
    meta = extract.meta
    title = str(title).strip() if title else None
    if title:
        meta["title"] = MetaValue.found(title)
    else:
        heading = next((b.text for b in paragraphs if b.kind == "heading"), None)
        meta["title"] = MetaValue.inferred(heading, "From the first heading of the PDF (its metadata has no title).")
    authors = [a.strip() for a in re.split(r";", str(author))] if author else []
    meta["authors"] = MetaValue.found([a for a in authors if a])
    if created is not None:
        meta["date"] = MetaValue.inferred(created.date().isoformat(),
                                          "The PDF file's creation date, which may not be the publication date.")
    return extract
