"""Endnote and bibliography fragments built from Runs equal the markup route's (citefrags.py)."""

from __future__ import annotations

import random

from briefing import paths
from briefing.citation import Citer
from briefing.citation.formats import Run
from briefing.writers.pdf import coverage
from briefing.writers.pdf.citefrags import citation_frags
from briefing.writers.pdf.coverage import fit_markup, parsed_frags
from briefing.writers.pdf.fonts import register_fonts
from briefing.writers.pdf.markup import runs_markup
from briefing.writers.pdf.styles import build_styles
from briefing.writers.themes import load_theme
from briefing.library import Library
from briefing.library.source import Source

PIECES = ["Ávila", " ", "  ", "\u00a0", "\u2002", "\u200b", "\u3000", "\n", "\t", "&amp;", "<i>", "a & b", "“Title,”",
          "https://example.org/a?b=1&c=2", "https://x.org/p).", "javascript:alert(1)", "http://",
          "https://example.org/\x01bad", "(see https://a.example/x, and https://b.example/y.)", "\u0663\u05d0",
          "\U0001f600", "para. 4", ".", ",", "x" * 30, "\x7f", "Bogotá"]


def _markup_route(runs, style, prefix=""):
    with coverage.collecting() as replaced:
        markup = fit_markup(prefix + runs_markup(runs), style.fontName)
        frags = parsed_frags(markup, style)
    return frags, replaced


def _direct_route(runs, style, prefix=""):
    with coverage.collecting() as replaced:
        frags = citation_frags(runs, style, prefix)
    return frags, replaced


def _key(frags):
    if frags is None:
        return None
    return [sorted((k, repr(v)) for k, v in f.__dict__.items()) for f in frags]


def _sources() -> list:
    lib = Library.load(roots=[(paths.CONTENT_DIR, "bundled")], cache_path=False)
    out = list(lib.sources.values())
    rng = random.Random(5)
    for i in range(150):
        def pick(n):
            return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, n)))
        out.append(Source(id=f"s{i}", kind=rng.choice(["article", "report", "web"]), title=pick(5) or None,
                          publisher=pick(3) or None, authors=[pick(3) for _ in range(rng.randint(0, 4))],
                          date=rng.choice([None, "2019", "2020-05", "2021-02-30", "20x1"]),
                          url=rng.choice([None, "https://example.org/z", pick(3)]),
                          inferred=rng.choice([{}, {"title": "x"}, {"date": "y", "url": "z"}])))
    return out


def test_fragments_and_reports_equal_the_markup_route():
    register_fonts()
    rng = random.Random(9)
    compared = 0
    for theme in ("memo", "study"):
        styles = build_styles(load_theme(theme))
        for style_name in ("chicago", "apa", "mla"):
            citer = Citer(style_name)
            sources = _sources()
            entries = [(citer.note(s, rng.choice([None, 1, 12])), styles["endnote"], f"{n}.\u2002")
                       for n, s in enumerate(sources, 1)]
            entries += [(runs, styles["bib"], "") for runs in citer.bibliography(sources)]
            for runs, style, prefix in entries:
                want, want_replaced = _markup_route(runs, style, prefix)
                got, got_replaced = _direct_route(runs, style, prefix)
                assert _key(got) == _key(want), (runs, prefix)
                assert got_replaced == want_replaced, runs
                compared += 1
    assert compared > 1000


def test_hostile_runs_equal_the_markup_route():
    register_fonts()
    rng = random.Random(11)
    st = build_styles(load_theme("memo"))
    for _ in range(3000):
        runs = [Run("".join(rng.choice(PIECES) for _ in range(rng.randint(0, 6))), rng.random() < 0.4)
                for _ in range(rng.randint(0, 5))]
        prefix = rng.choice(["", "7.\u2002", " 12. "])
        for style in (st["endnote"], st["bib"], st["comment"]):
            want, want_replaced = _markup_route(runs, style, prefix)
            got, got_replaced = _direct_route(runs, style, prefix)
            assert _key(got) == _key(want), (runs, prefix, style.name)
            assert got_replaced == want_replaced


def test_links_take_the_themes_link_colour(tmp_path):
    """colors.link in a theme colours the URLs in the notes and sources (it was ignored before)."""
    import io
    import shutil

    import pypdf

    from briefing.writers.pdf.pdf import render_pdf_bytes

    from test_export_helpers import make_library, small_briefing

    for name in ("base", "memo"):
        shutil.copy(paths.THEMES_DIR / f"{name}.yaml", tmp_path / f"{name}.yaml")
    (tmp_path / "red.yaml").write_text('name: red\nparent: memo\ncolors:\n  link: "#aa0000"\n', encoding="utf-8")
    lib = make_library(tmp_path / "lib")
    data, _ = render_pdf_bytes(small_briefing(lib), lib, theme=tmp_path / "red.yaml", deterministic=True)
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    streams = b"".join(page.get_contents().get_data() for page in pages)
    assert b".666667 0 0 rg" in streams  # the URL drawn in #aa0000
    assert b".101961 .298039 .545098 rg" not in streams  # and not in the default link blue

    register_fonts()
    st = build_styles(load_theme("memo"))["endnote"]
    runs = [Run("Crisis Group, https://example.org/a.")]
    got = citation_frags(runs, st, "1.\u2002", color="#aa0000")
    with coverage.collecting():
        want = parsed_frags(fit_markup("1.\u2002" + runs_markup(runs, color="#aa0000"), st.fontName), st)
    assert _key(got) == _key(want)
    assert [f.textColor.hexval() for f in got if getattr(f, "link", None)] == ["0xaa0000"]
