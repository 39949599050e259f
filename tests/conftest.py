"""Every test gets its own per-user home, so no test touches real user data or another test's index."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEEDS_DIR = Path(__file__).resolve().parent / "seeds"  # raw documents the bundled sources come from
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("BRIEFING_BOOK_HOME", str(home))
    return home


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the bundled content, for tests that break or edit files."""
    dest = tmp_path / "content"
    shutil.copytree(REPO / "content", dest)
    return dest
