"""A source document: its metadata (facts, some marked as inferred) and its text, read lazily."""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import ContentError
from briefing.yamlio import read_text

KINDS = ("news", "analysis", "government", "reference", "fact sheet", "press release", "report", "other")
DATE_PRECISIONS = ("day", "month", "year")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
MAX_SOURCE_TEXT_BYTES = 20 * 1024 * 1024


def split_paragraphs(text: str) -> list[str]:
    """Blocks are separated by blank lines; each is stripped, empty ones dropped (heading markers kept)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


_HEADING_MARKERS = ("# ", "## ")
# ``[^3]: text``: a footnote (Markdown's footnote syntax), saved after the body by the importer
_FOOTNOTE = re.compile(r"\[\^(\d{1,4})\]:[ \t]+(?=\S)")


def split_blocks(text: str) -> tuple[list[str], frozenset[int], frozenset[int]]:
    """The text's blocks without their markers, the 1-based numbers of the headings and of the footnotes.

    A block starting with ``# `` or ``## `` is a heading (or other non-body block: a dateline on
    its own line, a caption left in the text); one starting with ``[^n]: `` is footnote ``n``.
    Every block keeps its place in the numbering, so excerpts saved against the old numbering stay
    valid; readers' counts come from ``body_number``, which counts neither.
    """
    blocks, headings, footnotes = [], set(), set()
    for n, block in enumerate(split_paragraphs(text), 1):
        for marker in _HEADING_MARKERS:
            if block.startswith(marker) and block[len(marker):].strip():
                block = block[len(marker):].strip()
                headings.add(n)
                break
        else:
            note = _FOOTNOTE.match(block)
            if note:
                block = block[note.end():].strip()
                footnotes.add(n)
        blocks.append(block)
    return blocks, frozenset(headings), frozenset(footnotes)


class _PathField:
    """A dataclass field holding a Path that may be given as a ``str``; it becomes a Path when first read.

    The loader builds 10,000 sources from cached metadata at start-up; making their two paths
    eagerly is ~60 ms of it, and most are never read in a session.
    """

    def __set_name__(self, owner, name):
        self.slot = f"_{name}_value"

    def __get__(self, obj, objtype=None):
        if obj is None:
            return None  # the dataclass default
        value = obj.__dict__[self.slot]
        if value is not None and not isinstance(value, Path):
            value = obj.__dict__[self.slot] = Path(value)
        return value

    def __set__(self, obj, value):
        obj.__dict__[self.slot] = value


def stored_text_paths(sources) -> list:
    """Each source's text path as stored: a str until the path is first read, then that Path.

    The search index's full scan asks this of all 10,000 sources on every scan to learn whether
    any path changed; read through ``text_path`` (a Python ``__get__`` per source) it was ~4 ms of
    a ~45 ms scan, read from the stored value it is one C-level pass (~0.5 ms).  Setting a path
    stores a new object, so comparing these by identity still sees every change."""
    return list(map(_STORED_TEXT_PATH, sources))


_STORED_TEXT_PATH = operator.attrgetter("_text_path_value")


def author_name(author) -> str:
    """One author for display: a plain string as is, a person as "Family, Given"."""
    if isinstance(author, dict):
        if author.get("literal"):
            return str(author["literal"])
        return ", ".join(str(author[k]) for k in ("family", "given") if author.get(k))
    return str(author)


@dataclass
class Source:
    """A source document as the library knows it: facts from its metadata file (some marked
    inferred until confirmed) and its text, read when first needed."""

    id: str
    kind: str
    title: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None  # ISO 8601 prefix: YYYY, YYYY-MM or YYYY-MM-DD
    date_precision: str | None = None
    url: str | None = None
    language: str | None = None
    seed_file: str | None = None
    captions: list[str] = field(default_factory=list)
    inferred: dict[str, str] = field(default_factory=dict)  # field -> one-line reason
    notes: str | None = None
    pages: list[int] = field(default_factory=list)  # PDF imports: the page each block starts on
    # Citation metadata (docs/METADATA.md maps each to CSL-JSON); authors may also be
    # {"family": .., "given": ..} (a person) or {"literal": ..} (an organisation).
    container_title: str | None = None  # newspaper, website, journal, book holding a chapter
    genre: str | None = None  # "Fact sheet", "Press release", "Report"
    number: str | None = None  # report number
    publisher_place: str | None = None
    accessed: str | None = None  # YYYY-MM-DD, set at import, editable
    doi: str | None = None
    title_sentence_case: str | None = None  # the title in sentence case, for styles that print it so
    csl_type: str | None = None  # overrides the CSL type the kind implies
    csl: dict = field(default_factory=dict)  # further CSL-JSON variables (volume, page, editor, ...)
    meta_path: Path | None = _PathField()  # type: ignore[assignment]
    text_path: Path | None = _PathField()  # type: ignore[assignment]
    origin: str = "bundled"  # or "user"
    _text: str | None = field(default=None, repr=False, compare=False)
    _paragraphs: list[str] | None = field(default=None, repr=False, compare=False)
    _headings: frozenset[int] = field(default=frozenset(), repr=False, compare=False)
    _footnotes: frozenset[int] = field(default=frozenset(), repr=False, compare=False)
    _body_numbers: list[int | None] | None = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> str:
        """A name to show: the title, or the opening words marked as such when there is none."""
        if self.title:
            return self.title
        try:
            first = self.paragraphs()[0] if self.text_path and self.paragraphs() else self.id
        except ContentError:  # unreadable or empty text: it is reported elsewhere; name it by id
            first = self.id
        words = first.split()
        return "[" + " ".join(words[:8]) + ("…" if len(words) > 8 else "") + "]"

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    def author_names(self) -> list[str]:
        """The authors as a reader sees them: a person "Family, Given", an organisation as named."""
        return [author_name(a) for a in self.authors]

    def is_inferred(self, field_name: str) -> bool:
        return field_name in self.inferred

    def text(self) -> str:
        """The text, read once; ContentError (naming the file) if oversize, binary, not UTF-8 or empty."""
        if self._text is None:
            if self.text_path is None:
                self._text = ""
            else:
                text = read_text(self.text_path, MAX_SOURCE_TEXT_BYTES)
                if not text.strip():
                    # nothing to read, quote or index: a problem to report, not a blank source
                    raise ContentError(self.text_path, "the text file is empty; add the source's text "
                                       "(paragraphs separated by blank lines)")
                self._text = text
        return self._text

    def paragraphs(self) -> list[str]:
        """Every block's text (headings and footnotes included, without their markers), numbered from 1."""
        if self._paragraphs is None:
            self._paragraphs, self._headings, self._footnotes = split_blocks(self.text())
            self._body_numbers = None
        return self._paragraphs

    def is_heading(self, n: int) -> bool:
        """Whether block ``n`` (1-based) is a heading or other non-body block."""
        self.paragraphs()
        return n in self._headings

    def is_footnote(self, n: int) -> bool:
        """Whether block ``n`` (1-based) is one of the document's footnotes (``[^n]: `` in the text)."""
        self.paragraphs()
        return n in self._footnotes

    def is_body(self, n: int) -> bool:
        """Whether block ``n`` is body text: what search offers, drafts quote and "para." counts."""
        self.paragraphs()
        return n not in self._headings and n not in self._footnotes

    def body_number(self, n: int) -> int | None:
        """The reader's count of block ``n`` among body paragraphs (what "para." prints); None for a
        heading or a footnote."""
        if self._body_numbers is None:
            count, numbers = 0, []
            for i in range(1, len(self.paragraphs()) + 1):
                if i in self._headings or i in self._footnotes:
                    numbers.append(None)
                else:
                    count += 1
                    numbers.append(count)
            self._body_numbers = numbers
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(self._body_numbers):
            return None
        return self._body_numbers[n - 1]

    def page_of(self, n: int) -> int | None:
        """The page block ``n`` starts on, for sources imported from PDF (``pages:``); else None."""
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(self.pages):
            return None
        return self.pages[n - 1]

    def content_hash(self) -> str:
        import hashlib  # here, not at start-up (OpenSSL's module, ~4 ms): only indexing and saving hash

        return hashlib.sha256(self.text().encode("utf-8")).hexdigest()

    @property
    def text_loaded(self) -> bool:
        """Whether the text file has been read (texts are read lazily: 10,000 sources load without them)."""
        return self._text is not None

    def forget_text(self) -> None:
        """Drop the cached text so the next read sees the file as it is now."""
        self._text = None
        self._paragraphs = None
        self._body_numbers = None

    def metadata(self) -> dict:
        """The metadata as it is saved, without paths or cached text."""
        data = {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "authors": list(self.authors),
            "date": self.date,
            "date_precision": self.date_precision,
            "url": self.url,
            "language": self.language,
            "kind": self.kind,
            "seed_file": self.seed_file,
            "captions": list(self.captions),
            "inferred": dict(self.inferred),
            "notes": self.notes,
            "pages": list(self.pages),
            "container_title": self.container_title,
            "genre": self.genre,
            "number": self.number,
            "publisher_place": self.publisher_place,
            "accessed": self.accessed,
            "doi": self.doi,
            "title_sentence_case": self.title_sentence_case,
            "csl_type": self.csl_type,
            "csl": dict(self.csl),
        }
        if self.text_path is not None and self.meta_path is not None:
            data["text_file"] = self.text_path.name
        elif self.meta_path is not None:
            data["no_text"] = True  # metadata only: saved so, it does not look for <id>.txt
        return data

    @property
    def has_text(self) -> bool:
        """False for a metadata-only source (``no_text: true``, e.g. a reference imported before its
        document): it is listed and cited, but has no paragraphs to read, search or quote."""
        return self.text_path is not None
