"""What one edit, undo or redo changed, so a view can update exactly those rows instead of rebuilding.

Every command reports a list of ``Change`` records, in the order the changes happened; applying
them one by one to the old outline gives the new one.  Shaped after Anki's ``OpChanges`` (which
parts of the collection an operation touched) and napari's list events (inserted / removed /
moved with indexes): enough for ``beginInsertRows``/``beginMoveRows``/``dataChanged``.
Plain data, no Qt: the CLI and tests read the same records.
"""

from __future__ import annotations

from dataclasses import dataclass

SECTION_INSERTED = "section_inserted"
SECTION_REMOVED = "section_removed"
SECTION_MOVED = "section_moved"
SECTION_CHANGED = "section_changed"
ITEMS_INSERTED = "items_inserted"
ITEMS_REMOVED = "items_removed"
ITEM_MOVED = "item_moved"
ITEMS_CHANGED = "items_changed"
META_CHANGED = "meta_changed"
RESET = "reset"  # a different document (open, new, restore): everything may have changed


@dataclass(frozen=True)
class Change:
    """``what`` happened to section ``section_id`` (at ``index``) or to its items ``item_ids``.

    Indexes are positions at the moment of the change: a removal's ``index`` is where the rows
    were, an insertion's where they now are.  A move names its origin (``section_id``, ``index``)
    and destination (``to_section_id``, ``to_index``, the final position).  ``fields`` names the
    attributes an edit changed (section, item or meta fields).  An inserted section lists the
    items it arrived with in ``item_ids``.
    """

    what: str
    section_id: str = ""
    index: int = -1
    item_ids: tuple[str, ...] = ()
    to_section_id: str = ""
    to_index: int = -1
    fields: tuple[str, ...] = ()

    @property
    def structural(self) -> bool:
        """Rows appear, disappear or move (as opposed to changed content)."""
        return self.what in (SECTION_INSERTED, SECTION_REMOVED, SECTION_MOVED, ITEMS_INSERTED, ITEMS_REMOVED,
                             ITEM_MOVED, RESET)


def reset() -> list[Change]:
    return [Change(RESET)]


def describe(changes: list[Change]) -> str:
    """A compact plain-words list, for logs and test failure messages."""
    return "; ".join(
        f"{c.what}({c.section_id or ''}{'@' + str(c.index) if c.index >= 0 else ''}"
        f"{' ' + ','.join(c.item_ids) if c.item_ids else ''}"
        f"{' -> ' + c.to_section_id + '@' + str(c.to_index) if c.to_section_id else ''}"
        f"{' [' + ','.join(c.fields) + ']' if c.fields else ''})"
        for c in changes
    )
