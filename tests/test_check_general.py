"""Beta-reader rules that generalise past the marked stories: "of" for "have" after a modal,
a participle standing as the past tense, tags that open with their verb or a noun phrase, and
confusables judged through their inflected forms."""

from __future__ import annotations

import pytest

from ficlens.check import run_checks
from ficlens.check.confusable_model import confusable_forms
from ficlens.document import Work
from ficlens.pipeline import analyze


def found(text: str, select: tuple[str, ...]) -> list[tuple[str, str, str | None]]:
    work = analyze(Work(text=text), ["segment", "nlp", "characters", "quotes", "coref"])
    return [(f.rule, text[f.start:f.end], f.suggestion)
            for f in run_checks(work, select=list(select))]


@pytest.mark.parametrize("text", [
    "Something important must of happened at the farm that night.",
    "He could of stayed home, but he went out anyway.",
    "You would of been proud of them.",
])
def test_of_after_a_modal_is_have(text) -> None:
    assert found(text, ("confusables.modal-of",)) == [("confusables.modal-of", "of", "have")]


@pytest.mark.parametrize("text", ["I could of course go home.", "It must of necessity end."])
def test_of_course_after_a_modal_stands(text) -> None:
    assert found(text, ("confusables.modal-of",)) == []


@pytest.mark.parametrize(("text", "word", "past"), [
    ("Mara walked to the door and begun to climb the stairs.", "begun", "began"),
    ("When he begun his training, the sun was still low.", "begun", "began"),
    ("The hymn they sung was old.", "sung", "sang"),
])
def test_a_participle_standing_as_the_past_is_flagged(text, word, past) -> None:
    assert found(text, ("confusables.participle-as-past",)) == [
        ("confusables.participle-as-past", word, past)]


@pytest.mark.parametrize("text", [
    "Begun in 1900, the bridge was finished in 1910.",
    "The bell rung by the monk woke the town.",
    "The song she had sung was old.",
    "She was sunk in thought.",
    "He got drunk and fell over.",
    '"We begun it," she said.',  # dialogue may be dialect
    "The song was written by Mara, and sung by the whole crew at dawn.",  # passive, agent
])
def test_participles_with_an_auxiliary_or_as_adjectives_stand(text) -> None:
    assert found(text, ("confusables.participle-as-past",)) == []


@pytest.mark.parametrize(("text", "rule", "word", "suggestion"), [
    ('Mara looked up. "Yep." Said Mara, and she left the room.',
     "dialogue.period-before-tag", '." Said', '," said'),
    ('Theo frowned. "Both?" Asked the Mayor, and Theo shrugged.',
     "dialogue.capitalised-tag", "Asked", "asked"),
    ('"Wait!" Shouted the guard from the tower.', "dialogue.capitalised-tag", "Shouted",
     "shouted"),
    ('"You are awake." The first man said in English.', "dialogue.period-before-tag",
     '." The', '," the'),
    ('"Fifteen..." The boy mumbled, and looked away.', "dialogue.capitalised-tag", "The", "the"),
])
def test_tags_opening_with_their_verb_or_a_noun_phrase(text, rule, word, suggestion) -> None:
    assert found(text, ("dialogue",)) == [(rule, word, suggestion)]


@pytest.mark.parametrize("text", [
    '"Go home." The door slammed behind her.',
    '"Go home." The old man walked away.',
    '"Why?" The question hung in the air.',
    '"Stop." His voice cracked as he spoke.',
    '"Fine," Theo said. "Then go." The man who said it left.',
])
def test_a_beat_after_a_line_is_no_tag(text) -> None:
    assert found(text, ("dialogue",)) == []


def test_inflected_forms_share_their_sets_model() -> None:
    assert confusable_forms("peeked") == (("peaked", "peeked"), ("peak", "peek"))
    assert confusable_forms("their") == (("their", "there", "they're"),) * 2
    assert confusable_forms("table") is None


@pytest.mark.parametrize(("text", "word", "suggestion"), [
    ("He was loosing his mind over the exam.", "loosing", "losing"),
    ("Nobody wanted to loose the game that night.", "loose", "lose"),
])
def test_an_inflected_confusable_is_judged(text, word, suggestion) -> None:
    assert found(text, ("confusables.context",)) == [("confusables.context", word, suggestion)]


@pytest.mark.parametrize(("text", "word", "suggestion"), [
    ("She made a trip to visit the wizard latter in the day.", "latter", "later"),
    # a "later" before a noun of a people is no longer flagged: the AO3-trained model gives it
    # 6% there, over the 5% bar of a set seen under 20,000 times
    ("Of the two roads, they took the later because it was shorter.", "later", "latter"),
])
def test_later_and_latter_are_told_apart(text, word, suggestion) -> None:
    assert found(text, ("confusables.context",)) == [("confusables.context", word, suggestion)]


@pytest.mark.parametrize("text", [
    "Of the two offers, she took the latter without a word.",
    "I will see you later tonight.",
    "He slammed on the brake and the car stopped.",  # rare in the training prose, not in English
])
def test_later_latter_and_rare_words_used_rightly_stand(text) -> None:
    assert found(text, ("confusables.context",)) == []


def test_a_noun_phrase_reporting_speech_is_no_tag() -> None:
    text = '"The ferry leaves at dawn." The ticket clerk warned that the road was flooded.'
    assert found(text, ("dialogue",)) == []
