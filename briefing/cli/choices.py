"""``themes``, ``layouts``, ``styles``, ``page-sizes``: what an export can be made with.

The names come from ``briefing.registry`` (bundled files, then the user's folders), the same
listing the export dialog shows; a file that cannot be used is a warning naming it.
"""

from __future__ import annotations

import argparse

from briefing import registry
from briefing.cli.common import print_json, print_table, warn

HELP = {
    "themes": "the looks (fonts, sizes, colours, margins) a PDF can take",
    "layouts": "what a briefing prints and in which order (cover, contents, key points...)",
    "styles": "the citation styles",
    "page-sizes": "the page sizes",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    for kind, text in HELP.items():
        folder = "" if kind == "page-sizes" else f" Add your own in {registry.user_folder(kind)}."
        p = subparsers.add_parser(kind, help=f"list {text}", description=f"List {text}.{folder}")
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.set_defaults(func=run_listing, kind=kind)


def run_listing(args: argparse.Namespace) -> int:
    listing = registry.listing(args.kind)
    for problem in listing.problems:
        warn(str(problem))
    entries = listing.offered()
    if args.json:
        print_json([
            {"name": e.name, "label": e.label, "origin": e.origin, "path": str(e.path) if e.path else None}
            | ({"width": e.size[0], "height": e.size[1]} if e.size else {})
            for e in entries
        ])
        return 0
    print_table(["name", "origin", "label"], [[e.name, e.origin, e.label] for e in entries], max_widths=[40, 8])
    return 0
