"""Names used once or twice that the text treats as people (issue 20, issue 24's drabbles).

The stories are written for these tests; the names are in no list ficlens ships.
"""

from __future__ import annotations

from ficlens.characters import run as find_characters
from ficlens.characters.mentions import FormEvidence
from ficlens.characters.stage import ATTACH, FOUND, REJECT, judge_form
from ficlens.document import Work
from ficlens.pipeline import analyze


def names(text: str) -> set[str]:
    work = Work(text=text)
    analyze(work, ["nlp"])
    find_characters(work)
    return {c["name"] for c in work.tables["characters"]}


def characters(text: str) -> list[dict]:
    work = Work(text=text)
    analyze(work, ["nlp"])
    find_characters(work)
    return work.tables["characters"]


def test_a_drabble_names_each_person_once() -> None:
    text = ("Vessa slams the cupboard and grabs her keys. Torvik watches from the doorway. "
            "He says nothing at all.\n")
    assert {"Vessa", "Torvik"} <= names(text)


def test_a_body_part_or_a_relative_makes_the_owner_a_person() -> None:
    text = ("The rain came down on the road. They carried Ammerlin into the barn. "
            "Ammerlin's hands were cold, and the lamp flickered.\n")
    assert "Ammerlin" in names(text)


def test_a_person_noun_beside_the_name() -> None:
    text = "At dawn the captain rode out with Quennel, one of the guards, to the ford.\n"
    assert "Quennel" in names(text)


def test_a_name_spoken_to_inside_a_line() -> None:
    text = '"We will talk later, Orrin," she said, and left the room.\n'
    assert "Orrin" in names(text)


def test_a_name_that_acts_on_someone() -> None:
    text = "Your arm still hurts where Dapple hit you. The kettle boils in the kitchen.\n"
    assert "Dapple" in names(text)


def test_interjections_adverbs_and_places_used_once_are_not_people() -> None:
    text = ('The stew was thin again.\n\n"Meh, I think it is fine," Rook said.\n\n'
            'Softer, Rook adds, "It really is."\n\n'
            "They drove to Brennock in the rain. She slept the whole way.\n")
    found = names(text)
    assert "Rook" in found
    assert not found & {"Meh", "Softer", "Brennock"}


def test_spoken_to_and_speaking_outweighs_an_organisation_label() -> None:
    spoken_to = FormEvidence("Pyke", count=6, other_entity=6, initial_only=2, vocative=2,
                             subject=2, speaker=1, proper=6)
    assert judge_form(spoken_to) == FOUND
    only_labelled = FormEvidence("Pyke", count=6, other_entity=6, subject=2, proper=6)
    assert judge_form(only_labelled) == REJECT


def test_a_person_cue_needs_a_proper_noun_and_no_lower_case_use() -> None:
    cued = FormEvidence("Harrow", count=1, subject=1, person_cue=1, proper=1)
    assert judge_form(cued) == FOUND
    assert judge_form(FormEvidence("Harrow", count=1, subject=1, person_cue=1)) == ATTACH
    assert judge_form(cued, lowercase_uses=2) == REJECT


def test_a_rank_title_does_not_outvote_the_pronouns() -> None:
    text = ("Lieutenant Sarvi checked the console. Sarvi frowned, and she tapped the screen "
            "again. Sarvi shook her head. She was sure of it. Sarvi said she would call "
            "the bridge, and she did.\n")
    sarvi = next(c for c in characters(text) if c["name"].endswith("Sarvi"))
    assert sarvi["gender"] == "F"


def test_a_role_with_a_possessive_that_speaks_is_a_character() -> None:
    text = ('Ostra stared at the map. ("Maps lie!" her tutor at the academy had said. '
            '"Walk the ground yourself!") Ostra folded it away.\n')
    found = {c["name"].lower() for c in characters(text) if c["kind"] == "nominal"}
    assert any("tutor" in name for name in found)


def test_a_relative_with_a_possessive_is_left_to_the_named_characters() -> None:
    text = ('Brannic dropped his bag by the door. "You are late," his father said. '
            "Brannic shrugged and went upstairs.\n")
    assert not [c for c in characters(text) if c["kind"] == "nominal"]


def test_a_bare_possessive_role_is_someone_already_on_stage() -> None:
    text = ('Holt and Wenna reached the gate at dusk. "It is locked," my companion said. '
            "Holt tried the latch again.\n")
    assert not [c for c in characters(text) if c["kind"] == "nominal"]


def test_a_contraction_a_drink_and_a_place_after_of_are_not_people() -> None:
    text = ('Tamsin dropped onto the couch. "I\u2019ll get the glasses," she said. '
            '"Anybody got any Grogwater, do you?" Tamsin asked.\n\n'
            '"Tamsin Vell, late of Marrowby and the coast," the herald said.\n')
    found = names(text)
    assert "Tamsin" in found or "Tamsin Vell" in found
    assert not found & {"I\u2019ll", "Grogwater", "Marrowby"}
