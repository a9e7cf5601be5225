"""Precision guards and new mechanisms of the grammar rules (issue 23, session 11), on
invented sentences: each rule fires on the slip and stays quiet on the right form, in
narration and dialogue, past and present tense, second person and with two "he"s."""

from __future__ import annotations

import pytest
from check_findings import found

PAST = ("The harbour was still that night. Mara walked along the pier and counted the boats. "
        "She liked the smell of tar. The gulls slept on the posts. Tobin waited by the gate. "
        "He held a lantern. The wind picked up. She pulled her coat tight. The tide came in "
        "slowly. They talked about the fish. Nobody else came. It grew cold.\n\n")


@pytest.mark.parametrize(("text", "expected"), [
    ("It shook any sense she might had been capable of.", [("had", "have")]),
    ("Mara could had stopped it, and the town would have thanked her.", [("had", "have")]),
    ('"You should never had come back," Tobin said.', [("had", "have")]),
    ("He would had gone with him, if he had asked.", [("had", "have")]),
])
def test_a_modal_before_had_and_a_participle(text, expected) -> None:
    assert found(text, "confusables.verb-form") == expected


@pytest.mark.parametrize("text", [
    "His will had been read by noon.",
    "She could, had she wanted to, leave at once.",
    "The can had rolled under the bench.",
    "You might have had a point there.",
])
def test_had_after_other_words_left_alone(text) -> None:
    assert found(text, "confusables.verb-form") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The song made he feel weightless.", [("he", "him")]),
    ('"Let they go," she said.', [("they", "them")]),
    ("You make she laugh every time.", [("she", "her")]),
])
def test_a_subject_pronoun_after_make_or_let(text, expected) -> None:
    assert found(text, "confusables.object-pronoun") == expected
    assert found(text, "agreement.subject-verb") == []


@pytest.mark.parametrize("text", [
    "The song made him feel weightless.",
    "He saw he was late and ran.",
    "Whatever made her cry, he would find it.",
    "She made sure he left before dawn.",
])
def test_object_pronouns_after_make_or_let_left_alone(text) -> None:
    assert found(text, "confusables.object-pronoun") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Tobin was fixated one the map on the wall.", [("one", "on")]),
    ("He stepped away form the door.", [("form", "from")]),
    ('"You always insisted one the red cloak," he said.', [("one", "on")]),
])
def test_a_letter_slip_of_a_preposition(text, expected) -> None:
    assert found(text, "words.letter-slip") == expected


@pytest.mark.parametrize("text", [
    "She picked one the teacher liked best.",
    "He took the one the others left behind.",
    "The warning reached them in the form of a song.",
    "He gave one the fright of a lifetime.",
])
def test_one_and_form_left_alone(text) -> None:
    assert found(text, "words.letter-slip") == []


@pytest.mark.parametrize("text", [
    "It was strange to have it be said aloud at last.",
    "She was happy letting it be another mystery.",
    "Watching it be torn down hurt more than he thought.",
])
def test_be_after_a_verb_of_letting_or_having_left_alone(text) -> None:
    assert found(text, "words.missing-modal") == []


def test_it_be_without_a_modal_still_found() -> None:
    assert found('"Maybe it be safer if we rowed back," Mara said.', "words.missing-modal") == [
        ("it be", "it'd be")]


@pytest.mark.parametrize("text", [
    "Tells you you can fix it, and then it takes everything.",
    "He told you you were wrong.",
])
def test_an_object_then_a_subject_is_no_doubled_word(text) -> None:
    assert found(text, "words.doubled") == []


def test_a_doubled_word_still_found() -> None:
    assert found("He walked to to the door.", "words.doubled") == [(" to", "")]


@pytest.mark.parametrize("text", [
    PAST + "...Okay, well, Tobin has far too much pride for that.",
    PAST + "Neptune knows what she'd say to that.",
    PAST + "They spent the morning sizing up the rival Seaward captains.",
    PAST + "She saw them as friends, but better they have some warning of what was coming.",
    PAST + "Surely this would be how Ilyas gets his way.",
    # a sentence wholly in the present: a thought without italics, a general truth
    PAST + "No, he means only half the work is done.",
    PAST + "At least he holds less of a grudge than the captain.",
    PAST + "They have no idea what comes next, and even if they knew, they would fear it.",
    PAST + "They reset. The wind rose again.",
    PAST + "The elders listened. Debate is sacred. Then the eldest spoke.",
    PAST + "He shrugged. The way thieves work is, they get you to trust them. He laughed.",
    # a passage told in the present: a general truth, a summary
    PAST + "Men fear the dark above all else. They fear the unknown. They have no idea what "
    "comes after. The captain laughed.",
    # the tense is the auxiliary's; a subjunctive the parse hangs elsewhere
    PAST + "Tobin did not, in fact, think this, and he said so.",
    PAST + "She had to fight the wish to propose they rename the boat.",
])
def test_presents_that_are_no_slip_left_alone(text) -> None:
    assert found(text, "tense.present-in-past") == []


@pytest.mark.parametrize(("text", "expected"), [
    (PAST + "Every time Tobin thinks she can't get any better, she surprised him.",
     [("thinks", None)]),
    (PAST + "He pinned him to the wall, and then he kisses him hard.", [("kisses", None)]),
    # a lone present sentence between past ones
    (PAST + "He pinned him to the wall. He kisses him hard. Then he stepped back.",
     [("kisses", None)]),
    (PAST + "You opened the door. She stands in the hall. You stepped back.", [("stands", None)]),
    # "could" of past ability is no frame of supposing
    (PAST + "He shrugged. Mara could be touchy about all the praise Tobin gets. He "
     "laughed.", [("gets", None)]),
])
def test_a_present_slip_in_past_narration_still_found(text, expected) -> None:
    assert found(text, "tense.present-in-past") == expected


def test_present_tense_narration_is_no_slip() -> None:
    text = ("Mara walks along the pier. She counts the boats. Tobin waits by the gate. He "
            "holds a lantern. The wind picks up. She pulls her coat tight. The tide comes in. "
            "They talk about the fish. Nobody else comes. It grows cold. You watch them go. "
            "He kisses him hard.")
    assert found(text, "tense.present-in-past") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The bag tore as it raised from the ground.", [("raised", "rose")]),
    ("He raised to his feet and left.", [("raised", "rose")]),
    ("The sun raised over the hills.", [("raised", "rose")]),
    ('"It raises up from the sea every spring," she said.', [("raises", "rises")]),
])
def test_raise_with_no_object(text, expected) -> None:
    assert found(text, "confusables.rise-raise") == expected


@pytest.mark.parametrize("text", [
    "She raised up her hand.",
    "He raised his glass to the bride.",
    "She was raised by wolves.",
    "Her eyebrows raised in surprise.",
    "He raised up his voice to the crowd.",
    "You raised the sail and he raised the anchor.",
])
def test_raise_with_an_object_left_alone(text) -> None:
    assert found(text, "confusables.rise-raise") == []


@pytest.mark.parametrize("rule", ["tense.person-slip", "pov.switch-mid-scene"])
def test_craft_rules_run_only_when_selected(rule) -> None:
    from ficlens.check import RULES
    assert RULES[rule].default is False


@pytest.mark.parametrize(("text", "expected"), [
    ("She found an unidentifiable liquid.", []),
    ("He was an uninvited guest.", []),
    ("It was a unicorn.", []),
    ("It was an unicorn.", [("an", "a")]),
    ("She was a uninvited guest.", [("a", "an")]),
])
def test_articles_before_un_words(text, expected) -> None:
    assert found(text, "words.article") == expected


@pytest.mark.parametrize("text", [
    '"He he he," Mara laughed.',
    '"No no no, not that one," he said.',
])
def test_a_word_three_times_is_no_doubled_word(text) -> None:
    assert found(text, "words.doubled") == []


@pytest.mark.parametrize("text", [
    "Whatever it was drew his eye to the boy.",
    '"I\'m delicate, I\'ll have you know," she said.',
    "The aged being took in Tobin with a glare.",
])
def test_verb_forms_that_are_right_left_alone(text) -> None:
    assert found(text, "confusables.verb-form") == []


def test_a_verb_that_looks_like_a_possessive_pair_left_alone() -> None:
    text = "When Tobin is given a task, he shoulders it fully."
    assert found(text, "pronouns.possessive") == []


def test_a_pair_that_is_the_subject_of_its_clause_left_alone() -> None:
    text = "She had been thinking about what she and Tobin had been doing of late."
    assert found(text, "confusables.object-pronoun") == []
    assert found("He smiled at she and Tobin.", "confusables.object-pronoun") == [("she", "her")]


def test_the_best_laid_is_no_lie_lay_slip() -> None:
    assert found("Even the best laid of the nets tore in the storm.", "confusables.lie-lay") == []
    assert found("It was a feast, a treat laid right out for her.", "confusables.lie-lay") == []
    assert found("Mara and Tobin laid on the deck.", "confusables.lie-lay") == [("laid", "lay")]


@pytest.mark.parametrize(("text", "expected"), [
    ("They're house was on the hill.", [("They're", "Their")]),
    ("They're parents are waiting outside.", [("They're", "Their")]),
    ('"I know you\'re brother knows," Mara said.', [("you're", "your")]),
])
def test_theyre_before_a_noun_and_its_verb(text, expected) -> None:
    assert found(text, "confusables.their-subject") == expected


@pytest.mark.parametrize("text", [
    "They're friends, and they're waiting outside.",
    "You're welcome to stay.",
    "They're twins born in winter.",
    "You're lucky he came back.",
    '"You\'re the best," he said.',
])
def test_theyre_before_other_words_left_alone(text) -> None:
    assert found(text, "confusables.their-subject") == []
