"""The source library and topics: plain data loaded and validated from ``content/`` and the user library."""

from briefing.library.source import Source, split_paragraphs
from briefing.library.topics import Topic
from briefing.library.loader import Library

__all__ = ["Library", "Source", "Topic", "split_paragraphs"]
