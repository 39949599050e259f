"""Read one source: a metadata header and its numbered paragraphs, topic passages highlighted,
and make excerpts from any selected span.

How a selection becomes an excerpt: every paragraph of the source is exactly one text block
(the block's ``userState`` is its 1-based paragraph number; line breaks inside a paragraph
are inserted as U+2028 so they stay in the block, one character each).  Paragraph numbers
are list markers, not text, so a selection never contains them; headings are bold and not in the
list, so the numbers count body paragraphs, as a citation's "para." locator does.  A selection is mapped
block by block to ``(paragraph, start, end)`` in the exact paragraph string (converting
Qt's UTF-16 offsets to Python indices) and handed to the core ``make_excerpt``.

A selection that spans several paragraphs becomes one excerpt per paragraph (each clipped
to the selected part), in order: quotes never silently join text across a paragraph break.
A drag carries the first part as the JSON object ``{source_id, paragraph, start, end}``
(mime ``application/x-briefing-excerpt``) plus any further parts under ``"more"``.

Safety: the header is HTML built only from ``html.escape``d values; the body is inserted
as plain text.  The view opens no links and ``loadResource`` returns nothing, so a source
can never make the app read a file or the network.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6 import QtGui
from PySide6.QtGui import QColor, QGuiApplication, QPalette
# the QTextFormat classes are read from QtGui when a source is first shown: PySide6 sets a class up
# (with all its enums) on first use, ~4 ms of start-up for these
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from briefing.gui.safe_text import escape

EXCERPT_MIME = "application/x-briefing-excerpt"
LINE_SEPARATOR = "\u2028"


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def py_index(text: str, utf16_offset: int) -> int:
    """The Python string index of a UTF-16 offset into ``text`` (same unless astral characters)."""
    if utf16_offset <= 0:
        return 0
    count = 0
    for i, ch in enumerate(text):
        if count >= utf16_offset:
            return i
        count += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def _marked(source, field: str, value) -> str:
    out = escape(str(value))
    if source.is_inferred(field):
        reason = escape(source.inferred[field])
        out += f' <i title="{reason}">(inferred)</i>'
    return out


def header_html(source) -> str:
    """Escaped metadata block: title, publisher, authors, date, kind, URL, with (inferred) marks."""
    title = _marked(source, "title", source.title) if source.title else f"<i>{escape(source.label)}</i> (no title)"
    rows = [
        ("Publisher", _marked(source, "publisher", source.publisher) if source.publisher else "<i>unknown</i>"),
        ("Authors", _marked(source, "authors", "; ".join(source.author_names())) if source.authors else "<i>not stated</i>"),
        ("Date", _marked(source, "date", source.date) if source.date else "<i>n.d.</i>"),
        ("Kind", _marked(source, "kind", source.kind)),
    ]
    if source.url:
        rows.append(("URL", _marked(source, "url", source.url)))
    if source.origin == "user":
        rows.append(("Library", "your library (imported or corrected)"))
    body = "".join(f"<tr><td><b>{k}:</b>&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
    captions = "".join(f"<p><i>Caption: {escape(c)}</i></p>" for c in source.captions)
    return f"<h2>{title}</h2><table cellspacing='0' cellpadding='1'>{body}</table>{captions}<hr>"


class ReaderView(QTextBrowser):
    """Read-only text view that loads nothing and offers selections as excerpt drags."""

    def __init__(self, pane: "ReaderPane"):
        super().__init__(pane)
        self._pane = pane
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )

    def loadResource(self, _type, _name):  # noqa: N802 - Qt API: never read files or the network
        return None

    def createMimeDataFromSelection(self):  # noqa: N802 - Qt API
        mime = QMimeData()
        mime.setText(self.textCursor().selectedText().replace(LINE_SEPARATOR, "\n").replace("\u2029", "\n"))
        payload = self._pane.drag_payload()
        if payload is not None:
            mime.setData(EXCERPT_MIME, json.dumps(payload).encode("utf-8"))
        return mime

    def contextMenuEvent(self, event):  # noqa: N802 - Qt API
        menu = self.createStandardContextMenu(event.pos())
        first = menu.actions()[0] if menu.actions() else None
        for action in self._pane.context_actions:
            menu.insertAction(first, action)
        if self._pane.context_actions:
            menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()


class ReaderPane(QWidget):
    message = Signal(str)

    def __init__(self, library, controller, parent=None):
        super().__init__(parent)
        self.library, self.controller = library, controller
        self.source = None
        self.passages: list = []  # the chosen topic's suggestions (any source)
        self.search_hits: list = []  # the current library search's results
        self.focus_paragraph: int | None = None
        self.context_actions: list = []  # set by the main window (Add excerpt…)
        self._blocks: dict[int, int] = {}  # paragraph number -> block number
        self._quoted: list[tuple[int, int, int]] = []  # spans of this source the briefing quotes
        if controller is not None and hasattr(controller, "changed"):
            controller.changed.connect(self._briefing_changed)
        self.setObjectName("ReaderPane")
        self.view = ReaderView(self)
        self.view.setObjectName("readerView")
        self.view.setAccessibleName("Source text")
        self.view.setAccessibleDescription("Select text and press Ctrl+E to add it to the briefing as an excerpt")
        self.view.setPlaceholderText("Choose a source or a suggested passage to read it here.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._colour_scheme_changed)

    # -- showing a source ------------------------------------------------------------------
    def show_source(self, source_id: str | None, paragraph: int | None = None) -> None:
        source = self.library.sources.get(source_id) if source_id else None
        if source is not self.source or source is None:
            self.source = source
            self.focus_paragraph = paragraph
            self._render()
        elif paragraph != self.focus_paragraph:
            self._move_focus(paragraph)
        if paragraph:
            self.scroll_to_paragraph(paragraph)

    def _hit_paragraphs(self) -> set[int]:
        return {p.paragraph for p in [*self.passages, *self.search_hits] if self.source and p.source_id == self.source.id}

    def _move_focus(self, paragraph: int | None) -> None:
        """Same source, another paragraph: re-mark two blocks instead of rebuilding the document."""
        old, self.focus_paragraph = self.focus_paragraph, paragraph
        para_bg, _span = self._colours()
        hits = self._hit_paragraphs()
        doc = self.view.document()
        for number in (old, paragraph):
            block = doc.findBlockByNumber(self._blocks.get(number, -1)) if number else None
            if block is None or not block.isValid():
                continue
            fmt = block.blockFormat()
            if number == paragraph or number in hits:
                fmt.setBackground(para_bg)
            else:
                fmt.clearBackground()
            QtGui.QTextCursor(block).setBlockFormat(fmt)

    def set_passages(self, passages) -> None:
        """Highlight these passages (the chosen topic's suggestions) wherever they fall in the shown source."""
        self.passages = list(passages or [])
        if self.source is not None:
            self._render(keep_scroll=True)

    def set_search_hits(self, passages) -> None:
        """Also highlight the words a library search matched."""
        self.search_hits = list(passages or [])
        if self.source is not None:
            self._render(keep_scroll=True)

    def refresh(self) -> None:
        """The library changed (e.g. a metadata correction): re-read the shown source."""
        if self.source is not None:
            self.source = self.library.sources.get(self.source.id)
            self._render(keep_scroll=True)

    def _colours(self) -> tuple[QColor, QColor]:
        base = self.palette().color(QPalette.ColorRole.Highlight)
        para, span = QColor(base), QColor(base)
        para.setAlpha(28)
        span.setAlpha(95)
        return para, span

    def _render(self, keep_scroll: bool = False) -> None:
        bar = self.view.verticalScrollBar()
        scroll = bar.value()
        doc = self.view.document()
        doc.clear()
        self._blocks = {}
        if self.source is None:
            return
        cursor = QtGui.QTextCursor(doc)
        cursor.beginEditBlock()  # one layout pass for the whole source, not one per paragraph
        try:
            self._fill(doc, cursor)
        finally:
            cursor.endEditBlock()
        self.view.moveCursor(QtGui.QTextCursor.MoveOperation.Start)
        if keep_scroll:
            bar.setValue(scroll)

    def _fill(self, doc, cursor) -> None:
        cursor.insertHtml(header_html(self.source))
        if not getattr(self.source, "has_text", True):
            cursor.insertBlock()
            cursor.insertText("No text yet: this source has metadata only (imported from a reference file). "
                              "Import its document to read, search and quote it.")
            return
        try:
            paragraphs = self.source.paragraphs()
        except Exception as exc:  # noqa: BLE001 - an unreadable text is shown, not raised
            cursor.insertBlock()
            cursor.insertText(f"The text of this source cannot be read: {exc}")
            return
        para_bg, span_bg = self._colours()
        hits: dict[int, list] = {}
        for p in [*self.passages, *self.search_hits]:
            if p.source_id == self.source.id:
                hits.setdefault(p.paragraph, []).extend(p.highlights)
        plain = QtGui.QTextCharFormat()
        plain.setForeground(self.palette().color(QPalette.ColorRole.Text))
        list_format = QtGui.QTextListFormat()
        list_format.setStyle(QtGui.QTextListFormat.Style.ListDecimal)
        list_format.setNumberSuffix(" ")
        heading_format = QtGui.QTextCharFormat(plain)
        heading_format.setFontWeight(QtGui.QFont.Weight.Bold)
        text_list = None
        for number, text in enumerate(paragraphs, start=1):
            block_format = QtGui.QTextBlockFormat()
            block_format.setBottomMargin(8)
            if number in hits or number == self.focus_paragraph:
                block_format.setBackground(para_bg)
            cursor.insertBlock(block_format, plain)
            heading = self.source.is_heading(number)
            # headings and footnotes are not list items: the list numbers body paragraphs as the
            # "para." locators do
            if heading or self.source.is_footnote(number):
                pass
            elif text_list is None:
                text_list = cursor.createList(list_format)
            else:
                text_list.add(cursor.block())
            cursor.block().setUserState(number)
            self._blocks[number] = cursor.block().blockNumber()
            cursor.insertText(text.replace("\r", "").replace("\n", LINE_SEPARATOR),
                              heading_format if heading else plain)
        self._mark_quoted(doc, paragraphs)
        highlight = QtGui.QTextCharFormat()
        highlight.setBackground(span_bg)
        for number, spans in hits.items():
            block = doc.findBlockByNumber(self._blocks.get(number, -1))
            if not block.isValid():
                continue
            text = paragraphs[number - 1]
            for start, end in spans:
                if 0 <= start < end <= len(text):
                    c = QtGui.QTextCursor(doc)
                    c.setPosition(block.position() + utf16_len(text[:start]))
                    c.setPosition(block.position() + utf16_len(text[:end]), QtGui.QTextCursor.MoveMode.KeepAnchor)
                    c.mergeCharFormat(highlight)

    def _quoted_spans(self) -> list[tuple[int, int, int]]:
        briefing = getattr(self.controller, "briefing", None)
        if briefing is None or self.source is None:
            return []
        return sorted((e.paragraph, e.start, e.end) for e in briefing.all_excerpts() if e.source_id == self.source.id)

    def _mark_quoted(self, doc, paragraphs) -> None:
        """Underline what the briefing already quotes from this source, with a tooltip saying so."""
        self._quoted = self._quoted_spans()
        mark = QtGui.QTextCharFormat()
        mark.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.DashUnderline)
        mark.setUnderlineColor(QColor("#2e7d32"))
        mark.setToolTip("Already in the briefing")
        for number, start, end in self._quoted:
            block = doc.findBlockByNumber(self._blocks.get(number, -1))
            if not block.isValid() or not 0 <= start < end <= len(paragraphs[number - 1]):
                continue
            text = paragraphs[number - 1]
            c = QtGui.QTextCursor(doc)
            c.setPosition(block.position() + utf16_len(text[:start]))
            c.setPosition(block.position() + utf16_len(text[:end]), QtGui.QTextCursor.MoveMode.KeepAnchor)
            c.mergeCharFormat(mark)

    def _briefing_changed(self) -> None:
        if self.source is not None and self._quoted_spans() != self._quoted:
            self._render(keep_scroll=True)

    def paragraph_block(self, paragraph: int) -> QtGui.QTextBlock:
        """The view's text block showing ``paragraph`` (invalid when that paragraph is not shown)."""
        return self.view.document().findBlockByNumber(self._blocks.get(paragraph, -1))

    def is_quoted_at(self, paragraph: int, offset: int) -> bool:
        """Whether the character at ``offset`` of ``paragraph`` is marked as already in the briefing."""
        block = self.view.document().findBlockByNumber(self._blocks.get(paragraph, -1))
        if not block.isValid():
            return False
        cursor = QtGui.QTextCursor(block)
        cursor.setPosition(block.position() + utf16_len(self.source.paragraphs()[paragraph - 1][:offset]) + 1)
        return cursor.charFormat().toolTip() == "Already in the briefing"

    def scroll_to_paragraph(self, paragraph: int) -> None:
        block = self.view.document().findBlockByNumber(self._blocks.get(paragraph, -1))
        if not block.isValid():
            return
        rect = self.view.document().documentLayout().blockBoundingRect(block)
        self.view.verticalScrollBar().setValue(max(0, int(rect.top()) - 24))

    def paragraph_block_text(self, paragraph: int) -> str:
        """The text of a paragraph as the view holds it (tests compare it with the source)."""
        block = self.view.document().findBlockByNumber(self._blocks.get(paragraph, -1))
        return block.text().replace(LINE_SEPARATOR, "\n") if block.isValid() else ""

    def paragraph_number_shown(self, paragraph: int) -> str:
        """The number printed before a paragraph ("17"), or "" for a heading (not numbered)."""
        block = self.view.document().findBlockByNumber(self._blocks.get(paragraph, -1))
        text_list = block.textList() if block.isValid() else None
        return text_list.itemText(block).strip() if text_list is not None else ""

    # -- selection -> excerpts ---------------------------------------------------------------
    def select_span(self, paragraph: int, start: int, end: int, end_paragraph: int | None = None) -> None:
        """Select text programmatically (Python indices into the exact paragraph text)."""
        doc, paragraphs = self.view.document(), self.source.paragraphs()
        end_paragraph = end_paragraph or paragraph
        first = doc.findBlockByNumber(self._blocks[paragraph])
        last = doc.findBlockByNumber(self._blocks[end_paragraph])
        cursor = QtGui.QTextCursor(doc)
        cursor.setPosition(first.position() + utf16_len(paragraphs[paragraph - 1][:start]))
        cursor.setPosition(
            last.position() + utf16_len(paragraphs[end_paragraph - 1][:end]), QtGui.QTextCursor.MoveMode.KeepAnchor
        )
        self.view.setTextCursor(cursor)

    def selection_spans(self) -> list[tuple[int, int, int]]:
        """The selection as (paragraph, start, end) per paragraph it touches, in Python indices."""
        cursor = self.view.textCursor()
        if self.source is None or not cursor.hasSelection():
            return []
        paragraphs = self.source.paragraphs()
        sel_start, sel_end = cursor.selectionStart(), cursor.selectionEnd()
        block = self.view.document().findBlock(sel_start)
        spans = []
        while block.isValid() and block.position() < sel_end:
            number = block.userState()
            if 1 <= number <= len(paragraphs):
                text = paragraphs[number - 1]
                pos, length = block.position(), block.length() - 1
                a = py_index(text, max(sel_start, pos) - pos)
                b = py_index(text, min(sel_end, pos + length) - pos)
                if b > a and text[a:b].strip():
                    spans.append((number, a, b))
            block = block.next()
        return spans

    def drag_payload(self) -> dict | None:
        spans = self.selection_spans()
        if not spans:
            return None
        (paragraph, start, end), rest = spans[0], spans[1:]
        payload = {"source_id": self.source.id, "paragraph": paragraph, "start": start, "end": end}
        if rest:
            payload["more"] = [{"source_id": self.source.id, "paragraph": p, "start": s, "end": e} for p, s, e in rest]
        return payload

    def caret_sentence(self) -> tuple[int, int, int] | None:
        """(paragraph, start, end) of the sentence at the caret, when nothing is selected."""
        from briefing.model.sentences import sentence_at

        cursor = self.view.textCursor()
        if self.source is None or cursor.hasSelection():
            return None
        block = cursor.block()
        number = block.userState()
        paragraphs = self.source.paragraphs()
        if not 1 <= number <= len(paragraphs):
            return None
        text = paragraphs[number - 1]
        start, end = sentence_at(text, py_index(text, cursor.position() - block.position()))
        return (number, start, end) if end > start else None

    def quote_spans(self) -> list[tuple[int, int, int]]:
        """What Ctrl+E quotes: the selection widened to whole words, else the sentence at the caret."""
        from briefing.model.sentences import snap_to_words

        spans = self.selection_spans()
        if not spans:
            sentence = self.caret_sentence()
            return [sentence] if sentence else []
        paragraphs = self.source.paragraphs()
        return [(p, *snap_to_words(paragraphs[p - 1], s, e)) for p, s, e in spans]

    def add_selection(self) -> list:
        """Quote the selection (or the sentence at the caret) into the section the rules choose
        (``DocumentSession.excerpt_section``); a passage already quoted is added again only if the user says so."""
        from briefing.gui.duplicates import confirm_duplicates
        from briefing.model.anchoring import make_excerpt

        if self.controller is None:
            self.message.emit("No briefing is open.")
            return []
        spans = self.quote_spans()
        if not spans:
            self.message.emit("Put the cursor in a sentence or select some text in the source first (Ctrl+E).")
            return []
        excerpts = []
        for paragraph, start, end in spans:
            try:
                excerpts.append(make_excerpt(self.source, paragraph, start, end))
            except ValueError as exc:
                self.message.emit(f"Could not make an excerpt: {exc}")
        if not excerpts or not confirm_duplicates(self, self.controller, excerpts):
            return []
        title = self.controller.place_excerpts(excerpts)
        where = ", ".join(f"¶{e.paragraph}" for e in excerpts)
        self.message.emit(f"Added {len(excerpts)} excerpt{'s' * (len(excerpts) != 1)} from {self.source.label} "
                          f"({where}) to “{title}”.")
        return excerpts

    def _colour_scheme_changed(self, _scheme=None) -> None:
        """Follow a light/dark switch: the shown text's colours come from the palette, which Qt
        updates in the same theme change, so re-render once that is done.

        The style hints' signal rather than a ``changeEvent`` override: that override receives
        every change event of the pane as a generic QEvent, and the first one makes PySide6 set up
        all ~45 QEvent subclasses to find its type, a cost at every launch."""
        QTimer.singleShot(0, self, self._restyle)

    def _restyle(self) -> None:
        if self.source is not None:
            self._render(keep_scroll=True)
