"""Issue 23, session 13: guards found by a precision audit on fresh fan fiction (a question
after a statement split by its tag, a tag ending in a full stop before a line going on, a name
the tagger missed, a narration clause joined by "and", a lone condition after a tag, a
subordinate clause before a line, a British past in -t, an ellipsis written as one character
and a dot), each with what the rules must still flag. All sentences are invented."""

from __future__ import annotations

import pytest
from check_findings import found

AROUND = "Mara came in and sat down.\n\n{}\n\nThen they left."


@pytest.mark.parametrize(("text", "expected"), [
    # a question after a whole statement starts a sentence of its own: its capital stays,
    # and the comma after the tag is the slip
    ('"I only just came off the ferry," Wren smiled, "How was it?"', [(', "How', '. "How')]),
    ('"I only just came off the ferry," Wren smiled, "How was the long festival?"',
     [(', "How', '. "How')]),
    ('"Not one of them," she giggled, "Can you believe it?"', [(', "Can', '. "Can')]),
    # ... but a lead-in ending with a name, or a conjunction, goes on with the question
    ('"Honestly, Tobin," Wren sighed, "Why would you try that?"', [(', "Why', ', "why')]),
    ('"Tea with the captain, then," Wren said, "Or something stronger?"', [(', "Or', ', "or')]),
    # a condition before the tag: the question is its main clause
    ('"If I may ask about the boat for a minute," she said, "How did you get it?"',
     [(', "How', ', "how')]),
])
def test_a_question_after_a_statement_keeps_its_capital(text, expected) -> None:
    assert found(AROUND.format(text), "dialogue.split-line-case") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a name the dictionary does not know is no word to lower-case
    ('"She was dancing on the pier," Wren tilted her head, "Quillmoor boys."', []),
    # a contraction is no name: the line still goes on in lower case
    ('"Oh, Tobin," Mara hugged him, "You\'re home at last."', [(', "You\'re', ', "you\'re')]),
])
def test_a_name_after_a_tag_keeps_its_capital(text, expected) -> None:
    assert found(AROUND.format(text), "dialogue.split-line-case") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the tag has a verb of saying and the first part ends with a comma: the slip is the
    # tag's full stop, not the lower case after it
    ('"It was a mistake. And anyway," Wren replied to the captain. "it was not my rope."', []),
    # after an action, a lower-case line still takes its capital
    ('"You always say that," Mara smirked. "but not this time."', [("but", "But")]),
])
def test_lower_case_after_a_tag_with_a_full_stop(text, expected) -> None:
    assert found(AROUND.format(text), "dialogue.split-line-case") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # narration joined to the first part by "and" brings in a new line: no slip after it
    ('"The boats will be safe in the harbour with them," and in a low voice he went on, '
     '"And if the storm comes back, I will stay."', []),
    # a lone condition after the tag goes on with the first part's sentence
    ('"The rope will certainly hold the whole weight of the cart, Tobin... That is," he '
     'said, turning to the river, "If you tie it to the oak by the gate."',
     [(', "If', ', "if')]),
    # two whole sentences split by a tag with a comma: the full stop is still asked for
    ('"Mara is staying with her aunt now," Wren said, "I rowed over to see her once I had '
     'returned from the coast."', [(', "I', '. "I')]),
])
def test_narration_joined_by_and_and_a_lone_condition(text, expected) -> None:
    assert found(AROUND.format(text), "dialogue.split-line-case") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a clause made subordinate by "when", with no main clause: no beat to end
    ('"Or what? It will flood?" Then, when the captain\'s frown grows colder, "Fine. We '
     'will go back."', []),
    # a beat with a subordinate clause in it is still a beat
    ('Wren frowned as she studied the chart, "We are lost."', [(",", ".")]),
])
def test_a_subordinate_clause_before_a_line_is_no_beat(text, expected) -> None:
    assert found(AROUND.format(text), "dialogue.beat-before-line") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She leant against the rail and dreamt of the sea.", []),
    ("She laent against the rail.", [("laent", "leant")]),
])
def test_a_british_past_in_t_is_a_spelling(text, expected) -> None:
    found_words = [word for word, _ in found(AROUND.format(text), "spelling.word")]
    assert found_words == [word for word, _ in expected]


@pytest.mark.parametrize(("text", "expected"), [
    # an ellipsis written as one character and a dot trails on, as four dots do
    ("Mara shrugged. \u201cWell\u2026. maybe tomorrow then.\u201d She left. He stayed. "
     "They waited. It rained. The boat came. Nobody spoke.", []),
    # a full stop before a lower-case word still asks for a capital
    ("Mara shrugged. she left the room. He stayed. They waited. It rained. The boat came.",
     [("she", "She")]),
])
def test_an_ellipsis_and_a_dot_trail_on(text, expected) -> None:
    assert found(text, "capitalisation.sentence-start") == expected


TERRY = ("Terry ran to the door. Terry looked back. Terry said nothing. Terry was tired. "
         "Terry sat down. Terry slept.\n\n{}\n\nTerry woke.")


@pytest.mark.parametrize(("text", "expected"), [
    # a word the parse takes for a verb opening its sentence is no spelling of the name
    ('"Tarry, Tobin. Tarry a while!" Mara called.', []),
    # a name written once another way is still flagged
    ("Later Tarry slept.", [("Tarry", "Terry")]),
])
def test_a_word_beside_a_name_is_no_misspelling(text, expected) -> None:
    assert found(TERRY.format(text), "names.spelling") == expected


GEORGE = ("George ran to the door. George looked back. George said nothing. George was tired. "
          "George sat down. George slept.\n\n{}\n\nGeorge woke.")


@pytest.mark.parametrize(("text", "expected"), [
    # a familiar form of the name is no misspelling of it
    ('"Come on, Georgie," Mara said.', []),
    # a letter doubled inside the name still is
    ("Later Geoorge slept.", [("Geoorge", "George")]),
])
def test_a_pet_name_is_no_misspelling(text, expected) -> None:
    assert found(GEORGE.format(text), "names.spelling") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a line finishing the one before, which trailed off, goes on in lower case
    ('Mara turned. "What did they do after the war..."\n\n"ran away to the coast," Wren said.',
     []),
    # a line after a whole sentence still opens with a capital
    ('Mara turned. "What did they do after the war?"\n\n"ran away to the coast," Wren said.',
     [("ran", "Ran")]),
])
def test_a_line_finishing_a_trailing_one(text, expected) -> None:
    assert found(AROUND.format(text), "dialogue.line-capital") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("You are lucky this time, She-Wolf.", []),
    ("She studied his face, He was not easy to read.", [("He", "he")]),
])
def test_a_hyphened_name_after_a_comma(text, expected) -> None:
    assert found(AROUND.format(text), "capitalisation.after-comma") == expected
