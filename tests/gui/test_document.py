"""DocumentController: undoable edits, save/open, dirty flag, autosave and crash recovery."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from briefing.errors import BriefingError
from briefing.gui.document import DocumentController
from briefing.library import Library
from briefing.model import storage
from briefing.session.recovery import find_recoveries

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="module")
def library():
    return Library.load(cache_path=False)


@pytest.fixture
def controller(qtbot, library):
    c = DocumentController(library)
    yield c
    c.close_cleanly()


def _source(library):
    return library.sorted_sources()[0]


def test_add_excerpt_goes_to_topic_section_or_current(controller, library):
    src = _source(library)
    e = controller.excerpt_from_source(src.id, 1, 0, 40)
    assert e.text == src.paragraphs()[0][0:40].strip()
    controller.add_excerpt(e)
    assert [s.title for s in controller.briefing.sections] == ["Excerpts"]
    topic = next(iter(library.topics.values()))
    controller.add_excerpt(controller.excerpt_from_source(src.id, 2, 0, 30), topic_id=topic.id)
    assert [s.title for s in controller.briefing.sections] == ["Excerpts", topic.title]
    assert controller.briefing.sections[1].topic_id == topic.id
    # Same topic again: same section, not a new one.
    controller.add_excerpt(controller.excerpt_from_source(src.id, 3, 0, 30), topic_id=topic.id)
    assert len(controller.briefing.sections) == 2
    assert len(controller.briefing.sections[1].items) == 2
    # No topic: the current section.
    controller.current_section_id = controller.briefing.sections[0].id
    controller.add_note("mine")
    assert [i.kind for i in controller.briefing.sections[0].items] == ["excerpt", "note"]


def test_bad_span_is_a_plain_error(controller, library):
    with pytest.raises(BriefingError, match="cannot be quoted"):
        controller.excerpt_from_source(_source(library).id, 999, 0, 10)
    with pytest.raises(BriefingError, match="not in the library"):
        controller.excerpt_from_source("no-such-source", 1, 0, 10)


def test_undo_redo_and_dirty_flag(controller, qtbot):
    dirty = []
    controller.dirty_changed.connect(dirty.append)
    assert not controller.is_dirty() and not controller.can_undo()
    controller.add_note("one")
    controller.add_note("two")
    assert controller.is_dirty() and dirty == [True]
    assert controller.undo_action.isEnabled() and not controller.redo_action.isEnabled()
    assert controller.undo_action.shortcut().toString() == "Ctrl+Z"
    assert controller.redo_action.shortcut().toString() == "Ctrl+Shift+Z"
    texts = lambda: [i.text for s in controller.briefing.sections for i in s.items]  # noqa: E731
    assert texts() == ["one", "two"]
    controller.undo()
    assert texts() == ["one"]
    controller.redo_action.trigger()
    assert texts() == ["one", "two"]
    controller.undo()
    controller.undo()
    controller.undo()  # the section "Excerpts" created for the first note
    assert controller.briefing.sections == []
    assert not controller.is_dirty() and dirty == [True, False]


def test_save_open_round_trip(controller, library, tmp_path, qtbot):
    src = _source(library)
    controller.add_excerpt(controller.excerpt_from_source(src.id, 2, 5, 60))
    controller.add_note("a note")
    controller.set_meta("title", "Round trip")
    paths = []
    controller.path_changed.connect(paths.append)
    assert controller.save() is False  # no path yet: the caller asks for one
    target = tmp_path / "rt.briefing.yaml"
    assert controller.save_as(target) is True
    assert not controller.is_dirty()
    assert paths == [target.resolve()]
    assert controller.recent_files()[0] == target.resolve()

    other = DocumentController(library)
    other.open(target)
    assert other.path == target.resolve()
    assert other.briefing.meta.title == "Round trip"
    assert storage.to_yaml(other.briefing) == storage.to_yaml(controller.briefing)
    assert other.briefing.all_excerpts()[0].status == "ok"
    assert not other.is_dirty()
    other.close_cleanly()


def test_open_reports_stale_excerpts(controller, library, tmp_path, qtbot):
    src = _source(library)
    controller.add_excerpt(controller.excerpt_from_source(src.id, 1, 0, 50))
    target = tmp_path / "stale.briefing.yaml"
    assert controller.save_as(target)
    text = target.read_text().replace(src.paragraphs()[0][0:50].strip(), "Words nobody ever wrote in that source")
    target.write_text(text)
    notices = []
    controller.notice.connect(notices.append)
    controller.open(target)
    assert controller.briefing.all_excerpts()[0].status == "stale"
    assert controller.check_summary() == "1 excerpt stale (quote no longer found in the source)"
    assert notices == [controller.check_summary()]


def test_open_bad_file_is_plain_error(controller, tmp_path):
    bad = tmp_path / "bad.briefing.yaml"
    bad.write_text("schema: briefing-book/1\nsections: 5\n")
    with pytest.raises(BriefingError, match="Could not open"):
        controller.open(bad)
    assert controller.path is None


def test_save_to_unwritable_place_reports_error(controller, tmp_path):
    controller.add_note("x")
    errors = []
    controller.error_occurred.connect(errors.append)
    assert controller.save_as(tmp_path / "no-such-dir" / "x.briefing.yaml") is False
    assert errors and "Could not save" in errors[0]
    assert controller.is_dirty()


def test_autosave_timer_writes_recovery_and_new_controller_restores(library, qtbot, monkeypatch):
    monkeypatch.setattr("briefing.session.document.AUTOSAVE_DELAY_S", 0.05)
    first = DocumentController(library)
    first.add_note("typed before the crash")
    qtbot.waitUntil(lambda: first.recovery.exists(), timeout=3000)
    second = DocumentController(library)
    # The first session is still running (same pid): pretend it died.
    monkeypatch.setattr("briefing.session.recovery._process_alive", lambda pid: False)
    assert second.maybe_restore_recovery(None, auto_answer=True) is True
    assert [i.text for s in second.briefing.sections for i in s.items] == ["typed before the crash"]
    assert second.is_dirty()
    second.close_cleanly()
    first.close_cleanly()
    assert find_recoveries() == []


def test_undo_back_to_clean_removes_recovery(controller):
    controller.add_note("x")
    controller.autosave_now()
    assert controller.recovery.exists()
    controller.undo()
    controller.undo()
    controller.autosave_now()
    assert not controller.recovery.exists()


def test_discarding_the_offer_removes_the_copy(library, qtbot, monkeypatch):
    first = DocumentController(library)
    first.add_note("unwanted")
    first.autosave_now()
    monkeypatch.setattr("briefing.session.recovery._process_alive", lambda pid: False)
    second = DocumentController(library)
    assert second.maybe_restore_recovery(None, auto_answer=False) is False
    assert find_recoveries() == []
    assert second.briefing.sections == []


CRASHING_SESSION = textwrap.dedent(
    """
    import os, signal, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, {repo!r})
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from briefing.gui.document import DocumentController
    from briefing.library import Library
    c = DocumentController(Library.load(cache_path=False))
    c.set_meta("title", "Survives SIGKILL")
    c.add_note("written just before the crash")
    c.autosave_now()
    print("autosaved", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    print("still alive?!", flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_real_crash_recovery(library, qtbot, isolated_home):
    env = dict(os.environ, BRIEFING_BOOK_HOME=str(isolated_home), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", CRASHING_SESSION.format(repo=REPO)],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert "autosaved" in proc.stdout and "still alive" not in proc.stdout
    assert len(find_recoveries()) == 1

    c = DocumentController(library)
    assert len(c.pending_recoveries()) == 1
    assert c.maybe_restore_recovery(None, auto_answer=True) is True
    assert c.briefing.meta.title == "Survives SIGKILL"
    assert [i.text for s in c.briefing.sections for i in s.items] == ["written just before the crash"]
    assert c.is_dirty() and c.path is None
    # The restored work is this session's now; a normal close leaves nothing behind.
    c.close_cleanly()
    assert find_recoveries() == []
    assert DocumentController(library).maybe_restore_recovery(None, auto_answer=True) is False


def test_the_timer_autosave_writes_off_the_gui_thread(controller, qtbot, monkeypatch):
    import threading

    from briefing.session import recovery as rec

    threads: list[str] = []
    original = rec.RecoveryStore._write

    def spy(self, briefing, original_path):
        threads.append(threading.current_thread().name)
        return original(self, briefing, original_path)

    monkeypatch.setattr(rec.RecoveryStore, "_write", spy)
    controller.add_note("typed, then a pause")
    qtbot.waitUntil(controller.recovery.exists, timeout=5000)  # the quiet spell, then the write
    assert controller.wait_for_autosave()
    assert threads and threading.main_thread().name not in threads
    text = controller.recovery.briefing_path.read_text(encoding="utf-8")
    assert "typed, then a pause" in text


def test_closing_cleanly_during_a_background_autosave_leaves_no_copy(controller, qtbot):
    controller.add_note("unsaved")
    controller.autosave_in_background()
    controller.close_cleanly()
    assert controller.wait_for_autosave()
    assert not controller.recovery.exists()
