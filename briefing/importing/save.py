"""Saving a reviewed import into the user library, all or nothing.

A source is three files: the original (kept so the import can be redone with better cleaning),
the cleaned text and the metadata — and the metadata file is what makes a source exist.  They are
written into a staging folder (``<user library>/.import-staging/<id>-<token>/``) whose
``MANIFEST`` names them, then renamed into ``sources/`` one by one, metadata last.  A kill at any
point leaves either no source or a whole one: ``finish_staged_imports`` (run before every import
and when the GUI starts) deletes a staging folder whose metadata never left it, together with the
files of that folder already moved, and only tidies one whose metadata did.

Names are chosen under the user-library lock so that no existing file is ever overwritten: an
import whose file name equals an existing source's text file gets its own, new name.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import ContentError
from briefing.importing.model import INFERRED, Extract
from briefing.importing.names import display_name
from briefing.library.validate import SOURCE_FIELDS, FieldProblem, source_from_data
from briefing.locking import file_lock
from briefing.yamlio import atomic_write_bytes, atomic_write_text, dumps

if TYPE_CHECKING:
    from briefing.library.loader import Library
    from briefing.library.source import Source

STAGING = ".import-staging"
MANIFEST = "MANIFEST"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def slugify(name: str) -> str:
    """A source id from a file name: lower-case ASCII letters, digits, '.', '_' and '-'."""
    text = unicodedata.normalize("NFKD", display_name(name)).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9._-]+", "-", text)
    text = re.sub(r"-{2,}", "-", text).strip("-._")
    return text[:100].rstrip("-._") or "imported"


def unique_id(base: str, taken) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def build_text(extract: Extract) -> tuple[str, list[int], list[str]]:
    """The ``.txt`` (headings marked ``# ``, footnotes after the body marked ``[^n]: ``), the pages
    list, the captions."""
    parts, pages, captions, notes = [], [], [], 0
    blocks = [b for b in extract.kept() if b.kind != "footnote"] + extract.kept("footnote")
    for block in blocks:
        text = block.text.strip()
        if not text:
            continue
        if block.kind == "caption":
            captions.append(" ".join(text.split()))
            continue
        if block.kind == "heading":
            text = "# " + " ".join(text.split())
        elif block.kind == "footnote":
            notes += 1
            text = f"[^{notes}]: {text}"
        parts.append(text)
        pages.append(block.page or 0)
    if not parts:
        raise ContentError(extract.path, "has no text left to save (every block was dropped)")
    have_pages = extract.fmt == "pdf" and all(pages)
    if have_pages:
        for i in range(1, len(pages)):
            pages[i] = max(pages[i], pages[i - 1])
    return "\n\n".join(parts) + "\n", (pages if have_pages else []), captions


def metadata_for(extract: Extract, source_id: str, text_name: str, original_name: str | None) -> dict:
    """The ``.yaml`` fields: values found or inferred (each inferred one with its reason), nothing invented."""
    inferred: dict[str, str] = {}
    data: dict = {"id": source_id}

    def put(field_name: str, meta_name: str, value=None):
        meta = extract.meta.get(meta_name)
        if meta is None or meta.value in (None, "", []):
            return
        data[field_name] = value if value is not None else meta.value
        if meta.status == INFERRED:
            inferred[field_name] = meta.reason or "Proposed on import."

    put("title", "title")
    put("kind", "kind")
    put("publisher", "publisher")
    if "container_title" in SOURCE_FIELDS:  # the citation schema: a web page's site is its container
        put("container_title", "site")
    elif "publisher" not in data:
        put("publisher", "site")
    authors = extract.value("authors")
    if authors:
        put("authors", "authors", [str(a) for a in authors])
    date = extract.value("date")
    if date and _DATE.match(str(date)[:10]):
        put("date", "date", str(date)[:10])
    put("url", "url")
    put("language", "language")
    data.setdefault("kind", "other")
    if "kind" not in inferred and extract.meta.get("kind") is None:
        inferred["kind"] = "Set to 'other' on import."
    text, pages, captions = build_text(extract)
    if captions:
        data["captions"] = captions
    if pages and "pages" in SOURCE_FIELDS:
        data["pages"] = pages
    if inferred:
        data["inferred"] = inferred
    how = f" (read as {extract.encoding})" if extract.encoding and extract.encoding not in ("utf-8", "ascii") else ""
    origin = "pasted text" if extract.fmt == "paste" else f"the file '{display_name(Path(extract.path).name)}'"
    data["notes"] = f"Imported from {origin}{how}."
    if original_name:
        data["seed_file"] = original_name
    data["text_file"] = text_name
    return data


# -- duplicates ---------------------------------------------------------------------------------------------
_hash_cache: dict[str, tuple[int, int, str]] = {}


def _file_hash(path: Path) -> str | None:
    try:
        st = path.stat()
        cached = _hash_cache.get(str(path))
        if cached and cached[:2] == (st.st_mtime_ns, st.st_size):
            return cached[2]
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        _hash_cache[str(path)] = (st.st_mtime_ns, st.st_size, h.hexdigest())
        return h.hexdigest()
    except OSError:
        return None


def _words(text: str) -> list[str]:
    return re.sub(r"(?m)^#{1,2} ", "", text).lower().split()


def find_duplicate(library: "Library", extract: Extract) -> tuple["Source", str] | None:
    """An existing source with the same original bytes, or near-identical text (≥ 95 % of words
    in the same order), and which of the two; None when the document is new."""
    import difflib

    for source in library.sources.values():
        if source.origin == "user" and source.seed_file and source.meta_path is not None:
            original = source.meta_path.parent / source.seed_file
            if extract.sha256 and _file_hash(original) == extract.sha256:
                return source, "the same file"
    new_words = _words(build_text(extract)[0])
    size = sum(len(w) + 1 for w in new_words)
    for source in library.sources.values():
        try:
            other_size = source.text_path.stat().st_size if source.text_path is not None else 0
        except OSError:
            continue
        if not other_size or not 0.85 < size / other_size < 1.15:
            continue
        try:
            words = _words(source.text())
        except ContentError:
            continue
        matcher = difflib.SequenceMatcher(None, new_words, words, autojunk=False)
        if matcher.quick_ratio() >= 0.95 and matcher.ratio() >= 0.95:
            return source, "nearly the same text"
    return None


# -- all-or-nothing saving -------------------------------------------------------------------------------------
def finish_staged_imports(user_root: Path) -> list[str]:
    """Complete or discard what a crash left in the staging folder; returns what was discarded."""
    staging = Path(user_root) / STAGING
    sources = Path(user_root) / "sources"
    discarded: list[str] = []
    try:
        folders = sorted(p for p in staging.iterdir() if p.is_dir())
    except OSError:
        return discarded
    for folder in folders:
        try:
            names = json.loads((folder / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            names = None  # killed before the manifest: nothing has been moved yet
        if isinstance(names, list) and names:
            meta = names[-1]
            committed = not (folder / meta).exists() and (sources / meta).exists()
            if not committed:
                for name in names:
                    if not (folder / name).exists() and (sources / name).exists():
                        (sources / name).unlink()  # moved before the kill; its source never existed
                discarded.append(folder.name)
        else:
            discarded.append(folder.name)
        shutil.rmtree(folder, ignore_errors=True)
    try:
        staging.rmdir()
    except OSError:
        pass
    return discarded


def save_extract(library: "Library", extract: Extract, original: Path | bytes | None = None) -> "Source":
    """Write the reviewed import as a new user source (all or nothing) and add it to ``library``.

    ``original``: the imported file (copied beside the text; refused if it changed since it was
    read), or the pasted text's bytes.
    """
    user_root = library.user_root
    folder = user_root / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(original, Path):
        data = original.read_bytes()
        if extract.sha256 and hashlib.sha256(data).hexdigest() != extract.sha256:
            raise ContentError(original, "changed while it was being imported; import it again")
        suffix = original.suffix.lower() if re.match(r"^\.[a-z0-9]{1,8}$", original.suffix.lower()) else ""
    else:
        data, suffix = original, ".txt"
    stem = Path(extract.path).stem if extract.fmt != "paste" else (extract.value("title") or "pasted-text")
    with file_lock(library.user_lock_path, what="your library"):
        finish_staged_imports(user_root)
        on_disk = set(os.listdir(folder))
        taken = set(library.sources) | {Path(n).stem for n in on_disk} | {n.split(".")[0] for n in on_disk}
        base = slugify(stem)
        source_id = base
        n = 1
        while source_id in taken or any(f"{source_id}{ext}" in on_disk for ext in (".yaml", ".txt", f".original{suffix}")):
            n += 1
            source_id = f"{base}-{n}"
        text_name, meta_name = f"{source_id}.txt", f"{source_id}.yaml"
        original_name = f"{source_id}.original{suffix}" if data is not None else None
        meta = metadata_for(extract, source_id, text_name, original_name)
        text = build_text(extract)[0]
        try:
            checked = source_from_data(meta, folder / meta_name, "user")
        except FieldProblem as problem:
            raise ContentError(extract.path, f"the proposed metadata is not valid: "
                                             f"{'.'.join(map(str, problem.keys))} {problem.message}") from None
        files = ([(original_name, data)] if original_name else []) + [(text_name, text), (meta_name, dumps(meta))]
        _stage_and_move(user_root, folder, source_id, files)
    checked.text_path = folder / text_name
    library.sources[checked.id] = checked
    return checked


def _stage_and_move(user_root: Path, folder: Path, source_id: str, files: list[tuple[str, str | bytes]]) -> None:
    """Write ``files`` (the metadata last) into a staging folder, then move them into ``folder``;
    held under the user-library lock by the caller."""
    stage = user_root / STAGING / f"{source_id}-{secrets.token_hex(4)}"
    stage.mkdir(parents=True)
    names = [name for name, _ in files]
    try:
        atomic_write_text(stage / MANIFEST, json.dumps(names))
        for name, content in files:
            if isinstance(content, bytes):
                atomic_write_bytes(stage / name, content)
            else:
                atomic_write_text(stage / name, content)
        for name in names:  # the metadata last: it is what makes the source exist
            os.replace(stage / name, folder / name)
    except BaseException:
        finish_staged_imports(user_root)
        raise
    shutil.rmtree(stage, ignore_errors=True)
    try:
        (user_root / STAGING).rmdir()
    except OSError:
        pass


def free_source_id(library: "Library", base: str, reserved=()) -> str:
    """``base``, or ``base-2``, ``base-3``…: an id no source (loaded, on disk in the user library, or
    in ``reserved``) has, and whose ``.yaml``/``.txt`` would overwrite no file."""
    folder = library.user_root / "sources"
    try:
        on_disk = set(os.listdir(folder))
    except OSError:
        on_disk = set()
    taken = set(library.sources) | set(reserved) | {Path(n).stem for n in on_disk} | {n.split(".")[0] for n in on_disk}
    source_id, n = base, 1
    while source_id in taken or any(f"{source_id}{ext}" in on_disk for ext in (".yaml", ".txt")):
        n += 1
        source_id = f"{base}-{n}"
    return source_id


def save_metadata_source(library: "Library", meta: dict, base_id: str) -> "Source":
    """A new metadata-only user source (``no_text: true``: a reference whose document is not
    imported yet) from ``meta`` (validated fields, without ``id``), saved all or nothing under a
    free id made from ``base_id``, and added to ``library``.  Raises FieldProblem for invalid
    metadata; writes nothing then."""
    user_root = library.user_root
    folder = user_root / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    with file_lock(library.user_lock_path, what="your library"):
        finish_staged_imports(user_root)
        source_id = free_source_id(library, base_id)
        data = {"id": source_id, **{k: v for k, v in meta.items() if k not in ("id", "text_file")}, "no_text": True}
        meta_name = f"{source_id}.yaml"
        checked = source_from_data(data, folder / meta_name, "user")
        _stage_and_move(user_root, folder, source_id, [(meta_name, dumps(data))])
    library.sources[checked.id] = checked
    return checked
