"""Assembling a draft briefing from topics: one section per topic of exact, whole-paragraph excerpts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing.library import Library
from briefing.model import BriefingMeta, Excerpt
from briefing.model.anchoring import check
from briefing.model.assemble import assemble
from briefing.model.storage import from_yaml, to_yaml
from briefing.search.index import SearchIndex

REPO = Path(__file__).resolve().parents[1]


@dataclass
class FakePassage:
    source_id: str
    paragraph: int
    text: str


class FakeIndex:
    """Stands in for SearchIndex: returns canned passages per topic, records the limits asked for."""

    def __init__(self, passages: dict[str, list[FakePassage]]):
        self.passages = passages
        self.limits: list[int] = []

    def suggest(self, topic, limit=30):
        self.limits.append(limit)
        return self.passages.get(topic.id, [])[:limit]


@pytest.fixture
def library(tmp_path) -> Library:
    root = tmp_path / "lib"
    (root / "sources").mkdir(parents=True)
    texts = {
        "a": ["Alpha one about coca.", "Alpha two about coca and trade.", "Alpha three."],
        "b": ["Beta one about trade.", "Beta two about extradition."],
    }
    for sid, paragraphs in texts.items():
        (root / "sources" / f"{sid}.yaml").write_text(f"id: {sid}\nkind: news\n", encoding="utf-8")
        (root / "sources" / f"{sid}.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    (root / "topics.yaml").write_text(
        "topics:\n"
        "  - {id: coca, title: Coca, description: Coca growing, terms: [coca]}\n"
        "  - {id: trade, title: Trade, description: Trade ties, terms: [trade]}\n",
        encoding="utf-8",
    )
    lib = Library.load(roots=[(root, "user")], cache_path=False)
    assert not lib.problems, lib.problems
    return lib


def p(lib, sid, n, text=None):
    return FakePassage(sid, n, text if text is not None else lib.source(sid).paragraphs()[n - 1])


def test_one_section_per_topic_with_whole_paragraph_excerpts(library):
    index = FakeIndex({
        "coca": [p(library, "a", 2), p(library, "a", 1)],
        "trade": [p(library, "b", 1), p(library, "a", 2)],
    })
    briefing = assemble(library, index, ["coca", "trade"])
    assert briefing.meta.title == "Briefing: Coca, Trade"
    assert [(s.title, s.topic_id) for s in briefing.sections] == [("Coca", "coca"), ("Trade", "trade")]
    coca = briefing.sections[0].items
    assert [(e.source_id, e.paragraph) for e in coca] == [("a", 2), ("a", 1)]
    for excerpt in briefing.all_excerpts():
        assert isinstance(excerpt, Excerpt)
        paragraph = library.source(excerpt.source_id).paragraphs()[excerpt.paragraph - 1]
        assert excerpt.text == paragraph and (excerpt.start, excerpt.end) == (0, len(paragraph))
        assert not excerpt.lead_ellipsis and not excerpt.trail_ellipsis
    # every section and item has its own id, and the draft saves and re-opens as is
    ids = [s.id for s in briefing.sections] + [i.id for s in briefing.sections for i in s.items]
    assert len(ids) == len(set(ids))
    assert to_yaml(from_yaml(to_yaml(briefing))) == to_yaml(briefing)
    assert check(briefing, library) == []


def test_per_topic_limit_and_duplicates_skipped(library):
    index = FakeIndex({"coca": [p(library, "a", 1), p(library, "a", 1), p(library, "a", 2), p(library, "a", 3)]})
    briefing = assemble(library, index, ["coca"], per_topic=2)
    assert [(e.source_id, e.paragraph) for e in briefing.sections[0].items] == [("a", 1), ("a", 2)]
    assert index.limits[0] > 2  # asks for more, so skipped passages can be replaced


def test_stale_index_rows_and_missing_sources_are_skipped(library):
    index = FakeIndex({
        "coca": [
            FakePassage("gone", 1, "A source no longer in the library."),
            p(library, "a", 1, text="Alpha one about coca, as it read before an edit."),
            FakePassage("a", 9, "No such paragraph."),
            p(library, "a", 3),
        ]
    })
    briefing = assemble(library, index, ["coca"])
    assert [(e.source_id, e.paragraph) for e in briefing.sections[0].items] == [("a", 3)]


def test_meta_given_is_used_and_topics_deduplicated(library):
    meta = BriefingMeta(title="For the minister", theme="study")
    briefing = assemble(library, FakeIndex({}), ["trade", "coca", "trade"], meta=meta)
    assert briefing.meta == meta and briefing.meta is not meta
    assert [s.topic_id for s in briefing.sections] == ["trade", "coca"]
    assert all(not s.items for s in briefing.sections)


def test_unknown_topic_is_an_error(library):
    with pytest.raises(KeyError, match="no topic 'nope'"):
        assemble(library, FakeIndex({}), ["nope"])


def test_with_the_real_index_on_the_bundled_library():
    library = Library.load(roots=[(REPO / "content", "bundled")], cache_path=False)
    assert library.sources and library.topics
    index = SearchIndex.open(":memory:")
    try:
        index.update(library)
        topic_ids = [t for t in library.topics if index.count_suggestions(library.topic(t))][:3]
        assert topic_ids, "no bundled topic finds any passage"
        briefing = assemble(library, index, topic_ids, per_topic=3)
    finally:
        index.close()
    assert [s.topic_id for s in briefing.sections] == topic_ids
    assert briefing.meta.title == "Briefing: " + ", ".join(library.topic(t).title for t in topic_ids)
    for section in briefing.sections:
        assert 1 <= len(section.items) <= 3
        keys = [(e.source_id, e.paragraph) for e in section.excerpts()]
        assert len(keys) == len(set(keys))
    for excerpt in briefing.all_excerpts():
        assert excerpt.text == library.source(excerpt.source_id).paragraphs()[excerpt.paragraph - 1]
    assert check(briefing, library) == []


def test_headings_are_not_drafted_as_excerpts():
    from briefing.library import Library
    from briefing.model.assemble import assemble, looks_like_heading
    from briefing.search.index import SearchIndex

    library = Library.load(cache_path=False)
    index = SearchIndex.open(":memory:")
    index.update(library)
    heading = "Extradition, rule of law, and governance"
    # the bundled source marks it as a heading ("# "), so the index never offers it
    assert any(s.is_heading(n) and text == heading for s in library.sources.values()
               for n, text in enumerate(s.paragraphs(), 1))
    assert not any(p.text == heading for p in index.suggest(library.topic("extradition"), limit=30))
    briefing = assemble(library, index, ["extradition"], per_topic=6)
    texts = [e.text for e in briefing.all_excerpts()]
    assert heading not in texts and texts
    assert not any(looks_like_heading(t) for t in texts)
    assert looks_like_heading(heading) and not looks_like_heading("Alpha one about coca.")
