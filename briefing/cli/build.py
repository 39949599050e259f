"""``build``: export a briefing (a .briefing.yaml file, or a draft assembled from topics) as a
PDF, Word or HTML file in a layout; a layout with a page budget says whether it fits."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.analysis import AIDS
from briefing.cli import build_meta
from briefing.cli.common import CommandError, error, load_briefing, load_library, open_index, positive_int, warn
from briefing.errors import BriefingError, ContentError
from briefing.outputs import OutputRefused, check_output

def _names(kind: str) -> tuple[str, ...]:
    """The registry's names (bundled, then the user's files): ``themes`` etc. list them in full."""
    from briefing import registry

    return registry.listing(kind).names()


def _formats() -> list[str]:
    from briefing import writers

    return writers.names()


def _format_for(args) -> str:
    """--format, else the output's extension when a writer has it (.docx, .html), else pdf."""
    from briefing import writers

    if args.format:
        return args.format
    suffix = args.output.suffix.lower()
    return next((name for name in writers.names() if writers.get(name).extension == suffix), "pdf")


def _report_budget(args, briefing, lib, result, fmt: str, include) -> int:
    """The page budget's verdict, said plainly; 3 with --strict when it is exceeded."""
    from briefing.writers import budget

    verdict = budget.check(briefing, lib, args.layout, pdf_result=result if fmt == "pdf" else None,
                           theme=args.theme, style=args.style, page_size=args.page_size, include=include)
    if verdict is None:
        return 0
    if verdict.fits:
        print(verdict.message)
        return 0
    warn(f"{verdict.message} {verdict.offer}")
    return 3 if args.strict else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "build", help="export a briefing as a PDF",
        description="Export a briefing as a PDF: either a saved .briefing.yaml file, or a draft "
        "assembled from one or more topics (--topic, repeatable).",
    )
    p.add_argument("briefing", nargs="?", type=Path, help="the .briefing.yaml file to export")
    p.add_argument("--topic", action="append", default=[], metavar="ID",
                   help="assemble a draft from this topic (repeat for several; see `briefing-book topics`)")
    p.add_argument("--per-topic", type=positive_int, default=4, metavar="N", help="excerpts per topic in a draft (default 4)")
    p.add_argument("-o", "--output", type=Path, required=True, help="the PDF file to write")
    p.add_argument("--save", type=Path, metavar="FILE", help="also save the assembled draft as a .briefing.yaml")
    p.add_argument("--theme", choices=_names("themes"), metavar="THEME",
                   help="one of: %(choices)s (default: the briefing's; see `briefing-book themes`)")
    p.add_argument("--style", choices=_names("styles"), metavar="STYLE",
                   help="citation style, one of: %(choices)s (default: the briefing's, else chicago)")
    p.add_argument("--page-size", choices=_names("page-sizes"), metavar="SIZE",
                   help="one of: %(choices)s (default: the briefing's, else letter)")
    p.add_argument("--layout", choices=_names("layouts"), metavar="LAYOUT",
                   help="one of: %(choices)s (default: the briefing's; see `briefing-book layouts`)")
    p.add_argument("--format", choices=_formats(), metavar="FORMAT",
                   help="one of: %(choices)s (default: from the output's extension, else pdf)")
    p.add_argument("--strict", action="store_true",
                   help="exit with status 3 when the layout's page budget is exceeded (the file is still written)")
    p.add_argument("--deterministic", action="store_true", help="byte-identical output for the same input")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    for aid in AIDS:  # the briefing aids, each an optional table in a "Briefing aids" part
        p.add_argument(f"--{aid}", action="store_true", help=f"add the {aid} aid (see `briefing-book {aid} --help`)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing output file that is not an earlier export (never the input, "
                   "a link or a device)")
    build_meta.add_arguments(p)  # --title --subtitle --for --from --date --marking --no-cover --no-contents --json
    p.set_defaults(func=run_build)


def _assemble(args, lib):
    from briefing.model.assemble import assemble

    with open_index(lib) as idx:
        try:
            briefing = assemble(lib, idx, args.topic, per_topic=args.per_topic)
        except KeyError as exc:
            raise CommandError(str(exc.args[0] if exc.args else exc), code=2) from exc
    if args.save:
        from briefing.model import storage

        try:
            storage.save(briefing, args.save)
        except (OSError, BriefingError) as exc:
            raise CommandError(f"cannot save {args.save}: {exc}") from exc
        print(f"Saved the draft to {args.save}")
    return briefing


def _progress(quiet: bool):
    """On a terminal, one line rewritten in place; elsewhere (a log, a pipe) a line per tenth, so
    a long export (10,000 sections: about a minute) never looks hung."""
    if quiet:
        return None
    if not sys.stderr.isatty():
        shown = {"tenth": -1}

        def log(fraction: float, message: str) -> None:
            tenth = int(max(0.0, min(1.0, fraction)) * 10)
            if tenth > shown["tenth"]:
                shown["tenth"] = tenth
                sys.stderr.write(f"{tenth * 10:3d}%  {message[:60]}\n")
                sys.stderr.flush()

        return log

    def show(fraction: float, message: str) -> None:
        sys.stderr.write(f"\r{int(fraction * 100):3d}%  {message[:60]:<60}")
        if fraction >= 1.0:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def run_build(args: argparse.Namespace) -> int:
    from briefing.writers import export

    if bool(args.briefing) == bool(args.topic):
        error("give either a .briefing.yaml file or one or more --topic options")
        return 2
    if args.save and not args.topic:
        error("--save is for drafts assembled with --topic")
        return 2
    try:
        check_output(args.output, inputs=[args.briefing, args.save], replace_other=args.force)
    except OutputRefused as exc:
        error(f"{exc}{' Add --force to replace it.' if exc.confirmable else ''}")
        return 1
    try:
        lib = load_library()
        briefing = load_briefing(args.briefing, lib) if args.briefing else _assemble(args, lib)
        fmt = _format_for(args)
        include = build_meta.include(args, {aid: True for aid in AIDS if getattr(args, aid)} or None)
        build_meta.apply_meta(args, briefing)
        result = export(briefing, lib, args.output, format=fmt, layout=args.layout, theme=args.theme,
                        style=args.style, page_size=args.page_size, deterministic=args.deterministic,
                        include=include, progress=_progress(args.quiet),
                        base_dir=args.briefing.parent if args.briefing else None)
        if args.json:
            build_meta.print_json_result(result)
        else:
            print(f"Wrote {result.path}" + (f" ({result.pages} pages)" if result.pages else ""))
        for warning in result.warnings:
            warn(warning)
        status = _report_budget(args, briefing, lib, result, fmt, include)
    except CommandError as exc:
        error(str(exc))
        return exc.code
    except ContentError as exc:
        error(str(exc))
        return 1
    except BriefingError as exc:
        error(str(exc))
        return 1
    return status
