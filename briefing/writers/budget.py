"""The page budget of a layout (an information memo: two pages): does the document fit, and by
how much does it not.

The check is one PDF layout of the document, the pages a reader would print; a PDF export *is*
that layout, so exporting a PDF costs nothing more, and a DOCX or HTML export of a budgeted
layout costs one PDF layout in memory besides its own writing (at most ~2x a single export,
never a search over trial layouts).  An attachment (``Part.kind == "attachment"``, which the memo
makes with ``overflow: attachment``) is outside the budget: the memo's own pages are those
before the attachment starts, read from the PDF's outline.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

ATTACHMENT_LAYOUT_SUFFIX = "-attachment"  # info-memo -> info-memo-attachment


@dataclass(frozen=True)
class Verdict:
    pages: int  # the pages the budget counts (the attachment's are not)
    budget: int
    attachment_pages: int = 0
    attachment_layout: str = ""  # the layout that moves the overflow to an attachment, if any

    @property
    def over(self) -> int:
        return max(0, self.pages - self.budget)

    @property
    def fits(self) -> bool:
        return self.over == 0

    @property
    def message(self) -> str:
        unit = "page" if self.budget == 1 else "pages"
        if self.fits:
            extra = f", plus a {self.attachment_pages}-page attachment" if self.attachment_pages else ""
            return f"Fits the {self.budget}-page budget: {self.pages} of {self.budget} {unit}{extra}."
        over = f"{self.over} page{'s' if self.over != 1 else ''}"
        return (f"Over the page budget: the document runs to {self.pages} pages, {over} more than its "
                f"{self.budget}-page budget.")

    @property
    def offer(self) -> str:
        """What the user can do about it, in plain words (empty when it fits)."""
        if self.fits:
            return ""
        if self.attachment_layout:
            return (f"Move the background excerpts to an attachment (layout '{self.attachment_layout}'), "
                    "or shorten the memo.")
        return "Shorten it: fewer excerpts or shorter ones."


def layout_values(briefing, layout=None) -> tuple[str, dict]:
    """The (name, settings) of the layout an export of ``briefing`` would use."""
    from briefing.compose import Layout, layout_for, load_layout

    chosen = layout if isinstance(layout, Layout) else load_layout(layout) if layout else layout_for(briefing.meta)
    return chosen.name, chosen.values


def page_budget(briefing, layout=None) -> int:
    return int(layout_values(briefing, layout)[1].get("page_budget") or 0)


def attachment_layout_for(name: str) -> str:
    """The bundled or user layout that moves this one's overflow to an attachment, if there is one."""
    from briefing.compose.layout import layout_path

    if name.endswith(ATTACHMENT_LAYOUT_SUFFIX):
        return ""
    candidate = name + ATTACHMENT_LAYOUT_SUFFIX
    try:
        return candidate if layout_path(candidate).is_file() else ""
    except (OSError, ValueError):
        return ""


def attachment_start(pdf: bytes, title: str) -> int | None:
    """The 0-based page where the outline entry ``title`` points, or None."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))

    def walk(entries):
        for entry in entries:
            if isinstance(entry, list):
                found = walk(entry)
                if found is not None:
                    return found
            elif getattr(entry, "title", None) == title:
                return reader.get_destination_page_number(entry)
        return None

    try:
        return walk(reader.outline)
    except Exception:  # a PDF without an outline: the whole document counts
        return None


def verdict(pages: int, budget: int, layout_name: str = "", pdf: bytes | None = None) -> Verdict:
    """The verdict for a document of ``pages`` pages; ``pdf`` lets an attachment be left out."""
    from briefing.compose.memo import ATTACHMENT_TITLE

    counted, attached = pages, 0
    if pdf is not None and layout_name.endswith(ATTACHMENT_LAYOUT_SUFFIX):
        start = attachment_start(pdf, ATTACHMENT_TITLE)
        if start is not None:
            counted, attached = start, pages - start
    return Verdict(counted, budget, attached, attachment_layout_for(layout_name))


def check(briefing, library, layout=None, *, pdf_result=None, **export_options) -> Verdict | None:
    """The budget verdict of exporting ``briefing`` with ``layout`` (None when it has no budget).

    ``pdf_result``: the ``WriteResult`` of a PDF export just made with ``data`` (reused, nothing
    laid out again); otherwise one PDF is laid out in memory."""
    name, values = layout_values(briefing, layout)
    budget = int(values.get("page_budget") or 0)
    if not budget:
        return None
    if pdf_result is None:
        from briefing.writers import export

        pdf_result = export(briefing, library, None, format="pdf", layout=layout, **export_options)
    data = pdf_result.data
    if data is None and pdf_result.path is not None and name.endswith(ATTACHMENT_LAYOUT_SUFFIX):
        data = Path(pdf_result.path).read_bytes()
    return verdict(pdf_result.pages or 0, budget, name, data)
