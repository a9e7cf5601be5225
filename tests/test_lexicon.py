"""The shared vocabulary: gender parsing, the cast record and the word-list loaders."""

from __future__ import annotations

import dataclasses
from importlib import resources

import pytest

from ficlens.lexicon import (
    CharacterRecord,
    Gender,
    cast_by_id,
    cast_of,
    first_names,
    group_person_nouns,
    is_person_noun,
    kin_terms,
    nicknames,
    not_names,
    noun_gender,
    parse_gender,
    person_nouns,
    place_words,
    pronoun,
    pronoun_words,
    pronouns,
    speech_verbs,
    titles,
    unisex_names,
)


@pytest.mark.parametrize(
    ("spelling", "gender"),
    [
        ("M", Gender.MALE), ("m", Gender.MALE), ("male", Gender.MALE), ("Male", Gender.MALE),
        ("he", Gender.MALE), ("he/him", Gender.MALE), ("man", Gender.MALE), (1, Gender.MALE),
        ("F", Gender.FEMALE), ("f", Gender.FEMALE), ("female", Gender.FEMALE),
        ("she/her", Gender.FEMALE), ("woman", Gender.FEMALE), (2, Gender.FEMALE),
        ("N", Gender.NEUTER), ("they", Gender.NEUTER), ("nonbinary", Gender.NEUTER),
        ("U", Gender.UNKNOWN), ("", Gender.UNKNOWN), (None, Gender.UNKNOWN),
        (0, Gender.UNKNOWN), ("banana", Gender.UNKNOWN), (True, Gender.UNKNOWN),
        (Gender.FEMALE, Gender.FEMALE),
    ],
)  # fmt: skip
def test_parse_gender_reads_every_spelling_in_use(spelling: object, gender: Gender) -> None:
    assert parse_gender(spelling) is gender


def test_gender_keeps_the_json_letters_and_the_older_codes() -> None:
    assert [g.value for g in Gender] == ["M", "F", "N", "U"]
    assert str(Gender.FEMALE) == "F"
    assert (Gender.MALE.code, Gender.FEMALE.code, Gender.NEUTER.code) == ("m", "f", "")
    assert (Gender.MALE.number, Gender.FEMALE.number, Gender.UNKNOWN.number) == (1, 2, 0)
    assert Gender.MALE.is_binary and not Gender.NEUTER.is_binary


def test_character_records_come_from_the_table_and_are_frozen() -> None:
    table = [
        {"id": "C0", "name": "Ada Quill", "aliases": ["Ada", "Miss Quill"], "gender": "F",
         "gender_confidence": 0.9, "mentions": 12, "on_stage": True, "kind": "named"},
        {"id": "C1", "name": "the narrator", "aliases": [], "gender": "U", "mentions": 3,
         "kind": "narrator", "narrator": True},
        {"id": "C2", "name": "Bram", "aliases": [], "gender": "male", "mentions": 1},
        {"name": "no id"},
    ]  # fmt: skip
    cast = cast_of(table)
    assert [c.id for c in cast] == ["C0", "C1", "C2"]
    ada = cast[0]
    assert ada.gender is Gender.FEMALE and ada.aliases == ("Ada", "Miss Quill")
    assert ada.names == ("Ada Quill", "Ada", "Miss Quill")
    assert cast[1].narrator and cast[1].kind == "narrator"
    assert cast_by_id(table)["C2"].gender is Gender.MALE
    with pytest.raises(dataclasses.FrozenInstanceError):
        ada.name = "someone else"  # type: ignore[misc]
    assert isinstance(ada, CharacterRecord)


def test_cast_of_reads_a_work_and_a_missing_table() -> None:
    from ficlens.document import Work

    work = Work(text="x")
    assert cast_of(work) == ()
    work.set_table("characters", [{"id": "C0", "name": "Ivo", "aliases": [], "gender": "M"}])
    assert cast_of(work)[0].gender is Gender.MALE


def test_pronoun_sets_come_from_one_table() -> None:
    assert pronoun_words(3, Gender.FEMALE) == {"she", "her", "hers", "herself"}
    assert pronoun_words(3, Gender.MALE) == {"he", "him", "his", "himself"}
    assert pronoun_words(1) == {"i", "me", "my", "mine", "myself"}
    they = pronoun_words(3, Gender.NEUTER)
    assert {"they", "them", "their", "theirs", "themselves", "themself"} == they
    assert "it" in pronoun_words(3, Gender.NEUTER, groups=frozenset({"thing"}))
    assert pronoun("Her’s") is None and pronoun("HIMSELF").case == "refl"
    assert pronoun("'em").group == "colloquial" and pronoun("thou").group == "archaic"
    assert all(p.word == p.word.lower() for p in pronouns().values())


def test_person_nouns_titles_and_kin() -> None:
    assert noun_gender("policewoman") is Gender.FEMALE
    assert noun_gender("Gentleman's") is Gender.MALE
    assert noun_gender("Mrs.") is Gender.FEMALE and noun_gender("ma'am") is Gender.FEMALE
    assert noun_gender("talisman") is Gender.UNKNOWN and noun_gender("clerk") is Gender.UNKNOWN
    assert is_person_noun("clerk") and is_person_noun("fisherman")
    assert not is_person_noun("human") and not is_person_noun("table")
    assert person_nouns()["nurse"] is Gender.FEMALE
    assert "family" in group_person_nouns()
    assert titles("honorific")["Mrs."] is Gender.FEMALE
    assert titles("honorific")["Dr."] is Gender.UNKNOWN
    assert titles("title")["Aunt"] is Gender.FEMALE
    with pytest.raises(ValueError):
        titles("nonsense")
    mother = kin_terms()["mother"]
    assert (mother.relation, mother.gender, mother.formal) == ("parent", Gender.FEMALE, True)
    assert not kin_terms()["dad"].formal


def test_names_nicknames_and_speech_verbs() -> None:
    assert first_names()["Margaret"] is Gender.FEMALE
    assert "Alex" in unisex_names() and "Alex" not in first_names()
    assert nicknames()["Bert"] == ("Albert", "Robert", "Herbert")
    assert "Tuesday" in not_names() and "Street" in place_words()
    assert {"say", "ask", "whisper"} <= speech_verbs("core") < speech_verbs()
    assert "drawl" in speech_verbs() and "drawl" not in speech_verbs("core")


# Names of characters of PDNC, LitBank or the sample stories that once sat in the lists.
CORPUS_KEYED = (
    "Peyton Whitey Mouth Skills Fitzwilliam Bingley Wickham Ferrars Knightley Wentworth "
    "Sherlock Watson Fagin Bumble Sikes Monks Heathcliff Rochester Darnay Pip Willoughby "
    "Darcy Tristram Jem Nance"
).split()


def test_no_list_holds_a_test_story_character() -> None:
    every_name = (
        set(first_names()) | unisex_names() | set(nicknames())
        | {full for fulls in nicknames().values() for full in fulls}
    )  # fmt: skip
    assert not every_name & set(CORPUS_KEYED)
    assert "Luke" not in nicknames()


def test_every_data_file_says_where_it_came_from() -> None:
    folder = resources.files("ficlens.lexicon").joinpath("data")
    files = [f for f in folder.iterdir() if f.name.endswith((".txt", ".tsv"))]
    assert len(files) >= 10
    for data in files:
        header = [line for line in data.read_text("utf-8").splitlines() if line.startswith("#")]
        text = " ".join(header).lower()
        assert header and ("source" in text or "written for ficlens" in text), data.name
        rows = [line for line in data.read_text("utf-8").splitlines()
                if line.strip() and not line.startswith("#")]  # fmt: skip
        assert rows, data.name
        assert len(rows) == len(set(rows)), f"{data.name} repeats a row"


def test_speech_verb_forms_are_the_lexicon_lemmas_inflected() -> None:
    from ficlens.check.vocab import SPEECH_VERBS
    from ficlens.lexicon import speech_verb_forms, speech_verbs

    forms = speech_verb_forms()
    assert SPEECH_VERBS is forms  # the checks read the one list, not a copy of their own
    assert speech_verbs() <= forms
    # regular pasts and -s forms, doubled consonants, -ied, and the written-out irregulars
    assert {"asked", "whispered", "begged", "quipped", "replied", "cries", "hisses",
            "said", "told", "began", "spoke", "admitted"} <= forms
    assert not {"admited", "sayed", "lay"} & forms
