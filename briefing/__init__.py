"""Briefing Book: collect attributed excerpts from a source library into PDF briefings.

The core (library, search, model, citation, export, cli) is plain Python; only
``briefing.gui`` imports Qt.
"""

__version__ = "0.1.0"
