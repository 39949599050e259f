"""Recovery copies written later, on another thread (the GUI's autosave): an older copy never
replaces a newer one, and a copy taken before a save or a clean close never comes back after it."""

from __future__ import annotations

from briefing.model import Briefing
from briefing.model.storage import from_yaml
from briefing.session.recovery import RecoveryStore, find_recoveries


def briefing(title: str) -> Briefing:
    b = Briefing()
    b.meta.title = title
    return b


def on_disk(store: RecoveryStore) -> str:
    return from_yaml(store.briefing_path.read_text(encoding="utf-8"), store.briefing_path).meta.title


def test_the_write_is_of_the_briefing_as_it_was_when_taken(tmp_path):
    store = RecoveryStore(directory=tmp_path)
    b = briefing("before")
    write = store.writer(b, None)
    b.meta.title = "edited after the copy was taken"
    assert write() is True
    assert on_disk(store) == "before"


def test_an_older_copy_never_replaces_a_newer_one(tmp_path):
    store = RecoveryStore(directory=tmp_path)
    older = store.writer(briefing("older"), None)
    newer = store.writer(briefing("newer"), None)
    assert newer() is True
    assert older() is False  # ran late: dropped
    assert on_disk(store) == "newer"
    store.write(briefing("now"), None)  # a direct write is the newest of all
    assert on_disk(store) == "now"


def test_a_copy_taken_before_a_remove_is_not_written_after_it(tmp_path):
    store = RecoveryStore(directory=tmp_path)
    late = store.writer(briefing("unsaved"), None)
    store.remove()  # the user saved, or closed cleanly
    assert late() is False
    assert not store.exists() and find_recoveries(tmp_path) == []
    again = store.writer(briefing("edited after the save"), None)
    assert again() is True and on_disk(store) == "edited after the save"
