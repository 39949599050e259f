"""Small dialogs for one excerpt: trim it to the part worth quoting, and comment on it.

The trim dialog only reports which span of the quote to keep; the controller resolves it
against the source (``anchoring.trim``), so the result is still exact source text.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.model import Excerpt
from briefing.model.sentences import snap_to_words
from briefing.gui.safe_text import make_plain


class TrimDialog(QDialog):
    """Shows the quote read-only; the user selects the part to keep."""

    def __init__(self, excerpt: Excerpt, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Trim excerpt")
        self.excerpt = excerpt
        layout = QVBoxLayout(self)
        hint = QLabel(
            "Select the part of the quote to keep. The cut ends are shown with an ellipsis (…) "
            "in the briefing; the words themselves cannot be changed."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.text_edit = QPlainTextEdit(excerpt.text)
        self.text_edit.setReadOnly(True)
        self.text_edit.selectionChanged.connect(self._update)
        layout.addWidget(self.text_edit)
        self.preview = make_plain(QLabel())
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Keep selection")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(520, 320)
        self._update()

    def set_span(self, start: int, end: int) -> None:
        cursor = self.text_edit.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text_edit.setTextCursor(cursor)

    def span(self) -> tuple[int, int] | None:
        """The selected (start, end) within the quote widened to whole words, or None."""
        cursor = self.text_edit.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if end <= start:
            return None
        start, end = snap_to_words(self.excerpt.text, start, end)  # never half a word
        return (start, end) if end > start else None

    def _update(self) -> None:
        span = self.span()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(span is not None and span != (0, len(self.excerpt.text)))
        if span is None:
            self.preview.setText("Nothing selected yet.")
            return
        start, end = span
        kept = self.excerpt.text[start:end].strip()
        lead = "…" if start > 0 or self.excerpt.lead_ellipsis else ""
        trail = "…" if end < len(self.excerpt.text) or self.excerpt.trail_ellipsis else ""
        self.preview.setText(f"Will read: “{lead}{kept}{trail}”")


class CommentDialog(QDialog):
    """The user's comment on an excerpt (printed apart from the quote when comments are included)."""

    def __init__(self, excerpt: Excerpt, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Comment on excerpt")
        layout = QVBoxLayout(self)
        quote = make_plain(QLabel(f"“{excerpt.text[:300]}{'…' if len(excerpt.text) > 300 else ''}”"))
        quote.setWordWrap(True)
        layout.addWidget(quote)
        self.text_edit = QPlainTextEdit(excerpt.comment)
        self.text_edit.setPlaceholderText("Your comment (leave empty to remove it)")
        layout.addWidget(self.text_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(480, 260)

    def comment(self) -> str:
        return self.text_edit.toPlainText().strip()
