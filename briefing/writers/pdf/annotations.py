"""URI link annotations written from a template instead of a dictionary of PDF objects.

Every endnote and bibliography entry with a URL carries a link, so a long briefing has
hundreds.  reportlab builds each as nested ``PDFDictionary``/``PDFArray``/``PDFName`` objects
and formats every key and value again when it saves: a tenth of the export.  Here a link is
its rectangle and URL; it is written as the bytes reportlab writes for the same dictionary,
cut from a template that reportlab itself formats once (so the spacing and key order are
reportlab's, whatever its settings), with the action for each URL formatted once.
tests/test_annotations.py compares whole files.  An encrypted document (strings encrypted
per object) gets reportlab's own dictionary.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import NoEncryption, PDFArray, PDFDictionary, PDFName, PDFObject, PDFString
from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import ENABLE_TRACKING

ACTION_CACHE_LIMIT = 10_000


class _Mark(PDFObject):
    """A placeholder whose formatted bytes are found and cut out of the template."""

    def __init__(self, token: bytes) -> None:
        self.token = token

    def format(self, document) -> bytes:
        return self.token


def _action(url: str) -> PDFDictionary:
    action = PDFDictionary()
    action["Type"] = PDFName("Action")
    action["S"] = PDFName("URI")
    action["URI"] = PDFString(url)
    return action


def _dictionary(rect, action) -> PDFDictionary:
    """What ``Canvas.linkURL(url, rect, thickness=0)`` builds."""
    ann = PDFDictionary()
    ann["Type"] = PDFName("Annot")
    ann["Subtype"] = PDFName("Link")
    ann["Rect"] = PDFArray(rect) if not isinstance(rect, PDFObject) else rect
    ann["A"] = action
    ann["Border"] = PDFArray([0, 0, 0])
    return ann


class LinkAnnotation(PDFObject):
    """A link to ``url`` over ``rect`` (absolute page coordinates), formatted like reportlab's."""

    _template: tuple[bytes, bytes, bytes] | None = None
    _actions: dict[str, bytes] = {}

    def __init__(self, rect: tuple, url: str) -> None:
        self.rect = rect
        self.url = url

    @classmethod
    def _parts(cls, document) -> tuple[bytes, bytes, bytes]:
        if cls._template is None:
            a, r = b"\0BB-ACTION\0", b"\0BB-RECT\0"
            whole = _dictionary(_Mark(r), _Mark(a)).format(document)
            head, rest = whole.split(a)
            middle, tail = rest.split(r)
            cls._template = head, middle, tail
        return cls._template

    def format(self, document) -> bytes:
        if not isinstance(document.encrypt, NoEncryption):
            return _dictionary(self.rect, _action(self.url)).format(document)
        head, middle, tail = self._parts(document)
        actions = LinkAnnotation._actions
        action = actions.get(self.url)
        if action is None:
            if len(actions) >= ACTION_CACHE_LIMIT:
                actions.clear()
            action = actions[self.url] = pdf_format(_action(self.url), document)
        # PDFArray of numbers, one line (rl_config.pdfMultiLine off): "[ " + fp_str each + " ]"
        rect = b"[ " + fp_str(*self.rect).encode("latin-1") + b" ]" if not rl_config.pdfMultiLine else \
            pdf_format(PDFArray(self.rect), document)
        return b"".join((head, action, middle, rect, tail))


def _abs_rect(canvas, rect, relative: int):
    """``canvas._absRect(rect, relative)`` with the corner arithmetic inline."""
    if not rect or not relative or not ENABLE_TRACKING:
        return canvas._absRect(rect, relative)
    lx, ly, ux, uy = rect
    a, b, c, d, e, f = canvas._currentMatrix
    xs = (a * lx + c * ly + e, a * ux + c * uy + e, a * lx + c * uy + e, a * ux + c * ly + e)
    ys = (b * lx + d * ly + f, b * ux + d * uy + f, b * lx + d * uy + f, b * ux + d * ly + f)
    out = min(xs), min(ys), max(xs), max(ys)
    bw = canvas._getCmShift()
    return (out[0] + bw, out[1] + bw, out[2] + bw, out[3] + bw) if bw else out


def link_url(canvas, url: str, rect, relative: int = 0) -> None:
    """``canvas.linkURL(url, rect, relative)`` with no border, as a LinkAnnotation."""
    canvas._addAnnotation(LinkAnnotation(_abs_rect(canvas, rect, relative), url))
