"""Hostile text in every field that reaches the PDF is printed literally: no markup is obeyed,
nothing is evaluated, no file or URL is opened.  And reportlab's own fetching is closed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefing.writers import export
from briefing.model import Briefing, BriefingMeta, Excerpt, Note, Section, Subheading

from export_helpers import reader
from hardening_support import Listener, nows, payloads, user_library, write_source

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def _expected(payload: str) -> str:
    # control characters are shown as a visible U+FFFD (markup.clean)
    return "".join("\ufffd" if ord(c) < 32 else c for c in payload)


def _straight(text: str) -> str:
    return text.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''"))


def _without_furniture(page_text: str) -> str:
    """Drop the running marking, header and page number, which interrupt text split across pages."""
    keep = []
    for line in page_text.splitlines():
        stripped = line.strip()
        if stripped.startswith("MARK ") or re.fullmatch(r"Page \d+ of \d+|\d+", stripped):
            continue
        if stripped.startswith("METATITLE") and stripped.endswith("\u2026"):
            continue
        keep.append(line)
    return "\n".join(keep)


def test_payloads_in_every_field_print_literally(tmp_path, listener):
    marker = tmp_path / "MARKER"
    hostile = payloads(marker, listener.port)
    joined = " ".join(hostile)
    root = tmp_path / "lib"
    # a source in the user library whose text and metadata carry the payloads
    write_source(root, "evil", {
        "kind": "report",
        "title": "SRCTITLE " + joined,
        "publisher": "SRCPUB " + joined,
        "authors": ["SRCAUTH " + hostile[0]],
        "url": f"http://127.0.0.1:{listener.port}/\"><img src=\"file:///etc/passwd\"/>",
    }, "\n\n".join(f"SRC{i} {p}" for i, p in enumerate(hostile)) + "\n")
    lib = user_library(root)
    assert not lib.problems, lib.problems
    source = lib.source("evil")
    excerpts = [Excerpt(source_id="evil", text=t, paragraph=n, start=0, end=len(t))
                for n, t in enumerate(source.paragraphs(), 1)]
    excerpts[0].comment = "COMMENT " + joined
    meta = BriefingMeta(title="METATITLE " + joined, subtitle="SUBTITLE " + joined,
                        prepared_for="PFOR " + joined, prepared_by="PBY " + joined, date="DATE " + hostile[1],
                        purpose="PURPOSE " + joined, marking="MARK " + hostile[2])
    section = Section(title="SECTITLE " + joined, key_points=[f"KP{i} {p}" for i, p in enumerate(hostile)],
                      discussion_questions=["QUESTION " + joined],
                      items=[*excerpts, Note("NOTE " + joined), Subheading("SUBHEAD " + joined)])
    out = tmp_path / "hostile.pdf"
    result = export(Briefing(meta=meta, sections=[section]), lib, out, theme="study")  # prints questions
    assert out.is_file() and result.pages >= 2

    text = nows(" ".join(_without_furniture(page.extract_text() or "") for page in reader(out).pages))
    fields = ["METATITLE", "SUBTITLE", "PFOR", "PBY", "PURPOSE", "SECTITLE", "COMMENT", "NOTE", "SUBHEAD",
              "QUESTION", "SRCTITLE", "SRCPUB"]
    for field in fields:
        # citations print quotation marks as the manuals do (typographic, nested ones alternating)
        seen, wanted = (_straight(text), _straight) if field.startswith("SRC") else (text, str)
        assert wanted(nows(f"{field} {' '.join(_expected(p) for p in hostile)}")) in seen, (field, text[text.find(field):text.find(field) + 400])
    for i, p in enumerate(hostile):
        assert nows(f"SRC{i} {_expected(p)}") in text, f"excerpt {i}"
        assert nows(f"KP{i} {_expected(p)}") in text, f"key point {i}"
    assert nows("DATE " + hostile[1]) in text
    raw = nows(" ".join(page.extract_text() or "" for page in reader(out).pages))
    assert nows("MARK " + hostile[2]) in raw  # the marking on the cover and every page
    assert nows("SRCAUTH " + hostile[0]) in text
    assert "\ufffd" in result.warning and "\x01" in result.replaced  # control characters reported

    assert not marker.exists(), "the CVE-2023-33733 payload was evaluated"
    assert listener.connections == [], "the export opened a URL"
    pdf = reader(out)
    for page in pdf.pages:  # no image was embedded from any src=
        xobjects = page["/Resources"].get("/XObject") or {}
        assert all(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())
    assert b"root:x:0" not in out.read_bytes()
    # the only link annotation is the (escaped, http) source URL; nothing points at file:
    for page in pdf.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None:
                assert not str(action.get("/URI", "")).lower().startswith(("file:", "javascript:"))


def test_reportlab_settings_are_closed_after_import():
    import briefing.writers.pdf  # noqa: F401
    from reportlab import rl_config

    assert rl_config.trustedSchemes == []
    assert not rl_config.trustedHosts
    assert rl_config.toColorCanUse is None


_FETCH_SCRIPT = textwrap.dedent("""
    import sys
    from reportlab.lib.utils import open_for_read
    url, passwd, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    if mode == "import":
        import briefing.writers.pdf  # the lock-down under test
    elif mode == "export-call":
        import briefing.writers.pdf
        from reportlab import rl_config
        rl_config.trustedSchemes = ["http", "file"]; rl_config.trustedHosts = ["127.0.0.1:*", "localhost"]
        from briefing.writers.pdf.lockdown import lock_down_reportlab
        lock_down_reportlab()  # what every export does first
    results = []
    for target in (url, passwd):
        try:
            data = open_for_read(target).read()
            results.append("OPENED:" + str(len(data)))
        except Exception as exc:
            results.append("REFUSED:" + type(exc).__name__)
    print(" ".join(results))
""")


def _fetch(mode: str, port: int) -> str:
    env = dict(os.environ)
    # a hostile or careless environment that trusts local hosts and every scheme
    env["RL_trustedHosts"] = "127.0.0.1,127.0.0.1:*,localhost"  # netloc includes the port
    env["RL_trustedSchemes"] = "file,http,https,data,ftp"
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    run = subprocess.run([sys.executable, "-c", _FETCH_SCRIPT, f"http://127.0.0.1:{port}/x.png",
                          "file:///etc/passwd", mode], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_reportlab_refuses_urls_and_file_urls_after_briefing_export_is_imported(listener):
    # control: with reportlab's defaults overridden by the environment, it would fetch both
    plain = _fetch("plain", listener.port).split()
    assert plain[0].startswith("OPENED") and plain[1].startswith("OPENED"), plain
    assert listener.connections, "control run should have reached the listener"
    listener.connections.clear()
    # after importing briefing.writers.pdf, and after the per-export lock-down, nothing is fetched
    for mode in ("import", "export-call"):
        result = _fetch(mode, listener.port).split()
        assert all(r.startswith("REFUSED") for r in result), (mode, result)
    assert listener.connections == []
