"""Reversible edits to a Briefing and the undo stack that records them (plain Python, no Qt).

Every change a user makes goes through a command so it can be undone.  Commands find what
they change by id, never by holding on to objects, so undoing an old command after many
other edits still hits the right section or item.  Objects going into the briefing are
copied, so a caller keeping a reference cannot change the document behind the stack's back.

A command validates everything before it changes anything: when ``apply`` raises, the
briefing is untouched and nothing is recorded.
"""

from __future__ import annotations

import copy
from typing import Any, Callable

from briefing.model import kinds
from briefing.model.briefing import SECTION_KINDS, Briefing, BriefingMeta, Item, Section
from briefing.model.changes import (
    ITEM_MOVED,
    ITEMS_CHANGED,
    ITEMS_INSERTED,
    ITEMS_REMOVED,
    META_CHANGED,
    SECTION_CHANGED,
    SECTION_INSERTED,
    SECTION_MOVED,
    SECTION_REMOVED,
    Change,
)

SECTION_LISTS = ("key_points", "talking_points", "discussion_questions")
SECTION_EDITABLE = {"title": str, "topic_id": (str, type(None)), "purpose": str, "kind": str,
                    **{name: list for name in SECTION_LISTS}}
META_EDITABLE = tuple(BriefingMeta.__dataclass_fields__)


# -- lookups ---------------------------------------------------------------------------
def _section(briefing: Briefing, section_id: str) -> tuple[Section, int]:
    for index, section in enumerate(briefing.sections):
        if section.id == section_id:
            return section, index
    raise KeyError(f"no section with id '{section_id}'")


def _item(briefing: Briefing, item_id: str) -> tuple[Section, int]:
    found = briefing.find_item(item_id)
    if found is None:
        raise KeyError(f"no item with id '{item_id}'")
    return found


def _ids(briefing: Briefing) -> set[str]:
    ids = set()
    for section in briefing.sections:
        ids.add(section.id)
        ids.update(item.id for item in section.items)
    return ids


def _clamp(index: int, size: int) -> int:
    """An insert position in 0..size; negative counts from the end (-1 = after the last)."""
    if isinstance(index, bool) or not isinstance(index, int):
        raise TypeError(f"index must be a whole number, not {index!r}")
    return max(0, min(index, size)) if index >= 0 else max(0, size + 1 + index)


def _check_item(item: Any) -> None:
    kinds.of(item)  # TypeError for anything that is not a registered kind of item


def _check_text_list(name: str, value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{name} must be a list of text")


def _kind_name(item: Item) -> str:
    return kinds.label(item)


# -- commands --------------------------------------------------------------------------
class Command:
    """Base: ``apply`` does the change, ``revert`` exactly undoes it; ``text`` names it for menus.

    Both return the ``Change`` records of what they did (``briefing.model.changes``)."""

    text = "Edit"

    def apply(self, briefing: Briefing) -> list[Change]:
        raise NotImplementedError

    def revert(self, briefing: Briefing) -> list[Change]:
        raise NotImplementedError

    def merge(self, newer: "Command") -> bool:
        """Absorb an already-applied ``newer`` edit of the same thing (typing); False if unrelated."""
        return False

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.text!r}>"


class AddSection(Command):
    def __init__(self, index: int, section: Section):
        if not isinstance(section, Section):
            raise TypeError(f"not a section: {section!r}")
        self.index = index
        self.section = copy.deepcopy(section)
        self.text = "Add section"

    def apply(self, briefing: Briefing) -> None:
        existing = _ids(briefing)
        new_ids = [self.section.id] + [item.id for item in self.section.items]
        if len(set(new_ids)) != len(new_ids) or existing.intersection(new_ids):
            raise ValueError("the new section reuses an id already in the briefing")
        for item in self.section.items:
            _check_item(item)
        index = _clamp(self.index, len(briefing.sections))
        briefing.sections.insert(index, copy.deepcopy(self.section))
        return [Change(SECTION_INSERTED, self.section.id, index, tuple(i.id for i in self.section.items))]

    def revert(self, briefing: Briefing) -> list[Change]:
        _, index = _section(briefing, self.section.id)
        del briefing.sections[index]
        return [Change(SECTION_REMOVED, self.section.id, index)]


class RemoveSection(Command):
    text = "Remove section"

    def __init__(self, section_id: str):
        self.section_id = section_id
        self.removed: Section | None = None
        self.index = 0

    def apply(self, briefing: Briefing) -> None:
        section, self.index = _section(briefing, self.section_id)
        self.removed = copy.deepcopy(section)
        del briefing.sections[self.index]
        return [Change(SECTION_REMOVED, self.section_id, self.index)]

    def revert(self, briefing: Briefing) -> list[Change]:
        briefing.sections.insert(self.index, copy.deepcopy(self.removed))
        return [Change(SECTION_INSERTED, self.section_id, self.index, tuple(i.id for i in self.removed.items))]


class MoveSection(Command):
    """``to_index`` is where the section ends up (counted after taking it out)."""

    text = "Move section"

    def __init__(self, section_id: str, to_index: int):
        self.section_id = section_id
        self.to_index = to_index
        self.from_index = 0

    def apply(self, briefing: Briefing) -> None:
        section, self.from_index = _section(briefing, self.section_id)
        to = _clamp(self.to_index, len(briefing.sections) - 1)
        del briefing.sections[self.from_index]
        briefing.sections.insert(to, section)
        return [Change(SECTION_MOVED, self.section_id, self.from_index, to_index=to)]

    def revert(self, briefing: Briefing) -> list[Change]:
        section, index = _section(briefing, self.section_id)
        del briefing.sections[index]
        briefing.sections.insert(self.from_index, section)
        return [Change(SECTION_MOVED, self.section_id, index, to_index=self.from_index)]


class _FieldEdit(Command):
    """Shared by EditSection, EditItem and SetMeta: remember old values, set new ones."""

    def __init__(self, fields: dict[str, Any]):
        if not fields:
            raise ValueError("nothing to change")
        self.fields = copy.deepcopy(fields)
        self.old: dict[str, Any] = {}

    def _target(self, briefing: Briefing) -> Any:
        raise NotImplementedError

    def _validate(self, target: Any) -> None:
        pass

    def apply(self, briefing: Briefing) -> list[Change]:
        target = self._target(briefing)
        self._validate(target)
        self.old = {name: copy.deepcopy(getattr(target, name)) for name in self.fields}
        for name, value in self.fields.items():
            setattr(target, name, copy.deepcopy(value))
        return [self._change(briefing)]

    def revert(self, briefing: Briefing) -> list[Change]:
        target = self._target(briefing)
        for name, value in self.old.items():
            setattr(target, name, copy.deepcopy(value))
        return [self._change(briefing)]

    def _change(self, briefing: Briefing) -> Change:
        raise NotImplementedError

    def _same_target(self, newer: "_FieldEdit") -> bool:
        return False

    def merge(self, newer: Command) -> bool:
        if type(newer) is not type(self) or set(newer.fields) != set(self.fields) or not self._same_target(newer):
            return False
        self.fields = copy.deepcopy(newer.fields)  # keep our old values: undo goes back past both
        return True


class EditSection(_FieldEdit):
    def __init__(self, section_id: str, **fields: Any):
        unknown = sorted(set(fields) - set(SECTION_EDITABLE))
        if unknown:
            raise ValueError(f"cannot edit section field(s): {', '.join(unknown)}")
        if fields.get("topic_id") == "":
            fields["topic_id"] = None  # storage writes no topic_id for both; keep the model the same
        for name, value in fields.items():
            if name in SECTION_LISTS:
                _check_text_list(name, value)
            elif not isinstance(value, SECTION_EDITABLE[name]):
                raise TypeError(f"{name} must be text")
        if "kind" in fields and fields["kind"] not in SECTION_KINDS:
            raise ValueError(f"a section's kind is one of: {', '.join(SECTION_KINDS)}")
        super().__init__(fields)
        self.section_id = section_id
        self.text = "Rename section" if set(fields) == {"title"} else "Edit section"

    def _target(self, briefing: Briefing) -> Section:
        return _section(briefing, self.section_id)[0]

    def _change(self, briefing: Briefing) -> Change:
        return Change(SECTION_CHANGED, self.section_id, _section(briefing, self.section_id)[1],
                      fields=tuple(self.fields))

    def _same_target(self, newer: "_FieldEdit") -> bool:
        return newer.section_id == self.section_id  # type: ignore[attr-defined]


class EditItem(_FieldEdit):
    """Note text, sub-heading text or an excerpt's comment.  Quoted text is never edited."""

    def __init__(self, item_id: str, **fields: Any):
        for name, value in fields.items():
            if not isinstance(value, str):
                raise TypeError(f"{name} must be text")
        super().__init__(fields)
        self.item_id = item_id
        self.text = "Edit item"

    def _target(self, briefing: Briefing) -> Item:
        section, index = _item(briefing, self.item_id)
        return section.items[index]

    def _validate(self, target: Item) -> None:
        kind = kinds.of(target)
        unknown = sorted(set(self.fields) - set(kind.editable))
        if unknown:
            raise ValueError(f"cannot edit {', '.join(unknown)} of a {kind.label}")
        self.text = f"Edit {kind.label}" if set(self.fields) & {"text"} else f"Edit {', '.join(self.fields)}"

    def _change(self, briefing: Briefing) -> Change:
        section, index = _item(briefing, self.item_id)
        return Change(ITEMS_CHANGED, section.id, index, (self.item_id,), fields=tuple(self.fields))

    def _same_target(self, newer: "_FieldEdit") -> bool:
        return newer.item_id == self.item_id  # type: ignore[attr-defined]


class SetMeta(_FieldEdit):
    text = "Edit briefing details"

    def __init__(self, **fields: Any):
        unknown = sorted(set(fields) - set(META_EDITABLE))
        if unknown:
            raise ValueError(f"no briefing detail(s) named: {', '.join(unknown)}")
        for name, value in fields.items():
            if not isinstance(value, str):
                raise TypeError(f"{name} must be text")
        super().__init__(fields)

    def _target(self, briefing: Briefing) -> BriefingMeta:
        return briefing.meta

    def _change(self, briefing: Briefing) -> Change:
        return Change(META_CHANGED, fields=tuple(self.fields))

    def _same_target(self, newer: "_FieldEdit") -> bool:
        return True


class SetGlossary(_FieldEdit):
    """The briefing's glossary (term -> definition) replaced as a whole: one undo step per dialog."""

    text = "Edit glossary"

    def __init__(self, glossary: dict):
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in glossary.items()):
            raise TypeError("glossary terms and definitions must be text")
        super().__init__({"glossary": dict(glossary)})

    def _target(self, briefing: Briefing) -> Briefing:
        return briefing

    def _change(self, briefing: Briefing) -> Change:
        return Change(META_CHANGED, fields=("glossary",))


class AddItem(Command):
    def __init__(self, section_id: str, index: int, item: Item):
        _check_item(item)
        self.section_id = section_id
        self.index = index
        self.item = copy.deepcopy(item)
        self.text = f"Add {_kind_name(item)}"

    def apply(self, briefing: Briefing) -> None:
        section, _ = _section(briefing, self.section_id)
        if self.item.id in _ids(briefing):
            raise ValueError(f"id '{self.item.id}' is already in the briefing")
        index = _clamp(self.index, len(section.items))
        section.items.insert(index, copy.deepcopy(self.item))
        return [Change(ITEMS_INSERTED, section.id, index, (self.item.id,))]

    def revert(self, briefing: Briefing) -> list[Change]:
        section, index = _item(briefing, self.item.id)
        del section.items[index]
        return [Change(ITEMS_REMOVED, section.id, index, (self.item.id,))]


class RemoveItem(Command):
    def __init__(self, item_id: str):
        self.item_id = item_id
        self.section_id = ""
        self.index = 0
        self.removed: Item | None = None
        self.text = "Remove item"

    def apply(self, briefing: Briefing) -> None:
        section, self.index = _item(briefing, self.item_id)
        self.section_id = section.id
        self.removed = copy.deepcopy(section.items[self.index])
        self.text = f"Remove {_kind_name(self.removed)}"
        del section.items[self.index]
        return [Change(ITEMS_REMOVED, self.section_id, self.index, (self.item_id,))]

    def revert(self, briefing: Briefing) -> list[Change]:
        section, _ = _section(briefing, self.section_id)
        section.items.insert(self.index, copy.deepcopy(self.removed))
        return [Change(ITEMS_INSERTED, self.section_id, self.index, (self.item_id,))]


class MoveItem(Command):
    """Within or across sections; ``to_index`` is the final position in the destination."""

    def __init__(self, item_id: str, to_section_id: str, to_index: int):
        self.item_id = item_id
        self.to_section_id = to_section_id
        self.to_index = to_index
        self.from_section_id = ""
        self.from_index = 0
        self.text = "Move item"

    def apply(self, briefing: Briefing) -> None:
        source, self.from_index = _item(briefing, self.item_id)
        dest, _ = _section(briefing, self.to_section_id)
        _clamp(self.to_index, 0)  # type check before changing anything
        self.from_section_id = source.id
        item = source.items.pop(self.from_index)
        self.text = f"Move {_kind_name(item)}"
        to = _clamp(self.to_index, len(dest.items))
        dest.items.insert(to, item)
        return [Change(ITEM_MOVED, source.id, self.from_index, (self.item_id,), dest.id, to)]

    def revert(self, briefing: Briefing) -> list[Change]:
        section, index = _item(briefing, self.item_id)
        item = section.items.pop(index)
        origin, _ = _section(briefing, self.from_section_id)
        origin.items.insert(self.from_index, item)
        return [Change(ITEM_MOVED, section.id, index, (self.item_id,), origin.id, self.from_index)]


class ReplaceItem(Command):
    """Swap one item for another in place (trimming an excerpt makes a new Excerpt)."""

    def __init__(self, item_id: str, new_item: Item, text: str | None = None):
        _check_item(new_item)
        self.item_id = item_id
        self.new_item = copy.deepcopy(new_item)
        self.old: Item | None = None
        self.text = text or f"Replace {_kind_name(new_item)}"

    def apply(self, briefing: Briefing) -> None:
        section, index = _item(briefing, self.item_id)
        if self.new_item.id != self.item_id and self.new_item.id in _ids(briefing):
            raise ValueError(f"id '{self.new_item.id}' is already in the briefing")
        self.old = copy.deepcopy(section.items[index])
        section.items[index] = copy.deepcopy(self.new_item)
        return _replaced(section.id, index, self.old.id, self.new_item.id)

    def revert(self, briefing: Briefing) -> list[Change]:
        section, index = _item(briefing, self.new_item.id)
        section.items[index] = copy.deepcopy(self.old)
        return _replaced(section.id, index, self.new_item.id, self.old.id)


def _replaced(section_id: str, index: int, old_id: str, new_id: str) -> list[Change]:
    if old_id == new_id:
        return [Change(ITEMS_CHANGED, section_id, index, (new_id,))]
    return [Change(ITEMS_REMOVED, section_id, index, (old_id,)), Change(ITEMS_INSERTED, section_id, index, (new_id,))]


class Compound(Command):
    """Several commands as one undo step (e.g. adding a whole assembled topic)."""

    def __init__(self, text: str, commands: list[Command]):
        self.text = text
        self.commands = list(commands)

    def apply(self, briefing: Briefing) -> list[Change]:
        done: list[Command] = []
        changes: list[Change] = []
        try:
            for command in self.commands:
                changes += command.apply(briefing)
                done.append(command)
        except BaseException:
            for command in reversed(done):
                command.revert(briefing)
            raise
        return changes

    def revert(self, briefing: Briefing) -> list[Change]:
        changes: list[Change] = []
        for command in reversed(self.commands):
            changes += command.revert(briefing)
        return changes


# -- the stack -------------------------------------------------------------------------
class UndoStack:
    """Applies commands to one briefing and undoes/redoes them; tracks the saved ("clean") point.

    ``listeners`` are called with no arguments after every change to the briefing or to the
    clean state, so a GUI can refresh its views and its "modified" marker; ``last_changes`` then
    holds what the briefing change was (empty when only the clean state changed).
    """

    def __init__(self, briefing: Briefing, limit: int = 0):
        self.briefing = briefing
        self.limit = limit  # 0 = unlimited
        self.listeners: list[Callable[[], None]] = []
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._clean: int | None = 0  # len(_done) when last saved; None = cannot get back to it
        self.last_changes: list[Change] = []

    # state
    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_text(self) -> str:
        return self._done[-1].text if self._done else ""

    @property
    def redo_text(self) -> str:
        return self._undone[-1].text if self._undone else ""

    @property
    def is_clean(self) -> bool:
        return self._clean == len(self._done)

    # changes
    def push(self, command: Command, merge: bool = False) -> None:
        """Apply ``command`` and record it.  ``merge=True`` folds it into the previous edit of
        the same field(s) of the same thing, so typing makes one undo step, not one per key."""
        changes = command.apply(self.briefing) or []
        if self._clean is not None and self._clean > len(self._done):
            self._clean = None  # the saved state was in the redo history we are discarding
        self._undone.clear()
        if merge and self._done and self._clean != len(self._done) and self._done[-1].merge(command):
            self._notify(changes)
            return
        self._done.append(command)
        if self.limit and len(self._done) > self.limit:
            del self._done[0]
            if self._clean is not None:
                self._clean = self._clean - 1 if self._clean > 0 else None
        self._notify(changes)

    def undo(self) -> None:
        if not self._done:
            return
        command = self._done.pop()
        changes = command.revert(self.briefing) or []
        self._undone.append(command)
        self._notify(changes)

    def redo(self) -> None:
        if not self._undone:
            return
        command = self._undone.pop()
        changes = command.apply(self.briefing) or []
        self._done.append(command)
        self._notify(changes)

    def set_clean(self) -> None:
        """Call after saving: this state is the one on disk."""
        self._clean = len(self._done)
        self._notify()

    def mark_modified(self) -> None:
        """The briefing changed outside the stack (e.g. ``anchoring.check`` re-anchored excerpts)."""
        self._clean = None
        self._notify()

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._clean = 0
        self._notify()

    def _notify(self, changes: list[Change] | None = None) -> None:
        self.last_changes = list(changes or [])
        for listener in list(self.listeners):
            listener()
