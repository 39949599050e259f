"""Pieces the memo, briefing book and study packet share: excerpts attributed in a sentence,
line estimates for the warnings a layout gives, tab letters, and the settings those layouts add.

A memo attributes in the sentence, the way staff write ("According to AFP (October 20, 2021),
“…”"): the attribution is the citation processor's own short form (``attribution(source)``),
the quoted words are the excerpt's exact text with the ellipses it was trimmed with.
"""

from __future__ import annotations

import textwrap

from briefing.compose import layout as layout_module
from briefing.compose.document import Paragraph, Span
from briefing.compose.kinds import MISSING_TEXT, STALE_TEXT
from briefing.compose.spans import from_runs, lines, one_line
from briefing.schema import boolean, choice, integer, optional, text

# Settings these layouts add (optional: the standard memo and study files do not have them).
SETTINGS = {
    "label": optional(text),  # what the export dialog and `briefing-book layouts` show
    "page_budget": optional(integer(0, 50)),  # pages the document must fit; 0 = no budget
    "lead_line_limit": optional(integer(1, 40)),  # warn when the BLUF runs over this many lines
    "line_characters": optional(integer(20, 200)),  # characters per printed line, for line estimates
    "talking_points_lines": optional(integer(5, 200)),  # a page of talking points, in lines
    "source_list": optional(boolean),  # a short list of sources at the end of a memo
    "overflow": optional(choice("none", "attachment")),  # what a memo does with background that overflows
    "memo_title": optional(text),
    "study_notice": optional(text),
}
DEFAULTS = {"page_budget": 0, "lead_line_limit": 4, "line_characters": 95, "talking_points_lines": 46,
            "source_list": False, "overflow": "none", "memo_title": "INFORMATION MEMORANDUM",
            "study_notice": "For study use: quoted for discussion; cite the original source."}
layout_module.SCHEMA.update(SETTINGS)


def setting(layout, key: str):
    return layout.values.get(key, DEFAULTS[key])


def estimated_lines(text_: str, characters: int) -> int:
    """Printed lines of ``text_`` at ``characters`` per line (a word-wrapping estimate; the
    writer's own line breaking may differ by a line either way)."""
    return sum(max(1, len(textwrap.wrap(part, characters))) for part in (text_ or "").split("\n"))


def tab_letter(index: int) -> str:
    """A, B, … Z, AA, AB, … (spreadsheet-style, so a 30-section book still has distinct tabs)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def quoted_text(item) -> str:
    text_ = item.text or ""
    if item.lead_ellipsis:
        text_ = "\u2026 " + text_
    if item.trail_ellipsis:
        text_ = text_ + " \u2026"
    return text_


def attributed_sentence(comp, item) -> list:
    """An excerpt as a sentence of prose: notice (stale/missing) and "According to X, “…”"."""
    source = comp.source(item.source_id)
    out: list = []
    if source is None:
        out.append(Paragraph([Span(MISSING_TEXT)], role="notice"))
        who = [Span(f"a source not in the library ({item.source_id})")]
    else:
        if item.status == "stale":
            out.append(Paragraph([Span(STALE_TEXT)], role="notice"))
        who = from_runs(comp.processor.attribution(source))
    spans = [Span("According to "), *who, Span(", \u201c" + quoted_text(item) + "\u201d")]
    out.append(Paragraph(spans, role="body"))
    if comp.include["comments"] and item.comment and item.comment.strip():
        out.append(Paragraph([Span("Comment:", bold=True), Span(" " + lines(item.comment))], role="comment"))
    return out


def plain_item(comp, item) -> list:
    """An item printed as a plain note (book sections marked bios or logistics)."""
    if item.kind == "excerpt":
        return attributed_sentence(comp, item)
    if item.kind == "note":
        return [Paragraph([Span(lines(item.text))], role="body")]
    if item.kind == "subheading":
        return [Paragraph([Span(one_line(item.text))], role="label")]
    return []


def source_list(comp, sources) -> tuple[list, str]:
    """The cited sources as the style's bibliography (one batch, no note numbers) and its title."""
    from briefing.citation.api import CiteRequest

    present = {s.id: s for s in sources if s is not None}
    if not present:
        return [], ""
    cited = comp.processor.process(present, [CiteRequest(sid) for sid in present])
    return [from_runs(runs) for runs in cited.bibliography], cited.bibliography_title
