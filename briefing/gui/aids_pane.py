"""The Briefing Aids pane: key figures, timeline, conflicts and source balance of the open briefing.

Refreshed as the briefing changes: edits restart a short timer (typing a note should not
re-analyse per keystroke), then the excerpts are copied on the GUI thread (immutable passages;
the briefing itself is never read off-thread) and analysed in the background, since a large
briefing can take longer than a frame.  A result older than the latest request is dropped.
Clicking an entry emits ``anchor_chosen``; the main window opens the source at that sentence.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QSplitter, QTableView, QTabWidget, QVBoxLayout,
                               QWidget)

from briefing.analysis import EMPTY, briefing_passages
from briefing.analysis.attribution import where as _where
from briefing.analysis.balance import briefing_balance
from briefing.analysis.report import Aids, analyse_passages
from briefing.gui.aids_detail import DetailStrip
from briefing.gui.aids_model import AidsTableModel, Column
from briefing.gui.safe_text import plain_label
from briefing.gui.worker import run_in_background

REFRESH_DELAY_MS = 300


def _says(claim) -> str:
    """What a claim states: a date at its precision, or the figure as written."""
    return claim.label() if hasattr(claim, "label") else claim.text


def _columns(library) -> dict[str, list[Column]]:
    where = lambda e: _where(library, e.anchor)  # noqa: E731
    sentence = lambda e: e.anchor.sentence  # noqa: E731
    return {
        "figures": [Column("Figure", lambda f: f.text, lambda f: f.anchor, sentence),
                    Column("Kind", lambda f: f.kind),
                    Column("Source", where, lambda f: f.anchor, sentence)],
        "timeline": [Column("Date", lambda e: e.label(), lambda e: e.anchor, sentence),
                     Column("Precision", lambda e: e.precision),
                     Column("Source", where, lambda e: e.anchor, sentence)],
        "conflicts": [Column("Subject", lambda c: c.subject + (f" ({c.event} date)" if c.kind == "date" else ""),
                             lambda c: c.first.anchor),
                      Column("One source says", lambda c: f"{_says(c.first)} \u2014 {_where(library, c.first.anchor)}",
                             lambda c: c.first.anchor, lambda c: c.first.anchor.sentence),
                      Column("Another says", lambda c: f"{_says(c.second)} \u2014 {_where(library, c.second.anchor)}",
                             lambda c: c.second.anchor, lambda c: c.second.anchor.sentence)],
        "balance": [Column("Section", lambda b: b.title or "(untitled section)"),
                    Column("Excerpts", lambda b: str(b.excerpts)),
                    Column("Kinds of source", lambda b: ", ".join(f"{k} {n}" for k, n in b.kinds.items()) or "\u2013",
                           tooltip=lambda b: ("Kind inferred (not stated) for: " + ", ".join(b.inferred_kinds))
                           if b.inferred_kinds else "Kinds as the sources state them"),
                    Column("Publishers", lambda b: str(len(b.publishers)) + (
                        f" (+{b.unstated_publisher} not stated)" if b.unstated_publisher else ""),
                        tooltip=lambda b: ", ".join(b.publishers) or "No publisher stated"),
                    Column("Warning", lambda b: " ".join(b.warnings) or ("balanced" if b.excerpts else "no excerpts"))],
    }


def _detail(library, key: str, entry) -> list[tuple[str, str, object]]:
    """What the detail strip shows for an entry: one part per claim (two for a conflict)."""
    if key == "conflicts":
        return [(f"{_says(c)} \u2014 {_where(library, c.anchor)}", c.anchor.sentence, c.anchor)
                for c in (entry.first, entry.second)]
    if key == "balance":
        lines = [f"Kinds: " + (", ".join(f"{k} {n}" for k, n in entry.kinds.items()) or "none"),
                 "Publishers: " + (", ".join(entry.publishers) or "none stated")
                 + (f"; {entry.unstated_publisher} excerpts from sources that state none"
                    if entry.unstated_publisher else "")]
        if entry.inferred_kinds:
            lines.append("Kind inferred, not stated, for: " + ", ".join(entry.inferred_kinds))
        lines += entry.warnings
        return [(entry.title or "(untitled section)", "\n".join(lines), None)]
    return [(f"{_says(entry)} \u2014 {_where(library, entry.anchor)}", entry.anchor.sentence, entry.anchor)]


TABS = (("figures", "Key figures"), ("timeline", "Timeline"), ("conflicts", "Conflicts"), ("balance", "Balance"))


class AidsPane(QWidget):
    anchor_chosen = Signal(object)  # briefing.analysis.Anchor
    message = Signal(str)

    def __init__(self, library, controller, parent=None):
        super().__init__(parent)
        self.library, self.controller = library, controller
        self.setObjectName("aidsPane")
        self.setAccessibleName("Briefing aids")
        self.aids = Aids()
        self.busy = False
        self._generation = 0
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Briefing aids")
        self.models: dict[str, AidsTableModel] = {}
        self.views: dict[str, QTableView] = {}
        self.notes: dict[str, object] = {}
        self.details: dict[str, DetailStrip] = {}
        columns = _columns(library)
        for key, title in TABS:
            page = QWidget(self.tabs)
            layout = QVBoxLayout(page)
            layout.setContentsMargins(4, 4, 4, 4)
            note = plain_label("", page)
            note.setWordWrap(True)
            note.setAccessibleName(f"{title} summary")
            model = AidsTableModel(columns[key], self)
            view = QTableView(page)
            view.setObjectName(f"aids_{key}_view")
            view.setAccessibleName(title)
            view.setModel(model)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setWordWrap(False)
            view.verticalHeader().hide()
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            view.horizontalHeader().setStretchLastSection(True)
            view.activated.connect(self._open)
            view.clicked.connect(self._open)
            detail = DetailStrip(page)
            detail.open_requested.connect(self.anchor_chosen)
            view.selectionModel().currentRowChanged.connect(
                lambda current, _previous, key=key: self._show_detail(key, current.row()))
            split = QSplitter(Qt.Orientation.Vertical, page)  # the user can give the sentences more room
            split.setChildrenCollapsible(False)
            view.setMinimumHeight(72)
            split.addWidget(view)
            split.addWidget(detail)
            split.setStretchFactor(0, 1)
            layout.addWidget(note)
            layout.addWidget(split, 1)
            self.tabs.addTab(page, title)
            self.models[key], self.views[key], self.notes[key], self.details[key] = model, view, note, detail
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)
        self.setMinimumHeight(280)  # a table row and a sentence stay readable when docks share the side
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh_now)
        changed = getattr(controller, "changed", None)
        if changed is not None:
            changed.connect(self._timer.start)
        self.refresh_now()

    # -- refreshing ------------------------------------------------------------------------
    def refresh_now(self) -> None:
        """Snapshot the excerpts and balance here, analyse the text in the background."""
        self._timer.stop()
        briefing = self.controller.briefing
        passages = list(briefing_passages(briefing))
        balance = briefing_balance(briefing, self.library)
        self._generation += 1
        generation = self._generation
        self.busy = True

        def done(aids: Aids) -> None:
            if generation == self._generation:
                aids.balance = balance
                self.set_aids(aids)

        run_in_background(lambda: analyse_passages(passages), on_done=done)

    def is_refreshing(self) -> bool:
        return self.busy or self._timer.isActive()

    def set_aids(self, aids: Aids) -> None:
        self.busy = False
        self.aids = aids
        for key, title in TABS:
            entries = getattr(aids, key)
            self.models[key].set_entries(entries)
            self.notes[key].setText(self._summary(key, entries, aids))
            self.views[key].resizeColumnsToContents()
            for column in range(self.models[key].columnCount() - 1):  # long cells elide, the last stretches
                self.views[key].setColumnWidth(column, min(self.views[key].columnWidth(column), 220))
            self.details[key].show_parts([])
            index = [k for k, _ in TABS].index(key)
            self.tabs.setTabText(index, f"{title} ({len(entries)})" if key != "balance" else
                                 title + (f" ({sum(bool(b.warnings) for b in entries)} \u26a0)"
                                          if any(b.warnings for b in entries) else ""))

    def _show_detail(self, key: str, row: int) -> None:
        entry = self.models[key].entry(row)
        self.details[key].show_parts(_detail(self.library, key, entry) if entry is not None else [])

    def _summary(self, key: str, entries: list, aids: Aids) -> str:
        if key == "balance":
            if not any(b.excerpts for b in entries):
                return EMPTY["balance"]
            warned = [b for b in entries if b.warnings]
            return (f"{len(warned)} of {len(entries)} sections rest on a single source or a single kind of source."
                    if warned else ("The section draws" if len(entries) == 1 else f"All {len(entries)} sections draw")
                    + " on more than one source and more than one kind of source.")
        if not aids.passages:
            return "The briefing has no excerpts yet: add some and the aids are read from them."
        if not entries:
            return EMPTY[key]
        n = len(entries)
        what = {"figures": ("key figure", "key figures"), "timeline": ("dated mention", "dated mentions, in date order"),
                "conflicts": ("disagreement between sources", "disagreements between sources")}[key][n != 1]
        excerpts = f"{aids.passages} excerpt" + ("s" if aids.passages != 1 else "")
        return f"{n} {what} in {excerpts}. Click an entry to read it in its source."

    def _open(self, index) -> None:
        model = index.model()
        anchor = model.anchor_at(index) if isinstance(model, AidsTableModel) else None
        if anchor is not None:
            self.anchor_chosen.emit(anchor)
            self.message.emit(f"{_where(self.library, anchor)}: {anchor.sentence[:80]}")


def open_in_reader(reader, anchor) -> bool:
    """Show the anchor's source in the reader with its sentence selected (when the text still matches)."""
    reader.show_source(anchor.source_id, anchor.paragraph)
    source = reader.source
    if source is None or source.id != anchor.source_id:
        return False
    paragraphs = source.paragraphs()
    if not 1 <= anchor.paragraph <= len(paragraphs):
        return False
    if paragraphs[anchor.paragraph - 1][anchor.sentence_start:anchor.sentence_end] != anchor.sentence:
        return False  # the source changed since: the paragraph is shown, nothing wrong is selected
    reader.select_span(anchor.paragraph, anchor.sentence_start, anchor.sentence_end)
    return True


def attach(window, dock) -> AidsPane:
    """Build the pane into the main window's dock (on first show) and wire it to the reader."""
    pane = AidsPane(window.library, window.controller, dock)
    old = dock.widget()
    dock.setWidget(pane)
    if old is not None and old is not pane:
        old.deleteLater()
    pane.anchor_chosen.connect(lambda anchor: open_in_reader(window.reader, anchor))
    pane.message.connect(window.show_message)
    return pane
