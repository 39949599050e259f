"""The information memo: what a staffer hands a principal, one or two pages.

Marking (printed by the writers at top and bottom of every page), an optional designation
block, the heading block (MEMORANDUM FOR / FROM / DATE / SUBJECT), the bottom line up front
(the briefing's summary; a warning when it runs over ``lead_line_limit`` lines), Background
(each section's purpose and excerpts attributed in the sentence, no note numbers), Key points,
Talking points, "Prepared by", and an optional short source list.  With ``overflow: attachment``
the background excerpts move to an attachment on a new page, which is what the page budget
offers when the memo does not fit (``briefing.writers.budget``).
"""

from __future__ import annotations

from briefing.compose.compose import register_composer
from briefing.compose.document import Bibliography, BulletList, Heading, Paragraph, Part, Span
from briefing.compose.prose import attributed_sentence, estimated_lines, plain_item, setting, source_list
from briefing.compose.spans import lines, one_line

HEADING_FIELDS = (("MEMORANDUM FOR:", "prepared_for"), ("FROM:", "prepared_by"), ("DATE:", "date"))
BLUF_LABEL = "BLUF:"
ATTACHMENT_TITLE = "Attachment: Background excerpts"
LEAD_WARNING = ("The bottom line (BLUF) runs to about {lines} lines; a memo's bottom line should fit in "
                "{limit}.")


def heading_block(meta, layout) -> list:
    blocks: list = []
    if (meta.designation or "").strip():
        blocks.append(Paragraph([Span(lines(meta.designation).strip())], role="designation"))
    blocks.append(Paragraph([Span(setting(layout, "memo_title"))], role="memo-title"))
    for label, attribute in HEADING_FIELDS:
        value = one_line(getattr(meta, attribute, "") or "").strip()
        if value:
            blocks.append(Paragraph([Span(label, bold=True), Span(" " + value)], role="memo-field"))
    blocks.append(Paragraph([Span("SUBJECT:", bold=True), Span(" " + (one_line(meta.title).strip()
                                                                        or "Untitled briefing"))],
                            role="memo-field"))
    return blocks


def bluf(comp) -> list:
    summary = lines(getattr(comp.briefing.meta, "summary", "") or "").strip()
    if not summary:
        return []
    layout = comp.layout
    counted = estimated_lines(f"{BLUF_LABEL} {summary}", setting(layout, "line_characters"))
    limit = setting(layout, "lead_line_limit")
    if counted > limit:
        comp.warnings.append(LEAD_WARNING.format(lines=counted, limit=limit))
    return [Paragraph([Span(BLUF_LABEL, bold=True), Span(" " + summary)], role="lead")]


def background(comp) -> list:
    blocks: list = []
    for index, section in enumerate(comp.briefing.sections):
        items = [b for item in section.items for b in plain_item(comp, item)]
        purpose = one_line(getattr(section, "purpose", "") or "").strip()
        if not (items or purpose):
            continue
        blocks.append(Heading([Span(one_line(section.title).strip() or f"Section {index + 1}")], level=2,
                              outline=False))
        if purpose:
            blocks.append(Paragraph([Span(purpose)], role="body"))
        blocks += items
    return blocks


def bullets(title: str, points: list[str]) -> list:
    shown = [one_line(p).strip() for p in points if p and p.strip()]
    if not shown:
        return []
    return [Heading([Span(title)], level=1, outline=True), BulletList([[Span(p)] for p in shown])]


def compose_memo(comp) -> list[Part]:
    b, layout = comp.briefing, comp.layout
    blocks = heading_block(b.meta, layout) + bluf(comp)
    body = background(comp)
    attachment = setting(layout, "overflow") == "attachment" and body
    if body and not attachment:
        blocks += [Heading([Span("Background")], level=1)] + body
    blocks += bullets(layout["key_points_title"], [p for s in b.sections for p in s.key_points])
    blocks += bullets("Talking points", [p for s in b.sections for p in getattr(s, "talking_points", [])])
    if attachment:
        blocks.append(Paragraph([Span("Attachment:", bold=True), Span(" Background excerpts")], role="body"))
    if (b.meta.prepared_by or "").strip():
        blocks.append(Paragraph([Span("Prepared by: " + one_line(b.meta.prepared_by).strip())], role="signature"))
    parts = [Part("memo", blocks, title=one_line(b.meta.title), page_style="body")]
    if attachment:
        parts.append(Part("attachment", [Heading([Span(ATTACHMENT_TITLE)], level=1, anchor="attachment")] + body,
                          title=ATTACHMENT_TITLE, anchor="attachment", new_page=True, header_label="Attachment"))
    if setting(layout, "source_list") and comp.include["sources"]:
        sources = [comp.source(e.source_id) for e in b.all_excerpts()]
        entries, title = source_list(comp, sources)
        if entries:
            parts[-1].blocks += [Heading([Span(title)], level=2, outline=False), Bibliography(entries)]
    return parts


register_composer("info-memo", compose_memo)
