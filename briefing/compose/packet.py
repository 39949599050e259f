"""The study packet: what a student hands in or studies from.

Cover and contents; the briefing's summary; one section per page run with a summary (the section's key points), its
numbered readings — each with its citation in the chosen style and a "for study use" notice —,
the discussion questions, and room for notes sized to the content (a one-excerpt section gets a
few lines, not a page); then a glossary of the user's terms, sorted; then notes and sources.
Page numbers run on through the whole packet (the writers' default).
"""

from __future__ import annotations

from briefing.compose import parts as standard
from briefing.compose.compose import register_composer
from briefing.compose.document import BulletList, Heading, Paragraph, Part, Quote, RuledLines, Span, Table
from briefing.compose.kinds import compose_item
from briefing.compose.prose import setting
from briefing.compose.spans import lines, one_line

GLOSSARY_TITLE = "Glossary"
SUMMARY_TITLE = "Summary"
LINES_PER_EXCERPT = 2
MIN_LINES, MAX_LINES = 3, 14


def glossary_terms(briefing) -> list[tuple[str, str]]:
    """The user's terms sorted as a reader looks them up (case and accents folded)."""
    import unicodedata

    raw = getattr(briefing, "glossary", None) or {}
    pairs = raw.items() if isinstance(raw, dict) else [(getattr(g, "term", ""), getattr(g, "definition", ""))
                                                       for g in raw]
    cleaned = [(one_line(t).strip(), lines(d).strip()) for t, d in pairs if t and str(t).strip()]

    def key(pair):
        folded = unicodedata.normalize("NFKD", pair[0].casefold())
        return "".join(c for c in folded if not unicodedata.combining(c)), pair[0]

    return sorted(cleaned, key=key)


def notes_room(section) -> int:
    """Ruled lines sized to the section: two per excerpt, between MIN_LINES and MAX_LINES."""
    return max(MIN_LINES, min(MAX_LINES, LINES_PER_EXCERPT * len(section.excerpts()) + 1))


def study_section(comp, index: int, section) -> Part:
    layout = comp.layout
    title = standard.section_title(section, index)
    anchor = standard.section_anchor(index)
    blocks: list = [Heading([Span(title)], level=1, anchor=anchor)]
    points = [one_line(p).strip() for p in section.key_points if p and p.strip()]
    if points:
        blocks += [Paragraph([Span(SUMMARY_TITLE)], role="label"), BulletList([[Span(p)] for p in points])]
    notice = setting(layout, "study_notice")
    for item in section.items:
        composed = compose_item(comp, item)
        blocks += composed
        if notice and any(isinstance(b, Quote) for b in composed):
            blocks.append(Paragraph([Span(notice)], role="small"))
    blocks += standard.questions(section, layout)
    blocks.append(RuledLines(notes_room(section), label=standard.RULED_LINES_LABEL))
    return Part("section", blocks, title=title, anchor=anchor, new_page=bool(index), page_style="body")


def glossary(briefing) -> list[Part]:
    terms = glossary_terms(briefing)
    if not terms:
        return []
    table = Table([[[Span(term, bold=True)], [Span(definition)]] for term, definition in terms],
                  widths=[0.3, 0.7], role="definitions")
    return [Part("glossary", [Heading([Span(GLOSSARY_TITLE)], level=1, anchor="glossary"), table],
                 title=GLOSSARY_TITLE, anchor="glossary", new_page=True)]


def compose_packet(comp) -> list[Part]:
    b, layout, include = comp.briefing, comp.layout, comp.include
    sections = [study_section(comp, i, s) for i, s in enumerate(b.sections)]
    extra = glossary(b)
    end = comp.finish()
    for part in end:
        part.new_page = True
    out: list[Part] = []
    if include["cover"] and layout["cover"]:
        out.append(standard.cover(b.meta))
    if include["toc"] and layout["contents"]:
        out.append(standard.contents([standard.ContentsEntry(p.anchor, p.title) for p in sections + extra + end]))
    lead = standard.summary_part(b.meta, layout)
    if sections and out and not lead:
        sections[0].new_page = True
    for part in lead:
        part.new_page = bool(out)
    return out + lead + sections + extra + end


register_composer("packet", compose_packet)
