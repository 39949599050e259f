"""The 160-page briefing: export_pdf vs a bare one-pass platypus build vs WeasyPrint.

Each measurement runs in a fresh subprocess (``--worker``) so one library's import or
memory does not colour another's.  export_pdf and the bare build alternate in the *same*
process, so their ratio is measured side by side.  Peak memory comes from a separate
process that does nothing but one export: ``ru_maxrss`` (the whole process, interpreter and
reportlab included) and tracemalloc's peak for the export call alone.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _fixture():
    from benchmarks.common import library_root
    from benchmarks.fixtures import make_briefing
    from briefing import paths
    from briefing.library import Library

    lib = Library.load(roots=[(paths.CONTENT_DIR, "bundled"), (library_root(1000), "user")], cache_path=False)
    return lib, make_briefing(lib)


def _printed(briefing, library, theme) -> list[tuple[str, str]]:
    """(style name, plain text) for every paragraph export_pdf prints in the body and end matter,
    in order: section headings, the key-points label and points, each excerpt (with its
    ellipses), its attribution line with the note number, its comment, notes, sub-headings,
    then the "Notes" heading and every endnote, the "Sources" heading and every bibliography
    entry.  Written here from the model and the Citer, not taken from the export code."""
    from briefing.citation import Citer

    citer = Citer(briefing.meta.citation_style or "chicago")
    out: list[tuple[str, str]] = []
    notes, cited, seen = [], [], set()
    for i, section in enumerate(briefing.sections):
        out.append(("h1", section.title.strip() or f"Section {i + 1}"))
        points = [p for p in section.key_points if p and p.strip()]
        if points:
            out.append(("label", theme["key_points_title"]))
            out += [("bullet", "\u2022 " + p) for p in points]
        for item in section.items:
            if item.kind == "excerpt":
                source = library.sources.get(item.source_id)
                notes.append((item, source))
                if source is not None and source.id not in seen:
                    seen.add(source.id)
                    cited.append(source)
                text = ("\u2026 " if item.lead_ellipsis else "") + item.text + (" \u2026" if item.trail_ellipsis else "")
                out.append(("quote", text))
                attribution = citer.attribution(source) if source is not None else item.source_id
                out.append(("attribution", f"\u2014 {attribution} {len(notes)}"))
                if item.comment and item.comment.strip():
                    out.append(("comment", "Comment: " + item.comment))
            elif item.kind == "note":
                out.append(("note", "Note\u2003" + item.text))
            else:
                out.append(("h2", item.text))
    if notes:
        out.append(("h1", "Notes"))
        for number, (item, source) in enumerate(notes, 1):
            body = "".join(r.text for r in citer.note(source, item.paragraph)) if source is not None else item.source_id
            out.append(("endnote", f"{number}.\u2002{body}"))
        out.append(("h1", "Sources"))
        out += [("bib", "".join(r.text for r in runs)) for runs in citer.bibliography(cited)]
    return out


def _engine_classes():
    """A Paragraph and a Canvas with the export's own text engine (one-face line breaking from
    remembered widths, text coded through a translate table), for the informational baseline."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from briefing.writers.pdf.oneface import break_one_face
    from briefing.writers.pdf.textcode import TableCodedTextObject

    class EngineParagraph(Paragraph):
        def breakLines(self, width):
            lines = break_one_face(self, width)
            return lines if lines is not None else super().breakLines(width)

    class EngineCanvas(Canvas):
        def beginText(self, x=0, y=0, direction=None):
            return TableCodedTextObject(self, x, y, direction=direction)

    return EngineParagraph, EngineCanvas


def bare_platypus(briefing, library, out: Path, printed=None, engine: bool = False) -> int:
    """The floor: one SimpleDocTemplate.build of plain reportlab Paragraphs holding the same text.

    Same text as the export prints in the body and end matter (``_printed``); the same
    registered DejaVu faces, sizes, leading, indents and spacing as the theme's styles (so the
    lines break alike and the page count matches); same page size and margins.  Left out: the
    cover, contents, outline, running header/footer/marking, page-number forms, keep-together
    groups and keep-with-next, the quote rule and shading, note boxes, links and italics,
    the glyph-coverage check.  ``printed`` may be computed once outside the timing (it is
    the text, not the layout).  Importing ``briefing.writers.pdf.fonts`` imports ``briefing.writers.pdf``,
    so this build runs with the same process-wide reportlab settings as export_pdf (binary
    streams) and the same registered faces (which cache word widths)."""
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from briefing.writers.pdf.fonts import register_fonts
    from briefing.writers.pdf.styles import build_styles
    from briefing.writers.themes import load_theme

    register_fonts()
    theme = load_theme(briefing.meta.theme or "memo")
    styles = {name: ParagraphStyle(name + "-plain", parent=st, keepWithNext=0, backColor=None, borderWidth=0,
                                   borderPadding=0, borderColor=None)
              for name, st in build_styles(theme).items()}
    if printed is None:
        printed = _printed(briefing, library, theme)
    para_class, canvas_kw = Paragraph, {}
    if engine:  # the same build with the export's text engine: how much of the ratio it explains
        para_class, canvas_class = _engine_classes()
        canvas_kw = {"canvasmaker": canvas_class}
    story = [para_class(escape(text, quote=False), styles[style]) for style, text in printed]
    m = theme["margins"]
    size = {"letter": LETTER, "a4": A4}[(briefing.meta.page_size or theme["page_size"]).lower()]
    doc = SimpleDocTemplate(str(out), pagesize=size, leftMargin=m["inner"], rightMargin=m["outer"],
                            topMargin=m["top"], bottomMargin=m["bottom"])
    doc.build(story, **canvas_kw)
    return doc.page


def weasy_html(briefing, library) -> str:
    """The same printed text as the export (``_printed``: body and end matter) with a cover, a
    contents list with page numbers, the marking and title on every page and "Page X of Y"."""
    from briefing import paths
    from briefing.writers.themes import load_theme

    fonts = paths.FONTS_DIR.as_uri()
    meta = briefing.meta
    parts = [f"""<!doctype html><html><head><meta charset="utf-8"><style>
@font-face {{ font-family: DV; src: url({fonts}/DejaVuSerif.ttf); }}
@font-face {{ font-family: DV; font-style: italic; src: url({fonts}/DejaVuSerif-Italic.ttf); }}
@font-face {{ font-family: DVS; src: url({fonts}/DejaVuSans.ttf); }}
@font-face {{ font-family: DVS; font-weight: bold; src: url({fonts}/DejaVuSans-Bold.ttf); }}
@page {{ size: letter; margin: 0.8in;
  @top-center {{ content: "{escape(meta.marking)}"; font: bold 8.5pt DVS; color: #8b1a1a; }}
  @top-left {{ content: "{escape(meta.title)}"; font: 8pt DVS; color: #5a5a5a; }}
  @bottom-center {{ content: "{escape(meta.marking)}"; font: bold 8.5pt DVS; color: #8b1a1a; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font: 8pt DVS; color: #5a5a5a; }} }}
body {{ font: 10pt/12.5pt DV; }} h1, h2, .label {{ font-family: DVS; font-weight: bold; color: #1f3a5f; }}
h1 {{ font-size: 14pt; }} .cover {{ page-break-after: always; }} .toc {{ page-break-after: always; }}
.quote {{ margin: 7pt 4pt 0 16pt; font-size: 9.5pt; background: #f4f6f8; border-left: 2pt solid #8aa0b8; padding: 3pt 4pt 3pt 6pt; }}
.attribution {{ font: 8pt DVS; color: #5a5a5a; margin: 3pt 0 3.5pt 16pt; }}
.note {{ font: 9pt DVS; background: #fff8e1; border: 0.6pt solid #d9b44a; padding: 5pt; margin: 7pt 5pt 10pt 5pt; }}
.endnote, .bib {{ font-size: 9pt; padding-left: 18pt; text-indent: -18pt; margin: 0 0 3pt 0; }}
.bullet {{ margin: 0 0 2pt 14pt; }}
.toc a::after {{ content: leader('.') target-counter(attr(href), page); }}
</style></head><body><section class="cover"><h1>{escape(meta.title)}</h1><p>{escape(meta.subtitle)}</p>
<p>{escape(meta.prepared_for)}</p><p>{escape(meta.prepared_by)}</p><p>{escape(meta.date)}</p><p>{escape(meta.purpose)}</p></section>
<h1>Contents</h1><ul class="toc">"""]
    printed = _printed(briefing, library, load_theme(meta.theme or "memo"))
    heads = [text for style, text in printed if style == "h1"]
    parts += [f'<li><a href="#s{k}">{escape(t)}</a></li>' for k, t in enumerate(heads)]
    parts.append("</ul>")
    k = 0
    for style, text in printed:
        if style == "h1":
            parts.append(f'<h1 id="s{k}">{escape(text)}</h1>')
            k += 1
        elif style == "h2":
            parts.append(f"<h2>{escape(text)}</h2>")
        else:
            parts.append(f'<p class="{style}">{escape(text)}</p>')
    parts.append("</body></html>")
    return "".join(parts)


def _vm(field: str) -> int:
    """A /proc/self/status value in kB (Linux)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


# -- workers (run in a subprocess) -------------------------------------------------------
def _worker(kind: str, runs: int) -> dict:
    os.environ.setdefault("BRIEFING_BOOK_HOME", tempfile.mkdtemp(prefix="bb-bench-export-"))
    lib, briefing = _fixture()
    out = Path(tempfile.mkdtemp(prefix="bb-bench-pdf-"))
    from briefing.writers.pdf import export_pdf

    if kind == "ratio":
        from briefing.writers.themes import load_theme

        # the bare build's text is prepared once, outside its timing: the floor is the layout alone
        printed = _printed(briefing, lib, load_theme(briefing.meta.theme or "memo"))
        bare_platypus(briefing, lib, out / "warm.pdf", printed)  # fonts, imports, caches warm for all
        bare_platypus(briefing, lib, out / "warm3.pdf", printed, engine=True)
        export_pdf(briefing, lib, out / "warm2.pdf")
        bare, full, engine, pages = [], [], [], {}
        for _ in range(runs):  # alternate so drift on a shared machine hits all alike
            t0 = time.perf_counter()
            pages["bare"] = bare_platypus(briefing, lib, out / "bare.pdf", printed)
            bare.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            pages["export"] = export_pdf(briefing, lib, out / "full.pdf").pages
            full.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            pages["bare_engine"] = bare_platypus(briefing, lib, out / "bare_engine.pdf", printed, engine=True)
            engine.append(time.perf_counter() - t0)
        ratios = [f / b for f, b in zip(full, bare)]
        return {"bare": bare, "export": full, "ratios": ratios, "pages": pages, "bare_engine": engine,
                "engine_ratios": [f / b for f, b in zip(full, engine)]}
    if kind == "memory":
        import tracemalloc

        # VmHWM, not ru_maxrss: ru_maxrss carries over the parent's peak through fork+exec
        before = _vm("VmHWM")
        t0 = time.perf_counter()
        export_pdf(briefing, lib, out / "mem.pdf")
        seconds = time.perf_counter() - t0
        rss = _vm("VmHWM")
        tracemalloc.start()
        export_pdf(briefing, lib, out / "mem2.pdf")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {"maxrss_before_kb": before, "maxrss_kb": rss, "tracemalloc_peak": peak, "seconds": seconds}
    if kind == "weasyprint":
        try:
            import weasyprint
        except Exception as exc:  # noqa: BLE001 - optional, reported as not measured
            return {"error": f"{type(exc).__name__}: {exc}"}
        html = weasy_html(briefing, lib)
        times, pages = [], 0
        for _ in range(runs):
            t0 = time.perf_counter()
            doc = weasyprint.HTML(string=html, base_url=str(REPO)).render()
            doc.write_pdf(out / "weasy.pdf")
            times.append(time.perf_counter() - t0)
            pages = len(doc.pages)
        return {"times": times, "pages": pages, "version": weasyprint.__version__}
    if kind == "profile":
        from pyinstrument import Profiler

        export_pdf(briefing, lib, out / "warm.pdf")
        profiler = Profiler(interval=0.002)
        profiler.start()
        export_pdf(briefing, lib, out / "prof.pdf")
        profiler.stop()
        return {"text": profiler.output_text(unicode=False, color=False)}
    raise SystemExit(f"unknown worker {kind}")


def _spawn(kind: str, runs: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_export", "--worker", kind, str(runs)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)
    if proc.returncode:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> dict:
    from benchmarks.common import library_root

    library_root(1000)
    ratio = _spawn("ratio", 3 if quick else 5)
    memory = _spawn("memory", 1)
    weasy = _spawn("weasyprint", 1 if quick else 3)
    res = {"ratio": ratio, "memory": memory, "weasyprint": weasy}
    if "export" in ratio:
        res["export_median"] = statistics.median(ratio["export"])
        res["bare_median"] = statistics.median(ratio["bare"])
        res["ratio_median"] = statistics.median(ratio["ratios"])
        res["bare_engine_median"] = statistics.median(ratio["bare_engine"])
        res["engine_ratio_median"] = statistics.median(ratio["engine_ratios"])
    if "times" in weasy and "export" in ratio:
        res["weasy_median"] = statistics.median(weasy["times"])
        res["weasy_ratio"] = res["weasy_median"] / res["export_median"]
    return res


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--worker":
        print(json.dumps(_worker(sys.argv[2], int(sys.argv[3]))))
    elif "--profile" in sys.argv:
        print(_spawn("profile", 1).get("text", "profile failed"))
    else:
        print(json.dumps(run("--quick" in sys.argv), indent=1))
