"""Issue 23, session 12: punctuation and dialogue slips the rules used to miss (a new sentence
after a tag in lower case, a noun phrase after a broken-off line, a question word's
question, a measure before "worth", kin words of address in lower case, a beat ending in an
adjective), each with what the rule must leave alone."""

from __future__ import annotations

import pytest
from check_findings import found

AROUND = "Mara came in and sat down.\n\n{}\n\nThen they left."


@pytest.mark.parametrize(("text", "expected"), [
    # a whole sentence before the tag and a new one after it, in lower case
    ('"Stay on the path through the woods," she said, "you will get lost."',
     [(', "you', '. "You')]),
    ('"You are going to fall off that wall," came her voice, "would you come down now?"',
     [(', "would', '. "Would')]),
    # the second part goes on with the first: a conjunction, a clause that depends
    ('"We could go down to the lake," she said, "but they will not let us."', []),
    ('"We could walk to the pier," Wren said, "if the rain stops soon."', []),
    # the first part asks for more: what was told, a clause inside that depends
    ('"I told him," she said, "you would come to the house."', []),
    ('"I think that while he is a good man at heart," she said, "he is wrong."', []),
    # an inverted condition goes on with the sentence; only a question starts anew
    ('"Tobin will lead the first army of the year," said the captain, "should he wish to '
     'fight at all."', []),
    # two short clauses read as a splice the annotation guide leaves alone
    ('"I know," she said, "you think I am mad."', []),
])
def test_a_new_sentence_after_a_tag_starts_with_a_capital(text, expected) -> None:
    assert found(text, "dialogue.split-line-case") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"Is one of them yours?"\n\n"My..." the old woman\'s eyes widened in surprise.',
     [("the", "The")]),
    ('"Wait—" the boy grabbed her sleeve.', [("the", "The")]),
    ('"If only..." his voice broke.', [("his", "His")]),
    # a verb of saying, a voice trailing off, a gesture many writers use as a tag
    ('"Wait—" the boy said softly.', []),
    ('"Well..." the man trailed off.', []),
    ('"Hmm..." the captain nodded.', []),
    # a verb that goes on to a verb of saying is the tag
    ('"I only meant—" she started to say, but he had gone.', []),
    ('"Look, Mara—" he seemed to start to explain, then stopped.', []),
])
def test_a_noun_phrase_and_its_action_after_a_broken_line_start_a_sentence(
        text, expected) -> None:
    assert found(text, "dialogue.beat-after-break") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"What was it called." She frowned.', [(".", "?")]),
    ('"It is about a ship...uh...what was it called." She frowned.', [(".", "?")]),
    ('"Where are you going." He frowned.', [(".", "?")]),
    ('"What if the tide turns before we land." He frowned.', [(".", "?")]),
    # an exclamation, a relative, a suggestion in the negative: no question found
    ('"What a day it was." She laughed.', []),
    ('"Which is why I left." She laughed.', []),
    ('"Why don\'t you come in." She smiled.', []),
])
def test_a_question_word_with_its_auxiliary_and_subject_asks(text, expected) -> None:
    assert found(text, "punctuation.question-mark") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The boots held three days worth of mud from the yard.", [("days", "days'")]),
    ("She packed a days worth of food.", [("days", "day's")]),
    ("It cost about ten dollars worth.", [("dollars", "dollars'")]),
    # "worth" with an object of its own: the coins are worth it
    ("They found coins worth a fortune.", []),
    ("Those are stories worth hearing.", []),
])
def test_a_measure_before_worth_is_a_possessive(text, expected) -> None:
    assert found(text, "punctuation.plural-possessive") == expected


PEOPLE = "Kael and Wren walked into the hall. Kael sat down and Wren stood.\n\n"


@pytest.mark.parametrize(("text", "expected"), [
    ('"Hey mama?" Wren asked.', [("y ", "y, ")]),
    ('"Really papa? Both of them?" Wren asked.', [("y ", "y, ")]),
    ('"Love you mum." She left.', [("u ", "u, ")]),
    ('"Really Kael? You mean it?" he asked.', [("y ", "y, ")]),
    # a kin word closing the line, hung on its verb as a phrase of its own, not its object
    ('"Where are you going dad?" Wren asked.', [("g ", "g, ")]),
    ('"I told mom." Wren said.', []),
    ('"It was for mom." Wren said.', []),
    # a name before a question opening with its auxiliary and subject
    ('"Kael are you there?" Wren asked.', [("l ", "l, ")]),
    ('"Mom can I stay up late?" Wren asked.', [("m ", "m, ")]),
    ('"Kael did it." Wren said.', []),
    # no lead-in opening the clause; a word that may own the kin word; a name as subject
    ('"There is no dad." She left.', []),
    ('"Give it to me mum." She left.', []),
    ('"I hate that mom." She left.', []),
    ('"It was really Kael who found it." She left.', []),
    ('"Honestly Kael was the best of us." She left.', []),
    # the name is what is given or introduced, not who is spoken to
    ('"The council offered me Kael." She left.', []),
    ('"They caught him Wren," Kael said.', [("m ", "m, ")]),
    # "no" as the determiner of a title the story names
    ('The band played Harbour Lullaby twice, and Wren hated Harbour Lullaby a lot.\n\n'
     '"Promise," Kael said. "No Harbour Lullaby tonight. Thanks, Wren!"', []),
])
def test_kin_words_and_names_of_address_after_a_lead_in(text, expected) -> None:
    assert found(PEOPLE + text, "punctuation.vocative") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('She seemed nervous "Simon. Simon Grey."', [("s", "s.")]),
    ('She looked up "What?"', [("p", "p.")]),
    ('Tobin watched the tide sadly "I know."', [("y", "y.")]),
    # the adjective describes the line; the quotation is the verb's object
    ('She let out a loud "Not again!"', []),
    ('There was a knock, then a faint and sleepy "Who is it?"', []),
    ('It was called "The Big Blue."', []),
    # a line in two parts: narration between them is looked at too
    ('"Ah. Um..." Wren drew a breath. She seemed uneasy "Tobin."', [("y", "y.")]),
    ('"Fine..." he sighed, "I will go."', []),
    # ... but a later part run on from a verb with no mark is most often its object
    ('She searched for the town in "Old Harbour," but the poet had not been there. The books '
     'were no help. And there she found "Middle Sea," by Ilse, and\nopened it.', []),
])
def test_an_action_ending_in_an_adjective_or_adverb_is_a_beat(text, expected) -> None:
    assert found(AROUND.format(text), "dialogue.beat-before-line") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a song quoted stanza by stanza: each stanza's lines are broken, the next reopens
    ('She began to sing.\n\n“Tell me a story, friend.\nAre you happy by the sea?\n'
     'Or do you want more?\n\n“I keep on rowing\nIn the good years,\nAnd in the bad ones.”\n\n'
     'Then she stopped.', 0),
    # a stanza left open with nothing after it
    ('She began to sing.\n\n“Tell me a story, friend.\nAre you happy by the sea?\n\n'
     'Then she stopped.', 1),
])
def test_a_speech_running_on_over_stanzas_is_not_left_open(text, expected) -> None:
    assert len(found(text, "dialogue.missing-close")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("At last nothing else worried her; as long as the lamps stayed lit.", [(";", None)]),
    ("The cottage had looked fine in its prime; the walls covered with ivy and roses.",
     [(";", None)]),
    ("She packed three things; a knife, a rope and a lamp.", [(";", None)]),
    # two sentences, a command, a second predicate, a list with several semicolons
    ("He was tired; he went to bed.", []),
    ("He was late; however, nobody noticed.", []),
    ("He closed the door; then sat down by the fire.", []),
    ("Do not worry; just go home now.", []),
    ("We visited Lyon, France; Turin, Italy; and Graz.", []),
])
def test_a_semicolon_before_no_sentence(text, expected) -> None:
    from ficlens.check import RULES
    assert not RULES["punctuation.semicolon"].default
    assert found(text, "punctuation.semicolon") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She turned to greet Kael who had already eaten.", [("l ", "l, ")]),
    ("She looked at Wren whose face was pale.", [("n ", "n, ")]),
    # a cleft, a name after an adjective, a list the clause may restrict, no character
    ("It was Kael who found the map.", []),
    ("Was it Kael who did it?", []),
    ("She thought of young Kael who had left.", []),
    ("Kael and Wren who had lied were punished.", []),
    ("She was a quiet Ravenclaw who read a lot.", []),
])
def test_a_who_clause_after_a_name_is_set_off(text, expected) -> None:
    from ficlens.check import RULES
    assert not RULES["punctuation.relative-comma"].default
    assert found(PEOPLE + text, "punctuation.relative-comma") == expected
