"""PDF export of a briefing (reportlab platypus, embedded DejaVu fonts, themes as data)."""

from briefing.writers.pdf.lockdown import lock_down_reportlab  # first: no reportlab URL/file fetching
from briefing.writers.pdf.page_templates import ExportCancelled
from briefing.writers.pdf.pdf import ExportResult, export_pdf, render_pdf_bytes
from briefing.writers.themes import THEME_NAMES, load_theme

__all__ = ["ExportCancelled", "lock_down_reportlab", "ExportResult", "THEME_NAMES", "export_pdf", "load_theme", "render_pdf_bytes"]
