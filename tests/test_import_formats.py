"""Each format imports to the paragraphs, headings and metadata a reader sees in the document."""

from __future__ import annotations

import pytest

from briefing.importing import ExtractWorker, save_extract
from briefing.library import Library

from import_fixtures import (CP1252_TEXT, EXPECTED_CP1252_BODY, EXPECTED_DOCX_BODY, EXPECTED_DOCX_FOOTNOTE,
                             EXPECTED_DOCX_HEADINGS, EXPECTED_DOCX_LIST, EXPECTED_HTML_BODY, EXPECTED_HTML_CAPTION,
                             EXPECTED_PDF_BODY, HTML_PAGE, PDF_HEADER, write_docx, write_pdf)


@pytest.fixture(scope="module")
def worker():
    with ExtractWorker() as w:
        yield w


@pytest.fixture
def lib(tmp_path):
    return Library.load(roots=[(tmp_path / "userlib", "user")], cache_path=False)


def body(source):
    return [t for n, t in enumerate(source.paragraphs(), 1) if source.is_body(n)]


def headings(source):
    return [t for n, t in enumerate(source.paragraphs(), 1) if source.is_heading(n)]


def test_html_page_keeps_the_article_and_drops_navigation_and_share_buttons(worker, lib, tmp_path):
    path = tmp_path / "border-talks.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    extract = worker.extract(path)
    summary = extract.summary()
    assert summary["paragraphs"] == EXPECTED_HTML_BODY
    assert summary["headings"] == ["What is on the table"]
    assert summary["captions"] == [EXPECTED_HTML_CAPTION]
    for chrome in ("Skip to content", "Share", "Subscribe", "© 2024 The Daily Ledger. All rights reserved."):
        assert not any(chrome in p for p in summary["paragraphs"])
        assert any(chrome in d for d in summary["dropped"])
    assert summary["title"] == "Border talks resume after a year"
    assert summary["authors"] == ["Ana Gómez"]
    assert summary["date"] == "2024-03-05"
    assert summary["site"] == "The Daily Ledger"
    assert summary["url"] == "https://ledger.example.com/2024/03/border-talks"
    assert summary["language"] == "en"
    assert {extract.meta[k].status for k in ("title", "authors", "date", "site", "url", "language")} == {"found"}

    source = save_extract(lib, extract, path)
    again = Library.load(roots=lib.roots, cache_path=False).source(source.id)
    assert body(again) == [p for p in EXPECTED_HTML_BODY if p != "What is on the table"]
    assert headings(again) == ["What is on the table"]
    assert again.captions == [EXPECTED_HTML_CAPTION]
    assert again.body_number(3) == 2  # the heading is not counted as a paragraph
    assert again.title == "Border talks resume after a year" and "title" not in again.inferred
    assert again.date == "2024-03-05" and again.url.startswith("https://ledger.example.com/")
    assert (again.meta_path.parent / again.seed_file).read_bytes() == path.read_bytes()


def test_two_page_pdf_rebuilds_paragraphs_joins_hyphens_drops_header_and_page_numbers(worker, lib, tmp_path):
    path = write_pdf(tmp_path / "review.pdf")
    extract = worker.extract(path)
    kept = [(b.text, b.page) for b in extract.kept()]
    assert kept == EXPECTED_PDF_BODY
    dropped = [b.text for b in extract.dropped()]
    assert dropped.count(PDF_HEADER) == 2 and "1" in dropped and "2" in dropped
    assert extract.value("title") == "Annual Security Review" and extract.meta["title"].status == "found"
    assert extract.value("authors") == ["Ministry of Defence"]
    assert extract.meta["date"].status == "inferred"  # the file's creation date, marked as such

    source = save_extract(lib, extract, path)
    again = Library.load(roots=lib.roots, cache_path=False).source(source.id)
    assert headings(again) == ["Outlook"]
    assert [again.page_of(n) for n in range(1, len(again.paragraphs()) + 1)] == [1, 1, 2, 2]
    assert "date" in again.inferred


def test_encrypted_pdf_gives_a_clear_message(worker, tmp_path):
    path = write_pdf(tmp_path / "secret.pdf", encrypt="hunter2")
    with pytest.raises(Exception) as info:
        worker.extract(path)
    assert "secret.pdf" in str(info.value) and "encrypted" in str(info.value)


def test_docx_keeps_headings_lists_and_footnotes_apart(worker, lib, tmp_path):
    pytest.importorskip("pypandoc")
    path = write_docx(tmp_path / "memo.docx")
    extract = worker.extract(path)
    summary = extract.summary()
    assert summary["headings"] == EXPECTED_DOCX_HEADINGS
    assert [b.text for b in extract.kept("body")] == EXPECTED_DOCX_BODY
    assert [b.text for b in extract.kept("list")] == [EXPECTED_DOCX_LIST]
    assert summary["footnotes"] == [EXPECTED_DOCX_FOOTNOTE]
    assert summary["title"] == "Memo on extradition requests" and extract.meta["title"].status == "found"
    assert summary["authors"] == ["Office of the Legal Adviser"]

    source = save_extract(lib, extract, path)
    again = Library.load(roots=lib.roots, cache_path=False).source(source.id)
    assert headings(again) == EXPECTED_DOCX_HEADINGS
    # the footnote after the body, marked as one: neither a body paragraph ("para." counts) nor a passage
    assert body(again) == [EXPECTED_DOCX_BODY[0], EXPECTED_DOCX_BODY[1], EXPECTED_DOCX_LIST]
    blocks = again.paragraphs()
    assert blocks[-1] == EXPECTED_DOCX_FOOTNOTE and again.is_footnote(len(blocks))
    assert again.body_number(len(blocks)) is None
    assert again.text_path.read_text("utf-8").rstrip().endswith(f"[^1]: {EXPECTED_DOCX_FOOTNOTE}")


def test_docx_footnote_is_not_offered_by_search(worker, lib, tmp_path):
    pytest.importorskip("pypandoc")
    from briefing.analysis.passages import library_passages
    from briefing.search import SearchIndex

    path = write_docx(tmp_path / "memo.docx")
    source = save_extract(lib, worker.extract(path), path)
    library = Library.load(roots=lib.roots, cache_path=False)
    index = SearchIndex.open(tmp_path / "index.sqlite3")
    index.update(library)
    words = EXPECTED_DOCX_FOOTNOTE.split()[:4]
    hits = [p for p in index.search(" ".join(words)) if p.source_id == source.id]
    assert all(p.text != EXPECTED_DOCX_FOOTNOTE for p in hits)
    assert EXPECTED_DOCX_FOOTNOTE not in [p.text for p in library_passages(library, [source.id])]
    index.close()


def test_cp1252_text_file_is_read_in_its_encoding(worker, lib, tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_bytes(CP1252_TEXT.encode("cp1252"))
    extract = worker.extract(path)
    assert extract.value("title") == "Café society" and extract.meta["title"].status == "inferred"
    assert [b.text for b in extract.kept()] == EXPECTED_CP1252_BODY
    source = save_extract(lib, extract, path)
    assert body(source) == EXPECTED_CP1252_BODY
    assert "1252" in source.notes


@pytest.mark.parametrize("encoding, text", [
    ("big5", "立法院今天三讀通過引渡條例修正草案，行政院表示將盡速公布施行，並與相關國家展開司法互助協商。" * 4),
    ("euc_jp", "政府は本日、犯罪人引渡条約の改正案を閣議決定し、国会に提出する方針を明らかにした。関係各国との協議も進める。" * 4),
    ("cp949", "정부는 오늘 범죄인 인도 조약 개정안을 국무회의에서 의결하고 국회에 제출하기로 했다. 관계 국가와의 협의도 진행한다." * 4),
    ("shift_jis", "外務省は本日、両国間の安全保障協力に関する共同声明を発表し、国境警備の強化で合意したと明らかにした。" * 4),
])
def test_east_asian_encodings_are_read_not_called_windows_1252(worker, tmp_path, encoding, text):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    extract = worker.extract(path)
    assert [b.text for b in extract.blocks] == [text]
