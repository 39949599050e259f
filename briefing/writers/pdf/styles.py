"""ParagraphStyles built from a theme; every style names a registered DejaVu face."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from briefing.writers.pdf.fonts import font_name
from briefing.writers.themes import Theme


def color(theme: Theme, key: str):
    """The theme's colour ``key`` for reportlab; None when it is "" (none) for a line or fill."""
    value = theme.color(key)
    return HexColor(value) if value else None


def build_styles(theme: Theme) -> dict[str, ParagraphStyle]:
    t = theme
    lead = t["leading"]
    text = color(t, "colors.text")
    heading = color(t, "colors.heading")
    muted = color(t, "colors.muted")

    def face(role: str, variant: str = "regular") -> str:
        return font_name(t[f"fonts.{role}"], variant)

    def style(name: str, role: str, size: float, variant: str = "regular", **kw) -> ParagraphStyle:
        kw.setdefault("textColor", text)
        kw.setdefault("leading", size * lead)
        kw.setdefault("splitLongWords", 1)
        kw.setdefault("allowWidows", 1)
        kw.setdefault("allowOrphans", 0)
        return ParagraphStyle(name, fontName=face(role, variant), fontSize=size, **kw)

    body = t["sizes.body"]
    quote_indent = t["quote.indent"]
    shade = color(t, "quote.shade")
    s = {
        "body": style("body", "body", body, spaceAfter=t["spacing.paragraph"]),
        "title": style("title", "heading", t["sizes.title"], "bold", textColor=heading, spaceAfter=10,
                       leading=t["sizes.title"] * 1.2),
        "subtitle": style("subtitle", "heading", t["sizes.subtitle"], textColor=muted, spaceAfter=18),
        "cover_label": style("cover_label", "furniture", t["sizes.small"] + 1, "bold", textColor=muted,
                             spaceBefore=8),
        "cover_value": style("cover_value", "body", body + 1, spaceAfter=2),
        "cover_marking": style("cover_marking", "furniture", body + 1, "bold", alignment=TA_CENTER,
                               textColor=color(t, "colors.marking"), spaceBefore=30),
        "toc_title": style("toc_title", "heading", t["sizes.heading1"], "bold", textColor=heading, spaceAfter=12),
        "toc_entry": style("toc_entry", "body", body, leading=body * 1.5),
        "h1": style("h1", "heading", t["sizes.heading1"], "bold", textColor=heading, spaceBefore=t["spacing.section"],
                    spaceAfter=6, keepWithNext=1),
        "h2": style("h2", "heading", t["sizes.heading2"], "bold", textColor=heading, spaceBefore=8, spaceAfter=4,
                    keepWithNext=1),
        "label": style("label", "heading", t["sizes.small"] + 1, "bold", textColor=muted, spaceBefore=4,
                       spaceAfter=2, keepWithNext=1),
        "bullet": style("bullet", "body", body, leftIndent=14, bulletIndent=3, spaceAfter=2,
                        bulletFontName=face("body")),
        "question": style("question", "body", body, leftIndent=18, bulletIndent=0, spaceAfter=3,
                          bulletFontName=face("body")),
        "excerpt_label": style("excerpt_label", "heading", t["sizes.small"], "bold", textColor=muted,
                               leftIndent=quote_indent, spaceBefore=t["spacing.excerpt"], spaceAfter=1, keepWithNext=1),
        "quote": style("quote", "quote", t["sizes.quote"], leftIndent=quote_indent, rightIndent=quote_indent / 2,
                       backColor=shade, borderPadding=(3, 4, 3, 6) if shade else 0, spaceAfter=0),
        "attribution": style("attribution", "furniture", t["sizes.attribution"], textColor=muted,
                             leftIndent=quote_indent, spaceBefore=3, spaceAfter=t["spacing.excerpt"] / 2),
        "comment": style("comment", "note", t["sizes.note"], "italic", textColor=muted, leftIndent=quote_indent,
                         spaceAfter=t["spacing.excerpt"] / 2),
        "stale": style("stale", "furniture", t["sizes.small"], "bold", textColor=color(t, "colors.stale"),
                       leftIndent=quote_indent, spaceAfter=2, keepWithNext=1),
        "note": style("note", "note", t["sizes.note"], backColor=color(t, "colors.note_background"),
                      borderColor=color(t, "colors.note_border"), borderWidth=0.6, borderPadding=5,
                      spaceBefore=t["spacing.excerpt"], spaceAfter=t["spacing.excerpt"] + 3, leftIndent=5,
                      rightIndent=5),
        "endnote": style("endnote", "body", t["sizes.note"], leftIndent=18, firstLineIndent=-18, spaceAfter=3),
        "bib": style("bib", "body", t["sizes.note"], leftIndent=18, firstLineIndent=-18, spaceAfter=4),
        "small": style("small", "furniture", t["sizes.small"], textColor=muted, alignment=TA_LEFT),
    }
    return s
