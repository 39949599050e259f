"""The GUI's command line: the hand-read common cases give argparse's answer."""

import itertools

import pytest

from briefing.gui import app as app_module

TOKENS = ["x.briefing.yaml", "other.yaml", "--library", "--briefing", "DIR", "-style", "--library=D", "--lib", "", "--"]


def test_every_short_command_line_parses_as_argparse_does():
    checked = 0
    longer = [["--library", "DIR", "x.briefing.yaml", "other.yaml"], ["x.briefing.yaml", "--briefing", "DIR", "-style"],
              ["--library", "DIR", "--library", "other.yaml"], ["--briefing", "x.briefing.yaml", "--library", "DIR"]]
    for argv in itertools.chain((list(t) for n in range(4) for t in itertools.product(TOKENS, repeat=n)), longer):
            try:
                expected = vars(app_module._parse_args_fully(argv))
            except SystemExit:  # argparse's error message and exit: the fast path must not take it
                with pytest.raises(SystemExit):
                    app_module.parse_args(argv)
                continue
            assert vars(app_module.parse_args(argv)) == expected, argv
            checked += 1
    assert checked > 500


def test_help_still_comes_from_argparse(capsys):
    with pytest.raises(SystemExit) as exc:
        app_module.parse_args(["--help"])
    assert exc.value.code == 0 and "--library" in capsys.readouterr().out
