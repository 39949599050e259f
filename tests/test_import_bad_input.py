"""Bad input never hangs, crashes or changes anything: a message naming the file and the problem,
and the user library and the search index byte-identical before and after (issue 13 and 16)."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
import zlib
from pathlib import Path

import pytest

from briefing import paths
from briefing.cli.main import main

from import_fixtures import HTML_PAGE, write_pdf


def tree_hash(root: Path) -> dict[str, str]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            p = Path(dirpath) / name
            out[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).hexdigest()
        for name in dirnames:
            out[str((Path(dirpath) / name).relative_to(root)) + "/"] = "dir"
    return out


def state() -> tuple:
    index = paths.user_cache_dir() / "passages.sqlite3"
    return tree_hash(paths.user_library_dir()), hashlib.sha256(index.read_bytes()).hexdigest()


@pytest.fixture
def library_with_one_import(tmp_path, capsys):
    """A user library that already holds a source, and a built index."""
    good = tmp_path / "good.html"
    good.write_text(HTML_PAGE, encoding="utf-8")
    assert main(["import", str(good)]) == 0
    capsys.readouterr()
    return state()


def pdf_with_stream(stream: bytes, extra: str = "/Filter /FlateDecode") -> bytes:
    """A minimal one-page PDF whose content stream is ``stream`` (with a correct xref table)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        f"<< /Length {len(stream)} {extra} >>\nstream\n".encode() + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def pdf_bomb() -> bytes:
    """A content stream of ~100 KB that inflates to 100 MB (pypdf stops at 75 MB)."""
    comp = zlib.compressobj(1)
    chunk = b" " * (1 << 20)
    data = b"".join(comp.compress(chunk) for _ in range(100)) + comp.flush()
    return pdf_with_stream(data)


def docx_bomb() -> bytes:
    """A .docx whose document part inflates to 100 MB from ~100 KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1 << 20)
            for _ in range(100):
                part.write(chunk)
    return out.getvalue()


LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE html [\n<!ENTITY lol "lol">\n'
          + b"".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'.encode()
                     for i in range(1, 10))
          + b"]>\n<html><body><article><p>&lol9;</p></article></body></html>\n")
XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
       b"<html><body><article><p>Secret: &xxe;</p></article></body></html>\n")


def bad_file(name: str, tmp_path: Path) -> tuple[bytes, str]:
    """The bytes of one bad file, and a word its message must contain."""
    if name == "encrypted.pdf":
        return write_pdf(tmp_path / "enc-src.pdf", encrypt="s3cret").read_bytes(), "encrypted"
    if name == "damaged.pdf":
        return b"%PDF-1.7\n" + os.urandom(4096), "damaged"
    if name == "truncated.pdf":
        good = write_pdf(tmp_path / "for-truncating.pdf").read_bytes()
        return good[: len(good) // 3], ""
    if name == "bomb.pdf":
        return pdf_bomb(), ""
    if name == "bomb.docx":
        return docx_bomb(), "zip bomb"
    return {
        "laughs.html": (LAUGHS, "entities"),
        "xxe.html": (XXE, "entities"),
        "photo.txt": (b"\x89PNG\r\n\x1a\n" + os.urandom(8192), "binary"),
        "empty.txt": (b"", "empty"),
        "empty.pdf": (b"", "empty"),
    }[name]


CASES = ["encrypted.pdf", "damaged.pdf", "truncated.pdf", "bomb.pdf", "laughs.html", "xxe.html", "bomb.docx",
         "photo.txt", "empty.txt", "empty.pdf"]


@pytest.mark.parametrize("name", CASES)
def test_bad_file_gives_a_message_and_changes_nothing(name, tmp_path, capsys, library_with_one_import):
    data, words = bad_file(name, tmp_path)
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["import", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert name in err and "Traceback" not in err
    assert words in err
    lines = [ln for ln in err.splitlines() if name in ln]
    assert any(ln.startswith("error: ") for ln in lines)
    assert state() == library_with_one_import


def test_truncated_and_bomb_pdfs_say_what_is_wrong(tmp_path, capsys, library_with_one_import):
    for name in ("truncated.pdf", "bomb.pdf"):
        (tmp_path / name).write_bytes(bad_file(name, tmp_path)[0])
    assert main(["import", str(tmp_path / "truncated.pdf"), str(tmp_path / "bomb.pdf")]) == 1
    err = capsys.readouterr().err
    assert any(w in err for w in ("damaged", "no text", "cannot be read")), err
    assert any(w in err for w in ("decompression bomb", "memory", "far more data")), err


@pytest.mark.slow
def test_a_200_mb_file_is_refused_quickly(tmp_path, capsys, library_with_one_import):
    for name in ("huge.txt", "huge.pdf", "huge.html"):
        with open(tmp_path / name, "wb") as fh:  # sparse: 200 MB on disk in no time
            fh.seek(200 * 1024 * 1024 - 1)
            fh.write(b"\n")
    code = main(["import", *(str(tmp_path / n) for n in ("huge.txt", "huge.pdf", "huge.html"))])
    err = capsys.readouterr().err
    assert code == 1
    for name in ("huge.txt", "huge.pdf", "huge.html"):
        assert any(name in ln and "200 MB" in ln and "largest" in ln for ln in err.splitlines()), err
    assert state() == library_with_one_import


def test_the_rest_of_a_batch_goes_on_after_a_bad_file(tmp_path, capsys, library_with_one_import):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "memo.md").write_text("# Memo\n\nThe embassy reopens on Monday.\n", encoding="utf-8")
    code = main(["import", str(tmp_path / "empty.txt"), str(tmp_path / "memo.md")])
    out, err = capsys.readouterr()
    assert code == 1 and "empty.txt" in err and "imported" in out and "memo" in out
    assert (paths.user_library_dir() / "sources" / "memo.yaml").exists()
