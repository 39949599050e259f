"""The About box: name, version (``briefing.__version__``), what the program is for, and the toolkit."""

from __future__ import annotations

import html

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout

import briefing


def about_text() -> str:
    return (
        f"<h2>Briefing Book {html.escape(briefing.__version__)}</h2>"
        "<p>Collect exact, attributed excerpts from your library of source documents, "
        "arrange them in sections with your notes, and export a briefing as PDF.</p>"
        "<p>Works offline: nothing is sent anywhere.</p>"
        f"<p><small>Qt {html.escape(qVersion())} · PySide6 {html.escape(PySide6.__version__)} · "
        "fonts: DejaVu (see resources/fonts/LICENSE-DejaVu.txt)</small></p>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("About Briefing Book")
        self.setAccessibleName("About Briefing Book")
        icon = QLabel(self)
        app_icon = self.windowIcon()
        if not app_icon.isNull():
            icon.setPixmap(app_icon.pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(about_text(), self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setOpenExternalLinks(False)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMinimumWidth(360)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
