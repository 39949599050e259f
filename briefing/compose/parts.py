"""The parts of the standard composition: cover, contents, one part per section, notes, sources.

Each function returns ``Part``s of blocks; the numbering and order (excerpt labels, note numbers,
cited sources) come from the running ``Composition`` (``briefing.compose.compose``).
"""

from __future__ import annotations

from briefing.compose.document import (Bibliography, BulletList, Contents, ContentsEntry, Heading, NoteList,
                                       Paragraph, Part, RuledLines, Span, Spacer)
from briefing.compose.kinds import compose_item
from briefing.compose.spans import from_runs, lines, one_line

CONTENTS_TITLE_LIMIT = 240  # characters of a title shown in the contents
COVER_FIELDS = (("Prepared for", "prepared_for"), ("Prepared by", "prepared_by"), ("Date", "date"),
                ("Purpose", "purpose"))
NO_SECTIONS = "This briefing has no sections yet."
RULED_LINES_LABEL = "Your notes"
QUESTIONS_TITLE = "Discussion questions"
NOTES_TITLE = "Notes"
SUMMARY_LABEL = "Summary"  # a layout file without ``summary_label`` (one older than the setting)


def summary(meta, layout) -> list:
    """The briefing's summary (BLUF) as the body's first paragraph, labelled as the layout says,
    so a bottom line typed in the window is printed whichever layout the user exports."""
    text = lines(getattr(meta, "summary", "") or "").strip()
    if not text:
        return []
    label = (layout.values.get("summary_label") or SUMMARY_LABEL).strip()
    return [Paragraph([Span(label + ":", bold=True), Span(" " + text)], role="lead")]


def summary_part(meta, layout) -> list[Part]:
    blocks = summary(meta, layout)
    return [Part("summary", blocks, page_style="body")] if blocks else []


def section_anchor(index: int) -> str:
    return f"sec{index + 1}"


def section_title(section, index: int) -> str:
    return one_line(section.title).strip() or f"Section {index + 1}"


def cover(meta) -> Part:
    blocks: list = [Paragraph([Span(one_line(meta.title) or "Untitled briefing")], role="cover-title")]
    if meta.subtitle.strip():
        blocks.append(Paragraph([Span(one_line(meta.subtitle))], role="cover-subtitle"))
    for label, attribute in COVER_FIELDS:
        value = getattr(meta, attribute, "") or ""
        if value.strip():
            blocks.append(Paragraph([Span(label)], role="cover-label"))
            blocks.append(Paragraph([Span(lines(value))], role="cover-value"))
    if one_line(meta.marking).strip():
        blocks.append(Paragraph([Span(one_line(meta.marking))], role="marking"))
    return Part("cover", blocks, page_style="cover")


def contents(entries: list[ContentsEntry]) -> Part:
    shown = [ContentsEntry(e.anchor, _shortened(e.title), e.level, e.label) for e in entries]
    return Part("contents", [Contents(shown, empty_text=NO_SECTIONS)], title="Contents", new_page=True,
                page_style="front")


def _shortened(title: str) -> str:
    return title[:CONTENTS_TITLE_LIMIT].rstrip() + "…" if len(title) > CONTENTS_TITLE_LIMIT else title


def key_points(section, layout) -> list:
    points = [p for p in section.key_points if p and p.strip()]
    if not points:
        return []
    return [Paragraph([Span(layout["key_points_title"])], role="label"),
            BulletList([[Span(one_line(p))] for p in points], role="bullet")]


def talking_points(section, layout) -> list:
    """What the principal may say, when the layout prints talking points (``talking_points_title``)."""
    title = (layout.values.get("talking_points_title") or "").strip()
    points = [p for p in getattr(section, "talking_points", []) if p and p.strip()]
    if not (title and points):
        return []
    return [Paragraph([Span(title)], role="label"), BulletList([[Span(one_line(p))] for p in points], role="bullet")]


def questions(section, layout) -> list:
    asked = [q for q in section.discussion_questions if q and q.strip()]
    if not (asked and layout["discussion_questions"]):
        return []
    return [Paragraph([Span(QUESTIONS_TITLE)], role="label"),
            BulletList([[Span(one_line(q))] for q in asked], ordered=True, role="question")]


def section(comp, index: int, section) -> Part:
    layout = comp.layout
    title = section_title(section, index)
    anchor = section_anchor(index)
    blocks: list = [Heading([Span(title)], level=1, anchor=anchor)]
    if layout["key_points_first"]:
        blocks += key_points(section, layout) + talking_points(section, layout)
    for item in section.items:
        blocks += compose_item(comp, item)
    if not layout["key_points_first"]:
        points = key_points(section, layout) + talking_points(section, layout)
        if points:
            blocks += [Spacer(6)] + points
    blocks += questions(section, layout)
    count = layout["ruled_lines_after_section"]
    if count:
        blocks += [Spacer(8), RuledLines(count, label=RULED_LINES_LABEL, fill=layout["section_page_break"])]
    return Part("section", blocks, title=title, anchor=anchor, new_page=bool(index and layout["section_page_break"]))


def notes(comp) -> Part:
    blocks = [Heading([Span(NOTES_TITLE)], level=1, anchor="notes", outline=False), NoteList(comp.notes)]
    return Part("notes", blocks, title=NOTES_TITLE, anchor="notes")


def bibliography(title: str, entries: list) -> Part:
    blocks = [Heading([Span(title)], level=1, anchor="sources", outline=False),
              Bibliography([from_runs(runs) for runs in entries])]
    return Part("bibliography", blocks, title=title, anchor="sources")
