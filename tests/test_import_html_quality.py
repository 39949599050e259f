"""Our web-page import is at least as good as calling trafilatura directly: every paragraph
trafilatura's own ``extract`` returns is kept, or shown as dropped with the cleaning rule's reason."""

from __future__ import annotations

import trafilatura

from benchmarks.bench_import import news_page
from briefing.importing.extract import parse


def test_every_paragraph_trafilatura_finds_is_kept_or_dropped_for_a_stated_reason():
    for seed in range(8):
        html = news_page(seed).encode("utf-8")
        theirs = [line.strip() for line in (trafilatura.extract(html) or "").split("\n") if line.strip()]
        assert theirs
        extract = parse(html, "html", "page.html", ".html")
        kept = "\n".join(b.text for b in extract.kept())
        dropped = {b.text: b.reason for b in extract.dropped()}
        for line in theirs:
            line = line.lstrip("- ").strip()
            assert line in kept or dropped.get(line), line
        # and none of the page's chrome is kept
        assert "Skip to content" not in kept and "Share" not in kept.split("\n")
