"""Citations for excerpts.

``processor_for(style)`` is what composition uses: a CSL processor (``processor.py``) that formats
a document's citations with the official CSL styles through pandoc's citeproc (why pandoc:
``pandoc_cite.py`` and the commit that introduced it; metadata mapping: docs/METADATA.md).

``Citer`` below is the earlier hand-written Chicago/APA/MLA formatter.  It was written because
citeproc-py 0.11.1 was wrong for our sources (locator labels unsupported, punctuation outside
quotes, titles printed twice, unescaped HTML output) and slow (~20 s for 500 notes).  It is kept
only because the export benchmark's bare build (``benchmarks/bench_export.py``) and its adapter
rows still use it; it follows none of the styles' own systems (every style as numbered notes).

Facts only: unknown values stay unknown ("n.d.", no URL), and inferred values are bracketed.
"""

from __future__ import annotations

from typing import Iterable

from briefing.citation import formats
from briefing.citation.formats import Run, plain as _plain
from briefing.citation.terms import STYLES, check_style, load_terms

__all__ = ["Citer", "Run", "STYLES", "processor_for"]


class Citer:
    """Formats citations in one style; the style's terms are loaded once and kept."""

    def __init__(self, style: str = "chicago") -> None:
        self.style = check_style(style)
        self.terms = load_terms(style)
        self._format = formats.FORMATS[style]

    def __repr__(self) -> str:
        return f"Citer({self.style!r})"

    def attribution(self, source) -> str:
        """A short plain line under an excerpt: publisher, title, date ("n.d." when unknown)."""
        return formats.attribution(source, self.terms)

    def note(self, source, paragraph: int | None = None) -> list[Run]:
        """The full note; ``paragraph`` (1-based) is given as the style's locator ("para. 3")."""
        if paragraph is not None and (isinstance(paragraph, bool) or not isinstance(paragraph, int)):
            raise TypeError(f"paragraph must be an int or None, not {paragraph!r}")
        return self._format(source, self.terms, bibliography=False, paragraph=paragraph)

    def bibliography(self, sources: Iterable) -> list[list[Run]]:
        """One entry per distinct source, alphabetised as the style does (APA: undated first, then by date)."""
        seen: set[str] = set()
        keyed = []
        for source in sources:
            if source.id in seen:
                continue
            seen.add(source.id)
            runs = self._format(source, self.terms, bibliography=True)
            text = _plain(runs)
            lead = formats.sort_key(formats.lead(source, self.terms))
            if self.style == "apa":
                key = (lead, formats.sort_date(source), formats.sort_key(text))
            else:
                key = (lead, formats.sort_key(text), formats.sort_date(source))
            keyed.append((key, source.id, runs))
        keyed.sort(key=lambda item: (item[0], item[1]))
        return [runs for _, _, runs in keyed]

    @staticmethod
    def plain(runs: list[Run]) -> str:
        return _plain(runs)



def processor_for(style: str = "chicago"):
    """The ``CitationProcessor`` (``briefing.citation.api``) composition formats citations with:
    the CSL style called ``style`` (bundled or in the user's styles folder), through pandoc."""
    from briefing.citation.processor import CslProcessor
    from briefing.citation.stylefile import find

    return CslProcessor(find(style))
