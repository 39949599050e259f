"""The package installs anywhere: the wheel carries the bundled library and resources, and an
install without them fails loudly instead of showing an empty library."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from briefing import paths
from briefing.cli.main import main

REPO = Path(__file__).resolve().parents[1]


def tracked_files(folder: str) -> list[str]:
    """The files git tracks under a top-level folder: what a release must ship."""
    out = subprocess.run(["git", "ls-files", folder], cwd=REPO, capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if line]


@pytest.mark.slow
def test_wheel_ships_content_and_resources(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("briefing", "content", "resources"):
        shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(REPO / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"), str(src)],
                   check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("briefing_book-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    assert "briefing/content/topics.yaml" in names
    for font in ("DejaVuSerif.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"):
        assert f"briefing/resources/fonts/{font}" in names
    for theme in ("memo", "study", "base"):
        assert f"briefing/resources/themes/{theme}.yaml" in names
    # every tracked file of both folders, whatever its kind or sub-folder
    for folder in ("content", "resources"):
        for path in tracked_files(folder):
            assert f"briefing/{path}" in names, path
    # nothing of the checkout's layout outside the package
    assert not [n for n in names if n.split("/")[0] in ("content", "resources", "tests")]


def test_bundled_folders_are_real_directories():
    assert (paths.CONTENT_DIR / "topics.yaml").is_file()
    assert len(list((paths.CONTENT_DIR / "sources").glob("*.yaml"))) == 5
    assert (paths.FONTS_DIR / "DejaVuSerif.ttf").is_file()
    assert (paths.THEMES_DIR / "memo.yaml").is_file()
    assert (paths.ICONS_DIR / "briefing-book.svg").is_file()


def test_empty_bundled_library_is_an_error_not_an_empty_list(tmp_path, monkeypatch, capsys):
    empty = tmp_path / "installed-without-content"
    empty.mkdir()
    monkeypatch.setattr(paths, "CONTENT_DIR", empty)
    code = main(["topics"])
    out, err = capsys.readouterr()
    assert code != 0
    assert "No topics" not in out
    assert "bundled library" in err and "reinstall" in err and "Traceback" not in err


def test_the_window_refuses_to_start_on_an_empty_bundled_library(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication, QMessageBox

    from briefing.gui import app as app_module

    empty = tmp_path / "installed-without-content"
    empty.mkdir()
    monkeypatch.setattr(paths, "CONTENT_DIR", empty)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    monkeypatch.setattr(QApplication, "exec", lambda app: pytest.fail("the window opened on an empty library"))
    assert app_module.run([]) != 0
    [message] = shown
    assert "bundled library" in message and "reinstall" in message
