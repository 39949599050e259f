"""``figures``, ``timeline``, ``conflicts`` and ``balance``: the briefing aids on the command line.

The first three read the whole library by default, or a saved briefing's excerpts with
``--briefing FILE``; ``balance`` needs a briefing (it is per section).  Each prints a table with
the figure or date highlighted in its sentence, or ``--json`` with every anchor (source id,
paragraph, spans, sentence).  Nothing found is said in words, never an empty table.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.analysis import EMPTY  # light: the extractors (and dateutil) load when a command runs
from briefing.cli.common import CommandError, Rich, error, load_library, print_json, print_table


def register(subparsers: argparse._SubParsersAction) -> None:
    for name, helptext in (("figures", "key figures (money, counts, percentages, durations) with their sources"),
                           ("timeline", "dated events in date order, each with its source and sentence"),
                           ("conflicts", "figures or dates on which two sources disagree")):
        p = subparsers.add_parser(name, help=helptext,
                                  description=helptext[0].upper() + helptext[1:] + ", over the whole library "
                                  "or over a saved briefing's excerpts (--briefing).")
        p.add_argument("--briefing", type=Path, metavar="FILE", help="only the excerpts of this .briefing.yaml")
        p.add_argument("--json", action="store_true", help="machine-readable output with every anchor")
        p.set_defaults(func=run_aid, aid=name)
    p = subparsers.add_parser("balance", help="per section: kinds of source and publishers, with warnings",
                              description="Per section of a briefing: how many excerpts come from each kind "
                              "of source and from how many publishers; warns when a section rests on a "
                              "single source or a single kind.")
    p.add_argument("briefing", type=Path, help="the .briefing.yaml file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run_aid, aid="balance")


def _aids(args, lib):
    from briefing.analysis.report import analyse_briefing, analyse_library
    from briefing.cli.common import load_briefing

    if getattr(args, "briefing", None):
        return analyse_briefing(load_briefing(args.briefing, lib), lib)
    return analyse_library(lib)


def _sentence(entry) -> Rich:
    a = entry.anchor
    return Rich(a.sentence, [(a.start - a.sentence_start, a.end - a.sentence_start)])


def run_aid(args: argparse.Namespace) -> int:
    try:
        lib = load_library()
        aids = _aids(args, lib)
    except CommandError as exc:
        error(str(exc))
        return exc.code
    show = {"figures": _figures, "timeline": _timeline, "conflicts": _conflicts, "balance": _balance}[args.aid]
    show(aids, args.json)
    return 0


def _figures(aids, as_json: bool) -> None:
    if as_json:
        print_json([f.to_json() for f in aids.figures])
    elif not aids.figures:
        print(EMPTY["figures"])
    else:
        print_table(["kind", "figure", "source", "¶", "sentence"],
                    [[f.kind, f.text, f.anchor.source_id, f.anchor.paragraph, _sentence(f)] for f in aids.figures],
                    right=[3], max_widths=[None, 30, 30])


def _timeline(aids, as_json: bool) -> None:
    if as_json:
        print_json([e.to_json() for e in aids.timeline])
    elif not aids.timeline:
        print(EMPTY["timeline"])
    else:
        print_table(["date", "precision", "source", "¶", "sentence"],
                    [[e.label(), e.precision, e.anchor.source_id, e.anchor.paragraph, _sentence(e)]
                     for e in aids.timeline], right=[3], max_widths=[None, None, 30])


def _conflicts(aids, as_json: bool) -> None:
    if as_json:
        print_json([c.to_json() for c in aids.conflicts])
        return
    if not aids.conflicts:
        print(EMPTY["conflicts"])
        return
    for n, c in enumerate(aids.conflicts, 1):
        what = f"{c.event} date" if c.kind == "date" else c.event.split(":", 1)[-1]
        print(f"{n}. {c.subject} ({what}): the sources disagree")
        print_table(["says", "source", "¶", "sentence"],
                    [[claim.label() if c.kind == "date" else claim.text, claim.anchor.source_id,
                      claim.anchor.paragraph, _sentence(claim)] for claim in (c.first, c.second)],
                    right=[2], max_widths=[30, 30])
        print()


def _balance(aids, as_json: bool) -> None:
    if as_json:
        print_json([b.to_json() for b in aids.balance])
        return
    if not any(b.excerpts for b in aids.balance):
        print(EMPTY["balance"])
        return
    rows = []
    for b in aids.balance:
        kinds = ", ".join(f"{kind} {count}" for kind, count in b.kinds.items()) or "-"
        note = " ".join(b.warnings) or "balanced"
        if b.inferred_kinds:
            note += f" (kind inferred for {len(b.inferred_kinds)} of {len(b.sources)} sources)"
        rows.append([b.title, b.excerpts, len(b.sources), kinds, len(b.publishers), note])
    print_table(["section", "excerpts", "sources", "kinds", "publishers", "balance"], rows,
                right=[1, 2, 4], max_widths=[30, None, None, 40])
