"""Saving and opening .briefing.yaml: exact round trips, atomic saves, and located errors for bad files."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import BriefingError, ContentError
from briefing.model import Briefing, BriefingMeta, Excerpt, Note, Section, Subheading
from briefing.model import storage
from briefing.model.storage import from_yaml, load, save, to_yaml


def sample_briefing() -> Briefing:
    return Briefing(
        meta=BriefingMeta(
            title="Colombia’s “total peace”: Nariño",
            subtitle="Non\u2011breaking hyphen and em—dash",
            prepared_for="Desk",
            date="23 November 2026",
            marking="UNCLASSIFIED // FOR OFFICIAL USE ONLY",
            purpose="Line one\nLine two\n",
            citation_style="apa",
            page_size="a4",
        ),
        sections=[
            Section(
                title="Nariño",
                topic_id="narino",
                key_points=["yes", "1.5", "“curly”"],
                items=[
                    Excerpt(
                        source_id="news-1",
                        text="“We will not negotiate,” said the governor of Nariño.",
                        paragraph=3,
                        start=10,
                        end=63,
                        before="In Pasto, ",
                        after=" The talks",
                        lead_ellipsis=True,
                        comment="Check the date\u2011range.",
                        id="ex1",
                    ),
                    Note(text="First line\nsecond line with <b>&amp; & </b>\n\n  indented line\n", id="n1"),
                    Subheading(text="Background", id="h1"),
                    Note(text="trailing space \nthen more", id="n2"),
                    Excerpt("news-2", "line one\nline two", 1, 0, 17, trail_ellipsis=True, id="ex2"),
                ],
                discussion_questions=["What next?"],
                id="s1",
            ),
            Section(title="null", id="s2"),
        ],
    )


def test_save_open_save_is_byte_identical(tmp_path):
    briefing = sample_briefing()
    first = tmp_path / "a.briefing.yaml"
    save(briefing, first)
    loaded = load(first)
    assert loaded == briefing
    second = tmp_path / "b.briefing.yaml"
    save(loaded, second)
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    assert text.startswith("schema: briefing-book/1\nmeta:\n")
    assert "Nariño" in text and "\u2011" in text and "“" in text  # Unicode kept readable, not escaped
    assert "    text: |\n      First line\n      second line with <b>&amp; & </b>\n" in text  # literal block
    assert "- type: excerpt\n" in text and "- type: note\n" in text and "- type: subheading\n" in text


def test_saved_fields_and_omissions():
    briefing = sample_briefing()
    briefing.sections[0].items[0].status = "stale"
    text = to_yaml(briefing)
    assert "status" not in text
    assert "lead_ellipsis: true" in text
    assert text.count("lead_ellipsis") == 1 and text.count("trail_ellipsis") == 1
    assert text.count("comment:") == 1
    # stable key order for an excerpt
    ex = text[text.index("- type: excerpt") :]
    keys = [line.split(":")[0].strip("- ") for line in ex.splitlines()[:12]]
    assert keys[:10] == ["type", "id", "source", "text", "paragraph", "start", "end", "before", "after", "lead_ellipsis"]


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_text, note=_text, quote=_text, comment=_text, points=st.lists(_text, max_size=3))
def test_any_text_round_trips_exactly(title, note, quote, comment, points):
    briefing = Briefing(
        meta=BriefingMeta(title=title, purpose=note),
        sections=[
            Section(
                title=title,
                key_points=points,
                items=[Note(note), Excerpt("s", quote, 1, 0, len(quote), before=note, after=title, comment=comment)],
            )
        ],
    )
    text = to_yaml(briefing)
    again = from_yaml(text)
    assert again == briefing
    assert to_yaml(again) == text


def test_killed_mid_save_leaves_old_file(tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "x.briefing.yaml"
    save(sample_briefing(), path)
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    changed = sample_briefing()
    changed.meta.title = "Changed"
    with pytest.raises(BriefingError, match="previous file is unchanged"):
        save(changed, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["x.briefing.yaml"]  # no temp file left behind


def test_killed_by_interrupt_mid_save_leaves_old_file(tmp_path, monkeypatch):
    path = tmp_path / "x.briefing.yaml"
    save(sample_briefing(), path)
    before = path.read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save(Briefing(), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert load(path) == sample_briefing()


def test_python_tag_is_refused(tmp_path):
    path = tmp_path / "evil.briefing.yaml"
    path.write_text(
        "schema: briefing-book/1\nmeta:\n  title: !!python/object/apply:os.system ['touch pwned']\nsections: []\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as info:
        load(path)
    assert info.value.path == path and info.value.line == 3
    assert not (tmp_path / "pwned").exists() and not os.path.exists("pwned")


def test_aliases_are_refused(tmp_path):
    path = tmp_path / "a.briefing.yaml"
    path.write_text("schema: briefing-book/1\nmeta:\n  title: &t hi\n  subtitle: *t\n", encoding="utf-8")
    with pytest.raises(ContentError, match="alias"):
        load(path)


def _bad(tmp_path, text):
    path = tmp_path / "bad.briefing.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load(path)
    assert info.value.path == path
    return info.value


def test_wrong_field_type_reports_line_and_field_path(tmp_path):
    briefing = sample_briefing()
    # the second section gets items; break the paragraph of its 2nd item (index 1)
    briefing.sections[1].items = [Note("a", id="x1"), Excerpt("src", "quote", 2, 0, 5, id="x2")]
    text = to_yaml(briefing).replace("    paragraph: 2\n", "    paragraph: two\n")
    lines = text.splitlines()
    expected_line = lines.index("    paragraph: two") + 1
    err = _bad(tmp_path, text)
    assert err.field == "sections.1.items.1.paragraph"
    assert err.line == expected_line
    assert "whole number" in err.message
    assert f"bad.briefing.yaml:{expected_line}:" in str(err)


@pytest.mark.parametrize(
    "text, field, words",
    [
        ("- just\n- a list\n", None, "not a Briefing Book file"),
        ("meta: {}\nsections: []\n", None, "schema"),
        ("schema: other-app/1\n", "schema", "not a Briefing Book file"),
        ("schema: briefing-book/2\nsections: []\n", "schema", "newer version"),
        ("schema: briefing-book/1\nsections:\n- title: T\n  items:\n  - type: table\n", "sections.0.items.0.type", "unknown item type"),
        ("schema: briefing-book/1\nsections:\n- title: T\n  items:\n  - type: excerpt\n    source: s\n    text: q\n    start: 0\n    end: 1\n", "sections.0.items.0", "'paragraph' is missing"),
        ("schema: briefing-book/1\nsections:\n- items: []\n", "sections.0", "'title' is missing"),
        ("schema: briefing-book/1\nsections:\n- title: [a]\n", "sections.0.title", "must be text"),
        ("schema: briefing-book/1\nsections:\n- title: T\n  key_points: [1]\n", "sections.0.key_points.0", "must be text"),
        ("schema: briefing-book/1\nsections:\n- title: T\n  items:\n  - type: note\n    text: x\n    colour: red\n", "sections.0.items.0.colour", "unknown field"),
        ("schema: briefing-book/1\nsections:\n- title: T\n  items:\n  - type: excerpt\n    source: s\n    text: q\n    paragraph: 1\n    start: 0\n    end: 1\n    lead_ellipsis: maybe\n", "sections.0.items.0.lead_ellipsis", "true or false"),
        ("schema: briefing-book/1\nsections:\n- id: a\n  title: T\n- id: a\n  title: U\n", "sections.1.id", "duplicate id"),
        ("schema: briefing-book/1\nmeta:\n  page_size: tabloid\n", "meta.page_size", "letter, a4"),
        ("schema: briefing-book/1\nsections: oops\n", "sections", "list of sections"),
    ],
)
def test_damaged_or_foreign_files(tmp_path, text, field, words):
    err = _bad(tmp_path, text)
    assert err.field == field
    assert words in err.message
    assert err.line is not None


def test_invalid_yaml_and_bad_encoding(tmp_path):
    err = _bad(tmp_path, "schema: briefing-book/1\nsections: [\n")
    assert err.line is not None
    path = tmp_path / "latin1.briefing.yaml"
    path.write_bytes("schema: briefing-book/1\nmeta:\n  title: Nari\xf1o\n".encode("latin-1"))
    with pytest.raises(ContentError, match="UTF-8"):
        load(path)


def test_hand_written_file_without_ids_opens(tmp_path):
    briefing = from_yaml(
        "schema: briefing-book/1\nsections:\n- title: T\n  items:\n  - type: note\n    text: hello\n"
    )
    assert briefing.meta == BriefingMeta()
    assert briefing.sections[0].items[0].text == "hello"
    assert briefing.sections[0].id and briefing.sections[0].items[0].id


def test_schema_constant():
    assert storage.SCHEMA == "briefing-book/1"
