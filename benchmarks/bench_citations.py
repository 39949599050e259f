"""Citations of the 130-page benchmark briefing (480 notes, 383 sources) through the CSL processor.

Measured against the PDF export of the same briefing (citations already cached, so the export's
own time): formatting every citation and the bibliography on a first export (caches empty) must
take <= 1.0x that export; a re-export after editing one excerpt's text (the same citations) and
after moving one excerpt to another paragraph (one new locator) must take <= 0.05x.

    PYTHONPATH=. .venv/bin/python -m benchmarks.bench_citations [--quick]
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

STYLES = ("chicago", "apa", "mla")


def _fixture():
    from benchmarks.common import library_root
    from benchmarks.fixtures import make_briefing
    from briefing import paths
    from briefing.library import Library

    lib = Library.load(roots=[(paths.CONTENT_DIR, "bundled"), (library_root(1000), "user")], cache_path=False)
    return lib, make_briefing(lib)


def _requests(briefing, library):
    from briefing.citation.api import request_for

    excerpts = [e for e in briefing.all_excerpts() if e.source_id in library.sources]
    return [request_for(library.sources[e.source_id], e.paragraph) for e in excerpts]


def run(quick: bool = False) -> dict:
    os.environ.setdefault("BRIEFING_BOOK_HOME", tempfile.mkdtemp(prefix="bb-bench-cite-"))
    from briefing.citation import processor_for
    from briefing.citation.api import CiteRequest
    from briefing.citation.processor import clear_caches
    from briefing.writers import export

    lib, briefing = _fixture()
    requests = _requests(briefing, lib)
    sources = {r.source_id: lib.sources[r.source_id] for r in requests}
    runs = 2 if quick else 3
    out = Path(tempfile.mkdtemp(prefix="bb-bench-cite-pdf-"))
    res: dict = {"notes": len(requests), "sources": len(sources), "styles": {}}
    for style in STYLES:
        processor = processor_for(style)
        first, same, moved, export_times = [], [], [], []
        for _ in range(runs):
            clear_caches()
            t0 = time.perf_counter()
            processor.process(sources, requests)
            first.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            processor.process(sources, requests)  # one excerpt's text edited: the same citations
            same.append(time.perf_counter() - t0)
            edited = list(requests)
            i = len(edited) // 2
            n = int(edited[i].locator or 0) % 9 + 1 + len(same)  # a locator not cited before
            edited[i] = CiteRequest(edited[i].source_id, str(n), edited[i].label)
            t0 = time.perf_counter()
            processor.process(sources, edited)
            moved.append(time.perf_counter() - t0)
            stats = processor.last
            t0 = time.perf_counter()
            export(briefing, lib, out / f"{style}.pdf", style=style)  # citations cached: the export's own time
            export_times.append(time.perf_counter() - t0)
        row = {"first": first, "same": same, "moved": moved, "export": export_times,
               "moved_formatted": stats.formatted, "moved_pandoc_calls": stats.pandoc_calls}
        for key in ("first", "same", "moved", "export"):
            row[key + "_median"] = statistics.median(row[key])
        for key in ("first", "same", "moved"):
            row[key + "_ratio"] = row[key + "_median"] / row["export_median"]
        res["styles"][style] = row
    res["load"] = os.getloadavg()[0]
    return res


if __name__ == "__main__":
    print(json.dumps(run("--quick" in sys.argv), indent=1))


FIRST_LIMIT = ("Since issue 10's closing round the PDF export this is compared with is ~1.5x faster (stock "
               "reportlab with one-face end matter, 2.4x -> 1.6x its bare build) while pandoc's time is the same "
               "(~0.2 s to start and read the style, ~2.3 ms a citation), so Chicago's full notes, the slowest "
               "style, came out over 1.0x in that round's runs.  Tried and dropped: the bibliography as a "
               "pandoc call of its own beside the notes (no measurable gain on 2 cores) and the notes in "
               "chunks formatted side by side (each chunk needs its look-alike items' first citations: 809 "
               "citations formatted for 480, slower)")


def rows(res: dict, status) -> list[tuple[str, str, str, str, str]]:
    """The page's rows (``benchmarks.run`` renders them; ``status`` computes met / not met)."""
    out = []
    n, s = res["notes"], res["sources"]
    for style, r in res["styles"].items():
        export = f"the PDF export of it {r['export_median']:.2f} s ({style}, citations cached)"
        out.append((f"Citations, {style}: {n} notes + {s} sources on a first export (cache empty): <= 1.0x the PDF export",
                    f"{r['first_median']:.2f} s", f"{r['first_ratio']:.2f}x {export}", status(r["first_ratio"], 1.0, "<="),
                    "one pandoc citeproc call (--sandbox) with every citation and the bibliography; "
                    f"runs: {', '.join(f'{t:.2f}' for t in r['first'])} s.  {FIRST_LIMIT}"))
        out.append((f"Citations, {style}: re-export after editing one excerpt's text: <= 0.05x the PDF export",
                    f"{r['same_median'] * 1000:.1f} ms", f"{r['same_ratio']:.3f}x", status(r["same_ratio"], 0.05, "<="),
                    "every citation and the bibliography from the cache (per style, item metadata, look-alike "
                    "items, locator, position); no pandoc call; the time is building and hashing the 383 items"))
        out.append((f"Citations, {style}: re-export after moving one excerpt to another paragraph: <= 0.05x",
                    f"{r['moved_median'] * 1000:.0f} ms", f"{r['moved_ratio']:.3f}x", status(r["moved_ratio"], 0.05, "<="),
                    f"one pandoc call formatting {r['moved_formatted']} citations (the new one, what fixes its "
                    "position, its look-alikes); limit: pandoc's start-up and parse of the style (~0.1 s for "
                    "APA, ~0.2 s for Chicago's 240 KB file) on every call"))
    return out
