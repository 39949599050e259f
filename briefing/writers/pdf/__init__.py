"""PDF writer: a composed document as a PDF (reportlab platypus, public API only; embedded
DejaVu fonts; themes as data)."""

from briefing.writers.pdf.lockdown import lock_down_reportlab  # first: no reportlab URL/file fetching
from briefing.writers.pdf.pdf import PdfWriteResult, render_pdf, write_pdf

__all__ = ["PdfWriteResult", "lock_down_reportlab", "render_pdf", "write_pdf"]
