"""The export after composition moved out of the PDF writer prints what the export before it did.

The reference data (``tests/data/export_reference``) was written by ``tests/export_reference.py``
from commit e17e089, the last export that assembled the document inside the PDF writer: the
printed text in order, the outline and the page count of two fixture briefings over a frozen copy
of the bundled library, in both themes and all three citation styles.

Citations are formatted by ``CiterProcessor``, the adapter that reproduces the formatting of that
commit, so the check is about composition and the writer; a different citation processor (CSL)
changes the words of notes and sources by design and is tested on its own.
"""

from __future__ import annotations

import json

import pytest

from briefing.citation.adapter import CiterProcessor
from briefing.compose import compose, layout_for
from briefing.writers import get
from briefing.writers.themes import load_theme

from export_reference import FIXTURES, STYLES, THEMES, fixture_briefing, fixture_library, reference_path, summary


@pytest.fixture(scope="module")
def lib():
    return fixture_library()


def first_difference(a: str, b: str) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at {at}: before …{a[max(0, at - 60):at + 60]}… now …{b[max(0, at - 60):at + 60]}…"


@pytest.mark.slow
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("fixture", FIXTURES)
def test_same_text_outline_and_pages_as_before(lib, tmp_path, fixture, theme, style):
    before = json.loads(reference_path(fixture, theme, style).read_text(encoding="utf-8"))
    out = tmp_path / "now.pdf"
    briefing = fixture_briefing(fixture, lib)
    document = compose(briefing, lib, CiterProcessor(style), layout_for(briefing.meta, (theme,)))
    get("pdf").load()(document, load_theme(theme), out)
    now = summary(out.read_bytes())
    assert abs(now["pages"] - before["pages"]) <= max(0.02 * before["pages"], 0), (now["pages"], before["pages"])
    assert now["outline"] == before["outline"]
    assert now["text"] == before["text"], first_difference(before["text"], now["text"])
