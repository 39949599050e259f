"""Which themes, layouts, citation styles and page sizes exist: one listing read by the CLI and the GUI.

Each kind is a set of named files: the bundled folder first, then the user's folder (a file of
the same name there wins, so a user can adjust a bundled theme by copying it). Dropping a file into
``<user data dir>/themes/`` (``layouts/``, ``styles/``) makes it appear everywhere without a code
change. A file that cannot be used (a name that is not a plain word, unreadable YAML or XML, not a
mapping) is listed in ``problems`` with its path and skipped; the full check of a theme's or a
layout's values happens when it is loaded (``briefing.writers.themes``, ``briefing.compose.layout``).

A listing is read afresh every time (a file added while the app runs shows up the next time a
dialog opens); only what was read from each file is remembered, for as long as the file's stat
(modification time, size, inode) is unchanged, so an export does not parse every theme, layout and
CSL style again to find the one it uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from xml.parsers import expat

from briefing import paths
from briefing.errors import BriefingError, ContentError
from briefing.yamlio import load_file, read_text

KINDS = ("themes", "layouts", "styles", "page-sizes")
SINGULAR = {"themes": "theme", "layouts": "layout", "styles": "citation style", "page-sizes": "page size"}
FILE_SUFFIXES = {"themes": (".yaml", ".yml"), "layouts": (".yaml", ".yml"), "styles": (".csl",)}
MAX_NAME_BYTES = 255  # one path component on every common file system
MAX_REF_BYTES = 1024
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
SETTINGS_LIMIT = 256 * 1024  # the same limit the theme and layout loaders use
CSL_LIMIT = 2 * 1024 * 1024
CSL_NS = "http://purl.org/net/xbiblio/csl"


@dataclass(frozen=True)
class Entry:
    """One named item: where it comes from and how to show it."""

    kind: str
    name: str
    label: str
    origin: str  # "bundled" or "user"
    path: Path | None = None  # the file (for page sizes, the page-sizes.yaml that lists it)
    size: tuple[float, float] | None = None  # page sizes only: width, height in points
    listed: bool = True  # False: a file others inherit from (``listed: false``), usable but not offered


@dataclass
class Listing:
    """The entries of one kind, in order (bundled first, then the user's additions)."""

    kind: str
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[ContentError] = field(default_factory=list)

    def offered(self) -> list[Entry]:
        """The entries offered to a user (files marked ``listed: false`` are left out)."""
        return [e for e in self.entries.values() if e.listed]

    def names(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.offered())

    def choices(self) -> list[tuple[str, str]]:
        """(name, label) pairs for a combo box or a help text."""
        return [(e.name, e.label) for e in self.offered()]

    def get(self, name: str) -> Entry | None:
        return self.entries.get(name) if isinstance(name, str) else None

    def require(self, name: str) -> Entry:
        """The entry, or a plain-words error that lists the names there are."""
        entry = self.get(name)
        if entry is None:
            raise BriefingError(f"There is no {SINGULAR[self.kind]} named '{_shown(name)}'; "
                                f"use one of: {', '.join(self.names())}.")
        return entry

    def add(self, entry: Entry) -> None:
        self.entries.pop(entry.name, None)  # a later folder wins, and takes the later place
        self.entries[entry.name] = entry


def user_folder(kind: str) -> Path:
    """Where a user puts files of one kind (it may not exist yet: then the user has none)."""
    return paths.user_data_dir() / {"themes": "themes", "layouts": "layouts", "styles": "styles"}[kind]


def _label(data: dict, name: str, keys: tuple[str, ...] = ("label", "title")) -> str:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return name


_read_cache: dict[tuple, tuple] = {}  # (reader, path) -> (file stat, what the reader returned)


def _read(read, path: Path, name: str):
    """``read(path, name)``, remembered while the file's stat is the same."""
    try:
        st = path.stat()
    except OSError:
        return read(path, name)  # reports the problem as it always did
    stamp = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev)
    key = (read, str(path), name)
    known = _read_cache.get(key)
    if known is not None and known[0] == stamp:
        return known[1]
    result = read(path, name)
    _read_cache[key] = (stamp, result)
    return result


def _scan(listing: Listing, folder: Path, pattern: str, origin: str, read) -> None:
    """Add every usable file of ``folder`` matching ``pattern``; report the others."""
    try:
        files = sorted(folder.glob(pattern))
    except OSError as exc:
        listing.problems.append(ContentError(folder, f"cannot list the folder: {exc.strerror or exc}"))
        return
    suffix = pattern.lstrip("*")
    for path in files:
        name = path.name[: -len(suffix)]
        if not NAME.match(name):
            listing.problems.append(ContentError(
                path, "the file name is not usable as a name (letters, digits, '.', '_' and '-', up to 64)"))
            continue
        try:
            label, listed = _read(read, path, name)
        except ContentError as exc:
            listing.problems.append(exc)
            continue
        listing.add(Entry(listing.kind, name, label, origin, path, listed=listed))


def _settings_label(path: Path, name: str) -> tuple[str, bool]:
    """(label, listed) of a YAML settings file."""
    data = load_file(path, SETTINGS_LIMIT)
    if not isinstance(data, dict):
        raise ContentError(path, "expected a mapping of settings")
    # a theme's or layout's `name:` is its identifier; a style-words file's `name:` is its title
    label = _label(data, name, ("name",) if path.parent.name == "citation-styles" else ("label", "title"))
    return label, data.get("listed") is not False


def _csl_label(path: Path, name: str) -> tuple[str, bool]:
    """The style's ``<info><title>``; a DOCTYPE or entity declaration is refused (no expansion)."""
    text = read_text(path, CSL_LIMIT)
    stack: list[str] = []
    title: list[str] = []

    def refuse(*_args) -> None:
        raise ContentError(path, "a CSL style may not declare a DOCTYPE or entities")

    def start(tag: str, _attrs) -> None:
        if not stack and tag != f"{CSL_NS} style":
            raise ContentError(path, f"not a CSL style (the root element is <{tag.split(' ')[-1]}>)")
        stack.append(tag)

    def end(tag: str) -> None:
        stack.pop()
        if tag == f"{CSL_NS} info" and len(stack) == 1:
            raise _InfoRead  # the title is known: the rest of a large style need not be parsed

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = lambda data: title.append(data) if stack[-2:] == [
        f"{CSL_NS} info", f"{CSL_NS} title"] and len(stack) == 3 else None
    try:
        parser.Parse(text, True)
    except _InfoRead:
        pass
    except expat.ExpatError as exc:
        raise ContentError(path, f"not well-formed XML: {expat.ErrorString(exc.code)}", exc.lineno,
                           exc.offset + 1) from None
    return "".join(title).strip() or name, True


class _InfoRead(Exception):
    """Stops the parse of a style once its <info> is read."""


def _folders(kind: str) -> list[tuple[Path, str, str]]:
    """(folder, glob pattern, origin) in the order they are read: later wins."""
    if kind == "themes":
        return [(paths.THEMES_DIR, "*.yaml", "bundled"), (user_folder("themes"), "*.yaml", "user")]
    if kind == "layouts":
        return [(paths.RESOURCES_DIR / "layouts", "*.yaml", "bundled"), (user_folder("layouts"), "*.yaml", "user")]
    return [(paths.RESOURCES_DIR / "citation-styles", "*.yaml", "bundled"),  # the style words in use today
            (paths.RESOURCES_DIR / "csl", "*.csl", "bundled"), (user_folder("styles"), "*.csl", "user")]


def _page_sizes() -> Listing:
    """``resources/page-sizes.yaml``, then the user's ``page-sizes.yaml`` (same shape)."""
    listing = Listing("page-sizes")
    for path, origin in ((paths.RESOURCES_DIR / "page-sizes.yaml", "bundled"),
                         (paths.user_data_dir() / "page-sizes.yaml", "user")):
        if origin == "user" and not path.is_file():
            continue
        try:
            data = load_file(path, SETTINGS_LIMIT)
        except ContentError as exc:
            listing.problems.append(exc)
            continue
        if not isinstance(data, dict):
            listing.problems.append(ContentError(path, "expected a mapping of page sizes"))
            continue
        for name, value in data.items():
            size = value if isinstance(value, dict) else {}
            width, height = size.get("width"), size.get("height")
            if not (isinstance(name, str) and NAME.match(name)):
                listing.problems.append(ContentError(path, f"'{name}' is not usable as a page size name"))
            elif not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 72 <= v <= 14400
                         for v in (width, height)):
                listing.problems.append(ContentError(
                    path, "width and height must be numbers of points between 72 and 14400", field=f"{name}"))
            else:
                listing.add(Entry("page-sizes", name, _label(size, name), origin, path, (float(width), float(height))))
    return listing


def listing(kind: str) -> Listing:
    """Every usable item of ``kind`` (one of ``KINDS``), bundled then the user's."""
    if kind == "page-sizes":
        return _page_sizes()
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of {KINDS}")
    out = Listing(kind)
    for folder, pattern, origin in _folders(kind):
        if folder.is_dir():
            _scan(out, folder, pattern, origin, _csl_label if pattern == "*.csl" else _settings_label)
    return out


def themes() -> Listing:
    return listing("themes")


def layouts() -> Listing:
    return listing("layouts")


def styles() -> Listing:
    return listing("styles")


def page_sizes() -> Listing:
    return listing("page-sizes")


def _shown(ref: object) -> str:
    """A reference as it may appear in a message: printable, and short."""
    text = "".join(c if c.isprintable() else "\ufffd" for c in str(ref))
    return text if len(text) <= 80 else text[:77] + "..."


def resolve(kind: str, ref: object, base_dir: Path | None = None) -> Path:
    """The file a briefing's ``meta.theme`` (``layout``, ``citation_style``) names.

    A briefing may come from anyone, so its reference is either a name from the registry or a
    path *relative to the briefing's folder* that stays inside it (no absolute path, no ``..``,
    no symlink out of it, no NUL, no over-long name) and has the kind's suffix. Anything else is a
    ``BriefingError`` in plain words: a received briefing can never make the app read another file.
    """
    what = SINGULAR[kind]
    if not isinstance(ref, str) or not ref.strip():
        raise BriefingError(f"The briefing's {what} must be a name such as {', '.join(listing(kind).names()[:3])}.")
    if "\x00" in ref:
        raise BriefingError(f"The briefing's {what} '{_shown(ref)}' contains a NUL character; it cannot name a file.")
    found = listing(kind)
    entry = found.get(ref)
    if entry is not None:
        return entry.path
    suffixes = FILE_SUFFIXES[kind]
    if not any(sep in ref for sep in "/\\") and not ref.lower().endswith(suffixes):
        found.require(ref)  # raises: no such name, listing the names there are
    parts = re.split(r"[/\\]", ref)
    if len(ref.encode("utf-8", "surrogatepass")) > MAX_REF_BYTES or any(
            len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for part in parts):
        raise BriefingError(f"The briefing's {what} path '{_shown(ref)}' is too long to be a file name.")
    posix = PurePosixPath(ref.replace("\\", "/"))
    if posix.is_absolute() or PureWindowsPath(ref).drive or ".." in posix.parts or ref.startswith("~"):
        raise BriefingError(f"The briefing's {what} '{_shown(ref)}' must be a name ({', '.join(found.names())}) "
                            "or a file path relative to the briefing's folder, inside it.")
    if not posix.name.lower().endswith(suffixes):
        raise BriefingError(f"The briefing's {what} file '{_shown(ref)}' must end in {' or '.join(suffixes)}.")
    if base_dir is None:
        raise BriefingError(f"The briefing's {what} file '{_shown(ref)}' is relative to the briefing's folder; "
                            "save the briefing first, or choose a named one.")
    folder = Path(base_dir).resolve()
    try:
        target = (folder / posix).resolve()
    except (OSError, RuntimeError, ValueError) as exc:  # a symlink loop, an unrepresentable name
        raise BriefingError(f"The briefing's {what} file '{_shown(ref)}' cannot be opened: {exc}.") from None
    if not target.is_relative_to(folder):
        raise BriefingError(f"The briefing's {what} file '{_shown(ref)}' leads outside the briefing's folder.")
    if not target.is_file():
        raise BriefingError(f"The briefing's {what} file '{_shown(ref)}' was not found next to the briefing.")
    return target


def resolve_parent(kind: str, child: Path, parent: object) -> Path:
    """The file a theme's or layout's ``parent:`` names: a file of that name beside it, else the
    registry's entry of that name (so a user's theme can inherit from a bundled one), never itself."""
    what = SINGULAR[kind]
    if not isinstance(parent, str) or not NAME.match(parent):
        raise ContentError(child, f"the parent must be the name of a {what} (letters, digits, '.', '_', '-')",
                           field="parent")
    here = Path(child).resolve()
    for suffix in FILE_SUFFIXES[kind]:
        beside = Path(child).parent / f"{parent}{suffix}"
        if beside.is_file() and beside.resolve() != here:
            return beside
    # a user's memo.yaml with `parent: memo` adjusts the bundled memo: look past the file itself
    candidates = [e for e in _all_entries(kind, parent) if e.path is not None and e.path.resolve() != here]
    if not candidates:
        raise ContentError(child, f"parent {what} '{parent}' not found (there are: {', '.join(listing(kind).names())})",
                           field="parent")
    return candidates[-1].path


def _all_entries(kind: str, name: str) -> list[Entry]:
    """Every usable file named ``name`` of ``kind``, in reading order (the bundled one first)."""
    out: list[Entry] = []
    for folder, pattern, origin in _folders(kind):
        suffix = pattern.lstrip("*")
        path = folder / f"{name}{suffix}"
        if path.is_file():
            out.append(Entry(kind, name, name, origin, path))
    return out
