"""Word documents (``.docx``) through python-docx: headings, paragraphs, lists, captions, footnotes.

Heading and Title styles are headings, list styles (or numbered paragraphs) are lists (one block,
one item per line), the Caption style goes to captions; footnotes are read from the footnotes part
(python-docx has no API for them) with lxml, entities off, and kept after the body as their own
blocks.  Core properties give title and author (found) and the created date (inferred: the file's
date, not necessarily the document's).  The zip is measured before it is opened: a declared size
far beyond any memo, or a compression ratio no text reaches, is refused as a zip bomb.
"""

from __future__ import annotations

import io
import zipfile

from briefing.errors import ContentError
from briefing.importing.model import Block, Extract, MetaValue

MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_zip(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise ContentError(name, f"is damaged or not a Word (.docx) file ({exc})") from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNPACKED_BYTES or (total > 20 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise ContentError(name, f"unpacks to {total // (1024 * 1024)} MB from {len(data) // 1024} KB "
                                 "(a zip bomb?); not imported")


def _footnotes(document) -> list[str]:
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
            root = etree.fromstring(rel.target_part.blob, parser)
            notes = []
            for note in root.iter(f"{_W}footnote"):
                if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                paragraphs = ["".join(t.text or "" for t in p.iter(f"{_W}t")).strip() for p in note.iter(f"{_W}p")]
                text = "\n".join(p for p in paragraphs if p)
                if text:
                    notes.append(text)
            return notes
    return []


def _kind(paragraph, element) -> str:
    """``element`` is the paragraph's ``w:p`` (python-docx has no public API for numbering)."""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    low = style.lower()
    if low.startswith("heading") or low in ("title", "subtitle"):
        return "heading"
    if low == "caption":
        return "caption"
    if low.startswith("list") or element.find(f"{_W}pPr/{_W}numPr") is not None:
        return "list"
    return "body"


def read_docx(data: bytes, name: str) -> Extract:
    _check_zip(data, name)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[Block] = []
        elements = [el for el in document.element.body if el.tag in (f"{_W}p", f"{_W}tbl")]
        for item, element in zip(document.iter_inner_content(), elements):
            if hasattr(item, "rows"):  # a table: one block, a row per line, cells separated by " | "
                rows = [" | ".join(c.text.strip() for c in row.cells) for row in item.rows]
                rows = [r for r in rows if r.strip(" |")]
                if rows:
                    blocks.append(Block("\n".join(rows)))
                continue
            text = item.text.strip()
            if not text:
                continue
            kind = _kind(item, element)
            if kind == "list" and blocks and blocks[-1].kind == "list":
                blocks[-1].text += "\n" + text
            else:
                blocks.append(Block(text, kind))
        blocks.extend(Block(note, "footnote") for note in _footnotes(document))
        props = document.core_properties
        title, author, created = props.title, props.author, props.created
    except ContentError:
        raise
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, AttributeError, TypeError) as exc:
        raise ContentError(name, f"is damaged or not a Word (.docx) file ({type(exc).__name__}: {str(exc)[:200]})") from None
    except Exception as exc:  # noqa: BLE001 - lxml's XMLSyntaxError and friends from a broken part
        raise ContentError(name, f"is damaged: a part of the Word file cannot be read ({str(exc)[:200]})") from None
    if not blocks:
        raise ContentError(name, "contains no text to import")
    extract = Extract(path=name, fmt="docx", blocks=blocks)
    meta = extract.meta
    if title and title.strip():
        meta["title"] = MetaValue.found(title.strip())
    else:
        heading = next((b.text for b in blocks if b.kind == "heading"), None)
        meta["title"] = MetaValue.inferred(heading, "From the first heading (the file's properties give no title).")
    meta["authors"] = MetaValue.found([a.strip() for a in (author or "").split(";") if a.strip()])
    if created is not None:
        meta["date"] = MetaValue.inferred(created.date().isoformat(),
                                          "The Word file's creation date, which may not be the document's date.")
    return extract
