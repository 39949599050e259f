"""pandoc's citeproc, called once per batch: CSL-JSON items + citations in, formatted Runs out.

Why pandoc (the ``pypandoc-binary`` wheel ships the executable): citeproc-py was wrong for our
sources and took ~20 s for 500 notes; pandoc's citeproc follows the CSL spec and the official
styles' test suites.  It runs with ``--sandbox`` (it reads only the files named on its command
line: the checked style and the items written here) and is given JSON, never markup: every
citation is a ``Cite`` node, and what comes back is read as pandoc's JSON AST, so a source's
text can never become formatting.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from briefing.citation import waiting
from briefing.citation.formats import Run
from briefing.errors import BriefingError

API_VERSION = [1, 23, 1]
# the en-US short terms pandoc's locator parser reads in a citation's suffix
LOCATOR_TERMS = {"page": "p.", "paragraph": "para.", "section": "sec.", "chapter": "chap.", "line": "l.",
                 "figure": "fig.", "volume": "vol.", "note": "n."}
TIMEOUT_S = 120


def pandoc_path() -> str:
    """The pandoc the ``pypandoc-binary`` wheel ships; BriefingError when it is missing."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise BriefingError("Citations need pandoc (the pypandoc-binary package), which is not installed: "
                            f"{exc}") from None


@dataclass(frozen=True)
class Cite:
    item_id: str
    locator: str | None = None
    label: str = "paragraph"


@dataclass
class Rendered:
    citations: list[list[Run]]  # one per Cite, same order
    bibliography: list[tuple[str, list[Run]]] = field(default_factory=list)  # (item id, entry), style order


def _suffix(cite: Cite) -> list:
    if not cite.locator:
        return []
    term = LOCATOR_TERMS.get(cite.label, "para.")
    return [{"t": "Str", "c": ","}, {"t": "Space"}, {"t": "Str", "c": term}, {"t": "Space"},
            {"t": "Str", "c": str(cite.locator)}]


def _cite_node(item_id: str, suffix: list, number: int) -> dict:
    citation = {"citationId": item_id, "citationPrefix": [], "citationSuffix": suffix,
                "citationMode": {"t": "NormalCitation"}, "citationNoteNum": number, "citationHash": 0}
    return {"t": "Cite", "c": [[citation], [{"t": "Str", "c": "?"}]]}


def document(cites: Sequence[Cite], nocite: Sequence[str] = ()) -> dict:
    """One paragraph per citation (so a note style gives each its own note), plus uncited items
    that belong in the bibliography."""
    blocks = [{"t": "Para", "c": [_cite_node(c.item_id, _suffix(c), n)]} for n, c in enumerate(cites, 1)]
    meta = {}
    if nocite:
        meta["nocite"] = {"t": "MetaInlines", "c": [_cite_node(i, [], 0) for i in nocite]}
    return {"pandoc-api-version": API_VERSION, "meta": meta, "blocks": blocks}


def render(style_path: Path, items: Sequence[dict], cites: Sequence[Cite], nocite: Sequence[str] = (),
           bibliography: bool = True) -> Rendered:
    """Format ``cites`` (in order) and, with ``bibliography``, the entries of every cited item."""
    with tempfile.TemporaryDirectory(prefix="briefing-cite-") as tmp:
        refs = Path(tmp) / "items.json"
        refs.write_text(json.dumps(list(items), ensure_ascii=False), encoding="utf-8")
        command = [pandoc_path(), "--sandbox", "--citeproc", f"--csl={style_path}", f"--bibliography={refs}",
                   "-f", "json", "-t", "json"]
        if not bibliography:
            command.append("--metadata=suppress-bibliography")
        payload = json.dumps(document(cites, nocite), ensure_ascii=False).encode("utf-8")
        try:
            done = _run(command, payload, waiting.current(), len(cites) + len(nocite))
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise BriefingError(f"pandoc could not format the citations: {exc}") from None
    if done.returncode:
        message = done.stderr.decode("utf-8", "replace").strip()[:400]
        raise BriefingError(f"pandoc could not format the citations with {Path(style_path).name}: {message}")
    return read(json.loads(done.stdout), len(cites))


def _run(command: list[str], payload: bytes, report: waiting.Waiting | None, count: int):
    """pandoc with ``payload`` on stdin; with ``report``, polled so the caller hears about the wait
    (and may stop it by raising from ``report``: pandoc is killed, the exception goes on)."""
    if report is None:
        return subprocess.run(command, input=payload, capture_output=True, timeout=TIMEOUT_S)
    start = time.monotonic()
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        pending: bytes | None = payload  # given once; a retried communicate() goes on writing it
        while True:
            try:
                stdout, stderr = proc.communicate(pending, timeout=waiting.POLL_S)
                break
            except subprocess.TimeoutExpired:
                pending = None
                elapsed = time.monotonic() - start
                try:
                    if elapsed > TIMEOUT_S:
                        raise subprocess.TimeoutExpired(command, TIMEOUT_S)
                    report(elapsed, count)
                except BaseException:
                    proc.kill()
                    proc.communicate()
                    raise
    return subprocess.CompletedProcess(command, proc.returncode, stdout, stderr)


def read(ast: dict, count: int) -> Rendered:
    """Citations from the first ``count`` paragraphs (the note's text for a note style), and the
    entries of the ``refs`` division."""
    citations: list[list[Run]] = []
    entries: list[tuple[str, list[Run]]] = []
    for block in ast.get("blocks", []):
        if block.get("t") == "Para" and len(citations) < count:
            citations.append(runs(_citation_inlines(block["c"])))
        elif block.get("t") == "Div":
            (ident, classes, _attrs), children = block["c"]
            if ident == "refs":
                for child in children:
                    if child.get("t") == "Div":
                        (entry_id, _, _), body = child["c"]
                        inlines = [i for b in body if b.get("t") in ("Para", "Plain") for i in b["c"]]
                        entries.append((entry_id.removeprefix("ref-"), runs(inlines)))
    while len(citations) < count:
        citations.append([])
    return Rendered(citations, entries)


def _citation_inlines(inlines: list) -> list:
    for node in inlines:
        if node.get("t") == "Cite":
            content = node["c"][1]
            for inner in content:
                if inner.get("t") == "Note":  # a note style: the note's own text
                    return [i for b in inner["c"] if b.get("t") in ("Para", "Plain") for i in b["c"]]
            return content
    return inlines


_QUOTES = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}


def runs(inlines: list) -> list[Run]:
    """pandoc inlines as Runs (text, italic), adjacent runs of one format merged."""
    out: list[list] = []

    def add(text: str, italic: bool) -> None:
        if not text:
            return
        if out and out[-1][1] == italic:
            out[-1][0] += text
        else:
            out.append([text, italic])

    def walk(nodes: list, italic: bool) -> None:
        for node in nodes:
            kind = node.get("t")
            content = node.get("c")
            if kind == "Str":
                add(content, italic)
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                add(" ", italic)
            elif kind == "Emph":
                walk(content, not italic)  # italics inside italics are roman, as the manuals print
            elif kind in ("Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
                walk(content, italic)
            elif kind == "Quoted":
                opening, closing = _QUOTES.get(content[0]["t"], _QUOTES["DoubleQuote"])
                add(opening, italic)
                walk(content[1], italic)
                add(closing, italic)
            elif kind in ("Span", "Link"):
                walk(content[1], italic)
            elif kind == "Cite":
                walk(content[1], italic)
            elif kind == "Code":
                add(content[1], italic)
            elif kind == "Note":
                for block in content:
                    if block.get("t") in ("Para", "Plain"):
                        walk(block["c"], italic)
            # RawInline, Math, Image: never produced for citations; dropped

    walk(inlines, False)
    return [Run(text, italic) for text, italic in out]
