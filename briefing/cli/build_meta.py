"""``build`` options that set what the cover and running headers say (title, audience, marking…)
and which parts are left out, so a CLI-built briefing need not carry an auto title."""

from __future__ import annotations

import argparse
import json
import sys

# option -> BriefingMeta field
META_OPTIONS = (("--title", "title"), ("--subtitle", "subtitle"), ("--for", "prepared_for"),
                ("--from", "prepared_by"), ("--date", "date"), ("--marking", "marking"))


def add_arguments(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("what the cover says (default: the briefing's own details)")
    for option, field in META_OPTIONS:
        group.add_argument(option, dest=f"meta_{field}", metavar="TEXT",
                           help=f"the briefing's {field.replace('_', ' ')}")
    group.add_argument("--no-cover", action="store_true", help="leave out the cover page")
    group.add_argument("--no-contents", action="store_true", help="leave out the table of contents")
    p.add_argument("--json", action="store_true", help="print the file, pages and warnings as JSON")


def apply_meta(args: argparse.Namespace, briefing) -> None:
    for _option, field in META_OPTIONS:
        value = getattr(args, f"meta_{field}", None)
        if value is not None:
            setattr(briefing.meta, field, value.strip())


def include(args: argparse.Namespace, chosen: dict | None) -> dict | None:
    """The include map with --no-cover/--no-contents applied (None: the writer's defaults)."""
    if not (args.no_cover or args.no_contents):
        return chosen
    out = dict(chosen or {})
    if args.no_cover:
        out["cover"] = False
    if args.no_contents:
        out["toc"] = False
    return out


def print_json_result(result) -> None:
    json.dump({"file": str(result.path), "pages": getattr(result, "pages", None),
               "warnings": list(getattr(result, "warnings", []) or [])}, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
