"""``search`` and ``suggest``: passages from the library, best first."""

from __future__ import annotations

import argparse

import re

from briefing.cli.common import (CommandError, Rich, error, load_library, open_index, positive_int, print_json,
                                 print_table)
from briefing.errors import BriefingError
from briefing.search.index import Passage


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "search", help="find passages by words, \"phrases\" or numbers",
        description='Find passages. Words are ANDed; "quoted phrases"; OR between alternatives; -word '
        'excludes; extradi* matches a prefix. Accents are optional and numbers match as typed '
        '("11,000", "$8 billion", "1.3 million").',
    )
    p.add_argument("query", nargs="+", help="what to look for")
    _common_options(p, default_limit=20)
    p.set_defaults(func=run_search)

    p = subparsers.add_parser("suggest", help="passages suggested for a topic",
                              description="List the passages a topic's terms find, best first.")
    p.add_argument("topic", help="topic id (see `briefing-book topics`)")
    _common_options(p, default_limit=10)
    p.set_defaults(func=run_suggest)


def _common_options(p: argparse.ArgumentParser, default_limit: int) -> None:
    p.add_argument("--limit", "-n", type=positive_int, default=default_limit,
                   help=f"at most N passages (default {default_limit})")
    p.add_argument("--full", action="store_true", help="show whole paragraphs, not snippets")
    p.add_argument("--json", action="store_true", help="machine-readable output (exact text, spans, scores)")


_VALUE_OPTIONS = ("--limit", "-n")
_FLAG_OPTIONS = ("--full", "--json", "-h", "--help")


def query_words_last(argv: list[str]) -> list[str]:
    """``search`` arguments with every query word after ``--``, so ``-extradition`` (the documented
    way to exclude a word) reaches the query instead of being taken for an unknown option.

    Options keep their place; any other token is a query word, in its order.  (argparse would
    also read ``-nigeria`` as ``-n igeria`` and ``-hemp`` as ``-h``.)"""
    if not argv or argv[0] != "search" or "--" in argv:
        return argv
    options, words = [], []
    tokens = iter(argv[1:])
    for token in tokens:
        if token in _VALUE_OPTIONS:
            options.append(token)
            following = next(tokens, None)
            if following is not None:
                options.append(following)
        elif token in _FLAG_OPTIONS or re.fullmatch(r"--limit=.*|-n\d+", token):
            options.append(token)
        elif token.startswith("--") and len(token) > 2:
            options.append(token)  # an unknown long option: argparse says so
        else:
            words.append(token)
    return ["search", *options, "--", *words] if words else argv


def run_search(args: argparse.Namespace) -> int:
    text = " ".join(args.query)
    lib = load_library()
    return _query(lib, args, lambda idx: idx.search(text, limit=args.limit), f"No passages match {text!r}.")


def run_suggest(args: argparse.Namespace) -> int:
    lib = load_library()
    try:
        topic = lib.topic(args.topic)
    except KeyError:
        known = ", ".join(sorted(lib.topics)) or "none"
        error(f"no topic '{args.topic}'. Known topics: {known}")
        return 2
    return _query(lib, args, lambda idx: idx.suggest(topic, limit=args.limit),
                  f"No passages found for topic '{topic.id}'.")


def _query(lib, args: argparse.Namespace, ask, empty: str) -> int:
    """Open the index (brought up to date), ask it, and show the passages or a plain error."""
    try:
        with open_index(lib) as idx:
            hits = ask(idx)
    except CommandError as exc:
        error(str(exc))
        return exc.code
    except BriefingError as exc:  # a query refused (too long, too many terms, over the time limit)
        error(str(exc))
        return 1
    return _show(hits, lib, args, empty)


def _show(hits: list[Passage], lib, args: argparse.Namespace, empty: str) -> int:
    if args.json:
        print_json([
            {
                "source_id": h.source_id,
                "source": lib.sources[h.source_id].label if h.source_id in lib.sources else None,
                "paragraph": h.paragraph,
                "score": round(h.score, 6),
                "text": h.text,
                "highlights": [list(s) for s in h.highlights],
                "snippet": h.snippet,
                "snippet_highlights": [list(s) for s in h.snippet_highlights],
            }
            for h in hits
        ])
        return 0
    if not hits:
        print(empty)
        return 0
    rows = []
    for rank, h in enumerate(hits, 1):
        cell = Rich(h.text, h.highlights) if args.full else Rich(h.snippet, h.snippet_highlights)
        rows.append([rank, f"{h.score:.1f}", h.source_id, h.paragraph, cell])
    print_table(["#", "score", "source", "¶", "passage"], rows, right=[0, 1, 3], max_widths=[None, None, 30])
    return 0
