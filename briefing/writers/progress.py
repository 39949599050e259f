"""One progress bar over an export's two stages: formatting the citations (when pandoc has to
run: a briefing's first export in a style) and writing the file.

pandoc says nothing while it works, so its part of the bar moves on the time it is expected to
take (measured: ~0.2 s to start and read a style, ~2.5 ms a citation), approaching but never
reaching its share; the writer's own fractions fill the rest.  A cancel is honoured while
pandoc runs (``briefing.citation.waiting``).
"""

from __future__ import annotations

import math

from briefing.writers.base import Cancel, ExportCancelled, Progress

COMPOSING = 0.01  # a first visible step as soon as the export starts composing
CITATIONS_SHARE = 0.5  # of the bar, at most
START_S = 0.2
PER_CITATION_S = 0.0025


class ExportProgress:
    def __init__(self, progress: Progress | None, cancel: Cancel | None) -> None:
        self.progress = progress
        self.cancel = cancel
        self.base = 0.0  # where the writer's 0 lands on the bar

    def composing(self) -> None:
        self.base = COMPOSING
        if self.progress is not None:
            self.progress(self.base, "Composing the document")

    def citing(self, elapsed: float, count: int) -> None:
        if self.cancel is not None and self.cancel():
            raise ExportCancelled("export cancelled")
        if self.progress is not None:
            expected = START_S + PER_CITATION_S * count
            self.base = max(self.base, COMPOSING + (CITATIONS_SHARE - COMPOSING) * (1 - math.exp(-elapsed / expected)))
            self.progress(self.base, f"Formatting {count} citations…")

    def writing(self, fraction: float, message: str = "") -> None:
        if self.progress is not None:
            self.progress(self.base + (1 - self.base) * fraction, message)
