"""Every edit can be undone exactly and redone; the undo stack tracks the saved state."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.model import Briefing, BriefingMeta, Excerpt, Note, Section, Subheading
from briefing.model.edits import (
    AddItem,
    AddSection,
    Compound,
    EditItem,
    EditSection,
    MoveItem,
    MoveSection,
    RemoveItem,
    RemoveSection,
    ReplaceItem,
    SetMeta,
    UndoStack,
)
from briefing.model.storage import to_yaml


def make_briefing() -> Briefing:
    return Briefing(
        meta=BriefingMeta(title="Weekly"),
        sections=[
            Section(
                "Security",
                topic_id="security",
                key_points=["one"],
                items=[
                    Excerpt("src-a", "The ceasefire would hold.", 2, 10, 35, before="b", after="a", id="e1"),
                    Note("My note", id="n1"),
                    Subheading("Background", id="h1"),
                ],
                id="s1",
            ),
            Section("Economy", items=[Excerpt("src-b", "Exports rose.", 1, 0, 13, comment="c", id="e2")], id="s2"),
            Section("Empty", id="s3"),
        ],
    )


def commands() -> list:
    return [
        AddSection(1, Section("New", items=[Note("inside", id="n9")], id="s9")),
        RemoveSection("s1"),
        MoveSection("s1", 2),
        MoveSection("s3", 0),
        EditSection("s2", title="Trade", key_points=["x", "y"], discussion_questions=["Why?"]),
        AddItem("s3", 0, Note("fresh", id="n8")),
        AddItem("s1", 1, Subheading("Mid", id="h8")),
        RemoveItem("e1"),
        RemoveItem("h1"),
        MoveItem("e1", "s1", 2),
        MoveItem("h1", "s2", 0),
        MoveItem("e2", "s3", 0),
        EditItem("n1", text="Rewritten\nnote"),
        EditItem("h1", text="Context"),
        EditItem("e1", comment="why this matters"),
        ReplaceItem("e1", Excerpt("src-a", "ceasefire", 2, 14, 23, lead_ellipsis=True, trail_ellipsis=True, id="e1"), text="Trim excerpt"),
        ReplaceItem("n1", Subheading("Now a heading", id="h7")),
        SetMeta(title="Monthly", marking="UNCLASSIFIED", citation_style="mla"),
        Compound("Add two notes", [AddItem("s2", 0, Note("a", id="c1")), AddItem("s2", 9, Note("b", id="c2"))]),
    ]


@pytest.mark.parametrize("command", commands(), ids=lambda c: type(c).__name__ + ":" + c.text)
def test_each_command_undoes_exactly_and_redoes(command):
    briefing = make_briefing()
    original = copy.deepcopy(briefing)
    original_yaml = to_yaml(briefing)
    stack = UndoStack(briefing)
    stack.push(command)
    after = copy.deepcopy(briefing)
    assert briefing != original, "the command changed nothing"
    assert stack.can_undo and not stack.can_redo and not stack.is_clean
    assert stack.undo_text == command.text
    stack.undo()
    assert briefing == original
    assert to_yaml(briefing) == original_yaml
    assert stack.is_clean and stack.can_redo and stack.redo_text == command.text
    stack.redo()
    assert briefing == after
    stack.undo()
    assert to_yaml(briefing) == original_yaml


def test_move_item_within_and_across_sections():
    briefing = make_briefing()
    stack = UndoStack(briefing)
    stack.push(MoveItem("e1", "s1", 2))
    assert [i.id for i in briefing.sections[0].items] == ["n1", "h1", "e1"]
    assert stack.undo_text == "Move excerpt"
    stack.push(MoveItem("n1", "s2", 1))
    assert [i.id for i in briefing.sections[1].items] == ["e2", "n1"]
    assert [i.id for i in briefing.sections[0].items] == ["h1", "e1"]
    stack.undo()
    stack.undo()
    assert briefing == make_briefing()


def test_move_section_to_final_position():
    briefing = make_briefing()
    UndoStack(briefing).push(MoveSection("s1", 2))
    assert [s.id for s in briefing.sections] == ["s2", "s3", "s1"]


def test_undo_by_id_after_other_edits():
    briefing = make_briefing()
    stack = UndoStack(briefing)
    stack.push(EditItem("e2", comment="new comment"))
    stack.push(MoveSection("s2", 0))  # the edited item's section moved since
    stack.push(AddItem("s2", 0, Note("pushes e2 down", id="n5")))
    assert briefing.find_item("e2")[0].items[1].comment == "new comment"
    stack.undo()
    stack.undo()
    stack.undo()
    assert briefing == make_briefing()


def test_failed_command_changes_nothing_and_is_not_recorded():
    briefing = make_briefing()
    stack = UndoStack(briefing)
    calls = []
    stack.listeners.append(lambda: calls.append(1))
    for bad in [
        RemoveItem("nope"),
        MoveItem("e1", "no-section", 0),
        AddItem("s1", 0, Note("dup", id="e2")),  # ids must stay unique
        EditItem("e1", text="changing a quote is not allowed"),
        Compound("half", [AddItem("s1", 0, Note("ok", id="z1")), RemoveSection("missing")]),
    ]:
        with pytest.raises((KeyError, ValueError)):
            stack.push(bad)
    assert briefing == make_briefing()
    assert not stack.can_undo and calls == []
    with pytest.raises(ValueError):
        SetMeta(colour="red")
    with pytest.raises(ValueError):
        EditSection("s1", items=[])
    with pytest.raises(TypeError):
        EditSection("s1", key_points="not a list")


def test_added_objects_are_copied():
    briefing = make_briefing()
    stack = UndoStack(briefing)
    note = Note("original", id="n7")
    stack.push(AddItem("s1", 0, note))
    note.text = "changed behind the stack's back"
    assert briefing.sections[0].items[0].text == "original"


def test_clean_state_and_listeners():
    briefing = make_briefing()
    stack = UndoStack(briefing)
    calls = []
    stack.listeners.append(lambda: calls.append(stack.is_clean))
    assert stack.is_clean and not stack.can_undo and stack.undo_text == ""
    stack.push(SetMeta(title="A"))
    stack.push(SetMeta(subtitle="B"))
    assert calls == [False, False]
    stack.set_clean()  # saved here
    assert stack.is_clean and calls[-1] is True
    stack.undo()
    assert not stack.is_clean
    stack.redo()
    assert stack.is_clean
    stack.undo()
    stack.push(SetMeta(date="today"))  # the saved state is now unreachable
    assert not stack.is_clean
    stack.undo()
    assert not stack.is_clean and stack.can_redo and briefing.meta.title == "A" and briefing.meta.subtitle == ""
    stack.set_clean()
    stack.mark_modified()
    assert not stack.is_clean
    assert len(calls) == 10  # 7 edits/undos/redos + 2 saves + 1 outside change


def test_undo_redo_when_nothing_to_do_is_harmless():
    stack = UndoStack(make_briefing())
    stack.undo()
    stack.redo()
    assert stack.briefing == make_briefing()


def test_merge_makes_typing_one_undo_step():
    briefing = make_briefing()
    stack = UndoStack(briefing)
    for text in ["M", "My", "My n", "My new note"]:
        stack.push(EditItem("n1", text=text), merge=True)
    stack.push(EditItem("h1", text="Other"), merge=True)  # different item: its own step
    assert briefing.find_item("n1")[0].items[1].text == "My new note"
    stack.undo()
    stack.undo()
    assert briefing == make_briefing() and not stack.can_undo
    stack.redo()
    assert briefing.find_item("n1")[0].items[1].text == "My new note"


def test_merge_never_crosses_the_saved_point():
    briefing = make_briefing()
    stack = UndoStack(briefing)
    stack.push(SetMeta(title="A"), merge=True)
    stack.set_clean()
    stack.push(SetMeta(title="AB"), merge=True)
    assert not stack.is_clean
    stack.undo()
    assert stack.is_clean and briefing.meta.title == "A"


def test_limit_drops_oldest():
    briefing = make_briefing()
    stack = UndoStack(briefing, limit=2)
    for title in "abc":
        stack.push(SetMeta(title=title))
    stack.undo()
    stack.undo()
    assert not stack.can_undo and briefing.meta.title == "a"


# -- property: any sequence of edits, all undone, gives back the original --------------------
def _random_command(data, briefing: Briefing, counter: list[int]):
    sections = [s.id for s in briefing.sections]
    items = [i.id for s in briefing.sections for i in s.items]
    counter[0] += 1
    fresh = f"gen{counter[0]}"
    text = st.text(max_size=12)
    options = ["add_section", "set_meta"]
    if sections:
        options += ["remove_section", "move_section", "edit_section", "add_item"]
    if items:
        options += ["remove_item", "move_item", "edit_item", "replace_item"]
    choice = data.draw(st.sampled_from(options))
    index = data.draw(st.integers(-2, 6))
    if choice == "add_section":
        return AddSection(index, Section(data.draw(text), items=[Note(data.draw(text), id=fresh + "n")], id=fresh))
    if choice == "set_meta":
        return SetMeta(**{data.draw(st.sampled_from(["title", "purpose", "theme"])): data.draw(text)})
    if choice in ("remove_section", "move_section", "edit_section", "add_item"):
        sid = data.draw(st.sampled_from(sections))
        if choice == "remove_section":
            return RemoveSection(sid)
        if choice == "move_section":
            return MoveSection(sid, index)
        if choice == "edit_section":
            return EditSection(sid, title=data.draw(text), key_points=data.draw(st.lists(text, max_size=2)))
        item = data.draw(st.sampled_from([Note("n", id=fresh), Subheading("h", id=fresh), Excerpt("s", "q", 1, 0, 1, id=fresh)]))
        return AddItem(sid, index, item)
    iid = data.draw(st.sampled_from(items))
    item = briefing.find_item(iid)[0].items[briefing.find_item(iid)[1]]
    if choice == "remove_item":
        return RemoveItem(iid)
    if choice == "move_item":
        return MoveItem(iid, data.draw(st.sampled_from(sections)), index)
    if choice == "edit_item":
        field = "comment" if isinstance(item, Excerpt) else "text"
        return EditItem(iid, **{field: data.draw(text)})
    new_id = data.draw(st.sampled_from([iid, fresh]))
    return ReplaceItem(iid, Note(data.draw(text), id=new_id))


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_edit_sequence_undoes_to_the_original(data):
    briefing = make_briefing()
    original = to_yaml(briefing)
    stack = UndoStack(briefing)
    counter = [0]
    states = [original]
    for _ in range(data.draw(st.integers(1, 15))):
        stack.push(_random_command(data, briefing, counter))
        states.append(to_yaml(briefing))
        if data.draw(st.booleans()) and data.draw(st.booleans()):
            stack.undo()
            assert to_yaml(briefing) == states[-2]
            stack.redo()
            assert to_yaml(briefing) == states[-1]
    while stack.can_undo:
        stack.undo()
    assert to_yaml(briefing) == original
    assert briefing == make_briefing()
    while stack.can_redo:
        stack.redo()
    assert to_yaml(briefing) == states[-1]
