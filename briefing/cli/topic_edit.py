"""``topics add|edit|remove``: the user's own topics from the command line (same rules as the window)."""

from __future__ import annotations

import argparse

from briefing.cli.common import error, load_library, print_json
from briefing.errors import BriefingError
from briefing.library.topics import Topic
from briefing.library.user_topics import bundled_topic_ids, remove_topic, save_topic


def register_under(topics_parser: argparse.ArgumentParser) -> None:
    """Sub-commands of ``topics``; bare ``topics`` still lists them."""
    sub = topics_parser.add_subparsers(dest="topics_command", metavar="ACTION", title="actions")
    p = sub.add_parser("add", help="create a topic in your library",
                       description="Create a topic in your library (it overrides a bundled topic with the same id).")
    p.add_argument("id", help="lower-case letters, digits, '.', '_' or '-'")
    p.add_argument("--title", required=True)
    p.add_argument("--term", action="append", required=True, metavar="TERM",
                   help="a word or \"quoted phrase\" that finds the topic (repeat for several)")
    p.add_argument("--description", default="")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run_add)
    p = sub.add_parser("edit", help="change a topic's title, terms or description",
                       description="Change a topic; a bundled topic is copied into your library with the change.")
    p.add_argument("id")
    p.add_argument("--title")
    p.add_argument("--term", action="append", metavar="TERM", help="replaces all terms (repeat for several)")
    p.add_argument("--description")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run_edit)
    p = sub.add_parser("remove", help="remove a topic (a bundled one is hidden)")
    p.add_argument("id")
    p.set_defaults(func=run_remove)


def _report(topic: Topic, verb: str, as_json: bool) -> int:
    if as_json:
        print_json({"id": topic.id, "title": topic.title, "description": topic.description, "terms": topic.terms})
    else:
        print(f"{verb} topic {topic.id}: {topic.title} ({len(topic.terms)} term{'s' * (len(topic.terms) != 1)})")
    return 0


def run_add(args: argparse.Namespace) -> int:
    lib = load_library()
    if args.id in lib.topics and lib.topics[args.id].origin == "user":
        error(f"you already have a topic '{args.id}'; change it with `briefing-book topics edit {args.id}`")
        return 1
    try:
        topic = save_topic(lib, Topic(args.id, args.title, args.description, list(args.term)))
    except BriefingError as exc:
        error(str(exc))
        return 1
    return _report(topic, "Added", args.json)


def run_edit(args: argparse.Namespace) -> int:
    lib = load_library()
    old = lib.topics.get(args.id)
    if old is None:
        error(f"no topic '{args.id}'; known topics: {', '.join(sorted(lib.topics))}")
        return 1
    changed = Topic(args.id, args.title if args.title is not None else old.title,
                    args.description if args.description is not None else old.description,
                    list(args.term) if args.term else list(old.terms))
    try:
        topic = save_topic(lib, changed)
    except BriefingError as exc:
        error(str(exc))
        return 1
    return _report(topic, "Changed", args.json)


def run_remove(args: argparse.Namespace) -> int:
    lib = load_library()
    try:
        remove_topic(lib, args.id, bundled_topic_ids(lib))
    except KeyError:
        error(f"no topic '{args.id}'")
        return 1
    except BriefingError as exc:
        error(str(exc))
        return 1
    print(f"Removed topic {args.id}")
    return 0
