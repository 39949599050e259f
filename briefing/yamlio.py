"""The only way the application reads and writes YAML.

Reading is safe-only (no Python tags), refuses aliases (billion laughs) and files over
a size limit, and uses libyaml's C loader when present.  Writing is atomic: a crash
mid-save leaves the previous file intact.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Any, Iterable

from briefing.errors import ContentError


@functools.lru_cache(maxsize=None)
def _yaml():
    """PyYAML and its safe loader/dumpers, imported on first use: start-up with a warm
    metadata cache parses no YAML, so it does not pay for importing it (~18 ms)."""
    import yaml

    base_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class loader(base_loader):  # type: ignore[misc, valid-type]
        """The safe loader, with integers bounded (see ``_bounded_int``)."""

    loader.add_constructor("tag:yaml.org,2002:int", _located_values(_bounded_int))
    for tag in ("float", "timestamp", "binary"):
        loader.add_constructor(f"tag:yaml.org,2002:{tag}",
                               _located_values(base_loader.yaml_constructors[f"tag:yaml.org,2002:{tag}"]))

    class LiteralDumper(dumper):  # type: ignore[misc, valid-type]
        """The safe dumper, plus literal blocks (``|``) for multi-line text that round-trips verbatim."""

    def represent_str(d, value: str):
        style = "|" if "\n" in value and not _NOT_LITERAL.search(value) else None
        return d.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    LiteralDumper.add_representer(str, represent_str)
    return yaml, loader, dumper, LiteralDumper


DEFAULT_MAX_BYTES = 8 * 1024 * 1024
# Python refuses to turn an int of more than 4,300 decimal digits into text (and so into JSON or
# a message); 14,000 bits is about 4,214 digits.  A longer number in a file is refused where it is.
MAX_INT_CHARS = 4300
MAX_INT_BITS = 14_000


def _bounded_int(constructor, node):
    """YAML's int constructor, refusing a number too long to be used: over 4,300 characters in any
    form (decimal, ``0x``, ``0b``, octal, base 60), or one that parses to over ~4,200 digits."""
    yaml = _yaml()[0]
    scalar = constructor.construct_scalar(node)
    value = None
    if len(scalar) <= MAX_INT_CHARS:
        value = yaml.constructor.SafeConstructor.construct_yaml_int(constructor, node)
    if value is None or value.bit_length() > MAX_INT_BITS:
        raise ValueError(f"number too long to use ({len(scalar):,} characters); put it in quotes if it is text")
    return value


def _located_values(construct):
    """A scalar constructor whose ValueError (``2024-13-45``, ``!!float x``, a huge number) becomes
    a YAML error at the node, so the file is reported with its line like any other bad YAML."""

    def guarded(constructor, node):
        try:
            return construct(constructor, node)
        except (ValueError, OverflowError) as exc:
            yaml = _yaml()[0]
            raise yaml.constructor.ConstructorError(None, None, f"{exc} ({node.value[:40]!r})",
                                                    node.start_mark) from None

    return guarded


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 100 * 1024 else f"{size:,} bytes"


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a UTF-8 text file, refusing oversize, binary or undecodable content with a located error.

    The messages say what the file looks like and what to do: a file in a legacy encoding is
    named by it (Windows-1252, Big5, Shift-JIS…: ``briefing.textcodec``), UTF-16 is recognised by its byte-order mark, and a file with NUL bytes is called binary.
    """
    path = Path(path)
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise ContentError(path, f"file is too large to open ({_mb(size)}; the limit is {_mb(max_bytes)})")
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ContentError(path, f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:  # grew after the stat
        raise ContentError(path, f"file is too large to open (over the limit of {_mb(max_bytes)})")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError(path, "is saved as UTF-16; save it as UTF-8")
    if b"\x00" in data:
        raise ContentError(path, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError(path, _not_utf8_message(data, exc.start), line, column) from exc
    return text.removeprefix("\ufeff")


def open_regular(path: Path):
    """Open ``path`` for reading in binary, refusing anything but a regular file.

    Opened non-blocking and checked on the open descriptor (no gap between check and use), so a
    FIFO or device named ``x.briefing.yaml`` is refused at once instead of blocking forever.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a pipe, device or socket)"
            raise ContentError(path, f"cannot read file: it is {what}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _not_utf8_message(data: bytes, position: int) -> str:
    """Names the encoding the importer would read the bytes in (``briefing.textcodec``)."""
    from briefing import textcodec

    byte = f"byte 0x{data[position]:02x}"
    name = textcodec.name_of(data)
    if name is not None:
        return f"not valid UTF-8 ({byte}): it looks like {name}; save it as UTF-8"
    return f"not valid UTF-8 ({byte}); save it as UTF-8"


def _refuse_aliases(text: str, path: Path) -> None:
    # Only texts with '*' can hold an alias; scanning events costs a second parse.
    if "*" not in text:
        return
    yaml, SafeLoader, _, _ = _yaml()
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            raise ContentError(
                path,
                "YAML aliases (*name) are not allowed in this file",
                mark.line + 1,
                mark.column + 1,
            )


def loads(text: str, path: Path | str = "<text>") -> Any:
    """Parse YAML text safely; errors become ContentError with line and column."""
    path = Path(path)
    yaml, SafeLoader, _, _ = _yaml()
    try:
        _refuse_aliases(text, path)
        return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader/CSafeLoader only
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or str(exc)
        if "could not determine a constructor" in problem:
            problem = "refused an unsafe or unknown YAML tag " + problem.split("tag", 1)[-1].strip()
        raise ContentError(
            path,
            f"invalid YAML: {problem}",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from exc
    except yaml.YAMLError as exc:
        raise ContentError(path, f"invalid YAML: {exc}") from exc
    except RecursionError as exc:  # only the pure-Python loader (no libyaml) can get here
        raise ContentError(path, "invalid YAML: nested too deeply") from exc


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    return loads(read_text(path, max_bytes), path)


def locate(text: str, keys: Iterable[str | int]) -> tuple[int | None, int | None]:
    """1-based line and column of the node at ``keys`` (or of its nearest existing parent)."""
    yaml, loader, _, _ = _yaml()
    try:  # libyaml's composer when present: no Python recursion, so deep nesting cannot overflow
        node = yaml.compose(text, Loader=loader)
    except (yaml.YAMLError, RecursionError):
        return None, None
    best = node
    for key in keys:
        if node is None:
            break
        child = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    child = v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
        if child is None:
            break
        node = best = child
    if best is None:
        return None, None
    return best.start_mark.line + 1, best.start_mark.column + 1


# Characters YAML treats as line breaks or that a literal block cannot carry verbatim.
_NOT_LITERAL = re.compile(r"[\r\t\x85\u2028\u2029\ufeff]|[ ]\n|[ ]$|^\s*$")


def dumps(data: Any, literal_blocks: bool = False) -> str:
    """Readable, diff-friendly YAML: block style, key order kept, Unicode left as is."""
    yaml, _, SafeDumper, LiteralDumper = _yaml()
    return yaml.dump(
        data,
        Dumper=LiteralDumper if literal_blocks else SafeDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


STALE_TEMP_SECONDS = 3600


def _remove_stale_temps(path: Path) -> None:
    """Delete ``.<name>.*.tmp`` siblings left by a save that was killed (older than an hour, so
    a save still running in another window or process is never touched)."""
    import glob  # only when saving

    cutoff = time.time() - STALE_TEMP_SECONDS
    try:
        candidates = list(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return
    for candidate in candidates:
        try:
            if candidate.stat().st_mtime < cutoff:
                candidate.unlink()
        except OSError:
            pass


def atomic_write_text(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over it.

    A kill at any moment leaves either the old file or the new one; a temporary file left
    behind by a kill is removed by a later save once it is stale.
    """
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Temporary file beside ``path``, fsync, rename over it, fsync the folder."""
    path = Path(path)
    _remove_stale_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
