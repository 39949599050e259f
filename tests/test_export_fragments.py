"""The export's own markup-to-fragment path gives what reportlab's parser gives."""

from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from briefing.writers.pdf.coverage import _merged, parsed_frags
from briefing.writers.pdf.fonts import register_fonts
from briefing.writers.pdf.styles import build_styles
from briefing.writers.themes import load_theme

SAMPLES = [
    "plain text", "  lead  and\ntrail  ", "Tom &amp; Jerry &quot;q&quot; &lt;x&gt;", "nbsp\u00a0x \u2003 em",
    "1.\u2002Au, <i>Ti &amp; x</i>, <a href=\"https://x.org/a?b=1&amp;c=2\" color=\"#1a4c8b\">https://x.org/a</a>.",
    "<b>Comment:</b> a <i>b</i> c", "\u2014 Author, Title<super>12</super>", "a<br/>b", "x &amp;amp; y",
]


def _key(frags):
    return [(tuple(sorted((k, repr(v)) for k, v in f.__dict__.items())), getattr(f, "text", None)) for f in frags]


def test_fragments_match_reportlabs_parser():
    register_fonts()
    styles = build_styles(load_theme("memo"))
    for name in ("endnote", "attribution", "quote", "comment"):
        for text in SAMPLES:
            ours = parsed_frags(text, styles[name])
            _, ref, _ = ParaParser().parse(cleanBlockQuotedText(text), styles[name])
            if ours is not None:
                assert _key(ours) == _key(_merged(ref)), (name, text)
            assert parsed_frags(text, styles[name]) is not ours  # copies, not the cached list


def test_marked_paragraph_falls_back_to_super_when_the_number_does_not_fit():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from briefing.writers.pdf.flowables import MarkedParagraph

    register_fonts()
    st = build_styles(load_theme("memo"))["attribution"]
    text = "\u2014 Crisis Group, 2019"
    roomy = MarkedParagraph(text, st, marker="7")
    roomy.wrap(400, 100)
    assert roomy.bb_marker == "7" and len(roomy.frags) == 1  # one face; the number is drawn after it
    tight = MarkedParagraph(text, st, marker="7")
    tight.wrap(st.leftIndent + stringWidth(text, st.fontName, st.fontSize) + 0.5, 100)
    assert tight.bb_marker is None and tight.blPara.kind == 1  # laid out as the <super> paragraph


def _pdf(cls, items, size):
    import io

    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=size, leftMargin=10, rightMargin=10, topMargin=10, bottomMargin=10,
                            invariant=1)
    doc.build([cls(markup, style) for markup, style in items])
    return buf.getvalue()


def test_runs_paragraph_draws_what_reportlab_draws():
    """Endnotes and sources are laid out and drawn by RunsParagraph; the file must be byte for
    byte reportlab's (same lines, glyphs, colours, word spacing and link annotations), also when
    paragraphs split across pages, shrink their spaces, or fall back (a word too long, <super>)."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle

    from briefing.writers.pdf.coverage import SafeParagraph
    from briefing.writers.pdf.runs import RunsParagraph, _FastLines

    register_fonts()
    st = build_styles(load_theme("memo"))
    href = "https://example.org/2018/synthetic-00458"
    url = f'<a href="{href}" color="#1a4c8b">{href}</a>'
    texts = [
        f"12.\u2002Sibylla Brodzinsky and Laura Ávila, “Homicides fell in Bogotá,” WOLA, 2018, para. 4, {url}.",
        f"Adam Isacson. <i>Coca cultivation and counter-narcotics operations in Cartagena</i>. Crisis Group. {url}.",
        f"Ávila <i>Title</i> <b>bold</b><i> lead space</i>{url}<i>x</i>&amp; more\u00a0words\u2002and  gaps " * 3,
        "a <i>b</i> c<super>3</super> d",  # reportlab's own path
        f"x <i>y</i> {url.replace('synthetic-00458', 'z' * 120)}",  # a word wider than the line
    ]
    styles = [st["endnote"], st["bib"], ParagraphStyle("justified", parent=st["bib"], alignment=TA_JUSTIFY),
              ParagraphStyle("no_shrink", parent=st["endnote"], spaceShrinkage=0)]
    items = [(t, s) for s in styles for t in texts]
    for size in ((612, 792), (300, 200), (180, 120)):
        assert _pdf(RunsParagraph, items, size) == _pdf(SafeParagraph, items, size), size
    fast = RunsParagraph(texts[1], st["bib"])
    fast.wrap(400, 1000)
    assert isinstance(fast.blPara, _FastLines)


def test_whitespace_clean_up_is_skipped_only_when_it_would_change_nothing():
    import random

    from reportlab.platypus.paragraph import _wsc

    from briefing.writers.pdf.coverage import cleaned

    rng = random.Random(3)
    alphabet = list(_wsc) + ["\u00a0", "\u200b", "\x85", "\u3000", "a", "b", "é", "<", ">", "&", "."] + ["x"] * 20
    cases = ["", " ", "a", "a b", "a  b", " a", "a ", "a\nb", "a\u2002b", "a\u00a0b", "a\u200bb"]
    cases += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    for text in cases:
        assert cleaned(text) == cleanBlockQuotedText(text), repr(text)


def test_plain_text_fragments_equal_the_escaped_markup_route():
    import random

    from briefing.writers.pdf import coverage
    from briefing.writers.pdf.coverage import fit_markup, plain_frags
    from briefing.writers.pdf.markup import esc

    register_fonts()
    quote = build_styles(load_theme("memo"))["quote"]
    rng = random.Random(4)
    alphabet = ["a", "Ávila", " ", "  ", "\n", "\u00a0", "\u2002", "&", "<b>", "&amp;", "\x01", "\U0001f600",
                "\u0663", "…", "“", "x" * 20, "\u200b", "\ufffe"]
    texts = ["", " ", "plain"] + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 15)))
                                  for _ in range(5000)]
    for text in texts:
        with coverage.collecting() as want_replaced:
            markup = fit_markup(esc(text), quote.fontName)
            want = parsed_frags(markup, quote) if markup else None
        with coverage.collecting() as got_replaced:
            got = plain_frags(text, quote)
        if got is not None:
            assert _key(got) == _key(want), repr(text)
        else:
            assert want is None, repr(text)
        assert got_replaced == want_replaced, repr(text)
