"""The application starts with files in the user library that once stopped it, and a briefing given
on the command line that cannot be opened is reported in plain words over a working window."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from briefing import paths
from briefing.gui import app as app_module
from briefing.gui.main_window import MainWindow

from mainwindow_support import open_index

BAD_SOURCES = {
    "date-key": "id: date-key\nkind: news\ntitle: A report\n2024-01-01: a note\n",
    "long-number": "id: long-number\nkind: news\ntitle: " + "7" * 4400 + "\n",
    "hex-number": "id: hex-number\nkind: news\ntitle: 0x" + "f" * 4000 + "\n",
    "deep": "id: deep\nkind: news\ntitle: " + "[" * 500 + "]" * 500 + "\n",
}


def test_the_window_starts_twice_with_hostile_files_and_reports_them(qtbot, library, tmp_path, monkeypatch):
    folder = paths.user_library_dir() / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in BAD_SOURCES.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        (folder / f"{name}.txt").write_text("Some text.\n", encoding="utf-8")
    given = tmp_path / "given.briefing.yaml"
    given.write_text("schema: briefing-book/1\nsections:\n- title: S\n  items:\n  - type: [excerpt]\n    text: x\n",
                     encoding="utf-8")
    seen: list[dict] = []
    warnings: list[str] = []

    def fake_exec(app):
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        seen.append({"status": window.statusBar().currentMessage(), "sources": set(window.library.sources)})
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    monkeypatch.setattr(app_module, "open_index", lambda: open_index(library))
    assert app_module.run([str(given)]) == 0
    assert app_module.run([]) == 0  # the second start reads the metadata cache the first one wrote
    for start in seen:
        assert start["sources"] == set(library.sources)
        assert "4 files in the library could not be used" in start["status"]
    [message] = warnings
    assert "given.briefing.yaml" in message and "type" in message and "Traceback" not in message
