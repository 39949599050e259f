"""Topics, library and reader panes, driven as a user would (pytest-qt, offscreen)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from briefing.gui.document import DocumentController
from briefing.gui.library_pane import LibraryPane
from briefing.gui.passages import HtmlRole, highlight_html
from briefing.gui.reader_pane import EXCERPT_MIME, ReaderPane
from briefing.gui.source_details import SourceDetailsDialog
from briefing.gui.topics_pane import TopicsPane
from briefing.gui.worker import run_in_background
from briefing.library.importer import import_file

from import_support import accept_reviews
from mainwindow_support import assert_whole_words, load_library, topic_with_suggestions


@pytest.fixture
def controller(library):
    c = DocumentController(library)
    yield c
    c.close_cleanly()


def _show(qtbot, widget, w=700, h=600):
    qtbot.addWidget(widget)
    widget.resize(w, h)
    widget.show()
    return widget


# -- topics -------------------------------------------------------------------------------------
def test_topics_show_counts_and_selection_shows_highlighted_suggestions(qtbot, library, index, controller):
    pane = _show(qtbot, TopicsPane(library, index, controller))
    pane.refresh_counts()
    topic = topic_with_suggestions(library, index)
    expected = index.count_suggestions(topic)
    qtbot.waitUntil(lambda: pane.model.counts.get(topic.id) == expected)
    row = pane.model.row_of(topic.id)
    assert f"({expected})" in pane.model.data(pane.model.index(row))

    with qtbot.waitSignal(pane.suggestions_changed, timeout=5000):
        assert pane.select_topic(topic.id)
    assert pane.passages.rowCount() == len(index.suggest(topic, limit=30)) > 0
    first = pane.passages.index(0)
    html = pane.passages.data(first, HtmlRole)
    assert "<b>" in html  # the matched terms are marked
    source = library.source(pane.passages.passage(0).source_id)
    assert source.label.split()[0] in pane.passages.data(first)  # the source label is shown


def test_add_suggestion_by_button_and_enter_goes_to_the_topic_section(qtbot, library, index, controller):
    pane = _show(qtbot, TopicsPane(library, index, controller))
    topic = topic_with_suggestions(library, index)
    with qtbot.waitSignal(pane.suggestions_changed, timeout=5000):
        pane.select_topic(topic.id)
    passage = pane.selected_passage()
    assert passage is not None and pane.add_button.isEnabled()
    qtbot.mouseClick(pane.add_button, Qt.MouseButton.LeftButton)
    section = controller.briefing.section_for_topic(topic.id)
    assert section is not None and section.title == topic.title
    excerpt = section.excerpts()[0]
    paragraph = library.source(passage.source_id).paragraphs()[passage.paragraph - 1]
    assert (excerpt.source_id, excerpt.paragraph) == (passage.source_id, passage.paragraph)
    assert excerpt.text == paragraph.strip()

    if pane.passages.rowCount() > 1:
        pane.suggestion_view.setCurrentIndex(pane.passages.index(1))
        pane.suggestion_view.setFocus()
        qtbot.keyClick(pane.suggestion_view, Qt.Key.Key_Return)
        assert len(controller.briefing.section_for_topic(topic.id).excerpts()) == 2
    assert controller.is_dirty()


# -- library -----------------------------------------------------------------------------------
def test_filter_box_filters_the_sources_table(qtbot, library, index):
    pane = _show(qtbot, LibraryPane(library, index))
    total = pane.proxy.rowCount()
    assert total == len(library.sources) > 1
    target = library.sorted_sources()[0]
    word = max(target.label.split(), key=len)
    qtbot.keyClicks(pane.filter_edit, word)
    shown = [pane.proxy.index(r, 0).data() for r in range(pane.proxy.rowCount())]
    assert 1 <= len(shown) < total
    assert all(word.casefold() in " ".join(
        str(pane.proxy.index(r, c).data()) for c in range(4)).casefold() for r in range(len(shown)))
    pane.filter_edit.clear()
    assert pane.proxy.rowCount() == total
    qtbot.keyClicks(pane.filter_edit, "zzqx-no-such-source")
    assert pane.proxy.rowCount() == 0


def test_choosing_a_source_row_emits_its_id(qtbot, library, index):
    pane = _show(qtbot, LibraryPane(library, index))
    source = library.sorted_sources()[-1]
    with qtbot.waitSignal(pane.source_chosen) as blocker:
        assert pane.select_source(source.id)
    assert blocker.args == [source.id]


def test_search_lists_hits_with_highlighted_terms(qtbot, library, index):
    pane = _show(qtbot, LibraryPane(library, index))
    word = "extradition" if index.search("extradition") else library.sorted_sources()[0].paragraphs()[0].split()[0]
    pane.search_edit.setText(word)
    with qtbot.waitSignal(pane.search_results_changed, timeout=5000):
        qtbot.keyClick(pane.search_edit, Qt.Key.Key_Return)
    assert pane.results.rowCount() > 0
    html = pane.results.data(pane.results.index(0), HtmlRole)
    marked = html.split("<b><span>")[1].split("</span></b>")[0]
    assert marked.casefold() == word.casefold()
    assert "passage" in pane.results_label.text()


def test_highlight_html_escapes_source_text():
    text = "<img src='file:///etc/passwd'> & x"
    html = highlight_html(text, [(len(text) - 1, len(text))])
    assert "<img" not in html and "&lt;img" in html and "&amp;" in html
    assert html.endswith("<b><span>x</span></b>")


def test_dropping_a_text_file_imports_it(qtbot, library, index, tmp_path):
    pane = _show(qtbot, LibraryPane(library, index))
    f = tmp_path / "Field notes.md"
    f.write_text("# Field notes on extradition\n\nA zebrafinch paragraph.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)), QUrl.fromLocalFile(str(bad))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    try:
        enter = QDragEnterEvent(QPointF(20, 20), *args)  # PySide6 >= 6.12
    except TypeError:
        enter = QDragEnterEvent(QPoint(20, 20), *args)
    pane.dragEnterEvent(enter)
    assert enter.isAccepted()
    # QApplication only routes drop events during a real drag, so call the handler as Qt would.
    with qtbot.waitSignal(pane.library_changed, timeout=20000), \
            qtbot.waitSignal(pane.import_failed, timeout=20000) as failed:
        pane.dropEvent(event)
        accept_reviews(qtbot)
    assert event.isAccepted()
    assert "bad.txt" in failed.args[0]
    assert "field-notes" in library.sources
    assert library.sources["field-notes"].title == "Field notes on extradition"
    assert pane.current_source().id == "field-notes"  # shown and selected in the table
    assert pane.proxy.rowCount() == len(library.sources)


# -- reader --------------------------------------------------------------------------------------
def test_reader_selection_and_ctrl_e_make_exact_excerpts(qtbot, library, controller, monkeypatch):
    monkeypatch.setattr("briefing.gui.duplicates.ask_add_again", lambda *_a: True)  # ¶2 is quoted twice
    reader = _show(qtbot, ReaderPane(library, controller))
    source = library.sorted_sources()[0]
    reader.show_source(source.id)
    for n, text in enumerate(source.paragraphs(), start=1):
        assert reader.paragraph_block_text(n) == text
    paragraphs = source.paragraphs()
    reader.select_span(2, 3, 30)
    assert reader.selection_spans() == [(2, 3, 30)]
    added = reader.add_selection()
    [excerpt] = added
    assert excerpt.text == paragraphs[1][excerpt.start:excerpt.end]
    assert_whole_words(paragraphs[1], excerpt.start, excerpt.end, paragraphs[1][3:30])
    assert controller.briefing.all_excerpts()[-1].text == excerpt.text

    # across a paragraph break: one excerpt per paragraph, none joining text across the break
    reader.select_span(1, 10, 12, end_paragraph=2)
    added = reader.add_selection()
    assert [e.paragraph for e in added] == [1, 2]
    assert added[0].end == len(paragraphs[0]) and added[1].start == 0
    assert_whole_words(paragraphs[0], added[0].start, added[0].end, paragraphs[0][10:])
    assert_whole_words(paragraphs[1], added[1].start, added[1].end, paragraphs[1][:12])


def test_reader_maps_selection_after_astral_characters_and_line_breaks(qtbot, library, controller, tmp_path):
    f = tmp_path / "emoji.txt"
    f.write_text("Title line\n\nFlags 🇨🇴 and 😀 then\nthe quoted words here.\n", encoding="utf-8")
    source = import_file(library, f)  # "Title line" stands alone: it becomes the title, not a paragraph
    reader = _show(qtbot, ReaderPane(library, controller))
    reader.show_source(source.id)
    text = source.paragraphs()[0]
    start = text.index("the quoted")
    reader.select_span(1, start, start + len("the quoted words"))
    assert reader.view.textCursor().selectedText() == "the quoted words"
    [excerpt] = reader.add_selection()
    assert excerpt.text == "the quoted words" and excerpt.start == start


def test_reader_drag_carries_excerpt_json(qtbot, library, controller):
    reader = _show(qtbot, ReaderPane(library, controller))
    source = library.sorted_sources()[0]
    reader.show_source(source.id)
    reader.select_span(1, 0, 15)
    mime = reader.view.createMimeDataFromSelection()
    payload = json.loads(bytes(mime.data(EXCERPT_MIME)).decode("utf-8"))
    assert payload == {"source_id": source.id, "paragraph": 1, "start": 0, "end": 15}
    assert mime.text() == source.paragraphs()[0][:15]


def test_reader_escapes_metadata_and_loads_no_resources(qtbot, library, controller, tmp_path):
    f = tmp_path / "evil.md"
    f.write_text("# <img src='file:///etc/passwd'> <b>bold</b>\n\n<a href='http://x'>link</a> text\n", encoding="utf-8")
    source = import_file(library, f)
    reader = _show(qtbot, ReaderPane(library, controller))
    reader.show_source(source.id)
    plain = reader.view.toPlainText()
    assert "<img src='file:///etc/passwd'> <b>bold</b>" in plain
    assert "<a href='http://x'>link</a> text" in plain
    block = reader.view.document().begin()
    while block.isValid():  # no image was created from source text
        it = block.begin()
        while not it.atEnd():
            assert not it.fragment().charFormat().isImageFormat()
            it += 1
        block = block.next()
    assert reader.view.loadResource(2, QUrl("file:///etc/passwd")) is None
    assert not reader.view.openLinks() and not reader.view.openExternalLinks()


def test_reader_highlights_topic_passages(qtbot, library, index, controller):
    reader = _show(qtbot, ReaderPane(library, controller))
    topic = topic_with_suggestions(library, index)
    passage = index.suggest(topic)[0]
    reader.show_source(passage.source_id, passage.paragraph)
    reader.set_passages([passage])
    block = reader.paragraph_block(passage.paragraph)
    assert block.blockFormat().hasProperty(0x820)  # BackgroundBrush: the paragraph is marked
    start, end = passage.highlights[0]
    it = block.begin()
    marked = []
    while not it.atEnd():
        frag = it.fragment()
        if frag.charFormat().hasProperty(0x820):
            marked.append(frag.text())
        it += 1
    assert passage.text[start:end] in "".join(marked)


# -- source details ------------------------------------------------------------------------------
def test_source_details_correction_is_saved_and_invalid_date_refused(qtbot, library):
    source = library.sorted_sources()[0]
    dialog = SourceDetailsDialog(library, source)
    qtbot.addWidget(dialog)
    dialog.edits["date"].setText("2012-13-40")
    assert dialog.save() is False
    assert "date" in dialog.error.text()
    assert library.sources[source.id] is source  # nothing written
    dialog.edits["date"].setText("2012-04")
    dialog.edits["publisher"].setText("Corrected Publisher")
    dialog.inferred["publisher"].setChecked(False)
    assert dialog.save() is True
    saved = library.sources[source.id]
    assert saved.publisher == "Corrected Publisher" and not saved.is_inferred("publisher")
    assert saved.date == "2012-04" and saved.date_precision == "month"
    assert saved.paragraphs() == source.paragraphs()
    again = load_library()
    assert again.source(source.id).publisher == "Corrected Publisher"


# -- worker --------------------------------------------------------------------------------------
def test_run_in_background_reports_result_progress_and_errors(qtbot):
    seen = []
    done = []
    run_in_background(lambda progress: [progress(i, 3) for i in range(3)] and "ok",
                      on_done=done.append, on_progress=lambda a, b: seen.append((a, b)))
    qtbot.waitUntil(lambda: done == ["ok"])
    # progress is polled (newest value only), and the last report arrives before the result
    assert seen and seen[-1] == (2, 3) and seen == sorted(seen)
    flood, finished = [], []
    run_in_background(lambda progress: [progress(i) for i in range(200_000)] and "ok",
                      on_done=finished.append, on_progress=flood.append)
    qtbot.waitUntil(lambda: finished == ["ok"], timeout=10000)
    assert flood[-1] == 199_999 and len(flood) < 100  # coalesced, not one GUI callback per report
    errors = []
    run_in_background(lambda: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0], ZeroDivisionError)


def test_reader_moves_focus_without_rebuilding_and_renders_long_sources_fast(qtbot, library, controller, tmp_path):
    import time

    f = tmp_path / "long.txt"
    f.write_text("Long\n\n" + "\n\n".join(f"Paragraph {i} " + "words " * 40 for i in range(300)), encoding="utf-8")
    source = import_file(library, f)
    reader = _show(qtbot, ReaderPane(library, controller))
    started = time.perf_counter()
    reader.show_source(source.id, 10)
    assert time.perf_counter() - started < 2.5  # one layout pass, not one per paragraph
    first_block = reader.paragraph_block(10)
    reader.show_source(source.id, 200)
    assert reader.paragraph_block(10) == first_block  # same document, not rebuilt
    old, new = (reader.paragraph_block(n) for n in (10, 200))
    assert not old.blockFormat().hasProperty(0x820) and new.blockFormat().hasProperty(0x820)
    assert new.textList() is not None and old.textList() is new.textList()  # numbering kept
    assert reader.paragraph_block_text(200) == source.paragraphs()[199]
