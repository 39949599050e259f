"""`briefing-book build`: from topics (with --save) and from a saved briefing file."""

from __future__ import annotations

import io

import pypdf

from briefing.cli.main import main


def test_build_from_topics_then_from_saved_file(tmp_path, capsys):
    out = tmp_path / "draft.pdf"
    saved = tmp_path / "draft.briefing.yaml"
    rc = main(["build", "--topic", "extradition", "--topic", "training", "-o", str(out), "--save", str(saved), "-q"])
    assert rc == 0, capsys.readouterr().err
    assert saved.exists()
    r = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    assert len(r.outline) == 2
    out2 = tmp_path / "study.pdf"
    rc = main(["build", str(saved), "-o", str(out2), "--theme", "study", "--style", "mla", "--page-size", "a4",
               "--deterministic", "-q"])
    assert rc == 0, capsys.readouterr().err
    r2 = pypdf.PdfReader(io.BytesIO(out2.read_bytes()))
    assert round(float(r2.pages[0].mediabox.width)) == 595
    assert "Wrote" in capsys.readouterr().out


def test_build_usage_errors(tmp_path, capsys):
    assert main(["build", "-o", str(tmp_path / "x.pdf")]) == 2
    assert main(["build", "--topic", "no-such-topic", "-o", str(tmp_path / "x.pdf"), "-q"]) == 2
    assert "no-such-topic" in capsys.readouterr().err
    missing = tmp_path / "missing.briefing.yaml"
    assert main(["build", str(missing), "-o", str(tmp_path / "x.pdf"), "-q"]) == 1
    assert not (tmp_path / "x.pdf").exists()
