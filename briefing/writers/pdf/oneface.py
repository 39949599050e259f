"""reportlab's line breaking of a paragraph in one face, without its per-word calls.

Quotes, attributions, headings and comments without markup are one fragment in one face;
reportlab breaks them word by word, measuring each through three function calls and
checking each for soft hyphens and split markers.  ``break_one_face`` does the same
arithmetic (the same widths, added in the same order, against the same limits) from the
face's remembered word widths, and hands anything else back to reportlab: bullets,
bidirectional or CJK wrapping, shaping, hyphenation, soft hyphens, and any word too long
for its line (reportlab splits it).  The lines are reportlab's to the last bit
(tests/test_oneface.py compares them and whole files).
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont
from reportlab.platypus.paragraph import split, strip

from briefing.writers.pdf.fonts import WidthCachingTTFont


@lru_cache(maxsize=256)
def _ascent_descent(name: str, size: float) -> tuple[float, float]:
    return getAscentDescent(name, size)


def break_one_face(para, width):
    """``para.breakLines(width)``'s result for the simple one-face case, else None."""
    frags = para.frags
    if len(frags) != 1 or para.bulletText:
        return None
    f = frags[0]
    d = getattr(f, "__dict__", None)  # a split paragraph's frags are word lists
    if d is None:
        return None
    text = d.get("text")
    style = para.style
    if (type(text) is not str or "cbDefn" in d or "backColor" in d or "\xad" in text or style.endDots
            or style.wordWrap or style.hyphenationLang or style.uriWasteReduce or style.embeddedHyphenation):
        return None
    name, size = f.fontName, f.fontSize
    font = getFont(name)
    if not isinstance(font, WidthCachingTTFont) or (style.shaping and font.shapable):
        return None
    widths = width if isinstance(width, (list, tuple)) else [width]
    ascent, descent = _ascent_descent(name, size)
    para._width_max = 0
    para.height = 0
    para._splitLongWordCount = para._hyphenations = 0
    text = strip(text)
    if not text:
        return f.clone(kind=0, lines=[], ascent=ascent, descent=descent, fontSize=size)
    sums = font._bb_sums
    k = 0.001 * size  # WidthCachingTTFont.stringWidth is 0.001 * size * total: the same product
    measure = font.stringWidth
    space = measure(" ", size)
    shrink = style.spaceShrinkage * space
    split_long = style.splitLongWords
    last = len(widths) - 1
    lineno = 0
    max_width = widths[0]
    width_max = 0
    lines: list = []
    line: list = []
    current = -space
    for word in split(text):
        total = sums.get(word)
        word_width = k * total if total is not None else measure(word, size)
        new_width = current + space + word_width
        if new_width > max_width + shrink * len(line):
            if split_long and word_width > widths[min(lineno, last)]:
                return None  # reportlab splits the word
            if line:
                if current > width_max:
                    width_max = current
                lines.append((max_width - current, line))
                line = [word]
                current = word_width
                lineno += 1
                max_width = widths[min(last, lineno)]
                continue
        line.append(word)
        current = new_width
    if line:
        if current > width_max:
            width_max = current
        lines.append((max_width - current, line))
    para._width_max = width_max
    return f.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=size)
