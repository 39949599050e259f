"""Saved web pages (``.html``/``.htm``): the article text and metadata from trafilatura.

The page is parsed once (trafilatura's own ``load_html``, lxml's HTML parser: no DTD, no entity
expansion, no network).  Before trafilatura prunes the tree we note what it would otherwise lose
for the review: the page's visible lines (so the user sees, struck through, what was left out and
can keep it), figure captions (kept apart, never in the text) and the ``<html lang>``.
Metadata comes from the page's own markup (title, author, site name, canonical URL; the date only
from markup, ``extensive_search`` off), so each value is *found*; nothing is guessed from the text.
"""

from __future__ import annotations

import re

from briefing.errors import ContentError
from briefing.importing.model import Block, Extract, MetaValue

_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "nav", "section",
    "article", "aside", "main", "figure", "figcaption", "blockquote", "pre", "table", "tr", "td", "th", "dt",
    "dd", "dl", "br", "hr", "form", "button", "address", "details", "summary", "caption", "title",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object"}
_SPACE = re.compile(r"\s+")
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
# text a page shows to screen readers only ("Autor ", "Posted on"): trafilatura reads a byline's
# text whole, so such a label can end up in front of the author's name ("Autor john")
# MediaWiki's "[edit]" link inside every section heading ("Details[edit]"): site chrome that
# trafilatura would keep as part of the heading's text
_EDIT_SECTION = re.compile(r"(^|\s)mw-editsection(\s|$)")
_SCREEN_READER_ONLY = re.compile(r"(^|\s)(screen-reader-text|sr-only|visually-?hidden|element-invisible)(\s|$)")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _visible_lines(tree) -> tuple[list[str], list[str]]:
    """The page's visible text as lines (one per block element), and its figure captions."""
    from lxml import etree

    body = tree.find(".//body")
    root = body if body is not None else tree
    parts: list[str] = []
    captions: list[str] = []
    skip_depth = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _SKIP_TAGS:
                skip_depth += 1
            if skip_depth:
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if tag == "figcaption":
                text = _norm(" ".join(el.itertext()))
                if text:
                    captions.append(text)
            if el.text:
                parts.append(el.text)
        else:
            if tag in _SKIP_TAGS:
                skip_depth -= 1
                if skip_depth == 0 and el.tail:
                    parts.append(el.tail)
                continue
            if skip_depth:
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.tail and el is not root:
                parts.append(el.tail)
    lines = [_norm(line) for line in "".join(parts).split("\n")]
    return [line for line in lines if line], captions


def _drop_edit_links(tree) -> None:
    """Remove MediaWiki's section edit links (keeping the text that follows them)."""
    for el in [e for e in tree.iter() if isinstance(e.tag, str) and _EDIT_SECTION.search(e.get("class") or "")]:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail:
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)


def _screen_reader_labels(tree) -> list[str]:
    """Short texts the page hides from sight for screen readers (labels like "Autor", "Tags")."""
    labels = set()
    for el in tree.iter():
        if isinstance(el.tag, str) and _SCREEN_READER_ONLY.search(el.get("class") or ""):
            text = _norm(" ".join(el.itertext()))
            if 0 < len(text) <= 40:
                labels.add(text)
    return sorted(labels, key=len, reverse=True)


def _author_names(author: str | None, labels: list[str]) -> list[str]:
    """trafilatura's "A; B" as a list, each name without a screen-reader label in front of it."""
    names = []
    for name in (author or "").split(";"):
        name = _norm(name)
        for label in labels:
            if name.lower().startswith(label.lower() + " "):
                name = name[len(label):].strip()
                break
        if name:
            names.append(name)
    return names


def _body_blocks(body) -> list[Block]:
    """trafilatura's XML-like body: head, p, list/item, quote, table… as our blocks."""
    blocks: list[Block] = []
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "list":
            items = [_norm(" ".join(item.itertext())) for item in el.iter("item")]
            items = [i for i in items if i]
            if items:
                blocks.append(Block("\n".join(items), "list"))
        elif tag in ("graphic",):
            continue
        elif tag == "table":
            rows = [" | ".join(_norm(" ".join(c.itertext())) for c in row if isinstance(c.tag, str))
                    for row in el.iter("row")]
            rows = [r for r in rows if r.strip(" |")]
            if rows:
                blocks.append(Block("\n".join(rows), "body"))
        else:
            text = _norm(" ".join(el.itertext()))
            if text:
                blocks.append(Block(text, "heading" if tag == "head" else "body"))
    return blocks


def _part_of(line: str, block: Block) -> bool:
    """A visible line is (part of) a kept block: the whole block, one of its lines (a list item, a
    table row or cell), or a long stretch of it.  A short line is not matched inside a paragraph: a
    menu entry such as "t-SNE" would otherwise match the article's first sentence and make every
    paragraph before it look left out (shown again, struck through, in the review)."""
    if line == block.text or (len(line) >= 40 and line in block.text):
        return True
    rows = block.text.split("\n")
    return line in rows or any(line in row.split(" | ") for row in rows if " | " in row)


def _merge_dropped(kept: list[Block], lines: list[str], captions: list[str]) -> list[Block]:
    """Kept blocks in order, with each visible line the extraction left out placed where it stood."""
    out: list[Block] = []
    caption_set = set(captions)
    caption_done: set[str] = set()
    j = 0
    for line in lines:
        if line in caption_set:
            if line not in caption_done:
                caption_done.add(line)
                out.append(Block(line, "caption"))
            continue
        hit = next((k for k in range(j, min(j + 40, len(kept))) if _part_of(line, kept[k])), None)
        if hit is not None:
            out.extend(kept[j:hit + 1])
            j = hit + 1
        elif not any(_part_of(line, b) for b in kept[max(0, j - 3):j]):
            out.append(Block(line, "body", keep=False, reason="left out by the article extraction"))
    out.extend(kept[j:])
    for caption in captions:
        if caption not in caption_done:
            caption_done.add(caption)
            out.append(Block(caption, "caption"))
    return out


def read_html(data: bytes, name: str) -> Extract:
    import trafilatura
    from trafilatura.utils import load_html

    if _ENTITY_DECLARATION.search(data[:1 << 20]):
        raise ContentError(name, "declares XML entities, which a web page never needs (a billion-laughs or "
                                 "external-entity payload?); not imported")
    tree = load_html(data)
    if tree is None:
        raise ContentError(name, "is not a web page that can be read (the HTML could not be parsed)")
    lang = tree.get("lang") or None
    _drop_edit_links(tree)
    lines, captions = _visible_lines(tree)
    labels = _screen_reader_labels(tree)
    doc = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or doc.body is None or not len(doc.body):
        raise ContentError(name, "has no article text that could be found (is it a saved web page?)")
    kept = _body_blocks(doc.body)
    blocks = _merge_dropped(kept, lines, captions)
    extract = Extract(path=name, fmt="html", blocks=blocks)
    meta = extract.meta
    meta["title"] = MetaValue.found(doc.title)
    meta["authors"] = MetaValue.found(_author_names(doc.author, labels))
    meta["date"] = MetaValue.found(doc.date)
    meta["site"] = MetaValue.found(doc.sitename)
    meta["url"] = MetaValue.found(doc.url if doc.url and re.match(r"^https?://", doc.url) else None)
    meta["language"] = MetaValue.found(lang.split("-")[0].lower() if lang else None)
    return extract
