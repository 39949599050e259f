"""The main window as composed: actions and shortcuts, title and unsaved mark, closing with
unsaved changes, remembered layout, the full topic → outline and reader → outline flows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox

from briefing import paths
from briefing.gui import app as app_module
from briefing.gui.main_window import SETTINGS_FILE, MainWindow

from import_support import accept_reviews
from mainwindow_support import DISCARD, assert_whole_words, make_window, open_index, settle, topic_with_suggestions

Answer = QMessageBox.StandardButton


@pytest.fixture
def window(qtbot, library, index):
    w = make_window(qtbot, library, index)
    yield w
    w.ask_unsaved = lambda: DISCARD
    settle()


def all_actions(window) -> list[QAction]:
    found = {id(a): a for a in window.actions.values()}
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if not action.isSeparator() and action.menu() is None:  # a submenu is reached by its mnemonic
                found[id(action)] = action
    for action in window.toolbar.actions():
        if not action.isSeparator() and action.text():
            found[id(action)] = action
    return list(found.values())


def test_every_action_has_shortcut_tooltip_and_status_tip(window):
    actions = all_actions(window)
    assert len(actions) >= 18
    for action in actions:
        assert not action.shortcut().isEmpty(), action.text()
        assert action.toolTip() and action.toolTip() != action.text().replace("&", ""), action.text()
        assert action.statusTip(), action.text()
    keys = [a.shortcut().toString() for a in actions]
    assert len(keys) == len(set(keys)), "two window actions share a shortcut"
    assert window.actions["add_excerpt"].shortcut() == QKeySequence("Ctrl+E")


def test_menus_and_accessible_names(window):
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Briefing", "Help"]
    for widget in (window.topics.topic_view, window.topics.suggestion_view, window.topics.add_button,
                   window.library_pane.table, window.library_pane.filter_edit, window.library_pane.search_edit,
                   window.library_pane.results_view, window.reader.view, window.toolbar):
        assert widget.accessibleName(), widget.objectName()
    for dock in window.findChildren(QDockWidget):
        assert dock.accessibleName() and dock.objectName()


def test_usable_at_1280_by_720(window):
    window.resize(1280, 720)
    QApplication.processEvents()
    assert window.reader.width() >= 360
    for dock in (window.topics_dock, window.outline_dock):
        assert dock.isVisible() and dock.width() >= 250
    assert window.topics.suggestion_view.height() > 150


def test_title_shows_file_and_unsaved_mark(window, library, tmp_path):
    assert window.windowTitle() == "Untitled[*] — Briefing Book"
    assert not window.isWindowModified()
    source = library.sorted_sources()[0]
    window.reader.show_source(source.id)
    window.reader.select_span(1, 0, 20)
    window.actions["add_excerpt"].trigger()
    assert window.isWindowModified()
    window.ask_save_path = lambda: str(tmp_path / "my brief")
    assert window.save_briefing() is True
    assert (tmp_path / "my brief.briefing.yaml").is_file()
    assert window.windowTitle() == "my brief.briefing.yaml[*] — Briefing Book"
    assert not window.isWindowModified()


def test_topic_to_outline_with_the_shortcut(qtbot, window, library, index):
    topic = topic_with_suggestions(library, index)
    window.show_topics()
    with qtbot.waitSignal(window.topics.suggestions_changed, timeout=5000):
        window.topics.select_topic(topic.id)
    passage = window.topics.selected_passage()
    assert window.reader.source.id == passage.source_id  # the reader follows the chosen suggestion
    window.activateWindow()
    window.topics.suggestion_view.setFocus()
    qtbot.keyClick(window.topics.suggestion_view, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    section = window.controller.briefing.section_for_topic(topic.id)
    assert section is not None and len(section.excerpts()) == 1
    assert window.outline.model.rowCount() == 1  # the outline shows the new section
    assert "Added" in window.status_label.text()


def test_reader_selection_ctrl_e_adds_exact_excerpt(qtbot, window, library):
    source = library.sorted_sources()[-1]
    window.library_pane.select_source(source.id)
    assert window.reader.source.id == source.id
    window.reader.select_span(1, 4, 25)
    window.activateWindow()
    window.reader.view.setFocus()
    qtbot.keyClick(window.reader.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    [excerpt] = window.controller.briefing.all_excerpts()
    paragraph = source.paragraphs()[0]
    assert excerpt.text == paragraph[excerpt.start:excerpt.end]  # exact source text, widened to whole words
    assert_whole_words(paragraph, excerpt.start, excerpt.end, paragraph[4:25])
    assert (excerpt.source_id, excerpt.paragraph) == (source.id, 1)
    assert window.reader.context_actions == [window.actions["add_excerpt"]]


def test_close_with_unsaved_changes_asks_save_discard_cancel(qtbot, library, index, tmp_path):
    w = make_window(qtbot, library, index, answer=Answer.Cancel)
    w.controller.add_note("unsaved thought")
    assert w.controller.is_dirty()
    assert w.close() is False and w.isVisible()  # Cancel keeps the window and the work
    w.ask_unsaved = lambda: Answer.Save
    w.ask_save_path = lambda: str(tmp_path / "kept.briefing.yaml")
    assert w.close() is True
    assert (tmp_path / "kept.briefing.yaml").is_file()
    assert not w.controller.is_dirty()


def test_layout_and_geometry_are_remembered_in_the_user_data_dir(qtbot, library, index):
    w = make_window(qtbot, library, index)
    w.details_dock.hide()
    w.library_dock.raise_()
    w.topics.splitter.setSizes([100, 400])
    assert w.close()
    ini = paths.user_data_dir() / SETTINGS_FILE
    assert ini.is_file() and "window" in ini.read_text(encoding="utf-8")
    again = make_window(qtbot, library, index)
    assert again.details_dock.isHidden()
    assert again.outline_dock.isVisible()
    sizes = again.topics.splitter.sizes()
    assert sizes[0] < sizes[1]
    again.reset_layout()
    assert not again.details_dock.isHidden()


def test_import_triggers_reindex_so_new_text_is_searchable(qtbot, window, library, index, tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("Heading\n\nThe quokkaphrase appears only here.\n", encoding="utf-8")
    window.import_files([str(f)])
    accept_reviews(qtbot)
    qtbot.waitUntil(lambda: any(p.source_id == "notes" for p in index.search("quokkaphrase")), timeout=5000)
    assert window.reader.source is not None and window.reader.source.id == "notes"


def test_import_reindexes_only_the_imported_source(qtbot, window, index, tmp_path, monkeypatch):
    calls = []
    real_targeted = index.update_sources
    monkeypatch.setattr(index, "update", lambda *a, **k: calls.append("full scan") or real_targeted(a[0], []))
    monkeypatch.setattr(index, "update_sources",
                        lambda library, ids: calls.append(("targeted", list(ids))) or real_targeted(library, ids))
    f = tmp_path / "fresh.txt"
    f.write_text("Heading\n\nThe wombatphrase appears only here.\n", encoding="utf-8")
    window.import_files([str(f)])
    accept_reviews(qtbot)
    qtbot.waitUntil(lambda: any(p.source_id == "fresh" for p in index.search("wombatphrase")), timeout=5000)
    assert calls == [("targeted", ["fresh"])]


def test_source_details_refreshes_reader(qtbot, window, library, monkeypatch):
    source = library.sorted_sources()[0]
    window.reader.show_source(source.id)

    def fake_exec(dialog):
        dialog.edits["publisher"].setText("Fixed Press")
        return dialog.save()

    monkeypatch.setattr("briefing.gui.source_details.SourceDetailsDialog.exec", fake_exec)
    assert window.edit_source_details() is True
    assert "Fixed Press" in window.reader.view.toPlainText()
    assert library.sources[source.id].publisher == "Fixed Press"


def test_app_helpers(qtbot, tmp_path):
    args = app_module.parse_args(["x.briefing.yaml", "--library", str(tmp_path)])
    assert args.file == "x.briefing.yaml" and args.library == str(tmp_path)
    application = app_module.make_application([])
    assert application.applicationName() == "Briefing Book"
    assert not application.windowIcon().isNull()
    assert (paths.ICONS_DIR / "briefing-book.svg").is_file() and (paths.ICONS_DIR / "briefing-book.png").is_file()


def test_reader_drag_drops_onto_the_outline(window, library):
    source = library.sorted_sources()[0]
    window.reader.show_source(source.id)
    window.reader.select_span(2, 0, 18)
    mime = window.reader.view.createMimeDataFromSelection()
    model = window.outline.model
    assert model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, model.index(-1, -1)) is True
    [excerpt] = window.controller.briefing.all_excerpts()
    assert excerpt.text == source.paragraphs()[1][:18].strip() and excerpt.paragraph == 2


def test_dragging_a_selection_across_paragraphs_drops_one_excerpt_each_as_one_undo_step(window, library):
    source = library.sorted_sources()[0]
    window.reader.show_source(source.id)
    window.reader.select_span(2, 5, 30, end_paragraph=3)
    mime = window.reader.view.createMimeDataFromSelection()
    model = window.outline.model
    assert model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, model.index(-1, -1)) is True
    excerpts = window.controller.briefing.all_excerpts()
    assert [e.paragraph for e in excerpts] == [2, 3]
    assert excerpts[0].text == source.paragraphs()[1][5:].strip()
    assert source.paragraphs()[2].startswith(excerpts[1].text)
    window.controller.undo()
    assert window.controller.briefing.all_excerpts() == []


def test_run_opens_the_briefing_given_on_the_command_line(qtbot, library, tmp_path, monkeypatch):
    from briefing.model import Briefing, BriefingMeta
    from briefing.model.storage import save

    path = tmp_path / "given.briefing.yaml"
    save(Briefing(meta=BriefingMeta(title="Given")), path)
    seen = {}

    def fake_exec(app):
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        seen["title"] = window.windowTitle()
        seen["meta"] = window.controller.briefing.meta.title
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    monkeypatch.setattr(app_module, "open_index", lambda: open_index(library))
    assert app_module.run([str(path)]) == 0
    assert seen == {"title": "given.briefing.yaml[*] — Briefing Book", "meta": "Given"}


def test_refused_import_is_reported_without_blocking(qtbot, window, tmp_path):
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    window.import_files([str(bad)])  # returns at once: reading happens in the import worker
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox)), timeout=15000)
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "photo.txt" in boxes[-1].text()
    assert "could not be imported" in window.status_label.text()
    boxes[-1].close()


def test_search_hits_are_highlighted_in_the_reader(qtbot, window, index):
    hits = index.search("extradition") or index.search("Colombia")
    word = "extradition" if index.search("extradition") else "Colombia"
    window.library_pane.search_edit.setText(word)
    with qtbot.waitSignal(window.library_pane.search_results_changed, timeout=5000):
        window.library_pane.search(word)
    window.library_pane.results_view.setCurrentIndex(window.library_pane.results.index(0))
    hit = hits[0]
    assert window.reader.source.id == hit.source_id
    block = window.reader.paragraph_block(hit.paragraph)
    it, marked = block.begin(), []
    while not it.atEnd():
        if it.fragment().charFormat().hasProperty(0x820):  # BackgroundBrush
            marked.append(it.fragment().text().casefold())
        it += 1
    assert word.casefold() in marked


def test_open_recent_lists_saved_briefings_and_reopens_them(qtbot, window, tmp_path):
    path = tmp_path / "recent.briefing.yaml"
    window.controller.add_section("Remember me")
    assert window.controller.save_as(path)
    window.controller.new()
    menu = window.recent_menu
    assert menu.title() == "Open &Recent" and menu.menuAction().statusTip()
    menu.rebuild()
    [entry] = [a for a in menu.actions() if a.isEnabled()]
    assert entry.text().startswith("&1") and path.name in entry.text()
    entry.trigger()
    assert window.controller.path == path
    assert [s.title for s in window.controller.briefing.sections] == ["Remember me"]


def test_a_trusted_start_up_load_is_checked_and_an_in_place_edit_shown(qtbot, tmp_path, content_copy):
    """app.load_library trusts a stamped folder's cache; the window's first index update checks
    every file off the GUI thread and takes in a metadata file edited in place meanwhile."""
    import os

    from briefing.library import Library
    from briefing.search.index import SearchIndex

    folder = content_copy / "sources"
    os.utime(folder, ns=(10**9, 10**9))
    cache = tmp_path / "meta.json"
    roots = [(content_copy, "bundled")]
    Library.load(roots=roots, cache_path=cache)  # a previous run: the cache, with the folder stamped
    meta = folder / "afp-blinken-colombia-visit.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("kind: news", "kind: analysis"), encoding="utf-8")
    os.utime(meta, ns=(2, 2))
    os.utime(folder, ns=(10**9, 10**9))  # edited in place: the folder's mtime is unchanged
    library = Library.load(roots=roots, cache_path=cache, trust_stamps=True)
    assert library.unverified and library.source("afp-blinken-colombia-visit").kind == "news"
    index = SearchIndex.open(":memory:")
    try:
        window = make_window(qtbot, library, index)
        window.update_index()
        qtbot.waitUntil(lambda: library.source("afp-blinken-colombia-visit").kind == "analysis", timeout=5000)
        qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=5000)
        assert not library.unverified
        model = window.library_pane.model
        row = model.row_of("afp-blinken-colombia-visit")
        assert model.source(row).kind == "analysis"
        assert index.search("Blinken")
        settle()
    finally:
        index.close()


def test_library_and_details_panes_are_built_when_first_shown_or_used(qtbot, library, index):
    window = make_window(qtbot, library, index)
    qtbot.wait(20)  # the docks' visibility is decided once the first events are handled
    assert not {"library", "details"} & window.built_panes()  # tabbed behind Topics / Outline
    window.library_dock.raise_()
    qtbot.waitUntil(lambda: "library" in window.built_panes(), timeout=2000)
    assert window.library_dock.widget() is window.library_pane
    assert window.library_pane.model.rowCount() == len(library.sources)
    assert "details" not in window.built_panes()
    details = window.details  # reading the attribute builds it too
    assert window.details_dock.widget() is details and window.details is details
    window.library_changed()  # refreshes the built pane
    window.ask_unsaved = lambda: DISCARD
    settle()


def test_the_section_pane_waits_for_a_section_and_is_built_when_it_first_shows(qtbot, library, index):
    window = make_window(qtbot, library, index)
    qtbot.wait(20)
    dock = window.editors.section_dock
    assert not dock.isVisible() and "section" not in window.built_panes()  # a new briefing: outline only
    section_id = window.outline.add_section()
    window.outline.select_ids([section_id], section_id)
    qtbot.waitUntil(dock.isVisible, timeout=2000)
    editor = window.editors.section_editor
    assert "section" in window.built_panes() and dock.widget() is editor
    assert editor.section_id == section_id and editor.title.text() == window.controller.section(section_id).title
    # below the Outline, in the right-hand column
    assert dock.geometry().top() >= window.outline_dock.geometry().bottom()
    assert dock.geometry().left() == window.outline_dock.geometry().left()
    window.save_state()
    window.ask_unsaved = lambda: DISCARD
    window.close()

    again = make_window(qtbot, library, index)  # the saved layout shows it: built before it paints
    qtbot.waitUntil(lambda: again.editors.section_dock.isVisible(), timeout=2000)
    assert "section" in again.built_panes()
    assert again.editors.section_dock.widget() is again.editors.section_editor
    again.ask_unsaved = lambda: DISCARD
    settle()


def test_edit_section_opens_the_pane_on_the_first_section_with_the_keyboard_in_its_title(qtbot, library, index):
    window = make_window(qtbot, library, index)
    section_id = window.controller.add_section("Refugees")
    window.editors.section_dock.close()  # the user closed the pane; nothing is selected
    window.controller.current_section_id = None
    qtbot.wait(20)
    assert not window.editors.section_dock.isVisible()
    window.editors.actions["edit_section"].trigger()  # Ctrl+7
    qtbot.waitUntil(window.editors.section_dock.isVisible, timeout=2000)
    assert window.editors.section_dock.widget() is window.editors.section_editor
    assert window.editors.section_editor.section_id == section_id
    assert window.focusWidget() is window.editors.section_editor.title  # typing goes to the title
    window.ask_unsaved = lambda: DISCARD
    settle()


def test_run_collects_garbage_again_once_the_window_is_up(qtbot, monkeypatch):
    import gc

    seen = {}

    def fake_exec(self):
        seen["during start-up"] = gc.isenabled()
        qtbot.waitUntil(gc.isenabled, timeout=2000)
        seen["after"] = True
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow):
                w.ask_unsaved = lambda: DISCARD
                w.close()
        return 0

    monkeypatch.setattr(type(QApplication.instance()), "exec", fake_exec)
    monkeypatch.setattr(MainWindow, "update_index", lambda self: None)
    assert app_module.run([]) == 0
    assert seen == {"during start-up": False, "after": True} and gc.isenabled()


def test_cancel_stops_indexing_and_the_window_stays_usable(qtbot, monkeypatch):
    """Issue 16: the indexing progress has a Cancel button; pressing it stops the update after the
    batch being written, the partial index answers searches, and the next update completes it."""
    import threading

    from benchmarks.fixtures import make_library
    from briefing.library import Library
    from briefing.search import index as index_module
    from briefing.search.index import SearchIndex

    batch, sources = 20, 200
    make_library(paths.user_library_dir(), sources)
    library = Library.load(cache_path=False)
    index = SearchIndex.open(paths.user_cache_dir() / "passages.sqlite3")
    monkeypatch.setattr(index_module, "BATCH_SOURCES", batch)
    reached, pressed = threading.Event(), threading.Event()
    plan, read = SearchIndex._plan, [0]

    def reading(self, *args, **kwargs):  # the worker holds in the second batch until Cancel is pressed
        read[0] += 1
        if read[0] == batch + 1:
            reached.set()
            pressed.wait(5)
        return plan(self, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "_plan", reading)
    window = make_window(qtbot, library, index)
    try:
        assert not window.cancel_index_button.isVisible()
        window.update_index()
        assert window.cancel_index_button.isVisible() and window.cancel_index_button.isEnabled()
        qtbot.waitUntil(reached.is_set, timeout=5000)
        qtbot.mouseClick(window.cancel_index_button, Qt.MouseButton.LeftButton)
        assert not window.cancel_index_button.isEnabled()
        pressed.set()
        qtbot.waitUntil(lambda: window._index_task.finished, timeout=5000)
        assert not window.progress.isVisible() and not window.cancel_index_button.isVisible()
        assert "cancelled" in window.status_label.text()
        kept = len(index.source_ids())
        assert kept == 2 * batch  # the batch in progress was finished, no more
        # the window stays usable: searches answer, topics list, a new update runs to the end
        assert index.search("security") is not None
        window.topics.refresh()
        monkeypatch.setattr(SearchIndex, "_plan", plan)
        window.update_index()
        qtbot.waitUntil(lambda: window._index_task.finished, timeout=5000)
        assert "Search index ready" in window.status_label.text()
        assert len(index.source_ids()) == len(library.sources)
        assert not window.cancel_index_button.isVisible()
    finally:
        pressed.set()
        settle()
        window.ask_unsaved = lambda: DISCARD
        window.close()
        index.close()
