"""The registry of themes, layouts, citation styles and page sizes: bundled files, then the user's
folders (later wins by name); a file that cannot be used is reported with its path and skipped."""

from __future__ import annotations

import json

import pytest

from briefing import paths, registry
from briefing.cli.main import main

USER_THEME = "# A user's own look\nparent: memo\nlabel: Agency memo\nsizes:\n  body: 11\n"


def cli_json(capsys, *argv) -> list[dict]:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def themes_folder():
    folder = paths.user_data_dir() / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_bundled_kinds_are_listed(capsys):
    assert {"memo", "study"} <= {t["name"] for t in cli_json(capsys, "themes")}
    assert {"memo", "study"} <= {t["name"] for t in cli_json(capsys, "layouts")}
    styles = {s["name"]: s for s in cli_json(capsys, "styles")}
    assert {"chicago", "apa", "mla"} <= set(styles)
    # a CSL style is shown by the title in its own <info>
    assert styles["mla"]["label"].startswith("MLA Handbook 9th edition")


def test_page_sizes_are_the_standard_dimensions(capsys):
    sizes = {s["name"]: s for s in cli_json(capsys, "page-sizes")}
    assert (sizes["letter"]["width"], sizes["letter"]["height"]) == (8.5 * 72, 11 * 72)  # ANSI letter, inches
    assert sizes["a4"]["width"] == pytest.approx(210 / 25.4 * 72, abs=0.01)  # ISO 216: 210 x 297 mm
    assert sizes["a4"]["height"] == pytest.approx(297 / 25.4 * 72, abs=0.01)


def test_a_theme_dropped_in_the_user_folder_is_listed_by_the_cli(capsys):
    (themes_folder() / "agency.yaml").write_text(USER_THEME, encoding="utf-8")
    listed = {t["name"]: t for t in cli_json(capsys, "themes")}
    assert listed["agency"]["origin"] == "user" and listed["agency"]["label"] == "Agency memo"
    assert main(["build", "--help"]) == 0
    help_text = capsys.readouterr().out
    theme_help = help_text[help_text.index("--theme THEME "):help_text.index("--style STYLE ")]
    assert "agency" in theme_help


def test_a_user_file_overrides_the_bundled_one_of_the_same_name():
    (themes_folder() / "memo.yaml").write_text("parent: base\nlabel: My memo\n", encoding="utf-8")
    entry = registry.themes().get("memo")
    assert entry.origin == "user" and entry.path.parent == themes_folder()


def test_bad_files_are_reported_with_their_path_and_skipped(capsys):
    folder = themes_folder()
    (folder / "broken.yaml").write_text("sizes: [unclosed\n", encoding="utf-8")
    (folder / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    (folder / "my theme.yaml").write_text("label: spaces\n", encoding="utf-8")
    (folder / "good.yaml").write_text("parent: study\n", encoding="utf-8")
    listing = registry.themes()
    assert "good" in listing.names() and {"memo", "study"} <= set(listing.names())
    assert not {"broken", "list", "my theme"} & set(listing.names())
    reported = " ".join(str(p) for p in listing.problems)
    for name in ("broken.yaml", "list.yaml", "my theme.yaml"):
        assert name in reported
    # the CLI still lists the rest and warns about each bad file on stderr
    assert main(["themes"]) == 0
    out, err = capsys.readouterr()
    assert "good" in out and "broken.yaml" in err and "Traceback" not in err


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE style [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info><title>&b;</title></info></style>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE style [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info><title>&x;</title></info></style>
"""
GOOD_CSL = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>House Style</title><id>house</id></info>
  <citation><layout><text variable="title"/></layout></citation>
</style>
"""


def test_user_csl_styles_are_listed_and_entities_are_refused():
    folder = paths.user_data_dir() / "styles"
    folder.mkdir(parents=True)
    (folder / "house.csl").write_text(GOOD_CSL, encoding="utf-8")
    (folder / "laughs.csl").write_text(BILLION_LAUGHS, encoding="utf-8")
    (folder / "external.csl").write_text(EXTERNAL, encoding="utf-8")
    (folder / "page.csl").write_text("<html><body>not a style</body></html>", encoding="utf-8")
    (folder / "cut.csl").write_text(GOOD_CSL[:120], encoding="utf-8")
    listing = registry.styles()
    assert listing.get("house").label == "House Style" and listing.get("house").origin == "user"
    assert not {"laughs", "external", "page", "cut"} & set(listing.names())
    reported = {p.path.name: p.message for p in listing.problems}
    assert set(reported) == {"laughs.csl", "external.csl", "page.csl", "cut.csl"}
    assert "passwd" not in " ".join(reported.values()) and "root:" not in " ".join(reported.values())


def test_unknown_names_give_a_plain_message_listing_the_names():
    with pytest.raises(Exception) as caught:
        registry.themes().require("nope")
    assert "nope" in str(caught.value) and "memo" in str(caught.value)


# -- a briefing's reference to a theme: a registry name, or a file beside the briefing ----------------
from briefing.errors import BriefingError, ContentError  # noqa: E402


@pytest.mark.parametrize("ref", ["/etc/passwd", "/etc/passwd.yaml", "../outside.yaml", "sub/../../outside.yaml",
                                 "C:\\Windows\\win.ini", "~/theme.yaml", "a\x00b.yaml", "x" * 256 + ".yaml",
                                 "memo\x00", "", 42, ["memo"]])
def test_a_briefing_cannot_name_an_arbitrary_file(tmp_path, ref):
    (tmp_path / "outside.yaml").write_text("parent: memo\n", encoding="utf-8")
    folder = tmp_path / "briefings"
    (folder / "sub").mkdir(parents=True)
    with pytest.raises(BriefingError) as caught:
        registry.resolve("themes", ref, folder)
    message = str(caught.value)
    assert "theme" in message and "root:" not in message and "\x00" not in message and len(message) < 300


def test_a_symlink_out_of_the_briefing_folder_is_refused(tmp_path):
    (tmp_path / "secret.yaml").write_text("parent: memo\n", encoding="utf-8")
    folder = tmp_path / "briefings"
    folder.mkdir()
    (folder / "look.yaml").symlink_to(tmp_path / "secret.yaml")
    with pytest.raises(BriefingError, match="outside"):
        registry.resolve("themes", "look.yaml", folder)


def test_a_theme_beside_the_briefing_and_a_registry_name_resolve(tmp_path):
    (tmp_path / "looks").mkdir()
    (tmp_path / "looks" / "house.yaml").write_text("parent: memo\n", encoding="utf-8")
    assert registry.resolve("themes", "looks/house.yaml", tmp_path) == (tmp_path / "looks" / "house.yaml").resolve()
    assert registry.resolve("themes", "memo", tmp_path) == paths.THEMES_DIR / "memo.yaml"
    with pytest.raises(BriefingError, match="save the briefing first"):
        registry.resolve("themes", "looks/house.yaml", None)


def test_a_user_theme_inherits_from_a_bundled_one_and_may_adjust_it():
    folder = themes_folder()
    (folder / "agency.yaml").write_text("parent: memo\n", encoding="utf-8")
    (folder / "memo.yaml").write_text("parent: memo\n", encoding="utf-8")
    assert registry.resolve_parent("themes", folder / "agency.yaml", "memo") == folder / "memo.yaml"
    assert registry.resolve_parent("themes", folder / "memo.yaml", "memo") == paths.THEMES_DIR / "memo.yaml"
    with pytest.raises(ContentError, match="parent"):
        registry.resolve_parent("themes", folder / "agency.yaml", "../../etc/passwd")
    with pytest.raises(ContentError, match="not found"):
        registry.resolve_parent("themes", folder / "agency.yaml", "nowhere")
