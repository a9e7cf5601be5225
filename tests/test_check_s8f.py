"""Rules of the eighth session's check work on words (issue 23), on invented sentences."""

from __future__ import annotations

import pytest
from check_findings import found

from ficlens.check import RULES


@pytest.mark.parametrize("rule", ["agreement.of-phrase", "compounds.attested", "compounds.near"])
def test_new_rules_are_registered_with_a_description(rule) -> None:
    assert RULES[rule].description and RULES[rule].default


@pytest.mark.parametrize(("text", "expected"), [
    ("Mara looked up. The colour of the old walls seem brighter today.", [("seem", "seems")]),
    ("Mara looked up. The walls of the house was cold and damp.", [("was", "were")]),
    # a slip of attraction is the writer's, also in a line of dialogue
    ('"The smell of the roses are lovely," Mara said.', [("are", "is")]),
    # nouns of part and quantity take the number of what follows "of"
    ("Mara looked up. A third of the lamps were dark.", []),
    ("Mara looked up. The rest of the boys were gone.", []),
    # the verb already agrees with its subject
    ("Mara looked up. The colour of the walls seems brighter today.", []),
])
def test_a_verb_agreeing_with_the_noun_of_an_of_phrase(text, expected) -> None:
    assert found(text, "agreement.of-phrase") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Tobin told a heart wrenching story about his brother.",
     [("heart wrenching", "heart-wrenching")]),
    ("Mara bought a small, hand carved box at the market.", [("hand carved", "hand-carved")]),
    ("Tobin wore a sky blue coat to the fair.", [("sky blue", "sky-blue")]),
    # two nouns: an open compound noun (no one writes "icecream" in a dictionary's place)
    ("They sat on the wall eating ice cream cones.", []),
    ("Tobin wore a blue coat to the fair.", []),
])
def test_a_compound_modifier_the_web_writes_as_one_word(text, expected) -> None:
    assert found(text, "compounds.attested") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Mara got a near perfect score on the test.", [("near perfect", "near-perfect")]),
    ("The room fell into a near total silence.", [("near total", "near-total")]),
    ("Tobin sat near empty crates by the door.", []),
    ("They will meet in the near future.", []),
])
def test_near_meaning_almost_before_an_adjective_and_its_noun(text, expected) -> None:
    assert found(text, "compounds.near") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Tobin stared at the map in total confusement.", [("confusement", "confusion")]),
    ("Mara hid her face in embarrassion and laughed.", [("embarrassion", "embarrassment")]),
    # a coinage whose stem is no common word, and a word the story makes its own
    ("Tobin mourned his broomlessness all winter.", []),
    ("The gloamation came. Mara feared the gloamation more than the dark.", []),
])
def test_a_common_word_with_the_wrong_noun_ending(text, expected) -> None:
    assert found(text, "spelling.suffix") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Mara didn't knew the answer to the riddle.", [("knew", "know")]),
    ("Tobin shrugged. Did he went home after the game?", [("went", "go")]),
    ("Tobin tried to hid the box under the bed.", [("hid", "hide")]),
    ("The goat was stole from the farm at night.", [("stole", "stolen")]),
    ("The letter was wrote in haste.", [("wrote", "written")]),
    # a capitalised "Might" inside a sentence is a name's, and "broke" after "was" an adjective
    ("Mara met Captain Might. Captain Might did tell her the truth.", []),
    ("Tobin was broke again by the second week.", []),
])
def test_do_to_and_the_passive_select_the_verb_form(text, expected) -> None:
    assert found(text, "confusables.verb-form") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a slip is still a slip
    ("Tobin carried the bukcet to the well.", [("bukcet", "bucket")]),
    # a last letter dropped for an apostrophe is the character's voice
    ('"It\'s all righ\', I tell yeh," Tobin said. "Don\'t worry abou\' it."', []),
    # an accent written as one letter swapped in several words (v for w)
    ('"I vould like to vork vith you on the farm this summer, if my father agrees and the '
     'weather is fine," Tobin said. "It will be vonderful to see the hills again."', []),
    # mock-archaic English adds a final e
    ('"Hast thou lost thy memorye, knave?" the jester asked.', []),
    # halves of a word the dictionary writes closed, and a drawn-out line of song
    ("Mara kept her knick-knacks on the shelf.", []),
    ('Mara sang, "Shine so hiiigh-iigh-iigh tonight!"', []),
])
def test_spelling_leaves_voices_and_compounds_alone(text, expected) -> None:
    assert found(text, "spelling.word") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Mara nearly quit the choir all together after that night.",
     [("all together", "altogether")]),
    ("We sang all together by the fire.", []),
    ("Tobin put the pieces all together.", []),
    ("Mara and Tobin stood all together on the hill.", []),
])
def test_all_together_with_no_group_is_altogether(text, expected) -> None:
    assert found(text, "compounds.altogether") == expected


PAST_SCENE = (
    "Tobin walked down to the harbour at dawn. The gulls circled over the boats. He carried a "
    "basket of bread for his aunt. The fishermen shouted to each other across the water. Mara "
    "waited on the pier. She waved when she saw him. They sat on the wall and ate. The wind "
    "tugged at their coats. A bell rang somewhere in the town. He laughed at her story. She "
    "told him about the storm. The sea glittered in the cold light.\n\n"
)


def _tense_findings(extra: str, person: bool = False) -> list[str]:
    from ficlens.check import run_checks
    from ficlens.document import Span, Work
    from ficlens.pipeline import analyze

    text = PAST_SCENE + extra
    work = analyze(Work(text=text), ["segment", "nlp"])
    if person:
        work.add_layer("scenes", [Span(0, len(text), {"person": "third",
                                                      "mode": "third_limited"})])
    return [text[f.start:f.end] for f in run_checks(work, select=["tense"])]


@pytest.mark.parametrize("extra", [
    "The sign over the door said 'Old Bram sees all' in faded paint.\n",
    "She read the chapter title, 'Why Gulls Love Bread', and laughed.\n",
    "Mara insisted it was imperative that he take the early boat.\n",
])
def test_a_quoted_saying_or_a_subjunctive_is_no_tense_slip(extra) -> None:
    assert _tense_findings(extra) == []


def test_a_thought_in_italics_may_say_i() -> None:
    extra = "*That was the reason I stayed!* Tobin stood up.\n"
    assert _tense_findings(extra, person=True) == []
    assert _tense_findings("That was the reason I stayed. Tobin stood up.\n",
                           person=True) != []


@pytest.mark.parametrize(("text", "rule"), [
    ("Mara had just given her her scarf back.", "words.doubled"),
    ('"Mara?" Tobin radioed in in a panic.', "words.doubled"),
    ("They waited a year before he got into U.A and trained there.", "words.article"),
    ("We expect to see him be able to climb by spring.", "words.missing-modal"),
    ('"*Can* they be sent home?" Mara asked.', "words.missing-modal"),
    ("Mara wondered why didn't she believe him at first.", "agreement.subject-verb"),
    ("Tobin has been awarded 60 rescue points this year.", "compounds.modifier"),
    ("The tall inheritor handed Mara the bag.", "compounds.modifier"),
    ("The old mill was a much different place at night.", "compounds.modifier"),
    ("Mara was the only guard who didn't run in terror at the roar.",
     "compounds.hyphenated"),
    ("A hint of his old self showing through again, Tobin laughed.", "compounds.hyphenated"),
])
def test_no_finding_where_the_words_have_other_roles(text, rule) -> None:
    assert found(text, rule) == []


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("Mara opened the the door.", "words.doubled", [(" the", "")]),
    ("Tobin tapped a interoffice mirror.", "words.article", [("a", "an")]),
    ("They took a 10 minute walk to the mill.", "compounds.modifier",
     [("10 minute", "10-minute")]),
])
def test_the_slips_are_still_found(text, rule, expected) -> None:
    assert found(text, rule) == expected


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("Mara fell of the bed laughing.", "confusables.off", [("of", "off")]),
    ("Tobin had fallen of the ladder twice.", "confusables.off", [("of", "off")]),
    ("She was not fond of heights or falling of this kind.", "confusables.off", []),
    ("The ward was bound to its very skin.", "confusables.its-contraction", []),
    ("The cat licked its very own paw.", "confusables.its-contraction", []),
    ("I think its very nice.", "confusables.its-contraction", [("its", "it's")]),
])
def test_of_off_and_its_in_context(text, rule, expected) -> None:
    assert found(text, rule) == expected


def test_a_present_verb_under_a_present_main_verb_is_no_slip() -> None:
    extra = "Ten years of waiting, and the first boat she sees is the wrong one.\n"
    assert _tense_findings(extra) == []
    assert _tense_findings("Then she rests her hands on the rail and looked out.\n") == [
        "rests"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The well sat at the north-west edge of the yard.", []),
    ("The view from the hill was breath-taking.", [("breath-taking", "breathtaking")]),
])
def test_a_compass_point_keeps_its_hyphen(text, expected) -> None:
    assert found(text, "compounds.closed-hyphen") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ever sense the storm, Mara had kept the lamp lit by the window.", [("sense", "since")]),
    ("Mara plugged on of the cables into the wall and waited.", [("on", "one")]),
    ("Tobin wandered if the boat would ever come back to the harbour.",
     [("wandered", "wondered")]),
    # "one" is judged never: a number or a pronoun standing alone
    ("CHAPTER ONE\n\nMara found a shell, and Tobin found one too.", []),
])
def test_the_modern_confusable_sets(text, expected) -> None:
    # a slip of the keys ("on of") is its own rule, on by default; the rest, off by default
    assert found(text, "confusables.context") + found(text, "confusables.likely-slip") \
        == expected
