"""Turn what a user types (or a topic's term list) into a safe FTS5 MATCH expression.

Users type free text, not FTS5 syntax: every term is reduced to folded tokens and
emitted as a quoted phrase, so no input can produce an FTS5 syntax error.  What is
understood:

* ``"exact phrase"`` (straight or curly quotes; an unmatched quote is ignored);
* words are ANDed; an upper-case ``OR`` between two terms makes them alternatives;
* ``-word`` or ``NOT word`` excludes (only alongside at least one positive term);
* ``extradi*`` is a prefix search;
* a chunk that the tokenizer splits ("1.3", "U.S.-Colombia", "counter-narcotics") is a
  phrase, and a number followed by "million"/"billion"/... ("$8 billion") is one phrase.

Numbers are normalised like the index ("11,000" -> "11000").

Work is bounded: a query over ``MAX_QUERY_CHARS`` characters or ``MAX_QUERY_TERMS`` terms is
refused with a message (``QueryRefused``) before any parsing; duplicates are dropped through
sets (a pasted page once took 10 s here), and excluded phrases are one ``NOT (a OR b …)``
rather than one nesting level each (FTS5's parser stack overflowed at 97).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from briefing.search.normalize import query_tokens
from briefing.search.refused import QueryRefused

MAX_QUERY_CHARS = 2000  # a long paragraph pasted to find its source still fits
MAX_QUERY_TERMS = 100  # words and phrases, excluded ones included

_QUOTES = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb]")
_MULTIPLIERS = {"hundred", "thousand", "million", "millions", "billion", "billions", "trillion", "percent", "per"}
_TRAILING_PUNCT = ".,;:!?)]}'\u2019"
MAX_WEIGHT = 3


@dataclass(frozen=True)
class Phrase:
    """A sequence of folded tokens that must appear in order (the last one as a prefix if ``prefix``)."""

    tokens: tuple[str, ...]
    prefix: bool = False

    def fts(self) -> str:
        body = " ".join(self.tokens).replace('"', '""')
        return f'"{body}"' + ("*" if self.prefix else "")


@dataclass
class Query:
    """An AND of clauses, each an OR of phrases, minus excluded phrases."""

    clauses: list[list[Phrase]] = field(default_factory=list)
    excluded: list[Phrase] = field(default_factory=list)

    @property
    def phrases(self) -> list[Phrase]:
        """The positive phrases: the ones a hit is highlighted with."""
        return [p for clause in self.clauses for p in clause]

    def fts(self) -> str | None:
        """The MATCH expression, or None when nothing searchable was typed."""
        if not self.clauses:
            return None
        parts = []
        for clause in self.clauses:
            alts = [p.fts() for p in clause]
            parts.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
        expr = " AND ".join(parts)
        if self.excluded:
            alts = [p.fts() for p in self.excluded]
            expr = f"({expr}) NOT " + (alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
        return expr


def _chunk_phrase(chunk: str) -> Phrase | None:
    toks = query_tokens(chunk)
    if not toks:
        return None
    prefix = chunk.rstrip(_TRAILING_PUNCT).endswith("*")
    return Phrase(tuple(toks), prefix)


def _is_number(phrase: Phrase) -> bool:
    return not phrase.prefix and all(t.isdigit() for t in phrase.tokens)


def check_length(text: str) -> None:
    """Refuse (QueryRefused) a query too long to be a search: a pasted page, not words to find."""
    if len(text or "") > MAX_QUERY_CHARS:
        raise QueryRefused(f"The search is too long ({len(text):,} characters; at most {MAX_QUERY_CHARS:,}). "
                           "Search for a few distinctive words or a quoted phrase.")


def parse(text: str) -> Query:
    """Parse user input; never raises for any string (callers refuse over-long ones first)."""
    parts = _QUOTES.split(text or "")
    if len(parts) % 2 == 0:  # an unterminated quote: its text is read as plain words
        parts = parts[:-2] + [parts[-2] + " " + parts[-1]]
    # items: ("p", Phrase, negated, quoted) or ("op", name)
    items: list[tuple] = []
    for i, segment in enumerate(parts):
        if i % 2 == 1:
            toks = query_tokens(segment)
            if toks:
                items.append(("p", Phrase(tuple(toks)), False, True))
            continue
        for chunk in segment.split():
            if chunk in ("OR", "|"):
                items.append(("op", "OR"))
                continue
            if chunk in ("AND", "&", "+"):
                continue
            if chunk == "NOT":
                items.append(("op", "NOT"))
                continue
            negated = chunk.startswith("-") and len(chunk) > 1
            phrase = _chunk_phrase(chunk)
            if phrase is None:
                continue
            prev = items[-1] if items else None
            if (
                prev and prev[0] == "p" and not prev[2] and not prev[3] and not negated
                and _is_number(prev[1]) and len(phrase.tokens) == 1 and phrase.tokens[0] in _MULTIPLIERS
            ):
                items[-1] = ("p", Phrase(prev[1].tokens + phrase.tokens, phrase.prefix), False, False)
                continue
            items.append(("p", phrase, negated, False))

    query = Query()
    singles: set[Phrase] = set()  # phrases whose clause is that phrase alone
    group: set[Phrase] = set()  # the phrases of the last clause
    seen_excluded: set[Phrase] = set()
    pending_or = pending_not = False
    for item in items:
        if item[0] == "op":
            if item[1] == "OR":
                pending_or = bool(query.clauses)
            else:
                pending_not = True
            continue
        _, phrase, negated, _quoted = item
        if negated or pending_not:
            if phrase not in seen_excluded:
                seen_excluded.add(phrase)
                query.excluded.append(phrase)
        elif pending_or:
            last = query.clauses[-1]
            if phrase not in group:
                if len(last) == 1:
                    singles.discard(last[0])
                last.append(phrase)
                group.add(phrase)
        elif phrase not in singles:
            singles.add(phrase)
            query.clauses.append([phrase])
            group = {phrase}
        pending_or = pending_not = False
    if len(query.phrases) + len(query.excluded) > MAX_QUERY_TERMS:
        raise QueryRefused(f"The search has too many terms ({len(query.phrases) + len(query.excluded):,}; at most "
                           f"{MAX_QUERY_TERMS}). Search for a few distinctive words or a quoted phrase.")
    return query


def topic_phrases(terms: list[str]) -> list[tuple[Phrase, int]]:
    """A topic's terms as (phrase, weight); a longer, more specific phrase weighs more.

    Each term is one phrase (a trailing ``*`` makes it a prefix).  Terms that fold to the
    same phrase ("extradición", "extradicion") are merged.
    """
    return list(_topic_phrases(tuple(terms)))


def topic_fts(terms: list[str]) -> str | None:
    """An OR of the topic's phrases; a phrase of weight w is repeated w times.

    FTS5's bm25() sums the contribution of every phrase in the expression, so
    repeating a phrase multiplies its weight while the ranking stays inside SQLite.
    """
    return _topic_exprs(tuple(terms))[0]


def topic_match_fts(terms: list[str]) -> str | None:
    """The same passages as ``topic_fts`` without the repeated (weighting) phrases: for counting."""
    return _topic_exprs(tuple(terms))[1]


# A topic's terms are parsed on every suggestion; folding them (NFD per token) was ~0.3 ms of a
# ~2 ms stored suggestion (cProfile), so the results are kept per term list.
@lru_cache(maxsize=256)
def _topic_phrases(terms: tuple[str, ...]) -> tuple[tuple[Phrase, int], ...]:
    weights: dict[Phrase, int] = {}
    for term in terms:
        phrase = _chunk_phrase(term.strip())
        if phrase is None:
            continue
        weight = min(len(phrase.tokens), MAX_WEIGHT)
        weights[phrase] = max(weight, weights.get(phrase, 0))
    return tuple(weights.items())


@lru_cache(maxsize=256)
def _topic_exprs(terms: tuple[str, ...]) -> tuple[str | None, str | None]:
    pairs = _topic_phrases(terms)
    if not pairs:
        return None, None
    weighted = " OR ".join(" OR ".join([phrase.fts()] * weight) for phrase, weight in pairs)
    return weighted, " OR ".join(phrase.fts() for phrase, _ in pairs)
