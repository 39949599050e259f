"""The Word writer, read back the way Word would: python-docx for styles and properties, the
package's own parts (word/footnotes.xml, header*.xml, footer*.xml) for notes and furniture.

Expected names are Word's built-in style names ("Title", "Heading 1", "Block Text",
"Footnote Text") and the OOXML field codes PAGE / NUMPAGES (ECMA-376 Part 1, 17.16)."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest

from briefing.writers.base import ExportCancelled
from briefing.writers.docx import write_docx
from tests.formats_support import HOSTILE, MARKING, NOTE_1, QUOTE_1, QUOTE_2, sample_document


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "briefing.docx"
    result = write_docx(sample_document(note_text=HOSTILE), None, path)
    assert result.path == path
    return path


def parts(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


def test_headings_title_and_quotes_use_word_styles(written):
    document = docx.Document(str(written))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]
    assert ("Title", "U.S.–Colombia security relations") in styled
    assert [t for s, t in styled if s == "Heading 1"] == ["Security assistance", "Migration", "Sources"]
    assert ("Heading 2", "Training") in styled
    quotes = [t for s, t in styled if s == "Block Text"]
    assert quotes == [QUOTE_1, QUOTE_2]


def test_notes_are_real_footnotes_not_repeated_as_endnotes(written):
    xml = parts(written)
    body = xml["word/document.xml"]
    assert body.count("<w:footnoteReference") == 2
    footnotes = xml["word/footnotes.xml"]
    assert "Blinken Visits Colombia" in footnotes and "para. 17." in footnotes
    # hostile note text is text, escaped, never markup
    assert "&lt;script&gt;alert" in footnotes and "<script>" not in footnotes
    texts = [p.text for p in docx.Document(str(written)).paragraphs]
    assert "Notes" not in texts  # the endnote list is not printed a second time
    assert not any(NOTE_1 in t for t in texts)


def test_marking_in_header_and_footer_and_page_fields(written):
    xml = parts(written)
    headers = [v for k, v in xml.items() if re.fullmatch(r"word/header\d+\.xml", k)]
    footers = [v for k, v in xml.items() if re.fullmatch(r"word/footer\d+\.xml", k)]
    assert headers and footers
    assert all(MARKING in h for h in headers)
    assert any(MARKING in f for f in footers)
    footer = "".join(footers)
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    document = docx.Document(str(written))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == MARKING
    assert [p.text for p in section.footer.paragraphs][0] == MARKING


def test_properties_page_size_and_editable(written):
    document = docx.Document(str(written))
    props = document.core_properties
    assert props.title == "U.S.–Colombia security relations"
    assert props.author == "Policy Planning"
    assert props.subject == "Background for the summit"
    section = document.sections[0]
    assert round(section.page_width.inches, 2) == 8.5 and round(section.page_height.inches, 2) == 11.0
    # editable text, not a picture of the PDF
    assert not any(n.startswith("word/media/") for n in zipfile.ZipFile(written).namelist())


def test_no_marking_means_empty_header_and_a4(tmp_path):
    result = write_docx(sample_document(marking="", page_size="a4"), None, None)
    document = docx.Document(io.BytesIO(result.data))
    assert "BRIEFINGMARKING" not in "".join(parts(io.BytesIO(result.data)).values())
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_cancel_writes_nothing(tmp_path):
    path = tmp_path / "x.docx"
    with pytest.raises(ExportCancelled):
        write_docx(sample_document(), None, path, cancel=lambda: True)
    assert not path.exists()


def test_hostile_and_control_characters_stay_text_and_the_file_opens():
    marking = '<w:t>x</w:t> ]]> & \x0b end'
    document = sample_document(marking=marking, note_text="note \x01 with a control character")
    data = write_docx(document, None, None).data
    opened = docx.Document(io.BytesIO(data))  # python-docx parses every part: the file is well-formed
    assert opened.sections[0].header.paragraphs[0].text == '<w:t>x</w:t> ]]> & \ufffd end'
    footnotes = re.sub(r"<[^>]+>", "", parts(io.BytesIO(data))["word/footnotes.xml"])
    assert "note \ufffd with a control character" in footnotes


def test_deterministic_word_files_are_byte_identical():
    import time

    first = write_docx(sample_document(), None, None, deterministic=True).data
    time.sleep(1.1)  # zip entries carry 2-second timestamps; the creation time has seconds
    assert write_docx(sample_document(), None, None, deterministic=True).data == first
