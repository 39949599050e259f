"""``search`` and ``suggest``: passages from the library, best first."""

from __future__ import annotations

import argparse

from briefing.cli.common import CommandError, Rich, error, load_library, open_index, print_json, print_table
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
    p.add_argument("--limit", "-n", type=_positive, default=default_limit, help=f"at most N passages (default {default_limit})")
    p.add_argument("--full", action="store_true", help="show whole paragraphs, not snippets")
    p.add_argument("--json", action="store_true", help="machine-readable output (exact text, spans, scores)")


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


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
