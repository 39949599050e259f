"""The citation cache never changes what a reader sees: after any edit, a document formatted from
the cache (plus a partial pandoc run) equals the same document formatted from nothing."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from briefing.citation import processor_for
from briefing.citation.api import CiteRequest
from briefing.citation.processor import clear_caches
from briefing.library.validate import source_from_data

pytestmark = pytest.mark.slow


def library() -> dict:
    people = [{"family": "Otis", "given": "John"}, {"family": "Otis", "given": "Jane"}, {"family": "Isacson", "given": "Adam"}]
    sources = {}
    for n in range(8):
        data = {"id": f"s{n}", "kind": "news", "title": f"Report number {n} on security", "language": "en",
                "authors": [people[n % 3]], "container_title": "El Tiempo", "date": f"2021-0{1 + n % 3}-1{n % 2}"}
        sources[f"s{n}"] = source_from_data(data, Path(f"s{n}.yaml"), "user")
    return sources


def plain(doc) -> tuple:
    text = lambda runs: "".join(("_%s_" % r.text) if r.italic else r.text for r in runs)  # noqa: E731
    return doc.style_class, [text(c) for c in doc.citations], [text(b) for b in doc.bibliography]


@pytest.mark.slow
@pytest.mark.parametrize("style", ["chicago", "apa"])
def test_cached_and_partial_runs_equal_a_fresh_run(style):
    rng = random.Random(5)
    sources = library()
    ids = sorted(sources)
    requests = [CiteRequest(rng.choice(ids[:5]), str(rng.randint(1, 4))) for _ in range(14)]
    processor = processor_for(style)
    clear_caches()
    processor.process(sources, requests)
    for step in range(6):
        edited = list(requests)
        i = rng.randrange(len(edited))
        if step % 3 == 0:  # move an excerpt to another paragraph
            edited[i] = CiteRequest(edited[i].source_id, str(rng.randint(5, 9)))
        elif step % 3 == 1:  # cite another source (a look-alike: same surname, same year)
            edited[i] = CiteRequest(rng.choice(ids), edited[i].locator)
        else:  # delete one
            del edited[i]
        cached = plain(processor.process(sources, edited))
        assert processor.last.formatted < len(edited) or step == 0 or processor.last.bibliography_formatted
        clear_caches()
        fresh = plain(processor.process(sources, edited))
        assert cached == fresh, (style, step)
        requests = edited
    again = processor.process(sources, requests)
    assert processor.last.pandoc_calls == 0 and plain(again) == fresh


def test_a_new_process_reuses_the_saved_citations():
    from briefing.citation.processor import forget_loaded_caches

    sources = library()
    requests = [CiteRequest("s1", "2"), CiteRequest("s2", "3"), CiteRequest("s1", "4")]
    clear_caches()
    first = processor_for("chicago")
    expected = plain(first.process(sources, requests))
    assert first.last.pandoc_calls == 1
    forget_loaded_caches()  # as `briefing-book build` run again starts
    again = processor_for("chicago")
    assert plain(again.process(sources, requests)) == expected
    assert again.last.pandoc_calls == 0
