"""Session 6 rules for issue 23 (spelling, agreement, wrong words, compounds, missing and
doubled words) on small invented stories: each flags its slip and leaves the correct or
deliberate form alone."""

from __future__ import annotations

import pytest
from check_findings import found

from ficlens.check import RULES
from ficlens.check.spelling import suggest

NEW_RULES = ("spelling.variety", "agreement.noun-subject", "confusables.object-pronoun",
             "confusables.fewer", "words.missing-modal", "confusables.his-him",
             "compounds.verb")


def test_every_new_rule_is_registered_with_a_description() -> None:
    for rule in NEW_RULES:
        assert RULES[rule].description and RULES[rule].severity in ("error", "warning")


# --- spelling ---------------------------------------------------------------------------

@pytest.mark.parametrize(("typo", "word"), [
    ("stomac", "stomach"),  # not "stoma" plus a letter
    ("lookng", "looking"),
    ("quickl", "quickly"),
    ("finaly", "finally"),  # a doubled letter written once
    ("tll", "tell"),  # writers rarely get the first letter wrong ("all")
    ("oaky", None),  # an ending that makes words: a coinage
    ("tealish", None),
])
def test_a_slip_is_no_coinage_unless_its_ending_makes_words(typo, word) -> None:
    suggestion = suggest(typo)
    assert (suggestion.word if suggestion else None) == word


def test_a_slip_in_a_short_line_of_dialogue_is_flagged() -> None:
    text = ('Wren put the kettle on and waited for the water to boil.\n\n"What hapoened here?"'
            "\n\nNobody answered her, so she poured the tea herself.")
    assert found(text, "spelling.word") == [("hapoened", "happened")]
    cut_off = ('"What is this abo—" Wren began, but the glim was already gone.\n\n'
               "Two more glims drifted over the water, and she watched them until dark.")
    assert found(cut_off, "spelling.word") == []


def test_a_slip_opening_a_sentence_is_flagged_but_not_a_name_or_a_spell() -> None:
    text = ("Wren came home late.\n\nBefroe she could open the door, the cat ran out into "
            "the yard and away over the wall.")
    assert found(text, "spelling.word") == [("Befroe", "Before")]
    spell = ('Wren lifted the wand. "Familius magicus," she said, and the drawer opened '
             "without a sound.\n\nVelmara watched her from the door, and said nothing.")
    assert found(spell, "spelling.word") == []


def test_a_repeated_slip_of_a_common_word_is_still_flagged() -> None:
    text = ("Wren wlaked home in the rain. Later she wlaked to the harbour, and the "
            "glimmerstone on the shelf glowed behind her. The glimmerstone was old.")
    assert found(text, "spelling.word") == [("wlaked", "walked"), ("wlaked", "walked")]


def test_a_half_of_a_hyphenated_compound_is_spelled() -> None:
    text = ("Wren felt self-concsious in the new coat, and she pulled at its sleeves all the "
            "way down the long hill to the harbour.")
    assert found(text, "spelling.word") == [("concsious", "conscious")]


def test_mixed_varieties_are_a_style_rule_run_only_when_selected() -> None:
    """Edited novels mix them too (three in one clean Conan Doyle novel): house style."""
    assert not RULES["spelling.variety"].default


def test_a_spelling_of_the_other_variety_of_english() -> None:
    british = ("Wren did her best to savour the colour of the sky, recognise the harbour and "
               "honour the old favour. The gray clouds travelled in from the sea.")
    assert found(british, "spelling.variety") == [("gray", "grey")]
    mixed = "The colour was gray, the color was grey, and the Grey Wardens rode out."
    assert found(mixed, "spelling.variety") == []


def test_have_fused_onto_a_contraction() -> None:
    text = "Wren knew she shouldn'tve gone down to the harbour alone that night."
    assert found(text, "spelling.contraction") == [("shouldn'tve", "shouldn't have")]


# --- agreement --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The sound of the bells seem to follow Wren all the way home.", [("seem", "seems")]),
    ("Wren knew that the box of old letters have been opened by someone.",
     [("have", "has")]),
    ("The sound of the bells seems to follow Wren all the way home.", []),
    ("The house and the barn have been empty since the war ended.", []),
    ("A lot of the letters have been opened by someone in the family.", []),
    ('"Come in," Wren said, her voice low and steady.', []),
    ("Wren insisted that the boy stay for supper with the others.", []),
])
def test_a_singular_noun_subject_with_a_plural_verb(text, expected) -> None:
    assert found(text, "agreement.noun-subject") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The boys was waiting by the gate when Wren came back.", [("was", "were")]),
    ("The stairs creaks under the weight of the old trunk.", [("creaks", "creak")]),
    ('"The letters in that box was never sent," Wren said.', [("was", "were")]),
    ('"The boys was here," Wren said, in the old way of the valley.', []),
    ("The news is bad, and ten hours was long enough to wait for it.", []),
    ("The stories Wren tells are old, and the pages her aunt has kept are older.", []),
])
def test_a_plural_noun_subject_with_a_singular_verb(text, expected) -> None:
    assert found(text, "agreement.noun-subject") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("There was two men at the door when Wren came back.", [("was", "were")]),
    ("The box of letters were on the table by the window.", [("were", "was")]),
    ("It was as if the house were empty, and Wren wished the day were over.", []),
    ("A little flock of them were resting on the roof.", []),
    ('"There\'s two of them," Wren said.', []),
])
def test_there_is_and_were_with_the_other_number(text, expected) -> None:
    assert found(text, "agreement.noun-subject") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Each of the boys have a key to the house.", [("have", "has")]),
    ("One of the girls are waiting by the gate.", [("are", "is")]),
    ("Wren is one of the girls who are waiting by the gate.", []),
])
def test_each_of_and_one_of_take_a_singular_verb(text, expected) -> None:
    assert found(text, "agreement.noun-subject") == expected


def test_an_irregular_past_is_no_plain_form() -> None:
    text = ('"Get out," he spat, then kicked the crate across the yard.')
    assert found(text, "agreement.subject-verb") == []
    assert found(text, "tense.present-in-past") == []


# --- wrong words ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("There was a long silence between Wren and I after that night.", [("I", "me")]),
    ("She kept the secret for you and I, and never told the others.", [("I", "me")]),
    ("She sat with Wren and I went to fetch the tea from the kitchen.", []),
    ("Between the two of us, Wren and I had seen enough of the sea.", []),
])
def test_i_as_the_object_of_a_preposition(text, expected) -> None:
    assert found(text, "confusables.object-pronoun") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Less people came to the harbour than Wren had hoped.", [("Less", "Fewer")]),
    ("There were less boats in the water every year.", [("less", "fewer")]),
    ("There was less water in the well than last summer.", []),
    ("It was more or less people like Wren who kept the town going.", []),
])
def test_less_before_a_count_noun(text, expected) -> None:
    assert found(text, "confusables.fewer") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Tobin kept holding his firmly until the rain stopped.", [("his", "him")]),
    ("The choice was his, and Wren knew it.", []),
    ("Wren and Ash shared his, facing the window.", []),
    ("Wren pressed his still bloodied palm to the stone.", []),
])
def test_his_for_him(text, expected) -> None:
    assert found(text, "confusables.his-him") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Wren gave the others a sneak peak of the map.", [("sneak peak", "sneak peek")]),
    ("He was busy with something or another all day.",
     [("something or another", "something or other")]),
    ("Wren waited with bated breath for the letter.", []),
])
def test_more_phrase_slips(text, expected) -> None:
    assert found(text, "confusables.phrase") == expected


def test_a_causative_get_takes_the_participle() -> None:
    text = "Wren spent the morning at the tailor's, getting her coat shrunk to fit."
    assert found(text, "confusables.participle-as-past") == []


# --- missing words --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ('"Maybe it be wiser if we go before dark," Wren said.', [("it be", "it'd be")]),
    ('"Whether it be rain or snow, we walk," Wren said.', []),
    ('"Let it be," Wren said. "Wouldn\'t it be nice to rest?"', []),
    ("Wren asked that it be done by noon, and it was.", []),
])
def test_a_subject_and_be_without_a_modal(text, expected) -> None:
    assert found(text, "words.missing-modal") == expected


# --- compounds --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("It was a life changing moment for all of them.", [("life changing", "life-changing")]),
    ("Wren met a well known author at the harbour.", [("well known", "well-known")]),
    ("Wren saw a boy eating lunch on the steps.", []),
    ("Wren was a highly respected woman, and the author was well known.", []),
])
def test_a_compound_modifier_the_parse_shows(text, expected) -> None:
    assert found(text, "compounds.modifier") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Wren was double checking the locks before bed.",
     [("double checking", "double-checking")]),
    ("Wren learned not to second guess the old map.", [("second guess", "second-guess")]),
    ("It was a double check of the list, and her second guess was right.", []),
])
def test_a_compound_verb_written_open(text, expected) -> None:
    assert found(text, "compounds.verb") == expected


def test_more_closed_compounds_written_open() -> None:
    text = ("Wren rubbed her fore head and looked through out the house for her back pack, "
            "which she had packed the night before.")
    assert found(text, "compounds.split") == [("fore head", "forehead"),
                                              ("through out", "throughout"),
                                              ("back pack", "backpack")]
