"""Issue 23, session 10: punctuation from the parse: a name closing a spoken line, a plural
that owns a body part, a plural written with an apostrophe, a comma after a conjunction.
Each rule flags its slip in invented sentences and leaves the correct or deliberate form
alone."""

from __future__ import annotations

import pytest
from check_findings import found

from ficlens.check import RULES

NEW_RULES = ("punctuation.plural-possessive", "punctuation.plural-apostrophe",
             "punctuation.conjunction-comma")


def test_every_new_rule_is_registered_with_a_description() -> None:
    for rule in NEW_RULES:
        assert RULES[rule].description and RULES[rule].severity in ("error", "warning")
        assert RULES[rule].default


@pytest.mark.parametrize(("text", "expected"), [
    ('Wren stopped at the market.\n\n"Do you want to go home Tobin?"', [("e ", "e, ")]),
    ('The lamps were lit.\n\n"I will see you later Mara."', [("r ", "r, ")]),
    ('"Pick a song for me Apple Pie, and make it loud," said Wren.', [("e ", "e, ")]),
    # the name is what the verb takes, a day, or an adjective's noun: no address
    ('"Where do you want to go, Tobin?"', []),
    ('"I saw Tobin."', []),
    ('"Did you ever meet Tobin?" he asked.', []),
    ('"I will see you Christmas."', []),
    ('You turn to him. "Do you want to go home Kaelith?" you ask.', [("e ", "e, ")]),
    ('"We met him Sunday."', []),
    ('"Do not trouble yourself, young Tam."', []),
    ('"Her aunt speaks of sending away Edmund, and quickly."', []),
    ('"My dear sir, you are too kind."', []),
    # "my friend" that fills a place in the clause is no address
    ('"Ilse is just my friend," she said. "Nothing more."', []),
    ('"He was only my friend." Mara shrugged.', []),
    # in narration a name closing a sentence is no address
    ("Where did he want to go Tobin wondered.", []),
])
def test_a_name_closing_a_spoken_line_is_set_off(text, expected) -> None:
    assert found(text, "punctuation.vocative") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"Yeah kid, I\'m here."', [("h ", "h, ")]),
    ('"C\'mon boss! Move!"', [("n ", "n, ")]),
    ('"Yeah man, sure."', [("h ", "h, ")]),
    ('"That is wonderful news my boy!"', [("s ", "s, ")]),
    ('"Thank you my friend."', [("u ", "u, ")]),
    ('"You are a prodigy, huh Captain?"', [("h ", "h, ")]),
    ('"We will find him Mara, I promise."', [("m ", "m, ")]),
    # an exclamation, the address itself, or whom the verb or preposition takes
    ('"Oh boy. Here we go."', []),
    ('"Oh man, not again."', []),
    ('"Fine, my dear boy."', []),
    ('"Let me handle that, dear boy."', []),
    ('"He is my friend."', []),
    ('"Give it to my boy."', []),
    ('"Huh." Tobin frowned.', []),
    ('"I am sure Captain Vane has seen a lot."', []),
])
def test_a_word_of_address_after_a_greeting_or_a_clause_is_set_off(text, expected) -> None:
    assert found(text, "punctuation.vocative") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The neighbours eyes followed him down the lane.", [("neighbours", "neighbours'")]),
    ("He reached over to ruffle his sisters hair.", [("sisters", "sister's")]),
    ("Tobin ruffled the twins hair and laughed.", [("twins", "twin's")]),
    ('"The guards voices carry," he said.', [("guards", "guards'")]),
    ("You meet the guards eyes and look away.", [("guards", "guards'")]),
    ("He caught the soldiers eyes, and he grinned at him.", [("soldiers", "soldiers'")]),
    # the apostrophe is there, a compound, no determiner, or a verb after the plural
    ("The neighbours' eyes followed him down the lane.", []),
    ("She bought new sports shoes.", []),
    ("Wren made the kids face the wall.", []),
    ("He took the girls back to the inn.", []),
    ("Boys hands were rougher, she thought.", []),
    ("He handed the girls hair ribbons.", []),
])
def test_a_plural_owning_a_body_part_takes_an_apostrophe(text, expected) -> None:
    assert found(text, "punctuation.plural-possessive") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("He nearly gave up when the editor's tried to cut the ending.",
     [("editor's", "editors")]),
    ("After dinner the Okafor's were waiting at the door.", [("Okafor's", "Okafors")]),
    ("The little Vorrik's took the last of the bread.", [("Vorrik's", "Vorriks")]),
    ('"The Okafor\'s are coming tonight," he said.', [("Okafor's", "Okafors")]),
    ("While the Hask's spent the evening together, he slept.", [("Hask's", "Hasks")]),
    ("The hall went quiet. Most of the girl's looked away.", [("girl's", "girls")]),
    ("Two guard's stood at the gate.", [("guard's", "guards")]),
    # 'is' or 'has' fits, a possessive, an institution, or no 'the'
    ("The troll's meant to be in the cellar.", []),
    ('"The baker\'s finished the bread," he said.', []),
    ("The door's locked.", []),
    ("The Ministry's said nothing about it.", []),
    ("He stands at the window. The editor's tried to cut the ending, he knows.", []),
    ("You walk in. The Okafor's are waiting for you.", [("Okafor's", "Okafors")]),
    ("Tobin's had a long day.", []),
    ("The Cooper's barn stood beside the old mill road.", []),
    ("His room was small; the Tanner's was larger.", []),
    ("One guard's spear fell.", []),
    ("Most of the girl's friends left.", []),
])
def test_a_plural_subject_takes_no_apostrophe(text, expected) -> None:
    assert found(text, "punctuation.plural-apostrophe") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"I don\'t know this but, I imagine the river is deep."', [(" but, ", ", but ")]),
    ("He had read the letters and, he thought it was time to go.", [(" and, ", ", and ")]),
    # an aside closed by its own comma, a noun, or the comma in its place
    ("She turned and, with Mara beside her, walked out.", []),
    ("The ink seeped in and, she guessed, changed her.", []),
    ('"It\'s a big but, you know."', []),
    ('"I don\'t know this, but I imagine the river is deep."', []),
    ("He laughed and, well, she laughed too.", []),
])
def test_the_comma_goes_before_the_conjunction(text, expected) -> None:
    assert found(text, "punctuation.conjunction-comma") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"Listen I have to go."', [("n ", "n, ")]),
    ('"Look I\'m sorry about the boat."', [("k ", "k, ")]),
    ('"No I don\'t."', [("o ", "o, ")]),
    # the command's object, a mocking reply
    ('"See you tomorrow."', []),
    ('"Wait it out."', []),
    ('"Look it up."', []),
    ('"Sure you were."', []),
    ('"Listen to me."', []),
])
def test_an_interjection_opening_a_line_is_set_off(text, expected) -> None:
    assert found(text, "punctuation.interjection") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("**[Wren]: Where are you?**\n\n**[Tobin]: Almost there. See you later Mara.**\n",
     [("r ", "r, ")]),
    ("**[Wren]: Yeah kid, I know.**\n", [("h ", "h, ")]),
    # a heading with a colon is no one's line
    ("**Part 2: See you later Mara**\n\nThe road was long.\n", []),
])
def test_a_chat_line_is_someones_words(text, expected) -> None:
    assert found(text, "punctuation.vocative") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"It is late right?"', [("e ", "e, ")]),
    ('"We leave at dawn. You are coming right?"', [("g ", "g, ")]),
    # 'right' is what the question asks about
    ('"Was I right?"', []),
    ('"Am I right?"', []),
    ('"Was Mara right?"', []),
    ('"You think she\'s right?"', []),
])
def test_right_asked_about_is_no_tag_question(text, expected) -> None:
    assert found(text, "punctuation.tag-question") == expected
