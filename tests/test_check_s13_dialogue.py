"""Dialogue rules of the thirteenth session's check work (issue 23), on invented sentences."""

from __future__ import annotations

import pytest
from check_findings import found

from ficlens.check import run_checks
from ficlens.document import Work
from ficlens.pipeline import analyze


@pytest.mark.parametrize(("text", "expected"), [
    # a whole line of speech keeps its ? or ! inside, whatever follows
    ('Mara shut the gate.\n\n"Where are you rowing"? Tobin asked.\n', [('"?', '?"')]),
    ('Mara shut the gate.\n\n"Run"! Tobin shouted.\n', [('"!', '!"')]),
    ('Tobin shrugged. "Are you sure"?\n', [('"?', '?"')]),
    # a quoted word inside a question may keep the mark outside
    ('Did Mara call the boat "home"? Nobody knew.\n', []),
    # a full stop or a comma outside is left to the tag rule (logical punctuation)
    ('Mara shut the gate.\n\n"We leave at noon".\n', []),
    # an ellipsis after the closing mark trails off: no mark to move
    ('Mara shut the gate.\n\n"Wait"... Tobin began.\n', []),
])
def test_a_question_or_exclamation_after_a_whole_line_belongs_inside(text, expected) -> None:
    assert found(text, "dialogue.punctuation-outside") == expected


def test_a_moved_mark_is_a_safe_fix() -> None:
    work = analyze(Work(text='Mara shut the gate.\n\n"Where are you rowing"? Tobin asked.\n'))
    finding, = run_checks(work, select=["dialogue.punctuation-outside"])
    assert finding.safe


def test_an_action_ending_its_paragraph_with_a_comma_before_a_line() -> None:
    story = 'Tobin stood by the rail.\n\nMara shrugged,\n\n"They never pay enough."\n'
    assert found(story, "dialogue.beat-before-line") == [(",", ".")]
    said = 'Tobin stood by the rail.\n\nThen Mara yelled,\n\n"Over here!"\n'
    assert found(said, "dialogue.beat-before-line") == []
    runs_on = ('Tobin stood by the rail when a sudden,\n\n"RUN!"\n\nshout rang out.\n')
    assert found(runs_on, "dialogue.beat-before-line") == []


CAST = "Wren and Tobin walked into the hall. Wren sat down and Tobin stood.\n\n"


@pytest.mark.parametrize(("text", "expected"), [
    ('"Wren stay here," Tobin said. "I will go."', [("n ", "n, ")]),
    ('"In fact, Tobin take the oars and row."', [("n ", "n, ")]),
    # a past that looks bare, a plural subject, a verb that agrees, a question without "does"
    ('"Wren put the cup down," Tobin said.', []),
    ('"Tobin and Wren stay," Tobin said.', []),
    ('"Wren always stays," Tobin said.', []),
    ('"Wren mean that?" Tobin asked.', []),
])
def test_a_name_before_a_command_is_addressed(text, expected) -> None:
    assert found(CAST + text, "punctuation.vocative") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Tobin swore the boat would sail in four days time.", [("days", "days'")]),
    ("After a few seconds pause, Mara nodded.", [("seconds", "seconds'")]),
    ("They had ten years experience between them.", [("years", "years'")]),
    # an adverb or adjective after the unit, a noun that is the next verb's subject
    ("Two days later the boat came.", []),
    ("She was six months pregnant.", []),
    ("After three days school resumed.", []),
])
def test_a_counted_unit_of_time_before_a_noun_is_a_possessive(text, expected) -> None:
    assert found(text, "punctuation.plural-possessive") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The old tree draped it's huge leaves over the water.", [("it's", "its")]),
    ("The bird spread it's wings, and flew.", [("it's", "its")]),
    # after a verb that takes a clause, "it's" may be "it is"
    ("Tobin looked in the box. I think it's ants.", []),
])
def test_its_before_a_plural_after_a_verb_is_the_possessive(text, expected) -> None:
    assert found(text, "confusables.its") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"Get up, your under arrest," Tobin said.', [("your", "you're")]),
    ('"Your not listening to me," Tobin said.', [("Your", "You're")]),
    ('Tobin came in.\n\n"I agree with what your saying."\n', [("your", "you're")]),
    # a possessive before its noun, or before a compound modifier
    ('"Put your oars in your boat," Tobin said.', []),
    ('"Take your over-the-top plan and go," Tobin said.', []),
    ('"I like your singing," Tobin said.', []),
])
def test_your_with_no_noun_after_it_is_you_are(text, expected) -> None:
    assert found(text, "confusables.youre") == expected


def test_a_full_stop_before_a_tag_that_opens_with_its_verb() -> None:
    story = 'Tobin stood by the rail.\n\n"We go now." said the elder.\n'
    assert [span for span, _ in found(story, "dialogue.period-before-tag")] == ['." said']


@pytest.mark.parametrize(("text", "expected"), [
    ("Tobin knew the captain would himself would be watching.", [(" would", "")]),
    # a new clause, or "had" of the past perfect before "had"
    ("If you would you could come.", []),
    ("Tobin had never had a real boat.", []),
])
def test_an_auxiliary_written_again_after_one_word(text, expected) -> None:
    assert found(text, "words.doubled") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Mara stopped to be consider the offer.", [("be consider", "consider")]),
    ("You must be careful.", []),
    ("It will be done by noon.", []),
    ("Let it be known.", []),
])
def test_be_before_a_plain_verb_is_a_stray(text, expected) -> None:
    assert found(text, "words.stray-be") == expected


def test_a_name_with_a_contracted_auxiliary_is_a_subject() -> None:
    story = CAST + '"Wren\'ll have to move the boat," Tobin said.'
    assert found(story, "punctuation.vocative") == []


@pytest.mark.parametrize(("text", "expected"), [
    # the first line ended its sentence: its tag or beat ends one too
    ('"Our journey?" said Tobin, "Where is the boat?"', [(', "Where', '. "Where')]),
    ('"Fine." Tobin shrugged, "We go at dawn."', [(', "We', '. "We')]),
    # a sentence of narration that names the next speaker brings in the next line
    ('"I have left." He raised his head and shouted, "I am free!"', []),
    # a line trailing off may go on
    ('"Wait..." Tobin said, "The boat is late."', []),
])
def test_a_tag_after_a_whole_line_ends_with_a_stop(text, expected) -> None:
    assert found(AROUND_LINE.format(text), "dialogue.split-line-case") == expected


AROUND_LINE = "Mara came in and sat down.\n\n{}\n\nThen they left."


@pytest.mark.parametrize(("text", "expected"), [
    ('"Well, heheh,this is my tree," Tobin said.', [(",", ", ")]),
    ("She shut the door.She left.", [(".", ". ")]),
    ('"What?she asked," Tobin said.', [("?", "? ")]),
    # numbers, initials and abbreviations, web addresses, an ellipsis
    ("It cost 1,000 coins in the U.S. and e.g. Paris.", []),
    ("Visit www.harbour.com,now.", []),
    ('"Wait...no," Tobin said.', []),
])
def test_a_mark_takes_a_space_before_the_next_word(text, expected) -> None:
    assert found(text, "punctuation.spacing") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"Well disperse your people," Tobin said.', [("l ", "l, ")]),
    ('"Okay let us go," Tobin said.', [("y ", "y, ")]),
    ('"Well done," Tobin said.', []),
    ('"Oh come on," Tobin said.', []),
])
def test_an_interjection_before_a_command_takes_a_comma(text, expected) -> None:
    assert found(text, "punctuation.interjection") == expected


def test_a_chat_line_is_typed_as_messages_are() -> None:
    story = "Tobin checked his phone.\n\nwren: ok,see you at the docks\n\nHe smiled."
    assert found(story, "punctuation.spacing") == []


def test_the_spacing_rule_runs_only_when_selected() -> None:
    from ficlens.check import RULES
    assert not RULES["punctuation.spacing"].default
    work = analyze(Work(text="She shut the door.She left."))
    assert not [f for f in run_checks(work) if f.rule == "punctuation.spacing"]


@pytest.mark.parametrize(("text", "expected"), [
    ('"Their going to the market," Mara said.', [("Their", "They're")]),
    ('"I left my bag over their," Mara said.', [("their", "there")]),
    # a possessive before its noun; "there's" lost its 's before "be"
    ('"Their boat is going to the market," Mara said.', []),
    ('"I left my bag with their cousin," Mara said.', []),
])
def test_their_that_cannot_own_anything(text, expected) -> None:
    assert found(text, "confusables.theyre") == expected
