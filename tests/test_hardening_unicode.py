"""Any Unicode text in excerpts, notes, key points and metadata exports without error, and the
PDF's text layer holds it: characters the fonts draw come back; the others are replaced by a
visible U+FFFD and listed in PdfWriteResult.replaced, never dropped silently.

How the read-back is compared (PDF text extraction is not a round trip):
* whitespace is removed on both sides: line breaks fall anywhere, even inside a long word;
* characters are compared as a multiset (Counter) of what lies between two ASCII markers:
  pypdf reorders right-to-left runs (Arabic, Hebrew) into visual order, and combining marks
  may come out before or after their base;
* both sides are NFC-normalised; format characters (Cf: bidi controls, zero-width joiners)
  and whitespace are not required back, only that they cause no error;
* a character must come back when every DejaVu face has a glyph for it (then whichever style
  prints it can draw it); it must be replaced and reported when no face has one; characters
  only some faces have may go either way, depending on the field's style.
"""

from __future__ import annotations

import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.writers import export
from briefing.writers.pdf.coverage import covered
from briefing.writers.pdf.fonts import FAMILIES, font_name, register_fonts
from briefing.library import Library
from briefing.library.source import Source
from briefing.model import Briefing, BriefingMeta, Excerpt, Note, Section

from export_helpers import reader

register_fonts()
_FACES = [covered(font_name(f, v)) for f in FAMILIES for v in ("regular", "bold", "italic", "bolditalic")]
EVERY_FACE = frozenset.intersection(*_FACES)
ANY_FACE = frozenset.union(*_FACES)

SPECIALS = (
    "مرحبا بالعالم"  # Arabic
    "שלום עולם"  # Hebrew
    "e\u0301a\u0308\u0327o\u0303\u0323"  # combining marks
    "😀👍🏽👨‍👩‍👧🇨🇴"  # emoji, modifiers, ZWJ sequence, flag (astral)
    "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202e\u2066"  # zero-width and bidi controls
    "漢字かなカナ한국어"  # CJK, not in DejaVu
    "\ue000\U000f0000"  # private use
    "Ωπ∑√∞≈€£¥©®™…—–‘’“”•‑\u00ad"
    "\x00\x07\x1b\x7f\x85"  # controls
)
chars = st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(SPECIALS))
words = st.text(alphabet=chars, min_size=0, max_size=40)
long_word = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéß"), min_size=120, max_size=300)
texts = st.lists(st.one_of(words, long_word), min_size=1, max_size=3).map(" ".join)


def _wanted(text: str) -> tuple[Counter, Counter]:
    """(characters that must come back, characters that must be replaced), from the input text."""
    must, replaced = Counter(), Counter()
    # The exporter replaces characters as typed; NFC may split one of them into several (U+0F5C ->
    # U+0F4C U+0FB7, a composition exclusion), so replacements are counted on the text as typed.
    for c in text:
        if not (c.isspace() or unicodedata.category(c) == "Cf") and _unprintable(c):
            replaced[c] += 1
    for c in unicodedata.normalize("NFC", text):
        if c.isspace() or unicodedata.category(c) == "Cf" or _unprintable(c):
            continue
        if ord(c) in EVERY_FACE and all(not _unprintable(d) for d in unicodedata.normalize("NFD", c)):
            must[c] += 1
    return must, replaced


def _unprintable(c: str) -> bool:
    return ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or ord(c) not in ANY_FACE


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(excerpt=texts, note=texts, meta=texts)
def test_any_unicode_exports_and_reads_back(excerpt, note, meta):
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        text_file = tmp_path / "s.txt"
        text_file.write_text("placeholder\n", encoding="utf-8")
        lib = Library(sources={"s": Source(id="s", kind="report", title="T", publisher="PUB " + meta,
                                           text_path=text_file, origin="user")})
        fields = {"EXC": excerpt, "NOTE": note, "KP": meta, "PFOR": meta}
        b = Briefing(meta=BriefingMeta(title="Unicode", prepared_for=f"QQSPFOR {meta} QQEPFOR"),
                     sections=[Section(title="S", key_points=[f"QQSKP {meta} QQEKP"], items=[
                         Excerpt(source_id="s", text=f"QQSEXC {excerpt} QQEEXC", paragraph=1, start=0, end=1),
                         Note(f"QQSNOTE {note} QQENOTE")])])
        result = export(b, lib, tmp_path / "u.pdf")
        pdf_text = unicodedata.normalize(
            "NFC", "".join("".join((p.extract_text() or "").split()) for p in reader(result.path).pages))
        for name, value in fields.items():
            start = pdf_text.index(f"QQS{name}") + len(f"QQS{name}")
            segment = Counter(pdf_text[start:pdf_text.index(f"QQE{name}", start)])
            must, replaced = _wanted(value)
            missing = must - segment
            assert not missing, (name, value, missing)
            for c in replaced:
                assert c not in segment, (name, repr(c))
            if replaced:
                assert segment["\ufffd"] >= sum(replaced.values()), (name, value)
                assert set(replaced) <= set(result.replaced), (name, set(replaced) - set(result.replaced))
        if result.replaced:
            assert "\ufffd" in result.warning


def test_uncovered_characters_are_replaced_visibly_and_reported(tmp_path):
    lib = Library()
    note = "cjk 漢字 emoji 😀 pua \ue000 ok é"
    result = export(Briefing(sections=[Section(title="S", items=[Note(note)])]), lib, tmp_path / "x.pdf")
    text = "".join(p.extract_text() or "" for p in reader(result.path).pages)
    assert "cjk \ufffd\ufffd emoji \ufffd pua \ufffd ok é" in " ".join(text.split())
    assert set(result.replaced) == {"漢", "字", "😀", "\ue000"}
    assert "U+6F22" in result.warning
