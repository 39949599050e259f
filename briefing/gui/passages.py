"""A list of search results or topic suggestions (core ``Passage`` objects), with highlighted snippets.

``PassageListModel`` adapts a list the core returned; it owns nothing else.  The
``HighlightDelegate`` paints each row as rich text built by ``highlight_html``, which escapes
the source text first and only then adds the highlight markup, so a source can never inject
markup (or a resource URL) into the view.  Colours come from the widget palette.
"""

from __future__ import annotations


from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt
from PySide6.QtWidgets import QStyledItemDelegate

# QStyle, QStyleOptionViewItem and the text-document classes are read from their modules when
# first painted: PySide6 sets a class up (with all its enums) on first use, ~12 ms at start-up
# for these, and nothing is painted by this delegate until a topic or search has results.

from briefing.gui.safe_text import escape, plain_tooltip

PassageRole = Qt.ItemDataRole.UserRole + 1
HtmlRole = Qt.ItemDataRole.UserRole + 2
InBriefingRole = Qt.ItemDataRole.UserRole + 3  # True when the briefing already quotes this paragraph
IN_BRIEFING = "✓ in the briefing"


def highlight_html(text: str, spans, mark_colour: str | None = None) -> str:
    """Escape ``text`` and wrap the (start, end) ``spans`` in <b> (plus a background if given)."""
    out, pos = [], 0
    for start, end in sorted(s for s in spans or () if 0 <= s[0] < s[1] <= len(text)):
        if start < pos:
            start = pos
            if start >= end:
                continue
        out.append(escape(text[pos:start]))
        style = f' style="background-color:{mark_colour}"' if mark_colour else ""
        out.append(f"<b><span{style}>{escape(text[start:end])}</span></b>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def describe_source(source) -> str:
    """'Label · Publisher · date' for a result row (missing parts left out, inferred date marked)."""
    if source is None:
        return ""
    parts = [source.label]
    if source.publisher:
        parts.append(source.publisher)
    if source.date:
        parts.append(source.date + (" (inferred)" if source.is_inferred("date") else ""))
    else:
        parts.append("n.d.")
    return " · ".join(parts)


class PassageListModel(QAbstractListModel):
    """Rows are Passages; the library gives each its source label and date."""

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self.passages: list = []
        self.quoted: set[tuple[str, int]] = set()  # (source id, paragraph) the briefing quotes

    def set_quoted(self, quoted: set[tuple[str, int]]) -> None:
        """Mark the rows whose paragraph the briefing already quotes (repaints only if that changed)."""
        if quoted != self.quoted:
            self.quoted = set(quoted)
            if self.passages:
                self.dataChanged.emit(self.index(0), self.index(len(self.passages) - 1))

    def set_passages(self, passages) -> None:
        self.beginResetModel()
        self.passages = list(passages)
        self.endResetModel()

    def passage(self, row: int):
        return self.passages[row] if 0 <= row < len(self.passages) else None

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.passages)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        p = self.passage(index.row()) if index.isValid() else None
        if p is None:
            return None
        source = self.library.sources.get(p.source_id)
        where = f"{describe_source(source) or p.source_id}, ¶{p.paragraph}"
        if (p.source_id, p.paragraph) in self.quoted:
            where = f"{IN_BRIEFING} · {where}"
        if role == InBriefingRole:
            return (p.source_id, p.paragraph) in self.quoted
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{p.snippet}\n{where}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(p.text if len(p.text) < 1500 else p.text[:1500] + "…")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{p.snippet} — {where}"
        if role == HtmlRole:
            snippet = highlight_html(p.snippet, p.snippet_highlights)
            return f"{snippet}<br><small><i>{escape(where)}</i></small>"
        if role == PassageRole:
            return p
        return None


class HighlightDelegate(QStyledItemDelegate):
    """Paints ``HtmlRole`` rich text, wrapped to the view width, in palette colours."""

    def _document(self, option, index):
        doc = QtGui.QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(4)
        doc.setHtml(index.data(HtmlRole) or escape(index.data() or ""))
        width = option.rect.width() if option.rect.width() > 0 else 300
        doc.setTextWidth(max(width, 80))
        return doc

    def paint(self, painter, option, index):
        QStyle, QPalette = QtWidgets.QStyle, QtGui.QPalette
        opt = QtWidgets.QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QtWidgets.QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        ctx = QtGui.QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(opt.rect.translated(-opt.rect.topLeft()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index):  # noqa: N802 - Qt API
        opt = QtWidgets.QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if opt.widget is not None:
            opt.rect.setWidth(opt.widget.viewport().width())
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)
