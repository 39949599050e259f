"""Render one sample page per layout and format to docs/samples/<layout>-<format>.png.

    .venv/bin/python scripts/render_samples.py

Needs poppler-utils (pdftoppm), LibreOffice (DOCX -> PDF, as Word would print it) and Chromium
(HTML printed with its print stylesheet): ``apt-get install -y poppler-utils libreoffice-writer-nogui
chromium``.  The briefing is assembled from the bundled library, so the samples show real sources.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "samples"
LAYOUTS = {"info-memo": 1, "book": 3, "packet": 3}  # layout -> the page shown
DPI = "60"


def briefing_for_samples(lib, index):
    from briefing.model.assemble import assemble

    b = assemble(lib, index, ["extradition", "training", "migration"], per_topic=2)
    m = b.meta
    m.title, m.prepared_for, m.prepared_by = "U.S.–Colombia security cooperation", "The Secretary", "WHA/AND"
    m.date, m.marking, m.event = "20 October 2021", "UNCLASSIFIED // FOR OFFICIAL USE ONLY", "Bilateral meeting, Bogotá"
    m.summary = ("Colombia remains the closest U.S. security partner in the region; the visit should reaffirm "
                 "cooperation on extradition while shifting emphasis to migration and rural development.")
    first, second, third = b.sections
    first.purpose = "Extradition is the oldest pillar of the relationship and may come up."
    first.talking_points = ["We value Colombia's cooperation on extradition.", "We support the rule of law."]
    first.key_points = ["Extradition continues under the current government."]
    second.key_points = ["Colombia trains police and military from other countries."]
    for section in b.sections:
        section.discussion_questions = [f"What changed in {section.title.lower()} after 2012?"]
    b.glossary = {"Extradition": "Handing a suspect over to another country's courts.",
                  "Plan Colombia": "U.S. aid program for Colombia, 2000–2015."}
    return b


def pdf_page_png(pdf: Path, page: int, png: Path) -> None:
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", DPI, "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(stem)], check=True)


def main() -> int:
    os.environ.setdefault("BRIEFING_BOOK_HOME", tempfile.mkdtemp(prefix="bb-samples-"))
    sys.path.insert(0, str(REPO))
    from briefing.library import Library
    from briefing.search import SearchIndex
    from briefing.writers import export

    lib = Library.load(cache_path=False)
    index = SearchIndex.open(":memory:")
    index.update(lib)
    briefing = briefing_for_samples(lib, index)
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bb-samples-out-"))
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    for layout, page in LAYOUTS.items():
        for fmt in ("pdf", "docx", "html"):
            path = work / f"{layout}.{fmt}"
            export(briefing, lib, path, format=fmt, layout=layout, deterministic=True)
            if fmt == "docx":
                subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(work / "docx"),
                                str(path)], check=True, capture_output=True)
                path = work / "docx" / f"{layout}.pdf"
            elif fmt == "html":
                printed = work / f"{layout}.html.pdf"
                subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                f"--print-to-pdf={printed}", path.as_uri()], check=True, capture_output=True)
                path = printed
            target = OUT / f"{layout}-{fmt}.png"
            pdf_page_png(path, page, target)
            print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
