"""The aids in the exported briefing: off by default, and when asked for, a "Briefing aids" part
with the key figures, timeline, conflicts and balance that every writer prints (PDF read back
with pypdf, HTML with html5lib)."""

from __future__ import annotations

import io
import re

import html5lib
import pytest
from pypdf import PdfReader

from briefing.compose import compose
from briefing.compose.document import Table, plain
from tests.analysis_support import EMBASSY, INSIGHT, briefing_of, bundled_library

ALL = {"figures": True, "timeline": True, "conflicts": True, "balance": True}


@pytest.fixture(scope="module")
def setup():
    lib = bundled_library()
    briefing = briefing_of(lib, {"Plan Colombia results": [(EMBASSY, 2), (EMBASSY, 3), (EMBASSY, 4)],
                                 "U.S. support": [(INSIGHT, 5)]})
    briefing.meta.title = "Plan Colombia"
    return lib, briefing


def aids_part(document):
    return next((p for p in document.parts if p.kind == "aids"), None)


def test_aids_are_off_by_default(setup):
    lib, briefing = setup
    assert aids_part(compose(briefing, lib)) is None


def test_the_composed_aids_part_comes_before_notes_and_is_in_the_contents(setup):
    lib, briefing = setup
    document = compose(briefing, lib, include=ALL)
    kinds = [p.kind for p in document.parts]
    assert kinds.index("aids") > max(i for i, k in enumerate(kinds) if k == "section")
    assert kinds.index("aids") < kinds.index("notes")
    part = aids_part(document)
    tables = [b for b in part.blocks if isinstance(b, Table)]
    roles = [t.role for t in tables]
    assert roles[:2] == ["key-figures", "timeline"]
    figures = [plain(row[0]) for row in tables[0].rows]
    assert figures == ["26 years", "gone down 90 percent", "declined by 69 percent", "$8 billion"]
    dates = [plain(row[0]) for row in tables[1].rows]
    assert dates == ["1999", "2000", "2002", "2011"]
    # sources are named as the reader counts paragraphs ("para."), as citations print them
    assert plain(tables[0].rows[1][2]) == "U.S.-Colombia Security Partnership, para. 4"
    assert plain(tables[0].rows[3][2]).startswith("InSight Crime, [As the Sixth Summit of the Americas")
    assert plain(tables[0].rows[3][2]).endswith(", para. 5")  # block 5, no heading before it
    contents = [e.title for p in document.parts if p.kind == "contents" for b in p.blocks for e in b.entries]
    assert "Briefing aids" in contents


def test_only_the_aids_asked_for(setup):
    lib, briefing = setup
    part = aids_part(compose(briefing, lib, include={"figures": True}))
    headings = [plain(b.spans) for b in part.blocks if type(b).__name__ == "Heading"]
    assert headings == ["Briefing aids", "Key figures"]


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_exported_pdf_prints_figures_timeline_conflict_and_balance(setup):
    from briefing.writers import export

    lib, briefing = setup
    with_aids = pdf_text(export(briefing, lib, None, include=ALL).data)
    without = pdf_text(export(briefing, lib, None).data)
    assert "Briefing aids" not in without and "Key figures" not in without
    for expected in ("Briefing aids", "Key figures", "gone down 90 percent", "$8 billion",
                     "Timeline", "1999", "Conflicting claims", "Plan Colombia (start date)",
                     "since its inception in 1999", "was launched",
                     "Source balance", "Rests on a single source"):
        assert expected in with_aids, expected
    timeline = with_aids[with_aids.index("Timeline", with_aids.rindex("Briefing aids")):]
    timeline = timeline[:timeline.index("Conflicting claims")]
    # the timeline is in date order in the printed table
    assert timeline.index("1999") < timeline.index("2000") < timeline.index("2002") < timeline.index("2011")


def test_exported_html_prints_the_tables(setup):
    from briefing.writers import export, names

    if "html" not in names():
        pytest.skip("the HTML writer is not registered in this build")
    lib, briefing = setup
    raw = export(briefing, lib, None, format="html", include=ALL).data.decode("utf-8")
    tree = html5lib.parse(raw, namespaceHTMLElements=False)
    tables = {t.get("class"): " ".join("".join(t.itertext()).split()) for t in tree.iter("table")}
    assert "$8 billion" in tables["key-figures"] and "Plan Colombia" in tables["key-figures"]
    assert "By the end of 2011" in tables["timeline"]


def test_a_briefing_without_numbers_prints_that_it_has_none():
    lib = bundled_library()
    briefing = briefing_of(lib, {"Background": [("colombia-us-relations-reference", 2)]})  # no digit in it
    part = aids_part(compose(briefing, lib, include=ALL))
    texts = [plain(b.spans) for b in part.blocks if type(b).__name__ == "Paragraph"]
    assert any(t.startswith("No key figures") for t in texts)
    assert any(t.startswith("No dated events") for t in texts)
    assert any(t.startswith("No conflicting") for t in texts)


def test_build_command_adds_the_aids_asked_for(setup, tmp_path, capsys):
    from briefing.cli.main import main
    from briefing.model import storage

    lib, briefing = setup
    saved = tmp_path / "plan.briefing.yaml"
    storage.save(briefing, saved)
    out = tmp_path / "plan.pdf"
    assert main(["build", str(saved), "-o", str(out), "--figures", "--timeline", "-q"]) == 0
    text = pdf_text(out.read_bytes())
    assert "Key figures" in text and "Timeline" in text and "gone down 90 percent" in text
    assert "Conflicting claims" not in text and "Source balance" not in text
