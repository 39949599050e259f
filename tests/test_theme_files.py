"""Themes as files a user brings: one dropped into the user's themes folder is used by name,
a colour set to "" (the theme files' documented "none") never breaks an export, and a received
briefing's ``meta.theme`` can name a registry theme or a file beside it, never any other file."""

from __future__ import annotations

import pytest

from briefing import paths
from briefing.cli.main import main
from briefing.errors import BriefingError
from briefing.model import storage
from briefing.writers import export
from briefing.yamlio import load_file

from export_helpers import make_library, page_texts, small_briefing

BASE_THEME = paths.THEMES_DIR / "base.yaml"


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return make_library(tmp_path_factory.mktemp("lib"))


def colour_keys() -> list[tuple[str, str]]:
    """Every colour a theme file sets, read from the bundled base theme (the documented keys)."""
    base = load_file(BASE_THEME)
    return [("colors", k) for k in base["colors"]] + [("quote", "shade")]


def user_theme(name: str, text: str) -> None:
    folder = paths.user_data_dir() / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("parent", ["memo", "study"])
def test_every_colour_set_to_none_at_once_exports(lib, tmp_path, parent):
    colours = "\n".join(f"  {key}: \"\"" for group, key in colour_keys() if group == "colors")
    user_theme("plain", f"parent: {parent}\nquote:\n  shade: \"\"\ncolors:\n{colours}\n")
    out = tmp_path / "plain.pdf"
    export(small_briefing(lib), lib, out, theme="plain")
    text = " ".join(page_texts(out))
    assert "Kidnappings have gone down 90 percent" in text and "Source text has changed" in text


@pytest.mark.slow
@pytest.mark.parametrize("group,key", colour_keys())
def test_each_colour_set_to_none_exports(lib, group, key):
    user_theme("one-none", f"parent: memo\n{group}:\n  {key}: \"\"\n")
    result = export(small_briefing(lib), lib, None, theme="one-none")
    assert result.pages >= 2 and result.data.startswith(b"%PDF")


def test_a_user_theme_is_used_by_name_and_inherits_from_a_bundled_one(lib, tmp_path):
    user_theme("wide", "parent: study\nlabel: Wide margins\nmargins:\n  outer: 3in\n")
    result = export(small_briefing(lib), lib, tmp_path / "wide.pdf", theme="wide")
    assert result.pages >= 2
    assert main(["build", "--help"]) == 0  # and the command line offers it


def save_with_theme(lib, folder, theme: str):
    briefing = small_briefing(lib)
    briefing.meta.theme = theme
    path = folder / "received.briefing.yaml"
    storage.save(briefing, path)
    return path


@pytest.mark.parametrize("theme", ["/etc/passwd", "../../../../etc/passwd", "a\x00b", "x" * 256, "x" * 256 + ".yaml",
                                   "sub/../../outside.yaml", "nope"])
def test_a_received_briefing_cannot_make_the_export_open_another_file(lib, tmp_path, capsys, theme):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (tmp_path / "outside.yaml").write_text("parent: memo\n", encoding="utf-8")
    path = save_with_theme(lib, folder, theme)
    out = tmp_path / "out.pdf"
    code = main(["build", str(path), "-o", str(out)])
    err = capsys.readouterr().err
    assert code != 0 and not out.exists()
    assert "theme" in err and "Traceback" not in err and "root:" not in err
    loaded = storage.load(path)
    with pytest.raises(BriefingError):
        export(loaded, lib, None, base_dir=folder)


def test_a_theme_file_beside_the_briefing_is_used(lib, tmp_path):
    folder = tmp_path / "shared"
    (folder / "looks").mkdir(parents=True)
    (folder / "looks" / "agency.yaml").write_text("parent: memo\nmargins:\n  inner: 2in\n", encoding="utf-8")
    path = save_with_theme(lib, folder, "looks/agency.yaml")
    out = tmp_path / "agency.pdf"
    assert main(["build", str(path), "-o", str(out)]) == 0
    assert "Kidnappings have gone down 90 percent" in " ".join(page_texts(out))
