"""The briefing document: metadata and ordered sections of excerpts, notes and sub-headings."""

from briefing.model.briefing import (
    Briefing,
    BriefingMeta,
    Excerpt,
    Item,
    Note,
    Section,
    Subheading,
    new_id,
)

__all__ = ["Briefing", "BriefingMeta", "Excerpt", "Item", "Note", "Section", "Subheading", "new_id"]
