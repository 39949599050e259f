"""File ▸ Open Recent: filled from the controller's recent-files list each time it opens."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QMenu, QWidget


class RecentFilesMenu(QMenu):
    """Entries are numbered (&1 … &9) so the keyboard reaches them: Alt+F, R, 1."""

    def __init__(self, recent_files: Callable[[], list[Path]], open_file: Callable[[Path], object],
                 parent: QWidget | None = None):
        super().__init__("Open &Recent", parent)
        self.setObjectName("recentFilesMenu")
        self.menuAction().setToolTip("Reopen a briefing you worked on recently")
        self.menuAction().setStatusTip("Reopen a briefing you worked on recently")
        self._recent_files = recent_files
        self._open_file = open_file
        self.aboutToShow.connect(self.rebuild)

    def rebuild(self) -> None:
        self.clear()
        files = [p for p in self._recent_files() if Path(p).exists()]
        if not files:
            empty = self.addAction("No recent briefings")
            empty.setEnabled(False)
            return
        for number, path in enumerate(files[:9], 1):
            path = Path(path)
            action = self.addAction(f"&{number}  {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(f"Open {path}")
            action.triggered.connect(lambda _checked=False, p=path: self._open_file(p))
