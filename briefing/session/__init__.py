"""Per-user session state kept outside the briefing file: recovery autosaves and recent files (Qt-free)."""
