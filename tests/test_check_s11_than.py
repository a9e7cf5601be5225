"""'then' after a comparative and 'your' opening a progressive clause (issue 23's own
examples "taller then", "Your going to"), on invented sentences, right forms left alone."""

from __future__ import annotations

import pytest
from check_findings import found


@pytest.mark.parametrize(("text", "expected"), [
    ("Mara was taller then her brother.", [("then", "than")]),
    ("He was more careful then anyone on the pier.", [("then", "than")]),
    ('"You are older then me," Tobin said.', [("then", "than")]),
    ("He had nothing other then a knife.", [("then", "than")]),
    ("She is faster then he is.", [("then", "than")]),
])
def test_then_after_a_comparative(text, expected) -> None:
    assert found(text, "confusables.than") == expected


@pytest.mark.parametrize("text", [
    "It was better then, when the harbour was busy.",
    "He grew taller then stopped growing.",
    "The sky got darker then colder.",
    "They were happier then.",
    "Mara was taller than her brother.",
    "First she ate, and then she slept.",
])
def test_then_of_time_left_alone(text) -> None:
    assert found(text, "confusables.than") == []


@pytest.mark.parametrize(("text", "expected"), [
    ('"Your going to love it," Mara said.', [("Your", "You're")]),
    ("Your gonna miss the boat.", [("Your", "You're")]),
    ("Mara laughed. Your coming with us tonight.", [("Your", "You're")]),
])
def test_your_opening_a_progressive_clause(text, expected) -> None:
    assert found(text, "confusables.youre") == expected


@pytest.mark.parametrize("text", [
    "Your coming tonight was a surprise.",
    "Your being here matters to him.",
    "You're going to love it.",
    "Your boat is going to sink.",
    "He took your going away badly.",
])
def test_your_as_a_possessive_left_alone(text) -> None:
    assert found(text, "confusables.youre") == []
