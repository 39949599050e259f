"""Text normalisation shared by the index, the query parser and the highlighter.

SQLite's ``unicode61`` tokenizer splits "11,000" into "11" and "000", so nobody could
find the number as typed.  The index therefore stores a *normalised copy* of each
paragraph in which digit-group commas are removed ("11,000" -> "11000"); queries get
the same treatment.  The exact text is kept separately for display and excerpts.

Highlights must be computed on the exact text, so this module can also tokenise the
exact text the way the index saw it and map every token back to its original
character span.  Folding is lower case with every combining mark removed, done here on both
sides: the indexed copy is folded by ``index_form`` with the same ``fold`` as the query's tokens.
(``unicode61 remove_diacritics 2`` alone folds only Latin letters, so "ελληνική", "мой" or
"ёлка" typed as such could never be found once the query had been folded.)  "Nariño" and
"Narino" are the same token; so are "ёлка" and "елка".
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# Bump when normalisation or tokenisation changes: the index is rebuilt on a mismatch.
NORMALISATION_VERSION = 2

# A comma between a digit and exactly three digits is a thousands separator.  The pattern starts
# with the literal comma (the digit before it is a look-behind *after* it), so the regex engine
# jumps from comma to comma; the look-behind first made it try every position: 30x slower, ~1 s
# of normalising the 80,000 passages of a 10,000-source library, ~23 us per highlighted paragraph.
_GROUP_COMMA = re.compile(r",(?<=\d,)(?=\d{3}(?!\d))")
# unicode61 token characters: letters, numbers (and, in practice, combining marks,
# which remove_diacritics then drops).  Python's [^\W_] is letters and numbers.
_TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])+")


def normalise(text: str) -> str:
    """The copy of ``text`` that is indexed (and the form queries are matched in)."""
    return _GROUP_COMMA.sub("", text)


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text plus, for each of its positions (and its end), the position in ``text``."""
    out: list[str] = []
    positions: list[int] = []
    last = 0
    for match in _GROUP_COMMA.finditer(text):
        chunk = text[last : match.start()]
        out.append(chunk)
        positions.extend(range(last, match.start()))
        last = match.end()
    out.append(text[last:])
    positions.extend(range(last, len(text)))
    positions.append(len(text))
    return "".join(out), positions


def index_form(text: str) -> str:
    """The copy of a paragraph that is indexed: normalised, then folded like every query token."""
    return fold(normalise(text))


def fold(token: str) -> str:
    """Lower case without diacritics: the form in which tokens are compared."""
    if token.isascii():
        return token.lower()
    decomposed = unicodedata.normalize("NFD", token)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


class Token(NamedTuple):
    """A token and its span.  A named tuple: cheaper to create than a frozen dataclass, both the
    class (~1 ms at every start-up, which imports this module) and each of the many instances."""

    text: str  # folded form
    start: int  # span in the original (exact) text
    end: int


def tokens(text: str) -> list[Token]:
    """Tokens of the exact text as the index sees them, with their original spans."""
    norm, positions = normalise_with_map(text)
    out = []
    for match in _TOKEN.finditer(norm):
        folded = fold(match.group())
        if folded:
            out.append(Token(folded, positions[match.start()], positions[match.end() - 1] + 1))
    return out


def query_tokens(text: str) -> list[str]:
    """Folded tokens of a piece of user input (numbers normalised like the index)."""
    return [fold(m.group()) for m in _TOKEN.finditer(normalise(text)) if fold(m.group())]
