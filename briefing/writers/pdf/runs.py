"""A faster Paragraph for the endnotes and the bibliography: several faces, links, left-aligned.

An endnote or a bibliography entry mixes faces (an italic title) and links (a coloured
``<a href>``), so reportlab lays it out through its multi-fragment path, which builds a list
object per word, clones a fragment per face change and measures every piece again while
drawing: several times the cost of a one-face paragraph.  ``RunsParagraph`` breaks such a
paragraph into lines with the same arithmetic as reportlab (the same words, the same widths
added in the same order, a space measured and drawn in the face of the text that holds it)
and draws each line with the same text-object operations and link annotations, but from
plain tuples.  Anything outside that simple case (other alignments, hyphenation, a word too
long for the line, underlines, images, line breaks, superscripts, soft hyphens, bullets,
backgrounds) goes through reportlab's own code, and so does every split: splitting hands the
paragraph back to reportlab, which lays it out from its fragments as usual.
"""

from __future__ import annotations

from string import whitespace

from reportlab.lib.enums import TA_LEFT
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import paragraph as _rl
from reportlab.platypus.paragraph import ParaLines, _doLink, _processed_frags, _setTXLineProps, _trailingSpaceLength
from reportlab.platypus.paragraph import lstrip as _lstrip
from reportlab.platypus.paragraph import setXPos
from reportlab.platypus.paragraph import split as _split

from briefing.writers.pdf.coverage import SafeParagraph

# the attributes reportlab's sameFrag compares
_SAME = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")
# fragment attributes that take reportlab's own path
_SPECIAL = ("cbDefn", "lineBreak", "backColor", "img", "_selfLink", "nobr")


class _FastLines(ParaLines):
    """blPara of a RunsParagraph laid out here: lines are (extraSpace, [[frag index, text], ...],
    word count)."""


class RunsParagraph(SafeParagraph):
    """A left-aligned paragraph in several faces (endnotes, bibliography); see the module docstring."""

    _bb_slow = False

    # -- eligibility ------------------------------------------------------------------------
    def _bb_plan(self):
        """(frags, face index per frag, fonts, font size) when this paragraph can be laid out
        here, else None."""
        plan = self.__dict__.get("_bb_plan_cache", False)
        if plan is not False:
            return plan
        plan = self._bb_plan_cache = self._bb_make_plan()
        return plan

    def _bb_make_plan(self):
        style = self.style
        frags = self.frags
        # one fragment is reportlab's fast one-face path already
        if (len(frags) < 2 or _processed_frags(frags) or self.bulletText or style.alignment != TA_LEFT
                or style.wordWrap or style.endDots or style.backColor
                or (style.borderWidth and style.borderColor)
                or getattr(self, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off")
                or not _rl.paraFontSizeHeightOffset):
            return None
        if style.hyphenationLang or style.uriWasteReduce or style.embeddedHyphenation:
            return None
        if style.shaping and getFont(style.fontName).shapable:
            return None
        size = frags[0].__dict__.get("fontSize")
        keys: list = []
        ids: list[int] = []
        fonts: list = []
        for f in frags:
            d = f.__dict__
            text = d.get("text")
            if (not isinstance(text, str) or "\xad" in text or d.get("us_lines") or d.get("rise")
                    or d.get("fontSize") != size or not d.keys().isdisjoint(_SPECIAL)):
                return None
            key = list(map(d.get, _SAME))
            for i, other in enumerate(keys):
                if other == key:
                    ids.append(i)
                    break
            else:
                ids.append(len(keys))
                keys.append(key)
            try:
                fonts.append(getFont(d["fontName"]))
            except KeyError:
                return None
        return frags, ids, fonts, size

    # -- layout -----------------------------------------------------------------------------
    def breakLines(self, width):
        plan = None if self._bb_slow else self._bb_plan()
        if plan is None:
            return super().breakLines(width)
        lines = _break(plan, width if isinstance(width, (list, tuple)) else [width], self.style.splitLongWords,
                       self.style.spaceShrinkage)
        if lines is None:
            self._bb_slow = True
            return super().breakLines(width)
        self._splitLongWordCount = self._hyphenations = 0
        self._width_max = max((w - line[0] for w, line in zip(_widths(width, len(lines)), lines)), default=0)
        return _FastLines(kind=1, lines=lines)

    def split(self, availWidth, availHeight):
        if not isinstance(self.__dict__.get("blPara"), _FastLines):
            return super().split(availWidth, availHeight)
        # splitting is reportlab's: lay the paragraph out its way first
        frags = self.frags
        del self.blPara
        self._bb_wrapped = None
        self._bb_slow = True
        parts = super().split(availWidth, availHeight)
        if not parts:  # moved on whole: back to the fragments it had, laid out here next time
            self.frags = frags
            self._bb_slow = False
            self.__dict__.pop("blPara", None)
            self._bb_wrapped = None
        return parts

    def drawPara(self, debug=0):
        bl = self.blPara
        if debug or not isinstance(bl, _FastLines):
            return super().drawPara(debug)
        lines = bl.lines
        if not lines:
            return
        frags, _, fonts, size = self._bb_plan()
        style = self.style
        canvas = self.canv
        leading = style.leading
        left = style.leftIndent
        canvas.saveState()
        cur_y = self.height - size
        tx = self.beginText(left, cur_y)
        tx.preformatted = False
        _setTXLineProps(tx, canvas, style)
        tx.direction = style.wordWrap
        tx._leading = None
        tx._olb = None
        tx._fontname, tx._fontsize = None, None
        string_width = canvas.stringWidth
        fills: dict = {}  # colour -> the operator its first setFillColor wrote in this paragraph
        text_color = None
        rise = 0
        offsets = getattr(self, "_offsets", None) or [0]
        for lineno, (extra, runs, word_count) in enumerate(lines):
            offset = offsets[min(lineno, len(offsets) - 1)]
            if lineno == 0:
                offset += style.firstLineIndent
            tx._x_offset = offset
            setXPos(tx, offset)
            squeezed = 0
            if extra <= -1e-8:  # spaces shrunk to fit (style.spaceShrinkage), as reportlab draws it
                squeezed = word_count + sum(t.count("\xa0") for _, t in runs) - 1
                if squeezed > 0:
                    tx.setWordSpace(extra / float(squeezed))
            ws = getattr(tx, "_wordSpace", 0)
            if tx._leading != leading:
                tx.setLeading(leading)
            last = len(runs) - 1
            if not any(frags[fi].link for fi, _ in runs):
                # no link on this line: nothing to measure, only the faces and colours to set
                for i, (fi, text) in enumerate(runs):
                    text_color, rise = _set_run(tx, frags[fi], text_color, rise, fills)
                    tx._textOut(text, i == last)
                if squeezed > 0:
                    tx.setWordSpace(0)
                setXPos(tx, -offset)
                cur_y -= leading
                continue
            cur_x = offset + left
            n_spaces = 0
            active: list = []
            links: dict = {}
            prev_text = None
            for i, (fi, text) in enumerate(runs):
                f = frags[fi]
                cur_x_s = cur_x + n_spaces * ws
                end_x = cur_x_s
                if prev_text is not None:
                    end_x = cur_x_s - _trailingSpaceLength(prev_text, tx)
                font_size = f.fontSize
                text_color, rise = _set_run(tx, f, text_color, rise, fills)
                link = f.link
                changed = active != link
                if changed:
                    new = set(link)
                    started = new - set(active)
                    for key in set(active) - new:
                        links[key] = links[key], end_x
                tx._textOut(text, i == last)
                lo = rise - 0.2 * font_size
                hi = rise + font_size
                if changed:
                    for key in started:
                        links[key] = (key, cur_x), lo, hi
                    active = link
                if active:
                    for key in active:
                        start, klo, khi = links[key]
                        if lo < klo or hi > khi:
                            links[key] = start, min(lo, klo), max(hi, khi)
                cur_x += _run_width(fonts[fi], text, tx._fontsize) if tx._fontsize == size else \
                    string_width(text, tx._fontname, tx._fontsize)
                n_spaces += text.count(" ") + text.count("\xa0")
                prev_text = text
            cur_x_s = cur_x + (n_spaces - 1) * ws
            for key in active:
                links[key] = links[key], cur_x_s
            if squeezed > 0:
                tx.setWordSpace(0)
            setXPos(tx, -offset)
            for (((_, url), x1), lo, hi), x2 in sorted(links.values()):
                _doLink(tx, url, (x1, cur_y + lo, x2, cur_y + hi))
            cur_y -= leading
        canvas.drawText(tx)
        canvas.restoreState()


def _set_run(tx, f, text_color, rise, fills: dict) -> tuple:
    """Set the face, fill colour and rise of fragment ``f`` where they differ from the text
    object's (reportlab's order); returns the colour and rise now set."""
    if tx._fontname != f.fontName or tx._fontsize != f.fontSize:
        tx._setFont(f.fontName, f.fontSize)
    color = f.textColor
    if color is not text_color and text_color != color:
        text_color = color
        _fill(tx, color, fills)
    if rise != f.rise:
        rise = f.rise
        tx.setRise(rise)
    return text_color, rise


def _fill(tx, color, fills: dict) -> None:
    """``tx.setFillColor(color)``; a colour set again in the same paragraph repeats the one
    operator its first call wrote (an endnote's link switches colour twice per line; each call
    also runs the alpha and PDF-version checks, which change nothing after the first)."""
    op = fills.get(color)
    if op is not None:
        tx._fillColorObj = color
        tx._code.append(op)
        return
    n = len(tx._code)
    tx.setFillColor(color)
    added = tx._code[n:]
    if len(added) == 1 and getattr(color, "alpha", 1) == 1:
        fills[color] = added[0]


def _run_width(font, text: str, size: float) -> float:
    """``font.stringWidth(text, size)`` for a run of words, from the words' remembered totals.

    A line's runs are rarely drawn twice, so measuring each would be a loop over its
    characters; its words were all measured while breaking.  Glyph widths in these fonts are
    multiples of 1/256 of a unit, so the totals add up exactly in any order and the product
    is the one stringWidth returns."""
    sums = getattr(font, "_bb_sums", None)
    space = sums.get(" ") if sums is not None and font.bb_exact_sums else None
    if space is None or " " not in text:  # (the space is measured while breaking the line)
        return font.stringWidth(text, size)
    words = text.split(" ")
    total = space * (len(words) - 1)
    for word in words:
        part = sums.get(word)
        if part is None:
            font.stringWidth(word, 1)
            part = sums.get(word)
            if part is None:  # the cache was just cleared
                return font.stringWidth(text, size)
        total += part
    return 0.001 * size * total


def _widths(width, n: int) -> list:
    widths = list(width) if isinstance(width, (list, tuple)) else [width]
    return [widths[min(i, len(widths) - 1)] for i in range(n)]


def _words(frags, fonts, size) -> list:
    """reportlab's frag words for text-only fragments (``_getFragWords``): (width, [(frag index,
    text), ...], followed by a space)."""
    out: list = []
    word: list = []
    n = 0
    strip = True
    k = 0.001 * size  # WidthCachingTTFont.stringWidth is 0.001 * size * total: the same product
    for fi, f in enumerate(frags):
        text = f.text
        if not text:
            continue
        if strip:
            text = _lstrip(text)
            if not text:
                continue
            strip = False
        parts = _split(text)
        font = fonts[fi]
        sw = font.stringWidth
        get = getattr(font, "_bb_sums", {}).get
        if text[0] in whitespace or not parts:
            if word:
                out.append((n, word, False))
                word = []
                n = 0
                spaced = False
            else:
                spaced = bool(out) and out[-1][2]
            if not spaced:
                parts.insert(0, "")
            elif not parts:
                continue
        for w in parts[:-1]:
            word.append((fi, w))
            total = get(w)
            n += k * total if total is not None else sw(w, size)
            out.append((n, word, True))
            word = []
            n = 0
        w = parts[-1]
        word.append((fi, w))
        total = get(w)
        n += k * total if total is not None else sw(w, size)
        if text[-1] in whitespace:
            out.append((n, word, True))
            word = []
            n = 0
    if word:
        out.append((n, word, False))
    if not out and frags:
        out.append((0, [(0, "")], False))
    return out


def _break(plan, widths: list, split_long_words, shrinkage) -> list | None:
    """reportlab's multi-fragment line breaking (``Paragraph.breakLines``, kind 1) for the simple
    case: lines of (extraSpace, runs, word count); None when a word would need splitting
    (reportlab's own path)."""
    frags, ids, fonts, size = plan
    space: dict[int, float] = {}
    lines: list = []
    last_line = len(widths) - 1
    lineno = 0
    max_width = widths[0]
    runs = None
    n = 0
    space_width = current = 0
    g = 0
    for width, pieces, spaced in _words(frags, fonts, size):
        lfi = pieces[-1][0]
        new_width = current + space_width + width if width > 0 else current
        limit = max_width
        if shrinkage:  # a line may take a little more if its spaces shrink (reportlab's spaceShrinkage)
            shrink = space_width
            if runs is not None:
                for fi, t in runs:
                    count = t.count(" ")
                    if count:
                        sw = space.get(fi)
                        if sw is None:
                            sw = space[fi] = fonts[fi].stringWidth(" ", size)
                        shrink += count * sw
            limit += shrink * shrinkage
        if new_width > limit:
            if split_long_words and width > widths[min(lineno, last_line)]:
                return None
            end_line = n > 0
        else:
            end_line = False
        if spaced:
            sw = space.get(lfi)
            if sw is None:
                sw = space[lfi] = fonts[lfi].stringWidth(" ", size)
        else:
            sw = 0
        fi0, t0 = pieces[0]
        if not end_line:
            if t0:
                n += 1
            if runs is None:
                runs = [[fi0, t0]]
            elif ids[g] != ids[fi0]:
                if space_width and not runs[-1][1].endswith(" "):
                    runs[-1][1] += " "
                runs.append([fi0, t0])
            elif space_width:
                last = runs[-1]
                last[1] = last[1] + t0 if last[1].endswith(" ") else last[1] + " " + t0
            else:
                runs[-1][1] += t0
            g = fi0
            more = False
            for fi, t in pieces[1:]:
                runs.append([fi, t])
                g = fi
                if t:
                    more = True
            if not t0 and more:
                n += 1
            space_width = sw
            current = new_width
        else:
            lines.append((max_width - current, runs, n))
            lineno += 1
            max_width = widths[min(last_line, lineno)]
            space_width = sw
            current = width
            n = 1
            runs = [[fi, t] for fi, t in pieces]
            g = pieces[-1][0]
    if runs is not None:
        lines.append((max_width - current, runs, n))
    return lines
