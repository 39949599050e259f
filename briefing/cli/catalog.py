"""``topics`` and ``sources``: what the library holds."""

from __future__ import annotations

import argparse

from briefing.cli.common import CommandError, error, load_library, open_index, print_json, print_table


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("topics", help="list the topics and how many passages each finds",
                              description="List the topics, with the number of passages each suggests.")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run_topics)
    from briefing.cli.topic_edit import register_under

    register_under(p)  # topics add|edit|remove

    p = subparsers.add_parser("sources", help="list the sources in the library",
                              description="List the library's sources (bundled and your own), newest first.")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run_sources)


COUNT_TIME_LIMIT_S = 60.0


def run_topics(args: argparse.Namespace) -> int:
    lib = load_library()
    try:
        idx = open_index(lib)
    except CommandError as exc:
        error(str(exc))
        return exc.code
    with idx:
        # no window waits on this listing: a generous bound instead of a search's 3 s
        topics = [(t, idx.count_suggestions(t, time_limit=COUNT_TIME_LIMIT_S))
                  for t in sorted(lib.topics.values(), key=lambda t: t.id)]
    if args.json:
        print_json([
            {"id": t.id, "title": t.title, "description": t.description, "terms": t.terms, "passages": n}
            for t, n in topics
        ])
        return 0
    if not topics:
        print("No topics in the library.")
        return 0
    print_table(
        ["topic", "passages", "title", "description"],
        [[t.id, n, t.title, t.description] for t, n in topics],
        right=[1], max_widths=[20, None, 32],
    )
    return 0


def run_sources(args: argparse.Namespace) -> int:
    lib = load_library()
    try:
        open_index(lib).close()  # keeps the index in step; reports unreadable texts
    except CommandError as exc:
        error(str(exc))
        return exc.code
    sources = lib.sorted_sources()
    if args.json:
        out = []
        for s in sources:
            data = s.metadata()
            data.pop("text_file", None)
            data.pop("no_text", None)
            data.update(label=s.label, origin=s.origin, has_text=s.has_text)
            out.append(data)
        print_json(out)
        return 0
    if not sources:
        print("No sources in the library.")
        return 0
    print_table(
        ["source", "kind", "date", "publisher", "title"],
        [[s.id, s.kind, s.date or "n.d.", s.publisher or "", s.label if s.has_text else f"(no text yet) {s.label}"]
         for s in sources],
        max_widths=[36, 12, 10, 18],
    )
    return 0
