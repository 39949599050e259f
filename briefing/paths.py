"""Where bundled content, resources and per-user data live.

``BRIEFING_BOOK_HOME`` moves every per-user directory under one folder; tests and
benchmarks use it so they never touch a real user's files.
"""

from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path

APP_NAME = "briefing-book"


def _bundled(package: str, folder: str) -> Path:
    """The real folder of a data package shipped in the wheel (``content/`` -> ``briefing.content``).

    An installed wheel puts it in site-packages, an editable install maps it to the checkout;
    a checkout run without any install (``PYTHONPATH=.``) falls back to the folder beside the package.
    """
    # The package's spec, not ``importlib.resources.files()``: the same folder without importing
    # importlib.resources (~5 ms) at every start-up.
    try:
        spec = find_spec(package)
    except ModuleNotFoundError:
        spec = None
    if spec is None:
        return Path(__file__).resolve().parent.parent / folder
    root = Path(spec.origin).parent if spec.origin and spec.has_location else None
    if root is None or not root.is_dir():  # e.g. a zip import: fonts and sources must be real files
        raise ImportError(f"{package} is not a folder on disk ({spec.origin}); install briefing-book unzipped")
    return root


CONTENT_DIR = _bundled("briefing.content", "content")
RESOURCES_DIR = _bundled("briefing.resources", "resources")
FONTS_DIR = RESOURCES_DIR / "fonts"
THEMES_DIR = RESOURCES_DIR / "themes"
ICONS_DIR = RESOURCES_DIR / "icons"


def _home_override() -> Path | None:
    value = os.environ.get("BRIEFING_BOOK_HOME")
    return Path(value) if value else None


def uses_platformdirs() -> bool:
    """Whether the per-user folders come from platformdirs (no BRIEFING_BOOK_HOME override)."""
    return _home_override() is None


def user_data_dir() -> Path:
    """Survives reinstalling: the user library, recovery files, settings."""
    home = _home_override()
    if home:
        path = home / "data"
    else:
        import platformdirs  # only without BRIEFING_BOOK_HOME: ~5 ms of imports otherwise spared

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_cache_dir() -> Path:
    """Disposable: the search index and the library metadata cache."""
    home = _home_override()
    if home:
        path = home / "cache"
    else:
        import platformdirs

        path = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_library_dir() -> Path:
    path = user_data_dir() / "library"
    (path / "sources").mkdir(parents=True, exist_ok=True)
    return path
