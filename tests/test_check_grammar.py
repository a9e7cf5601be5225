"""Capitalisation, agreement, a missing auxiliary, a new speaker in the paragraph and
possessives of the wrong gender, on small invented stories."""

from __future__ import annotations

import pytest

from ficlens.check import RULES, run_checks
from ficlens.check.agreement import third_person
from ficlens.document import Work
from ficlens.pipeline import analyze


def found(text: str, select: tuple[str, ...]) -> list[tuple[str, str, str | None]]:
    work = analyze(Work(text=text), ["segment", "nlp", "characters", "quotes", "coref"])
    return [(f.rule, text[f.start:f.end], f.suggestion)
            for f in run_checks(work, select=list(select))]


def test_every_new_rule_is_registered_with_an_explanation() -> None:
    for rule in ("capitalisation.sentence-start", "capitalisation.i", "capitalisation.name",
                 "agreement.subject-verb", "words.missing-auxiliary", "dialogue.new-speaker",
                 "pronouns.gender"):
        assert RULES[rule].description and RULES[rule].severity in ("error", "warning")


@pytest.mark.parametrize(("text", "hit"), [
    ("The lamp flickered out. the room went dark at once. Nobody moved for a while.",
     ("capitalisation.sentence-start", "the", "The")),
    ("Orla shrugged. Later i went home alone, and the road was quiet.",
     ("capitalisation.i", "i", "I")),
    ("Orla knew it well. Then i'm told the road was closed, so we stayed.",
     ("capitalisation.i", "i", "I")),
])
def test_capital_slips_are_flagged(text, hit) -> None:
    assert found(text, ("capitalisation",)) == [hit]


@pytest.mark.parametrize("text", [
    "They met at 5 p.m. on the pier, e.g. near the boats. It was late.",
    "She was a little... tired, maybe. The night was long.",
    "Why now? she wondered. The clock kept ticking on the wall.",
    '"Wait! please don\'t go," Orla said. The door shut behind him.',
    "Dr. Vey sat down. He read the list: (i) bread, (ii) salt. It was short.",
])
def test_correct_capitals_are_left_alone(text) -> None:
    assert found(text, ("capitalisation",)) == []


def test_a_story_in_lower_case_by_choice_is_left_alone() -> None:
    text = ("the sea was grey. i walked along it. the gulls cried. i did not look back. "
            "the wind rose. i kept going.\n")
    assert found(text, ("capitalisation",)) == []


def test_chat_lines_and_lower_case_texts_keep_their_style() -> None:
    text = ("I waited. I counted. I checked the clock again, and then I checked it twice more. "
            "I was sure I had missed him, but I stayed, because I had promised.\n\n"
            "My phone buzzed before I could leave.\n\n"
            "vey: omw. i'm late, sorry\n\n"
            "me: its fine. i saved u a seat\n\n"
            "ok. i see u now\n\n"
            "I put the phone away and waved at him across the hall.\n")
    assert found(text, ("capitalisation.i", "capitalisation.sentence-start")) == []


def test_a_characters_name_in_lower_case_is_flagged() -> None:
    text = ("Zorvath opened the gate. Orla followed Zorvath inside. \"Zorvath, wait,\" she said."
            "\n\nLater zorvath sat by the fire while Orla slept. Zorvath smiled.\n")
    hits = found(text, ("capitalisation.name",))
    assert hits == [("capitalisation.name", "zorvath", "Zorvath")]


@pytest.mark.parametrize(("text", "hit"), [
    ("They was tired after the long walk home, so they slept.",
     ("agreement.subject-verb", "was", "were")),
    ("He don't care about the rain, and he walks to work anyway.",
     ("agreement.subject-verb", "do", "does")),  # the parse splits "do" "n't"
    ("She loved the way he smile at her across the table.",
     ("agreement.subject-verb", "smile", None)),
])
def test_agreement_slips_in_narration_are_flagged(text, hit) -> None:
    assert found(text, ("agreement",)) == [hit]


@pytest.mark.parametrize("text", [
    '"They was here yesterday, I swear," Orla said. "He don\'t lie."',
    "Did he know the way? She insisted he go first. They were tired.",
    "He put the cup down and let her speak. The gift I gave you was small.",
])
def test_agreement_leaves_dialogue_questions_and_subjunctives_alone(text) -> None:
    assert found(text, ("agreement",)) == []


def test_a_missing_auxiliary_is_flagged_but_not_an_absolute_phrase() -> None:
    assert found("Orla looked up. He going to the door already, coat in hand.",
                 ("words.missing-auxiliary",)) == [("words.missing-auxiliary", "going", None)]
    assert found("They sat by the fire, he reading, she knitting. Was she sleeping?",
                 ("words.missing-auxiliary",)) == []


@pytest.mark.parametrize(("verb", "form"), [
    ("smile", "smiles"), ("go", "goes"), ("try", "tries"), ("kiss", "kisses"),
    ("have", "has"), ("play", "plays"),
])
def test_third_person(verb, form) -> None:
    assert third_person(verb) == form


def test_a_second_speaker_in_one_paragraph_is_flagged() -> None:
    text = ('Orla and Bram stood at the gate.\n\n"We should go," Orla said. '
            '"Not yet," Bram said.\n\n"Fine," Orla said.\n')
    hits = found(text, ("dialogue.new-speaker",))
    assert [(rule, word) for rule, word, _s in hits] == [("dialogue.new-speaker", '"')]
    one_speaker = ('Orla and Bram stood at the gate.\n\n"We should go," Orla said. '
                   '"Now," she said.\n\n"Fine," Bram said.\n')
    assert found(one_speaker, ("dialogue.new-speaker",)) == []


@pytest.mark.parametrize("text", [
    'Orla and Bram stood at the gate.\n\n"Nothing!" Orla shouted just as Bram said, "Go away!"'
    '\n\n"Fine," Orla said.\n',
    'Orla and Bram stood at the gate.\n\n"Wait..." Orla whispered, and Bram interrupted. '
    '"Listen, I have to go."\n\n"Fine," Orla said.\n',
])
def test_narration_that_hands_over_to_the_second_speaker_is_not_a_new_speaker(text) -> None:
    assert found(text, ("dialogue.new-speaker",)) == []


def test_a_possessive_of_the_other_gender_is_flagged_when_nobody_else_is_in_sight() -> None:
    alone = ("Mara sat alone by the window of the empty cottage. The rain had not stopped.\n\n"
             "She lifted his hand to her face and pressed the cold fingers to her cheek.\n")
    assert found(alone, ("pronouns.gender",)) == [("pronouns.gender", "his", "her")]
    with_him = ("Mara sat by the bed where Tomas slept. The rain had not stopped.\n\n"
                "She lifted his hand to her face and pressed the cold fingers to her cheek.\n")
    assert found(with_him, ("pronouns.gender",)) == []
