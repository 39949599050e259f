"""Toolbar and menu icons: the desktop theme's icon when it has one, else the bundled SVG.

Bundled icons live in ``resources/icons/<freedesktop name>.svg``; SVG renders sharp at any
device pixel ratio, so the toolbar stays crisp on high-DPI screens.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from briefing import paths

# action key -> freedesktop icon name (also the bundled file's stem)
ACTION_ICONS = {
    "new": "document-new", "open": "document-open", "save": "document-save", "undo": "edit-undo",
    "redo": "edit-redo", "add_excerpt": "insert-quote", "add_suggestion": "list-add", "import": "document-import",
    "source_details": "document-properties", "export": "document-export", "delete": "edit-delete",
    "new_topic": "topic-new", "edit_section": "section-edit",
}


def themed_icon(name: str) -> QIcon:
    """``QIcon.fromTheme(name)`` with the bundled SVG as fallback (offscreen and on Windows/macOS
    there is usually no theme)."""
    bundled = paths.ICONS_DIR / f"{name}.svg"
    fallback = QIcon(str(bundled)) if bundled.is_file() else QIcon()
    return QIcon.fromTheme(name, fallback)


def bundled_icon_names() -> list[str]:
    return sorted(p.stem for p in paths.ICONS_DIR.glob("*.svg") if p.stem != "briefing-book")
