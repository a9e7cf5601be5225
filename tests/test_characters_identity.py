"""Characters kept apart by what the text says (issue 20): a rank and a surname is not the
first-name character of another generation or gender; "the other X" is a second X. The
stories are invented; their names are in no list the project ships."""

from __future__ import annotations

from ficlens.characters import run as find_characters
from ficlens.characters.cluster import cluster_forms, parse_form
from ficlens.document import Work
from ficlens.pipeline import analyze

SHERIFF = """Jorvan Keddick locked his bike outside the diner. He was late again.

His father, Sheriff Keddick, was already in the booth. Sheriff Keddick did not look up.

"You said seven," Sheriff Keddick muttered. He pushed a menu across the table.

Jorvan sat down across from him. "Sorry, Dad."

Jorvan's dad sighed and waved at the waitress. Jorvan ordered pancakes.
"""

NAMESAKES = """Teodric sat by the fire and waited. He had not slept for two days.

The door opened and the other Teodric walked in, older and grey at the temples.

"You're me," Teodric said. He could not stop staring.

"I was," the other Teodric said. He sat down across the fire.

Teodric poured him a cup of tea.
"""


def analyzed(text: str) -> Work:
    work = Work(text=text)
    analyze(work, ["nlp"])
    find_characters(work)
    return work


def holders(work: Work, alias: str) -> list[dict]:
    return [c for c in work.tables["characters"] if alias in c["aliases"]]


def test_a_rank_and_surname_is_not_the_son_the_text_gives_a_father() -> None:
    work = analyzed(SHERIFF)
    [son] = holders(work, "Jorvan Keddick")
    [father] = holders(work, "Sheriff Keddick")
    assert son["id"] != father["id"]
    assert "Sheriff Keddick" not in son["aliases"]


def test_a_rank_and_surname_still_joins_the_one_character_when_nothing_separates_them() -> None:
    counts = {"Orla Venn": 4, "Orla": 20, "Captain Venn": 6}
    [one] = cluster_forms(counts, set(counts))
    assert set(one.forms) == set(counts)


def test_a_gender_conflict_keeps_rank_and_first_name_apart() -> None:
    counts = {"Orla Venn": 4, "Orla": 20, "Captain Venn": 6}
    clusters = cluster_forms(counts, set(counts), {}, {"Orla": "F", "Captain Venn": "M"})
    assert sorted(sorted(c.forms) for c in clusters) == [
        ["Captain Venn"], ["Orla", "Orla Venn"]]


def test_a_relative_of_another_generation_keeps_rank_and_first_name_apart() -> None:
    counts = {"Orla Venn": 4, "Orla": 20, "Captain Venn": 6}
    clusters = cluster_forms(counts, set(counts), {}, {}, frozenset({"Orla Venn"}))
    assert len(clusters) == 2


def test_the_narrators_two_names_keep_a_ranked_namesake_apart() -> None:
    """The narration calls one man by his first name and another by the shared surname."""
    counts = {"Aurek Dalmond": 5, "Aurek": 30, "Dalmond": 15, "Rear Admiral Dalmond": 1}
    narrated = {"Aurek": 25, "Dalmond": 10}
    clusters = cluster_forms(counts, set(counts) - {"Rear Admiral Dalmond"}, narrated)
    assert sorted(sorted(c.forms) for c in clusters) == [
        ["Aurek", "Aurek Dalmond"], ["Dalmond", "Rear Admiral Dalmond"]]


def test_a_compound_rank_is_one_title() -> None:
    parts = parse_form("Rear Admiral Dalmond")
    assert (parts.titles, parts.given, parts.surname) == (("Admiral",), None, "Dalmond")
    assert parse_form("Vice Admiral Aurek Dalmond").given == "Aurek"


def test_the_other_namesake_is_a_second_character() -> None:
    work = analyzed(NAMESAKES)
    first = [c for c in holders(work, "Teodric") if c["name"] == "Teodric"]
    second = holders(work, "the other Teodric")
    assert len(first) == 1 and len(second) == 1
    assert first[0]["id"] != second[0]["id"]
    mentions = [s for s in work.layer("mentions") if s["character"] == second[0]["id"]]
    assert [work.text[s.start : s.end] for s in mentions] == ["the other Teodric"] * 2
