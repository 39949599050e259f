"""Create or change a topic: title, description and search terms, with a live count of the
passages the terms find while the user types.

Saving writes the user library (``briefing.library.user_topics``); the caller refreshes the
Topics pane, so suggestions and counts follow without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from briefing.errors import BriefingError
from briefing.gui.safe_text import make_plain
from briefing.library.topics import Topic
from briefing.library.user_topics import new_topic_id, save_topic
from briefing.search.refused import QueryRefused

COUNT_DELAY_MS = 250
COUNT_TIME_LIMIT_S = 0.5  # the live count runs as the user types: it may never freeze the window longer
COUNT_STOPPED = ("Counting took longer than {seconds:g} s and was stopped: these terms match a great many "
                 "passages. The topic still works; more distinctive terms make better suggestions.")


def terms_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class TopicEditorDialog(QDialog):
    """``topic=None`` creates a topic; otherwise edits it (a bundled one is copied into the user library)."""

    def __init__(self, library, index, topic: Topic | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.library, self.index, self.topic = library, index, topic
        self.saved: Topic | None = None
        self.setObjectName("TopicEditorDialog")
        self.setWindowTitle("Edit topic" if topic else "New topic")
        form = QFormLayout(self)
        self.title_edit = QLineEdit(topic.title if topic else "")
        self.title_edit.setObjectName("topicTitle")
        self.description_edit = QPlainTextEdit(topic.description if topic else "")
        self.description_edit.setObjectName("topicDescription")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(64)
        self.terms_edit = QPlainTextEdit("\n".join(topic.terms) if topic else "")
        self.terms_edit.setObjectName("topicTerms")
        self.terms_edit.setTabChangesFocus(True)
        self.terms_edit.setPlaceholderText("One word or phrase per line, e.g.\nextradition\n\"police training\"")
        self.count_label = make_plain(QLabel())
        self.count_label.setObjectName("topicCount")
        self.error_label = make_plain(QLabel())
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        for label, widget in (("&Title:", self.title_edit), ("&Description:", self.description_edit),
                              ("Search t&erms:", self.terms_edit)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        form.addRow("", self.count_label)
        form.addRow(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COUNT_DELAY_MS)
        self._timer.timeout.connect(self.update_count)
        self.terms_edit.textChanged.connect(self._timer.start)
        self.title_edit.textChanged.connect(self._update_buttons)
        self.terms_edit.textChanged.connect(self._update_buttons)
        self.resize(480, 360)
        self.update_count()
        self._update_buttons()

    def _update_buttons(self) -> None:
        ok = bool(self.title_edit.text().strip() and terms_of(self.terms_edit.toPlainText()))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)

    def matching_passages(self) -> int:
        terms = terms_of(self.terms_edit.toPlainText())
        if not terms or self.index is None:
            return 0
        return self.index.count_suggestions(Topic("draft", "draft", "", terms), time_limit=COUNT_TIME_LIMIT_S)

    def update_count(self) -> None:
        self._timer.stop()
        if self.index is None:
            self.count_label.setText("The search index is not ready; the count appears once it is.")
            return
        try:
            count = self.matching_passages()
        except QueryRefused:
            self.count_label.setText(COUNT_STOPPED.format(seconds=COUNT_TIME_LIMIT_S))
            return
        self.count_label.setText(f"{count} matching passage{'s' * (count != 1)} in the library")

    def save(self) -> None:
        title = self.title_edit.text().strip()
        old_id = self.topic.id if self.topic else None
        topic_id = old_id or new_topic_id(title, set(self.library.topics))
        topic = Topic(topic_id, title, self.description_edit.toPlainText().strip(),
                      terms_of(self.terms_edit.toPlainText()))
        try:
            self.saved = save_topic(self.library, topic, old_id)
        except (BriefingError, OSError) as exc:
            self.error_label.setText(f"Could not save the topic: {exc}")
            return
        self.accept()
