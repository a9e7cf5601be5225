"""Rules and fixes of the eighth session's check work on punctuation, dialogue and capitals
(issue 23), on invented sentences."""

from __future__ import annotations

import pytest
from check_findings import found


@pytest.mark.parametrize(("text", "expected"), [
    ('Mara opened the paper to a headline that read "Storm at the Harbour." She sat down.\n',
     []),
    ('Tobin turned the page to a chapter titled "Knots and Ropes." It was short.\n', []),
    ('Wren glanced from the cup to the kettle, before stammering, "It was only a game."\n', []),
    ('Wren shook her head, "No. Not tonight."\n', [(",", ".")]),
])
def test_a_quotation_as_object_or_after_a_verb_of_saying_is_no_beat(text, expected) -> None:
    assert found(text, "dialogue.beat-before-line") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She had read every page of *Ravenmoor, A History* twice over.", []),
    ("He bowed to Marlo, The Tide King, and waited.", []),
    ("She studied his face, He was not easy to read.", [("He", "he")]),
])
def test_a_title_after_a_comma_keeps_its_capital(text, expected) -> None:
    assert found(text, "capitalisation.after-comma") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('Wren called the old boat "home", Tobin said once. Nobody argued.\n', []),
    ('"I know", Tobin said. Nobody argued.\n', [('",', ',"')]),
])
def test_a_quoted_word_in_narration_may_keep_its_comma_outside(text, expected) -> None:
    assert found(text, "dialogue.punctuation-outside") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('Tobin met Wren at the gate.\n\n"I\'m sorry Wren lost the map," Tobin said.\n', []),
    ('Tobin met Wren at the gate.\n\n"You can keep calling me Wren," Tobin said.\n', []),
    ('Tobin met Wren at the gate.\n\n"Not young Tobin," Wren said. "Sit, young Tobin."\n', []),
    ('Tobin met Wren at the gate.\n\n"Thanks Wren," Tobin said.\n', [("s ", "s, ")]),
])
def test_a_name_that_is_a_subject_or_a_given_name_is_no_address(text, expected) -> None:
    assert found(text, "punctuation.vocative") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a letter quoted over several paragraphs, in emphasis, with straight marks
    ('Tobin unfolded the note and read it aloud.\n\n"*Dear Wren,*\n\n*The boat is ready. '
     'Come at dawn.*\n\n*Your friend, Mara."*\n\nWren folded it away.\n', []),
    # a curly opening mark closed by a straight one: a slip of kind, not an open quotation
    ('Tobin looked up. “Is the boat ready?" Wren nodded.\n\nThey left at dawn.\n', []),
    ('Tobin looked up. "Is the boat ready? Wren nodded.\n\nThey left at dawn.\n',
     [(".", None)]),
])
def test_a_quotation_over_paragraphs_or_with_mixed_marks_is_closed(text, expected) -> None:
    assert found(text, "dialogue.missing-close") == expected


def test_a_comma_outside_before_a_tag_the_tokens_run_into_the_next_line() -> None:
    text = ('"We know we are late", Tobin began—"Who is not?" Wren said—"and we are sorry."\n')
    assert found(text, "dialogue.punctuation-outside") == [('",', ',"')]


@pytest.mark.parametrize(("text", "expected"), [
    ('Tobin reached for the rope. "Wait-" she pulled at his sleeve.\n', [("she", "She")]),
    ('Tobin reached for the rope. "Wait…" he looked up at the mast.\n', [("he", "He")]),
    ('Tobin reached for the rope. "Wait-" she said.\n', []),
    ('Tobin reached for the rope. "I only meant…" she trailed off.\n', []),
])
def test_an_action_after_a_broken_off_line_starts_a_sentence(text, expected) -> None:
    assert found(text, "dialogue.beat-after-break") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Tobin had fixed the boat. Or, well he had tried to.", [("l ", "l, ")]),
    ("The show went badly. So, yeah not the best night for Wren.", [("h ", "h, ")]),
    ('Tobin looked at the sky. "Sure is a fine day," Wren said.\n', []),
    ("Tobin knew the harbour, well enough to sail it at night.", []),
])
def test_an_interjection_inside_a_sentence_is_set_off(text, expected) -> None:
    assert found(text, "punctuation.interjection") == expected


@pytest.mark.parametrize("text", [
    'Wren turned over the case, which bore the initials "T. W." She set it down.\n',
    'Tobin had read and reread "The Long Harbour." It was his favourite.\n',
])
def test_a_quotation_named_by_the_noun_or_verb_before_it_is_no_beat(text) -> None:
    assert found(text, "dialogue.beat-before-line") == []


@pytest.mark.parametrize(("text", "expected"), [
    ('Tobin shrugged as his pulse went back down, "I just fix things."\n', [(",", ".")]),
    ('Tobin rolled his eyes and went, "Sure, sure."\n', []),
])
def test_go_is_a_verb_of_saying_only_right_before_the_line(text, expected) -> None:
    assert found(text, "dialogue.beat-before-line") == expected


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ('"The boat is ready." Tobin assured her.\n', "dialogue.period-before-tag",
     [('." Tobin', None)]),
    ('"Not yet." Wren interjected. "Wait."\n', "dialogue.period-before-tag", [('." Wren', None)]),
    ("Wren denied taking the boat out that night.", "punctuation.participle-after-tag", []),
])
def test_more_verbs_of_saying_make_a_tag(text, rule, expected) -> None:
    assert [flagged for flagged, _ in found(text, rule)] == [f for f, _ in expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Wren counted the good news.\n\n1. The boat was dry.\n\n2. Everyone came home.\n", []),
    ("Tobin sat up late writing his History of Magic essay for the morning.", []),
    ("They walked for hours until they reached World's Edge at dusk.", []),
    ("Tobin sat quietly for about 15 Seconds before he spoke.", [("Seconds", "seconds")]),
])
def test_a_capital_that_belongs_to_a_name_or_a_list_item_is_kept(text, expected) -> None:
    assert found(text, "capitalisation.common-noun") == expected


def test_a_verb_of_saying_with_a_particle_of_movement_is_an_action() -> None:
    text = ('Tobin waited by the gate.\n\n"You came back…" His head snapped up at the '
            'sound, and he ran.\n')
    assert found(text, "dialogue.capitalised-tag") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Wren stared at the water and thought, This is where it ends.", []),
    ("She studied his face, He was not easy to read.", [("He", "he")]),
])
def test_a_thought_given_without_quotation_marks_may_open_with_a_capital(text, expected):
    assert found(text, "capitalisation.after-comma") == expected
