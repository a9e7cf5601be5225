"""The beta reader's newer rules on small invented stories (parsed by the full pipeline)."""

from __future__ import annotations

import pytest

from ficlens.check import run_checks
from ficlens.document import Work
from ficlens.pipeline import analyze


def found(text: str, select: tuple[str, ...] = ()) -> list[tuple[str, str, str | None]]:
    work = analyze(Work(text=text), ["segment", "nlp", "characters", "quotes", "coref"])
    return [(f.rule, text[f.start:f.end], f.suggestion)
            for f in run_checks(work, select=list(select))]


@pytest.mark.parametrize(("text", "word"), [
    ('"I never wanted this," She spoke quietly, and turned away.', "She"),
    ('"Go home!" He banged on the gate, and they went.', None),
    ('"Go home!" He bellowed at the gate, and they went.', "He"),
    ('"Are you sure?" He nodded and left the room.', None),
    ('"Are you sure?" He went to the window.', None),
])
def test_a_capital_is_flagged_before_every_verb_of_saying_but_not_before_a_beat(text, word):
    hits = [w for rule, w, _ in found(text, ("dialogue",)) if rule == "dialogue.capitalised-tag"]
    assert hits == ([word] if word else [])


@pytest.mark.parametrize(("text", "rule", "suggestion"), [
    ('Mara came in. "Thanks Mom," Mara said to her mother.', "punctuation.vocative", "s, "),
    ('Mara sighed. "I love you Theo." Theo smiled at Mara.', "punctuation.vocative", "u, "),
    ('Mara looked at Theo. Theo waited for Mara. "Mara that is not fair," he said.',
     "punctuation.vocative", "a, "),
    ("They flew to L.A on Monday.", "punctuation.abbreviation", "L.A."),
    ('"It is a classic right?" she asked.', "punctuation.tag-question", "c, "),
    ('"Fine," Theo said breaking the silence.', "punctuation.participle-after-tag",
     "said, breaking"),
    ("They held each others' hands.", "punctuation.each-other", "each other's"),
])
def test_punctuation_slips_are_flagged(text, rule, suggestion) -> None:
    hits = [(r, s) for r, _w, s in found(text, ("punctuation",))]
    assert hits == [(rule, suggestion)]


@pytest.mark.parametrize("text", [
    'Mara came in. "Thanks, Mom," Mara said. "I told Theo." Theo laughed.',
    '"Theo is here," Mara said. "Turn right?" she asked. They met in L.A. on Monday.',
    '"Fine," Theo said, breaking the silence. He began walking. They loved each other.',
])
def test_correct_punctuation_is_left_alone(text) -> None:
    assert found(text, ("punctuation",)) == []


@pytest.mark.parametrize(("text", "suggestion"), [
    ("Mara set her tea cup down on the sill.", "teacup"),
    ("She left tear drops on his shirt and walked out.", "teardrops"),
    ("A green eyed girl walked into the tavern.", "green-eyed"),
    ("She was kind and soft spoken.", "soft-spoken"),
    ("They planned a 2 day trip to the coast.", "2-day"),
    ("It was his great grandmother's ring.", "great-grandmother"),
    ("He gave a long, drawn out explanation of the plan.", "drawn-out"),
])
def test_open_compounds_are_flagged(text, suggestion) -> None:
    assert [s for _r, _w, s in found(text, ("compounds",))] == [suggestion]


@pytest.mark.parametrize("text", [
    "Her heart felt heavy. The heavy weight of it was gone. He had drawn out the money.",
    "She hit her brother, then she wrote every day in the green wood of the garden.",
    "They coloured the sky, coloured in streaks of gold, and he was related to her.",
    # written apart as often as joined: both spellings are standard
    "He leaned against the side wall of the cellar and waited.",
])
def test_ordinary_word_pairs_are_left_alone(text) -> None:
    assert found(text, ("compounds",)) == []


@pytest.mark.parametrize(("text", "rule", "suggestion"), [
    ("She was still laying on the sofa when he got home.", "confusables.lie-lay", "lying"),
    ("Her cat was laying so still on the windowsill.", "confusables.lie-lay", "lying"),
    ("After they laid down together, nobody spoke.", "confusables.lie-lay", "lay"),
    ("The old dogs had laid by the stove all evening.", "confusables.lie-lay", "lain"),
    ("The parcel was well on it's way to the coast.", "confusables.its", "its"),
    ("She couldn't bare the silence any longer.", "confusables.bear", "bear"),
    ("Her name rolled of his tongue like a song.", "confusables.off", "off"),
    ("By noon he had went to the market.", "confusables.verb-form", "gone"),
    ("How could she chose the city over him?", "confusables.verb-form", "choose"),
    ("He knew she would have know it anyway.", "confusables.verb-form", "known"),
    ('"Mira, there gonna close the gate!" Tam shouted.', "confusables.theyre", "they're"),
    ('"Their coming tonight," Mira said.', "confusables.theyre", "They're"),
    ('"There going to leave without us," Tam said.', "confusables.theyre", "They're"),
])
def test_confusions_the_parse_settles_are_flagged(text, rule, suggestion) -> None:
    hits = [(r, s) for r, _w, s in found(text, ("confusables",)) if r != "confusables.context"]
    assert hits == [(rule, suggestion)]


@pytest.mark.parametrize("text", [
    "She laid the book on the table. The cloth was laid on the bed. Hens were laying eggs.",
    "It's late. A drop of rain fell. She took a roll of tape. It's cold in it and he had gone.",
    "They could lay the blame on him. We could saw the log. She had to bare her soul.",
    "Their leaving hurt her. Is anyone there going to help? There sitting on the bench was Jo.",
    "She knew their running days were over.",
    "There being no answer at the gate, they waited by the door.",
])
def test_correct_uses_are_left_alone(text) -> None:
    hits = [r for r, _w, _s in found(text, ("confusables",)) if r != "confusables.context"]
    assert hits == []


def test_there_going_to_be_is_not_theyre() -> None:
    # it lost an 's (there's going to be), so "they're" would be the wrong fix
    rules = [r for r, _w, _s in found("There going to be trouble, Mira thought.",
                                      ("confusables",))]
    assert "confusables.theyre" not in rules


@pytest.mark.parametrize("text", [
    "Neither of them knew the way, and neither of the wanted to waste the night.",
    "The lamps went out. All of the could see the fire on the hill.",
])
def test_them_that_lost_its_m_is_flagged(text) -> None:
    assert found(text, ("words",)) == [("words.of-them", "the", "them")]


def test_a_participle_before_its_noun_after_of_the_is_left_alone() -> None:
    text = "One of the wanted men ran. Some of the said goods were lost. Both of the boys left."
    assert found(text, ("words",)) == []


def test_doubled_function_words_are_flagged_and_playful_repeats_left() -> None:
    text = ("She walked to the the door. Cool cool cool, hint hint. He had had enough. "
            "Did anyone tell you you're odd? Do you like like him?")
    assert found(text, ("words",)) == [("words.doubled", " the", "")]


def test_a_clause_final_too_and_an_italic_thought_are_left_alone() -> None:
    text = ("She smiled at him and he smiled too, and the night went on. He looked at her. "
            "*She is so calm*, he thought, and the rain fell.")
    rules = [r for r, _w, _s in found(text, ("confusables", "tense"))]
    assert "confusables.context" not in rules and "tense.present-in-past" not in rules


def test_a_subject_pronoun_before_its_noun_takes_the_gender_of_the_sentence() -> None:
    text = "She stared at the fire and pressed her lips together as he chin began to tremble."
    assert found(text, ("pronouns",)) == [("pronouns.possessive", "he", "her")]
    assert found("She knew he hoped so. He saw she meant it.", ("pronouns",)) == []


def test_two_rules_proposing_one_fix_make_one_finding() -> None:
    hits = found("She was still laying on the sofa when he got home.", ("confusables",))
    assert [(r, s) for r, _w, s in hits] == [("confusables.lie-lay", "lying")]


def test_every_rule_id_names_one_rule() -> None:
    """The registry is keyed by id: two modules registering one id would hide a rule."""
    from collections import Counter

    from ficlens.check.runner import CHECKERS

    ids = Counter(rule.id for module in CHECKERS for rule in module.RULES)
    assert [rule for rule, count in ids.items() if count > 1] == []
