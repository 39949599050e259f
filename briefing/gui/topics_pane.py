"""Topics with their counts; choosing one lists its ranked suggested passages.

One action adds the selected suggestion to the briefing section for that topic: the
"Add to briefing" button, double-click, Enter in the list, or the main window's shortcut.
The excerpt is the whole paragraph, made by the core ``make_excerpt`` and handed to the
document controller; this pane holds no briefing state.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QHBoxLayout,
)

from briefing.gui.passages import HighlightDelegate, PassageListModel
from briefing.gui.topics_model import NOT_COUNTED, TopicsModel
from briefing.gui.worker import run_in_background, serial_pool
from briefing.gui.safe_text import make_plain
from briefing.search.refused import QueryRefused

SUGGESTION_LIMIT = 30


def count_all(index, topics) -> dict[str, int]:
    """Each topic's count (in the background); one whose count runs over the query time limit
    gets ``NOT_COUNTED`` instead of stopping the others."""
    counts = {}
    for topic in topics:
        try:
            counts[topic.id] = index.count_suggestions(topic)
        except QueryRefused:
            counts[topic.id] = NOT_COUNTED
    return counts


class SuggestionList(QListView):
    """The suggestions list: Enter or Return (no modifier but the keypad's) emits ``enter_pressed``.

    An override of ``keyPressEvent``, not an event filter: a filter in Python receives every
    event of the list as a generic QEvent, and the first one makes PySide6 set up all ~45 QEvent
    subclasses to find its type, a cost at every launch; only key presses reach Python here."""

    enter_pressed = Signal()

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.enter_pressed.emit()
            return
        super().keyPressEvent(event)


class TopicsPane(QWidget):
    topic_chosen = Signal(object)  # Topic or None
    passage_chosen = Signal(object)  # Passage: show it in the reader
    suggestions_changed = Signal(object)  # list[Passage] of the current topic (reader highlights them)
    message = Signal(str)  # for the status bar

    def __init__(self, library, index, controller, parent=None):
        super().__init__(parent)
        self.library, self.index, self.controller = library, index, controller
        self._generation = 0
        self.setObjectName("TopicsPane")

        self.model = TopicsModel(library, self)
        self.topic_view = QListView(self)
        self.topic_view.setObjectName("topicList")
        self.topic_view.setModel(self.model)
        self.topic_view.setAccessibleName("Topics")
        self.topic_view.setAccessibleDescription("Every topic with the number of passages suggested for it")
        self.topic_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.topic_view.setWordWrap(True)
        self.topic_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.topic_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.topic_view.selectionModel().currentChanged.connect(self._topic_changed)

        self.passages = PassageListModel(library, self)
        if controller is not None:
            controller.changed.connect(self._briefing_changed)
        self.suggestion_view = SuggestionList(self)
        self.suggestion_view.setObjectName("suggestionList")
        self.suggestion_view.setModel(self.passages)
        self.suggestion_view.setItemDelegate(HighlightDelegate(self.suggestion_view))
        self.suggestion_view.setWordWrap(True)
        self.suggestion_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.suggestion_view.setAlternatingRowColors(True)
        self.suggestion_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.suggestion_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.suggestion_view.setAccessibleName("Suggested passages")
        self.suggestion_view.setAccessibleDescription(
            "Ranked passages for the chosen topic; Enter or double-click adds one to the briefing"
        )
        self.suggestion_view.selectionModel().currentChanged.connect(self._passage_changed)
        self.suggestion_view.doubleClicked.connect(lambda _i: self.add_selected())
        self.suggestion_view.enter_pressed.connect(self.add_selected)

        self.add_button = QPushButton("&Add to briefing", self)
        self.add_button.setObjectName("addSuggestionButton")
        self.add_button.setAccessibleName("Add selected suggestion to briefing")
        self.add_button.setToolTip("Add the selected passage to the briefing section for this topic (Ctrl+Shift+A)")
        self.add_button.clicked.connect(self.add_selected)
        self.add_button.setEnabled(False)

        self.heading = make_plain(QLabel("Suggested passages — choose a topic above", self))
        self.heading.setWordWrap(True)
        self.heading.setBuddy(self.suggestion_view)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.topic_view)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.heading)
        bottom_layout.addWidget(self.suggestion_view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        bottom_layout.addLayout(row)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("topicsSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    # -- topics ------------------------------------------------------------------------
    def current_topic(self):
        return self.model.topic(self.topic_view.currentIndex().row())

    def select_topic(self, topic_id: str) -> bool:
        row = self.model.row_of(topic_id)
        if row < 0:
            return False
        if self.topic_view.currentIndex().row() == row:  # already current (e.g. set on focus): reload
            self._topic_changed(self.model.index(row), self.model.index(row))
            return True
        self.topic_view.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        return True

    def refresh(self) -> None:
        """The library or index changed: reload topics, recount, re-run the current suggestions."""
        current = self.current_topic()
        self.model.refresh()
        self.refresh_counts()
        if current is not None:
            self.select_topic(current.id)  # re-runs its suggestions against the updated index

    def refresh_counts(self) -> None:
        if self.index is None:
            return
        topics = list(self.model.topics)
        index = self.index
        run_in_background(
            lambda: count_all(index, topics),
            on_done=self.model.set_counts,
            on_error=lambda exc: self.message.emit(f"Could not count suggestions: {exc}"),
            pool=serial_pool(),
        )

    def _topic_changed(self, current, _previous) -> None:
        topic = self.model.topic(current.row())
        if self.controller is not None:
            self.controller.current_topic_id = topic.id if topic is not None else None
        self.topic_chosen.emit(topic)
        self._load_suggestions(topic)

    def _load_suggestions(self, topic) -> None:
        self._generation += 1
        generation = self._generation
        self.passages.set_passages([])
        self.add_button.setEnabled(False)
        if topic is None or self.index is None:
            self.heading.setText("Suggested passages — choose a topic above")
            self.suggestions_changed.emit([])
            return
        self.heading.setText(f"Suggested passages for “{topic.title}” — searching…")
        index = self.index

        def done(passages):
            if generation != self._generation:
                return  # the user has chosen another topic meanwhile
            self.passages.set_passages(passages)
            self.heading.setText(f"Suggested passages for “{topic.title}” ({len(passages)})")
            self.suggestions_changed.emit(list(passages))
            if passages:
                self.suggestion_view.setCurrentIndex(self.passages.index(0))

        run_in_background(
            lambda: index.suggest(topic, limit=SUGGESTION_LIMIT),
            on_done=done,
            on_error=lambda exc: self.message.emit(f"Could not find suggestions: {exc}"),
            pool=serial_pool(),
        )

    # -- suggestions ---------------------------------------------------------------------
    def selected_passage(self):
        return self.passages.passage(self.suggestion_view.currentIndex().row())

    def _passage_changed(self, current, _previous) -> None:
        passage = self.passages.passage(current.row())
        self.add_button.setEnabled(passage is not None and self.controller is not None)
        if passage is not None:
            self.passage_chosen.emit(passage)

    def add_selected(self) -> bool:
        """Add the selected suggestion (its whole paragraph) to the section for the current topic."""
        from briefing.model.anchoring import make_excerpt

        passage, topic = self.selected_passage(), self.current_topic()
        if passage is None or self.controller is None:
            self.message.emit("Choose a suggested passage first.")
            return False
        source = self.library.sources.get(passage.source_id)
        if source is None:
            self.message.emit(f"The source '{passage.source_id}' is no longer in the library.")
            return False
        paragraphs = source.paragraphs()
        if not 1 <= passage.paragraph <= len(paragraphs):
            self.message.emit("That passage is out of date; the search index is being refreshed.")
            return False
        text = paragraphs[passage.paragraph - 1]
        try:
            excerpt = make_excerpt(source, passage.paragraph, 0, len(text))
        except ValueError as exc:
            self.message.emit(f"Could not make an excerpt: {exc}")
            return False
        from briefing.gui.duplicates import confirm_duplicates

        if not confirm_duplicates(self, self.controller, [excerpt]):
            return False
        title = self.controller.place_excerpts([excerpt], topic.id if topic else None)
        self.message.emit(f"Added {source.label}, ¶{passage.paragraph} to “{title}”.")
        return True

    def _briefing_changed(self) -> None:
        self.passages.set_quoted(self.controller.quoted_paragraphs())

