"""Spelling on invented stories: what a copy editor fixes is flagged, a story's own way of
writing (accents, sounds, coinages, slang, its world's words) is left alone."""

from __future__ import annotations

from ficlens.check import run_checks
from ficlens.check.spelling import suggest
from ficlens.document import Work
from ficlens.pipeline import analyze


def spelling(text: str, stages: list[str] | None = None) -> list[tuple[str, str | None]]:
    """Spelling findings; the whole pipeline where a check needs the quotes."""
    work = analyze(Work(text=text), stages)
    return [(text[f.start:f.end], f.suggestion) for f in run_checks(work, select=["spelling"])]


def test_an_accent_written_out_is_not_a_slip() -> None:
    text = (
        "Brannoc bowed low. \"I vas hoping you vould come,\" he said. \"The feast vas "
        "vonderful, and I haff been vorking on my dancing.\"\n\n"
        "Odile laughed and took his arm, and they walked out to the gardens together."
    )
    assert spelling(text) == []


def test_sounds_coinages_and_slang_are_left_alone() -> None:
    text = (
        "\"Hmhm,\" Odile hummed, tapping the inkline that ran along the harbour wall. "
        "The thunk of the gate made her jump, and she kept scritching the cat's ears while "
        "the boat drifted in. \"This'd be easier with a lantern,\" she said to nobody."
    )
    assert spelling(text, ["segment"]) == []


def test_a_word_of_the_story_in_two_forms_is_its_own() -> None:
    text = (
        "He stepped into the glimmet and was gone. Later that night Odile glimmeted after "
        "him, still angry, and found the house dark and quiet and empty of anyone at all."
    )
    assert spelling(text) == []


def test_slips_beside_those_are_still_flagged() -> None:
    text = (
        "Odile took the long way through the suburbian streets, and a familar voice "
        "called her name from a bakery doorway while she waited for the tram."
    )
    assert spelling(text) == [("suburbian", "suburban"), ("familar", "familiar")]


def test_speech_spelt_as_it_sounds_needs_a_typing_slip() -> None:
    # "haff" inside a quotation is eye dialect; a doubled or dropped letter is a slip anywhere
    assert spelling("\"I haff the map,\" said Brannoc, and he unrolled it on the table.") == []
    text = "\"I will finaly explain the plan,\" said Brannoc, and he sat down on the bench."
    assert spelling(text) == [("finaly", "finally")]
    text = "\"That voice is familar,\" said Brannoc, and he turned towards the door."
    assert spelling(text) == [("familar", "familiar")]


def test_an_escaped_apostrophe_does_not_cut_a_contraction() -> None:
    text = "Brannoc heard a crash upstairs, but he couldn\\'t tell what had fallen."
    assert spelling(text) == []


def test_three_letter_words_need_a_swapped_or_dropped_letter() -> None:
    assert suggest("whn").word == "when"
    assert suggest("mem") is None  # not "me": a short word of its own


def findings(text: str, rule: str) -> list[tuple[str, str | None]]:
    work = analyze(Work(text=text))
    return [(text[f.start:f.end], f.suggestion) for f in run_checks(work)
            if f.rule == rule]


def test_a_name_written_once_with_two_letters_swapped_is_flagged() -> None:
    text = (
        "Mrs. Oberhalt set the register down. \"Quiet, please,\" said Mrs. Oberhalt, and the "
        "class went still. Tamsin watched Mrs. Oberhatl's pen move down the list of names."
    )
    assert findings(text, "names.spelling") == [("Oberhatl", "Oberhalt")]


def test_a_first_name_a_swap_away_from_another_is_a_second_person() -> None:
    text = (
        "Carol waved from the porch. Carol had baked all morning and wanted everyone to eat. "
        "Her cousin Carlo only laughed and took the biggest slice for himself."
    )
    assert findings(text, "names.spelling") == []


def test_a_capitalised_slip_after_an_adjective_is_flagged() -> None:
    text = ("The guard turned to face them, a heavy Cloack swinging from his belt, and "
            "he did not smile at all.")
    assert findings(text, "spelling.capital-slip") == [("Cloack", "clock")]


def test_names_after_adjectives_are_left_alone() -> None:
    text = (
        "Poor Tobiah never saw it coming. She had cooked enough for several Tamsins, and young "
        "Marta ate it all before they crossed the golden Gate Bridge in the fog."
    )
    assert findings(text, "spelling.capital-slip") == []


def test_a_space_after_the_hyphen_of_a_surname_is_flagged() -> None:
    text = ("The crowd gasped, and Mara pulled Tobias Ashby- Crane back from the edge of the "
            "platform before he could fall.")
    assert findings(text, "names.split-hyphen") == [("Ashby- Crane", "Ashby-Crane")]


def test_a_cut_off_or_a_stutter_before_a_name_is_no_split_surname() -> None:
    text = ("\"I told you- Mara, wait!\" he cried. Later she met Tobias Car- Carver again, "
            "and he laughed about it.")
    assert findings(text, "names.split-hyphen") == []


def test_an_adverb_without_its_l_is_a_slip() -> None:
    assert suggest("quicky").word == "quickly"
    assert suggest("songy") is None  # an adjective of the story's own making


def test_syllables_of_a_song_sung_again_are_not_spelled() -> None:
    text = (
        "They sang the chorus together.\n\n"
        "\"Oh the doo-wa-llay, the doo-wa-llay,\nand the rain comes down,\" Odile sang. "
        "\"Oh the doo-wa-llay,\" Brannoc answered, and the whole room joined in."
    )
    assert spelling(text) == []
    once = text.replace("the doo-wa-llay, the doo-wa-llay", "the doo-wa-llay, the doo-wa")
    once = once.replace("\"Oh the doo-wa-llay,\" Brannoc", "\"Oh the doo-wa,\" Brannoc")
    assert spelling(once) == [("llay", "lay")]  # written once: a slip, for all the rule knows


def test_the_set_of_known_words_agrees_with_known() -> None:
    from ficlens.check.spelling import _known_words, known

    words = _known_words()
    for word in ("vould", "would", "vith", "with", "sha", "llow", "qzxv", "kahoots", "teh"):
        for swapped in {word.replace(word[0], letter) for letter in "abcdefghijklmnopqrstuvwxyz"}:
            assert (swapped in words) == known(swapped), swapped


def test_a_story_word_with_an_ending_after_an_adjective_is_left_alone() -> None:
    text = ("They travelled by Glo. The Glo hummed under the hill, and after the accident "
            "the healer ordered urgent Gloing to the coast.")
    assert findings(text, "spelling.capital-slip") == []
