"""The layered import contract covers packages not written yet: a new core package that imports
Qt, or reaches up into the GUI, fails ``lint-imports`` (checked on a copy of the package tree)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def lint(root: Path) -> subprocess.CompletedProcess:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.skip("import-linter is not installed")
    return subprocess.run([lint_imports], cwd=root, capture_output=True, text=True, timeout=300,
                          env={"PATH": str(Path(sys.executable).parent), "PYTHONPATH": str(root)})


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of the package and its contracts, outside the checkout."""
    shutil.copytree(REPO / "briefing", tmp_path / "briefing", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def plant(tree: Path, package: str, source: str) -> None:
    folder = tree / "briefing" / package
    folder.mkdir()
    (folder / "__init__.py").write_text(source, encoding="utf-8")


def test_the_copy_passes_unchanged(tree):
    result = lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_new_core_package_importing_qt_fails(tree):
    plant(tree, "newcore", "import PySide6\n")
    result = lint(tree)
    assert result.returncode != 0
    assert "briefing.newcore -> PySide6" in result.stdout


def test_qt_planted_in_an_existing_core_package_fails(tree):
    (tree / "briefing" / "search" / "widgets.py").write_text("from PySide6 import QtWidgets\n", encoding="utf-8")
    result = lint(tree)
    assert result.returncode != 0
    assert "briefing.search.widgets -> PySide6" in result.stdout


def test_a_core_package_reaching_up_into_the_gui_fails(tree):
    (tree / "briefing" / "model" / "shortcut.py").write_text("from briefing.gui import app\n", encoding="utf-8")
    result = lint(tree)
    assert result.returncode != 0
    assert "briefing.model.shortcut -> briefing.gui" in result.stdout


def test_an_undeclared_new_package_fails_until_it_is_given_a_layer(tree):
    plant(tree, "timeline_tools", "from briefing import errors\n")
    result = lint(tree)
    assert result.returncode != 0 and "briefing.timeline_tools" in result.stdout
