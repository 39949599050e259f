"""``cite`` and ``references``: citations in any CSL style, and reference files in and out.

``briefing-book cite ID… [--style S] [--locator N] [--json]`` prints, for each library source (or
each item of ``--items FILE.json``), its bibliography entry, first note, shortened note and
in-text citation; ``references import FILE`` gives library sources the metadata of a CSL-JSON or
BibTeX file; ``references export [ID…]`` writes the library's metadata as CSL-JSON.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from briefing.cli.common import CommandError, load_library, print_json


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("cite", help="format sources in a citation style",
                              description="Bibliography entry, first note, shortened note and in-text citation of "
                                          "library sources (by id) or of the items of a CSL-JSON file.")
    p.add_argument("ids", nargs="*", metavar="ID", help="library source ids (all items of --items if none)")
    p.add_argument("--items", type=Path, metavar="FILE", help="a CSL-JSON or BibTeX file instead of the library")
    p.add_argument("--style", default="chicago", help="a style name (see `briefing-book styles`) or a .csl file")
    p.add_argument("--locator", help="a paragraph (or with --label page, a page) to cite")
    p.add_argument("--label", default="paragraph", choices=("paragraph", "page", "section", "chapter", "line"))
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run_cite)

    p = subparsers.add_parser("references", help="import or export reference metadata (CSL-JSON, BibTeX)",
                              description="Import CSL-JSON or BibTeX metadata into library sources, or export the "
                                          "library's metadata as CSL-JSON.")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = sub.add_parser("import", help="give matching sources (by id, DOI or URL) the file's metadata; "
                                        "other items become new metadata-only sources")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(func=run_import)
    exp = sub.add_parser("export", help="write sources' metadata as CSL-JSON")
    exp.add_argument("ids", nargs="*", metavar="ID", help="source ids (default: every source)")
    exp.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    exp.set_defaults(func=run_export)


def _text(runs) -> str:
    return "".join(r.text for r in runs)


def _item_sources(path: Path):
    """CSL-JSON items as throwaway sources, so they take the same path as library sources."""
    from briefing.citation.references import item_source_id, metadata_from_item, read_items
    from briefing.library.validate import FieldProblem, source_from_data

    out = {}
    for n, item in enumerate(read_items(path), 1):
        data = metadata_from_item(item)
        sid = item_source_id(item, n)  # a reference manager's key ("Smith:2016") as a source id ("smith-2016")
        try:
            out[sid] = source_from_data({"id": sid, "kind": "other", **data}, path.with_name(f"{sid}.yaml"), "user")
        except FieldProblem as problem:
            raise CommandError(f"{path.name}: item {sid}: {'.'.join(map(str, problem.keys))}: {problem.message}")
    return out


def run_cite(args: argparse.Namespace) -> int:
    from briefing.citation import processor_for
    from briefing.citation.api import CiteRequest

    if args.items:
        sources = _item_sources(args.items)
    else:
        lib = load_library()
        sources = lib.sources
    ids = args.ids or (list(sources) if args.items else [])
    if not ids:
        raise CommandError("name one or more source ids (see `briefing-book sources`), or give --items FILE", 2)
    unknown = [i for i in ids if i not in sources]
    if unknown:
        raise CommandError(f"no source with id {', '.join(unknown)}")
    from briefing.library.source import Source

    processor = processor_for(args.style)
    other = Source(id="\0another-source", kind="other", title="Another source")
    rows = []
    for sid in ids:
        cite = CiteRequest(sid, args.locator, args.label)
        doc = processor.process({sid: sources[sid]}, [cite])
        # a later citation after another source's: the shortened note (a repeat right after is "ibid.")
        later = processor.process({sid: sources[sid], other.id: other}, [cite, CiteRequest(other.id), cite])
        rows.append({"id": sid, "style": processor.style, "style_class": doc.style_class,
                     "bibliography": _text(doc.bibliography[0]) if doc.bibliography else "",
                     "first_note": _text(doc.citations[0]) if doc.style_class == "note" else "",
                     "short_note": _text(later.citations[2]) if doc.style_class == "note" else "",
                     "in_text": _text(doc.citations[0]) if doc.style_class == "in-text" else "",
                     "attribution": _text(processor.attribution(sources[sid]))})
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(f"{row['id']} ({row['style']})")
        for key, label in (("bibliography", "Bibliography"), ("first_note", "First note"),
                           ("short_note", "Shortened note"), ("in_text", "In-text"), ("attribution", "Attribution")):
            if row[key]:
                print(f"  {label + ':':16}{row[key]}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from briefing.citation.references import import_items, read_items

    lib = load_library()
    result = import_items(lib, read_items(args.file), dry_run=args.dry_run)
    if args.json:
        print_json({"updated": result.updated, "created": result.created,
                    "problems": result.problems, "dry_run": args.dry_run})
    else:
        verb = "would update" if args.dry_run else "updated"
        print(f"{verb} {len(result.updated)} source(s): {', '.join(result.updated) or '-'}")
        if result.created:
            verb = "would create" if args.dry_run else "created"
            print(f"{verb} {len(result.created)} new source(s) with metadata only (no text yet; import the "
                  f"document to read and quote it): {', '.join(result.created)}")
        for problem in result.problems:
            print(f"skipped {problem}")
    return 1 if result.problems and not (result.updated or result.created) else 0


def run_export(args: argparse.Namespace) -> int:
    from briefing.citation.references import export_items
    from briefing.yamlio import atomic_write_text

    lib = load_library()
    unknown = [i for i in args.ids if i not in lib.sources]
    if unknown:
        raise CommandError(f"no source with id {', '.join(unknown)}")
    sources = [lib.sources[i] for i in args.ids] if args.ids else lib.sorted_sources()
    text = json.dumps(export_items(sources), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        atomic_write_text(args.output, text)
        print(f"wrote {len(sources)} item(s) to {args.output}")
    else:
        print(text, end="")
    return 0
