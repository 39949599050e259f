"""The open document and per-session state: the document session (open with the anchoring check,
save, autosave policy, undo with change records), recovery autosaves and the recent-files list.

Qt-free so the GUI, the CLI, tests and a crashed process's successor all use the same rules.
"""

from briefing.model.changes import Change
from briefing.session.document import DocumentSession
from briefing.session.recent import RecentFiles
from briefing.session.recovery import Recovery, RecoveryStore

__all__ = ["Change", "DocumentSession", "RecentFiles", "Recovery", "RecoveryStore"]
