"""The briefing aids (key figures, timeline, conflicts, balance) against the work they sit beside.

Targets (issue 15): all four aids over the 10,000-source library <= 2x the time of indexing it
(both read every text: the sources' cached texts are dropped before each run); over the
~130-page benchmark briefing <= 0.25x its PDF export, so the GUI panel can refresh as the
briefing changes.  Runs of each pair are interleaved so load on the shared machine hits both.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from benchmarks.common import isolated_home, library_root, timed


def _forget(lib) -> None:
    for source in lib.sources.values():
        source.forget_text()


def _library(runs: int) -> dict:
    from briefing import paths
    from briefing.analysis.report import analyse_library
    from briefing.library import Library
    from briefing.search import SearchIndex

    with isolated_home() as home:
        lib = Library.load(roots=[(paths.CONTENT_DIR, "bundled"), (library_root(10000), "user")], cache_path=False)
        index_times, aids_times = [], []
        aids = None
        for r in range(runs):
            _forget(lib)
            db = home / f"index-{r}.sqlite3"

            def build():
                with SearchIndex.open(db) as idx:
                    return idx.update(lib)

            t, res = timed(build)
            assert res.indexed == len(lib.sources), res
            index_times.append(t)
            _forget(lib)
            t, aids = timed(lambda: analyse_library(lib))
            aids_times.append(t)
        return {"index": index_times, "aids": aids_times, "sources": len(lib.sources), "passages": aids.passages,
                "figures": len(aids.figures), "dates": len(aids.timeline), "conflicts": len(aids.conflicts)}


def _briefing(runs: int) -> dict:
    from benchmarks.fixtures import make_briefing
    from briefing import paths
    from briefing.analysis.report import analyse_briefing
    from briefing.library import Library
    from briefing.writers import export

    with isolated_home():
        lib = Library.load(roots=[(paths.CONTENT_DIR, "bundled"), (library_root(1000), "user")], cache_path=False)
        briefing = make_briefing(lib)
        out = Path(tempfile.mkdtemp(prefix="bb-aids-")) / "briefing.pdf"
        pages = export(briefing, lib, out).pages  # warm: fonts, imports, caches
        analyse_briefing(briefing, lib)
        export_times, aids_times = [], []
        aids = None
        for _ in range(runs):
            export_times.append(timed(lambda: export(briefing, lib, out))[0])
            t, aids = timed(lambda: analyse_briefing(briefing, lib))
            aids_times.append(t)
        return {"export": export_times, "aids": aids_times, "pages": pages, "excerpts": aids.passages,
                "figures": len(aids.figures), "dates": len(aids.timeline), "conflicts": len(aids.conflicts),
                "sections": len(aids.balance)}


def run(quick: bool = False) -> dict:
    library_root(10000)
    library_root(1000)  # generated outside any timing
    lib = _library(1 if quick else 3)
    brief = _briefing(3 if quick else 5)
    med = statistics.median
    return {
        "library": lib, "briefing": brief,
        "library_aids_median": med(lib["aids"]), "library_index_median": med(lib["index"]),
        "library_ratio": med(a / i for a, i in zip(lib["aids"], lib["index"])),
        "briefing_aids_median": med(brief["aids"]), "briefing_export_median": med(brief["export"]),
        "briefing_ratio": med(a / e for a, e in zip(brief["aids"], brief["export"])),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(quick=True), indent=1))
