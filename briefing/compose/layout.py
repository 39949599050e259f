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

from briefing import paths, registry
from briefing.schema import boolean, integer, load_chain, optional, text

LAYOUTS_DIR = paths.RESOURCES_DIR / "layouts"
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
    # added later, so a user's older layout file may leave them out (the composer's default then)
    "summary_label": optional(text),  # what the briefing's summary (BLUF) is called at the start of the body
    "talking_points_title": optional(text),  # print each section's talking points under this title; "" = not
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


def layout_path(ref: str | Path, base_dir: Path | None = None) -> Path:
    """A layout file given as a ``Path`` by the program is used as is.  A name (a briefing's
    ``meta.layout``, a command-line choice) goes through the registry (a user's layout folder
    first, then the bundled one); an unknown plain name gives the bundled folder's ``<name>.yaml``
    (which may not exist: loading it says so); anything else must be a path relative to the
    briefing's folder ``base_dir`` that stays inside it (``registry.resolve``)."""
    if isinstance(ref, Path):
        return ref
    entry = registry.layouts().get(ref)
    if entry is not None and entry.path is not None:
        return entry.path
    if isinstance(ref, str) and registry.NAME.match(ref):
        return LAYOUTS_DIR / f"{ref}.yaml"
    return registry.resolve("layouts", ref, base_dir)


def _parent(child: Path, name: str) -> Path:
    return registry.resolve_parent("layouts", child, name)


def load_layout(name_or_path: str | Path = DEFAULT_LAYOUT, schema: dict | None = None,
                base_dir: Path | None = None) -> Layout:
    """A layout by registry name ('memo', 'study', a user's own), by a briefing's relative path
    (with ``base_dir``), or any layout file given as a ``Path``.

    ``schema`` lets a composer with settings of its own validate them (it extends ``SCHEMA``)."""
    path = layout_path(name_or_path, base_dir)
    values = load_chain(path, schema or SCHEMA, "layout", registry.layouts().names(), find_parent=_parent)
    return Layout(name=values.get("name") or path.stem, values=values, path=path)


def layout_for(meta, theme_names: tuple[str, ...] = (), base_dir: Path | None = None) -> Layout:
    """The briefing's layout: ``meta.layout`` when it names one, else the first layout named like
    the theme or a theme it inherits from (today's two looks are a theme and a layout of the same
    name, so a theme with ``parent: study`` keeps the study structure), else the default."""
    name = getattr(meta, "layout", "") or ""
    if name:
        return load_layout(name, base_dir=base_dir)
    for candidate in (*theme_names, getattr(meta, "theme", "")):
        if candidate and "/" not in str(candidate) and layout_path(candidate).is_file():
            return load_layout(candidate)
    return load_layout(DEFAULT_LAYOUT)
