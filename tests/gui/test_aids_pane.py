"""The Briefing Aids dock, driven through the main window: excerpts added from the reader show up
as figures, dates, a conflict and a balance warning; clicking an entry opens its sentence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mainwindow_support import DISCARD, make_window, settle

EMBASSY = "colombia-us-security-partnership"
INSIGHT = "insight-crime-2012-colombia-security-model"


@pytest.fixture
def window(qtbot, library, index):
    w = make_window(qtbot, library, index)
    yield w
    w.ask_unsaved = lambda: DISCARD
    settle()


def add_paragraph(qtbot, window, library, source_id, paragraph):
    """Select a whole paragraph in the reader and press Ctrl+E, as a user does."""
    window.library_pane.select_source(source_id)
    window.reader.select_span(paragraph, 0, len(library.sources[source_id].paragraphs()[paragraph - 1]))
    window.reader.view.setFocus()
    qtbot.keyClick(window.reader.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)


def wait_refreshed(qtbot, pane):
    qtbot.waitUntil(lambda: not pane.is_refreshing(), timeout=5000)


def column_texts(model, column):
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_view_menu_shows_the_aids_and_they_follow_the_briefing(qtbot, window, library):
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    show = next(a for a in view_menu.actions() if a.text() == "Briefing &Aids")
    show.trigger()
    pane = window.aids
    assert window.aids_dock.isVisible() and pane.isVisible()
    wait_refreshed(qtbot, pane)
    assert pane.notes["figures"].text().startswith("The briefing has no excerpts yet")

    add_paragraph(qtbot, window, library, EMBASSY, 4)  # "Kidnappings have gone down 90 percent … in 2002."
    add_paragraph(qtbot, window, library, EMBASSY, 2)  # "In 2000, … Plan Colombia was launched."
    wait_refreshed(qtbot, pane)
    figures = column_texts(pane.models["figures"], 0)
    assert "gone down 90 percent" in figures and "declined by 69 percent" in figures
    assert "U.S.-Colombia Security Partnership, para. 4" in column_texts(pane.models["figures"], 2)
    assert column_texts(pane.models["timeline"], 0) == ["2000", "2002"]
    assert column_texts(pane.models["timeline"], 1) == ["year", "year"]
    # one section, one source: the balance warns
    assert column_texts(pane.models["balance"], 4) == [
        f"Rests on a single source: \u201cU.S.-Colombia Security Partnership\u201d ({EMBASSY})."]
    assert pane.models["conflicts"].rowCount() == 0
    assert pane.notes["conflicts"].text().startswith("No conflicting")

    add_paragraph(qtbot, window, library, INSIGHT, 5)  # "… Plan Colombia since its inception in 1999."
    wait_refreshed(qtbot, pane)
    conflicts = pane.models["conflicts"]
    assert column_texts(conflicts, 0) == ["Plan Colombia (start date)"]
    assert [pane.tabs.tabText(i) for i in range(3)] == ["Key figures (3)", "Timeline (3)", "Conflicts (1)"]
    sides = column_texts(conflicts, 1) + column_texts(conflicts, 2)
    assert any(s.startswith("2000 \u2014 U.S.-Colombia Security Partnership") for s in sides)
    assert any(s.startswith("1999 \u2014 InSight Crime, [As the Sixth Summit") for s in sides)  # InSight has no title
    assert column_texts(pane.models["balance"], 4) == ["balanced"]
    # selecting the conflict shows both sentences side by side, each opening its own source
    pane.tabs.setCurrentIndex(2)
    pane.views["conflicts"].setCurrentIndex(conflicts.index(0, 0))
    boxes = [box for box in pane.details["conflicts"].boxes if box.isVisible()]
    assert len(boxes) == 2
    bodies = sorted(box.body.text() for box in boxes)
    assert bodies[0].startswith("In 2000, an ambitious cooperation program") and "was launched" in bodies[0]
    assert bodies[1].endswith("through Plan Colombia since its inception in 1999.")
    insight_box = next(box for box in boxes if "1999" in box.body.text())
    qtbot.mouseClick(insight_box.open_button, Qt.MouseButton.LeftButton)
    assert window.reader.source.id == INSIGHT
    assert window.reader.view.textCursor().selectedText() == bodies[1]
    assert column_texts(pane.models["timeline"], 0) == ["1999", "2000", "2002"]

    # undo removes the InSight excerpt: the conflict goes away again
    window.undo_action.trigger()
    wait_refreshed(qtbot, pane)
    assert pane.models["conflicts"].rowCount() == 0


def test_clicking_an_entry_opens_the_source_at_its_sentence(qtbot, window, library):
    add_paragraph(qtbot, window, library, EMBASSY, 4)
    window.library_pane.select_source(INSIGHT)  # the reader shows another source meanwhile
    window.actions["show_aids"].trigger()
    pane = window.aids
    wait_refreshed(qtbot, pane)
    pane.tabs.setCurrentIndex(0)
    view, model = pane.views["figures"], pane.models["figures"]
    row = column_texts(model, 0).index("declined by 69 percent")
    index = model.index(row, 0)
    view.scrollTo(index)
    QApplication.processEvents()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert window.reader.source.id == EMBASSY
    selected = window.reader.view.textCursor().selectedText()
    assert selected == "Terrorist acts have declined by 69 percent over the same period."


def test_a_briefing_without_numbers_says_so_in_every_tab(qtbot, window, library):
    add_paragraph(qtbot, window, library, "afp-blinken-colombia-visit", 4)  # Blinken on accountability
    window.actions["show_aids"].trigger()
    pane = window.aids
    wait_refreshed(qtbot, pane)
    assert pane.notes["figures"].text().startswith("No key figures")
    assert pane.notes["timeline"].text().startswith("No dated events")
    assert pane.notes["conflicts"].text().startswith("No conflicting")
    assert all(pane.models[k].rowCount() == 0 for k in ("figures", "timeline", "conflicts"))


def test_export_from_the_main_window_with_the_aids_checked(qtbot, window, library, tmp_path, monkeypatch):
    from pypdf import PdfReader

    from briefing.gui.export_dialog import ExportDialog

    add_paragraph(qtbot, window, library, EMBASSY, 4)
    add_paragraph(qtbot, window, library, INSIGHT, 5)
    out = tmp_path / "aids.pdf"
    seen = {}

    def run(dialog):  # what the user does in the modal dialog: tick the aids, export, wait
        seen["unchecked by default"] = [k for k in ("figures", "timeline", "conflicts", "balance")
                                        if not dialog.include_checks[k].isChecked()]
        for key in ("figures", "timeline"):
            dialog.include_checks[key].setChecked(True)
        dialog.output_edit.setText(str(out))
        with qtbot.waitSignal(dialog.finished_export, timeout=60000) as blocker:
            dialog.export_button.click()
        seen["state"] = blocker.args
        return 1

    monkeypatch.setattr(ExportDialog, "exec", run)
    window.actions["export"].trigger()
    assert seen == {"unchecked by default": ["figures", "timeline", "conflicts", "balance"], "state": ["done"]}
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(str(out)).pages).split())
    assert "Key figures" in text and "gone down 90 percent" in text and "$8 billion" in text
    assert "Timeline" in text and "1999" in text
    assert "Conflicting claims" not in text
