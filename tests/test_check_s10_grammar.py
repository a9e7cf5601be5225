"""Rules of sentence structure (issue 23): verbs joined in forms that do not match, stray
words between a verb and what it governs; on invented sentences."""

from __future__ import annotations

import pytest
from check_findings import found

from ficlens.check import RULES
from ficlens.check.grammar import RULES as GRAMMAR_RULES


@pytest.mark.parametrize("rule", [r.id for r in GRAMMAR_RULES])
def test_the_rules_are_registered_with_a_description(rule) -> None:
    assert RULES[rule].description and RULES[rule].default


@pytest.mark.parametrize(("text", "expected"), [
    # a past tense joined to a plain verb after a modal it shares
    ("Ilyas would just need to hold the gate and hoped the storm tired.", [("hoped", "hope")]),
    ("You would wait by the door and watched the road.", [("watched", "watch")]),
    ("She will take the ferry and arrived at noon.", [("arrived", "arrive")]),
    # an -ing verb joined to a finite verb, with no auxiliary of its own
    ("Mara left, but not before she traded a grin with the crew and pulling her coat on.",
     [("pulling", "pulled")]),
    ("Tobin grabs his satchel and heading for the stairs.", [("heading", "heads")]),
    ("Ilyas lifted the lantern and stopping at the gate.", [("stopping", "stopped")]),
    # two men: the parse, not the pronouns, joins the verbs
    ("He would hold him close and kissed his hair.", [("kissed", "kiss")]),
    ("He pinned him to the wall and kissing his neck.", [("kissing", "kissed")]),
])
def test_coordinated_verbs_in_forms_that_do_not_match(text, expected) -> None:
    assert found(text, "grammar.coordinated-verb") == expected


@pytest.mark.parametrize("text", [
    # "could" of past ability joins a past; a subject of its own makes a clause
    "She could barely breathe and felt sick.",
    "He would wait and she hoped it was enough.",
    "He kissed him, and he laughed and pulled away.",
    # the modal's plain verb shared rightly; a comma before "and"
    "He would sit by the window and watch the rain.",
    "She would never forgive him, and left the room.",
    # the first verb is another verb's complement: the second may belong to that one
    "He thought it would end soon and walked home.",
    "Tobin guessed the miller must be weary and took care to be gentle.",
    # "'d" is as often "had"
    "The heron watched him as if he'd guessed her plan and flew off.",
    # -ing forms joined to one another, or a shared "was"
    "They were laughing and pulling faces.",
    "He kept running and jumping over the logs.",
    "Mara sat on the bench sewing and talking about the harvest.",
    "He was tired of the city and missing the sea.",
    # an -ing phrase that opens the next verb's clause
    "He went back for his scarf and bringing it to her room, sat by her side.",
    # an -ing object of the first verb's preposition
    "The clinic specialised in hard cases and catering to the rich.",
    # speech
    '"I would stay and hoped for the best," she said.',
])
def test_coordinated_verbs_left_alone(text) -> None:
    assert found(text, "grammar.coordinated-verb") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Tobin knew he must protect to Ilyas properly.", [("to", "")]),
    # in speech too: a slip of the keys, not a voice
    ('"You must protect to him," Mara said. "Then go."', [("to", "")]),
])
def test_a_stray_to_between_a_verb_and_its_object(text, expected) -> None:
    assert found(text, "words.stray-to") == expected


@pytest.mark.parametrize("text", [
    "She wanted to explain to him what had happened.",
    "I need to talk to Mara today.",
    "He tried to describe to her the road through the pass.",
    # an intransitive verb ("sit to me" for a portrait), a verb that takes "to"
    "Will you sit to the painter again? We will listen to her closely.",
    # an object moved after the person
    "She did not announce to Lady Wren, what was to come.",
])
def test_to_left_alone(text) -> None:
    assert found(text, "words.stray-to") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("You let them to take the keys.", [("to", "")]),
    ("Tobin made him to wait outside.", [("to", "")]),
])
def test_let_and_make_with_to(text, expected) -> None:
    assert found(text, "words.let-to") == expected


@pytest.mark.parametrize("text", [
    "Tobin made it to the gate. Mara helped him to rise.",
    '"Let me to finish," she said.',  # speech
    "She let him go and made them wait.",
])
def test_let_and_make_left_alone(text) -> None:
    assert found(text, "words.let-to") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Ilyas began to walked faster.", [("walked", "walk")]),
    ("Did he finished the letter?", [("finished", "finish")]),
    ('"Did you finished it?" she asked.', [("finished", "finish")]),
    ("You couldn't believed it.", [("believed", "believe")]),
    ("A fog lifted that should revealed the road.", [("revealed", "reveal")]),
    ("She hoped to tried again. He would hoped for rain.",
     [("tried", "try"), ("hoped", "hope")]),
    # a verb of letting or perceiving, its object, and a past that is never a participle
    ("She let him went.", [("went", "go")]),
    ("They watched them ran across the field.", [("ran", "run")]),
])
def test_a_past_where_the_plain_verb_belongs(text, expected) -> None:
    assert found(text, "confusables.verb-form") == expected


@pytest.mark.parametrize("text", [
    "He didn't need to feed the goats. I may shed some light on it.",
    "The clerks we wrote to remembered a polite visitor.",
    "She saw him taken away. He made her frightened.",
    "He did what she asked. She had finished.",
    "The photos on the roll varied from blurred to posed, and Mara kept them all.",  # a range
])
def test_plain_verbs_and_participles_left_alone(text) -> None:
    assert found(text, "confusables.verb-form") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("One of the guards were asleep.", [("were", "was")]),
    ("Each of them have a sword.", [("have", "has")]),
])
def test_one_of_many_takes_a_singular_verb(text, expected) -> None:
    assert found(text, "agreement.of-phrase") == expected


@pytest.mark.parametrize("text", [
    "One of the guards who were asleep woke.",
    "The only one of them that were left ran.",
    "One of the guards was asleep.",
    "She overheard one of the guards say the gate was shut.",  # a bare infinitive
])
def test_one_of_many_left_alone(text) -> None:
    assert found(text, "agreement.of-phrase") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("He smiled at she.", [("she", "her")]),
    ("Tobin came with they to the gate.", [("they", "them")]),
    ('"Come with we," Tobin said.', [("we", "us")]),
])
def test_a_subject_pronoun_after_a_preposition(text, expected) -> None:
    assert found(text, "confusables.object-pronoun") == expected


@pytest.mark.parametrize("text", [
    "After he left, she cried. Like she said, it was over.",
    "She waited, for she knew he would come.",
    "It was a gift from she who loved him. He was taller than she.",
    "Where he went to he hardly knew.",
])
def test_a_subject_pronoun_that_opens_a_clause(text) -> None:
    assert found(text, "confusables.object-pronoun") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("It was Ilyas who's sword broke.", [("who's", "whose")]),
    ("The man who's father ran the mill will come.", [("who's", "whose")]),
    ("Who's turn is it?", [("Who's", "Whose")]),
])
def test_whose_before_a_noun_and_its_verb(text, expected) -> None:
    assert found(text, "confusables.whose-subject") == expected


@pytest.mark.parametrize("text", [
    "He's the one who's been waiting. Who's got the keys?",
    '"Who\'s coming tonight?" she asked. Who\'s hungry?',
])
def test_who_is_left_alone(text) -> None:
    assert found(text, "confusables.whose-subject") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Me and Tobin went to the market.", [("Me", "I")]),
    ("Her and Tobin went to the market.", [("Her", "She")]),
    ("Tobin and him walked home.", [("him", "he")]),
])
def test_an_object_pronoun_in_a_subject_pair(text, expected) -> None:
    assert found(text, "confusables.subject-pronoun") == expected


@pytest.mark.parametrize("text", [
    "She gave Tobin and him the keys. He saw her and Tobin leave.",
    "Let me and Tobin go.",
    '"Me and him went fishing," Tobin said.',  # speech
    "Her and Tobin's house stood on the hill.",
])
def test_object_pronouns_left_alone(text) -> None:
    assert found(text, "confusables.subject-pronoun") == []


STORY = "Mara met Tobin at the inn. Tobin said nothing, and Mara laughed at him. "


@pytest.mark.parametrize(("text", "expected"), [
    (STORY + "Later, Tobin and Mara was late for dinner.", [("was", "were")]),
    (STORY + "She and Tobin has gone to the coast since.", [("has", "have")]),
])
def test_two_people_take_a_plural_verb(text, expected) -> None:
    assert found(text, "agreement.subject-verb") == expected


@pytest.mark.parametrize("text", [
    STORY + "Rock and Roll is here to stay, Mara thought.",
    STORY + "Hollis and Hollis was a busy firm.",
    STORY + '"Tobin and Mara is coming," she said.',
    STORY + "Between Tobin and Mara was a wall.",
])
def test_pairs_that_are_not_two_people_left_alone(text) -> None:
    assert found(text, "agreement.subject-verb") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("She would never of guessed.", [("of", "have")]),
    ("He could of just asked.", [("of", "have")]),
])
def test_modal_of_with_an_adverb(text, expected) -> None:
    assert found(text, "confusables.modal-of") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("He looked at her with a smile on his face face.", [(" face", "")]),
    ('"Bye bye," she said. The choo choo train left. Knock knock.', []),
    ('"Not the door door, the gate," she said.', []),  # speech
])
def test_a_noun_typed_twice(text, expected) -> None:
    assert found(text, "words.doubled") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She lifted he chin.", [("he", "her")]),
    ("Mara ran she fingers through her hair.", [("she", "her")]),
    ("He put his hand on she shoulder.", [("she", "his")]),
])
def test_a_subject_pronoun_where_the_possessive_belongs(text, expected) -> None:
    assert found(text, "pronouns.possessive") == expected


@pytest.mark.parametrize("text", [
    "Is she nice? Had he power to stir?",
    "She hand him the cup. He head out at dawn.",  # verbs, not nouns
    '"I wish he d scream," she said.',
])
def test_pronouns_before_other_words_left_alone(text) -> None:
    assert found(text, "pronouns.possessive") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("That could dangerous, Mara thought.", [("could dangerous", "could be dangerous")]),
    ("She will happy to see you.", [("will happy", "will be happy")]),
])
def test_a_modal_before_an_adjective_lost_its_be(text, expected) -> None:
    assert found(text, "words.missing-be") == expected


@pytest.mark.parametrize("text", [
    "It should fine by morning. He would free them all.",  # verbs as well
    "Can such pride last? I should fancy so. She could better herself.",
    "He would sure as hell not be taking the job.",
])
def test_modals_before_verbs_left_alone(text) -> None:
    assert found(text, "words.missing-be") == []
