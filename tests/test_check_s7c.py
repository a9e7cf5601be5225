"""Rules and fixes of the seventh session's check work (issue 23), on invented sentences."""

from __future__ import annotations

import pytest
from check_findings import found

from ficlens.check import RULES, run_checks
from ficlens.document import Work
from ficlens.pipeline import analyze


@pytest.mark.parametrize("rule", ["capitalisation.compass", "words.missing-subject"])
def test_new_rules_are_registered_with_a_description(rule) -> None:
    assert RULES[rule].description and RULES[rule].severity == "error"


@pytest.mark.parametrize(("text", "expected"), [
    ('Tobin waited by the gate.\n\n"Wait for me!" You call out. "I am coming too."\n',
     [("You", "you")]),
    ('Tobin waited by the gate.\n\n"Hi, both of you!" The older girl called out to them.\n',
     [("The", "the")]),
    ('Tobin waited by the gate.\n\n"Is it done?" She quietly asked. "Tell me."\n',
     [("She", "she")]),
    # an action verb without its particle may open a beat of its own
    ('Tobin waited by the gate.\n\n"Wait for me!" She called the dog back to her side.\n', []),
])
def test_a_capitalised_tag_with_a_phrasal_verb_or_an_adverb(text, expected) -> None:
    assert found(text, "dialogue.capitalised-tag") == expected


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("Mara stared at a wide eyed Tobin across the empty hall.", "compounds.hyphenated",
     [("wide eyed", "wide-eyed")]),
    ("The interview was nerve wracking. Mara left early.", "compounds.hyphenated",
     [("nerve wracking", "nerve-wracking")]),
    ("He trained villains with sound based powers and a musical themed phone case.",
     "compounds.modifier", [("sound based", "sound-based"), ("musical themed", "musical-themed")]),
    ("The new boy was dark haired.", "compounds.modifier", [("dark haired", "dark-haired")]),
    ("He had already headed.", "compounds.modifier", []),
    # "based on" is the verb, not a compound
    ("The film was loosely based on a book she had read.", "compounds.modifier", []),
    ("The guard eyed him coldly and the girl handed over the key.", "compounds.modifier", []),
])
def test_compound_modifiers_before_a_name_and_closing_a_clause(text, rule, expected) -> None:
    assert found(text, rule) == expected


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ('Mara looked up.\n\n"Yeah hi," she said. "Yeah guys, come in."\n',
     "punctuation.interjection", [("h ", "h, ")]),
    ('Mara looked up.\n\n"Yeah guys, come in."\n', "punctuation.vocative", [("h ", "h, ")]),
    ('Mara looked up.\n\n"That is a bit much don\'t you think?"\n', "punctuation.tag-question",
     [("h ", "h, ")]),
    ('Mara looked up.\n\n"Why don\'t you think?"\n', "punctuation.tag-question", []),
    ('Mara looked up.\n\n"You like it, don\'t you?"\n', "punctuation.tag-question", []),
    ("Everyone was forgiven except for Mara it seemed. Tobin was angry I think.",
     "punctuation.tag-question", [("a ", "a, "), ("y ", "y, ")]),
    ("Nothing was as it seemed. That is what I think.", "punctuation.tag-question", []),
])
def test_interjections_addresses_and_tags_set_off_by_commas(text, rule, expected) -> None:
    assert found(text, rule) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She folded the map and drove North to meet Tobin.", [("North", "north")]),
    ("They drove North Carolina's back roads all summer.", []),
    ("The North was cold, and the wind came from the East.", []),
])
def test_a_compass_direction_after_a_verb_of_motion(text, expected) -> None:
    assert found(text, "capitalisation.compass") == expected


def test_a_subordinator_capitalised_after_a_name_of_address() -> None:
    text = 'Tobin sat down.\n\n"Very well. Tobin, As you know, we start at dawn."\n'
    assert found(text, "capitalisation.after-comma") == [("As", "as")]


@pytest.mark.parametrize(("text", "expected"), [
    ('Mara looked up.\n\n"So, what\'re doing tonight?"\n',
     [("what're doing", "what're you doing")]),
    ('Mara looked up.\n\n"So, what\'re you doing tonight?"\n', []),
])
def test_a_missing_subject_after_what_re(text, expected) -> None:
    assert found(text, "words.missing-subject") == expected


@pytest.mark.parametrize("rule", ["words.article", "words.two-determiners"])
def test_the_letter_a_is_not_an_article(rule) -> None:
    text = "Her aunt beamed when she earned an A in maths, and they chose plan A for Monday."
    assert found(text, rule) == []
    assert found("She ate a apple and an the pear.", rule)


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("Mara waited.\n\n\"Uh.. maybe we could wait too..?\"\n", "punctuation.ellipsis",
     [("..", "..."), ("..", "...")]),
    ("Mara waited... and waited. See ../notes and page 1..3 for more.", "punctuation.ellipsis",
     []),
    ("I think its too late, and its not fair. Its the end.", "confusables.its-contraction",
     [("its", "it's"), ("its", "it's"), ("Its", "It's")]),
    ("The dog wagged its tail and showed its true nature, its own way.",
     "confusables.its-contraction", []),
    ("She would not give into them, giving into nobody.", "confusables.phrase",
     [("give into", "give in to"), ("giving into", "giving in to")]),
    ("We went to matches, we went on holidays; For once, we were happy.",
     "capitalisation.after-comma", [("For", "for")]),
])
def test_two_dots_its_give_into_and_a_capital_after_a_semicolon(text, rule, expected) -> None:
    assert found(text, rule) == expected


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ('Mara waited.\n\n"...Hmm." Mara finally said. "Well, fine."\n',
     "dialogue.period-before-tag", [('." Mara', '," Mara')]),
    ('Mara waited.\n\n"Yeah." Tobin simply continued to look at her.\n',
     "dialogue.period-before-tag", []),
    ('Mara waited.\n\n"We are not as rich as the Fernleys", Tobin began. "Not at all."\n',
     "dialogue.punctuation-outside", [('",', ',"')]),
])
def test_a_tag_after_an_ellipsis_or_an_adverb_and_a_comma_outside(text, rule, expected) -> None:
    assert found(text, rule) == expected


def test_a_pronoun_in_a_name_is_no_address() -> None:
    text = ('Tobin feared the dark lord.\n\n'
            '"You don\'t actually think that," Mara said. "Hey Tobin, come on."\n')
    work = analyze(Work(text=text))
    work.tables.setdefault("characters", []).append(
        {"id": "C99", "name": "You-Know-Who", "aliases": ["You-Know-Who"]})
    findings = run_checks(work, select=["punctuation.vocative"])
    assert [text[f.start:f.end] for f in findings if f.rule == "punctuation.vocative"] == []


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("The view from the ridge was breath-taking, and Tobin said so.", "compounds.closed-hyphen",
     [("breath-taking", "breathtaking")]),
    ("Her make-up ran; she would re-cover the chair and keep her well-being.",
     "compounds.closed-hyphen", []),
    ("Nobody expected anymore letters to come. She walked there everyday. They sat "
     "for awhile.", "compounds.open",
     [("anymore", "any more"), ("everyday", "every day"), ("awhile", "a while")]),
    ("She did not sing anymore. Her everyday routine was dull. Stay awhile.", "compounds.open",
     []),
])
def test_closed_words_hyphenated_and_open_words_closed(text, rule, expected) -> None:
    assert found(text, rule) == expected
