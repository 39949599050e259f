"""The benchmark briefing: ``briefing.writers.export`` (compose + stock-reportlab PDF writer) vs a
bare one-pass platypus build of the same text vs WeasyPrint; ``compose()`` alone; a ~10-page
briefing for the in-app preview budget.  The side-by-side rows export with the citations already
formatted (each worker exports once, untimed, first: the CSL processor's cache is warm); the
"first export" workers measure a first export with an empty citation cache, as a user's first
export of a briefing (or any export with a style's cache deleted) pays it.

Each measurement runs in a fresh subprocess (``--worker``) so one library's import or
memory does not colour another's.  The export, compose() and the bare build alternate in the
*same* process, so their ratios are measured side by side.  Peak memory comes from a separate
process that does nothing but one export: ``ru_maxrss`` (the whole process, interpreter and
reportlab included) and tracemalloc's peak for the export call alone.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


SMALL = {"sections": 2, "per_section": 12}  # about 10 pages in the memo theme


def _fixture(size: dict | None = None):
    from benchmarks.common import library_root
    from benchmarks.fixtures import make_briefing
    from briefing import paths
    from briefing.library import Library

    lib = Library.load(roots=[(paths.CONTENT_DIR, "bundled"), (library_root(1000), "user")], cache_path=False)
    return lib, make_briefing(lib, **(size or {}))


def _printed(briefing, library, layout) -> list[tuple[str, str]]:
    """(style name, plain text) for every paragraph the export prints in the body and end matter,
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
            out.append(("label", layout["key_points_title"]))
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


def bare_platypus(briefing, library, out: Path, printed=None) -> int:
    """The floor: one SimpleDocTemplate.build of plain reportlab Paragraphs holding the same text.

    Same text as the export prints in the body and end matter (``_printed``); the same
    registered DejaVu faces, sizes, leading, indents and spacing as the theme's styles (so the
    lines break alike and the page count matches); same page size and margins.  Left out: the
    cover, contents, outline, running header/footer/marking, page-number forms, keep-together
    groups and keep-with-next, the quote rule and shading, note boxes, links and italics,
    the glyph-coverage check.  ``printed`` may be computed once outside the timing (it is
    the text, not the layout).  Importing ``briefing.writers.pdf.fonts`` imports ``briefing.writers.pdf``,
    so this build runs with the same process-wide reportlab settings as the export (binary
    streams) and the same registered faces."""
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
        printed = _printed(briefing, library, _layout(briefing))
    story = [Paragraph(escape(text, quote=False), styles[style]) for style, text in printed]
    m = theme["margins"]
    size = {"letter": LETTER, "a4": A4}[(briefing.meta.page_size or theme["page_size"]).lower()]
    doc = SimpleDocTemplate(str(out), pagesize=size, leftMargin=m["inner"], rightMargin=m["outer"],
                            topMargin=m["top"], bottomMargin=m["bottom"])
    doc.build(story)
    return doc.page


def _layout(briefing):
    from briefing.compose import layout_for

    return layout_for(briefing.meta)


def weasy_html(briefing, library) -> str:
    """The same printed text as the export (``_printed``: body and end matter) with a cover, a
    contents list with page numbers, the marking and title on every page and "Page X of Y"."""
    from briefing import paths

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
    printed = _printed(briefing, library, _layout(briefing))
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
def _compose_once(briefing, lib, adapter: bool = False):
    """compose() as export() calls it: with ``processor_for`` (whatever citation processor the
    application uses now) or, with ``adapter``, with the Citer adapter (no subprocess)."""
    from briefing.citation import processor_for
    from briefing.citation.adapter import CiterProcessor
    from briefing.compose import compose

    style = briefing.meta.citation_style or "chicago"
    processor = CiterProcessor(style) if adapter else processor_for(style)
    return compose(briefing, lib, processor, _layout(briefing))


def _export_adapter(briefing, lib, out: Path) -> int:
    """The same export with citations from the Citer adapter: composition and the PDF writer alone."""
    from briefing.writers import get
    from briefing.writers.themes import load_theme

    document = _compose_once(briefing, lib, adapter=True)
    return get("pdf").load()(document, load_theme(briefing.meta.theme or "memo"), out).pages


def _side_by_side(briefing, lib, out: Path, runs: int, with_compose: bool) -> dict:
    """The bare build, export(), the export with the Citer adapter (and compose() alone, with each
    processor) alternated, so drift on a shared machine hits all alike."""
    from briefing.writers import export

    # the bare build's text is prepared once, outside its timing: the floor is the layout alone
    printed = _printed(briefing, lib, _layout(briefing))
    bare_platypus(briefing, lib, out / "warm.pdf", printed)  # fonts, imports, caches warm for all
    export(briefing, lib, out / "warm2.pdf")
    _export_adapter(briefing, lib, out / "warm3.pdf")
    times: dict[str, list[float]] = {"bare": [], "export": [], "export_adapter": []}
    if with_compose:
        times.update(compose=[], compose_adapter=[])
    pages: dict[str, int] = {}
    steps = {
        "bare": lambda: pages.__setitem__("bare", bare_platypus(briefing, lib, out / "bare.pdf", printed)),
        "export": lambda: pages.__setitem__("export", export(briefing, lib, out / "full.pdf").pages),
        "export_adapter": lambda: pages.__setitem__("export_adapter", _export_adapter(briefing, lib, out / "a.pdf")),
        "compose": lambda: _compose_once(briefing, lib),
        "compose_adapter": lambda: _compose_once(briefing, lib, adapter=True),
    }
    cpu: dict[str, list[float]] = {name: [] for name in times}  # this process's CPU time (not pandoc's)
    for _ in range(runs):
        for name in times:
            t0, c0 = time.perf_counter(), time.process_time()
            steps[name]()
            times[name].append(time.perf_counter() - t0)
            cpu[name].append(time.process_time() - c0)
    res: dict = dict(times, pages=pages, cpu=cpu)
    # on a machine shared with other jobs, CPU time is the steadier measure of in-process work
    res["adapter_cpu_ratios"] = [f / b for f, b in zip(cpu["export_adapter"], cpu["bare"])]
    res["ratios"] = [f / b for f, b in zip(times["export"], times["bare"])]
    res["adapter_ratios"] = [f / b for f, b in zip(times["export_adapter"], times["bare"])]
    if with_compose:
        res["compose_shares"] = [c / f for c, f in zip(times["compose"], times["export"])]
        res["compose_adapter_shares"] = [c / f for c, f in zip(times["compose_adapter"], times["export_adapter"])]
    return res


def _first_export(size: dict | None) -> dict:
    """A first export with an empty citation cache (this process and a user cache dir of its own),
    then a re-export in the same process (citations cached in memory) and one as a new process
    would do it (the saved cache only): wall time, compose()'s share, pandoc calls of each."""
    import briefing.compose as composition
    from briefing.citation import processor as csl
    from briefing.writers import export

    lib, briefing = _fixture(size)
    out = Path(tempfile.mkdtemp(prefix="bb-bench-pdf-"))
    counts = {"pandoc": 0, "compose": 0.0}
    render, compose = csl.render, composition.compose

    def counted_render(*args, **kwargs):
        counts["pandoc"] += 1
        return render(*args, **kwargs)

    def timed_compose(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return compose(*args, **kwargs)
        finally:
            counts["compose"] += time.perf_counter() - t0

    csl.render, composition.compose = counted_render, timed_compose
    # the bare build first: imports, fonts and reportlab's caches are warm, as for the other rows;
    # what differs is only the citation cache
    res: dict = {"bare": min(_timed(lambda: bare_platypus(briefing, lib, out / "bare.pdf")) for _ in range(3))}
    for name in ("first", "again", "saved_cache"):
        if name == "saved_cache":
            csl.forget_loaded_caches()  # as a new process starts: only the saved cache
        counts.update(pandoc=0, compose=0.0)
        t0 = time.perf_counter()
        pages = export(briefing, lib, out / f"{name}.pdf").pages
        seconds = time.perf_counter() - t0
        res[name] = {"seconds": seconds, "compose": counts["compose"], "pandoc_calls": counts["pandoc"],
                     "pages": pages}
    return res


def _timed(step) -> float:
    t0 = time.perf_counter()
    step()
    return time.perf_counter() - t0


def _worker(kind: str, runs: int) -> dict:
    if kind in ("first", "first-small"):  # an empty citation cache: a user cache dir of its own
        os.environ["BRIEFING_BOOK_HOME"] = tempfile.mkdtemp(prefix="bb-bench-export-")
        return _first_export(SMALL if kind == "first-small" else None)
    os.environ.setdefault("BRIEFING_BOOK_HOME", tempfile.mkdtemp(prefix="bb-bench-export-"))
    if kind == "ratio-noaccel":  # reportlab without its optional C accelerator (rl-accel)
        sys.modules["_rl_accel"] = None
    lib, briefing = _fixture(SMALL if kind == "small" else None)
    out = Path(tempfile.mkdtemp(prefix="bb-bench-pdf-"))
    from briefing.writers import export

    if kind in ("ratio", "ratio-noaccel"):
        return _side_by_side(briefing, lib, out, runs, with_compose=kind == "ratio")
    if kind == "small":
        return _side_by_side(briefing, lib, out, runs, with_compose=False)
    if kind == "memory":
        import tracemalloc

        # VmHWM, not ru_maxrss: ru_maxrss carries over the parent's peak through fork+exec
        before = _vm("VmHWM")
        t0 = time.perf_counter()
        export(briefing, lib, out / "mem.pdf")
        seconds = time.perf_counter() - t0
        rss = _vm("VmHWM")
        tracemalloc.start()
        export(briefing, lib, out / "mem2.pdf")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {"maxrss_before_kb": before, "maxrss_kb": rss, "tracemalloc_peak": peak, "seconds": seconds}
    if kind == "weasyprint":
        try:
            import weasyprint
        except Exception as exc:  # noqa: BLE001 - optional, reported as not measured
            return {"error": f"{type(exc).__name__}: {exc}"}
        html = weasy_html(briefing, lib)
        # export() alternates with WeasyPrint in this process, so a change in the shared machine's
        # speed hits both alike (the export's citations are cached by the untimed first call)
        export(briefing, lib, out / "warm.pdf")
        times, exports, pages = [], [], 0
        for _ in range(runs):
            exports.append(_timed(lambda: export(briefing, lib, out / "side.pdf")))
            t0 = time.perf_counter()
            doc = weasyprint.HTML(string=html, base_url=str(REPO)).render()
            doc.write_pdf(out / "weasy.pdf")
            times.append(time.perf_counter() - t0)
            pages = len(doc.pages)
        return {"times": times, "exports": exports, "pages": pages, "version": weasyprint.__version__}
    if kind == "profile":
        from pyinstrument import Profiler

        export(briefing, lib, out / "warm.pdf")
        profiler = Profiler(interval=0.002)
        profiler.start()
        export(briefing, lib, out / "prof.pdf")
        profiler.stop()
        return {"text": profiler.output_text(unicode=False, color=False)}
    raise SystemExit(f"unknown worker {kind}")


def _spawn(kind: str, runs: int) -> dict:
    from benchmarks.common import spawn_worker

    return spawn_worker("benchmarks.bench_export", kind, runs)


def run(quick: bool = False) -> dict:
    from benchmarks.common import library_root

    library_root(1000)
    ratio = _spawn("ratio", 3 if quick else 5)
    small = _spawn("small", 5 if quick else 9)
    noaccel = _spawn("ratio-noaccel", 1 if quick else 3)
    memory = _spawn("memory", 1)
    weasy = _spawn("weasyprint", 1 if quick else 3)
    # the rows above export with the citations already cached (each worker exports once untimed
    # first); a user's first export of a briefing formats them all: one fresh process per run
    first = [_spawn("first", 1) for _ in range(1 if quick else 3)]
    first_small = [_spawn("first-small", 1) for _ in range(1 if quick else 3)]
    res = {"ratio": ratio, "small": small, "noaccel": noaccel, "memory": memory, "weasyprint": weasy,
           "first": first, "first_small": first_small}
    med = statistics.median
    if "export" in ratio:
        res.update(export_median=med(ratio["export"]), bare_median=med(ratio["bare"]),
                   ratio_median=med(ratio["ratios"]), adapter_median=med(ratio["export_adapter"]),
                   adapter_ratio_median=med(ratio["adapter_ratios"]), compose_median=med(ratio["compose"]),
                   adapter_cpu_ratio_median=med(ratio["adapter_cpu_ratios"]),
                   compose_share_median=med(ratio["compose_shares"]),
                   compose_adapter_median=med(ratio["compose_adapter"]),
                   compose_adapter_share_median=med(ratio["compose_adapter_shares"]))
    if "export" in small:
        res.update(small_export_median=med(small["export"]), small_bare_median=med(small["bare"]),
                   small_ratio_median=med(small["ratios"]), small_adapter_median=med(small["export_adapter"]),
                   small_adapter_ratio_median=med(small["adapter_ratios"]),
                   small_adapter_cpu_ratio_median=med(small["adapter_cpu_ratios"]))
    if "export" in noaccel:
        res.update(noaccel_export_median=med(noaccel["export"]), noaccel_adapter_median=med(noaccel["export_adapter"]),
                   noaccel_bare_median=med(noaccel["bare"]), noaccel_ratio_median=med(noaccel["adapter_ratios"]))
    for key, runs_ in (("first", first), ("first_small", first_small)):
        done = [f for f in runs_ if "first" in f]
        if done:
            res[key + "_median"] = med(f["first"]["seconds"] for f in done)
            res[key + "_compose_median"] = med(f["first"]["compose"] for f in done)
            res[key + "_share_median"] = med(f["first"]["compose"] / f["first"]["seconds"] for f in done)
            res[key + "_ratio_median"] = med(f["first"]["seconds"] / f["bare"] for f in done)
    if "times" in weasy:
        res["weasy_median"] = statistics.median(weasy["times"])
        res["weasy_export_median"] = statistics.median(weasy["exports"])
        res["weasy_ratio"] = res["weasy_median"] / res["weasy_export_median"]
    return res


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--worker":
        print(json.dumps(_worker(sys.argv[2], int(sys.argv[3]))))
    elif "--profile" in sys.argv:
        print(_spawn("profile", 1).get("text", "profile failed"))
    else:
        print(json.dumps(run("--quick" in sys.argv), indent=1))
