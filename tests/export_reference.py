"""The export reference check's shared parts (no tests here): fixture briefings over a frozen copy
of the bundled library, and what is compared between two exports (text in order, outline, pages).

``python tests/export_reference.py OUT_DIR`` writes the reference data with whatever ``briefing``
package is first on ``sys.path``: it was run once in a ``git worktree`` of commit e17e089 (the
export before composition moved out of the PDF writer) to make ``tests/data/export_reference``.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "export_reference"
FIXTURES = ("topics", "mixed")
THEMES = ("memo", "study")
STYLES = ("chicago", "apa", "mla")
_FOOTER = re.compile(r"Page \d+ of \d+")
# note references are printed in superior figures since the reference was made (``<super>``
# digits before): the same numbers, so they compare as digits
_DIGITS = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789")


def fixture_library():
    from briefing.library import Library

    lib = Library.load(roots=[(DATA / "library", "bundled")], cache_path=False)
    assert not lib.problems, lib.problems
    return lib


def fixture_briefing(name: str, lib):
    from briefing.model import storage
    from briefing.model.anchoring import check

    briefing = storage.load(DATA / f"{name}.briefing.yaml")
    check(briefing, lib)  # as the CLI does: flags the stale excerpt
    return briefing


def summary(pdf: bytes) -> dict:
    """The printed text in reading order without white space or "Page X of Y" footers (line
    breaks and spacing are the layout's business, the words and their order are not), the outline
    as (title, page) pairs, and the page count."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "".join("".join(_FOOTER.sub("", page.extract_text() or "").split()) for page in reader.pages)
    text = text.translate(_DIGITS)
    outline = [[item.title, reader.get_destination_page_number(item) + 1] for item in reader.outline
               if not isinstance(item, list)]
    return {"text": text, "outline": outline, "pages": len(reader.pages)}


def reference_path(fixture: str, theme: str, style: str) -> Path:
    return DATA / f"{fixture}-{theme}-{style}.json"


def _export_bytes(briefing, lib, theme: str, style: str, out: Path) -> bytes:
    try:
        from briefing.writers import export
    except ImportError:  # the export before the writer registry (commit e17e089)
        from briefing.writers.pdf import export_pdf as export
    export(briefing, lib, out, theme=theme, style=style)
    return out.read_bytes()


def write_reference(tmp: Path) -> None:
    lib = fixture_library()
    for fixture in FIXTURES:
        for theme in THEMES:
            for style in STYLES:
                data = summary(_export_bytes(fixture_briefing(fixture, lib), lib, theme, style, tmp / "x.pdf"))
                reference_path(fixture, theme, style).write_text(json.dumps(data, ensure_ascii=False, indent=0),
                                                                 encoding="utf-8")
                print(fixture, theme, style, data["pages"], "pages")


if __name__ == "__main__":
    write_reference(Path(sys.argv[1]))
