"""Layouts are data (``resources/layouts/*.yaml``): what a composed document contains and in
which order — cover, contents, key points before or after the excerpts, numbered excerpts,
questions, ruled lines.  How it looks (fonts, sizes, colours, margins) is the theme's.

A layout names its ``composer``: the function in ``briefing.compose`` that reads these settings
(see ``briefing.compose.compose`` for how a new one plugs in).  Loaded and validated like a
theme (``briefing.schema``): a bad value names its file, line and field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing import paths
from briefing.schema import boolean, integer, load_chain, settings_path, text

LAYOUTS_DIR = paths.RESOURCES_DIR / "layouts"
LAYOUT_NAMES = ("memo", "study")
DEFAULT_LAYOUT = "memo"

SCHEMA: dict[str, Any] = {
    "name": text,
    "parent": text,
    "composer": text,
    "cover": boolean,
    "contents": boolean,
    "key_points_first": boolean,
    "key_points_title": text,
    "numbered_excerpts": boolean,
    "excerpt_label": text,
    "discussion_questions": boolean,
    "section_page_break": boolean,
    "ruled_lines_after_section": integer(0, 60),
}


@dataclass(frozen=True)
class Layout:
    """A validated, fully merged layout; ``values`` keeps every setting, including ones a new
    composer adds to its own layout files (read with ``layout["key"]``)."""

    name: str
    values: dict[str, Any]
    path: Path | None = None

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def composer(self) -> str:
        return self.values["composer"]


def layout_path(name_or_path: str | Path) -> Path:
    """A layout file by path, or by name through the registry (a user's layout folder first, then
    the bundled one), else the bundled folder's ``<name>.yaml`` (which may not exist)."""
    path = settings_path(name_or_path, LAYOUTS_DIR)
    if path.parent == LAYOUTS_DIR and str(name_or_path) == path.stem:
        from briefing import registry

        entry = registry.layouts().get(str(name_or_path))
        if entry is not None and entry.path is not None:
            return entry.path
    return path


def load_layout(name_or_path: str | Path = DEFAULT_LAYOUT, schema: dict | None = None) -> Layout:
    """A bundled layout by name ('memo', 'study') or any layout file by path.

    ``schema`` lets a composer with settings of its own validate them (it extends ``SCHEMA``)."""
    path = layout_path(name_or_path)
    values = load_chain(path, schema or SCHEMA, "layout", LAYOUT_NAMES)
    return Layout(name=values.get("name") or path.stem, values=values, path=path)


def layout_for(meta, theme_names: tuple[str, ...] = ()) -> Layout:
    """The briefing's layout: ``meta.layout`` when it names one, else the first layout named like
    the theme or a theme it inherits from (today's two looks are a theme and a layout of the same
    name, so a theme with ``parent: study`` keeps the study structure), else the default."""
    name = getattr(meta, "layout", "") or ""
    if name:
        return load_layout(name)
    for candidate in (*theme_names, getattr(meta, "theme", "")):
        if candidate and "/" not in str(candidate) and layout_path(candidate).is_file():
            return load_layout(candidate)
    return load_layout(DEFAULT_LAYOUT)
