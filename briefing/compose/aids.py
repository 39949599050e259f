"""The briefing aids as an optional part of the composed document, printed by every writer.

``include={"figures": True, "timeline": True, "conflicts": True, "balance": True}`` (each off by
default) adds one "Briefing aids" part after the sections and before the notes: a key-figures
table, a timeline table, the conflicting claims side by side and the source balance per
section.  Each entry names its source and the reader's paragraph count ("para. 4", as citations
print it); sentences are quoted exactly.  An aid that finds nothing says so in a sentence.
"""

from __future__ import annotations

from briefing.analysis import AIDS, EMPTY
from briefing.analysis.attribution import where as _where
from briefing.analysis.report import analyse_briefing
from briefing.compose.document import ContentsEntry, Contents, Heading, Paragraph, Part, Span, Table

AID_PARTS = AIDS
TITLE = "Briefing aids"
ANCHOR = "briefing-aids"
INTRO = ("Read from the excerpts of this briefing, not from a model: numbers and dates are found in the "
         "quoted text and each entry names the source it comes from. Check before relying on them.")
END_KINDS = ("notes", "bibliography")


def _quoted(anchor) -> Span:
    return Span(f"\u201c{anchor.sentence}\u201d")


def _figures(aids, library) -> list:
    if not aids.figures:
        return [Paragraph([Span(EMPTY["figures"])])]
    rows = [[[Span(f.text, bold=True)], [_quoted(f.anchor)], [Span(_where(library, f.anchor))]] for f in aids.figures]
    return [Table(rows, header=[[Span("Figure")], [Span("In context")], [Span("Source")]],
                  widths=[0.22, 0.53, 0.25], role="key-figures")]


def _timeline(aids, library) -> list:
    if not aids.timeline:
        return [Paragraph([Span(EMPTY["timeline"])])]
    rows = [[[Span(e.label(), bold=True)], [_quoted(e.anchor)], [Span(_where(library, e.anchor))]]
            for e in aids.timeline]
    return [Table(rows, header=[[Span("Date")], [Span("What the source says")], [Span("Source")]],
                  widths=[0.17, 0.58, 0.25], role="timeline")]


def _claim(claim, library) -> list:
    says = claim.label() if hasattr(claim, "label") else claim.text
    return [Span(says, bold=True), Span("\n"), _quoted(claim.anchor), Span("\n\u2014 " + _where(library, claim.anchor))]


def _conflicts(aids, library) -> list:
    if not aids.conflicts:
        return [Paragraph([Span(EMPTY["conflicts"])])]
    rows = [[[Span(c.subject + (f" ({c.event} date)" if c.kind == "date" else ""))],
             _claim(c.first, library), _claim(c.second, library)] for c in aids.conflicts]
    return [Paragraph([Span("Two sources give different figures or dates for what looks like the same subject; "
                            "both are shown for you to resolve.")]),
            Table(rows, header=[[Span("Subject")], [Span("One source")], [Span("Another source")]],
                  widths=[0.2, 0.4, 0.4], role="table")]


def _balance(aids, library) -> list:
    if not any(b.excerpts for b in aids.balance):
        return [Paragraph([Span(EMPTY["balance"])])]
    rows = []
    for b in aids.balance:
        kinds = ", ".join(f"{kind} {count}" for kind, count in b.kinds.items()) or "\u2013"
        if b.inferred_kinds:
            kinds += f" (kind inferred for {len(b.inferred_kinds)} of {len(b.sources)} sources)"
        publishers = "Publishers: " + (", ".join(b.publishers) or "none stated")
        excerpts = f"{b.excerpts} excerpt" + ("s" if b.excerpts != 1 else "")
        rows.append([[Span(b.title or "(untitled section)"), Span(f"\n{excerpts}")],
                     [Span(kinds), Span("\n" + publishers)],
                     [Span(" ".join(b.warnings) or ("\u2013" if b.excerpts else "no excerpts"), bold=bool(b.warnings))]])
    header = [[Span(h)] for h in ("Section", "Kinds of source and publishers", "Warning")]
    return [Table(rows, header=header, widths=[0.25, 0.4, 0.35], role="table")]


SECTIONS = (("figures", "Key figures", _figures), ("timeline", "Timeline", _timeline),
            ("conflicts", "Conflicting claims", _conflicts), ("balance", "Source balance", _balance))


def aids_part(briefing, library, include: dict) -> Part | None:
    """The aids part for the aids ``include`` turns on, or None when none is on."""
    chosen = [(key, title, build) for key, title, build in SECTIONS if include.get(key)]
    if not chosen:
        return None
    aids = analyse_briefing(briefing, library)
    blocks: list = [Heading([Span(TITLE)], level=1, anchor=ANCHOR), Paragraph([Span(INTRO)], role="small")]
    for key, title, build in chosen:
        blocks.append(Heading([Span(title)], level=2, anchor=f"aids-{key}"))
        blocks += build(aids, library)
    return Part("aids", blocks, title=TITLE, anchor=ANCHOR, new_page=True)


def with_aids(comp, parts: list[Part]) -> list[Part]:
    """``parts`` with the aids part placed after the sections (before notes and sources) and
    listed in the contents, if any aid is included."""
    part = aids_part(comp.briefing, comp.library, comp.include)
    if part is None:
        return parts
    at = next((i for i, p in enumerate(parts) if p.kind in END_KINDS), len(parts))
    for block in (b for p in parts if p.kind == "contents" for b in p.blocks):
        if isinstance(block, Contents):
            end_anchors = {p.anchor for p in parts[at:]}
            where = next((i for i, e in enumerate(block.entries) if e.anchor in end_anchors), len(block.entries))
            block.entries.insert(where, ContentsEntry(ANCHOR, TITLE))
    return parts[:at] + [part] + parts[at:]
