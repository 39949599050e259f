"""What pandoc leaves to us in a DOCX: the marking in header and footer, page numbers, page
size, document properties.

The header and footer come from ``resources/docx/reference.docx`` with a placeholder word where
the marking goes; here the placeholder's text node gets the marking (lxml escapes it) or its
paragraph is removed.  Every XML part is parsed with entities and network access off.  Only the
small parts are parsed: of ``word/document.xml`` just the final section properties are.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timezone

from lxml import etree

from briefing import registry
from briefing.compose.document import DocumentInfo
from briefing.writers.docx.pandoc_ast import xml_safe
from briefing.writers.docx.reference import MARKING_PLACEHOLDER

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DC = "http://purl.org/dc/elements/1.1/"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

# 1-inch margins in twentieths of a point (what w:pgSz / w:pgMar count in); page sizes come from
# the registry (resources/page-sizes.yaml and the user's), in points.
MARGIN_TWIPS = 1440


def page_twips(page_size: str) -> tuple[int, int]:
    """(width, height) of a registry page size in twips; an unknown name gets US Letter."""
    sizes = registry.page_sizes()
    entry = sizes.get(page_size) or sizes.require("letter")
    return round(entry.size[0] * 20), round(entry.size[1] * 20)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _run(text: str):
    run = etree.Element(_w("r"))
    node = etree.SubElement(run, _w("t"))
    node.text = xml_safe(text)
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _field(instruction: str, shown: str = "1"):
    """A simple field; ``shown`` is the text until the reader's word processor updates it."""
    field = etree.Element(_w("fldSimple"))
    field.set(_w("instr"), instruction)
    field.append(_run(shown))
    return field


def _page_numbers(paragraph, pattern: str) -> None:
    """Rebuilds the footer's page line from the document's pattern ("Page {page} of {pages}")."""
    for child in list(paragraph):
        if child.tag != _w("pPr"):
            paragraph.remove(child)
    for piece in re.split(r"(\{page\}|\{pages\})", pattern):
        if piece == "{page}":
            paragraph.append(_field("PAGE"))
        elif piece == "{pages}":
            paragraph.append(_field("NUMPAGES"))
        elif piece:
            paragraph.append(_run(piece))


def header_footer(data: bytes, info: DocumentInfo, running_label: bool) -> bytes:
    root = etree.fromstring(data, PARSER)
    for text in root.iter(_w("t")):
        if text.text == MARKING_PLACEHOLDER:
            paragraph = next(text.iterancestors(_w("p")))
            if info.marking:
                text.text = xml_safe(info.marking)
            else:
                paragraph.getparent().remove(paragraph)
            break
    for paragraph in root.iter(_w("p")):
        if any(f.get(_w("instr")) == "PAGE" for f in paragraph.iter(_w("fldSimple"))):
            if info.page_numbers:
                _page_numbers(paragraph, info.page_numbers)
            else:
                paragraph.getparent().remove(paragraph)
            break
    if running_label and root.tag == _w("hdr"):
        # the current tab's heading ("Tab A: ..."): Word's STYLEREF shows the last Heading 1 on the page
        paragraph = etree.SubElement(root, _w("p"))
        props = etree.SubElement(paragraph, _w("pPr"))
        etree.SubElement(props, _w("jc")).set(_w("val"), "right")
        paragraph.append(_field('STYLEREF "Heading 1"', shown=""))
    if not len(root):
        etree.SubElement(root, _w("p"))  # a header part must hold at least one paragraph
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def core_properties(info: DocumentInfo, dated: bool = True) -> bytes:
    nsmap = {"cp": CP, "dc": DC, "dcterms": DCTERMS, "xsi": XSI}
    root = etree.Element(f"{{{CP}}}coreProperties", nsmap=nsmap)
    for tag, value in ((f"{{{DC}}}title", info.title), (f"{{{DC}}}subject", info.subject),
                       (f"{{{DC}}}creator", info.author), (f"{{{CP}}}keywords", ", ".join(info.keywords)),
                       (f"{{{DC}}}language", info.language)):
        if value:
            etree.SubElement(root, tag).text = xml_safe(value)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for tag in ("created", "modified") if dated else ():
        node = etree.SubElement(root, f"{{{DCTERMS}}}{tag}")
        node.set(f"{{{XSI}}}type", "dcterms:W3CDTF")
        node.text = now
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def page_setup(data: bytes, page_size: str) -> bytes:
    """Page size and margins into the body's last ``w:sectPr`` (pandoc writes none)."""
    at = data.rfind(b"<w:sectPr")
    if at < 0:
        return data
    end = data.index(b"</w:sectPr>", at) + len(b"</w:sectPr>")
    width, height = page_twips(page_size)
    size = f'<w:pgSz w:w="{width}" w:h="{height}"/>'
    margins = (f'<w:pgMar w:top="{MARGIN_TWIPS}" w:right="{MARGIN_TWIPS}" w:bottom="{MARGIN_TWIPS}" '
               f'w:left="{MARGIN_TWIPS}" w:header="720" w:footer="720" w:gutter="0"/>')
    section = data[at:end]
    section = re.sub(rb"<w:pgSz[^>]*/>|<w:pgMar[^>]*/>", b"", section)
    close = section.rindex(b"</w:sectPr>")
    section = section[:close] + (size + margins).encode() + section[close:]
    return data[:at] + section + data[end:]


FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def finish(docx: bytes, info: DocumentInfo, running_label: bool = False, deterministic: bool = False) -> bytes:
    """pandoc's DOCX with this document's furniture and properties; ``deterministic`` leaves
    out the creation time and dates every zip entry alike."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            name = item.filename
            if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                data = header_footer(data, info, running_label)
            elif name == "docProps/core.xml":
                data = core_properties(info, dated=not deterministic)
            elif name == "word/document.xml":
                data = page_setup(data, info.page_size)
            if deterministic:
                item = zipfile.ZipInfo(name, FIXED_ZIP_DATE)
                item.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(item, data)
    return out.getvalue()
