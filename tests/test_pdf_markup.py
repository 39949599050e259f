"""Composed spans become Paragraph markup only through markup.spans_markup: every text escaped,
links only for plain http(s) URLs, a note reference in superior figures."""

from __future__ import annotations

from briefing.compose.document import NoteRef, Span
from briefing.writers.pdf.markup import spans_markup


def test_text_is_escaped_and_line_breaks_kept():
    out = spans_markup([Span('<img src="/etc/passwd"/> & <b>'), Span("one\ntwo", bold=True)])
    assert out == '&lt;img src=&quot;/etc/passwd&quot;/&gt; &amp; &lt;b&gt;<b>one<br/>two</b>'


def test_only_safe_urls_become_links():
    good = spans_markup([Span("https://example.org/a?b=1&c=2", url="https://example.org/a?b=1&c=2")], "#aa0000")
    assert good == ('<a href="https://example.org/a?b=1&amp;c=2" color="#aa0000">'
                    'https://example.org/a?b=1&amp;c=2</a>')
    for url in ("javascript:alert(1)", "file:///etc/passwd", 'https://x.org/" onclick="y'):
        assert "<a " not in spans_markup([Span("click", url=url)])


def test_note_references_and_emphasis():
    out = spans_markup([Span("Title", italic=True), Span(", 2021"), NoteRef(12), Span("")])
    assert out == "<i>Title</i>, 2021\u00b9\u00b2"  # superior figures: the paragraph stays one face
