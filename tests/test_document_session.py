"""The Qt-free document session (issue 10): open with the anchoring check, atomic save, autosave
policy, and the change records every edit, undo and redo reports."""

from __future__ import annotations

import pytest

from briefing.errors import BriefingError
from briefing.library import Library
from briefing.model import Note, Section, changes, storage
from briefing.session import DocumentSession, RecoveryStore


@pytest.fixture(scope="module")
def library():
    return Library.load(cache_path=False)


def _session(library, **kwargs):
    session = DocumentSession(library, **kwargs)
    seen: list[list] = []
    session.listeners.append(seen.append)
    return session, seen


def test_every_edit_undo_and_redo_reports_what_changed(library):
    session, seen = _session(library)
    a = session.add_section("A")
    assert seen[-1] == [changes.Change(changes.SECTION_INSERTED, a, 0)]
    n1 = session.add_note("one", a)
    n2 = session.add_note("two", a)
    assert seen[-1] == [changes.Change(changes.ITEMS_INSERTED, a, 1, (n2,))]
    b = session.add_section("B")
    session.move_items([n1], b, 0)
    assert seen[-1] == [changes.Change(changes.ITEM_MOVED, a, 0, (n1,), b, 0)]
    session.set_item_text(n2, "two, edited")
    assert seen[-1] == [changes.Change(changes.ITEMS_CHANGED, a, 0, (n2,), fields=("text",))]
    session.set_section_fields(b, key_points=["k"], purpose="why")
    assert seen[-1][0].what == changes.SECTION_CHANGED and set(seen[-1][0].fields) == {"key_points", "purpose"}
    session.set_meta("summary", "The bottom line.")
    assert seen[-1] == [changes.Change(changes.META_CHANGED, fields=("summary",))]
    session.undo()  # meta
    session.undo()  # section fields
    session.undo()  # item text
    session.undo()  # the move, reversed
    assert seen[-1] == [changes.Change(changes.ITEM_MOVED, b, 0, (n1,), a, 0)]
    session.redo()
    assert seen[-1] == [changes.Change(changes.ITEM_MOVED, a, 0, (n1,), b, 0)]
    session.remove([a])
    assert seen[-1] == [changes.Change(changes.SECTION_REMOVED, a, 0)]
    session.undo()  # the section comes back with the item it had
    assert seen[-1] == [changes.Change(changes.SECTION_INSERTED, a, 0, (n2,))]


def test_removing_two_items_is_one_step_with_two_records(library):
    session, seen = _session(library)
    a = session.add_section("A")
    ids = [session.add_note(str(n), a) for n in range(3)]
    session.remove([ids[0], ids[2]])
    assert [r.what for r in seen[-1]] == [changes.ITEMS_REMOVED, changes.ITEMS_REMOVED]
    session.undo()
    assert [s.items for s in session.briefing.sections][0][2].id == ids[2]
    assert [r.what for r in seen[-1]] == [changes.ITEMS_INSERTED, changes.ITEMS_INSERTED]


def test_open_checks_excerpts_and_reports_a_reset(library, tmp_path):
    source = library.sorted_sources()[0]
    session, _ = _session(library)
    sid = session.add_section("S")
    excerpt = session.excerpt_from_source(source.id, 1, 0, 40)
    excerpt.text = "words this source never said"
    session.add_item(excerpt, sid)
    path = session.save(tmp_path / "b.briefing.yaml")
    other, seen = _session(library)
    other.open(path)
    assert seen[-1] == changes.reset()
    assert [e.status for e in other.briefing.all_excerpts()] == ["stale"]
    assert other.check_summary() == "1 excerpt stale (quote no longer found in the source)"
    assert not other.is_dirty()


def test_open_failure_is_plain_words(library, tmp_path):
    bad = tmp_path / "bad.briefing.yaml"
    bad.write_text("schema: briefing-book/1\nsections: 3\n", encoding="utf-8")
    with pytest.raises(BriefingError, match="Could not open “bad.briefing.yaml”: .*bad.briefing.yaml:2:.*sections"):
        DocumentSession.open_file(bad, library)


def test_save_is_atomic_and_marks_clean(library, tmp_path, monkeypatch):
    session, _ = _session(library)
    session.add_section("Kept")
    path = session.save(tmp_path / "b.briefing.yaml")
    assert not session.is_dirty()
    session.add_section("Lost in a failed save")

    def fail(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("briefing.yamlio.os.replace", fail)
    with pytest.raises(BriefingError, match="No space left"):
        session.save()
    assert [s.title for s in storage.load(path).sections] == ["Kept"]
    assert session.is_dirty()


def test_new_sections_and_meta_fields_round_trip(library, tmp_path):
    session, _ = _session(library)
    sid = session.add_section("Logistics")
    session.set_section_fields(sid, kind="logistics", purpose="Where and when",
                               talking_points=["Thank the host"], key_points=["Arrive 09:00"])
    for name, value in (("summary", "BLUF."), ("designation", "Classified by: nobody"), ("event", "Visit"),
                        ("layout", "book")):
        session.set_meta(name, value)
    back = storage.load(session.save(tmp_path / "b.briefing.yaml"))
    section = back.sections[0]
    assert (section.kind, section.purpose, section.talking_points) == ("logistics", "Where and when", ["Thank the host"])
    assert (back.meta.summary, back.meta.designation, back.meta.event, back.meta.layout) == (
        "BLUF.", "Classified by: nobody", "Visit", "book")


def test_autosave_waits_for_a_pause_but_not_forever(library):
    now = [100.0]
    session, _ = _session(library, recovery=RecoveryStore(), clock=lambda: now[0])
    assert session.autosave_delay() is None  # nothing unsaved
    session.add_section("typing")
    assert session.autosave_delay() == pytest.approx(1.5)
    now[0] += 29.0
    assert session.autosave_delay() == pytest.approx(1.0)  # 30 s after the first unsaved edit at most
    now[0] += 5.0
    assert session.autosave_delay() == 0.0
    session.autosave_now()
    assert session.recovery.exists()
    assert session.autosave_delay() == pytest.approx(1.5)  # a fresh wait after writing
    session.close_cleanly()


def test_excerpts_land_in_the_selected_then_topic_then_excerpts_section(library):
    topic = sorted(library.topics.values(), key=lambda t: t.id)[0]
    source = library.sorted_sources()[0]
    session, _ = _session(library)
    quote = lambda: session.excerpt_from_source(source.id, 1, 0, 30)  # noqa: E731
    assert session.place_excerpts([quote()]) == "Excerpts"  # neither a selected section nor a topic
    session.current_topic_id = topic.id
    assert session.place_excerpts([quote()]) == topic.title  # the topic's section, made
    assert session.briefing.section_for_topic(topic.id).items
    chosen = session.add_section("Chosen")
    session.current_section_id = chosen
    assert session.place_excerpts([quote()]) == "Chosen"
    assert [len(s.items) for s in session.briefing.sections] == [1, 1, 1]


def test_an_unknown_item_kind_is_refused_everywhere(library):
    session, _ = _session(library)
    sid = session.add_section("S")
    with pytest.raises(TypeError):
        session.add_item(Section(title="not an item"), sid)
    assert session.briefing.sections[0].items == []
    assert storage.to_data(session.briefing)["sections"][0]["items"] == []
    session.add_item(Note(text="fine"), sid)
