"""``QueryRefused`` on its own: the panes that catch it are built at start-up, the query parser
(``query.py``, with ``normalize``) is needed only by the first search, suggestion or count."""

from __future__ import annotations

from briefing.errors import BriefingError


class QueryRefused(BriefingError):
    """A search that is not run (too long, or stopped at the time limit), in plain words."""
