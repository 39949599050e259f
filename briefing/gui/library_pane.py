"""The source library: a filterable sources table, free-text search with highlighted hits,
and import by dropping files (web pages, PDF, Word, Markdown, text) on the pane.

Filtering and sorting: ``SourcesProxy`` over ``SourcesModel`` (any column, case-insensitive),
both done by the model once per row (see ``sources_model``).
Search runs ``SearchIndex.search`` on the index thread; an older search's results are
dropped if a newer one was started.  Importing is ``gui.import_flow`` over ``briefing.importing``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.passages import HighlightDelegate, PassageListModel
from briefing.gui.safe_text import make_plain
from briefing.gui.sources_model import SortRole, SourcesModel, SourcesProxy
from briefing.gui.worker import run_in_background, serial_pool

SEARCH_LIMIT = 100


class LibraryPane(QWidget):
    source_chosen = Signal(str)  # source id
    passage_chosen = Signal(object)  # a search hit: show it in the reader
    search_results_changed = Signal(object)  # list[Passage]
    library_changed = Signal(list)  # ids of the sources imported: re-index them, refresh
    message = Signal(str)
    import_failed = Signal(str)

    def __init__(self, library, index, parent=None):
        super().__init__(parent)
        self.library, self.index = library, index
        self._generation = 0
        self._import_flow = None
        # an import a crash interrupted is finished or discarded before the library is shown
        from briefing.importing.save import finish_staged_imports

        finish_staged_imports(library.user_root)
        self.setObjectName("LibraryPane")
        self.setAcceptDrops(True)

        # sorted newest first from the start, so the view's sortByColumn(3, descending) below is free
        self.model = SourcesModel(library, self, 3, Qt.SortOrder.DescendingOrder)
        self.proxy = SourcesProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SortRole)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("sourceFilter")
        self.filter_edit.setPlaceholderText("Filter sources by title, kind, publisher or date")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter sources")
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)

        self.table = QTableView(self)
        self.table.setObjectName("sourceTable")
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Sources")
        self.table.setAccessibleDescription("Sources in the library; drop web pages, PDF, Word, Markdown or text files here to import them")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # the indicator first: enabling sorting sorts by the indicator's column (else the title,
        # whose labels read the texts of untitled sources) before the newest-first order is asked for
        self.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for col, width in ((1, 78), (2, 92), (3, 78)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setToolTip("Italic values are inferred (not stated by the document) or unknown")
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("librarySearch")
        self.search_edit.setPlaceholderText('Search all sources: words, "quoted phrases", 11,000…')
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search the library")
        self.search_edit.returnPressed.connect(lambda: self.search(self.search_edit.text()))

        self.results = PassageListModel(library, self)
        self.results_view = QListView(self)
        self.results_view.setObjectName("searchResults")
        self.results_view.setModel(self.results)
        self.results_view.setItemDelegate(HighlightDelegate(self.results_view))
        self.results_view.setWordWrap(True)
        self.results_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.results_view.setAlternatingRowColors(True)
        self.results_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_view.setAccessibleName("Search results")
        self.results_view.selectionModel().currentChanged.connect(
            lambda cur, _prev: self._emit_passage(self.results.passage(cur.row()))
        )
        self.results_label = make_plain(QLabel("Search results", self))
        self.results_label.setBuddy(self.results_view)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.filter_edit)
        top_layout.addWidget(self.table)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.search_edit)
        bottom_layout.addWidget(self.results_label)
        bottom_layout.addWidget(self.results_view, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("librarySplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    # -- sources ---------------------------------------------------------------------------
    def current_source(self):
        index = self.proxy.mapToSource(self.table.currentIndex())
        return self.model.source(index.row())

    def select_source(self, source_id: str) -> bool:
        row = self.model.row_of(source_id)
        if row < 0:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not proxy_index.isValid():  # filtered out: clear the filter so the user sees it
            self.filter_edit.clear()
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(proxy_index)
        return True

    def refresh(self) -> None:
        current = self.current_source()
        self.model.refresh()
        if current is not None:
            self.select_source(current.id)
        self.results.layoutChanged.emit()  # labels may have changed

    def _row_changed(self, current, _previous) -> None:
        source = self.model.source(self.proxy.mapToSource(current).row())
        if source is not None:
            self.source_chosen.emit(source.id)

    def _emit_passage(self, passage) -> None:
        if passage is not None:
            self.passage_chosen.emit(passage)

    # -- search ---------------------------------------------------------------------------
    def search(self, text: str) -> None:
        text = text.strip()
        self._generation += 1
        generation = self._generation
        if not text or self.index is None:
            self.results.set_passages([])
            self.results_label.setText("Search results")
            self.search_results_changed.emit([])
            return
        self.results_label.setText(f"Searching for {text}…")
        index = self.index

        def done(passages):
            if generation != self._generation:
                return
            self.results.set_passages(passages)
            sources = len({p.source_id for p in passages})
            self.results_label.setText(
                f"{len(passages)} passage{'s' * (len(passages) != 1)} in {sources} source{'s' * (sources != 1)}"
                if passages else f"No passages match {text}"
            )
            self.search_results_changed.emit(list(passages))

        def failed(exc):
            if generation == self._generation:
                self.results_label.setText("Search failed")
                self.message.emit(f"Search failed: {exc}")

        run_in_background(lambda: index.search(text, limit=SEARCH_LIMIT), done, failed, pool=serial_pool())

    # -- import -----------------------------------------------------------------------------
    @property
    def import_flow(self):
        """Reading (isolated, with progress and Cancel), review and saving: ``gui.import_flow``."""
        if self._import_flow is None:
            from briefing.gui.import_flow import ImportFlow

            self._import_flow = ImportFlow(self.library, self)
            self._import_flow.imported.connect(self._imported)
            self._import_flow.failed.connect(self.import_failed)
            self._import_flow.message.connect(self.message)
        return self._import_flow

    def import_files(self, files) -> None:
        """Read, review and save each file; ``library_changed`` / ``import_failed`` tell the outcome."""
        self.import_flow.import_files(files)

    def import_text(self, text: str) -> None:
        self.import_flow.import_text(text)

    def _imported(self, sources: list) -> None:
        self.model.refresh()
        self.select_source(sources[-1].id)
        self.library_changed.emit([s.id for s in sources])
        names = ", ".join(s.label for s in sources)
        self.message.emit(f"Imported {len(sources)} source{'s' * (len(sources) != 1)}: {names}")

    @staticmethod
    def _importable(mime) -> list[Path]:
        """Every local file dropped: unsupported ones are reported by the import, not ignored."""
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event):  # noqa: N802 - Qt API
        if self._importable(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event):  # noqa: N802 - Qt API
        self.dragEnterEvent(event)

    def dropEvent(self, event):  # noqa: N802 - Qt API
        files = self._importable(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_files(files)
