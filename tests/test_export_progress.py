"""A first export waits for pandoc to format every citation: the progress bar keeps moving with
word of it, Cancel stops pandoc, and a cancelled export writes no file and caches nothing."""

from __future__ import annotations

import pytest

from briefing.citation import waiting
from briefing.citation.processor import clear_caches
from briefing.writers import ExportCancelled, export
from briefing.writers.progress import CITATIONS_SHARE, COMPOSING, ExportProgress

from export_helpers import make_library, small_briefing


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return make_library(tmp_path_factory.mktemp("lib"))


@pytest.fixture
def fast_polling(monkeypatch):
    monkeypatch.setattr(waiting, "POLL_S", 0.01)  # word of pandoc every 10 ms: a small briefing polls too


def test_progress_moves_while_citations_are_formatted(lib, tmp_path, fast_polling):
    clear_caches()
    seen: list[tuple[float, str]] = []
    out = tmp_path / "first.pdf"
    export(small_briefing(lib), lib, out, progress=lambda f, m="": seen.append((f, m)))
    citing = [(f, m) for f, m in seen if m.startswith("Formatting")]
    assert len(citing) >= 2, seen  # pandoc took more than a few polls
    assert all(0 < f < CITATIONS_SHARE for f, _ in citing)
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0  # never back, ends full
    assert out.exists()


def test_no_pandoc_no_citation_stage(lib, tmp_path, fast_polling):
    export(small_briefing(lib), lib, tmp_path / "warm.pdf")  # citations cached
    seen: list[str] = []
    export(small_briefing(lib), lib, tmp_path / "again.pdf", progress=lambda f, m="": seen.append(m))
    assert seen and not any(m.startswith("Formatting") for m in seen)


def test_cancel_while_pandoc_runs_stops_it_and_keeps_nothing(lib, tmp_path, fast_polling, monkeypatch):
    from briefing.citation import processor as csl

    calls: list[int] = []
    render = csl.render
    monkeypatch.setattr(csl, "render", lambda *a, **k: (calls.append(1), render(*a, **k))[1])
    clear_caches()
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 1  # the second look, while pandoc runs

    out = tmp_path / "cancelled.pdf"
    with pytest.raises(ExportCancelled):
        export(small_briefing(lib), lib, out, cancel=cancel)
    assert calls == [1] and not out.exists()
    export(small_briefing(lib), lib, tmp_path / "after.pdf")
    assert calls == [1, 1]  # nothing of the stopped call was cached: pandoc runs again


def test_the_writer_fills_the_rest_of_the_bar():
    seen: list[float] = []
    stages = ExportProgress(lambda f, m="": seen.append(f), None)
    stages.citing(0.5, 100)
    base = seen[-1]
    stages.writing(0.0)
    stages.writing(0.5)
    stages.writing(1.0)
    assert 0 < base < CITATIONS_SHARE and seen[-3:] == [base, base + (1 - base) / 2, 1.0]


def test_building_the_story_moves_the_bar_before_the_first_page(lib, tmp_path):
    from briefing.writers.pdf.page_templates import STORY_SHARE

    export(small_briefing(lib), lib, tmp_path / "warm.pdf")  # citations cached: no pandoc stage
    seen: list[tuple[float, str]] = []
    export(small_briefing(lib), lib, tmp_path / "story.pdf", progress=lambda f, m="": seen.append((f, m)))
    assert seen[0] == (COMPOSING, "Composing the document")  # at once, before any work
    preparing = [f for f, m in seen if m == "Preparing the document"]
    assert len(set(preparing)) >= 3  # part by part
    assert max(preparing) == pytest.approx(COMPOSING + (1 - COMPOSING) * STORY_SHARE)
    laid_out = [f for f, m in seen if m.startswith("Laid out") or m.startswith("Laying out")]
    assert laid_out and min(laid_out) >= max(preparing)
