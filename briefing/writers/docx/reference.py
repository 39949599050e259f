"""Builds ``resources/docx/reference.docx``, the style sheet pandoc's DOCX writer copies.

Run ``python -m briefing.writers.docx.reference`` after changing a style here; the result is
committed so an export never builds it.  It starts from pandoc's own default reference document
(so Title, Heading 1/2, Block Text and Footnote Text keep Word's names) and adds:

- a header and a footer holding the handling marking, and a footer line "Page X of Y" made of
  PAGE and NUMPAGES fields; the marking is a placeholder word the writer replaces per document
  (``furniture.py``), never text spliced into XML;
- the paragraph styles the composed document's roles name (``styles.py``: Marking, Memo Field,
  Lead, Attribution, Ruled Line, ...), so Word shows them by name in its style list.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from briefing import paths

REFERENCE_DOCX = paths.RESOURCES_DIR / "docx" / "reference.docx"
MARKING_PLACEHOLDER = "BRIEFINGMARKING"  # replaced by the document's marking (or removed)


def _field(paragraph, instruction: str) -> None:
    """A simple field (PAGE, NUMPAGES) Word and LibreOffice update when they lay out the page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)  # python-docx's public paragraph has no field API; _p is its element


def _bottom_border(style) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    # consecutive paragraphs with the same borders form one bordered group: "between" draws the
    # rule between two ruled lines, "bottom" under the last one
    for side in ("w:bottom", "w:between"):
        rule = OxmlElement(side)
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "999999")):
            rule.set(qn(key), value)
        borders.append(rule)
    ppr.append(borders)


def build(out: Path = REFERENCE_DOCX) -> Path:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor
    import pypandoc

    with tempfile.TemporaryDirectory() as tmp:
        default = Path(tmp) / "default.docx"
        subprocess.run([pypandoc.get_pandoc_path(), "-o", str(default), "--print-default-data-file",
                        "reference.docx"], check=True)
        document = docx.Document(str(default))

    styles = document.styles

    def paragraph_style(name: str, base: str = "Body Text", **font):
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        for key, value in font.items():
            setattr(style.font, key, value)
        return style

    center = WD_ALIGN_PARAGRAPH.CENTER
    marking = paragraph_style("Marking", "Normal", bold=True, size=Pt(10))
    marking.paragraph_format.alignment = center
    paragraph_style("Designation", "Normal", size=Pt(9))
    paragraph_style("Memo Field", "Normal")
    paragraph_style("Lead", bold=False)
    paragraph_style("Label", bold=True, size=Pt(10))
    paragraph_style("Attribution", size=Pt(10))
    notice = paragraph_style("Notice", italic=True)
    notice.font.color.rgb = RGBColor(0x9C, 0x27, 0x27)
    paragraph_style("Staff Note", italic=True)
    paragraph_style("Comment", italic=True, size=Pt(10))
    paragraph_style("Signature", "Normal")
    paragraph_style("Small", size=Pt(9))
    paragraph_style("Cover Label", "Normal", bold=True, size=Pt(10))
    paragraph_style("Cover Value", "Normal")
    paragraph_style("Contents Entry", "Normal")
    ruled = paragraph_style("Ruled Line", "Normal")
    ruled.paragraph_format.space_before = Pt(14)
    _bottom_border(ruled)
    bibliography = styles["Bibliography"]
    bibliography.paragraph_format.left_indent = Pt(24)
    bibliography.paragraph_format.first_line_indent = Pt(-24)

    # Replace the sample body with one empty paragraph: pandoc takes only styles, headers,
    # footers and the section properties from this file.
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    document.add_paragraph("")

    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = MARKING_PLACEHOLDER
    header.style = styles["Marking"]
    footer = section.footer.paragraphs[0]
    footer.text = MARKING_PLACEHOLDER
    footer.style = styles["Marking"]
    pages = section.footer.add_paragraph("Page ")
    pages.alignment = center
    _field(pages, "PAGE")
    pages.add_run(" of ")
    _field(pages, "NUMPAGES")

    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


if __name__ == "__main__":  # pragma: no cover - maintenance script
    print(build())
