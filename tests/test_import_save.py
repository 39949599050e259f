"""Saving an import is all or nothing, never overwrites a file, and notices duplicates."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing import paths
from briefing.cli.main import main
from briefing.importing import ExtractWorker, find_duplicate, finish_staged_imports, save_extract
from briefing.library import Library

REPO = Path(__file__).resolve().parents[1]
TEXT = ("Treaty notes\n\nThe extradition treaty of 1979 was signed in Washington and ratified two years later.\n\n"
        "Its article 8 allows each side to refuse the extradition of its own nationals.\n")


@pytest.fixture(scope="module")
def worker():
    with ExtractWorker() as w:
        yield w


def user_lib() -> Library:
    return Library.load(roots=[(paths.user_library_dir(), "user")], cache_path=False)


def files_of(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def assert_whole_sources(folder: Path) -> Library:
    """Every file in sources/ belongs to a source that loads; no text or original without its metadata."""
    lib = user_lib()
    assert not lib.problems, lib.problems
    owned = set()
    for source in lib.sources.values():
        owned |= {source.meta_path.name, source.text_path.name}
        if source.seed_file:
            owned.add(source.seed_file)
            assert (folder / source.seed_file).is_file()
    leftovers = {p.name for p in folder.iterdir()} - owned - {".library.lock"}
    assert not {n for n in leftovers if not n.startswith(".")}, leftovers
    return lib


def test_a_file_named_like_an_existing_text_file_never_overwrites_it(worker, tmp_path):
    folder = paths.user_library_dir() / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "annual.yaml").write_text("id: annual\nkind: report\ntext_file: report-2019.txt\n", encoding="utf-8")
    (folder / "report-2019.txt").write_text("The 2019 annual report says exports rose.\n", encoding="utf-8")
    before = (folder / "report-2019.txt").read_bytes()
    incoming = tmp_path / "report-2019.txt"
    incoming.write_text(TEXT, encoding="utf-8")
    lib = user_lib()
    source = save_extract(lib, worker.extract(incoming), incoming)
    assert (folder / "report-2019.txt").read_bytes() == before
    assert source.text_path.name != "report-2019.txt" and source.meta_path.name != "annual.yaml"
    again = assert_whole_sources(folder)
    assert again.source("annual").paragraphs() == ["The 2019 annual report says exports rose."]
    assert again.source(source.id).paragraphs()[0].startswith("The extradition treaty of 1979")


def test_a_file_name_that_is_not_utf8_imports_and_the_batch_goes_on(tmp_path, capsys):
    odd = tmp_path / os.fsdecode(b"caf\xe9 notes.txt")
    odd.write_text(TEXT, encoding="utf-8")
    plain = tmp_path / "plain.md"
    plain.write_text("# Plain\n\nA second document about trade between the two countries.\n", encoding="utf-8")
    assert main(["import", str(odd), str(plain)]) == 0
    out = capsys.readouterr().out
    assert "plain" in out
    lib = assert_whole_sources(paths.user_library_dir() / "sources")
    assert len([s for s in lib.sources.values() if s.origin == "user"]) == 2
    odd_source = next(s for s in lib.sources.values() if s.id.startswith("caf"))
    assert "\ufffd" in odd_source.notes  # the undecodable byte is shown, not lost or crashing


def test_same_document_twice_is_detected_and_skipped_unless_yes(tmp_path, capsys):
    first = tmp_path / "notes.txt"
    first.write_text(TEXT, encoding="utf-8")
    assert main(["import", str(first)]) == 0
    copy = tmp_path / "notes-copy.txt"
    copy.write_bytes(first.read_bytes())
    edited = tmp_path / "notes-edited.txt"
    edited.write_text(TEXT.replace("two years later", "two years afterwards"), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(copy), str(edited)]) == 0
    err = capsys.readouterr().err
    assert "notes-copy.txt: skipped: the same file as the source 'notes'" in err
    assert "notes-edited.txt: skipped: nearly the same text as the source 'notes'" in err
    assert set(user_lib().sources) == {"notes"}
    assert main(["import", "--yes", str(copy)]) == 0
    assert set(user_lib().sources) == {"notes", "notes-copy"}


def test_different_documents_are_not_duplicates(worker, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(TEXT, encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Coca notes\n\nCoca cultivation fell in 2021 according to the UN survey of the region.\n", encoding="utf-8")
    lib = user_lib()
    save_extract(lib, worker.extract(a), a)
    assert find_duplicate(lib, worker.extract(b)) is None


def test_a_crash_between_renames_is_undone_on_the_next_start(worker, tmp_path, monkeypatch):
    """Kill simulated after the text file moved but before the metadata did: the next start removes it."""
    incoming = tmp_path / "half.txt"
    incoming.write_text(TEXT, encoding="utf-8")
    lib = user_lib()
    folder = paths.user_library_dir() / "sources"
    real_replace = os.replace
    moved = []

    def dying_replace(src, dst):
        if str(dst).endswith(".yaml"):
            raise KeyboardInterrupt  # stands in for the kill; BaseException, like SIGKILL mid-save
        moved.append(dst)
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        save_extract(lib, worker.extract(incoming), incoming)
    monkeypatch.setattr(os, "replace", real_replace)
    assert moved  # the original and the text had been moved
    assert not any(folder.glob("*.txt")) and not any(folder.glob("*.yaml"))


def test_staged_leftovers_are_finished_or_discarded(tmp_path):
    root = paths.user_library_dir()
    folder = root / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    # a kill after the text moved but before the metadata: discard both halves
    stage = root / ".import-staging" / "x-1"
    stage.mkdir(parents=True)
    (stage / "MANIFEST").write_text('["x.original.txt", "x.txt", "x.yaml"]', encoding="utf-8")
    (folder / "x.original.txt").write_text("orig", encoding="utf-8")
    (folder / "x.txt").write_text("text", encoding="utf-8")
    (stage / "x.yaml").write_text("id: x\nkind: other\n", encoding="utf-8")
    # a kill after the metadata moved: the source is whole; only the folder is tidied
    done = root / ".import-staging" / "y-1"
    done.mkdir()
    (done / "MANIFEST").write_text('["y.txt", "y.yaml"]', encoding="utf-8")
    (folder / "y.txt").write_text("Whole text.\n", encoding="utf-8")
    (folder / "y.yaml").write_text("id: y\nkind: other\n", encoding="utf-8")
    assert finish_staged_imports(root) == ["x-1"]
    assert sorted(p.name for p in folder.iterdir()) == ["y.txt", "y.yaml"]
    assert not (root / ".import-staging").exists()


@pytest.mark.slow
def test_sigkill_at_random_points_of_20_imports_never_leaves_a_half_made_source(tmp_path):
    docs = []
    for i in range(20):
        path = tmp_path / f"doc{i:02d}.md"
        path.write_text(f"# Document {i}\n\n" + f"Paragraph {i} about border security and trade number {i}. " * (5 + i)
                        + "\n", encoding="utf-8")
        docs.append(str(path))
    env = dict(os.environ, PYTHONPATH=str(REPO))
    folder = paths.user_library_dir() / "sources"
    rng = random.Random(13)
    before: dict[str, str] = {}
    for trial in range(6):
        proc = subprocess.Popen([sys.executable, "-m", "briefing", "import", "--yes", *docs], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.8, 3.0))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        finish_staged_imports(paths.user_library_dir())  # what the next start does
        if folder.exists():
            assert_whole_sources(folder)
            now = files_of(folder)
            # what was there before this trial is byte-identical after it
            assert {k: v for k, v in now.items() if k in before} == before
            before = {k: v for k, v in now.items() if not k.startswith(".")}
