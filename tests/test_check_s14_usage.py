"""Compound modifiers judged by how fan fiction writes the pair before a word
(lexicon/data/compound_usage.tsv), and a character's name closing a spoken line as an
address: invented sentences."""

from __future__ import annotations

import pytest
from check_findings import found


@pytest.mark.parametrize(("text", "expected"), [
    ("The tavern was full of leather clad sailors.", [("leather clad", "leather-clad")]),
    ("Mara sank into a well worn chair by the fire.", [("well worn", "well-worn")]),
])
def test_a_pair_fan_fiction_hyphenates_before_a_noun_is_flagged(text, expected) -> None:
    assert found(text, "compounds.hyphenated") == expected


@pytest.mark.parametrize("text", [
    "They stayed up for a late night of cards.",  # a noun of its own: "a late night"
    "Orla ate a late night snack by the cold stove.",  # written open as often as not
    "The chair by the fire was well worn.",  # no noun after it
])
def test_a_pair_fan_fiction_leaves_open_is_left_alone(text) -> None:
    assert found(text, "compounds.hyphenated") == []


# A story where Tobin and Orla are characters, so their names are known.
CAST = ("Tobin Vane and Orla Reed walked to the mill. Tobin carried the sack and Orla carried "
        "the lamp. Tobin was tired. Orla laughed at Tobin. Tobin sighed. ")


@pytest.mark.parametrize(("line", "flagged"), [
    ('"Thanks for the bread Tobin," Orla said.', "bread Tobin"),
    ('"I missed you so much Orla," Tobin said.', "much Orla"),
    ('"I told you Tobin," Orla said.', "you Tobin"),
    ('"Are you ready Tobin?" Orla asked.', "ready Tobin"),
])
def test_a_name_closing_a_line_after_its_clause_is_an_address(line, flagged) -> None:
    text = CAST + line
    first = flagged.split()[0]
    assert found(text, "punctuation.vocative") == [(f"{first[-1]} ", f"{first[-1]}, ")]


@pytest.mark.parametrize("line", [
    '"I went with Tobin," Orla said.',  # a preposition's object
    '"They call him Tobin," Orla said.',  # a naming verb
    '"It was only Tobin." Orla sighed.',  # an adverb that picks the name out
    '"This is my brother Tobin." Orla smiled.',  # kin describing the name
    '"Have you seen Tobin?" Orla asked.',  # a verb's object
    '"It was the old Tobin," Orla said.',  # the name's adjective
])
def test_a_name_the_clause_takes_is_left_alone(line) -> None:
    assert found(CAST + line, "punctuation.vocative") == []
