"""An export never writes over its input, through a link, onto a device, or over a file that is
not an earlier export unless asked to (``--force``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.cli.main import main
from briefing.model import Briefing, BriefingMeta, Section, storage
from briefing.model.briefing import Note


@pytest.fixture
def saved(tmp_path) -> Path:
    path = tmp_path / "x.briefing.yaml"
    storage.save(Briefing(meta=BriefingMeta(title="Mine"), sections=[Section(title="S", items=[Note(text="n")])]), path)
    return path


def test_build_refuses_to_write_over_its_own_input(saved, capsys):
    before = saved.read_bytes()
    assert main(["build", str(saved), "-o", str(saved), "-q"]) == 1
    assert saved.read_bytes() == before
    assert "is the briefing being exported" in capsys.readouterr().err
    assert main(["build", str(saved), "-o", str(saved), "-q", "--force"]) == 1  # not even when forced
    assert saved.read_bytes() == before


def test_build_refuses_the_input_under_another_name(saved, tmp_path):
    link = tmp_path / "hard.pdf"
    os.link(saved, link)
    before = saved.read_bytes()
    assert main(["build", str(saved), "-o", str(link), "-q", "--force"]) == 1
    assert saved.read_bytes() == before


def test_build_refuses_a_symlink_and_leaves_it_and_its_target(saved, tmp_path, capsys):
    target = tmp_path / "elsewhere.pdf"
    assert main(["build", str(saved), "-o", str(target), "-q"]) == 0
    link = tmp_path / "link.pdf"
    link.symlink_to(target)
    before = target.read_bytes()
    assert main(["build", str(saved), "-o", str(link), "-q", "--force"]) == 1
    assert link.is_symlink() and target.read_bytes() == before
    assert "symbolic link" in capsys.readouterr().err


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_build_refuses_a_device(saved, device, capsys):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    assert main(["build", str(saved), "-o", device, "-q", "--force"]) == 1
    assert "not a regular file" in capsys.readouterr().err
    assert Path(device).is_char_device()


def test_build_refuses_a_fifo_output_without_blocking(saved, tmp_path):
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    assert main(["build", str(saved), "-o", str(fifo), "-q", "--force"]) == 1


def test_build_asks_before_replacing_a_file_that_is_not_an_earlier_export(saved, tmp_path, capsys):
    other = tmp_path / "thesis.pdf"
    other.write_bytes(b"%PDF-1.7\n% a PDF some other program wrote\n")
    assert main(["build", str(saved), "-o", str(other), "-q"]) == 1
    err = capsys.readouterr().err
    assert "not an earlier export" in err and "--force" in err
    assert other.read_bytes().startswith(b"%PDF-1.7\n% a PDF")
    assert main(["build", str(saved), "-o", str(other), "-q", "--force"]) == 0
    assert b"Briefing Book" in other.read_bytes()


def test_build_replaces_an_earlier_export_and_an_empty_file_without_asking(saved, tmp_path):
    out = tmp_path / "out.pdf"
    out.touch()
    assert main(["build", str(saved), "-o", str(out), "-q"]) == 0
    first = out.read_bytes()
    assert main(["build", str(saved), "-o", str(out), "-q"]) == 0
    assert out.read_bytes()[:5] == first[:5] == b"%PDF-"


def test_build_refuses_a_folder(saved, tmp_path, capsys):
    assert main(["build", str(saved), "-o", str(tmp_path), "-q", "--force"]) == 1
    assert "is a folder" in capsys.readouterr().err
