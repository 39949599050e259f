"""Entry point of ``briefing-book``: the bare command opens the GUI, subcommands stay headless.

Kept apart from ``briefing.cli`` so the CLI package never imports Qt, even lazily.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    gui_flags = {"--briefing", "--library"}
    if not args or args[0] in gui_flags or args[0].endswith(".briefing.yaml"):
        from briefing.gui.app import run

        return run(args)
    from briefing.cli.main import main as cli_main

    return cli_main(args)
