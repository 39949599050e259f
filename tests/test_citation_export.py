"""Each style's own citation system in an exported study packet, read back from the PDF.

APA: a parenthetical citation after each quote ("(AFP, n.d., para. 17)", the paragraph as a reader
counts it in the original) and a References list, no note numbers, no "Sources" heading.  MLA:
Works Cited, and no "n.d." anywhere.  Chicago notes: the full note first, a shortened note after.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing import paths
from briefing.library import Library
from briefing.model import Briefing, BriefingMeta, Excerpt, Section
from briefing.writers import export

pytestmark = pytest.mark.slow

AFP = "afp-blinken-colombia-visit"
INSIGHT = "insight-crime-2012-colombia-security-model"
EMBASSY = "colombia-us-security-partnership"


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load(roots=[(paths.CONTENT_DIR, "bundled")], cache_path=False)


def quote(library, source_id: str, block: int) -> Excerpt:
    text = library.sources[source_id].paragraphs()[block - 1]
    return Excerpt(source_id=source_id, text=text, paragraph=block, start=0, end=len(text))


def packet(library) -> Briefing:
    # AFP block 19 is the 17th body paragraph (blocks 9 and 16 are headings); block 2 is the 2nd
    items = [quote(library, AFP, 19), quote(library, INSIGHT, 3), quote(library, EMBASSY, 4), quote(library, AFP, 2)]
    meta = BriefingMeta(title="Colombia study packet", prepared_for="Seminar", prepared_by="Student",
                        date="1 December 2026", purpose="Study")
    return Briefing(meta=meta, sections=[Section(title="Readings", items=items[:2]),
                                         Section(title="More readings", items=items[2:])])


def exported_text(library, tmp_path: Path, style: str) -> str:
    out = tmp_path / f"{style}.pdf"
    export(packet(library), library, out, layout="packet", style=style)
    from pypdf import PdfReader

    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in PdfReader(str(out)).pages))


def test_apa_packet_has_parenthetical_citations_and_references(library, tmp_path):
    text = exported_text(library, tmp_path, "apa")
    assert "(AFP, n.d., para. 17)" in text and "(AFP, n.d., para. 2)" in text
    assert "(U.S.-Colombia Security Partnership, n.d., para. 4)" in text
    assert re.search(r"\bReferences\b", text)
    assert "Sources" not in text and not re.search(r"\bNotes\b", text)
    assert "AFP. (n.d.). Blinken hails Colombia partnership but seeks shift from security focus." in text


def test_mla_packet_has_works_cited_without_n_d(library, tmp_path):
    text = exported_text(library, tmp_path, "mla")
    assert "Works Cited" in text
    assert "n.d." not in text
    assert "(AFP, par. 17)" in text
    assert "AFP. Blinken Hails Colombia Partnership but Seeks Shift from Security Focus." in text


def test_chicago_notes_shorten_after_the_first(library, tmp_path):
    text = exported_text(library, tmp_path, "chicago")
    full = "AFP, Blinken Hails Colombia Partnership but Seeks Shift from Security Focus, n.d., para. 17."
    short = "AFP, Blinken Hails Colombia Partnership, para. 2."
    assert full in text and short in text
    assert text.index(full) < text.index(short)
    assert text.count("Seeks Shift from Security Focus, n.d.") == 1  # the full note only once
    assert "Bibliography" in text
