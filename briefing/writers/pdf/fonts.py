"""Register the bundled DejaVu TrueType families with reportlab.

Every style in the PDF uses these, so every font in the file is an embedded TrueType subset
(no base-14 Helvetica/Times that a reader would substitute), and accented names, curly
quotes, dashes, U+2011 and bullets render as themselves.
"""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefing import paths
from briefing.errors import BriefingError

# family key -> (reportlab family name, {variant: file name})
FAMILIES = {
    "serif": (
        "BBSerif",
        {
            "regular": "DejaVuSerif.ttf",
            "bold": "DejaVuSerif-Bold.ttf",
            "italic": "DejaVuSerif-Italic.ttf",
            "bolditalic": "DejaVuSerif-BoldItalic.ttf",
        },
    ),
    "sans": (
        "BBSans",
        {
            "regular": "DejaVuSans.ttf",
            "bold": "DejaVuSans-Bold.ttf",
            "italic": "DejaVuSans-Oblique.ttf",
            "bolditalic": "DejaVuSans-BoldOblique.ttf",
        },
    ),
}

_SUFFIX = {"regular": "", "bold": "-Bold", "italic": "-Italic", "bolditalic": "-BoldItalic"}
_registered = False


def font_name(family: str, variant: str = "regular") -> str:
    """The reportlab font name for a family key ('serif'|'sans') and a variant."""
    return FAMILIES[family][0] + _SUFFIX[variant]


def register_fonts() -> None:
    """Idempotent; <b>/<i> inside a Paragraph map to the right face through addMapping."""
    global _registered
    if _registered:
        return
    for family, (base, files) in FAMILIES.items():
        for variant, filename in files.items():
            path = paths.FONTS_DIR / filename
            if not path.is_file():
                raise BriefingError(f"The font file {path} is missing; reinstall Briefing Book.")
            pdfmetrics.registerFont(TTFont(font_name(family, variant), str(path)))
        addMapping(base, 0, 0, font_name(family, "regular"))
        addMapping(base, 1, 0, font_name(family, "bold"))
        addMapping(base, 0, 1, font_name(family, "italic"))
        addMapping(base, 1, 1, font_name(family, "bolditalic"))
        # the regular face's own name must map too, for styles that name it directly
        for bold in (0, 1):
            for italic in (0, 1):
                key = ("bolditalic" if bold and italic else "bold" if bold else "italic" if italic else "regular")
                addMapping(font_name(family, "regular"), bold, italic, font_name(family, key))
    _registered = True
