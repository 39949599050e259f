"""Import a plain-text or Markdown file into the user library (no Qt: the GUI and CLI share it).

What an import keeps, and why:

* The text is the file's own words.  Paragraphs are split on blank lines exactly as for
  bundled sources, so an excerpt taken later is a verbatim quote of the file.
* Markdown is *not* rendered.  The only change is that ATX heading markers are dropped
  (``## Findings`` becomes the paragraph ``Findings``): a heading reads as a heading and
  a quote of it does not carry markup.  Emphasis (``*word*``), links and lists stay as
  typed, because removing them would change what the author wrote.
* The id comes from the file name (a slug), made unique against the library.
* The title is the first Markdown heading, or else the first line when it is short and
  stands alone; either way it is marked *inferred* with the reason.  The kind is
  ``other`` (also marked inferred).  Publisher, authors, date and URL are unknown and
  left out: the user can correct them later in the source-details dialog.
* Binary files, files that are not UTF-8, empty files and files over
  ``MAX_IMPORT_BYTES`` are refused with a ContentError that names the file.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import ContentError
from briefing.library.source import Source, split_paragraphs
from briefing.locking import file_lock
from briefing.yamlio import read_text

if TYPE_CHECKING:
    from briefing.library.loader import Library

IMPORTABLE_SUFFIXES = (".txt", ".md", ".markdown", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_TITLE_CHARS = 120
_HEADING = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_HEADING_EMPTY = re.compile(r"^[ ]{0,3}#{1,6}[ \t]*$")


def slugify(name: str) -> str:
    """A source id from a file name: lower-case ASCII letters, digits, '.', '_' and '-'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9._-]+", "-", text)
    text = re.sub(r"-{2,}", "-", text).strip("-._")
    return text[:100] or "imported"


def unique_id(base: str, taken) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _markdown_text(raw: str) -> tuple[str, str | None]:
    """Drop heading markers, give each heading its own paragraph; return (text, first heading)."""
    out: list[str] = []
    first_heading = None
    in_fence = False
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            out.append(line)
            continue
        match = None if in_fence else _HEADING.match(line)
        if match and match.group(2).strip():
            heading = match.group(2).strip()
            if first_heading is None:
                first_heading = heading
            out.extend(["", heading, ""])
        elif not in_fence and _HEADING_EMPTY.match(line):
            out.append("")
        else:
            out.append(line)
    return "\n".join(out), first_heading


def parse_text(raw: str, file_name: str) -> tuple[str, str | None, dict[str, str]]:
    """Return (text with paragraphs separated by blank lines, title or None, inferred reasons)."""
    inferred: dict[str, str] = {}
    title = None
    if Path(file_name).suffix.lower() in MARKDOWN_SUFFIXES:
        raw, heading = _markdown_text(raw)
        if heading and len(heading) <= MAX_TITLE_CHARS:
            title = heading
            inferred["title"] = f"From the first Markdown heading of the imported file '{file_name}'."
    paragraphs = split_paragraphs(raw)
    if not paragraphs:
        raise ContentError(file_name, "contains no text to import")
    if title is None:
        first = paragraphs[0]
        if "\n" not in first and len(first) <= MAX_TITLE_CHARS and len(paragraphs) > 1:
            title = first
            inferred["title"] = f"From the first line of the imported file '{file_name}', which stands alone."
    inferred["kind"] = "Set to 'other' on import; the file does not say what kind of document it is."
    return "\n\n".join(paragraphs) + "\n", title, inferred


def import_file(library: "Library", path: Path | str) -> Source:
    """Read ``path``, add it to the user library and return the saved Source (ContentError if refused)."""
    path = Path(path)
    if path.suffix.lower() not in IMPORTABLE_SUFFIXES:
        raise ContentError(path, f"only {', '.join(IMPORTABLE_SUFFIXES)} files can be imported")
    if not path.is_file():
        raise ContentError(path, "is not a file")
    raw = read_text(path, MAX_IMPORT_BYTES)  # refuses oversize, non-UTF-8 and NUL-containing files
    if _looks_binary(raw):
        raise ContentError(path, "looks like a binary file (control characters), not text")
    try:
        text, title, inferred = parse_text(raw, path.name)
    except ContentError as exc:
        raise ContentError(path, exc.message) from None
    # Under the user-library lock, and counting ids already on disk: another window or process
    # importing a file of the same name at the same moment must not overwrite this one.
    with file_lock(library.user_lock_path, what="your library"):
        folder = library.user_root / "sources"
        on_disk = {p.stem for p in folder.glob("*.yaml")} if folder.is_dir() else set()
        source = Source(
            id=unique_id(slugify(path.stem), set(library.sources) | on_disk),
            kind="other",
            title=title,
            inferred=inferred,
            notes=f"Imported from the file '{path.name}'.",
            origin="user",
        )
        return library.save_user_source(source, text=text)


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls > len(sample) * 0.01
