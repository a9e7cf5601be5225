"""Gender read from what the story says (issue 20), on invented stories whose names no list
the project ships has: pronouns after a name, kin words, describing nouns, author tags."""

from __future__ import annotations

from ficlens.characters.gender import GenderEvidence, decide, tag_genders
from ficlens.characters.names import gender_of_name
from tests.test_characters import analyzed, by_alias

FORGE = """Ilvara Quent walked into the forge at dawn. She set her hammer on the anvil.

Brannoc Idrell looked up from the bellows. He wiped his hands on his apron.

"You're late," Brannoc said. He did not smile.

Ilvara shrugged and pulled her gloves on. "The road was flooded."

Later, her brother Quillan came in with the ore. Quillan was a quiet man.

Kaelith kept the accounts. Kaelith was an old woman with sharp eyes.

Quillan carried the ore to the furnace and handed the coins to Kaelith.
"""

INVENTED = ("Ilvara", "Brannoc", "Quillan", "Kaelith", "Orrin", "Vessa", "Torvin")




def test_the_names_are_unknown_to_every_list() -> None:
    assert all(gender_of_name(name) == "" for name in INVENTED)


def test_pronouns_after_a_name_give_the_gender() -> None:
    work = analyzed(FORGE)
    thessaly = by_alias(work, "Ilvara Quent")
    brannoc = by_alias(work, "Brannoc Idrell")
    assert thessaly["gender"] == "F"
    assert brannoc["gender"] == "M"
    assert thessaly["gender_evidence"]["pronouns"]["F"] > 0
    assert thessaly["gender_evidence"]["name"] == ""
    assert 0.5 < brannoc["gender_confidence"] <= 1


def test_kin_words_and_describing_nouns_give_the_gender() -> None:
    work = analyzed(FORGE)
    quillan = by_alias(work, "Quillan")
    ysolde = by_alias(work, "Kaelith")
    assert quillan["gender"] == "M"
    assert quillan["gender_evidence"]["descriptions"].get("M", 0) >= 1
    assert ysolde["gender"] == "F"
    assert ysolde["gender_evidence"]["descriptions"] == {"F": 1}
    assert ysolde["gender_evidence"]["pronouns"] == {}


def test_a_possessive_is_not_a_description() -> None:
    text = (
        "Orrin's sister arrived at noon. Orrin waved at the cart.\n\n"
        "Orrin's sister climbed down and Orrin took the reins.\n"
    )
    orrin = by_alias(analyzed(text), "Orrin")
    assert orrin["gender_evidence"]["descriptions"] == {}


def test_an_author_tag_names_the_gender() -> None:
    text = (
        "Vessa looked at the map. Then Vessa folded it away.\n\n"
        '"We ride at dawn," Vessa said.\n'
    )
    assert by_alias(analyzed(text), "Vessa")["gender"] == "U"
    tagged = by_alias(analyzed(text, ["Female Vessa (Dragon Age)"]), "Vessa")
    assert tagged["gender"] == "F"
    assert tagged["gender_evidence"]["tags"] == {"F": 1}


def test_tag_genders_reads_the_common_spellings() -> None:
    names = [{"vessa"}, {"inquisitor"}, {"harry", "potter"}]
    votes = tag_genders(["Female Vessa", "Male Inquisitor (Dragon Age)", "fem!Harry", "Angst"],
                        names)
    assert [dict(v) for v in votes] == [{"F": 1}, {"M": 1}, {"F": 1}]


def test_the_text_outvotes_the_name_list() -> None:
    evidence = GenderEvidence(descriptions={"F": 2})
    assert decide({"F": 1}, set(), "M", evidence).gender == "F"
    assert decide({}, set(), "M", GenderEvidence()).gender == "M"
    assert decide({}, set(), "", GenderEvidence()).gender == "U"


def test_a_pronoun_in_another_named_persons_clause_does_not_vote() -> None:
    text = (
        "Ilvara sat by the fire with the ledgers. Later Ilvara wondered how Kaelith kept her "
        "ledgers so neat.\n\n"
        "Kaelith smiled. She closed the book.\n"
    )
    work = analyzed(text)
    assert "F" not in by_alias(work, "Ilvara")["gender_evidence"]["pronouns"]
    assert by_alias(work, "Kaelith")["gender"] == "F"


def test_a_pronoun_that_is_the_name_gives_the_gender() -> None:
    text = (
        '"Orrin," he said, and reached for the door.\n\n'
        "She turned back. She was still Vessa, whatever the years had done.\n\n"
        '"Go home, Vessa," he said.\n'
    )
    vessa = by_alias(analyzed(text), "Vessa")
    assert vessa["gender"] == "F"
    assert vessa["gender_evidence"]["descriptions"] == {"F": 1}


def test_a_sentence_initial_name_the_text_never_writes_in_lower_case_is_kept() -> None:
    """spaCy may tag an invented name opening a sentence as a common noun; the name still
    counts there (its pronouns give the gender), while "Will you ...?" stays no mention."""
    text = (
        "Dyporn opened the door. She set the axe down by the fire.\n\n"
        "Dyporn smiled at the dog. She scratched its ears. It will snow tonight.\n\n"
        '"Will you stay?" Dyporn asked Will. The dog followed Dyporn and Will to the cabin.\n'
    )
    work = analyzed(text)
    dyporn = by_alias(work, "Dyporn")
    assert dyporn["mentions"] == 4
    assert dyporn["gender"] == "F"
    will = [s for s in work.layer("mentions") if work.text[s.start : s.end] == "Will"]
    assert [s.start for s in will] == [text.index("Will."), text.rindex("Will")]


REPLIES = """Torvin mended nets on the pier while Orrin counted the crates. The rain had not
stopped for a week.

"Torvin, the ship sails tonight." Orrin's voice shook.

"Orrin, that is wonderful news!" He laughed and clapped the table.

"Torvin, will you wait for me?"

"Every day." He took the lantern and walked out into the rain.
"""


def test_the_tag_of_a_reply_gives_the_gender_of_the_one_called_by_name() -> None:
    work = analyzed(REPLIES)
    tavrek = by_alias(work, "Torvin")
    assert tavrek["gender"] == "M"
    assert tavrek["gender_evidence"]["pronouns"] == {"M": 2.0}


def test_a_reply_in_the_same_paragraph_or_a_line_calling_two_people_gives_nothing() -> None:
    same_paragraph = '"Torvin, the ship sails tonight." "Orrin, that is good!" He laughed.\n'
    two_called = ('"Torvin, Orrin, the ship sails tonight."\n\n'
                  '"That is good!" He laughed and clapped the table.\n')
    for story in (same_paragraph, two_called):
        work = analyzed("Torvin mended nets on the pier while Orrin counted the crates.\n\n"
                        + story)
        assert "M" not in by_alias(work, "Torvin")["gender_evidence"]["pronouns"]
