"""Two processes writing the user library and updating the search index at once leave both
intact; a lock held too long gives a plain error; a damaged index file is rebuilt."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from briefing.library import Library
from briefing.library.source import Source
from briefing.locking import LockTimeout, file_lock
from briefing.search.index import SearchIndex
from briefing.sqlitedb import sqlite3

from hardening_support import write_source

REPO = Path(__file__).resolve().parents[1]
PER_WORKER = 25

WORKER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {repo!r})
    from pathlib import Path
    from briefing.library import Library
    from briefing.library.importer import import_file
    from briefing.library.source import Source
    from briefing.search.index import SearchIndex
    root, index_path, name, go = Path(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
    while time.time() < go:  # both workers start together
        time.sleep(0.001)
    lib = Library.load(roots=[(root, "user")], cache_path=False)
    for i in range({n}):
        text = f"Worker {{name}} paragraph {{i}} about extradition.\\n\\nSecond paragraph {{i}}.\\n"
        lib.save_user_source(Source(id=f"{{name}}-{{i}}", kind="news", title=f"{{name}} {{i}}"), text=text)
        # the same file name imported by both workers: each must get its own id
        src = root.parent / f"import-{{name}}-{{i}}" / "shared.txt"
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_text(f"Imported by {{name}} number {{i}}.\\n", encoding="utf-8")
        import_file(lib, src)
        if i % 5 == 4:
            fresh = Library.load(roots=[(root, "user")], cache_path=False)
            with SearchIndex.open(index_path) as idx:
                idx.update(fresh)
    with SearchIndex.open(index_path) as idx:
        idx.update(Library.load(roots=[(root, "user")], cache_path=False))
    print("done", flush=True)
""")


@pytest.mark.slow
def test_two_processes_saving_importing_and_indexing_at_once(tmp_path):
    root = tmp_path / "userlib"
    write_source(root, "seed", {"kind": "news", "title": "Seed"}, "Seed text on extradition.\n")
    index_path = tmp_path / "passages.sqlite3"
    go = time.time() + 1.0
    procs = [subprocess.Popen([sys.executable, "-c", WORKER.format(repo=str(REPO), n=PER_WORKER), str(root),
                               str(index_path), name, str(go)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for name in ("a", "b")]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and "done" in out, err

    lib = Library.load(roots=[(root, "user")], cache_path=False)
    assert lib.problems == []
    expected = {"seed"} | {f"{n}-{i}" for n in "ab" for i in range(PER_WORKER)}
    assert expected <= set(lib.sources)
    imported = [s for s in lib.sources.values() if s.id.startswith("shared")]
    assert len(imported) == 2 * PER_WORKER  # no import overwrote another
    texts = {s.text() for s in imported}
    assert len(texts) == 2 * PER_WORKER
    for source in lib.sources.values():  # every saved file loads, text and metadata together
        assert source.paragraphs()

    conn = sqlite3.connect(index_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with SearchIndex.open(index_path) as idx:
        assert idx.stats["rebuilds"] == 0
        assert set(idx.source_ids()) == set(lib.sources)
        result = idx.update(lib)
        assert result.indexed == 0 and result.removed == 0  # the workers left it complete
        hits = idx.search("extradition", limit=500)
        assert {p.source_id for p in hits} == {"seed"} | {f"{n}-{i}" for n in "ab" for i in range(PER_WORKER)}
        assert len(hits) == len({(p.source_id, p.paragraph) for p in hits})  # no duplicate rows


def test_lock_is_exclusive_reentrant_and_times_out_plainly(tmp_path):
    lock = tmp_path / "x.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            sys.path.insert(0, {str(REPO)!r})
            from briefing.locking import file_lock
            with file_lock({str(lock)!r}):
                print("held", flush=True)
                time.sleep(30)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        began = time.monotonic()
        with pytest.raises(LockTimeout) as info:
            with file_lock(lock, timeout=0.3, what="your library"):
                pass
        assert 0.25 < time.monotonic() - began < 5
        assert "Your library is being changed by another Briefing Book window" in str(info.value)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    # the holder died: the OS released its lock
    with file_lock(lock, timeout=2):
        with file_lock(lock, timeout=0.1):  # re-entrant in one process
            pass


def test_lock_serialises_threads(tmp_path):
    inside, overlaps = [], []

    def work():
        for _ in range(20):
            with file_lock(tmp_path / "t.lock"):
                if inside:
                    overlaps.append(1)
                inside.append(1)
                time.sleep(0.001)
                inside.pop()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlaps == []


def test_save_user_source_waits_for_the_lock_then_reports_plainly(tmp_path, monkeypatch):
    lib = Library.load(roots=[(tmp_path / "userlib", "user")], cache_path=False)
    lib.user_lock_path.parent.mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            sys.path.insert(0, {str(REPO)!r})
            from briefing.locking import file_lock
            with file_lock({str(lib.user_lock_path)!r}):
                print("held", flush=True)
                time.sleep(30)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        # a short wait keeps the test fast; the real default is briefing.locking.DEFAULT_TIMEOUT
        monkeypatch.setattr("briefing.library.loader.file_lock",
                            lambda path, **kw: file_lock(path, **{**kw, "timeout": 0.2}))
        with pytest.raises(LockTimeout, match="Your library is being changed"):
            lib.save_user_source(Source(id="x", kind="news"), text="Text.\n")
        assert not (tmp_path / "userlib" / "sources" / "x.yaml").exists()
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


@pytest.mark.parametrize("garbage", [b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000, b""])
def test_damaged_index_is_rebuilt_on_open(tmp_path, garbage):
    root = tmp_path / "userlib"
    write_source(root, "one", {"kind": "news", "title": "One"}, "Extradition rose.\n")
    lib = Library.load(roots=[(root, "user")], cache_path=False)
    path = tmp_path / "passages.sqlite3"
    path.write_bytes(garbage)
    with SearchIndex.open(path) as idx:
        idx.update(lib)
        assert [p.source_id for p in idx.search("extradition")] == ["one"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
