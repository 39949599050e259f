"""Import through the main window: File ▸ Import, drag and drop, Edit ▸ Paste as Source, the review
dialog (keep/drop lines, metadata marks), Accept all, duplicates and Cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from briefing import paths
from briefing.library import Library

from import_fixtures import EXPECTED_HTML_CAPTION, HTML_PAGE, write_pdf
from import_support import accept_reviews, click, review_dialog
from mainwindow_support import make_window


@pytest.fixture
def window(qtbot, library, index):
    return make_window(qtbot, library, index)


def menu_action(window, menu_title: str, text: str):
    for menu_action_ in window.menuBar().actions():
        if menu_action_.text().replace("&", "") == menu_title:
            for action in menu_action_.menu().actions():
                if action.text().replace("&", "").rstrip("…") == text:
                    return action
    raise AssertionError(f"no {menu_title} ▸ {text}")


def saved_user_sources() -> Library:
    return Library.load(roots=[(paths.user_library_dir(), "user")], cache_path=False)


def test_file_import_reviews_each_file_and_saves_the_choices(qtbot, window, library, index, tmp_path, monkeypatch):
    page = tmp_path / "border-talks.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    pdf = write_pdf(tmp_path / "review.pdf")
    asked = {}

    def fake_dialog(parent, caption, folder, filters):
        asked["filters"] = filters
        return [str(page), str(pdf)], filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_dialog))
    menu_action(window, "File", "Import").trigger()
    for pattern in ("*.html", "*.htm", "*.pdf", "*.docx", "*.md", "*.txt"):
        assert pattern in asked["filters"]

    dialog = review_dialog(qtbot)
    assert dialog.edits["site"].text() == "The Daily Ledger"
    assert dialog.status_labels["site"].text() == "found in the file"
    assert dialog.status_labels["publisher"].text() == "empty"
    assert dialog.status_labels["kind"].text().startswith("inferred")
    rows = [dialog.blocks.topLevelItem(i) for i in range(dialog.blocks.topLevelItemCount())]
    texts = [r.text(3) for r in rows]
    byline = texts.index("By Ana Gómez · March 5, 2024")
    assert rows[byline].checkState(0) == Qt.CheckState.Unchecked and rows[byline].font(3).strikeOut()
    kept = texts.index(next(t for t in texts if t.startswith("Negotiators")))
    assert rows[kept].checkState(0) == Qt.CheckState.Checked and not rows[kept].font(3).strikeOut()
    # keep the dropped byline, drop the last paragraph, correct the title
    dialog.set_kept(byline, True)
    assert not rows[byline].font(3).strikeOut()
    last = texts.index(next(t for t in texts if t.startswith("The talks are expected")))
    dialog.set_kept(last, False)
    assert rows[last].font(3).strikeOut()
    dialog.edits["title"].clear()
    qtbot.keyClicks(dialog.edits["title"], "Border talks resume")
    assert dialog.status_labels["title"].text() == "entered by you"
    click(qtbot, dialog.import_button)
    accept_reviews(qtbot)  # the PDF, as proposed

    qtbot.waitUntil(lambda: "border-talks" in library.sources and "review" in library.sources, timeout=10000)
    saved = saved_user_sources()
    html_source = saved.source("border-talks")
    assert html_source.title == "Border talks resume" and "title" not in html_source.inferred
    assert "By Ana Gómez · March 5, 2024" in html_source.paragraphs()
    assert not any(p.startswith("The talks are expected") for p in html_source.paragraphs())
    assert html_source.captions == [EXPECTED_HTML_CAPTION]
    assert saved.source("review").page_of(1) == 1
    # searchable at once
    qtbot.waitUntil(lambda: any(p.source_id == "review" for p in index.search("programme")), timeout=10000)


def test_accept_all_imports_the_rest_of_a_batch(qtbot, window, library, tmp_path):
    files = []
    for i, word in enumerate(["alphaword", "betaword", "gammaword"]):
        f = tmp_path / f"note{i}.md"
        f.write_text(f"# Note {i}\n\nThe {word} appears in note {i} about the border.\n", encoding="utf-8")
        files.append(str(f))
    window.import_files(files)
    dialog = review_dialog(qtbot)
    assert dialog.accept_all_button is not None
    click(qtbot, dialog.accept_all_button)
    qtbot.waitUntil(lambda: {"note0", "note1", "note2"} <= set(library.sources), timeout=10000)
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "importReviewDialog" and w.isVisible()]


def test_dropping_a_pdf_on_the_library_imports_it(qtbot, window, library, tmp_path):
    pdf = write_pdf(tmp_path / "dropped.pdf")
    window.show_library()
    pane = window.library_pane
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(pane.library_changed, timeout=20000):
        pane.dropEvent(event)  # QApplication routes drops only during a real drag: call it as Qt would
        accept_reviews(qtbot)
    assert event.isAccepted()
    assert library.source("dropped").title == "Annual Security Review"


def test_paste_as_source_makes_a_reviewed_source_of_the_clipboard(qtbot, window, library):
    QApplication.clipboard().setText("Skip to content\n\nPasted findings\n\n"
                                     "The pastedword survey found coca cultivation fell.\n\nShare\n")
    menu_action(window, "Edit", "Paste as Source").trigger()
    dialog = review_dialog(qtbot)
    dropped = [dialog.blocks.topLevelItem(i).text(3) for i in range(dialog.blocks.topLevelItemCount())
               if dialog.blocks.topLevelItem(i).checkState(0) == Qt.CheckState.Unchecked]
    assert "Skip to content" in dropped and "Share" in dropped
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: any(s.origin == "user" for s in library.sources.values()), timeout=10000)
    source = next(s for s in library.sources.values() if s.origin == "user")
    assert source.paragraphs() == ["The pastedword survey found coca cultivation fell."]


def test_the_same_file_twice_asks_before_importing(qtbot, window, library, tmp_path):
    f = tmp_path / "memo.md"
    f.write_text("# Memo\n\nThe embassy reopens on Monday after the repairs.\n", encoding="utf-8")
    window.import_files([str(f)])
    accept_reviews(qtbot)
    qtbot.waitUntil(lambda: "memo" in library.sources, timeout=10000)
    window.import_files([str(f)])
    dialog = review_dialog(qtbot)
    assert dialog.duplicate_label.isVisible() and "memo" in dialog.duplicate_label.text()
    assert dialog.import_button.text() == "Import anyway"
    click(qtbot, dialog.skip_button)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert [s for s in library.sources if s.startswith("memo")] == ["memo"]


def test_cancel_stops_a_batch(qtbot, window, library, tmp_path):
    files = []
    for i in range(40):
        f = tmp_path / f"page{i}.html"
        f.write_text(HTML_PAGE.replace("Border talks", f"Border talks {i}"), encoding="utf-8")
        files.append(str(f))
    flow = window.library_pane.import_flow
    window.import_files(files)
    qtbot.waitUntil(lambda: flow.progress is not None and flow.progress.isVisible(), timeout=5000)
    click(qtbot, flow.progress.findChild(QPushButton))  # the progress dialog's Cancel
    qtbot.waitUntil(lambda: not flow.busy or flow.review is not None, timeout=15000)
    reviewed = 0
    while flow.review is not None:
        dialog = flow.review
        click(qtbot, dialog.skip_button)
        reviewed += 1
        qtbot.waitUntil(lambda: flow.review is not dialog, timeout=5000)
    assert reviewed < len(files)
    assert not any(s.startswith("page") for s in library.sources)
