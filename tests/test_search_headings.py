"""Search never offers a heading as a passage to quote, and a draft built from topics quotes no headline."""

from __future__ import annotations

import pytest

from briefing.library import Library
from briefing.model.assemble import assemble
from briefing.search.index import SearchIndex


@pytest.fixture
def library(tmp_path) -> Library:
    root = tmp_path / "lib"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "h.yaml").write_text("id: h\nkind: news\n", encoding="utf-8")
    (root / "sources" / "h.txt").write_text(
        "# Coca eradication talks stall\n\n"
        "Officials said coca eradication would resume after the harvest.\n\n"
        "## Coca and trade\n\n"
        "Trade in coca leaf remained legal for traditional uses.\n",
        encoding="utf-8",
    )
    (root / "topics.yaml").write_text(
        "topics:\n  - {id: coca, title: Coca, description: Coca growing, terms: [coca, eradication]}\n",
        encoding="utf-8",
    )
    lib = Library.load(roots=[(root, "user")], cache_path=False)
    assert not lib.problems, lib.problems
    return lib


def test_search_and_suggestions_offer_body_paragraphs_only(library):
    with SearchIndex.open(":memory:") as index:
        index.update(library)
        hits = index.search("coca")
        assert sorted(p.text for p in hits) == [
            "Officials said coca eradication would resume after the harvest.",
            "Trade in coca leaf remained legal for traditional uses.",
        ]
        # the numbering still counts every block, so locators and saved excerpts stay valid
        assert sorted(p.paragraph for p in hits) == [2, 4]
        suggested = index.suggest(library.topic("coca"))
        assert suggested and not any(library.source(p.source_id).is_heading(p.paragraph) for p in suggested)


def test_draft_from_topics_quotes_no_headline(library):
    with SearchIndex.open(":memory:") as index:
        index.update(library)
        briefing = assemble(library, index, ["coca"], per_topic=10)
    quoted = [item.text for section in briefing.sections for item in section.items if hasattr(item, "text")]
    assert "Coca eradication talks stall" not in quoted and "Coca and trade" not in quoted
    assert "Officials said coca eradication would resume after the harvest." in quoted


def test_bundled_library_suggests_no_heading(tmp_path):
    library = Library.load(cache_path=False)
    headings = {(s.id, n) for s in library.sources.values() for n in range(1, len(s.paragraphs()) + 1)
                if s.is_heading(n)}
    assert headings, "the bundled sources mark their headings"
    with SearchIndex.open(":memory:") as index:
        index.update(library)
        for topic in library.topics.values():
            assert not {(p.source_id, p.paragraph) for p in index.suggest(topic, limit=200)} & headings
