"""Import speed (issue 13): web pages against trafilatura's own extraction, a 50-page PDF report
against pypdf's ``extract_text()``, and 100 mixed files through ``briefing-book import --yes``
(progress interval on stderr, memory of the application process).

The pages and the report are generated here, like the real ones they stand for: a news page with
navigation, share buttons, a figure, sidebar links, comments, scripts and a footer around an
article of 8-30 paragraphs; a report set with reportlab's platypus (headings, body text, running
header, page numbers).  In-process timings interleave ours and the library's, median of the runs.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

WORDS = ("security cooperation Colombia United States training officers extradition programme assistance border "
         "ministry patrols treaty agreement officials said report government the of and in to with for on").split()


def _sentence(rnd: random.Random) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(8, 24))).capitalize() + "."


def _paragraph(rnd: random.Random, n: int = 0) -> str:
    return " ".join(_sentence(rnd) for _ in range(n or rnd.randint(2, 6)))


def news_page(seed: int) -> str:
    rnd = random.Random(seed)
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
    body = []
    for i in range(rnd.randint(8, 30)):
        if i and i % 6 == 0:
            body.append(f"<h2>{_sentence(rnd)[:60]}</h2>")
        body.append(f"<p>{_paragraph(rnd)}</p>")
        if i == 3:
            body.append(f'<figure><img src="p{seed}.jpg" alt=""><figcaption>{_sentence(rnd)} Photo: Agency</figcaption></figure>')
            body.append('<div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>')
    side = "".join(f'<li><a href="/a{i}">{_sentence(rnd)[:70]}</a></li>' for i in range(15))
    comments = "".join(f'<div class="comment"><p>{_sentence(rnd)}</p></div>' for _ in range(rnd.randint(0, 12)))
    script = "<script>var x = {" + ",".join(f'"k{i}": {i}' for i in range(300)) + "};</script>"
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_sentence(rnd)[:70]} | The Ledger</title>'
            f'<meta property="og:site_name" content="The Ledger"><meta name="author" content="Reporter {seed}">'
            f'<meta property="article:published_time" content="2024-0{1 + seed % 9}-1{seed % 10}T08:00:00Z">'
            f'<link rel="canonical" href="https://ledger.example.com/{seed}">{script}</head><body>'
            f'<header><a href="#m">Skip to content</a><nav><ul>{nav}</ul></nav></header>'
            f'<main id="m"><article><h1>{_sentence(rnd)[:70]}</h1><p class="byline">By Reporter {seed}</p>'
            + "".join(body) + f'</article><aside><h3>Most read</h3><ul>{side}</ul></aside>'
            f'<section class="comments">{comments}</section></main>'
            f'<footer><p>© 2024 The Ledger. All rights reserved.</p>{script}</footer></body></html>')


def report_pdf(path: Path, pages: int = 50) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    rnd = random.Random(50)
    styles = getSampleStyleSheet()

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, "Annual Security Review 2023 · Ministry of Defence")
        canvas.drawCentredString(A4[0] / 2, 30, str(doc.page))
        canvas.restoreState()

    story = []
    while True:
        story.append(Paragraph(_sentence(rnd)[:60], styles["Heading2"]))
        for _ in range(6):
            story.append(Paragraph(_paragraph(rnd, 5), styles["BodyText"]))
        if len(story) > pages * 9:
            break
    doc = SimpleDocTemplate(str(path), pagesize=A4, title="Annual Security Review", author="Ministry of Defence")
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    from pypdf import PdfReader

    count = len(PdfReader(str(path)).pages)
    if count < pages:
        raise RuntimeError(f"report has {count} pages")
    return path


def _pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def _interleaved(a, b, runs: int) -> tuple[float, float]:
    ta, tb = [], []
    for _ in range(runs):
        t = time.perf_counter(); a(); ta.append(time.perf_counter() - t)
        t = time.perf_counter(); b(); tb.append(time.perf_counter() - t)
    return statistics.median(ta), statistics.median(tb)


def _bench_html(runs: int) -> dict:
    import trafilatura

    from briefing.importing.extract import parse
    from briefing.importing.save import build_text

    pages = [news_page(seed).encode("utf-8") for seed in range(20)]

    def ours():
        for data in pages:
            build_text(parse(data, "html", "page.html", ".html"))

    def theirs():
        for data in pages:
            trafilatura.extract(data, with_metadata=True)

    ours()
    theirs()
    t_ours, t_theirs = _interleaved(ours, theirs, runs)
    return {"pages": len(pages), "kb": round(sum(map(len, pages)) / len(pages) / 1024), "ours": t_ours,
            "trafilatura": t_theirs}


def _bench_pdf(runs: int, folder: Path) -> dict:
    from pypdf import PdfReader

    from briefing.importing.extract import parse

    path = report_pdf(folder / "report.pdf")
    data = path.read_bytes()

    def ours():
        parse(data, "pdf", "report.pdf", ".pdf")

    def theirs():
        import io

        for page in PdfReader(io.BytesIO(data)).pages:
            page.extract_text()

    ours()
    theirs()
    t_ours, t_theirs = _interleaved(ours, theirs, runs)
    return {"pages": _pdf_pages(path), "ours": t_ours, "pypdf": t_theirs}


def _mixed_files(folder: Path, n: int = 100) -> list[str]:
    import pypandoc  # noqa: F401 - the DOCX files are written by pandoc, as in the tests

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from import_fixtures import write_docx, write_pdf

    files = []
    rnd = random.Random(7)
    for i in range(n):
        kind = i % 5
        if kind == 0:
            p = folder / f"page{i}.html"
            p.write_text(news_page(1000 + i), encoding="utf-8")
        elif kind == 1:
            p = write_pdf(folder / f"report{i}.pdf")
        elif kind == 2:
            p = write_docx(folder / f"memo{i}.docx")
        elif kind == 3:
            p = folder / f"notes{i}.md"
            p.write_text(f"# Notes {i}\n\n" + "\n\n".join(_paragraph(rnd) for _ in range(10)), encoding="utf-8")
        else:
            p = folder / f"legacy{i}.txt"
            p.write_bytes((f"Legacy {i}\n\n" + "\n\n".join(_paragraph(rnd) + " Café." for _ in range(8))).encode("cp1252"))
        files.append(str(p))
    return files


def _bench_batch(folder: Path) -> dict:
    files = _mixed_files(folder)
    repo = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(repo))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "import", "--yes", *files], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def watch():
        while proc.poll() is None:
            try:
                for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                    if line.startswith(("VmHWM:", "VmRSS:")):
                        peak[0] = max(peak[0], int(line.split()[1]))
            except (OSError, ValueError):
                pass
            time.sleep(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    stamps = [start]
    for _line in proc.stderr:
        stamps.append(time.perf_counter())
    proc.wait()
    end = time.perf_counter()
    stamps.append(end)
    watcher.join()
    gaps = [b - a for a, b in zip(stamps, stamps[1:])]
    return {"files": len(files), "seconds": end - start, "max_gap": max(gaps), "lines": len(stamps) - 2,
            "peak_rss_mb": peak[0] / 1024, "exit": proc.returncode}


def run(quick: bool = False) -> dict:
    from benchmarks.common import isolated_home

    runs = 3 if quick else 7
    with isolated_home(), tempfile.TemporaryDirectory(prefix="bb-import-") as tmp:
        folder = Path(tmp)
        out = {"html": _bench_html(runs), "pdf": _bench_pdf(runs, folder), "batch": _bench_batch(folder)}
    return out


def rows(r: dict, status) -> list[tuple]:
    """The rows of docs/benchmarks.md (``status`` is run.py's met / not met cell)."""
    h, p, b = r["html"], r["pdf"], r["batch"]
    html_ratio = h["ours"] / h["trafilatura"]
    pdf_ratio = p["ours"] / p["pypdf"]
    return [
        ("Import web pages: <= 1.3x trafilatura's own extraction on the same pages",
         f"{h['ours'] * 1000 / h['pages']:.1f} ms per page", f"{html_ratio:.2f}x trafilatura.extract "
         f"({h['trafilatura'] * 1000 / h['pages']:.1f} ms)", status(html_ratio, 1.3, "<="),
         f"{h['pages']} generated news pages of ~{h['kb']} KB (navigation, share buttons, figure, sidebar, comments, "
         "scripts); ours = read + clean + metadata + the text to save, in process (the app adds the worker round trip)"),
        ("Import a 50-page PDF report: <= 1.5x pypdf extract_text() on it",
         f"{p['ours']:.2f} s ({p['pages']} pages)", f"{pdf_ratio:.2f}x extract_text() of every page ({p['pypdf']:.2f} s)",
         status(pdf_ratio, 1.5, "<="), "paragraphs rebuilt, hyphens joined, running header and page numbers dropped"),
        ("100 mixed files with import --yes: progress on stderr at least every 0.5 s",
         f"{b['max_gap']:.2f} s longest gap", f"{b['lines']} progress lines in {b['seconds']:.1f} s",
         status(b["max_gap"], 0.5, "<="), "html, pdf, docx, md and cp1252 txt; includes start-up and the index update"),
        ("100 mixed files with import --yes: application process memory < 300 MB",
         f"{b['peak_rss_mb']:.0f} MB peak RSS", "parsing in the worker process", status(b["peak_rss_mb"], 300, "<"), ""),
    ]


if __name__ == "__main__":
    import json

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    result = run("--quick" in sys.argv)
    print(json.dumps(result, indent=1))
