"""``CslProcessor``: the ``CitationProcessor`` (``api.py``) of a CSL style, through pandoc's citeproc,
with formatted citations cached so a re-export formats almost nothing.

A citation's text depends on the style, the item's metadata, its locator, its position (first,
subsequent, ibid: a note style shortens a repeat) and on the other cited items that could be
confused with it (same lead name: "2021a", added initials).  That is the cache key; the cache
lives as long as the process (one per style file).  On a miss, pandoc is called once for the
missing citations together with what fixes their positions (the item's first citation and the
citation before each) and their look-alikes; the positions are checked again on that shorter
sequence, and if any differs the whole document is formatted.  The bibliography is reused when
every entry comes from the last full bibliography run (entries only removed: the style's order
holds); otherwise it is formatted again in the same pandoc call.
"""

from __future__ import annotations

import hashlib
import json
import threading
import unicodedata
from dataclasses import dataclass
from typing import Sequence

from briefing.citation import csljson, diskcache
from briefing.citation.api import CitedDocument, CiteRequest
from briefing.citation.formats import Run
from briefing.citation.pandoc_cite import Cite, render
from briefing.citation.stylefile import StyleFile

MAX_CACHED = 200_000


@dataclass
class Stats:
    """What the last ``process`` call did (the benchmark and tests read it)."""

    requests: int = 0
    formatted: int = 0  # citations pandoc formatted
    bibliography_formatted: bool = False
    pandoc_calls: int = 0


class _StyleCache:
    def __init__(self) -> None:
        self.citations: dict[tuple, list[Run]] = {}
        self.bibliography: dict[tuple, tuple[int, list[Run]]] = {}  # key -> (rank, entry) of the last full run
        self.lock = threading.Lock()


_caches: dict[str, _StyleCache] = {}
_caches_lock = threading.Lock()


def _cache_for(style: StyleFile) -> _StyleCache:
    with _caches_lock:
        cache = _caches.get(style.digest)
        if cache is None:
            cache = _caches[style.digest] = _StyleCache()
            cache.citations, cache.bibliography = diskcache.load(style.digest)
        return cache


def _digest(data) -> str:
    return hashlib.sha1(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def lead_key(item: dict) -> str:
    """The name a citation starts with; items sharing it can change each other's citations."""
    names = item.get("author") or item.get("editor") or []
    if names:
        first = names[0]
        return _fold(first.get("family") or first.get("literal") or "").strip("[]")
    return _fold(item.get("title", "")).strip("[]")


def positions(ids: Sequence[str], locators: Sequence[tuple]) -> list[str]:
    """CSL positions: first, subsequent, ibid (same item and locator as the previous citation) or
    ibid-with-locator."""
    seen: set[str] = set()
    out = []
    for i, item_id in enumerate(ids):
        if item_id not in seen:
            out.append("first")
            seen.add(item_id)
        elif i and ids[i - 1] == item_id:
            out.append("ibid" if locators[i - 1] == locators[i] else "ibid-with-locator")
        else:
            out.append("subsequent")
    return out


class CslProcessor:
    """Formats a document's citations in one CSL style (``briefing.citation.api.CitationProcessor``)."""

    def __init__(self, style: StyleFile) -> None:
        self.style_file = style
        self.style = style.name
        self.style_class = style.style_class
        self.last = Stats()
        self._cache = _cache_for(style)

    def __repr__(self) -> str:
        return f"CslProcessor({self.style!r})"

    # -- the batch ---------------------------------------------------------------------------
    def process(self, sources: dict, requests: Sequence[CiteRequest]) -> CitedDocument:
        stats = self.last = Stats(requests=len(requests))
        wanted = [r for r in requests if r.source_id in sources]
        cited = list(dict.fromkeys(r.source_id for r in wanted))
        items = {sid: csljson.item(sources[sid]) for sid in cited}
        item_keys = self._item_keys(items)
        ids = [r.source_id for r in wanted]
        locs = [(r.locator, r.label) for r in wanted]
        pos = positions(ids, locs)
        # a style whose citations never depend on position caches one form per locator
        keyed = pos if self.style_file.uses_position else ["any"] * len(pos)
        keys = [(item_keys[r.source_id], r.locator, r.label, p) for r, p in zip(wanted, keyed)]
        cache = self._cache
        with cache.lock:
            found = [cache.citations.get(k) for k in keys]
            bib_keys = [item_keys[sid] for sid in cited]
            bib_cached = self.style_file.has_bibliography and all(k in cache.bibliography for k in bib_keys)
            bibliography = [cache.bibliography[k] for k in bib_keys] if bib_cached else None
        missing = [i for i, runs in enumerate(found) if runs is None]
        need_bib = self.style_file.has_bibliography and not bib_cached
        if missing or need_bib:
            self._format(sources, items, item_keys, wanted, pos, keys, missing, found, need_bib, cited, stats)
            if need_bib:
                with cache.lock:
                    bibliography = [cache.bibliography[k] for k in bib_keys if k in cache.bibliography]
        citations = iter(found)
        out = [next(citations) if r.source_id in sources else [] for r in requests]
        # an entry the style leaves empty (Chicago lists no encyclopedia entries) is not printed
        entries = [runs for _, runs in sorted(bibliography or [], key=lambda e: e[0]) if runs]
        return CitedDocument(self.style_class, out, entries, self.style_file.bibliography_title)

    def _item_keys(self, items: dict[str, dict]) -> dict[str, str]:
        """Each item's digest plus the digests of its look-alikes among the cited items."""
        digests = {sid: _digest(item) for sid, item in items.items()}
        groups: dict[str, list[str]] = {}
        for sid, item in items.items():
            groups.setdefault(lead_key(item), []).append(sid)
        keys = {}
        for members in groups.values():
            context = sorted(digests[m] for m in members) if len(members) > 1 else []
            for sid in members:
                keys[sid] = digests[sid] + ("/" + _digest(context) if context else "")
        return keys

    def _format(self, sources, items, item_keys, wanted, pos, keys, missing, found, need_bib, cited, stats) -> None:
        ids = [r.source_id for r in wanted]
        first_at: dict[str, int] = {}
        for i, sid in enumerate(ids):
            first_at.setdefault(sid, i)
        groups: dict[str, list[str]] = {}
        for sid in cited:
            groups.setdefault(lead_key(items[sid]), []).append(sid)
        chosen: set[int] = set()
        for i in missing:
            sid = ids[i]
            chosen.update((i, first_at[sid]))
            if i:
                chosen.add(i - 1)
            chosen.update(first_at[m] for m in groups[lead_key(items[sid])])
        order = sorted(chosen)
        sub_ids = [ids[i] for i in order]
        sub_pos = positions(sub_ids, [(wanted[i].locator, wanted[i].label) for i in order])
        missing_set = set(missing)
        if any(sub_pos[k] != pos[i] for k, i in enumerate(order) if i in missing_set):
            order = list(range(len(wanted)))  # positions would differ: format the whole sequence
        nocite = [sid for sid in cited if sid not in {ids[i] for i in order}] if need_bib else []
        cites = [Cite(ids[i], wanted[i].locator, wanted[i].label) for i in order]
        needed = {c.item_id for c in cites} | set(nocite)  # pandoc reads only the items it formats
        rendered = render(self.style_file.path, [items[sid] for sid in cited if sid in needed], cites, nocite,
                          bibliography=need_bib)
        stats.pandoc_calls += 1
        stats.formatted = len(cites)
        stats.bibliography_formatted = need_bib
        present = [sources[sid] for sid in cited if sources[sid].date and "date" in sources[sid].inferred]
        with self._cache.lock:
            if len(self._cache.citations) > MAX_CACHED:
                self._cache.citations.clear()
            for k, i in enumerate(order):
                runs = _mark(rendered.citations[k], present)
                self._cache.citations[keys[i]] = runs
                if found[i] is None:
                    found[i] = runs
            if need_bib:
                self._cache.bibliography = {
                    item_keys[sid]: (rank, _mark(runs, present))
                    for rank, (sid, runs) in enumerate(rendered.bibliography) if sid in item_keys}
            diskcache.save(self.style_file.digest, self._cache.citations, self._cache.bibliography)

    # -- in a sentence -----------------------------------------------------------------------
    def attribution(self, source) -> list[Run]:
        from briefing.citation.attribution import attribution

        return attribution(source)


def _mark(runs: list[Run], sources: list) -> list[Run]:
    """Inferred dates (of ``sources``, those with one) bracketed, tag breaks dropped (see ``csljson``)."""
    runs = [Run(r.text.replace(csljson.TAG_BREAK, ""), r.italic) if csljson.TAG_BREAK in r.text else r for r in runs]
    if not sources:
        return runs
    return [Run(csljson.mark_inferred_dates(r.text, sources), r.italic) for r in runs]


def clear_caches() -> None:
    """Forget every formatted citation (the benchmark measures a first export with it)."""
    with _caches_lock:
        for cache in _caches.values():
            with cache.lock:
                cache.citations.clear()
                cache.bibliography.clear()


def forget_loaded_caches() -> None:
    """Drop the in-memory caches as a new process starts without them (the saved ones load again)."""
    with _caches_lock:
        _caches.clear()
