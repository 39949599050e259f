"""A briefing saved before layouts existed (no `layout:` in its meta) keeps today's look: the
layout named like its theme; and the new layouts are offered beside the old ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.compose import compose
from briefing.library import Library
from briefing.model import storage

OLD_FILE = Path(__file__).parent / "data" / "export_reference" / "mixed.briefing.yaml"  # written by 0.1


@pytest.mark.parametrize("theme", ["memo", "study"])
def test_old_file_without_a_layout_composes_with_its_themes_look(theme):
    assert "layout:" not in OLD_FILE.read_text("utf-8")
    briefing = storage.load(OLD_FILE)
    briefing.meta.theme = theme
    document = compose(briefing, Library.load(cache_path=False))
    assert document.layout == theme
    kinds = [p.kind for p in document.parts]
    assert kinds[:2] == ["cover", "contents"] and "section" in kinds


def test_all_layouts_are_listed_for_the_cli_and_the_dialog():
    from briefing import registry

    names = registry.layouts().names()
    assert {"memo", "study", "info-memo", "info-memo-attachment", "book", "packet"} <= set(names)
    labels = dict(registry.layouts().choices())
    assert labels["info-memo"] == "Information memo" and labels["book"] == "Briefing book"
