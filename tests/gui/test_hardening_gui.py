"""HTML shown in the reader loads nothing: markup in a source's text or metadata is shown as
literal text, the view's loadResource is never asked for it, and a local listener hears nothing."""

from __future__ import annotations

import pytest

from briefing.gui.reader_pane import ReaderPane, ReaderView, header_html

from hardening_support import Listener, payloads, user_library, write_source


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def test_reader_shows_markup_literally_and_loads_nothing(qtbot, tmp_path, listener, monkeypatch):
    marker = tmp_path / "MARKER"
    img_file = '<img src="file:///etc/passwd">'
    img_http = f'<img src="http://127.0.0.1:{listener.port}/x.png">'
    hostile = [img_file, img_http, *payloads(marker, listener.port)[:5]]
    joined = " ".join(hostile)
    root = tmp_path / "lib"
    write_source(root, "evil", {
        "kind": "report", "title": "T " + joined, "publisher": "P " + img_file, "authors": ["A " + img_http],
        "url": f"http://127.0.0.1:{listener.port}/\"><img src=\"file:///etc/passwd\">",
        "captions": ["C " + img_http], "inferred": {"title": "R " + img_file},
    }, "\n\n".join(hostile) + "\n")
    library = user_library(root)
    assert not library.problems

    asked = []
    real = ReaderView.loadResource

    def spy(self, kind, name):
        asked.append(name.toString() if hasattr(name, "toString") else str(name))
        return real(self, kind, name)

    monkeypatch.setattr(ReaderView, "loadResource", spy)
    pane = ReaderPane(library, None)
    qtbot.addWidget(pane)
    pane.resize(600, 400)
    pane.show()
    pane.show_source("evil")
    qtbot.wait(50)

    shown = pane.view.toPlainText()
    for text in [*hostile, "P " + img_file, "A " + img_http, "C " + img_http]:
        assert text in shown, text
    for n, text in enumerate(hostile, 1):
        assert pane.paragraph_block_text(n) == text
    assert asked == [], "the reader asked to load a resource"
    assert "<img" not in header_html(library.source("evil"))
    assert listener.connections == []
    # the document holds no image at all
    assert "<img" not in pane.view.document().toHtml()
