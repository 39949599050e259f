"""The export's own markup-to-fragment path gives what reportlab's parser gives."""

from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from briefing.export.coverage import _merged, parsed_frags
from briefing.export.fonts import register_fonts
from briefing.export.styles import build_styles
from briefing.export.themes import load_theme

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

    from briefing.export.flowables import MarkedParagraph

    register_fonts()
    st = build_styles(load_theme("memo"))["attribution"]
    text = "\u2014 Crisis Group, 2019"
    roomy = MarkedParagraph(text, st, marker="7")
    roomy.wrap(400, 100)
    assert roomy.bb_marker == "7" and len(roomy.frags) == 1  # one face; the number is drawn after it
    tight = MarkedParagraph(text, st, marker="7")
    tight.wrap(st.leftIndent + stringWidth(text, st.fontName, st.fontSize) + 0.5, 100)
    assert tight.bb_marker is None and tight.blPara.kind == 1  # laid out as the <super> paragraph
