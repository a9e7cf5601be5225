"""Compounds the dictionary (WordNet 3.0) only hyphenates, written open, on small
invented stories: flagged where the words stand as the compound, left alone where they are
words of their own."""

from __future__ import annotations

import pytest
from check_findings import found

from ficlens.check.tables import dictionary_compounds


def test_the_table_knows_hyphenated_spellings() -> None:
    table = dictionary_compounds()
    assert table.hyphenated[("once", "over")] == ("once-over", "n")
    assert table.hyphenated[("one", "night", "stand")] == ("one-night stand", "n")
    assert "well" in table.firsts
    # a spelling WordNet also writes open or closed is no table's to correct
    assert ("make", "up") not in table.hyphenated


@pytest.mark.parametrize(("text", "expected"), [
    ("Mira gave the stranger a once over, then went back to her tea.",
     [("once over", "once-over")]),
    ("Tobin was a well known liar in the harbour town.", [("well known", "well-known")]),
    ("Everyone agreed it had been a one night stand and nothing more.",
     [("one night stand", "one-night stand")]),
    ("Mara booked a one way seat on the ferry.", [("one way", "one-way")]),
])
def test_a_dictionary_compound_written_open_is_flagged(text, expected) -> None:
    assert found(text, "compounds.dictionary") == expected


@pytest.mark.parametrize("text", [
    "The liar was well known in the harbour town.",  # after the verb: open
    "They took a walk through the park before dinner.",  # a walk, then a place
    "He looked once over his shoulder and kept running.",  # no determiner: adverb, preposition
    "They made the slow walk up to the mill.",  # an adverb going on to a place
    "Tomorrow he would deal with it tomorrow morning.",  # a pronoun is no half of a compound
    "She wore a bright red coat.",  # two adjectives: a shade, open in most house styles
    "It was the most valuable lesson of the year.",  # a superlative, not a compound
    "Mira had a well-known face and a once-over glance.",  # already hyphenated
    "Well known or not, Tobin was going in.",  # capitalised: the check reads lower case only
])
def test_words_that_are_not_the_compound_are_left_alone(text) -> None:
    assert found(text, "compounds.dictionary") == []
