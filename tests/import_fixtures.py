"""Documents the import tests make themselves, each like a real one of its kind.

Every fixture states what a reader sees in it (``EXPECTED_*``): those are the expected values,
written here by hand from the document, never taken from our importer's output.
"""

from __future__ import annotations

from pathlib import Path

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Border talks resume after a year | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:title" content="Border talks resume after a year">
<meta name="author" content="Ana Gómez">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://ledger.example.com/2024/03/border-talks">
</head><body>
<header><a href="#main">Skip to content</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav></header>
<main id="main"><article>
<h1>Border talks resume after a year</h1>
<p class="byline">By Ana Gómez · March 5, 2024</p>
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
<p>Negotiators from both countries met in Bogotá on Tuesday to restart talks on security cooperation that stalled last year over extradition rules.</p>
<figure><img src="delegates.jpg" alt=""><figcaption>Delegates arrive at the foreign ministry in Bogotá. Photo: J. Pérez/Ledger</figcaption></figure>
<h2>What is on the table</h2>
<p>Officials said the agenda includes shared intelligence, joint patrols along the border and a review of the extradition treaty signed in 1979.</p>
<p>The talks are expected to last three days, according to a statement from the foreign ministry released on Monday evening.</p>
<div class="share"><button>Share</button> <a href="#">Subscribe</a></div>
</article></main>
<footer><p>© 2024 The Daily Ledger. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""
EXPECTED_HTML_BODY = [
    "Negotiators from both countries met in Bogotá on Tuesday to restart talks on security cooperation that "
    "stalled last year over extradition rules.",
    "What is on the table",
    "Officials said the agenda includes shared intelligence, joint patrols along the border and a review of the "
    "extradition treaty signed in 1979.",
    "The talks are expected to last three days, according to a statement from the foreign ministry released on "
    "Monday evening.",
]
EXPECTED_HTML_CAPTION = "Delegates arrive at the foreign ministry in Bogotá. Photo: J. Pérez/Ledger"

PDF_HEADER = "Annual Security Review 2023 · Ministry of Defence"
EXPECTED_PDF_BODY = [
    ("The ministry reviewed the state of border security over the past year and found that cooperation "
     "with neighbouring countries improved markedly in the second half of the year.", 1),
    ("Joint patrols doubled and the number of reported incidents fell by a third, while extradition requests "
     "were answered faster than in any year since the treaty was signed, and the ministry expects the trend "
     "to continue.", 1),
    ("Outlook", 2),
    ("Funding for the programme is secured until the end of the decade.", 2),
]


def write_pdf(path: Path, encrypt: str | None = None) -> Path:
    """Two pages with a running header, a page number at the foot, a word hyphenated at a line end
    ("inci-" / "dents") and a paragraph that runs over the page break."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    c.setTitle("Annual Security Review")
    c.setAuthor("Ministry of Defence")
    page1 = [("Helvetica-Bold", 16, "Annual Security Review"), None,
             ("Helvetica", 10, "The ministry reviewed the state of border security over the past"),
             ("Helvetica", 10, "year and found that cooperation with neighbouring countries improved"),
             ("Helvetica", 10, "markedly in the second half of the year."), None,
             ("Helvetica", 10, "Joint patrols doubled and the number of reported inci-"),
             ("Helvetica", 10, "dents fell by a third, while extradition requests were answered"),
             ("Helvetica", 10, "faster than in any year since the treaty was signed, and the")]
    page2 = [("Helvetica", 10, "ministry expects the trend to continue."), None,
             ("Helvetica-Bold", 13, "Outlook"), None,
             ("Helvetica", 10, "Funding for the programme is secured until the end of the decade.")]
    for number, lines in enumerate([page1, page2], 1):
        c.setFont("Helvetica", 8)
        c.drawString(72, 800, PDF_HEADER)
        c.drawCentredString(297, 40, str(number))
        y = 740
        for item in lines:
            if item is None:
                y -= 8
                continue
            font, size, text = item
            c.setFont(font, size)
            c.drawString(72, y, text)
            y -= size * 1.4
        c.showPage()
    c.save()
    return path


DOCX_MARKDOWN = """---
title: Memo on extradition requests
author: Office of the Legal Adviser
---

# Background

The treaty of 1979 governs extradition between the two countries.[^1]

# Current requests

Three requests are pending before the court.

- The first concerns a financier.
- The second concerns a trafficker.

[^1]: Signed in Washington on 14 September 1979.
"""
EXPECTED_DOCX_HEADINGS = ["Background", "Current requests"]
EXPECTED_DOCX_BODY = [
    "The treaty of 1979 governs extradition between the two countries.",
    "Three requests are pending before the court.",
]
EXPECTED_DOCX_LIST = "The first concerns a financier.\nThe second concerns a trafficker."
EXPECTED_DOCX_FOOTNOTE = "Signed in Washington on 14 September 1979."


def write_docx(path: Path) -> Path:
    """A Word file with headings, a list and a real footnote, written by pandoc."""
    import pypandoc

    pypandoc.convert_text(DOCX_MARKDOWN, "docx", format="markdown", outputfile=str(path))
    return path


CP1252_TEXT = ("Café society\r\n\r\nThe minister’s “reform” of the façade fund costs €2 million — "
               "a naïve plan, critics said.\r\n\r\nA second paragraph follows.\r\n")
EXPECTED_CP1252_BODY = [
    "The minister’s “reform” of the façade fund costs €2 million — a naïve plan, critics said.",
    "A second paragraph follows.",
]
