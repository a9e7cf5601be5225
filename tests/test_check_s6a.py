"""Issue 23, session 6: dialogue mechanics, punctuation and capitals on small invented
stories. Each rule flags its slip and leaves the correct or deliberate form alone."""

from __future__ import annotations

import pytest
from check_findings import found

from ficlens.check import RULES, run_checks
from ficlens.document import Work
from ficlens.pipeline import analyze

NEW_RULES = ("dialogue.beat-before-line", "dialogue.split-line-case", "dialogue.doubled-mark",
             "dialogue.line-capital",
             "punctuation.quotation-marks", "punctuation.doubled",
             "punctuation.comma-splice", "punctuation.subject-comma", "punctuation.tag-semicolon",
             "capitalisation.common-noun", "capitalisation.after-comma")


def test_every_new_rule_is_registered_with_a_description() -> None:
    for rule in NEW_RULES:
        assert RULES[rule].description and RULES[rule].severity in ("error", "warning")


def test_comma_splices_are_a_style_rule_run_only_when_selected() -> None:
    """Fiction joins short, close sentences with a comma on purpose (Chicago 6.22)."""
    assert not RULES["punctuation.comma-splice"].default
    text = "Tobin ran to the gate, the gate was shut.\n"
    assert not [f for f in run_checks(analyze(Work(text=text))) if f.rule.endswith("splice")]


@pytest.mark.parametrize(("text", "expected"), [
    ('Tobin came back from the well.\n\nWren shook her head, "Not yet. Give it an hour."',
     [(",", ".")]),
    ('The door banged open.\n\nWren looked up from the map "What now?"', [("p", "p.")]),
    ('Tobin came back from the well.\n\nWren turned to him and said, "Not yet. Give it time."',
     []),
    ('Tobin came back from the well.\n\nWren shook her head. "Not yet. Give it an hour."', []),
    ('Tobin waited by the gate.\n\nThere came from the hall the cry, "Fire! Fire in the barn!"',
     []),
])
def test_an_action_before_a_line_ends_with_a_full_stop(text, expected) -> None:
    assert found(text, "dialogue.beat-before-line") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"I know," Wren said, "But not now. Later."', [(', "But', ', "but')]),
    ('"I know," Wren said. "but not now. Later."', [("but", "But")]),
    ('"I know," Wren said, "I will come later."', []),
    ('"I know," Wren said, "Tobin will come later."', []),
    ('"I know," Wren said. "But not now."', []),
])
def test_a_line_split_by_its_tag(text, expected) -> None:
    assert found(text, "dialogue.split-line-case") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"Wait!," Wren said, and ran after him.', [("!,", "!")]),
    ('"Wait!" Wren said, and ran after him.', []),
])
def test_no_comma_after_a_mark_that_ends_the_line(text, expected) -> None:
    assert found(text, "dialogue.doubled-mark") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('Tobin turned round. "what now?" he asked.', [("what", "What")]),
    ('Tobin turned round. "What now?" he asked, and Wren said "nothing."', []),
])
def test_a_line_that_starts_a_sentence_starts_with_a_capital(text, expected) -> None:
    assert found(text, "dialogue.line-capital") == expected


def test_a_quotation_left_open_is_marked_where_its_close_is_missing() -> None:
    text = ('"Sit down," Wren said. "The kettle is on, and the bread is nearly done.\n\n'
            'Tobin sat by the fire and warmed his hands.')
    assert found(text, "dialogue.missing-close") == [(".", None)]


@pytest.mark.parametrize(("text", "expected"), [
    ('"Oh honey, you came back," Wren said.', [("h ", "h, ")]),
    ('"N-No it\'s fine," Tobin said. "Okay that is enough."', [("o ", "o, "), ("y ", "y, ")]),
    ("Wren sat down. *'Come on Wren, think of something!'* Wren told herself.",
     [("n ", "n, ")]),
])
def test_address_and_interjections_in_speech_and_thought(text, expected) -> None:
    rules = ("punctuation.vocative", "punctuation.interjection")
    assert [hit for rule in rules for hit in found(text, rule)] == expected


@pytest.mark.parametrize(("text", "rule"), [
    ('"You keep calling me Tobin," Wren said to the boy called Tobin.', "punctuation.vocative"),
    ('"We could go out this Saturday," Wren said.', "punctuation.vocative"),
    ('"Oh God, not again," Wren said.', "punctuation.vocative"),
])
def test_a_name_that_is_no_address_is_left_alone(text, rule) -> None:
    assert found(text, rule) == []


@pytest.mark.parametrize(("text", "expected"), [
    ('"Someone is nervous I see," Wren said.', [("s ", "s, ")]),
    ("The house was quiet, if nobody was listening that is.", [("g ", "g, ")]),
    ('"I know what that is," Wren said. "Now I see."', []),
])
def test_a_tag_after_the_clause_is_set_off(text, expected) -> None:
    assert found(text, "punctuation.tag-question") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Wren read the letter.\n\nIt’s fine, really.”\n\nTobin nodded.", [("”", "")]),
    ("Wren read the letter.\n\n‘Are you coming, or not?”\n\nTobin nodded.", [("‘", "“")]),
    ("Wren read the letter.\n\n“It’s fine,” she said. “Really.”", []),
])
def test_curly_quotation_marks_come_in_pairs(text, expected) -> None:
    assert found(text, "punctuation.quotation-marks") == expected


def test_a_doubled_mark() -> None:
    assert found("They reached the Mill: : the lower room was empty.",
                 "punctuation.doubled") == [(": :", ":")]
    assert found("They reached the mill: the lower room was empty.", "punctuation.doubled") == []


@pytest.mark.parametrize(("text", "count"), [
    ("The music began to play in the hall, Wren's heart sank in her chest.", 1),
    ("The music began to play in the hall, and Wren's heart sank in her chest.", 0),
    ("When the music began to play, Wren's heart sank in her chest.", 0),
    ("Wren turned to the window, her eyes narrowed against the light.", 0),
    ("The night was very long and cold, Wren thought as she walked.", 0),
    ("Slowly the fire burned down in the grate, the last of the logs began to fall apart.", 1),
])
def test_two_sentences_joined_by_a_comma(text, count) -> None:
    assert len(found(text, "punctuation.comma-splice")) == count


@pytest.mark.parametrize(("text", "count"), [
    ("If anyone was to blame, it was Tobin; Wren decided, as she often did.", 1),
    ("Nobody said who had come; Wren knew.", 0),
    ("If anyone was to blame, it was Tobin; Wren had known it all along.", 0),
])
def test_a_tag_after_a_semicolon(text, count) -> None:
    assert len(found(text, "punctuation.tag-semicolon")) == count


@pytest.mark.parametrize(("text", "count"), [
    ("Wren looked at the gate. All she had to do, was wait for the others to come.", 1),
    ("Wren looked at the gate. All she had to do was wait for the others to come.", 0),
    ("Wren looked at the gate. The day that she had feared for so long, came.", 0),
    ("\"The gate is already open, isn't it?\" Wren asked.", 0),
])
def test_no_comma_between_a_subject_and_its_verb(text, count) -> None:
    assert len(found(text, "punctuation.subject-comma")) == count


@pytest.mark.parametrize(("text", "expected"), [
    ("Wren sat still for about fifteen Seconds before she spoke.", [("Seconds", "seconds")]),
    ("Tobin shrugged and gave in to his Mother. Then he slept.", [("Mother", "mother")]),
    ("Wren looked at the Mother Superior across the hall.", []),
    ("Tobin sat still for about fifteen seconds before he spoke.", []),
    ("Extras, Part II: 72 Hours to Midnight\n\nTobin slept until noon.", []),  # a heading
])
def test_a_common_noun_capitalised_in_mid_sentence(text, expected) -> None:
    assert found(text, "capitalisation.common-noun") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Wren studied his face, He was not easy to read at all.", [("He", "he")]),
    ("Wren studied his face; he was not easy to read at all.", []),
    ("A Lantern, A Road\n\nWren walked on until the night came.", []),
])
def test_a_sentence_goes_on_in_lower_case_after_a_comma(text, expected) -> None:
    assert found(text, "capitalisation.after-comma") == expected
