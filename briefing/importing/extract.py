"""One entry point from a file (or pasted text) to a reviewable ``Extract``: pick the reader by
suffix, refuse what is too big before reading it, then apply what every import gets — the
title line moved to the metadata, the cleaning rules, and every metadata field present (empty
when unknown).  Runs inside the isolated worker (``worker.py``); nothing here writes a file.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from briefing.errors import ContentError
from briefing.importing.clean import clean
from briefing.importing.names import display_name
from briefing.importing.model import EMPTY, META_FIELDS, Block, Extract, MetaValue

READERS = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".md": "markdown", ".markdown": "markdown",
    ".txt": "text", ".text": "text",
}
SUPPORTED_SUFFIXES = tuple(READERS)
MB = 1024 * 1024
MAX_BYTES = {"html": 50 * MB, "pdf": 100 * MB, "docx": 100 * MB, "markdown": 20 * MB, "text": 20 * MB}
MAX_IMPORT_BYTES = max(MAX_BYTES.values())
MAX_TITLE_CHARS = 120
FILE_DIALOG_FILTER = (
    "Documents (*.html *.htm *.xhtml *.pdf *.docx *.md *.markdown *.txt *.text);;"
    "Web pages (*.html *.htm *.xhtml);;PDF (*.pdf);;Word (*.docx);;Text and Markdown (*.txt *.text *.md *.markdown)"
)


def format_of(path: Path | str) -> str:
    fmt = READERS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ContentError(path, "cannot be imported: only web pages (.html, .htm), PDF, Word (.docx), "
                                 "Markdown and text files can")
    return fmt


def check_file(path: Path) -> str:
    """Cheap checks before any parsing (in the app process): type, existence, size."""
    fmt = format_of(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ContentError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not Path(path).is_file():
        raise ContentError(path, "is not a file")
    if st.st_size == 0:
        raise ContentError(path, "is empty: there is no text to import")
    if st.st_size > MAX_BYTES[fmt]:
        raise ContentError(path, f"is {st.st_size / MB:.0f} MB; the largest {fmt} file that can be imported "
                                 f"is {MAX_BYTES[fmt] // MB} MB")
    return fmt


def extract_file(path: Path | str) -> Extract:
    """Read, parse and clean one file (call it in the worker process)."""
    path = Path(path)
    fmt = check_file(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES[fmt] + 1)
    except OSError as exc:
        raise ContentError(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES[fmt]:
        raise ContentError(path, f"is larger than {MAX_BYTES[fmt] // MB} MB")
    try:
        # a file name need not be valid UTF-8: messages and reasons show it with U+FFFD
        extract = parse(data, fmt, display_name(path.name), path.suffix.lower())
    except ContentError as exc:
        raise ContentError(path, exc.message) from None
    extract.path = str(path)
    extract.sha256 = hashlib.sha256(data).hexdigest()
    return extract


def parse(data: bytes, fmt: str, name: str, suffix: str = ".txt") -> Extract:
    if fmt == "html":
        from briefing.importing.html_reader import read_html
        extract = read_html(data, name)
    elif fmt == "pdf":
        from briefing.importing.pdf_reader import read_pdf
        extract = read_pdf(data, name)
    elif fmt == "docx":
        from briefing.importing.docx_reader import read_docx
        extract = read_docx(data, name)
    else:
        from briefing.importing.text_reader import read_text
        extract = read_text(data, name, suffix)
    return finish(extract, name)


def extract_pasted(text: str, name: str = "Pasted text") -> Extract:
    """Clipboard text: the same reading (as plain text) and cleaning as a file."""
    from briefing.importing.text_reader import read_text

    extract = finish(read_text(text.encode("utf-8"), name, ".txt"), name)
    extract.fmt = "paste"
    extract.sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return extract


def _first_line_title(extract: Extract, name: str) -> None:
    """Plain text has no markup for a title: the first line left after cleaning, if it stands alone."""
    kept = [b for b in extract.blocks if b.keep]
    if extract.fmt == "text" and extract.value("title") is None and len(kept) > 1:
        first = kept[0].text
        if "\n" not in first and len(first) <= MAX_TITLE_CHARS:
            extract.meta["title"] = MetaValue.inferred(first, f"From the first line of '{name}', which stands alone.")


def _same_line(text: str, title) -> bool:
    """The title printed again (spacing and case aside: a page's headline can be set in lower case
    while its metadata capitalises it, as Wikipedia does)."""
    return " ".join(text.split()).casefold() == " ".join(str(title).split()).casefold()


def finish(extract: Extract, name: str) -> Extract:
    """What every import gets, whatever its format."""
    clean(extract.blocks)
    _first_line_title(extract, name)
    title = extract.value("title")
    first = next((b for b in extract.blocks if b.keep and b.kind != "caption"), None)
    if title and first is not None and _same_line(first.text, title):
        first.keep, first.reason = False, "the title (kept in the metadata)"
        first.kind = "heading"
    elif title:
        # a web page's headline can come after a line the extraction kept from elsewhere on the
        # page (a teaser): a heading that is the title, among the first few blocks, is still the title
        for block in [b for b in extract.blocks if b.keep and b.kind != "caption"][1:3]:
            if block.kind == "heading" and _same_line(block.text, title):
                block.keep, block.reason = False, "the title (kept in the metadata)"
                break
    authors = {" ".join(str(a).split()).lower() for a in (extract.value("authors") or [])}
    for block in [b for b in extract.blocks if b.keep and b.kind != "caption"][:4]:
        line = " ".join(block.text.split()).lower()
        if authors and (line in authors or (line.startswith("by ") and line[3:] in authors)):
            block.keep, block.reason = False, "the author line (kept in the metadata)"
    extract.meta.setdefault("kind", MetaValue.inferred(
        "other", "Set to 'other' on import; the file does not say what kind of document it is."))
    for field_name in META_FIELDS:
        extract.meta.setdefault(field_name, MetaValue(None, EMPTY))
    if not extract.blocks:
        raise ContentError(name, "contains no text to import")
    return extract


__all__ = ["Block", "Extract", "extract_file", "extract_pasted", "SUPPORTED_SUFFIXES", "check_file"]
