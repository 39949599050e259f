"""The words a citation style uses (month names, "n.d.", "para."), read from resources/citation-styles/.

Style words are content, not code: a correction to an abbreviation is a data change. Each file is
parsed once per process and checked, so a broken file fails loudly with its path and field.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import ContentError
from briefing.paths import RESOURCES_DIR
from briefing.yamlio import load_file

STYLES = ("chicago", "apa", "mla")
STYLES_DIR = RESOURCES_DIR / "citation-styles"

_TEXT_FIELDS = ("name", "date_day", "date_month", "date_year", "no_date", "paragraph",
                "and", "et_al", "quote_open", "quote_close")


@dataclass(frozen=True)
class Terms:
    style: str
    name: str
    months: tuple[str, ...]
    date_day: str
    date_month: str
    date_year: str
    no_date: str
    paragraph: str
    and_: str
    et_al: str
    quote_open: str
    quote_close: str


def check_style(style: str) -> str:
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; valid styles: {', '.join(STYLES)}")
    return style


@functools.lru_cache(maxsize=None)
def load_terms(style: str, directory: Path = STYLES_DIR) -> Terms:
    check_style(style)
    path = directory / f"{style}.yaml"
    data = load_file(path)
    if not isinstance(data, dict):
        raise ContentError(path, "a citation style file must be a mapping")
    for key in _TEXT_FIELDS:
        if not isinstance(data.get(key), str) or not data[key]:
            raise ContentError(path, f"missing or empty text field {key!r}", field=key)
    months = data.get("months")
    if not (isinstance(months, list) and len(months) == 12 and all(isinstance(m, str) and m for m in months)):
        raise ContentError(path, "months must list twelve names", field="months")
    return Terms(
        style=style, name=data["name"], months=tuple(months),
        date_day=data["date_day"], date_month=data["date_month"], date_year=data["date_year"],
        no_date=data["no_date"], paragraph=data["paragraph"], and_=data["and"], et_al=data["et_al"],
        quote_open=data["quote_open"], quote_close=data["quote_close"],
    )
