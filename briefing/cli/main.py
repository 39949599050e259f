"""``briefing-book <command>``: the headless command line.

Each command lives in a module exposing ``register(subparsers)``, which adds its
sub-parser(s) and sets ``func`` (called with the parsed args, returns an exit code).
A module listed here but not (yet) present is skipped, so commands can be added by
dropping in a module and naming it in ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from briefing.cli.common import CommandError, error

COMMAND_MODULES = ("briefing.cli.catalog", "briefing.cli.passages", "briefing.cli.build", "briefing.cli.choices",
                   "briefing.cli.aids", "briefing.cli.import_files", "briefing.cli.cite")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing-book",
        description="Collect exact, attributed excerpts into PDF briefings. "
        "Run without a command to open the application.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # the module itself is absent; a broken import inside it is a bug
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (0 ok, 1 failure, 2 usage error)."""
    from briefing.cli.common import configure_output

    configure_output()
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        from briefing.cli.passages import query_words_last

        argv = query_words_last(argv)  # `search -word`: an exclusion, not an option
    except ImportError:
        pass
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help or a usage error: argparse has printed why
        return exc.code if isinstance(exc.code, int) else 2
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CommandError as exc:
        error(str(exc))
        return exc.code
    except BrokenPipeError:  # `briefing-book search … | head`
        return 0
    except KeyboardInterrupt:  # a second Ctrl+C, or one outside the index update (cli/common.py)
        error("interrupted")
        return 130
    except Exception as exc:  # noqa: BLE001 - every other failure: in plain words, never a traceback
        from briefing.failures import describe

        error(describe(exc))
        return 1


if __name__ == "__main__":
    sys.exit(main())
