"""Composition: a briefing, its library, a citation processor and a layout -> a ``Document``
(``briefing.compose.document``) that every writer renders.  See ``compose.compose``."""

from briefing.compose.compose import COMPOSERS, INCLUDE_PARTS, Composition, compose, included, register_composer
from briefing.compose.kinds import ITEM_KINDS, register_kind
from briefing.compose.layout import Layout, layout_for, load_layout
from briefing.compose import book, memo, packet  # noqa: E402,F401  (register their composers and settings)

__all__ = ["COMPOSERS", "INCLUDE_PARTS", "ITEM_KINDS", "Composition", "Layout", "compose",
           "included", "layout_for", "load_layout", "register_composer", "register_kind"]
