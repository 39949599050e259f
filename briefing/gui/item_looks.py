"""How each kind of item looks in the outline (text, tooltip, font, icon), keyed by kind name.

The outline model asks ``data(item, role, library)``; a kind without an entry here is still shown
(its label and text, from the core kind registry), so adding a kind needs no edit in the model.
"""

from __future__ import annotations

from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication

from briefing.gui.safe_text import plain_tooltip
from briefing.model import kinds

QuoteRole = Qt.ItemDataRole.UserRole + 6  # excerpts: the quote as printed (ellipses, curly quotes)
AttributionRole = Qt.ItemDataRole.UserRole + 7  # excerpts: "— source, ¶n · comment"
Display, Edit, ToolTip, Font, Decoration = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                                            Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
                                            Qt.ItemDataRole.DecorationRole)

# QStyle (for the standard icons) and QFont are read from their modules when a row is first drawn:
# PySide6 sets a class up with all its enums on first use (~8 ms of start-up for QStyle, ~2 ms for
# QFont), and a new briefing has no rows.
SHORT_QUOTE = 220
STALE_TIP = "source text changed; quote not found"


def _short(text: str, limit: int = SHORT_QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quote_display(excerpt, limit: int = SHORT_QUOTE) -> str:
    """The quote as printed: curly quotes, with ellipses where it was trimmed."""
    body = _short(excerpt.text, limit)
    lead = "…" if excerpt.lead_ellipsis else ""
    trail = "…" if excerpt.trail_ellipsis and not body.endswith("…") else ""
    return f"“{lead}{body}{trail}”"



def icon(pixmap) -> QIcon:
    app = QApplication.instance()
    return app.style().standardIcon(pixmap) if app is not None else QIcon()


def excerpt_data(excerpt, role, library):
    source = library.sources.get(excerpt.source_id) if library is not None else None
    label = source.label if source is not None else excerpt.source_id
    if role == Qt.ItemDataRole.DisplayRole:
        comment = "  [comment]" if excerpt.comment else ""
        return f"{quote_display(excerpt)} — {_short(label, 60)}, ¶{excerpt.paragraph}{comment}"
    if role == QuoteRole:
        return quote_display(excerpt, limit=400)
    if role == AttributionRole:
        parts = [f"— {label}, ¶{excerpt.paragraph}"]
        if excerpt.status == "stale":
            parts.append("quote not found in source")
        line = "   ·   ".join(parts)
        return line + (f"\nComment: {_short(excerpt.comment, 120)}" if excerpt.comment else "")
    if role == Qt.ItemDataRole.ToolTipRole:
        lines = []
        if excerpt.status == "stale":
            lines.append(f"⚠ {STALE_TIP}" + (f" ({excerpt.status_reason})" if excerpt.status_reason else ""))
        elif excerpt.status == "reanchored":
            lines.append("ⓘ " + (excerpt.status_reason or "source text changed; quote found again"))
        lines.append(quote_display(excerpt, limit=2000))
        lines.append(f"— {label}, paragraph {excerpt.paragraph}")
        if excerpt.comment:
            lines.append(f"Comment: {excerpt.comment}")
        return plain_tooltip("\n".join(lines))
    if role == Qt.ItemDataRole.DecorationRole:
        if excerpt.status == "stale":
            return icon(QtWidgets.QStyle.StandardPixmap.SP_MessageBoxWarning)
        if excerpt.status == "reanchored":
            return icon(QtWidgets.QStyle.StandardPixmap.SP_MessageBoxInformation)
        return icon(QtWidgets.QStyle.StandardPixmap.SP_FileIcon)
    if role == Qt.ItemDataRole.ForegroundRole and excerpt.status == "stale":
        return QColor("#a33")
    return None


def note_data(note, role, _library):
    if role == Display:
        return "Note: " + _short(note.text)
    if role == Edit:
        return note.text
    if role == ToolTip:
        return plain_tooltip("Your note (not a quotation):\n" + note.text)
    if role == Font:
        font = QtGui.QFont()
        font.setItalic(True)
        return font
    if role == Decoration:
        return icon(QtWidgets.QStyle.StandardPixmap.SP_FileDialogContentsView)
    return None


def subheading_data(subheading, role, _library):
    if role in (Display, Edit):
        return subheading.text
    if role == ToolTip:
        return "Sub-heading"
    if role == Font:
        font = QtGui.QFont()
        font.setBold(True)
        font.setCapitalization(QtGui.QFont.Capitalization.SmallCaps)
        return font
    return None


def generic_data(item, role, _library):
    """Any registered kind: "<Label>: <text>"."""
    kind = kinds.of(item)
    if role == Display:
        return f"{kind.label[:1].upper()}{kind.label[1:]}: {_short(kind.summary(item))}"
    if role == Edit:
        return getattr(item, "text", "")
    if role == ToolTip:
        return plain_tooltip(f"{kind.label}:\n{kind.summary(item)}")
    return None


LOOKS = {"excerpt": excerpt_data, "note": note_data, "subheading": subheading_data}


def data(item, role, library):
    return LOOKS.get(item.kind, generic_data)(item, role, library)
