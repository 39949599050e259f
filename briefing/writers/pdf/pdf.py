"""export_pdf: one platypus layout pass into memory, then an atomic move into place."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.platypus.doctemplate import LayoutError

from briefing.errors import BriefingError, ContentError
from briefing.writers.pdf import coverage
from briefing.writers.pdf.fonts import register_fonts
from briefing.writers.pdf.lockdown import lock_down_reportlab
from briefing.writers.pdf.markup import clean
from briefing.writers.pdf.page_templates import BriefingDocTemplate, ExportCancelled, NumberingCanvas
from briefing.writers.pdf.render import StoryBuilder, plan_for
from briefing.writers.pdf.styles import build_styles
from briefing.writers.themes import PAGE_SIZES, load_theme
from briefing.yamlio import atomic_write_bytes

PAGE_SIZE_MAP = {"letter": LETTER, "a4": A4}
MIN_FRAME = 144  # points; smaller than this and nothing sensible fits


@dataclass
class ExportResult:
    path: Path
    pages: int
    # characters the fonts cannot draw (or control characters), shown as U+FFFD in the PDF
    replaced: list[str] = field(default_factory=list)

    @property
    def warning(self) -> str | None:
        """A plain sentence for the user when characters were replaced, else None."""
        if not self.replaced:
            return None
        shown = " ".join(f"U+{ord(c):04X}" for c in self.replaced[:12]) + (" …" if len(self.replaced) > 12 else "")
        return (f"{len(self.replaced)} character(s) could not be shown with the PDF fonts and appear "
                f"as \ufffd: {shown}.")


def binary_streams() -> None:
    """Write compressed streams as binary, not also ASCII85-encoded (reportlab's default).

    The pages show the same; the file is ~20% smaller, and without reportlab's optional C
    accelerator the pure-Python ASCII85 encoder was ~15% of an export.  A process-wide
    reportlab setting, applied on import and before every export (like ``lock_down_reportlab``).
    """
    rl_config.useA85 = 0


binary_streams()


def _citer(style: str):
    from briefing.citation import Citer

    return Citer(style)


def render_pdf_bytes(briefing, library, *, theme=None, style=None, page_size=None, deterministic=False,
                     include: dict | None = None,
                     progress: Callable[[float, str], None] | None = None,
                     cancel: Callable[[], bool] | None = None) -> tuple[bytes, int]:
    """The PDF as bytes and its page count; raises ExportCancelled, ContentError (bad theme)."""
    lock_down_reportlab()
    binary_streams()
    register_fonts()
    meta = briefing.meta
    theme_obj = load_theme(theme or meta.theme or "memo")
    size_name = (page_size or meta.page_size or theme_obj["page_size"]).lower()
    if size_name not in PAGE_SIZES:
        raise BriefingError(f"Unknown page size '{size_name}'; use one of: {', '.join(PAGE_SIZES)}.")
    pagesize = PAGE_SIZE_MAP[size_name]
    m = theme_obj["margins"]
    if pagesize[0] - m["inner"] - m["outer"] < MIN_FRAME or pagesize[1] - m["top"] - m["bottom"] < MIN_FRAME:
        raise ContentError(theme_obj.path, "margins leave too little room for text on the page", field="margins")
    citer = _citer(style or meta.citation_style or "chicago")
    styles = build_styles(theme_obj)
    plan = plan_for(briefing, include)
    if progress:
        progress(0.0, "Preparing the document")

    def build(safe: bool) -> tuple[bytes, int]:
        buf = io.BytesIO()
        holder: dict = {}

        def on_section(key: str, page: int) -> None:
            holder["doc"].section_drawn(key, page)

        builder = StoryBuilder(briefing, library, theme_obj, styles, citer, plan, on_section, safe=safe,
                               include=include)
        story = builder.story()
        info = {
            "title": clean(meta.title) or "Untitled briefing",
            "author": clean(meta.prepared_by),
            "subject": clean(meta.purpose or meta.subtitle),
            "keywords": plan.keywords,
            "creator": "Briefing Book",
        }
        doc = BriefingDocTemplate(
            buf, theme=theme_obj, pagesize=pagesize, title=meta.title, marking=meta.marking, info=info,
            toc_keys=[k for k, _ in plan.toc], progress=progress, cancel=cancel,
            total_flowables=len(story), invariant=deterministic, first_template=builder.first_template(),
        )
        holder["doc"] = doc
        canvases: list = []

        def make_canvas(*args, **kwargs):
            canvas = NumberingCanvas(*args, doc=doc, **kwargs)
            canvases.append(canvas)
            return canvas

        doc.build(story, canvasmaker=make_canvas)
        return buf.getvalue(), canvases[-1].bb_pages

    try:
        data, pages = build(safe=False)
    except LayoutError:
        # e.g. a keep-together group that cannot fit; lay out again with every block splittable
        try:
            data, pages = build(safe=True)
        except LayoutError as exc:
            raise BriefingError(f"The briefing could not be laid out on the page: {exc}") from exc
    if progress:
        progress(1.0, f"Done: {pages} pages")
    return data, pages


def export_pdf(briefing, library, out_path, *, theme=None, style=None, page_size=None, deterministic=False,
               include: dict | None = None, progress=None, cancel=None) -> ExportResult:
    """Write the briefing as a PDF at ``out_path``.

    ``include`` turns optional parts off: {"cover", "toc", "sources", "comments"} -> bool.

    Nothing is written until the whole PDF is ready; then it replaces ``out_path`` atomically,
    so a cancel or failure leaves any previous file as it was.
    """
    out = Path(out_path)
    with coverage.collecting() as replaced:
        data, pages = render_pdf_bytes(briefing, library, theme=theme, style=style, page_size=page_size,
                                       deterministic=deterministic, include=include, progress=progress,
                                       cancel=cancel)
    if cancel is not None and cancel():
        raise ExportCancelled("export cancelled")
    if out.is_dir():
        raise BriefingError(f"Could not save the PDF: {out} is a folder.")
    if not out.parent.is_dir():
        raise BriefingError(f"Could not save the PDF: the folder {out.parent} does not exist.")
    try:
        atomic_write_bytes(out, data)
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise BriefingError(f"Could not save the PDF to {out}: {reason}.") from exc
    return ExportResult(path=out, pages=pages, replaced=sorted(replaced))
