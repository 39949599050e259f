"""Files from colleagues and the web: unsafe YAML, alias bombs, oversize, binary, empty and
legacy-encoded files are refused with a message naming the file; everything else still loads
and the search index skips the bad text with a report."""

from __future__ import annotations

import pytest

from briefing import yamlio
from briefing.errors import ContentError
from briefing.writers.themes import load_theme
from briefing.library import Library
from briefing.library.importer import import_file
from briefing.library.topics import load_topics
from briefing.model import storage
from briefing.search.index import SearchIndex

from hardening_support import user_library, write_source

APPLY = "!!python/object/apply:os.system ['touch {marker}']"
NEW = "!!python/object/new:os.system ['touch {marker}']"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"


def _briefing_text(value: str) -> str:
    return f"schema: briefing-book/1\nmeta:\n  title: {value}\nsections: []\n"


def _source_meta(value: str) -> str:
    return f"id: evil\nkind: report\ntitle: {value}\n"


def _topics(value: str) -> str:
    return f"topics:\n- id: t\n  title: {value}\n  terms: [x]\n"


def _theme(value: str) -> str:
    return f"parent: memo\nname: evil\nkey_points_title: {value}\n"


def _open(kind: str, tmp_path, text: str) -> ContentError:
    """Open ``text`` as a file of ``kind``; return the ContentError it is refused with."""
    if kind == "briefing":
        path = tmp_path / "x.briefing.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ContentError) as info:
            storage.load(path)
        return info.value
    if kind == "source":
        root = tmp_path / "lib"
        write_source(root, "good", {"kind": "news", "title": "A good one"}, "Fine text.\n")
        (root / "sources" / "evil.yaml").write_text(text, encoding="utf-8")
        (root / "sources" / "evil.txt").write_text("Evil text.\n", encoding="utf-8")
        lib = user_library(root)
        assert "good" in lib.sources and "evil" not in lib.sources  # the rest still loads
        [problem] = lib.problems
        return problem
    if kind == "topics":
        path = tmp_path / "topics.yaml"
        path.write_text(text, encoding="utf-8")
        topics, problems = load_topics(path, "user")
        assert topics == []
        [problem] = problems
        return problem
    if kind == "theme":
        from briefing import paths
        import shutil

        for name in ("base", "memo"):
            shutil.copy(paths.THEMES_DIR / f"{name}.yaml", tmp_path / f"{name}.yaml")
        path = tmp_path / "evil.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ContentError) as info:
            load_theme(path)
        return info.value
    raise AssertionError(kind)


MAKERS = {"briefing": _briefing_text, "source": _source_meta, "topics": _topics, "theme": _theme}


@pytest.mark.parametrize("kind", sorted(MAKERS))
@pytest.mark.parametrize("tag", [APPLY, NEW], ids=["apply", "new"])
def test_python_tags_are_refused_in_every_file_kind(kind, tag, tmp_path):
    marker = tmp_path / "MARKER"
    err = _open(kind, tmp_path, MAKERS[kind](tag.format(marker=marker)))
    assert "unsafe or unknown YAML tag" in err.message and "python/object" in err.message
    assert err.line is not None
    assert not marker.exists()


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_aliases_are_refused_in_every_file_kind(kind, tmp_path):
    text = MAKERS[kind]("&anchor safe") + BOMB.replace("a:", "zz_a:").replace("b:", "zz_b:").replace("c:", "zz_c:")
    if kind == "topics":  # a list file: put the alias bomb inside an entry
        text = _topics("*anchor") + "  x: &anchor y\n"
    err = _open(kind, tmp_path, text)
    assert "aliases" in err.message and err.line is not None


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_oversize_files_are_refused_in_every_file_kind(kind, tmp_path):
    huge = MAKERS[kind]("big") + "# " + "x" * (9 * 1024 * 1024) + "\n"
    err = _open(kind, tmp_path, huge)
    assert "too large" in err.message and "limit" in err.message


def test_loads_refuses_python_tags_directly():
    with pytest.raises(ContentError, match="unsafe"):
        yamlio.loads("!!python/object/apply:os.system ['true']")


# -- source texts -------------------------------------------------------------------------
BAD_TEXTS = {
    "empty": (b"", "empty"),
    "blank": (b"  \n\n \t\n", "empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    "cp1252": ("Caf\u00e9 \u201cquoted\u201d \u2014 na\u00efve\n".encode("cp1252"), "Windows-1252/Latin-1; save it as UTF-8"),
    "latin1": ("Se\u00f1or Nari\u00f1o\n".encode("latin-1"), "Windows-1252/Latin-1; save it as UTF-8"),
    "utf16": ("Hello".encode("utf-16"), "UTF-16; save it as UTF-8"),
}


@pytest.fixture
def broken_library(tmp_path):
    root = tmp_path / "lib"
    write_source(root, "good", {"kind": "news", "title": "Good"}, "Kidnappings fell sharply.\n\nSecond.\n")
    for name, (data, _) in BAD_TEXTS.items():
        write_source(root, name, {"kind": "news", "title": name}, "")
        (root / "sources" / f"{name}.txt").write_bytes(data)
    write_source(root, "huge", {"kind": "news", "title": "huge"}, "")
    with open(root / "sources" / "huge.txt", "wb") as handle:  # sparse: over the limit, no disk cost
        handle.truncate(21 * 1024 * 1024)
    return user_library(root)


def test_bad_source_texts_are_reported_by_name_and_the_rest_still_works(broken_library, tmp_path):
    lib = broken_library
    assert lib.source("good").paragraphs() == ["Kidnappings fell sharply.", "Second."]
    for name, (_, words) in BAD_TEXTS.items():
        with pytest.raises(ContentError) as info:
            lib.source(name).text()
        assert info.value.path.name == f"{name}.txt" and words in info.value.message, (name, info.value.message)
        assert lib.source(name).label == name  # the title still names it in lists
    with pytest.raises(ContentError, match="too large"):
        lib.source("huge").text()

    idx = SearchIndex.open(tmp_path / "index.sqlite3")
    result = idx.update(lib)  # no exception: bad texts are skipped and reported
    assert result.indexed == 1
    assert sorted(p.path.stem for p in idx.problems) == sorted([*BAD_TEXTS, "huge"])
    assert [p.source_id for p in idx.search("kidnappings")] == ["good"]
    idx.close()

    lib.check_texts()  # the library's own up-front check reports and drops the same files
    assert set(lib.sources) == {"good"}
    assert {p.path.name for p in lib.problems} >= {f"{n}.txt" for n in [*BAD_TEXTS, "huge"]}


def test_legacy_encoding_message_has_position(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("First line\nCaf\u00e9\n".encode("cp1252"))
    with pytest.raises(ContentError) as info:
        yamlio.read_text(path)
    err = info.value
    assert (err.line, err.column) == (2, 4)
    assert "looks like Windows-1252/Latin-1; save it as UTF-8" in str(err) and "old.txt" in str(err)


# cp1252 and UTF-16 texts are imported in their encoding since the import issue (tests/test_import_formats.py)
@pytest.mark.parametrize("name", ["binary", "empty"])
def test_importer_refuses_bad_files_with_clear_messages(name, tmp_path):
    lib = Library.load(roots=[(tmp_path / "userlib", "user")], cache_path=False)
    path = tmp_path / f"{name}.txt"
    path.write_bytes(BAD_TEXTS[name][0])
    with pytest.raises(ContentError) as info:
        import_file(lib, path)
    assert info.value.path == path
    assert not (tmp_path / "userlib" / "sources" / f"{name}.yaml").exists()


# Issue 16: a library text in an East Asian legacy encoding is named by it, as the importer reads it
# (briefing.textcodec), not "Windows-1252" because almost any bytes decode as that.
LEGACY_TEXTS = {
    "big5": ("這是一段較長的中文文字，用於測試編碼偵測是否正確。台灣的首都是台北市，人口眾多。", "Big5"),
    "euc_jp": ("これは日本語の文章です。文字コードの判定が正しく行われるかを確認します。東京は日本の首都です。", "EUC-JP"),
    "cp949": ("이것은 한국어 문장입니다. 문자 인코딩 감지가 올바르게 작동하는지 확인합니다. 서울은 한국의 수도입니다.", "CP949"),
    "shift_jis": ("これは日本語の文章です。文字コードの判定が正しく行われるかを確認します。東京は日本の首都です。", "Shift-JIS"),
}


@pytest.mark.parametrize("encoding", sorted(LEGACY_TEXTS))
def test_library_text_in_a_legacy_encoding_is_named_by_it(encoding, tmp_path):
    from briefing.importing.text_reader import decode

    text, name = LEGACY_TEXTS[encoding]
    root = tmp_path / "lib"
    write_source(root, "legacy", {"kind": "news", "title": "Legacy"}, "")
    (root / "sources" / "legacy.txt").write_bytes(f"{text}\n\n{text}\n".encode(encoding))
    with pytest.raises(ContentError) as info:
        user_library(root).source("legacy").text()
    message = info.value.message
    assert f"looks like {name}" in message and "save it as UTF-8" in message, message
    assert "Windows-1252" not in message
    assert decode(f"{text}\n".encode(encoding), "x.txt")[0] == f"{text}\n"  # the importer reads it in that encoding
