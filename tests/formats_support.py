"""A hand-built composed document shaped like a real exported briefing (cover, contents, two
sections with quotes, attributions and notes, endnotes, sources), for the format writers'
tests that must not depend on the composer.  The quoted text is the real AFP report."""

from __future__ import annotations

from briefing.compose.document import (
    Bibliography, BulletList, Contents, ContentsEntry, Document, DocumentInfo, Heading, Note, NoteList, NoteRef,
    Paragraph, Part, Quote, RuledLines, Span,
)

MARKING = "UNCLASSIFIED // FOR OFFICIAL USE ONLY"
HOSTILE = '<script>alert("x")</script> & <b>not bold</b>'
QUOTE_1 = ("Colombia has been the largest recipient of US security assistance in the Western "
           "Hemisphere for two decades.")
QUOTE_2 = "Blinken said the United States would work with Colombia on migration."
NOTE_1 = "Agence France-Presse, “Blinken Visits Colombia,” October 20, 2021, para. 17."
NOTE_2 = "Agence France-Presse, “Blinken Visits Colombia,” para. 4."


def sample_document(marking: str = MARKING, note_text: str = NOTE_2, page_size: str = "letter") -> Document:
    info = DocumentInfo(title="U.S.–Colombia security relations", author="Policy Planning",
                        subject="Background for the summit", marking=marking, page_size=page_size,
                        keywords=["Colombia", "security"])
    cover = Part("cover", [Paragraph([Span(info.title)], "cover-title"),
                           Paragraph([Span("Prepared for")], "cover-label"),
                           Paragraph([Span("The Under Secretary")], "cover-value")], page_style="cover")
    contents = Part("contents", [Contents([ContentsEntry("s1", "Security assistance"),
                                           ContentsEntry("s2", "Migration"),
                                           ContentsEntry("notes", "Notes")])], new_page=True)
    s1 = Part("section", [
        Heading([Span("Security assistance")], 1, anchor="s1"),
        BulletList([[Span("Key point: assistance continues.")]]),
        Quote([Span(QUOTE_1)], citation=[Span("AFP, "), Span("Blinken Visits Colombia", italic=True),
                                         Span(", October 20, 2021."), NoteRef(1)]),
        Heading([Span("Training")], 2),
        Paragraph([Span("Staff note: follow up with the embassy.")], "note"),
    ], title="Security assistance", anchor="s1", new_page=True)
    s2 = Part("section", [
        Heading([Span("Migration")], 1, anchor="s2"),
        Quote([Span(QUOTE_2)], citation=[Span("AFP, October 20, 2021."), NoteRef(2)]),
        RuledLines(2),
    ], title="Migration", anchor="s2", new_page=True)
    notes = [Note(1, [Span(NOTE_1)]), Note(2, [Span(note_text)])]
    notes_part = Part("notes", [Heading([Span("Notes")], 1, anchor="notes"), NoteList(notes)],
                      title="Notes", anchor="notes", new_page=True)
    sources = Part("bibliography", [Heading([Span("Sources")], 1, anchor="sources"),
                                    Bibliography([[Span("Agence France-Presse. "),
                                                   Span("Blinken Visits Colombia", italic=True),
                                                   Span(". October 20, 2021.")]])],
                   title="Sources", anchor="sources")
    return Document(info, [cover, contents, s1, s2, notes_part, sources], notes=notes, note_placement="endnotes",
                    layout="memo", citation_style="chicago")
