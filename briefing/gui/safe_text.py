"""Untrusted text shown in Qt widgets stays text.

QLabel and tooltips guess "rich text" from content; a source title or note containing
``<img src="file:///…">`` would then make Qt read a local file.  Labels that show source or
user text are forced to plain text, and tooltips are escaped into a plain paragraph.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def escape(text: str) -> str:
    """``html.escape``; the html module (and its entity table, ~2 ms) is imported on first use,
    once something is shown, not at start-up."""
    from html import escape as html_escape

    return html_escape(text)


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def make_plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_tooltip(text: str | None) -> str | None:
    """Escaped so Qt shows the characters and interprets no tag; line breaks kept."""
    if text is None:
        return None
    if not text:
        return text
    return "<p style='white-space:pre-wrap'>" + escape(str(text)) + "</p>"
