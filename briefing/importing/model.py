"""What an import proposes before anything is saved: kept and dropped blocks, and metadata with its standing.

A reader (one per format) turns a file into an ``Extract``; cleaning marks blocks to drop; the
review (GUI dialog, CLI ``--dry-run``) shows both and lets the user flip any block and correct any
field; saving writes only what is kept.  Plain dataclasses, so an ``Extract`` crosses the process
boundary of the isolated worker by pickling.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("heading", "body", "list", "caption", "footnote")
FOUND, INFERRED, EMPTY = "found", "inferred", "empty"
# the metadata an import proposes, in the order the review shows it
META_FIELDS = ("title", "authors", "date", "publisher", "site", "url", "language", "kind")


@dataclass
class Block:
    """One block of the document: a heading, a body paragraph, a list (items on their own lines),
    a caption (saved to ``captions:``, never into the text) or a footnote (saved after the body)."""

    text: str
    kind: str = "body"
    page: int | None = None  # PDF: the page the block starts on
    keep: bool = True
    reason: str | None = None  # why cleaning dropped it (None when kept)


@dataclass
class MetaValue:
    """A proposed metadata value: found in the file, inferred (with the reason), or empty."""

    value: object = None
    status: str = EMPTY
    reason: str | None = None

    @classmethod
    def found(cls, value) -> "MetaValue":
        return cls(value, FOUND) if value not in (None, "", []) else cls()

    @classmethod
    def inferred(cls, value, reason: str) -> "MetaValue":
        return cls(value, INFERRED, reason) if value not in (None, "", []) else cls()


@dataclass
class Extract:
    """A file read and cleaned, waiting for review."""

    path: str
    fmt: str  # html, pdf, docx, markdown, text, paste
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, MetaValue] = field(default_factory=dict)
    sha256: str = ""
    encoding: str | None = None  # text files: the encoding the bytes were read as
    duplicate: tuple | None = None  # (existing Source, how) when found before the review

    def value(self, name: str):
        meta = self.meta.get(name)
        return meta.value if meta is not None else None

    def kept(self, kind: str | None = None) -> list[Block]:
        return [b for b in self.blocks if b.keep and (kind is None or b.kind == kind)]

    def dropped(self) -> list[Block]:
        return [b for b in self.blocks if not b.keep]

    def summary(self) -> dict:
        """The ``--json`` shape of the import issue, one document."""
        authors = self.value("authors") or []
        return {
            "path": self.path,
            "title": self.value("title"),
            "authors": list(authors),
            "date": self.value("date"),
            "site": self.value("site"),
            "url": self.value("url"),
            "language": self.value("language"),
            "paragraphs": [b.text for b in self.kept() if b.kind in ("body", "list", "heading")],
            "headings": [b.text for b in self.kept("heading")],
            "dropped": [b.text for b in self.dropped()],
            "captions": [b.text for b in self.kept("caption")],
            "footnotes": [b.text for b in self.kept("footnote")],
            "metadata": {name: {"value": m.value, "status": m.status, "reason": m.reason}
                         for name, m in self.meta.items()},
        }
