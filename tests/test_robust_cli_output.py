"""CLI tables do not crash when stdout is not UTF-8 and a row holds CJK, Arabic or emoji; JSON
stays lossless (escaped) whatever the encoding."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from briefing import paths

TITLE = "北京 报告 — تقرير 😀 über"


@pytest.fixture
def user_source():
    folder = paths.user_library_dir() / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mixed.yaml").write_text(f'id: mixed\nkind: report\ntitle: "{TITLE}"\n', encoding="utf-8")
    (folder / "mixed.txt").write_text(f"Intro.\n\nColombia {TITLE} colombia.\n", encoding="utf-8")


def _run(args, encoding):
    env = dict(os.environ, PYTHONIOENCODING=encoding, NO_COLOR="1")
    env.pop("PYTHONUTF8", None)
    return subprocess.run([sys.executable, "-X", "utf8=0", "-m", "briefing", *args], capture_output=True, env=env,
                          timeout=120)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "cp437"])
@pytest.mark.parametrize("args", [["sources"], ["search", "colombia", "--full"], ["search", "北京"]])
def test_tables_in_a_legacy_code_page_replace_what_it_cannot_show(user_source, encoding, args):
    done = _run(args, encoding)
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    assert b"Traceback" not in done.stderr
    out = done.stdout.decode(encoding)
    if args[0] == "sources":
        assert "?" in out and "mixed" in out


def test_json_in_a_legacy_code_page_is_escaped_not_lost(user_source):
    done = _run(["search", "北京", "--json"], "cp1252")
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    [hit] = json.loads(done.stdout.decode("cp1252"))
    assert TITLE in hit["text"] and hit["source"].startswith("北京")
