"""Export time grows linearly with a long note or title, every character of it still reaches the
PDF in order, and a long export reports progress on the command line."""

from __future__ import annotations

import io
import re
import time

from pypdf import PdfReader

from benchmarks.bench_robustness import long_text  # the same pasted-report text the benchmark times
from briefing.cli.main import main
from briefing.library import Library
from briefing.model import Briefing, BriefingMeta, Section, storage
from briefing.model.briefing import Note
from briefing.writers import export


def _pdf(briefing: Briefing) -> bytes:
    return export(briefing, Library(), None, format="pdf", deterministic=True).data


def _note_briefing(text: str, title: str = "Long") -> Briefing:
    return Briefing(meta=BriefingMeta(title=title), sections=[Section(title="S", items=[Note(text=text)])])


def _seconds(briefing: Briefing) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        _pdf(briefing)
        best = min(best, time.perf_counter() - start)
    return best


def test_a_long_note_exports_in_time_linear_in_its_length():
    _pdf(_note_briefing("warm up"))
    small = _seconds(_note_briefing(long_text(50_000)))
    large = _seconds(_note_briefing(long_text(400_000)))
    assert large < 12 * small, (small, large)  # 8x is linear; reportlab alone took 40x (2 s -> 85 s)


RUNNING_TITLE = "Qzx"  # the running header on every page: no word of the text


def _body_lines(data: bytes) -> list[str]:
    """Every page's text lines without the running header and the "Page X of Y" footer."""
    lines = []
    for page in PdfReader(io.BytesIO(data)).pages:
        lines += [line for line in page.extract_text().splitlines()
                  if line.strip() != RUNNING_TITLE and not re.fullmatch(r"\s*Page \d+ of \d+\s*", line)]
    return lines


def test_every_word_of_a_long_note_reaches_the_pdf_in_order():
    text = long_text(60_000) + "\nA line the user typed.\nAnd another.\n" + long_text(20_000, seed=2)
    words = re.findall(r"\w+", text)
    found = re.findall(r"\w+", "\n".join(_body_lines(_pdf(_note_briefing(text, RUNNING_TITLE)))))
    start = found.index(words[0])
    assert found[start:start + len(words)] == words


def test_an_unbreakable_word_is_broken_into_lines_and_kept_whole():
    word = "".join(chr(ord("a") + i % 26) for i in range(30_000))
    body = "".join(_body_lines(_pdf(_note_briefing(f"Before. {word} After.", RUNNING_TITLE))))
    assert word in re.sub(r"\s", "", body)


def test_a_100_kb_title_with_no_spaces_exports_in_seconds():
    title = "".join(chr(ord("a") + i % 26) for i in range(100_000))
    start = time.perf_counter()
    data = _pdf(Briefing(meta=BriefingMeta(title=title), sections=[Section(title="S")]))
    assert time.perf_counter() - start < 15  # reportlab alone: 8.5 s per 100 KB and growing with its square
    cover = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert re.sub(r"\s", "", cover).find(title[:500]) >= 0


def test_a_long_export_reports_progress_on_stderr_when_it_is_not_a_terminal(tmp_path, capsys):
    path = tmp_path / "many.briefing.yaml"
    storage.save(Briefing(meta=BriefingMeta(title="Many"), sections=[
        Section(title=f"Section {i}", items=[Note(text=f"Note {i}.")]) for i in range(300)]), path)
    assert main(["build", str(path), "-o", str(tmp_path / "many.pdf")]) == 0
    percents = [int(m) for m in re.findall(r"^\s*(\d+)%", capsys.readouterr().err, re.MULTILINE)]
    assert len(percents) >= 5 and percents == sorted(percents) and percents[-1] == 100
