"""Citations as a student sees them: exact strings per style, unknowns never invented, inferred values bracketed."""

from __future__ import annotations

import time

import pytest

from briefing.citation import STYLES, Citer, Run
from briefing.citation.terms import load_terms
from briefing.errors import ContentError
from briefing.library.source import Source

URL = "https://insightcrime.org/news/coca-narino"


def src(**kw) -> Source:
    base = dict(
        id="insight-narino", kind="analysis", title="Coca Cultivation Surges in Nariño",
        publisher="InSight Crime", date="2021-04-12", date_precision="day", url=URL,
    )
    base.update(kw)
    return Source(**base)


def text_of(runs: list[Run]) -> str:
    return Citer.plain(runs)


def italic_text(runs: list[Run]) -> list[str]:
    return [r.text for r in runs if r.italic]


def everything(citer: Citer, source: Source) -> list[str]:
    return [citer.attribution(source), text_of(citer.note(source)), text_of(citer.bibliography([source])[0])]


# --- full metadata: exact strings ---------------------------------------------------------------

def test_chicago_full_metadata_exact():
    c = Citer()  # Chicago is the default
    s = src()
    assert c.style == "chicago"
    assert text_of(c.note(s)) == (
        "InSight Crime, “Coca Cultivation Surges in Nariño,” April 12, 2021, " + URL + ".")
    assert text_of(c.bibliography([s])[0]) == (
        "InSight Crime. “Coca Cultivation Surges in Nariño.” April 12, 2021. " + URL + ".")
    assert c.attribution(s) == "InSight Crime, “Coca Cultivation Surges in Nariño,” April 12, 2021"
    assert italic_text(c.note(s)) == []  # an article title is quoted, not italic


def test_apa_full_metadata_exact():
    c = Citer("apa")
    s = src()
    runs = c.bibliography([s])[0]
    assert text_of(runs) == "InSight Crime. (2021, April 12). Coca Cultivation Surges in Nariño. " + URL
    assert italic_text(runs) == ["Coca Cultivation Surges in Nariño"]
    assert "“" not in text_of(runs)
    assert c.attribution(s) == "InSight Crime, Coca Cultivation Surges in Nariño (2021, April 12)"


def test_mla_full_metadata_exact():
    c = Citer("mla")
    s = src()
    runs = c.bibliography([s])[0]
    assert text_of(runs) == "“Coca Cultivation Surges in Nariño.” InSight Crime, 12 Apr. 2021, " + URL + "."
    assert italic_text(runs) == ["InSight Crime"]  # the container is italic, the title quoted
    assert c.attribution(s) == "InSight Crime, “Coca Cultivation Surges in Nariño,” 12 Apr. 2021"


def test_authors_come_first_and_publisher_follows_the_title():
    s = src(authors=["Jeremy McDermott", "María Fernanda Ramírez"])
    assert text_of(Citer("chicago").note(s)) == (
        "Jeremy McDermott and María Fernanda Ramírez, “Coca Cultivation Surges in Nariño,” InSight Crime, "
        "April 12, 2021, " + URL + ".")
    assert text_of(Citer("apa").bibliography([s])[0]) == (
        "Jeremy McDermott & María Fernanda Ramírez. (2021, April 12). Coca Cultivation Surges in Nariño. "
        "InSight Crime. " + URL)
    assert text_of(Citer("mla").bibliography([s])[0]) == (
        "Jeremy McDermott and María Fernanda Ramírez. “Coca Cultivation Surges in Nariño.” InSight Crime, "
        "12 Apr. 2021, " + URL + ".")


def test_report_title_is_italic_in_every_style():
    s = src(kind="report", title="World Drug Report 2019", publisher="UNODC", date="2019",
            date_precision="year", url=None)
    assert text_of(Citer("chicago").note(s)) == "UNODC, World Drug Report 2019, 2019."
    assert text_of(Citer("mla").bibliography([s])[0]) == "World Drug Report 2019. UNODC, 2019."
    for style in STYLES:
        assert italic_text(Citer(style).note(s)) == ["World Drug Report 2019"], style


# --- dates at their known precision --------------------------------------------------------------

def test_month_precision_shows_no_day():
    s = src(date="2012-04", date_precision="month")
    assert text_of(Citer("chicago").note(s)).endswith("Nariño,” April 2012, " + URL + ".")
    assert "(2012, April)." in text_of(Citer("apa").note(s))
    assert ", Apr. 2012, " in text_of(Citer("mla").note(s))


def test_year_precision_shows_only_the_year_even_if_the_date_is_longer():
    s = src(date="2019-01-01", date_precision="year")
    assert Citer("chicago").attribution(s).endswith("Nariño,” 2019")
    assert "(2019)." in text_of(Citer("apa").note(s))
    assert ", 2019, " in text_of(Citer("mla").note(s))
    for style in STYLES:
        joined = " ".join(everything(Citer(style), s))
        assert "January" not in joined and "Jan." not in joined


def test_no_date_is_nd_in_all_three_styles():
    s = src(date=None, date_precision=None)
    assert text_of(Citer("chicago").note(s)) == "InSight Crime, “Coca Cultivation Surges in Nariño,” n.d., " + URL + "."
    assert text_of(Citer("apa").bibliography([s])[0]).startswith("InSight Crime. (n.d.). ")
    assert text_of(Citer("mla").bibliography([s])[0]) == (
        "“Coca Cultivation Surges in Nariño.” InSight Crime, n.d., " + URL + ".")
    for style in STYLES:
        for line in everything(Citer(style), s):
            assert "n.d." in line, (style, line)
            assert "n.d.." not in line


# --- unknown values are left out ------------------------------------------------------------------

@pytest.mark.parametrize("style", STYLES)
def test_no_url_means_no_url_text(style):
    c = Citer(style)
    s = src(url=None)
    for line in everything(c, s) + [text_of(c.note(s, paragraph=2))]:
        assert "http" not in line and "URL" not in line and "Retrieved" not in line
        assert ",." not in line and ". ." not in line and ", ." not in line


def test_no_url_entries_end_cleanly():
    s = src(url=None)
    assert text_of(Citer("chicago").note(s)) == "InSight Crime, “Coca Cultivation Surges in Nariño,” April 12, 2021."
    assert text_of(Citer("apa").bibliography([s])[0]) == "InSight Crime. (2021, April 12). Coca Cultivation Surges in Nariño."
    assert text_of(Citer("mla").bibliography([s])[0]) == "“Coca Cultivation Surges in Nariño.” InSight Crime, 12 Apr. 2021."


def test_no_author_starts_with_publisher_or_title_as_the_style_says():
    s = src()
    assert text_of(Citer("chicago").note(s)).startswith("InSight Crime, “Coca")
    assert text_of(Citer("apa").bibliography([s])[0]).startswith("InSight Crime. (2021")
    assert text_of(Citer("mla").bibliography([s])[0]).startswith("“Coca Cultivation")


def test_no_author_no_publisher_starts_with_title():
    s = src(publisher=None)
    assert text_of(Citer("chicago").note(s)) == "“Coca Cultivation Surges in Nariño,” April 12, 2021, " + URL + "."
    assert text_of(Citer("apa").bibliography([s])[0]) == "Coca Cultivation Surges in Nariño. (2021, April 12). " + URL
    assert text_of(Citer("mla").bibliography([s])[0]) == "“Coca Cultivation Surges in Nariño.” 12 Apr. 2021, " + URL + "."
    assert Citer("chicago").attribution(s) == "“Coca Cultivation Surges in Nariño,” April 12, 2021"


def test_no_title_uses_the_bracketed_opening_words(tmp_path):
    text = tmp_path / "untitled.txt"
    text.write_text("Las autoridades de Medellín confirmaron hoy el hallazgo de un laboratorio.\n\nMás.\n",
                    encoding="utf-8")
    s = src(title=None, text_path=text)
    label = "[Las autoridades de Medellín confirmaron hoy el hallazgo…]"
    assert s.label == label
    assert Citer("chicago").attribution(s) == f"InSight Crime, {label}, April 12, 2021"
    assert text_of(Citer("chicago").note(s)) == f"InSight Crime, {label}, April 12, 2021, {URL}."
    apa = Citer("apa").bibliography([s])[0]
    assert text_of(apa) == f"InSight Crime. (2021, April 12). {label}. {URL}"
    assert italic_text(apa) == []  # a description is neither italic nor quoted
    assert text_of(Citer("mla").bibliography([s])[0]).startswith(f"{label}. InSight Crime, ")


# --- inferred values are marked -------------------------------------------------------------------

def test_inferred_publisher_and_date_are_bracketed():
    s = src(date="2012-04", date_precision="month",
            inferred={"publisher": "from the site's logo", "date": "from the URL path"})
    assert Citer("chicago").attribution(s) == "[InSight Crime], “Coca Cultivation Surges in Nariño,” [April 2012]"
    assert text_of(Citer("chicago").bibliography([s])[0]) == (
        "[InSight Crime]. “Coca Cultivation Surges in Nariño.” [April 2012]. " + URL + ".")
    assert text_of(Citer("apa").note(s)).startswith("[InSight Crime]. ([2012, April]). ")
    assert text_of(Citer("mla").note(s)) == (
        "“Coca Cultivation Surges in Nariño.” [InSight Crime], [Apr. 2012], " + URL + ".")


def test_inferred_title_is_bracketed_and_not_styled_as_a_stated_title():
    s = src(inferred={"title": "taken from the page heading"})
    assert text_of(Citer("chicago").note(s)).startswith("InSight Crime, [Coca Cultivation Surges in Nariño], ")
    assert italic_text(Citer("apa").note(s)) == []


def test_stated_values_are_not_bracketed():
    for style in STYLES:
        for line in everything(Citer(style), src()):
            assert "[" not in line and "]" not in line


# --- text survives exactly ------------------------------------------------------------------------

def test_spanish_characters_and_curly_quotes_survive():
    s = src(title="Los “cocaleros” de Nariño y Medellín: ¿qué sigue?", publisher="El Espectador",
            authors=["Ana Núñez"])
    for style in STYLES:
        for line in everything(Citer(style), s):
            assert "Los “cocaleros” de Nariño y Medellín: ¿qué sigue?" in line, (style, line)
            assert "Ana Núñez" in line or line.startswith("El Espectador"), (style, line)


def test_question_mark_title_takes_no_extra_comma_or_period():
    s = src(title="¿Qué sigue para Nariño?")
    assert text_of(Citer("chicago").note(s)) == "InSight Crime, “¿Qué sigue para Nariño?” April 12, 2021, " + URL + "."
    assert text_of(Citer("apa").bibliography([s])[0]) == "InSight Crime. (2021, April 12). ¿Qué sigue para Nariño? " + URL
    assert text_of(Citer("mla").bibliography([s])[0]).startswith("“¿Qué sigue para Nariño?” InSight Crime, ")


def test_markup_like_title_comes_out_literally():
    title = '<font color="red">x</font> & <img src=x>'
    s = src(title=title, publisher="A & B <Media>")
    for style in STYLES:
        c = Citer(style)
        for line in everything(c, s):
            assert title in line, (style, line)
            assert "A & B <Media>" in line, (style, line)
            assert "&amp;" not in line and "&lt;" not in line


# --- locator, bibliography, API -------------------------------------------------------------------

def test_paragraph_locator_per_style():
    s = src()
    assert text_of(Citer("chicago").note(s, paragraph=3)) == (
        "InSight Crime, “Coca Cultivation Surges in Nariño,” April 12, 2021, para. 3, " + URL + ".")
    assert text_of(Citer("apa").note(s, paragraph=3)).endswith(URL + " (para. 3)")
    assert text_of(Citer("mla").note(s, paragraph=3)).endswith("12 Apr. 2021, par. 3, " + URL + ".")
    for style in STYLES:
        assert "para" not in text_of(Citer(style).note(s)) and "par." not in text_of(Citer(style).note(s))
        assert "par" not in text_of(Citer(style).bibliography([s])[0])


def test_bibliography_sorted_and_deduplicated():
    a = src(id="a", publisher="Reuters", title="Zeta")
    b = src(id="b", publisher="El Tiempo", title="Alpha")
    c = src(id="c", publisher=None, title="The Medellín Cartel Today")
    d = src(id="d", publisher="Ámbito", title="Beta")
    for style in ("chicago", "apa"):
        entries = [text_of(r) for r in Citer(style).bibliography([a, b, c, d, a])]
        assert [e.split()[0] for e in entries] == ["Ámbito.", "El", "“The" if style == "chicago" else "The",
                                                   "Reuters."], entries
    mla = [text_of(r) for r in Citer("mla").bibliography([a, b, c, d])]
    assert mla[0].startswith("“Alpha.”") and mla[-1].startswith("“Zeta.”")
    assert mla[2].startswith("“The Medellín")  # "The" is ignored when alphabetising


def test_apa_same_publisher_undated_first_then_by_date():
    older = src(id="o", title="Older", date="2019")
    newer = src(id="n", title="Newer", date="2021-04-12")
    undated = src(id="u", title="Undated", date=None, date_precision=None)
    titles = [text_of(r).split(". ")[2] for r in Citer("apa").bibliography([newer, older, undated])]
    assert titles == ["Undated", "Older", "Newer"]


def test_unknown_style_names_the_valid_ones():
    with pytest.raises(ValueError) as info:
        Citer("harvard")
    for name in STYLES:
        assert name in str(info.value)


def test_public_api_shapes():
    assert STYLES == ("chicago", "apa", "mla")
    assert Run("x") == ("x", False) and Run("x", True).italic
    note = Citer("apa").note(src())
    assert all(isinstance(r, Run) for r in note)
    assert all(isinstance(e, list) for e in Citer().bibliography([src()]))
    assert Citer.plain([Run("a "), Run("b", True)]) == "a b"


def test_style_terms_are_loaded_once_from_resources():
    assert Citer("mla").terms is Citer("mla").terms
    assert load_terms("mla").months[8] == "Sept."


def test_broken_style_file_is_a_located_error(tmp_path):
    (tmp_path / "apa.yaml").write_text("name: APA\nmonths: [Jan]\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_terms("apa", tmp_path)
    assert "apa.yaml" in str(info.value)


def test_five_hundred_notes_are_fast():
    sources = [src(id=f"s{i}", title=f"Informe {i} sobre Nariño", authors=["Ana Núñez"] * (i % 4))
               for i in range(500)]
    c = Citer()
    start = time.perf_counter()
    notes = [c.note(s, paragraph=i + 1) for i, s in enumerate(sources)]
    bib = c.bibliography(sources)
    assert time.perf_counter() - start < 1.0
    assert len(notes) == 500 and len(bib) == 500


def test_sort_key_fast_paths_fold_as_the_full_normalisation_does():
    import random
    import string
    import unicodedata

    from briefing.citation.formats import sort_key

    def reference(text: str) -> str:
        folded = unicodedata.normalize("NFKD", text)
        folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
        folded = folded.lstrip("“”‘’\"'[(*« ")
        for article in ("the ", "a ", "an "):
            if folded.startswith(article):
                return folded[len(article):]
        return folded

    rng = random.Random(1)
    alphabet = string.printable + "“”‘’«ÁáéÉñÑüçØßǅﬁ\u0301\u0308ⅣΩж字"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert sort_key(text) == reference(text), repr(text)
