"""Writers render a composed document (``briefing.compose.document``) into one file format.

Each writer is registered under a name ("pdf"; "docx" and "html" come with the layouts work)
with one call shape (``briefing.writers.base.Writer``).
"""
