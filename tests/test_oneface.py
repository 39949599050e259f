"""One-face line breaking (briefing/writers/pdf/oneface.py) gives reportlab's lines to the last bit."""

from __future__ import annotations

import random

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from briefing.writers.pdf.coverage import SafeParagraph
from briefing.writers.pdf.fonts import register_fonts
from briefing.writers.pdf.oneface import break_one_face
from briefing.writers.pdf.styles import build_styles
from briefing.writers.themes import load_theme

WORDS = ["a", "the", "Nariño", "extradition", "officers", "11,000", "“quoted”", "—", "x" * 40, "Bogotá,",
         "no\u00a0break", "(paren)", "Medellín.", "counter-narcotics", "Ω", "…"]


def _texts(rng: random.Random, n: int) -> list[str]:
    out = ["", "   ", "one", "  lead and trail  ", "w" * 300, "a\n b\t c"]
    for _ in range(n):
        out.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 120))))
    return out


def test_lines_match_reportlabs_for_random_paragraphs():
    register_fonts()
    rng = random.Random(7)
    base = build_styles(load_theme("memo"))
    styles = [base["quote"], base["attribution"], base["h1"],
              ParagraphStyle("shrink", parent=base["quote"], spaceShrinkage=0.05),
              ParagraphStyle("nosplit", parent=base["body"], splitLongWords=0),
              ParagraphStyle("indent", parent=base["body"], firstLineIndent=-18, leftIndent=18)]
    taken = fallback = 0
    for text in _texts(rng, 300):
        for style in styles:
            for width in (40, 97.5, 250, 468):
                ours = SafeParagraph(text, style)
                theirs = Paragraph(text, style)
                widths = [width - style.firstLineIndent, width]
                got = break_one_face(ours, list(widths))
                want = Paragraph.breakLines(theirs, list(widths))
                if got is None:
                    fallback += 1
                    continue
                taken += 1
                assert got.lines == want.lines, (text, style.name, width)
                assert (got.ascent, got.descent, got.fontSize, got.kind) == (want.ascent, want.descent,
                                                                            want.fontSize, want.kind)
                assert ours._width_max == theirs._width_max
    assert taken > fallback  # narrow widths and 40-letter words send many to reportlab here


def test_paragraphs_it_does_not_handle_go_to_reportlab():
    register_fonts()
    st = build_styles(load_theme("memo"))
    assert break_one_face(SafeParagraph("soft\xadhyphen here", st["body"]), [200]) is None
    assert break_one_face(SafeParagraph("a <i>b</i>", st["body"]), [200]) is None  # two faces
    assert break_one_face(SafeParagraph("point", st["bullet"], bulletText="\u2022"), [200]) is None
    assert break_one_face(SafeParagraph("x" * 200, st["body"]), [100]) is None  # reportlab splits it
