"""Every failure reaches a command-line user as one line naming the file (and line) and the
problem, with a non-zero exit; an unexpected one is also logged for the bug report."""

from __future__ import annotations

import pytest

from briefing import failures
from briefing.cli import catalog
from briefing.cli.main import main
from briefing.errors import ContentError


@pytest.mark.parametrize("exc, words", [
    (PermissionError(13, "Permission denied", "/srv/library/sources"), "/srv/library/sources: Permission denied"),
    (ContentError("/srv/topics.yaml", "invalid YAML: bad indentation", 12, 3), "/srv/topics.yaml:12:3: invalid YAML"),
    (MemoryError(), "not enough memory"),
    (UnicodeEncodeError("ascii", "é", 0, 1, "ordinal not in range"), "could not be read or written"),
    (RuntimeError("index vanished"), "This is a bug in Briefing Book"),
])
def test_a_failing_command_prints_one_plain_line_and_exits_1(exc, words, monkeypatch, capsys):
    def fail(*_args, **_kwargs):
        raise exc

    monkeypatch.setattr(catalog, "load_library", fail)
    assert main(["sources"]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and err.count("\n") == 1


def test_an_unexpected_failure_is_logged_with_its_traceback(monkeypatch, capsys):
    def fail(*_args, **_kwargs):
        raise RuntimeError("index vanished")

    monkeypatch.setattr(catalog, "load_library", fail)
    assert main(["topics"]) == 1
    assert str(failures.log_path()) in capsys.readouterr().err
    logged = failures.log_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: index vanished" in logged
