"""Per-session state that outlives a crash: autosaved recovery files and the recent-files list.

Qt-free so the CLI, tests and a crashed process's successor can all read it.
"""

from briefing.session.recent import RecentFiles
from briefing.session.recovery import Recovery, RecoveryStore

__all__ = ["RecentFiles", "Recovery", "RecoveryStore"]
