"""Draws an excerpt row as the quote (wrapped, up to three lines) over a grey attribution line,
so long quotes don't hide where they come from.  Other rows use the default look."""

from __future__ import annotations

from PySide6 import QtWidgets
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPalette
from PySide6.QtWidgets import QStyledItemDelegate

# QStyle and QStyleOptionViewItem are read from QtWidgets when an excerpt is first painted:
# PySide6 sets a class up (with all its enums) on first use, ~10 ms of start-up for these two.

from briefing.gui.outline_model import AttributionRole, KindRole, QuoteRole

MAX_QUOTE_LINES = 3
PAD = 4
ICON = 16


class OutlineDelegate(QStyledItemDelegate):
    def __init__(self, view):
        super().__init__(view)
        self.view = view

    def _text_width(self, option, index) -> int:
        depth = 1 if index.parent().isValid() else 0
        width = self.view.viewport().width() - self.view.indentation() * (depth + 1)
        return max(120, width - ICON - 3 * PAD)

    def _quote_rect_height(self, fm: QFontMetrics, text: str, width: int) -> int:
        bound = fm.boundingRect(QRect(0, 0, width, 10000), Qt.TextFlag.TextWordWrap, text)
        return min(bound.height(), fm.lineSpacing() * MAX_QUOTE_LINES)

    def sizeHint(self, option, index):
        if index.data(KindRole) != "excerpt":
            return super().sizeHint(option, index)
        fm = QFontMetrics(option.font)
        small = option.font
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        height = self._quote_rect_height(fm, index.data(QuoteRole) or "", self._text_width(option, index))
        lines = (index.data(AttributionRole) or "").count("\n") + 1
        return QSize(self._text_width(option, index), height + QFontMetrics(small).height() * lines + 3 * PAD)

    def paint(self, painter, option, index):
        if index.data(KindRole) != "excerpt":
            super().paint(painter, option, index)
            return
        QStyle, QStyleOptionViewItem = QtWidgets.QStyle, QtWidgets.QStyleOptionViewItem
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QtWidgets.QApplication.style()
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        opt.text = ""
        opt.icon = QIcon()
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect = opt.rect.adjusted(PAD, PAD, -PAD, -PAD)
        if isinstance(icon, QIcon) and not icon.isNull():
            icon.paint(painter, QRect(rect.left(), rect.top(), ICON, ICON))
        text_left = rect.left() + ICON + PAD
        width = rect.right() - text_left
        painter.save()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        fg = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.setPen(opt.palette.color(role) if selected or fg is None else fg)
        painter.setFont(opt.font)
        fm = QFontMetrics(opt.font)
        quote = index.data(QuoteRole) or ""
        qh = self._quote_rect_height(fm, quote, width)
        painter.setClipRect(QRect(text_left, rect.top(), width, qh))
        painter.drawText(QRect(text_left, rect.top(), width, qh + fm.lineSpacing()),
                         Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft, quote)
        painter.setClipping(False)
        small = opt.font
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        if not selected:
            painter.setPen(QColor("#5f6368"))
        sfm = QFontMetrics(small)
        top = rect.top() + qh + PAD
        for line in (index.data(AttributionRole) or "").split("\n"):
            painter.drawText(QRect(text_left, top, width, sfm.height()), Qt.AlignmentFlag.AlignLeft,
                             sfm.elidedText(line, Qt.TextElideMode.ElideRight, width))
            top += sfm.height()
        painter.restore()
