"""Session 11, words: precision guards read from the audit corpus and recall mechanisms read
from the tuning parts' misses, each on small invented stories (a slip flagged, the story's
own names, terms and style left alone)."""

from __future__ import annotations

import pytest
from check_findings import found

from ficlens.check.spelling import suggest


@pytest.mark.parametrize(("text", "expected"), [
    ("Wren went with Drew to the harbour, and they sat on the wall until dark.", []),
    ("Tobin went there after the storm had passed, and stayed till morning.", []),
    ("She waited with held breath while the door creaked open slowly.", []),
    ("Tobin hurt him self on the ladder, and some how the bucket stayed up.",
     [("him self", "himself"), ("some how", "somehow")]),
])
def test_a_word_written_as_two_is_not_a_name_or_a_phrase(text, expected) -> None:
    assert found(text, "compounds.split") == expected


MAMA_STORY = (
    '"I can carry it, mama!" Nicu said, hauling the basket up the steps.\n\n'
    '"Careful with the eggs," Ilse said.\n\n'
    '"Look, mama! A frog!" He held it up, dripping.\n\n'
    '"Put him back, love."\n\n'
    '"Can we keep him, mama?" he asked, and she laughed and shook her head.'
)


def test_a_kin_word_the_story_always_writes_in_lower_case_is_its_style() -> None:
    assert found(MAMA_STORY, "capitalisation.kin-address") == []


def test_a_kin_word_written_both_ways_is_flagged_where_it_is_lower_case() -> None:
    text = MAMA_STORY + '\n\nLater that night Nicu asked Mama for one more story.'
    assert found(text, "capitalisation.kin-address") == [("mama", "Mama")] * 3


def test_a_kin_word_of_address_written_once_in_lower_case_is_still_flagged() -> None:
    text = '"Thanks, mum." Wren kissed her cheek and ran for the bus.'
    assert found(text, "capitalisation.kin-address") == [("mum", "Mum")]


@pytest.mark.parametrize(("word", "fix"), [
    ("disgracefull", "disgraceful"),  # one letter doubled, though "full" is a word
    ("squabling", "squabbling"),  # a doubled letter dropped from a rarer word
    ("sollemnity", "solemnity"),  # a letter added to a rarer word
])
def test_a_long_word_the_web_never_saw_is_a_slip_of_a_rarer_word(word, fix) -> None:
    assert suggest(word).word == fix


@pytest.mark.parametrize("word", [
    "glimmerstone",  # two words run together: a coinage of the story's world
    "quirklessness",  # a coinage on a stem that is no dictionary word
    "bint",  # a word the web knows, four letters, more than a swap from "bit"
])
def test_coinages_and_clipped_terms_are_left_alone(word) -> None:
    assert suggest(word) is None


def test_a_rare_slip_in_prose_is_flagged_and_a_fantasy_name_left_alone() -> None:
    text = ("Marquessa Vhaelin spat disgracefull words at the guard on the gate, and the "
            "gulls she had fed kept squabling over the bread while Vhaelin stepped out of "
            "the hearth and shook the soot from her long grey coat.")
    assert found(text, "spelling.word") == [("disgracefull", "disgraceful"),
                                            ("squabling", "squabbling")]


@pytest.mark.parametrize(("text", "expected"), [
    ("They took a two day trip to the coast in the spring.", [("two day", "two-day")]),
    ("Wren lived in a three story house by the canal.", [("three story", "three-story")]),
    ("Two house elves and two police officers waited at the gate.", []),
    ("He counted two hundred coins into the bag and left.", []),
    ("It was a twenty-two day voyage, and nobody complained.", []),
    ("She met him one night last spring, at the fair.", []),
])
def test_a_number_and_its_unit_before_a_singular_noun_take_a_hyphen(text, expected) -> None:
    assert found(text, "compounds.modifier") == expected


def test_half_way_is_a_british_spelling_not_a_slip() -> None:
    assert found("Wren stopped half-way up the stairs and listened.",
                 "compounds.closed-hyphen") == []
    assert found("The view from the tower was breath-taking.", "compounds.closed-hyphen") == [
        ("breath-taking", "breathtaking")]


def test_a_line_of_song_with_repeated_syllables_is_no_misspelling() -> None:
    text = ("Mirela sang as she swept the floor of the old mill by the river:\n\n"
            "Down by the la-la-la-rivver, down by the la-la-lowe,\n\n"
            "and the children clapped along with her until the bell rang for supper.")
    assert found(text, "spelling.word") == []


def test_two_names_one_letter_apart_in_one_sentence_are_two_people() -> None:
    text = ("Tamvi walked to the river. Tamvi was tired. Tamvi sat down. Tamvi slept. "
            "Tamvi woke at dawn, and the twins Tamvi and Tavmi went fishing together.")
    assert found(text, "names.spelling") == []


def test_a_name_misspelt_once_is_still_flagged() -> None:
    text = ("Orlanne smiled at the sea. Orlanne walked along the shore. Orlanne slept "
            "well that night. In the morning Orlane woke before the gulls.")
    assert found(text, "names.spelling") == [("Orlane", "Orlanne")]


def test_a_rank_the_story_capitalises_is_a_common_noun_after_a_determiner() -> None:
    text = ("Sivrash Kessa nodded. Sivrash Kessa left, and Sivrash Kessa returned at noon. "
            "The old sivrash smiled, and every sivrash in the keep stood up.")
    assert found(text, "capitalisation.name") == []
    assert found(text + " Then Kessa bowed to sivrash Kessa.", "capitalisation.name") == [
        ("sivrash", "Sivrash")]


@pytest.mark.parametrize(("text", "expected"), [
    ("After a long silence, He Wen rose from his seat and left the hall.", []),
    ("It was late, She knew it and went to bed.", [("She", "she")]),
])
def test_a_pronoun_after_a_comma_that_opens_a_name_is_left(text, expected) -> None:
    assert found(text, "capitalisation.after-comma") == expected


def test_an_inverted_tag_after_an_unquoted_line_stays_lower_case() -> None:
    text = ("Was the plan sound? inquired the small voice in her head. Wren ignored it. "
            "Really? asked the other voice.")
    assert found(text, "capitalisation.sentence-start") == []


@pytest.mark.parametrize("word", ["tehe", "vertebrae", "antennae"])
def test_rare_words_sounds_and_latin_plurals_are_no_slips(word) -> None:
    assert suggest(word) is None


def test_an_accent_in_speech_opening_a_sentence_is_left_alone() -> None:
    text = ('"Vhen the map is lost, we are lost," Brannoc said, and he folded his arms '
            'across his broad chest while the others looked at the sky.')
    assert found(text, "spelling.word") == []


def test_a_rare_fix_beside_an_unknown_word_is_a_spell() -> None:
    text = ("He raised the wand over the bowl and spoke the words of the old charm in a low "
            "steady voice that filled the room: \"Glacius vollition!\" The water turned to "
            "ice at once, and the candles on the table went out one by one.")
    assert found(text, "spelling.word") == []


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("Torvald came with his staff in hand, and Mira with her knife.",
     "compounds.hyphenated", []),
    ("She had never seen a one-man wrecking crew like it.", "compounds.modifier", []),
])
def test_pairs_that_are_no_compound(text, rule, expected) -> None:
    assert found(text, rule) == expected


def test_a_pronoun_and_verb_after_an_unquoted_question_are_its_tag() -> None:
    text = "Now? she mouthed back. Wren shrugged. It rained. then the bus came."
    assert found(text, "capitalisation.sentence-start") == [("then", "Then")]


def test_a_dropped_h_after_an_apostrophe_is_no_contraction() -> None:
    text = "\"She knocked 'im flat with the oar,\" Brannoc said. Im sure, Wren thought."
    assert found(text, "spelling.contraction") == [("Im", "I'm")]
    text = "“She knocked ‘im flat with the oar,” Brannoc said, and Wren laughed at him."
    assert found(text, "spelling.contraction") == []


def test_closed_compounds_follow_how_fan_fiction_writes_them() -> None:
    from ficlens.check import RULES

    assert RULES["compounds.closed"].default
    assert found("She brushed the tear drops from her cheek and stood.",
                 "compounds.closed") == [("tear drops", "teardrops")]
    assert found("Tobin left the class room without a word.", "compounds.closed") == [
        ("class room", "classroom")]
    # fan fiction writes these open about as often as joined: both spellings stand
    assert found("They met again at dinner time, as planned.", "compounds.closed") == []
    assert found("He took the ear plugs out and sat up.", "compounds.closed") == []


def test_a_noun_before_a_bare_infinitive_is_no_closed_compound() -> None:
    assert found("Mara felt her heart break when the letter came.", "compounds.closed") == []
    assert found("The heart break of that winter stayed with Mara for years.",
                 "compounds.closed") == [("heart break", "heartbreak")]


def test_the_compound_usage_table_says_where_it_comes_from() -> None:
    from ficlens.check.tables import COMPOUND_USAGE_FILE, compound_usage
    from ficlens.lexicon.words import resources

    header = " ".join(line for line in resources.files("ficlens.lexicon")
                      .joinpath("data", COMPOUND_USAGE_FILE).read_text("utf-8").splitlines()
                      if line.startswith("#"))
    assert "count_compound_usage.py" in header and "VrbeckaD/HarryPotterFanfiction@" in header
    usage = compound_usage()
    assert usage[("class", "room")].closed > 10 * usage[("class", "room")].open
    assert usage[("dinner", "time")].open > usage[("dinner", "time")].closed


def test_a_name_in_lower_case_in_the_writers_outline_is_left_alone() -> None:
    text = ("Zorvath opened the gate. Orla followed Zorvath inside. \"Zorvath, wait,\" she "
            "said.\n\n-Then Orla convinces the guard to find zorvath\n\n"
            "Later zorvath sat by the fire while Orla slept. Zorvath smiled.\n")
    assert found(text, "capitalisation.name") == [("zorvath", "Zorvath")]


@pytest.mark.parametrize(("text", "expected"), [
    ("They rented the top flat of a 30 story building by the bay.", [("30 story", "30-story")]),
    ("They rented the top flat of a three story building by the bay.",
     [("three story", "three-story")]),
    ("They spent 30 minutes building the fire by the bay.", []),
])
def test_a_number_and_unit_before_a_gerund_noun(text, expected) -> None:
    assert found(text, "compounds.modifier") == expected


def test_a_capitalised_label_before_a_colon_is_no_common_noun() -> None:
    text = "Posted: 2024-01-02 Words: 900 Chapters: 1/1\n\nWren waited for 15 Seconds."
    assert found(text, "capitalisation.common-noun") == [("Seconds", "seconds")]


def test_the_plural_of_a_name_in_man_is_no_misspelling() -> None:
    text = " ".join(["Ironman landed on the roof and waved."] * 12) + (
        " She had heard of Ironmen before.")
    assert found(text, "names.spelling") == []
