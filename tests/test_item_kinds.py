"""Issue 10: item kinds are dispatched in one place — a new kind registered once is stored, read
back (with located errors), edited, undone and shown in the outline without edits elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from briefing.errors import ContentError
from briefing.model import kinds, new_id, storage
from briefing.session import DocumentSession


@dataclass
class KeyFigures:
    """A block of headline numbers, e.g. for a memo's margin."""

    caption: str
    figures: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    kind: str = field(default="key_figures", init=False, repr=False)

    @property
    def text(self) -> str:
        return f"{self.caption}: {'; '.join(self.figures)}"


@pytest.fixture
def key_figures():
    kind = kinds.register(kinds.ItemKind(
        name="key_figures", cls=KeyFigures, label="key figures", editable=("caption", "figures"),
        fields=(kinds.Field("caption", required=True, always=True), kinds.Field("figures", type="text_list"))))
    yield kind
    kinds.unregister("key_figures")


def test_a_new_kind_round_trips_and_edits_without_touching_storage_or_edits(key_figures, tmp_path):
    session = DocumentSession(None)
    sid = session.add_section("Numbers")
    item_id = session.add_item(KeyFigures("Migration", ["1.3 million Venezuelans", "10-year permits"]), sid)
    path = session.save(tmp_path / "k.briefing.yaml")
    text = path.read_text(encoding="utf-8")
    assert "type: key_figures" in text and "- 1.3 million Venezuelans" in text
    back = storage.load(path)
    [item] = back.sections[0].items
    assert isinstance(item, KeyFigures) and item.figures == ["1.3 million Venezuelans", "10-year permits"]
    from briefing.model import edits

    session.push(edits.EditItem(item_id, caption="Migration, 2026"))
    assert session.item(item_id).caption == "Migration, 2026"
    assert session.undo_stack.undo_text == "Edit caption"
    session.undo()
    assert session.item(item_id).caption == "Migration"
    with pytest.raises(ValueError, match="cannot edit text of a key figures"):
        session.push(edits.EditItem(item_id, text="no such field"))


def test_a_bad_field_of_a_new_kind_is_located(key_figures, tmp_path):
    bad = tmp_path / "bad.briefing.yaml"
    bad.write_text("schema: briefing-book/1\nsections:\n- title: S\n  items:\n  - type: key_figures\n"
                   "    caption: C\n    figures: 7\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        storage.load(bad)
    assert caught.value.line == 7 and "figures" in str(caught.value)


def test_an_unregistered_kind_is_refused_by_name(tmp_path):
    bad = tmp_path / "bad.briefing.yaml"
    bad.write_text("schema: briefing-book/1\nsections:\n- title: S\n  items:\n  - type: timeline\n", encoding="utf-8")
    with pytest.raises(ContentError, match="unknown item type 'timeline'; expected excerpt, note, subheading"):
        storage.load(bad)
