"""Plain text and Markdown in any common encoding (charset-normalizer tells which).

Markdown is not rendered: ATX heading lines become heading blocks (marker dropped), everything
else stays as typed, because removing emphasis or link syntax would change the author's words.
UTF-8 (with or without BOM) and UTF-16 with a BOM are taken as they are; anything else is given to
charset-normalizer (``briefing.textcodec``, which the library's messages use too), and when it
cannot tell the encoding — or the bytes are binary — the import is refused with a message saying
so, never decoded as a guess.
"""

from __future__ import annotations

import codecs
import re

from briefing import textcodec
from briefing.errors import ContentError
from briefing.importing.model import Block, Extract, MetaValue

MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_TITLE_CHARS = 120
_HEADING = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_HEADING_EMPTY = re.compile(r"^[ ]{0,3}#{1,6}[ \t]*$")
_LIST_ITEM = re.compile(r"^[ ]{0,3}([-*+•]|\d{1,3}[.)])[ \t]+\S")
_BLANK = re.compile(r"\n[ \t\u00a0]*\n")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text and the name of the encoding it was read in; ContentError when it cannot be told."""
    if not data.strip():
        raise ContentError(name, "is empty: there is no text to import")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:65536]:
        raise ContentError(name, "is a binary file (it contains NUL bytes), not text")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        found = textcodec.guess(data)
        if found is None:
            raise ContentError(name, "the text encoding cannot be told (it may be a binary file); "
                                     "save it as UTF-8 and import it again") from None
        text, encoding = found
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > len(sample) * 0.01:
        raise ContentError(name, "looks like a binary file (control characters), not text")
    return text, encoding


def read_text(data: bytes, name: str, suffix: str) -> Extract:
    text, encoding = decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    markdown = suffix in MARKDOWN_SUFFIXES
    blocks = markdown_blocks(text) if markdown else [
        Block(p.strip(), "list" if _is_list(p) else "body") for p in _BLANK.split(text) if p.strip()]
    if not blocks:
        raise ContentError(name, "contains no text to import")
    extract = Extract(path=name, fmt="markdown" if markdown else "text", blocks=blocks, encoding=encoding)
    extract.meta["title"] = _title(blocks, name, markdown)
    return extract


def _is_list(paragraph: str) -> bool:
    lines = [ln for ln in paragraph.strip().split("\n") if ln.strip()]
    return len(lines) > 1 and all(_LIST_ITEM.match(ln) for ln in lines)


def markdown_blocks(text: str) -> list[Block]:
    """Headings as their own blocks (marker dropped); other paragraphs split on blank lines."""
    blocks: list[Block] = []
    buffer: list[str] = []
    in_fence = False

    def flush():
        for p in _BLANK.split("\n".join(buffer)):
            if p.strip():
                blocks.append(Block(p.strip(), "list" if _is_list(p) else "body"))
        buffer.clear()

    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            buffer.append(line)
            continue
        match = None if in_fence else _HEADING.match(line)
        if match and match.group(2).strip():
            flush()
            blocks.append(Block(match.group(2).strip(), "heading"))
        elif not in_fence and _HEADING_EMPTY.match(line):
            flush()
        else:
            buffer.append(line)
    flush()
    return blocks


def _title(blocks: list[Block], name: str, markdown: bool) -> MetaValue:
    if markdown:
        heading = next((b for b in blocks if b.kind == "heading"), None)
        if heading and len(heading.text) <= MAX_TITLE_CHARS:
            return MetaValue.inferred(heading.text, f"From the first Markdown heading of '{name}'.")
    return MetaValue()  # plain text: ``extract.finish`` takes the first line left after cleaning
