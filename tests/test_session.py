"""Recovery copies and the recent-files list (Qt-free)."""

from __future__ import annotations

import json
import os

from briefing.model import Briefing, Note, Section
from briefing.session.recent import RecentFiles
from briefing.session.recovery import RecoveryStore, find_recoveries, recovery_dir


def _briefing(note="remember this"):
    b = Briefing()
    b.meta.title = "Crash test"
    b.sections.append(Section(title="One", items=[Note(text=note)]))
    return b


def test_recovery_copy_round_trips_with_original_path(isolated_home, tmp_path):
    store = RecoveryStore()
    original = tmp_path / "work.briefing.yaml"
    written = store.write(_briefing(), original)
    assert written.parent == recovery_dir()
    assert str(isolated_home) in str(written)
    found = find_recoveries()
    assert len(found) == 1
    assert found[0].original_path == original
    assert found[0].pid == os.getpid()
    restored = found[0].load()
    assert restored.meta.title == "Crash test"
    assert restored.sections[0].items[0].text == "remember this"
    # No temporary files are left beside it.
    assert sorted(p.name for p in recovery_dir().iterdir()) == sorted([store.briefing_path.name, store.info_path.name])


def test_own_and_live_sessions_are_not_orphans_but_dead_ones_are(isolated_home):
    mine = RecoveryStore()
    mine.write(_briefing(), None)
    assert mine.find_orphans() == []  # our own copy is not offered back to us
    other = RecoveryStore()
    other.write(_briefing("from a dead process"), None)
    info = json.loads(other.info_path.read_text())
    info["pid"] = 2**22 + 12345  # no such process
    other.info_path.write_text(json.dumps(info))
    orphans = mine.find_orphans()
    assert [o.briefing_path for o in orphans] == [other.briefing_path]
    assert orphans[0].load().sections[0].items[0].text == "from a dead process"


def test_remove_deletes_both_files(isolated_home):
    store = RecoveryStore()
    store.write(_briefing(), None)
    assert store.exists()
    store.remove()
    assert not store.exists()
    assert list(recovery_dir().iterdir()) == []
    store.remove()  # idempotent


def test_recent_files_newest_first_unique_limited(tmp_path):
    recent = RecentFiles(limit=3)
    files = []
    for n in range(5):
        f = tmp_path / f"b{n}.briefing.yaml"
        f.write_text("x")
        files.append(f)
        recent.add(f)
    recent.add(files[2])
    assert recent.files() == [files[2].resolve(), files[4].resolve(), files[3].resolve()]
    files[4].unlink()
    assert recent.files() == [files[2].resolve(), files[3].resolve()]
    # Persisted: a new instance reads the same list.
    assert RecentFiles().files()[:1] == [files[2].resolve()]


def test_damaged_recent_list_is_ignored(tmp_path):
    recent = RecentFiles()
    recent.path.write_text("{not json")
    assert recent.files() == []
    f = tmp_path / "a.briefing.yaml"
    f.write_text("x")
    recent.add(f)
    assert recent.files() == [f.resolve()]
