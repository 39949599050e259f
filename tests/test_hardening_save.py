"""Saving never loses work: a kill at any moment leaves the old or the new briefing, a full
disk or a read-only place gives a plain error and keeps what was saved, and temporary files
left by kills do not pile up."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from briefing import yamlio
from briefing.errors import BriefingError
from briefing.writers import export
from briefing.model import Briefing, BriefingMeta, Note, Section
from briefing.model import storage

from export_helpers import make_library, small_briefing

REPO = Path(__file__).resolve().parents[1]

SAVER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {repo!r})
    from briefing.model import Briefing, BriefingMeta, Note, Section
    from briefing.model import storage
    path = sys.argv[1]
    start = int(sys.argv[2])
    body = "Paragraph text that makes the file large enough for a save to take a while. " * 30
    sections = [Section(title=f"Section {{i}}", items=[Note(body + str(i)) for _ in range(4)]) for i in range(120)]
    b = Briefing(meta=BriefingMeta(title="v0"), sections=sections)
    n = start
    while True:
        b.meta.title = f"v{{n}}"
        storage.save(b, path)
        if n == start:
            print("saved", flush=True)
        n += 1
""")


def _temps(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_sigkill_during_saves_never_leaves_a_broken_file(tmp_path):
    path = tmp_path / "big.briefing.yaml"
    rng = random.Random(1234)
    start = 0
    seen_titles = set()
    kills = 15
    began = time.monotonic()
    for _ in range(kills):
        proc = subprocess.Popen([sys.executable, "-c", SAVER.format(repo=str(REPO)), str(path), str(start)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "saved"
        time.sleep(rng.uniform(0.0, 0.25))  # mid-save most of the time: a save takes tens of ms
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        # the file always opens, complete, as one of the versions that was written
        loaded = storage.load(path)
        assert len(loaded.sections) == 120 and all(len(s.items) == 4 for s in loaded.sections)
        number = int(loaded.meta.title[1:])
        assert number >= start
        seen_titles.add(loaded.meta.title)
        start = number + 1_000_000  # the next run's versions are told apart from this one's
    assert time.monotonic() - began < 30
    # temporary files left by kills: at most one per kill, and a later save removes stale ones
    leftovers = _temps(path)
    assert len(leftovers) <= kills
    old = time.time() - 2 * yamlio.STALE_TEMP_SECONDS
    for tmp in leftovers:
        os.utime(tmp, (old, old))
    storage.save(Briefing(meta=BriefingMeta(title="after")), path)
    assert _temps(path) == []
    assert storage.load(path).meta.title == "after"


def test_stale_temps_are_removed_but_fresh_ones_kept(tmp_path):
    path = tmp_path / "a[1].briefing.yaml"  # glob characters in the name are taken literally
    stale = tmp_path / ".a[1].briefing.yaml.abc123.tmp"
    fresh = tmp_path / ".a[1].briefing.yaml.def456.tmp"  # another window may be saving right now
    other = tmp_path / ".other.briefing.yaml.zzz.tmp"
    for p in (stale, fresh, other):
        p.write_text("partial", encoding="utf-8")
    old = time.time() - 2 * yamlio.STALE_TEMP_SECONDS
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    storage.save(Briefing(), path)
    assert not stale.exists() and fresh.exists() and other.exists()


def _briefing() -> Briefing:
    return Briefing(meta=BriefingMeta(title="New version"), sections=[Section(title="S", items=[Note("n")])])


def _failing(err: int):
    def fail(*_args, **_kwargs):
        raise OSError(err, os.strerror(err))
    return fail


# Where the failure happens (creating the temp file, writing/flushing it, or renaming it over
# the target) and which error: a full disk, a read-only folder, a read-only file system.
FAILURES = [
    ("fsync", errno.ENOSPC, "No space left"),
    ("write", errno.ENOSPC, "No space left"),
    ("mkstemp", errno.EACCES, "Permission denied"),
    ("mkstemp", errno.EROFS, "Read-only file system"),
    ("replace", errno.EACCES, "Permission denied"),
    ("replace", errno.EROFS, "Read-only file system"),
]


def _inject(monkeypatch, where: str, err: int) -> None:
    if where == "fsync":
        monkeypatch.setattr(os, "fsync", _failing(err))
    elif where == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, handle):
                self.h = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.h.close()

            def write(self, _data):
                raise OSError(err, os.strerror(err))

            def __getattr__(self, name):
                return getattr(self.h, name)

        monkeypatch.setattr(os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    elif where == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", _failing(err))
    elif where == "replace":
        monkeypatch.setattr(os, "replace", _failing(err))


@pytest.mark.parametrize("where,err,words", FAILURES, ids=[f"{w}-{errno.errorcode[e]}" for w, e, _ in FAILURES])
def test_save_failure_is_plain_and_keeps_the_saved_file(tmp_path, monkeypatch, where, err, words):
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "b.briefing.yaml"
    storage.save(Briefing(meta=BriefingMeta(title="Saved before")), path)
    before = path.read_bytes()
    folder.chmod(0o555)  # read-only folder (root ignores it: the monkeypatch stands in for the OS)
    try:
        _inject(monkeypatch, where, err)
        with pytest.raises(BriefingError) as info:
            storage.save(_briefing(), path)
    finally:
        monkeypatch.undo()
        folder.chmod(0o755)
    message = str(info.value)
    assert words in message and "b.briefing.yaml" in message and "unchanged" in message
    assert "Traceback" not in message and "Errno" not in message
    assert path.read_bytes() == before
    assert storage.load(path).meta.title == "Saved before"
    assert sorted(p.name for p in folder.iterdir()) == ["b.briefing.yaml"]  # no temp file left


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return make_library(tmp_path_factory.mktemp("lib"))


@pytest.mark.parametrize("where,err,words", FAILURES, ids=[f"{w}-{errno.errorcode[e]}" for w, e, _ in FAILURES])
def test_export_failure_is_plain_and_keeps_the_previous_pdf(lib, tmp_path, monkeypatch, where, err, words):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "brief.pdf"
    out.write_bytes(b"%PDF previous export")
    briefing = small_briefing(lib)
    folder.chmod(0o555)
    try:
        if where == "write":  # the PDF is written in binary through the same atomic path
            _inject(monkeypatch, "write", err)
        else:
            _inject(monkeypatch, where, err)
        with pytest.raises(BriefingError) as info:
            export(briefing, lib, out)
    finally:
        monkeypatch.undo()
        folder.chmod(0o755)
    assert words in str(info.value) and "Errno" not in str(info.value)
    assert out.read_bytes() == b"%PDF previous export"
    assert sorted(p.name for p in folder.iterdir()) == ["brief.pdf"]
