"""The sources table sorts and filters in its model (one key per row), not in a comparing proxy."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.gui.library_pane import LibraryPane
from briefing.gui.sources_model import SortRole
from briefing.library.source import Source

from mainwindow_support import load_library


def _shown(pane, col):
    return [pane.proxy.index(r, col).data(SortRole) for r in range(pane.proxy.rowCount())]


def _big_library(n=300):
    library = load_library()
    for i in range(n):
        sid = f"t-{i:04d}"
        library.sources[sid] = Source(sid, ("news", "report", "analysis")[i % 3], title=f"Title {i % 17} {sid}",
                                      publisher=("Reuters", "afp", None)[i % 3],
                                      date=None if i % 11 == 0 else f"20{i % 25:02d}-0{1 + i % 9}",
                                      text_path=f"/nonexistent/{sid}.txt")
    return library


def test_header_clicks_sort_every_column_stably_and_keep_the_selection(qtbot):
    library = _big_library()
    pane = LibraryPane(library, None)
    qtbot.addWidget(pane)
    pane.resize(700, 600)
    pane.show()
    assert _shown(pane, 3) == sorted(_shown(pane, 3), reverse=True)  # newest first at start
    assert pane.select_source("t-0042")
    for col in range(4):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            pane.table.sortByColumn(col, order)
            keys = _shown(pane, col)
            assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)
            assert pane.current_source().id == "t-0042"  # the selection follows its row
    # equal keys keep the library order (newest first, then id), as the proxy's stable sort did
    pane.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    news = [pane.model.source(pane.proxy.mapToSource(pane.proxy.index(r, 0)).row()) for r in range(pane.proxy.rowCount())]
    news = [s.id for s in news if s.kind == "news"]
    assert news == [s.id for s in library.sorted_sources() if s.kind == "news"]


def test_filter_matches_any_shown_cell_casefolded(qtbot):
    library = _big_library()
    pane = LibraryPane(library, None)
    qtbot.addWidget(pane)
    pane.filter_edit.setText("AFP")
    ids = {pane.model.source(pane.proxy.mapToSource(pane.proxy.index(r, 0)).row()).id for r in range(pane.proxy.rowCount())}
    assert ids == {s.id for s in library.sources.values() if (s.publisher or "").casefold() == "afp"}
    pane.filter_edit.setText("n.d.")  # the shown text of a missing date
    assert pane.proxy.rowCount() == sum(1 for s in library.sources.values() if not s.date)
    pane.filter_edit.setText("title 3 ")
    assert pane.proxy.rowCount() == sum(1 for s in library.sources.values() if (s.title or "").startswith("Title 3 "))
    pane.filter_edit.clear()
    assert pane.proxy.rowCount() == len(library.sources)


def test_building_and_sorting_the_table_reads_no_source_text(qtbot):
    """Only an untitled source's label needs its text (its opening words), and only when its row is painted."""
    library = _big_library(3000)
    untitled = {s.id for s in library.sources.values() if not s.title}
    assert untitled  # the bundled library has one
    pane = LibraryPane(library, None)
    qtbot.addWidget(pane)
    assert [s.id for s in library.sources.values() if s.text_loaded] == []  # not sorted by title first
    pane.resize(500, 400)
    pane.show()
    for col in (1, 2, 3):
        pane.table.sortByColumn(col, Qt.SortOrder.AscendingOrder)
    qtbot.wait(10)
    read = {s.id for s in library.sources.values() if s.text_loaded}
    assert read <= untitled
