"""The bundled library is exact, attributed text: every paragraph comes verbatim from its seed document,
chrome and captions stay out of the body, and metadata is stated, marked as inferred, or left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.library import Library
from briefing.library.source import Source, split_paragraphs
from briefing.library.validate import FieldProblem, source_from_data
from briefing.yamlio import load_file

REPO = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO / "tests" / "seeds"  # the raw documents the bundled sources were cleaned from

CONTENT = REPO / "content"
EXPECTED_IDS = {
    "insight-crime-2012-colombia-security-model",
    "colombia-us-security-partnership",
    "colombia-us-relations-reference",
    "afp-blinken-colombia-visit",
    "us-colombia-action-plan-2012",
}
CHROME = ("Go Back", "RelationsEdit", "Nike Hypervenom", "SANTIAGO ARCOS POOL", "See also")
AFP_CAPTION = "US Secretary of State Antony Blinken gives his thumb up during a visit to the Camari market in Quito, Ecuador"
# No seed states its own URL (004 cites the communiqué's URL, which is not the document's).
STATED_URLS: dict[str, str] = {}



def read_sources(content: Path) -> dict[str, Source]:
    """Each metadata file parsed on its own, so a content fault is reported even if the loader breaks."""
    sources = {}
    for path in sorted((content / "sources").glob("*.yaml")):
        try:
            source = source_from_data(load_file(path), path, "bundled")
        except FieldProblem as problem:
            pytest.fail(f"{path.name}: {'.'.join(map(str, problem.keys))}: {problem.message}")
        assert source.id not in sources, f"duplicate id {source.id}"
        sources[source.id] = source
    return sources


def seed_text(source: Source) -> str:
    return (SEEDS_DIR / source.seed_file).read_text(encoding="utf-8")


def body_problems(sources: dict[str, Source]) -> list[str]:
    problems = []
    for source in sources.values():
        seed = seed_text(source)
        for n, paragraph in enumerate(source.paragraphs(), 1):
            if paragraph not in seed:
                problems.append(f"{source.id} ¶{n} is not verbatim in {source.seed_file}: {paragraph[:60]!r}")
        for chrome in CHROME:
            if chrome in source.text():
                problems.append(f"{source.id}: chrome {chrome!r} left in the body")
        for caption in source.captions:
            if caption in source.text():
                problems.append(f"{source.id}: caption left in the body: {caption[:40]!r}")
        if source.title and source.title in source.paragraphs():
            problems.append(f"{source.id}: title line still in the body")
        if "\n\n\n" in source.text() or any("\n" in p for p in source.paragraphs()):
            problems.append(f"{source.id}: paragraphs not separated by exactly one blank line")
    return problems


def metadata_problems(sources: dict[str, Source]) -> list[str]:
    problems = []
    for source in sources.values():
        data = source.metadata()
        for name in source.inferred:
            if data.get(name) in (None, "", [], {}):
                problems.append(f"{source.id}: '{name}' is marked inferred but not set")
        if source.url != STATED_URLS.get(source.id):
            problems.append(f"{source.id}: url {source.url!r} is not stated by the document")
        if SEEDS_DIR.is_dir():
            seed = seed_text(source)
            for name in ("title", "publisher"):
                value = data.get(name)
                if value and name not in source.inferred and value not in seed:
                    problems.append(f"{source.id}: {name} {value!r} is neither in the text nor marked inferred")
            for author in source.author_names():
                if "authors" not in source.inferred and author not in seed:
                    problems.append(f"{source.id}: author {author!r} is neither in the text nor marked inferred")
        if source.date and "date" not in source.inferred:
            problems.append(f"{source.id}: no seed states its own date; date must be marked inferred")
    return problems


@pytest.fixture
def sources() -> dict[str, Source]:
    return read_sources(CONTENT)


def test_library_loads_all_bundled_sources_without_problems():
    library = Library.load(roots=[(CONTENT, "bundled")], cache_path=False)
    assert [str(p) for p in library.problems] == []
    assert set(library.sources) == EXPECTED_IDS
    for source in library.sources.values():
        assert source.paragraphs(), f"{source.id} has no text"


def test_every_source_file_is_valid_and_has_text(sources):
    assert set(sources) == EXPECTED_IDS
    for source in sources.values():
        assert source.text_path.is_file(), f"{source.id}: missing {source.text_path.name}"
        assert source.paragraphs()


def test_bodies_are_verbatim_seed_text_without_chrome_or_captions(sources):
    assert body_problems(sources) == []


def test_every_seed_is_used_exactly_once(sources):
    used = [s.seed_file for s in sources.values()]
    assert sorted(used) == sorted(p.name for p in SEEDS_DIR.glob("*.txt"))


def test_metadata_is_stated_or_marked_inferred(sources):
    assert metadata_problems(sources) == []


def test_afp_caption_is_kept_apart_from_the_body(sources):
    afp = sources["afp-blinken-colombia-visit"]
    assert afp.captions == [AFP_CAPTION]
    assert not any("gives his thumb up" in p for p in afp.paragraphs())
    assert afp.author_names() == ["AFP"] and "authors" not in afp.inferred  # the dateline states it
    assert afp.date is None


def test_key_passages_are_whole_paragraphs(sources):
    embassy = sources["colombia-us-security-partnership"].paragraphs()
    assert any("trained more than 11,000 police and military officers" in p for p in embassy)
    afp = sources["afp-blinken-colombia-visit"].paragraphs()
    assert any("1.3 million migrants" in p for p in afp)


def test_untitled_source_is_labelled_by_its_opening_words(sources):
    insight = sources["insight-crime-2012-colombia-security-model"]
    assert insight.title is None
    assert insight.label.startswith("[As the Sixth Summit of the Americas")


# -- the checks above must be able to fail --------------------------------------------------
@pytest.mark.parametrize(
    "tamper",
    [
        lambda text: "Go Back\n\n" + text,                                   # chrome back in
        lambda text: text.replace("Colombia", "Columbia", 1),                # a re-spelt word
        lambda text: text.replace("\n\n", " ", 1),                           # two paragraphs merged
        lambda text: text.replace("’", "'", 1),                              # straightened quote
    ],
)
def test_body_checks_catch_tampered_text(content_copy, tamper):
    path = content_copy / "sources" / "colombia-us-security-partnership.txt"
    path.write_text(tamper(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert body_problems(read_sources(content_copy))


def test_metadata_checks_catch_invented_or_unmarked_values(content_copy):
    meta = content_copy / "sources" / "us-colombia-action-plan-2012.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text + 'url: "http://www.summit-americas.org/SIRG/2012/041412/ComunicadoDOT-ENG.pdf"\n', encoding="utf-8")
    assert metadata_problems(read_sources(content_copy))
    unmarked = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("  date: "))
    meta.write_text(unmarked.replace("inferred:\n", "inferred:\n  authors: \"x\"\n"), encoding="utf-8")
    problems = metadata_problems(read_sources(content_copy))
    assert any("date must be marked inferred" in p for p in problems)
    assert any("'authors' is marked inferred but not set" in p for p in problems)
