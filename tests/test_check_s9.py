"""Rules written from the misses on the fresh-authors part (issue 23), on invented sentences."""

from __future__ import annotations

import pytest
from check_findings import found

from ficlens.check import RULES
from ficlens.check.slips import RULES as SLIP_RULES


@pytest.mark.parametrize("rule", [r.id for r in SLIP_RULES])
def test_the_rules_are_registered_with_a_description(rule) -> None:
    assert RULES[rule].description and RULES[rule].default


@pytest.mark.parametrize(("text", "expected"), [
    ("The hound rose from the rug; it's tail wagged at the door.", [("it's", "its")]),
    # "it is" before a noun phrase, a mass noun, a participle that modifies the noun
    ("It's time we left. It's people like you who care.", []),
    ("It's money well spent. It's work done by hand. It's work finished by noon.", []),
    ("It's something called a lantern. The box is locked, it's password protected.", []),
])
def test_its_before_a_noun_and_its_verb(text, expected) -> None:
    assert found(text, "confusables.its-subject") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("None of his kicks seemed to have phased the giant at all.", [("phased", "fazed")]),
    ("Nothing could phase her.", [("phase", "faze")]),
    ("Tobin looked unphased by the noise.", [("unphased", "unfazed")]),
    # the other verb "phase": in stages, or through a solid thing
    ("The old trams were phased out. The ghost phased through the wall.", []),
    ("They phased the trams out.", []),
])
def test_faze_written_as_phase(text, expected) -> None:
    assert found(text, "confusables.faze") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Mara had a bad week. Lately, Tobin has been seemed to avoid her.",
     [("been seemed", "seemed")]),
    ("By then the old king had been died for a year.", [("been died", "died")]),
    # a passive of a verb that has one
    ("Tobin has been seen at the mill twice.", []),
])
def test_been_before_a_verb_with_no_passive(text, expected) -> None:
    assert found(text, "confusables.been-intransitive") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Mara walked down the second floor corridor to her room.",
     [("second floor", "second-floor")]),
    ("The third year students filed into the hall.", [("third year", "third-year")]),
    # the ordinal and its noun as a noun phrase of their own
    ("Mara lived on the second floor. In her first year she met Tobin.", []),
    ("In her first year students mocked her.", []),
])
def test_an_ordinal_compound_before_its_noun(text, expected) -> None:
    assert found(text, "compounds.ordinal") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Thin red lines were criss- crossing her palms.", [("criss- crossing", "criss-crossing")]),
    # a suspended hyphen, a stammer in speech, two words that are no one word
    ("They studied pre- and post-war maps of the valley.", []),
    ('"Wh- what was that?" Tobin asked.', []),
    ("The room was cold- the fire had gone out.", []),
])
def test_a_space_after_a_hyphen_inside_a_word(text, expected) -> None:
    assert found(text, "compounds.split-hyphen") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("They were all just like the Wendlandt's, and everyone else in town.",
     [("Wendlandt's", "Wendlandts")]),
    # a title's possessive with its noun left out, a possessive with its noun
    ("The sword on the wall was the King's.", []),
    ("Tobin walked to the Wendlandt's house.", []),
])
def test_a_family_plural_with_an_apostrophe(text, expected) -> None:
    assert found(text, "punctuation.family-plural") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The kettle's lid rattled back forth on the stove.", [("back forth", "back and forth")]),
    ("The kettle's lid rattled back and forth on the stove.", []),
])
def test_a_fixed_pair_that_lost_its_and(text, expected) -> None:
    assert found(text, "words.lost-and") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Tobin said we need to across the bridge by dusk.",
     [("need to across", "need to go across")]),
    ("Tobin said we need to go across the bridge by dusk.", []),
    # "to" as a preposition before another one
    ("Tobin walked to the door and then to inside the barn.", []),
])
def test_a_verb_of_motion_missing_after_to(text, expected) -> None:
    assert found(text, "words.missing-motion-verb") == expected
