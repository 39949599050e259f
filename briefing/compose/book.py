"""The briefing book: what a principal carries to a trip or meeting.

A cover (title, event, date, principal, marking), a tab index headed by the bottom line (the
briefing's summary), then one lettered tab per
section (Tab A, Tab B, …), each starting a new page with its letter in the running header
(``Part.header_label``): purpose, talking points (a warning when they would not fit on one
page), background excerpts with their attribution and notes; the notes and sources at the end.
Sections the user marks "bios" or "logistics" print as plain notes: their items as text, with
no purpose, talking points or excerpt furniture.
"""

from __future__ import annotations

from briefing.compose.compose import register_composer
from briefing.compose.document import BulletList, Contents, ContentsEntry, Heading, Paragraph, Part, Span
from briefing.compose.kinds import compose_item
from briefing.compose.parts import section_title, summary
from briefing.compose.prose import estimated_lines, plain_item, setting, tab_letter
from briefing.compose.spans import lines, one_line

COVER_FIELDS = (("Event", "event"), ("Date", "date"), ("Principal", "prepared_for"), ("Prepared by", "prepared_by"))
PLAIN_KINDS = ("bios", "logistics")
INDEX_TITLE = "Tab index"
TALKING_POINTS_WARNING = ("The talking points of Tab {letter} ({title}) run to about {lines} lines, more than "
                          "one page; cut them to fit one page.")


def cover(meta) -> Part:
    blocks: list = [Paragraph([Span(one_line(meta.title) or "Untitled briefing")], role="cover-title")]
    if (meta.subtitle or "").strip():
        blocks.append(Paragraph([Span(one_line(meta.subtitle))], role="cover-subtitle"))
    for label, attribute in COVER_FIELDS:
        value = getattr(meta, attribute, "") or ""
        if value.strip():
            blocks += [Paragraph([Span(label)], role="cover-label"), Paragraph([Span(lines(value))], role="cover-value")]
    if one_line(meta.marking).strip():
        blocks.append(Paragraph([Span(one_line(meta.marking).strip())], role="marking"))
    return Part("cover", blocks, page_style="cover")


def talking_points(comp, section, letter: str, title: str) -> list:
    points = [one_line(p).strip() for p in getattr(section, "talking_points", []) if p and p.strip()]
    if not points:
        return []
    characters = setting(comp.layout, "line_characters") - 4  # bullets are indented
    counted = sum(estimated_lines(p, characters) for p in points) + len(points) // 2  # space between
    if counted > setting(comp.layout, "talking_points_lines"):
        comp.warnings.append(TALKING_POINTS_WARNING.format(letter=letter, title=title, lines=counted))
    return [Paragraph([Span("Talking points")], role="label"),
            BulletList([[Span(p)] for p in points], role="talking-point")]


def tab(comp, index: int, section) -> Part:
    letter, title = tab_letter(index), section_title(section, index)
    anchor = f"tab-{letter.lower()}"
    blocks: list = [Heading([Span(f"Tab {letter}: {title}")], level=1, anchor=anchor)]
    if getattr(section, "kind", "normal") in PLAIN_KINDS:
        blocks += [b for item in section.items for b in plain_item(comp, item)]
    else:
        purpose = one_line(getattr(section, "purpose", "") or "").strip()
        if purpose:
            blocks += [Paragraph([Span("Purpose")], role="label"), Paragraph([Span(purpose)], role="body")]
        blocks += talking_points(comp, section, letter, title)
        points = [one_line(p).strip() for p in section.key_points if p and p.strip()]
        if points:
            blocks += [Paragraph([Span(comp.layout["key_points_title"])], role="label"),
                       BulletList([[Span(p)] for p in points])]
        if section.items:
            blocks.append(Paragraph([Span("Background")], role="label"))
            for item in section.items:
                blocks += compose_item(comp, item)
    return Part("section", blocks, title=title, anchor=anchor, new_page=True, page_style="body",
                header_label=f"Tab {letter}")


def compose_book(comp) -> list[Part]:
    b = comp.briefing
    tabs = [tab(comp, i, s) for i, s in enumerate(b.sections)]
    end = comp.finish()
    entries = [ContentsEntry(p.anchor, p.title, label=p.header_label) for p in tabs]
    entries += [ContentsEntry(p.anchor, p.title) for p in end if p.anchor]
    # the bottom line heads the tab index: the first page the principal reads after the cover
    index = Part("contents", summary(b.meta, comp.layout) + [Contents(entries, title=INDEX_TITLE, empty_text="This book has no tabs yet.")],
                 title=INDEX_TITLE, new_page=True, page_style="front")
    for part in end:
        part.new_page = True
    parts = [index] + tabs + end
    if comp.include["cover"]:
        parts.insert(0, cover(b.meta))
    return parts


register_composer("book", compose_book)
