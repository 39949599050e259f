"""Export behaviour a user sees, read back from the PDF with pypdf."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from briefing.citation import processor_for
from briefing.errors import BriefingError, ContentError
from briefing.writers import ExportCancelled, export
from briefing.writers.themes import load_theme

from export_helpers import HOSTILE, SPANISH, URL, flat, make_library, page_texts, reader, small_briefing


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return make_library(tmp_path_factory.mktemp("lib"))


@pytest.fixture(scope="module")
def memo_pdf(lib, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out") / "memo.pdf"
    result = export(small_briefing(lib), lib, out, theme="memo", page_size="letter")
    assert result.path == out and result.pages == len(reader(out).pages)
    return out


def test_every_excerpt_and_attribution_is_in_the_text(lib, memo_pdf):
    text = flat(" ".join(page_texts(memo_pdf)))
    processor = processor_for("chicago")
    for ex in small_briefing(lib).all_excerpts():
        assert flat(ex.text) in text
        assert flat("".join(r.text for r in processor.attribution(lib.source(ex.source_id)))) in text
    assert SPANISH in text  # accents, curly quotes, dashes, U+2011 and bullets as themselves
    assert "… Clinton credited Colombia for its security gains. …" in text
    assert "Source text has changed" in text  # the stale excerpt is flagged
    assert "Check the figures with the desk." in text and "Use in remarks." in text


def test_outline_has_one_entry_per_section(memo_pdf):
    outline = reader(memo_pdf).outline
    assert [item.title for item in outline] == ["Extradition in Nariño", "Training and assistance", "Migration"]


def test_toc_page_numbers_match_where_sections_start(memo_pdf):
    texts = page_texts(memo_pdf)
    toc = texts[1]
    assert "Contents" in toc
    for title in ["Extradition in Nariño", "Training and assistance", "Migration", "Notes", "Bibliography"]:
        match = re.search(re.escape(title) + r"[\s.]*?(\d+)\s*$", toc, re.M)
        assert match, (title, toc)
        listed = int(match.group(1))
        actual = next(i for i, t in enumerate(texts[2:], start=3) if re.search(rf"^{re.escape(title)}$", t, re.M))
        assert listed == actual, title
    # the outline points at the same pages
    r = reader(memo_pdf)
    for item in r.outline:
        assert r.get_destination_page_number(item) + 1 == int(
            re.search(re.escape(item.title) + r"[\s.]*?(\d+)\s*$", toc, re.M).group(1))


def _fonts_in(resources, seen):
    resources = resources.get_object() if resources is not None else {}
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobj in (resources.get("/XObject") or {}).values():
        xobj = xobj.get_object()
        if xobj.get("/Subtype") == "/Form" and id(xobj) not in seen:
            seen.add(id(xobj))
            yield from _fonts_in(xobj.get("/Resources"), seen)


def test_all_fonts_are_embedded_truetype(memo_pdf):
    names = set()
    for page in reader(memo_pdf).pages:
        for font in _fonts_in(page.get("/Resources"), set()):
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            assert desc is not None, font
            assert "/FontFile2" in desc.get_object(), font.get("/BaseFont")
            names.add(str(font.get("/BaseFont")))
    assert names and all("DejaVu" in n for n in names), names
    raw = memo_pdf.read_bytes()
    for base14 in (b"Helvetica", b"Times-Roman", b"Courier"):
        assert base14 not in raw


def test_marking_and_page_x_of_y_on_every_page(memo_pdf):
    texts = page_texts(memo_pdf)
    n = len(texts)
    assert n >= 4
    for i, text in enumerate(texts, start=1):
        assert text.count("UNCLASSIFIED // FOR OFFICIAL USE ONLY") >= 2, i  # top and bottom
        assert f"Page {i} of {n}" in text


def test_no_marking_when_none_set(lib, tmp_path):
    out = tmp_path / "plain.pdf"
    export(small_briefing(lib, marking=""), lib, out)
    assert all("UNCLASSIFIED" not in t for t in page_texts(out))


def test_metadata_and_link(memo_pdf):
    r = reader(memo_pdf)
    assert r.metadata.title == "Colombia security cooperation"
    assert r.metadata.author == "Jane Staffer"
    assert r.metadata.subject == "Prepare for the meeting"
    uris = [a.get_object()["/A"].get("/URI") for p in r.pages for a in (p.get("/Annots") or [])
            if a.get_object().get("/A") is not None]
    assert URL in uris


def test_hostile_text_comes_out_literally(lib, tmp_path):
    marker = Path("/tmp/pwned-briefing")
    marker.unlink(missing_ok=True)
    b = small_briefing(lib)
    hostile = " ".join(HOSTILE)
    b.meta.title = hostile
    b.meta.purpose = hostile
    b.sections[0].title = "Sec " + HOSTILE[0]
    b.sections[0].key_points = [HOSTILE[1]]
    b.sections[0].items[2].text = hostile + "\x00\x07 end"
    b.sections[0].items[4].comment = HOSTILE[2]
    b.sections[1].items[1].text = HOSTILE[3]
    out = tmp_path / "hostile.pdf"
    export(b, lib, out)
    text = flat(" ".join(page_texts(out)))
    for s in HOSTILE:
        assert flat(s) in text, s
    assert "\ufffd\ufffd end" in text  # control characters visible as U+FFFD
    assert not marker.exists()
    r = reader(out)
    for page in r.pages:
        for a in page.get("/Annots") or []:
            action = a.get_object().get("/A")
            assert action is None or "javascript" not in str(action.get("/URI", "")).lower()
        assert "/XObject" not in page["/Resources"] or all(
            x.get_object().get("/Subtype") == "/Form" for x in page["/Resources"]["/XObject"].values())


def test_very_long_excerpt_and_unbroken_word(lib, tmp_path):
    b = small_briefing(lib)
    long_text = " ".join(f"Sentence {i} about security cooperation in the region." for i in range(700))
    b.sections[1].items[1].text = long_text
    word = "x" * 500
    b.sections[0].items[0].text = f"Before {word} after https://example.org/{'a' * 300}"
    b.sections[2].title = "T" * 400
    out = tmp_path / "long.pdf"
    export(b, lib, out)
    texts = page_texts(out)
    assert len(texts) >= 6
    joined = "".join(flat(t) for t in texts).replace(" ", "")
    assert word in joined  # wrapped, not lost
    assert "Sentence699aboutsecurity" in joined


def test_deterministic_export_is_byte_identical(lib, tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    export(small_briefing(lib), lib, a, deterministic=True)
    export(small_briefing(lib), lib, b, deterministic=True)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("theme", ["memo", "study"])
@pytest.mark.parametrize("size,width", [("letter", 612), ("a4", 595)])
def test_themes_and_page_sizes(lib, tmp_path, theme, size, width):
    out = tmp_path / f"{theme}-{size}.pdf"
    export(small_briefing(lib), lib, out, theme=theme, page_size=size, style="apa")
    r = reader(out)
    assert round(float(r.pages[0].mediabox.width)) == width
    text = flat(" ".join(page_texts(out)))
    assert ("Excerpt 3" in text) == (theme == "study")  # numbered excerpts across the document
    assert ("Why did extradition rise?" in text) == (theme == "study")
    if theme == "study":
        assert "Your notes" in text


def test_cancel_raises_and_leaves_no_file(lib, tmp_path):
    folder = tmp_path / "outdir"
    folder.mkdir()
    out = folder / "cancelled.pdf"
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(ExportCancelled):
        export(small_briefing(lib), lib, out, cancel=cancel)
    assert list(folder.iterdir()) == []


def test_progress_reported(lib, tmp_path):
    seen = []
    export(small_briefing(lib), lib, tmp_path / "p.pdf", progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert len(seen) >= 3 and fractions == sorted(fractions) and fractions[-1] == 1.0


def test_unwritable_target_keeps_previous_file(lib, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    out = folder / "out.pdf"
    out.write_bytes(b"previous")
    folder.chmod(0o500)
    try:
        if (folder / "probe").exists() or __import__("os").access(folder, __import__("os").W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(BriefingError):
            export(small_briefing(lib), lib, out)
        assert out.read_bytes() == b"previous"
    finally:
        folder.chmod(0o700)
    with pytest.raises(BriefingError):
        export(small_briefing(lib), lib, tmp_path / "missing" / "out.pdf")


def test_bad_theme_names_file_line_and_field(tmp_path):
    bad = tmp_path / "mine.yaml"
    bad.write_text("parent: memo\nname: mine\nmargins:\n  top: lots\n", encoding="utf-8")
    import shutil

    from briefing import paths

    for name in ("base", "memo"):
        shutil.copy(paths.THEMES_DIR / f"{name}.yaml", tmp_path / f"{name}.yaml")
    with pytest.raises(ContentError) as info:
        load_theme(bad)
    err = info.value
    assert err.line == 4 and err.field == "margins.top" and Path(err.path) == bad
    assert load_theme(tmp_path / "memo.yaml")["marking_every_page"] is True


def test_disk_full_keeps_previous_file(lib, tmp_path, monkeypatch):
    import errno
    import os

    out = tmp_path / "out.pdf"
    out.write_bytes(b"previous")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(BriefingError, match="No space left"):
        export(small_briefing(lib), lib, out)
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "out.pdf"]


@pytest.mark.slow
def test_oversized_and_odd_inputs_still_export(lib, tmp_path):
    from briefing.model import Excerpt, Note, Section, Subheading

    big = "word " * 500
    b = small_briefing(lib, marking="SECRET " * 60)
    b.meta.title = big
    b.sections[0].title = big
    b.sections[0].key_points = [big, "z" * 2000]
    b.sections[0].items.insert(0, Subheading(big))
    b.sections[0].items.append(Note(big + "\n" * 100))
    b.sections[1].items[0].comment = big
    b.sections[1].items.append(Excerpt(source_id="not-in-library", text="", paragraph=1, start=0, end=0))
    b.sections.append(Section(title="", discussion_questions=[big]))
    for theme in ("memo", "study"):
        out = tmp_path / f"{theme}.pdf"
        export(b, lib, out, theme=theme)
        text = flat(" ".join(page_texts(out)))
        assert "Source not in the library" in text
        assert "[source “not-in-library” is not in the library]" in text


def test_empty_briefing_exports(lib, tmp_path):
    from briefing.model import Briefing

    out = tmp_path / "empty.pdf"
    result = export(Briefing(), lib, out)
    assert result.pages == 2 and "no sections" in page_texts(out)[1]


def test_layout_error_is_retried_safely_then_reported_plainly(lib, tmp_path, monkeypatch):
    from reportlab.platypus import Spacer

    from briefing.writers.pdf.render import StoryRenderer

    original = StoryRenderer.story
    unsplittable_when = {"safe": False}

    def story(self):
        out = original(self)
        if self.safe == unsplittable_when["safe"] or unsplittable_when.get("always"):
            out.append(Spacer(1, 5000))  # taller than any page: reportlab raises LayoutError
        return out

    monkeypatch.setattr(StoryRenderer, "story", story)
    out = tmp_path / "retry.pdf"
    export(small_briefing(lib), lib, out)
    assert out.exists()
    unsplittable_when["always"] = True
    with pytest.raises(BriefingError, match="could not be laid out"):
        export(small_briefing(lib), lib, tmp_path / "never.pdf")
    assert not (tmp_path / "never.pdf").exists()


def test_progress_tracks_the_story_not_split_pieces(lib, tmp_path):
    """Progress must not sit at its cap for the second half of a long export (short excerpts are
    keep-together groups whose pieces platypus reports one by one)."""
    from briefing.model import Briefing, Section
    from briefing.model.anchoring import make_excerpt

    source = lib.source("alpha")
    section = Section(title="Many short quotes")
    for _ in range(80):
        section.items.append(make_excerpt(source, 2, 0, 40))
    briefing = Briefing(sections=[section])
    seen: list[float] = []
    export(briefing, lib, tmp_path / "p.pdf", progress=lambda f, _m: seen.append(f))
    middle = [f for f in seen if 0.0 < f < 1.0]
    assert len(middle) >= 3
    assert middle[len(middle) // 2] < 0.8  # halfway through the reports, not yet near the cap
    assert seen == sorted(seen)
