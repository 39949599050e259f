"""A CSL style file found, checked and described before pandoc reads it.

Styles are listed by ``briefing.registry`` (``resources/csl/*.csl`` then the user's
``styles/`` folder).  Before a style is used the whole file is parsed with entities and network
off (lxml ``resolve_entities=False, no_network=True, huge_tree=False``) and refused if it declares
a DOCTYPE or entities, so a malformed file, an external entity or a billion-laughs payload is a
``ContentError`` naming the file, never something pandoc expands.  The check is remembered per
file state (path, mtime, size).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import BriefingError, ContentError

CSL_NS = "{http://purl.org/net/xbiblio/csl}"
MAX_BYTES = 2 * 1024 * 1024
# what each bundled style calls its list of sources (the manuals' own headings)
BIBLIOGRAPHY_TITLES = {"apa": "References", "mla": "Works Cited", "chicago-author-date": "References"}


@dataclass(frozen=True)
class StyleFile:
    name: str
    path: Path
    title: str
    style_class: str  # "note" | "in-text"
    has_bibliography: bool
    digest: str  # of the file's bytes: part of every cache key
    uses_position: bool = True  # False: a repeat prints like a first citation (APA, MLA)

    @property
    def bibliography_title(self) -> str:
        default = "Bibliography" if self.style_class == "note" else "References"
        return BIBLIOGRAPHY_TITLES.get(self.name, default)


_checked: dict[tuple, StyleFile] = {}


def check(path: Path, name: str | None = None) -> StyleFile:
    """Parse ``path`` safely and describe it; ContentError (naming the file) when it cannot be used."""
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ContentError(path, f"cannot read the style: {exc.strerror or exc}") from None
    key = (str(path), st.st_mtime_ns, st.st_size, name)
    known = _checked.get(key)
    if known is not None:
        return known
    if st.st_size > MAX_BYTES:
        raise ContentError(path, f"the style is larger than {MAX_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise ContentError(path, f"not well-formed XML: {exc.msg}", line) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise ContentError(path, "a CSL style may not declare a DOCTYPE or entities")
    if root.tag != f"{CSL_NS}style":
        raise ContentError(path, f"not a CSL style (the root element is <{etree.QName(root).localname}>)")
    style_class = root.get("class")
    if style_class not in ("note", "in-text"):
        raise ContentError(path, "the <style> element needs class=\"note\" or class=\"in-text\"", field="class")
    if root.find(f"{CSL_NS}citation") is None:
        # a dependent style only points at its parent, which pandoc would have to fetch
        raise ContentError(path, "a dependent style (no <citation>): use the independent style it names")
    title = root.findtext(f"{CSL_NS}info/{CSL_NS}title") or ""
    uses_position = any(el.get("position") for el in root.iter(f"{CSL_NS}if", f"{CSL_NS}else-if"))
    style = StyleFile(name or path.stem, path, title.strip() or path.stem, style_class,
                      root.find(f"{CSL_NS}bibliography") is not None, hashlib.sha256(data).hexdigest()[:20],
                      uses_position)
    _checked[key] = style
    return style


def find(name: str) -> StyleFile:
    """The style called ``name`` in the registry (bundled or the user's), checked; a path to a
    ``.csl`` file works too.  BriefingError lists the names there are."""
    from briefing import registry

    if isinstance(name, (str, Path)) and str(name).endswith(".csl") and Path(name).is_file():
        return check(Path(name))
    listing = registry.styles()
    entry = listing.get(name)
    if entry is None or entry.path is None or entry.path.suffix != ".csl":
        names = [e.name for e in listing.entries.values() if e.path is not None and e.path.suffix == ".csl"]
        raise BriefingError(f"There is no citation style named '{name}'; use one of: {', '.join(names)}.")
    return check(entry.path, entry.name)


def names() -> list[tuple[str, str]]:
    """(name, title) of every usable CSL style, bundled then the user's."""
    from briefing import registry

    return [(e.name, e.label) for e in registry.styles().entries.values()
            if e.path is not None and e.path.suffix == ".csl"]
