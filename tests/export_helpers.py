"""Shared builders for the export tests (no tests here): a tiny library on disk and briefings over it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf

from briefing.library import Library
from briefing.model import Briefing, BriefingMeta, Excerpt, Note, Section, Subheading

HOSTILE = [
    '<img src="/etc/passwd"/>',
    '<a href="javascript:alert(1)">click</a>',
    "<font color=\"[[[getattr(pow, Word('__globals__'))['os'].system('touch /tmp/pwned-briefing')]]]\">x</font>",
    "Fish & Chips < 5 > 3",
]

SPANISH = "En Nariño y Medellín, el programa “Paz” — 2010–2012 — sigue: non\u2011breaking • listo."
URL = "https://www.example.org/colombia/report-2012"


def make_library(root: Path) -> Library:
    src = root / "sources"
    src.mkdir(parents=True)
    (src / "alpha.yaml").write_text(
        "id: alpha\nkind: report\ntitle: Security partnership review\npublisher: Example Institute\n"
        f"date: '2012-04-15'\ndate_precision: day\nurl: {URL}\n",
        encoding="utf-8",
    )
    (src / "alpha.txt").write_text(
        f"{SPANISH}\n\nKidnappings have gone down 90 percent from their peak in 2002.\n\n"
        "The plan formalizes the security coordination component of the dialogue.\n\n"
        + " ".join(f"Long paragraph sentence {i} on cooperation, training and extradition." for i in range(60))
        + "\n",
        encoding="utf-8",
    )
    (src / "beta.yaml").write_text(
        "id: beta\nkind: news\ntitle: Leaders meet in Cartagena\npublisher: Daily Wire Service\n"
        "authors: [Ana Gómez]\ndate: '2012-04'\ndate_precision: month\n",
        encoding="utf-8",
    )
    (src / "beta.txt").write_text("Clinton credited Colombia for its security gains.\n\nSecond paragraph.\n",
                                   encoding="utf-8")
    lib = Library.load(roots=[(root, "user")], cache_path=False)
    assert not lib.problems, lib.problems
    return lib


def excerpt(lib: Library, source_id: str, paragraph: int, **kw) -> Excerpt:
    text = lib.source(source_id).paragraphs()[paragraph - 1]
    return Excerpt(source_id=source_id, text=text, paragraph=paragraph, start=0, end=len(text), **kw)


def small_briefing(lib: Library, marking: str = "UNCLASSIFIED // FOR OFFICIAL USE ONLY") -> Briefing:
    meta = BriefingMeta(title="Colombia security cooperation", subtitle="Background", prepared_for="The Principal",
                        prepared_by="Jane Staffer", date="23 November 2026", marking=marking,
                        purpose="Prepare for the meeting")
    s1 = Section(title="Extradition in Nariño", key_points=["Key point one — first.", "Key point two"],
                 discussion_questions=["Why did extradition rise?"])
    s1.items += [excerpt(lib, "alpha", 1), excerpt(lib, "alpha", 4), Note("Check the figures with the desk."), Subheading("Background"),
                 excerpt(lib, "beta", 1, lead_ellipsis=True, trail_ellipsis=True, comment="Use in remarks.")]
    s2 = Section(title="Training and assistance", key_points=["Training continues"])
    stale = excerpt(lib, "alpha", 2)
    stale.status = "stale"
    s2.items += [stale, excerpt(lib, "alpha", 3), excerpt(lib, "alpha", 4)]
    s3 = Section(title="Migration", items=[excerpt(lib, "beta", 2), excerpt(lib, "alpha", 4)])
    return Briefing(meta=meta, sections=[s1, s2, s3])


def reader(path: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(Path(path).read_bytes()))


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in reader(path).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
