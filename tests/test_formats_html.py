"""The HTML writer, read back with html5lib (the WHATWG parsing algorithm browsers use): one
self-contained, accessible file whose hostile text stays text."""

from __future__ import annotations

import re

import html5lib
import pytest

from briefing.writers.html import write_html
from tests.formats_support import HOSTILE, MARKING, QUOTE_1, QUOTE_2, sample_document

NS = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "briefing.html"
    write_html(sample_document(note_text=HOSTILE), None, path)
    raw = path.read_text("utf-8")
    return raw, html5lib.parse(raw, namespaceHTMLElements=True)


def text_of(element) -> str:
    return "".join(element.itertext())


def find_all(tree, tag):
    return list(tree.iter(NS + tag))


def test_language_title_and_headings_in_order(page):
    _, tree = page
    assert tree.get("lang") == "en"
    assert text_of(find_all(tree, "title")[0]) == "U.S.–Colombia security relations"
    levels = [int(el.tag[-1]) for el in tree.iter() if isinstance(el.tag, str) and re.fullmatch(NS + r"h[1-6]", el.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, levels  # never skips a level (WCAG 1.3.1 / H42)
    headings = [text_of(h) for h in find_all(tree, "h2")]
    assert headings == ["Contents", "Security assistance", "Migration", "Notes", "Sources"]


def test_quotes_are_blockquotes_with_cite(page):
    _, tree = page
    figures = [f for f in find_all(tree, "figure")]
    assert [text_of(f.find(f"{NS}blockquote")).strip() for f in figures] == [QUOTE_1, QUOTE_2]
    cites = [text_of(f.find(f".//{NS}cite")) for f in figures]
    assert cites[0].startswith("AFP, Blinken Visits Colombia, October 20, 2021.")


def test_notes_are_linked_both_ways(page):
    _, tree = page
    ids = {el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id")}
    refs = [a for a in find_all(tree, "a") if a.get("role") == "doc-noteref"]
    backs = [a for a in find_all(tree, "a") if a.get("role") == "doc-backlink"]
    assert [text_of(a) for a in refs] == ["1", "2"]
    for link in refs + backs:
        assert link.get("href")[1:] in ids
    notes = [li for li in find_all(tree, "li") if (li.get("id") or "").startswith("fn-")]
    assert len(notes) == 2


def test_hostile_text_stays_text(page):
    raw, tree = page
    assert not find_all(tree, "script")
    assert not [b for b in find_all(tree, "b")]
    notes = [text_of(li) for li in find_all(tree, "li") if li.get("id") == "fn-2"]
    assert notes[0].startswith(HOSTILE)
    assert "<script>" not in raw


def test_self_contained_no_remote_reference_no_script(page):
    raw, tree = page
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        assert not find_all(tree, tag), tag
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag == NS + "a":
            continue
        for name, value in element.attrib.items():
            assert "http" not in value.lower(), (name, value)
    style = "".join(text_of(s) for s in find_all(tree, "style"))
    assert "url(" not in style and "@import" not in style and "http" not in style


def css_unescape(value: str) -> str:
    """CSS Syntax Level 3, 4.3.7: a backslash and up to six hex digits is that code point."""
    return re.sub(r"\\([0-9a-fA-F]{1,6}) ?", lambda m: chr(int(m.group(1), 16)), value)


def test_print_stylesheet_puts_marking_on_every_page(page):
    _, tree = page
    style = "".join(text_of(s) for s in find_all(tree, "style"))
    assert "@media print" in style
    top = re.search(r'@top-center\s*\{\s*content:\s*"([^"]*)"', style)
    bottom = re.search(r'@bottom-center\s*\{\s*content:\s*"([^"]*)"', style)
    assert top and bottom
    assert css_unescape(top.group(1)) == MARKING == css_unescape(bottom.group(1))
    assert "counter(page)" in style and "counter(pages)" in style


def test_hostile_marking_cannot_leave_the_style_element(tmp_path):
    hostile = '"; } </style><script>alert(1)</script> \\'
    raw = write_html(sample_document(marking=hostile), None, None).data.decode()
    tree = html5lib.parse(raw)
    assert not find_all(tree, "script")
    style = "".join(text_of(s) for s in find_all(tree, "style"))
    top = re.search(r'@top-center\s*\{\s*content:\s*"([^"]*)"', style)
    assert css_unescape(top.group(1)) == hostile


@pytest.mark.parametrize("size, expected", [("letter", "612.00pt 792.00pt"), ("a4", "595.28pt 841.89pt"),
                                            ("legal", "612.00pt 1008.00pt"), ("no-such-size", "letter")])
def test_the_printed_page_is_the_chosen_page_size(tmp_path, size, expected):
    """Any registry page size, a user's own included, as the PDF writer would use it."""
    from briefing import paths

    (paths.user_data_dir() / "page-sizes.yaml").write_text(
        "legal:\n  label: US Legal\n  width: 612\n  height: 1008\n", encoding="utf-8")
    path = tmp_path / "sized.html"
    write_html(sample_document(page_size=size), None, path)
    assert f"@page {{ size: {expected}; }}" in path.read_text("utf-8")
