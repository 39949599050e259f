"""The cleaning every import gets: the rules that prepared the bundled sources, as data-driven checks.

Cleaning only *marks* blocks as dropped (with a reason); the review shows them struck through and
the user can keep them again.  It never rewrites a kept block, so every kept paragraph stays the
document's own text.  The rules (see ``content/README.md``):

* site chrome: navigation and action links ("Skip to content", "Menu", "Edit", "Share",
  "Subscribe", "Print", "Sign in", "Advertisement", "[edit]", "Share on Facebook" …);
* empty headings (a heading followed by another heading or nothing), and the "Contents" heading
  of a table of contents whose entries the extraction left out;
* trailing unrelated lines: after the last body paragraph, a "Related"/"More from"/"Read more"
  block and everything after it, copyright and "All rights reserved" lines, tag lists;
* a block that only repeats an earlier one (a caption printed twice), whitespace-only blocks.
"""

from __future__ import annotations

import re

from briefing.importing.model import Block

_CHROME_WORDS = {
    "skip to content", "skip to main content", "skip to navigation", "jump to content", "menu", "main menu",
    "navigation", "home", "search", "edit", "[edit]", "edit this page", "share", "share this", "share this article",
    "share this story", "share this page", "subscribe", "subscribe now", "sign up", "sign in", "log in", "login",
    "register", "print", "print this page", "email", "e-mail", "tweet", "advertisement", "ad", "sponsored",
    "close", "back to top", "top", "follow us", "facebook", "twitter", "x", "linkedin", "whatsapp", "reddit",
    "copy link", "see also", "read more", "comments", "toggle navigation", "cookie settings", "accept cookies",
    "listen", "listen to this article", "save", "more", "next", "previous",
}
_CHROME_PATTERNS = [re.compile(p, re.I) for p in (
    r"^share (on|via|to) \w+$",
    r"^(follow|like) us on \w+$",
    r"^subscribe to (our|the) .{0,40}$",
    r"^sign up for (our|the) .{0,40}newsletter.{0,20}$",
    r"^(this (site|website) uses cookies|we use cookies).{0,200}$",
    r"^\[\s*edit\s*\]$",
    r"^(\d+\s*)?comments?$",
    r"^(image|photo|picture)\s*\d*\s*(of|/)\s*\d+$",
    r"^(advertisement|sponsored content)\b.{0,20}$",
)]
_TRAILER_START = re.compile(
    r"^(related( articles| stories| posts| content| coverage| reading)?|more from .{1,60}|more on this( story)?"
    r"|read more|recommended( for you)?|you may also like|most read|most popular|trending( now)?|latest news"
    r"|more stories|see also)\s*:?$", re.I)
# a table of contents' own heading, printed right before the first section heading (the entries
# themselves are links the extraction leaves out)
_CONTENTS_HEADING = re.compile(r"^(contents|table of contents|inhalt|inhaltsverzeichnis|sommaire|índice)$", re.I)
_TRAILER_LINE = re.compile(
    r"^(©|\(c\)|copyright\b|all rights reserved|tags?:|topics?:|filed under:?|categories:)", re.I)


def is_chrome(text: str) -> bool:
    """A line that is site navigation or an action link, not the document's words."""
    line = " ".join(text.split()).strip(" |•·»›>–—-")
    if not line:
        return True
    low = line.lower()
    return low in _CHROME_WORDS or any(p.match(low) for p in _CHROME_PATTERNS)


def _drop(block: Block, reason: str) -> None:
    block.keep = False
    block.reason = reason


def clean(blocks: list[Block]) -> list[Block]:
    """Mark the blocks the bundled sources' rules drop; returns the same list (for chaining)."""
    seen: set[str] = set()
    for block in blocks:
        text = block.text.strip()
        if not text:
            _drop(block, "empty")
        elif is_chrome(text):
            _drop(block, "site navigation or an action link")
        elif block.kind in ("caption", "body") and text in seen and len(text) > 20:
            _drop(block, "repeats an earlier block")
        seen.add(text)
    _drop_trailer(blocks)
    _drop_empty_headings(blocks)
    return blocks


def _drop_trailer(blocks: list[Block]) -> None:
    """"Related"/"More from…" and everything after it, when it is in the last fifth of the page;
    copyright and tag lines anywhere after the last long body paragraph."""
    kept = [i for i, b in enumerate(blocks) if b.keep]
    if not kept:
        return
    cut_from = max(1, int(len(kept) * 0.8))
    for pos in kept[cut_from:]:
        if _TRAILER_START.match(blocks[pos].text.strip()):
            for b in blocks[pos:]:
                if b.keep:
                    _drop(b, "trailing links after the article")
            break
    last_body = max((i for i, b in enumerate(blocks) if b.keep and b.kind == "body" and len(b.text) > 200),
                    default=-1)
    for b in blocks[last_body + 1:]:
        if b.keep and _TRAILER_LINE.match(b.text.strip()) and len(b.text) < 300:
            _drop(b, "copyright or tag line after the article")


def _drop_empty_headings(blocks: list[Block]) -> None:
    kept = [b for b in blocks if b.keep and b.kind != "caption"]
    for i, block in enumerate(kept):
        if block.kind == "heading" and (i + 1 == len(kept) or kept[i + 1].kind == "heading") and i > 0:
            if _TRAILER_START.match(block.text.strip()) or i + 1 == len(kept):
                _drop(block, "a heading with nothing under it")
            elif _CONTENTS_HEADING.match(block.text.strip()):
                _drop(block, "the heading of a table of contents")
