"""The beta reader's issue-23 rules of session 5 on small invented stories: each rule flags
its slip and leaves the correct or deliberate form alone."""

from __future__ import annotations

import pytest
from check_findings import found

from ficlens.check import RULES

NEW_RULES = ("spelling.contraction", "spelling.common-misspelling", "dialogue.missing-comma",
             "punctuation.interjection", "punctuation.name-possessive",
             "punctuation.question-mark", "confusables.phrase", "confusables.supposed-to",
             "words.missing-is", "words.article", "words.two-determiners", "words.the-they",
             "dialogue.tag-comma", "capitalisation.kin-address", "punctuation.apostrophe",
             "capitalisation.title", "words.missing-to", "dialogue.missing-stop",
             "compounds.number", "compounds.split")


def test_every_new_rule_is_registered_with_a_description() -> None:
    for rule in NEW_RULES:
        assert RULES[rule].description and RULES[rule].severity == "error"


@pytest.mark.parametrize(("text", "expected"), [
    ("Im sure she dont know what happened to the car, and Wren said so twice.",
     [("Im", "I'm"), ("dont", "don't")]),
    ("Thats the thing about Wren: she knew, and she couldnt say it out loud.",
     [("Thats", "That's"), ("couldnt", "couldn't")]),
    ("Wren was wont to sing when the house was empty and the kettle was on.", []),
    ("I'm sure she doesn't know, and that's fine with all of us in the end.", []),
])
def test_a_contraction_without_its_apostrophe(text, expected) -> None:
    assert found(text, "spelling.contraction") == expected


def test_a_common_misspelling_is_flagged_even_when_repeated() -> None:
    text = ("Wren would definately come back. She definately knew the way home, and the "
            "others waited for eachother by the gate until the evening came.")
    assert found(text, "spelling.common-misspelling") == [
        ("definately", "definitely"), ("definately", "definitely"),
        ("eachother", "each other")]


def test_a_listed_word_beside_an_invented_phrase_is_left_alone() -> None:
    text = ("Wren raised her staff. \"Vir'thalas shal em,\" she whispered to the dark, and the "
            "torches along the wall flared up one after another.")
    assert found(text, "spelling.common-misspelling") == []


@pytest.mark.parametrize(("text", "expected"), [
    ('"I know" she said, and closed the door behind her.', [('w" she', 'w," she')]),
    ('"We should go now" Wren whispered to the boy.', [('w" Wren', 'w," Wren')]),
    ('"Come here" said Tobin, and waved.', [('e" said', 'e," said')]),
    ('"I know," she said, and closed the door behind her.', []),
    ('He called it "home" and meant it every single time.', []),
])
def test_a_line_before_its_tag_needs_a_comma(text, expected) -> None:
    assert found(text, "dialogue.missing-comma") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"No I don\'t," Wren said. "Well we have time."', [("o ", "o, "), ("l ", "l, ")]),
    ('"No, I don\'t," Wren said. "Nobody I know does."', []),
])
def test_an_interjection_opening_a_line_takes_a_comma(text, expected) -> None:
    assert found(text, "punctuation.interjection") == expected


def test_a_name_closing_a_line_addressed_to_its_bearer_takes_a_comma() -> None:
    text = ('Wren Alder sat by the window when Tobin came in.\n\n'
            '"Did you finish the map Wren?" Tobin asked her.\n\n'
            '"Nothing," Wren said. "I went with Tobin."')
    assert found(text, "punctuation.vocative") == [("p ", "p, ")]


def test_a_name_plus_s_before_a_noun_is_a_possessive() -> None:
    text = ("Tobin Alder walked in with Wren. Tobins sword hung at his side, and Wren "
            "looked at it for a long time before Tobin spoke.")
    assert found(text, "punctuation.name-possessive") == [("Tobins", "Tobin's")]


@pytest.mark.parametrize(("text", "count"), [
    ('"Are you okay." Wren looked at him.', 1),
    ('"Have it out with him." Wren looked at him.', 0),
    ('"Did you see Mrs. Alder at the gate?" Wren asked.', 0),
    ('"Is it...." Wren trailed off.', 0),
])
def test_a_spoken_question_opening_with_its_verb_ends_with_a_question_mark(text, count):
    assert len(found(text, "punctuation.question-mark")) == count


@pytest.mark.parametrize(("text", "expected"), [
    ("All of the sudden the lights went out.", [("All of the sudden", "All of a sudden")]),
    ("It gave her piece of mind to know it.", [("piece of mind", "peace of mind")]),
    ("The boy had lost its self-consciousness.", []),
])
def test_a_fixed_phrase_with_a_sound_alike(text, expected) -> None:
    assert found(text, "confusables.phrase") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She was suppose to be home by nine.", [("suppose", "supposed")]),
    ("He got use to the noise after a week.", [("use", "used")]),
    ("What did you use to clean it? I suppose to him it was odd.", []),
    ("He did not use to smoke.", []),
])
def test_supposed_to_and_used_to_keep_their_d(text, expected) -> None:
    assert found(text, "confusables.supposed-to") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"Open the gate, it me." Dara knocked again.', [("it me", "it's me")]),
    ('"That you?" he asked. "Give it me," he said.', []),
])
def test_it_and_an_object_pronoun_lack_their_verb(text, expected) -> None:
    assert found(text, "words.missing-is") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She ate a apple while an book fell.", [("a", "an"), ("an", "a")]),
    ("She gave him an strangely warm smile.", [("an", "a")]),
    ("A unicorn, an hour, a one-off, a European and an umbrella.", []),
    ("It was a honest mistake, and a ugly one.", [("a", "an"), ("a", "an")]),
    # speech's "an'" for "and" before a pronoun: no article
    ("\"We was fishing off the pier,\" said Rook. \"An he come up out the water.\"", []),
])
def test_the_article_follows_the_first_sound(text, expected) -> None:
    assert found(text, "words.article") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"Your the best," she said.', [("Your", "You're")]),
    ("He took the a car to town.", [("the a", None)]),
    ("She gave her the book.", []),
])
def test_two_determiners_in_a_row(text, expected) -> None:
    assert found(text, "words.two-determiners") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("An all too familiar creaking came from the attic.",
     [("all too familiar", "all-too-familiar")]),
    ("It was all too familiar to her.", []),
])
def test_all_too_before_a_noun_is_hyphenated(text, expected) -> None:
    assert found(text, "compounds.modifier") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('Tobin said "Come in, it\'s cold."', [("said ", "said, ")]),
    ('"Hello," she said "how are you?"', [("said ", "said, ")]),
    ('Tobin said, "Come in, it\'s cold."', []),
    ('He asked, and she answered "Yes."', []),
    ('The board by the gate said "Keep out". Tobin went in anyway.', []),  # a phrase quoted
    ('She said "good morning" in a flat voice and sat down.', []),
])
def test_a_tag_before_its_line_takes_a_comma(text, expected) -> None:
    assert found(text, "dialogue.tag-comma") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"Thanks, mom." Wren hugged her. "Night dad!" she called.', [("mom", "Mom"), ("dad", "Dad")]),
    ('"Your mom is here," Tobin said. "Ask my dad."', []),
])
def test_a_kin_word_of_address_is_capitalised(text, expected) -> None:
    assert found(text, "capitalisation.kin-address") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The were going home when it rained.", [("The", "They")]),
    ("The will of the people was strong, and the had-been king knew it.", []),
])
def test_the_before_a_subject_verb_is_they(text, expected) -> None:
    assert found(text, "words.the-they") == expected


def test_apostrophes_of_possessive_pronouns_and_lets() -> None:
    text = ('"Lets go," Wren said. "Come on, lets get out." She lets go of his hand. The dog '
            "wagged its' tail. The choice is your's. It's hers.")
    assert found(text, "punctuation.apostrophe") == [
        ("Lets", "Let's"), ("lets", "let's"), ("its'", None), ("your's", "yours")]


@pytest.mark.parametrize(("text", "expected"), [
    ('May Alder met Ben Alder. "Hi, aunt May," Ben said. He met mr. Grey later.',
     [("aunt", "Aunt"), ("mr", "Mr")]),
    ("Ben saw my uncle Ben there. A pilot officer Wren knew came. It was her father. "
     "Harriet came. I count Jake as a friend.", []),
])
def test_a_title_joined_to_a_name_is_capitalised(text, expected) -> None:
    assert found(text, "capitalisation.title") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"I\'m going be late," Ben said. "I want go home."',
     [("going be", "going to be"), ("want go", "want to go")]),
    ("He used to go. She let go. He helped do the dishes. If need be, she was able to go.", []),
])
def test_to_missing_before_a_plain_verb(text, expected) -> None:
    assert found(text, "words.missing-to") == expected


def test_a_misspelling_opening_a_sentence_keeps_its_capital() -> None:
    text = ('Definately not, she thought, and walked home in the rain. "Definately," Wren said. '
            "Wren met Beleive Smith on the road at night.")
    assert found(text, "spelling.common-misspelling") == [
        ("Definately", "Definitely"), ("Definately", "Definitely")]


def test_a_misplaced_apostrophe_or_swapped_letters_are_common_misspellings() -> None:
    text = "She did'nt know. He dosen't care about teh car, and he would'nt go. Y'know it's fine."
    assert found(text, "spelling.common-misspelling") == [
        ("did'nt", "didn't"), ("dosen't", "doesn't"), ("teh", "the"), ("would'nt", "wouldn't")]


@pytest.mark.parametrize(("text", "expected"), [
    ('"I know" He walked away.\n\n"We should go"\n\nWren nodded.', [('w"', 'w."'), ('o"', 'o."')]),
    ('He called it "home" and left. "Fine" Wren said. "Wait," she said.', []),
])
def test_a_line_ending_its_sentence_takes_a_stop(text, expected) -> None:
    assert found(text, "dialogue.missing-stop") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("He turned thirty one, and a thirty four year old knight rode beside a six year old.",
     [("thirty one", "thirty-one"), ("thirty four year old", "thirty-four-year-old"),
      ("six year old", "six-year-old")]),
    ("He was five years old. I was seven year old then. Twenty-one guns fired.", []),
])
def test_compound_numbers_and_ages_are_hyphenated(text, expected) -> None:
    assert found(text, "compounds.number") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Some how she did it by her self, with out help.",
     [("Some how", "Somehow"), ("her self", "herself"), ("with out", "without")]),
    ("Her self-esteem was low, and somehow she went without.", []),
])
def test_a_word_written_as_two(text, expected) -> None:
    assert found(text, "compounds.split") == expected


def test_the_last_word_of_a_longer_name_is_no_possessive() -> None:
    text = ("Tobin Keel walked in with Wren. Wren had been reading about the old Keel Tobins "
            "band from the harbour, and Tobin laughed at her for it.")
    assert found(text, "punctuation.name-possessive") == []
