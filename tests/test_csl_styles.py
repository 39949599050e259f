"""Citations checked against the manuals' own published examples, through the whole path a user's
source takes: source metadata (as in a source's YAML) -> CSL-JSON -> the shipped CSL style -> pandoc.

Expected strings are the example entries of APA Style's reference examples (apastyle.apa.org,
7th ed.), the MLA Handbook (9th ed.) works-cited examples and the Chicago Manual of Style (18th ed.)
notes-and-bibliography examples, copied from the manuals (italics written as <i>…</i>).  Where the
CSL processor cannot print what the manual prints the case is an expected failure with the reason.
A Spanish title and the "no date" case follow the manuals' rules (APA 9.17, MLA 5.x, CMOS 11.x/14).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.citation import processor_for
from briefing.citation.api import CiteRequest
from briefing.citation.stylefile import check, find
from briefing.errors import ContentError
from briefing.library.validate import source_from_data

pytestmark = pytest.mark.slow

ITEMS = {
    # APA journal article, two authors, DOI (APA reference examples: journal article)
    "mccauley": {"kind": "other", "csl_type": "article-journal",
                 "title": "Language learning as language use: A cross-linguistic model of child language development",
                 "authors": [{"family": "McCauley", "given": "Stewart M."}, {"family": "Christiansen", "given": "Morten H."}],
                 "container_title": "Psychological Review", "date": "2019", "doi": "10.1037/rev0000126",
                 "csl": {"volume": "126", "issue": "1", "page": "1–51"}, "language": "en"},
    # APA journal article, five authors (more than two: "et al." in text)
    "grady": {"kind": "other", "csl_type": "article-journal",
              "title": "Emotions in storybooks: A comparison of storybooks that represent ethnic and racial groups "
                       "in the United States",
              "authors": [{"family": "Grady", "given": "Jessica Stoltzfus"}, {"family": "Her", "given": "Malina"},
                          {"family": "Moreno", "given": "Geena"}, {"family": "Perez", "given": "Catherine"},
                          {"family": "Yelinek", "given": "Jillian"}],
              "container_title": "Psychology of Popular Media Culture", "date": "2019", "doi": "10.1037/ppm0000185",
              "csl": {"volume": "8", "issue": "3", "page": "207–217"}, "language": "en"},
    # APA book, one author
    "sapolsky": {"kind": "other", "csl_type": "book", "title": "Behave: The biology of humans at our best and worst",
                 "authors": [{"family": "Sapolsky", "given": "Robert M."}], "publisher": "Penguin Books", "date": "2017",
                 "language": "en"},
    # APA chapter in an edited book, three authors
    "aron": {"kind": "other", "csl_type": "chapter", "title": "Culinary arts: Talent and their development",
             "authors": [{"family": "Aron", "given": "Laurent"}, {"family": "Botella", "given": "Marion"},
                         {"family": "Lubart", "given": "Todd"}],
             "container_title": "The psychology of high performance: Developing human potential into domain-specific talent",
             "publisher": "American Psychological Association", "date": "2019", "doi": "10.1037/0000120-016",
             "csl": {"page": "345–359", "editor": [{"family": "Subotnik", "given": "Rena F."},
                                                  {"family": "Olszewski-Kubilius", "given": "Paula"},
                                                  {"family": "Worrell", "given": "Frank C."}]}, "language": "en"},
    # APA newspaper article
    "carey": {"kind": "news", "title": "Can we get better at forgetting?", "authors": [{"family": "Carey", "given": "Benedict"}],
              "container_title": "The New York Times", "date": "2019-03-22",
              "url": "https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html", "language": "en"},
    # APA government report with a number, organisation as author
    "nci": {"kind": "report", "title": "Taking time: Support for people with cancer",
            "authors": [{"literal": "National Cancer Institute"}], "genre": "NIH Publication", "number": "18-2059",
            "publisher": "U.S. Department of Health and Human Services, National Institutes of Health", "date": "2019",
            "url": "https://www.cancer.gov/publications/patient-education/takingtime.pdf", "language": "en"},
    # APA web page with no date (retrieval date given)
    "nnu": {"kind": "government", "title": "What employers should do to protect nurses from Zika",
            "authors": [{"literal": "National Nurses United"}], "accessed": "2019-06-12",
            "url": "https://www.nationalnursesunited.org/what-employers-should-do-to-protect-nurses-from-zika",
            "language": "en"},
    # APA press release
    "fda": {"kind": "press release",
            "title": "FDA authorizes first interoperable insulin pump intended to allow patients to customize treatment "
                     "through their individual diabetes management devices",
            "authors": [{"literal": "U.S. Food and Drug Administration"}], "date": "2019-02-14",
            "url": "https://www.fda.gov/news-events/press-announcements/fda-authorizes-first-interoperable-insulin-pump-"
                   "intended-allow-patients-customize-treatment-through", "language": "en"},
    # a fact sheet (APA: the description in square brackets after the title)
    "who": {"kind": "fact sheet", "title": "Questions and answers on immunization and vaccine safety",
            "authors": [{"literal": "World Health Organization"}], "date": "2018-03-08",
            "url": "https://www.who.int/features/qa/84/en/", "language": "en"},
    # MLA Handbook: two authors
    "dorris": {"kind": "other", "csl_type": "book", "title": "The crown of Columbus",
               "authors": [{"family": "Dorris", "given": "Michael"}, {"family": "Erdrich", "given": "Louise"}],
               "publisher": "HarperCollins Publishers", "date": "1999", "language": "en"},
    # Chicago: one author book
    "smith": {"kind": "other", "csl_type": "book", "title": "Swing time", "authors": [{"family": "Smith", "given": "Zadie"}],
              "publisher": "Penguin Press", "date": "2016", "language": "en"},
    # Chicago: two authors, a shortened title
    "grazer": {"kind": "other", "csl_type": "book", "title": "A curious mind: The secret to a bigger life",
               "authors": [{"family": "Grazer", "given": "Brian"}, {"family": "Fishman", "given": "Charles"}],
               "publisher": "Simon & Schuster", "date": "2015", "language": "en", "csl": {"title-short": "Curious mind"}},
    # Chicago: more than six authors
    "bernstein": {"kind": "other", "csl_type": "book", "title": "Art and aesthetics after Adorno",
                  "authors": [{"family": "Bernstein", "given": "Jay M."}, {"family": "Brodsky", "given": "Claudia"},
                              {"family": "Cascardi", "given": "Anthony J."},
                              {"family": "Duve", "given": "Thierry", "non-dropping-particle": "de"},
                              {"family": "Erjavec", "given": "Aleš"}, {"family": "Kaufman", "given": "Robert"},
                              {"family": "Rush", "given": "Fred"}],
                  "publisher": "University of California Press", "date": "2010", "language": "en",
                  "csl": {"title-short": "Art and aesthetics"}},
    # Chicago: chapter in an edited book
    "thoreau": {"kind": "other", "csl_type": "chapter", "title": "Walking",
                "authors": [{"family": "Thoreau", "given": "Henry David"}],
                "container_title": "The making of the American essay", "publisher": "Graywolf Press", "date": "2016",
                "csl": {"editor": [{"family": "D’Agata", "given": "John"}]}, "language": "en"},
    # Chicago: newspaper article online
    "manjoo": {"kind": "news", "title": "Snap makes a bet on the cultural supremacy of the camera",
               "authors": [{"family": "Manjoo", "given": "Farhad"}], "container_title": "New York Times",
               "date": "2017-03-08",
               "url": "https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html",
               "language": "en", "csl": {"title-short": "Snap makes a bet"}},
    # Chicago: web page, no author, no date, access date
    "yale": {"kind": "government", "title": "About Yale: Yale facts", "container_title": "Yale University",
             "accessed": "2017-05-01", "url": "https://www.yale.edu/about-yale/yale-facts", "language": "en",
             "csl": {"title-short": "Yale facts"}},
    # a Spanish title: not re-cased in any style
    "garcia": {"kind": "other", "csl_type": "book", "title": "Cien años de soledad",
               "authors": [{"family": "García Márquez", "given": "Gabriel"}], "publisher": "Editorial Sudamericana",
               "date": "1967", "language": "es"},
}


FILLER = {"kind": "other", "csl_type": "book", "title": "Another book", "authors": [{"family": "Zeta", "given": "Ana"}],
          "date": "2000", "language": "en"}  # cited between an item's two citations, so the second is not "ibid."


def sources() -> dict:
    items = {**ITEMS, "filler": FILLER}
    return {key: source_from_data({"id": key, **data}, Path(f"{key}.yaml"), "user") for key, data in items.items()}


def html(runs) -> str:
    return "".join(f"<i>{r.text}</i>" if r.italic else r.text for r in runs)


@pytest.fixture(scope="module")
def formatted():
    """Every item in each style, cited first at page 12, then (after another source) at page 13."""
    library = sources()
    out = {}
    for style in ("apa", "mla", "chicago"):
        requests = []
        for key in ITEMS:
            requests += [CiteRequest(key, "12", "page"), CiteRequest("filler"), CiteRequest(key, "13", "page")]
        processor = processor_for(style)
        doc = processor.process(library, requests)
        by_key = {}
        for i, key in enumerate(ITEMS):
            by_key[key] = (html(doc.citations[3 * i]), html(doc.citations[3 * i + 2]))
        out[style] = (doc, by_key, [html(e) for e in doc.bibliography])
    return out


APA = {
    "mccauley": ("(McCauley & Christiansen, 2019, p. 12)",
                 "McCauley, S. M., & Christiansen, M. H. (2019). Language learning as language use: A cross-linguistic "
                 "model of child language development. <i>Psychological Review</i>, <i>126</i>(1), 1–51. "
                 "https://doi.org/10.1037/rev0000126"),
    "grady": ("(Grady et al., 2019, p. 12)",
              "Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J. (2019). Emotions in storybooks: A comparison "
              "of storybooks that represent ethnic and racial groups in the United States. <i>Psychology of Popular "
              "Media Culture</i>, <i>8</i>(3), 207–217. https://doi.org/10.1037/ppm0000185"),
    "sapolsky": ("(Sapolsky, 2017, p. 12)",
                 "Sapolsky, R. M. (2017). <i>Behave: The biology of humans at our best and worst</i>. Penguin Books."),
    "aron": ("(Aron et al., 2019, p. 12)",
             "Aron, L., Botella, M., & Lubart, T. (2019). Culinary arts: Talent and their development. In R. F. Subotnik, "
             "P. Olszewski-Kubilius, & F. C. Worrell (Eds.), <i>The psychology of high performance: Developing human "
             "potential into domain-specific talent</i> (pp. 345–359). American Psychological Association. "
             "https://doi.org/10.1037/0000120-016"),
    "carey": ("(Carey, 2019, p. 12)",
              "Carey, B. (2019, March 22). Can we get better at forgetting? <i>The New York Times</i>. "
              "https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html"),
    "nnu": ("(National Nurses United, n.d., p. 12)",
            "National Nurses United. (n.d.). <i>What employers should do to protect nurses from Zika</i>. Retrieved "
            "June 12, 2019, from https://www.nationalnursesunited.org/what-employers-should-do-to-protect-nurses-from-zika"),
    "fda": ("(U.S. Food and Drug Administration, 2019, p. 12)",
            "U.S. Food and Drug Administration. (2019, February 14). <i>FDA authorizes first interoperable insulin pump "
            "intended to allow patients to customize treatment through their individual diabetes management devices</i> "
            "[Press release]. https://www.fda.gov/news-events/press-announcements/fda-authorizes-first-interoperable-"
            "insulin-pump-intended-allow-patients-customize-treatment-through"),
    "who": ("(World Health Organization, 2018, p. 12)",
            "World Health Organization. (2018, March 8). <i>Questions and answers on immunization and vaccine safety</i> "
            "[Fact sheet]. https://www.who.int/features/qa/84/en/"),
    # no author (APA 9.12): the title moves to the author position; no date: "n.d."
    "yale": ("(<i>Yale Facts</i>, n.d., p. 12)",
             "<i>About Yale: Yale facts</i>. (n.d.). Yale University. Retrieved May 1, 2017, from "
             "https://www.yale.edu/about-yale/yale-facts"),
    "garcia": ("(García Márquez, 1967, p. 12)",
               "García Márquez, G. (1967). <i>Cien años de soledad</i>. Editorial Sudamericana."),
}
APA_XFAIL = {
    # the manual prints "No." for one report number; citeproc reads "18-2059" as a range and prints "Nos."
    "nci": ("(National Cancer Institute, 2019, p. 12)",
            "National Cancer Institute. (2019). <i>Taking time: Support for people with cancer</i> (NIH Publication "
            "No. 18-2059). U.S. Department of Health and Human Services, National Institutes of Health. "
            "https://www.cancer.gov/publications/patient-education/takingtime.pdf"),
}

MLA = {
    "dorris": ("(Dorris and Erdrich 12)",
               "Dorris, Michael, and Louise Erdrich. <i>The Crown of Columbus</i>. HarperCollins Publishers, 1999."),
    "smith": ("(Smith 12)", "Smith, Zadie. <i>Swing Time</i>. Penguin Press, 2016."),
    "grady": ("(Grady et al. 12)",
              "Grady, Jessica Stoltzfus, et al. “Emotions in Storybooks: A Comparison of Storybooks That Represent Ethnic "
              "and Racial Groups in the United States.” <i>Psychology of Popular Media Culture</i>, vol. 8, no. 3, 2019, "
              "pp. 207–17, https://doi.org/10.1037/ppm0000185."),
    "carey": ("(Carey 12)",
              "Carey, Benedict. “Can We Get Better at Forgetting?” <i>The New York Times</i>, 22 Mar. 2019, "
              "https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html."),
    "thoreau": ("(Thoreau 12)",
                "Thoreau, Henry David. “Walking.” <i>The Making of the American Essay</i>, edited by John D’Agata, "
                "Graywolf Press, 2016."),
    "yale": ("(“Yale Facts” 12)",
             "“About Yale: Yale Facts.” <i>Yale University</i>, https://www.yale.edu/about-yale/yale-facts. "
             "Accessed 1 May 2017."),
    "garcia": ("(García Márquez 12)", "García Márquez, Gabriel. <i>Cien años de soledad</i>. Editorial Sudamericana, 1967."),
}

CHICAGO = {  # first note, shortened note, bibliography entry
    "smith": ("Zadie Smith, <i>Swing Time</i> (Penguin Press, 2016), 12.", "Smith, <i>Swing Time</i>, 13.",
              "Smith, Zadie. <i>Swing Time</i>. Penguin Press, 2016."),
    "grazer": ("Brian Grazer and Charles Fishman, <i>A Curious Mind: The Secret to a Bigger Life</i> (Simon & Schuster, "
               "2015), 12.", "Grazer and Fishman, <i>Curious Mind</i>, 13.",
               "Grazer, Brian, and Charles Fishman. <i>A Curious Mind: The Secret to a Bigger Life</i>. Simon & Schuster, "
               "2015."),
    "thoreau": ("Henry David Thoreau, “Walking,” in <i>The Making of the American Essay</i>, ed. John D’Agata (Graywolf "
                "Press, 2016), 12.", "Thoreau, “Walking,” 13.",
                "Thoreau, Henry David. “Walking.” In <i>The Making of the American Essay</i>, edited by John D’Agata. "
                "Graywolf Press, 2016."),
    "manjoo": ("Farhad Manjoo, “Snap Makes a Bet on the Cultural Supremacy of the Camera,” <i>New York Times</i>, March 8, "
               "2017, 12, https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-"
               "camera.html.", "Manjoo, “Snap Makes a Bet,” 13.",
               "Manjoo, Farhad. “Snap Makes a Bet on the Cultural Supremacy of the Camera.” <i>New York Times</i>, March 8, "
               "2017. https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-"
               "camera.html."),
    "mccauley": ("Stewart M. McCauley and Morten H. Christiansen, “Language Learning as Language Use: A Cross-Linguistic "
                 "Model of Child Language Development,” <i>Psychological Review</i> 126, no. 1 (2019): 12, "
                 "https://doi.org/10.1037/rev0000126.", None,
                 "McCauley, Stewart M., and Morten H. Christiansen. “Language Learning as Language Use: A Cross-Linguistic "
                 "Model of Child Language Development.” <i>Psychological Review</i> 126, no. 1 (2019): 1–51. "
                 "https://doi.org/10.1037/rev0000126."),
    "yale": (None, None, "Yale University. “About Yale: Yale Facts.” Accessed May 1, 2017. "
             "https://www.yale.edu/about-yale/yale-facts."),
    "fda": ("U.S. Food and Drug Administration, “FDA Authorizes First Interoperable Insulin Pump Intended to Allow "
            "Patients to Customize Treatment Through Their Individual Diabetes Management Devices,” press release, "
            "February 14, 2019, 12, https://www.fda.gov/news-events/press-announcements/fda-authorizes-first-interoperable-"
            "insulin-pump-intended-allow-patients-customize-treatment-through.", None, None),
    "garcia": ("Gabriel García Márquez, <i>Cien años de soledad</i> (Editorial Sudamericana, 1967), 12.",
               "García Márquez, <i>Cien años de soledad</i>, 13.",
               "García Márquez, Gabriel. <i>Cien años de soledad</i>. Editorial Sudamericana, 1967."),
}
CHICAGO_XFAIL = {
    # CMOS lowercases "after" in a title; CSL's title-case list of words kept lower case does not include it
    "bernstein": ("Jay M. Bernstein et al., <i>Art and Aesthetics after Adorno</i> (University of California Press, 2010), "
                  "12.", "Bernstein et al., <i>Art and Aesthetics</i>, 13.",
                  "Bernstein, Jay M., Claudia Brodsky, Anthony J. Cascardi, et al. <i>Art and Aesthetics after Adorno</i>. "
                  "University of California Press, 2010."),
}


@pytest.mark.parametrize("key", sorted(APA))
def test_apa_reference_and_in_text_citation(formatted, key):
    doc, cites, bibliography = formatted["apa"]
    in_text, entry = APA[key]
    assert cites[key][0] == in_text
    assert entry in bibliography


@pytest.mark.xfail(strict=True, reason="citeproc prints 'Nos.' for a hyphenated report number")
def test_apa_report_number_is_singular(formatted):
    doc, cites, bibliography = formatted["apa"]
    assert APA_XFAIL["nci"][1] in bibliography


@pytest.mark.parametrize("key", sorted(MLA))
def test_mla_works_cited_and_parenthetical(formatted, key):
    doc, cites, bibliography = formatted["mla"]
    in_text, entry = MLA[key]
    assert cites[key][0] == in_text
    assert entry in bibliography


@pytest.mark.parametrize("key", sorted(CHICAGO))
def test_chicago_first_note_shortened_note_and_bibliography(formatted, key):
    doc, cites, bibliography = formatted["chicago"]
    first, short, entry = CHICAGO[key]
    if first:
        assert cites[key][0] == first
    if short:
        assert cites[key][1] == short
    if entry:
        assert entry in bibliography


@pytest.mark.xfail(strict=True, reason="CSL title case capitalises 'after'; CMOS lowercases it")
def test_chicago_title_case_keeps_after_lowercase(formatted):
    doc, cites, bibliography = formatted["chicago"]
    assert cites["bernstein"][0] == CHICAGO_XFAIL["bernstein"][0]


def test_each_style_uses_its_own_system(formatted):
    apa, mla, chicago = formatted["apa"][0], formatted["mla"][0], formatted["chicago"][0]
    assert (apa.style_class, apa.bibliography_title) == ("in-text", "References")
    assert (mla.style_class, mla.bibliography_title) == ("in-text", "Works Cited")
    assert (chicago.style_class, chicago.bibliography_title) == ("note", "Bibliography")


def test_no_date_is_n_d_in_apa_and_left_out_in_mla(formatted):
    assert formatted["apa"][1]["nnu"][0] == "(National Nurses United, n.d., p. 12)"
    assert not any("n.d." in entry for entry in formatted["mla"][2])


def test_inferred_values_are_bracketed_stated_ones_are_not(tmp_path):
    (tmp_path / "s.txt").write_text("Text.\n", encoding="utf-8")
    data = {"id": "s", "kind": "analysis", "title": "Coca cultivation surges", "container_title": "InSight Crime", "language": "en",
            "date": "2012-04", "inferred": {"container_title": "a section heading", "date": "from the text"}}
    source = source_from_data(data, tmp_path / "s.yaml", "user")
    doc = processor_for("chicago").process({"s": source}, [CiteRequest("s", "3")])
    assert html(doc.citations[0]) == "“Coca Cultivation Surges,” [InSight Crime], [April 2012], para. 3."
    apa = processor_for("apa").process({"s": source}, [CiteRequest("s", "3")])
    assert html(apa.citations[0]) == "(<i>Coca Cultivation Surges</i>, [2012], para. 3)"
    assert html(apa.bibliography[0]) == "<i>Coca cultivation surges</i>. ([2012, April]). [InSight Crime]."


# -- bad style files ---------------------------------------------------------------------------
GOOD = (Path(__file__).resolve().parents[1] / "resources" / "csl" / "apa.csl").read_text(encoding="utf-8")
PAYLOADS = {
    "malformed.csl": GOOD[: len(GOOD) // 2],  # cut off mid-file: not well-formed
    "external.csl": '<?xml version="1.0"?>\n<!DOCTYPE style [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                    + GOOD.split("\n", 1)[1].replace("<title>APA Style 7th edition", "<title>&x;", 1),
    "laughs.csl": '<?xml version="1.0"?>\n<!DOCTYPE style [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                  '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>\n'
                  + GOOD.split("\n", 1)[1].replace("<title>APA Style 7th edition", "<title>&d;", 1),
}


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_a_bad_csl_file_is_refused_naming_it(tmp_path, name):
    path = tmp_path / name
    path.write_text(PAYLOADS[name], encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        check(path)
    assert name in str(caught.value)


def test_bad_user_styles_are_skipped_and_the_others_still_load(isolated_home):
    from briefing import registry

    folder = registry.user_folder("styles")
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in PAYLOADS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "my-apa.csl").write_text(GOOD, encoding="utf-8")
    listing = registry.styles()
    problems = " ".join(str(p) for p in listing.problems)
    names = set(listing.names())
    assert {"apa", "mla", "chicago", "my-apa"} <= names
    for name in ("external", "laughs"):
        assert name not in names and f"{name}.csl" in problems
    # a file cut off after its <info> passes the quick listing; using it names the file
    if "malformed" in names:
        with pytest.raises(ContentError, match="malformed.csl"):
            find("malformed")
    doc = processor_for("my-apa").process(sources(), [CiteRequest("sapolsky", "5", "page")])
    assert html(doc.citations[0]) == "(Sapolsky, 2017, p. 5)"
