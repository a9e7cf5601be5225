"""Issue 20: a title the text uses as a name is a character; family is no romance."""

from __future__ import annotations

from ficlens.document import Work
from ficlens.pipeline import analyze
from tests.test_relations import Cast, build_work, relation, run


def characters(text: str) -> list[dict]:
    return analyze(Work(text=text), ["nlp", "characters"]).tables["characters"]


def test_the_professor_who_speaks_and_acts_is_a_character() -> None:
    text = (
        'Wren stepped into the hall and looked around. "Hello?" she called.\n\n'
        'The Professor stood up from behind the desk. "You found the place," '
        "the Professor said.\n\n"
        '"It was not hard," Wren said. The Professor smiled and poured the tea.\n\n'
        '"Sit down," the Professor said. "We have a great deal to talk about."\n'
    )
    named = {c["name"]: c for c in characters(text)}
    assert "the Professor" in named
    assert named["the Professor"]["mentions"] >= 4


def test_a_title_after_a_name_is_still_no_character_of_its_own() -> None:
    text = (
        'Doctor Halvard Brune came in. "Sit," Doctor Brune said.\n\n'
        '"Thank you," Wren said. Brune nodded and sat down too.\n'
    )
    names = [c["name"] for c in characters(text)]
    assert "the Doctor" not in names and "Doctor" not in names


def test_calling_her_mom_makes_a_goodbye_kiss_no_romance() -> None:
    cast: Cast = {"C0": ("female", ["Mara"]), "C1": ("male", ["Tobin"])}
    text = 'Mara kissed Tobin goodbye at the door. "Bye, Mom," Tobin said. "See you tonight."'
    work = build_work(text, cast, [("C1", "C0"), ("C1", "C0")])
    run(work)
    types = {t["type"] for t in relation(work, "C0", "C1")["types"]}
    assert types & {"parent", "child"}
    assert relation(work, "C0", "C1")["romance_score"] == 0
    assert work.tables["pairing_detail"]["kind"] != "romantic"


def test_the_kin_word_reads_which_one_is_the_parent() -> None:
    cast: Cast = {"C0": ("male", ["Osric"]), "C1": ("male", ["Pell"])}
    text = '"Come here, son," Osric said. "Coming," Pell said.'
    work = build_work(text, cast, [("C0", "C1"), ("C1", "C0")])
    run(work)
    assert [t["type"] for t in relation(work, "C0", "C1")["types"]] == ["parent"]


def test_pecks_alone_do_not_make_the_main_pairing() -> None:
    cast: Cast = {
        "C0": ("female", ["Ilse"]), "C1": ("male", ["Bram"]), "C2": ("female", ["Jun"]),
    }  # fmt: skip
    talk = '"Are you ready?" Ilse asked. "Almost," Bram said. ' * 4
    text = talk + "Jun kissed Bram on the forehead and went out."
    work = build_work(text, cast, [("C0", "C1"), ("C1", "C0")] * 4)
    run(work)
    assert relation(work, "C1", "C2")["romance_score"] > 0  # still a cue, weighed little
    assert set(work.tables["pairing"]) == {"C0", "C1"}
    assert work.tables["pairing_detail"]["kind"] == "platonic"


def test_the_younger_and_the_older_namesake_are_two() -> None:
    text = (
        "Corvan walked into the hall. The older Corvan was already waiting there.\n\n"
        '"You came," the older Corvan said.\n\n'
        '"I had to," the younger Corvan said. The younger Corvan sat down.\n\n'
        '"Then listen," the older Corvan said.\n'
    )
    names = {c["name"] for c in characters(text)}
    assert {"the older Corvan", "the younger Corvan"} <= names


def test_a_definite_role_that_speaks_is_a_person_whatever_its_entity_label() -> None:
    text = (
        "Maren climbed the last stair. The Oracle waited in the dark.\n\n"
        '"You are late," the Oracle said.\n\n'
        '"I know," Maren said. The Oracle turned toward her.\n\n'
        '"Ask your question," the Oracle said.\n\n'
        '"Where is my brother?" Maren asked.\n\n'
        '"Beyond the river," the Oracle said. The Oracle closed its eyes.\n'
    )
    assert "the Oracle" in {c["name"] for c in characters(text)}


HEALER = (
    "Tarrin limped into the tent, blood soaking through his sleeve. The healer looked up "
    "from her table.\n\n"
    '"Sit down before you fall down," the healer said.\n\n'
    '"It\'s only a scratch," Tarrin said.\n\n'
    "The healer cleaned the wound in silence. Then she reached for her needle. "
    '"This will hurt," she warned.\n'
)


def test_an_unnamed_speaker_is_every_use_of_her_description_and_her_pronouns_say_she() -> None:
    work = analyze(Work(text=HEALER), ["nlp", "characters", "quotes"])
    healer = [c for c in work.tables["characters"] if c["name"] == "the healer"]
    assert healer and healer[0]["mentions"] == 3 and healer[0]["gender"] == "F"
    said = {work.text[q.start : q.end]: q.get("speaker") for q in work.layer("quotes")}
    assert said['"This will hurt,"'] == healer[0]["id"]


def test_a_bare_word_for_age_or_sex_does_not_gather_mentions() -> None:
    from ficlens.characters.unnamed import description_pattern

    assert description_pattern("the man") is None
    assert description_pattern("nanny") is None
    pattern = description_pattern("a little girl")
    assert pattern is not None
    assert pattern.search("Then the little girl's mother came.")
    assert not pattern.search("the little girl-child")


def test_a_description_that_answers_to_a_name_is_that_character() -> None:
    text = (
        "Corin kept the inn by the river. Wren came in at noon.\n\n"
        '"I have to go north, Corin," Wren said.\n\n'
        '"So soon?" said the innkeeper, setting down his cloth.\n\n'
        '"Tomorrow. Will you look after the horses, Corin?"\n\n'
        '"I always do," said the innkeeper. He wiped his hands.\n'
    )
    found = {c["name"]: c for c in characters(text)}
    assert "the innkeeper" not in found
    assert found["Corin"]["mentions"] >= 4


def test_a_name_no_list_has_is_a_name_where_spacy_misreads_it_opening_a_sentence() -> None:
    name = "Bale"  # a common word too, but this text never writes it in lower case
    text = (
        f"Kaito sat on the roof with {name}. {name}’s hands are trembling.\n\n"
        f"“It didn’t work,” whispers {name}.\n\n"
        f"{name} cries then, too. Kaito holds him, and {name} leans into Kaito.\n\n"
        f"“We’ll try again,” Kaito says. {name} nods.\n"
    )
    found = {c["name"]: c["mentions"] for c in characters(text)}
    assert found.get(name, 0) >= 5
