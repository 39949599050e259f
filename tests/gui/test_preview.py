"""The preview pane, reached from the main window's View menu: pages as they will print,
re-rendered after edits stop, page turns and zoom, without holding up the event loop."""

from __future__ import annotations

import pytest

from benchmarks.loop_gaps import LoopGaps
from mainwindow_support import make_window


@pytest.fixture
def window(qtbot, library, index):
    window = make_window(qtbot, library, index)
    yield window
    if window.preview_dock.widget() is not None and hasattr(window.preview_dock.widget(), "shutdown"):
        window.preview_dock.widget().shutdown()


def open_preview(qtbot, window):
    action = window.actions["show_preview"]
    assert action in window.menuBar().actions()[2].menu().actions()  # View > Preview
    with qtbot.waitSignal(window.preview.rendered, timeout=20000) as first:
        action.trigger()
    return window.preview, first.args


def add_excerpts(window, library, count: int) -> None:
    source = library.sources[sorted(library.sources)[0]]
    for number in range(1, count + 1):
        paragraph = source.paragraphs()[(number - 1) % len(source.paragraphs())]
        window.controller.add_excerpt(window.controller.excerpt_from_source(source.id, (number - 1) % len(
            source.paragraphs()) + 1, 0, len(paragraph)))


def non_white(image) -> int:
    return sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
               if image.pixelColor(x, y).lightness() < 200)


def test_view_menu_opens_the_preview_of_the_current_layout(qtbot, window):
    pane, (page, pages) = open_preview(qtbot, window)
    assert window.preview_dock.isVisible()
    assert page == 1 and pages >= 1
    image = pane.image.pixmap().toImage()
    assert image.height() > image.width() > 200  # a portrait page, fitted to the pane's width
    assert non_white(image) > 20  # something is printed on it (title, marking)
    assert pane.page_label.text() == f"Page 1 of {pages}"


def test_edits_rerender_once_after_typing_stops_then_pages_and_zoom(qtbot, window, library):
    pane, (_, pages_before) = open_preview(qtbot, window)
    renders = []
    pane.rendered.connect(lambda page, pages: renders.append((page, pages)))
    for _ in range(4):  # a burst of edits, each within the quiet interval of the one before
        add_excerpts(window, library, 6)
        qtbot.wait(100)
    qtbot.waitUntil(lambda: bool(renders), timeout=20000)
    qtbot.wait(800)
    assert len(renders) == 1, "one render for the burst, not one per edit"
    assert renders[0][1] > pages_before

    with qtbot.waitSignal(pane.rendered, timeout=10000) as turned:
        qtbot.mouseClick(pane.next_button, qtbot_left())
    assert turned.args[0] == 2 and pane.page_label.text().startswith("Page 2 of")
    assert pane.image.pixmap().width() <= pane.scroll.viewport().width()  # "Fit width" by default
    with qtbot.waitSignal(pane.rendered, timeout=10000):
        pane.zoom.setCurrentIndex(pane.zoom.findData(50))
    width = pane.image.pixmap().width()
    with qtbot.waitSignal(pane.rendered, timeout=10000):
        pane.zoom.setCurrentIndex(pane.zoom.findData(150))
    assert pane.image.pixmap().width() == pytest.approx(width * 3, rel=0.02)  # 150% is three times 50%


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_rendering_does_not_stall_the_event_loop(qtbot, window, library):
    pane, _ = open_preview(qtbot, window)
    add_excerpts(window, library, 30)  # several pages to lay out
    heartbeat = LoopGaps()
    heartbeat.start()
    with qtbot.waitSignal(pane.rendered, timeout=20000):
        pass
    heartbeat.stop()
    gaps = heartbeat.gaps
    assert gaps and max(gaps) < 0.25, f"longest gap {max(gaps) * 1000:.0f} ms"  # benchmark holds it to 100 ms


def test_the_preview_says_whether_a_memo_fits_its_page_budget(qtbot, window, library):
    assert window.controller.briefing.meta.layout == "info-memo"  # a new briefing is an information memo
    pane, _ = open_preview(qtbot, window)
    assert "Fits the 2-page budget" in pane.status.text()
    with qtbot.waitSignal(pane.rendered, timeout=30000) as shown:
        add_excerpts(window, library, 40)
    assert shown.args[1] > 2 and "Over the page budget" in pane.status.text()
