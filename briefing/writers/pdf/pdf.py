"""``write_pdf``: a composed document as a PDF, in one platypus layout pass into memory, then an
atomic move into place.  Registered as the "pdf" writer (``briefing.writers``)."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config
from reportlab.platypus.doctemplate import LayoutError

from briefing import registry
from briefing.compose.document import Contents
from briefing.errors import BriefingError, ContentError
from briefing.writers.base import Cancel, ExportCancelled, Progress, WriteResult
from briefing.writers.pdf import coverage
from briefing.writers.pdf.fonts import register_fonts
from briefing.writers.pdf.lockdown import lock_down_reportlab
from briefing.writers.pdf.longtext import bounded
from briefing.writers.pdf.markup import clean
from briefing.writers.pdf.page_templates import STORY_SHARE, BriefingDocTemplate, NumberingCanvas
from briefing.writers.pdf.render import StoryRenderer
from briefing.writers.pdf.styles import build_styles
from briefing.writers.themes import Theme
from briefing.yamlio import atomic_write_bytes

MIN_FRAME = 144  # points; smaller than this and nothing sensible fits


@dataclass
class PdfWriteResult(WriteResult):
    # characters the fonts cannot draw (or control characters), shown as U+FFFD in the PDF
    replaced: list[str] = field(default_factory=list)


def replaced_warning(replaced: list[str]) -> str:
    shown = " ".join(f"U+{ord(c):04X}" for c in replaced[:12]) + (" …" if len(replaced) > 12 else "")
    return (f"{len(replaced)} character(s) could not be shown with the PDF fonts and appear "
            f"as \ufffd: {shown}.")


def binary_streams() -> None:
    """Write compressed streams as binary, not also ASCII85-encoded (reportlab's default): the
    pages show the same and the file is ~20% smaller.  A process-wide reportlab setting, applied
    on import and before every export (like ``lock_down_reportlab``)."""
    rl_config.useA85 = 0


binary_streams()


def _page_size(document, theme: Theme):
    name = (document.info.page_size or theme["page_size"]).lower()
    size = registry.page_sizes().require(name).size  # BriefingError naming the sizes there are
    m = theme["margins"]
    if size[0] - m["inner"] - m["outer"] < MIN_FRAME or size[1] - m["top"] - m["bottom"] < MIN_FRAME:
        raise ContentError(theme.path, "margins leave too little room for text on the page", field="margins")
    return size


def render_pdf(document, theme: Theme, *, deterministic: bool = False, progress: Progress | None = None,
               cancel: Cancel | None = None) -> tuple[bytes, int]:
    """The PDF as bytes and its page count; raises ExportCancelled, ContentError (bad theme)."""
    lock_down_reportlab()
    binary_streams()
    register_fonts()
    pagesize = _page_size(document, theme)
    styles = build_styles(theme)
    info = document.info
    toc_keys = [e.anchor for b in document.blocks() if isinstance(b, Contents) for e in b.entries]
    if progress:
        progress(0.0, "Preparing the document")

    def build(safe: bool) -> tuple[bytes, int]:
        buf = io.BytesIO()
        holder: dict = {}

        def on_anchor(key: str, page: int) -> None:
            holder["doc"].section_drawn(key, page)

        def on_label(label: str) -> None:
            holder["doc"].set_header_label(label)

        margins = theme["margins"]
        # building the story (reportlab parses every paragraph's markup) is the first ~5% of the
        # bar, part by part; the page template's layout fractions start there
        on_part = (lambda done: progress(STORY_SHARE * done, "Preparing the document")) if progress else None
        renderer = StoryRenderer(document, theme, styles, on_anchor, safe=safe, on_label=on_label,
                                 frame_width=pagesize[0] - margins["inner"] - margins["outer"], on_part=on_part)
        story = bounded(renderer.story())  # long paragraphs as short pieces: layout linear in the text
        metadata = {"title": clean(info.title) or "Untitled briefing", "author": clean(info.author),
                    "subject": clean(info.subject), "keywords": [clean(k) for k in info.keywords],
                    "creator": "Briefing Book"}
        doc = BriefingDocTemplate(
            buf, theme=theme, pagesize=pagesize, title=info.running_title, marking=info.marking, info=metadata,
            toc_keys=toc_keys, progress=progress, cancel=cancel, total_flowables=len(story),
            invariant=deterministic, first_template=renderer.first_template(), page_numbers=info.page_numbers,
        )
        holder["doc"] = doc
        doc.labelled = renderer.labelled
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


def write_pdf(document, theme: Theme, output, progress: Progress | None = None, cancel: Cancel | None = None,
              *, deterministic: bool = False) -> PdfWriteResult:
    """Write ``document`` as a PDF at ``output`` (or return its bytes when ``output`` is None).

    Nothing is written until the whole PDF is ready; then it replaces ``output`` atomically,
    so a cancel or failure leaves any previous file as it was."""
    with coverage.collecting() as found:
        data, pages = render_pdf(document, theme, deterministic=deterministic, progress=progress, cancel=cancel)
    replaced = sorted(found)
    warnings = list(document.warnings) + ([replaced_warning(replaced)] if replaced else [])
    if cancel is not None and cancel():
        raise ExportCancelled("export cancelled")
    if output is None:
        return PdfWriteResult(path=None, pages=pages, warnings=warnings, data=data, replaced=replaced)
    out = Path(output)
    if out.is_dir():
        raise BriefingError(f"Could not save the PDF: {out} is a folder.")
    if not out.parent.is_dir():
        raise BriefingError(f"Could not save the PDF: the folder {out.parent} does not exist.")
    try:
        atomic_write_bytes(out, data)
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise BriefingError(f"Could not save the PDF to {out}: {reason}.") from exc
    return PdfWriteResult(path=out, pages=pages, warnings=warnings, replaced=replaced)
