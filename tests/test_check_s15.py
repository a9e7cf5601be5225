"""Checks added in the fifteenth session: marks outside the quotes before a tag that opens
with its verb, a tag run into the next line, beats after ? ! and a comma, a verb of saying
that ends its sentence before its line, a progressive action before a line, common nouns of
address, verbs joined by "and" in two tenses, "one" in compound modifiers, "awhile" and
"nevermind": invented sentences."""

from __future__ import annotations

import pytest
from check_findings import found


@pytest.mark.parametrize(("text", "expected"), [
    ('"The bridge will hold", said Wren. "Trust me."', [('",', ',"')]),
    ('"We leave at dawn", answered the captain.', [('",', ',"')]),
])
def test_a_comma_outside_the_quotes_before_an_inverted_tag(text, expected) -> None:
    assert found(text, "dialogue.punctuation-outside") == expected


@pytest.mark.parametrize("text", [
    '"Nothing will break," said Wren.',  # the comma is inside
    'She called it "home", and smiled.',  # a quoted word run on from narration
])
def test_a_comma_inside_or_after_a_quoted_word_is_left_alone(text) -> None:
    assert found(text, "dialogue.punctuation-outside") == []


@pytest.mark.parametrize(("text", "mark"), [
    ('"Who knows?", asked Kell.', ","),
    ('"Run!", she shouted at the boy.', ","),
])
def test_a_comma_after_a_question_or_exclamation_outside_the_quotes(text, mark) -> None:
    assert found(text, "dialogue.doubled-mark") == [(mark, "")]


def test_a_tag_that_ends_the_line_before_it_takes_a_full_stop() -> None:
    text = '"Enough." Mara said, folding the map away, "We leave tonight."'
    assert (', "We', '. "We') in found(text, "dialogue.split-line-case")


def test_a_tag_before_a_line_opening_with_i_is_left_alone() -> None:
    text = '"Enough." Mara said, "I will not ask again."'
    assert found(text, "dialogue.split-line-case") == []


@pytest.mark.parametrize(("text", "word"), [
    ('"Wait!" he suddenly grabbed her wrist.', "he"),
    ('"Who knows?" it had no answer, and the ferry drifted on.', "it"),
])
def test_an_action_after_a_question_or_exclamation_starts_a_sentence(text, word) -> None:
    assert found(text, "dialogue.beat-as-tag") == [(word, word.capitalize())]


@pytest.mark.parametrize("text", [
    '"Well then, what is it?" he sputtered.',  # no object: a verb some writers speak by
    '"Wait!" she pressed, stepping closer.',
    '"Yes?" he greeted the old guard.',  # the one spoken to
    '"Really?" she smiled.',  # a gesture many writers use as a tag
])
def test_verbs_used_as_tags_after_a_mark_are_left_alone(text) -> None:
    assert found(text, "dialogue.beat-as-tag") == []


def test_a_verb_of_saying_ending_its_sentence_before_its_line() -> None:
    text = 'The wind rose over the river. Then the ferryman said. "Mind the rope."'
    assert found(text, "dialogue.tag-comma") == [(".", ",")]


@pytest.mark.parametrize("text", [
    '"Fine," he added. "Go on."',  # the tag of the line before it
    'After a pause, "Oh," the pilot said. "Soon."',  # a line inside the tag's sentence
    'He said nothing. "Go."',  # the verb has its object
])
def test_a_tag_of_an_earlier_line_keeps_its_full_stop(text) -> None:
    assert found(text, "dialogue.tag-comma") == []


def test_a_progressive_action_closing_its_paragraph_before_a_line() -> None:
    text = 'The old man was sweeping the porch,\n\n"Fresh loaves at noon."'
    assert found(text, "dialogue.beat-before-line") == [(",", ".")]


@pytest.mark.parametrize(("text", "flagged"), [
    ('"Same time tomorrow folks!" said the teacher.', "w "),
    ('"Good job kiddo," Orla said.', "b "),
    ('"See you tomorrow buddy," he said.', "w "),
])
def test_a_noun_of_address_closing_a_line_is_set_off(text, flagged) -> None:
    assert [f for f, _ in found(text, "punctuation.vocative")] == [flagged]


@pytest.mark.parametrize("text", [
    '"I love you guys," she said.',  # "you guys": the pronoun
    '"Pass the honey," he said.',  # the object
    '"He is my mate," she said.',
])
def test_a_noun_of_address_inside_its_clause_is_left_alone(text) -> None:
    assert found(text, "punctuation.vocative") == []


PRESENT_SCENE = ("Mara walks into the kitchen. The kettle hums on the stove. She pours a cup of "
                 "tea and sits at the table. Outside, the rain falls. She watches the sky for a "
                 "while. Her brother comes in. He drops his bag. She thinks about the harvest. ")
PAST_SCENE = ("Tobin walked into the hall. The fire burned low. The clock ticked. He sighed. "
              "Snow fell outside. He stepped out. The wind stung his face. He pulled his coat "
              "tight. He waited. ")


def test_a_past_verb_joined_to_a_present_one_in_a_present_scene() -> None:
    text = PRESENT_SCENE + "He smiles at her and turned away."
    assert found(text, "grammar.coordinated-verb") == [("turned", "turns")]


def test_the_verb_out_of_the_scenes_tense_is_the_one_flagged() -> None:
    text = PAST_SCENE + "He crossed the yard and opens the gate."
    assert found(text, "grammar.coordinated-verb") == [("opens", "opened")]


@pytest.mark.parametrize("text", [
    PRESENT_SCENE + "He looks frightened and tired.",  # participles used as adjectives
    PRESENT_SCENE + "The cure needs steady hands and measured doses.",
    PRESENT_SCENE + "They put the kettle on and start the fire.",  # "put": either tense
])
def test_participles_and_lookalike_pasts_are_left_alone(text) -> None:
    assert found(text, "grammar.coordinated-verb") == []


def test_a_progressive_clause_ending_on_another_verb_is_left_alone() -> None:
    text = ('The ferryman is halfway up the bank when he pauses and calls back,\n\n'
            '"I nearly forgot the keys."')
    assert found(text, "dialogue.beat-before-line") == []


def test_a_noun_of_address_after_a_possessive_is_the_clauses_noun() -> None:
    text = '"I will be home soon with my very strong vampire mate," she said.'
    assert found(text, "punctuation.vocative") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("I watched you dodge your one night stand.", [("one night", "one-night")]),
    ("Theirs was a one way voyage for the crew.", [("one way", "one-way")]),
])
def test_one_and_a_unit_of_time_before_a_noun_is_a_compound_modifier(text, expected) -> None:
    assert found(text, "compounds.modifier") == expected


@pytest.mark.parametrize("text", [
    "Tobin waits and waits, but one day luck will turn for him.",  # an adverbial
    "The one thing Orla asked for was quiet.",  # "one" as a pronoun
])
def test_one_as_an_adverbial_or_a_pronoun_is_left_alone(text) -> None:
    assert found(text, "compounds.modifier") == []


def test_a_closed_compound_counted_by_a_number_is_still_flagged() -> None:
    assert found("A door stood between two book cases.", "compounds.closed") \
        == [("book cases", "bookcases")]


@pytest.mark.parametrize(("text", "expected"), [
    ('"Hurry up," there was no bread left in the tin.', [(',"', '." There')]),
    ('"I suppose," her voice was thin and dry.', [(',"', '." Her')]),
    ('"Not again," his uncle folded the map away.', [(',"', '." His')]),
    ('"No," he pushed the plate across the table.', [(',"', '." He')]),
])
def test_a_clause_that_cannot_be_a_tag_after_a_comma_starts_a_sentence(text, expected) -> None:
    assert [(flagged[:2], fix) for flagged, fix in found(text, "dialogue.beat-as-tag")] \
        == expected


@pytest.mark.parametrize("text", [
    '"Fine," his brother said.',  # a tag
    '"Fine," Tobin muttered into his collar.',
    '"It is nothing," Orla was careful to assure the boy.',  # a verb of saying further on
    '"Off you both go," Orla shooed them.',  # a person as the only object
    '"Later," he promised her.',
])
def test_tags_and_ways_of_speaking_after_a_comma_are_left_alone(text) -> None:
    assert found(text, "dialogue.beat-as-tag") == []


def test_a_named_speaker_acting_on_a_thing_after_a_comma_is_a_beat() -> None:
    text = '"Not now," Tova shook her head, "the tide is turning."'
    assert found(text, "dialogue.beat-as-tag") == [('," Tova', '." Tova')]


def test_a_named_speaker_with_a_verb_of_saying_is_a_tag() -> None:
    assert found('"Not now," Tova told the guard.', "dialogue.beat-as-tag") == []


def test_a_verb_of_saying_and_its_adverb_before_a_line_take_a_comma() -> None:
    text = 'She paused, and said softly "Come in, the door is open."'
    assert found(text, "dialogue.tag-comma") == [("softly ", "softly, ")]


@pytest.mark.parametrize(("text", "expected"), [
    ("After awhile the rain stopped.", [("awhile", "a while")]),
    ("Once in awhile he smiled at her.", [("awhile", "a while")]),
    ("It took quite awhile to find the key.", [("awhile", "a while")]),
    ("Nevermind what they said about her.", [("Nevermind", "Never mind")]),
])
def test_awhile_after_a_preposition_and_nevermind_as_a_verb_are_two_words(text, expected) -> None:
    assert found(text, "compounds.open") == expected


@pytest.mark.parametrize("text", [
    "She rested awhile by the river.",  # the adverb
    "Pay it no nevermind.",  # the dialect noun
])
def test_awhile_as_an_adverb_and_the_noun_nevermind_are_left_alone(text) -> None:
    assert found(text, "compounds.open") == []


def test_low_opening_marks_closed_by_curly_ones_are_quotations() -> None:
    text = ('„We need help,“ I say, and stare at the door.\n\n'
            'It opens.\n\n„Not tonight.“\n')
    assert found(text, "dialogue.missing-close") == []


def test_a_low_opening_mark_never_closed_is_flagged() -> None:
    assert len(found("„We need help, I say.\n\nIt opens.\n", "dialogue.missing-close")) == 1


def test_dialogue_mechanics_apply_to_low_opening_marks() -> None:
    assert found("„Fine,“ She said.", "dialogue.capitalised-tag") == [("She", "she")]


def test_opening_marks_used_to_close_are_flagged_each_with_its_fix() -> None:
    text = "“ Who is there? “\n\nNobody answered.\n\n“ I said, who is there? “ he called.\n"
    assert found(text, "punctuation.quotation-marks") == [("“", "”"), ("“", "”")]
    assert found(text, "dialogue.missing-close") == []


def test_a_list_of_quoted_titles_lacks_no_full_stops() -> None:
    text = ("She read the spines one by one.\n\n‘The Birds and the Boggarts’\n\n"
            "‘Adventures of a Floo Cleaner’\n\nShe took the second.\n\n\"I know\"\n\nHe left.\n")
    assert found(text, "dialogue.missing-stop") == [('w"', 'w."')]


def test_bare_lines_in_the_storys_own_marks_still_lack_their_stops() -> None:
    text = ("They met at the gate.\n\n“Odd name”\n\n“My parents chose it”\n\n"
            "She laughed at that.\n")
    assert len(found(text, "dialogue.missing-stop")) == 2


@pytest.mark.parametrize("text", [
    "The old cat made it's way home through the snow.",
    "The river wound it's way down to the sea.",
])
def test_its_way_after_a_verb_and_before_a_direction_is_the_possessive(text) -> None:
    assert found(text, "confusables.its") == [("it's", "its")]


@pytest.mark.parametrize("text", [
    "I think it's way past midnight already.",  # "way" an adverb of degree
    "She knew it's way too late to call.",
])
def test_its_way_as_an_adverb_of_degree_is_left_alone(text) -> None:
    assert found(text, "confusables.its") == []


@pytest.mark.parametrize(("text", "right"), [
    ("It was an anti-climatic end to the duel.", "anticlimactic"),
    ("The wait was nerve-wrecking for all of them.", "nerve-racking"),
    ("Everyone said Wren was a shoe-in for captain.", "shoo-in"),
])
def test_more_eggcorns_are_fixed_phrases(text, right) -> None:
    assert [fix for _, fix in found(text, "confusables.phrase")] == [right]


def test_a_quoted_phrase_inside_narration_is_no_line_before_an_action() -> None:
    text = 'Because guests came from the "Old Quarter," it gave the inn a steady trade.'
    assert found(text, "dialogue.beat-as-tag") == []
