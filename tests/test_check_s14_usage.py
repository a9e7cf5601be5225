"""Compound modifiers judged by how fan fiction writes the pair before a word
(lexicon/data/compound_usage.tsv): invented sentences."""

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
    "Orla had a late night snack in the kitchen.",  # written open as often as not
    "The chair by the fire was well worn.",  # no noun after it
])
def test_a_pair_fan_fiction_leaves_open_is_left_alone(text) -> None:
    assert found(text, "compounds.hyphenated") == []
