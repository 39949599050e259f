"""Briefing aids: key figures, a timeline, source balance and conflicting claims.

Qt-free and offline: regular expressions over the text the search index normalises, dates read
with dateutil, no language model.  Every entry carries an ``Anchor`` (source id, paragraph,
character span and the sentence it comes from) so a reader can check it against the source.
Each aid returns an empty list when it finds nothing; ``EMPTY`` says so in plain words.
"""

from briefing.analysis.passages import Anchor, Passage, briefing_passages, library_passages

AIDS = ("figures", "timeline", "conflicts", "balance")  # in the order they are shown and printed

EMPTY = {
    "figures": "No key figures (money, counts, percentages, durations) were found in the text analysed.",
    "timeline": "No dated events (years, months or full dates) were found in the text analysed; "
                "relative dates such as \"on Wednesday\" are not dated.",
    "conflicts": "No conflicting figures or dates were found between sources.",
    "balance": "The briefing has no sections with excerpts, so there is no source balance to show.",
}

__all__ = ["AIDS", "EMPTY", "Anchor", "Passage", "briefing_passages", "library_passages"]
