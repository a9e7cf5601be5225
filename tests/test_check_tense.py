"""tense.present-in-past on present auxiliaries (issue 23, session 12), on invented sentences:
a present perfect, progressive or "does" in a clause of past narration is a slip; dialogue,
thought, questions, first person, a plain form after a modal and present-tense stories are
left alone."""

from __future__ import annotations

import pytest
from check_findings import found

RULE = "tense.present-in-past"
PAST = ("The harbour was still that night. Mara walked along the pier and counted the boats. "
        "She liked the smell of tar. The gulls slept on the posts. Tobin waited by the gate. "
        "He held a lantern. The wind picked up. She pulled her coat tight. The tide came in "
        "slowly. They talked about the fish. Nobody else came. It grew cold.\n\n")
PRESENT = ("The harbour is still tonight. Mara walks along the pier and counts the boats. "
           "She likes the smell of tar. The gulls sleep on the posts. Tobin waits by the gate. "
           "He holds a lantern. The wind picks up. She pulls her coat tight. The tide comes in "
           "slowly. They talk about the fish. Nobody else comes. It grows cold.\n\n")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("She pretended she hasn't seen the letter.", [("has", "had")]),
    ("They acted as if they have never met.", [("have", "had")]),
    ("He knew that she doesn't like the cold.", [("does", "did")]),
    ("Tobin said that they are leaving at dawn.", [("are", "were")]),
    # under a past modal, and under "would": the narration's past all the same
    ("Perhaps he could pretend he hasn't heard it for a day.", [("has", "had")]),
    ("It would not be the first night Tobin has slept on the pier.", [("has", "had")]),
    # a contracted "has": the parse reads it as "has" or as "is"
    ("He knew the dream. He's had it twice, and he had woken in a sweat.", [("'s", "'d")]),
    # the parse cut the sentence in two before "she"
    ("She woke in whoever's bed she's fallen into the night before.", [("'s", None)]),
    # a simple present under a past modal
    ("Perhaps he could pretend he knows nothing about it.", [("knows", None)]),
])
def test_a_present_auxiliary_in_past_narration(sentence, expected) -> None:
    assert found(PAST + sentence, RULE) == expected


@pytest.mark.parametrize("sentence", [
    '"She has left," Tobin said.',  # dialogue
    "I knew she has gone.",  # a first-person voice
    "She wondered if he has eaten.",  # a thought
    "Has he eaten yet?",  # a question
    "*She has seen it,* Mara thought.",  # a thought in italics
    "They might as well have stayed home.",  # a plain form after a modal
    "It was the worst storm the town has ever seen.",  # a narrator's comment, no character
    "She would have gone if he had asked.",  # no present at all
    # a chain another rule marks as malformed: its tense is no clear fix
    "But lately Tobin has been seemed to drift away.",
    # a name's possessive before an -ing word, not "is"
    "Then Harry’s panicking brain noticed that there was a door he’d been ignoring.",
    # "need" as a modal: a plain form after "she" is no present tense
    "Tobin nodded; he told Mara she need not come back at all.",
    # a line given without quotation marks, with its tag
    "She’s never lied once, said a small voice. Just keep walking.",
])
def test_present_auxiliaries_left_alone(sentence) -> None:
    assert found(PAST + sentence, RULE) == []


def test_a_present_tense_story_keeps_its_auxiliaries() -> None:
    text = PRESENT + "Mara knows he has gone. She pretends she doesn't care."
    assert found(text, RULE) == []
