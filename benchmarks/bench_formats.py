"""Word and HTML export, the preview and the memo's fit check, each against the PDF export.

- DOCX and HTML export of the 130-page benchmark briefing: each <= 1.5x its PDF export
  (the three interleaved in one process, so machine drift hits all alike).
- Preview of a 10-page briefing: from the moment the quiet interval after an edit ends to the
  first page on screen (snapshot, PDF layout, PDFium render, QImage, pixmap) <= 1.5x the PDF
  export of it alone; the event loop's longest gap meanwhile (10 ms heartbeat) <= 100 ms.
- A two-page information memo with its fit check (export + verdict) <= 2x the export alone, for
  PDF (the check reuses the export) and DOCX (one PDF layout in memory besides the Word file).

    PYTHONPATH=. .venv/bin/python -m benchmarks.bench_formats [--quick]
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _library():
    from benchmarks.common import library_root
    from briefing import paths
    from briefing.library import Library

    return Library.load(roots=[(paths.CONTENT_DIR, "bundled"), (library_root(1000), "user")], cache_path=False)


def _interleaved(steps: dict, runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in steps}
    for step in steps.values():  # warm: imports, fonts, pandoc's first start
        step()
    for _ in range(runs):
        for name, step in steps.items():
            t0 = time.perf_counter()
            step()
            times[name].append(time.perf_counter() - t0)
    return times


def _formats(runs: int) -> dict:
    from benchmarks.fixtures import make_briefing
    from briefing.writers import export

    lib = _library()
    briefing = make_briefing(lib)
    out = Path(tempfile.mkdtemp(prefix="bb-bench-formats-"))
    pages = export(briefing, lib, out / "b.pdf").pages
    times = _interleaved({fmt: (lambda fmt=fmt: export(briefing, lib, out / f"b.{fmt}", format=fmt))
                          for fmt in ("pdf", "docx", "html")}, runs)
    return {"pages": pages, "times": times,
            "docx_ratios": [d / p for d, p in zip(times["docx"], times["pdf"])],
            "html_ratios": [h / p for h, p in zip(times["html"], times["pdf"])]}


def _memo(runs: int) -> dict:
    from benchmarks.common import library_root  # noqa: F401  (same environment as the others)
    from briefing.library import Library
    from briefing.model.assemble import assemble
    from briefing.search import SearchIndex
    from briefing.writers import budget, export

    lib = Library.load(cache_path=False)
    index = SearchIndex.open(":memory:")
    index.update(lib)
    briefing = assemble(lib, index, ["extradition", "training", "migration", "trade"], per_topic=3)  # two pages
    briefing.meta.summary = "Colombia remains the closest U.S. security partner in the region."
    out = Path(tempfile.mkdtemp(prefix="bb-bench-memo-"))

    def checked(fmt):
        result = export(briefing, lib, out / f"m.{fmt}", format=fmt, layout="info-memo")
        return budget.check(briefing, lib, "info-memo", pdf_result=result if fmt == "pdf" else None)

    steps = {"pdf": lambda: export(briefing, lib, out / "m.pdf", layout="info-memo"),
             "pdf_checked": lambda: checked("pdf"),
             "docx": lambda: export(briefing, lib, out / "m.docx", format="docx", layout="info-memo"),
             "docx_checked": lambda: checked("docx")}
    times = _interleaved(steps, runs)
    verdict = checked("pdf")
    return {"pages": verdict.pages, "budget": verdict.budget, "times": times,
            "pdf_ratios": [c / e for c, e in zip(times["pdf_checked"], times["pdf"])],
            "docx_ratios": [c / e for c, e in zip(times["docx_checked"], times["docx"])]}


def _preview(runs: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from benchmarks.fixtures import make_briefing
    from benchmarks.loop_gaps import LoopGaps
    from briefing.gui.document import DocumentController
    from briefing.gui.preview_pane import PreviewPane
    from briefing.writers import export

    app = QApplication.instance() or QApplication([])
    lib = _library()
    briefing = make_briefing(lib, sections=2, per_section=14)
    controller = DocumentController(lib)
    controller._reset(briefing, None)  # benchmarks load a briefing without a file (see DocumentController)
    pane = PreviewPane(lib, controller)
    pane.resize(520, 800)
    pane.show()
    out = Path(tempfile.mkdtemp(prefix="bb-bench-preview-"))
    pages = export(controller.briefing, lib, out / "p.pdf").pages

    def wait(predicate, limit=60.0):
        end = time.perf_counter() + limit
        while not predicate() and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)

    shown: list[float] = []
    pane.rendered.connect(lambda *_: shown.append(time.perf_counter()))
    started: list[float] = []
    pane.timer.timeout.connect(lambda: started.append(time.perf_counter()))
    heartbeat = LoopGaps()
    wait(lambda: bool(shown))  # the first render when shown
    preview, exports, longest = [], [], []
    for run in range(runs + 1):
        shown.clear()
        started.clear()
        controller.set_meta("title", f"Preview benchmark {run}")  # an edit
        wait(lambda: bool(started))
        heartbeat.start()
        wait(lambda: bool(shown))
        heartbeat.stop()
        t0 = time.perf_counter()
        export(controller.briefing, lib, out / "p.pdf")
        if run:  # the first is a warm-up
            exports.append(time.perf_counter() - t0)
            preview.append(shown[0] - started[0])
            longest.append(heartbeat.longest)
    pane.shutdown()
    return {"pages": pages, "preview": preview, "export": exports, "longest_gap": longest,
            "ratios": [p / e for p, e in zip(preview, exports)]}


def _worker(kind: str, runs: int) -> dict:
    os.environ.setdefault("BRIEFING_BOOK_HOME", tempfile.mkdtemp(prefix="bb-bench-formats-home-"))
    return {"formats": _formats, "memo": _memo, "preview": _preview}[kind](runs)


def _spawn(kind: str, runs: int) -> dict:
    from benchmarks.common import spawn_worker

    return spawn_worker("benchmarks.bench_formats", kind, runs)


def run(quick: bool = False) -> dict:
    runs = 3 if quick else 5
    return {kind: _spawn(kind, runs) for kind in ("formats", "preview", "memo")}


def rows(res: dict, status) -> list[tuple[str, str, str, str, str]]:
    """The page's rows (``benchmarks.run`` renders them; ``status`` computes met / not met)."""
    med = statistics.median
    out = []
    f = res.get("formats", {})
    if "times" in f:
        pdf = med(f["times"]["pdf"])
        for fmt, label in (("docx", "DOCX"), ("html", "HTML")):
            ratio = med(f[f"{fmt}_ratios"])
            note = ("pandoc (pypandoc-binary, --sandbox) from the composed document as JSON, then header/footer, "
                    "page size and properties set in the package's small XML parts" if fmt == "docx" else
                    "Jinja2 templates with autoescaping, one self-contained file")
            out.append((f"{label} export of the {f['pages']}-page benchmark briefing: <= 1.5x its PDF export",
                        f"{med(f['times'][fmt]):.2f} s", f"{ratio:.2f}x the PDF export ({pdf:.2f} s), interleaved",
                        status(ratio, 1.5, "<="), f"{note}; runs: " + ", ".join(f"{t:.2f}" for t in f["times"][fmt])))
    p = res.get("preview", {})
    if "ratios" in p:
        ratio = med(p["ratios"])
        out.append((f"Preview of a {p['pages']}-page briefing: end of the quiet interval after an edit to the first "
                    "page shown <= 1.5x its PDF export", f"{med(p['preview']) * 1000:.0f} ms",
                    f"{ratio:.2f}x the PDF export ({med(p['export']) * 1000:.0f} ms)", status(ratio, 1.5, "<="),
                    "snapshot, PDF layout in memory, PDFium render of one page, QImage, pixmap; the 0.5 s quiet "
                    "interval after the last keystroke comes before it by design"))
        gap = max(p["longest_gap"])
        out.append(("Event loop while the preview renders: no stall > 100 ms (10 ms heartbeat)",
                    f"{gap * 1000:.0f} ms longest gap", f"median of runs {med(p['longest_gap']) * 1000:.0f} ms",
                    status(gap, 0.1, "<="), "the layout and render run on the pane's own worker thread"))
    m = res.get("memo", {})
    if "pdf_ratios" in m:
        for fmt in ("pdf", "docx"):
            ratio = med(m[f"{fmt}_ratios"])
            out.append((f"A {m['pages']}-page information memo ({fmt.upper()}) with its fit check: <= 2x a single export",
                        f"{med(m['times'][fmt + '_checked']) * 1000:.0f} ms",
                        f"{ratio:.2f}x the export alone ({med(m['times'][fmt]) * 1000:.0f} ms)", status(ratio, 2.0, "<="),
                        "the verdict comes from the PDF export itself" if fmt == "pdf" else
                        "one PDF layout in memory besides the Word file; never trial layouts"))
    for kind in ("formats", "preview", "memo"):
        if "error" in res.get(kind, {}):
            out.append((f"formats benchmark: {kind}", "not measured", res[kind]["error"], "**not measured**", ""))
    return out


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--worker":
        print(json.dumps(_worker(sys.argv[2], int(sys.argv[3]))))
    else:
        result = run("--quick" in sys.argv)
        print(json.dumps(result, indent=1))
