"""Nominal speakers: who says a line when the tag names a description, not a name."""

from __future__ import annotations

from ficlens.document import Work
from ficlens.pipeline import analyze


def nominal(text: str) -> list[dict]:
    work = analyze(Work(text=text), ["nlp", "characters"])
    return [c for c in work.tables["characters"] if c["kind"] == "nominal"]


def test_a_speaker_who_acts_and_then_speaks() -> None:
    found = nominal(
        "Tony offered the two men a drink.\n\n"
        'The junior clerk brightened visibly and said, "Happy to help."\n'
    )
    assert [c["name"] for c in found] == ["the junior clerk"]


def test_the_girl_is_the_little_girl_who_spoke_just_before() -> None:
    found = nominal(
        'Tomas looked along the lane. "Where is the mill?" he asked.\n\n'
        '"I can take you," said a little girl, jumping down from the wall.\n\n'
        'A woman waved from a high window. "That is Brenna," said the girl.\n'
    )
    assert [(c["name"], c["mentions"]) for c in found] == [("a little girl", 2)]


def test_a_definite_description_joins_no_one_described_before() -> None:
    found = nominal(
        'Holmes lit his pipe. "Well?" he asked.\n\n'
        '"I have the man," said the fat detective, rubbing his hands.\n\n'
        '"Which man?" said Holmes.\n\n'
        '"The one you wanted," said the detective.\n'
    )
    fat = [c for c in found if c["name"] == "the fat detective"]
    assert fat and fat[0]["mentions"] == 1


def test_an_inverted_tag_read_as_an_object_refers_back_too() -> None:
    found = nominal(
        'Tomas looked along the lane. "Where is the mill?" he asked.\n\n'
        '"I can take you," said a little girl, jumping down from the wall.\n\n'
        'Tomas followed her down the lane. "Here it is, past the last cottage," '
        "remarked the girl, who had been waiting for him.\n"
    )
    assert [(c["name"], c["mentions"]) for c in found] == [("a little girl", 2)]


def test_an_inverted_tag_read_as_an_object_brings_no_one_new() -> None:
    found = nominal(
        'Tomas looked along the lane. "Where is the mill?" he asked.\n\n'
        'Tomas followed her down the lane. "Here it is, past the last cottage," '
        "remarked the girl, who had been waiting for him.\n"
    )
    assert found == []
