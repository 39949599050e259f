"""Endnote and bibliography fragments straight from citation Runs, without writing markup.

Every endnote and sources entry is unique text, so the markup route (``runs_markup`` escapes
each run and wraps URLs in ``<a>``, ``fit_markup`` splits it at its tags again, then
``parsed_frags`` cleans its white space and turns it into fragments) was done once per
entry: two-fifths of building a long briefing's story.  ``citation_frags`` produces the very
same fragments from the Runs: the same text pieces (cleaned and fitted to the face that
draws them, the same characters reported as replaced), the same white-space clean-up
(reportlab's own, run over the pieces joined by a NUL where a tag would stand: NUL is
neither white space nor possible in cleaned text, so it acts as the tag does), the same
fragment templates and link lists.  tests/test_citefrags.py checks it against the markup
route for the bundled sources and 150 hostile ones in all three styles, and for hostile runs.
"""

from __future__ import annotations

from typing import Iterable

from briefing.writers.pdf import coverage
from briefing.writers.pdf.fonts import font_name
from briefing.writers.pdf.markup import _BAD_CHARS, _URL, _URL_TRAIL, LINK_COLOR, clean, safe_url

_TAG = "\0"
_I, _END_I, _END_A = object(), object(), object()  # tags; an <a> is an _Link


class _Link(str):
    """An opening <a> tag; its value is the checked URL."""


_checked_urls: dict[str, str | None] = {}
CHECKED_URL_LIMIT = 10_000


def _checked(url: str) -> str | None:
    """``safe_url(url)``, remembered for URLs without characters it would report as replaced
    (the same URL is in a source's every endnote and its sources entry)."""
    if url in _checked_urls:
        return _checked_urls[url]
    checked = safe_url(url)  # as link() calls it: the same characters reported
    if not _BAD_CHARS.search(url):
        if len(_checked_urls) >= CHECKED_URL_LIMIT:
            _checked_urls.clear()
        _checked_urls[url] = checked
    return checked


def _tokens(runs: Iterable, prefix: str) -> list:
    """The markup's tags (``_I``, ``_Link(url)``, ``_END_A``, ``_END_I``) and texts (cleaned, with
    their italic flag) in order, as runs_markup and linkify write them."""
    out: list = []
    if prefix:
        out.append((clean(prefix), False))
    for run in runs:
        text = getattr(run, "text", run if isinstance(run, str) else "")
        italic = bool(getattr(run, "italic", False))
        if not text:
            continue
        body: list = []
        pos = 0
        for match in _URL.finditer(text):
            trimmed = match.group(0).rstrip(_URL_TRAIL)
            body.append((clean(text[pos:match.start()]), italic))
            checked = _checked(trimmed)
            label = (clean(trimmed), italic)
            body += [label] if checked is None else [_Link(checked), label, _END_A]
            pos = match.start() + len(trimmed)
        body.append((clean(text[pos:]), italic))
        if italic:  # the text is not empty, so neither is its markup: runs_markup wraps it
            body = [_I] + body + [_END_I]
        out += body
    return out


def citation_frags(runs: Iterable, style, prefix: str = "", color: str = LINK_COLOR) -> list | None:
    """The fragments ``parsed_frags(fit_markup(prefix + runs_markup(runs, color=color)), style)``
    gives, or None when that would be None (the caller then takes the markup route)."""
    cache = coverage.style_cache(style)
    if cache is None:
        return None
    faces = cache.get("\0faces")
    if faces is None:  # the face <i> switches to and from, as fit_markup picks it
        face = coverage._face_of(getattr(style, "fontName", ""))
        if face is None:
            return None
        family, base = face
        bold = base in ("bold", "bolditalic")
        italic_base = base in ("italic", "bolditalic")
        faces = cache["\0faces"] = {it: font_name(family, coverage._variant(bold, italic_base or it))
                                    for it in (False, True)}
    texts: list[str] = []  # the markup's text with NUL for each tag
    # the open tags and (link number, href number) after each NUL; None: the part is an href
    states: list = [((), [])]
    hrefs: list[str] = []
    open_tags: list[str] = []
    links: list[tuple[int, int]] = []
    for token in _tokens(runs, prefix):
        if token is _I:
            open_tags.append("i")
        elif token is _END_I or token is _END_A:
            if open_tags.pop().startswith("a "):
                links.pop()
        elif isinstance(token, _Link):
            # reportlab's clean-up also runs over the href inside the tag: it goes between marks
            texts += [_TAG, str(token)]
            states.append(None)
            open_tags.append(f'a color="{color}"')
            links.append((len(hrefs), len(hrefs)))  # links are numbered in order, as hrefs are
            hrefs.append("")
        else:
            text, italic = token
            texts.append(coverage.fit(text, faces[italic]))
            continue
        texts.append(_TAG)
        states.append((tuple(open_tags), list(links)))
    parts = coverage.cleaned("".join(texts)).split(_TAG)
    k = 0
    for part, state in zip(parts, states):
        if state is None:
            hrefs[k] = part.strip()  # as _quick_parse reads an href
            k += 1
    # neighbouring texts in the same tags are one fragment (coverage._merged's rule: the same
    # template and links give equal fragments; different tags or links never do)
    merged: list = []
    for part, state in zip(parts, states):
        if state is None or not part:
            continue
        if merged and merged[-1][1] == state:
            merged[-1][0].append(part)
        else:
            merged.append(([part], state))
    frags: list = []
    for texts_, (tags, link_list) in merged:
        template = coverage.tag_template(tags, style, cache)
        if template is None:
            return None
        frag = template.clone(text="".join(texts_))
        if link_list:
            frag.link = [(n, hrefs[h]) for n, h in link_list]
        frags.append(frag)
    return frags or None
