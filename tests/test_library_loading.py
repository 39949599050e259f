"""A bad file in the library is reported (file, line, column, field) and the rest still loads."""

from __future__ import annotations

from pathlib import Path

from briefing.library import Library

BUNDLED_IDS = {
    "afp-blinken-colombia-visit",
    "colombia-us-relations-reference",
    "colombia-us-security-partnership",
    "insight-crime-2012-colombia-security-model",
    "us-colombia-action-plan-2012",
}


def _load(content: Path, tmp_path: Path, cache: bool = False) -> Library:
    return Library.load(roots=[(content, "bundled")], cache_path=tmp_path / "meta.json" if cache else False)


def _problem_for(lib: Library, name: str):
    matches = [p for p in lib.problems if Path(p.path).name == name]
    assert len(matches) == 1, [str(p) for p in lib.problems]
    return matches[0]


def test_bundled_library_loads_cleanly(content_copy, tmp_path):
    lib = _load(content_copy, tmp_path)
    assert lib.problems == []
    assert set(lib.sources) == BUNDLED_IDS
    assert len(lib.topics) >= 10


def test_malformed_yaml_names_file_line_and_column(content_copy, tmp_path):
    bad = content_copy / "sources" / "broken.yaml"
    bad.write_text('id: broken\nkind: news\ntitle: "unterminated\nauthors: [a, b\n', encoding="utf-8")
    (content_copy / "sources" / "broken.txt").write_text("text\n", encoding="utf-8")
    lib = _load(content_copy, tmp_path)
    problem = _problem_for(lib, "broken.yaml")
    assert "invalid YAML" in problem.message
    assert problem.line is not None and problem.line >= 3 and problem.column is not None
    assert str(problem).startswith(str(bad) + f":{problem.line}:{problem.column}")
    assert set(lib.sources) == BUNDLED_IDS


def test_missing_required_id_or_kind_is_named(content_copy, tmp_path):
    folder = content_copy / "sources"
    meta = folder / "afp-blinken-colombia-visit.yaml"
    meta.write_text("\n".join(l for l in meta.read_text(encoding="utf-8").splitlines() if not l.startswith("kind:")),
                    encoding="utf-8")
    (folder / "no-id.yaml").write_text("kind: news\ntitle: Anonymous\n", encoding="utf-8")
    (folder / "no-id.txt").write_text("text\n", encoding="utf-8")
    lib = _load(content_copy, tmp_path)
    no_kind = _problem_for(lib, "afp-blinken-colombia-visit.yaml")
    assert "'kind'" in no_kind.message and "missing" in no_kind.message
    assert no_kind.line == 1
    no_id = _problem_for(lib, "no-id.yaml")
    assert "'id'" in no_id.message
    assert set(lib.sources) == BUNDLED_IDS - {"afp-blinken-colombia-visit"}


def test_bad_field_value_names_the_field_and_line(content_copy, tmp_path):
    meta = content_copy / "sources" / "us-colombia-action-plan-2012.yaml"
    text = meta.read_text(encoding="utf-8").replace('date: "2012-04-15"', 'date: "April 2012"')
    meta.write_text(text, encoding="utf-8")
    lib = _load(content_copy, tmp_path)
    problem = _problem_for(lib, "us-colombia-action-plan-2012.yaml")
    assert problem.field == "date"
    expected_line = text.splitlines().index('date: "April 2012"') + 1
    assert problem.line == expected_line
    assert len(lib.sources) == 4


def test_invalid_utf8_text_is_reported_with_position(content_copy, tmp_path):
    txt = content_copy / "sources" / "colombia-us-relations-reference.txt"
    txt.write_bytes(b"First paragraph.\n\nSecond \xe9t\xe9 paragraph.\n")
    lib = _load(content_copy, tmp_path)
    lib.check_texts()
    problem = _problem_for(lib, "colombia-us-relations-reference.txt")
    assert "UTF-8" in problem.message
    assert (problem.line, problem.column) == (3, 8)
    assert set(lib.sources) == BUNDLED_IDS - {"colombia-us-relations-reference"}
    for source in lib.sources.values():
        assert source.paragraphs()


def test_second_load_uses_the_metadata_cache(content_copy, tmp_path):
    first = _load(content_copy, tmp_path, cache=True)
    assert first.stats.files_parsed == 5
    second = _load(content_copy, tmp_path, cache=True)
    assert second.stats.files_parsed == 0
    assert second.stats.files_from_cache == 5
    assert set(second.sources) == BUNDLED_IDS
    assert second.source("insight-crime-2012-colombia-security-model").date == "2012-04"
