"""Sentence ends and whole-word snapping (what Ctrl+E and trims quote), on sentences as news copy
writes them."""

from __future__ import annotations

import pytest

from briefing.model.sentences import sentence_at, sentences, snap_to_words

TEXT = ('Dr. Jane Smith met U.S. officials on Monday. Growth was 3.5 percent, she said. '
        '"We will act." Then the U.S. embassy closed. J. Doe left!')


def test_sentences_split_where_a_reader_would():
    assert [TEXT[s:e] for s, e in sentences(TEXT)] == [
        "Dr. Jane Smith met U.S. officials on Monday.",
        "Growth was 3.5 percent, she said.",
        '"We will act."',
        "Then the U.S. embassy closed.",
        "J. Doe left!",
    ]


@pytest.mark.parametrize("word, expected", [
    ("officials", "Dr. Jane Smith met U.S. officials on Monday."),
    ("percent", "Growth was 3.5 percent, she said."),
    ("act", '"We will act."'),
    ("embassy", "Then the U.S. embassy closed."),
])
def test_the_sentence_at_the_caret(word, expected):
    start, end = sentence_at(TEXT, TEXT.index(word) + 1)
    assert TEXT[start:end] == expected


def test_selections_snap_outwards_to_whole_words():
    text = "in response to the relationship between them"
    start, end = snap_to_words(text, text.index("relationship") + 1, text.index("between") + 3)
    assert text[start:end] == "relationship between"
    start, end = snap_to_words(text, text.index(" the") , text.index(" the") + 4)
    assert text[start:end] == "the"
