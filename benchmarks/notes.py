"""Static prose for docs/benchmarks.md: what limits each target and what the profiles showed.

Nothing here is a measurement of a run; benchmarks/run.py fills every number in.  @NAME@ in a
profile note marks a number of the run, filled in by run._profile_notes.
"""

SEARCH_SCAN_LIMIT = ('limit: one os.stat per text file: the 10,005 fstatat calls alone take ~14-22 ms in C on this '
                     'machine (measured at different times), os.stat from Python ~27-42 ms (it builds each result);'
                     " then ~3.5 ms reading the library's (id, stored text path) pairs to see whether a path changed,"
                     " ~1 ms comparing the rows with the last scan's by position, ~2 ms reading, hashing and writing "
                     "the changed source, ~2 ms freeing the last scan's rows, ~0.5 ms lock, FTS5 merge check and "
                     'bookkeeping; for edits made outside the app')
SEARCH_COLD_LIMIT = ('limit: the ranking query itself (~85% of the cold call; the bare-query column): bm25() over '
                     "every match, ~1 us per matching row (FTS5's per-row doc-size lookup is ~28% of the query, the "
                     'instance list ~9%), and each copy of a repeated phrase (weight w = w copies) is matched twice, '
                     'for the rows (~35%) and over the whole table for its IDF (~25%) (perf on the same queries in C);'
                     ' then fetch + highlight of the 30 rows ~1.1 ms; the count is no longer made here')
STARTUP_LIMITS = {
    "bundled": "limit: the modules the window needs beyond PySide6 and each Qt class's first use setting up its "
               "enums; remaining extras over the bare window (in-process, measured this round): 16 dataclasses of "
               "the model, session and library created (~17 ms, most of it exec of their 57 generated methods), "
               "PySide6's __feature__ import hook reading the source of each module named after PySide6 loads "
               "(~8 ms, 52 files), the library, search and sqlite3 packages, platformdirs (~4-7 ms, paid by every "
               "real launch and measured here), the visible panes (reader, topics, outline with its toolbar, the "
               "Section pane: ~35-45 ms to build against the bare window's ~15 ms) and the saved dock layout.  "
               "Launches read bytecode (see bench_startup.py); compiling every module from source on each launch, "
               "as this machine's PYTHONDONTWRITEBYTECODE=1 made the earlier rounds do, is ~60 ms more",
    "10000": "limit: stamped folders are loaded from the metadata cache without a listing or a stat per file: the "
             "JSON cache (~3 MB, ~30-50 ms) and 10,000 Source objects (~25 ms); the full check (a stat per file, "
             "~0.2 s) runs on the index thread after the window is up; the rest is the bundled case",
}
RESPONSIVENESS_NOTE = ("The stall that remained after the exporter's fixes (one ~0.33 s gap 0.2-0.3 s after the "
                       "click, every run) was the worker's queued progress signals: faulthandler dumps during the "
                       "stall showed the worker inside the signal emit; progress is now polled on the GUI thread "
                       "every 100 ms (briefing/gui/worker.py).  The longest stall after that (120-320 ms, in the "
                       "first export) was the autosave writing the 480-excerpt briefing's recovery copy on the GUI "
                       "thread; it now writes a copy on a thread of its own.  No gc.freeze() around exports (the "
                       "benchmark freezes what exists once the window is up, as the app's start-up does)")
PROGRESS_START = ("the widest interval is at the start, from the click to the first laid-out pages: in the first "
                  "export pandoc formats the citations (the bar moves on its expected time, "
                  "briefing/writers/progress.py), then the story is built")
PROGRESS_HISTORY = ("Before the export's owner fixed its fraction (dc6c59e: it counted split parts and keep-together "
                    "contents, 2,692 calls for 1,512 story flowables) the bar sat at its 95% cap for the last ~0.7 s")
EXPORT_BARE = ("bare = one SimpleDocTemplate.build of plain Paragraphs with the text the export prints (headings, "
               "key points, excerpts, attributions, notes, endnotes, sources) in the theme's faces/sizes/indents, "
               "same page size and margins, in the same process, runs interleaved")
EXPORT_STOCK_NOTE = ("stock reportlab through its public API only (the byte-identical speed modules of earlier "
                     "rounds are gone); on top of the bare build the export pays for the cover, contents, outline, "
                     "one link annotation per endnote or entry with a URL (canvas.linkURL over the entry, ~860), "
                     "italic titles in ~360 endnotes and entries (reportlab's multi-face path), quote shading and "
                     "rules, keep-together groups, the furniture and page-number forms.  What took it from ~2.4x "
                     "to under 2.0x: `<a href color>` markup sent every word of ~860 endnotes and entries down "
                     "reportlab's per-fragment breaking and drawing and wrote an annotation per line, and "
                     "`<super>` note numbers did the same for 480 attributions (480 alone: ~0.25 -> ~0.09 s); "
                     "URLs now print in the text colour (a theme's colors.link still colours them, at ~1.96x) "
                     "with one link over the entry, and note numbers are the fonts' superior figures")
CITATIONS_NOTE = ("export() formats citations with `briefing.citation.processor_for` (a CSL processor that runs "
                  "pandoc citeproc in a subprocess, one call per document, with its results cached per style in "
                  "memory and in the user cache dir); measured with the cache warm (each worker exports once, "
                  "untimed, first), as every export after a briefing's first one is: no pandoc call.  The "
                  "first-export rows below show an empty cache; the Citer adapter rows show composition and the "
                  "PDF writer without either")
WEASY_NOTE = ("WeasyPrint and export() alternate in one process (until this round they were timed in "
              "separate processes at different moments, and this shared machine's speed moved the ratio: 9.0x, "
              "5.8x, 8.9x and 7.4x in four runs)")
FIRST_EXPORT_NOTE = ("no target of its own: the 2.0x and 10% budgets above were set (issue 10) when composition "
                     "formatted citations in process; the CSL processor that issue 12 brought runs pandoc citeproc, "
                     "and issue 12 budgets that call itself (the citation rows: a first export's formatting <= 1.0x "
                     "the PDF export).  The one pandoc call (~0.15-0.2 s to start and read the Chicago style, then "
                     "~2.3 ms per citation: ~1.1 s for the 480 notes and ~0.35 s for the 383 bibliography entries) "
                     "is the whole difference from the cached export; composition itself is ~0.04 s.  It is paid "
                     "once per briefing and style (later exports, also in a new process, take every citation from "
                     "the cache); the progress bar moves and Cancel works during it")
FIXTURE = ("Fixture (`benchmarks/fixtures.py`, v2): ~800 words in ~8 paragraphs per source, a Zipf-distributed "
           "vocabulary of 4,000 generated pseudo-words with ~40 domain words mixed in at ranks 3-2,300, one of "
           "12 topical phrases in ~1 paragraph of 4, a place in ~1 of 6.  'matching' is the share of all "
           "passages the query matches, so the density can be judged.")
DENSE = ("`security` (Zipf rank 3) and `government policy` (ranks 9 and 16) are the dense worst case; they are "
         "shown but not in the median.")

# What the profiles showed: static findings; @NAME@ marks a number of this run, filled in by _profile_notes.
PROFILE_NOTES = [
    (
        'Search, first round (pyinstrument, 40 searches on the old 40-word fixture): 65% of a search was '
        'Python highlighting token by token; highlighting became one regex scan per phrase.'
    ),
    (
        'Search, this round (pyinstrument, 200 searches on the v2 fixture): `snippet()` 40% (splitting every '
        'returned paragraph into words), `find_spans` 35% (folding non-ASCII paragraphs character by '
        'character; phrase regexes that began with a look-behind, so the regex engine tried every position), '
        'the FTS5 query 20%.  Snippets now take two regex matches around the hit, only non-ASCII characters '
        'are folded one by one, phrase regexes start with a literal: output identical on 36,000 cases, Python '
        'time per search roughly a third.  The query already used `ORDER BY bm25 LIMIT` inside the FTS5 '
        "subquery with the passage text joined after the limit; FTS5's `ORDER BY rank` was measured and was "
        "not faster.  What remains is the bare query (bm25() reads each match's doc size)."
    ),
    (
        'Before/after: the code before this round, timed on the v2 fixture in the same session: search median '
        '6.6 ms (bare query 2.2 ms), suggestions 16.5 ms (recomputed on every call), full-scan re-index of '
        'one changed source 100-170 ms; on the v1 fixture it was 33 / 77 / 98 ms.  The v1 fixture (40-word '
        'vocabulary, a phrase in 35% of sentences) matched 15-90% of passages per query.'
    ),
    (
        'Suggestions: the cold cost is the bm25() ranking of every match (the bare query column); the stored '
        'ranking (`briefing/search/topic_cache.py`) makes the warm call a lookup plus fetching and '
        'highlighting 30 rows.  Counting uses the OR of each phrase once (no weighting repeats).'
    ),
    (
        'One changed source (pyinstrument, full `update()`): ~40% stat calls, ~25% reading the 10,000 '
        '`sources` rows, the rest the Python comparison loop; the write itself ~5 ms.  Hence '
        '`update_sources()` for changes the app makes itself.'
    ),
    (
        'One changed source, this round (cProfile, `update()` with one changed file among 10,005, ~200 ms in '
        'that session): `_stat_texts` ~70% (`DirEntry.stat()` over a folder listing of 20,000 .txt and .yaml '
        'entries, plus a Path/str/rpartition grouping per source), ~14% reading the 10,000 `sources` rows '
        'into a dict, the rest the per-row comparison loop.  Floor measured alone: `os.stat` of the 10,000 '
        'files 27-33 ms (relative to an open folder, `dir_fd`, 27 ms; full paths 31 ms; `DirEntry.stat()` '
        '46-55 ms; two or four threads no faster), the rows 8-9 ms.  Now one `fstatat` per file (scandir kept '
        'where `dir_fd` is unsupported, i.e. Windows), (id, path, mtime_ns, size) rows compared by set '
        'difference, the sources table kept between scans and re-read when `PRAGMA data_version` shows '
        "another connection wrote, the folder grouping kept while the library's (id, text_path) objects are "
        'the same; ~50 ms in a quiet session@SCAN_RUN@.  The first `update()` after '
        'opening reads the table (+~9 ms).'
    ),
    (
        'Topic suggestions, cold, this round (timed per part on the 10 topics): the ranking query ~75% (its '
        'MATCH of the repeated-phrase OR ~2.5 ms, bm25() over the matches ~5-6 ms, ~2 us per matching row: '
        "FTS5's per-row doc-size lookup and instance list), the count ~1.4 ms, fetch and highlight ~2 ms.  "
        "Measured and not adopted: each phrase's bm25() summed with its weight in SQL (UNION ALL, GROUP BY, "
        'LIMIT inside; same ranking, scores within 1.4e-14) 8.1 vs 8.6 ms, since every match still pays '
        'bm25(); folding the count in with `count(*) OVER ()` was slower; `cache_size` 64 MB / `mmap_size` '
        "256 MB no change (CPU-bound).  FTS5's bm25() weights are per column, not per phrase, and "
        "`detail=column` would lose phrase matching.  So `update()` (the GUI's background job) now re-ranks "
        "and stores the library's topics when passages changed (`refresh_topics=False` skips it; "
        '`update_sources()` does not refresh); the first suggestion after it is warm.  The cold path itself '
        'is as before.'
    ),
    (
        'Search, issue 6 round (cProfile, per-part timing, and `perf` on a static build of the system SQLite '
        '3.40.1 running the same ranking queries in C). Cold topic suggestion (~10-12 ms): the ranking query '
        '~75-85%; inside it bm25() costs ~1 us per matching row (the doc-size lookup, a statement step per '
        'row, ~28% of the query; the instance list ~9%), and yes, the OR of repeated phrases makes FTS5 read '
        "each doclist once per copy, twice over: for the rows (~35%) and for each copy's IDF (xQueryPhrase "
        'over the whole table, ~25%). Every phrase term is also looked up in every FTS5 segment: the first '
        'index left 6 segments and each later write adds a small one that FTS5 merges only once per 64 pages '
        'written, so over 400 single-source edits the ranking swung 6.5-9.7 ms with the segment count (4-16).'
        ' Around the query: the count (~0.7 ms, unused by suggest()), topic terms re-parsed three times per '
        'call (~0.3 ms; ~30% of a warm call), and the digit-group comma regex, whose leading look-behind made'
        ' the engine try every position (~23 us per highlighted paragraph with a comma, ~1 s of normalising a'
        " first index's 80,000 passages). Changes: a write that inserts a quarter of the passages ends with "
        "FTS5 'optimize', any other with 'merge' 16 (e129a9c: over the 400 edits ranking median 7.2 instead "
        'of 8.2 ms, no edit over ~30 ms; the first index +~0.35 s); suggest() ranks without counting, the '
        'first count_suggestions() counts, refresh_topics() still stores both, stored hits packed instead of '
        'JSON (9ecafbd); phrases parsed once per term list and absent phrases skipped before their regex '
        '(384dc46); the comma regex starts with the comma (0e1771d; identical output on all 80,073 passages).'
        ' The ranking SQL is unchanged: the top 100 of every topic, scores bit for bit, highlights and '
        'snippets are identical before and after (compared on the 10,000-source fixture). Same session before'
        ' -> after: cold 11.4/12.2 -> 8.8/8.9 ms (1.41-1.47x -> 1.18-1.19x the bare query), warm 2.8 -> 1.8 '
        'ms, all-topic counts warm 3.4 -> 0.4 ms, first 10,000-source index 5.7-6.1 -> 5.1 s. Measured and '
        'not adopted: one query per weight class summed (same top 100, scores within 3e-14) 6.7-6.9 vs 6.3 ms'
        ' on the compact index, since rows matching several classes pay bm25() once per class (it wins only '
        'on a fragmented index); dropping phrases that match nothing (score-identical) ~1%; FTS5 pgsz '
        '1,000-16,000 no change; ORDER BY rank slower; bm25() on a shortlist is not possible from SQL (`rowid'
        ' IN (...)` with MATCH re-runs the IDF per rowid: 0.5 s for 100 rows). The next lever, not built: '
        'phrases that match few rows but are costly to match ("security training": 52 rows, 0.73 ms per pass)'
        ' as their own single-phrase queries summed in SQL: ~0.8 ms off the median with an oracle split (same'
        ' top 100, scores within 3e-14), but it needs per-phrase match counts kept from an earlier ranking.'
    ),
    (
        'Search, issue 6 round, full scan with one changed source (~40 ms in the scratch session): os.stat '
        '~25 ms, `set(current).difference(table)` ~6 ms (hashing 10,000 fresh row tuples whose strings are '
        "not the table's objects), reading 10,000 `text_path` descriptors to check the folder grouping ~2.5 "
        'ms, str file names encoded by every os.stat ~1.4 ms. Now (439680b, `briefing/search/scan.py`, split '
        "out of index.py): rows come out in a stable order (an unstat'able file gets a placeholder row) and, "
        'while the library and the indexed table are the ones the last scan settled, are compared with that '
        "scan's position by position (`map(ne)`, ~1 ms), only the differing rows and those not in the table "
        "then being looked up; the grouping is kept while `path_assignments()` (a counter bumped by Source's "
        'path fields) and the Source objects are unchanged; names are pre-encoded bytes. Same guarantees '
        '(mtime_ns + size, then the content hash; a missing file reported on every scan; a path set in place,'
        " another handle's write, a targeted update or a rebuild fall back to the full compare; new test). "
        'Same session: 55.7/59.6 -> 36.7/36.5 ms in the benchmark (update() above its os.stat floor ~19 -> '
        '~5.5 ms); scratch A/B 37.0/40.0/37.3 -> 30.5/30.4/29.6 ms.'
    ),
    (
        'Export (cProfile and pyinstrument, one export of the 130-page fixture; before -> after this round, '
        'same session: export 1.68 -> ~1.27 s, bare 0.69 -> ~0.52 s, since the font and stream changes apply '
        'to both): KeepTogether wrapped every short excerpt twice (3,004 line-breakings for 1,971 paragraphs; '
        "now the first result is reused at the same width); reportlab's C accelerator is not installed, so "
        'the pure-Python ASCII85 encoder was ~0.28 s of saving (streams are now binary Flate) and stringWidth '
        "~0.35 s of line breaking (the DejaVu faces now remember each word's width); the marking and running "
        'header are one form per page template; cited sources were found by a linear scan.  PDF text and '
        'renders are byte-identical before and after.  What remains over the bare build: the story (~0.3 s vs '
        "~0.1 s for plain Paragraphs: reportlab's HTML parser on the endnotes' and bibliography's `<i>` and "
        '`<a href color>` markup), multi-fragment paragraphs (attribution `<super>` markers, italic titles, '
        "links) taking reportlab's slower per-fragment line breaking and drawing (~0.4 s), KeepTogether's "
        'trial layout (copying the frame), link annotations, outline and forms in the file, and the white '
        'space keep-together leaves (130 vs 119 pages).'
    ),
    (
        'Export, next round (cProfile and timings per paragraph style, one export of the 130-page fixture): '
        'building the story took 0.56 s of a 1.84 s export (timed per phase on a loaded machine), mostly '
        "reportlab's HTML parser (1,971 parses, nearly all unique markup because attributions and endnotes "
        'carry their numbers), and the 480 attributions were multi-fragment only because of the `<super>` '
        'note number.  Now plain text becomes one fragment without the parser, markup made only of this '
        "package's tags (`<b>`, `<i>`, `<super>`, `<a href color>`) is turned into reportlab's fragments by "
        'copying the fragment of a one-letter parse inside the same tags (fragment-for-fragment parity with '
        'the parser checked on every paragraph), adjacent fragments of the same format are merged (an `&amp;` '
        'no longer splits a paragraph into the slow path), and an attribution is a one-face paragraph with '
        'its number drawn as superscript text after the last word (it becomes the `<super>` paragraph '
        'whenever the number would not fit the last line, or it splits).  Story 0.56 -> 0.18 s; export ~20% '
        'faster (1.27-1.38 -> 1.04-1.07 s side by side; ratio 2.8 -> 2.3).  pdftotext -bbox: same 76,999 '
        'words, positions within 0.0001 pt; renders at 60 dpi byte-identical; same link annotations.  Still '
        'over the bare build (~0.6 s): endnotes and bibliography stay multi-fragment (italic titles, links: '
        "reportlab's per-fragment breaking and drawing, ~0.35 s for 875 paragraphs), quotes' shading and rule "
        '(~0.1 s), link annotations, outline, forms and 11 more pages in the file (save ~0.12 s), '
        "KeepTogether's trial layout.  Meeting 1.25x would need the export to lay out and draw faster per "
        "paragraph than reportlab's plain Paragraph does in the baseline (a custom line breaker and drawer "
        'for multi-face lines, as the ideas list proposes for endnotes); not done this round.'
    ),
    (
        'Export, third round (line breaking and drawing timed per paragraph style): the endnote and '
        "bibliography paragraphs took ~0.21 s to break and ~0.14 s to draw on reportlab's multi-face path "
        '(italic titles, links); the same end matter as plain text took the export from 0.97 to 0.58 s.  '
        '`briefing/writers/pdf/runs.py` (RunsParagraph) reproduces reportlab\'s mixed-face line breaking and drawing '
        'for that simple case with cached word widths and falls back to reportlab for everything else '
        '(splits, other alignments, superscripts, soft hyphens, …; 894 of 925 end-matter paragraphs take the '
        'fast path); output byte-identical to reportlab\'s (the fixture PDF, 18 theme x style x page-size '
        'combinations, ~2,400 random paragraphs).  Export 1.03 -> 0.84 s side by side, 2.31x -> 1.85x bare.  '
        "Still over the bare build (~0.39 s): quotes' shading and left rule drawn per quote (~0.08 s), "
        'saving link annotations, outline, forms and 11 more pages (~0.12 s), keep-together trial layout, '
        'attributions (~0.03 s).'
    ),
    (
        'Export, fourth round (cProfile, pyinstrument and per-phase timers around breakLines, drawPara, '
        'the story and the save; one export of the 130-page fixture; same session: export 0.80 -> ~0.54 s, '
        'bare unchanged at ~0.44 s, 1.84x -> ~1.22x).  The largest single cost, in the bare build too, was '
        "TrueType text coding (`TTFont.splitString`, a Python loop per character, ~20% of the bare build): "
        'characters already coded now go through a per-document `str.translate` table '
        '(`briefing/writers/pdf/textcode.py`; a first try that cached each word\'s coded bytes was no faster, '
        '~17 us of Python per line).  One-face paragraphs are broken from the faces\' remembered word widths '
        "with reportlab's arithmetic (`oneface.py`); endnote and sources fragments are built straight from "
        'the citation Runs (`citefrags.py`) instead of markup written and parsed back (40% of building the '
        'story); link annotations are written from a template cut from reportlab\'s own formatting and '
        'their rectangles inline (`annotations.py`; ~0.05 s of saving); keep-together groups of paragraphs '
        'measure without deep-copying the frame (494 copies); spacers write no empty graphics state; '
        '"Page X of Y" is written into each page\'s stream at save instead of 130 forms; sort keys, '
        'citation pieces and white-space checks got cheaper.  Each step kept the file byte-identical to '
        "reportlab's output (whole exports compared in tests; the fixture in 6 theme x style combinations "
        'compared across commits) except the last two, which drop operators that draw nothing and move '
        'the footer from a form into the page (rendered pages looked at).  What the export still pays over '
        'the bare build: formatting the 480 notes and 383 sources (~0.04 s; the bare build gets its text '
        'precomputed), building their fragments (~0.035 s), the multi-face end matter (~0.13 s to lay out '
        'and draw, links included), cover, contents, outline, shading, rules, note numbers and 11 more '
        'pages.  Part of the ratio comes from the export drawing text faster than stock reportlab; the '
        'informational row shows the bare build with the same text engine.'
    ),
    (
        'Export, public-API round (issue 10; cProfile and CPU-time A/B of the 130-page fixture with the Citer '
        'adapter, on a 2-core machine shared with other engineers): the speed modules above (textcode, oneface, '
        'runs, citefrags, annotations, footer-in-stream, the per-style parse cache, the width-caching font) '
        'were removed for reportlab\'s public API; composition moved into `briefing/compose` (~0.06-0.1 s of '
        'the export with the adapter).  The links in notes and sources are the largest extra over the bare '
        'build: the same export with them off took ~1.05 instead of ~1.65 s of CPU (multi-face parsing, a '
        'link annotation per line, formatting them at save); an endnote with a link or an italic title takes '
        '0.46-0.57 ms to parse and wrap against 0.14 ms as one face (500 of each, timed alone).  Meeting 2.0x '
        'would take links in the sources list only, or a line breaker of our own for mixed faces (what '
        '`runs.py` was).  Keep-together groups wrapped each paragraph '
        'twice; a paragraph wrapped again at the same width now reuses its lines (`SafeParagraph.wrap`).  '
        '"Page X of Y" is one forward-referenced form per page (~0.35 s of CProfile-inflated save time for '
        '130 forms; the old stream rewrite needed private canvas names).  With pandoc citeproc as the '
        'citation processor, its subprocess (~0.4 s fixed, ~1.4 s for 480 citations) is the largest single '
        'cost of compose() and of a small export.  `gc.freeze()` around GUI exports was kept: with the '
        '1,000-source library loaded, an export without it met a full (generation 2) collection in one run '
        'of two, an 82 ms pause (longest 3-8 ms with it), and the GUI process holds more objects still.'
    ),
    (
        'Export, quiet-machine round (load < 1 at the start; cProfile, pyinstrument, per-paragraph-style timers '
        'and CPU-time A/B runs of the 130-page fixture).  With the citation cache warm an export was ~1.37 s '
        "against a ~0.55 s bare build (2.5x): compose() ~0.04 s (3%), building the story ~0.3 s (reportlab's "
        'markup parser, 1,954 paragraphs), layout ~0.85 s, saving ~0.1 s.  Per paragraph style (parse + wrap + '
        'draw): endnotes ~0.33 s, sources ~0.26 s, quotes ~0.26 s, attributions ~0.17 s.  CPU A/B: the export '
        '1.40 s, without links 1.09 s, with every paragraph as one plain face (no links, italics or '
        'superscripts) 0.72 s, bare 0.62 s: the multi-fragment paragraphs are nearly the whole gap.  pandoc: one '
        'call on a first export (~1.4 s for 480 citations and 383 entries, ~0.18 s of it start-up and style), '
        'none on a re-export or in a new process with the saved cache (checked by counting calls).  Changed: '
        'each export listed the registry by parsing every theme, layout and CSL file (~10-20 ms, ~10% of the '
        '10-page export; now remembered per file while its stat is unchanged); markup whose characters every '
        'face of the family draws skips the per-face glyph check (building the story 0.30 -> 0.26 s of CPU), '
        'text with nothing to clean skips two regex substitutions; the page frame is copied shallowly for each '
        'of the ~500 keep-together measurements instead of deep-copied (the PDF is byte-identical).  Tables '
        'now use the composed relative widths and top-aligned cells.'
    ),
    (
        'Start-up with 10,000 sources (pyinstrument in the launched process, warm metadata cache, index '
        "already built; 5.4-6.0 s to first idle before): ~75% was `LibraryPane.__init__`, where the table's "
        '`sortByColumn` made `QSortFilterProxyModel` sort 10,000 rows by asking the Python model for '
        '`data(SortRole)` twice per comparison (~260,000 calls); ~15% was `Library.load` (0.75 s: '
        're-validating every cached mapping, two Path objects and a text-file stat per source); the index '
        'open 0.02-0.05 s.  Now the model sorts itself (one key per row) and filters with a casefolded string '
        'per row, enabling sorting no longer sorts by title first (which read untitled texts), the metadata '
        'cache holds validated fields (keyed by a hash of the validating code), text files are checked '
        'against the folder listing, paths become Path objects when first read.'
    ),
    (
        'Start-up, this round (-X importtime and cProfile of the real entry point, in-process phase timings, '
        '`enum.EnumType._create_` timed per importing line, interleaved A/B launches).  Before: 2.14x / 3.36x '
        'as published; 2.05x / 2.94x with the benchmark reading bytecode.  The benchmark had compiled the '
        "app's ~60 modules from source on every launch (this machine sets PYTHONDONTWRITEBYTECODE=1; 43 "
        "`compile()` calls, ~60 ms), while the bare window's PySide6 comes precompiled: both launches now "
        'read bytecode from a pycache prefix written by an untimed warm-up launch, as an installed app would.  '
        '10,000-source `Library.load` (~0.2 s) was a scandir of 20,000 entries (~26 ms), a stat per YAML file '
        '(~80 ms), the JSON cache (~30 ms) and 10,000 Sources (~40 ms, half of it `os.path.join`): a full '
        "check now stamps a clean folder with its mtime (if over 2 s old), the GUI's load takes a folder "
        'whose mtime still matches straight from the cache, and the full check (`Library.reload_if_changed`) '
        'runs on the index thread before the index update, swapping in and refreshing the views if a file '
        "changed (in-place edits keep a folder's mtime).  The Library pane (~27 ms with 10,000 sources) and "
        'Briefing Details are built when their tabs are first shown or the attribute is read.  Qt classes '
        'used only for painting rows, showing a source or dialogs (QStyle ~8-11 ms with its ~90 enums, '
        "QTextFormat's family, QFont, QImage/QPainter for the icon, QDialog subclasses, QFileDialog) are set "
        "up on first use.  The cyclic collector is off during start-up and back, with start-up's objects "
        'frozen, once the window is up (a full 10,000-source Library.load in process: min 68 vs 88 ms; 11 '
        'interleaved launches each: median 0.49 vs 0.66 s on a busy machine).  topics.yaml is cached with the '
        'metadata.'
    ),
    (
        'Start-up, issue 10 round (-X importtime against the bare window, enum set-up timed per importing '
        'line, in-process phase timers): the features added since (preview, briefing aids, section editor, '
        'import, export choices, registry, citations, writers, analysis) import nothing heavy at start-up '
        '(writers, compose, citation, jinja2, lxml, pypdfium2, trafilatura, pypdf, docx, dateutil and '
        'analysis load on first use; preview, briefing aids, Library and Briefing Details are built when first '
        'shown); the 1.68x was breadth: `briefing.paths` found the bundled folders with '
        '`importlib.resources` (~5 ms) and imported platformdirs (~5 ms) at every launch (now the package '
        'spec, and platformdirs only when BRIEFING_BOOK_HOME is not set, so a real user still pays its ~4 ms), '
        'QMessageBox was set up with its enums by six modules at import (now where a message is shown), '
        'html with its entity table and datetime were imported for functions a start-up does not call; the '
        'application phase went from ~18 to ~8-11 ms.  The bundled row is still over 1.5x in the full run '
        "(9 launches of each kind) published above; quick runs after each of this round's three commits (5 "
        'of each, same quiet machine, minutes apart) gave 1.44x, 1.39x and 1.48x, and a second full run of the '
        'final code right after the published one 1.47x (10,000 sources: 2.07x), so the code sits at about '
        "the target and the machine's run-to-run spread decides the verdict: the bare window's median moved "
        'between 0.20 and 0.28 s from run to run, and even between the two parts of one run.  The 10,000-source '
        'row moved the same way (1.76-2.26x over these runs, app medians 0.42-0.59 s against 0.48 s before '
        'this round): no slower in absolute terms, but without margin under 2.0x either.  '
        'What was left then: the document model and session (~15 ms of imports, mostly dataclasses), `briefing.search` (~9 ms), OpenSSL hashlib (~4 ms), argparse with gettext/locale (~5 ms) and the Qt classes the window really uses.  `yaml` (~18 ms) is no longer imported at start-up (803d5d2).'
    ),
    (
        'Start-up, issue 10 closing round (-X importtime, dataclass creation and Qt enum set-up timed at a '
        'launch, inspect.getsource counted, interleaved launches of the old and new code from two checkouts).  '
        'First the benchmark was made fair: it had set BRIEFING_BOOK_HOME, which skips the platformdirs import a '
        "real user's launch pays; the per-user folders now go through the XDG variables (a43e00f; quick runs "
        "right after: 1.56x/1.59x bundled).  Then: no hashlib at launch (the metadata cache's validator key is "
        'a CRC, hashlib loads where a text is hashed; ~4 ms), the usual command lines read without argparse '
        '(checked against argparse over ~1,100 token combinations; ~3.6 ms), the query parser, highlighting '
        'and batch writing loaded by the first search (~3.3 ms), QInputDialog and QTextDocument set up when '
        'first used (~1.5 ms), four frozen dataclasses as NamedTuples (~0.9 ms each), the file format and '
        'sentence splitter loaded when a briefing is read or trimmed (~1.8 ms), and the Qt-free core imported '
        "before PySide6: PySide6's __feature__ hook reads the source of every module an import statement names "
        'after PySide6 is loaded, 128 files at a launch before, 83 after (~20 -> ~14 ms).  Old and new code '
        'side by side (11 interleaved launches each): the bundled start-up ~10 ms faster.  What is left: for '
        'the bundled library (1.61x in that round\'s published run), the 83 source reads of that hook (the GUI modules and the names '
        'they import), 16 dataclasses (~12 ms to create: Source, BriefingMeta, Section, Excerpt, ItemKind, '
        'Field, Change, LoadStats, Library, Topic, Passage, ContentError, ...), platformdirs (~4-7 ms; '
        'copying its XDG logic was judged not worth the risk), the visible panes and the saved layout.  For '
        '10,000 sources (1.78x), additionally the JSON cache and the Source objects (~55-75 ms).  Measured '
        'and not done: opening the search index or loading the library after the first idle would only move '
        "work past the benchmark's measuring point.  The same code in four full start-up runs within half an "
        'hour (9 launches of each kind): bundled 1.30x, 1.61x, 1.44x, 1.68x; 10,000 sources 1.80x, 1.78x, 1.76x, '
        '1.78x.  In process, the bare window builds in ~13 ms and is idle ~5 ms after show(); the app takes '
        "~62-69 ms to import its window modules (~27 ms of it the Qt namespace's enums, which the bare window "
        'sets up too), ~40-45 ms to build the window and ~24 ms from show() to idle: the bundled row sits at its '
        "target, and which side of it a run lands on is this machine's spread."
    ),
    (
        'Start-up, fifth round (the Qt classes set up at a launch listed from PySide6\'s module namespaces at the '
        'first idle, app against bare window; per-part timers around the window\'s construction; interleaved '
        'launches of two checkouts).  The app had set up 45 QEvent subclasses the bare window never touches '
        '(QActionEvent ... QWindowStateChangeEvent, the QGraphicsScene*Event family): five Python event hooks '
        '(the Section pane\'s four FocusOut event filters, the suggestion list\'s Enter filter, the reader\'s '
        'changeEvent) received generic QEvents, and the first one makes PySide6 set up every subclass to find '
        'its type (a test widget\'s show(): 0.3-0.5 ms plain, 3-5 ms with a showEvent override, 6-8 ms with an '
        'event filter).  They are now a QPlainTextEdit subclass with focusOutEvent, a QListView subclass with '
        'keyPressEvent and QStyleHints.colorSchemeChanged (d1a646c; building the window 47 -> 34 ms).  The first '
        'style sheet in the window set up Qt\'s style-sheet style: the Section heading is a bold font, the '
        'outline\'s hint a palette role and a margin, and its banner gets its sheet when first shown (67d517a; '
        'grabs pixel-identical; ~5-7 ms).  Nine dataclasses without a docstring had one built from '
        'inspect.signature at every import.  Measured and not done: creating the 16 dataclasses (~17 ms, the '
        'exec of 57 generated methods), MainWindow.showEvent (it sets up QEvent, ~3 ms, but the first layout '
        'done anywhere later would tabify the docks or restore the geometry after the window is mapped), the '
        '__feature__ hook (avoidable only through PySide6 internals).  Then the Section pane: it was built and '
        'shown, empty and disabled, under the Outline at every launch; it now starts hidden and is built when '
        'it first shows (a section selected, Ctrl+7, or a saved layout that shows it; dcaa803), and its module '
        'is imported then.  In process, without a saved layout: building the window 47 -> ~32 ms, show() to '
        'idle ~27 -> ~15 ms.  Full runs of this round\'s code before the Section pane change: bundled 1.43x, '
        '1.34x, 1.63x (9 launch pairs), 1.39x, 1.50x (21 pairs); 10,000 sources 1.89x, 1.83x, 1.96x, 1.92x, '
        '1.86x; after it, seven runs: 1.51x, 1.28x, 1.38x, 1.43x (the run above), 1.49x, 1.41x, 1.35x / 1.88x, '
        '1.76x, 1.94x, 1.80x, 1.88x, 1.89x, 1.87x.  Single launches vary +-50% on this '
        'machine (one pair\'s ratio 1.2-2.2x), so the '
        'benchmark now runs 21 pairs: bundled@BUNDLED_RATIO@, 10,000 sources@LARGE_RATIO@.'
    ),
    (
        'Search, fifth round (in-process timers around each part of update(), A/B of variants in one process, '
        '10,000 fstatat calls timed in C).  The full scan read each source\'s text_path through its Python '
        'descriptor to learn whether a path changed; it now reads the stored values in one C-level pass and '
        'keys the grouping by two flat lists, ids and stored paths (~7 -> ~2.3 ms: a list of (id, path) '
        'tuples alone cost ~2 ms to build; a path set in place still stores a new object and is seen).  '
        'Measured and not done: rows for the unchanged files only when they differ (~2-3 ms of tuples '
        'built and freed per scan).  The benchmark now freezes '
        'what start-up built out of the collector, as the app does once its window is up.  The floor moved with '
        'the machine: the same fstatat calls in C took ~14 ms in an earlier round and 20-22 ms in this one, '
        'os.stat from Python 27-52 ms; two threads statting half each were slower (45-57 against 37-42 ms: '
        'the GIL changes hands at every call).  Highlighting: a position map only where a digit-group comma '
        'is removed, a bounded reversal of the text before the hit and a regex for the ellipses gave identical '
        'output and no measurable gain (A/B over 468 rows, ~40 us a row either way); not kept.  The floor of '
        'every search, the FTS5 query itself, depends on the SQLite the Python links (3.40.1 here): the same '
        'queries on the same index file with SQLite 3.51.1 (pysqlite3-binary 0.5.4) took 2.59 instead of 4.05 ms '
        '(free text, bare query; apsw\'s 3.54.1: 2.36 ms), topic rankings 7.2 instead of 9.3 ms, whole '
        'searches 4.5 instead of 5.8 ms (interleaved, one process, two copies of the file), with identical '
        'top-100 ids and bm25 scores for the 12 benchmark queries and the 10 topics.  `briefing/sqlitedb.py` now '
        'uses pysqlite3 where its wheel installs (Linux x86_64), else the Python\'s own; apsw was not taken '
        'for its different API (transactions, exceptions, cursors) for a further ~0.2 ms.  The absolute rows '
        'follow the shared host\'s speed more than the code: with the same code and SQLite within one hour, a '
        'search-only run measured 3.2 ms with the bare FTS5 query at 1.6 ms (full scan 44 ms), an earlier full '
        'run the bare query alone at 3.8 ms (search 7.4 ms, scan 61 ms, both over their targets); the load '
        'average stayed ~1 and the kernel counted almost no steal time.'
    ),
    (
        'Responsiveness (10 ms heartbeat during the GUI export): the export runs on a worker thread and the '
        'GUI thread gets the GIL back at least every switch interval (5 ms), so most gaps are 10-30 ms; a '
        'queued signal per progress report from the worker stalled the event loop ~0.33 s (faulthandler '
        'dumps showed the worker inside the emit); progress is now polled every 100 ms.  The click itself '
        '(deep copy of the briefing + start) is ~10-20 ms.  See the table for the widest progress interval.'
    ),
    (
        'Export and responsiveness, issue 10 closing round (cProfile diff of the export against the bare build '
        'by function, per-paragraph-style timers, CPU-time A/B of variants in one process, faulthandler dumps '
        'every 40 ms during the GUI export).  With the citation cache warm the export was 2.3-2.5x the bare '
        "build; A/B in CPU time: as it was 1.40-1.47 s, without `<a href>` links 1.00-1.15 s, also without "
        "`<super>` 0.98 s, every paragraph one plain face 0.89 s, bare 0.59-0.60 s.  The link cost was the "
        "colour change more than the annotations: URLs coloured but not linked 1.36 s.  Changed: an endnote or "
        'entry whose URL is its only target is one `canvas.linkURL` annotation over the paragraph '
        '(`LinkedParagraph`, split pieces keep it), its URL in the text colour unless the theme sets '
        'colors.link (the bundled base theme now leaves it to the text colour: APA 7 accepts plain URLs); '
        'note references are the DejaVu faces\' superior figures (U+00B9, U+00B2, U+00B3, U+2070-U+2079, in '
        'every bundled face) instead of `<super>`.  Export 2.3-2.4x -> ~1.7x in CPU time, same run.  '
        'Responsiveness: the dumps during the first export\'s longest stall (321 ms) showed the GUI thread in '
        '`RecoveryStore.write` (the autosave timer: to_yaml, validation and two fsyncs of the 480-excerpt '
        'briefing, ~120-160 ms alone); it now writes a deep copy (~8 ms to take) on its own thread.  The '
        "first export's widest progress interval (0.8-2.0 s) was pandoc (no word for ~1.5 s) and then the "
        "first import of reportlab and the fonts (~0.4 s): pandoc is now polled every 0.2 s and its share of "
        'the bar moves on its expected time; the export dialog loads the chosen writer in the background when '
        'it opens.  `gc.freeze()` around GUI exports is gone; the 5 GUI exports then had longest gaps of '
        '20-63 ms.'
    ),
]
