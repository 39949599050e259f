"""Writers render a composed document (``briefing.compose.document``) into one file format.

Each writer is registered under a name ("pdf"; "docx" and "html" come with the layouts work)
with one call shape (``briefing.writers.base.Writer``): ``write(document, theme, output,
progress, cancel) -> WriteResult``.  ``export`` is what the CLI and the GUI call: compose, then
write with the named writer.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import BriefingError
from briefing.writers.base import Cancel, ExportCancelled, Progress, WriteResult, Writer

__all__ = ["ExportCancelled", "WriteResult", "WriterInfo", "export", "get", "names", "prepare", "register"]


@dataclass(frozen=True)
class WriterInfo:
    name: str
    writer: Writer | str  # the function, or "module:function" imported on first use
    extension: str  # ".pdf"
    label: str  # "PDF document", for file dialogs
    warm_up: str | None = None  # "module:function" loading what a first export needs (fonts)

    def load(self) -> Writer:
        if callable(self.writer):
            return self.writer
        return _resolve(self.writer)

    def prepare(self) -> None:
        """Import the writer and load what its first export would (the PDF writer's ~0.3 s of
        reportlab and fonts): the export dialog calls it off the GUI thread when it opens."""
        self.load()
        if self.warm_up:
            _resolve(self.warm_up)()


def prepare(name: str) -> None:
    """What an export in ``name`` will need, loaded ahead (composition, citations, the writer and
    its fonts): the export dialog calls it off the GUI thread when it opens."""
    import briefing.citation.processor  # noqa: F401
    import briefing.compose  # noqa: F401

    get(name).prepare()


def _resolve(target: str):
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)


_WRITERS: dict[str, WriterInfo] = {}


def register(name: str, writer: Writer | str, extension: str, label: str, warm_up: str | None = None) -> None:
    """Make ``writer`` available as ``name``; a "module:function" string defers the import (the
    PDF writer imports reportlab, which start-up does not need)."""
    _WRITERS[name] = WriterInfo(name, writer, extension if extension.startswith(".") else "." + extension, label,
                                warm_up)


def get(name: str) -> WriterInfo:
    try:
        return _WRITERS[name]
    except KeyError:
        raise BriefingError(f"Unknown export format '{name}'; use one of: {', '.join(names())}.") from None


def names() -> list[str]:
    return list(_WRITERS)


register("pdf", "briefing.writers.pdf.pdf:write_pdf", ".pdf", "PDF document",
         warm_up="briefing.writers.pdf.fonts:register_fonts")
register("docx", "briefing.writers.docx:write_docx", ".docx", "Word document")
register("html", "briefing.writers.html:write_html", ".html", "Web page (HTML)")


def _theme_names(theme_arg, theme) -> tuple[str, ...]:
    """Names a layout may be found under: the theme asked for, its name, the theme it inherits from."""
    out = [str(theme_arg)] if theme_arg and Path(str(theme_arg)).suffix not in (".yaml", ".yml") else []
    out += [theme.name, theme.values.get("parent") or ""]
    return tuple(n for n in out if n)


def export(briefing, library, output, *, format: str = "pdf", layout=None, theme=None, style: str | None = None,
           page_size: str | None = None, include: dict | None = None, progress: Progress | None = None,
           cancel: Cancel | None = None, deterministic: bool = False, base_dir: Path | None = None) -> WriteResult:
    """Compose ``briefing`` and write it with the ``format`` writer at ``output`` (None: bytes in
    ``WriteResult.data``).  Theme, citation style, layout and page size default to the
    briefing's own (``briefing.meta``); ``include`` turns optional parts off
    ({"cover", "toc", "sources", "comments"} -> bool).  ``base_dir``, the saved briefing's folder,
    is where a theme or layout the briefing names by relative path is looked for (and nowhere else)."""
    from briefing.citation import processor_for, waiting
    from briefing.compose import compose, layout_for, load_layout
    from briefing.writers.progress import ExportProgress
    from briefing.writers.themes import load_theme

    info = get(format)
    meta = briefing.meta
    theme_obj = load_theme(theme or meta.theme or "memo", base_dir)
    layout_obj = (load_layout(layout) if layout
                  else layout_for(meta, _theme_names(theme or meta.theme, theme_obj), base_dir=base_dir))
    processor = processor_for(style or meta.citation_style or "chicago")
    stages = ExportProgress(progress, cancel)
    stages.composing()
    with waiting.reporting(stages.citing if progress is not None or cancel is not None else None):
        document = compose(briefing, library, processor, layout_obj, include)
    if page_size:
        document.info.page_size = page_size.lower()
    if cancel is not None and cancel():
        raise ExportCancelled("export cancelled")
    options: dict[str, Any] = {"deterministic": True} if deterministic else {}
    return info.load()(document, theme_obj, Path(output) if output is not None else None,
                       stages.writing if progress is not None else None, cancel, **options)


