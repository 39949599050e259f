"""Element order and punctuation for Chicago notes-bibliography, APA and MLA, built from Source facts.

Only what the source states is printed: an unknown date becomes the style's "n.d.", an unknown URL
or publisher is left out, and a value listed in ``source.inferred`` is put in square brackets.
Titles and names are printed exactly as stored (no case changes, no name inversion), because
changing them would be guessing: "Gabriel García Márquez" cannot be split safely into given and
family names, and sentence-casing a title would lower-case proper nouns.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from briefing.citation.terms import Terms


class Run(NamedTuple):
    """A piece of citation text; the PDF layer escapes it, nothing here is markup."""

    text: str
    italic: bool = False


class Piece(NamedTuple):
    """One element of a citation; a NamedTuple because a long briefing formats thousands."""

    text: str
    italic: bool = False
    quoted: bool = False


# Titles of stand-alone works are italic in every style; titles of pages or articles within a
# site are quoted in Chicago and MLA (APA italicises web pages, see _apa_title).
_STANDALONE_KINDS = frozenset({"report"})


def _clean(text: str) -> str:
    """Collapse runs of whitespace (a title may carry a line break) but keep every character."""
    return " ".join(text.split())


def _mark(text: str, inferred: bool) -> str:
    return f"[{text}]" if inferred else text


def render(pieces: list[tuple[Piece, str]], terms: Terms, *, end: str = "") -> list[Run]:
    """Join pieces with their following separators, American style punctuation.

    Each entry is (piece, separator after it); the last piece is followed by ``end``.  A comma or
    period goes inside closing quotation marks; it is dropped after "?" or "!", and a period is not
    doubled after a piece that already ends with one.
    """
    runs: list[tuple[str, bool]] = []  # (text, italic); merge makes the Runs
    for i, (piece, sep) in enumerate(pieces):
        if i == len(pieces) - 1:
            sep = end
        punct = sep.rstrip(" ")
        space = sep[len(punct):]
        last = piece.text[-1:] if piece.text else ""
        ends_question = bool(last) and last in "?!"
        if (punct in (",", ".") and ends_question) or (punct == "." and last == "."):
            punct = ""
        if piece.quoted:
            inner = punct if punct in (",", ".") else ""
            outer = "" if inner else punct
            runs.append((terms.quote_open + piece.text + inner + terms.quote_close, False))
            runs.append((outer + space, False))
        else:
            runs.append((piece.text, piece.italic))
            runs.append((punct + space, False))
    return merge(runs)


def merge(runs) -> list[Run]:
    """Adjacent runs (Runs or (text, italic) pairs) of the same slant as one Run; empty runs dropped."""
    out: list[Run] = []
    texts: list[str] = []
    italic = False
    for text, slant in runs:
        if not text:
            continue
        if texts and slant == italic:
            texts.append(text)
        else:
            if texts:
                out.append(Run("".join(texts), italic))
            texts, italic = [text], slant
    if texts:
        out.append(Run("".join(texts), italic))
    return out


def plain(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)


# --- facts -----------------------------------------------------------------------------------

def date_text(source, terms: Terms) -> str:
    """The source date at the precision it is known to, in the style's words; "n.d." when unknown."""
    if not source.date:
        return terms.no_date
    raw = source.date.strip()
    parts = raw.split("-")
    keep = {"year": 1, "month": 2, "day": 3}.get(source.date_precision or "", 3)
    parts = parts[:keep]  # never show more than the stated precision, never more than the date has
    try:
        year = parts[0]
        if not (len(year) == 4 and year.isdigit()):
            raise ValueError(raw)
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
        if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
            raise ValueError(raw)
    except (ValueError, IndexError):
        text = raw  # a malformed date is shown as written rather than reinterpreted
    else:
        if day is not None:
            text = terms.date_day.format(year=year, month=terms.months[month - 1], day=day)
        elif month is not None:
            text = terms.date_month.format(year=year, month=terms.months[month - 1])
        else:
            text = terms.date_year.format(year=year)
    return _mark(text, source.is_inferred("date"))


def sort_date(source) -> str:
    return source.date or ""


def publisher(source) -> str | None:
    if not source.publisher or not _clean(source.publisher):
        return None
    return _mark(_clean(source.publisher), source.is_inferred("publisher"))


def url(source) -> str | None:
    if not source.url or not source.url.strip():
        return None
    return _mark(source.url.strip(), source.is_inferred("url"))


def title_piece(source, *, italic: bool, quoted: bool) -> Piece:
    """The title in the style's form, or the bracketed opening words (``label``) when there is none.

    A supplied (inferred) title is bracketed and, like a description, neither quoted nor italic.
    """
    if source.title and _clean(source.title):
        text = _clean(source.title)
        if source.is_inferred("title"):
            return Piece(f"[{text}]")
        return Piece(text, italic=italic, quoted=quoted)
    return Piece(_clean(source.label))


def authors(source, terms: Terms, *, max_listed: int, serial_comma: bool) -> str | None:
    names = [_clean(a) for a in source.author_names() if a and _clean(a)]  # people as "Family, Given"
    if not names:
        return None
    inferred = source.is_inferred("authors")
    names = [_mark(n, inferred) for n in names]
    if len(names) > max_listed:
        return f"{names[0]} {terms.et_al}"
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} {terms.and_} {names[1]}"
    comma = "," if serial_comma else ""
    return ", ".join(names[:-1]) + f"{comma} {terms.and_} {names[-1]}"


def standalone(source) -> bool:
    return source.kind in _STANDALONE_KINDS


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _drop_combining(match: re.Match) -> str:
    return "".join(c for c in match.group(0) if not unicodedata.combining(c))


def sort_key(text: str) -> str:
    """Alphabetise letter by letter, ignoring accents, case, leading quotes/brackets and articles."""
    if text.isascii():  # NFKD leaves ASCII as it is and it has no combining marks
        folded = text.casefold()
    else:  # combining marks are never ASCII: only the other characters are looked at
        folded = _NON_ASCII.sub(_drop_combining, unicodedata.normalize("NFKD", text)).casefold()
    folded = folded.lstrip("“”‘’\"'[(*« ")
    for article in ("the ", "a ", "an "):
        if folded.startswith(article):
            folded = folded[len(article):]
            break
    return folded


# --- styles ----------------------------------------------------------------------------------

def chicago(source, terms: Terms, *, bibliography: bool, paragraph: int | None = None) -> list[Run]:
    """Note: Author, “Title,” Publisher, Date, para. N, URL.  No author: Publisher, “Title,” Date, URL.

    Bibliography: the same elements separated by periods: Publisher. “Title.” Date. URL.
    """
    sa = standalone(source)
    title = title_piece(source, italic=sa, quoted=not sa)
    who = authors(source, terms, max_listed=6 if bibliography else 3, serial_comma=True)
    pub = publisher(source)
    date = date_text(source, terms)
    link = url(source)
    big = ". " if bibliography else ", "
    pieces: list[tuple[Piece, str]] = []
    if who:
        pieces.append((Piece(who), big))
        pieces.append((title, big))
        if pub:
            pieces.append((Piece(pub), ", "))
    else:
        if pub:
            pieces.append((Piece(pub), big))
        pieces.append((title, big))
    pieces.append((Piece(date), big))
    if paragraph is not None and not bibliography:
        pieces.append((Piece(terms.paragraph.format(n=paragraph)), ", "))
    if link:
        pieces.append((Piece(link), ""))
    return render(pieces, terms, end=".")


def apa(source, terms: Terms, *, bibliography: bool, paragraph: int | None = None) -> list[Run]:
    """Reference: Author. (Date). *Title*. Publisher. URL   No author: Publisher. (Date). *Title*. URL

    With neither author nor publisher the title moves to the front: *Title*. (Date). URL
    APA has no notes; a note is the reference followed by the in-text locator "(para. N)".
    """
    title = title_piece(source, italic=True, quoted=False)
    who = authors(source, terms, max_listed=20, serial_comma=True)
    pub = publisher(source)
    date = date_text(source, terms)
    link = url(source)
    pieces: list[tuple[Piece, str]] = []
    if who:
        pieces += [(Piece(who), ". "), (Piece(f"({date})"), ". "), (title, ". ")]
        if pub and pub != who:
            pieces.append((Piece(pub), ". "))
    elif pub:
        pieces += [(Piece(pub), ". "), (Piece(f"({date})"), ". "), (title, ". ")]
    else:
        pieces += [(title, ". "), (Piece(f"({date})"), ". ")]
    if link:
        runs = render(pieces, terms, end=". ") + [Run(link)]  # no period after a URL in APA
    else:
        runs = render(pieces, terms, end=".")
    if paragraph is not None and not bibliography:
        runs.append(Run(f" ({terms.paragraph.format(n=paragraph)})"))
    return merge(runs)


def mla(source, terms: Terms, *, bibliography: bool, paragraph: int | None = None) -> list[Run]:
    """Works cited: Author. “Title.” *Publisher*, Date, par. N, URL.

    No author: the entry begins with the title.  A report's title is italic and its publisher
    roman (publisher, not container).
    """
    sa = standalone(source)
    title = title_piece(source, italic=sa, quoted=not sa)
    who = authors(source, terms, max_listed=2, serial_comma=False)
    pub = publisher(source)
    date = date_text(source, terms)
    link = url(source)
    pieces: list[tuple[Piece, str]] = []
    if who:
        pieces.append((Piece(who), ". "))
    pieces.append((title, ". "))
    if pub:
        pieces.append((Piece(pub, italic=not sa), ", "))
    pieces.append((Piece(date), ", "))
    if paragraph is not None and not bibliography:
        pieces.append((Piece(terms.paragraph.format(n=paragraph)), ", "))
    if link:
        pieces.append((Piece(link), ""))
    return render(pieces, terms, end=".")


FORMATS = {"chicago": chicago, "apa": apa, "mla": mla}


def lead(source, terms: Terms) -> str:
    """The element a bibliography entry is alphabetised by: author, else publisher (not in MLA), else title."""
    max_listed = {"chicago": 6, "apa": 20, "mla": 2}[terms.style]
    who = authors(source, terms, max_listed=max_listed, serial_comma=True)
    if who:
        return who
    pub = publisher(source)
    if pub and terms.style != "mla":
        return pub
    return title_piece(source, italic=False, quoted=False).text


def attribution(source, terms: Terms) -> str:
    """The short line under an excerpt: publisher, title, date.

    Chicago and MLA: InSight Crime, “Title,” April 12, 2021.  APA: InSight Crime, Title (2021, April 12).
    """
    pub = publisher(source)
    quoted = terms.style != "apa" and not standalone(source)
    title = title_piece(source, italic=False, quoted=quoted)
    title = Piece(title.text, quoted=title.quoted)  # a plain line has no italics
    date = date_text(source, terms)
    pieces: list[tuple[Piece, str]] = []
    if pub:
        pieces.append((Piece(pub), ", "))
    if terms.style == "apa":
        pieces += [(title, " "), (Piece(f"({date})"), "")]
    else:
        pieces += [(title, ", "), (Piece(date), "")]
    return plain(render(pieces, terms))
