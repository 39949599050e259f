"""Draft a briefing from topics: one section per topic, filled with the best-matching passages.

The draft is a starting point the user edits.  Every excerpt is a whole paragraph made through
``make_excerpt``, so it is exact source text even if the search index is out of date: a passage
whose paragraph no longer matches the source is skipped rather than quoted from the index.
"""

from __future__ import annotations

import copy

from briefing.model.anchoring import make_excerpt
from briefing.model.briefing import Briefing, BriefingMeta, Excerpt, Section

# Ask the index for more than we need: some passages are skipped (duplicates, stale index rows).
_OVERFETCH = 3
# A short line with no closing punctuation is a heading ("Extradition, rule of law, and governance"):
# it names the topic, so it ranks well, but quoting it tells the reader nothing.
HEADING_MAX_WORDS = 12
_SENTENCE_END = tuple(".?!:;\"'”’)…")


def looks_like_heading(text: str) -> bool:
    text = text.strip()
    return len(text.split()) < HEADING_MAX_WORDS and not text.endswith(_SENTENCE_END)


def _section_for(library, index, topic, per_topic: int) -> Section:
    section = Section(title=topic.title, topic_id=topic.id)
    if per_topic <= 0:
        return section
    seen: set[tuple[str, int]] = set()
    for passage in index.suggest(topic, limit=max(per_topic * _OVERFETCH, per_topic + 10)):
        key = (passage.source_id, passage.paragraph)
        if key in seen or looks_like_heading(passage.text):
            continue
        excerpt = _whole_paragraph(library, passage)
        if excerpt is None:
            continue
        seen.add(key)
        section.items.append(excerpt)
        if len(section.items) >= per_topic:
            break
    return section


def _whole_paragraph(library, passage) -> Excerpt | None:
    source = library.sources.get(passage.source_id)
    if source is None:
        return None
    paragraphs = source.paragraphs()
    if not 1 <= passage.paragraph <= len(paragraphs) or paragraphs[passage.paragraph - 1] != passage.text:
        return None  # the index is behind the source; do not quote what the source no longer says
    if not source.is_body(passage.paragraph):
        return None  # a headline or a footnote is not a passage to quote
    return make_excerpt(source, passage.paragraph, 0, len(passage.text))


def assemble(library, index, topic_ids, per_topic: int = 4, meta: BriefingMeta | None = None) -> Briefing:
    """A new Briefing with one section per topic (in the order given, duplicates dropped).

    Raises KeyError for an unknown topic id (``library.topic`` names the known ones).
    """
    topics = [library.topic(topic_id) for topic_id in dict.fromkeys(topic_ids)]
    if meta is None:
        meta = BriefingMeta(title="Briefing: " + ", ".join(t.title for t in topics)) if topics else BriefingMeta()
    else:
        meta = copy.deepcopy(meta)
    sections = [_section_for(library, index, topic, per_topic) for topic in topics]
    return Briefing(meta=meta, sections=sections)
