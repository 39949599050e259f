"""Where bundled content, resources and per-user data live.

``BRIEFING_BOOK_HOME`` moves every per-user directory under one folder; tests and
benchmarks use it so they never touch a real user's files.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "briefing-book"
REPO_ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = REPO_ROOT / "content"
RESOURCES_DIR = REPO_ROOT / "resources"
FONTS_DIR = RESOURCES_DIR / "fonts"
THEMES_DIR = RESOURCES_DIR / "themes"
ICONS_DIR = RESOURCES_DIR / "icons"


def _home_override() -> Path | None:
    value = os.environ.get("BRIEFING_BOOK_HOME")
    return Path(value) if value else None


def user_data_dir() -> Path:
    """Survives reinstalling: the user library, recovery files, settings."""
    home = _home_override()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_cache_dir() -> Path:
    """Disposable: the search index and the library metadata cache."""
    home = _home_override()
    path = home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_library_dir() -> Path:
    path = user_data_dir() / "library"
    (path / "sources").mkdir(parents=True, exist_ok=True)
    return path
