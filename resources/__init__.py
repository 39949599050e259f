"""Bundled fonts, themes, layouts, citation styles and icons (data only). This file makes the
folder the package ``briefing.resources`` in an installed wheel, found by ``briefing.paths``."""
