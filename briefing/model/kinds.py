"""The kinds of item a section holds, in one table: name -> class, stored fields, label, what may be edited.

Storage, edits, the session and the GUI ask this table instead of testing ``isinstance`` against
each class, so a new kind (a table, a timeline, a key-figures block) is one ``register`` call
plus its dataclass, not an edit at every place that handles items.  Composition keeps its own
dispatch (``briefing/compose``) because how a kind is printed is a writer's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from briefing.model.briefing import Excerpt, Note, Subheading


@dataclass(frozen=True)
class Field:
    """One stored field: ``key`` in the file, ``attr`` on the object, its type and rules."""

    key: str
    attr: str = ""
    type: str = "text"  # text | int | flag | text_list
    required: bool = False
    minimum: int = 0
    always: bool = False  # written even when empty or false (else left out, keeping files short)

    @property
    def name(self) -> str:
        return self.attr or self.key


@dataclass(frozen=True)
class ItemKind:
    """How one kind of section item is stored, labelled and edited: the one table the model,
    file format and GUI consult instead of telling item classes apart themselves."""

    name: str  # the ``type:`` written in the file and ``item.kind``
    cls: type
    label: str  # for people: "sub-heading"
    fields: tuple[Field, ...]
    editable: tuple[str, ...] = ()  # attributes a user may change in place (EditItem)
    quoted: bool = False  # its text is exact source text: never edited by hand, counted as an excerpt
    # Cross-field rule on the values read from a file: (field key, message) when broken, else None.
    check: Callable[[dict[str, Any]], tuple[str, str] | None] | None = None

    def summary(self, item: Any) -> str:
        """One line of plain text for lists and tooltips of a kind no view knows specially."""
        return " ".join(str(getattr(item, "text", "") or getattr(item, "title", "")).split())

    @property
    def text_editable(self) -> bool:
        return "text" in self.editable


_KINDS: dict[str, ItemKind] = {}


def register(kind: ItemKind) -> ItemKind:
    if kind.name in _KINDS and _KINDS[kind.name].cls is not kind.cls:
        raise ValueError(f"item kind '{kind.name}' is already registered")
    _KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Remove a kind (plug-ins and tests that add one for a while)."""
    _KINDS.pop(name, None)


def get(name: str) -> ItemKind | None:
    return _KINDS.get(name)


def of(item: Any) -> ItemKind:
    """The kind of a briefing item; TypeError for anything else."""
    kind = _KINDS.get(getattr(item, "kind", None)) if not isinstance(item, type) else None
    if kind is None or not isinstance(item, kind.cls):
        raise TypeError(f"not a briefing item: {item!r}")
    return kind


def is_item(value: Any) -> bool:
    try:
        of(value)
    except TypeError:
        return False
    return True


def names() -> tuple[str, ...]:
    return tuple(_KINDS)


def label(item: Any) -> str:
    return of(item).label


def _span_in_order(values: dict[str, Any]) -> tuple[str, str] | None:
    if values["end"] < values["start"]:
        return "end", f"is before start ({values['end']} < {values['start']})"
    return None


EXCERPT = register(ItemKind(
    name="excerpt", cls=Excerpt, label="excerpt", quoted=True, editable=("comment",),
    fields=(
        Field("source", "source_id", required=True, always=True),
        Field("text", required=True, always=True),
        Field("paragraph", type="int", required=True, minimum=1, always=True),
        Field("start", type="int", required=True, always=True),
        Field("end", type="int", required=True, always=True),
        Field("before", always=True),
        Field("after", always=True),
        Field("lead_ellipsis", type="flag"),
        Field("trail_ellipsis", type="flag"),
        Field("comment"),
    ),
    check=_span_in_order,
))
NOTE = register(ItemKind(name="note", cls=Note, label="note", editable=("text",),
                         fields=(Field("text", required=True, always=True),)))
SUBHEADING = register(ItemKind(name="subheading", cls=Subheading, label="sub-heading", editable=("text",),
                               fields=(Field("text", required=True, always=True),)))
